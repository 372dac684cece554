import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/kube/did-you-mean';
import { parseManifest, problemText } from '../../src/kube/load';
import { validateDoc } from '../../src/kube/validate';
import { readManifests } from '../../src/kube/workspace';

async function problems(text: string, lang: 'en' | 'ko' = 'en'): Promise<string[]> {
  const f = parseManifest('pod.yaml', text);
  const out = f.problems.map((p) => problemText(p, lang));
  for (const d of f.docs) out.push(...(await validateDoc(d)).map((p) => problemText(p, lang)));
  return out;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: ctr-learn/web:1
      ports:
        - containerPort: 80
`;

describe('manifest validation, strict like an API server', () => {
  it('accepts a valid pod', async () => {
    expect(await problems(POD)).toEqual([]);
  });

  it('reports an unknown field with did-you-mean at its line and column', async () => {
    const text = `${POD}      readinesProbe:\n        httpGet: { path: /, port: 80 }\n`;
    expect(await problems(text)).toEqual(['pod.yaml:11:7 spec.containers[0]: unknown field "readinesProbe" (did you mean "readinessProbe"?)']);
    const [ko] = await problems(text, 'ko');
    expect(ko).toBe('pod.yaml:11:7 spec.containers[0]: 알 수 없는 필드 "readinesProbe" ("readinessProbe"를 쓰려던 건가요?)');
  });

  it('reports unknown fields deep in lists and maps, and a field with no near name', async () => {
    const text = POD.replace('        - containerPort: 80', '        - containerPort: 80\n          protocl: TCP\n      lifecycle:\n        preStop:\n          exec: { command: [sleep, "5"] }\n          timeout: 3');
    const ps = await problems(text);
    expect(ps).toContain('pod.yaml:11:11 spec.containers[0].ports[0]: unknown field "protocl" (did you mean "protocol"?)');
    expect(ps).toContain('pod.yaml:15:11 spec.containers[0].lifecycle.preStop: unknown field "timeout"');
  });

  it('reports a wrong type and a wrong enum at the value', async () => {
    const text = POD.replace('containerPort: 80', 'containerPort: "eighty"').replace('image: ctr-learn/web:1', 'image: ctr-learn/web:1\n      imagePullPolicy: Sometimes');
    expect(await problems(text)).toEqual([
      'pod.yaml:9:24 spec.containers[0].imagePullPolicy: "Sometimes" is not one of Always, IfNotPresent, Never',
      'pod.yaml:11:26 spec.containers[0].ports[0].containerPort: must be integer, not the string "eighty"',
    ]);
  });

  it('reports a container without an image (the schema allows it, the API server does not)', async () => {
    const text = POD.replace('      image: ctr-learn/web:1\n', '');
    expect(await problems(text)).toEqual(['pod.yaml:7:7 spec.containers[0]: container "web" has no image (the API server refuses it: image is required)']);
  });

  it('reports a missing required field', async () => {
    const text = POD.replace('    - name: web\n      image', '    - image');
    const ps = await problems(text);
    expect(ps[0]).toMatch(/^pod\.yaml:7:\d+ spec\.containers\[0\]: missing required field "name"$/);
  });

  it('validates every document of a multi-document file, each at its own lines', async () => {
    const text = `${POD}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n      targetport: 80\n`;
    expect(await problems(text)).toEqual(['pod.yaml:20:7 spec.ports[0]: unknown field "targetport" (did you mean "targetPort"?)']);
  });

  it('reports YAML syntax errors with their position', async () => {
    const ps = await problems('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  name: again\n');
    expect(ps[0]).toMatch(/^pod\.yaml:5:3 not valid YAML: Map keys must be unique/);
  });

  it('knows kinds and their apiVersion', async () => {
    expect(await problems('apiVersion: v1\nkind: Deployment\nmetadata: { name: d }\n')).toEqual(['pod.yaml:1:13 no kind "Deployment" in version "v1": Deployment is apiVersion: apps/v1']);
    expect((await problems('apiVersion: v1\nkind: Pdo\nmetadata: { name: d }\n'))[0]).toMatch(/no kind "Pdo" is known here .* \(did you mean "Pod"\?\)$/);
  });

  it('refuses a Deployment whose selector does not match its template', async () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: wbe }\n    spec:\n      containers: [{ name: web, image: nginx:1.27 }]\n`;
    expect(await problems(text)).toEqual(['pod.yaml:9:15 spec.template.metadata.labels: selector does not match template labels (selector {app: web}, labels {app: wbe})']);
  });

  it('finds duplicate objects across files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-'));
    writeFileSync(join(dir, 'a.yaml'), POD);
    writeFileSync(join(dir, 'b.yml'), POD);
    const m = await readManifests(dir);
    expect(m.objects.map((o) => `${o.doc.file} ${o.kind}/${o.name}`)).toEqual(['a.yaml Pod/web', 'b.yml Pod/web']);
    expect(problemText(m.problems.get('b.yml')![0], 'en')).toBe('b.yml:4:9 Pod/web is defined twice (also at a.yaml:4)');
  });

  it('did-you-mean: case, swaps, and nothing for a far word', () => {
    expect(didYouMean('ImagePullPolicy', ['imagePullPolicy'])).toBe('imagePullPolicy');
    expect(didYouMean('lifecylce', ['lifecycle', 'livenessProbe'])).toBe('lifecycle');
    expect(didYouMean('foo', ['lifecycle'])).toBeUndefined();
  });

  it('the field table is current with the installed kubernetes-models', () => {
    const file = join(__dirname, '../../src/kube/fields.json');
    const before = readFileSync(file, 'utf8');
    execFileSync(process.execPath, [join(__dirname, '../../scripts/kube-fields.mjs')]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
