import { readFileSync } from 'node:fs';
import { UserError } from '../errors';
import { FENCE_INFO } from './format';
import { REPORT_FORMAT, type SignedReport } from './types';

/**
 * A report back from a file: the JSON form, or the signed block of the Markdown form (the prose
 * around it is for people and is not trusted). Anything else is a UserError naming the file.
 */
export function parseReport(text: string, file: string): SignedReport {
  const trimmed = text.trim();
  let json = trimmed.startsWith('{') ? trimmed : null;
  if (!json) {
    const m = new RegExp('```' + FENCE_INFO + '\\s*\\n([\\s\\S]*?)\\n```').exec(text);
    json = m?.[1] ?? null;
  }
  if (!json) throw new UserError(`${file} is not a ctr-learn report: it has no \`\`\`${FENCE_INFO} block.`, 'use the file ctr-learn report --md or --json wrote');
  let value: SignedReport;
  try {
    value = JSON.parse(json) as SignedReport;
  } catch (err) {
    throw new UserError(`${file}: the report's JSON cannot be read (${(err as Error).message}).`, 'ask its author for the file again');
  }
  if (value?.report?.format !== REPORT_FORMAT || !Array.isArray(value.report.lessons)) {
    throw new UserError(`${file} is not a ctr-learn report (format ${String(value?.report?.format)}).`, 'use the file ctr-learn report --md or --json wrote');
  }
  if (value.report.formatVersion !== 1) throw new UserError(`${file}: report format ${value.report.formatVersion} is newer than this ctr-learn knows.`, 'update ctr-learn');
  return value;
}

export function readReport(file: string): SignedReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  return parseReport(text, file);
}
