import type { Lesson, Step } from '../../lessons/schema';
import { hasPictures } from '../../pictures/subjects';
import type { AppEvent, Effect } from './events';
import type { Action } from '../input/keys';
import { lessonLayout, maxScroll } from '../panes/layout';
import { commandOf, continues, editLine, fitsLine, walkHistory } from '../input/line-editor';
import { armQuit, none, quit, type Result } from './reducer-util';
import {
  MAX_HISTORY, MAX_LINE, MAX_OUTPUT_LINES, emptyPrompt, openingStep, promptWith, stepPassed,
  type AppState, type LessonView, type OutLine, type Pane,
} from './state';
import { paneWindow } from '../panes/checks';
import { tf } from '../text/text';
import { answerOf, savedAnswer, stepQuestion } from '../input/question';
import { stepNeedsEngine } from '../../sandbox/no-engine';

const lessonOf = (s: AppState, v: LessonView): Lesson => s.lessons.find((l) => l.id === v.lessonId)!;

/** A stop check is an action (it stops the container), so is a pod replay (it runs one): never run them because an event arrived. */
const hasActionCheck = (step: Step) => step.checks.some((c) => c.kind === 'stop' || c.kind === 'pod-replay');

function withView(s: AppState, view: LessonView, effects: Effect[] = [], extra: Partial<AppState> = {}): Result {
  return { state: { ...s, ...extra, screen: view }, effects };
}

function stepState(s: AppState, lesson: Lesson, stepIndex: number): Pick<LessonView, 'hintRung' | 'solutionShown' | 'lastPassed'> {
  const p = s.progress.lessons[lesson.id]?.steps[lesson.steps[stepIndex].id];
  return { hintRung: p?.hintsUsed ?? 0, solutionShown: p?.solutionRevealed ?? false, lastPassed: p?.passedAt ? true : null };
}

export function openLesson(s: AppState, lessonId: string): Result {
  const lesson = s.lessons.find((l) => l.id === lessonId);
  if (!lesson) return none(s);
  const parked = s.parked?.lessonId === lessonId ? s.parked : null;
  const stepIndex = openingStep(s, lesson);
  const view: LessonView = parked
    ? { ...parked, running: null }
    : {
        name: 'lesson',
        lessonId,
        stepIndex,
        prompt: emptyPrompt(),
        scroll: 0,
        pane: 'output',
        paneScroll: null,
        running: null,
        output: [{ kind: 'tip', text: tf(s.lang, 'outputEmpty') }],
        dropped: 0,
        check: null,
        recheckQueued: false,
        ...stepState(s, lesson, stepIndex),
        workspace: null,
        pictures: null,
      };
  const effects: Effect[] = [
    { type: 'enterLesson', lessonId },
    { type: 'seeStep', lessonId, stepId: lesson.steps[stepIndex].id },
  ];
  if (hasPictures(lesson)) effects.push({ type: 'loadPictures', lessonId });
  return withView(s, view, effects, { notice: null, parked: null });
}

function goToStep(s: AppState, v: LessonView, index: number): Result {
  const lesson = lessonOf(s, v);
  const stepIndex = Math.max(0, Math.min(lesson.steps.length - 1, index));
  if (stepIndex === v.stepIndex) return none(s);
  const pane: Pane = v.pane === 'checks' || v.pane === 'hints' ? 'output' : v.pane;
  const view: LessonView = { ...v, stepIndex, scroll: 0, check: null, recheckQueued: false, pane, ...stepState(s, lesson, stepIndex) };
  return withView(s, view, [{ type: 'seeStep', lessonId: lesson.id, stepId: lesson.steps[stepIndex].id }], { notice: null });
}

