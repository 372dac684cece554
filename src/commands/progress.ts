import { readFileSync } from 'node:fs';
import type { Args } from '../cli/args';
import { printJson, println } from '../cli/output';
import { UserError } from '../errors';
import { pickLang } from '../i18n/lang';
import { fill } from '../i18n/strings';
import { writeJsonAtomically } from '../paths';
import { openProgress, ProgressFile, type ProgressData } from '../progress/store';

/** The export file: the progress data with a header saying what it is. */
const EXPORT_FORMAT = 'ctr-learn-progress';

const passedSteps = (d: ProgressData) => Object.values(d.lessons).reduce((n, l) => n + Object.values(l.steps).filter((s) => s.passedAt).length, 0);

/**
 * `ctr-learn progress export FILE` / `import FILE`: carry progress between computers. Import
 * merges (src/progress/merge.ts): a passed step is never lost, and importing twice changes nothing.
 */
export async function run(args: Args): Promise<number> {
  const [sub, file] = args.positionals;
  if ((sub !== 'export' && sub !== 'import') || !file) throw new UserError('progress needs export or import and a file.', 'ctr-learn progress export my-progress.json, then on the other computer: ctr-learn progress import my-progress.json');
  const { store } = openProgress();
  const lang = pickLang(args, store.data().lang);
  if (sub === 'export') {
    const data = store.data();
    writeJsonAtomically(file, { format: EXPORT_FORMAT, formatVersion: 1, exportedAt: new Date().toISOString(), progress: data });
    if (args.flags.json) printJson({ file, lessons: Object.keys(data.lessons).length, stepsPassed: passedSteps(data) });
    else println(fill(lang, 'progressExported', { lessons: Object.keys(data.lessons).length, file }));
    return 0;
  }
  const incoming = readExport(file);
  const before = passedSteps(store.data());
  store.mergeIn(incoming);
  const after = passedSteps(store.data());
  if (args.flags.json) printJson({ file, newlyPassed: after - before, stepsPassed: after });
  else println(fill(lang, 'progressImported', { file, newly: after - before, passed: after }));
  return 0;
}

function readExport(file: string): ProgressData {
  let raw: { format?: unknown; formatVersion?: unknown; progress?: unknown };
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`, 'use the file ctr-learn progress export wrote');
  }
  if (raw?.format !== EXPORT_FORMAT) throw new UserError(`${file} is not a ctr-learn progress export.`, 'use the file ctr-learn progress export wrote');
  if (raw.formatVersion !== 1) throw new UserError(`${file}: export format ${String(raw.formatVersion)} is newer than this ctr-learn knows.`, 'update ctr-learn on this computer');
  const parsed = ProgressFile.safeParse(raw.progress);
  if (!parsed.success) throw new UserError(`${file}: the progress in it does not fit (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`, 'export it again on the other computer');
  return parsed.data;
}
