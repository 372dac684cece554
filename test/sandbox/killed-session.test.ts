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
function startSession(home: string): Promise<{ pid: number; dockerHost: string; kill: (sig: NodeJS.Signals) => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'shell', 'run-options', '--print'], { env: { ...process.env, CTR_LEARN_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/DOCKER_HOST=(\S+)/);
      if (m) resolve({ pid: child.pid!, dockerHost: m[1], kill: (sig) => child.kill(sig) });
    });
    child.on('exit', (code) => reject(new Error(`shell --print exited ${code}: ${err}`)));
  });
}

describe.runIf(api)('a killed session (kill -9) is reaped by the next start', () => {
  const home = mkdtempSync(join(tmpdir(), 'ctr-killed-'));
  afterAll(() => api?.close());

  it('removes the dead session’s container and volume, and nothing else', async () => {
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

    // The next start of ctr-learn (any session) reaps the leftovers.
    const second = await startSession(home);
    try {
      expect(await api!.maybe('GET', `/containers/${name}/json`)).toBeNull();
      expect(await api!.maybe('GET', `/volumes/${vol}`)).toBeNull();
      expect(await api!.maybe('GET', '/images/busybox:latest/json')).not.toBeNull();
    } finally {
      second.kill('SIGTERM');
    }
  });
});
