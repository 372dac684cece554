import { readFileSync, writeFileSync } from 'node:fs';
import type { Args } from '../cli/args';
import { printJson, println } from '../cli/output';
import { groupContext, parseWeek } from '../course/context';
import { readGroupKey } from '../course/group-config';
import { UserError } from '../errors';
import { fill } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import { reportMarkdown } from '../report/format';
import { makeReport, type ReportScope } from '../report/make';
import type { SignedReport } from '../report/types';

/**
 * `ctr-learn report [--week n] [--md | --json] [--out file]`: this learner's report for the group
 * chat, signed with the group key when one is set. Markdown unless --json.
 */
export async function run(args: Args): Promise<number> {
  const ctx = await groupContext(args);
  const week = parseWeek(args.flags.week);
  if (Number.isNaN(week)) throw new UserError(`--week ${String(args.flags.week)}: give a week number.`);
  const signed = makeReport(ctx, { week }, groupKey(args));
  writeReport(signed, args, ctx.lang);
  return 0;
}

/** The key: --key-file, else the one set with `ctr-learn group key set`. */
export function groupKey(args: Args): string | null {
  const file = args.flags['key-file'];
  if (typeof file !== 'string') return readGroupKey();
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch (err) {
    throw new UserError(`Cannot read the key file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

export function writeReport(signed: SignedReport, args: Args, lang: Lang, defaultOut?: string): string | null {
  const text = args.flags.json ? JSON.stringify(signed, null, 2) + '\n' : reportMarkdown(signed, lang);
  const out = typeof args.flags.out === 'string' ? args.flags.out : defaultOut;
  if (!out) {
    if (args.flags.json) printJson(signed);
    else process.stdout.write(text);
    return null;
  }
  writeFileSync(out, text);
  println(fill(lang, 'reportWritten', { file: out }));
  return out;
}

export type { ReportScope };
