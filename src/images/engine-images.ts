import { ApiError, engineMessage, type EngineApi } from '../engine/api';
import type { ImageHistoryEntry, ImageInspect } from '../engine/types';
import { CouldNotCheck } from '../errors';

/** What a tag points at right now; null when the engine has no such tag. */
export interface TagState {
  id: string;
  /** Non-empty when the image came from (or went to) a registry. */
  repoDigests: string[];
}

export async function tagState(api: EngineApi, ref: string, signal?: AbortSignal): Promise<TagState | null> {
  const img = await api.maybe<ImageInspect>('GET', `/images/${encodeURIComponent(ref)}/json`, { signal });
  return img ? { id: img.Id, repoDigests: img.RepoDigests ?? [] } : null;
}

/** The newest history line (`docker history` shows it first): a seed's own marker. */
export async function newestCreatedBy(api: EngineApi, ref: string, signal?: AbortSignal): Promise<string | null> {
  const history = await api.maybe<ImageHistoryEntry[]>('GET', `/images/${encodeURIComponent(ref)}/history`, { signal });
  return history?.[0]?.CreatedBy ?? null;
}

/** `docker load`: the engine answers 200 and reports a failure inside the JSON stream. */
export async function loadArchive(api: EngineApi, archive: Buffer, signal?: AbortSignal): Promise<void> {
  const r = await api.request('POST', '/images/load', { query: { quiet: 1 }, body: archive, timeoutMs: 120_000, signal });
  const text = r.body.toString('utf8');
  if (r.status >= 400) throw new ApiError(r.status, engineMessage(text), 'POST /images/load');
  const failure = streamError(text);
  if (failure) throw new ApiError(r.status, failure, 'POST /images/load');
}

export async function tagImage(api: EngineApi, source: string, ref: string, signal?: AbortSignal): Promise<void> {
  const { repo, tag } = splitRef(ref);
  await api.json('POST', `/images/${encodeURIComponent(source)}/tag`, { query: { repo, tag }, signal });
}

export type PullResult = { ok: true } | { ok: false; reason: string };

/** How long a registry may take to answer at all; a blocked network must not stall `prepare`. */
export const PULL_FIRST_ANSWER_MS = 8_000;
const PULL_TOTAL_MS = 120_000;

/**
 * `docker pull`. Failing to reach a registry is an answer (ok: false, with the engine's reason),
 * not an error: the caller falls back to building locally. The engine sends response headers
 * only once it has reached the registry (or failed), so a slow first answer means no registry.
 */
export async function pullImage(
  api: EngineApi,
  fromImage: string,
  tag: string,
  signal?: AbortSignal,
  firstAnswerMs = PULL_FIRST_ANSWER_MS,
): Promise<PullResult> {
  const ours = new AbortController();
  let why = '';
  const abortAfter = (ms: number, reason: string) =>
    setTimeout(() => {
      why = reason;
      ours.abort();
    }, ms);
  let timer = abortAfter(firstAnswerMs, `no answer from the registry within ${firstAnswerMs / 1000} s`);
  const both = signal ? AbortSignal.any([signal, ours.signal]) : ours.signal;
  try {
    const res = await api.stream('POST', '/images/create', { query: { fromImage, tag }, signal: both });
    clearTimeout(timer);
    timer = abortAfter(PULL_TOTAL_MS, `the pull took longer than ${PULL_TOTAL_MS / 1000} s`);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if ((res.statusCode ?? 0) >= 400) return { ok: false, reason: engineMessage(text) };
    const failure = streamError(text);
    return failure ? { ok: false, reason: failure } : { ok: true };
  } catch (err) {
    if (signal?.aborted) throw new CouldNotCheck('Cancelled.');
    if (why) return { ok: false, reason: why };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** "ctr-learn/web:1" → repo "ctr-learn/web", tag "1" (a port in the host part is not a tag). */
export function splitRef(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: 'latest' };
}

/** The first `error` in a JSON-lines progress stream, if any. */
function streamError(text: string): string | null {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const msg = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
      if (msg.error || msg.errorDetail) return msg.errorDetail?.message ?? msg.error ?? 'unknown error';
    } catch {
      /* a partial line: not an error report */
    }
  }
  return null;
}
