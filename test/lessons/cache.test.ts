import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { lessonsFingerprint } from '../../src/lessons/compiled';
import { readCatalogCache, shippedCatalogPath, writeCatalogCache } from '../../src/lessons/cache';
import { fixtureLessons } from '../e2e/fixture';

// Every test gets its own CTR_LEARN_HOME (test/helpers/setup.ts), so its own state folder.
const strip = (l: { source: unknown }) => ({ ...l, source: undefined });

function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'ctr-cache-'));
  cpSync(fixtureLessons().dir, root, { recursive: true });
  return root;
}

it('gives back the lessons of the last start while no lesson file changed, and misses after a change', () => {
  const root = fixtureRoot();
  const miss = readCatalogCache(root);
  expect(miss).toMatchObject({ catalog: null, from: null });
  const loaded = loadCatalog(root);
  expect(loaded.lessons).toHaveLength(1);
  writeCatalogCache(root, miss, loaded);

  const hit = readCatalogCache(root);
  expect(hit).toMatchObject({ from: 'last-start', remember: null });
  expect(hit.catalog!.lessons.map(strip)).toEqual(loaded.lessons.map(strip));
  expect(hit.catalog!.lessons[0].source.yamlPath).toBe(loaded.lessons[0].source.yamlPath);
  expect(hit.catalog!.lessons[0].intro.en.file).toBe(loaded.lessons[0].intro.en.file);

  // An edit that keeps the size and the modification time is still seen.
  const md = join(root, 'e2e-basics', 'en.md');
  const { mtime, atime } = statSync(md);
  writeFileSync(md, readFileSync(md, 'utf8').replace('The **intro** text.', 'The **Intro** text.'));
  utimesSync(md, atime, mtime);
  expect(readCatalogCache(root)).toMatchObject({ catalog: null, from: null });
});

it('a file written with the same content is still a hit, and its new stat is remembered', () => {
  const root = fixtureRoot();
  const miss = readCatalogCache(root);
  writeCatalogCache(root, miss, loadCatalog(root));
  const yaml = join(root, 'e2e-basics', 'lesson.yaml');
  writeFileSync(yaml, readFileSync(yaml));
  const hit = readCatalogCache(root);
  expect(hit.from).toBe('last-start');
  expect(hit.remember).not.toBeNull();
  writeCatalogCache(root, hit, hit.catalog!);
  expect(readCatalogCache(root)).toMatchObject({ from: 'last-start', remember: null });
});

it('records the lesson files as they were before parsing, so an edit during a start is not cached as seen', () => {
  const root = fixtureRoot();
  const miss = readCatalogCache(root);
  const loaded = loadCatalog(root);
  writeFileSync(join(root, 'e2e-basics', 'ko.md'), '# 바뀜\n');
  writeCatalogCache(root, miss, loaded);
  expect(readCatalogCache(root).catalog).toBeNull();
});

it('the shipped lessons come from dist/lessons.json; after one start, without hashing them again', (ctx) => {
  const shipped = fileURLToPath(new URL('../../lessons', import.meta.url));
  // Only while dist/lessons.json was built from the lessons as they are now.
  if (!existsSync(shippedCatalogPath()) || JSON.parse(readFileSync(shippedCatalogPath(), 'utf8')).key !== lessonsFingerprint(shipped)) return ctx.skip();
  const root = mkdtempSync(join(tmpdir(), 'ctr-cache-'));
  cpSync(shipped, root, { recursive: true });
  const first = readCatalogCache(root);
  expect(first.from).toBe('shipped');
  expect(first.catalog!.lessons.map(strip)).toEqual(loadCatalog(root).lessons.map(strip));
  writeCatalogCache(root, first, first.catalog!);
  expect(readCatalogCache(root)).toMatchObject({ from: 'shipped', remember: null });
});
