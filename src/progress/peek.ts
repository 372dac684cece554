import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '../paths';
import type { LessonProgress, ProgressData, StepProgress } from './store';

export interface Peeked {
  data: ProgressData;
  /**
   * False when the file exists but is not plain progress data (not JSON, the wrong shape, another
   * version): the caller should open the real store now, which moves the file aside and says so.
   */
  plausible: boolean;
}

const EMPTY = (): ProgressData => ({ version: 1, lessons: {} });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, type: 'string' | 'number' | 'boolean') => v === undefined || typeof v === type;

/**
 * The progress file read for the app's first frame: plain JSON, no conf and no schema (they cost
 * ~30 ms of loading on every start). Only READS: the conf-backed store (store.ts) stays the one
 * writer and the authority; the app opens it right after the first frame, and if it disagrees
 * (a field of the wrong type that this shape check lets through) it moves the file aside then.
 */
export function peekProgress(dir = configDir()): Peeked {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));
  } catch (err) {
    // No file yet is the normal first run; anything else (unreadable, not JSON) is for the store.
    return { data: EMPTY(), plausible: (err as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  if (!isRecord(raw) || !(raw.version === undefined || raw.version === 1)) return { data: EMPTY(), plausible: false };
  if (!(raw.lang === undefined || raw.lang === 'en' || raw.lang === 'ko') || !optional(raw.lastLesson, 'string')) return { data: EMPTY(), plausible: false };
  const lessons: Record<string, LessonProgress> = {};
  if (raw.lessons !== undefined && !isRecord(raw.lessons)) return { data: EMPTY(), plausible: false };
  for (const [id, l] of Object.entries(raw.lessons ?? {})) {
    if (!isRecord(l) || !(l.steps === undefined || isRecord(l.steps))) return { data: EMPTY(), plausible: false };
    if (!optional(l.startedAt, 'string') || !optional(l.completedAt, 'string')) return { data: EMPTY(), plausible: false };
    const steps: Record<string, StepProgress> = {};
    for (const [sid, s] of Object.entries((l.steps ?? {}) as Record<string, unknown>)) {
      if (!isRecord(s)) return { data: EMPTY(), plausible: false };
      // The defaults are the store schema's; the home screen reads passedAt and startedAt.
      steps[sid] = { attempts: 0, hintsUsed: 0, solutionRevealed: false, ...(s as Partial<StepProgress>) };
    }
    lessons[id] = { ...(l as Partial<LessonProgress>), steps };
  }
  const data: ProgressData = { version: 1, lessons };
  if (raw.lang !== undefined) data.lang = raw.lang;
  if (raw.lastLesson !== undefined) data.lastLesson = raw.lastLesson as string;
  return { data, plausible: true };
}
