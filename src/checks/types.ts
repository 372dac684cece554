import type { LabReader } from '../sandbox/lab';
import type { Check, CheckKind, CheckOf, Lang } from '../lessons/schema';

/**
 * Everything an evaluator may use. Checks reach the learner's objects only through the lab (by
 * name), and read them through the API, never the CLI.
 */
export interface CheckContext {
  lab: LabReader;
  /** The lesson workspace on the host (bind-mount sources, files to compare). */
  workspace: string;
  signal?: AbortSignal;
  /** The language of the evidence (expected, actual); English when not given. */
  lang?: Lang;
  /**
   * Whose namespace tier 3 applies into (src/kube/live): `ctr-learn-<short>`, labelled with
   * `owner`. Absent: this home's learner. `verify` sets its simulated learners'.
   */
  learner?: { short: string; owner: string };
}

/**
 * "Not solved yet" is a value: pass or fail, always with expected vs actual.
 * "Could not check" is a thrown CouldNotCheck, never an Outcome.
 */
export interface Outcome {
  pass: boolean;
  expected: string;
  actual: string;
}

export type Evaluator<K extends CheckKind> = (check: CheckOf<K>, ctx: CheckContext) => Promise<Outcome>;

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface CheckResult {
  id: string;
  kind: Check['kind'];
  title: string;
  status: CheckStatus;
  expected: string;
  actual: string;
  /** The step hint that helps with this check, when it failed. */
  hint?: string;
  ms: number;
}

export interface StepResult {
  stepId: string;
  passed: boolean;
  checks: CheckResult[];
  ms: number;
  /** Live checks (tier 3) the step has but that did not run because no cluster answered. */
  liveNotRun?: number;
}

export type { Lang };
