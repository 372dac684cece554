import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { stateDir } from '../paths';

/**
 * Who a learner is on a shared host: the OS user plus the ctr-learn home they use (two
 * CTR_LEARN_HOMEs of one user are two learners, e.g. a study room's shared account). A short hash
 * of the state folder, so the label says nothing about anyone's paths.
 */
export function learnerId(env = process.env): string {
  const uid = process.getuid?.() ?? 'na';
  const home = createHash('sha256').update(resolve(stateDir(env))).digest('hex').slice(0, 10);
  return `u${uid}-${home}`;
}
