/**
 * The one reading of a request's path. The engine decodes percent-escapes before it routes, so
 * `/containers/web%2Fpause` would be checked as a container named "web/pause" and then act on
 * "web". The sandbox decodes once, refuses anything whose decoded form is not plain (an encoded
 * slash, a dot segment, an empty segment, a double encoding), and forwards the path it rebuilt
 * from the segments it checked, never the bytes the client sent.
 */
export interface CanonicalRequest {
  /** `/v1.41` or '' when the client sent no version. */
  version: string;
  /** Decoded path segments after the version: `['containers', 'web', 'stop']`. */
  segments: string[];
  query: URLSearchParams;
}

export class BadPath extends Error {}

/** Oldest API version the sandbox speaks: before 1.24 `start` still took a HostConfig body. */
const MIN_MINOR = 24;

export function canonicalize(rawUrl: string): CanonicalRequest {
  if (!rawUrl.startsWith('/')) throw new BadPath('the path must start with /');
  if (rawUrl.includes('#')) throw new BadPath('a fragment (#) has no place in an Engine API path');
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  if (/[\x00-\x20\x7f\\]/.test(rawPath)) throw new BadPath('the path holds a space, a control character or a backslash');
  if (/%(2f|5c|25|00)/i.test(rawPath)) throw new BadPath('the path holds an encoded slash, backslash, percent sign or NUL');
  const parts = rawPath.slice(1).split('/');
  // One trailing slash is how some clients end a path; anything else empty is not canonical.
  if (parts.length > 1 && parts.at(-1) === '') parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    if (part === '') throw new BadPath('the path holds an empty segment (//)');
    let seg: string;
    try {
      seg = decodeURIComponent(part);
    } catch {
      throw new BadPath('the path holds a broken percent-escape');
    }
    if (seg === '.' || seg === '..') throw new BadPath('the path holds a dot segment (. or ..)');
    if (seg.includes(';')) throw new BadPath('the path holds a ; parameter');
    segments.push(seg);
  }
  let version = '';
  const v = /^v(\d+)\.(\d+)$/.exec(segments[0] ?? '');
  if (v) {
    if (Number(v[1]) !== 1 || Number(v[2]) < MIN_MINOR) throw new BadPath(`API version ${segments[0]} is not one the sandbox speaks (1.${MIN_MINOR} or newer)`);
    version = `/${segments.shift()}`;
  }
  if (rawQuery.includes(';')) throw new BadPath('the query holds a ; separator');
  return { version, segments, query: new URLSearchParams(rawQuery) };
}

/** The path + query the engine receives: rebuilt from what was checked. */
export function rebuild(req: CanonicalRequest, segments = req.segments, query = req.query): string {
  const path = `${req.version}/${segments.map(encodeSegment).join('/')}`;
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

function encodeSegment(seg: string): string {
  // Image references keep their readable ':' and '@'; everything else the engine decodes back.
  return encodeURIComponent(seg).replace(/%3A/g, ':').replace(/%40/g, '@');
}
