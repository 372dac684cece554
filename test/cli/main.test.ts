import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli, COMMANDS, help, main, VERSION } from '../../src/main';

/** What main wrote to stdout and stderr. */
let out: string;
let err: string;
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('main', () => {
  it.for([['--version'], ['-v'], ['--version', 'check', 'x']])('%j prints the version and returns 0', async (argv) => {
    expect(await main(argv)).toBe(0);
    expect(out).toBe(`${VERSION}\n`);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(err).toBe('');
  });

  it.for([['--help'], ['-h'], ['help']])('%j lists every command and returns 0', async (argv) => {
    expect(await main(argv)).toBe(0);
    expect(out.startsWith(`ctr-learn ${VERSION}: `)).toBe(true);
    for (const name of Object.keys(COMMANDS)) expect(out).toContain(`ctr-learn ${COMMANDS[name].usage}`);
  });

  it('the help never runs a usage into its text, and fits 80 columns', () => {
    const text = help(80);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    for (const c of Object.values(COMMANDS)) expect(text).toContain(`  ctr-learn ${c.usage}\n      `);
  });

  it('an unknown command returns 1 and says which, with the help', async () => {
    expect(await main(['frobnicate'])).toBe(1);
    expect(err).toMatch(/^Unknown command "frobnicate"\.\n\nctr-learn /);
    expect(err).toContain('Usage:');
    expect(out).toBe('');
  });

  it('an unknown flag is a UserError: cli() prints it with what to try and exits 1', async () => {
    await expect(main(['--bogus'])).rejects.toThrow("Unknown option '--bogus'");
    await cli(['--bogus']);
    expect(process.exitCode).toBe(1);
    expect(err).toMatch(/Unknown option '--bogus'[^]*\nTry: ctr-learn --help\n$/);
  });

  it('cli() sets exit code 0 for --version', async () => {
    await cli(['--version']);
    expect(process.exitCode).toBe(0);
    expect(out).toBe(`${VERSION}\n`);
  });
});
