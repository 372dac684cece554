import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/engine/api';
import type { Lesson } from '../../../src/lessons/schema';
import { openProgress } from '../../../src/progress/store';
import type { Sandbox } from '../../../src/sandbox';
import { App } from '../../../src/ui/App';
import { Controller } from '../../../src/ui/session/controller';
import type { AppEvent } from '../../../src/ui/state/events';
import { footerLines } from '../../../src/ui/panes/layout';
import { Store } from '../../../src/ui/state/store';
import { answersPath } from '../../../src/workspace/answers';
import { englishWords } from '../../i18n/english';
import { nothingSaid, transcript, type Said } from '../../../src/ui/screens/screen-reader';
import type { AppState } from '../../../src/ui/state/state';
import { CTRL, ENTER, fakeLesson, key, readyState, run, stripAnsi, view, waitFor } from '../helpers';

/** The demo lesson with a third step that is one concept question. */
function questionLesson(): Lesson {
  const l = fakeLesson('demo');
  const prose = (markdown: string) => ({ markdown, file: 'en.md', line: 1 });
  l.steps.push({
    id: 'why',
    title: { en: 'Who sent it', ko: '누가 보냈나' },
    checks: [
      {
        id: 'who-sent',
        kind: 'question',
        question: { en: 'Your container exited with 137. Who ended it?', ko: '컨테이너가 137 로 끝났어요. 누가 끝냈을까요?' },
        choices: [
          { id: 'a', en: 'The process returned 137 by itself', ko: '프로세스가 스스로 137을 반환했어요', why: { en: 'Codes above 128 mean a signal: 128 + its number.', ko: '128보다 큰 코드는 시그널이에요: 128 + 시그널 번호.' } },
          { id: 'b', en: 'Someone sent it SIGKILL (128 + 9)', ko: '누군가 SIGKILL(128 + 9)을 보냈어요' },
          { id: 'c', en: 'The image was wrong', ko: '이미지가 잘못됐어요' },
        ],
        answer: 'b',
        explain: { en: 'SIGKILL is signal 9: docker kill, or the OOM killer.', ko: 'SIGKILL 은 9번 시그널이에요: docker kill 이나 OOM 킬러.' },
      },
    ],
    hints: [],
    solution: { files: {}, commands: [], answers: { 'who-sent': 'b' } },
    alternatives: [],
    nearMisses: [],
  });
  l.stepProse.why = { en: prose('## Exit 137\n\nA container ended.'), ko: prose('## 종료 137\n\n컨테이너가 끝났어요.') };
  return l;
}

/** The lesson opened at its question step (Ctrl-N twice). */
const atQuestion = (lang: 'en' | 'ko' = 'en') => run(readyState({ lessons: [questionLesson()], lang, cols: 100, rows: 40 }), ENTER, CTRL('n'), CTRL('n')).state;

