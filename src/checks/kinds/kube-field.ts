import { isOutcome, listObjects, requireObject, say, where } from '../../kube/workspace';
import type { Evaluator, Outcome } from '../types';

export const kubeField: Evaluator<'kube-field'> = async (check, ctx) => {
  const L = ctx.lang;
  const parts: string[] = [];
  if (check.equals !== undefined) parts.push(say(L, 'wantFieldEquals', { path: check.path, value: String(check.equals) }));
  if (check.refersTo) parts.push(say(L, 'wantFieldRefers', { path: check.path, kind: check.refersTo }));
  const expected = parts.join(', ') || say(L, 'wantFieldEquals', { path: check.path, value: '…' });
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const path = check.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], found.o.data);
  if (value === undefined || value === null) return fail(say(L, 'fieldMissing', { path: check.path, object: check.object, at: where(found.o, [], 'value') }));
  const at = where(found.o, path);
  const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const is = say(L, 'fieldIs', { path: check.path, value: shown, at });
  if (check.equals !== undefined && value !== check.equals) return fail(is);
  if (check.refersTo && !found.m.objects.some((o) => o.kind === check.refersTo && o.name === value)) {
    return fail(say(L, 'fieldRefersNothing', { path: check.path, value: shown, at, kind: check.refersTo, objects: listObjects(found.m.objects, L) }));
  }
  return { pass: true, expected, actual: is };
};
