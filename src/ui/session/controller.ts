import { appendFileSync } from 'node:fs';
import type { checkStep as realCheckStep } from '../../checks/evaluate';
import { CtrError, UserError, describeError } from '../../errors';
import type { Lesson } from '../../lessons/schema';
import type { runInteractive as realRunInteractive, runProcess as realRunProcess } from '../../proc/run';
import { editFile } from './editor';
import type { ProgressStore } from '../../progress/store';
import type { KeptLab, Lab, LabReader } from '../../sandbox/lab';
import { labBackText } from '../../sandbox/kept-text';
import type { runLearnerCommand as realRunCommand } from '../../sandbox/run-command';
import { restoreStarterFiles, workspaceFor as realWorkspaceFor } from '../../workspace/workspace';
import { clearAnswers, readAnswers, saveAnswers } from '../../workspace/answers';
import { noEngineLab, stepNeedsEngine } from '../../sandbox/no-engine';
import { BoundedBuffer } from './buffer';
import { EngineSession, type EngineSessionOptions } from './engine-session';
import type { Effect } from '../state/events';
import { MAX_LOG_ENTRIES, MAX_OUTPUT_LINES, type LogEntry, type OutLine } from '../state/state';
import type { Store } from '../state/store';
import { sanitizeLine, tf } from '../text/text';
import { hasPictures } from '../../pictures';
import { loadCheatNames, loadCheats } from './cheat';
import { closeMeetingNow, watchGroup } from './group-watch';
import { PictureReader } from './pictures';
import { recordProgress } from './progress-effects';
import { listFiles } from './workspace-files';

/** How long quitting may spend removing the sandbox's objects before leaving the rest to the next start's reaper. */
export const QUIT_BUDGET_MS = 8000;

/** The learner's commands may run this long (a foreground server, `logs -f`); Ctrl-C stops them sooner. */
const COMMAND_TIMEOUT_MS = 30 * 60_000;

export interface ControllerDeps {
  store: Store;
  /** The progress store, or its opening (run-app opens it after the first frame). */
  progress: ProgressStore | Promise<ProgressStore>;
  lessons: Lesson[];
  /** Unmount / remount the UI around a program that takes over the terminal ($EDITOR). */
  ui: { suspend: () => void; resume: () => void; copy?: (text: string) => void };
  /** Called when the quit effect has cleaned up. */
  onQuit: (r: { removed: number; kept: KeptLab | null; finished: boolean }) => void;
  runCommand?: typeof realRunCommand;
  checkStep?: typeof realCheckStep;
  runInteractive?: typeof realRunInteractive;
  runProcess?: typeof realRunProcess;
  workspaceFor?: (lesson: Lesson) => string;
  engine?: Pick<EngineSessionOptions, 'connect' | 'open'>;
  /** CTR_LEARN_TRACE: a file that gets one JSON line per engine answer and check result (scripts/bench.mjs reads it). */
  traceFile?: string;
}

/**
 * Carries out the reducer's effects: runs the learner's commands and the checks, talks to the
 * engine and the progress store, opens the editor. Reports back only by dispatching events.
 */
interface Runners {
  runCommand: typeof realRunCommand;
  checkStep: typeof realCheckStep;
  runInteractive: typeof realRunInteractive;
  runProcess: typeof realRunProcess;
}

export class Controller {
  private readonly engine: EngineSession;
  /** The learner's lab: the only way this screen reaches their objects. */
  private sandbox: Lab | null = null;
  private command: AbortController | null = null;
  private readonly pictures: PictureReader;
  private closing: Promise<void> | null = null;
  private askedLiveMode = false;
  /** The study group's course and meeting clock (group-watch.ts), started once. */
  private stopGroup: Promise<() => void> | null = null;
  private readonly log: BoundedBuffer<LogEntry>;
  private runnersLoaded: Promise<Runners> | null = null;
  private readonly d: ControllerDeps & { workspaceFor: (lesson: Lesson) => string };

