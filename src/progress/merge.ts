import type { LessonProgress, ProgressData, StepProgress } from './store';

/**
 * Merge two learners' records of the same learner (a work and a home computer). Every field is
 * merged by a rule that is commutative, associative and idempotent, so importing twice, or
 * importing back what was exported, changes nothing:
 * - a passed step stays passed: the earliest passedAt wins, and the time to pass and the evidence
 *   come with it (they describe that pass);
 * - attempts and hints take the MAX, not the sum: the two files are not separate halves but two
 *   copies that share history (an export carries everything before it), so a sum would count the
 *   shared attempts twice, and again on every re-import. The max never over-counts, and it is
 *   exact when the learner kept working on one computer at a time;
 * - a revealed solution stays revealed; first-seen and started times take the earliest;
 * - this computer's language choice and last lesson win (they are about this computer).
 */
export function mergeProgress(local: ProgressData, incoming: ProgressData): ProgressData {
  const lessons: Record<string, LessonProgress> = {};
  for (const id of union(local.lessons, incoming.lessons)) lessons[id] = mergeLesson(local.lessons[id], incoming.lessons[id]);
  const out: ProgressData = { version: 1, lessons };
  const lang = local.lang ?? incoming.lang;
  if (lang) out.lang = lang;
  const lastLesson = local.lastLesson ?? incoming.lastLesson;
  if (lastLesson) out.lastLesson = lastLesson;
  return out;
}

// One side missing: merged with itself, so every result has the same shape (idempotence).
function mergeLesson(a: LessonProgress | undefined, b: LessonProgress | undefined): LessonProgress {
  if (!a || !b) a = b = (a ?? b)!;
  const steps: Record<string, StepProgress> = {};
  for (const id of union(a.steps, b.steps)) steps[id] = mergeStep(a.steps[id], b.steps[id]);
  return dropUndefined({ startedAt: earliest(a.startedAt, b.startedAt), completedAt: earliest(a.completedAt, b.completedAt), steps });
}

export function mergeStep(a: StepProgress | undefined, b: StepProgress | undefined): StepProgress {
  if (!a || !b) a = b = (a ?? b)!;
  // The pass that counts: the earliest; on a tie, the one with the shorter time (a total order, so the merge is commutative).
  const pass = [a, b].filter((s) => s.passedAt).sort((x, y) => byTime(x.passedAt!, y.passedAt!) || (x.timeToPassMs ?? Infinity) - (y.timeToPassMs ?? Infinity) || JSON.stringify(x.evidence ?? null).localeCompare(JSON.stringify(y.evidence ?? null)))[0];
  return dropUndefined({
    passedAt: pass?.passedAt,
    attempts: Math.max(a.attempts, b.attempts),
    hintsUsed: Math.max(a.hintsUsed, b.hintsUsed),
    solutionRevealed: a.solutionRevealed || b.solutionRevealed,
    firstSeenAt: earliest(a.firstSeenAt, b.firstSeenAt),
    timeToPassMs: pass?.timeToPassMs,
    evidence: pass?.evidence ? structuredClone(pass.evidence) : undefined,
  });
}

const union = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

/** Timestamps compared as times (with and without milliseconds), then as text so a tie is still one answer. */
const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b) || a.localeCompare(b);
const earliest = (a?: string, b?: string) => (a && b ? (byTime(a, b) <= 0 ? a : b) : (a ?? b));

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
