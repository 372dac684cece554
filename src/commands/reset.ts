import { hostname } from 'node:os';
import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { UserError } from '../errors';
import { quickCatalog } from '../lessons/cache';
import { findLesson } from '../lessons/find';
import { LABEL } from '../sandbox/labels';
import { isEmpty, planRemoval, removeObjects } from '../sandbox/remove';
import { readRecords } from '../sandbox/session-file';
import { connect } from './context';

/** Remove one lesson's sandbox objects (every session on this machine). Never anything else. */
export async function run(args: Args): Promise<number> {
  const id = args.positionals[0];
  if (!id) throw new UserError('Which lesson?', 'ctr-learn reset <lesson>');
  const lesson = findLesson((await quickCatalog()).lessons, id);
  const api = connect();
  try {
    const records = readRecords().filter((r) => r.host === hostname());
    const refs = records.flatMap((r) => Object.entries(r.imageRefs).filter(([, l]) => l === lesson.id).map(([ref]) => ref));
    const vols = records.flatMap((r) => Object.entries(r.volumes).filter(([, l]) => l === lesson.id).map(([v]) => v));
    const plan = await planRemoval(api, [`${LABEL.lesson}=${lesson.id}`], refs);
    plan.volumes.push(...vols);
    const protectedIds = new Set(records.flatMap((r) => r.preexistingImageIds));
    const done = await removeObjects(api, plan, protectedIds);
    if (args.flags.json) printJson({ lesson: lesson.id, removed: done });
    else if (isEmpty(done)) println(`Nothing to remove for ${lesson.id}.`);
    else {
      println(`Removed from the sandbox of ${lesson.id}:`);
      for (const [kind, names] of Object.entries(done)) if (names.length) println(`  ${kind}: ${names.join(', ')}`);
      println(paint('muted', 'Your workspace files are kept.'));
    }
    return 0;
  } finally {
    api.close();
  }
}
