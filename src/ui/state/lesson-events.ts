import { hasPictures } from '../../pictures/subjects';
import { stepNeedsEngine } from '../../sandbox/no-engine';
import { maxScroll } from '../panes/layout';
import { paneRow } from '../panes/table';
import { tf } from '../text/text';
import type { AppEvent, Effect } from './events';
import { appendOutput, hasActionCheck, lessonOf, startCheck, stepState, withView } from './lesson-view';
import { none, type Result } from './reducer-util';
import { promptWith, stepPassed, type LessonView, type OutLine, type AppState } from './state';

/** Reports from the world (commands, checks, engine events, reset, editor) about the open lesson. */
export function lessonEvent(s: AppState, e: AppEvent): Result {
  // A reset can finish after Esc; it still closes its dialog.
  if (s.screen.name !== 'lesson') return e.type === 'resetDone' || e.type === 'resetFailed' ? none({ ...s, overlay: null }) : none(s);
  const v = s.screen;
  const lesson = lessonOf(s, v);
  switch (e.type) {
    case 'lessonReady':
      if (e.lessonId !== v.lessonId) return none(s);
      return withView(s, { ...v, workspace: { dir: e.workspace, files: e.files }, ...(e.answers ? { answers: e.answers } : {}) });
    case 'answerSaved': {
      if (e.lessonId !== v.lessonId) return none(s);
      const answered: LessonView = { ...v, answers: { ...v.answers, [e.questionId]: e.choice } };
      if (e.stepIndex !== v.stepIndex) return withView(s, answered);
      // The question's end (the verdict, a wrong choice's why) in view; then the step is checked at once.
      const shown: LessonView = { ...answered, scroll: maxScroll({ ...s, screen: answered }, answered) };
      if (v.check?.status === 'running') return withView(s, { ...shown, recheckQueued: true });
      return startCheck({ ...s, screen: shown }, shown, 'key');
    }
    case 'answerFailed':
      if (e.lessonId !== v.lessonId) return none(s);
      return none({ ...s, notice: { tone: 'fail', text: tf(s.lang, 'question.saveFailed', { message: e.message }) } });
    case 'commandOutput':
      if (!v.running) return none(s);
      return withView(s, appendOutput(v, e.lines, e.dropped));
    case 'commandDone': {
      if (!v.running) return none(s);
      const secs = (e.ms / 1000).toFixed(1);
      const line: OutLine = e.cancelled
        ? { kind: 'info', text: tf(s.lang, 'cmdStopped', { s: secs }) }
        : e.timedOut
          ? { kind: 'error', text: tf(s.lang, 'cmdTimedOut', { s: secs }) }
          : { kind: e.exitCode === 0 ? 'info' : 'error', text: tf(s.lang, 'cmdExit', { code: e.exitCode ?? '?', s: secs }) };
      const still = e.stillRunning?.length
        ? [{ kind: 'tip' as const, text: tf(s.lang, 'cmd.stillRunning', { names: e.stillRunning.join(', '), first: e.stillRunning[0] }) }]
        : [];
      const effects: Effect[] = hasPictures(lesson) ? [{ type: 'loadPictures', lessonId: lesson.id }] : [];
      return withView(s, appendOutput({ ...v, running: null }, [line, ...still]), effects, { notice: e.cancelled ? null : s.notice });
    }
    case 'commandRefused': {
      if (!v.running) return none(s);
      const lines: OutLine[] = [{ kind: 'error', text: e.message }];
      if (e.tryThis) lines.push({ kind: 'tip', text: tf(s.lang, 'tryThis', { what: e.tryThis }) });
      // Nothing typed is lost: the refused line comes back to the prompt to be fixed (arrows
      // edit it; typing a new command replaces it, never appends to it).
      const prompt = v.prompt.text ? v.prompt : { ...promptWith(v.running.line), recalled: true };
      return withView(s, appendOutput({ ...v, running: null, prompt }, lines));
    }
    case 'checkResult':
      if (!matches(v, e) || !v.check) return none(s);
      return withView(s, { ...v, check: { ...v.check, results: v.check.results.concat(e.result) } });
    case 'checkDone': {
      if (!matches(v, e) || !v.check) return none(s);
      const step = lesson.steps[e.stepIndex];
      const trigger = v.check.trigger;
      // An automatic re-check is an attempt only when it changes the outcome (or is the first one).
      const counts = trigger === 'key' || v.lastPassed === null || e.passed !== v.lastPassed;
      // A pass keeps what each check saw (its actual value): the evidence in the member's report.
      const evidence = e.passed ? v.check.results.map((r) => ({ check: r.id, actual: r.actual })) : undefined;
      const effects: Effect[] = counts ? [{ type: 'recordAttempt', lessonId: lesson.id, stepId: step.id, passed: e.passed, evidence }] : [];
      let view: LessonView = { ...v, lastPassed: e.passed, check: { ...v.check, status: e.passed ? 'passed' : 'failed' }, ...(e.answers ? { answers: e.answers } : {}) };
      // An automatic check never takes the lower pane: the output of the command that was just
      // run stays in view (the checks tab's mark and the notice say the step passed). A check the
      // learner asked for shows the checks (startCheck).
      let notice = s.notice;
      if (e.passed) {
        const last = e.stepIndex === lesson.steps.length - 1;
        const allDone = lesson.steps.every((x, i) => i === e.stepIndex || stepPassed(s.progress, lesson.id, x.id));
        notice = { tone: 'pass', text: last && allDone ? tf(s.lang, 'lessonDone') : last ? tf(s.lang, 'input.stepPassedLast') : tf(s.lang, 'input.stepPassedNext') };
      }
      if (view.recheckQueued && !hasActionCheck(step)) {
        const again = startCheck({ ...s, screen: view, notice }, view, 'event');
        return { state: again.state, effects: effects.concat(again.effects) };
      }
      return withView(s, view, effects, { notice });
    }
    case 'checkError':
      if (!matches(v, e) || !v.check) return none(s);
      return withView(s, { ...v, recheckQueued: false, check: { ...v.check, status: 'error', error: { message: e.message, tryThis: e.tryThis } } }, [], {
        notice: { tone: 'warn', text: tf(s.lang, 'couldNotCheck') },
      });
    case 'engineEvents': {
      if (!e.lessonIds.includes(v.lessonId)) return none(s);
      const step = lesson.steps[v.stepIndex];
      // A health change or a container that started or died changes the pictures too.
      const refresh = paneRow(v.pane).refresh;
      const pictures: Effect[] = refresh ? [refresh(lesson.id)] : [];
      if (hasActionCheck(step) || s.sandbox.state !== 'ready') return withView(s, v, pictures);
      const checking = startCheck(s, v, 'event');
      return { state: checking.state, effects: [...checking.effects, ...pictures] };
    }
    case 'resetPlanned':
      if (s.overlay?.kind !== 'reset') return none(s);
      return none({ ...s, overlay: { ...s.overlay, plan: e.plan } });
    case 'resetDone': {
      // A reset forgets the answers to the lesson's questions too (the controller cleared the file).
      const view: LessonView = { ...v, answers: {}, check: null, lastPassed: null, stepIndex: e.restoredFiles ? 0 : v.stepIndex, scroll: e.restoredFiles ? 0 : v.scroll };
      const text = tf(s.lang, e.restoredFiles ? 'resetDoneFiles' : 'resetDone', { n: e.removed });
      const effects: Effect[] = hasPictures(lesson) ? [{ type: 'loadPictures', lessonId: lesson.id }] : [];
      return withView(s, { ...view, ...(e.restoredFiles ? stepState(s, lesson, 0) : {}) }, effects, { overlay: null, notice: { tone: 'accent', text } });
    }
    case 'resetFailed':
      return none({ ...s, overlay: null, notice: { tone: 'fail', text: e.message } });
    case 'editorDone': {
      const done = none({ ...s, notice: e.error ? { tone: 'fail', text: e.error } : { tone: 'accent', text: tf(s.lang, 'editorDone') } });
      // A saved manifest is what an engine event is to a docker lesson: check it at once.
      // (A step of manifests in a lesson that also replays pods on docker is still only a manifest step.)
      if (e.error || stepNeedsEngine(lesson, lesson.steps[v.stepIndex]) || hasActionCheck(lesson.steps[v.stepIndex])) return done;
      return startCheck(done.state, v, 'event');
    }
    case 'picturesLoaded':
      if (e.lessonId !== v.lessonId) return none(s);
      return withView(s, { ...v, pictures: e.pictures });
    default:
      return none(s);
  }
}

const matches = (v: LessonView, e: { lessonId: string; stepIndex: number }) => e.lessonId === v.lessonId && e.stepIndex === v.stepIndex;
