import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build';
import { formatDuration, localDateTime, reportMarkdown } from '../../src/report/format';
import { parseReport } from '../../src/report/read';
import { canonicalJson, sign, verify } from '../../src/report/sign';
import type { SignedReport } from '../../src/report/types';
import { HOMES, LESSONS } from './fixtures';

const KEY = 'blue kettle seventeen lanterns';
const NOW = new Date('2026-03-02T11:00:00Z');
const report = (member: keyof typeof HOMES, window?: { from: string; to: string }) =>
  buildReport(HOMES[member], { member, course: 'course.yaml', lessons: LESSONS, week: 1, window, now: NOW });

describe('building a report from progress', () => {
  it('counts steps passed, attempts, hints, solutions, time and evidence', () => {
    const r = report('bo');
    expect(r.totals).toEqual({ lessonsDone: 0, stepsPassed: 1, steps: 3, attempts: 10, hintsUsed: 5, solutionsRevealed: 1 });
    expect(r.lessons[0].steps[0]).toEqual({ id: 'publish', passed: true, passedAt: '2026-03-02T10:10:00Z', attempts: 4, hintsUsed: 3, solutionRevealed: true, timeToPassMs: 600_000 });
    expect(r.lessons[1]).toMatchObject({ id: 'stop', week: 1, stepsPassed: 0, stepCount: 1, steps: [{ id: 'trap', passed: false, attempts: 0 }] });
    expect(report('ana').lessons[0].steps[0].evidence).toEqual([{ check: 'running', actual: 'running' }, { check: 'port', actual: '80/tcp → 8080' }]);
    expect(report('ana').totals).toMatchObject({ lessonsDone: 2, stepsPassed: 3 });
  });

  it('a session window counts only passes inside it; earlier ones are marked', () => {
    const r = report('ana', { from: '2026-03-02T10:15:00Z', to: '2026-03-02T11:00:00Z' });
    expect(r.lessons[0].steps.map((s) => [s.id, s.passed, s.passedBefore])).toEqual([['publish', false, true], ['restart', true, undefined]]);
    expect(r.lessons[0].steps[0].evidence).toBeUndefined();
    expect(r.totals.stepsPassed).toBe(2);
  });
});

describe('signature', () => {
  it('verifies an untouched report, in JSON and through Markdown', () => {
    const signed = sign(report('ana'), KEY);
    expect(verify(signed, KEY)).toBe('valid');
    const back = parseReport(reportMarkdown(signed, 'ko'), 'ana.md');
    expect(back).toEqual(signed);
    expect(verify(back, KEY)).toBe('valid');
    // Re-indented or re-ordered JSON still verifies: the signature is over canonical JSON.
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, report: Object.fromEntries(Object.entries(signed.report).reverse()) })) as SignedReport;
    expect(verify(parseReport(JSON.stringify(reordered, null, 4), 'x.json'), KEY)).toBe('valid');
  });

  it.for([
    ['one attempt count', (r: SignedReport) => (r.report.lessons[0].steps[1].attempts = 4)],
    ['a step marked passed', (r: SignedReport) => (r.report.lessons[1].steps[0].passed = true)],
    ['the member name', (r: SignedReport) => (r.report.member = 'cy')],
    ['a hint count', (r: SignedReport) => (r.report.lessons[0].steps[1].hintsUsed = 0)],
    ['the evidence', (r: SignedReport) => (r.report.lessons[0].steps[0].evidence![0].actual = 'exited')],
  ] as [string, (r: SignedReport) => void][])('changing %s is detected', ([, edit]) => {
    const signed = sign(report('bo'), KEY);
    signed.report.lessons[0].steps[0].evidence = [{ check: 'running', actual: 'running' }];
    const resigned = sign(signed.report, KEY);
    const tampered = structuredClone(resigned);
    edit(tampered);
    expect(verify(resigned, KEY)).toBe('valid');
    expect(verify(tampered, KEY)).toBe('tampered');
  });

  it('tells another key, no signature and no key apart', () => {
    const signed = sign(report('cy'), KEY);
    expect(verify(signed, 'another group entirely')).toBe('other-key');
    expect(verify(sign(report('cy'), null), KEY)).toBe('unsigned');
    expect(verify(signed, null)).toBe('no-key');
  });

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });

  it('a file that is not a report is a clear error', () => {
    expect(() => parseReport('# notes\nhello', 'notes.md')).toThrow(/notes\.md is not a ctr-learn report/);
    expect(() => parseReport('{"report": {"format": "other"}}', 'x.json')).toThrow(/is not a ctr-learn report/);
  });
});

describe('times as people read them', () => {
  it('a time to pass under a minute is in seconds, never "0 min"', () => {
    expect(formatDuration(12_000)).toBe('12 s');
    expect(formatDuration(400)).toBe('<1 s');
    expect(formatDuration(59_000)).toBe('59 s');
    expect(formatDuration(59_800)).toBe('1 min');
    expect(formatDuration(22 * 60_000)).toBe('22 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(12_000, 'ko')).toBe('12초');
    expect(formatDuration(22 * 60_000, 'ko')).toBe('22분');
    expect(formatDuration(65 * 60_000, 'ko')).toBe('1시간 5분');
  });

  it('the header says when in local date and time, a session\'s end once, no raw ISO times', () => {
    const from = '2026-03-02T10:15:00Z';
    const to = '2026-03-02T11:00:00Z';
    const session = reportMarkdown(sign(report('ana', { from, to }), KEY), 'en');
    const header = session.split('\n')[2];
    const end = localDateTime(to);
    expect(header).toBe(`session ${localDateTime(from)} to ${localDateTime(from).slice(0, 10) === end.slice(0, 10) ? end.slice(11) : end} · course.yaml`);
    expect(header).not.toMatch(/\d{2}:\d{2}:\d{2}|T\d|Z/);
    const week = reportMarkdown(sign(report('ana'), KEY), 'ko').split('\n')[2];
    expect(week).toBe(`1주차 · ${localDateTime(NOW.toISOString())} · course.yaml`);
    expect(localDateTime(NOW.toISOString())).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});
