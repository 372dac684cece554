import { say } from '../../i18n/evidence';
import type { CheckOf, Lang } from '../../lessons/schema';
import { lstatSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findLine, startOf } from '../evidence';
import type { LabFile } from '../../sandbox/lab';
import type { Evaluator, Outcome } from '../types';
import { isOutcome, requireContainer } from './container';

function judge(
  check: CheckOf<'volume-file'> | CheckOf<'container-file'> | CheckOf<'workspace-file'>,
  where: string,
  file: LabFile | null,
  L: Lang | undefined,
): Outcome {
  const parts = [say(L, check.exists ? 'fileExists' : 'fileMissing', { where })];
  if (check.includes) parts.push(say(L, 'fileContaining', { text: check.includes }));
  if (check.matches) parts.push(say(L, 'fileMatching', { re: check.matches }));
  if (check.notMatching) parts.push(say(L, 'fileNotMatching', { re: check.notMatching }));
  const expected = parts.join(' ');
  if (!file) return { pass: !check.exists, expected, actual: say(L, 'fileMissing', { where }) };
  if (!check.exists) return { pass: false, expected, actual: say(L, 'fileExists', { where }) };
  if (file.type === 'dir') return { pass: false, expected, actual: say(L, 'fileIsDir', { where }) };
  const content = file.content;
  const includes = check.includes === undefined || content.includes(check.includes);
  const re = check.matches === undefined ? null : new RegExp(check.matches, 'm');
  const matches = !re || re.test(content);
  // Line by line, like findLine: the evidence names the line that still matches.
  const still = check.notMatching === undefined ? null : findLine(content, new RegExp(check.notMatching));
  // The evidence is the part that decided: the line that holds the text (or matches), with its
  // number; or, when none does, the start of the file.
  let actual: string;
  if (!includes) actual = say(L, 'fileNoLineWith', { where, text: check.includes!, content: startOf(content) });
  else if (!matches) actual = say(L, 'fileNoLineMatching', { where, re: check.matches!, content: startOf(content) });
  else if (still) actual = say(L, 'fileStillMatches', { where, re: check.notMatching!, n: still.n, line: still.quoted });
  else {
    const hit = (check.includes !== undefined && findLine(content, check.includes)) || (re && findLine(content, new RegExp(check.matches!))) || null;
    actual = hit ? say(L, 'fileLineWith', { where, n: hit.n, line: hit.quoted }) : say(L, 'fileContains', { where, content: startOf(content) });
  }
  return { pass: includes && matches && !still, expected, actual };
}

export const containerFile: Evaluator<'container-file'> = async (check, ctx) => {
  const where = say(ctx.lang, 'whereInContainer', { path: check.path, container: check.container });
  const c = await requireContainer(ctx, check.container, say(ctx.lang, 'fileExists', { where }));
  if (isOutcome(c)) return c;
  return judge(check, where, await ctx.lab.readFile({ container: c.Id }, check.path), ctx.lang);
};

export const volumeFile: Evaluator<'volume-file'> = async (check, ctx) => {
  const where = say(ctx.lang, 'whereInVolume', { path: check.path, volume: check.volume });
  const v = await ctx.lab.volume(check.volume);
  if (!v) return { pass: false, expected: say(ctx.lang, 'fileExists', { where }), actual: say(ctx.lang, 'noVolume', { name: check.volume }) };
  return judge(check, where, await ctx.lab.readFile({ volume: v.Name }, check.path), ctx.lang);
};

/** A file in the workspace on the host: what a `docker cp` out of a container left there. */
export const workspaceFile: Evaluator<'workspace-file'> = async (check, ctx) => {
  const where = say(ctx.lang, 'whereInWorkspace', { path: check.path });
  const full = resolve(ctx.workspace, check.path);
  let file: LabFile | null = null;
  try {
    file = lstatSync(full).isDirectory() ? { type: 'dir', content: '' } : { type: 'file', content: readFileSync(full, 'utf8') };
  } catch {
    file = null;
  }
  return judge(check, where, file, ctx.lang);
};
