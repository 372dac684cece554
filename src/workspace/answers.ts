import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomically } from '../paths';
import { CHOICE_IDS, type ChoiceId, type Lesson, type Step } from '../lessons/schema';

/**
 * The learner's answers to a lesson's concept questions, kept in the lesson workspace
 * (`.ctr-learn/answers.json`: question check id → choice letter), so a question is checked like
 * any other state: the app, `ctr-learn answer` and `verify` write it, the `question` check reads
 * it, and a reset of the lesson clears it. A dot-folder: the app's file list (Ctrl-O) leaves it out.
 */
export const ANSWERS_FILE = join('.ctr-learn', 'answers.json');

export type Answers = Record<string, ChoiceId>;

export function answersPath(workspace: string): string {
  return join(workspace, ANSWERS_FILE);
}

const isChoice = (v: unknown): v is ChoiceId => typeof v === 'string' && (CHOICE_IDS as readonly string[]).includes(v);

/** The saved answers; none when the file is missing or unreadable (an unreadable file is no answer, never a crash). */
export function readAnswers(workspace: string): Answers {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(answersPath(workspace), 'utf8'));
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter((e): e is [string, ChoiceId] => isChoice(e[1])));
}

/** Save answers (merged over the ones already saved: each question keeps its newest answer). */
export function saveAnswers(workspace: string, answers: Answers): void {
  if (Object.keys(answers).length === 0) return;
  mkdirSync(join(workspace, '.ctr-learn'), { recursive: true });
  writeJsonAtomically(answersPath(workspace), { ...readAnswers(workspace), ...answers });
}

/** Forget every answer of the lesson (reset). */
export function clearAnswers(workspace: string): void {
  if (existsSync(answersPath(workspace))) rmSync(answersPath(workspace), { force: true });
}

/** The step's question, if it has one (a step holds at most one: lint CTR024). */
export function questionOf(step: Step) {
  const q = step.checks.find((c) => c.kind === 'question');
  return q?.kind === 'question' ? q : undefined;
}

/**
 * The step a question is answered for: the one `stepRef` names (a number from 1 or a step id),
 * else the first step whose question has no right answer saved yet, else the last question.
 */
export function questionStep(lesson: Lesson, answers: Answers, stepRef?: string): { step: Step; index: number } | null {
  if (stepRef !== undefined) {
    const index = /^\d+$/.test(stepRef) ? Number(stepRef) - 1 : lesson.steps.findIndex((s) => s.id === stepRef);
    const step = lesson.steps[index];
    return step && questionOf(step) ? { step, index } : null;
  }
  const withQ = lesson.steps.flatMap((step, index) => (questionOf(step) ? [{ step, index }] : []));
  return withQ.find(({ step }) => answers[questionOf(step)!.id] !== questionOf(step)!.answer) ?? withQ[withQ.length - 1] ?? null;
}
