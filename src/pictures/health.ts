import type { EngineApi } from '../engine/api';
import { containerEvents } from '../engine/events';
import { findContainer } from '../engine/objects';
import type { Scope } from '../sandbox/labels';
import type { HealthPicture } from './types';

const running = (finishedAt: string, startedAt: string) => !finishedAt || finishedAt.startsWith('0001-') || Date.parse(finishedAt) < Date.parse(startedAt);

/** A container's health over its current (or last) run, from the engine's health_status events. */
export async function healthPicture(api: EngineApi, scope: Scope, name: string, now = Date.now()): Promise<HealthPicture> {
  const empty: HealthPicture = { container: name, state: null, noCheck: false, status: '', failingStreak: 0, span: 0, changes: [] };
  const c = await findContainer(api, scope, name);
  if (!c) return empty;
  const h = c.State.Health;
  // (.State.Health appears only once the container has started; the check itself is in the config.)
  const test = c.Config.Healthcheck?.Test ?? [];
  const hasCheck = !!h || (test.length > 0 && test[0] !== 'NONE');
  if (!h || !c.State.StartedAt || c.State.StartedAt.startsWith('0001-')) return { ...empty, state: c.State.Status, noCheck: !hasCheck };
  const started = Date.parse(c.State.StartedAt) / 1000;
  const end = c.State.Running || running(c.State.FinishedAt, c.State.StartedAt) ? now / 1000 : Date.parse(c.State.FinishedAt) / 1000;
  const changes: HealthPicture['changes'] = [{ at: 0, status: 'starting' }];
  for (const e of await containerEvents(api, c, ['health_status'])) {
    if (e.time < started) continue; // an earlier run
    const status = e.status.replace(/^health_status:\s*/, '');
    if (status && changes.at(-1)!.status !== status) changes.push({ at: Math.max(0, e.time - started), status });
  }
  return { container: name, state: c.State.Status, noCheck: false, status: h.Status, failingStreak: h.FailingStreak, span: Math.max(0, end - started), changes };
}
