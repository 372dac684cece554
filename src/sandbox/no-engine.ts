import { CouldNotCheck } from '../errors';
import type { LabReader } from './lab';

/**
 * The lab of a lesson that needs no engine (`requires: { engine: false }`): its checks read the
 * workspace only. Reaching for an engine object from one is a lesson bug, said as such.
 */
export function noEngineLab(lessonId: string): LabReader {
  return new Proxy({ lessonId } as LabReader, {
    get(target, prop) {
      if (prop === 'lessonId' || prop === 'then') return (target as unknown as Record<string | symbol, unknown>)[prop];
      throw new CouldNotCheck(`Lesson ${lessonId} says it needs no engine (requires.engine: false), but one of its checks asked the engine (${String(prop)}). Give the lesson requires.engine: true, or use checks that read the workspace.`);
    },
  });
}

/** Does a lesson need the engine (and so a sandbox) to be graded? */
export const needsEngine = (lesson: { requires: { engine: boolean } }): boolean => lesson.requires.engine;
