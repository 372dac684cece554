import { t } from '../../i18n/strings';
import type { CheckResult } from '../../checks/types';
import { visibleBindings } from '../input/keys';
import { homeLessons, lessonStatus, type AppState, type OutLine } from '../state/state';
import { tf } from '../text/text';
import { questionMarkdown, savedAnswer, stepQuestion, verdictMarkdown } from '../input/question';

/**
 * Screen-reader mode (`--screen-reader`, or INK_SCREEN_READER=true as Ink reads it): plain text,
 * append only. What happens is said once, in order, as lines a screen reader reads as they come
 * (Ink's <Static>); only the prompt line changes in place. No full-screen layout, no colours that
 * carry meaning, no box drawing.
 *
 * `said` is what was already said (the view keeps it between frames); `transcript` returns the
 * new lines for this state and the updated memory. Pure, so it is tested without a terminal.
 */
export interface Said {
  /** `home`, or `lessonId#stepIndex` of the step whose text was said. */
  place: string | null;
  /** The last output line said (the output is bounded: lines drop off its front). */
  lastOut: OutLine | null;
  /** The check whose verdict was said (by identity) and how far its results were said. */
  check: object | null;
  checkResults: number;
  checkStatus: string | null;
  hintRung: number;
  solutionShown: boolean;
  notice: object | null;
  engine: object | null;
  lang: string;
  /** The saved answer to the step's question whose verdict was said. */
  answer?: string;
}

export const nothingSaid = (): Said => ({ place: null, lastOut: null, check: null, checkResults: 0, checkStatus: null, hintRung: 0, solutionShown: false, notice: null, engine: null, lang: '' });

/** Markdown as plain text for reading aloud: no comments, fences or emphasis marks. */
export function plainText(md: string): string[] {
  return md
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .filter((l) => !/^\s*```/.test(l))
    .map((l) => l.replace(/^#+\s*/, '').replace(/\*\*|__|`/g, '').replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').trimEnd())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
}

/** The question block without its rule and emphasis marks (plainText keeps single underscores). */
const spoken = (md: string) => md.replace(/^---$/m, '').replace(/^_(.*)_$/gm, '$1');

const keysLine = (s: AppState) =>
  `${t(s.lang, 'srKeys')} ${visibleBindings(s, true)
    .map((b) => `${b.labelFor?.(s) ?? b.label} ${t(s.lang, b.footerHelp ?? b.help)}`)
    .join(', ')}`;

function resultLine(s: AppState, r: CheckResult): string {
  if (r.status === 'pass') return `${t(s.lang, 'srPass')}: ${r.title}`;
  if (r.status === 'skipped') return `${t(s.lang, 'srSkipped')}: ${r.title}`;
  return `${t(s.lang, 'srFail')}: ${r.title}. ${t(s.lang, 'expected')}: ${r.expected}. ${t(s.lang, 'actual')}: ${r.actual}`;
}

