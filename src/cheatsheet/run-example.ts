import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../engine/free-port';
import { runProcess, type ProcessRunner } from '../proc/run';
import { splitArgv } from '../proc/split-argv';
import { retryTransient } from '../sandbox/run-command';
import { entryKind, expandTokens, isPortVar, tokensIn, type RunContext } from './instantiate';
import { matchInstance, parseTemplate } from './template';
import { isRunnable, type CheatEntry, type ExampleStep, type RunnableExample } from './types';

/** One command for an example to run. The runner never uses a shell. */
export interface ExecRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** Needs a terminal (`-it`, prompts). */
  tty: boolean;
  input?: string;
  /** Stop the command after this long (it follows output forever otherwise). */
  stopAfterMs?: number;
}
export interface ExecResult {
  exitCode: number | null;
  /** stdout and stderr together (a terminal has only one stream). */
  output: string;
  timedOut: boolean;
  /** Stopped by `stopAfterMs` while still running. */
  stopped: boolean;
}
export type ExampleExec = (req: ExecRequest) => Promise<ExecResult>;

/** Runs commands through the process chokepoint; a command that needs a terminal goes to `tty`. */
export function processExec(tty?: ExampleExec, runner: ProcessRunner = runProcess): ExampleExec {
  return async (req) => {
    if (req.tty) {
      if (!tty) throw new Error(`${req.argv.join(' ')} needs a terminal; give processExec one`);
      return tty(req);
    }
    const limit = req.stopAfterMs ?? req.timeoutMs;
    const once = () =>
      runner(req.argv[0], req.argv.slice(1), {
        description: `cheat sheet example: ${req.argv.join(' ')}`,
        timeoutMs: limit,
        cwd: req.cwd,
        env: req.env,
        input: req.input,
        maxCapture: 20_000,
      });
    // The engine's own failure under load (a containerd shim timeout), not the example's: once more.
    const r = await retryTransient(req.argv, once, (name) =>
      runner('docker', ['rm', '-f', name], { description: 'remove a half-made container', timeoutMs: 30_000, cwd: req.cwd, env: req.env }),
    );
    const stopped = req.stopAfterMs !== undefined && r.timedOut;
    return { exitCode: r.exitCode, output: r.stdout + r.stderr, timedOut: r.timedOut && !stopped, stopped };
  };
}

export interface StepReport {
  phase: 'setup' | 'run' | 'cleanup';
  command: string;
  exitCode: number | null;
  ms: number;
  output: string;
}

export interface ExampleReport {
  id: string;
  ok: boolean;
  /** Why it failed, in one line. */
  failure?: string;
  steps: StepReport[];
  ms: number;
}

export interface RunExampleOptions {
  exec: ExampleExec;
  /** The environment for docker: DOCKER_HOST of the sandbox. */
  env: Record<string, string | undefined>;
  /** Unique per test run, e.g. `cht-k3x9ab`; names become `<runId>-<entry id>-<name>`. */
  runId: string;
  timeoutMs?: number;
  /** Where the example's folder is made: the sandbox's workspace root, so its bind mounts are allowed. */
  root?: string;
}

/**
 * Run an entry's example for real: write its files, run setup, the entry's command, then cleanup
 * (always). Succeeds only if every setup and cleanup step and the run exit 0.
 */
