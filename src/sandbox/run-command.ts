import { homedir } from 'node:os';
import { UserError } from '../errors';
import { runProcess, type ProcessRunner, type RunResult } from '../proc/run';
import { splitArgv } from '../proc/split-argv';
import { fill, type StringKey } from '../i18n/strings';
import type { Lang } from '../lessons/schema';

/** Programs a learner may run at the lesson prompt (docker-compose 1.29 talks to the sandbox through DOCKER_HOST too). */
const ALLOWED = new Set(['docker', 'docker-compose']);

export interface LearnerCommandOptions {
  /** The lesson workspace: the command's working directory and $PWD. */
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  runner?: ProcessRunner;
}

/** A refusal of the prompt in every language (the English texts are the message and the fix). */
function refusal(key: StringKey, tryKey?: StringKey, vars: Record<string, string> = {}): UserError {
  const texts = (l: Lang) => ({ message: fill(l, key, vars), fix: tryKey ? fill(l, tryKey, vars) : '', fixLabel: fill(l, 'tryLabel') });
  return new UserError(texts('en').message, tryKey && texts('en').fix).inEveryLanguage({ en: texts('en'), ko: texts('ko') });
}

/** Turn what the learner typed into argv, refusing what we cannot run without a shell. */
export function parseLearnerCommand(line: string, cwd: string): string[] {
  const argv = splitArgv(line.trim(), { PWD: cwd, HOME: homedir() });
  if (argv.length === 0) throw refusal('prompt.empty');
  const [prog] = argv;
  if (!ALLOWED.has(prog)) throw refusal('prompt.notDocker', prog === 'sudo' ? 'prompt.sudoTry' : 'prompt.notDockerTry', { prog });
  if (needsTerminal(argv)) throw refusal('prompt.needsTty', 'prompt.needsTtyTry', { example: withoutTerminal(argv) });
  return argv;
}

/** Options of `docker run`/`exec` that take a value (the next word is not the image or container). */
const TAKES_VALUE = new Set([
  '-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--name', '-p', '--publish', '-v', '--volume', '--mount',
  '--network', '--net', '-l', '--label', '--entrypoint', '-h', '--hostname', '--restart', '-m', '--memory', '--cpus',
  '--health-cmd', '--stop-signal', '--stop-timeout', '--add-host', '--dns', '--platform', '--pull', '--detach-keys',
]);

/**
 * The learner's own command as a one-off without a terminal, for the refusal's example: `docker
 * exec counter ls /` for `docker exec -it counter sh` (their container, their image), else a
 * placeholder.
 */
function withoutTerminal(argv: string[]): string {
  const rest = argv[1] === 'container' ? argv.slice(2) : argv.slice(1);
  const verb = rest[0];
  let target: string | undefined;
  for (let i = 1; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      target = rest[i + 1];
      break;
    }
    if (!a.startsWith('-')) {
      target = a;
      break;
    }
    if (TAKES_VALUE.has(a)) i++;
  }
  return verb === 'exec' ? `docker exec ${target ?? '<container>'} ls /` : `docker run --rm ${target ?? '<image>'} ls /`;
}

/**
 * `docker run -it` / `docker container exec -it` attach the terminal; with -d (or --detach) the
 * CLI never checks for one, so `-dit` is fine. Only flags before the image/container name count.
 */
function needsTerminal(argv: string[]): boolean {
  const rest = argv[1] === 'container' ? argv.slice(2) : argv.slice(1);
  if (rest[0] !== 'run' && rest[0] !== 'exec') return false;
  const flags: string[] = [];
  for (const a of rest.slice(1)) {
    if (!a.startsWith('-') || a === '--') break;
    flags.push(a);
  }
  const short = flags.filter((f) => /^-[a-zA-Z]+$/.test(f)).join('');
  const has = (c: string, long: string) => short.includes(c) || flags.some((f) => f === long || f.startsWith(`${long}=`) && !f.endsWith('=false'));
  return has('t', '--tty') && has('i', '--interactive') && !has('d', '--detach');
}

/** Run one learner command in the sandbox: no shell, a timeout, cancellable, process group killed. */
export async function runLearnerCommand(line: string, opts: LearnerCommandOptions): Promise<RunResult> {
  const [file, ...args] = parseLearnerCommand(line, opts.cwd);
  const run = opts.runner ?? runProcess;
  return run(file, args, {
    description: 'your command',
    cwd: opts.cwd,
    env: opts.env,
    timeoutMs: opts.timeoutMs ?? 120_000,
    signal: opts.signal,
    onLine: opts.onLine,
  });
}

/**
 * The engine's own failures under load, not the command's: containerd's shim timing out while it
 * starts a container (seen in CI: "failed to create shim task ... context deadline exceeded").
 * The CLI reports them with exit 125.
 */
const TRANSIENT = /failed to create shim task|context deadline exceeded|failed to start io pipe copy/;

export function isTransientEngineFailure(r: Pick<RunResult, 'exitCode' | 'stderr'>): boolean {
  return r.exitCode === 125 && TRANSIENT.test(r.stderr);
}

/** The `--name` a docker command gives its container (the one a failed start leaves behind). */
function namedContainer(argv: string[]): string | null {
  const at = argv.findIndex((a) => a === '--name' || a.startsWith('--name='));
  if (at < 0) return null;
  return argv[at].includes('=') ? argv[at].slice('--name='.length) : (argv[at + 1] ?? null);
}

/**
 * For automation only (verify's answers, test setup, the cheat sheet's examples): a docker command
 * (`argv`) that hit a transient engine failure is run once more, after removing the container it
 * half made. A learner at the prompt sees the engine's real error instead.
 */
export async function retryTransient(
  argv: string[],
  once: () => Promise<RunResult>,
  removeContainer: (name: string) => Promise<unknown>,
): Promise<RunResult> {
  const first = await once();
  if (!isTransientEngineFailure(first) || first.cancelled) return first;
  const name = namedContainer(argv);
  if (name) await removeContainer(name);
  return once();
}

export function runAutomatedCommand(line: string, opts: LearnerCommandOptions): Promise<RunResult> {
  return retryTransient(
    parseLearnerCommand(line, opts.cwd),
    () => runLearnerCommand(line, opts),
    (name) => runLearnerCommand(`docker rm -f ${name}`, { ...opts, onLine: undefined }),
  );
}
