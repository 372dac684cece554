import { createHash } from 'node:crypto';
import type { Lesson } from './schema';

/**
 * A per-learner value in lesson text: `[[key]]`. Not `{{…}}`, which docker `--format` and Go
 * templates use. It lives here, not in schema.ts, so the app's first frame (which personalizes the
 * catalog) does not load zod with the schema.
 */
export const PLACEHOLDER = /\[\[([a-z][a-z0-9-]*)\]\]/g;

/**
 * Who the lesson is for, as far as its per-learner values go (schema.ts `mine`): the short form
 * in names (`web-ada`) and the first of the learner's own 100 host ports.
 */
export interface Learner {
  short: string;
  portBase: number;
}

/** Ports 10000-31999: below Linux's ephemeral range (32768+), above the well-known ones. */
const PORT_RANGES = 220;
const PORT_FLOOR = 10_000;

/** Lowercase letters and digits of a name, at most 8: what docker names and repositories accept. */
export function slug(name: string): string {
  return name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8);
}

const hash = (s: string) => createHash('sha256').update(s).digest();

/**
 * A learner from a name and an identity (learnerId: OS user + ctr-learn home). A name the learner
 * chose (`ctr-learn group name set`) is used as it is; the login name gets two characters of the
 * identity, so two homes of one shared study-room account do not collide. A name with no latin
 * letters or digits (e.g. Hangul) becomes `m` + four of the identity's.
 */
export function learnerFrom(name: string, id: string, chosen: boolean): Learner {
  const h = hash(id);
  const tail = h.toString('hex');
  const s = slug(name);
  const short = !s ? `m${tail.slice(0, 4)}` : chosen ? s : `${s.slice(0, 6)}${tail.slice(0, 2)}`;
  return { short, portBase: PORT_FLOOR + 100 * (h.readUInt32BE(4) % PORT_RANGES) };
}

/** The values of a lesson's `mine` for a learner (null: the defaults, as lint and docs show them). */
export function valuesFor(lesson: Pick<Lesson, 'mine'>, learner: Learner | null): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, v] of Object.entries(lesson.mine ?? {})) {
    if ('name' in v) out[key] = learner ? `${v.name}-${learner.short}` : v.name;
    else out[key] = learner ? learner.portBase + (v.port % 100) : v.port;
  }
  return out;
}

/** Replace every `[[key]]` in a text; unknown keys stay as they are (lint reports them). */
export function fillText(text: string, values: Record<string, string | number>): string {
  if (!text.includes('[[')) return text;
  return text.replace(PLACEHOLDER, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/**
 * Every string filled; a string that is one placeholder of a port becomes the number. Parts with
 * nothing to fill are shared with the template, not copied: the app personalizes every lesson
 * before its first frame, and copying all of their prose cost ~15 ms of it. Lessons are never
 * changed in place, so sharing is safe.
 */
function fillDeep(x: unknown, values: Record<string, string | number>): unknown {
  if (typeof x === 'string') {
    if (!x.includes('[[')) return x;
    const only = /^\[\[([a-z][a-z0-9-]*)\]\]$/.exec(x);
    if (only && typeof values[only[1]] === 'number') return values[only[1]];
    return fillText(x, values);
  }
  if (Array.isArray(x)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < x.length; i++) {
      const v = fillDeep(x[i], values);
      if (v !== x[i]) (out ??= x.slice())[i] = v;
    }
    return out ?? x;
  }
  if (x && typeof x === 'object') {
    const obj = x as Record<string, unknown>;
    let changed = false;
    const filled: [string, unknown][] = [];
    for (const k of Object.keys(obj)) {
      const key = fillText(k, values);
      const v = fillDeep(obj[k], values);
      if (key !== k || v !== obj[k]) changed = true;
      filled.push([key, v]);
    }
    return changed ? Object.fromEntries(filled) : x;
  }
  return x;
}

/**
 * The lesson as this learner sees and is graded by it: every `[[key]]` in its data and prose
 * replaced by the learner's value (starter and solution files are filled as they are copied:
 * workspace/workspace.ts). A lesson without `mine` is returned as it is.
 */
export function personalize(lesson: Lesson, learner: Learner | null): Lesson {
  if (!lesson.mine || Object.keys(lesson.mine).length === 0) return lesson;
  const values = valuesFor(lesson, learner);
  const { dir, source, steps, ...data } = lesson;
  const out = lazilyFilled(data, values) as Omit<Lesson, 'dir' | 'source' | 'steps'>;
  return Object.assign(out, { dir, source, values, steps: steps.map((st) => lazilyFilled(st, values) as typeof st) }) as Lesson;
}

/**
 * A copy whose strings are filled now and whose objects are filled when first read (then kept):
 * the app fills every lesson before its first frame, which reads titles and ids, not the checks,
 * hints and prose of every step (~15 ms to fill them all). Reading, spreading, JSON and
 * structuredClone see the filled values; assigning a field replaces it.
 */
function lazilyFilled(x: object, values: Record<string, string | number>): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (!v || typeof v !== 'object') {
      out[k] = fillDeep(v, values);
      continue;
    }
    Object.defineProperty(out, k, {
      enumerable: true,
      configurable: true,
      get() {
        const filled = fillDeep(v, values);
        Object.defineProperty(out, k, { value: filled, enumerable: true, configurable: true, writable: true });
        return filled;
      },
      set(value: unknown) {
        Object.defineProperty(out, k, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  return out;
}

/** Every lesson of a catalog for one learner. */
export function personalizeAll<C extends { lessons: Lesson[] }>(catalog: C, learner: Learner | null): C {
  return { ...catalog, lessons: catalog.lessons.map((l) => personalize(l, learner)) };
}

/** A port field of a personalized lesson: a number (a placeholder left over is a lesson bug). */
export function portOf(v: number | string): number {
  if (typeof v === 'number') return v;
  throw new Error(`unfilled per-learner port ${v}: the lesson was not personalized`);
}