export async function runExample(entry: CheatEntry, opts: RunExampleOptions): Promise<ExampleReport> {
  if (!isRunnable(entry.example)) throw new Error(`entry ${entry.id} has no runnable example`);
  const ex = entry.example;
  const started = performance.now();
  const dir = mkdtempSync(join(opts.root ?? tmpdir(), `${opts.runId}-${entry.id}-`));
  const ctx: RunContext = { prefix: `${opts.runId}-${entry.id}`, ports: await allocatePorts(ex), captures: {} };
  const env = { ...opts.env, DOCKER_CONFIG: join(dir, '.docker'), DOCKER_CLI_HINTS: 'false' };
  const steps: StepReport[] = [];
  const timeoutMs = opts.timeoutMs ?? 60_000;

  const exec = async (phase: StepReport['phase'], line: string, extra: Partial<ExecRequest> = {}) => {
    const command = expandTokens(line, ctx);
    const t = performance.now();
    const r = await opts.exec({ argv: splitArgv(command, { PWD: dir, HOME: homedir() }), cwd: dir, env, timeoutMs, tty: false, ...extra });
    steps.push({ phase, command, exitCode: r.exitCode, ms: performance.now() - t, output: r.output.trim() });
    return r;
  };
  const failedStep = (r: ExecResult, what: string) =>
    r.timedOut ? `${what} timed out` : r.stopped || r.exitCode === 0 ? null : `${what} exited ${r.exitCode}: ${lastLines(r.output)}`;
  const step = async (phase: 'setup' | 'cleanup', s: ExampleStep): Promise<string | null> => {
    if (typeof s === 'string') return failedStep(await exec(phase, s), `${phase} "${expandTokens(s, ctx)}"`);
    if ('run' in s) {
      const r = await exec(phase, s.run);
      ctx.captures[s.capture] = r.output.trim();
      return failedStep(r, `${phase} "${expandTokens(s.run, ctx)}"`);
    }
    return waitHttp(expandTokens(s.wait, ctx), s.withinMs);
  };

  let failure: string | null = null;
  try {
    for (const [path, text] of Object.entries(ex.files)) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, expandTokens(text, ctx));
    }
    for (const s of ex.setup) {
      failure = await step('setup', s);
      if (failure) break;
    }
    if (!failure) failure = instanceProblem(entry, ex, ctx, dir);
    if (!failure) {
      const r = await exec('run', ex.run, { tty: ex.tty, input: ex.input, stopAfterMs: ex.stopAfterMs });
      failure = failedStep(r, `"${expandTokens(ex.run, ctx)}"`);
      if (!failure && ex.outputIncludes && !r.output.includes(ex.outputIncludes)) {
        failure = `the output does not include "${ex.outputIncludes}": ${lastLines(r.output)}`;
      }
    }
  } finally {
    for (const s of ex.cleanup) {
      const problem = await step('cleanup', s).catch((err: Error) => err.message);
      failure ??= problem;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { id: entry.id, ok: !failure, ...(failure ? { failure } : {}), steps, ms: performance.now() - started };
}

/** The command CI runs must still be an instance of the entry's command with the real values. */
function instanceProblem(entry: CheatEntry, ex: RunnableExample, ctx: RunContext, dir: string): string | null {
  if (entryKind(entry.command) === 'dockerfile') return null;
  const argv = splitArgv(expandTokens(ex.run, ctx), { PWD: dir, HOME: homedir() });
  const m = matchInstance(parseTemplate(entry.command), argv);
  if (!m) return `the run command is not an instance of ${entry.command}`;
  if (m.misfits.length) return m.misfits.map((f) => `"${f.value}" is not a ${f.placeholder.type}`).join('; ');
  return null;
}

function lastLines(text: string, n = 3): string {
  return text.trim().split('\n').slice(-n).join(' | ') || '(no output)';
}

const handedOut = new Set<number>();

/** Free host ports for the example's @@PORT… variables (never the same one twice in a process). */
async function allocatePorts(ex: RunnableExample): Promise<Record<string, number>> {
  const texts = [ex.run, ...Object.values(ex.files), ...[...ex.setup, ...ex.cleanup].map((s) => (typeof s === 'string' ? s : 'run' in s ? s.run : s.wait))];
  const vars = new Set(texts.flatMap((t) => tokensIn(t).vars.filter(isPortVar)));
  const ports: Record<string, number> = {};
  for (const v of vars) {
    let port: number;
    do port = await freePort();
    while (handedOut.has(port));
    handedOut.add(port);
    ports[v] = port;
  }
  return ports;
}


async function waitHttp(url: string, withinMs: number): Promise<string | null> {
  const deadline = Date.now() + withinMs;
  let last = '';
  while (Date.now() < deadline) {
    const status = await new Promise<number>((resolve) => {
      const req = http.get(url, { timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', (e) => {
        last = e.message;
        resolve(0);
      });
    });
    if (status >= 200 && status < 300) return null;
    if (status) last = `HTTP ${status}`;
    await sleep(100);
  }
  return `${url} did not answer 2xx within ${withinMs} ms (${last})`;
}
