import { didYouMean } from './did-you-mean';
import { problemAt, showPath, type FieldPath, type KubeProblem, type ManifestDoc } from './load';
import { FIELD_TYPES, KIND_TYPES, KNOWN_KINDS, modelFor, type SchemaError } from './models';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Unknown fields, found by walking the object beside the model's attribute types: the models
 * accept any extra field, a strict API server (kubectl's default field validation) refuses it.
 */
function unknownFields(d: ManifestDoc, value: unknown, type: string, path: FieldPath, out: KubeProblem[]): void {
  const t = type.replace(/^!/, '');
  if (!t) return;
  if (t.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(d, v, t.slice(2), [...path, i], out));
    return;
  }
  if (t.startsWith('{}')) {
    if (isObj(value)) for (const [k, v] of Object.entries(value)) unknownFields(d, v, t.slice(2), [...path, k], out);
    return;
  }
  const fields = FIELD_TYPES[t];
  if (!fields || !isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k in fields) {
      unknownFields(d, v, fields[k], [...path, k], out);
      continue;
    }
    const near = didYouMean(k, Object.keys(fields));
    const parts: KubeProblem['parts'] = [{ key: 'unknownField', vars: { at: showPath(path), field: k } }];
    if (near) parts.push({ key: 'didYouMean', vars: { near } });
    out.push(problemAt(d, [...path, k], 'key', parts));
  }
}

const segments = (pointer: string): FieldPath =>
  pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

const getAt = (data: unknown, path: FieldPath): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], data);

const typeWord = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : isObj(v) ? 'a map' : typeof v === 'string' ? `the string "${v}"` : `${typeof v} ${String(v)}`);

/** The model's schema errors, at the learner's lines. */
function schemaProblem(d: ManifestDoc, e: SchemaError): KubeProblem {
  const path = segments(e.instancePath);
  const at = showPath(path);
  const got = getAt(d.data, path);
  switch (e.keyword) {
    case 'type':
      return problemAt(d, path, 'value', [{ key: 'wrongType', vars: { at, type: String(e.params.type), got: typeWord(got) } }]);
    case 'enum':
      return problemAt(d, path, 'value', [{ key: 'wrongEnum', vars: { at, got: String(got), allowed: (e.params.allowedValues as unknown[]).join(', ') } }]);
    case 'required':
      return problemAt(d, path, 'value', [{ key: 'missingField', vars: { at, field: String(e.params.missingProperty) } }]);
    case 'format':
      return problemAt(d, path, 'value', [{ key: 'badFormat', vars: { at, got: String(got), format: String(e.params.format) } }]);
    default:
      return problemAt(d, path, 'value', [{ key: 'schemaOther', vars: { at, message: e.message ?? e.keyword } }]);
  }
}

/** The pod spec a workload runs, and where it is: a Pod's spec, a Deployment's or ReplicaSet's template. */
export function podSpecPath(kind: unknown): FieldPath | null {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'Deployment' || kind === 'ReplicaSet') return ['spec', 'template', 'spec'];
  return null;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];

