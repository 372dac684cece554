import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProgress } from '../../src/progress/store';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'ctr-learn-concurrent-'));
const worker = join(work, 'worker.mjs');
const STEPS = ['a', 'b', 'c', 'd'];

/**
 * Each worker process records `n` checks into one progress folder: attempts on every step, and a
 * pass on "its own" step at the end (so every pass lands while the others are still writing).
 */
const WORKER_SOURCE = `
import { openProgress } from ${JSON.stringify(resolve('src/progress/store.ts'))};
const [dir, n, mine] = process.argv.slice(2);
const steps = ${JSON.stringify(STEPS)};
const { store } = openProgress(dir);
for (let i = 0; i < Number(n); i++) {
  const step = steps[i % steps.length];
  store.recordAttempt('lesson', step, step === steps[Number(mine)] && i >= Number(n) - steps.length, steps);
  if (i % 5 === 0) store.useHint('lesson', step, 1 + (i % 3));
}
`;

beforeAll(async () => {
  const entry = join(work, 'worker-src.ts');
  writeFileSync(entry, WORKER_SOURCE);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: worker, logLevel: 'silent',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
});

describe('progress written by several processes at once', () => {
  it('loses no check: 4 processes x 48 checks are 192 attempts, and every pass is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctr-learn-progress-'));
    const processes = 4;
    const n = 48;
    await Promise.all(Array.from({ length: processes }, (_, i) => run(process.execPath, [worker, dir, String(n), String(i)])));
    const { store } = openProgress(dir);
    const steps = store.lesson('lesson').steps;
    const attempts = STEPS.reduce((sum, id) => sum + (steps[id]?.attempts ?? 0), 0);
    expect(attempts).toBe(processes * n);
    for (const id of STEPS) {
      expect(steps[id].attempts).toBe((processes * n) / STEPS.length);
      expect(steps[id].passedAt, `step ${id} passed`).toBeDefined();
      expect(steps[id].hintsUsed).toBeGreaterThan(0);
    }
    expect(store.lesson('lesson').completedAt).toBeDefined();
    // No lock file is left behind.
    expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
  }, 60_000);

  it('a lock left by a process that died is taken over, not waited on forever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctr-learn-progress-'));
    // A pid that cannot be running: the largest pid Linux hands out is below 2^22.
    writeFileSync(join(dir, 'progress.json.lock'), '99999999 deadbeef');
    const started = Date.now();
    openProgress(dir).store.recordAttempt('lesson', 'a', true, ['a']);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(openProgress(dir).store.lesson('lesson').steps.a.passedAt).toBeDefined();
    expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
  });

  it('a lock nobody can be asked about is taken over once it is old', async () => {
    const { utimesSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'ctr-learn-progress-'));
    const lock = join(dir, 'progress.json.lock');
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    openProgress(dir).store.seeStep('lesson', 'a');
    expect(openProgress(dir).store.lesson('lesson').steps.a).toBeDefined();
  });
});
