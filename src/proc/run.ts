import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { CouldNotCheck, UserError } from '../errors';

/**
 * The one place ctr-learn starts processes. Every child:
 * - runs without a shell (argv array, never a command string),
 * - has a timeout and honours a cancel signal,
 * - runs in its own process group (detached) so cancelling kills grandchildren too:
 *   a grandchild holding the pipe open would otherwise keep the promise pending forever,
 * - carries a description used in error messages.
 */
export interface RunOptions {
  /** What this process is for, e.g. "your command" or "docker load of busybox". */
  description: string;
  timeoutMs: number;
  signal?: AbortSignal;
  cwd?: string;
  /** Added to (and overriding) the parent's environment; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  /** Called per output line as it arrives (streaming). */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Keep at most this many characters of each stream in the result (tail). */
  maxCapture?: number;
}

export interface RunResult {
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
}

export type ProcessRunner = (file: string, args: string[], opts: RunOptions) => Promise<RunResult>;

const KILL_GRACE_MS = 1500;

export const runProcess: ProcessRunner = async (file, args, opts) => {
  const started = performance.now();
  const max = opts.maxCapture ?? 1_000_000;
  const captured = { stdout: '', stderr: '' };
  const partial = { stdout: '', stderr: '' };
  let timedOut = false;
  let cancelled = false;

  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];

  if (opts.cwd && !existsSync(opts.cwd)) {
    throw new UserError(`Could not start ${opts.description}: its working folder ${opts.cwd} does not exist.`, 'recreate it, or reset the lesson');
  }
  let child;
  try {
    child = execa(file, args, {
      cwd: opts.cwd,
      env: env as Record<string, string>,
      extendEnv: false,
      shell: false,
      detached: true,
      buffer: false,
      reject: false,
      stdin: opts.input === undefined ? 'ignore' : 'pipe',
      input: opts.input,
      cleanup: true,
    });
  } catch (err) {
    throw new UserError(`Could not start ${opts.description} (${file}): ${(err as Error).message}`);
  }

  const killGroup = (sig: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* group already gone */
    }
  };
  const stop = () => {
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, opts.timeoutMs);
  const onAbort = () => {
    cancelled = true;
    stop();
  };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]?.setEncoding('utf8');
    child[stream]?.on('data', (chunk: string) => {
      captured[stream] += chunk;
      if (captured[stream].length > max * 2) captured[stream] = captured[stream].slice(-max);
      if (opts.onLine) {
        const text = partial[stream] + chunk;
        const lines = text.split('\n');
        partial[stream] = lines.pop() ?? '';
        for (const line of lines) opts.onLine(stream, line);
      }
    });
  }

  const result = await child;
  clearTimeout(timer);
  opts.signal?.removeEventListener('abort', onAbort);
  if (opts.onLine) {
    for (const stream of ['stdout', 'stderr'] as const) if (partial[stream]) opts.onLine(stream, partial[stream]);
  }
  const failedToSpawn = (result as { code?: string }).code === 'ENOENT';
  if (failedToSpawn) {
    throw new UserError(`Could not start ${opts.description}: "${file}" was not found on PATH.`);
  }
  return {
    argv: [file, ...args],
    exitCode: result.exitCode ?? null,
    signal: (result.signal as string | undefined) ?? null,
    stdout: captured.stdout.slice(-max),
    stderr: captured.stderr.slice(-max),
    timedOut,
    cancelled,
    durationMs: performance.now() - started,
  };
};

/** Run and require exit 0; for ctr-learn's own tooling steps (not the learner's commands). */
export async function runOk(file: string, args: string[], opts: RunOptions, runner: ProcessRunner = runProcess) {
  const r = await runner(file, args, opts);
  if (r.timedOut) throw new CouldNotCheck(`${opts.description} timed out after ${opts.timeoutMs} ms`);
  if (r.exitCode !== 0) {
    throw new CouldNotCheck(`${opts.description} failed (exit ${r.exitCode}): ${r.stderr.trim() || r.stdout.trim()}`);
  }
  return r;
}

/**
 * A program the learner drives in the real terminal (their shell, their $EDITOR): stdio is
 * inherited, so there is nothing to capture and no timeout; Ctrl-C goes to the child, not to us.
 */
export async function runInteractive(
  file: string,
  args: string[],
  opts: { description: string; cwd?: string; env?: Record<string, string | undefined>; signal?: AbortSignal },
): Promise<number> {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    const r = await execa(file, args, {
      stdio: 'inherit',
      cwd: opts.cwd,
      env: env as Record<string, string>,
      extendEnv: false,
      reject: false,
      cancelSignal: opts.signal,
    });
    if ((r as { code?: string }).code === 'ENOENT') throw new UserError(`Could not start ${opts.description}: "${file}" was not found.`);
    return r.exitCode ?? 1;
  } finally {
    process.off('SIGINT', ignore);
  }
}
