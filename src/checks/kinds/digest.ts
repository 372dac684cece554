import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { normalizeRef } from '../../engine/refs';
import { portOf } from '../../lessons/personalize';
import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { imageEvents } from './image';

/**
 * The manifest types a push from this engine stores; without an Accept header a Distribution
 * registry answers with a converted schema-1 manifest, whose digest is not the one `docker push`
 * printed.
 */
const ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** The registry's digest of repository:tag (HEAD of the manifest, Docker-Content-Digest), or null when it has no such tag. */
export function registryDigest(port: number, repository: string, tag: string, timeoutMs = 3000): Promise<string | null> {
  return new Promise((res, rej) => {
    const req = http.request(
      { method: 'HEAD', host: '127.0.0.1', port, path: `/v2/${repository}/manifests/${encodeURIComponent(tag)}`, headers: { Accept: ACCEPT }, timeout: timeoutMs, agent: false },
      (r) => {
        r.resume();
        r.on('end', () => {
          const d = r.headers['docker-content-digest'];
          res(r.statusCode === 200 && typeof d === 'string' ? d : null);
        });
        r.on('error', rej);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })));
    req.on('error', rej);
    req.end();
  });
}

/** registryDigest, retried briefly while the registry container starts (connection refused). */
async function digestOf(port: number, repository: string, tag: string): Promise<{ digest: string | null } | { error: string }> {
  const deadline = Date.now() + 1500;
  for (;;) {
    try {
      return { digest: await registryDigest(port, repository, tag) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (Date.now() < deadline && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code)) {
        await sleep(100);
        continue;
      }
      return { error: code };
    }
  }
}

/** lessons-images: a tag's digest in the registry, compared with another tag's, or pulled by it. */
export const digest: Evaluator<'digest'> = async (check, ctx) => {
  const L = ctx.lang;
  const repo = check.repository;
  const port = portOf(check.port);
  const pinned = `127.0.0.1:${port}/${repo}@sha256:…`;
  const parts = [say(L, 'digestOfTag', { port, repo, tag: check.tag })];
  if (check.sameAs) parts.push(say(L, 'digestSameWant', { repo, tag: check.tag, other: check.sameAs }));
  if (check.differentFrom) parts.push(say(L, 'digestDifferentWant', { repo, tag: check.tag, other: check.differentFrom }));
  if (check.pulled) parts.push(say(L, 'digestPulledWant', { ref: pinned }));
  const expected = parts.join(', ');

  const own = await digestOf(port, repo, check.tag);
  if ('error' in own) {
    return { pass: false, expected, actual: own.error === 'ECONNREFUSED' ? say(L, 'regNothingListens', { port }) : say(L, 'regRequestFailed', { code: own.error }) };
  }
  if (!own.digest) return { pass: false, expected, actual: say(L, 'digestNoTag', { repo, tag: check.tag }) };
  const facts = [say(L, 'digestIs', { repo, tag: check.tag, digest: own.digest })];
  let pass = true;
  for (const [other, same] of [[check.sameAs, true], [check.differentFrom, false]] as const) {
    if (!other) continue;
    const theirs = await digestOf(port, repo, other);
    const d = 'digest' in theirs ? theirs.digest : null;
    facts.push(d ? say(L, 'digestIs', { repo, tag: other, digest: d }) : say(L, 'digestNoTag', { repo, tag: other }));
    pass &&= !!d && (d === own.digest) === same;
  }
  if (check.pulled) {
    // By the pull event, not by deletion first: an image with that content may stay here under
    // another learner's names (one engine, one copy of each image ID), and the pull by digest is
    // what was asked for.
    const ref = `127.0.0.1:${port}/${repo}@${own.digest}`;
    const { image } = await ctx.lab.image(ref);
    const pulls = image ? (await imageEvents(ctx.lab.engine, ['pull'])).filter((e) => normalizeRef(e.Actor?.ID ?? '') === normalizeRef(ref)) : [];
    facts.push(say(L, !image ? 'digestNoImage' : pulls.length ? 'digestPulled' : 'digestNotByDigest', { ref }));
    pass &&= !!image && pulls.length > 0;
  }
  return { pass, expected, actual: facts.join(', ') };
};
