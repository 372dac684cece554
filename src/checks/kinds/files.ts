import type { CheckOf } from '../../lessons/schema';
import type { LabFile } from '../../sandbox/lab';
import type { Evaluator, Outcome } from '../types';
import { isOutcome, requireContainer } from './container';

function judge(
  check: CheckOf<'volume-file'> | CheckOf<'container-file'>,
  where: string,
  file: LabFile | null,
): Outcome {
  const parts = [check.exists ? `${where} exists` : `${where} does not exist`];
  if (check.includes) parts.push(`containing "${check.includes}"`);
  if (check.matches) parts.push(`matching /${check.matches}/`);
  const expected = parts.join(' ');
  if (!file) return { pass: !check.exists, expected, actual: `${where} does not exist` };
  if (!check.exists) return { pass: false, expected, actual: `${where} exists` };
  if (file.type === 'dir') return { pass: false, expected, actual: `${where} is a directory` };
  const shown = file.content.length > 60 ? `${file.content.slice(0, 60)}…` : file.content;
  const pass =
    (check.includes === undefined || file.content.includes(check.includes)) &&
    (check.matches === undefined || new RegExp(check.matches, 'm').test(file.content));
  return { pass, expected, actual: `${where} contains ${JSON.stringify(shown)}` };
}

export const containerFile: Evaluator<'container-file'> = async (check, ctx) => {
  const where = `${check.path} in container "${check.container}"`;
  const c = await requireContainer(ctx, check.container, `${where} exists`);
  if (isOutcome(c)) return c;
  return judge(check, where, await ctx.lab.readFile({ container: c.Id }, check.path));
};

export const volumeFile: Evaluator<'volume-file'> = async (check, ctx) => {
  const where = `${check.path} in volume "${check.volume}"`;
  const v = await ctx.lab.volume(check.volume);
  if (!v) return { pass: false, expected: `${where} exists`, actual: `no volume named "${check.volume}" in the sandbox` };
  return judge(check, where, await ctx.lab.readFile({ volume: v.Name }, check.path));
};