function startCheck(s: AppState, v: LessonView, trigger: 'key' | 'event'): Result {
  const lesson = lessonOf(s, v);
  // Steps that read only the workspace (questions, manifests; any step of a lesson that needs no engine) need no sandbox.
  if (s.sandbox.state !== 'ready' && stepNeedsEngine(lesson, lesson.steps[v.stepIndex])) {
    return withView(s, v, [], { notice: { tone: 'warn', text: s.engine.state === 'down' ? tf(s.lang, 'noEngineNoCheck') : tf(s.lang, 'sandboxNotReady') } });
  }
  // Ctrl-T while an automatic check runs: show that check (its result is the one asked for).
  if (v.check?.status === 'running') return withView(s, { ...v, pane: trigger === 'key' ? 'checks' : v.pane, recheckQueued: trigger === 'event' || v.recheckQueued });
  // A check the engine's events started does not take the pane from what the learner is
  // looking at; only its success does (checkDone). The tab shows its progress meanwhile.
  const pane: Pane = trigger === 'event' ? v.pane : 'checks';
  const view: LessonView = { ...v, pane, recheckQueued: false, check: { stepIndex: v.stepIndex, trigger, status: 'running', results: [] } };
  const label = tf(s.lang, trigger === 'key' ? 'input.logCheckKey' : 'logCheckEvent', { n: v.stepIndex + 1 });
  return {
    state: { ...s, screen: view, notice: null, log: s.log.concat({ kind: 'check', label }) },
    effects: [{ type: 'runCheck', lessonId: lesson.id, stepIndex: v.stepIndex, trigger }],
  };
}

function appendOutput(v: LessonView, lines: OutLine[], dropped = 0): LessonView {
  const all = v.output.concat(lines);
  const over = Math.max(0, all.length - MAX_OUTPUT_LINES);
  // A pane scrolled back by hand keeps showing the same lines while older ones are dropped.
  // (The pane's first line says how many were dropped once there are any.)
  const total = v.dropped + dropped + over;
  const shift = over - ((total > 0 ? 1 : 0) - (v.dropped > 0 ? 1 : 0));
  const paneScroll = v.paneScroll?.pane === 'output' ? { ...v.paneScroll, start: Math.max(0, v.paneScroll.start - shift) } : v.paneScroll;
  return { ...v, output: over ? all.slice(over) : all, dropped: total, paneScroll };
}

function cyclePane(s: AppState, v: LessonView, delta = 1): Pane {
  const order: Pane[] = ['output', 'checks', 'hints', 'log'];
  if (hasPictures(lessonOf(s, v))) order.push('picture');
  return order[(order.indexOf(v.pane) + delta + order.length) % order.length];
}

