import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { practisedLessons } from '../../src/progress/practised';
import { openProgress } from '../../src/progress/store';

describe('practisedLessons', () => {
  it('lists lessons with at least one passed step, as the progress store writes them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctr-practised-'));
    const { store } = openProgress(dir);
    store.recordAttempt('run-options', 'publish', true, ['publish', 'restart-env']);
    store.recordAttempt('sigterm-trap', 'no-trap', false, ['no-trap']);
    expect([...practisedLessons(dir)]).toEqual(['run-options']);
  });

  it('treats a missing or unreadable file as nothing practised', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctr-practised-'));
    expect(practisedLessons(dir).size).toBe(0);
    writeFileSync(join(dir, 'progress.json'), '{not json');
    expect(practisedLessons(dir).size).toBe(0);
  });
});
