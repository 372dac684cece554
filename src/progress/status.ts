import type { ProgressData } from './store';

export interface LessonStatus {
  state: 'done' | 'in-progress' | 'not-started';
  passed: number;
  total: number;
}

/** done / in progress / not started and steps passed, from the progress data (pure: lists read it). */
export function lessonStatus(progress: ProgressData, lessonId: string, stepIds: string[]): LessonStatus {
  const l = progress.lessons[lessonId];
  const passed = stepIds.filter((id) => l?.steps[id]?.passedAt).length;
  const state = passed === stepIds.length ? 'done' : l?.startedAt ? 'in-progress' : 'not-started';
  return { state, passed, total: stepIds.length };
}
