import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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
  /** What the lessons were made from: lessonsFingerprint, plus the build for the app's own cache. */
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

/**
 * A hash of every lesson folder's name and parsed files' contents. Contents, not sizes and
 * times: an installed package gets new file times, and an edit can keep the size. Reading and
 * hashing them costs about a millisecond.
 */
export function lessonsFingerprint(root: string): string {
  const hash = createHash('sha256');
  let dirs: string[];
  try {
    dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return 'no-lessons-folder';
  }
  for (const d of dirs) {
    for (const f of LESSON_FILES) {
      let content: Buffer | null = null;
      try {
        content = readFileSync(join(root, d, f));
      } catch {
        /* a missing file is part of the fingerprint too */
      }
      hash.update(`${d}/${f}:${content ? content.length : 'missing'}\0`);
      if (content) hash.update(content);
    }
  }
  return hash.digest('hex');
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
  const shown = (p: string) => relative(process.cwd(), p) || p;
  const lessons = compiled.lessons.map((l): Lesson => {
    const dir = join(root, l.dir);
    const prose = (p: Prose, lang: Lang): Prose => ({ ...p, file: shown(join(dir, `${lang}.md`)) });
    const both = (r: Record<Lang, Prose>) => Object.fromEntries(LANGS.filter((g) => r[g]).map((g) => [g, prose(r[g], g)])) as Record<Lang, Prose>;
    return {
      ...l,
      dir,
      intro: both(l.intro),
      stepProse: Object.fromEntries(Object.entries(l.stepProse).map(([id, r]) => [id, both(r)])),
      source: { yamlPath: shown(join(dir, 'lesson.yaml')), lineOf: () => 1 },
    };
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

export function writeCompiled(file: string, compiled: CompiledCatalog): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(compiled));
  renameSync(`${file}.tmp`, file);
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
  if (catalog.broken.length === 0) writeCompiled(opts.out, toCompiled(opts.root, catalog, key));
  return { lessons: catalog.lessons.length, broken: catalog.broken };
}
