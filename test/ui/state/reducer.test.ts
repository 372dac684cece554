import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/checks/types';
import { lessonLayout } from '../../../src/ui/panes/layout';
import type { UiLine } from '../../../src/ui/components/Lines';
import { paneWindow } from '../../../src/ui/panes/window';
import { MAX_OUTPUT_LINES, openingStep } from '../../../src/ui/state/state';
import { continueLessonId } from '../../../src/ui/state/reducer';
import type { ProgressData } from '../../../src/progress/store';
import { CTRL, CTRL_C, ENTER, ESC, PANE_BACK, PANE_FORWARD, PGDN, TAB, fakeLesson, key, makeState, readyState, renderApp, run, view } from '../helpers';

const open = (s = readyState()) => run(s, ENTER).state;
const result = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id, kind: 'container', title: id, status, expected: 'e', actual: 'a', ms: 1, ...extra,
});

describe('home', () => {
  it('moves with j/k and arrows, clamped, and opens the selected lesson with Enter', () => {
    const { state, effects } = run(makeState(), key('j'), key('j'), key('', { upArrow: true }), key('j'), ENTER);
    expect(view(state).lessonId).toBe('second');
    expect(effects).toContainEqual({ type: 'enterLesson', lessonId: 'second' });
    expect(effects).toContainEqual({ type: 'seeStep', lessonId: 'second', stepId: 'run' });
  });

  it('continues the last lesson at its first step not passed', () => {
    const progress = { version: 1 as const, lastLesson: 'second', lessons: { second: { startedAt: 'x', steps: { run: { passedAt: 'y', attempts: 1, hintsUsed: 0, solutionRevealed: false } } } } };
    const { state } = run(makeState({ progress }), key('c'));
    expect(view(state)).toMatchObject({ lessonId: 'second', stepIndex: 1 });
  });

  it('switches the language with L and asks to save it', () => {
    const { state, effects } = run(makeState(), key('L'));
    expect(state.lang).toBe('ko');
    expect(effects).toEqual([{ type: 'saveLang', lang: 'ko' }]);
  });
});

describe('keys that arrive together', () => {
  it('reads a chunk in a lesson as typed text, Enter runs it', () => {
    const { state, effects } = run(open(), key('docker ps -a\r'));
    expect(effects).toContainEqual({ type: 'runCommand', lessonId: 'demo', line: 'docker ps -a' });
    expect(view(state).running).toEqual({ line: 'docker ps -a' });
    expect(view(state).prompt.text).toBe('');
    expect(state.log.at(-1)).toEqual({ kind: 'command', line: 'docker ps -a' });
  });

  it('reads each single key of a chunk on the home screen (jj moves two lessons down)', () => {
    const { state } = run(makeState({ lessons: [fakeLesson('a'), fakeLesson('b'), fakeLesson('c')] }), key('jj'));
    expect(state.screen).toEqual({ name: 'home', cursor: 2 });
  });

  it('splits Esc followed at once by a key (Alt+key) into the two keys', () => {
    const { state, effects } = run(open(), key('q', { meta: true }));
    expect(effects).toContainEqual({ type: 'quit' });
    expect(state.quitting).toBe(true);
  });

  it('reads a Ctrl key inside a chunk as that key (docker ps then Ctrl-T checks)', () => {
    const { state, effects } = run(open(), key('docker ps\x14'));
    expect(view(state).prompt.text).toBe('docker ps');
    expect(effects).toContainEqual({ type: 'runCheck', lessonId: 'demo', stepIndex: 0, trigger: 'key' });
  });

  it('handles Backspace and Ctrl-U inside a chunk', () => {
    const { state } = run(open(), key('dockerr\x7f ps'), key('', { leftArrow: true }), key('X'));
    expect(view(state).prompt.text).toBe('docker pXs');
    expect(view(run(state, key('\x15')).state).prompt.text).toBe('');
  });
});

