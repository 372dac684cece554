/**
 * A member's report: what they share in the group chat. Plain data, signed as canonical JSON
 * (sign.ts); the Markdown form embeds the same JSON, so the scoreboard reads either.
 */
export const REPORT_FORMAT = 'ctr-learn-report';
export const REPORT_FORMAT_VERSION = 1;

export interface StepReport {
  id: string;
  passed: boolean;
  /** Passed before the report's time window (a session report counts only passes inside it). */
  passedBefore?: boolean;
  passedAt?: string;
  /** Checks run on the step, all time (the counters have no history to cut by time). */
  attempts: number;
  /** Highest rung of the hint ladder opened. */
  hintsUsed: number;
  solutionRevealed: boolean;
  /** From first seeing the step to passing it. */
  timeToPassMs?: number;
  /** Each check's actual value at the pass (recorded by `ctr-learn check`). */
  evidence?: { check: string; actual: string }[];
}

export interface LessonReport {
  id: string;
  title: string;
  /** The course week it belongs to. */
  week?: number;
  stepsPassed: number;
  stepCount: number;
  steps: StepReport[];
}

export interface Report {
  format: typeof REPORT_FORMAT;
  formatVersion: typeof REPORT_FORMAT_VERSION;
  member: string;
  createdAt: string;
  /** The course file's name (null: made from the lessons' weeks). */
  course: string | null;
  week?: number;
  /** A session report: only passes between these times count. */
  window?: { from: string; to: string };
  lessons: LessonReport[];
  totals: { lessonsDone: number; stepsPassed: number; steps: number; attempts: number; hintsUsed: number; solutionsRevealed: number };
}

export interface Signature {
  alg: 'HMAC-SHA256';
  /** First 8 hex digits of SHA-256 of the key: tells "another key" from "edited". */
  keyId: string;
  /** Hex HMAC-SHA256 of the canonical JSON of `report`. */
  value: string;
}

export interface SignedReport {
  report: Report;
  /** Null when the member has no group key set: such a report cannot be checked. */
  signature: Signature | null;
}