export function lessonAction(s: AppState, action: Action): Result {
  if (s.screen.name !== 'lesson') return none(s);
  const v = s.screen;
  const lesson = lessonOf(s, v);
  const step = lesson.steps[v.stepIndex];

  if (s.overlay) return overlayAction(s, v, lesson, step, action);

  switch (action.type) {
    case 'interrupt':
      if (v.running) return withView(s, v, [{ type: 'cancelCommand' }], { notice: { tone: 'muted', text: tf(s.lang, 'stopping') } });
      if (v.prompt.text) return withView(s, { ...v, prompt: emptyPrompt() });
      return armQuit(s);
    case 'quitOrDelete':
      // Ctrl-D as in a shell: on an empty line it ends the session; else it deletes under the cursor.
      if (!v.prompt.text) return quit(s);
      return withView(s, { ...v, prompt: editLine(v.prompt, { op: 'deleteForward' }) });
    case 'back': {
      // Esc never loses work: a running command is not stopped behind the learner's back, and
      // the typed line, output and step are kept for when the lesson is opened again.
      if (v.running) return withView(s, v, [], { notice: { tone: 'warn', text: tf(s.lang, 'input.escRunning') } });
      const cursor = Math.max(0, s.lessons.findIndex((l) => l.id === v.lessonId));
      const notice = v.prompt.text ? { tone: 'muted' as const, text: tf(s.lang, 'input.lineKept') } : null;
      return none({ ...s, screen: { name: 'home', cursor }, parked: { ...v, running: null }, notice });
    }
    case 'scroll':
      return withView(s, { ...v, scroll: Math.max(0, Math.min(maxScroll(s, v), v.scroll + action.delta)) });
    case 'page': {
      const page = Math.max(1, lessonLayout(s).proseHeight - 1);
      return withView(s, { ...v, scroll: Math.max(0, Math.min(maxScroll(s, v), v.scroll + action.delta * page)) });
    }
    case 'paneScroll': {
      const { paneHeight } = lessonLayout(s);
      const w = paneWindow(s, v, lesson, s.size.cols - 2, paneHeight);
      const next = Math.max(0, Math.min(w.last, w.start + action.delta * Math.max(1, Math.floor(paneHeight / 2))));
      // Back at its natural place (the newest lines; the first failure for checks): follow it again.
      const home = next === w.natural || (next >= w.last && w.natural >= w.last);
      return withView(s, { ...v, paneScroll: home ? null : { pane: v.pane, stepIndex: v.stepIndex, start: next } });
    }
    case 'line': {
      const edit = action.edit.op === 'insert' ? { ...action.edit, multiline: true } : action.edit;
      if (edit.op === 'insert' && !fitsLine(v.prompt, edit.text.length)) {
        return withView(s, v, [], { notice: { tone: 'warn', text: tf(s.lang, 'input.lineTooLong', { max: MAX_LINE }) } });
      }
      return withView(s, { ...v, prompt: editLine(v.prompt, edit) });
    }
    case 'history':
      return withView(s, { ...v, prompt: walkHistory(v.prompt, s.history, action.delta) });
    case 'submit':
      return submit(s, v);
    case 'answer':
      return answer(s, v, lesson, step);
    case 'check':
      return startCheck(s, v, 'key');
    case 'hint': {
      if (step.hints.length === 0) return withView(s, { ...v, pane: 'hints' }, [], { notice: { tone: 'muted', text: tf(s.lang, 'noHints') } });
      // The ladder's last rung is the solution, after asking.
      if (v.hintRung >= step.hints.length) {
        if (v.solutionShown) return withView(s, { ...v, pane: 'hints' }, [], { notice: { tone: 'muted', text: tf(s.lang, 'input.solutionShown') } });
        return none({ ...s, overlay: { kind: 'reveal' } });
      }
      const rung = v.hintRung + 1;
      return withView(s, { ...v, hintRung: rung, pane: 'hints' }, [{ type: 'useHint', lessonId: lesson.id, stepId: step.id, rung }], { notice: null });
    }
    case 'askReveal':
      if (v.solutionShown) return withView(s, { ...v, pane: 'hints' });
      return none({ ...s, overlay: { kind: 'reveal' } });
    case 'step':
      return goToStep(s, v, v.stepIndex + action.delta);
    case 'pane': {
      const pane = action.pane ?? cyclePane(s, v, action.delta);
      // The pictures are read fresh each time they are shown.
      return withView(s, { ...v, pane }, pane === 'picture' ? [{ type: 'loadPictures', lessonId: lesson.id }] : []);
    }
    case 'edit': {
      const files = v.workspace?.files ?? [];
      if (files.length === 0) return withView(s, v, [], { notice: { tone: 'muted', text: tf(s.lang, 'noFilesToEdit') } });
      if (files.length === 1) return withView(s, v, [{ type: 'openEditor', lessonId: lesson.id, file: files[0] }]);
      return none({ ...s, overlay: { kind: 'files', files, cursor: 0 } });
    }
    case 'askReset':
      if (s.sandbox.state !== 'ready' && lesson.requires.engine) return withView(s, v, [], { notice: { tone: 'warn', text: tf(s.lang, 'sandboxNotReady') } });
      return { state: { ...s, overlay: { kind: 'reset', plan: null, busy: false } }, effects: [{ type: 'planReset', lessonId: lesson.id }] };
    default:
      return none(s);
  }
}

/**
 * Enter while the step's question is open: a line that is exactly one of its letters is an answer
 * (saved in the workspace, then the step is checked: no command runs); any other line runs as usual.
 */
