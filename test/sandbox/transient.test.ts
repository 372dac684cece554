import { expect, it } from 'vitest';
import { processExec } from '../../src/cheatsheet/run-example';
import type { ProcessRunner, RunResult } from '../../src/proc/run';
import { runAutomatedCommand } from '../../src/sandbox/run-command';

/**
 * Automation (verify, test setup, the cheat sheet's examples) runs a command once more when the
 * engine itself failed under load; anything else is the command's own result.
 */
const SHIM = 'docker: Error response from daemon: failed to create shim task: failed to start io pipe copy: unable to copy pipes: containerd-shim: opening w/o fifo "/run/x/init-stdout" failed: context deadline exceeded';
const result = (argv: string[], exitCode: number, stderr = ''): RunResult => ({ argv, exitCode, signal: null, stdout: '', stderr, timedOut: false, cancelled: false, durationMs: 1 });

/** A runner that answers from a script, in order, and records every command. */
function scripted(answers: [number, string][]): { runner: ProcessRunner; calls: string[] } {
  const calls: string[] = [];
  const runner: ProcessRunner = async (file, args) => {
    calls.push([file, ...args].join(' '));
    const [code, stderr] = answers.shift() ?? [0, ''];
    return result([file, ...args], code, stderr);
  };
  return { runner, calls };
}

it('a shim timeout: the half-made container is removed and the command runs once more', async () => {
  const { runner, calls } = scripted([[125, SHIM], [0, ''], [0, '']]);
  const r = await runAutomatedCommand('docker run -d --name web busybox sleep 9', { cwd: '/ws', env: {}, runner });
  expect(r.exitCode).toBe(0);
  expect(calls).toEqual(['docker run -d --name web busybox sleep 9', 'docker rm -f web', 'docker run -d --name web busybox sleep 9']);
});

it('the command’s own failures are not retried (a name conflict is exit 125 too)', async () => {
  const conflict = 'docker: Error response from daemon: Conflict. The container name "/web" is already in use';
  for (const [code, stderr] of [[125, conflict], [1, SHIM], [127, 'no such command']] as [number, string][]) {
    const { runner, calls } = scripted([[code, stderr]]);
    const r = await runAutomatedCommand('docker run --name=web busybox', { cwd: '/ws', env: {}, runner });
    expect(r.exitCode).toBe(code);
    expect(calls).toHaveLength(1);
  }
});

it('the cheat sheet runner retries the same way, with --name=value too', async () => {
  const { runner, calls } = scripted([[125, SHIM], [0, ''], [0, '']]);
  const exec = processExec(undefined, runner);
  const r = await exec({ argv: ['docker', 'run', '--name=ex1', 'busybox', 'true'], cwd: '/ws', env: {}, timeoutMs: 1000, tty: false });
  expect(r.exitCode).toBe(0);
  expect(calls).toEqual(['docker run --name=ex1 busybox true', 'docker rm -f ex1', 'docker run --name=ex1 busybox true']);
});
