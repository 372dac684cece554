import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const outsideSandbox = filesUnder(SRC).filter((f) => !relative(SRC, f).startsWith('sandbox/'));

/** The sandbox is the one door: how it tells objects apart never leaves src/sandbox/. */
describe('the sandbox boundary', () => {
  it('no file outside src/sandbox/ knows the label scheme', () => {
    const offenders = outsideSandbox.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /sandbox\/(labels|lookups|learner-id)['"]/.test(text) || /ctr-learn\.(session|lesson|owner|pid|host|helper)\b/.test(text);
    });
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('src/engine/ imports nothing from src/sandbox/ (the engine client is below the sandbox)', () => {
    const engine = outsideSandbox.filter((f) => relative(SRC, f).startsWith('engine/'));
    expect(engine.length).toBeGreaterThan(0);
    expect(engine.filter((f) => /from '\.\.\/sandbox/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f))).toEqual([]);
  });
});
