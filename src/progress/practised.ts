import { configDir } from '../paths';
import { peekProgress } from './peek';

/**
 * Lessons in which the learner has passed at least one step: their cheat sheet entries are marked
 * "practised". A plain read (peekProgress), because `ctr-learn cheat` must start fast; an
 * unreadable file simply means nothing is practised yet.
 */
export function practisedLessons(dir = configDir()): Set<string> {
  const { data } = peekProgress(dir);
  return new Set(
    Object.entries(data.lessons)
      .filter(([, l]) => Object.values(l.steps ?? {}).some((s) => s.passedAt))
      .map(([id]) => id),
  );
}
