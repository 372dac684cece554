import { describe, expect, it } from 'vitest';
import { countAttempts } from './attempt';
import { bodyAttempts } from './table-bodies';
import { createOptionAttempts } from './table-create';
import { buildAttempts, imageAttempts } from './table-images';
import { pathAttempts } from './table-paths';
import { connectionAttempts, readAttempts } from './table-reads';

const count = countAttempts([createOptionAttempts, bodyAttempts, pathAttempts, readAttempts, connectionAttempts, imageAttempts, buildAttempts]);
const perClass = Object.entries(count.byClass).map(([c, n]) => `${c} ${n.attempts} (cli ${n.cli}, api ${n.api})`).join('; ');

describe('the adversarial suite (issue 9)', () => {
  it(`holds ${count.total} distinct escape attempts: ${perClass}`, () => {
    console.log(`sandbox attack suite: ${count.total} distinct attempts; ${perClass}`);
    expect(count.total).toBeGreaterThanOrEqual(60);
    expect(new Set(count.ids).size, 'attempt ids are unique').toBe(count.total);
    expect(Object.keys(count.byClass).sort()).toEqual(['builds', 'connection tricks', 'create options', 'paths', 'reads that write or leak', 'request bodies', 'tags and images']);
  });
});
