import type { CheckResult } from '../../checks/types';
import { t } from '../../i18n/strings';
import { liveLine } from '../../kube/live/line';
import type { Check, Lesson } from '../../lessons/schema';
import { seg, type UiLine } from '../components/Lines';
import type { AppState, LessonView } from '../state/state';
import { tf } from '../text/text';
import type { Tone } from '../text/theme';
import { wrapColumns } from '../text/wrap';
import { leadLines, mdLines, toneLines } from './lines';

/** The checks pane: each check's verdict; for a failure, what was expected, what was found, and its hint. */
export function checkLines(s: AppState, v: LessonView, lesson: Lesson, width: number): { lines: UiLine[]; focus: number } {
  const step = lesson.steps[v.stepIndex];
  const lines: UiLine[] = [];
  let focus = 0;
  if (!v.check) {
    const auto = !step.checks.some((c) => c.kind === 'stop' || c.kind === 'pod-replay');
    lines.push(...toneLines(t(s.lang, auto ? 'checksNone' : 'checksNoAuto'), width, 'muted'));
    const live = lesson.track === 'kubernetes' && s.kubeLive ? liveLine(s.lang, s.kubeLive) : null;
    if (live) lines.push(...toneLines(live, width, 'muted'));
    for (const c of step.checks) lines.push(...leadLines([seg('  - ', 'muted')], [seg(c.title?.[s.lang] ?? c.id)], width));
    return { lines, focus };
  }
  const check = v.check;
  if (check.status === 'running') lines.push([seg(t(s.lang, check.trigger === 'key' ? 'checking' : 'checkingAuto'), 'muted')]);
  for (const r of check.results) {
    const spec = step.checks.find((c) => c.id === r.id);
    // A pod replay's evidence is a summary, then its timeline (drawn below, as the stop timeline is).
    const [actual, ...timeline] = spec?.kind === 'pod-replay' ? r.actual.split('\n') : [r.actual];
    if (r.status === 'pass') {
      lines.push(...leadLines([seg('✔ ', 'pass')], [seg(r.title), seg(`  (${actual})`, 'muted')], width));
    } else if (r.status === 'skipped') {
      lines.push(...toneLines(`∙ ${r.title} (${t(s.lang, 'skipped')})`, width, 'muted'));
    } else {
      focus = lines.length;
      lines.push(...leadLines([seg('✘ ', 'fail')], [seg(r.title, undefined, { bold: true })], width));
      lines.push(...toneLines(`${t(s.lang, 'expected')}: ${r.expected}`, width, undefined, '    '));
      lines.push(...toneLines(`${t(s.lang, 'actual')}: ${actual}`, width, 'fail', '    '));
      const hint = step.hints.find((h) => h.id === r.hint);
      if (hint) lines.push(...mdLines(s.markdown, hint[s.lang], width, [seg('    '), seg(`${t(s.lang, 'hint')}: `, 'accent')]));
    }
    if (spec?.kind === 'stop' && r.status !== 'skipped') lines.push(...stopTimeline(s, spec, r, width));
    for (const [i, l] of timeline.entries()) {
      const tone: Tone = i === 0 ? 'accent' : /SIGKILL|ErrImage/.test(l) ? 'fail' : 'muted';
      // The head is prose (wrapped between words); the events keep their columns (time, container).
      if (i === 0 || !/^\s*[\d.]+ s /.test(l)) lines.push(...toneLines(l.trim(), width, tone, '    '));
      else for (const row of wrapColumns(`  ${l}`, width, '           ')) lines.push([seg(row, tone)]);
    }
  }
  if (check.status === 'running') {
    for (const c of step.checks.slice(check.results.length)) lines.push(...toneLines(`⋯ ${c.title?.[s.lang] ?? c.id}`, width, 'muted'));
  }
  if (check.status === 'passed') lines.push([seg(t(s.lang, 'stepPassed'), 'pass', { bold: true })]);
  if (check.status === 'failed') lines.push([seg(t(s.lang, 'notYet'), 'fail')]);
  if (check.status === 'error' && check.error) {
    focus = lines.length;
    lines.push(...leadLines([seg(`! ${t(s.lang, 'couldNotCheckTitle')}: `, 'warn', { bold: true })], [seg(check.error.message, 'warn')], width));
    if (check.error.tryThis) lines.push(...toneLines(tf(s.lang, 'tryThis', { what: check.error.tryThis }), width, 'accent', '  '));
  }
  return { lines, focus };
}

/**
 * The stop timeline: SIGTERM at 0 s, SIGKILL at the timeout, and where the container really
 * exited, from the stop check's result ("stopped in 0.4 s with exit code 0").
 */
export function stopTimeline(s: AppState, spec: Extract<Check, { kind: 'stop' }>, r: CheckResult, width: number): UiLine[] {
  // The stop check's own words, in English or Korean (src/i18n/evidence.ts `stopped`).
  const m = r.actual.match(/stopped in ([\d.]+) s with exit code (-?\d+)/) ?? r.actual.match(/([\d.]+)초 만에 멈춤, 종료 코드 (-?\d+)/);
  if (!m) return [];
  const secs = Number(m[1]);
  const code = Number(m[2]);
  const limit = spec.timeoutSeconds;
  const bar = Math.max(10, Math.min(50, width - 8));
  const filled = Math.max(1, Math.min(bar, Math.round((secs / limit) * bar)));
  const killed = code === 137 && secs >= limit - 0.05;
  const left = 'SIGTERM 0 s';
  const right = `SIGKILL ${limit} s`;
  return [
    [seg('    '), seg(left, 'muted'), seg(' '.repeat(Math.max(1, bar + 2 - left.length - right.length))), seg(right, 'muted')],
    [seg('    |'), seg('#'.repeat(filled), killed ? 'fail' : 'pass'), seg('-'.repeat(bar - filled), 'muted'), seg('|')],
    [
      seg('    '),
      killed
        ? seg(tf(s.lang, 'stopKilled', { s: secs.toFixed(1) }), 'fail')
        : seg(tf(s.lang, 'stopExited', { s: secs.toFixed(1), code }), code === 0 ? 'pass' : 'warn'),
    ],
  ];
}
