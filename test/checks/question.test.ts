import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkStep } from '../../src/checks/evaluate';
import { question } from '../../src/checks/kinds/question';
import type { CheckContext } from '../../src/checks/types';
import { Check, Step, type CheckOf } from '../../src/lessons/schema';
import { main } from '../../src/main';
import type { LabReader } from '../../src/sandbox/lab';
import { answersPath, clearAnswers, readAnswers, saveAnswers } from '../../src/workspace/answers';

const q = Check.parse({
  id: 'who-sent',
  kind: 'question',
  question: { en: 'Exited (137). Who ended it?', ko: 'Exited (137). 누가 끝냈을까요?' },
  choices: [
    { id: 'a', en: 'The process returned 137 by itself', ko: '프로세스가 스스로 137을 반환했어요', why: { en: '137 is 128 + 9: a signal.', ko: '137은 128 + 9, 시그널이에요.' } },
    { id: 'b', en: 'Someone sent it SIGKILL (128 + 9)', ko: '누군가 SIGKILL(128 + 9)을 보냈어요' },
    { id: 'c', en: 'The image was wrong', ko: '이미지가 잘못됐어요' },
  ],
  answer: 'b',
}) as CheckOf<'question'>;

/** The question never reads the engine: any use of the lab is a failure. */
const noLab = new Proxy({} as LabReader, {
  get: (_t, p) => {
    throw new Error(`the question read lab.${String(p)}`);
  },
});

let ws: string;
const ctx = (lang?: 'en' | 'ko'): CheckContext => ({ lab: noLab, workspace: ws, lang });
beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'ctr-q-'));
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

describe('the question evaluator reads the answer saved in the workspace', () => {
  it('not answered: fails, never giving the right letter away', async () => {
    expect(await question(q, ctx())).toEqual({ pass: false, expected: 'the right answer to the question', actual: 'not answered yet' });
  });

  it('a wrong answer fails with what was picked and why it is wrong, in either language', async () => {
    saveAnswers(ws, { 'who-sent': 'a' });
    expect(await question(q, ctx())).toEqual({
      pass: false,
      expected: 'the right answer to the question',
      actual: 'you answered a: The process returned 137 by itself. Why not: 137 is 128 + 9: a signal.',
    });
    expect((await question(q, ctx('ko'))).actual).toBe('a를 골랐어요: 프로세스가 스스로 137을 반환했어요. 왜 아닌가요: 137은 128 + 9, 시그널이에요.');
    saveAnswers(ws, { 'who-sent': 'c' });
    expect((await question(q, ctx())).actual).toBe('you answered c: The image was wrong');
  });

  it('the right answer passes; the newest answer counts', async () => {
    saveAnswers(ws, { 'who-sent': 'a' });
    saveAnswers(ws, { 'who-sent': 'b' });
    expect(await question(q, ctx())).toMatchObject({ pass: true, actual: 'you answered b: Someone sent it SIGKILL (128 + 9)' });
  });

  it('a letter that is no choice of this question, or a broken file, is no right answer (never a crash)', async () => {
    saveAnswers(ws, { 'who-sent': 'e' });
    expect(await question(q, ctx())).toMatchObject({ pass: false, actual: 'the saved answer "e" is not a choice (a, b, c)' });
    writeFileSync(answersPath(ws), '{ not json');
    expect(await question(q, ctx())).toMatchObject({ pass: false, actual: 'not answered yet' });
    writeFileSync(answersPath(ws), JSON.stringify({ 'who-sent': 'zz', other: 'b' }));
    expect(readAnswers(ws)).toEqual({ other: 'b' });
  });

  it('answers of several questions live side by side; clearing forgets them all', () => {
    saveAnswers(ws, { one: 'a' });
    saveAnswers(ws, { two: 'c' });
    expect(readAnswers(ws)).toEqual({ one: 'a', two: 'c' });
    expect(answersPath(ws)).toBe(join(ws, '.ctr-learn', 'answers.json'));
    clearAnswers(ws);
    expect(existsSync(answersPath(ws))).toBe(false);
    expect(readAnswers(ws)).toEqual({});
    clearAnswers(ws);
  });

  it('in a step, it is checked like any other check, with its title', async () => {
    const step = Step.parse({ id: 'why', title: { en: 'Why', ko: '왜' }, checks: [q], hints: [], solution: { answers: { 'who-sent': 'b' } } });
    expect((await checkStep(step, ctx(), 'en')).checks[0]).toMatchObject({ title: 'your answer to the question', status: 'fail', actual: 'not answered yet' });
    saveAnswers(ws, { 'who-sent': 'b' });
    expect((await checkStep(step, ctx(), 'ko')).passed).toBe(true);
  });
});

describe('ctr-learn answer', () => {
  const FIXTURE = fileURLToPath(new URL('../lessons/fixtures/questions', import.meta.url));
  let out: string;
  let home: string;
  beforeEach(() => {
    out = '';
    home = mkdtempSync(join(tmpdir(), 'ctr-q-home-'));
    const lessons = join(home, 'lessons');
    mkdirSync(lessons);
    cpSync(FIXTURE, lessons, { recursive: true });
    vi.stubEnv('CTR_LEARN_HOME', home);
    vi.stubEnv('CTR_LEARN_LESSONS', lessons);
    vi.stubEnv('NO_COLOR', '1');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(home, { recursive: true, force: true });
  });
  const saved = () => JSON.parse(readFileSync(join(home, 'workspaces', 'ask-a-question', '.ctr-learn', 'answers.json'), 'utf8'));

  it('without a letter shows the question, its choices and how to answer', async () => {
    expect(await main(['answer', 'ask-a-question'])).toBe(1);
    expect(out).toContain('Question: Why does the step run the server with -d?');
    expect(out).toContain('  a) So that it runs faster\n  b) So that the prompt comes back while it keeps running\n  c) So that it restarts when it fails');
    expect(out).toContain('Answer with: ctr-learn answer ask-a-question <letter>');
  });

  it('a wrong letter is saved and fails with why; the right one passes and records the step', async () => {
    expect(await main(['answer', 'ask-a-question', 'a'])).toBe(1);
    expect(saved()).toEqual({ 'why-d': 'a' });
    expect(out).toContain('actual:   you answered a: So that it runs faster. Why not: -d changes where the output goes, not the speed.');
    out = '';
    expect(await main(['answer', 'ask-a-question', 'B'])).toBe(0);
    expect(saved()).toEqual({ 'why-d': 'b' });
    expect(out).toContain('✔ your answer to the question');
    expect(out).toContain('-d detaches the container from your terminal.');
    out = '';
    expect(await main(['check', 'ask-a-question', '--step', '2'])).toBe(0);
    expect(out).toContain('Step passed.');
  });

  it('a letter that is not a choice is refused, and nothing is saved', async () => {
    await expect(main(['answer', 'ask-a-question', 'e'])).rejects.toThrow('"e" is not a choice of this question: answer with one of a, b, c.');
    expect(existsSync(join(home, 'workspaces', 'ask-a-question', '.ctr-learn'))).toBe(false);
  });
});
