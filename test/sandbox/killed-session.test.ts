import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/proc/run';
import { engineForTests, ensureImages, uniq } from '../helpers/engine';

const api = await engineForTests();
const bin = join(import.meta.dirname, '../../bin/ctr-learn.js');

/** Start the built binary's `shell --print` and wait for the DOCKER_HOST line it prints. */
function startSession(home: string): Promise<{ pid: number; dockerHost: string; sessionId: string; kill: (sig: NodeJS.Signals) => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'shell', 'run-options', '--print'], { env: { ...process.env, CTR_LEARN_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/DOCKER_HOST=(\S+) CTR_LEARN_SESSION=(\S+)/);
      if (m) resolve({ pid: child.pid!, dockerHost: m[1], sessionId: m[2], kill: (sig) => child.kill(sig) });
    });
    child.on('exit', (code) => reject(new Error(`shell --print exited ${code}: ${err}`)));
  });
}

describe.runIf(api)('a killed session (kill -9): its learner’s next start takes the lab over', () => {
  const home = mkdtempSync(join(tmpdir(), 'ctr-killed-'));
  afterAll(() => api?.close());

  it('keeps the crashed session’s container and volume, and the next session owns them', async () => {
    await ensureImages(api!);
    const name = uniq('killed');
    const vol = uniq('killed-vol');
    const first = await startSession(home);
    const run = await runProcess('docker', ['run', '-d', '--name', name, '-v', `${vol}:/data`, 'busybox', 'sleep', '300'], {
      description: 'docker run', timeoutMs: 30_000, env: { DOCKER_HOST: first.dockerHost },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    first.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect(await api!.maybe('GET', `/containers/${name}/json`)).not.toBeNull();

    // The same learner's next start adopts the crashed session: same session, objects kept and its own.
    const second = await startSession(home);
    try {
      expect(second.sessionId).toBe(first.sessionId);
      expect(await api!.maybe('GET', `/containers/${name}/json`)).not.toBeNull();
      expect(await api!.maybe('GET', `/volumes/${vol}`)).not.toBeNull();
      // Its docker CLI may change them (the proxy's ownership rules accept the adopted objects).
      const stop = await runProcess('docker', ['rm', '-f', name], { description: 'docker rm', timeoutMs: 30_000, env: { DOCKER_HOST: second.dockerHost } });
      expect(stop.exitCode, stop.stderr).toBe(0);
      const rmv = await runProcess('docker', ['volume', 'rm', vol], { description: 'docker volume rm', timeoutMs: 30_000, env: { DOCKER_HOST: second.dockerHost } });
      expect(rmv.exitCode, rmv.stderr).toBe(0);
      expect(await api!.maybe('GET', '/images/busybox:latest/json')).not.toBeNull();
    } finally {
      second.kill('SIGTERM');
    }
  });
});
