import { cpSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { readCatalogCache, writeCatalogCache } from '../../src/ui/catalog-cache';
import { fixtureLessons } from '../e2e/fixture';

const strip = (l: { source: unknown }) => ({ ...l, source: undefined });

it('gives back the lessons of the last start while no lesson file changed, and misses after a change', () => {
  const root = mkdtempSync(join(tmpdir(), 'ctr-cache-'));
  cpSync(fixtureLessons().dir, root, { recursive: true });
  const miss = readCatalogCache(root);
  expect(miss).toMatchObject({ catalog: null, from: null });
  const loaded = loadCatalog(root);
  expect(loaded.lessons).toHaveLength(1);
  writeCatalogCache(root, miss.key, loaded);

  const hit = readCatalogCache(root);
  expect(hit.from).toBe('last-start');
  expect(hit.catalog!.lessons.map(strip)).toEqual(loaded.lessons.map(strip));
  expect(hit.catalog!.lessons[0].source.yamlPath).toBe(loaded.lessons[0].source.yamlPath);

  // An edit that keeps the size and the modification time is still seen.
  const md = join(root, 'e2e-basics', 'en.md');
  const { mtime, atime } = statSync(md);
  writeFileSync(md, readFileSync(md, 'utf8').replace('The **intro** text.', 'The **Intro** text.'));
  utimesSync(md, atime, mtime);
  expect(readCatalogCache(root)).toMatchObject({ catalog: null, from: null });
});

it('records the lesson files as they were before parsing, so an edit during a start is not cached as seen', () => {
  const root = mkdtempSync(join(tmpdir(), 'ctr-cache-'));
  cpSync(fixtureLessons().dir, root, { recursive: true });
  const { key } = readCatalogCache(root);
  const loaded = loadCatalog(root);
  writeFileSync(join(root, 'e2e-basics', 'ko.md'), '# 바뀜\n');
  writeCatalogCache(root, key, loaded);
  expect(readCatalogCache(root).catalog).toBeNull();
});