function answer(s: AppState, v: LessonView, lesson: Lesson, step: Step): Result {
  const q = stepQuestion(step);
  const choice = q && savedAnswer(v, q) !== q.answer ? answerOf(q, v.prompt.text) : undefined;
  if (!q || !choice) return submit(s, v);
  const view = appendOutput({ ...v, prompt: emptyPrompt() }, [{ kind: 'cmd', text: `> ${tf(s.lang, 'question.outputAnswer', { choice })}` }]);
  if (view.output[0]?.kind === 'tip') view.output = view.output.slice(1);
  return {
    state: { ...s, screen: view, notice: null, log: s.log.concat({ kind: 'check', label: tf(s.lang, 'question.logAnswer', { choice, n: v.stepIndex + 1 }) }) },
    effects: [{ type: 'saveAnswer', lessonId: lesson.id, stepIndex: v.stepIndex, questionId: q.id, choice }],
  };
}

function submit(s: AppState, v: LessonView): Result {
  // Enter after a trailing backslash continues the command on a new line, as in a shell.
  if (continues(v.prompt)) return lessonAction(s, { type: 'line', edit: { op: 'insert', text: '\n' } });
  const line = commandOf(v.prompt.text);
  if (line === null) return withView(s, v, [], { notice: { tone: 'warn', text: tf(s.lang, 'input.severalCommands') } });
  if (!line) return none(s);
  if (v.running) return withView(s, v, [], { notice: { tone: 'warn', text: tf(s.lang, 'commandStillRunning') } });
  if (s.sandbox.state !== 'ready') {
    return withView(s, v, [], { notice: { tone: 'warn', text: s.engine.state === 'down' ? tf(s.lang, 'noEngineNoRun') : tf(s.lang, 'sandboxNotReady') } });
  }
  const last = s.history[s.history.length - 1];
  const history = last === line ? s.history : s.history.concat(line).slice(-MAX_HISTORY);
  const view = appendOutput({ ...v, prompt: emptyPrompt(), running: { line }, pane: 'output' }, [{ kind: 'cmd', text: `$ ${line}` }]);
  // The hint shown before anything ran is no longer needed once there is real output.
  if (view.output[0]?.kind === 'tip') view.output = view.output.slice(1);
  return {
    state: { ...s, screen: view, history, notice: null, log: s.log.concat({ kind: 'command', line }) },
    effects: [{ type: 'runCommand', lessonId: v.lessonId, line }],
  };
}

function overlayAction(s: AppState, v: LessonView, lesson: Lesson, step: Step, action: Action): Result {
  const o = s.overlay!;
  if (o.kind === 'reveal' && action.type === 'confirm') {
    if (action.choice !== 'yes') return none({ ...s, overlay: null });
    return {
      state: { ...s, overlay: null, screen: { ...v, solutionShown: true, pane: 'hints' } },
      effects: [{ type: 'revealSolution', lessonId: lesson.id, stepId: step.id }],
    };
  }
  if (o.kind === 'reset' && action.type === 'confirm') {
    if (o.busy) return none(s);
    if (action.choice === 'no') return none({ ...s, overlay: null });
    if (!o.plan) return none(s);
    return { state: { ...s, overlay: { ...o, busy: true } }, effects: [{ type: 'reset', lessonId: lesson.id, restoreFiles: action.choice === 'files' }] };
  }
  if (o.kind === 'files') {
    if (action.type === 'move') return none({ ...s, overlay: { ...o, cursor: Math.max(0, Math.min(o.files.length - 1, o.cursor + action.delta)) } });
    if (action.type === 'confirm' && action.choice === 'no') return none({ ...s, overlay: null });
    if (action.type === 'pick') return { state: { ...s, overlay: null }, effects: [{ type: 'openEditor', lessonId: lesson.id, file: o.files[o.cursor] }] };
  }
  return none(s);
}

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
      const effects: Effect[] = hasPictures(lesson) ? [{ type: 'loadPictures', lessonId: lesson.id }] : [];
      return withView(s, appendOutput({ ...v, running: null }, [line]), effects, { notice: e.cancelled ? null : s.notice });
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
      const pictures: Effect[] = v.pane === 'picture' ? [{ type: 'loadPictures', lessonId: lesson.id }] : [];
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
