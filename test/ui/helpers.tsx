import { render } from 'ink-testing-library';
import type { Check, Lesson, Step } from '../../src/lessons/schema';
import type { ProgressData } from '../../src/progress/store';
import { App } from '../../src/ui/App';
import type { AppEvent, Effect } from '../../src/ui/state/events';
import type { KeyInfo } from '../../src/ui/input/keys';
import { reduce } from '../../src/ui/state/reducer';
import { initialState, type AppState } from '../../src/ui/state/state';
import { Store } from '../../src/ui/state/store';
import { loadMarkdown } from '../../src/ui/text/render-markdown';

// The app loads its Markdown renderer right after the first frame; states under test have it from the start.
const markdown = await loadMarkdown();

const text = (en: string, ko: string) => ({ en, ko });

function step(id: string, checks: Check[], extra: Partial<Step> = {}): Step {
  return {
    id,
    title: text(`Step ${id} title`, `${id} 단계 제목`),
    checks,
    hints: [
      { id: 'nudge', en: 'A nudge: think about `-d`.', ko: '방향: `-d` 를 생각해 보세요.' },
      { id: 'flag', en: 'Use `--name web`.', ko: '`--name web` 을 쓰세요.' },
      { id: 'command', en: 'Type: `docker run -d --name web busybox sleep 1d`', ko: '입력: `docker run -d --name web busybox sleep 1d`' },
    ],
    solution: { files: {}, commands: ['docker run -d --name web busybox sleep 1d'] },
    alternatives: [],
    nearMisses: [],
    ...extra,
  };
}

const prose = (markdown: string) => ({ markdown, file: 'en.md', line: 1 });

/** A small lesson in both languages: a first step graded by container checks, a second with a stop check. */
export function fakeLesson(id = 'demo', opts: { networks?: string[] } = {}): Lesson {
  const steps = [
    step('run', [
      { id: 'running', kind: 'container', container: 'web', state: 'running', hint: 'nudge', title: text('web is running', 'web 이 실행 중') },
      { id: 'named', kind: 'container', container: 'web', state: 'exists', hint: 'flag', title: text('web exists', 'web 이 있음') },
    ]),
    step('stop', [{ id: 'stops', kind: 'stop', container: 'web', timeoutSeconds: 5, maxSeconds: 2, exitCode: 0, hint: 'flag' }]),
  ];
  const longText = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of the run step.`).join('\n\n');
  return {
    formatVersion: 1,
    id,
    title: text(`Demo lesson ${id}`, `데모 레슨 ${id}`),
    track: 'docker-basics',
    mine: {},
    week: 2,
    order: 1,
    requires: { engine: true, images: [], registry: false, kubectl: false },
    uses: { containers: ['web'], networks: opts.networks ?? [], volumes: [], images: [], hostPorts: [] },
    steps,
    dir: '/nonexistent',
    intro: {
      en: prose('# Demo\n\nThe **intro** with `code`.\n\n| option | what |\n|---|---|\n| `-d` | detach |\n| `--name` | a name |'),
      ko: prose('# 데모\n\n**소개** 와 `code`.\n\n| 옵션 | 하는 일 |\n|---|---|\n| `-d` | 백그라운드 |\n| `--name` | 이름 |'),
    },
    stepProse: {
      run: { en: prose(`## Run it\n\n- first item\n- second item\n\n\`\`\`sh\ndocker run -d --name web busybox sleep 1d\n\`\`\`\n\n${longText}`), ko: prose('## 실행하기\n\n- 첫째\n- 둘째') },
      stop: { en: prose('## Stop it\n\nStop **web**.'), ko: prose('## 멈추기\n\n**web** 을 멈춰요.') },
    },
    source: { yamlPath: '/nonexistent/lesson.yaml', lineOf: () => 1 },
  };
}

export const emptyProgress = (): ProgressData => ({ version: 1, lessons: {} });

export function makeState(opts: Partial<{ lessons: Lesson[]; lang: 'en' | 'ko'; cols: number; rows: number; progress: ProgressData }> = {}): AppState {
  return initialState({
    lessons: opts.lessons ?? [fakeLesson('demo'), fakeLesson('second')],
    broken: [],
    progress: opts.progress ?? emptyProgress(),
    lang: opts.lang ?? 'en',
    size: { cols: opts.cols ?? 100, rows: opts.rows ?? 30 },
    markdown,
  });
}

/** A state with the engine and sandbox ready. */
export function readyState(opts: Parameters<typeof makeState>[0] = {}): AppState {
  return {
    ...makeState(opts),
    engine: { state: 'ok', version: '20.10.24', endpoint: 'unix:///var/run/docker.sock' },
    sandbox: { state: 'ready', dockerHost: 'unix:///tmp/ctr-learn-0/stest.sock', sessionId: 'stest' },
  };
}

/** Feed events through the reducer; returns the final state and every effect asked for. */
export function run(state: AppState, ...events: AppEvent[]): { state: AppState; effects: Effect[] } {
  let s = state;
  const effects: Effect[] = [];
  for (const e of events) {
    const r = reduce(s, e);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

export const key = (input: string, k: KeyInfo = {}): AppEvent => ({ type: 'key', input, key: k });
export const ENTER = key('', { return: true });
export const ESC = key('', { escape: true, meta: true });
export const CTRL_C = key('c', { ctrl: true });
/** Ctrl-<letter> as Ink reports it. */
export const CTRL = (letter: string): AppEvent => key(letter, { ctrl: true });
export const TAB = key('', { tab: true });
export const PGDN = key('', { pageDown: true });
/** The lower pane: Shift-Up older lines, Shift-Down newer. */
export const PANE_BACK = key('', { upArrow: true, shift: true });
export const PANE_FORWARD = key('', { downArrow: true, shift: true });
/** A bracketed paste as Ink hands it over: the start mark, the text in chunks, the end mark. */
export const paste = (...chunks: string[]): AppEvent[] => [key('[200~'), ...chunks.map((c) => key(c)), key('[201~')];

/** The open lesson view (throws when the home screen is showing). */
export function view(s: AppState) {
  if (s.screen.name !== 'lesson') throw new Error(`expected the lesson screen, got ${s.screen.name}`);
  return s.screen;
}

/** The one render helper for UI tests: the real App on a store, effects collected. */
export function renderApp(state: AppState) {
  const store = new Store(state);
  const effects: Effect[] = [];
  store.onEffect((e) => effects.push(e));
  const r = render(<App store={store} />);
  const frame = () => stripAnsi(r.lastFrame() ?? '');
  return {
    store,
    effects,
    frame,
    dispatch: store.dispatch,
    /** Type into the app the way a terminal does. */
    type: (data: string) => r.stdin.write(data),
    unmount: r.unmount,
    /** Wait for the screen to show something; never a fixed sleep. */
    waitFor: (expect: string | RegExp | ((f: string) => boolean), timeoutMs = 3000) => waitFor(frame, expect, timeoutMs),
  };
}

export async function waitFor(read: () => string, expect: string | RegExp | ((f: string) => boolean), timeoutMs = 3000): Promise<string> {
  const test = typeof expect === 'function' ? expect : (f: string) => (typeof expect === 'string' ? f.includes(expect) : expect.test(f));
  const start = Date.now();
  for (;;) {
    const f = read();
    if (test(f)) return f;
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${String(expect)}. Screen:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// eslint-disable-next-line no-control-regex
export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');
