import { describe, expect, it } from 'vitest';
import { Step } from '../../src/lessons/schema';
import { checkLines } from '../../src/ui/panes/checks';
import { displayWidth } from '../../src/ui/text/text';
import { CTRL, ENTER, fakeLesson, readyState, run, view } from '../ui/helpers';

/** The app draws a pod replay's timeline under its check, as it draws the stop timeline. */
const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));

function lessonWithReplay() {
  const base = fakeLesson('demo');
  const step = Step.parse({
    id: 'replay',
    title: { en: 'replay', ko: '재현' },
    checks: [{ id: 'replay', kind: 'pod-replay', file: 'replay.yaml', object: 'Pod/cache', scenario: 'delete', killedBySigkill: false }],
    hints: [],
    solution: {},
  });
  return { ...base, steps: [step, ...base.steps.slice(1)] };
}

const actual = [
  'SIGKILL at 10171 ms; no /data/saved',
  "Pod/cache (replay.yaml): this is the container contract replayed on docker (the pod's containers share one network namespace, as the kubelet ran them on docker), not a cluster: controllers are never imitated.",
  '   0.1 s  cache  started',
  '   0.1 s         pod deleted: the grace period (8 s) starts',
  '   8.2 s  cache  preStop still running when the grace period ended (8113 ms)',
  '   8.2 s  cache  SIGTERM',
  '  10.3 s  cache  SIGKILL (the grace period is over)',
  '  10.5 s  cache  exited with code 137',
  '  the replay took 11.4 s; its containers are removed',
].join('\n');

describe('a pod replay in the check pane', () => {
  for (const status of ['fail', 'pass'] as const) {
    it(`${status}: the summary on the check's line, the timeline below it, within the width`, () => {
      const lesson = lessonWithReplay();
      const s = run(
        readyState({ cols: 80, rows: 30, lessons: [lesson] }),
        ENTER,
        CTRL('t'),
        { type: 'checkResult', lessonId: 'demo', stepIndex: 0, result: { id: 'replay', kind: 'pod-replay', title: 'deleted on docker', status, expected: 'ends before SIGKILL', actual, ms: 11_400 } },
        { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: status === 'pass' },
      ).state;
      const lines = text(checkLines(s, view(s), lesson, 78).lines);
      for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(78);
      const all = lines.join('\n');
      if (process.env.SHOW) console.log(all);
      expect(all).toMatch(/SIGKILL at 10171 ms; no \/data\/saved/);
      expect(all.replace(/\s+/g, ' ')).toContain('this is the container contract replayed on docker');
      const kill = lines.findIndex((l) => l.includes('SIGKILL (the grace period is over)'));
      const term = lines.findIndex((l) => l.includes('SIGTERM'));
      expect(term).toBeGreaterThan(0);
      expect(kill).toBeGreaterThan(term);
      // The events keep their columns: times right-aligned, then the container, then what happened.
      expect(lines[kill]).toMatch(/^ +10\.3 s  cache  SIGKILL/);
      expect(lines[term]).toMatch(/^ +8\.2 s  cache  SIGTERM/);
      expect(lines.find((l) => l.includes('pod deleted'))).toMatch(/0\.1 s {9}pod deleted/);
      // The check's own line carries the summary only, not the whole timeline.
      const first = lines.find((l) => l.includes('deleted on docker'))!;
      expect(first).not.toMatch(/SIGTERM/);
    });
  }
});
