import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProgress } from '../../src/progress/store';
import { CORRUPT_PROGRESS_FILES } from './corrupt-files';

const freshDir = () => mkdtempSync(join(tmpdir(), 'ctr-learn-progress-'));
const STEPS = ['run', 'stop'];

describe('openProgress on a fresh folder', () => {
  it('starts empty, in <dir>/progress.json', () => {
    const dir = freshDir();
    const { store, recoveredFrom } = openProgress(dir);
    expect(recoveredFrom).toBeUndefined();
    expect(store.path).toBe(join(dir, 'progress.json'));
    expect(store.data()).toEqual({ version: 1, lessons: {} });
    expect(store.lesson('serve-a-page')).toEqual({ steps: {} });
    expect(store.status('serve-a-page', STEPS)).toEqual({ state: 'not-started', passed: 0, total: 2 });
  });

  it('creates the folder when it does not exist', () => {
    const dir = join(freshDir(), 'a', 'b');
    openProgress(dir).store.seeStep('l', 'run');
    expect(existsSync(join(dir, 'progress.json'))).toBe(true);
  });
});

describe('ProgressStore records what the learner did', () => {
  it('counts attempts and marks a step passed once', () => {
    const { store } = openProgress(freshDir());
    store.seeStep('l', 'run');
    store.recordAttempt('l', 'run', false, STEPS);
    store.recordAttempt('l', 'run', true, STEPS);
    const passedAt = store.lesson('l').steps.run.passedAt;
    store.recordAttempt('l', 'run', true, STEPS);
    const run = store.lesson('l').steps.run;
    expect(run).toMatchObject({ attempts: 3, hintsUsed: 0, solutionRevealed: false });
    expect(run.passedAt).toBe(passedAt);
    expect(Date.parse(run.passedAt!)).not.toBeNaN();
    expect(run.timeToPassMs).toBeGreaterThanOrEqual(0);
    expect(store.data().lastLesson).toBe('l');
  });

  it('status goes not-started → in-progress → done, and the lesson gets completedAt', () => {
    const { store } = openProgress(freshDir());
    expect(store.status('l', STEPS).state).toBe('not-started');
    store.seeStep('l', 'run');
    expect(store.status('l', STEPS)).toEqual({ state: 'in-progress', passed: 0, total: 2 });
    store.recordAttempt('l', 'run', true, STEPS);
    expect(store.status('l', STEPS)).toEqual({ state: 'in-progress', passed: 1, total: 2 });
    expect(store.lesson('l').completedAt).toBeUndefined();
    store.recordAttempt('l', 'stop', true, STEPS);
    expect(store.status('l', STEPS)).toEqual({ state: 'done', passed: 2, total: 2 });
    expect(store.lesson('l').completedAt).toBeDefined();
    expect(store.status('other', STEPS).state).toBe('not-started');
  });

  it('useHint keeps the highest rung; revealSolution sticks', () => {
    const { store } = openProgress(freshDir());
    store.useHint('l', 'run', 2);
    store.useHint('l', 'run', 1);
    store.revealSolution('l', 'run');
    expect(store.lesson('l').steps.run).toMatchObject({ hintsUsed: 2, solutionRevealed: true, attempts: 0 });
  });

  it('survives reopening, lessons kept apart', () => {
    const dir = freshDir();
    const first = openProgress(dir).store;
    first.recordAttempt('a', 'run', true, ['run']);
    first.useHint('b', 'x', 1);
    first.setLang('ko');
    const { store, recoveredFrom } = openProgress(dir);
    expect(recoveredFrom).toBeUndefined();
    expect(store.data()).toMatchObject({ lang: 'ko', lastLesson: 'b' });
    expect(store.status('a', ['run']).state).toBe('done');
    expect(store.lesson('b').steps.x.hintsUsed).toBe(1);
    expect(store.lesson('a').steps.x).toBeUndefined();
  });
});

describe('a corrupt progress.json is moved aside, never a crash', () => {
  it.for([
    ...CORRUPT_PROGRESS_FILES,
    ['a step with a wrong field type', Buffer.from('{"lessons":{"l":{"steps":{"run":{"attempts":"many"}}}}}')],
  ] as [string, Buffer][])('%s', ([, bytes]) => {
    const dir = freshDir();
    const file = join(dir, 'progress.json');
    writeFileSync(file, bytes);

    const { store, recoveredFrom } = openProgress(dir);

    expect(recoveredFrom).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.corrupt-[0-9T-]+Z$`));
    expect(readFileSync(recoveredFrom!).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
    expect(store.data()).toEqual({ version: 1, lessons: {} });
    store.recordAttempt('l', 'run', true, ['run']);
    expect(openProgress(dir)).toMatchObject({ recoveredFrom: undefined });
    expect(openProgress(dir).store.status('l', ['run']).state).toBe('done');
  });

  it('a file of the right shape with extra fields is kept', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ version: 1, lessons: { l: { steps: { run: { attempts: 2 } } } }, futureField: true }));
    const { store, recoveredFrom } = openProgress(dir);
    expect(recoveredFrom).toBeUndefined();
    expect(store.lesson('l').steps.run).toMatchObject({ attempts: 2, hintsUsed: 0 });
  });
});
