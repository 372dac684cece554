import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckContext } from '../../src/checks/types';
import { describe, expect, it } from 'vitest';
import { checkStep } from '../../src/checks/evaluate';
import { probeFailureOf } from '../../src/kube/replay';
import { engineForTests, uniq } from '../helpers/engine';
import { stepOf, useLab, type CheckSpec } from '../checks/helpers';

/** What busybox's wget and nc print when a probe fails, and what the kubelet would have said. */
describe('a network probe failure, as a kubelet reports it', () => {
  it.each([
    ['wget: server returned error: HTTP/1.1 404 Not Found', { kind: 'status', status: 404 }],
    ['wget: server returned error: HTTP/1.0 500 Oops', { kind: 'status', status: 500 }],
    ["wget: can't connect to remote host (127.0.0.1): Connection refused", { kind: 'refused', port: 8080 }],
    ["nc: can't connect to remote host (127.0.0.1): Connection refused", { kind: 'refused', port: 8080 }],
    ['wget: download timed out', { kind: 'timeout' }],
    ['wget: bad address', { kind: 'other', text: 'bad address' }],
  ])('%s', (stderr, want) => expect(probeFailureOf(8080, stderr)).toEqual(want));
  it('nothing on stderr: no reason (the exit code stays)', () => {
    expect(probeFailureOf(80, '')).toBeNull();
    expect(probeFailureOf(80, null)).toBeNull();
  });
});

/**
 * With no container named, the expected text has no subject: it once filled "{container} 가" with
 * nothing and read "파드 시작: 가 12000밀리초 안에 준비 완료". Said before any engine is asked
 * (the file is not there), so no engine is needed.
 */
describe('what a pod replay expects, said without a container name', () => {
  const ctx = { lab: {} as CheckContext['lab'], workspace: mkdtempSync(join(tmpdir(), 'ctr-replay-words-')) } satisfies CheckContext;
  const expected = async (check: Partial<Extract<CheckSpec, { kind: 'pod-replay' }>>, lang: 'en' | 'ko') =>
    (await checkStep(stepOf({ kind: 'pod-replay', file: 'nothing.yaml', object: 'Pod/shop', scenario: 'start', ...check }), ctx, lang)).checks[0].expected;
  it('Ready within, in both languages', async () => {
    expect(await expected({ readyWithinMs: 12000 }, 'en')).toBe('pod started: Ready within 12000 ms');
    expect(await expected({ readyWithinMs: 12000 }, 'ko')).toBe('파드 시작: 12000밀리초 안에 준비 완료');
  });
  it('the environment it gets, in both languages', async () => {
    expect(await expected({ env: { QUEUE: 'orders' } }, 'en')).toBe('pod started: the container gets QUEUE=orders');
    expect(await expected({ env: { QUEUE: 'orders' } }, 'ko')).toBe('파드 시작: 컨테이너가 QUEUE=orders 환경 변수를 받음');
  });
  it('a named container is still the subject', async () => {
    expect(await expected({ readyWithinMs: 5000, container: 'web' }, 'en')).toBe('pod started: web Ready within 5000 ms');
  });
});

const api = await engineForTests();
const fixture = (f: string) => join(import.meta.dirname, 'replay-fixtures', f);

/**
 * The walk's report: a readiness probe on 8080 while the app listens on 80. The expected text
 * had a Korean particle with no noun ("파드 시작: 가 12000밀리초…"), and the timeline said
 * "exit 1" (wget's) where a kubelet says "connection refused".
 */
describe.skipIf(!api)('a replayed probe on a port nothing listens on', () => {
  const lab = useLab(api!, 'kube-probe-failure-test');
  const check = (): CheckSpec => ({ kind: 'pod-replay', file: 'probe.yaml', name: uniq('rp'), object: 'Pod/shop', scenario: 'start', notReadyBeforeMs: 2500, readyWithinMs: 3500, windowMs: 4000 });

  it('says "connection refused on :8080" in the timeline, and the expected text reads right, in English and Korean', async () => {
    copyFileSync(fixture('readiness-wrong-port.yaml'), join(lab.ws, 'probe.yaml'));
    const en = (await checkStep(stepOf(check()), lab.ctx, 'en')).checks[0];
    console.log(`${en.expected}\n${en.actual}`);
    expect(en.status).toBe('fail');
    expect(en.expected).toMatch(/^pod started: Ready within 3500 ms; not Ready before 2500 ms/);
    expect(en.actual).toMatch(/never Ready/);
    expect(en.actual).toMatch(/readiness probe failed \(connection refused on :8080\)/);
    expect(en.actual).toMatch(/liveness probe failed \(connection refused on :8080\)/);
    expect(en.actual).not.toMatch(/exit 1/);

    const ko = (await checkStep(stepOf(check()), lab.ctx, 'ko')).checks[0];
    console.log(`${ko.expected}\n${ko.actual}`);
    expect(ko.status).toBe('fail');
    expect(ko.expected).toMatch(/^파드 시작: 3500밀리초 안에 준비 완료; /);
    expect(ko.expected).not.toMatch(/: 가 /);
    expect(ko.actual).toMatch(/readiness 프로브 실패 \(:8080 연결 거부\)/);
    expect(ko.actual).not.toMatch(/종료 코드 1/);
  }, 40_000);
});
