// What the sandbox's door costs: the same Engine API calls over the bare engine socket and through
// the sandbox proxy, interleaved in one run (no assertions: read the numbers).
//   node scripts/bench-proxy.mjs [--runs N]     (needs a built dist/, a Docker engine, busybox:latest)
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/ctr-learn.js', import.meta.url).pathname;
const runsArg = process.argv.indexOf('--runs');
const N = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
const home = mkdtempSync(join(tmpdir(), 'ctr-bench-proxy-'));
const bare = process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') || '/var/run/docker.sock';

const shell = spawn(process.execPath, [bin, 'shell', 'run-options', '--print'], { env: { ...process.env, CTR_LEARN_HOME: home, CI: '' } });
const proxied = await new Promise((resolve, reject) => {
  let out = '';
  shell.stdout.on('data', (c) => {
    out += c;
    const m = /unix:\/\/(\S+\.sock)/.exec(out);
    if (m) resolve(m[1]);
  });
  shell.on('exit', () => reject(new Error(`shell exited: ${out}`)));
});

function call(socketPath, agent, method, path, body) {
  const payload = body ? Buffer.from(JSON.stringify(body)) : null;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.request({ socketPath, agent, method, path, headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - t, status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload ?? undefined);
  });
}

const agents = { bare: new http.Agent({ keepAlive: true }), proxy: new http.Agent({ keepAlive: true }) };
const sock = { bare, proxy: proxied };
const created = await call(proxied, agents.proxy, 'POST', `/v1.41/containers/create?name=bench-proxy-${process.pid}`, { Image: 'busybox:latest', Cmd: ['sleep', '600'] });
const id = JSON.parse(created.body).Id;
if (!id) throw new Error(`create failed: ${created.body}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const kinds = {
  'GET /_ping': () => ['GET', '/v1.41/_ping'],
  'GET /containers/{id}/json (own)': () => ['GET', `/v1.41/containers/${id}/json`],
  'GET /containers/json (ps)': () => ['GET', '/v1.41/containers/json?all=1'],
  'POST /containers/{id}/update (judged body)': () => ['POST', `/v1.41/containers/${id}/update`, { CpuShares: 512 }],
};
const results = {};
for (const [name, make] of Object.entries(kinds)) {
  const t = { bare: [], proxy: [] };
  for (let i = 0; i < N; i++) {
    for (const side of i % 2 ? ['bare', 'proxy'] : ['proxy', 'bare']) {
      const [m, p, b] = make();
      t[side].push((await call(sock[side], agents[side], m, p, b)).ms);
    }
  }
  results[name] = t;
}

function timeCli(host) {
  const t = performance.now();
  spawnSync('docker', ['ps', '-a'], { env: { ...process.env, DOCKER_HOST: `unix://${host}` } });
  return performance.now() - t;
}
const cli = { bare: [], proxy: [] };
for (let i = 0; i < 15; i++) {
  cli.bare.push(timeCli(bare));
  cli.proxy.push(timeCli(proxied));
}

await call(bare, agents.bare, 'DELETE', `/v1.41/containers/${id}?force=1`);
shell.kill('SIGINT');

console.log(`proxy cost, ${N} interleaved calls each (medians; p95 in brackets):`);
for (const [name, t] of Object.entries(results)) {
  const b = median(t.bare);
  const p = median(t.proxy);
  console.log(`  ${name.padEnd(44)} bare ${b.toFixed(2)} ms [${p95(t.bare).toFixed(2)}]  proxy ${p.toFixed(2)} ms [${p95(t.proxy).toFixed(2)}]  added ${(p - b).toFixed(2)} ms (${(p / b).toFixed(2)}x)`);
}
const cb = median(cli.bare);
const cp = median(cli.proxy);
console.log(`  ${'docker ps -a (the CLI, 15 runs)'.padEnd(44)} bare ${cb.toFixed(1)} ms  proxy ${cp.toFixed(1)} ms  added ${(cp - cb).toFixed(1)} ms (${(cp / cb).toFixed(2)}x)`);
process.exit(0);
