import { readFileSync } from 'node:fs';
import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { currentLearner } from '../sandbox/learner-values';
import { readRecords } from '../sandbox/session-file';
import { memberName, readGroupConfig, readGroupKey, writeGroupConfig, writeGroupKey } from '../course/group-config';
import { UserError } from '../errors';
import { keyId } from '../report/sign';

/**
 * `ctr-learn group key set <secret>` (or `--key-file FILE`): the key reports are signed with.
 * `ctr-learn group name set <name>`: the name on this member's reports. `ctr-learn group`: both,
 * the key shown only by its id.
 */
export async function run(args: Args): Promise<number> {
  const [what, verb, value] = args.positionals;
  if (what === 'key' && verb === 'set') {
    const file = args.flags['key-file'];
    const secret = typeof file === 'string' ? readFileSync(file, 'utf8') : value;
    if (!secret) throw new UserError('Which key?', 'ctr-learn group key set "<the secret the group shares>" (or --key-file FILE)');
    const written = writeGroupKey(secret);
    println(`Group key ${keyId(secret.trim())} saved to ${written} (only you can read it).`);
    return 0;
  }
  if (what === 'name' && verb === 'set') {
    if (!value) throw new UserError('Which name?', 'ctr-learn group name set "Jimin"');
    const before = currentLearner().short;
    writeGroupConfig({ name: value });
    println(`Your reports will say: ${value}`);
    // The lessons' names and ports are made from the member's name: a new one renames them.
    const after = currentLearner().short;
    if (after !== before && readRecords().length) {
      println(paint('warn', `Lessons now name your containers, networks and volumes with -${after} (it was -${before}).`));
      println(paint('muted', `What you made before keeps its old name, and a step in progress will not find it: ctr-learn reset <lesson> starts that lesson afresh (ctr-learn clean --all: every lesson).`));
    }
    return 0;
  }
  if (what !== undefined) throw new UserError(`group ${args.positionals.join(' ')}: unknown.`, 'ctr-learn group key set <secret>, ctr-learn group name set <name>, or ctr-learn group');
  const key = readGroupKey();
  const shown = { name: memberName(), course: readGroupConfig().course ?? null, key: key ? keyId(key) : null };
  if (args.flags.json) printJson(shown);
  else println(`name: ${shown.name}\ncourse: ${shown.course ?? 'the shipped one'}\nkey: ${shown.key ?? 'none (ctr-learn group key set <secret>)'}`);
  return 0;
}
