import { fill, t } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import type { SignedReport } from './types';

/** The fence the Markdown report keeps its signed JSON in; the scoreboard looks for it. */
export const FENCE_INFO = 'ctr-learn-report';

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  const min = Math.round(ms / 60_000);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Table cells must not break the table. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The report as Markdown for the group chat: readable tables, then the signed JSON in a fenced block. */
export function reportMarkdown(signed: SignedReport, lang: Lang): string {
  const r = signed.report;
  const scope = r.window
    ? fill(lang, 'reportScopeWindow', { from: r.window.from, to: r.window.to })
    : r.week !== undefined ? fill(lang, 'reportScopeWeek', { week: r.week }) : t(lang, 'reportScopeAll');
  const out = [`# ${fill(lang, 'reportTitle', { member: r.member })}`, '', `${scope} · ${r.createdAt}${r.course ? ` · ${r.course}` : ''}`, ''];
  const tt = r.totals;
  out.push(fill(lang, 'reportTotals', { lessons: tt.lessonsDone, passed: tt.stepsPassed, steps: tt.steps, attempts: tt.attempts, hints: tt.hintsUsed, solutions: tt.solutionsRevealed }), '');
  const columns = t(lang, 'reportColumns');
  for (const l of r.lessons) {
    out.push(`## ${l.id}: ${l.title} (${l.stepsPassed}/${l.stepCount})`, '', `| ${columns} |`, `|${columns.split('|').map(() => '---').join('|')}|`);
    for (const s of l.steps) {
      const passed = s.passed ? '✔' : s.passedBefore ? t(lang, 'reportPassedEarlier') : '';
      const evidence = (s.evidence ?? []).map((e) => `${e.check}: ${e.actual}`).join('; ');
      out.push(`| ${s.id} | ${passed} | ${s.attempts} | ${s.hintsUsed} | ${s.solutionRevealed ? '✔' : ''} | ${formatDuration(s.timeToPassMs)} | ${cell(evidence)} |`);
    }
    out.push('');
  }
  out.push(signed.signature ? fill(lang, 'reportSigned', { keyId: signed.signature.keyId }) : t(lang, 'reportUnsigned'), '');
  out.push('```' + FENCE_INFO, JSON.stringify(signed, null, 2), '```', '');
  return out.join('\n');
}
