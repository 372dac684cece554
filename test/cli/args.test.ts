import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args';
import { UserError } from '../../src/errors';

describe('parseCli', () => {
  it.for([
    [[], { command: undefined, positionals: [], flags: {} }],
    [['lessons', '--json'], { command: 'lessons', positionals: [], flags: { json: true } }],
    [['check', 'serve-a-page', '--step', '2', '--json'], { command: 'check', positionals: ['serve-a-page'], flags: { step: '2', json: true } }],
    [['verify', 'a', 'b', '--jobs=4'], { command: 'verify', positionals: ['a', 'b'], flags: { jobs: '4' } }],
    [['--lang', 'ko'], { command: undefined, positionals: [], flags: { lang: 'ko' } }],
    [['-v'], { command: undefined, positionals: [], flags: { version: true } }],
    [['reset', 'x', '-y'], { command: 'reset', positionals: ['x'], flags: { yes: true } }],
    [['lint', '--', '--odd-dir'], { command: 'lint', positionals: ['--odd-dir'], flags: {} }],
  ] as [string[], object][])('%j', ([argv, want]) => {
    expect(parseCli(argv)).toEqual(want);
  });

  it.for([
    [['--bogus'], "Unknown option '--bogus'"],
    [['check', '-x'], "Unknown option '-x'"],
    [['check', '--step'], "Option '--step <value>' argument missing"],
    [['--json=yes'], "Option '--json' does not take an argument"],
  ] as [string[], string][])('%j is a UserError pointing at --help', ([argv, message]) => {
    let err: unknown;
    try {
      parseCli(argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(message);
    expect((err as UserError).tryThis).toBe('ctr-learn --help');
  });
});
