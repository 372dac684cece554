import type { Lesson, Step } from '../../lessons/schema';
import { hasPictures } from '../../pictures/subjects';
import { stepNeedsEngine } from '../../sandbox/no-engine';
import { paneRow } from '../panes/table';
import { tf } from '../text/text';
import type { Effect } from './events';
import { none, type Result } from './reducer-util';
import { MAX_OUTPUT_LINES, emptyPrompt, openingStep, type AppState, type LessonView, type OutLine, type Pane } from './state';

/** The open lesson's view: opening it, moving between steps, starting a check, adding output (lesson-actions.ts and lesson-events.ts share these). */

export const lessonOf = (s: AppState, v: LessonView): Lesson => s.lessons.find((l) => l.id === v.lessonId)!;

/** A stop check is an action (it stops the container), so is a pod replay (it runs one): never run them because an event arrived. */
export const hasActionCheck = (step: Step) => step.checks.some((c) => c.kind === 'stop' || c.kind === 'pod-replay');

export function withView(s: AppState, view: LessonView, effects: Effect[] = [], extra: Partial<AppState> = {}): Result {
  return { state: { ...s, ...extra, screen: view }, effects };
}

export function stepState(s: AppState, lesson: Lesson, stepIndex: number): Pick<LessonView, 'hintRung' | 'solutionShown' | 'lastPassed'> {
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

export function goToStep(s: AppState, v: LessonView, index: number): Result {
  const lesson = lessonOf(s, v);
  const stepIndex = Math.max(0, Math.min(lesson.steps.length - 1, index));
  if (stepIndex === v.stepIndex) return none(s);
  // A pane about the step (its checks, its hints) gives way to the output.
  const pane: Pane = paneRow(v.pane).perStep ? 'output' : v.pane;
  const view: LessonView = { ...v, stepIndex, scroll: 0, check: null, recheckQueued: false, pane, ...stepState(s, lesson, stepIndex) };
  return withView(s, view, [{ type: 'seeStep', lessonId: lesson.id, stepId: lesson.steps[stepIndex].id }], { notice: null });
}

export function startCheck(s: AppState, v: LessonView, trigger: 'key' | 'event'): Result {
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

export function appendOutput(v: LessonView, lines: OutLine[], dropped = 0): LessonView {
  const all = v.output.concat(lines);
  const over = Math.max(0, all.length - MAX_OUTPUT_LINES);
  // A pane scrolled back by hand keeps showing the same lines while older ones are dropped.
  // (The pane's first line says how many were dropped once there are any.)
  const total = v.dropped + dropped + over;
  const shift = over - ((total > 0 ? 1 : 0) - (v.dropped > 0 ? 1 : 0));
  const paneScroll = v.paneScroll?.pane === 'output' ? { ...v.paneScroll, start: Math.max(0, v.paneScroll.start - shift) } : v.paneScroll;
  return { ...v, output: over ? all.slice(over) : all, dropped: total, paneScroll };
}
