import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build';
import { reportMarkdown } from '../../src/report/format';
import { parseReport } from '../../src/report/read';
import { buildScoreboard, scoreboardMarkdown } from '../../src/report/scoreboard';
import { sign } from '../../src/report/sign';
import { HOMES, LESSONS } from './fixtures';

const KEY = 'blue kettle seventeen lanterns';
const lessons = LESSONS;
const signed = (member: keyof typeof HOMES, key: string | null = KEY) =>
  sign(buildReport(HOMES[member], { member, course: null, lessons, week: 1, now: new Date('2026-03-02T11:00:00Z') }), key);
/** As shared in the chat: Markdown, read back. */
const shared = (member: keyof typeof HOMES, key?: string | null) => ({ file: `${member}.md`, signed: parseReport(reportMarkdown(signed(member, key), 'en'), `${member}.md`) });

describe('scoreboard of three reports', () => {
  const board = buildScoreboard([shared('ana'), shared('bo'), shared('cy')], KEY);

  it('who passed what', () => {
    expect(board.lessons).toEqual(['run', 'stop']);
    expect(board.members.map((m) => [m.member, m.lessons.run, m.lessons.stop, m.stepsPassed])).toEqual([
      ['ana', { passed: 2, steps: 2 }, { passed: 1, steps: 1 }, 3],
      ['bo', { passed: 1, steps: 2 }, { passed: 0, steps: 1 }, 1],
      ['cy', { passed: 2, steps: 2 }, { passed: 1, steps: 1 }, 3],
    ]);
    expect(board.flagged).toEqual([]);
  });

  it('what the group found hard: sums of hints and attempts, mean time over those who passed', () => {
    // hints: run/restart 2+2+1=5, run/publish 0+3+0=3, stop/trap 1+0+0=1
    expect(board.hard.mostHints.map((s) => [`${s.lesson}/${s.step}`, s.hints])).toEqual([['run/restart', 5], ['run/publish', 3], ['stop/trap', 1]]);
    // attempts: run/restart 5+6+2=13, run/publish 2+4+1=7, stop/trap 3+0+1=4
    expect(board.hard.mostAttempts.map((s) => [`${s.lesson}/${s.step}`, s.attempts])).toEqual([['run/restart', 13], ['run/publish', 7], ['stop/trap', 4]]);
    // mean minutes: run/restart (16+28)/2=22, stop/trap (19+14)/2=16.5, run/publish (4+10+2)/3=5.33
    expect(board.hard.slowest.map((s) => [`${s.lesson}/${s.step}`, s.meanTimeToPassMs, s.passedBy])).toEqual([
      ['run/restart', 22 * 60_000, 2], ['stop/trap', 16.5 * 60_000, 2], ['run/publish', Math.round((16 / 3) * 60_000), 3],
    ]);
  });

  it('a tampered report is flagged by name and not counted; the others are', () => {
    const tampered = shared('bo');
    tampered.signed.report.lessons[0].steps[1].passed = true;
    const b = buildScoreboard([shared('ana'), tampered, shared('cy'), { ...shared('cy', 'some other key!!'), file: 'cy-old.md' }, { ...shared('ana', null), file: 'ana-unsigned.md' }], KEY);
    expect(b.flagged).toEqual([
      { member: 'bo', file: 'bo.md', verdict: 'tampered' },
      { member: 'cy', file: 'cy-old.md', verdict: 'other-key' },
      { member: 'ana', file: 'ana-unsigned.md', verdict: 'unsigned' },
    ]);
    expect(b.members.map((m) => m.member)).toEqual(['ana', 'cy']);
    expect(b.hard.mostAttempts[0]).toMatchObject({ lesson: 'run', step: 'restart', attempts: 7 });
    const md = scoreboardMarkdown(b, 'en');
    expect(md).toContain('- bo (bo.md): the signature does not match');
    expect(md).toContain('| ana | 2/2 ✔ | 1/1 ✔ | 3 |');
    expect(md).not.toContain('| bo |');
  });

  it('two reports of one member are merged: passed in either, counters not added twice', () => {
    const early = structuredClone(HOMES.bo);
    const later = structuredClone(HOMES.bo);
    later.lessons.run.steps.restart = { ...later.lessons.run.steps.restart, passedAt: '2026-03-09T10:00:00Z', attempts: 7, timeToPassMs: 60_000 };
    const rep = (p: typeof early, file: string) => ({ file, signed: sign(buildReport(p, { member: 'bo', course: null, lessons, now: new Date() }), KEY) });
    const b = buildScoreboard([rep(early, 'w1.md'), rep(later, 'w2.md')], KEY);
    expect(b.members).toHaveLength(1);
    expect(b.members[0]).toMatchObject({ member: 'bo', files: ['w1.md', 'w2.md'], stepsPassed: 2 });
    expect(b.hard.mostAttempts.find((s) => s.step === 'restart')?.attempts).toBe(7);
  });
});
