import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineForTests } from '../helpers/engine';

const api = await engineForTests();
const bin = resolve(__dirname, '../../bin/ctr-learn.js');

describe.runIf(api)('ctr-learn reset', () => {
  afterAll(() => api?.close());
  const home = mkdtempSync(join(tmpdir(), 'ctr-reset-'));
  const reset = (...args: string[]) => spawnSync(process.execPath, [bin, 'reset', ...args], { env: { ...process.env, CTR_LEARN_HOME: home }, encoding: 'utf8', timeout: 30_000 });

  it('takes several lessons (the quit message names every lesson a kept lab holds)', () => {
    const r = reset('first-container', 'run-options');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Nothing to remove for first-container.');
    expect(r.stdout).toContain('Nothing to remove for run-options.');
    const json = JSON.parse(reset('first-container', 'run-options', '--json').stdout);
    expect(json.map((x: { lesson: string }) => x.lesson)).toEqual(['first-container', 'run-options']);
    // One lesson: one object, as before.
    expect(JSON.parse(reset('run-options', '--json').stdout)).toMatchObject({ lesson: 'run-options', removed: { containers: [] } });
    const bad = reset('first-container', 'no-such-lesson');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/no-such-lesson/);
  });
});