describe('the prompt', () => {
  it('walks the history with Up/Down and brings the unfinished line back', () => {
    let s = run(open(), key('docker ps\r'), { type: 'commandDone', exitCode: 0, cancelled: false, timedOut: false, ms: 5 }).state;
    s = run(s, key('docker images\r'), { type: 'commandDone', exitCode: 0, cancelled: false, timedOut: false, ms: 5 }).state;
    s = run(s, key('d'), key('ocker v')).state;
    const up = { upArrow: true };
    s = run(s, key('', up)).state;
    expect(view(s).prompt.text).toBe('docker images');
    s = run(s, key('', up), key('', up)).state;
    expect(view(s).prompt.text).toBe('docker ps');
    s = run(s, key('', { downArrow: true }), key('', { downArrow: true })).state;
    expect(view(s).prompt.text).toBe('docker v');
  });

  it('gives a refused line back to the prompt with the message and what to try (nothing typed is lost)', () => {
    const s = run(open(), key('docker run -it busybox sh\r'), { type: 'commandRefused', message: '`-it` needs a real terminal', tryThis: 'ctr-learn shell' }).state;
    expect(view(s).prompt).toMatchObject({ text: 'docker run -it busybox sh', recalled: true });
    expect(view(s).running).toBeNull();
    expect(view(s).output.map((l) => l.text)).toEqual(['$ docker run -it busybox sh', '`-it` needs a real terminal', 'try: ctr-learn shell']);
  });

  it('refuses to run a second command while one runs, keeping the typed line', () => {
    const s = run(open(), key('docker logs -f web\r'), key('d'), key('ocker ps\r'));
    expect(s.effects.filter((e) => e.type === 'runCommand')).toHaveLength(1);
    expect(view(s.state).prompt.text).toBe('docker ps');
    expect(s.state.notice?.text).toMatch(/still running/);
  });

  it('does not run commands before the sandbox is ready', () => {
    const { state, effects } = run(run(makeState(), ENTER).state, key('docker ps\r'));
    expect(effects.some((e) => e.type === 'runCommand')).toBe(false);
    expect(state.notice?.text).toMatch(/sandbox is still opening/);
  });
});

describe('Ctrl-C', () => {
  it('stops a running command without leaving the app', () => {
    const { state, effects } = run(open(), key('docker logs -f web\r'), CTRL_C);
    expect(effects.at(-1)).toEqual({ type: 'cancelCommand' });
    expect(state.quitting).toBe(false);
  });

  it('clears a typed line, then warns, then quits on the second press', () => {
    let r = run(open(), key('docker p'), CTRL_C);
    expect(view(r.state).prompt.text).toBe('');
    r = run(r.state, CTRL_C);
    expect(r.state.quitArmed).toBe(true);
    expect(r.effects).toEqual([]);
    r = run(r.state, CTRL_C);
    expect(r.effects).toContainEqual({ type: 'quit' });
  });

  it('disarms when another key comes between the two presses', () => {
    const r = run(open(), CTRL_C, PGDN, CTRL_C);
    expect(r.state.quitting).toBe(false);
    expect(r.state.quitArmed).toBe(true);
  });
});

describe('output', () => {
  it('keeps only the last lines and counts the rest', () => {
    const lines = Array.from({ length: MAX_OUTPUT_LINES + 120 }, (_, i) => ({ kind: 'stdout' as const, text: String(i) }));
    const s = run(open(), key('docker logs web\r'), { type: 'commandOutput', lines, dropped: 1000 }).state;
    expect(view(s).output).toHaveLength(MAX_OUTPUT_LINES);
    expect(view(s).output.at(-1)?.text).toBe(String(MAX_OUTPUT_LINES + 119));
    expect(view(s).dropped).toBe(1000 + 121);
  });

  it('says how a command ended', () => {
    const s = run(open(), key('docker logs -f web\r'), CTRL_C, { type: 'commandDone', exitCode: null, cancelled: true, timedOut: false, ms: 1234 }).state;
    expect(view(s).output.at(-1)).toEqual({ kind: 'info', text: 'stopped with Ctrl-C (1.2 s)' });
    expect(view(s).running).toBeNull();
  });
});

