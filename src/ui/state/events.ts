import type { LiveSummary } from '../../kube/live/line';
import type { CheckResult } from '../../checks/types';
import type { CheatIndex } from '../../cheatsheet/search';
import type { ChoiceId, Lang } from '../../lessons/schema';
import type { Course } from '../../course/schema';
import type { Meeting } from '../../course/meeting';
import type { ProgressData } from '../../progress/store';
import type { RemovalPlan } from '../../sandbox';
import type { Action, KeyInfo } from '../input/keys';
import type { Pictures } from '../../pictures/types';
import type { CheatNames } from '../cheat/fill';
import type { MarkdownRender } from '../text/render-markdown';
import type { EngineStatus, LogEntry, Notice, OutLine, SandboxStatus } from './state';

/** Everything that can happen to the UI: keys, their meanings (actions), and what the world reports. */
export type AppEvent =
  | { type: 'key'; input: string; key: KeyInfo }
  | Action
  | { type: 'resized'; cols: number; rows: number }
  | { type: 'engineStatus'; status: EngineStatus }
  | { type: 'sandboxStatus'; status: SandboxStatus }
  /** recoveredFrom: the store found the file unreadable when it opened (after the first frame) and moved it there. */
  | { type: 'progressChanged'; progress: ProgressData; recoveredFrom?: string }
  /** The Markdown renderer has loaded (after the first frame): lesson text is drawn with it from now on. */
  | { type: 'markdownLoaded'; render: MarkdownRender }
  /** Whether a cluster answers for live mode (kube/live), found when a Kubernetes lesson first opens. */
  | { type: 'kubeLiveMode'; live: LiveSummary }
  /** `answers`: the saved answers to the lesson's questions (read from its workspace). */
  | { type: 'lessonReady'; lessonId: string; workspace: string; files: string[]; answers?: Record<string, ChoiceId> }
  /** The learner's answer to a step's question is saved in the workspace: check the step now. */
  | { type: 'answerSaved'; lessonId: string; stepIndex: number; questionId: string; choice: ChoiceId }
  | { type: 'answerFailed'; lessonId: string; message: string }
  | { type: 'commandOutput'; lines: OutLine[]; dropped: number }
  /** `stillRunning`: containers the stopped command started that still run (Ctrl-C ends the CLI, not them). */
  | { type: 'commandDone'; exitCode: number | null; cancelled: boolean; timedOut: boolean; ms: number; stillRunning?: string[] }
  | { type: 'commandRefused'; message: string; tryThis?: string }
  | { type: 'checkResult'; lessonId: string; stepIndex: number; result: CheckResult }
  /** `answers`: for a step with a question, the saved answers as the check read them (`ctr-learn answer` in another terminal may have changed them). */
  | { type: 'checkDone'; lessonId: string; stepIndex: number; passed: boolean; answers?: Record<string, ChoiceId> }
  | { type: 'checkError'; lessonId: string; stepIndex: number; message: string; tryThis?: string }
  | { type: 'engineEvents'; lessonIds: string[] }
  | { type: 'logged'; entries: LogEntry[] }
  | { type: 'resetPlanned'; plan: RemovalPlan }
  | { type: 'resetDone'; removed: number; restoredFiles: boolean }
  | { type: 'resetFailed'; message: string }
  | { type: 'editorDone'; error?: string }
  | { type: 'picturesLoaded'; lessonId: string; pictures: Pictures }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'cheatLoaded'; index: CheatIndex }
  | { type: 'cheatFailed'; message: string }
  /** Names on the engine for filling a cheat sheet command (the sandbox's containers, networks, volumes; images). */
  | { type: 'cheatNames'; names: CheatNames }
  /** The course in use and an open meeting, read after the first frame. */
  | { type: 'groupLoaded'; course: Course; meeting: Meeting | null }
  /** The clock moved (every few seconds while a meeting is open). */
  | { type: 'tick'; now: number }
  /** The meeting's time was up: its report is written (file), or could not be (error). */
  | { type: 'meetingClosed'; file?: string; error?: string };

/** What the reducer asks the outside world to do (controller.ts does it and reports back with events). */
export type Effect =
  | { type: 'enterLesson'; lessonId: string }
  | { type: 'runCommand'; lessonId: string; line: string }
  | { type: 'cancelCommand' }
  | { type: 'runCheck'; lessonId: string; stepIndex: number; trigger: 'key' | 'event' }
  /** Save the answer to a step's question in the lesson workspace (then answerSaved). */
  | { type: 'saveAnswer'; lessonId: string; stepIndex: number; questionId: string; choice: ChoiceId }
  | { type: 'seeStep'; lessonId: string; stepId: string }
  | { type: 'recordAttempt'; lessonId: string; stepId: string; passed: boolean; evidence?: { check: string; actual: string }[] }
  | { type: 'useHint'; lessonId: string; stepId: string; rung: number }
  | { type: 'revealSolution'; lessonId: string; stepId: string }
  | { type: 'saveLang'; lang: Lang }
  | { type: 'planReset'; lessonId: string }
  | { type: 'reset'; lessonId: string; restoreFiles: boolean }
  | { type: 'openEditor'; lessonId: string; file: string }
  | { type: 'retryEngine' }
  | { type: 'loadPictures'; lessonId: string }
  | { type: 'loadCheatNames' }
  /** The meeting's time is up: write this member's report for it and close it (course/meeting.ts). */
  | { type: 'closeMeeting' }
  /** Put text on the terminal's clipboard (OSC 52). */
  | { type: 'copy'; text: string }
  | { type: 'loadCheats' }
  | { type: 'quit' };
