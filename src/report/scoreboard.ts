import { fill, t, type StringKey } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import { formatDuration } from './format';
import type { ReportProblem } from './read';
import { verify, type Verdict } from './sign';
import type { SignedReport, StepReport } from './types';

export interface ReportInput {
  file: string;
  signed: SignedReport;
}

export interface MemberRow {
  member: string;
  files: string[];
  /** Per lesson: steps passed of its steps. */
  lessons: Record<string, { passed: number; steps: number }>;
  stepsPassed: number;
}

export interface StepStat {
  lesson: string;
  step: string;
  /** Summed over members. */
  hints: number;
  attempts: number;
  /** Mean over the members who passed it. */
  meanTimeToPassMs?: number;
  passedBy: number;
}

export interface Scoreboard {
  lessons: string[];
  members: MemberRow[];
  /** Reports not counted, by name: their signature does not match the group key (or there is none). */
  flagged: { member: string; file: string; verdict: Exclude<Verdict, 'valid'> }[];
  /** Files given that are not reports (a chat download's other files): not counted, with why. */
  notReports: { file: string; problem: ReportProblem }[];
  hard: { mostHints: StepStat[]; mostAttempts: StepStat[]; slowest: StepStat[] };
}

export const HARD_TOP = 3;

/**
 * One table of who passed what and what the group found hard, from the members' reports. Only
 * reports whose signature matches the group key are counted; the others are listed by name.
 * Several reports of one member (one per week) are merged step by step: passed in any, the
 * counters' max (the later report includes the earlier one's counts), the earliest pass's time.
 */
export function buildScoreboard(inputs: ReportInput[], key: string | null, notReports: Scoreboard['notReports'] = []): Scoreboard {
  const flagged: Scoreboard['flagged'] = [];
  const lessons: string[] = [];
  const byMember = new Map<string, { files: string[]; steps: Map<string, StepReport>; stepCounts: Map<string, number> }>();
  for (const { file, signed } of inputs) {
    const verdict = verify(signed, key);
    const r = signed.report;
    if (verdict !== 'valid') {
      flagged.push({ member: r.member, file, verdict });
      continue;
    }
    const m = byMember.get(r.member) ?? { files: [] as string[], steps: new Map<string, StepReport>(), stepCounts: new Map<string, number>() };
    byMember.set(r.member, m);
    m.files.push(file);
    for (const l of r.lessons) {
      if (!lessons.includes(l.id)) lessons.push(l.id);
      m.stepCounts.set(l.id, Math.max(m.stepCounts.get(l.id) ?? 0, l.stepCount));
      for (const s of l.steps) {
        const k = `${l.id}\u0000${s.id}`;
        m.steps.set(k, mergeReported(m.steps.get(k), s));
      }
    }
  }
  const members: MemberRow[] = [...byMember.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([member, m]) => {
    const row: MemberRow = { member, files: m.files, lessons: {}, stepsPassed: 0 };
    for (const [lesson, steps] of m.stepCounts) {
      const passed = [...m.steps.entries()].filter(([k, s]) => k.startsWith(`${lesson}\u0000`) && s.passed).length;
      row.lessons[lesson] = { passed, steps };
      row.stepsPassed += passed;
    }
    return row;
  });
  const stats = new Map<string, StepStat & { times: number[] }>();
  for (const m of byMember.values()) {
    for (const [k, s] of m.steps) {
      const [lesson, step] = k.split('\u0000');
      const st = stats.get(k) ?? { lesson, step, hints: 0, attempts: 0, passedBy: 0, times: [] };
      stats.set(k, st);
      st.hints += s.hintsUsed;
      st.attempts += s.attempts;
      if (s.passed) st.passedBy++;
      if (s.passed && s.timeToPassMs !== undefined) st.times.push(s.timeToPassMs);
    }
  }
  const all: StepStat[] = [...stats.values()].map(({ times, ...s }) => (times.length ? { ...s, meanTimeToPassMs: Math.round(times.reduce((a, b) => a + b, 0) / times.length) } : s));
  const top = (value: (s: StepStat) => number) =>
    all.filter((s) => value(s) > 0).sort((a, b) => value(b) - value(a) || `${a.lesson}/${a.step}`.localeCompare(`${b.lesson}/${b.step}`)).slice(0, HARD_TOP);
  return {
    lessons,
    members,
    flagged,
    notReports,
    hard: { mostHints: top((s) => s.hints), mostAttempts: top((s) => s.attempts), slowest: top((s) => s.meanTimeToPassMs ?? 0) },
  };
}