describe('checking', () => {
  it('runs the checks with Ctrl-T, shows each as it resolves, records the attempt and offers the next step', () => {
    let r = run(open(), CTRL('t'));
    expect(r.effects).toContainEqual({ type: 'runCheck', lessonId: 'demo', stepIndex: 0, trigger: 'key' });
    expect(view(r.state).pane).toBe('checks');
    r = run(r.state, { type: 'checkResult', lessonId: 'demo', stepIndex: 0, result: result('running', 'pass') });
    expect(view(r.state).check?.results).toHaveLength(1);
    r = run(r.state, { type: 'checkResult', lessonId: 'demo', stepIndex: 0, result: result('named', 'pass') }, { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: true });
    // The pass carries what each check saw: the evidence in the member's report.
    const evidence = [result('running', 'pass'), result('named', 'pass')].map((c) => ({ check: c.id, actual: c.actual }));
    expect(r.effects).toContainEqual({ type: 'recordAttempt', lessonId: 'demo', stepId: 'run', passed: true, evidence });
    expect(view(r.state).check?.status).toBe('passed');
    expect(r.state.notice).toMatchObject({ tone: 'pass', text: expect.stringMatching(/Ctrl-N goes to the next step/) });
    expect(view(run(r.state, CTRL('n')).state).stepIndex).toBe(1);
  });

  it('re-checks when the engine reports a change of the lesson, counting it only when the outcome changes', () => {
    let r = run(open(), { type: 'engineEvents', lessonIds: ['other'] });
    expect(r.effects).toEqual([]);
    r = run(r.state, { type: 'engineEvents', lessonIds: ['demo'] });
    expect(r.effects).toEqual([{ type: 'runCheck', lessonId: 'demo', stepIndex: 0, trigger: 'event' }]);
    expect(view(r.state).pane).toBe('output');
    r = run(r.state, { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: false });
    expect(r.effects).toEqual([{ type: 'recordAttempt', lessonId: 'demo', stepId: 'run', passed: false, evidence: undefined }]);
    r = run(r.state, { type: 'engineEvents', lessonIds: ['demo'] }, { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: false });
    expect(r.effects.filter((e) => e.type === 'recordAttempt')).toEqual([]);
    r = run(r.state, { type: 'engineEvents', lessonIds: ['demo'] }, { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: true });
    expect(r.effects).toContainEqual({ type: 'recordAttempt', lessonId: 'demo', stepId: 'run', passed: true, evidence: [] });
    // The output the learner just produced stays in view; the notice says the step passed.
    expect(view(r.state).pane).toBe('output');
    expect(r.state.notice).toMatchObject({ tone: 'pass' });
  });

  it('queues one re-check for events that arrive while a check runs', () => {
    let r = run(open(), CTRL('t'), { type: 'engineEvents', lessonIds: ['demo'] }, { type: 'engineEvents', lessonIds: ['demo'] });
    expect(r.effects.filter((e) => e.type === 'runCheck')).toHaveLength(1);
    r = run(r.state, { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: false });
    expect(r.effects.filter((e) => e.type === 'runCheck')).toEqual([{ type: 'runCheck', lessonId: 'demo', stepIndex: 0, trigger: 'event' }]);
  });

  it('never re-checks a step with a stop check on events (the check itself stops the container)', () => {
    const s = run(open(), CTRL('n')).state;
    expect(run(s, { type: 'engineEvents', lessonIds: ['demo'] }).effects).toEqual([]);
  });

  it('shows "couldn\'t check" for an unreachable engine, never a failed step, and records nothing', () => {
    const r = run(open(), CTRL('t'), { type: 'checkError', lessonId: 'demo', stepIndex: 0, message: 'No Docker engine answers', tryThis: 'start Docker' });
    expect(view(r.state).check).toMatchObject({ status: 'error', error: { message: 'No Docker engine answers', tryThis: 'start Docker' } });
    expect(r.effects.some((e) => e.type === 'recordAttempt')).toBe(false);
    expect(r.state.notice?.text).toMatch(/not a failed step/);
  });

  it('ignores results of a step the learner has left', () => {
    const r = run(open(), CTRL('t'), CTRL('n'), { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: true });
    expect(view(r.state).check).toBeNull();
    expect(r.effects.some((e) => e.type === 'recordAttempt')).toBe(false);
  });
});

