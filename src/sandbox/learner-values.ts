import { memberName, readGroupConfig } from '../course/group-config';
import { learnerFrom, type Learner } from '../lessons/personalize';
import { LABEL } from './labels';
import { learnerId } from './learner-id';

/**
 * The learner of this ctr-learn home, for the lessons' per-learner values (lessons/personalize.ts):
 * their name and the identity the sandbox labels their objects with.
 */
export function currentLearner(env = process.env): Learner {
  return learnerFrom(memberName(), learnerId(env), readGroupConfig().name !== undefined);
}

/**
 * A lab of this learner outside the docker engine (a Kubernetes namespace in live mode, kube/live)
 * carries the same owner label as their docker objects: its key, and this learner's value. The
 * label scheme itself stays here, in the sandbox.
 */
export const OWNER_LABEL = LABEL.owner;
export const labOwner = (env = process.env): string => learnerId(env);
