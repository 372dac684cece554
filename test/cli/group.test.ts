import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ProgressData } from '../../src/progress/store';
import { defaultCoursePath, parseCourse } from '../../src/course/load';
import { loadCatalog } from '../../src/lessons/catalog';

/**
 * The study-group commands through the built binary (npm run build), each learner in a home of
 * their own (CTR_LEARN_HOME), as three members and a facilitator would run them. No engine: these
 * read and write files only.
 */
const BIN = fileURLToPath(new URL('../../bin/ctr-learn.js', import.meta.url));
const KEY = 'blue kettle seventeen lanterns';

function home(progress?: ProgressData): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctr-group-'));
  if (progress) {
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, 'config', 'progress.json'), JSON.stringify(progress));
  }
  return dir;
}

function ctr(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CTR_LEARN_HOME: dir, NO_COLOR: '1', LANG: 'C' }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const passed = (at: string, more: object = {}) => ({ passedAt: at, attempts: 1, hintsUsed: 0, solutionRevealed: false, timeToPassMs: 60_000, ...more });
const PROGRESS: Record<string, ProgressData> = {
  ana: { version: 1, lessons: { 'run-options': { startedAt: '2026-03-02T10:00:00Z', steps: { publish: passed('2026-03-02T10:01:00Z', { attempts: 4, hintsUsed: 2, evidence: [{ check: 'running', actual: 'running' }] }), 'restart-env': passed('2026-03-02T10:09:00Z') } } } },
  bo: { version: 1, lessons: { 'run-options': { startedAt: '2026-03-02T10:00:00Z', steps: { publish: passed('2026-03-02T10:03:00Z', { attempts: 2, hintsUsed: 3, solutionRevealed: true }) } } } },
  cy: { version: 1, lessons: { 'sigterm-trap': { startedAt: '2026-03-02T10:00:00Z', steps: { 'no-trap': passed('2026-03-02T10:05:00Z', { attempts: 7 }) } } } },
};

/** The shipped course and its first week's lessons (the course grows with the lessons). */
function shippedCourse() {
  const { lessons } = loadCatalog();
  return parseCourse(readFileSync(defaultCoursePath(), 'utf8'), 'course.yaml', lessons.map((l) => l.id)).course!;
}
function week1() {
  const { lessons } = loadCatalog();
  return shippedCourse().weeks[0].lessons.map((id) => lessons.find((l) => l.id === id)!);
}

