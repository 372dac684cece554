import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { writeJsonAtomically } from '../paths';
import type { Lang, Lesson, Prose } from './schema';

/**
 * Parsed lessons as JSON, so the app's first frame needs no YAML parsing, validation or Markdown
 * splitting (~70-90 ms of a start, and yaml, zod and markdown-it to load). The build ships one
 * for the packaged lessons (dist/lessons.json, see compileLessons); the app keeps one for any
 * other lessons (ui/catalog-cache.ts). Either is used only while the lesson files are exactly
 * the ones it was made from: see lessonsFingerprint.
 *
 * No zod, yaml or markdown-it here (the app reads this before its first frame).
 */
export interface CompiledCatalog {
  format: 'ctr-learn-lessons';
  formatVersion: 1;
  /** lessonsFingerprint of the lesson files they were parsed from. */
  key: string;
  /** The lessons without `source` (positions are for the linter), `dir` relative to the lessons folder. */
  lessons: (Omit<Lesson, 'source' | 'dir'> & { dir: string })[];
  /** Lessons that failed to load, as `file:line CODE message`. */
  broken: string[];
}

export interface Catalog {
  lessons: Lesson[];
  broken: string[];
}

/** The files a lesson is parsed from; files/ and solution/ are read when used, not parsed. */
const LESSON_FILES = ['lesson.yaml', 'en.md', 'ko.md'];
const LANGS: Lang[] = ['en', 'ko'];

/** Every file a catalog is parsed from, relative to the lessons folder (null: no folder). */
function lessonFiles(root: string): string[] | null {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort()
      .flatMap((d) => LESSON_FILES.map((f) => `${d}/${f}`));
  } catch {
    return null;
  }
}

/**
 * A hash of the lesson files' names and contents: what a compiled catalog is valid for.
 * Contents, not file times: an installed package gets new times. Costs a few milliseconds, so
 * the app remembers it for the files' lessonFilesStat (ui/catalog-cache.ts).
 */
export function lessonsFingerprint(root: string): string {
  const files = lessonFiles(root);
  if (!files) return 'no-lessons-folder';
  // node:crypto is loaded only here (~3 ms): most starts know the fingerprint already.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256');
  for (const f of files) {
    let content: Buffer | null = null;
    try {
      content = readFileSync(join(root, f));
    } catch {
      /* a missing file is part of the fingerprint too */
    }
    hash.update(`${f}:${content ? content.length : 'missing'}\0`);
    if (content) hash.update(content);
  }
  return hash.digest('hex');
}

/**
 * The lesson files' sizes, times and inodes: cheap to read, and different after any write to a
 * file (the change time cannot be set back), so while it is the same, so is the fingerprint.
 */
export function lessonFilesStat(root: string): string {
  const files = lessonFiles(root);
  if (!files) return 'no-lessons-folder';
  return files
    .map((f) => {
      const st = statSync(join(root, f), { throwIfNoEntry: false });
      return st ? `${f}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}` : `${f}:-`;
    })
    .join('|');
}

export function toCompiled(root: string, catalog: Catalog, key: string): CompiledCatalog {
  return {
    format: 'ctr-learn-lessons',
    formatVersion: 1,
    key,
    lessons: catalog.lessons.map(({ source: _source, ...l }) => ({ ...l, dir: relative(root, l.dir) })),
    broken: catalog.broken,
  };
}

/**
 * The lessons as loadLesson gives them: folders under `root`, paths shown relative to the
 * working directory. Line numbers are for lesson authors (lint); the app never shows them.
 */
export function fromCompiled(root: string, compiled: CompiledCatalog): Catalog {
  const cwd = process.cwd();
  const lessons = compiled.lessons.map((l): Lesson => {
    const dir = join(root, l.dir);
    // One relative() per lesson: it is the slow part, and the app reads this before its first frame.
    const shownDir = relative(cwd, dir);
    const shown = (file: string) => (shownDir ? `${shownDir}/${file}` : file);
    const both = (r: Record<Lang, Prose>) => {
      const out = {} as Record<Lang, Prose>;
      for (const lang of LANGS) if (r[lang]) out[lang] = { ...r[lang], file: shown(`${lang}.md`) };
      return out;
    };
    const stepProse: Record<string, Record<Lang, Prose>> = {};
    for (const [id, r] of Object.entries(l.stepProse)) stepProse[id] = both(r);
    return { ...l, dir, intro: both(l.intro), stepProse, source: { yamlPath: shown('lesson.yaml'), lineOf: () => 1 } };
  });
  return { lessons, broken: compiled.broken };
}

/** The compiled catalog in `file` if it was made from lessons with this key, else null. */
export function readCompiled(file: string, key: string): CompiledCatalog | null {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as CompiledCatalog;
    return c.format === 'ctr-learn-lessons' && c.formatVersion === 1 && c.key === key ? c : null;
  } catch {
    return null;
  }
}

/**
 * The build's step: the packaged lessons as dist/lessons.json. Not written when a lesson does not
 * load (the app then reads the lesson files and lists the broken ones itself): returns them.
 */
export async function compileLessons(opts: { root: string; out: string }): Promise<{ lessons: number; broken: string[] }> {
  // Loaded here, not at the top: the app reads this module before its first frame.
  const { loadCatalog } = await import('./catalog');
  const key = lessonsFingerprint(opts.root);
  const catalog = loadCatalog(opts.root);
  if (catalog.broken.length === 0) writeJsonAtomically(opts.out, toCompiled(opts.root, catalog, key));
  return { lessons: catalog.lessons.length, broken: catalog.broken };
}
