import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { planPod } from '../../src/kube/replay/plan';
import { timelineLines } from '../../src/kube/replay/timeline';
import type { ReplayResult } from '../../src/kube/replay/run';
import type { KubeObject } from '../../src/kube/workspace';

/** What the kubelet would run, read from a manifest: no engine needed. */
const obj = (yaml: string): KubeObject => {
  const data = parseDocument(yaml).toJSON() as Record<string, unknown>;
  const meta = data.metadata as { name: string };
  return { kind: String(data.kind), name: meta.name, data, doc: undefined as never };
};

describe('the pod a replay runs', () => {
  it("takes a Deployment's pod template, with the API server's defaults", () => {
    const plan = planPod(
      obj(`
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
        - name: web
          image: ctr-learn/web
          ports: [{ name: http, containerPort: 80 }]
          readinessProbe: { httpGet: { path: /ready, port: http } }
          livenessProbe: { tcpSocket: { port: 8080 }, successThreshold: 1 }
          env: [{ name: A, value: "1" }, { name: B, valueFrom: { secretKeyRef: { name: s, key: k } } }]
`),
    )!;
    expect(plan.object).toBe('Deployment/web');
    expect(plan.terminationGracePeriodSeconds).toBe(30);
    expect(plan.restartPolicy).toBe('Always');
    const c = plan.containers[0];
    // No tag: the default policy is Always (a pinned tag or digest would be IfNotPresent).
    expect(c.pullPolicy).toBe('Always');
    expect(c.readiness).toEqual({ handler: { kind: 'httpGet', port: 80, path: '/ready' }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 });
    expect(c.liveness?.handler).toEqual({ kind: 'tcpSocket', port: 8080 });
    expect(c.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', from: 'Secret', ref: 's', key: 'k', optional: false }]);
    expect(plan.notes).toEqual([]);
    // A template's pod gets a generated name; the namespace is default.
    expect(plan.podName).toMatch(/^web-/);
    expect(plan.namespace).toBe('default');
  });

  it('says in both languages what it left out, and when it scaled or capped', () => {
    const r: ReplayResult = {
      object: 'Pod/x', scenario: 'liveness', events: [{ t: 1200, container: 'app', kind: 'restarted', code: 1 }], containers: {}, scale: 0.5,
      graceSeconds: 25, durationMs: 9000, notes: [{ key: 'noteLivenessGrace', from: 30, to: 5 }], pulls: [], init: [], claimFiles: {},
    };
    expect(timelineLines(r, 'en').join('\n')).toMatch(/scaled ×0\.5[\s\S]*liveness kill \(30 s\) capped at 5 s[\s\S]*1\.2 s {2}app {2}restarted \(restart count 1\)/);
    expect(timelineLines(r, 'ko').join('\n')).toMatch(/×0\.5로 줄였어요[\s\S]*5초로 줄였어요[\s\S]*재시작됨/);
  });

  it('says the pulls, the back-offs and the init containers in both languages, with the kubelet\'s real waits', () => {
    const r: ReplayResult = {
      object: 'Pod/x', scenario: 'crash', scale: 0.25, graceSeconds: 25, durationMs: 9000, notes: [{ key: 'noteHostPath', name: 'logs' }], pulls: [], init: [], claimFiles: {},
      containers: {},
      events: [
        { t: 0, container: 'app', kind: 'pullFailed', reason: 'manifest unknown' },
        { t: 5, container: 'app', kind: 'pullBackOff', code: 20, ms: 196 },
        { t: 300, container: 'setup', kind: 'initDone' },
        { t: 900, container: 'app', kind: 'exited', code: 3 },
        { t: 900, container: 'app', kind: 'backOff', code: 40, ms: 10_000 },
        { t: 1000, container: 'app', kind: 'ended', reason: 'Never' },
      ],
    };
    const en = timelineLines(r, 'en').join('\n');
    expect(en).toMatch(/hostPath: not replayed/);
    expect(en).toMatch(/ErrImagePull: manifest unknown/);
    expect(en).toMatch(/ImagePullBackOff: next pull in 20 s \(196 ms in this replay\)/);
    expect(en).toMatch(/CrashLoopBackOff: restart in 40 s/);
    expect(en).toMatch(/stays terminated \(restartPolicy Never\)/);
    const ko = timelineLines(r, 'ko').join('\n');
    expect(ko).toMatch(/hostPath라서 재현하지 않았어요/);
    expect(ko).toMatch(/다음 pull까지 20초/);
    expect(ko).toMatch(/초기화 컨테이너 완료/);
    expect(ko).toMatch(/40초 뒤 재시작/);
  });
});
