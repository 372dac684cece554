import { hostname } from 'node:os';
import type { EngineApi } from '../engine/api';
import type { LabReader } from './lab';
import { LABEL } from './labels';
import { learnerId } from './learner-id';
import { scopedReader } from './lookups';
import { planRemoval, removeObjects, type Removal } from './remove';
import { readRecords } from './session-file';

/**
 * One lesson's objects in this learner's live sessions (`ctr-learn check`, in another terminal or
 * inside `ctr-learn shell`: what the learner did in the app and in the shell is one lab, as the
 * app sees it too). Another learner's sessions on the same host never count.
 */
export function learnerLab(api: EngineApi, lessonId: string, sessionId?: string, env = process.env): LabReader {
  const reader = scopedReader(api, { lessonId, owner: learnerId() });
  // Inside `ctr-learn shell` (CTR_LEARN_SESSION names this session) DOCKER_HOST is the session's door:
  // a check that runs objects of its own (the pod replay) goes through it.
  const door = sessionId && env.CTR_LEARN_SESSION === sessionId ? env.DOCKER_HOST : undefined;
  return door ? Object.assign(reader, { dockerHost: door }) : reader;
}

/**
 * `ctr-learn reset <lesson>`: remove that lesson's objects from every session of this learner
 * (live or ended), never another learner's, never anything outside the sandbox.
 */
export async function resetLearnerLesson(api: EngineApi, lessonId: string): Promise<Removal> {
  // This learner's session files are the ones in their own state folder.
  const records = readRecords().filter((r) => r.host === hostname());
  const refs = records.flatMap((r) => Object.entries(r.imageRefs).filter(([, l]) => l === lessonId).map(([ref]) => ref));
  const vols = records.flatMap((r) => Object.entries(r.volumes).filter(([, l]) => l === lessonId).map(([v]) => v));
  const plan = await planRemoval(api, [`${LABEL.lesson}=${lessonId}`, `${LABEL.owner}=${learnerId()}`], refs);
  plan.volumes.push(...vols);
  return removeObjects(api, plan, new Set(records.flatMap((r) => r.preexistingImageIds)));
}
