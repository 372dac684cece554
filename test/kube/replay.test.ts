import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/types';
import { engineForTests, uniq } from '../helpers/engine';
import { checkStep } from '../../src/checks/evaluate';
import { gradeOne, stepOf, useLab, type CheckSpec } from '../checks/helpers';

/**
 * Tier 2 of the Kubernetes lessons on a real engine: a manifest's pod replayed on docker through
 * the sandbox (src/kube/replay), graded by what happened. Each case copies a fixture into the
 * workspace and replays it under a name of its own.
 */
const api = await engineForTests();
const fixture = (f: string) => join(import.meta.dirname, 'replay-fixtures', f);

describe.skipIf(!api)('pod replay on docker', () => {
  const lab = useLab(api!, 'kube-replay-test');
  const replay = async (file: string, check: Omit<Extract<CheckSpec, { kind: 'pod-replay' }>, 'kind' | 'file'>): Promise<CheckResult> => {
    copyFileSync(fixture(file), join(lab.ws, file));
    const r = await gradeOne({ kind: 'pod-replay', file, name: uniq('rp'), ...check }, lab.ctx);
    console.log(`${file}: ${r.status} in ${(r.ms / 1000).toFixed(1)} s\n${r.actual}`);
    return r;
  };
  const leftovers = async () => (await lab.sandbox.list('session')).containers.map((c) => c.Names[0]);

  it('a preStop that lets the app save before SIGTERM: the file is written, no SIGKILL', async () => {
    const r = await replay('saves.yaml', { object: 'Pod/cache', scenario: 'delete', preStopBeforeTerm: true, killedBySigkill: false, exitCode: 0, fileWritten: { path: '/data/saved', contains: 'saved' } });
    expect(r.status, r.actual).toBe('pass');
    expect(r.actual).toMatch(/preStop ran \(2\d{3} ms\)/);
    expect(r.actual).toMatch(/SIGTERM/);
    expect(r.actual).not.toMatch(/SIGKILL \(/);
    expect(r.actual).toMatch(/container contract replayed on docker/);
    expect(await leftovers()).toEqual([]);
  }, 40_000);

  it('a preStop longer than the grace period leaves the app too little: SIGKILL, exit 137, nothing saved', async () => {
    const r = await replay('prestop-too-long.yaml', { object: 'Pod/cache', scenario: 'delete', killedBySigkill: false, fileWritten: { path: '/data/saved' } });
    expect(r.status, r.actual).toBe('fail');
    expect(r.actual).toMatch(/SIGKILL at \d+ ms/);
    expect(r.actual).toMatch(/no \/data\/saved/);
    expect(r.actual).toMatch(/exited with code 137/);
    expect(await leftovers()).toEqual([]);
  }, 40_000);

  it('a liveness probe that keeps failing restarts the container', async () => {
    const r = await replay('liveness.yaml', { object: 'Pod/hung', scenario: 'liveness', restartsAtLeast: 1 });
    expect(r.status, r.actual).toBe('pass');
    expect(r.actual).toMatch(/liveness probe failed 2 times in a row/);
    expect(r.actual).toMatch(/restarted \(restart count 1\)/);
    expect(await leftovers()).toEqual([]);
  }, 40_000);

  it('a readiness probe holds the pod back until the app is ready (httpGet from inside the pod)', async () => {
    const r = await replay('readiness.yaml', { object: 'Pod/web', scenario: 'start', notReadyBeforeMs: 2500, readyWithinMs: 8000 });
    expect(r.status, r.actual).toBe('pass');
    expect(r.actual).toMatch(/readiness probe failed \(HTTP 404\) ×\d/);
    expect(r.actual).toMatch(/postStart ran/);
  }, 40_000);

  it('the same pod with no readiness probe is Ready at once: the near-miss fails', async () => {
    copyFileSync(fixture('readiness.yaml'), join(lab.ws, 'noprobe.yaml'));
    const { readFileSync, writeFileSync } = await import('node:fs');
    const text = readFileSync(join(lab.ws, 'noprobe.yaml'), 'utf8').replace(/      readinessProbe:\n(        .*\n)+?        periodSeconds: 1\n/, '');
    writeFileSync(join(lab.ws, 'noprobe.yaml'), text);
    const r = await gradeOne({ kind: 'pod-replay', file: 'noprobe.yaml', name: uniq('rp'), object: 'Pod/web', scenario: 'start', notReadyBeforeMs: 2500 }, lab.ctx);
    expect(r.status, r.actual).toBe('fail');
    expect(r.actual).toMatch(/Ready at \d+ ms/);
  }, 40_000);

  it('imagePullPolicy Never with no local image fails at once, in Korean too', async () => {
    const r = await replay('never.yaml', { object: 'Pod/pinned', scenario: 'start', pull: 'ErrImageNeverPull' });
    expect(r.status, r.actual).toBe('pass');
    expect(r.ms).toBeLessThan(3000);
    copyFileSync(fixture('never.yaml'), join(lab.ws, 'never.yaml'));
    const ko = (await checkStep(stepOf({ kind: 'pod-replay', file: 'never.yaml', name: uniq('rp'), object: 'Pod/pinned', scenario: 'start', pull: 'none' }), lab.ctx, 'ko')).checks[0];
    expect(ko.status).toBe('fail');
    expect(ko.actual).toMatch(/ErrImageNeverPull/);
    expect(ko.actual).toMatch(/컨테이너 계약/);
  }, 40_000);
});
