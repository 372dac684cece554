import type { Lang } from '../lessons/schema';
import type { Outcome } from '../checks/types';
import { loadManifests, locate, problemText, type FieldPath, type KubeProblem, type ManifestDoc, type ManifestFile } from './load';
import { sayKube, type KubeKey } from './say';
import { validateDoc } from './validate';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One object of the learner's manifests. */
export interface KubeObject {
  kind: string;
  name: string;
  data: Obj;
  doc: ManifestDoc;
}

export interface Manifests {
  files: ManifestFile[];
  objects: KubeObject[];
  /** Every problem, per file, in file order (YAML syntax, then each document's). */
  problems: Map<string, KubeProblem[]>;
  missing?: string;
}

/** Read and validate the workspace's manifests (one file, or all of them). */
export async function readManifests(workspace: string, file?: string): Promise<Manifests> {
  const { files, missing } = loadManifests(workspace, file);
  const problems = new Map<string, KubeProblem[]>();
  const objects: KubeObject[] = [];
  for (const f of files) {
    const ps = [...f.problems];
    for (const d of f.docs) {
      ps.push(...(await validateDoc(d)));
      const o = d.data as Obj;
      const meta = isObj(o?.metadata) ? o.metadata : {};
      if (isObj(o) && typeof o.kind === 'string' && typeof meta.name === 'string') {
        const twin = objects.find((x) => x.kind === o.kind && x.name === meta.name);
        if (twin) {
          const at = locate(twin.doc, ['metadata', 'name']);
          ps.push({ file: f.file, ...locate(d, ['metadata', 'name']), parts: [{ key: 'duplicateObject', vars: { kind: o.kind, name: meta.name, other: `${twin.doc.file}:${at.line}` } }] });
        }
        objects.push({ kind: o.kind, name: meta.name, data: o, doc: d });
      }
    }
    problems.set(f.file, ps);
  }
  return { files, objects, problems, missing };
}

/** `Kind/name` of each object, for "found ..." evidence. */
export const listObjects = (objs: KubeObject[], L: Lang | undefined): string => (objs.length ? objs.map((o) => `${o.kind}/${o.name}`).join(', ') : sayKube(L, 'nothing'));

/** `file:line` of a part of an object. */
export function where(o: KubeObject, path: FieldPath, at: 'key' | 'value' = 'value'): string {
  const p = locate(o.doc, path, at);
  return `${o.doc.file}:${p.line}`;
}

/** The problems of a file, as evidence: the first three, and how many more. */
export function problemsText(file: string, ps: KubeProblem[], L: Lang | undefined): string {
  const shown = ps.slice(0, 3).map((p) => problemText(p, L)).join('; ');
  return sayKube(L, 'invalidSummary', { file, problems: shown }) + (ps.length > 3 ? sayKube(L, 'moreProblems', { n: ps.length - 3 }) : '');
}

const fail = (expected: string, actual: string): Outcome => ({ pass: false, expected, actual });
export const isOutcome = (x: unknown): x is Outcome => isObj(x) && typeof x.pass === 'boolean' && 'expected' in x;

/**
 * The object a check is about, from a valid file: a check never grades a part of a manifest the
 * API server would refuse. Fails with the file's first problems, or what objects there are.
 */
export async function requireObject(workspace: string, ref: string, file: string | undefined, expected: string, L: Lang | undefined): Promise<{ m: Manifests; o: KubeObject } | Outcome> {
  const m = await readManifests(workspace, file);
  if (m.missing) return fail(expected, sayKube(L, 'noFile', { file: m.missing }));
  if (!m.files.length) return fail(expected, sayKube(L, 'noManifests'));
  const [kind, name] = ref.split('/');
  const o = m.objects.find((x) => x.kind === kind && x.name === name);
  const home = o ? o.doc.file : undefined;
  // The object's own file must be valid; with no such object, any file's problems may be why.
  for (const [f, ps] of m.problems) if (ps.length && (!home || f === home)) return fail(expected, problemsText(f, ps, L));
  if (!o) return fail(expected, sayKube(L, 'noObject', { object: ref, where: file ?? sayKube(L, 'inWorkspace'), objects: listObjects(m.objects, L) }));
  return { m, o };
}

/** The pod template of a workload. */
export function podSpecOf(o: KubeObject): { spec: Obj; path: FieldPath; labels: Obj } | null {
  if (o.kind === 'Pod' && isObj(o.data.spec)) return { spec: o.data.spec, path: ['spec'], labels: (isObj(o.data.metadata) && isObj(o.data.metadata.labels) ? o.data.metadata.labels : {}) };
  if ((o.kind === 'Deployment' || o.kind === 'ReplicaSet') && isObj(o.data.spec) && isObj(o.data.spec.template)) {
    const t = o.data.spec.template;
    if (!isObj(t.spec)) return null;
    return { spec: t.spec, path: ['spec', 'template', 'spec'], labels: isObj(t.metadata) && isObj(t.metadata.labels) ? t.metadata.labels : {} };
  }
  return null;
}

/** A container of a workload (by name, or its first), with its path. */
export function requireContainer(o: KubeObject, name: string | undefined, expected: string, L: Lang | undefined): { c: Obj; path: FieldPath; name: string } | Outcome {
  const ps = podSpecOf(o);
  if (!ps) return fail(expected, sayKube(L, 'notAWorkload', { object: `${o.kind}/${o.name}` }));
  const cs = (Array.isArray(ps.spec.containers) ? ps.spec.containers : []).filter(isObj);
  const i = name === undefined ? 0 : cs.findIndex((c) => c.name === name);
  if (i < 0 || !cs[i]) return fail(expected, sayKube(L, 'noContainer', { object: `${o.kind}/${o.name}`, name: name ?? '', names: cs.map((c) => String(c.name)).join(', ') || sayKube(L, 'nothing') }));
  return { c: cs[i], path: [...ps.path, 'containers', i], name: String(cs[i].name) };
}

/** The ports a container declares: numbers and names. */
export function declaredPorts(c: Obj): { numbers: number[]; names: string[]; text: string } {
  const ports = (Array.isArray(c.ports) ? c.ports : []).filter(isObj);
  const numbers = ports.map((p) => Number(p.containerPort)).filter((n) => Number.isInteger(n));
  const names = ports.map((p) => p.name).filter((n): n is string => typeof n === 'string');
  const text = ports.map((p) => (p.name ? `${String(p.containerPort)} (${String(p.name)})` : String(p.containerPort))).join(', ');
  return { numbers, names, text };
}

/** Does a port given as a number or a name refer to one of these ports? */
export const portDeclared = (port: unknown, d: ReturnType<typeof declaredPorts>): boolean =>
  typeof port === 'number' ? d.numbers.includes(port) : typeof port === 'string' ? (/^\d+$/.test(port) ? d.numbers.includes(Number(port)) : d.names.includes(port)) : false;

export const say = (L: Lang | undefined, key: KubeKey, vars?: Record<string, string | number>) => sayKube(L, key, vars);
