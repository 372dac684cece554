import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { configDir, ensureDir } from '../paths';
import { mergeProgress } from './merge';
import { withFileLock } from './lock';
import { lessonStatus, type LessonStatus } from './status';

const StepProgress = z.object({
  passedAt: z.string().optional(),
  /** Checks run on this step (each press of "check", or an automatic re-check that changed nothing is not counted). */
  attempts: z.number().int().default(0),
  /** Highest rung of the hint ladder the learner opened (0 = none). */
  hintsUsed: z.number().int().default(0),
  solutionRevealed: z.boolean().default(false),
  firstSeenAt: z.string().optional(),
  /** Milliseconds from first seeing the step to passing it. */
  timeToPassMs: z.number().optional(),
  /** What each check saw when the step first passed (its `actual`): the evidence in a report. */
  evidence: z.array(z.object({ check: z.string(), actual: z.string() })).optional(),
});

const LessonProgress = z.object({
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
  steps: z.record(z.string(), StepProgress).default({}),
});

export const ProgressFile = z.object({
  version: z.literal(1).default(1),
  lang: z.enum(['en', 'ko']).optional(),
  lastLesson: z.string().optional(),
  lessons: z.record(z.string(), LessonProgress).default({}),
});
export type ProgressData = z.infer<typeof ProgressFile>;
export type LessonProgress = z.infer<typeof LessonProgress>;
export type StepProgress = z.infer<typeof StepProgress>;

export interface OpenedProgress {
  store: ProgressStore;
  /** Set when the file was unreadable: where the old one was moved, for the message. */
  recoveredFrom?: string;
}

/**
 * Progress kept with conf. A corrupt or foreign file is moved aside (never deleted) and a fresh
 * one started, with a message: a learner never sees a crash for it.
 */
export function openProgress(dir = configDir()): OpenedProgress {
  ensureDir(dir);
  const file = join(dir, 'progress.json');
  let recoveredFrom: string | undefined;
  if (existsSync(file)) {
    let ok = false;
    try {
      ok = ProgressFile.safeParse(JSON.parse(readFileSync(file, 'utf8'))).success;
    } catch {
      ok = false;
    }
    if (!ok) {
      recoveredFrom = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(file, recoveredFrom);
    }
  }
  const conf = new Conf<ProgressData>({ cwd: dir, configName: 'progress', projectName: 'ctr-learn', clearInvalidConfig: true, defaults: { version: 1, lessons: {} } });
  return { store: new ProgressStore(conf), recoveredFrom };
}

export class ProgressStore {
  constructor(private readonly conf: Conf<ProgressData>) {}

  get path(): string {
    return this.conf.path;
  }

  data(): ProgressData {
    return ProgressFile.parse(this.conf.store);
  }

  lesson(id: string): LessonProgress {
    return this.data().lessons[id] ?? { steps: {} };
  }

  /**
   * Every write is read-change-write under the lock, on what is in the file now (not on what this
   * process read earlier): another app window or a `ctr-learn check` may have written since. Each
   * change only adds (an attempt, a pass kept once, the highest hint rung), so nobody's step is lost.
   */
  private write(fn: (data: ProgressData) => void): void {
    withFileLock(this.conf.path, () => {
      const data = this.data();
      fn(data);
      this.conf.store = data;
    });
  }

  private update(lessonId: string, stepId: string | null, fn: (l: LessonProgress, s: StepProgress | null) => void): void {
    this.write((data) => this.change(data, lessonId, stepId, fn));
  }

  private change(data: ProgressData, lessonId: string, stepId: string | null, fn: (l: LessonProgress, s: StepProgress | null) => void): void {
    const l = (data.lessons[lessonId] ??= { steps: {} });
    l.startedAt ??= new Date().toISOString();
    let s: StepProgress | null = null;
    if (stepId) s = l.steps[stepId] ??= { attempts: 0, hintsUsed: 0, solutionRevealed: false, firstSeenAt: new Date().toISOString() };
    fn(l, s);
    data.lastLesson = lessonId;
  }

  seeStep(lessonId: string, stepId: string): void {
    this.update(lessonId, stepId, () => {});
  }

  /** `evidence`: the checks' actual values, kept with the first pass only. */
  recordAttempt(lessonId: string, stepId: string, passed: boolean, allStepIds: string[], evidence?: StepProgress['evidence']): void {
    this.update(lessonId, stepId, (l, s) => {
      s!.attempts += 1;
      if (passed && !s!.passedAt) {
        s!.passedAt = new Date().toISOString();
        if (s!.firstSeenAt) s!.timeToPassMs = Date.now() - Date.parse(s!.firstSeenAt);
        if (evidence) s!.evidence = evidence;
      }
      if (allStepIds.every((id) => l.steps[id]?.passedAt)) l.completedAt ??= new Date().toISOString();
    });
  }

  useHint(lessonId: string, stepId: string, rung: number): void {
    this.update(lessonId, stepId, (_l, s) => (s!.hintsUsed = Math.max(s!.hintsUsed, rung)));
  }

  revealSolution(lessonId: string, stepId: string): void {
    this.update(lessonId, stepId, (_l, s) => (s!.solutionRevealed = true));
  }

  /** Merge progress from another computer in (src/progress/merge.ts: a passed step is never lost). */
  mergeIn(incoming: ProgressData): void {
    // Under the lock like every other write: an app or a check writing now loses nothing.
    this.write((data) => Object.assign(data, mergeProgress(data, incoming)));
  }

  setLang(lang: 'en' | 'ko'): void {
    this.write((data) => {
      data.lang = lang;
    });
  }

  /** done / in progress / not started, for lists. */
  status(lessonId: string, stepIds: string[]): LessonStatus {
    return lessonStatus(this.data(), lessonId, stepIds);
  }
}
