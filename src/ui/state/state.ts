import type { LiveSummary } from '../../kube/live/line';
import type { EngineDownTexts } from '../../errors';
import type { CheckResult } from '../../checks/types';
import type { LangSource } from '../../i18n/lang';
import type { ChoiceId, Lang, Lesson } from '../../lessons/schema';
import type { ProgressData } from '../../progress/store';
import type { CheatIndex } from '../../cheatsheet/search';
import type { RemovalPlan } from '../../sandbox';
import { lessonStatus as statusOf, type LessonStatus } from '../../progress/status';
import type { Pictures } from '../../pictures/types';
import type { CheatFill } from '../cheat/fill';
import type { MarkdownRender } from '../text/render-markdown';
import type { Course } from '../../course/schema';
import type { Meeting } from '../../course/meeting';
import { suggestNext, type Suggestion } from '../../course/next';

/** Everything the UI shows lives here; one reducer (reducer.ts) changes it. */
export interface AppState {
  lang: Lang;
  /** Where the language came from (--lang, the saved choice, LANG, the default), for the help screen. */
  langSource: LangSource;
  size: { cols: number; rows: number };
  lessons: Lesson[];
  /** Lessons that failed to load (`file:line CODE message`): listed on the home screen, never a crash. */
  broken: string[];
  progress: ProgressData;
  /** Set when the progress file was unreadable and moved aside. */
  recoveredFrom?: string;
  engine: EngineStatus;
  sandbox: SandboxStatus;
  /** The current screen: one discriminated field. */
  screen: Screen;
  overlay: Overlay | null;
  /** The lesson view left with Esc, restored when the same lesson is opened again. */
  parked: LessonView | null;
  /** Commands typed this session, oldest first (Up/Down at the prompt). */
  history: string[];
  /** The command log: learner commands and every Engine API call behind them and behind checks. */
  log: LogEntry[];
  notice: Notice | null;
  /** The cheat sheet's search index, loaded the first time the search is opened. */
  cheat: { state: 'none' | 'loading' } | { state: 'ready'; index: CheatIndex } | { state: 'failed'; message: string };
  /**
   * A bracketed paste in progress: the text between the terminal's start and end marks, kept
   * only up to MAX_LINE (beyond it only counted), put in as text (never read as keys) at the end.
   */
  paste: { text: string; size: number } | null;
  /** Ctrl-C pressed once with nothing to stop: a second one quits. */
  quitArmed: boolean;
  quitting: boolean;
  /**
   * The study group's course and an open meeting (`ctr-learn session start`), loaded after the
   * first frame (null before). `closing`: its time is up and its report is being written.
   */
  group: { course: Course; meeting: Meeting | null; closing?: boolean } | null;
  /** The clock for the meeting's timer (ms since the epoch), moved by the tick event. */
  now: number;
  /**
   * The Markdown renderer, loaded after the first frame (the `markdownLoaded` event); null before,
   * when lesson text is drawn as plain wrapped lines (text/render-markdown.ts).
   */
  markdown: MarkdownRender | null;
  /** Live mode (tier 3) for the Kubernetes lessons: null until a Kubernetes lesson has asked. */
  kubeLive: LiveSummary | null;
}

export type EngineStatus =
  | { state: 'checking' }
  | { state: 'ok'; version: string; endpoint: string }
  /** `texts`: the cause and its fix in each language, when it is known (src/engine/diagnose.ts). */
  | { state: 'down'; message: string; tryThis?: string; texts?: EngineDownTexts };

export type SandboxStatus =
  | { state: 'waiting' }
  | { state: 'ready'; dockerHost: string; sessionId: string }
  | { state: 'failed'; message: string; tryThis?: string };

export type Screen = { name: 'home'; cursor: number } | LessonView;

/** The panes of the lesson screen's lower area: each has its row in the pane table (panes/table.ts). */
export type Pane = 'output' | 'checks' | 'hints' | 'log' | 'picture';