describe('hints, solution, reset, edit', () => {
  it('climbs the hint ladder one rung per Ctrl-G and records each rung; the last rung asks to show the solution', () => {
    const r = run(open(), CTRL('g'), CTRL('g'), CTRL('g'));
    expect(r.effects.filter((e) => e.type === 'useHint')).toEqual([1, 2, 3].map((rung) => ({ type: 'useHint', lessonId: 'demo', stepId: 'run', rung })));
    expect(view(r.state).hintRung).toBe(3);
    expect(run(r.state, CTRL('g')).state.overlay).toEqual({ kind: 'reveal' });
  });

  it('asks before revealing the solution and records it only on yes', () => {
    const hinted = run(open(), CTRL('g'), CTRL('g'), CTRL('g')).state;
    let r = run(hinted, CTRL('g'));
    expect(r.state.overlay).toEqual({ kind: 'reveal' });
    r = run(r.state, key('n'));
    expect(r.state.overlay).toBeNull();
    expect(r.effects).toEqual([]);
    r = run(r.state, CTRL('g'), key('y'));
    expect(r.effects).toEqual([{ type: 'revealSolution', lessonId: 'demo', stepId: 'run' }]);
    expect(view(r.state).solutionShown).toBe(true);
  });

  it('shows what a reset removes before removing it', () => {
    let r = run(open(), CTRL('x'));
    expect(r.effects).toEqual([{ type: 'planReset', lessonId: 'demo' }]);
    r = run(r.state, key('y'));
    expect(r.effects).toEqual([]);
    const plan = { containers: ['web'], networks: [], volumes: ['data'], images: [] };
    r = run(r.state, { type: 'resetPlanned', plan }, key('y'));
    expect(r.effects).toEqual([{ type: 'reset', lessonId: 'demo', restoreFiles: false }]);
    r = run(r.state, { type: 'resetDone', removed: 2, restoredFiles: false });
    expect(r.state.overlay).toBeNull();
    expect(r.state.notice?.text).toMatch(/removed 2/);
  });

  it('opens the only workspace file in the editor, or asks which one', () => {
    let s = run(open(), { type: 'lessonReady', lessonId: 'demo', workspace: '/w', files: ['a.sh'] }).state;
    expect(run(s, CTRL('o')).effects).toEqual([{ type: 'openEditor', lessonId: 'demo', file: 'a.sh' }]);
    s = run(s, { type: 'lessonReady', lessonId: 'demo', workspace: '/w', files: ['a.sh', 'b/c.html'] }).state;
    const r = run(s, CTRL('o'), key('j'), ENTER);
    expect(r.effects).toEqual([{ type: 'openEditor', lessonId: 'demo', file: 'b/c.html' }]);
  });
});

describe('leaving a lesson', () => {
  it('Esc never stops a running command behind the learner\'s back: it says Ctrl-C first', () => {
    const r = run(open(), key('docker logs -f web\r'), ESC);
    expect(r.effects).not.toContainEqual({ type: 'cancelCommand' });
    expect(r.state.screen.name).toBe('lesson');
    expect(r.state.notice?.text).toMatch(/Ctrl-C stops it first/);
  });

  it('Esc goes back to the lessons keeping the view, the typed line included, and says so', () => {
    let r = run(open(), key('docker logs web\r'), { type: 'commandDone', exitCode: 0, cancelled: false, timedOut: false, ms: 5 }, key('docker ps -'), ESC);
    expect(r.state.screen.name).toBe('home');
    expect(r.state.notice?.text).toMatch(/typed line is kept/);
    r = run(r.state, ENTER);
    expect(view(r.state).output.map((l) => l.text)).toContain('$ docker logs web');
    expect(view(r.state).prompt.text).toBe('docker ps -');
  });

  it('Ctrl-D on an empty line quits (cancelling a running command), on a typed line deletes under the cursor', () => {
    const r = run(open(), key('docker logs -f web\r'), CTRL('d'));
    expect(r.effects.slice(-2)).toEqual([{ type: 'cancelCommand' }, { type: 'quit' }]);
    const typed = run(open(), key('docker pss'), key('', { leftArrow: true }), CTRL('d')).state;
    expect(view(typed).prompt.text).toBe('docker ps');
    expect(typed.quitting).toBe(false);
  });
});

