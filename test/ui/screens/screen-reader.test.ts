import { describe, expect, it } from 'vitest';
import { nothingSaid, liveLine, plainText, transcript, type Said } from '../../../src/ui/screens/screen-reader';
import type { AppState } from '../../../src/ui/state/state';
import { CTRL, ENTER, fakeLesson, key, readyState, run } from '../helpers';

/** Everything said across a sequence of states, as a screen reader would hear it. */
function hear(states: AppState[]): string[] {
  let said: Said = nothingSaid();
  const out: string[] = [];
  for (const s of states) {
    const r = transcript(said, s);
    said = r.said;
    out.push(...r.lines);
  }
  return out;
}

describe('screen-reader mode: plain text, said once, in order', () => {
  it('home: the lessons as a numbered list and the keys, said once; the chosen lesson is the live line', () => {
    const s = readyState({ lessons: [fakeLesson('one'), fakeLesson('two')] });
    const moved = run(s, { type: 'move', delta: 1 }).state;
    const said = hear([s, moved, moved]);
    expect(said[0]).toBe('ctr-learn. Lessons:');
    expect(said[1]).toMatch(/^1\. Demo lesson one, week 2, 0\/2$/);
    expect(said.filter((l) => l.startsWith('Keys:'))).toHaveLength(1);
    expect(liveLine(moved)).toBe('selected: 2. Demo lesson two');
  });

  it('a lesson: the step text once, then each command and its output as it comes, then the check verdict with expected and actual', () => {
    const home = readyState({ lessons: [fakeLesson('demo')] });
    const opened = run(home, ENTER).state;
    const typed = run(opened, ...'docker ps'.split('').map((c) => key(c))).state;
    expect(liveLine(typed)).toBe('$ docker ps');
    const ran = run(typed, ENTER).state;
    const out = run(ran, { type: 'commandOutput', lines: [{ kind: 'stdout', text: 'CONTAINER ID   IMAGE' }], dropped: 0 }, { type: 'commandDone', exitCode: 0, cancelled: false, timedOut: false, ms: 20 }).state;
    const checking = run(out, CTRL('t')).state;
    const failed = run(
      checking,
      { type: 'checkResult', lessonId: 'demo', stepIndex: 0, result: { id: 'running', kind: 'container', title: 'web is running', status: 'fail', expected: 'running', actual: 'no such container', ms: 1 } },
      { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: false },
    ).state;
    const said = hear([home, opened, typed, ran, out, checking, failed]);
    const from = said.indexOf('Demo lesson demo. step 1/2: Step run title');
    expect(from).toBeGreaterThan(0);
    const after = said.slice(from + 1);
    expect(after).toContain('$ docker ps');
    expect(after).toContain('CONTAINER ID   IMAGE');
    expect(after).toContain('not yet: web is running. expected: running. actual: no such container');
    expect(after.at(-1)).toMatch(/Not yet/);
    // Nothing is said twice.
    expect(after.filter((l) => l === '$ docker ps')).toHaveLength(1);
  });

  it('in Korean too', () => {
    const s = readyState({ lessons: [fakeLesson('one')], lang: 'ko' });
    expect(hear([s])[0]).toBe('ctr-learn. 레슨 목록:');
  });

  it('markdown is read as plain text', () => {
    expect(plainText('# Title\n\n<!-- c -->\nRun **this**: `docker ps`\n```\ndocker ps\n```')).toEqual(['Title', '', 'Run this: docker ps', 'docker ps']);
  });
});
