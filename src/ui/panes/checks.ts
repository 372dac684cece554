import type { CheckResult } from '../../checks/types';
import { t } from '../../i18n/strings';
import type { Check, Lesson } from '../../lessons/schema';
import { fromMarkdown, seg, type UiLine, type UiSeg } from '../components/Lines';
import { pictureLines } from './picture-lines';
import { markdownLoaded, renderMarkdown } from '../text/render-markdown';
import type { AppState, LessonView, OutLine } from '../state/state';
import { displayWidth, tf } from '../text/text';
import { colorEnabled, type Tone } from '../text/theme';
import { wrapColumns, wrapText } from '../text/wrap';

/** The lines of the lower pane (output, checks, hints, log, networks): pure, so tests read them directly. */

const OUT_TONE: Record<OutLine['kind'], Tone | undefined> = {
  cmd: 'accent',
  stdout: undefined,
  stderr: 'warn',
  info: 'muted',
  error: 'fail',
  tip: 'muted',
};

const toneLines = (text: string, width: number, tone?: Tone, indent = '', extra: Omit<UiSeg, 'text' | 'tone'> = {}): UiLine[] =>
  wrapText(text, width, 'plain', indent).map((l) => l.map((s, i) => (i === 0 && indent ? seg(s.text) : seg(s.text, tone, extra))));

/** The mark at the start of a wrapped output row's continuation: it is not a new line of output. */
export const CONTINUED = '↳ ';

/**
 * The output pane: every line whole. A program's output (stdout: tables) is wrapped at the column,
 * keeping its spacing, like a terminal does; messages (the engine's errors, refusals, notes) are
 * wrapped between words. Continuations start with a muted mark.
 */
/**
 * A lead (a mark: ✔, ✘, -) then runs of text, wrapped between words under the text (a hanging
 * indent), each run keeping its tone.
 */
function leadLines(lead: UiSeg[], runs: UiSeg[], width: number): UiLine[] {
  const leadWidth = lead.reduce((w, x) => w + displayWidth(x.text), 0);
  const out: UiLine[] = [];
  let line: UiLine = [...lead];
  let used = leadWidth;
  for (const run of runs) {
    for (const word of run.text.split(/(?<= )/)) {
      if (used + displayWidth(word.trimEnd()) > width && used > leadWidth) {
        out.push(line);
        line = [seg(' '.repeat(leadWidth))];
        used = leadWidth;
      }
      if (used === leadWidth && word.trim() === '') continue;
      for (const row of wrapColumns(word, width - leadWidth)) {
        if (used + displayWidth(row.trimEnd()) > width && used > leadWidth) {
          out.push(line);
          line = [seg(' '.repeat(leadWidth))];
          used = leadWidth;
        }
        line.push({ ...run, text: row });
        used += displayWidth(row);
      }
    }
  }
  out.push(line);
  return out;
}

export function outputLines(s: AppState, v: LessonView, width = s.size.cols - 2): UiLine[] {
  const note: UiLine[] = v.dropped > 0 ? toneLines(tf(s.lang, 'olderLinesDropped', { n: v.dropped }), width, 'muted') : [];
  const lines: UiLine[] = [...note];
  for (const l of v.output) {
    const tone = OUT_TONE[l.kind];
    const extra = { bold: l.kind === 'cmd' };
    if (l.kind === 'stdout' || l.kind === 'cmd') {
      wrapColumns(l.text, width - CONTINUED.length).forEach((row, i) =>
        lines.push(i === 0 ? [seg(row, tone, extra)] : [seg(CONTINUED, 'muted'), seg(row, tone, extra)]),
      );
    } else {
      wrapText(l.text, width - CONTINUED.length).forEach((row, i) => {
        const text = row.map((x) => x.text).join('');
        lines.push(i === 0 ? [seg(text, tone, extra)] : [seg(CONTINUED, 'muted'), seg(text, tone, extra)]);
      });
    }
  }
  return lines;
}

const mdCache = new Map<string, UiLine[]>();

/** Inline Markdown (hints use `code`) as screen lines; parsed once per text and width, not on every frame. */
function mdLines(text: string, width: number, lead: UiSeg[] = []): UiLine[] {
  const leadWidth = lead.reduce((w, x) => w + displayWidth(x.text), 0);
  const plainCode = !colorEnabled();
  const key = `${width - leadWidth}|${plainCode}|${markdownLoaded()}|${text}`;
  let lines = mdCache.get(key);
  if (!lines) {
    lines = renderMarkdown(text, Math.max(10, width - leadWidth), { plainCode }).map(fromMarkdown);
    if (mdCache.size > 128) mdCache.clear();
    mdCache.set(key, lines);
  }
  return lines.map((l, i) => (i === 0 ? [...lead, ...l] : [seg(' '.repeat(leadWidth)), ...l]));
}

