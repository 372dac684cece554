import { cpSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { compileCheatsheet } from '../../src/cheatsheet/compile';
import { compiledSheetPath, loadCheatSheet, personalSheetPath } from '../../src/cheatsheet/data';
import { packageRoot } from '../../src/paths';

/** A copy of the package's data (cheatsheet/ and lessons/) to compile and edit freely. */
function packageCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'cht-pkg-'));
  cpSync(join(packageRoot(), 'cheatsheet'), join(root, 'cheatsheet'), { recursive: true });
  cpSync(join(packageRoot(), 'lessons'), join(root, 'lessons'), { recursive: true });
  return root;
}
const home = () => ({ ...process.env, CTR_LEARN_HOME: mkdtempSync(join(tmpdir(), 'cht-home-')) });

test('the build compiles the YAML to JSON with lesson titles, and the loader prefers it', async () => {
  const root = packageCopy();
  const out = compiledSheetPath(root);
  const { entries } = compileCheatsheet({ root, out });
  expect(entries).toBeGreaterThan(90);
  const loaded = await loadCheatSheet({ root, env: home() });
  expect(loaded.source).toBe('compiled');
  expect(loaded.sheet.entries.length).toBe(entries);
  expect(loaded.sheet.lessonTitles['sigterm-trap']?.en).toBeTruthy();
});

test('YAML edited after the build wins over stale JSON', async () => {
  const root = packageCopy();
  compileCheatsheet({ root, out: compiledSheetPath(root) });
  const old = new Date(Date.now() - 60_000);
  utimesSync(compiledSheetPath(root), old, old);
  expect((await loadCheatSheet({ root, env: home() })).source).toBe('yaml');
});

test('a broken sheet fails the build with file:line problems', () => {
  const root = packageCopy();
  writeFileSync(join(root, 'cheatsheet', 'volume.yaml'), 'formatVersion: 1\nsection: volume\ntitle: { en: V, ko: 볼 }\norder: 9\nentries:\n  - id: x\n    command: docker volume ls <oops>\n    description: { en: a, ko: b }\n');
  expect(() => compileCheatsheet({ root, out: compiledSheetPath(root) })).toThrow(/cheatsheet\/volume\.yaml:7 CHT004/);
});

test("a learner's own entries are merged in and marked personal; a broken file is reported, not fatal", async () => {
  const env = home();
  mkdirSync(join(env.CTR_LEARN_HOME!, 'config'), { recursive: true });
  writeFileSync(
    personalSheetPath(env),
    'formatVersion: 1\nentries:\n  - id: my-prune\n    command: docker system prune --volumes\n    description: { en: Clean everything, ko: 전부 정리 }\n    tags: [mine]\n',
  );
  const { sheet, problems } = await loadCheatSheet({ env });
  expect(problems).toEqual([]);
  const mine = sheet.entries.find((e) => e.id === 'personal-my-prune')!;
  expect(mine).toMatchObject({ personal: true, section: 'personal' });
  expect(sheet.sections.at(-1)!.id).toBe('personal');

  writeFileSync(personalSheetPath(env), 'formatVersion: 1\nentries:\n  - id: bad\n    command: docker stop <box>\n    description: { en: a, ko: b }\n');
  const broken = await loadCheatSheet({ env });
  expect(broken.problems.map((p) => p.code)).toEqual(['CHT004']);
  expect(broken.problems[0].file).toBe('cheatsheet.yaml');
  expect(broken.sheet.entries.some((e) => e.personal)).toBe(false);
});
