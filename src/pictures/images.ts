import type { EngineApi } from '../engine/api';
import { inspectImage, normalizeRef } from '../engine/objects';
import type { ImageHistoryEntry } from '../engine/types';
import type { LabReader } from '../sandbox/lab';
import type { ImagePicture } from './types';

/** Instructions that change only the image config: no layer. */
const CONFIG_ONLY = /^(LABEL|ENV|CMD|ENTRYPOINT|EXPOSE|HEALTHCHECK|WORKDIR|USER|VOLUME|ARG|STOPSIGNAL|SHELL|ONBUILD|MAINTAINER)\b/;

/**
 * A history line as the Dockerfile said it: the classic builder writes `/bin/sh -c #(nop)  LABEL a=b`
 * and `/bin/sh -c echo hi` (a RUN), BuildKit `RUN /bin/sh -c echo hi # buildkit`; COPY names its
 * source by content hash.
 */
export function buildStep(createdBy: string): string {
  let s = createdBy.trim().replace(/\s*# buildkit$/, '');
  const nop = s.match(/^\/bin\/sh -c #\(nop\)\s+(.*)$/s);
  if (nop) s = nop[1];
  else if (s.startsWith('/bin/sh -c ')) s = `RUN ${s.slice('/bin/sh -c '.length)}`;
  s = s.replace(/^RUN \/bin\/sh -c /, 'RUN ');
  s = s.replace(/\b(file|dir|multi):[0-9a-f]{64}/g, '$1');
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The layer stack of an image the lesson makes, newest first, with the layers it shares with the
 * image it was built FROM: named by the engine's history where the classic builder kept the
 * parent chain, else the longest of `bases` whose layers the image starts with (pulled images
 * and BuildKit builds keep no parent chain).
 */
export async function imagePicture(lab: LabReader, ref: string, bases: string[] = []): Promise<ImagePicture> {
  const name = normalizeRef(ref);
  const missing = noImagePicture(name);
  const api = lab.engine;
  const { image } = await lab.image(name);
  if (!image) return missing;
  const history = await api.maybe<ImageHistoryEntry[]>('GET', `/images/${encodeURIComponent(image.Id)}/history`);
  if (!history) return missing; // removed in between
  const isLayer = (h: ImageHistoryEntry) => !(CONFIG_ONLY.test(buildStep(h.CreatedBy)) && h.Size === 0);
  let baseAt = history.findIndex((h, i) => i > 0 && (h.Tags?.length ?? 0) > 0);
  let base = baseAt > 0 ? history[baseAt].Tags![0] : null;
  if (!base) {
    const found = await sharedBase(api, image.RootFS.Layers ?? [], bases);
    if (found) {
      // The base's layers are the image's oldest ones: its part of the history starts at the
      // history entry of its newest layer.
      let seen = 0;
      for (let i = history.length - 1; i >= 0; i--) {
        if (isLayer(history[i])) seen++;
        if (seen === found.layers) {
          baseAt = i;
          base = found.ref;
          break;
        }
      }
    }
  }
  const picture: ImagePicture = { ...missing, id: image.Id.replace(/^sha256:/, '').slice(0, 12), base };
  history.forEach((h, i) => {
    const step = buildStep(h.CreatedBy);
    const fromBase = base !== null && i >= baseAt;
    if (!isLayer(h)) {
      // (The sandbox's own labels on a build are not the learner's steps.)
      if (!fromBase && !isLabLabelStep(lab, step)) picture.configOnly.push(step);
    } else {
      picture.layers.push({ createdBy: step, size: h.Size, fromBase });
    }
  });
  return picture;
}

/** A `LABEL k=v` build step that is the sandbox's bookkeeping (a build through the proxy adds them). */
function isLabLabelStep(lab: LabReader, step: string): boolean {
  const m = step.match(/^LABEL ([^=\s]+)=/);
  return !!m && lab.isLabLabel(m[1]);
}

/** An image the lesson makes that is not there (yet). */
export function noImagePicture(ref: string): ImagePicture {
  return { ref: normalizeRef(ref), id: null, base: null, layers: [], configOnly: [] };
}

/** The candidate whose layers are the longest proper start of `layers`. */
async function sharedBase(api: EngineApi, layers: string[], candidates: string[]): Promise<{ ref: string; layers: number } | null> {
  let best: { ref: string; layers: number } | null = null;
  for (const ref of [...new Set(candidates.map(normalizeRef))]) {
    const b = (await inspectImage(api, ref))?.RootFS.Layers ?? [];
    const shared = b.length > 0 && b.length < layers.length && b.every((l, i) => layers[i] === l);
    if (shared && b.length > (best?.layers ?? 0)) best = { ref, layers: b.length };
  }
  return best;
}
