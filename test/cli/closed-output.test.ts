import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A reader that stops early (`ctr-learn lessons | head -1`) closes the pipe under ctr-learn's
 * stdout: the command must end quietly with its own exit code, never with an unhandled EPIPE
 * stack trace. Real child processes of the built binary (npm run build), real pipes.
 */
const BIN = fileURLToPath(new URL('../../bin/ctr-learn.js', import.meta.url));
const env = () => ({ ...process.env, CTR_LEARN_HOME: mkdtempSync(join(tmpdir(), 'ctr-epipe-')), NO_COLOR: '1', LANG: 'C' });

/** Runs the binary with its stdout read by a reader that closes after `keep` bytes (0: before any). */
function runClosedEarly(args: string[], keep: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; got: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let got = '';
    let err = '';
    if (keep === 0) child.stdout.destroy();
    else
      child.stdout.on('data', (chunk: Buffer) => {
        got += chunk.toString();
        if (got.length >= keep) child.stdout.destroy();
      });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, err, got }));
  });
}

describe('a closed stdout ends a command quietly', () => {
  it.for([['lessons'], ['lessons', '--json'], ['cheat'], ['cheat', 'run'], ['--help'], ['week', '1'], ['scoreboard', '--help']])('%j with a reader gone before the first line', async (args) => {
    const r = await runClosedEarly(args, 0);
    expect(r.err).not.toMatch(/EPIPE|Unhandled|node:events/);
    expect(r.signal).toBe(null);
    expect(r.code).toBe(0);
  });

  it('`lessons | head -1` in a real shell pipeline: ctr-learn exits 0 and says nothing on stderr', () => {
    // head reads one line and exits; ctr-learn's next writes meet a closed pipe.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lessons | head -1; echo "status:\${PIPESTATUS[0]}" >&2`], { env: env(), encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|node:events/);
    expect(r.stderr).toContain('status:0');
  });
});
