import { CouldNotCheck } from '../errors';
import type { CheckKind, Lesson, Step } from '../lessons/schema';
import type { LabReader } from './lab';

/**
 * Per check kind: does it ask the engine (true), or read only the lesson workspace (answers,
 * manifests)? Every kind must say: a new kind that is missing here does not compile.
 */
const NEEDS_ENGINE: Record<CheckKind, boolean> = {
  container: true, restart: true, port: true, http: true, env: true, mount: true, 'volume-file': true,
  'container-file': true, network: true, attached: true, reach: true, image: true, 'registry-tag': true,
  health: true, stop: true, logs: true, 'run-config': true, 'published-http': true, command: true,
  'log-config': true, digest: true, 'pod-replay': true,
  question: false, 'workspace-file': false, manifest: false, 'kube-probe': false, 'kube-hook': false,
  'kube-image': false, 'kube-selector': false, 'kube-env': false, 'kube-volume': false, 'kube-field': false,
  // tier 3: asks a cluster, never the docker engine (only from a step's live list)
  'kube-live': false,
};

/**
 * Does grading this step need the engine (and so a ready sandbox)? Not in a lesson that says
 * `requires: { engine: false }`, nor for a step whose checks all read the workspace only.
 */
export function stepNeedsEngine(lesson: Pick<Lesson, 'requires'>, step: Step): boolean {
  if (!lesson.requires.engine) return false;
  return step.checks.length === 0 || step.checks.some((c) => NEEDS_ENGINE[c.kind]);
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
