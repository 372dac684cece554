import { isObj, isOutcome, listObjects, podSpecOf, requireContainer, requireObject, say, where, type KubeObject, type Obj } from '../../kube/workspace';
import type { Lang } from '../../lessons/schema';
import type { Evaluator, Outcome } from '../types';

const SOURCE_NAME: Record<string, string> = { persistentVolumeClaim: 'claimName', configMap: 'name', secret: 'secretName' };
const SOURCE_KIND: Record<string, string> = { persistentVolumeClaim: 'PersistentVolumeClaim', configMap: 'ConfigMap', secret: 'Secret' };

const UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
/** A quantity like 1Gi or 500M, in bytes (NaN if it is not one). */
export function bytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  return m ? Number(m[1]) * UNITS[m[2] ?? ''] : NaN;
}

/** Why a claim could not bind a volume, or null when it could (class, access modes, size, volumeName). */
function bindProblem(claim: KubeObject, pv: KubeObject, L: Lang | undefined): string | null {
  const cs = isObj(claim.data.spec) ? claim.data.spec : {};
  const ps = isObj(pv.data.spec) ? pv.data.spec : {};
  if (typeof cs.volumeName === 'string' && cs.volumeName !== pv.name) return say(L, 'whyVolumeName', { a: cs.volumeName });
  const ca = String(cs.storageClassName ?? '');
  const pa = String(ps.storageClassName ?? '');
  if (ca !== pa) return say(L, 'whyClass', { a: ca, b: pa });
  const cm = (Array.isArray(cs.accessModes) ? cs.accessModes : []).map(String);
  const pm = (Array.isArray(ps.accessModes) ? ps.accessModes : []).map(String);
  if (!cm.every((m) => pm.includes(m))) return say(L, 'whyModes', { a: cm.join(', '), b: pm.join(', ') });
  const want = isObj(cs.resources) && isObj(cs.resources.requests) ? cs.resources.requests.storage : undefined;
  const have = isObj(ps.capacity) ? ps.capacity.storage : undefined;
  if (!(bytes(want) <= bytes(have))) return say(L, 'whySize', { a: String(want), b: String(have) });
  return null;
}

export const kubeVolume: Evaluator<'kube-volume'> = async (check, ctx) => {
  const L = ctx.lang;
  const parts = [say(L, 'wantMount', { mountPath: check.mountPath, source: check.source, name: check.sourceName ? ` "${check.sourceName}"` : '' }) + (check.readOnly ? say(L, 'wantReadOnly') : '')];
  if (check.persistentVolume) parts.push(say(L, 'wantClaimBinds', { claim: check.sourceName ?? '?', pv: check.persistentVolume }));
  const expected = parts.join(', ');
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const c = requireContainer(found.o, check.container, expected, L);
  if (isOutcome(c)) return c;
  const mounts = (Array.isArray(c.c.volumeMounts) ? c.c.volumeMounts : []).filter(isObj);
  const i = mounts.findIndex((m) => String(m.mountPath).replace(/\/$/, '') === check.mountPath.replace(/\/$/, ''));
  if (i < 0) return fail(say(L, 'noMount', { container: c.name, at: where(found.o, c.path), mountPath: check.mountPath, mounts: mounts.map((m) => `${String(m.mountPath)} (${String(m.name)})`).join(', ') || say(L, 'nothing') }));
  const mount = mounts[i];
  const mAt = where(found.o, [...c.path, 'volumeMounts', i]);
  const spec = podSpecOf(found.o)!;
  const vols = (Array.isArray(spec.spec.volumes) ? spec.spec.volumes : []).filter(isObj);
  const v = vols.find((x) => x.name === mount.name);
  if (!v) return fail(say(L, 'noVolumeNamed', { at: mAt, name: String(mount.name), names: vols.map((x) => String(x.name)).join(', ') || say(L, 'nothing') }));
  const type = Object.keys(v).find((k) => k !== 'name') ?? '?';
  const src = isObj(v[type]) ? (v[type] as Obj) : {};
  const srcName = SOURCE_NAME[type] ? src[SOURCE_NAME[type]] : undefined;
  const is = say(L, 'mountIs', { mountPath: check.mountPath, source: type, name: srcName ? ` "${String(srcName)}"` : '', at: mAt });
  if (type !== check.source || (check.sourceName && srcName !== check.sourceName)) return fail(is);
  if (check.readOnly !== undefined && Boolean(mount.readOnly) !== check.readOnly) return fail(say(L, 'mountNotReadOnly', { mountPath: check.mountPath, at: mAt }));
  const notes = [is];
  if (check.sourceInWorkspace && SOURCE_KIND[type]) {
    const o = found.m.objects.find((x) => x.kind === SOURCE_KIND[type] && x.name === srcName);
    if (!o) return fail(say(L, 'sourceMissing', { from: SOURCE_KIND[type], source: String(srcName), objects: listObjects(found.m.objects, L) }));
    if (check.persistentVolume) {
      const pv = found.m.objects.find((x) => x.kind === 'PersistentVolume' && x.name === check.persistentVolume);
      if (!pv) return fail(say(L, 'sourceMissing', { from: 'PersistentVolume', source: check.persistentVolume, objects: listObjects(found.m.objects, L) }));
      const why = bindProblem(o, pv, L);
      if (why) return fail(`${say(L, 'claimMismatch', { claim: o.name, pv: pv.name, why })} (${where(o, ['spec'], 'key')}, ${where(pv, ['spec'], 'key')})`);
      const cs = o.data.spec as Obj;
      const ps = pv.data.spec as Obj;
      notes.push(say(L, 'claimBinds', { size: String((cs.resources as Obj)?.requests && ((cs.resources as Obj).requests as Obj).storage), modes: String(cs.accessModes), pv: pv.name, pvSize: String((ps.capacity as Obj)?.storage), pvModes: String(ps.accessModes) }));
    }
  }
  return { pass: true, expected, actual: notes.join('; ') };
};
