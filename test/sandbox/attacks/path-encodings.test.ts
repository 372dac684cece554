import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/engine/api';
import { openLab, type CheapFingerprint, type Lab, type Outside } from '../../helpers/attack-lab';
import { engineForTests } from '../../helpers/engine';
import { rawHttp } from '../../helpers/raw-engine';

const api = await engineForTests();

/** Every mutating route whose effect on an outside object a cheap fingerprint sees. */
const ROUTES: { name: string; method: string; segments: (o: Outside) => string[]; query?: (o: Outside) => string; body?: (o: Outside) => unknown }[] = [
  { name: 'container pause', method: 'POST', segments: (o) => ['containers', o.running, 'pause'] },
  { name: 'container kill', method: 'POST', segments: (o) => ['containers', o.running, 'kill'] },
  { name: 'container stop', method: 'POST', segments: (o) => ['containers', o.runningId.slice(0, 12), 'stop'], query: () => 't=0' },
  { name: 'container restart', method: 'POST', segments: (o) => ['containers', o.running, 'restart'], query: () => 't=0' },
  { name: 'container rename', method: 'POST', segments: (o) => ['containers', o.running, 'rename'], query: (o) => `name=${o.prefix}-renamed` },
  { name: 'container start', method: 'POST', segments: (o) => ['containers', o.stopped, 'start'] },
  { name: 'container remove', method: 'DELETE', segments: (o) => ['containers', o.stopped], query: () => 'force=1' },
  { name: 'network disconnect', method: 'POST', segments: (o) => ['networks', o.network, 'disconnect'], body: (o) => ({ Container: o.runningId, Force: true }) },
  { name: 'volume remove', method: 'DELETE', segments: (o) => ['volumes', o.spareVolume], query: () => 'force=1' },
  { name: 'image untag', method: 'DELETE', segments: (o) => ['images', o.tag] },
  { name: 'image tag onto the outside tag', method: 'POST', segments: () => ['images', 'busybox:latest', 'tag'], query: (o) => `repo=${o.prefix}-unused&tag=outside` },
];

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');
const SPELLINGS = ['upper', 'lower', 'double'] as const;
const spell = (c: string, how: string) =>
  how === 'upper' ? `%${hex(c).toUpperCase()}` : how === 'lower' ? `%${hex(c)}` : how === 'double' ? `%25${hex(c).toUpperCase()}` : c;
const SEPARATORS = ['//', '/./', '%2F', '%2f', '%252F', '/zz/../', '/;x=1/'];
const SUFFIXES = [';', ';v=1'];
const TRAILING = ['/', '/.', '%2F', '?'];
const ODD_PREFIXES = ['', '/v1.40', '/v1.41/', '//v1.41', '/v1.41/.', '/v1.41%2F'];

/** One small change to the canonical path: a character encoded, a separator replaced, a ;param, a trailing bit. */
const mutation = fc.record({
  kind: fc.constantFrom('char', 'char', 'separator', 'suffix', 'trailing'),
  at: fc.nat(),
  pos: fc.nat(),
  pick: fc.nat(),
});

/**
 * A spelling of `/segments...` a few changes away from canonical (none to three): near-canonical
 * paths are the ones an engine acts on when a door lets them by, and each trick is tried alone
 * as well as combined.
 */
function encodedPath(segments: string[]) {
  return fc.record({ prefix: fc.oneof({ arbitrary: fc.constant('/v1.41'), weight: 3 }, { arbitrary: fc.constantFrom(...ODD_PREFIXES), weight: 1 }), changes: fc.array(mutation, { maxLength: 3 }) }).map(({ prefix, changes }) => {
    const chars = segments.map((s) => [...s]);
    const seps = segments.map(() => '/');
    const suffixes = segments.map(() => '');
    let trailing = '';
    for (const m of changes) {
      const seg = m.at % segments.length;
      if (m.kind === 'char') chars[seg][m.pos % chars[seg].length] = spell(segments[seg][m.pos % chars[seg].length], SPELLINGS[m.pick % SPELLINGS.length]);
      else if (m.kind === 'separator' && segments.length > 1) seps[1 + (m.at % (segments.length - 1))] = SEPARATORS[m.pick % SEPARATORS.length];
      else if (m.kind === 'suffix') suffixes[seg] = SUFFIXES[m.pick % SUFFIXES.length];
      else if (m.kind === 'trailing') trailing = TRAILING[m.pick % TRAILING.length];
    }
    return prefix + segments.map((_, i) => seps[i] + chars[i].join('') + suffixes[i]).join('') + trailing;
  });
}

describe.runIf(api)('sandbox attacks: generated encodings of every mutating route (property)', () => {
  let lab: Lab;
  let baseline: CheapFingerprint;
  beforeAll(async () => {
    lab = await openLab(api as EngineApi);
    baseline = await lab.cheapFingerprint();
  });
  afterAll(async () => {
    await lab?.close();
  });

  for (const route of ROUTES) {
    it(`${route.name}: no spelling of the path reaches the outside object`, async () => {
      const o = lab.o;
      await fc.assert(
        fc.asyncProperty(encodedPath(route.segments(o)), async (path) => {
          const full = route.query ? `${path}${path.endsWith('?') ? '' : '?'}${route.query(o)}` : path;
          const r = await rawHttp(lab.sandbox.socketPath, { method: route.method, path: full, body: route.body?.(o) }).catch((e: Error) => ({ status: 0, body: e.message }));
          const now = await lab.cheapFingerprint();
          if (!isDeepStrictEqual(now, baseline)) {
            const before = baseline;
            await lab.repair();
            baseline = await lab.cheapFingerprint();
            expect(now, `${route.method} ${full} → ${r.status} changed an outside object`).toEqual(before);
          }
          expect(r.status, `${route.method} ${full} → ${r.status} ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        }),
        // Stop at the first escape instead of shrinking: every shrink step is another real request.
        { numRuns: 60, endOnFailure: true, includeErrorInReport: true },
      );
    });
  }
});