export interface PromptState {
  text: string;
  /** Cursor position as an index into `text` (code units). */
  cursor: number;
  /** Position while walking the history with Up/Down; null when editing a new line. */
  historyIndex: number | null;
  /** The unfinished line kept while walking the history. */
  draft: string;
  /**
   * A line given back to edit (a refused command): the first typed character replaces it, so a
   * new command is never appended to the old one; an editing key (arrows, Backspace) keeps it.
   */
  recalled?: boolean;
}

export interface LessonView {
  name: 'lesson';
  lessonId: string;
  stepIndex: number;
  /** The command line: in a lesson every typed letter goes here (actions are on Ctrl- keys). */
  prompt: PromptState;
  /** First prose line shown. */
  scroll: number;
  pane: Pane;
  /**
   * Where the learner scrolled the lower pane with [ and ]: the first line shown, for that pane
   * and step only (any other pane or step shows at its natural place); null: not scrolled.
   */
  paneScroll: PaneScroll | null;
  /** The learner's command that is running now. */
  running: { line: string } | null;
  /** The last lines of command output (bounded: see MAX_OUTPUT_LINES). */
  output: OutLine[];
  /** How many older lines were dropped to keep the bound. */
  dropped: number;
  check: CheckView | null;
  /** An engine event arrived while a check ran: check again when it ends. */
  recheckQueued: boolean;
  /** Whether the last check of this step passed: automatic re-checks count as attempts only when this changes. */
  lastPassed: boolean | null;
  /** Rungs of the hint ladder shown (0 = none). */
  hintRung: number;
  solutionShown: boolean;
  /** The lesson's workspace and the files in it (for e = edit). */
  workspace: { dir: string; files: string[] } | null;
  /** Pictures of the lesson's engine state (networks, image layers, health), read fresh when shown. */
  pictures: Pictures | null;
  /**
   * The saved answers to the lesson's concept questions (question id → letter), as the workspace
   * holds them (.ctr-learn/answers.json): read when the lesson opens, updated when one is saved,
   * emptied by a reset. Missing: none read yet.
   */
  answers?: Record<string, ChoiceId>;
}

export interface PaneScroll {
  pane: Pane;
  stepIndex: number;
  start: number;
}

export interface OutLine {
  kind: 'cmd' | 'stdout' | 'stderr' | 'info' | 'error' | 'tip';
  text: string;
}

export interface CheckView {
  stepIndex: number;
  trigger: 'key' | 'event';
  status: 'running' | 'passed' | 'failed' | 'error';
  results: CheckResult[];
  error?: { message: string; tryThis?: string };
}

export type LogEntry =
  | { kind: 'command'; line: string }
  | { kind: 'check'; label: string }
  | { kind: 'call'; by: 'learner' | 'ctr-learn'; method: string; path: string; status: number; ms: number; refused?: string };

export interface Notice {
  tone: 'pass' | 'fail' | 'muted' | 'accent' | 'warn';
  text: string;
  /** About what was typed or pasted (a refused paste): gone with the next input that is taken. */
  untilInput?: boolean;
}

export type Overlay =
  | { kind: 'help'; scroll: number }
  | { kind: 'reveal' }
  | { kind: 'reset'; plan: RemovalPlan | null; busy: boolean }
  | { kind: 'files'; files: string[]; cursor: number }
  /** Search the cheat sheet; Enter fills the chosen command in. */
  | CheatSearch
  /** Fill the chosen command's placeholders; then put it at the prompt, copy it, or run it. */
  | CheatFillOverlay
  /** Asks before a filled-in command runs in the sandbox. */
  | { kind: 'cheatRun'; line: string; fill: CheatFillOverlay };

export interface CheatSearch {
  kind: 'cheat';
  query: PromptState;
  cursor: number;
}

export interface CheatFillOverlay extends CheatFill {
  kind: 'cheatFill';
  /** The search it came from (Esc goes back to it). */
  search: CheatSearch;
}

export const MAX_OUTPUT_LINES = 500;
export const MAX_LOG_ENTRIES = 400;
export const MAX_HISTORY = 200;
/** The longest command line (typed or pasted); longer pastes are refused with a message. */
export const MAX_LINE = 8192;

