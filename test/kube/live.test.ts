import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjects, bodyOf, parseFieldPath } from '../../src/kube/live/apply';
import { checkBoundary, refusalText } from '../../src/kube/live/boundary';
import { openCluster } from '../../src/kube/live/client';
import { detectLiveMode, doctorLine, kubeconfigFiles, type LiveMode } from '../../src/kube/live/mode';
import { gradeLive, type LiveCheck } from '../../src/kube/live/grade';
import { MANAGED_BY, namespaceFor, OWNER_LABEL, removeNamespaces } from '../../src/kube/live/namespace';
import { readManifests } from '../../src/kube/workspace';

const dir = mkdtempSync(join(tmpdir(), 'ctr-kube-live-'));
const kubeconfig = (name: string, server: string) => {
  const file = join(dir, name);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${server}"${server.startsWith('http:') ? ', insecure-skip-tls-verify: true' : ''} } }]
users: [{ name: u, user: { token: t0ken } }]
contexts: [{ name: kind-kind, context: { cluster: c, user: u } }]
current-context: kind-kind
`,
  );
  return file;
};

/** The learner's workspace: one file of manifests. */
async function objectsOf(yaml: string, valid = true) {
  const ws = mkdtempSync(join(dir, 'ws-'));
  writeFileSync(join(ws, 'pod.yaml'), yaml);
  const m = await readManifests(ws, 'pod.yaml');
  if (valid) expect([...m.problems.values()].flat()).toEqual([]);
  return m.objects;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
`;

describe('the learner namespace', () => {
  it('is ctr-learn-<short>, a DNS label', () => {
    expect(namespaceFor('ada')).toBe('ctr-learn-ada');
    expect(namespaceFor('m1a2b')).toBe('ctr-learn-m1a2b');
    expect(namespaceFor('A_da!')).toBe('ctr-learn-ada');
    expect(namespaceFor('')).toBe('ctr-learn-learner');
    expect(namespaceFor('ada')).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });
});

describe('the boundary: default to no', () => {
  it('lets a Pod, Deployment, Service, ConfigMap go into the learner namespace', async () => {
    const objs = await objectsOf(`${POD}---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ctr-learn-ada }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`);
    expect(checkBoundary(objs, 'ctr-learn-ada')).toEqual([]);
  });

  it('refuses cluster-scoped kinds, another namespace, the node, and ports outside the namespace, at file:line', async () => {
    const objs = await objectsOf(`apiVersion: v1
kind: Namespace
metadata: { name: prod }
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: { name: gvisor }
handler: runsc
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: disk }
spec: { capacity: { storage: 1Gi }, accessModes: [ReadWriteOnce], hostPath: { path: /data } }
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: kube-system
spec:
  hostNetwork: true
  volumes:
    - name: root
      hostPath: { path: / }
  containers:
    - name: web
      image: nginx:1.27
      securityContext: { privileged: true }
      ports: [{ containerPort: 80, hostPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { type: NodePort, selector: { app: web }, ports: [{ port: 80 }] }
`);
    const refused = checkBoundary(objs, 'ctr-learn-ada');
    const text = refused.map((r) => refusalText(r, 'en'));
    expect(text[0]).toMatch(/^pod\.yaml:2:7 Namespace\/prod: Namespace is not applied by ctr-learn: it is cluster-scoped/);
    expect(text.some((t) => /RuntimeClass\/gvisor: RuntimeClass is not applied .*cluster-scoped/.test(t))).toBe(true);
    expect(text.some((t) => /PersistentVolume\/disk: PersistentVolume is not applied/.test(t))).toBe(true);
    expect(text.some((t) => /^pod\.yaml:\d+:\d+ Pod\/web: names namespace "kube-system"/.test(t))).toBe(true);
    for (const f of ['hostNetwork', 'hostPath', 'securityContext.privileged', 'hostPort']) expect(text.some((t) => t.includes(`${f} reaches into the node`)), f).toBe(true);
    expect(text.some((t) => /Service\/web: a Service of type NodePort/.test(t))).toBe(true);
    // In Korean too.
    expect(refusalText(refused[0], 'ko')).toContain('클러스터 범위');
  });

  it('refuses a Role (permissions), even if tier 1 let one through (it does not know the kind)', async () => {
    const objs = await objectsOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: r }
rules: []
`, false);
    expect(refusalText(checkBoundary(objs, 'ns')[0], 'en')).toContain('it grants permissions');
  });
});

describe('the boundary against a careless learner or an attacker (each was let through before)', () => {
  const NS = 'ctr-learn-ada';
  const refused = async (yaml: string) => checkBoundary(await objectsOf(yaml, false), NS).map((r) => refusalText(r, 'en'));
  const pod = (spec: string, meta = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
${meta}spec:
${spec}  containers:
    - name: web
      image: nginx:1.27
`;

  it('the live lessons\' own files all go through', async () => {
    const { readdirSync, readFileSync, existsSync } = await import('node:fs');
    for (const l of ['kube-pods', 'kube-probes', 'kube-hooks', 'kube-services']) {
      for (const sub of ['files', 'solution', 'alternative']) {
        const d = join('lessons', l, sub);
        if (!existsSync(d)) continue;
        for (const f of readdirSync(d).filter((x) => /\.ya?ml$/.test(x))) {
          const objs = await objectsOf(readFileSync(join(d, f), 'utf8'), false);
          expect(checkBoundary(objs, NS).map((r) => refusalText(r, 'en')), `${d}/${f}`).toEqual([]);
        }
      }
    }
  });

  it('a kind under another apiVersion (a custom resource named Pod may be cluster-scoped) and a name that is not a name', async () => {
    const t = await refused(`apiVersion: evil.example.com/v1
kind: Pod
metadata: { name: web }
spec: { containers: [{ name: web, image: nginx }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: .. }
`);
    expect(t.some((x) => /Pod\/web: apiVersion evil\.example\.com\/v1 is not the one .* write `apiVersion: v1`/.test(x))).toBe(true);
    expect(t.some((x) => x.includes('the name ".." is not a valid object name'))).toBe(true);
  });

  it('a List wrapping objects is not unwrapped: refused as a kind', async () => {
    const t = await refused(`apiVersion: v1
kind: List
metadata: { name: l }
items:
  - { apiVersion: v1, kind: Namespace, metadata: { name: prod } }
`);
    expect(t).toEqual([expect.stringContaining('List/l: List is not applied by ctr-learn')]);
  });

  it('ownerReferences and finalizers', async () => {
    const t = await refused(`apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  finalizers: [example.com/never]
  ownerReferences: [{ apiVersion: v1, kind: Node, name: control-plane, uid: 1, blockOwnerDeletion: true }]
`);
    expect(t.filter((x) => x.includes('is left to the cluster')).length).toBe(2);
  });

  it('a Service of type ExternalName', async () => {
    const t = await refused(`apiVersion: v1
kind: Service
metadata: { name: db }
spec: { type: ExternalName, externalName: kubernetes.default.svc.cluster.local }
`);
    expect(t.some((x) => x.includes('a Service of type ExternalName reaches outside'))).toBe(true);
  });

  it('a Secret that asks for a service account token', async () => {
    const t = await refused(`apiVersion: v1
kind: Secret
metadata: { name: tok, annotations: { kubernetes.io/service-account.name: default } }
type: kubernetes.io/service-account-token
`);
    expect(t.some((x) => x.includes('a Secret of type kubernetes.io/service-account-token is not applied'))).toBe(true);
  });

  it('a claim that binds an existing volume, in a PVC, a StatefulSet\'s claim templates and an ephemeral volume', async () => {
    const t = await refused(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: c }
spec: { volumeName: someone-elses-pv, storageClassName: "", accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: s }
spec:
  serviceName: s
  selector: { matchLabels: { app: s } }
  template:
    metadata: { labels: { app: s } }
    spec:
      containers: [{ name: s, image: nginx }]
      volumes:
        - name: e
          ephemeral: { volumeClaimTemplate: { spec: { dataSource: { kind: PersistentVolumeClaim, name: other }, accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } } } }
  volumeClaimTemplates:
    - metadata: { name: d }
      spec: { selector: { matchLabels: { owner: bo } }, accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
`);
    for (const f of ['spec.volumeName', 'spec.storageClassName', 'spec.dataSource', 'spec.selector']) expect(t.some((x) => x.includes(`${f} picks a volume that already exists`)), f).toBe(true);
  });

  it('volumes other than the namespace\'s own (nfs, csi, gitRepo, flexVolume, a projected token)', async () => {
    const t = await refused(pod(`  volumes:
    - { name: a, nfs: { server: 10.0.0.1, path: / } }
    - { name: b, csi: { driver: hostpath.csi.k8s.io } }
    - { name: c, gitRepo: { repository: "https://x/y.git" } }
    - { name: d, flexVolume: { driver: x/y } }
    - { name: e, projected: { sources: [{ serviceAccountToken: { path: t, audience: vault } }] } }
    - { name: f, emptyDir: {} }
    - { name: g, configMap: { name: c } }
`));
    for (const v of ['nfs', 'csi', 'gitRepo', 'flexVolume']) expect(t.some((x) => x.includes(`a volume of type ${v} is not applied`)), v).toBe(true);
    expect(t.some((x) => x.includes('serviceAccountToken would give your pod a token'))).toBe(true);
    expect(t.length).toBe(5);
  });

  it('the pod\'s API token: another service account, or asking for the token back', async () => {
    const t = await refused(pod(`  serviceAccountName: admin
  automountServiceAccountToken: true
`));
    expect(t.filter((x) => x.includes('give your pod a token')).length).toBe(2);
    expect(await refused(pod('  serviceAccountName: default\n  automountServiceAccountToken: false\n'))).toEqual([]);
  });

  it('where and before whom the pod runs: nodeName, tolerations, a priority, a runtime, a scheduler', async () => {
    const t = await refused(pod(`  nodeName: control-plane
  tolerations: [{ operator: Exists }]
  priorityClassName: system-node-critical
  runtimeClassName: runc-unconfined
  schedulerName: other
`));
    for (const f of ['nodeName', 'tolerations', 'priorityClassName', 'runtimeClassName', 'schedulerName']) expect(t.some((x) => x.includes(`${f} decides where`)), f).toBe(true);
  });

  it('a pod field not on the list (or one a newer API adds) is refused, not let through', async () => {
    const t = await refused(pod('  overhead: { cpu: 1m }\n  futureHostThing: true\n'));
    for (const f of ['overhead', 'futureHostThing']) expect(t.some((x) => x.includes(`${f} is not a pod field ctr-learn applies`)), f).toBe(true);
  });

  it('the isolation of a container, in containers and initContainers and a Deployment\'s template', async () => {
    const t = await refused(`apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  selector: { matchLabels: { app: d } }
  template:
    metadata:
      labels: { app: d }
      annotations: { container.apparmor.security.beta.kubernetes.io/d: unconfined }
    spec:
      securityContext: { seccompProfile: { type: Unconfined }, sysctls: [{ name: kernel.msgmax, value: "1" }] }
      initContainers:
        - name: i
          image: busybox
          securityContext: { capabilities: { add: [SYS_ADMIN] }, procMount: Unmasked }
      containers:
        - name: d
          image: nginx
          securityContext: { capabilities: { add: [NET_BIND_SERVICE, CAP_NET_ADMIN] }, appArmorProfile: { type: Unconfined }, seLinuxOptions: { type: spc_t }, windowsOptions: { hostProcess: true } }
`);
    for (const f of ['capabilities.add = SYS_ADMIN', 'capabilities.add = CAP_NET_ADMIN', 'procMount = Unmasked', 'seccompProfile.type = Unconfined', 'appArmorProfile.type = Unconfined', 'seLinuxOptions', 'hostProcess = true', 'sysctls', 'container.apparmor.security.beta.kubernetes.io/d = unconfined']) {
      expect(t.some((x) => x.includes(f) && x.includes('loosens the container\'s isolation')), f).toBe(true);
    }
    expect(t.some((x) => x.includes('NET_BIND_SERVICE'))).toBe(false);
  });

  it('a probe or a hook that names a host (the kubelet connects from the node)', async () => {
    const t = await refused(`apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: web
      image: nginx
      livenessProbe: { httpGet: { host: 169.254.169.254, path: /latest/meta-data/, port: 80 } }
      readinessProbe: { tcpSocket: { host: 127.0.0.1, port: 2379 } }
      lifecycle: { postStart: { httpGet: { host: 10.96.0.1, port: 443, scheme: HTTPS } } }
`);
    for (const f of ['livenessProbe.httpGet.host', 'readinessProbe.tcpSocket.host', 'lifecycle.postStart.httpGet.host']) expect(t.some((x) => x.includes(`${f} reaches into the node`)), f).toBe(true);
  });

  it('counts that would fill shared nodes', async () => {
    const t = await refused(`apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  replicas: 10000
  selector: { matchLabels: { app: d } }
  template: { metadata: { labels: { app: d } }, spec: { containers: [{ name: d, image: nginx }] } }
---
apiVersion: batch/v1
kind: Job
metadata: { name: j }
spec:
  parallelism: 1000
  completions: 1000
  template: { spec: { restartPolicy: Never, containers: [{ name: j, image: busybox }] } }
`);
    for (const f of ['spec.replicas is 10000', 'spec.parallelism is 1000', 'spec.completions is 1000']) expect(t.some((x) => x.includes(f)), f).toBe(true);
    // A pod that would take years to stop (and keep reset from deleting the namespace).
    expect(await refused(pod('  terminationGracePeriodSeconds: 999999999\n'))).toEqual([expect.stringContaining('terminationGracePeriodSeconds is 999999999: at most 300')]);
    expect(await refused(pod('  terminationGracePeriodSeconds: 60\n'))).toEqual([]);
  });

  it('every refusal reads as Korean in Korean (no English reason inside)', async () => {
    const objs = await objectsOf(`${POD}  hostNetwork: true\n`);
    expect(refusalText(checkBoundary(objs, NS)[0], 'ko')).toContain('노드 자신의 네트워크');
  });
});

describe('detection (no cluster can run here)', () => {
  it('no kubeconfig: live mode is off, and doctor says how to get a cluster', async () => {
    const env = { HOME: join(dir, 'nohome') };
    expect(kubeconfigFiles(env)).toEqual([]);
    const m = await detectLiveMode(env);
    expect(m).toEqual({ state: 'none' });
    expect(doctorLine(m, 'en').detail).toContain('`kind create cluster` / `k3d cluster create` / `minikube start`');
    expect(doctorLine(m, 'ko').detail).toContain('로컬 클러스터');
  });

  it('CTR_LEARN_KUBE=off: off, without reading any kubeconfig', async () => {
    const m = await detectLiveMode({ KUBECONFIG: kubeconfig('off.yaml', 'https://127.0.0.1:1'), CTR_LEARN_KUBE: 'off' });
    expect(m).toEqual({ state: 'off' });
  });

  it('a context at a closed port: a real client-node call fails fast, "does not answer"', async () => {
    const t0 = Date.now();
    const m = await detectLiveMode({ KUBECONFIG: kubeconfig('closed.yaml', 'https://127.0.0.1:1') }, 2500);
    expect(Date.now() - t0).toBeLessThan(2500 + 1000);
    expect(m).toMatchObject({ state: 'down', context: 'kind-kind', server: 'https://127.0.0.1:1' });
    expect(doctorLine(m, 'en').detail).toMatch(/^context kind-kind at https:\/\/127\.0\.0\.1:1 does not answer \(.*ECONNREFUSED.*\)/);
  });

  it('a server that never answers: off within the timeout', async () => {
    const mute = http.createServer(() => {});
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const port = (mute.address() as AddressInfo).port;
    const t0 = Date.now();
    const m = await detectLiveMode({ KUBECONFIG: kubeconfig('mute.yaml', `http://127.0.0.1:${port}`) }, 800);
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(m).toMatchObject({ state: 'down', reason: 'no answer within 800 ms' });
    mute.closeAllConnections();
    mute.close();
  });
});

/**
 * A recording HTTP server that speaks just enough of the Kubernetes API for ctr-learn's requests
 * to go through. It proves which REQUESTS ctr-learn sends (the boundary: paths under the learner's
 * namespace, dry run before apply, namespaces created with our labels, only labelled namespaces
 * deleted). It is NOT evidence that grading is right: no kubelet, no controllers, no real answers.
 */
describe('the requests sent to a cluster (recording server, not a cluster)', () => {
  const seen: { method: string; url: string; body?: unknown }[] = [];
  const namespaces = new Map<string, { metadata: { name: string; labels?: Record<string, string> } }>();
  let server: http.Server;
  let file = '';
  beforeAll(async () => {
    namespaces.set('kube-system', { metadata: { name: 'kube-system' } });
    // Another learner's, and one that only looks like ours (no owner label).
    namespaces.set('ctr-learn-bo', { metadata: { name: 'ctr-learn-bo', labels: { [MANAGED_BY]: 'ctr-learn', [OWNER_LABEL]: 'u1-bo' } } });
    namespaces.set('ctr-learn-fake', { metadata: { name: 'ctr-learn-fake', labels: { [MANAGED_BY]: 'ctr-learn' } } });
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = raw ? JSON.parse(raw) : undefined;
        seen.push({ method: req.method!, url: req.url!, body });
        const u = new URL(req.url!, 'http://x');
        const send = (code: number, obj: unknown) => {
          res.writeHead(code, { 'content-type': 'application/json' });
          res.end(JSON.stringify(obj));
        };
        const notFound = () => send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' });
        if (u.pathname === '/version') return send(200, { major: '1', minor: '31', gitVersion: 'v1.31.0' });
        if (u.pathname === '/api/v1') {
          return send(200, { kind: 'APIResourceList', groupVersion: 'v1', resources: [
            { name: 'pods', namespaced: true, kind: 'Pod', verbs: [] },
            { name: 'services', namespaced: true, kind: 'Service', verbs: [] },
            { name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: [] },
          ] });
        }
        if (u.pathname === '/api/v1/namespaces' && req.method === 'POST') {
          namespaces.set(body.metadata.name, body);
          return send(201, body);
        }
        if (u.pathname === '/api/v1/namespaces' && req.method === 'GET') {
          // Answers every namespace whatever the selector: ctr-learn must check the labels itself.
          return send(200, { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [...namespaces.values()] });
        }
        const ns = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(u.pathname);
        if (ns) {
          const found = namespaces.get(ns[1]);
          if (!found) return notFound();
          if (req.method === 'DELETE') {
            namespaces.delete(ns[1]);
            return send(200, { kind: 'Status', status: 'Success' });
          }
          if (req.method === 'PATCH') {
            for (const op of body as { path: string; value: string }[]) found.metadata.labels![op.path.split('/')[3].replace('~1', '/')] = op.value;
            return send(200, found);
          }
          return send(200, { ...found, status: { phase: 'Active' } });
        }
        // Just enough state for the grading code to read (shapes, not a cluster's behaviour).
        const pod = (name: string, ready: boolean, restarts: number) => ({
          metadata: { name, namespace: 'ctr-learn-ada' },
          status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: [{ name: 'web', ready, restartCount: restarts, image: 'nginx:1.27', imageID: '', state: { running: {} } }] },
        });
        if (req.method === 'GET' && u.pathname === '/api/v1/namespaces/ctr-learn-ada/serviceaccounts/default') return send(200, { metadata: { name: 'default' } });
        const quota = /^\/api\/v1\/namespaces\/([^/]+)\/resourcequotas(\/ctr-learn)?$/.exec(u.pathname);
        if (quota && req.method === 'POST') return send(201, body);
        if (quota && req.method === 'GET' && quota[2]) return send(200, { metadata: { name: 'ctr-learn' }, spec: { hard: { pods: '20' } }, status: { hard: { pods: '20' }, used: { pods: '0' } } });
        if (req.method === 'GET' && u.pathname === '/api/v1/namespaces/ctr-learn-ada/pods/web') return send(200, pod('web', true, 2));
        if (req.method === 'GET' && u.pathname === '/api/v1/namespaces/ctr-learn-ada/pods') return send(200, { metadata: {}, items: u.searchParams.get('labelSelector') === 'app=web' ? [pod('web-1', true, 0), pod('web-2', false, 0)] : [] });
        if (req.method === 'GET' && u.pathname === '/api/v1/namespaces/ctr-learn-ada/events') {
          return send(200, { metadata: {}, items: [{ metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Unhealthy', message: 'Liveness probe failed: cat: /tmp/healthy: No such file' }] });
        }
        if (req.method === 'GET' && u.pathname === '/api/v1/namespaces/ctr-learn-ada/services/web') return send(200, { metadata: { name: 'web' }, spec: { selector: { app: 'web' } } });
        if (req.method === 'GET' && u.pathname === '/apis/discovery.k8s.io/v1/namespaces/ctr-learn-ada/endpointslices') {
          return send(200, { metadata: {}, items: [{ addressType: 'IPv4', metadata: { name: 'web-x' }, endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }, { addresses: ['10.0.0.2'], conditions: { ready: false } }] }] });
        }
        const obj = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)$/.exec(u.pathname);
        if (obj && req.method === 'PATCH') {
          if (body.spec?.containers?.[0]?.image === 'refused') {
            return send(422, { kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422, message: 'Pod "web" is invalid', details: { causes: [{ field: 'spec.containers[0].image', message: 'Invalid value: "refused"' }] } });
          }
          return send(200, body);
        }
        return notFound();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    file = kubeconfig('rec.yaml', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => server?.close());

  it('detects the server: "answers (v1.31.0)"', async () => {
    const m = await detectLiveMode({ KUBECONFIG: file });
    expect(m).toMatchObject({ state: 'on', context: 'kind-kind', version: 'v1.31.0' });
    expect(doctorLine(m, 'en').detail).toMatch(/^context kind-kind at http:\/\/127\.0\.0\.1:\d+ answers \(v1\.31\.0\) — live mode on$/);
  });

  it('apply: the namespace is created with our labels, each object is dry-run (dryRun=All) before any is applied, all under /namespaces/ours/', async () => {
    seen.length = 0;
    const c = (await openCluster(file, 3000))!;
    const objs = await objectsOf(`${POD}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`);
    const r = await applyObjects(c, 'ctr-learn-ada', 'u1-ada', objs, 'en');
    expect(r).toEqual({ ok: true, created: true, replaced: [] });
    const create = seen.find((s) => s.method === 'POST' && s.url === '/api/v1/namespaces');
    expect(create?.body).toMatchObject({ kind: 'Namespace', metadata: { name: 'ctr-learn-ada', labels: { [MANAGED_BY]: 'ctr-learn', [OWNER_LABEL]: 'u1-ada' } } });
    // The API server's own guard behind the boundary: Pod Security "baseline" enforced in the namespace.
    expect((create?.body as { metadata: { labels: Record<string, string> } }).metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    // A quota the learner cannot change: files add up, the nodes and disks are shared.
    const quota = seen.find((s) => s.method === 'POST' && s.url === '/api/v1/namespaces/ctr-learn-ada/resourcequotas');
    expect(quota?.body).toMatchObject({ kind: 'ResourceQuota', spec: { hard: { pods: '20', 'services.nodeports': '0', 'services.loadbalancers': '0' } } });
    const writes = seen.filter((s) => s.method === 'PATCH');
    expect(writes.map((w) => `${new URL(w.url, 'http://x').pathname} ${new URL(w.url, 'http://x').searchParams.get('dryRun') ?? 'apply'}`)).toEqual([
      // The Service first (a pod started after it gets its variables), dry runs before applies.
      '/api/v1/namespaces/ctr-learn-ada/services/web All',
      '/api/v1/namespaces/ctr-learn-ada/pods/web All',
      '/api/v1/namespaces/ctr-learn-ada/services/web apply',
      '/api/v1/namespaces/ctr-learn-ada/pods/web apply',
    ]);
    for (const w of writes) {
      const q = new URL(w.url, 'http://x').searchParams;
      expect(q.get('fieldManager')).toBe('ctr-learn');
      expect((w.body as { metadata: { namespace: string } }).metadata.namespace).toBe('ctr-learn-ada');
      // A pod gets no token for the cluster's API.
      if ((w.body as { kind: string }).kind === 'Pod') expect((w.body as { spec: { automountServiceAccountToken: boolean } }).spec.automountServiceAccountToken).toBe(false);
    }
    // Nothing written outside the learner's namespace but the namespace itself.
    for (const s of seen.filter((x) => x.method !== 'GET')) expect(s.url).toMatch(/^\/api\/v1\/namespaces(\/ctr-learn-ada\/|\?|$)/);
  });

  it('a namespace an older ctr-learn made gets the guards a new one gets (Pod Security label, quota)', async () => {
    namespaces.set('ctr-learn-old', { metadata: { name: 'ctr-learn-old', labels: { [MANAGED_BY]: 'ctr-learn', [OWNER_LABEL]: 'u1-ada' } } });
    seen.length = 0;
    const c = (await openCluster(file, 3000))!;
    const r = await applyObjects(c, 'ctr-learn-old', 'u1-ada', await objectsOf(POD), 'en');
    expect(r).toMatchObject({ ok: true, created: false });
    const patch = seen.find((s) => s.method === 'PATCH' && s.url === '/api/v1/namespaces/ctr-learn-old');
    expect(patch?.body).toEqual([{ op: 'add', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', value: 'baseline' }]);
    expect(seen.some((s) => s.method === 'POST' && s.url === '/api/v1/namespaces/ctr-learn-old/resourcequotas')).toBe(true);
    // Once labelled, nothing more is asked of it.
    seen.length = 0;
    await applyObjects(c, 'ctr-learn-old', 'u1-ada', await objectsOf(POD), 'en');
    expect(seen.filter((s) => !s.url.includes('/pods/'))).toEqual([expect.objectContaining({ method: 'GET', url: '/api/v1/namespaces/ctr-learn-old' })]);
    namespaces.delete('ctr-learn-old');
  });

  it('a refused object sends no request at all', async () => {
    seen.length = 0;
    const c = (await openCluster(file, 3000))!;
    const objs = await objectsOf(`${POD}  hostNetwork: true\n`);
    const r = await applyObjects(c, 'ctr-learn-ada', 'u1-ada', objs, 'en');
    expect(r.ok).toBe(false);
    expect(seen).toEqual([]);
  });

  it('a dry run the server refuses: nothing applied, the error at the learner\'s file:line', async () => {
    seen.length = 0;
    const c = (await openCluster(file, 3000))!;
    const objs = await objectsOf(POD.replace('nginx:1.27', 'refused'));
    const r = await applyObjects(c, 'ctr-learn-ada', 'u1-ada', objs, 'en');
    expect(r).toEqual({ ok: false, problems: ['pod.yaml:8:7 Pod/web: the cluster refused it in a dry run (`dryRun=All`): spec.containers[0].image: Invalid value: "refused"'] });
    expect(seen.filter((s) => s.method === 'PATCH' && !s.url.includes('dryRun=All'))).toEqual([]);
  });

  it('a namespace of that name not labelled ours is left alone', async () => {
    seen.length = 0;
    const c = (await openCluster(file, 3000))!;
    const r = await applyObjects(c, 'ctr-learn-fake', 'u1-ada', await objectsOf(POD), 'en');
    expect(r.ok).toBe(false);
    expect(seen.filter((s) => s.method !== 'GET')).toEqual([]);
  });

  it('removal deletes only the namespaces labelled ours and this learner\'s', async () => {
    seen.length = 0;
    const c = (await openCluster(file, 3000))!;
    expect(await removeNamespaces(c, 'u1-ada')).toEqual(['ctr-learn-ada']);
    const list = seen.find((s) => s.method === 'GET' && s.url.startsWith('/api/v1/namespaces?'));
    expect(decodeURIComponent(list!.url)).toContain(`labelSelector=${MANAGED_BY}=ctr-learn,${OWNER_LABEL}=u1-ada`);
    expect(seen.filter((s) => s.method === 'DELETE').map((s) => s.url)).toEqual(['/api/v1/namespaces/ctr-learn-ada']);
    expect([...namespaces.keys()].sort()).toEqual(['ctr-learn-bo', 'ctr-learn-fake', 'kube-system']);
  });

  it('grading reads pods, restarts, events and endpoint slices (shapes only: NOT evidence that grading is right)', async () => {
    const mode = (await detectLiveMode({ KUBECONFIG: file })) as Extract<LiveMode, { state: 'on' }>;
    const objs = await objectsOf(`${POD}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`);
    const pod = objs.find((o) => o.kind === 'Pod')!;
    const base = { kind: 'kube-live' as const, id: 'c', file: 'pod.yaml', object: 'Pod/web', withinSeconds: 1 };
    const run = (c: Partial<LiveCheck>, object = pod) => gradeLive({ ...base, ...c } as LiveCheck, { mode, objects: objs, object, learner: { short: 'ada', owner: 'u1-ada' }, expected: 'x', lang: 'en', pollMs: 100 });
    expect(await run({ podReady: true, restartsAtLeast: 2, event: { reason: 'Unhealthy', message: 'Liveness' } })).toMatchObject({ pass: true, actual: expect.stringContaining('web restarted 2 time(s); events: Unhealthy: Liveness probe failed') });
    expect(await run({ restartsAtLeast: 3 })).toMatchObject({ pass: false });
    expect(await run({ event: { reason: 'Killing' } })).toMatchObject({ pass: false, actual: expect.stringContaining('events: Unhealthy') });
    const svc = objs.find((o) => o.kind === 'Service')!;
    expect(await run({ object: 'Service/web', serviceEndpoints: { service: 'web', atLeast: 2, ready: false } }, svc)).toMatchObject({ pass: true, actual: expect.stringContaining('Service web: 1 ready, 1 not ready') });
    expect(await run({ object: 'Service/web', podReady: true, serviceEndpoints: { service: 'web', atLeast: 2, ready: true } }, svc)).toMatchObject({ pass: false, actual: expect.stringContaining('web-2 Running') });
  });

  it('the body: a workload\'s pod template gets no API token either; the learner\'s own false stays', async () => {
    const objs = await objectsOf(`apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  selector: { matchLabels: { app: d } }
  template: { metadata: { labels: { app: d } }, spec: { containers: [{ name: d, image: nginx }] } }
`);
    const body = bodyOf(objs[0], 'ctr-learn-ada') as unknown as { spec: { template: { spec: Record<string, unknown> } } };
    expect(body.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(objs[0].data.spec).not.toHaveProperty('template.spec.automountServiceAccountToken');
  });

  it('field paths of API causes', () => {
    expect(parseFieldPath('spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image']);
  });
});

describe('the lesson line (src/ui/panes/checks.ts, above the step\'s checks)', () => {
  it('says live mode is off, with where to look, in a Kubernetes lesson only, once the session has asked', async () => {
    const { checkLines } = await import('../../src/ui/panes/checks');
    const { reduce } = await import('../../src/ui/state/reducer');
    const { fakeLesson, readyState, run, view, ENTER } = await import('../ui/helpers');
    const { liveSummary, forgetLiveMode } = await import('../../src/kube/live/mode');
    // No kubeconfig, whatever this machine has.
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = join(dir, 'no-such-kubeconfig');
    forgetLiveMode();
    const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');
    const asked = run(readyState({ lang: 'en', cols: 100, rows: 30 }), ENTER).state;
    const kube = { ...fakeLesson('demo'), track: 'kubernetes' };
    // Not known yet: nothing said (drawing never waits for the detection).
    expect(text(checkLines(asked, view(asked), kube, 98).lines)).not.toContain('Live mode');
    const live = await liveSummary();
    expect(live).toEqual({ state: 'off' });
    const s = reduce(asked, { type: 'kubeLiveMode', live }).state;
    expect(text(checkLines(s, view(s), kube, 98).lines)).toContain('Live mode: off — no cluster answered; see `ctr-learn doctor`');
    expect(text(checkLines({ ...s, lang: 'ko' }, view(s), kube, 98).lines)).toContain('라이브 모드: 꺼짐');
    expect(text(checkLines(s, view(s), fakeLesson('demo'), 98).lines)).not.toContain('Live mode');
    process.env.CTR_LEARN_KUBE = 'off';
    forgetLiveMode();
    expect(await liveSummary()).toEqual({ state: 'opted-out' });
    delete process.env.CTR_LEARN_KUBE;
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
    forgetLiveMode();
  });
});
