import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { main } from '../../src/main';
import { configDir, lessonsRoot } from '../../src/paths';

/** `ctr-learn lessons`: the lessons with the learner's progress, read without writing anything. */
let out: string;
const home = process.env.CTR_LEARN_HOME!;
beforeEach(() => {
  out = '';
  process.env.CTR_LEARN_HOME = mkdtempSync(join(tmpdir(), 'ctr-lessons-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env.CTR_LEARN_HOME = home;
  delete process.env.CTR_LEARN_LESSONS;
});

const progressFile = () => join(configDir(), 'progress.json');
const writeProgress = (text: string) => {
  mkdirSync(configDir(), { recursive: true });
  writeFileSync(progressFile(), text);
};

it('lists every lesson with the steps passed from the progress file', async () => {
  writeProgress(JSON.stringify({ version: 1, lessons: { 'run-options': { startedAt: '2026-11-01T10:00:00Z', steps: { publish: { passedAt: '2026-11-01T10:05:00Z', attempts: 2 } } } } }));
  expect(await main(['lessons', '--json'])).toBe(0);
  const { lessons, broken } = JSON.parse(out) as { lessons: { id: string; passed: number; steps: number; progress: string }[]; broken: string[] };
  expect(broken).toEqual([]);
  expect(lessons.map((l) => l.id)).toEqual(expect.arrayContaining(['run-options', 'sigterm-trap', 'network-drivers']));
  expect(lessons.find((l) => l.id === 'run-options')).toMatchObject({ passed: 1, progress: 'in-progress' });
  expect(lessons.find((l) => l.id === 'sigterm-trap')).toMatchObject({ passed: 0, progress: 'not-started' });
});

it('a corrupt progress file is moved aside with a message, and the list still shows', async () => {
  writeProgress('{"version": 1, "lessons": {"run-options": ');
  expect(await main(['lessons'])).toBe(0);
  expect(out).toMatch(/Your progress file was unreadable; it was moved to .+ and a new one started\./);
  expect(out).toContain('run-options');
  expect(readdirSync(configDir()).some((f) => f.startsWith('progress.json.corrupt') || f.includes('corrupt'))).toBe(true);
});

it('reads edited lesson files (not the compiled ones) and reports a broken lesson by file and line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctr-lessons-src-'));
  cpSync(lessonsRoot(), dir, { recursive: true });
  writeFileSync(join(dir, 'run-options', 'lesson.yaml'), 'id: run-options\ntitle: [unclosed\n');
  process.env.CTR_LEARN_LESSONS = dir;
  expect(await main(['lessons', '--json'])).toBe(0);
  const { lessons, broken } = JSON.parse(out) as { lessons: { id: string }[]; broken: string[] };
  expect(lessons.map((l) => l.id)).not.toContain('run-options');
  expect(lessons.map((l) => l.id)).toContain('sigterm-trap');
  expect(broken.join('\n')).toMatch(/run-options[/\\]lesson\.yaml:\d+/);
  expect(existsSync(progressFile())).toBe(false);
});
