import type { EngineApi } from '../engine/api';
import { findImage, normalizeRef } from '../engine/objects';
import { LABEL, type Scope } from '../sandbox/labels';
import type { ImagePicture } from './types';

interface HistoryEntry {
  Id: string;
  CreatedBy: string;
  Size: number;
  Tags: string[] | null;
}

const SANDBOX_LABEL = new RegExp(`^LABEL (${Object.values(LABEL).map((l) => l.replace(/\./g, '\\.')).join('|')})=`);

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
 * local image it was built FROM (the engine's history names that image by its tag).
 */
export async function imagePicture(api: EngineApi, scope: Scope, ref: string): Promise<ImagePicture> {
  const name = normalizeRef(ref);
  const { image } = await findImage(api, scope, name);
  if (!image) return { ref: name, id: null, base: null, layers: [], configOnly: [] };
  const history = await api.json<HistoryEntry[]>('GET', `/images/${encodeURIComponent(image.Id)}/history`);
  const baseAt = history.findIndex((h, i) => i > 0 && (h.Tags?.length ?? 0) > 0);
  const picture: ImagePicture = { ref: name, id: image.Id.replace(/^sha256:/, '').slice(0, 12), base: baseAt > 0 ? history[baseAt].Tags![0] : null, layers: [], configOnly: [] };
  history.forEach((h, i) => {
    const step = buildStep(h.CreatedBy);
    const fromBase = baseAt > 0 && i >= baseAt;
    if (CONFIG_ONLY.test(step) && h.Size === 0) {
      // (The sandbox's own labels on a build are not the learner's steps.)
      if (!fromBase && !SANDBOX_LABEL.test(step)) picture.configOnly.push(step);
    } else {
      picture.layers.push({ createdBy: step, size: h.Size, fromBase });
    }
  });
  return picture;
}
