import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeProgress } from '../../src/progress/merge';
import type { ProgressData, StepProgress } from '../../src/progress/store';

/** Progress of one learner on two computers: a few lessons and steps, passes at random times. */
const time = fc.integer({ min: Date.parse('2026-03-01T00:00:00Z'), max: Date.parse('2026-04-01T00:00:00Z') }).map((t) => new Date(t).toISOString());
const step: fc.Arbitrary<StepProgress> = fc.record(
  {
    passedAt: time,
    attempts: fc.nat(20),
    hintsUsed: fc.nat(3),
    solutionRevealed: fc.boolean(),
    firstSeenAt: time,
    timeToPassMs: fc.nat(3_600_000),
    evidence: fc.array(fc.record({ check: fc.constantFrom('running', 'port'), actual: fc.string({ maxLength: 5 }) }), { maxLength: 2 }),
  },
  { requiredKeys: ['attempts', 'hintsUsed', 'solutionRevealed'] },
);
const progress: fc.Arbitrary<ProgressData> = fc.record({
  version: fc.constant(1 as const),
  lang: fc.option(fc.constantFrom('en' as const, 'ko' as const), { nil: undefined }),
  lessons: fc.dictionary(
    fc.constantFrom('run', 'stop', 'images'),
    fc.record({ startedAt: fc.option(time, { nil: undefined }), steps: fc.dictionary(fc.constantFrom('a', 'b', 'c'), step) }),
  ),
}).map((p) => JSON.parse(JSON.stringify(p)) as ProgressData);

const passes = (p: ProgressData) =>
  Object.entries(p.lessons).flatMap(([l, lp]) => Object.entries(lp.steps).filter(([, s]) => s.passedAt).map(([s, sp]) => [`${l}/${s}`, sp.passedAt!] as const));

describe('merging progress from another computer', () => {
  it('never loses a passed step, and keeps the earliest pass', () => {
    fc.assert(
      fc.property(progress, progress, (a, b) => {
        const m = mergeProgress(a, b);
        const merged = new Map(passes(m));
        for (const [k, at] of [...passes(a), ...passes(b)]) {
          expect(merged.has(k)).toBe(true);
          expect(Date.parse(merged.get(k)!)).toBeLessThanOrEqual(Date.parse(at));
        }
      }),
    );
  });

  it('is idempotent: importing the same file twice changes nothing', () => {
    fc.assert(
      fc.property(progress, progress, (a, b) => {
        expect(mergeProgress(mergeProgress(a, b), b)).toEqual(mergeProgress(a, b));
      }),
    );
  });

  it('importing back what was exported changes nothing; the order of computers does not change the lessons', () => {
    fc.assert(
      fc.property(progress, progress, (a, b) => {
        const m = mergeProgress(a, b);
        expect(mergeProgress(m, m)).toEqual(m);
        expect(mergeProgress(b, m)).toEqual({ ...m, ...(b.lang ? { lang: b.lang } : {}) });
        expect(mergeProgress(a, b).lessons).toEqual(mergeProgress(b, a).lessons);
      }),
    );
  });

  it('counters take the max (not the sum), a revealed solution stays revealed, time and evidence come with the earliest pass', () => {
    const at = (passedAt: string | undefined, more: Partial<StepProgress>): ProgressData => ({
      version: 1,
      lessons: { run: { steps: { a: { attempts: 0, hintsUsed: 0, solutionRevealed: false, ...(passedAt ? { passedAt } : {}), ...more } } } },
    });
    const work = at('2026-03-02T10:00:00.500Z', { attempts: 3, hintsUsed: 1, timeToPassMs: 5, evidence: [{ check: 'running', actual: 'running' }] });
    const home = at('2026-03-02T10:00:01Z', { attempts: 5, hintsUsed: 0, solutionRevealed: true, timeToPassMs: 9 });
    expect(mergeProgress(home, work).lessons.run.steps.a).toEqual({
      passedAt: '2026-03-02T10:00:00.500Z', attempts: 5, hintsUsed: 1, solutionRevealed: true, timeToPassMs: 5, evidence: [{ check: 'running', actual: 'running' }],
    });
    // A pass on one computer survives a merge with a computer where it is not passed.
    expect(mergeProgress(at(undefined, { attempts: 9 }), work).lessons.run.steps.a).toMatchObject({ passedAt: '2026-03-02T10:00:00.500Z', attempts: 9 });
  });
});
