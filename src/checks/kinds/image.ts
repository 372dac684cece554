import { inspectImage, normalizeRef } from '../../engine/objects';
import type { ImageHistoryEntry } from '../../engine/types';
import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';

export const image: Evaluator<'image'> = async (check, ctx) => {
  const L = ctx.lang;
  const ref = normalizeRef(check.image);
  const parts = [say(L, check.exists ? 'imageExists' : 'imageMissingWant', { ref })];
  if (check.baseImage) parts.push(say(L, 'imageBuiltFrom', { base: normalizeRef(check.baseImage) }));
  if (check.minLayers) parts.push(say(L, 'imageMinLayers', { n: check.minLayers }));
  if (check.labels) parts.push(say(L, 'imageLabels', { labels: Object.entries(check.labels).map(([k, v]) => `${k}=${v}`).join(', ') }));
  if (check.historyIncludes) parts.push(say(L, 'imageHistory', { text: check.historyIncludes }));
  if (check.sameAs) parts.push(say(L, 'imageSameAs', { ref: normalizeRef(check.sameAs) }));
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
  return { pass, expected, actual: facts.join(', ') };
};