/** What the API server checks beyond the schema, for the fields the lessons use. */
function serverRules(d: ManifestDoc, obj: Obj, out: KubeProblem[]): void {
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  if (typeof meta.name !== 'string' || !meta.name) {
    if (!meta.generateName) out.push(problemAt(d, ['metadata'], 'key', [{ key: 'noName' }]));
  } else if (meta.name.length > 253 || !NAME.test(meta.name)) out.push(problemAt(d, ['metadata', 'name'], 'value', [{ key: 'badName', vars: { name: meta.name } }]));

  const specPath = podSpecPath(obj.kind);
  const spec = specPath && getAt(obj, specPath);
  if (specPath && isObj(spec)) {
    if (Array.isArray(spec.containers) && spec.containers.length === 0) out.push(problemAt(d, [...specPath, 'containers'], 'value', [{ key: 'noContainers', vars: { at: showPath([...specPath, 'containers']) } }]));
    for (const list of ['initContainers', 'containers'] as const) {
      const cs = spec[list];
      if (!Array.isArray(cs)) continue;
      const seen = new Set<string>();
      cs.forEach((c, i) => {
        if (!isObj(c)) return;
        const at: FieldPath = [...specPath, list, i];
        if (typeof c.image !== 'string' || !c.image.trim()) out.push(problemAt(d, c.image === undefined ? at : [...at, 'image'], 'value', [{ key: 'missingImage', vars: { at: showPath(at), name: String(c.name ?? i) } }]));
        if (typeof c.name === 'string') {
          if (seen.has(c.name)) out.push(problemAt(d, [...at, 'name'], 'value', [{ key: 'duplicateName', vars: { at: showPath(at), name: c.name } }]));
          seen.add(c.name);
        }
        for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
          const p = c[probe];
          if (!isObj(p)) continue;
          handlerRule(d, p, [...at, probe], ['exec', 'httpGet', 'tcpSocket', 'grpc'], out);
          if (probe !== 'readinessProbe' && p.successThreshold !== undefined && p.successThreshold !== 1) {
            out.push(problemAt(d, [...at, probe, 'successThreshold'], 'value', [{ key: 'successThresholdOne', vars: { at: showPath([...at, probe, 'successThreshold']), probe: probe.replace('Probe', '') } }]));
          }
        }
        // A mount of a volume the pod does not declare is refused (volumeMounts[].name: Not found).
        const volumes = new Set((Array.isArray(spec.volumes) ? spec.volumes : []).filter(isObj).map((v) => v.name));
        (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((m, j) => {
          if (isObj(m) && typeof m.name === 'string' && !volumes.has(m.name)) out.push(problemAt(d, [...at, 'volumeMounts', j, 'name'], 'value', [{ key: 'mountNoVolume', vars: { at: showPath([...at, 'volumeMounts', j, 'name']), name: m.name, names: [...volumes].join(', ') || '-' } }]));
        });
        const lc = c.lifecycle;
        if (isObj(lc)) for (const hook of ['postStart', 'preStop']) if (isObj(lc[hook])) handlerRule(d, lc[hook] as Obj, [...at, 'lifecycle', hook], ['exec', 'httpGet', 'tcpSocket', 'sleep'], out);
      });
    }
  }
  // A Deployment or ReplicaSet whose selector does not select its own pods is refused.
  if ((obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') && isObj(obj.spec) && isObj(obj.spec.selector)) {
    const labels = getAt(obj, ['spec', 'template', 'metadata', 'labels']);
    const sel = obj.spec.selector;
    if (!selects(sel, isObj(labels) ? (labels as Record<string, string>) : {})) {
      out.push(problemAt(d, ['spec', 'template', 'metadata', 'labels'], 'value', [{ key: 'selectorMismatch', vars: { at: 'spec.template.metadata.labels', selector: showSelector(sel), labels: showLabels(isObj(labels) ? labels : {}) } }]));
    }
  }
}

function handlerRule(d: ManifestDoc, h: Obj, at: FieldPath, allowed: string[], out: KubeProblem[]): void {
  const has = HANDLERS.filter((k) => h[k] !== undefined && h[k] !== null);
  if (has.length > 1) out.push(problemAt(d, at, 'key', [{ key: 'oneHandler', vars: { at: showPath(at), handlers: has.join(', ') } }]));
  if (has.length === 0) out.push(problemAt(d, at, 'key', [{ key: 'noHandler', vars: { at: showPath(at), more: allowed.filter((k) => !['exec', 'httpGet', 'tcpSocket'].includes(k)).map((k) => `, ${k}`).join('') } }]));
}

/** A label selector (matchLabels and matchExpressions) against a set of labels. An empty selector selects everything. */
export function selects(sel: Obj, labels: Record<string, unknown>): boolean {
  const ml = isObj(sel.matchLabels) ? sel.matchLabels : {};
  if (!Object.entries(ml).every(([k, v]) => String(labels[k]) === String(v) && k in labels)) return false;
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.filter(isObj) : [];
  return exprs.every((e) => {
    const key = String(e.key);
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    switch (e.operator) {
      case 'In': return key in labels && values.includes(String(labels[key]));
      case 'NotIn': return !(key in labels) || !values.includes(String(labels[key]));
      case 'Exists': return key in labels;
      case 'DoesNotExist': return !(key in labels);
      default: return false;
    }
  });
}

export const showLabels = (l: Record<string, unknown>): string => (Object.keys(l).length ? `{${Object.entries(l).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}}` : '{}');

export function showSelector(sel: Obj): string {
  const parts = Object.entries(isObj(sel.matchLabels) ? sel.matchLabels : {}).map(([k, v]) => `${k}: ${String(v)}`);
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions.filter(isObj) : []) parts.push(`${String(e.key)} ${String(e.operator)}${Array.isArray(e.values) ? ` (${e.values.join(', ')})` : ''}`);
  return `{${parts.join(', ')}}`;
}

/** Sort by position, one problem per place and message. */
const ordered = (ps: KubeProblem[]): KubeProblem[] => {
  const seen = new Set<string>();
  return ps
    .sort((a, b) => a.line - b.line || a.col - b.col)
    .filter((p) => {
      const k = `${p.line}:${p.col}:${JSON.stringify(p.parts)}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
};

/**
 * Validate one document the way a strict API server would: a known apiVersion and kind, no
 * unknown field (with "did you mean"), the schema's types, enums and required fields, and the
 * server's own rules for what the lessons use (names, images, probe handlers, selectors).
 */
export async function validateDoc(d: ManifestDoc): Promise<KubeProblem[]> {
  if (!isObj(d.data)) return [problemAt(d, [], 'value', [{ key: 'notAnObject', vars: { what: typeWord(d.data) } }])];
  const obj = d.data;
  const kind = obj.kind;
  if (typeof kind !== 'string' || !kind) return [problemAt(d, [], 'value', [{ key: 'noKind' }])];
  const want = KNOWN_KINDS[kind];
  if (!want) {
    const near = didYouMean(kind, Object.keys(KNOWN_KINDS));
    return [problemAt(d, ['kind'], 'value', [{ key: 'unknownKind', vars: { kind, known: Object.keys(KNOWN_KINDS).join(', ') } }, ...(near ? [{ key: 'didYouMean' as const, vars: { near } }] : [])])];
  }
  if (obj.apiVersion === undefined) return [problemAt(d, [], 'value', [{ key: 'noApiVersion', vars: { kind, want: `apiVersion: ${want}` } }])];
  const model = modelFor(String(obj.apiVersion), kind);
  if (!model) return [problemAt(d, ['apiVersion'], 'value', [{ key: 'wrongApiVersion', vars: { kind, apiVersion: String(obj.apiVersion), want: `apiVersion: ${want}` } }])];
  const out: KubeProblem[] = [];
  unknownFields(d, obj, KIND_TYPES[`${String(obj.apiVersion)}/${kind}`], [], out);
  const validate = await model();
  out.push(...validate(obj).map((e) => schemaProblem(d, e)));
  serverRules(d, obj, out);
  return ordered(out);
}