  constructor(deps: ControllerDeps) {
    this.d = { workspaceFor: realWorkspaceFor, ...deps };
    const dispatch = deps.store.dispatch;
    this.log = new BoundedBuffer<LogEntry>(MAX_LOG_ENTRIES, (entries) => dispatch({ type: 'logged', entries }));
    this.engine = new EngineSession({
      ...deps.engine,
      onStatus: (status) => dispatch({ type: 'engineStatus', status }),
      onApiCall: (e) => {
        this.trace({ ev: 'api', ...e });
        this.log.push({ kind: 'call', by: 'ctr-learn', ...e });
      },
      onProxyCall: (e) => this.log.push({ kind: 'call', by: 'learner', method: e.method, path: e.path, status: e.status, ms: e.ms, refused: e.refused }),
      onContainerEvents: (lessonIds) => dispatch({ type: 'engineEvents', lessonIds }),
      lang: () => deps.store.getState().lang,
    });
    this.pictures = new PictureReader({
      dispatch,
      showing: (lessonId) => {
        const v = deps.store.getState().screen;
        return !this.closing && v.name === 'lesson' && v.lessonId === lessonId && v.pane === 'picture';
      },
      again: (lessonId) => this.handle({ type: 'loadPictures', lessonId }),
    });
  }

  /**
   * Processes and checks are loaded after the first frame (they pull in execa and every check
   * kind), so the app draws sooner; tests pass their own.
   */
  private runners(): Promise<Runners> {
    this.runnersLoaded ??= (async () => {
      const [evaluate, command, proc] = await Promise.all([import('../../checks/evaluate'), import('../../sandbox/run-command'), import('../../proc/run')]);
      return {
        checkStep: this.d.checkStep ?? evaluate.checkStep,
        runCommand: this.d.runCommand ?? command.runLearnerCommand,
        runInteractive: this.d.runInteractive ?? proc.runInteractive,
        runProcess: this.d.runProcess ?? proc.runProcess,
      };
    })();
    return this.runnersLoaded;
  }

  private get dispatch() {
    return this.d.store.dispatch;
  }

  private trace(entry: Record<string, unknown>): void {
    if (!this.d.traceFile) return;
    appendFileSync(this.d.traceFile, JSON.stringify({ t: performance.timeOrigin + performance.now(), ...entry }) + '\n');
  }

  /** Find the engine and open the sandbox in the background: the first frame does not wait for it. */
  async start(): Promise<void> {
    this.stopGroup ??= watchGroup(this.d.lessons, this.dispatch).catch(() => () => {});
    const s = this.d.store.getState();
    const lessonId = s.screen.name === 'lesson' ? s.screen.lessonId : (s.progress.lastLesson ?? this.d.lessons[0]?.id ?? 'none');
    this.dispatch({ type: 'sandboxStatus', status: { state: 'waiting' } });
    try {
      void this.runners();
      const sandbox = await this.engine.start(lessonId);
      this.sandbox = sandbox;
      if (!sandbox) return;
      // The learner may have opened another lesson while the sandbox was opening.
      const now = this.d.store.getState();
      if (now.screen.name === 'lesson') sandbox.setLesson(now.screen.lessonId);
      this.dispatch({ type: 'sandboxStatus', status: { state: 'ready', dockerHost: sandbox.dockerHost, sessionId: sandbox.sessionId } });
      if (sandbox.adoptedFrom) this.dispatch({ type: 'notice', notice: { tone: 'muted', text: labBackText(now.lang, sandbox.adoptedFrom.lastUsedAt) } });
      if (now.screen.name === 'lesson' && hasPictures(this.lesson(now.screen.lessonId))) this.handle({ type: 'loadPictures', lessonId: now.screen.lessonId });
    } catch (err) {
      const e = err as CtrError;
      this.dispatch({ type: 'sandboxStatus', status: { state: 'failed', message: e.message ?? String(err), tryThis: e.tryThis } });
    }
  }

  handle(effect: Effect): void {
    void this.run(effect).catch((err) => {
      this.dispatch({ type: 'notice', notice: { tone: 'fail', text: describeError(err).split('\n')[0] } });
    });
  }

  private lesson(id: string): Lesson {
    const l = this.d.lessons.find((x) => x.id === id);
    if (!l) throw new UserError(`No lesson "${id}".`);
    return l;
  }