export function checkLines(s: AppState, v: LessonView, lesson: Lesson, width: number): { lines: UiLine[]; focus: number } {
  const step = lesson.steps[v.stepIndex];
  const lines: UiLine[] = [];
  let focus = 0;
  if (!v.check) {
    const auto = !step.checks.some((c) => c.kind === 'stop' || c.kind === 'pod-replay');
    lines.push(...toneLines(t(s.lang, auto ? 'checksNone' : 'checksNoAuto'), width, 'muted'));
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
      if (hint) lines.push(...mdLines(hint[s.lang], width, [seg('    '), seg(`${t(s.lang, 'hint')}: `, 'accent')]));
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

export function hintLines(s: AppState, v: LessonView, lesson: Lesson, width: number): UiLine[] {
  const step = lesson.steps[v.stepIndex];
  const lines: UiLine[] = [];
  if (v.hintRung === 0 && !v.solutionShown) lines.push(...toneLines(t(s.lang, 'hintsNone'), width, 'muted'));
  step.hints.slice(0, v.hintRung).forEach((h, i) => {
    lines.push(...mdLines(h[s.lang], width, [seg(`${tf(s.lang, 'hintRung', { n: i + 1, total: step.hints.length })}: `, 'accent', { bold: true })]));
  });
  if (v.solutionShown) {
    lines.push([seg(`${t(s.lang, 'solutionTitle')}:`, 'accent', { bold: true })]);
    const files = Object.keys(step.solution.files);
    if (files.length) lines.push([seg(`  ${tf(s.lang, 'solutionFiles', { files: files.join(', ') })}`, 'muted')]);
    for (const c of step.solution.commands) lines.push(...toneLines(`$ ${c}`, width, 'accent', '  '));
  } else if (v.hintRung > 0 && v.hintRung < step.hints.length) {
    lines.push([seg(t(s.lang, 'moreHints'), 'muted')]);
  } else if (v.hintRung >= step.hints.length && step.hints.length > 0) {
    lines.push([seg(t(s.lang, 'solutionAsk'), 'muted')]);
  }
  return lines;
}

/**
 * The command log: the learner's commands and their API calls in full; ctr-learn's own calls
 * (polling for the checks and the pictures) folded into one muted line per run of them, counted by
 * call, so the learner's calls are not lost among them (84 entries after 6 commands before).
 */
export function logLines(s: AppState, width = s.size.cols - 2): UiLine[] {
  if (s.log.length === 0) return toneLines(t(s.lang, 'logEmpty'), width, 'muted');
  const lines: UiLine[] = [];
  let own: Map<string, number> | null = null;
  const flushOwn = () => {
    if (!own) return;
    const total = [...own.values()].reduce((a, b) => a + b, 0);
    const calls = [...own].map(([call, n]) => (n > 1 ? `${call} x${n}` : call)).join(', ');
    lines.push(...leadLines([seg('  ', 'muted')], [seg(tf(s.lang, 'logOwnCalls', { n: total, calls }), 'muted')], width));
    own = null;
  };
  for (const e of s.log) {
    if (e.kind === 'call' && e.by !== 'learner' && !e.refused) {
      own ??= new Map();
      const call = `${e.method} ${readablePath(e.path).replace(/\?.*$/, '')}`;
      own.set(call, (own.get(call) ?? 0) + 1);
      continue;
    }
    flushOwn();
    if (e.kind === 'command') lines.push(...toneLines(`$ ${e.line}`, width, 'accent', '', { bold: true }));
    else if (e.kind === 'check') lines.push(...toneLines(`# ${e.label}`, width, 'accent'));
    else {
      const who = e.by === 'learner' ? 'docker    ' : 'ctr-learn ';
      const status = e.refused ? 'refused' : String(e.status);
      const ms = `${e.ms.toFixed(e.ms < 10 ? 1 : 0)} ms`;
      lines.push(
        ...leadLines(
          [seg(`  ${who}`, 'muted'), seg(status.padEnd(4), e.refused || e.status >= 400 ? 'fail' : 'muted'), seg(` ${ms.padStart(8)}  `, 'muted')],
          [seg(`${e.method} `, e.by === 'learner' ? undefined : 'muted', { bold: e.by === 'learner' }), seg(readablePath(e.path), e.by === 'learner' ? undefined : 'muted')],
          width,
        ),
      );
      if (e.refused) lines.push(...toneLines(tf(s.lang, 'logRefused', { why: e.refused }), width, 'fail', '    '));
    }
  }
  flushOwn();
  return lines;
}

/** The path as a person reads it: query decoded, 64-hex IDs cut to 12 like `docker ps` shows them. */
export function readablePath(path: string): string {
  let p = path;
  try {
    p = decodeURIComponent(path);
  } catch {
    /* keep it encoded */
  }
  return p.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1');
}

/** At most this many rows for the status line (a long engine-down message names where it looked). */
export const MAX_STATUS_ROWS = 3;

/**
 * The row under the lower pane: a notice while one shows, else the command running, else the
 * sandbox's address (or why there is none), wrapped, never cut. The export line is one row, so it
 * can be copied whole; the workspace path joins it only when it fits.
 */
export function statusLines(s: AppState, v: LessonView, home = ''): UiLine[] {
  const width = s.size.cols - 1;
  const wrapped = (text: string, tone: Tone, extra: Omit<UiSeg, 'text' | 'tone'> = {}) => toneLines(text, width, tone, '', extra).slice(0, MAX_STATUS_ROWS);
  if (s.notice) return wrapped(s.notice.text, s.notice.tone, { bold: s.notice.tone === 'pass' });
  if (v.running) return wrapped(tf(s.lang, 'promptRunning', { line: v.running.line }), 'accent');
  const sb = s.sandbox;
  if (s.engine.state === 'down') {
    const known = s.engine.texts?.[s.lang];
    return wrapped(known ? tf(s.lang, 'engineDownCause', { message: known.message }) : tf(s.lang, 'engineDown', { message: s.engine.message }), 'fail');
  }
  if (sb.state === 'ready') {
    const host = tf(s.lang, 'otherTerminal', { host: sb.dockerHost });
    const dir = v.workspace?.dir ? (home ? v.workspace.dir.replace(home, '~') : v.workspace.dir) : '';
    const files = dir ? `  ${tf(s.lang, 'workspaceLine', { dir })}` : '';
    const line: UiLine = [seg(host, 'muted')];
    if (files && displayWidth(host + files) < s.size.cols) line.push(seg(files, 'muted'));
    return [line];
  }
  if (sb.state === 'failed') return wrapped(tf(s.lang, 'sandboxFailed', { message: sb.message }), 'fail');
  return [[seg(t(s.lang, 'sandboxOpening'), 'muted')]];
}

/** All the lines of the lesson's lower pane, and where its view starts when the learner has not scrolled it. */
export function paneContent(s: AppState, v: LessonView, lesson: Lesson, width: number, height: number): { lines: UiLine[]; natural: number } {
  const bottom = (lines: UiLine[]) => ({ lines, natural: Math.max(0, lines.length - height) });
  switch (v.pane) {
    case 'output':
      return bottom(outputLines(s, v, width));
    case 'checks': {
      // Keep the first failure (expected vs actual, hint) in view when the list is long.
      const { lines, focus } = checkLines(s, v, lesson, width);
      return { lines, natural: Math.max(0, Math.min(focus - 1, lines.length - height)) };
    }
    case 'hints':
      return bottom(hintLines(s, v, lesson, width));
    case 'log':
      return bottom(logLines(s, width));
    case 'picture':
      return { lines: pictureLines(s.lang, v.pictures, width), natural: 0 };
  }
}

export interface PaneWindow {
  lines: UiLine[];
  /** Index of the first line shown. */
  start: number;
  total: number;
  /** Where the view starts by itself (follow the newest lines; the first failure for checks). */
  natural: number;
  /** The largest start: the last line at the bottom. */
  last: number;
}

/** The part of the pane on screen: where the learner scrolled it (`[` `]`), or its natural place. */
export function paneWindow(s: AppState, v: LessonView, lesson: Lesson, width: number, height: number): PaneWindow {
  const { lines, natural } = paneContent(s, v, lesson, width, height);
  const last = Math.max(0, lines.length - height);
  const mine = v.paneScroll && v.paneScroll.pane === v.pane && v.paneScroll.stepIndex === v.stepIndex ? v.paneScroll : null;
  const start = mine ? Math.max(0, Math.min(last, mine.start)) : natural;
  return { lines: lines.slice(start, start + height), start, total: lines.length, natural, last };
}