describe('answering a question at the prompt (reducer)', () => {
  it('a letter typed is text; Enter on a line that is exactly a choice letter answers, with no command run', () => {
    const s = atQuestion();
    expect(view(s).stepIndex).toBe(2);
    const typed = run(s, key('b')).state;
    expect(view(typed).prompt.text).toBe('b');
    const r = run(typed, ENTER);
    expect(r.effects).toEqual([{ type: 'saveAnswer', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'b' }]);
    expect(view(r.state).prompt.text).toBe('');
    expect(r.state.history).toEqual([]);
    // In one chunk, as a pty delivers it: the same.
    expect(run(s, key('a\r')).effects).toEqual([{ type: 'saveAnswer', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'a' }]);
  });

  it('any other line runs as a command, question or not: a word, two letters, a letter that is no choice', () => {
    const s = atQuestion();
    for (const line of ['docker ps', 'bb', 'd', 'b c']) {
      const r = run(s, key(line), ENTER);
      expect(r.effects.map((e) => e.type), line).toEqual(['runCommand']);
    }
  });

  it('on a step without a question, or once answered right, a letter alone runs as a command', () => {
    const first = run(readyState({ lessons: [questionLesson()] }), ENTER).state;
    expect(run(first, key('b'), ENTER).effects.map((e) => e.type)).toEqual(['runCommand']);
    const answered = run(atQuestion(), { type: 'answerSaved', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'b' }).state;
    expect(run(answered, key('b'), ENTER).effects.map((e) => e.type)).toEqual(['runCommand']);
  });

  it('a saved answer checks the step at once; a reset forgets it', () => {
    const r = run(atQuestion(), { type: 'answerSaved', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'a' });
    expect(r.effects).toEqual([{ type: 'runCheck', lessonId: 'demo', stepIndex: 2, trigger: 'key' }]);
    expect(view(r.state).answers).toEqual({ 'who-sent': 'a' });
    const reset = run(r.state, { type: 'resetDone', removed: 0, restoredFiles: false }).state;
    expect(view(reset).answers).toEqual({});
  });

  it('an answer given from another terminal (ctr-learn answer) shows once a check has read it', () => {
    const checking = run(atQuestion(), CTRL('t')).state;
    const done = run(checking, { type: 'checkDone', lessonId: 'demo', stepIndex: 2, passed: true, answers: { 'who-sent': 'b' } }).state;
    expect(view(done).answers).toEqual({ 'who-sent': 'b' });
    expect(run(done, key('b'), ENTER).effects.map((e) => e.type)).toEqual(['runCommand']);
  });

  it('the footer and the prompt say how to answer while the question is open', () => {
    const s = atQuestion();
    expect(footerLines(s).flat().map((i) => `${i.key} ${i.text}`)).toContain('a/b/c Enter answer (letter, then Enter)');
    const answered = run(s, { type: 'answerSaved', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'b' }).state;
    expect(footerLines(answered).flat().map((i) => i.key)).not.toContain('a/b/c Enter');
  });
});

describe('screen-reader mode says the question, and what an answer says', () => {
  it('the choices after the step text, then the why of a wrong answer, then the right one with its explanation', () => {
    let said: Said = nothingSaid();
    const heard: string[] = [];
    const hear = (s: AppState) => {
      const r = transcript(said, s);
      said = r.said;
      heard.push(...r.lines);
    };
    const open = atQuestion();
    hear(open);
    expect(heard).toContain('Question: Your container exited with 137. Who ended it?');
    expect(heard).toContain('- a) The process returned 137 by itself');
    expect(heard).toContain('Answer: type the letter alone at the prompt, then Enter (for example a).');
    const wrong = run(open, { type: 'answerSaved', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'a' }).state;
    heard.length = 0;
    hear(wrong);
    expect(heard).toContain('Not a: Codes above 128 mean a signal: 128 + its number.');
    const right = run(wrong, { type: 'answerSaved', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'b' }).state;
    heard.length = 0;
    hear(right);
    hear(right);
    expect(heard.filter((l) => l === 'Right: b.')).toHaveLength(1);
    expect(heard).toContain('SIGKILL is signal 9: docker kill, or the OOM killer.');
  });
});

describe('the question in Korean', () => {
  it('the step text, the prompt and the footer say it all in Korean', async () => {
    const s = run(atQuestion('ko'), { type: 'answerSaved', lessonId: 'demo', stepIndex: 2, questionId: 'who-sent', choice: 'a' }).state;
    const r = render(<App store={new Store(s)} />);
    try {
      const f = await waitFor(() => stripAnsi(r.lastFrame() ?? ''), '128보다 큰 코드는 시그널이에요');
      expect(f).toContain('질문: 컨테이너가 137 로 끝났어요. 누가 끝냈을까요?');
      expect(f).toContain('a는 아니에요: 128보다 큰 코드는 시그널이에요');
      expect(f).toContain('글자(a/b/c)를 치고 Enter로 답하거나');
      expect(f).toContain('a/b/c Enter 답하기');
      // The lesson id and the check id (the checks pane, while it runs) are names, shown as they are.
      expect(englishWords(f.replace(/\b(demo|who-sent)\b/g, ''))).toEqual([]);
    } finally {
      r.unmount();
    }
  });
});

