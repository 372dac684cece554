import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/types';
import { noEngineLab } from '../../src/sandbox/no-engine';
import { checkStep } from '../../src/checks/evaluate';
import { formatStepResult } from '../../src/commands/format';
import { forgetLiveMode } from '../../src/kube/live/mode';
import { Step } from '../../src/lessons/schema';
import { gradeOne, stepOf, type CheckSpec } from '../checks/helpers';

/** A workspace holding these files, graded with no engine at all (a lab that throws if asked). */
function workspace(files: Record<string, string>): CheckContext {
  const dir = mkdtempSync(join(tmpdir(), 'kube-checks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { lab: noEngineLab('kube-test'), workspace: dir };
}

const POD = (container: string, spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: { app: web }
spec:
${spec}  containers:
    - name: web
      image: nginx:1.27
      ports:
        - { name: http, containerPort: 8080 }
${container}`;

interface Case {
  name: string;
  files: Record<string, string>;
  check: CheckSpec;
  pass: boolean;
  /** Text the actual must contain (the learner's file:line among it). */
  actual: string | RegExp;
}

const cases: Case[] = [
  // manifest
  { name: 'manifest: valid, with the object', files: { 'pod.yaml': POD('') }, check: { kind: 'manifest', file: 'pod.yaml', objects: ['Pod/web'] }, pass: true, actual: 'pod.yaml is valid: Pod/web' },
  { name: 'manifest: a misspelled field, at line:col with did-you-mean', files: { 'pod.yaml': POD('      readinesProbe: { tcpSocket: { port: 8080 } }\n') }, check: { kind: 'manifest', file: 'pod.yaml' }, pass: false, actual: 'pod.yaml:12:7 spec.containers[0]: unknown field "readinesProbe" (did you mean "readinessProbe"?)' },
  { name: 'manifest: missing object', files: { 'pod.yaml': POD('') }, check: { kind: 'manifest', file: 'pod.yaml', objects: ['Pod/api'] }, pass: false, actual: 'pod.yaml is valid but has no Pod/api; it has Pod/web' },
  { name: 'manifest: missing file', files: {}, check: { kind: 'manifest', file: 'pod.yaml' }, pass: false, actual: 'no file pod.yaml in the lesson folder' },
  { name: 'manifest: every file, one invalid', files: { 'a.yaml': POD(''), 'b.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { ports: [{ port: "80" }] }\n' }, check: { kind: 'manifest' }, pass: false, actual: 'b.yaml:4:25 spec.ports[0].port: must be integer' },

  // kube-probe
  { name: 'probe: readiness on a declared port by name', files: { 'pod.yaml': POD('      readinessProbe: { httpGet: { path: /ready, port: http } }\n') }, check: { kind: 'kube-probe', object: 'Pod/web', probe: 'readiness', handler: ['httpGet'], path: '/ready' }, pass: true, actual: 'readinessProbe with httpGet /ready port http at pod.yaml:12' },
  { name: 'probe: on an undeclared port', files: { 'pod.yaml': POD('      readinessProbe: { httpGet: { path: /, port: 80 } }\n') }, check: { kind: 'kube-probe', object: 'Pod/web', probe: 'readiness' }, pass: false, actual: 'readinessProbe httpGet port 80 at pod.yaml:12, but container "web" declares 8080 (http)' },
  { name: 'probe: wrong handler', files: { 'pod.yaml': POD('      readinessProbe: { exec: { command: [cat, /tmp/ready] } }\n') }, check: { kind: 'kube-probe', object: 'Pod/web', probe: 'readiness', handler: ['httpGet', 'tcpSocket'] }, pass: false, actual: 'readinessProbe with exec ["cat","/tmp/ready"] at pod.yaml:12' },
  { name: 'probe: liveness kills a slow start', files: { 'pod.yaml': POD('      livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 }\n') }, check: { kind: 'kube-probe', object: 'Pod/web', probe: 'liveness', slowStartSeconds: 20 }, pass: false, actual: 'restarted after 15 s (0 + 5 × 3) at pod.yaml:12' },
  { name: 'probe: a startupProbe covers the slow start', files: { 'pod.yaml': POD('      startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 10 }\n      livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 }\n') }, check: { kind: 'kube-probe', object: 'Pod/web', probe: 'liveness', slowStartSeconds: 20, hangRestartSeconds: 15 }, pass: true, actual: 'the first restart could come after 50 s (startupProbe 0 + 5 × 10)' },
  { name: 'probe: a hang caught too late', files: { 'pod.yaml': POD('      livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 30 }\n') }, check: { kind: 'kube-probe', object: 'Pod/web', probe: 'liveness', hangRestartSeconds: 30 }, pass: false, actual: 'a hung app is restarted only after 90 s (30 × 3) at pod.yaml:12' },

  // kube-hook
  { name: 'hook: preStop within the default grace period', files: { 'pod.yaml': POD('      lifecycle: { preStop: { exec: { command: [sh, -c, "sleep 5"] } } }\n') }, check: { kind: 'kube-hook', object: 'Pod/web', hook: 'preStop', minSeconds: 5, appShutdownSeconds: 10 }, pass: true, actual: 'preStop 5 s + shutdown 10 s = 15 s ≤ grace period 30 s (the default)' },
  { name: 'hook: preStop longer than the grace period', files: { 'pod.yaml': POD('      lifecycle: { preStop: { sleep: { seconds: 20 } } }\n', '  terminationGracePeriodSeconds: 25\n') }, check: { kind: 'kube-hook', object: 'Pod/web', hook: 'preStop', appShutdownSeconds: 10 }, pass: false, actual: 'preStop takes 20 s + shutdown 10 s = 30 s > grace period 25 s (pod.yaml:7) at pod.yaml:13' },
  { name: 'hook: no hook', files: { 'pod.yaml': POD('') }, check: { kind: 'kube-hook', object: 'Pod/web', hook: 'preStop' }, pass: false, actual: 'container "web" at pod.yaml:8 has no lifecycle.preStop' },

  // kube-image
  { name: 'image: Always with a tag is not pinned', files: { 'pod.yaml': POD('      imagePullPolicy: Always\n') }, check: { kind: 'kube-image', object: 'Pod/web', pinned: 'digest' }, pass: false, actual: 'image "nginx:1.27" at pod.yaml:9 names a tag' },
  { name: 'image: the default policy for :latest is Always', files: { 'pod.yaml': POD('').replace('nginx:1.27', 'nginx:latest') }, check: { kind: 'kube-image', object: 'Pod/web', pullPolicy: 'IfNotPresent' }, pass: false, actual: 'imagePullPolicy Always (not set: the default for this image) at pod.yaml:9' },
  { name: 'image: a digest', files: { 'pod.yaml': POD('').replace('nginx:1.27', `nginx@sha256:${'a'.repeat(64)}`) }, check: { kind: 'kube-image', object: 'Pod/web', pinned: 'digest', pullPolicy: 'IfNotPresent', repository: 'nginx' }, pass: true, actual: 'imagePullPolicy IfNotPresent (not set: the default for this image)' },

  // kube-selector
  ...(() => {
    const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers: [{ name: web, image: "nginx:1.27", ports: [{ name: http, containerPort: 8080 }] }]\n`;
    const svc = (sel: string, port: string) => `---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: ${sel}\n  ports: [{ port: 80, targetPort: ${port} }]\n`;
    return [
      { name: 'selector: a Service that finds the pods', files: { 'app.yaml': dep + svc('{ app: web }', 'http') }, check: { kind: 'kube-selector', object: 'Deployment/web', service: 'Service/web', replicas: 2 }, pass: true, actual: 'Service/web selector {app: web} finds the pods of Deployment/web; targetPort http' },
      { name: 'selector: a Service that matches nothing', files: { 'app.yaml': dep + svc('{ app: webapp }', '8080') }, check: { kind: 'kube-selector', object: 'Deployment/web', service: 'Service/web' }, pass: false, actual: 'Service/web selector {app: webapp} at app.yaml:16 matches no pod of Deployment/web' },
      { name: 'selector: a targetPort the pods do not declare', files: { 'app.yaml': dep + svc('{ app: web }', '80') }, check: { kind: 'kube-selector', object: 'Deployment/web', service: 'Service/web' }, pass: false, actual: 'Service/web targetPort 80 at app.yaml:17, but the pods declare 8080 (http)' },
    ] satisfies Case[];
  })(),

  // kube-env
  ...(() => {
    const sec = `---\napiVersion: v1\nkind: Secret\nmetadata: { name: db }\nstringData: { password: x }\n`;
    const env = (e: string) => POD(`      env:\n${e}`) + sec;
    return [
      { name: 'env: from a Secret key', files: { 'pod.yaml': env('        - { name: PW, valueFrom: { secretKeyRef: { name: db, key: password } } }\n') }, check: { kind: 'kube-env', object: 'Pod/web', name: 'PW', from: 'secret', source: 'db', key: 'password' }, pass: true, actual: 'PW from secretKeyRef Secret "db" key "password" at pod.yaml:13' },
      { name: 'env: a literal instead of a Secret', files: { 'pod.yaml': env('        - { name: PW, value: x }\n') }, check: { kind: 'kube-env', object: 'Pod/web', name: 'PW', from: 'secret' }, pass: false, actual: 'PW is a literal value in the manifest at pod.yaml:13 ("x")' },
      { name: 'env: envFrom of a Secret that holds the key', files: { 'pod.yaml': POD('      envFrom: [{ secretRef: { name: db }, prefix: DB_ }]\n') + sec.replace('password', 'PASSWORD') }, check: { kind: 'kube-env', object: 'Pod/web', name: 'DB_PASSWORD', from: 'secret', source: 'db', key: 'PASSWORD' }, pass: true, actual: 'DB_PASSWORD from envFrom Secret "db" prefix "DB_" key "PASSWORD"' },
      { name: 'env: a key the Secret does not have', files: { 'pod.yaml': env('        - { name: PW, valueFrom: { secretKeyRef: { name: db, key: pass } } }\n') }, check: { kind: 'kube-env', object: 'Pod/web', name: 'PW', from: 'secret' }, pass: false, actual: 'Secret "db" has no key "pass" (keys: password) at pod.yaml:17' },
    ] satisfies Case[];
  })(),

  // kube-volume
  ...(() => {
    const claim = `---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: { name: data }\nspec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 2Gi } }, storageClassName: manual }\n`;
    const pv = (size: string) => `---\napiVersion: v1\nkind: PersistentVolume\nmetadata: { name: pv1 }\nspec: { capacity: { storage: ${size} }, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: { path: /srv } }\n`;
    const pod = POD('      volumeMounts: [{ name: d, mountPath: /data }]\n', '  volumes: [{ name: d, persistentVolumeClaim: { claimName: data } }]\n');
    return [
      { name: 'volume: a claim that binds the volume', files: { 'pod.yaml': pod + claim + pv('2048Mi') }, check: { kind: 'kube-volume', object: 'Pod/web', mountPath: '/data', source: 'persistentVolumeClaim', sourceName: 'data', persistentVolume: 'pv1' }, pass: true, actual: 'the claim (2Gi, ReadWriteOnce) fits "pv1" (2048Mi, ReadWriteOnce)' },
      { name: 'volume: a volume too small', files: { 'pod.yaml': pod + claim + pv('1Gi') }, check: { kind: 'kube-volume', object: 'Pod/web', mountPath: '/data', source: 'persistentVolumeClaim', persistentVolume: 'pv1' }, pass: false, actual: 'the claim asks 2Gi, the volume has 1Gi' },
      { name: 'volume: the claim is not in the files', files: { 'pod.yaml': pod }, check: { kind: 'kube-volume', object: 'Pod/web', mountPath: '/data', source: 'persistentVolumeClaim' }, pass: false, actual: 'no PersistentVolumeClaim "data" in the lesson folder' },
    ] satisfies Case[];
  })(),

  // kube-field
  { name: 'field: names an object of the workspace', files: { 'pod.yaml': POD('', '  runtimeClassName: gvisor\n'), 'rc.yaml': 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: { name: gvisor }\nhandler: runsc\n' }, check: { kind: 'kube-field', object: 'Pod/web', path: 'spec.runtimeClassName', refersTo: 'RuntimeClass' }, pass: true, actual: 'spec.runtimeClassName is gvisor at pod.yaml:7' },
  { name: 'field: a value that differs', files: { 'pod.yaml': POD('') }, check: { kind: 'kube-field', object: 'Pod/web', path: 'spec.containers.0.ports.0.containerPort', equals: 80 }, pass: false, actual: 'spec.containers.0.ports.0.containerPort is 8080 at pod.yaml:11' },
];

describe('kube check kinds, on workspace files, with no engine', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await gradeOne(c.check, workspace(c.files));
      expect(r.status, `${r.expected} / ${r.actual}`).toBe(c.pass ? 'pass' : 'fail');
      expect(r.expected).not.toBe('');
      if (typeof c.actual === 'string') expect(r.actual).toContain(c.actual);
      else expect(r.actual).toMatch(c.actual);
    });
  }

  it('a check never grades an object of a file the API server would refuse', async () => {
    const r = await gradeOne({ kind: 'kube-probe', object: 'Pod/web', probe: 'readiness' }, workspace({ 'pod.yaml': POD('      readinessProbe: { tcpSocket: { port: 8080 } }\n      imagePullPolicy: Sometimes\n') }));
    expect(r.status).toBe('fail');
    expect(r.actual).toContain('pod.yaml:13:24 spec.containers[0].imagePullPolicy: "Sometimes" is not one of Always, IfNotPresent, Never');
  });

  it('says it in Korean', async () => {
    const ctx = workspace({ 'pod.yaml': POD('      readinessProbe: { httpGet: { path: /, port: 80 } }\n') });
    const ko = (await checkStep(stepOf({ kind: 'kube-probe', object: 'Pod/web', probe: 'readiness' }), ctx, 'ko')).checks[0];
    expect(ko.status).toBe('fail');
    expect(ko.actual).toBe('pod.yaml:12의 readinessProbe httpGet 포트가 80인데 컨테이너 "web"이 선언한 포트는 8080 (http)');
  });
});

