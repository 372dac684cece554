import { engineTime, healthChanges } from '../engine/events';
import { hasHealthCheck } from '../engine/objects';
import type { LabReader } from '../sandbox/lab';
import type { HealthPicture } from './types';

/** A container's health over its current (or last) run, from the engine's health_status events. */
export async function healthPicture(lab: LabReader, name: string, now = Date.now()): Promise<HealthPicture> {
  const empty = noHealthPicture(name);
  const c = await lab.container(name);
  if (!c) return empty;
  const h = c.State.Health;
  const started = engineTime(c.State.StartedAt);
  // (.State.Health appears only once the container has started; the check itself is in the config.)
  if (!h || started === null) return { ...empty, state: c.State.Status, noCheck: !h && !hasHealthCheck(c) };
  const finished = engineTime(c.State.FinishedAt);
  const end = c.State.Running || finished === null || finished < started ? now / 1000 : finished;
  const changes: HealthPicture['changes'] = [{ at: 0, status: 'starting' }];
  for (const e of await healthChanges(lab.engine, c)) {
    if (e.time < started) continue; // an earlier run
    if (changes.at(-1)!.status !== e.status) changes.push({ at: Math.max(0, e.time - started), status: e.status });
  }
  return { container: name, state: c.State.Status, noCheck: false, status: h.Status, failingStreak: h.FailingStreak, span: Math.max(0, end - started), changes };
}

/** A container the lesson health-checks that is not there (yet). */
export function noHealthPicture(name: string): HealthPicture {
  return { container: name, state: null, noCheck: false, status: '', failingStreak: 0, span: 0, changes: [] };
}
