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

/** Deep copy with every string filled; a string that is one placeholder of a port becomes the number. */
function fillDeep(x: unknown, values: Record<string, string | number>): unknown {
  if (typeof x === 'string') {
    const only = /^\[\[([a-z][a-z0-9-]*)\]\]$/.exec(x);
    if (only && typeof values[only[1]] === 'number') return values[only[1]];
    return fillText(x, values);
  }
  if (Array.isArray(x)) return x.map((v) => fillDeep(v, values));
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[fillText(k, values)] = fillDeep(v, values);
    return out;
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
  const { dir, source, ...data } = lesson;
  const filled = fillDeep(data, values) as Omit<Lesson, 'dir' | 'source'>;
  return { ...filled, dir, source, values };
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
