import { inspectImage, normalizeRef } from '../../engine/objects';
import type { EngineApi } from '../../engine/api';
import { pastEvents, type EngineEvent } from '../../engine/events';
import type { ImageHistoryEntry } from '../../engine/types';
import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import type { Lang } from '../../lessons/schema';

export const image: Evaluator<'image'> = async (check, ctx) => {
  const L = ctx.lang;
  const ref = normalizeRef(check.image);
  const parts = [say(L, check.exists ? 'imageExists' : 'imageMissingWant', { ref })];
  if (check.baseImage) parts.push(say(L, 'imageBuiltFrom', { base: normalizeRef(check.baseImage) }));
  if (check.minLayers) parts.push(say(L, 'imageMinLayers', { n: check.minLayers }));
  if (check.labels) parts.push(say(L, 'imageLabels', { labels: Object.entries(check.labels).map(([k, v]) => `${k}=${v}`).join(', ') }));
  if (check.historyIncludes) parts.push(say(L, 'imageHistory', { text: check.historyIncludes }));
  if (check.sameAs) parts.push(say(L, 'imageSameAs', { ref: normalizeRef(check.sameAs) }));
  if (check.healthcheck !== undefined) parts.push(say(L, check.healthcheck ? 'imageHealthcheckWant' : 'imageNoHealthcheckWant'));
  if (check.fetched) parts.push(say(L, 'imageFetchedWant'));
  // lessons-images
  if (check.maxLayers) parts.push(say(L, 'imageMaxLayers', { n: check.maxLayers }));
  if (check.sharedLayers) parts.push(say(L, 'imageSharedWant', { ref: normalizeRef(check.sharedLayers.image), range: range(check.sharedLayers.min, check.sharedLayers.max) }));
  if (check.loaded) parts.push(say(L, 'imageLoadedWant'));
  const expected = parts.join(', ');
  const { image: img, outside } = await ctx.lab.image(ref);
  if (!img) {
    return { pass: !check.exists, expected, actual: say(L, outside ? 'imageNoneOutside' : 'imageNone', { ref }) };
  }
  if (!check.exists) return { pass: false, expected, actual: say(L, 'imageIsThere', { ref, id: img.Id.slice(7, 19) }) };
  const layers = img.RootFS.Layers ?? [];
  const facts = [say(L, 'imageFacts', { ref, id: img.Id.slice(7, 19), n: layers.length })];
  let pass = true;
  if (check.baseImage) {
    const base = await inspectImage(ctx.lab.engine, check.baseImage);
    const baseLayers = base?.RootFS.Layers ?? [];
    const shared = baseLayers.filter((l, i) => layers[i] === l).length;
    const ok = !!base && baseLayers.length > 0 && shared === baseLayers.length;
    facts.push(base ? say(L, 'imageShares', { shared, total: baseLayers.length }) : say(L, 'imageBaseMissing', { base: check.baseImage }));
    pass &&= ok;
  }
  if (check.minLayers) pass &&= layers.length >= check.minLayers;
  if (check.labels) {
    const have = img.Config?.Labels ?? {};
    const wrong = Object.entries(check.labels).filter(([k, v]) => have[k] !== v);
    if (wrong.length) facts.push(say(L, 'imageLabels', { labels: wrong.map(([k]) => `${k}=${have[k] ?? say(L, 'unset')}`).join(', ') }));
    pass &&= wrong.length === 0;
  }
  if (check.historyIncludes) {
    const hist = await ctx.lab.engine.json<ImageHistoryEntry[]>('GET', `/images/${encodeURIComponent(ref)}/history`);
    const ok = hist.some((h) => h.CreatedBy.includes(check.historyIncludes!));
    if (!ok) facts.push(say(L, 'imageNoHistory', { text: check.historyIncludes }));
    pass &&= ok;
  }
  if (check.sameAs) {
    const other = await inspectImage(ctx.lab.engine, check.sameAs);
    const ok = other?.Id === img.Id;
    facts.push(other ? say(L, 'imageIsId', { ref: normalizeRef(check.sameAs), id: other.Id.slice(7, 19) }) : say(L, 'imageNone', { ref: normalizeRef(check.sameAs) }));
    pass &&= ok;
  }
  if (check.healthcheck !== undefined) {
    const test = img.Config?.Healthcheck?.Test ?? [];
    const has = test.length > 0 && test[0] !== 'NONE';
    facts.push(has ? say(L, 'imageHealthcheck', { test: test.slice(1).join(' ') }) : say(L, 'imageNoHealthcheck'));
    pass &&= has === check.healthcheck;
  }
  if (check.fetched) {
    const how = await howFetched(ctx.lab.engine, ref, img.Id, L);
    facts.push(how.text);
    pass &&= how.ok;
  }
  // lessons-images
  if (check.maxLayers) pass &&= layers.length <= check.maxLayers;
  if (check.sharedLayers) {
    const { image: otherRef, min, max } = check.sharedLayers;
    const other = await inspectImage(ctx.lab.engine, otherRef);
    if (!other) {
      facts.push(say(L, 'imageNone', { ref: normalizeRef(otherRef) }));
      pass = false;
    } else {
      const theirs = other.RootFS.Layers ?? [];
      let n = 0;
      while (n < layers.length && n < theirs.length && layers[n] === theirs[n]) n++;
      facts.push(say(L, 'imageSharedActual', { n, ref: normalizeRef(otherRef), total: theirs.length }));
      pass &&= (min === undefined || n >= min) && (max === undefined || n <= max);
    }
  }
  if (check.loaded) {
    // Engine state, not events (a shared engine's 256 kept events can scroll away in seconds): a
    // build, commit or `docker tag` stamps LastTagTime; a `docker load` that recreated the image
    // leaves it zero, and a load over the image still here keeps the old stamp.
    const stamp = img.Metadata?.LastTagTime ?? '';
    const byLoad = stamp === '' || stamp.startsWith('0001-01-01');
    facts.push(byLoad ? say(L, 'imageLoaded') : say(L, 'imageNamedHere', { time: stamp.replace(/\.\d+/, '') }));
    pass &&= byLoad;
  }
  return { pass, expected, actual: facts.join(', ') };
};

/** "exactly n", "at least n", "at most n", "n to m" (numbers only: the words come from the catalogue). */
function range(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return min === max ? `${min}` : `${min}-${max}`;
  if (min !== undefined) return `>= ${min}`;
  return `<= ${max ?? 0}`;
}

/** The engine's image events of these actions, oldest first. */
export const imageEvents = (api: EngineApi, actions: string[]): Promise<EngineEvent[]> => pastEvents(api, { type: ['image'], event: actions });

/**
 * Was the image under `ref` really fetched? Its last `pull` must come after a `delete` of its ID
 * (every name gone, the content removed). A pull while the ID was still here ("Image is up to
 * date", or only a tag was removed) proves nothing. Engine events, which keep the last 256.
 */
export async function howFetched(api: EngineApi, ref: string, id: string, lang?: Lang): Promise<{ ok: boolean; text: string }> {
  const events = await imageEvents(api, ['pull', 'delete']);
  const pulls = events.filter((e) => e.Action === 'pull' && normalizeRef(e.Actor?.ID ?? '') === ref);
  const lastPull = pulls.at(-1);
  if (!lastPull) return { ok: false, text: say(lang, 'imageNeverPulled', { ref }) };
  const deleted = events.some((e) => e.Action === 'delete' && e.Actor?.ID === id && e.timeNano < lastPull.timeNano);
  return deleted ? { ok: true, text: say(lang, 'imagePulledAfterDelete') } : { ok: false, text: say(lang, 'imagePulledStillHere') };
}
