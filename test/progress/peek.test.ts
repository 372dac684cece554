import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peekProgress } from '../../src/progress/peek';
import { openProgress } from '../../src/progress/store';
import { CORRUPT_PROGRESS_FILES } from './corrupt-files';

const freshDir = () => mkdtempSync(join(tmpdir(), 'ctr-learn-peek-'));

describe('peekProgress (the first frame reads progress without the store)', () => {
  it('no file yet: empty and plausible', () => {
    expect(peekProgress(freshDir())).toEqual({ data: { version: 1, lessons: {} }, plausible: true });
  });

  it('reads what the store wrote exactly as the store gives it back', () => {
    const dir = freshDir();
    const { store } = openProgress(dir);
    store.seeStep('a', 'run');
    store.recordAttempt('a', 'run', true, ['run', 'stop']);
    store.useHint('b', 'x', 2);
    store.revealSolution('b', 'x');
    store.setLang('ko');
    expect(peekProgress(dir)).toEqual({ data: store.data(), plausible: true });
  });

  it('fills the store schema defaults of steps and lessons', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ lessons: { l: { steps: { run: { passedAt: '2026-01-01T00:00:00.000Z' } } }, m: {} } }));
    const peeked = peekProgress(dir);
    expect(peeked.plausible).toBe(true);
    expect(peeked.data).toEqual(openProgress(dir).store.data());
  });

  // Files that the store moves aside: the app then opens the store before its first frame.
  it.for([
    ...CORRUPT_PROGRESS_FILES,
    ['an unknown language', Buffer.from('{"lang":"fr","lessons":{}}')],
    ['steps of the wrong type', Buffer.from('{"lessons":{"l":{"steps":[1]}}}')],
    ['a step that is not an object', Buffer.from('{"lessons":{"l":{"steps":{"run":true}}}}')],
  ] as [string, Buffer][])('not plausible: %s', ([, bytes]) => {
    const dir = freshDir();
    writeFileSync(join(dir, 'progress.json'), bytes);
    expect(peekProgress(dir)).toEqual({ data: { version: 1, lessons: {} }, plausible: false });
    expect(openProgress(dir).recoveredFrom).toBeDefined();
  });

  it('a field of the wrong type inside a step passes the shape check; the store still moves the file aside', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'progress.json'), '{"lessons":{"l":{"steps":{"run":{"attempts":"many"}}}}}');
    expect(peekProgress(dir).plausible).toBe(true);
    expect(openProgress(dir).recoveredFrom).toBeDefined();
  });
});
