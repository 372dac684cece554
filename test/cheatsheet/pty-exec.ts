import { spawn } from '@lydell/node-pty';
import type { ExampleExec } from '../../src/cheatsheet/run-example';

/**
 * Runs a command in a pseudo-terminal, for examples that need one (`-it`, `docker login`'s
 * prompts). Input is typed once the program first writes (its prompt), so that a program that
 * switches the terminal mode on start does not see it too early.
 */
export const ptyExec: ExampleExec = (req) =>
  new Promise((resolve) => {
    const env: Record<string, string> = {};
    // A variable set to undefined in req.env is removed, as runProcess does.
    for (const [k, v] of Object.entries({ ...process.env, ...req.env })) if (v !== undefined) env[k] = v;
    const p = spawn(req.argv[0], req.argv.slice(1), { cwd: req.cwd, env, cols: 120, rows: 30, name: 'xterm' });
    let output = '';
    let typed = false;
    let timedOut = false;
    let stopped = false;
    const type = () => {
      if (typed || req.input === undefined) return;
      typed = true;
      p.write(req.input);
    };
    p.onData((d) => {
      output += d;
      type();
    });
    const typeAnyway = setTimeout(type, 1000);
    const stopTimer = req.stopAfterMs === undefined ? undefined : setTimeout(() => ((stopped = true), p.kill('SIGTERM')), req.stopAfterMs);
    const timer = setTimeout(() => ((timedOut = true), p.kill('SIGKILL')), req.timeoutMs);
    p.onExit(({ exitCode }) => {
      for (const t of [typeAnyway, stopTimer, timer]) clearTimeout(t);
      resolve({ exitCode: stopped || timedOut ? null : exitCode, output: output.replace(/\r/g, ''), timedOut, stopped });
    });
  });
