import { afterEach, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { buildCheatIndex } from '../../src/cheatsheet/search';
import type { CheatEntry } from '../../src/cheatsheet/types';
import { ENTER, key, readyState, renderApp, run, view } from './helpers';

afterEach(() => cleanup());

const entry = (id: string, command: string, en: string): CheatEntry => ({
  id, section: 'lifecycle', command, description: { en, ko: `${en} (ko)` }, tags: [], lessons: [], personal: false,
});
const index = buildCheatIndex({
  sections: [{ id: 'lifecycle', title: { en: 'Lifecycle', ko: '생명주기' }, order: 1 }],
  entries: [
    entry('stop', 'docker stop <container:container>', 'Stop a container gracefully'),
    entry('stop-t', 'docker stop -t <seconds:int> <container:container>', 'Stop with a grace period'),
    entry('ps', 'docker ps -a', 'List all containers'),
  ],
  lessonTitles: {},
});

it('opens with /, loads the sheet once, filters as you type and puts the chosen command at the prompt', () => {
  let r = run(run(readyState(), ENTER).state, key('/'));
  expect(r.effects).toEqual([{ type: 'loadCheats' }]);
  r = run(r.state, { type: 'cheatLoaded', index }, key('stop'), key('', { downArrow: true }), ENTER);
  expect(r.state.overlay).toBeNull();
  expect(view(r.state)).toMatchObject({ focus: 'prompt', prompt: { text: 'docker stop -t <seconds> <container>' } });
  // A second time the index is already there.
  expect(run(r.state, key('', { escape: true }), key('/')).effects).toEqual([]);
});

it('shows the hits with their descriptions', async () => {
  const s = run(run(readyState(), ENTER).state, key('/'), { type: 'cheatLoaded', index }, key('ps')).state;
  const app = renderApp(s);
  const f = await app.waitFor('docker ps -a');
  expect(f).toContain('List all containers');
  expect(f).toContain('1 command(s)');
  expect(f).not.toContain('docker stop');
});