describe('a step with live checks and no cluster (tier 3 not run)', () => {
  const step = () =>
    Step.parse({
      id: 'under-test',
      title: { en: 'under test', ko: '시험 중' },
      checks: [{ id: 'valid', kind: 'manifest', file: 'pod.yaml', objects: ['Pod/web'] }],
      live: [{ id: 'live-ready', kind: 'kube-live', file: 'pod.yaml', object: 'Pod/web', podReady: true }],
      hints: [],
      solution: {},
    });

  it('passes on its own checks and says, in both languages, that the live checks did not run', async () => {
    process.env.CTR_LEARN_KUBE = 'off';
    forgetLiveMode();
    try {
      const ctx = workspace({ 'pod.yaml': POD('') });
      const r = await checkStep(step(), ctx, 'en');
      expect(r.passed).toBe(true);
      expect(r.checks.map((c) => c.id)).toEqual(['valid']);
      expect(r.liveNotRun).toBe(1);
      expect(formatStepResult(r, step(), 'en')).toContain('live checks: not run (no cluster) · ctr-learn doctor');
      expect(formatStepResult(r, step(), 'ko')).toContain('라이브 확인: 실행 안 함 (클러스터 없음)');
      // A step whose own checks fail never reaches the live ones: nothing to say of them.
      const failed = await checkStep(step(), workspace({ 'pod.yaml': 'kind: Pod\n' }), 'en');
      expect(failed.passed).toBe(false);
      expect(failed.liveNotRun).toBeUndefined();
      expect(formatStepResult(failed, step(), 'en')).not.toContain('live checks');
    } finally {
      delete process.env.CTR_LEARN_KUBE;
      forgetLiveMode();
    }
  });
});
