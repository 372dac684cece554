import type { Tone } from '../cli/output';
import { exampleLine } from './instantiate';
import type { CheatHit } from './search';
import { showTemplate } from './template';
import type { CheatEntry, CheatSheet, Lang } from './types';

/** Colour a piece of text; the CLI passes its TTY-aware `paint`, tests pass nothing. */
export type Paint = (tone: Tone, text: string) => string;
const plain: Paint = (_tone, text) => text;

const MARK = {
  practised: { en: 'in a lesson you finished', ko: '끝낸 레슨에서 연습함' },
  personal: { en: 'personal', ko: '내 명령' },
  example: { en: 'e.g.', ko: '예' },
  yours: { en: 'yours', ko: '내 환경' },
  lessons: { en: 'lessons', ko: '레슨' },
} as const;

export interface FormatOptions {
  lang: Lang;
  paint?: Paint;
  /** Lesson ids the learner has completed (entries of those lessons are marked practised). */
  practised?: ReadonlySet<string>;
  /** Entry id → its command filled from the learner's engine (fill.ts), shown below the example. */
  filled?: ReadonlyMap<string, string>;
}

function isPractised(entry: CheatEntry, practised?: ReadonlySet<string>): boolean {
  return !!practised && entry.lessons.some((l) => practised.has(l));
}

function marks(entry: CheatEntry, o: FormatOptions): string {
  const paint = o.paint ?? plain;
  const out: string[] = [];
  if (isPractised(entry, o.practised)) out.push(paint('pass', `[${MARK.practised[o.lang]}]`));
  if (entry.personal) out.push(paint('warn', `[${MARK.personal[o.lang]}]`));
  return out.length ? ' ' + out.join(' ') : '';
}

/** One entry as a search result: the command, its description, an example, its lessons. */
export function formatEntry(entry: CheatEntry, sheet: CheatSheet, o: FormatOptions): string[] {
  const paint = o.paint ?? plain;
  const lines = [paint('accent', showTemplate(entry.command)) + marks(entry, o), `    ${entry.description[o.lang]}`];
  const example = exampleLine(entry);
  if (example) lines.push(paint('muted', `    ${MARK.example[o.lang]} ${example}`));
  const filled = o.filled?.get(entry.id);
  if (filled) lines.push(`    ${paint('muted', `${MARK.yours[o.lang]}:`)} ${filled}`);
  if (entry.lessons.length) {
    const names = entry.lessons.map((id) => sheet.lessonTitles[id]?.[o.lang] ?? id);
    lines.push(paint('muted', `    ${MARK.lessons[o.lang]}: ${names.join(' · ')}`));
  }
  return lines;
}

/** Search results, best first, a blank line between entries. */
export function formatHits(hits: readonly CheatHit[], sheet: CheatSheet, o: FormatOptions): string {
  return hits.map((h) => formatEntry(h.entry, sheet, o).join('\n')).join('\n\n');
}

/** The whole sheet grouped by section: one line per entry, command then description. */
export function formatSheet(sheet: CheatSheet, o: FormatOptions): string {
  const paint = o.paint ?? plain;
  const width = Math.min(56, Math.max(...sheet.entries.map((e) => showTemplate(e.command).length)));
  const blocks: string[] = [];
  for (const section of sheet.sections) {
    const entries = sheet.entries.filter((e) => e.section === section.id);
    if (!entries.length) continue;
    const lines = [paint('accent', `## ${section.title[o.lang]}`)];
    for (const e of entries) {
      const command = showTemplate(e.command);
      const gap = command.length < width ? ' '.repeat(width - command.length) : '\n' + ' '.repeat(width + 2);
      lines.push(`${command}${gap}  ${e.description[o.lang]}${marks(e, o)}`);
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}

/** The machine-readable form of a hit (`--json`). */
export function hitJson(hit: CheatHit, sheet: CheatSheet, filled?: string) {
  const e = hit.entry;
  return {
    id: e.id,
    section: e.section,
    command: showTemplate(e.command),
    template: e.command,
    description: e.description,
    tags: e.tags,
    lessons: e.lessons.map((id) => ({ id, title: sheet.lessonTitles[id] ?? null })),
    example: exampleLine(e),
    filled: filled ?? null,
    practised: hit.practised,
    personal: e.personal,
    score: Math.round(hit.score * 1000) / 1000,
  };
}
