import { isObj, isOutcome, listObjects, requireContainer, requireObject, say, where, type KubeObject, type Manifests, type Obj } from '../../kube/workspace';
import type { Lang } from '../../lessons/schema';
import type { Evaluator, Outcome } from '../types';

const KIND = { secret: 'Secret', configMap: 'ConfigMap' } as const;

/** Where a variable comes from, in words: `Secret "db" key "password"`, `envFrom ConfigMap "app"`, `a literal value`. */
interface Origin {
  from: 'secret' | 'configMap' | 'value' | 'other';
  source?: string;
  key?: string;
  value?: string;
  path: (string | number)[];
  text: string;
}

function originOf(c: Obj, cpath: (string | number)[], name: string): Origin | null {
  const env = (Array.isArray(c.env) ? c.env : []).filter(isObj);
  // The last entry of a name wins, and env wins over envFrom.
  for (let i = env.length - 1; i >= 0; i--) {
    const e = env[i];
    if (e.name !== name) continue;
    const path = [...cpath, 'env', i];
    const vf = isObj(e.valueFrom) ? e.valueFrom : null;
    if (vf && isObj(vf.secretKeyRef)) return { from: 'secret', source: String(vf.secretKeyRef.name), key: String(vf.secretKeyRef.key), path, text: `secretKeyRef Secret "${String(vf.secretKeyRef.name)}" key "${String(vf.secretKeyRef.key)}"` };
    if (vf && isObj(vf.configMapKeyRef)) return { from: 'configMap', source: String(vf.configMapKeyRef.name), key: String(vf.configMapKeyRef.key), path, text: `configMapKeyRef ConfigMap "${String(vf.configMapKeyRef.name)}" key "${String(vf.configMapKeyRef.key)}"` };
    if (vf) return { from: 'other', path, text: `valueFrom ${Object.keys(vf).join(', ')}` };
    return { from: 'value', value: String(e.value ?? ''), path, text: `value "${String(e.value ?? '')}"` };
  }
  return null;
}

function fromEnvFrom(c: Obj, cpath: (string | number)[], name: string, m: Manifests): Origin | null {
  const list = (Array.isArray(c.envFrom) ? c.envFrom : []).filter(isObj);
  for (let i = list.length - 1; i >= 0; i--) {
    const ef = list[i];
    const prefix = typeof ef.prefix === 'string' ? ef.prefix : '';
    if (prefix && !name.startsWith(prefix)) continue;
    const key = name.slice(prefix.length);
    for (const k of ['secretRef', 'configMapRef'] as const) {
      const ref = ef[k];
      if (!isObj(ref)) continue;
      const kind = k === 'secretRef' ? 'Secret' : 'ConfigMap';
      const src = m.objects.find((o) => o.kind === kind && o.name === ref.name);
      // Without the object in the workspace, the key cannot be known: envFrom counts only when it holds it.
      if (src && keysOf(src).includes(key)) {
        return { from: k === 'secretRef' ? 'secret' : 'configMap', source: String(ref.name), key, path: [...cpath, 'envFrom', i], text: `envFrom ${kind} "${String(ref.name)}"${prefix ? ` prefix "${prefix}"` : ''} key "${key}"` };
      }
    }
  }
  return null;
}

/** The keys of a Secret (data and stringData) or a ConfigMap (data and binaryData). */
export const keysOf = (o: KubeObject): string[] => ['data', 'stringData', 'binaryData'].flatMap((f) => (isObj(o.data[f]) ? Object.keys(o.data[f] as Obj) : []));

function envNames(c: Obj, L: Lang | undefined): { names: string; envFrom: string } {
  const env = (Array.isArray(c.env) ? c.env : []).filter(isObj).map((e) => String(e.name));
  const ef = (Array.isArray(c.envFrom) ? c.envFrom : []).filter(isObj).map((e) => (isObj(e.secretRef) ? `Secret "${String(e.secretRef.name)}"` : isObj(e.configMapRef) ? `ConfigMap "${String(e.configMapRef.name)}"` : '?'));
  return { names: env.join(', ') || say(L, 'nothing'), envFrom: ef.length ? say(L, 'envFromList', { list: ef.join(', ') }) : '' };
}

export const kubeEnv: Evaluator<'kube-env'> = async (check, ctx) => {
  const L = ctx.lang;
  const parts: string[] = [];
  if (check.from === 'value') parts.push(say(L, 'wantEnvValue', { name: check.name, value: check.value ?? '' }));
  else {
    parts.push(check.source && check.key ? say(L, 'wantEnvFrom', { name: check.name, from: KIND[check.from], source: check.source, key: check.key }) : say(L, 'wantEnvFromAny', { name: check.name, from: KIND[check.from] }));
    if (check.sourceInWorkspace && check.source && check.key) parts.push(say(L, 'wantSourceHasKey', { from: KIND[check.from], source: check.source, key: check.key }));
  }
  const expected = parts.join(', ');
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const c = requireContainer(found.o, check.container, expected, L);
  if (isOutcome(c)) return c;
  const origin = originOf(c.c, c.path, check.name) ?? fromEnvFrom(c.c, c.path, check.name, found.m);
  if (!origin) return fail(say(L, 'envMissing', { container: c.name, at: where(found.o, c.path), name: check.name, ...envNames(c.c, L) }));
  const at = where(found.o, origin.path);
  if (check.from === 'value') {
    if (origin.from !== 'value' || (check.value !== undefined && origin.value !== check.value)) return fail(say(L, 'envIs', { name: check.name, actual: origin.text, at }));
    return { pass: true, expected, actual: say(L, 'envValueIs', { name: check.name, value: origin.value ?? '', at }) };
  }
  if (origin.from === 'value') return fail(say(L, 'envLiteral', { name: check.name, at, value: origin.value ?? '' }));
  if (origin.from !== check.from || (check.source && origin.source !== check.source) || (check.key && origin.key !== check.key)) return fail(say(L, 'envFromWrong', { name: check.name, actual: origin.text, at }));
  if (check.sourceInWorkspace) {
    const kind = KIND[check.from];
    const src = found.m.objects.find((o) => o.kind === kind && o.name === origin.source);
    if (!src) return fail(say(L, 'sourceMissing', { from: kind, source: origin.source ?? '', objects: listObjects(found.m.objects, L) }));
    const keys = keysOf(src);
    if (!keys.includes(origin.key ?? '')) return fail(say(L, 'sourceNoKey', { from: kind, source: src.name, key: origin.key ?? '', keys: keys.join(', ') || say(L, 'nothing'), at: where(src, ['metadata', 'name']) }));
  }
  return { pass: true, expected, actual: say(L, 'envIs', { name: check.name, actual: origin.text, at }) };
};
