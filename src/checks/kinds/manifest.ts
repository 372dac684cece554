import { say, listObjects, problemsText, readManifests } from '../../kube/workspace';
import type { Evaluator } from '../types';

/**
 * The file (or every .yaml file of the workspace) reads as YAML and every document would be
 * accepted by a strict API server; together they hold the named objects.
 */
export const manifest: Evaluator<'manifest'> = async (check, ctx) => {
  const L = ctx.lang;
  const file = check.file ?? say(L, 'allYaml');
  const expected = check.objects.length ? say(L, 'wantValidWith', { file, objects: check.objects.join(', ') }) : say(L, 'wantValid', { file });
  const m = await readManifests(ctx.workspace, check.file);
  if (m.missing) return { pass: false, expected, actual: say(L, 'noFile', { file }) };
  if (!m.files.length) return { pass: false, expected, actual: say(L, 'noManifests') };
  for (const [f, ps] of m.problems) if (ps.length) return { pass: false, expected, actual: problemsText(f, ps, L) };
  const empty = m.files.find((f) => !f.docs.length);
  if (check.file && empty) return { pass: false, expected, actual: say(L, 'emptyFile', { file: empty.file }) };
  const missing = check.objects.find((ref) => !m.objects.some((o) => `${o.kind}/${o.name}` === ref));
  if (missing) return { pass: false, expected, actual: say(L, 'missingObject', { file, object: missing, objects: listObjects(m.objects, L) }) };
  return { pass: true, expected, actual: say(L, 'validHas', { file, objects: listObjects(m.objects, L) }) };
};