export function initialState(init: {
  lessons: Lesson[];
  broken: string[];
  progress: ProgressData;
  lang: Lang;
  size: { cols: number; rows: number };
  recoveredFrom?: string;
  langSource?: LangSource;
  markdown?: MarkdownRender;
}): AppState {
  const last = init.progress.lastLesson ? init.lessons.findIndex((l) => l.id === init.progress.lastLesson) : -1;
  return {
    lang: init.lang,
    langSource: init.langSource ?? 'default',
    size: init.size,
    lessons: init.lessons,
    broken: init.broken,
    progress: init.progress,
    recoveredFrom: init.recoveredFrom,
    engine: { state: 'checking' },
    sandbox: { state: 'waiting' },
    screen: { name: 'home', cursor: Math.max(0, last) },
    overlay: null,
    parked: null,
    history: [],
    log: [],
    notice: null,
    cheat: { state: 'none' },
    paste: null,
    quitArmed: false,
    quitting: false,
    group: null,
    now: Date.now(),
    markdown: init.markdown ?? null,
    kubeLive: null,
  };
}

export function emptyPrompt(): PromptState {
  return { text: '', cursor: 0, historyIndex: null, draft: '' };
}

/** A prompt holding `text`, the cursor at its end. */
export function promptWith(text: string): PromptState {
  return { text, cursor: text.length, historyIndex: null, draft: '' };
}

/** done / in-progress / not-started and steps passed, from the progress data. */
export function lessonStatus(progress: ProgressData, lesson: Lesson): LessonStatus {
  return statusOf(progress, lesson.id, lesson.steps.map((s) => s.id));
}

export function stepPassed(progress: ProgressData, lessonId: string, stepId: string): boolean {
  return Boolean(progress.lessons[lessonId]?.steps[stepId]?.passedAt);
}

/**
 * The step opening a lesson lands on, and the one the home screen's Continue line names: where
 * the learner left it in this run (parked), else the first step not passed yet.
 */
export function openingStep(s: Pick<AppState, 'parked' | 'progress'>, lesson: Lesson): number {
  return s.parked?.lessonId === lesson.id ? s.parked.stepIndex : resumeStep(s.progress, lesson);
}

/** The step to open a lesson at: the first one not passed yet (the first step when all passed). */
export function resumeStep(progress: ProgressData, lesson: Lesson): number {
  const i = lesson.steps.findIndex((s) => !stepPassed(progress, lesson.id, s.id));
  return i < 0 ? 0 : i;
}

/** The lessons the home screen lists: an open meeting's, in its order, else every lesson. */
export function homeLessons(s: AppState): Lesson[] {
  const m = s.group?.meeting;
  if (!m) return s.lessons;
  const picked = m.lessons.flatMap((id) => s.lessons.filter((l) => l.id === id));
  return picked.length ? picked : s.lessons;
}

/**
 * The lesson "continue" opens: the last one worked on while it is not finished, else the first
 * not finished; none when every lesson is done (a finished lesson is not "continue").
 */
export function continueLessonId(s: AppState): string | null {
  const listed = homeLessons(s);
  const open = (id: string | null | undefined) => listed.find((l) => l.id === id && lessonStatus(s.progress, l).state !== 'done');
  return (open(s.parked?.lessonId) ?? open(s.progress.lastLesson) ?? open(suggestion(s)?.lesson) ?? listed.find((l) => lessonStatus(s.progress, l).state !== 'done'))?.id ?? null;
}

/** The course's suggestion (from what lessons build on), once the course is loaded. */
export function suggestion(s: AppState): Suggestion | null {
  return s.group ? suggestNext(s.lessons, s.group.course, s.progress, stepIdsOf(s.lessons)) : null;
}

const stepIdsOf = (lessons: AppState['lessons']) => Object.fromEntries(lessons.map((l) => [l.id, l.steps.map((x) => x.id)]));
