import { afterEach, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { buildCheatIndex } from '../../../src/cheatsheet/search';
import type { CheatEntry } from '../../../src/cheatsheet/types';
import { fillLine } from '../../../src/ui/cheat/fill';
import type { CheatFillOverlay } from '../../../src/ui/state/state';
import { CTRL, ENTER, ESC, key, readyState, renderApp, run, view } from '../helpers';

afterEach(() => cleanup());

const entry = (id: string, command: string, en: string): CheatEntry => ({
  id, section: 'lifecycle', command, description: { en, ko: `${en} (ko)` }, tags: [], lessons: [], personal: false,
});
const index = buildCheatIndex({
  sections: [{ id: 'lifecycle', title: { en: 'Lifecycle', ko: '생명주기' }, order: 1 }],
  entries: [
    entry('stop', 'docker stop <container:container>', 'Stop a container gracefully'),
    entry('stop-t', 'docker stop -t <seconds:seconds> <container:container>', 'Stop with a grace period'),
    entry('ps', 'docker ps -a', 'List all containers'),
  ],
  lessonTitles: {},
});

const names = { container: ['web', 'db'], image: ['busybox:1.36'], network: [], volume: [] };
const TAB = key('', { tab: true });
const DOWN = key('', { downArrow: true });
/** A lesson open, the sheet loaded, "stop -t" chosen: the fill-in overlay. */
const filling = (s = run(readyState(), ENTER).state) => run(s, CTRL('f'), { type: 'cheatLoaded', index }, key('stop'), DOWN, ENTER);

it('opens with Ctrl-F in a lesson, loads the sheet once, filters as you type, and Enter on a hit fills its blanks in', () => {
  let r = run(run(readyState(), ENTER).state, CTRL('f'));
  expect(r.effects).toEqual([{ type: 'loadCheats' }]);
  r = filling();
  expect(r.state.overlay).toMatchObject({ kind: 'cheatFill', entryId: 'stop-t', field: 0 });
  expect(r.effects).toContainEqual({ type: 'loadCheatNames' });
  // A second time the index is already there.
  expect(run(run(r.state, ESC, ESC).state, CTRL('f')).effects).toEqual([]);
});

it('fills a blank with the first real name of its type; typing, Up/Down and Tab change the blanks; Enter puts the line at the prompt', () => {
  let s = run(filling().state, { type: 'cheatNames', names }).state;
  expect(fillLine(s.overlay as CheatFillOverlay)).toBe('docker stop -t <seconds> web');
  s = run(s, key('5'), TAB, DOWN).state;
  expect(fillLine(s.overlay as CheatFillOverlay)).toBe('docker stop -t 5 db');
  const r = run(s, ENTER);
  expect(r.state.overlay).toBeNull();
  expect(view(r.state)).toMatchObject({ prompt: { text: 'docker stop -t 5 db' } });
});

it('names that arrive after the learner changed a blank leave it alone', () => {
  const s = run(filling().state, TAB, key('mine'), { type: 'cheatNames', names }).state;
  expect(fillLine(s.overlay as CheatFillOverlay)).toBe('docker stop -t <seconds> mine');
});

it('Ctrl-R runs it in the sandbox after asking (n goes back), and what was typed at the prompt stays', () => {
  const typed = run(run(readyState(), ENTER).state, key('d'), key('ocker ps')).state;
  let s = run(filling(typed).state, { type: 'cheatNames', names }, CTRL('r')).state;
  expect(s.notice?.text).toBe('Fill in <seconds> first.');
  s = run(s, key('2'), CTRL('r')).state;
  expect(s.overlay).toMatchObject({ kind: 'cheatRun', line: 'docker stop -t 2 web' });
  s = run(s, key('n')).state;
  expect(s.overlay?.kind).toBe('cheatFill');
  const r = run(s, CTRL('r'), key('y'));
  expect(r.state.overlay).toBeNull();
  expect(r.effects).toContainEqual({ type: 'runCommand', lessonId: 'demo', line: 'docker stop -t 2 web' });
  expect(view(r.state).prompt.text).toBe('docker ps');
});

it('Ctrl-Y copies the filled line (OSC 52 effect) and says so; on the home screen Enter copies', () => {
  const r = run(filling().state, { type: 'cheatNames', names }, key('9'), CTRL('y'));
  expect(r.effects).toContainEqual({ type: 'copy', text: 'docker stop -t 9 web' });
  expect(r.state.notice?.text).toMatch(/^Copied .*: docker stop -t 9 web$/);
  const home = run(readyState(), key('/'), { type: 'cheatLoaded', index }, key('docker stop'), ENTER, { type: 'cheatNames', names }, ENTER);
  expect(home.effects).toContainEqual({ type: 'copy', text: 'docker stop web' });
  expect(home.state.screen.name).toBe('home');
});

it('draws the line with its blanks, the hint for the blank and the names to choose from', async () => {
  const s = run(filling().state, { type: 'cheatNames', names }, TAB).state;
  const f = await renderApp(s).waitFor('names on your engine');
  expect(f).toContain('docker stop -t <seconds> web');
  expect(f).toContain('<container>: a container name or ID. Type to change it.');
  expect(f).toMatch(/> web\n\s+db/);
  expect(f).toContain('Ctrl-R run in the sandbox');
});

it('shows the hits with their descriptions', async () => {
  const s = run(run(readyState(), ENTER).state, CTRL('f'), { type: 'cheatLoaded', index }, key('ps')).state;
  const app = renderApp(s);
  const f = await app.waitFor('docker ps -a');
  expect(f).toContain('List all containers');
  expect(f).toContain('1 command(s)');
  expect(f).not.toContain('docker stop');
});

/** An entry whose example names a container `box` (not on the engine) and links the lesson demo. */
const withExample: CheatEntry = {
  ...entry('stop-box', 'docker stop <container:container>', 'Stop a container gracefully'),
  lessons: ['demo'],
  example: { files: {}, setup: ['docker run -d --name @@box busybox:1.36 sleep 300'], run: 'docker stop @@box', tty: false, cleanup: ['docker rm @@box'] },
};
const exampleIndex = buildCheatIndex({ sections: index.sheet.sections, entries: [withExample], lessonTitles: {} });
const fillingBox = (s = run(readyState(), ENTER).state) => run(s, CTRL('f'), { type: 'cheatLoaded', index: exampleIndex }, key('stop'), ENTER);

it('the example\'s value is listed as the example, apart from the names that exist on the engine', async () => {
  const s = run(fillingBox().state, { type: 'cheatNames', names }).state;
  const f = await renderApp(s).waitFor('names on your engine');
  const real = f.slice(f.indexOf('names on your engine'), f.indexOf('the example'));
  expect(real).toMatch(/> web\n\s+db/);
  expect(real).not.toContain('box');
  expect(f.slice(f.indexOf('the example'))).toMatch(/^the example \(Up\/Down\):\n\s+box/);
  // Up/Down still reach it, after the real names.
  const down = run(s, DOWN, DOWN).state;
  expect(fillLine(down.overlay as CheatFillOverlay)).toBe('docker stop box');
});

it('an example value that is a real name is listed once, among the names', async () => {
  const s = run(fillingBox().state, { type: 'cheatNames', names: { ...names, container: ['box', 'web'] } }).state;
  const f = await renderApp(s).waitFor('names on your engine');
  expect(f).not.toContain('the example');
  expect(f.match(/\bbox\b/g)?.length).toBe(2); // the line being filled, and the one choice
});

it('running an entry that fails does not mark it; the mark says it comes from a finished lesson', async () => {
  let s = run(fillingBox().state, { type: 'cheatNames', names }, CTRL('r'), key('y')).state;
  s = run(s, { type: 'commandDone', exitCode: 1, cancelled: false, timedOut: false, ms: 50 }, CTRL('f'), key('stop')).state;
  expect(await renderApp(s).waitFor('docker stop <container>')).not.toContain('[');
  // The demo lesson done: its command is marked, and the mark says why.
  const done = { version: 1 as const, lessons: { demo: { startedAt: '2026-03-02T10:00:00Z', steps: { run: { passedAt: '2026-03-02T10:01:00Z', attempts: 1, hintsUsed: 0, solutionRevealed: false }, stop: { passedAt: '2026-03-02T10:02:00Z', attempts: 1, hintsUsed: 0, solutionRevealed: false } } } } };
  const marked = await renderApp({ ...s, progress: done }).waitFor('docker stop <container>');
  expect(marked).toContain('docker stop <container>  [in a lesson you finished]');
});
