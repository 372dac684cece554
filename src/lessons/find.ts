import { UserError } from '../errors';
import type { Lesson } from './schema';

export function findLesson(lessons: Lesson[], id: string): Lesson {
  const lesson = lessons.find((l) => l.id === id);
  if (!lesson) {
    throw new UserError(`No lesson "${id}".`, `one of: ${lessons.map((l) => l.id).join(', ')} (ctr-learn lessons)`);
  }
  return lesson;
}
