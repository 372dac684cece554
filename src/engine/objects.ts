import type { EngineApi } from './api';
import type { ContainerInspect, ImageInspect } from './types';
import { normalizeRef } from './refs';

/** Any image by name, wherever it came from (a base image, say). Whose it is is the sandbox's question. */
export function inspectImage(api: EngineApi, ref: string): Promise<ImageInspect | null> {
  return api.maybe<ImageInspect>('GET', `/images/${encodeURIComponent(normalizeRef(ref))}/json`);
}

export { normalizeRef } from './refs';

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A health check is set (in the container's config, from `--health-cmd` or the image's HEALTHCHECK). */
export function hasHealthCheck(c: ContainerInspect): boolean {
  const test = c.Config.Healthcheck?.Test ?? [];
  return test.length > 0 && test[0] !== 'NONE';
}

/** Last value wins, as in the process environment the container gets. */
export function envValue(env: string[] | null, name: string): string | undefined {
  let value: string | undefined;
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    const k = eq < 0 ? entry : entry.slice(0, eq);
    if (k === name) value = eq < 0 ? '' : entry.slice(eq + 1);
  }
  return value;
}
