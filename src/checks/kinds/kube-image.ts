import { isOutcome, requireContainer, requireObject, say, where } from '../../kube/workspace';
import type { Evaluator, Outcome } from '../types';

/** An image reference taken apart: repository, tag, digest. */
export function parseImage(ref: string): { repository: string; tag?: string; digest?: string } {
  const [nameTag, digest] = ref.split('@');
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  const hasTag = colon > slash;
  return { repository: hasTag ? nameTag.slice(0, colon) : nameTag, tag: hasTag ? nameTag.slice(colon + 1) : undefined, digest };
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The pull policy the API server fills in when none is written: Always for :latest or no tag (and no digest), else IfNotPresent. */
export function defaultPullPolicy(ref: string): 'Always' | 'IfNotPresent' {
  const img = parseImage(ref);
  return !img.digest && (!img.tag || img.tag === 'latest') ? 'Always' : 'IfNotPresent';
}

export const kubeImage: Evaluator<'kube-image'> = async (check, ctx) => {
  const L = ctx.lang;
  const parts: string[] = [];
  if (check.repository) parts.push(say(L, 'wantRepository', { repo: check.repository }));
  if (check.pinned) parts.push(say(L, check.pinned === 'digest' ? 'wantDigest' : 'wantTagged'));
  if (check.pullPolicy) parts.push(say(L, 'wantPolicy', { policy: check.pullPolicy }));
  const expected = parts.join(', ');
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const c = requireContainer(found.o, check.container, expected, L);
  if (isOutcome(c)) return c;
  const ref = String(c.c.image);
  const img = parseImage(ref);
  const imgAt = where(found.o, [...c.path, 'image']);
  const imageIs = say(L, 'imageIs', { image: ref, at: imgAt });
  // name:sha256:… (a colon for the @) reads as a repository with a strange tag: say what it is.
  if (check.pinned === 'digest' && ref.includes('sha256:') && !(img.digest && DIGEST.test(img.digest))) return fail(say(L, 'imageBadDigest', { image: ref, at: imgAt }));
  if (check.repository && img.repository !== check.repository) return fail(imageIs);
  if (check.pinned === 'digest') {
    if (!img.digest) return fail(say(L, 'imageTagOnly', { image: ref, at: imgAt }));
    if (!DIGEST.test(img.digest)) return fail(say(L, 'imageBadDigest', { image: ref, at: imgAt }));
  }
  if (check.pinned === 'tag' && (!img.tag || img.tag === 'latest')) return fail(imageIs);
  const written = typeof c.c.imagePullPolicy === 'string' ? c.c.imagePullPolicy : undefined;
  const policy = written ?? defaultPullPolicy(ref);
  const policyIs = say(L, 'policyIs', { policy, how: written ? '' : say(L, 'policyDefault'), at: written ? where(found.o, [...c.path, 'imagePullPolicy']) : imgAt });
  if (check.pullPolicy && policy !== check.pullPolicy) return fail(policyIs);
  return { pass: true, expected, actual: `${imageIs}; ${policyIs}` };
};
