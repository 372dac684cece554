import { fill, t } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import type { SignedReport } from './types';

/** The fence the Markdown report keeps its signed JSON in; the scoreboard looks for it. */
export const FENCE_INFO = 'ctr-learn-report';

/** A time to pass as people say it: seconds under a minute (never "0 min"), then minutes, then hours. */
export function formatDuration(ms: number | undefined, lang: Lang = 'en'): string {
  if (ms === undefined) return '';
  const ko = lang === 'ko';
  if (ms < 59_500) {
    const sec = Math.round(ms / 1000);
    return sec < 1 ? (ko ? '1초 미만' : '<1 s') : ko ? `${sec}초` : `${sec} s`;
  }
  const min = Math.round(ms / 60_000);
  if (min < 60) return ko ? `${min}분` : `${min} min`;
  return ko ? `${Math.floor(min / 60)}시간 ${min % 60}분` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localClock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** An ISO time as the reader's local date and time, to the minute ("2026-03-02 19:05"). */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${localDay(d)} ${localClock(d)}`;
}

/** A time window in local time: the date once when both ends fall on the same day ("2026-03-02 19:05", "20:10"). */
export function localWindow(from: string, to: string): { from: string; to: string } {
  const a = new Date(from);
  const b = new Date(to);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return { from, to };
  return { from: localDateTime(from), to: localDay(a) === localDay(b) ? localClock(b) : localDateTime(to) };
}

/** Table cells must not break the table. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The report as Markdown for the group chat: readable tables, then the signed JSON in a fenced block. */
export function reportMarkdown(signed: SignedReport, lang: Lang): string {
  const r = signed.report;
  // A session's window ends when the report was made: its times say when, once. Other reports
  // say when they were made. Local time, to the minute (the signed block keeps the exact ISO times).
  const scope = r.window
    ? fill(lang, 'reportScopeWindow', localWindow(r.window.from, r.window.to))
    : `${r.week !== undefined ? fill(lang, 'reportScopeWeek', { week: r.week }) : t(lang, 'reportScopeAll')} · ${localDateTime(r.createdAt)}`;
  const out = [`# ${fill(lang, 'reportTitle', { member: r.member })}`, '', `${scope}${r.course ? ` · ${r.course}` : ''}`, ''];
  const tt = r.totals;
  out.push(fill(lang, 'reportTotals', { lessons: tt.lessonsDone, passed: tt.stepsPassed, steps: tt.steps, attempts: tt.attempts, hints: tt.hintsUsed, solutions: tt.solutionsRevealed }), '');
  const columns = t(lang, 'reportColumns');
  for (const l of r.lessons) {
    out.push(`## ${l.id}: ${l.title} (${l.stepsPassed}/${l.stepCount})`, '', `| ${columns} |`, `|${columns.split('|').map(() => '---').join('|')}|`);
    for (const s of l.steps) {
      const passed = s.passed ? '✔' : s.passedBefore ? t(lang, 'reportPassedEarlier') : '';
      const evidence = (s.evidence ?? []).map((e) => `${e.check}: ${e.actual}`).join('; ');
      out.push(`| ${s.id} | ${passed} | ${s.attempts} | ${s.hintsUsed} | ${s.solutionRevealed ? '✔' : ''} | ${formatDuration(s.timeToPassMs, lang)} | ${cell(evidence)} |`);
    }
    out.push('');
  }
  out.push(signed.signature ? fill(lang, 'reportSigned', { keyId: signed.signature.keyId }) : t(lang, 'reportUnsigned'), '');
  out.push('```' + FENCE_INFO, JSON.stringify(signed, null, 2), '```', '');
  return out.join('\n');
}
