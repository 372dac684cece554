import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { runProcess, type RunOptions } from '../../src/proc/run';

const sh = (script: string, opts: Partial<RunOptions> = {}) =>
  runProcess('sh', ['-c', script], { description: 'a test script', timeoutMs: 10_000, ...opts });

/**
 * Whether a process is still running. A zombie counts as gone: it has exited and only waits for
 * its new parent to reap it (the init of some containers reaps late), and it holds no pipe open.
 */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ESRCH');
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Wait (briefly) until the process is gone; true if it went. */
async function gone(pid: number, withinMs = 2000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!running(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !running(pid);
}

/** A script whose grandchild holds stdout open: it prints the grandchild's pid, then waits. */
const WITH_GRANDCHILD = 'sleep 30 & echo $!; wait';

describe('runProcess', () => {
  it('returns the exit code and captures stdout and stderr separately', async () => {
    const r = await sh('echo out; echo err >&2; exit 3');
    expect(r).toMatchObject({ argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'], exitCode: 3, signal: null, stdout: 'out\n', stderr: 'err\n', timedOut: false, cancelled: false });
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it('runs without a shell: arguments reach the program unchanged', async () => {
    const r = await runProcess('printf', ['%s|', '$HOME', 'a b', '*', '; rm -rf /'], { description: 'printf', timeoutMs: 5000 });
    expect(r.stdout).toBe('$HOME|a b|*|; rm -rf /|');
  });

  it('passes input, cwd and env (undefined removes a variable)', async () => {
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'ctr-learn-run-')));
    process.env.CTR_LEARN_TEST_REMOVED = 'still here';
    try {
      const r = await sh('cat; echo; pwd; echo "${FOO-unset} ${CTR_LEARN_TEST_REMOVED-unset}"', {
        input: 'from stdin',
        cwd,
        env: { FOO: 'bar', CTR_LEARN_TEST_REMOVED: undefined },
      });
      expect(r.stdout).toBe(`from stdin\n${cwd}\nbar unset\n`);
    } finally {
      delete process.env.CTR_LEARN_TEST_REMOVED;
    }
  });

  it('streams each line to onLine as it arrives, joining lines split across chunks', async () => {
    const seen: { stream: string; line: string; at: number }[] = [];
    const started = Date.now();
    const r = await sh("echo one; printf 'par'; sleep 0.5; printf 'tial\\n'; echo err >&2; printf 'no newline'", {
      onLine: (stream, line) => seen.push({ stream, line, at: Date.now() - started }),
    });
    expect(seen.map(({ stream, line }) => [stream, line])).toEqual([
      ['stdout', 'one'],
      ['stdout', 'partial'],
      ['stderr', 'err'],
      ['stdout', 'no newline'],
    ]);
    // "one" came before the sleep ended, not when the process exited.
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(250);
    expect(r.stdout).toBe('one\npartial\nno newline');
  });

  it('keeps only the tail of a long output (maxCapture)', async () => {
    const r = await sh('seq 1 20000', { maxCapture: 12 });
    expect(r.stdout).toBe('19999\n20000\n');
  });

  it('on timeout kills the whole process group, so a grandchild holding the pipe cannot keep it waiting', async () => {
    const started = Date.now();
    const r = await sh(WITH_GRANDCHILD, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r).toMatchObject({ timedOut: true, cancelled: false, exitCode: null });
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(1);
    expect(await gone(grandchild)).toBe(true);
  });

  it('kills with SIGKILL when the group ignores SIGTERM', async () => {
    const started = Date.now();
    // Ignored signals stay ignored across exec, so the sleep ignores SIGTERM too.
    const r = await sh('trap "" TERM; sleep 30 & echo $!; wait', { timeoutMs: 200 });
    const took = Date.now() - started;
    expect(r).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(took).toBeLessThan(3500);
    expect(await gone(Number(r.stdout.trim()))).toBe(true);
  });

  it('cancels through an AbortSignal, killing grandchildren too', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const started = Date.now();
    const result = sh(WITH_GRANDCHILD, {
      signal: controller.signal,
      // Abort once the grandchild is known to run.
      onLine: (_s, line) => {
        lines.push(line);
        controller.abort();
      },
    });
    const r = await result;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r).toMatchObject({ cancelled: true, timedOut: false, exitCode: null, signal: 'SIGTERM' });
    expect(await gone(Number(lines[0]))).toBe(true);
  });

  it('a signal aborted before the start cancels at once', async () => {
    const started = Date.now();
    const r = await sh('sleep 30', { signal: AbortSignal.abort() });
    expect(r.cancelled).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a program that does not exist is a UserError naming it and the description', async () => {
    const run = runProcess('ctr-learn-no-such-program', ['x'], { description: 'the frobnicator', timeoutMs: 5000 });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow('Could not start the frobnicator: "ctr-learn-no-such-program" was not found on PATH.');
  });

  // Was a bug (fixed): a missing working directory also fails the spawn with ENOENT, and runProcess reports it as
  // the program missing from PATH: a learner whose workspace was deleted is told "docker" is not
  // installed.
  it('a missing working directory is not reported as a program missing from PATH', async () => {
    const run = sh('true', { cwd: join(tmpdir(), 'ctr-learn-no-such-dir', 'ws') });
    await expect(run).rejects.toThrow(/ctr-learn-no-such-dir/);
  });
});
