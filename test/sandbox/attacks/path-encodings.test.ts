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
/** How one character is spelled: as it is, %XX, %xx, or encoded twice. */
const charSpelling = fc.constantFrom('plain', 'plain', 'upper', 'lower', 'double');
const spell = (c: string, how: string) =>
  how === 'upper' ? `%${hex(c).toUpperCase()}` : how === 'lower' ? `%${hex(c)}` : how === 'double' ? `%25${hex(c).toUpperCase()}` : c;
const separator = fc.constantFrom('/', '/', '//', '/./', '%2F', '%2f', '%252F', '/zz/../', '/;x=1/');
const suffix = fc.constantFrom('', '', ';', ';v=1');
const versionPrefix = fc.constantFrom('', '/v1.41', '/v1.40', '/v1.41/', '//v1.41', '/v1.41/.', '/v1.41%2F');
const trailing = fc.constantFrom('', '', '/', '/.', '%2F', '?');

/** A spelling of `/segments...`: any subset of characters encoded, odd separators, params, dots. */
function encodedPath(segments: string[]) {
  return fc.record({
    prefix: versionPrefix,
    spellings: fc.tuple(...segments.map((s) => fc.array(charSpelling, { minLength: s.length, maxLength: s.length }))),
    separators: fc.array(separator, { minLength: segments.length, maxLength: segments.length }),
    suffixes: fc.array(suffix, { minLength: segments.length, maxLength: segments.length }),
    trailing,
  }).map((g) => {
    let out = g.prefix;
    segments.forEach((s, i) => {
      out += (i === 0 ? '/' : g.separators[i]) + [...s].map((c, j) => spell(c, g.spellings[i][j])).join('') + g.suffixes[i];
    });
    return out + g.trailing;
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
        { numRuns: 60, endOnFailure: true },
      );
    });
  }
});
