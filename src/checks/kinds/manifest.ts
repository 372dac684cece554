import { say, listObjects, problemsText, readManifests } from '../../kube/workspace';
import type { Evaluator } from '../types';

/** The file reads as YAML and every document would be accepted by a strict API server; it holds the named objects. */
export const manifest: Evaluator<'manifest'> = async (check, ctx) => {
  const L = ctx.lang;
  const expected = check.objects.length ? say(L, 'wantValidWith', { file: check.file, objects: check.objects.join(', ') }) : say(L, 'wantValid', { file: check.file });
  const m = await readManifests(ctx.workspace, check.file);
  if (m.missing) return { pass: false, expected, actual: say(L, 'noFile', { file: check.file }) };
  const ps = m.problems.get(check.file) ?? [];
  if (ps.length) return { pass: false, expected, actual: problemsText(check.file, ps, L) };
  if (!m.files[0]?.docs.length) return { pass: false, expected, actual: say(L, 'emptyFile', { file: check.file }) };
  const missing = check.objects.find((ref) => !m.objects.some((o) => `${o.kind}/${o.name}` === ref));
  if (missing) return { pass: false, expected, actual: say(L, 'missingObject', { file: check.file, object: missing, objects: listObjects(m.objects, L) }) };
  return { pass: true, expected, actual: say(L, 'validHas', { file: check.file, objects: listObjects(m.objects, L) }) };
};
