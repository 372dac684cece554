import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { yamlLine } from '../lessons/yaml-line';
import type { CheatProblem } from './problems';
import { FORMAT_VERSION, SheetFile } from './schema';
import type { CheatEntry, CheatSection, CheatSheet, Text } from './types';

/** One parsed cheat sheet file, with a way to point at the line of any value in it. */
export interface ParsedFile {
  /** The path as shown in problems (relative to the root given to the loader). */
  file: string;
  /** The file name without .yaml, which names its section. */
  stem: string;
  data: SheetFile;
  lineOf: (path: (string | number)[]) => number;
}

export const PERSONAL_SECTION: CheatSection = { id: 'personal', title: { en: 'Personal', ko: '내 명령' }, order: 1000 };

/** Read and validate one YAML file. Never throws for content problems: they come back as `problems`. */
export function parseSheetFile(path: string, root = process.cwd()): { parsed: ParsedFile | null; problems: CheatProblem[] } {
  const file = relative(root, path) || path;
  const fail = (line: number, code: CheatProblem['code'], message: string) => ({ parsed: null, problems: [{ file, line, code, message }] });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return fail(1, 'CHT000', `cannot read: ${(err as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return {
      parsed: null,
      problems: doc.errors.map((e) => ({ file, line: lineCounter.linePos(e.pos[0]).line, code: 'CHT000' as const, message: `YAML: ${e.message.split('\n')[0]}` })),
    };
  }
  const raw = doc.toJS() as Record<string, unknown> | null;
  const lineOf = (p: (string | number)[]) => yamlLine(doc.contents as YamlNode, p, lineCounter);
  if (!raw || typeof raw !== 'object') return fail(1, 'CHT000', 'the file is empty');
  if (raw.formatVersion !== FORMAT_VERSION) {
    return fail(
      lineOf(['formatVersion']),
      'CHT001',
      `formatVersion is ${JSON.stringify(raw.formatVersion)}; this ctr-learn reads version ${FORMAT_VERSION}. Update ctr-learn, or write the file for formatVersion: ${FORMAT_VERSION}.`,
    );
  }
  const result = SheetFile.safeParse(raw);
  if (!result.success) {
    return {
      parsed: null,
      problems: result.error.issues.map((issue) => {
        const p = issue.path as (string | number)[];
        return { file, line: lineOf(p), code: 'CHT002' as const, message: `${p.join('.') || '(top)'}: ${issue.message}` };
      }),
    };
  }
  return { parsed: { file, stem: basename(path).replace(/\.ya?ml$/, ''), data: result.data, lineOf }, problems: [] };
}

/** The YAML files of a cheat sheet folder, sorted. */
export function sheetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('_') && !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n));
}

/** Merge parsed files into the sheet the program uses. */
export function toSheet(files: ParsedFile[], opts: { personal?: boolean; lessonTitles?: Record<string, Text> } = {}): CheatSheet {
  const sections: CheatSection[] = [];
  const entries: CheatEntry[] = [];
  for (const f of files) {
    const d = f.data;
    const section: CheatSection = opts.personal
      ? { id: d.section ?? PERSONAL_SECTION.id, title: d.title ?? PERSONAL_SECTION.title, order: d.order ?? PERSONAL_SECTION.order }
      : { id: d.section ?? f.stem, title: d.title ?? { en: f.stem, ko: f.stem }, order: d.order ?? 999 };
    if (!sections.some((s) => s.id === section.id)) sections.push(section);
    for (const e of d.entries) entries.push({ ...e, id: opts.personal ? `personal-${e.id}` : e.id, section: section.id, personal: opts.personal === true });
  }
  sections.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { sections, entries, lessonTitles: opts.lessonTitles ?? {} };
}

