import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { checkCheatsheet } from './lint';
import { formatCheatProblem } from './problems';
import { buildCheatIndex, prebuildIndex, type PrebuiltIndex } from './search';
import type { CheatSheet, Text } from './types';

/** The precompiled sheet: what `ctr-learn cheat` reads, so it never loads yaml or zod. */
export interface CompiledSheet {
  format: 'ctr-learn-cheatsheet';
  formatVersion: 1;
  sheet: CheatSheet;
  /** The search index of `sheet`, so a search starts without tokenising every entry. */
  index: PrebuiltIndex;
}

/** Lesson id → title, read from each lessons/<id>/lesson.yaml (only what the cheat sheet shows). */
export function readLessonTitles(lessonsDir: string): Record<string, Text> {
  const titles: Record<string, Text> = {};
  if (!existsSync(lessonsDir)) return titles;
  for (const d of readdirSync(lessonsDir, { withFileTypes: true })) {
    const file = join(lessonsDir, d.name, 'lesson.yaml');
    if (!d.isDirectory() || d.name.startsWith('_') || d.name.startsWith('.') || !existsSync(file)) continue;
    try {
      const data = parse(readFileSync(file, 'utf8')) as { id?: unknown; title?: { en?: unknown; ko?: unknown } } | null;
      const { en, ko } = data?.title ?? {};
      if (typeof data?.id === 'string' && typeof en === 'string' && typeof ko === 'string') titles[data.id] = { en, ko };
    } catch {
      /* the lesson linter reports broken lessons; the cheat sheet shows the id instead */
    }
  }
  return titles;
}

/** The lesson ids that exist (folder names), for the rule that entries link real lessons. */
export function lessonIds(lessonsDir: string): Set<string> {
  if (!existsSync(lessonsDir)) return new Set();
  return new Set(
    readdirSync(lessonsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.') && existsSync(join(lessonsDir, d.name, 'lesson.yaml')))
      .map((d) => d.name),
  );
}

/**
 * Lint cheatsheet/*.yaml and write the sheet as one JSON file. Throws with every problem
 * (`file:line CODE message`) if the sheet is not clean, so a build with a broken sheet fails.
 */
export function compileCheatsheet(opts: { root: string; out: string }): { entries: number; bytes: number } {
  const lessonsDir = join(opts.root, 'lessons');
  const { sheet, problems } = checkCheatsheet(join(opts.root, 'cheatsheet'), {
    shipped: true,
    root: opts.root,
    knownLessons: lessonIds(lessonsDir),
    lessonTitles: readLessonTitles(lessonsDir),
  });
  if (!sheet || problems.length) throw new Error(`The cheat sheet has problems:\n${problems.map(formatCheatProblem).join('\n')}`);
  const compiled: CompiledSheet = { format: 'ctr-learn-cheatsheet', formatVersion: 1, sheet, index: prebuildIndex(buildCheatIndex(sheet)) };
  const text = JSON.stringify(compiled);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, text);
  return { entries: sheet.entries.length, bytes: text.length };
}
