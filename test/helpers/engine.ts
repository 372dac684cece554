import { EngineApi } from '../../src/engine/api';
import { resolveEndpoint } from '../../src/engine/endpoint';
import { prepareImages } from '../../src/images/prepare';

/**
 * The real engine for grading tests. In CI a missing engine is a failure, never a skip: the
 * grading claims are only proven on a real engine. Locally, without an engine, engine tests skip.
 */
export async function engineForTests(): Promise<EngineApi | null> {
  const api = new EngineApi(resolveEndpoint());
  try {
    await api.raw('GET', '/_ping', { timeoutMs: 3000 });
    return api;
  } catch (err) {
    api.close();
    if (process.env.CI) throw new Error(`CI is set but no Docker engine answers: ${(err as Error).message}. .ci/run must start dockerd.`);
    console.warn(`No Docker engine (${(err as Error).message}): engine tests skipped. Set CI=1 to make this a failure.`);
    return null;
  }
}

let prepared: Promise<unknown> | null = null;
/** Seed images the lessons use, made offline (idempotent: a no-op when present). */
export function ensureImages(api: EngineApi): Promise<unknown> {
  prepared ??= prepareImages(api, { offline: true });
  return prepared;
}

export const uniq = (prefix: string) => `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
