import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const bin = resolve(__dirname, '../../bin/ctr-learn.js');

/**
 * The lessons' names are made from the member's name: renaming yourself mid-course leaves what you
 * made under the old names. `group name set` says so when you have a lab, and what to do.
 */
it('group name set warns that lab objects keep their old names, only when a lab exists', () => {
  const home = mkdtempSync(join(tmpdir(), 'ctr-rename-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, CTR_LEARN_HOME: home }, encoding: 'utf8', timeout: 20_000 });
  // No lab yet: just the name.
  const first = run('group', 'name', 'set', 'Rootac');
  expect(first.status).toBe(0);
  expect(first.stdout).not.toContain('Lessons now name');
  // A kept lab (its session record, as a quit leaves it).
  const sessions = join(home, 'state', 'sessions');
  mkdirSync(sessions, { recursive: true });
  writeFileSync(join(sessions, 'sfake.json'), JSON.stringify({ id: 'sfake', pid: 2 ** 22 - 3, host: hostname(), owner: 'x', startedAt: new Date().toISOString(), socketPath: null, imageRefs: {}, volumes: {}, preexistingImageIds: [], keptAt: new Date().toISOString() }));
  const renamed = run('group', 'name', 'set', 'Jimin');
  expect(renamed.status).toBe(0);
  expect(renamed.stdout).toMatch(/Lessons now name your containers, networks and volumes with -jimin \(it was -rootac\)/);
  expect(renamed.stdout).toContain('ctr-learn reset <lesson>');
  // The same name again renames nothing.
  expect(run('group', 'name', 'set', 'Jimin').stdout).not.toContain('Lessons now name');
});