describe('a week of a study group, from the command line', () => {
  it('three members report, the facilitator\'s scoreboard counts them and flags the edited one', () => {
    const files: string[] = [];
    const board = home();
    expect(ctr(board, 'group', 'key', 'set', KEY).code).toBe(0);
    for (const name of ['ana', 'bo', 'cy']) {
      const h = home(PROGRESS[name]);
      writeFileSync(join(h, 'key.txt'), KEY + '\n');
      expect(ctr(h, 'group', 'name', 'set', name).code).toBe(0);
      const out = join(board, `${name}.md`);
      const r = ctr(h, 'report', '--week', '1', '--md', '--out', out, '--key-file', join(h, 'key.txt'));
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      files.push(out);
    }
    const ana = readFileSync(files[0], 'utf8');
    expect(ana).toContain('| publish | ✔ | 4 | 2 |  | 1 min | running: running |');
    expect(ana).toContain('```ctr-learn-report');

    const fair = ctr(board, 'scoreboard', ...files, '--json');
    expect(fair.code).toBe(0);
    const b = JSON.parse(fair.out);
    expect(b.members.map((m: { member: string; stepsPassed: number }) => [m.member, m.stepsPassed])).toEqual([['ana', 2], ['bo', 1], ['cy', 1]]);
    expect(b.hard.mostHints[0]).toMatchObject({ lesson: 'run-options', step: 'publish', hints: 5 });
    expect(b.hard.mostAttempts[0]).toMatchObject({ lesson: 'sigterm-trap', step: 'no-trap', attempts: 7 });

    // bo lowers his attempts in the signed block before sharing.
    writeFileSync(files[1], readFileSync(files[1], 'utf8').replace('"attempts": 2', '"attempts": 1'));
    const md = ctr(board, 'scoreboard', ...files);
    expect(md.code).toBe(1);
    expect(md.out).toContain('- bo (' + files[1] + '): the signature does not match');
    // ana's row: each week-1 lesson of the shipped course, passed of its steps (run-options 2), then the total.
    const cells = week1().map((l) => `${l.id === 'run-options' ? 2 : 0}/${l.steps.length}`).join(' | ');
    expect(md.out).toContain(`| ana | ${cells} | 2 |`);
    expect(md.out).not.toMatch(/\| bo \|/);
  });

  it('week: the lessons of a week, what is due and the next lesson from buildsOn', () => {
    const h = home(PROGRESS.ana);
    const r = ctr(h, 'week', '1', '--json');
    expect(r.code).toBe(0);
    const w = JSON.parse(r.out);
    expect(w.lessons.map((l: { id: string; passed: number }) => [l.id, l.passed])).toEqual(week1().map((l) => [l.id, l.id === 'run-options' ? 2 : 0]));
    expect(w.next).toEqual({ lesson: 'run-options', why: 'continue', missing: [] });
    expect(ctr(h, 'week', '99').err).toContain(`The course has no week 99; its weeks are ${shippedCourse().weeks.map((x) => x.week).join(', ')}`);
    const text = ctr(h, 'week', '--lang', 'ko').out;
    expect(text).toContain('1주차');
    expect(text).toContain('먼저 배울 것: run-options');
  });

  it('a group\'s own course: --course and course use, with file:line for a lesson that does not exist', () => {
    const h = home(PROGRESS.cy);
    const file = join(h, 'ours.yaml');
    writeFileSync(file, 'formatVersion: 1\nstart: 2026-03-02\nweeks:\n  - week: 1\n    lessons: [sigterm-trap]\n  - week: 2\n    lessons: [run-options, run-optoins]\n');
    const bad = ctr(h, 'week', '--course', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${file}:7 week 2: no lesson "run-optoins"`);
    writeFileSync(file, 'formatVersion: 1\nstart: 2026-03-02\nweeks:\n  - week: 1\n    lessons: [sigterm-trap]\n  - week: 2\n    lessons: [run-options]\n');
    expect(ctr(h, 'course', 'use', file).code).toBe(0);
    const w = JSON.parse(ctr(h, 'week', '--json').out);
    expect(w).toMatchObject({ course: file, week: 2, current: 2 });
    // sigterm-trap is half done (1 of 3 steps), run-options not started: both due.
    expect(w.due).toEqual([{ lesson: 'sigterm-trap', week: 1 }, { lesson: 'run-options', week: 2 }]);
    expect(ctr(h, 'course', 'use', 'default').code).toBe(0);
    expect(JSON.parse(ctr(h, 'week', '--json').out).course).toMatch(/lessons\/course\.yaml$/);
  });

  it('progress export and import merge, never lose a pass, and importing twice changes nothing', () => {
    const work = home(PROGRESS.ana);
    const laptop = home(PROGRESS.bo);
    const file = join(work, 'mine.json');
    expect(ctr(work, 'progress', 'export', file).code).toBe(0);
    const first = ctr(laptop, 'progress', 'import', file, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ file, newlyPassed: 1, stepsPassed: 2 });
    const after = readFileSync(join(laptop, 'config', 'progress.json'), 'utf8');
    const steps = JSON.parse(after).lessons['run-options'].steps;
    // The earlier pass wins; the counters take the max.
    expect(steps.publish).toMatchObject({ passedAt: '2026-03-02T10:01:00Z', attempts: 4, hintsUsed: 3, solutionRevealed: true });
    expect(JSON.parse(ctr(laptop, 'progress', 'import', file, '--json').out)).toMatchObject({ newlyPassed: 0 });
    expect(readFileSync(join(laptop, 'config', 'progress.json'), 'utf8')).toBe(after);
    expect(ctr(laptop, 'progress', 'import', join(work, 'nope.json')).code).toBe(1);
  });

  it('session start and end: the report covers the session\'s lessons and time window', () => {
    const h = home(PROGRESS.ana);
    expect(ctr(h, 'session', 'end').err).toMatch(/No session is open/);
    const s = ctr(h, 'session', 'start', '--lessons', 'run-options,sigterm-trap', '--minutes', '45');
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/for 45 minutes/);
    expect(ctr(h, 'session', 'start', '--week', '1').code).toBe(1);
    const out = join(h, 'session.json');
    expect(ctr(h, 'session', 'end', '--json', '--out', out).code).toBe(0);
    const { report, signature } = JSON.parse(readFileSync(out, 'utf8'));
    expect(signature).toBeNull();
    expect(report.lessons.map((l: { id: string }) => l.id)).toEqual(['run-options', 'sigterm-trap']);
    // The passes happened before the session: not counted in it, marked as earlier.
    expect(report.totals.stepsPassed).toBe(0);
    expect(report.lessons[0].steps[0]).toMatchObject({ passed: false, passedBefore: true });
    expect(Date.parse(report.window.to)).toBeGreaterThanOrEqual(Date.parse(report.window.from));
  });

  it('scoreboard over a chat download: files that are not reports are listed as not counted, the rest are scored', () => {
    const board = home();
    expect(ctr(board, 'group', 'key', 'set', KEY).code).toBe(0);
    const h = home(PROGRESS.ana);
    writeFileSync(join(h, 'key.txt'), KEY + '\n');
    expect(ctr(h, 'group', 'name', 'set', 'ana').code).toBe(0);
    const ana = join(board, 'ana.md');
    expect(ctr(h, 'report', '--week', '1', '--md', '--out', ana, '--key-file', join(h, 'key.txt')).code).toBe(0);
    const notes = join(board, 'long.txt');
    writeFileSync(notes, 'meeting notes, not a report\n');
    const gone = join(board, 'gone.md');
    const r = ctr(board, 'scoreboard', ana, notes, gone);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^\| ana \| /m);
    expect(r.out).toContain(`- ${notes}: not a ctr-learn report (it has no \`ctr-learn-report\` block)`);
    expect(r.out).toContain(`- ${gone}: no such file`);
    const ko = ctr(board, 'scoreboard', ana, notes, '--lang', 'ko');
    expect(ko.out).toContain(`- ${notes}: ctr-learn 보고서가 아니에요`);
    const json = JSON.parse(ctr(board, 'scoreboard', ana, notes, '--json').out);
    expect(json.members.map((m: { member: string }) => m.member)).toEqual(['ana']);
    expect(json.notReports).toEqual([{ file: notes, problem: { kind: 'no-block' } }]);
    // Only reports that count: exit 0.
    expect(ctr(board, 'scoreboard', ana).code).toBe(0);
  });

  it('session alone shows the open session (lessons, start, end, minutes left); session end says "1 minute"', () => {
    const h = home(PROGRESS.ana);
    const none = ctr(h, 'session');
    expect(none.code).toBe(1);
    expect(none.err).toContain('No session is open');
    expect(none.err).toContain('ctr-learn session start');
    // A session of 30 minutes that started 61 seconds ago.
    const startedAt = new Date(Date.now() - 61_000);
    mkdirSync(join(h, 'state'), { recursive: true });
    writeFileSync(join(h, 'state', 'meeting.json'), JSON.stringify({ startedAt: startedAt.toISOString(), minutes: 30, lessons: ['run-options', 'sigterm-trap'] }));
    const s = ctr(h, 'session');
    expect(s.err).toBe('');
    expect(s.code).toBe(0);
    expect(s.out).toContain(`A session is open: started ${startedAt.toTimeString().slice(0, 5)}, ends `);
    expect(s.out).toMatch(/\((29|28) minutes left\)/);
    expect(s.out).toMatch(/^ {2}run-options {2}docker run options/m);
    expect(s.out).toMatch(/^ {2}sigterm-trap /m);
    expect(ctr(h, 'session', '--lang', 'ko').out).toMatch(/세션이 열려 있어요: .* \((29|28)분 남음\)/);
    const json = JSON.parse(ctr(h, 'session', '--json').out);
    expect(json).toMatchObject({ minutes: 30, lessons: ['run-options', 'sigterm-trap'] });
    expect([28, 29]).toContain(json.minutesLeft);
    const end = ctr(h, 'session', 'end', '--out', join(h, 'r.md'));
    expect(end.code).toBe(0);
    expect(end.out).toContain('Session ended (1 minute). Share your report');
  });
});