describe('scrolling and resizing', () => {
  it('pages by the prose height and clamps at the end', () => {
    const s = open(readyState({ rows: 24 }));
    const paged = run(s, PGDN).state;
    expect(view(paged).scroll).toBeGreaterThan(3);
    const end = run(s, ...Array.from({ length: 50 }, () => PGDN)).state;
    const max = view(end).scroll;
    expect(view(run(end, PGDN).state).scroll).toBe(max);
  });

  it('keeps the scroll inside the text after a resize', () => {
    const s = run(open(readyState({ cols: 60 })), ...Array.from({ length: 50 }, () => PGDN)).state;
    const wide = run(s, { type: 'resized', cols: 200, rows: 60 }).state;
    expect(view(wide).scroll).toBeLessThan(view(s).scroll);
  });
});

describe('scrolling the lower pane with Shift-Up and Shift-Down', () => {
  const out = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ kind: 'stdout' as const, text: `line ${from + i}` }));
  const withOutput = () => run(open(), key('docker logs web\r'), { type: 'commandOutput', lines: out(100), dropped: 0 }).state;
  const lineText = (l: UiLine) => l.map((x) => x.text).join('');
  const shown = (s: ReturnType<typeof open>) => paneWindow(s, view(s), s.lessons[0], s.size.cols - 2, lessonLayout(s).paneHeight);

  it('follows the newest lines until scrolled back; Shift-Up goes back half a pane, Shift-Down comes forward and follows again at the end', () => {
    const s = withOutput();
    const h = lessonLayout(s).paneHeight;
    const half = Math.floor(h / 2);
    expect(shown(s)).toMatchObject({ start: shown(s).last });
    const back = run(s, PANE_BACK, PANE_BACK).state;
    expect(view(back).paneScroll).toEqual({ pane: 'output', stepIndex: 0, start: shown(s).last - 2 * half });
    expect(lineText(shown(back).lines[0])).toBe(lineText(shown(s).lines[0]).replace(/\d+$/, (n) => String(Number(n) - 2 * half)));
    // New output does not move what the learner is reading...
    const more = run(back, { type: 'commandOutput', lines: out(5, 100), dropped: 0 }).state;
    expect(shown(more).start).toBe(shown(back).start);
    // ...and Shift-Down at the end follows the newest lines again.
    const end = run(more, PANE_FORWARD, PANE_FORWARD, PANE_FORWARD, PANE_FORWARD).state;
    expect(view(end).paneScroll).toBeNull();
    expect(lineText(shown(end).lines.at(-1)!)).toBe('line 104');
  });

  it('stops at the first line, and another pane or step starts at its natural place', () => {
    const s = run(withOutput(), ...Array.from({ length: 40 }, () => PANE_BACK)).state;
    expect(view(s).paneScroll?.start).toBe(0);
    expect(lineText(shown(s).lines[1])).toBe('line 0');
    const log = run(s, TAB, TAB, TAB).state;
    expect(shown(log).start).toBe(shown(log).natural);
    const next = run(s, CTRL('n')).state;
    expect(shown(next).start).toBe(shown(next).natural);
  });

  it('a command typed after scrolling the log back shows its output at the newest lines', () => {
    const calls = Array.from({ length: 40 }, (_, i) => ({ kind: 'call' as const, by: 'learner' as const, method: 'GET', path: `/v1.41/containers/json?n=${i}`, status: 200, ms: 1 }));
    const done = { type: 'commandDone' as const, exitCode: 0, cancelled: false, timedOut: false, ms: 5 };
    const s = run(withOutput(), done, { type: 'logged', entries: calls }, TAB, TAB, TAB, ...Array.from({ length: 40 }, () => PANE_BACK)).state;
    expect(view(s).paneScroll).toMatchObject({ pane: 'log', start: 0 });
    const r = run(s, key('d'), key('ocker ps\r'), { type: 'commandOutput', lines: out(30, 500), dropped: 0 });
    expect(view(r.state).pane).toBe('output');
    expect(lineText(shown(r.state).lines.at(-1)!)).toBe('line 529');
  });

  it('a new command brings the output pane back to its newest lines when it was scrolled back', () => {
    const done = { type: 'commandDone' as const, exitCode: 0, cancelled: false, timedOut: false, ms: 5 };
    const s = run(withOutput(), done, ...Array.from({ length: 40 }, () => PANE_BACK)).state;
    expect(view(s).paneScroll).toMatchObject({ pane: 'output', start: 0 });
    const r = run(s, key('docker ps\r'), { type: 'commandOutput', lines: out(3, 700), dropped: 0 }).state;
    expect(view(r).paneScroll).toBeNull();
    expect(shown(r).start).toBe(shown(r).last);
    expect(lineText(shown(r).lines.at(-1)!)).toBe('line 702');
  });

  it('keeps the same lines in view while the bounded output drops its oldest', () => {
    const s = run(withOutput(), { type: 'commandOutput', lines: out(MAX_OUTPUT_LINES - 110, 1000), dropped: 0 }, PANE_BACK).state;
    const before = lineText(shown(s).lines[0]);
    const after = run(s, { type: 'commandOutput', lines: out(50, 5000), dropped: 0 }).state;
    expect(lineText(shown(after).lines[0])).toBe(before);
  });
});