  private async run(e: Effect): Promise<void> {
    // Effects reach here in order, and a promise resumes its waiters in order too: progress writes
    // keep their order while the store is still opening.
    const afterProgress = (p: ProgressStore) => this.dispatch({ type: 'progressChanged', progress: p.data() });
    switch (e.type) {
      case 'enterLesson': {
        const lesson = this.lesson(e.lessonId);
        this.sandbox?.setLesson(lesson.id);
        const dir = this.d.workspaceFor(lesson);
        this.dispatch({ type: 'lessonReady', lessonId: lesson.id, workspace: dir, files: listFiles(dir), answers: readAnswers(dir) });
        // A Kubernetes lesson says whether live mode is on: asked once (kube/live/mode.ts).
        if (lesson.track === 'kubernetes' && !this.askedLiveMode) {
          this.askedLiveMode = true;
          void import('../../kube/live/mode').then((m) => m.liveSummary()).then((live) => this.dispatch({ type: 'kubeLiveMode', live }), () => undefined);
        }
        return;
      }
      case 'saveAnswer': {
        try {
          saveAnswers(this.d.workspaceFor(this.lesson(e.lessonId)), { [e.questionId]: e.choice });
        } catch (err) {
          this.dispatch({ type: 'answerFailed', lessonId: e.lessonId, message: (err as Error).message });
          return;
        }
        this.dispatch({ type: 'answerSaved', lessonId: e.lessonId, stepIndex: e.stepIndex, questionId: e.questionId, choice: e.choice });
        return;
      }
      case 'seeStep':
      case 'recordAttempt':
      case 'useHint':
      case 'revealSolution':
      case 'saveLang': {
        const p = await this.d.progress;
        recordProgress(p, e, (id) => this.lesson(id));
        return afterProgress(p);
      }
      case 'runCommand':
        return this.runCommand(e.lessonId, e.line);
      case 'cancelCommand':
        this.command?.abort();
        return;
      case 'runCheck':
        return this.runCheck(e.lessonId, e.stepIndex);
      case 'planReset': {
        // A lesson that needs no engine has only its files (and answers) to put back.
        const plan = this.lesson(e.lessonId).requires.engine ? await this.sandbox!.planReset(e.lessonId) : { containers: [], networks: [], volumes: [], images: [] };
        this.dispatch({ type: 'resetPlanned', plan });
        return;
      }
      case 'reset': {
        try {
          const lesson = this.lesson(e.lessonId);
          const removed = lesson.requires.engine ? await this.sandbox!.reset(e.lessonId) : { containers: [], networks: [], volumes: [], images: [] };
          if (e.restoreFiles) restoreStarterFiles(lesson, this.d.workspaceFor(lesson));
          // The answers to the lesson's questions are lesson state, not the learner's files: always cleared.
          clearAnswers(this.d.workspaceFor(lesson));
          const n = removed.containers.length + removed.networks.length + removed.volumes.length + removed.images.length;
          this.dispatch({ type: 'resetDone', removed: n, restoredFiles: e.restoreFiles });
        } catch (err) {
          this.dispatch({ type: 'resetFailed', message: describeError(err).split('\n')[0] });
        }
        return;
      }
      case 'openEditor':
        return this.openEditor(e.lessonId, e.file);
      case 'loadPictures':
        if (!this.sandbox || !this.engine.api) return;
        return this.pictures.load(this.sandbox.forLesson(e.lessonId), this.lesson(e.lessonId));
      case 'retryEngine':
        this.sandbox = null;
        void this.engine.close(3000).then(() => this.start());
        return;
      case 'loadCheats':
        return loadCheats(this.dispatch);
      case 'loadCheatNames':
        return loadCheatNames(this.engine.api && this.sandbox ? this.sandbox : null, this.dispatch);
      case 'copy':
        this.d.ui.copy?.(e.text);
        return;
      case 'closeMeeting':
        return closeMeetingNow(this.d.store.getState(), this.dispatch);
      case 'quit':
        return this.shutdown(QUIT_BUDGET_MS);
    }
  }

