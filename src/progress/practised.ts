import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '../paths';

/**
 * Lessons in which the learner has passed at least one step: their cheat sheet entries are marked
 * "practised". Reads the progress file directly (no conf, no schema) because `ctr-learn cheat`
 * must start fast; an unreadable file simply means nothing is practised yet.
 */
export function practisedLessons(dir = configDir()): Set<string> {
  try {
    const data = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')) as {
      lessons?: Record<string, { steps?: Record<string, { passedAt?: string }> }>;
    };
    const ids = Object.entries(data.lessons ?? {})
      .filter(([, l]) => Object.values(l.steps ?? {}).some((s) => s.passedAt))
      .map(([id]) => id);
    return new Set(ids);
  } catch {
    return new Set();
  }
}
