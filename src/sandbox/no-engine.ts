import { CouldNotCheck } from '../errors';
import type { CheckKind, Lesson, Step } from '../lessons/schema';
import type { LabReader } from './lab';

/** Check kinds that read only the lesson workspace (answers, manifests), never the engine. */
const WORKSPACE_ONLY = new Set<CheckKind>(['question', 'workspace-file', 'manifest', 'kube-probe', 'kube-hook', 'kube-image', 'kube-selector', 'kube-env', 'kube-volume', 'kube-field']);

/**
 * Does grading this step need the engine (and so a ready sandbox)? Not in a lesson that says
 * `requires: { engine: false }`, nor for a step whose checks all read the workspace only.
 */
export function stepNeedsEngine(lesson: Pick<Lesson, 'requires'>, step: Step): boolean {
  if (!lesson.requires.engine) return false;
  return !(step.checks.length > 0 && step.checks.every((c) => WORKSPACE_ONLY.has(c.kind)));
}

/**
 * The lab of a step graded without an engine: its checks read the workspace only. Reaching for an
 * engine object from one is a lesson bug (or ours), said as such.
 */
export function noEngineLab(lessonId: string): LabReader {
  return new Proxy({ lessonId } as LabReader, {
    get(target, prop) {
      if (prop === 'lessonId' || prop === 'then') return (target as unknown as Record<string | symbol, unknown>)[prop];
      throw new CouldNotCheck(`Lesson ${lessonId} is graded without an engine here (requires.engine: false, or a step of workspace-only checks), but a check asked the engine (${String(prop)}). Give the lesson requires.engine: true, or use checks that read the workspace.`);
    },
  });
}
