import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { compileLessons, fromCompiled, lessonsFingerprint, readCompiled, toCompiled } from '../../src/lessons/compiled';

const SHIPPED = fileURLToPath(new URL('../../lessons', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const strip = (l: { source: unknown }) => ({ ...l, source: undefined });

describe('compiled lessons (dist/lessons.json and the app cache)', () => {
  it('give back the lessons loadCatalog gives, from another folder too', () => {
    const loaded = loadCatalog(SHIPPED);
    expect(loaded.lessons.length).toBeGreaterThan(0);
    const json = JSON.parse(JSON.stringify(toCompiled(SHIPPED, loaded, 'k')));
    expect(fromCompiled(SHIPPED, json).lessons.map(strip)).toEqual(loaded.lessons.map(strip));
    expect(fromCompiled(SHIPPED, json).lessons.map((l) => l.source.yamlPath)).toEqual(loaded.lessons.map((l) => l.source.yamlPath));

    // Installed elsewhere: folders and shown paths follow the lessons folder.
    const copy = mkdtempSync(join(tmpdir(), 'ctr-compiled-'));
    cpSync(SHIPPED, copy, { recursive: true });
    expect(fromCompiled(copy, json).lessons.map(strip)).toEqual(loadCatalog(copy).lessons.map(strip));
    expect(lessonsFingerprint(copy)).toBe(lessonsFingerprint(SHIPPED));
  });

  it('are read only with the key they were made with', () => {
    const root = mkdtempSync(join(tmpdir(), 'ctr-compiled-'));
    cpSync(join(FIXTURES, 'valid'), root, { recursive: true });
    const out = join(root, 'lessons.json');
    return compileLessons({ root, out }).then((r) => {
      expect(r).toEqual({ lessons: 1, broken: [] });
      expect(readCompiled(out, lessonsFingerprint(root))).not.toBeNull();
      expect(readCompiled(out, 'another')).toBeNull();
      expect(readCompiled(join(root, 'none.json'), lessonsFingerprint(root))).toBeNull();
    });
  });

  it('the build writes nothing when a lesson does not load, and says which', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ctr-compiled-'));
    cpSync(join(FIXTURES, 'valid'), root, { recursive: true });
    cpSync(join(FIXTURES, 'CTR002', 'schema-error'), join(root, 'schema-error'), { recursive: true });
    const out = join(root, 'lessons.json');
    const r = await compileLessons({ root, out });
    expect(r.lessons).toBe(1);
    expect(r.broken.join('\n')).toContain('CTR002');
    expect(existsSync(out)).toBe(false);
  });
});