/** A fake engine (the question step never reads it) and the real controller, checks and workspace. */
function fakeEngine() {
  const api = {
    endpoint: { url: 'unix:///fake.sock', socketPath: '/fake.sock', source: 'test' },
    async json() {
      return { Version: '99.0-fake' };
    },
    async stream() {
      return new PassThrough();
    },
    close() {},
  } as unknown as EngineApi;
  const sandbox = {
    env: { DOCKER_HOST: 'unix:///fake-sandbox.sock' },
    dockerHost: 'unix:///fake-sandbox.sock',
    sessionId: 'sfake',
    setLesson: () => {},
    forLesson: (lessonId: string) => ({ lessonId, engine: api }),
    follow: (_on: unknown, signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
    planReset: async () => ({ containers: [], networks: [], volumes: [], images: [] }),
    reset: async () => ({ containers: [], networks: [], volumes: [], images: [] }),
    end: async () => ({ containers: [], networks: [], volumes: [], images: [] }),
    keep: async () => null,
    adoptedFrom: null,
  } as unknown as Sandbox;
  return { api, sandbox };
}

describe('the app answers wrong, then right (real controller, checks and workspace; fake engine)', () => {
  it('shows the question and its letters, the why of a wrong answer, then passes on the right one', async () => {
    const lessons = [questionLesson()];
    const store = new Store(readyState({ lessons, cols: 100, rows: 40 }));
    const events: AppEvent[] = [];
    const dispatch = store.dispatch;
    store.dispatch = (e) => {
      events.push(e);
      dispatch(e);
    };
    const ws = mkdtempSync(join(tmpdir(), 'ctr-ws-q-'));
    const { store: progress } = openProgress(mkdtempSync(join(tmpdir(), 'ctr-ui-q-')));
    const engine = fakeEngine();
    const ran: string[] = [];
    const controller = new Controller({
      store,
      progress,
      lessons,
      ui: { suspend: () => {}, resume: () => {} },
      onQuit: () => {},
      workspaceFor: () => ws,
      engine: { connect: () => engine.api, open: async () => engine.sandbox },
      runCommand: async (line) => {
        ran.push(line);
        throw new Error('no command may run for an answer');
      },
    });
    store.onEffect((e) => controller.handle(e));
    await controller.start();
    const r = render(<App store={store} />);
    const frame = () => stripAnsi(r.lastFrame() ?? '');
    try {
      store.dispatch(ENTER);
      store.dispatch(CTRL('n'));
      store.dispatch(CTRL('n'));
      let f = await waitFor(frame, 'Who ended it?');
      expect(f).toContain('a) The process returned 137 by itself');
      expect(f).toContain('b) Someone sent it SIGKILL (128 + 9)');
      expect(f).toContain('answer with a letter (a/b/c) and Enter');
      expect(f).toContain('a/b/c Enter');

      // Wrong: the why shows in the step's text and the checks pane says what was answered.
      store.dispatch(key('a'));
      store.dispatch(ENTER);
      f = await waitFor(frame, 'Not a:');
      if (process.env.SHOW_FRAMES) console.log(f);
      expect(f).toContain('Codes above 128 mean a signal');
      await waitFor(() => JSON.stringify(events.filter((e) => e.type === 'checkDone')), '"passed":false');
      f = await waitFor(frame, 'you answered a');
      expect(f).toContain('the right answer to the question');
      expect(JSON.parse(readFileSync(answersPath(ws), 'utf8'))).toEqual({ 'who-sent': 'a' });

      // Right: the step passes, the explanation shows, and a letter is a command again.
      store.dispatch(key('b\r'));
      await waitFor(() => JSON.stringify(events.filter((e) => e.type === 'checkDone')), '"passed":true');
      f = await waitFor(frame, 'Right: b.');
      if (process.env.SHOW_FRAMES) console.log(f);
      expect(f).toContain('SIGKILL is signal 9');
      expect(progress.data().lessons.demo.steps.why.passedAt).toBeTruthy();
      expect(ran).toEqual([]);

      // Ctrl-X, y: the reset forgets the answer.
      store.dispatch(CTRL('x'));
      await waitFor(frame, /y /);
      await waitFor(() => (store.getState().overlay?.kind === 'reset' && store.getState().overlay && (store.getState().overlay as { plan: unknown }).plan ? 'planned' : ''), 'planned');
      store.dispatch(key('y'));
      await waitFor(() => JSON.stringify(events.filter((e) => e.type === 'resetDone')), 'resetDone');
      expect(existsSync(answersPath(ws))).toBe(false);
      await waitFor(frame, 'answer with a letter (a/b/c)');
    } finally {
      r.unmount();
      await controller.shutdown(1000);
    }
  });
});
