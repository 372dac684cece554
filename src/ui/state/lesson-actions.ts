import type { Lesson, Step } from '../../lessons/schema';
import type { Action } from '../input/keys';
import { commandOf, continues, editLine, fitsLine, walkHistory } from '../input/line-editor';
import { answerOf, savedAnswer, stepQuestion } from '../input/question';
import { lessonLayout, maxScroll } from '../panes/layout';
import { nextPane, paneRow } from '../panes/table';
import { paneWindow } from '../panes/window';
import { tf } from '../text/text';
import { appendOutput, goToStep, lessonOf, startCheck, withView } from './lesson-view';
import { armQuit, none, quit, type Result } from './reducer-util';
import { MAX_HISTORY, MAX_LINE, continueLessonId, emptyPrompt, homeLessons, lessonStatus, type AppState, type LessonView } from './state';

/** What the learner's actions (keys) do in an open lesson: run, answer, check, hints, steps, panes, editing the line, its dialogs. */

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
      const notice = v.prompt.text ? { tone: 'muted' as const, text: tf(s.lang, 'input.lineKept') } : null;
      const home: AppState = { ...s, parked: { ...v, running: null }, notice };
      return none({ ...home, screen: { name: 'home', cursor: homeCursor(home, lesson) } });
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
        return withView(s, v, [], { notice: { tone: 'warn', text: tf(s.lang, 'input.lineTooLong', { max: MAX_LINE }), untilInput: true } });
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
      const pane = action.pane ?? nextPane(lesson, v.pane, action.delta);
      // A pane read from the engine (the pictures) is read afresh each time it is shown.
      const refresh = paneRow(pane).refresh;
      return withView(s, { ...v, pane }, refresh ? [refresh(lesson.id)] : []);
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
 * Where the home screen's cursor lands coming back from a lesson: on that lesson, unless it is
 * finished and the home screen suggests another ("Start with: …" / "Continue: …"): then on the
 * suggested one, so Enter opens what the line above the list names.
 */
function homeCursor(s: AppState, lesson: Lesson): number {
  const listed = homeLessons(s);
  const here = listed.findIndex((l) => l.id === lesson.id);
  const next = lessonStatus(s.progress, lesson).state === 'done' ? continueLessonId(s) : null;
  const there = next ? listed.findIndex((l) => l.id === next) : -1;
  return Math.max(0, there >= 0 ? there : here);
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
  // A new command's output is followed from its first line, however far back the pane was scrolled.
  const view = appendOutput({ ...v, prompt: emptyPrompt(), running: { line }, pane: 'output', paneScroll: null }, [{ kind: 'cmd', text: `$ ${line}` }]);
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
