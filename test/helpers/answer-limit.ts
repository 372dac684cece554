import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * How long an engine-down path may take on this machine, now: the 2 s probe timeout plus eight
 * times what `ctr-learn --version` takes in this same run (a loaded CI machine starts Node slowly,
 * and a fixed 5 s failed there although nothing hung), never less than 5 s. It proves that nothing
 * waits for an engine that will not answer; the speed itself is the bench's (scripts/bench.mjs).
 */
export function answerLimitMs(): number {
  const bin = resolve(__dirname, '../../bin/ctr-learn.js');
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [bin, '--version'], { stdio: 'ignore' });
    runs.push(performance.now() - t0);
  }
  const start = runs.sort((a, b) => a - b)[1];
  return Math.max(5000, 2000 + 8 * start);
}
