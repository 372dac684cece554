// Benchmarks for the non-interactive core, printed as figures with ratios against a baseline
// measured in the same run (`node -e 0`). No assertions: read the numbers.
//   node scripts/bench-core.mjs            (needs a built dist/ and a Docker engine for the check figures)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/ctr-learn.js', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'ctr-bench-'));
const env = { ...process.env, CTR_LEARN_HOME: home };
const N = Number(process.env.BENCH_RUNS || 15);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(args, extraEnv = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, encoding: 'utf8' });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}
function medianOf(args, extraEnv) {
  time(args, extraEnv); // warm the file cache
  return median(Array.from({ length: N }, () => time(args, extraEnv).ms));
}

const base = medianOf(['-e', '0']);
const row = (name, ms) => console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / base).toFixed(2)}x node -e 0`);
console.log(`runs per figure: ${N} (median)`);
row('node -e 0 (baseline)', base);
row('ctr-learn --version', medianOf([bin, '--version']));
row('ctr-learn --help', medianOf([bin, '--help']));
row('ctr-learn lessons', medianOf([bin, 'lessons']));
row('ctr-learn lint', medianOf([bin, 'lint']));

// Check latency: a sandbox session with the first step of run-options solved.
const ping = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
if (ping.status !== 0) {
  console.log('no Docker engine: check figures skipped');
  process.exit(0);
}
const shell = spawn(process.execPath, [bin, 'shell', 'run-options', '--print'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const dockerHost = await new Promise((resolve) => {
  let out = '';
  shell.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/DOCKER_HOST=(\S+) CTR_LEARN_SESSION=(\S+)/);
    if (m) resolve({ DOCKER_HOST: m[1], CTR_LEARN_SESSION: m[2] });
  });
});
try {
  execFileSync('docker', ['run', '-d', '--name', 'web', '-p', '8080:80', 'ctr-learn/web:1'], { env: { ...env, DOCKER_HOST: dockerHost.DOCKER_HOST } });
  const runs = Array.from({ length: N }, () => {
    const { ms, r } = time([bin, 'check', 'run-options', '--step', '1', '--json'], dockerHost);
    return { total: ms, engine: JSON.parse(r.stdout).ms };
  });
  row('ctr-learn check (whole process, 3 checks)', median(runs.map((x) => x.total)));
  console.log(`${'  of which grading (engine + HTTP)'.padEnd(44)} ${median(runs.map((x) => x.engine)).toFixed(1).padStart(8)} ms`);
} finally {
  shell.kill('SIGTERM');
}
