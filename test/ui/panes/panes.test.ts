import { describe, expect, it } from 'vitest';
import { checkLines } from '../../../src/ui/panes/checks';
import { logLines } from '../../../src/ui/panes/log';
import { CONTINUED, outputLines } from '../../../src/ui/panes/output';
import type { LessonView } from '../../../src/ui/state/state';
import { displayWidth } from '../../../src/ui/text/text';
import { CTRL, ENTER, fakeLesson, key, readyState, run, view } from '../helpers';

const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));
const joined = (lines: string[]) => lines.map((l) => l.replace(CONTINUED, '')).join('');

function withOutput(lang: 'en' | 'ko', output: LessonView['output']) {
  const s = run(readyState({ lang, cols: 80, rows: 24 }), ENTER).state;
  return { s, v: { ...view(s), output } };
}

describe('the lower pane at 80 columns shows every line whole', () => {
  const conflict =
    'docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "0f3c2a9e1d7b". You have to remove (or rename) that container to be able to reuse that name.';
  const ps = [
    'CONTAINER ID   IMAGE                COMMAND                  CREATED         STATUS         PORTS                  NAMES',
    '0f3c2a9e1d7b   ctr-learn/web:1      "httpd -f -p 80 -h /…"   2 seconds ago   Up 1 second    0.0.0.0:8080->80/tcp   web',
  ];

  it("wraps the engine's error between words and a docker ps table at the column, never cutting with ...", () => {
    const { s, v } = withOutput('en', [{ kind: 'cmd', text: '$ docker run --name web busybox' }, { kind: 'stderr', text: conflict }, ...ps.map((t) => ({ kind: 'stdout' as const, text: t }))]);
    const lines = text(outputLines(s, v, 78));
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(78);
    expect(lines.join('\n')).not.toContain('...');
    // Every word of the error is there, in order.
    expect(lines.join(' ').replace(/\s+/g, ' ').replace(/↳ /g, '')).toContain(conflict);
    // The table keeps its spacing: its rows joined again are the rows the engine printed.
    const table = lines.slice(lines.findIndex((l) => l.startsWith('CONTAINER ID')));
    expect(joined(table)).toBe(ps.join(''));
    expect(table[1].startsWith(CONTINUED)).toBe(true);
  });

  it('wraps a failed check: expected and actual whole, under the title', () => {
    const s = run(readyState({ cols: 80, rows: 24 }), ENTER, CTRL('t'), {
      type: 'checkResult', lessonId: 'demo', stepIndex: 0,
      result: { id: 'running', kind: 'http', title: 'the page is yours', status: 'fail', expected: 'GET http://127.0.0.1:8080/ → 200 without "TODO"', actual: '200, the page still contains "TODO" on line 12: "<p>TODO: write about yourself here, then reload the page in the browser</p>"', ms: 1 },
    }, { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: false }).state;
    const lines = text(checkLines(s, view(s), fakeLesson('demo'), 78).lines);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(78);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('then reload the page in the browser</p>"');
  });
});

describe('the command log', () => {
  it("shows the learner's calls in full and folds ctr-learn's own polling into one line", () => {
    const polls = Array.from({ length: 80 }, () => ({ kind: 'call' as const, by: 'ctr-learn' as const, method: 'GET', path: '/v1.41/containers/json?all=1&filters=x', status: 200, ms: 0.5 }));
    const s = run(readyState({ cols: 80 }), ENTER, key('docker run -d --name web busybox\r'), {
      type: 'logged',
      entries: [...polls, { kind: 'call', by: 'learner', method: 'POST', path: '/v1.41/containers/create?name=web', status: 201, ms: 3.2 }, ...polls],
    }).state;
    const lines = text(logLines(s, 78));
    expect(lines.length).toBeLessThan(8);
    expect(lines.join('\n')).toMatch(/POST \/v1\.41\/containers\/create\?name=web/);
    expect(lines.filter((l) => l.includes("ctr-learn's own calls (80): GET /v1.41/containers/json x80"))).toHaveLength(2);
  });
});
