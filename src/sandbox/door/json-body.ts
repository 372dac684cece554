/**
 * Request bodies, read the way the engine reads them. Go's JSON decoder matches object keys to
 * struct fields without regard to case, and folds 'ſ' (U+017F) to 's' and the Kelvin sign
 * (U+212A) to 'k': `{"hostconfig":{"Bindſ":[...]}}` is a HostConfig with Binds to the engine.
 * So every struct the sandbox judges is rewritten with the API's own spelling of each key, a key
 * that names no field of that struct is refused, two keys that name one field are refused, and
 * the proxy forwards the JSON it judged (JSON.parse keeps the last of repeated keys; the engine
 * then receives each key once).
 */
export type Shape = { [field: string]: Shape | 'any' | [Shape] | { '*': Shape } } | 'any';

export class BadBody extends Error {}

export function fold(key: string): string {
  let out = '';
  for (const ch of key) out += ch === '\u017f' ? 's' : ch === '\u212a' ? 'k' : ch.length === 1 && ch < '\x80' ? ch.toLowerCase() : ch;
  return out;
}

/** Parse a body that must be one JSON object; an empty body is `{}`. */
export function parseObject(body: Buffer | null): Record<string, unknown> {
  if (!body || body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadBody('the request body is not valid JSON');
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new BadBody('the request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Rewrite `value` to the API's spelling of `shape`, refusing unknown and repeated fields. */
export function canonical(value: unknown, shape: Shape, where = 'body'): unknown {
  if (shape === 'any' || value === null || value === undefined) return value;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) throw new BadBody(`${where} must be a list`);
    return value.map((v, i) => canonical(v, shape[0], `${where}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new BadBody(`${where} must be an object`);
  const entries = Object.entries(value as Record<string, unknown>);
  if ('*' in shape && Object.keys(shape).length === 1) {
    const inner = (shape as { '*': Shape })['*'];
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v, inner, `${where}.${k}`)]));
  }
  const byFold = new Map(Object.keys(shape).map((name) => [fold(name), name]));
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) {
    const name = byFold.get(fold(key));
    if (!name) throw new BadBody(`${where} has a field "${key}" that the sandbox does not know`);
    if (name in out) throw new BadBody(`${where} names the field ${name} twice`);
    out[name] = canonical(v, (shape as Record<string, Shape>)[name], `${where}.${name}`);
  }
  return out;
}
