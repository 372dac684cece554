import { readFileSync } from 'node:fs';
import { UserError } from '../errors';
import { FENCE_INFO } from './format';
import { REPORT_FORMAT, type SignedReport } from './types';

/** Why a file is not a report the scoreboard can count (the scoreboard says it in each language). */
export type ReportProblem =
  | { kind: 'unreadable'; code: string }
  | { kind: 'no-block' }
  | { kind: 'bad-json'; detail: string }
  | { kind: 'not-a-report'; format: string }
  | { kind: 'newer'; formatVersion: string };

/** A file that is not a readable report: a UserError naming the file, with the reason as data. */
export class NotAReport extends UserError {
  constructor(
    readonly file: string,
    readonly problem: ReportProblem,
    message: string,
    tryThis?: string,
  ) {
    super(message, tryThis);
  }
}

/**
 * A report back from a file: the JSON form, or the signed block of the Markdown form (the prose
 * around it is for people and is not trusted). Anything else is a NotAReport naming the file.
 */
export function parseReport(text: string, file: string): SignedReport {
  const trimmed = text.trim();
  let json = trimmed.startsWith('{') ? trimmed : null;
  if (!json) {
    const m = new RegExp('```' + FENCE_INFO + '\\s*\\n([\\s\\S]*?)\\n```').exec(text);
    json = m?.[1] ?? null;
  }
  if (!json) throw new NotAReport(file, { kind: 'no-block' }, `${file} is not a ctr-learn report: it has no \`\`\`${FENCE_INFO} block.`, 'use the file ctr-learn report --md or --json wrote');
  let value: SignedReport;
  try {
    value = JSON.parse(json) as SignedReport;
  } catch (err) {
    const detail = (err as Error).message;
    throw new NotAReport(file, { kind: 'bad-json', detail }, `${file}: the report's JSON cannot be read (${detail}).`, 'ask its author for the file again');
  }
  if (value?.report?.format !== REPORT_FORMAT || !Array.isArray(value.report.lessons)) {
    const format = String(value?.report?.format);
    throw new NotAReport(file, { kind: 'not-a-report', format }, `${file} is not a ctr-learn report (format ${format}).`, 'use the file ctr-learn report --md or --json wrote');
  }
  if (value.report.formatVersion !== 1) {
    const formatVersion = String(value.report.formatVersion);
    throw new NotAReport(file, { kind: 'newer', formatVersion }, `${file}: report format ${formatVersion} is newer than this ctr-learn knows.`, 'update ctr-learn');
  }
  return value;
}

export function readReport(file: string): SignedReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new NotAReport(file, { kind: 'unreadable', code }, `Cannot read ${file}: ${code}.`);
  }
  return parseReport(text, file);
}

/** Each file's report, or why it is not one: one bad file never stops the others being read. */
export function readReports(files: string[]): { reports: { file: string; signed: SignedReport }[]; notReports: { file: string; problem: ReportProblem }[] } {
  const reports: { file: string; signed: SignedReport }[] = [];
  const notReports: { file: string; problem: ReportProblem }[] = [];
  for (const file of files) {
    try {
      reports.push({ file, signed: readReport(file) });
    } catch (err) {
      if (!(err instanceof NotAReport)) throw err;
      notReports.push({ file, problem: err.problem });
    }
  }
  return { reports, notReports };
}
