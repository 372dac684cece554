import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invocation, ownBin, pathWith, writeCtrLearnWrapper } from '../../src/commands/shell-path';
import { engineForTests } from '../helpers/engine';

/**
 * `ctr-learn shell` says "Check your work: ctr-learn check <lesson>": that command must work in
 * the shell it opens, also when the app was started as `node bin/ctr-learn.js` (no ctr-learn on
 * PATH). A wrapper in the state folder comes first on the shell's PATH.
 */
const BIN = ownBin();
/** What the built binary says to --version. */
const VERSION = (JSON.parse(readFileSync(join(BIN, '../../package.json'), 'utf8')) as { version: string }).version;
/** A PATH with the system's tools and no ctr-learn of any install. */
const BARE_PATH = '/usr/bin:/bin';

describe('the ctr-learn wrapper for the sandbox shell', () => {
  it('runs the same node and bin, passing the arguments through as they are', () => {
    const dir = writeCtrLearnWrapper(join(mkdtempSync(join(tmpdir(), 'ctr-wrap-')), 'bin'))!;
    expect(dir).not.toBeNull();
    expect(spawnSync('sh', ['-c', 'command -v ctr-learn'], { env: { PATH: BARE_PATH }, encoding: 'utf8' }).status).not.toBe(0);
    const r = spawnSync('sh', ['-c', 'ctr-learn --version'], { env: { PATH: pathWith(dir, BARE_PATH) }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${VERSION}\n`);
  });

  it('paths with spaces, quotes and $ are words, never shell code', () => {
    const root = mkdtempSync(join(tmpdir(), 'ctr-wrap-'));
    const odd = join(root, `it's a "$HOME" $(touch pwned) dir`);
    mkdirSync(odd);
    const fakeBin = join(odd, 'bin `x`.js');
    writeFileSync(fakeBin, 'console.log(JSON.stringify(process.argv.slice(1)));\n');
    const dir = writeCtrLearnWrapper(join(odd, 'bin'), process.execPath, fakeBin)!;
    const r = spawnSync(join(dir, 'ctr-learn'), ['check', 'a b', "c'd"], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([fakeBin, 'check', 'a b', "c'd"]);
    expect(existsSync(join(root, 'pwned'))).toBe(false);
    // The fallback invocation is quoted the same way.
    const direct = spawnSync('sh', ['-c', `${invocation(process.execPath, fakeBin)} x`], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(direct.stdout)).toEqual([fakeBin, 'x']);
  });

  it('an unwritable state folder gives null (the banner then prints the full command)', () => {
    const root = mkdtempSync(join(tmpdir(), 'ctr-wrap-'));
    writeFileSync(join(root, 'bin'), 'a file where the folder would go');
    expect(writeCtrLearnWrapper(join(root, 'bin'))).toBeNull();
  });
});

const api = await engineForTests();
describe.runIf(api)('ctr-learn shell started as node bin/ctr-learn.js', () => {
  afterAll(() => api?.close());

  it('the command its banner prints runs in the shell it opens', () => {
    const home = mkdtempSync(join(tmpdir(), 'ctr-shell-path-'));
    // The learner's "shell": says where ctr-learn is and runs the ctr-learn the banner names (--version: no engine work).
    const shell = join(home, 'learner-shell');
    writeFileSync(shell, '#!/bin/sh\ncommand -v ctr-learn\nctr-learn --version\n');
    chmodSync(shell, 0o755);
    const r = spawnSync(process.execPath, [BIN, 'shell', 'first-container'], {
      env: { ...process.env, PATH: (process.env.PATH ?? BARE_PATH).split(':').filter((d) => !existsSync(join(d, 'ctr-learn'))).join(':'), CTR_LEARN_HOME: home, SHELL: shell, NO_COLOR: '1', LANG: 'C' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Check your work: ctr-learn check first-container');
    expect(r.stdout).toContain(`${join(home, 'state', 'bin', 'ctr-learn')}\n${VERSION}\n`);
    expect(readFileSync(join(home, 'state', 'bin', 'ctr-learn'), 'utf8')).toContain(BIN.replaceAll("'", `'\\''`));
  });
});