describe('a failed command whose output does not fit keeps its error line in view', () => {
  const lineText = (l: UiLine) => l.map((x) => x.text).join('');
  const shown = (s: ReturnType<typeof open>) => paneWindow(s, view(s), s.lessons[0], s.size.cols - 2, lessonLayout(s).paneHeight).lines.map(lineText);
  const stderr = (...texts: string[]) => ({ type: 'commandOutput' as const, lines: texts.map((text) => ({ kind: 'stderr' as const, text })), dropped: 0 });
  const exit = (exitCode: number) => ({ type: 'commandDone' as const, exitCode, cancelled: false, timedOut: false, ms: 40 });
  // What docker 24 prints for a mistyped flag.
  const usage = stderr('unknown flag: --nmae', '', 'Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]', '', "Run 'docker run --help' for more information");
  const at80 = () => open(readyState({ cols: 80, rows: 24 }));

  it('pins `unknown flag` above the newest lines at 80x24, the exit line still shown', () => {
    const s = run(at80(), key('docker run -d --nmae web -p 22080:80 ctr-learn/web:1\r'), usage, exit(125)).state;
    const rows = shown(s);
    expect(lessonLayout(s).paneHeight).toBeLessThan(8);
    expect(rows[0]).toBe('unknown flag: --nmae');
    expect(rows.at(-1)).toMatch(/^exit 125/);
    expect(rows).toContain("Run 'docker run --help' for more information");
  });

  it('picks the line that says what went wrong over a progress line before it', () => {
    const s = run(at80(), key('docker run nosuch\r'), stderr("Unable to find image 'nosuch:latest' locally", 'docker: Error response from daemon: pull access denied for nosuch.', '', "See 'docker run --help'.", '', ''), exit(125)).state;
    expect(shown(s)[0]).toBe('docker: Error response from daemon: pull access denied for nosuch.');
  });

  it('pins nothing when the command succeeded, when the error is in view, or once the learner scrolls', () => {
    const ok = run(at80(), key('docker run x\r'), usage, exit(0)).state;
    expect(shown(ok)[0]).not.toBe('unknown flag: --nmae');
    const short = run(at80(), key('docker run x\r'), stderr('docker: invalid reference format.'), exit(125)).state;
    expect(shown(short).filter((r) => r.startsWith('docker: invalid'))).toHaveLength(1);
    const failed = run(at80(), key('docker run -d --nmae web ctr-learn/web:1\r'), usage, exit(125)).state;
    const back = run(failed, PANE_BACK).state;
    expect(shown(back).filter((r) => r === 'unknown flag: --nmae').length).toBeLessThanOrEqual(1);
    expect(shown(run(back, PANE_FORWARD).state)[0]).toBe('unknown flag: --nmae');
  });
});

it('a lesson with pictures (here: networks) offers the pictures pane and reads them fresh when shown', () => {
  const s = readyState({ lessons: [fakeLesson('net', { networks: ['appnet'] })] });
  const r = run(s, ENTER, TAB, TAB, TAB, TAB);
  expect(r.effects.filter((e) => e.type === 'loadPictures')).toHaveLength(2);
  expect(view(r.state).pane).toBe('picture');
  expect(view(run(r.state, { type: 'picturesLoaded', lessonId: 'net', pictures: { networks: [], images: null, health: null } }).state).pictures).toEqual({ networks: [], images: null, health: null });
  // Pictures of another lesson (a late answer) are dropped; a lesson without pictures has no such pane.
  expect(view(run(r.state, { type: 'picturesLoaded', lessonId: 'other', pictures: { networks: [], images: null, health: null } }).state).pictures).toBeNull();
  expect(view(run(open(), TAB, TAB, TAB, TAB).state).pane).toBe('output');
});

