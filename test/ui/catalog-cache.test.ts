import { cpSync, mkdtempSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { readCatalogCache, writeCatalogCache } from '../../src/ui/catalog-cache';
import { fixtureLessons } from '../e2e/fixture';

it('gives back the lessons of the last start while no lesson file changed, and misses after a change', () => {
  const root = mkdtempSync(join(tmpdir(), 'ctr-cache-'));
  cpSync(fixtureLessons().dir, root, { recursive: true });
  expect(readCatalogCache(root)).toBeNull();
  const loaded = loadCatalog(root);
  expect(loaded.lessons).toHaveLength(1);
  writeCatalogCache(root, loaded);

  const cached = readCatalogCache(root);
  expect(cached).not.toBeNull();
  const strip = (l: (typeof loaded.lessons)[number]) => ({ ...l, source: undefined });
  expect(cached!.lessons.map(strip)).toEqual(loaded.lessons.map(strip));
  expect(cached!.lessons[0].source.yamlPath).toBe(loaded.lessons[0].source.yamlPath);

  const md = join(root, 'e2e-basics', 'en.md');
  writeFileSync(md, readFileSync(md, 'utf8') + '\nMore.\n');
  utimesSync(md, new Date(), new Date(Date.now() + 5000));
  expect(readCatalogCache(root)).toBeNull();
});
