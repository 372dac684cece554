import type { Lesson } from '../../lessons/schema';
import type { ProgressStore } from '../../progress/store';
import type { Effect } from '../state/events';

/** The effects that write the learner's progress (every change is written as it happens). */
export type ProgressEffect = Extract<Effect, { type: 'seeStep' | 'recordAttempt' | 'useHint' | 'revealSolution' | 'saveLang' }>;

/** Write one progress effect to the store (`lesson`: the lessons by id, for a lesson's step ids). */
export function recordProgress(p: ProgressStore, e: ProgressEffect, lesson: (id: string) => Lesson): void {
  switch (e.type) {
    case 'seeStep':
      return p.seeStep(e.lessonId, e.stepId);
    case 'recordAttempt':
      return p.recordAttempt(e.lessonId, e.stepId, e.passed, lesson(e.lessonId).steps.map((s) => s.id), e.evidence);
    case 'useHint':
      return p.useHint(e.lessonId, e.stepId, e.rung);
    case 'revealSolution':
      return p.revealSolution(e.lessonId, e.stepId);
    case 'saveLang':
      return p.setLang(e.lang);
  }
}