describe('Continue names the step it opens, never a finished lesson', () => {
  const passed = { passedAt: 'y', attempts: 1, hintsUsed: 0, solutionRevealed: false };
  const started = (lessons: ProgressData['lessons'], lastLesson?: string): ProgressData => ({ version: 1, lessons, ...(lastLesson ? { lastLesson } : {}) });

  it('skips the last lesson when it is finished: the first lesson not finished continues', () => {
    const progress = started({ demo: { startedAt: 'x', steps: { run: passed, stop: passed } } }, 'demo');
    const s = makeState({ progress });
    expect(continueLessonId(s)).toBe('second');
    expect(view(run(s, key('c')).state)).toMatchObject({ lessonId: 'second', stepIndex: 0 });
  });

  it('has nothing to continue when every lesson is finished', () => {
    const all = { startedAt: 'x', steps: { run: passed, stop: passed } };
    const s = makeState({ progress: started({ demo: all, second: all }, 'second') });
    expect(continueLessonId(s)).toBeNull();
    expect(run(s, key('c')).state.screen.name).toBe('home');
  });

  it('names and opens the step the learner left in this run, not the first one not passed', async () => {
    const progress = started({ demo: { startedAt: 'x', steps: {} } }, 'demo');
    const { state } = run(makeState({ progress }), ENTER, CTRL('n'), ESC);
    expect(state.screen.name).toBe('home');
    const demo = state.lessons.find((l) => l.id === 'demo')!;
    expect(openingStep(state, demo)).toBe(1);
    const app = renderApp(state);
    expect(await app.waitFor('Continue:')).toContain('step 2/2');
    app.unmount();
    expect(view(run(state, key('c')).state)).toMatchObject({ lessonId: 'demo', stepIndex: 1 });
  });
});

describe('coming home from a finished lesson: the line above the list and Enter open the same lesson', () => {
  const passed = { passedAt: 'y', attempts: 1, hintsUsed: 0, solutionRevealed: false };
  const three = () => [fakeLesson('demo'), fakeLesson('second'), fakeLesson('third')];

  it('moves the cursor to the suggested lesson; Enter opens it at its first step', async () => {
    const progress: ProgressData = { version: 1, lastLesson: 'demo', lessons: { demo: { startedAt: 'x', steps: { run: passed, stop: passed } } } };
    // Open the finished lesson (it opens at its first step), look at its last step, Esc home.
    const { state } = run(readyState({ progress, lessons: three() }), ENTER, CTRL('n'), ESC);
    expect(state.screen).toEqual({ name: 'home', cursor: 1 });
    const app = renderApp(state);
    const f = await app.waitFor('Start with:');
    app.unmount();
    expect(f).toContain('Start with: Demo lesson second (press Enter)');
    expect(f).toMatch(/^> . second +Demo lesson second/m);
    expect(view(run(state, ENTER).state)).toMatchObject({ lessonId: 'second', stepIndex: 0 });
  });

  it('keeps the cursor on a lesson left unfinished (Continue names it and c opens it)', () => {
    const progress: ProgressData = { version: 1, lessons: { demo: { startedAt: 'x', steps: { run: passed } } } };
    const { state } = run(readyState({ progress, lessons: three() }), key('j'), key('j'), ENTER, ESC);
    expect(state.screen).toEqual({ name: 'home', cursor: 2 });
    expect(continueLessonId(state)).toBe('third');
  });

  it('names c, not Enter, when the cursor is on another lesson than the one suggested', async () => {
    const progress: ProgressData = { version: 1, lastLesson: 'demo', lessons: { demo: { startedAt: 'x', steps: { run: passed, stop: passed } } } };
    const s = readyState({ progress, lessons: three() });
    expect(s.screen).toEqual({ name: 'home', cursor: 0 });
    const app = renderApp(s);
    const f = await app.waitFor('Start with:');
    app.unmount();
    expect(f).toContain('Start with: Demo lesson second (press c)');
    expect(view(run(s, key('c')).state).lessonId).toBe('second');
  });
});
