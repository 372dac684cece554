import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';

const BIN = resolve(__dirname, '../../bin/ctr-learn.js');

/**
 * The built binary in a real pseudo-terminal, read the way a person sees it: through a headless
 * xterm, and only between frames (never while the app is inside synchronized output).
 */
export interface PtyApp {
  pty: IPty;
  term: InstanceType<typeof xterm.Terminal>;
  home: string;
  /** The visible screen as text, one line per row (right-trimmed). */
  screen(): string;
  waitFor(expect: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Bytes as a keyboard sends them: '\r' Enter, '\x1b' Esc, '\x03' Ctrl-C. */
  press(data: string): void;
  resize(cols: number, rows: number): void;
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** Every byte the app wrote, for checks on escape sequences. */
  output(): string;
}

/** The child's environment: no CI variables (with them Ink draws only the last frame), its own CTR_LEARN_HOME. */
export function appEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) continue;
    env[k] = v;
  }
  env.TERM = 'xterm-256color';
  env.LANG = 'en_US.UTF-8';
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.NO_COLOR;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function startApp(args: string[] = [], opts: { cols?: number; rows?: number; env?: Record<string, string | undefined>; home?: string } = {}): PtyApp {
  const cols = opts.cols ?? 100;
  const rows = opts.rows ?? 30;
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'ctr-e2e-home-'));
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const pty = spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols, rows, cwd: process.cwd(), env: appEnv({ CTR_LEARN_HOME: home, ...opts.env }) });
  let all = '';
  let stable = '';
  const read = () => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  pty.onData((d) => {
    all += d;
    term.write(d, () => {
      if (!term.modes.synchronizedOutputMode) stable = read();
    });
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((res) => pty.onExit((e) => res(e)));
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    pty,
    term,
    home,
    screen: () => stable,
    async waitFor(expect, timeoutMs = 15_000) {
      const test = typeof expect === 'function' ? expect : (s: string) => (typeof expect === 'string' ? s.includes(expect) : expect.test(s));
      const start = Date.now();
      for (;;) {
        if (test(stable)) return stable;
        if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(expect)}. Screen:\n${stable}`);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    press: (data) => {
      if (!gone) pty.write(data);
    },
    resize: (c, r) => {
      term.resize(c, r);
      pty.resize(c, r);
    },
    exited,
    output: () => all,
  };
}