  private async runCommand(lessonId: string, line: string): Promise<void> {
    const lesson = this.lesson(lessonId);
    const ac = new AbortController();
    this.command = ac;
    const out = new BoundedBuffer<OutLine>(MAX_OUTPUT_LINES, (lines, dropped) => this.dispatch({ type: 'commandOutput', lines, dropped }));
    const startedAt = Math.floor(Date.now() / 1000);
    try {
      const run = await this.runners();
      const r = await run.runCommand(line, {
        cwd: this.d.workspaceFor(lesson),
        env: this.sandbox!.env,
        signal: ac.signal,
        timeoutMs: COMMAND_TIMEOUT_MS,
        onLine: (stream, text) => out.push({ kind: stream, text: sanitizeLine(text) }),
        // The screen keeps its own bounded tail; a small capture keeps a chatty command's memory flat.
        runner: (file, args, opts) => run.runProcess(file, args, { ...opts, maxCapture: 64 * 1024 }),
      });
      out.flush();
      const stillRunning = r.cancelled || r.timedOut ? await this.startedSince(startedAt) : [];
      this.dispatch({ type: 'commandDone', exitCode: r.exitCode, cancelled: r.cancelled, timedOut: r.timedOut, ms: r.durationMs, ...(stillRunning.length ? { stillRunning } : {}) });
    } catch (err) {
      out.flush();
      const e = err as CtrError;
      this.dispatch({ type: 'commandRefused', message: err instanceof CtrError ? e.message : describeError(err), tryThis: e.tryThis });
    } finally {
      out.stop();
      if (this.command === ac) this.command = null;
    }
  }

  /**
   * The session's containers made since `since` (seconds) that still run: a `docker run` stopped
   * with Ctrl-C ends the CLI, while the container runs on (its main process may ignore the signal).
   */
  private async startedSince(since: number): Promise<string[]> {
    try {
      const { containers } = await this.sandbox!.list('session');
      return containers.filter((c) => c.State === 'running' && (c.Created ?? 0) >= since - 1).map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12));
    } catch {
      return [];
    }
  }

  private async runCheck(lessonId: string, stepIndex: number): Promise<void> {
    const lesson = this.lesson(lessonId);
    const step = lesson.steps[stepIndex];
    // A step of questions or manifests only reads the workspace (and a lesson that says it needs
    // no engine never reads one): it is checked without the engine too.
    if ((!this.engine.api || !this.sandbox) && stepNeedsEngine(lesson, step)) {
      this.dispatch({ type: 'checkError', lessonId, stepIndex, message: tf(this.d.store.getState().lang, 'sandboxNotReady') });
      return;
    }
    const lab = this.engine.api && this.sandbox ? this.sandbox.forLesson(lessonId) : noEngineLab(lessonId);
    const ctx = { lab, workspace: this.d.workspaceFor(lesson) };
    try {
      const { checkStep } = await this.runners();
      const result = await checkStep(step, ctx, this.d.store.getState().lang, (r) => {
        this.dispatch({ type: 'checkResult', lessonId, stepIndex, result: r });
        this.trace({ ev: 'checkResult', id: r.id, status: r.status });
      });
      this.log.flush();
      this.trace({ ev: 'checkDone', passed: result.passed });
      const answers = step.checks.some((c) => c.kind === 'question') ? { answers: readAnswers(ctx.workspace) } : {};
      this.dispatch({ type: 'checkDone', lessonId, stepIndex, passed: result.passed, ...answers });
    } catch (err) {
      const e = err as CtrError;
      // In the learner's language when the error says it in every language (engine down, timeouts).
      const local = err instanceof CtrError ? e.texts?.[this.d.store.getState().lang] : undefined;
      const message = local?.message ?? (err instanceof CtrError ? e.message : describeError(err));
      this.dispatch({ type: 'checkError', lessonId, stepIndex, message, tryThis: local ? local.fix || undefined : e.tryThis });
    }
  }

  private async openEditor(lessonId: string, file: string): Promise<void> {
    const dir = this.d.workspaceFor(this.lesson(lessonId));
    const run: Runners['runInteractive'] = async (...a) => (await this.runners()).runInteractive(...a);
    const error = await editFile({ dir, file, lang: this.d.store.getState().lang, ui: this.d.ui, run });
    this.dispatch({ type: 'editorDone', error });
    this.dispatch({ type: 'lessonReady', lessonId, workspace: dir, files: listFiles(dir) });
  }

  /**
   * Stop everything this session started: the running command (its whole process group), the
   * event stream, the sandbox (removes what the learner created). Progress is already on disk
   * (every change is written as it happens). Gives up on the sandbox after `budgetMs`.
   */
  shutdown(budgetMs: number): Promise<void> {
    this.closing ??= (async () => {
      this.pictures.stop();
      void this.stopGroup?.then((stop) => stop());
      this.command?.abort();
      this.log.stop();
      const r = await this.engine.close(budgetMs);
      this.d.onQuit(r);
    })();
    return this.closing;
  }
}
