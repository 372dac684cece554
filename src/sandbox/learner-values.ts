import { memberName, readGroupConfig } from '../course/group-config';
import { learnerFrom, type Learner } from '../lessons/personalize';
import { learnerId } from './learner-id';

/**
 * The learner of this ctr-learn home, for the lessons' per-learner values (lessons/personalize.ts):
 * their name and the identity the sandbox labels their objects with.
 */
export function currentLearner(env = process.env): Learner {
  return learnerFrom(memberName(), learnerId(env), readGroupConfig().name !== undefined);
}
