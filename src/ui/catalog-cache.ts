import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lesson } from '../lessons/schema';
import { ensureDir, stateDir } from '../paths';

/**
 * The parsed lessons of the last start, so the next start draws its first frame without parsing
 * YAML and validating every lesson again (~70-90 ms of a cold start). Used only when nothing the
 * result depends on changed: every lesson file's size and mtime, and the build itself (this
 * module's file). Anything else is a miss, and the lessons are loaded and checked as usual.
 */
interface Cached {
  version: 1;
  key: string;
  lessons: Omit<Lesson, 'source'>[];
  broken: string[];
  yamlPaths: string[];
}

const FILES = ['lesson.yaml', 'en.md', 'ko.md'];

function fingerprint(root: string): string {
  const parts: string[] = [root];
  try {
    parts.push(String(statSync(fileURLToPath(import.meta.url)).mtimeMs));
  } catch {
    parts.push('no-build-stamp');
  }
  let dirs: string[] = [];
  try {
    dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return `${parts.join('|')}|no-root`;
  }
  for (const d of dirs) {
    for (const f of FILES) {
      try {
        const st = statSync(join(root, d, f));
        parts.push(`${d}/${f}:${st.size}:${st.mtimeMs}`);
      } catch {
        parts.push(`${d}/${f}:-`);
      }
    }
  }
  return parts.join('|');
}

const cachePath = () => join(stateDir(), 'catalog-cache.json');

export function readCatalogCache(root: string): { lessons: Lesson[]; broken: string[] } | null {
  try {
    const c = JSON.parse(readFileSync(cachePath(), 'utf8')) as Cached;
    if (c.version !== 1 || c.key !== fingerprint(root)) return null;
    // Line numbers are for lesson authors (lint); the app never shows them.
    const lessons = c.lessons.map((l, i) => ({ ...l, source: { yamlPath: c.yamlPaths[i], lineOf: () => 1 } }) as Lesson);
    return { lessons, broken: c.broken };
  } catch {
    return null;
  }
}

export function writeCatalogCache(root: string, catalog: { lessons: Lesson[]; broken: string[] }): void {
  try {
    const file = cachePath();
    ensureDir(stateDir());
    const data: Cached = {
      version: 1,
      key: fingerprint(root),
      lessons: catalog.lessons.map(({ source: _source, ...rest }) => rest),
      broken: catalog.broken,
      yamlPaths: catalog.lessons.map((l) => l.source.yamlPath),
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(data));
    renameSync(`${file}.tmp`, file);
  } catch {
    /* a cache that cannot be written only costs the next start some time */
  }
}
