import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Report, Signature, SignedReport } from './types';

/**
 * JSON with keys sorted at every level and no spaces: the same report always gives the same
 * bytes, however it was re-formatted or re-ordered on the way (a chat, an editor).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const keyId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function sign(report: Report, key: string | null): SignedReport {
  if (!key) return { report, signature: null };
  return { report, signature: { alg: 'HMAC-SHA256', keyId: keyId(key), value: createHmac('sha256', key).update(canonicalJson(report)).digest('hex') } };
}

/**
 * valid: made with this key and not changed since. other-key: signed with a key that is not the
 * group's (keyId differs). tampered: the right key, but the report was changed after signing.
 */
export type Verdict = 'valid' | 'unsigned' | 'other-key' | 'tampered' | 'no-key';

export function verify(signed: SignedReport, key: string | null): Verdict {
  const sig: Signature | null = signed.signature;
  if (!sig) return 'unsigned';
  if (!key) return 'no-key';
  if (sig.keyId !== keyId(key)) return 'other-key';
  const want = createHmac('sha256', key).update(canonicalJson(signed.report)).digest();
  const got = Buffer.from(sig.value, 'hex');
  return got.length === want.length && timingSafeEqual(got, want) ? 'valid' : 'tampered';
}