export function transcript(prev: Said, s: AppState): { said: Said; lines: string[] } {
  const said: Said = { ...prev, lang: s.lang };
  const lines: string[] = [];
  const v = s.screen;
  const place = v.name === 'home' ? 'home' : `${v.lessonId}#${v.stepIndex}`;
  if (place !== prev.place || s.lang !== prev.lang) {
    said.place = place;
    said.lastOut = null;
    said.check = null;
    said.checkResults = 0;
    said.checkStatus = null;
    if (v.name === 'home') {
      lines.push(t(s.lang, 'srHome'));
      homeLessons(s).forEach((l, i) => {
        const st = lessonStatus(s.progress, l);
        lines.push(`${i + 1}. ${l.title[s.lang]}, ${tf(s.lang, 'weekShort', { week: l.week })}, ${st.passed}/${st.total}`);
      });
      lines.push(keysLine(s));
    } else {
      const lesson = s.lessons.find((l) => l.id === v.lessonId);
      const step = lesson?.steps[v.stepIndex];
      if (lesson && step) {
        lines.push(`${lesson.title[s.lang]}. ${tf(s.lang, 'stepOf', { n: v.stepIndex + 1, total: lesson.steps.length })}: ${step.title[s.lang]}`);
        if (v.stepIndex === 0) lines.push(...plainText(lesson.intro[s.lang]?.markdown ?? ''));
        lines.push(...plainText(lesson.stepProse[step.id]?.[s.lang]?.markdown ?? ''));
        // A concept question: its lettered choices, what the saved answer says, how to answer.
        const q = stepQuestion(step);
        if (q) lines.push(...plainText(spoken(questionMarkdown(q, s.lang, savedAnswer(v, q)))));
        said.answer = q ? savedAnswer(v, q) : undefined;
        lines.push(keysLine(s));
      }
      // What was on screen before the step changed is not said again.
      said.lastOut = v.output.at(-1) ?? null;
      said.check = v.check;
      said.checkResults = v.check?.results.length ?? 0;
      said.checkStatus = v.check?.status ?? null;
      said.hintRung = v.hintRung;
      said.solutionShown = v.solutionShown;
    }
  } else if (v.name === 'lesson') {
    // New output since the last line said.
    const from = said.lastOut ? v.output.lastIndexOf(said.lastOut) + 1 : 0;
    for (const o of v.output.slice(from)) lines.push(o.kind === 'cmd' ? o.text : o.kind === 'stderr' || o.kind === 'error' ? `${t(s.lang, 'srError')}: ${o.text}` : o.text);
    said.lastOut = v.output.at(-1) ?? said.lastOut;
    // The check's results as they come, then its verdict.
    if (v.check && v.check !== prev.check) {
      const same = prev.check && (prev.check as typeof v.check).stepIndex === v.check.stepIndex && v.check.results.length >= prev.checkResults && prev.checkStatus === 'running';
      const start = same ? prev.checkResults : 0;
      for (const r of v.check.results.slice(start)) lines.push(resultLine(s, r));
      if (v.check.status !== 'running' && v.check.status !== prev.checkStatus) {
        if (v.check.status === 'passed') lines.push(t(s.lang, 'stepPassed'));
        else if (v.check.status === 'failed') lines.push(t(s.lang, 'notYet'));
        else if (v.check.error) lines.push(`${t(s.lang, 'srError')}: ${v.check.error.message}`);
      }
      said.check = v.check;
      said.checkResults = v.check.results.length;
      said.checkStatus = v.check.status;
    }
    // Hints and the solution as they are opened.
    const lesson = s.lessons.find((l) => l.id === v.lessonId);
    const step = lesson?.steps[v.stepIndex];
    // A new answer to the step's question: what it says (right, or wrong and why).
    const q = stepQuestion(step);
    const picked = q ? savedAnswer(v, q) : undefined;
    if (q && picked && picked !== prev.answer) lines.push(...plainText(spoken(verdictMarkdown(q, s.lang, picked))));
    said.answer = picked;
    if (step && v.hintRung > prev.hintRung) {
      for (const h of step.hints.slice(prev.hintRung, v.hintRung)) lines.push(`${t(s.lang, 'hint')}: ${h[s.lang]}`);
    }
    if (step && v.solutionShown && !prev.solutionShown) lines.push(`${t(s.lang, 'srSolution')}: ${step.solution.commands.join(' ; ')}`);
    said.hintRung = v.hintRung;
    said.solutionShown = v.solutionShown;
  }
  // The engine, once it is found or not (and how to fix it).
  const e = s.engine;
  if (e !== prev.engine && e.state !== 'checking') {
    if (e.state === 'ok') lines.push(tf(s.lang, 'engineOk', { version: e.version, endpoint: e.endpoint }));
    else {
      const known = e.texts?.[s.lang];
      lines.push(known ? tf(s.lang, 'engineDownCause', { message: known.message }) : tf(s.lang, 'engineDown', { message: e.message }));
      const fix = known?.fix ?? e.tryThis;
      if (fix) lines.push(tf(s.lang, 'engineFix', { fix }));
    }
  }
  said.engine = e;
  if (s.notice && s.notice !== prev.notice) lines.push(s.notice.text);
  said.notice = s.notice;
  return { said, lines };
}

/** The one line that changes in place: the prompt, or the lesson chosen on the home screen. */
export function liveLine(s: AppState): string {
  const v = s.screen;
  if (v.name === 'home') {
    const l = homeLessons(s)[v.cursor];
    return l ? `${t(s.lang, 'srSelected')}: ${v.cursor + 1}. ${l.title[s.lang]}` : '';
  }
  if (v.running) return `${t(s.lang, 'srRunning')}: ${v.running.line}`;
  return `$ ${v.prompt.text}`;
}