function mergeReported(a: StepReport | undefined, b: StepReport): StepReport {
  if (!a) return b;
  const first = [a, b].filter((s) => s.passed).sort((x, y) => Date.parse(x.passedAt ?? '') - Date.parse(y.passedAt ?? ''))[0];
  return {
    id: b.id,
    passed: a.passed || b.passed,
    passedAt: first?.passedAt,
    attempts: Math.max(a.attempts, b.attempts),
    hintsUsed: Math.max(a.hintsUsed, b.hintsUsed),
    solutionRevealed: a.solutionRevealed || b.solutionRevealed,
    timeToPassMs: first?.timeToPassMs,
  };
}

const VERDICT_TEXT: Record<Exclude<Verdict, 'valid'>, StringKey> = {
  tampered: 'scoreVerdictTampered',
  'other-key': 'scoreVerdictOtherKey',
  unsigned: 'scoreVerdictUnsigned',
  'no-key': 'scoreVerdictNoKey',
};

export function scoreboardMarkdown(b: Scoreboard, lang: Lang): string {
  const out = [`# ${t(lang, 'scoreTitle')}`, '', `## ${t(lang, 'scoreWho')}`, ''];
  out.push(`| ${t(lang, 'scoreMember')} | ${b.lessons.join(' | ')} | ${t(lang, 'scoreTotal')} |`, `|${['', ...b.lessons, ''].map(() => '---').join('|')}|`);
  for (const m of b.members) {
    const cells = b.lessons.map((id) => {
      const c = m.lessons[id];
      return c ? `${c.passed}/${c.steps}${c.passed === c.steps ? ' ✔' : ''}` : '';
    });
    out.push(`| ${m.member} | ${cells.join(' | ')} | ${m.stepsPassed} |`);
  }
  out.push('', `## ${t(lang, 'scoreHard')}`, '');
  const list = (title: StringKey, xs: StepStat[], value: (s: StepStat) => string) => {
    out.push(`**${t(lang, title)}**: ${xs.length ? xs.map((s) => `${s.lesson}/${s.step} (${value(s)})`).join(', ') : t(lang, 'scoreNothingHard')}`, '');
  };
  list('scoreMostHints', b.hard.mostHints, (s) => String(s.hints));
  list('scoreMostAttempts', b.hard.mostAttempts, (s) => String(s.attempts));
  list('scoreSlowest', b.hard.slowest, (s) => formatDuration(s.meanTimeToPassMs, lang));
  if (b.flagged.length || b.notReports.length) {
    out.push(`## ⚠ ${t(lang, 'scoreFlagged')}`, '');
    for (const f of b.flagged) out.push(`- ${fill(lang, VERDICT_TEXT[f.verdict], { member: f.member, file: f.file })}`);
    for (const n of b.notReports) out.push(`- ${notReportText(n.file, n.problem, lang)}`);
    out.push('');
  }
  return out.join('\n');
}

/** Why a file was not counted, in the reader's language. */
export function notReportText(file: string, p: ReportProblem, lang: Lang): string {
  switch (p.kind) {
    case 'unreadable':
      if (p.code === 'ENOENT') return fill(lang, 'scoreNotReportMissing', { file });
      if (p.code === 'EISDIR') return fill(lang, 'scoreNotReportFolder', { file });
      return fill(lang, 'scoreNotReportUnreadable', { file, code: p.code });
    case 'no-block':
      return fill(lang, 'scoreNotReportNoBlock', { file });
    case 'bad-json':
      return fill(lang, 'scoreNotReportBadJson', { file, detail: p.detail });
    case 'not-a-report':
      return fill(lang, 'scoreNotReportFormat', { file, format: p.format });
    case 'newer':
      return fill(lang, 'scoreNotReportNewer', { file, formatVersion: p.formatVersion });
  }
}
