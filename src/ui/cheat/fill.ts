import { exampleValues, pickNames } from '../../cheatsheet/fill';
import { PLACEHOLDER, PLACEHOLDER_TYPES, quoteWord, type PlaceholderTypeName } from '../../cheatsheet/template';
import type { CheatEntry } from '../../cheatsheet/types';
import { editLine, type LineOp } from '../input/line-editor';
import { promptWith, type PromptState } from '../state/state';

/**
 * Filling a cheat sheet entry's placeholders before it is used: each `<name:type>` is a field,
 * prefilled with the example's value and then with a real name from the learner's sandbox when
 * one fits. Pure: the reducer and the screen both read it.
 */

/** Placeholder types whose values can be names of things on the engine. */
export const NAMED_TYPES = ['container', 'image', 'network', 'volume'] as const;
export type NamedType = (typeof NAMED_TYPES)[number];
/** Names on the engine by type, newest (and running) first. */
export type CheatNames = Record<NamedType, string[]>;

export interface FillField {
  name: string;
  type: PlaceholderTypeName;
  value: PromptState;
  /** The example's value (offered among the choices). */
  example: string;
  /** Changed by the learner: names arriving from the engine do not overwrite it. */
  touched: boolean;
}

export interface CheatFill {
  entryId: string;
  /** The template, e.g. `docker stop -t <seconds:seconds> <container:container>`. */
  command: string;
  fields: FillField[];
  /** The field being filled. */
  field: number;
  /** null until the engine answered (or when no field takes a name). */
  names: CheatNames | null;
}

export function startFill(entry: CheatEntry): CheatFill {
  const examples = exampleValues(entry);
  const fields: FillField[] = [];
  for (const m of entry.command.matchAll(PLACEHOLDER)) {
    if (fields.some((f) => f.name === m[1])) continue;
    const example = examples[m[1]] ?? '';
    fields.push({ name: m[1], type: m[2] as PlaceholderTypeName, value: promptWith(example), example, touched: false });
  }
  return { entryId: entry.id, command: entry.command, fields, field: 0, names: null };
}

/** Does filling this entry want names from the engine? */
export function wantsNames(fill: CheatFill): boolean {
  return fill.fields.some((f) => (NAMED_TYPES as readonly string[]).includes(f.type) && f.name !== 'name');
}

/**
 * What a field can be: the engine's names of its type (not for `<name:…>`, which names a new
 * object), then the example's value.
 */
export function choicesFor(fill: CheatFill, f: FillField): string[] {
  const { live, example } = choiceGroups(fill, f);
  return [...live, ...(example ? [example] : [])];
}

/**
 * The choices in the two groups the screen lists apart: names that exist on the engine, and the
 * example's value, which is only an example (null when it is one of the real names, or none).
 */
export function choiceGroups(fill: CheatFill, f: FillField): { live: string[]; example: string | null } {
  const live = f.name !== 'name' && (NAMED_TYPES as readonly string[]).includes(f.type) ? [...new Set(fill.names?.[f.type as NamedType] ?? [])] : [];
  return { live, example: f.example && !live.includes(f.example) ? f.example : null };
}

/** The engine answered: untouched fields take the first real name that fits (each name once). */
export function withNames(fill: CheatFill, names: CheatNames): CheatFill {
  const picked = pickNames(fill.fields.filter((f) => !f.touched), names);
  return { ...fill, names, fields: fill.fields.map((f) => (picked[f.name] === undefined || f.touched ? f : { ...f, value: promptWith(picked[f.name]) })) };
}

export function editField(fill: CheatFill, op: LineOp): CheatFill {
  return updateField(fill, (f) => ({ ...f, value: editLine(f.value, op), touched: true }));
}

export function chooseField(fill: CheatFill, delta: number): CheatFill {
  return updateField(fill, (f) => {
    const choices = choicesFor(fill, f);
    if (!choices.length) return f;
    const at = choices.indexOf(f.value.text);
    const next = at < 0 ? (delta > 0 ? 0 : choices.length - 1) : Math.max(0, Math.min(choices.length - 1, at + delta));
    return { ...f, value: promptWith(choices[next]), touched: true };
  });
}

export function moveField(fill: CheatFill, delta: number): CheatFill {
  const n = fill.fields.length;
  return n ? { ...fill, field: (fill.field + delta + n) % n } : fill;
}

function updateField(fill: CheatFill, fn: (f: FillField) => FillField): CheatFill {
  const f = fill.fields[fill.field];
  if (!f) return fill;
  return { ...fill, fields: fill.fields.map((x, i) => (i === fill.field ? fn(x) : x)) };
}

export interface FillPart {
  text: string;
  /** Index of the field this part shows; undefined for the template's own text. */
  field?: number;
  /** The field is still empty (shown as `<name>`). */
  empty?: boolean;
}

/** The command as it reads now, in parts (the screen highlights the field being filled). */
export function fillParts(fill: CheatFill): FillPart[] {
  const parts: FillPart[] = [];
  let last = 0;
  for (const m of fill.command.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push({ text: fill.command.slice(last, m.index) });
    const i = fill.fields.findIndex((f) => f.name === m[1]);
    const f = fill.fields[i];
    const v = f.value.text;
    const shown = !v ? `<${f.name}>` : PLACEHOLDER_TYPES[f.type]?.words ? v : quoteWord(v);
    parts.push({ text: shown, field: i, empty: !v });
    last = m.index + m[0].length;
  }
  if (last < fill.command.length) parts.push({ text: fill.command.slice(last) });
  return parts;
}

export function fillLine(fill: CheatFill): string {
  return fillParts(fill).map((p) => p.text).join('');
}

/** The fields still empty (the command cannot run with them). */
export function emptyFields(fill: CheatFill): string[] {
  return fill.fields.filter((f) => !f.value.text).map((f) => f.name);
}
