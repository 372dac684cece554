import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { CheckResult } from '../../../src/checks/types';
import { engineDown } from '../../../src/engine/diagnose';
import { parseHostUrl } from '../../../src/engine/endpoint';
import { BINDINGS } from '../../../src/ui/input/keys';
import { labBackText } from '../../../src/sandbox/kept-text';
import { toneProps } from '../../../src/ui/text/theme';
import { displayWidth } from '../../../src/ui/text/text';
import { CTRL, ENTER, PANE_BACK, PANE_FORWARD, PGDN, TAB, fakeLesson, key, makeState, readyState, renderApp, run } from '../helpers';

afterEach(() => cleanup());

const pass = (id: string, title: string): CheckResult => ({ id, kind: 'container', title, status: 'pass', expected: 'x', actual: `container "web" running`, ms: 1 });

describe('home screen', () => {
  it('lists lessons by track with week and progress, the engine line and where to continue', async () => {
    const progress = {
      version: 1 as const,
      lastLesson: 'second',
      lessons: {
        demo: { startedAt: 'a', completedAt: 'b', steps: { run: { passedAt: 'x', attempts: 1, hintsUsed: 0, solutionRevealed: false }, stop: { passedAt: 'y', attempts: 1, hintsUsed: 0, solutionRevealed: false } } },
        second: { startedAt: 'a', steps: { run: { passedAt: 'x', attempts: 2, hintsUsed: 1, solutionRevealed: false } } },
      },
    };
    const app = renderApp(readyState({ progress, lessons: [fakeLesson('demo'), fakeLesson('second'), fakeLesson('third')] }));
    const f = await app.waitFor('docker-basics');
    expect(f).toContain('✔ engine: Docker 20.10.24 at unix:///var/run/docker.sock');
    expect(f).toContain('Continue: Demo lesson second, step 2/2 (press c)');
    expect(f).toMatch(/Demo lesson demo\s+week 2\s+done\s+2\/2/);
    expect(f).toMatch(/Demo lesson second\s+week 2\s+in progress\s+1\/2/);
    expect(f).toMatch(/Demo lesson third\s+week 2\s+not started\s+0\/2/);
    expect(f).toContain('course week 2');
  });

  it('says the engine is not found and how to fix it', async () => {
    const s = { ...makeState(), engine: { state: 'down' as const, message: 'No Docker engine answers at unix:///var/run/docker.sock (ENOENT).', tryThis: 'start Docker' } };
    const app = renderApp(s);
    const f = await app.waitFor('fix:');
    expect(f).toContain('✘ engine: not found. No Docker engine answers');
    expect(f).toContain('fix: start Docker, then press R');
    expect(f).toMatch(/R retry engine/);
  });

  it.for(['en', 'ko'] as const)('a hung engine (%s): the cause, where it came from and the fix, in the chosen language', async (lang) => {
    const e = engineDown({ cause: 'hung', endpoint: parseHostUrl('unix:///tmp/x.sock', 'DOCKER_HOST', { kind: 'DOCKER_HOST' }) });
    const s = { ...makeState(), lang, engine: { state: 'down' as const, message: e.message, tryThis: e.tryThis, texts: e.texts } };
    const f = (await renderApp(s).waitFor('R ')).replace(/\s+/g, ' ');
    if (lang === 'en') {
      expect(f).toContain('✘ engine: The Docker engine at unix:///tmp/x.sock (from DOCKER_HOST) accepts connections but has not answered in 2 s: it is hung or still starting.');
      expect(f).toContain('fix: restart the engine listening there');
      expect(f).toContain('unset DOCKER_HOST');
      expect(f).not.toContain('not found');
    } else {
      expect(f).toContain('엔진: unix:///tmp/x.sock (DOCKER_HOST 설정)의 Docker 엔진이 연결은 받는데 2초 동안 아무 응답이 없어요.');
      expect(f).toContain('DOCKER_HOST를 지워서');
    }
  });

  it('wraps a long notice (the lab-is-back line) at 80 columns instead of cutting it, and the screen still fits', async () => {
    const text = labBackText('en', '2024-05-02T14:05:00');
    const app = renderApp({ ...readyState({ cols: 80, rows: 24 }), notice: { tone: 'muted', text } });
    const f = await app.waitFor('stopped.');
    app.unmount();
    expect(f).not.toContain('...');
    expect(f.replace(/\s+/g, ' ')).toContain(text);
    for (const line of f.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    expect(f).toContain('q quit');
  });

  it('draws the footer from the binding table', async () => {
    const app = renderApp(makeState());
    const f = await app.waitFor('help');
    for (const b of BINDINGS.filter((x) => x.scope === 'home' && x.footer && !x.when)) expect(f).toContain(`${b.label} `);
  });

  it('shows the Korean UI with Hangul lined up', async () => {
    const app = renderApp(makeState({ lang: 'ko', lessons: [fakeLesson('demo'), fakeLesson('second-long-id')] }));
    const f = await app.waitFor('레슨');
    const rows = f.split('\n').filter((l) => l.includes('데모 레슨') && l.includes('2주차'));
    expect(rows).toHaveLength(2);
    const col = (l: string) => displayWidth(l.slice(0, l.indexOf('2주차')));
    expect(col(rows[0])).toBe(col(rows[1]));
    expect(f).toContain('시작 전');
  });
});

describe('lesson screen', () => {
  it('renders the Markdown, the steps, the sandbox address and the prompt', async () => {
    const app = renderApp(run(readyState(), ENTER).state);
    const f = await app.waitFor('Demo');
    expect(f).toContain('Demo lesson demo');
    expect(f).toContain('step 1/2');
    expect(f).toMatch(/option\s+what/);
    expect(f).toMatch(/--name\s+a name/);
    expect(f).toContain('other terminal: export DOCKER_HOST=unix:///tmp/ctr-learn-0/stest.sock');
    expect(f).toContain('$   type a docker command, Enter runs it');
    expect(f).toContain('∙1');
  });

  it('types at the prompt with a visible cursor and runs on Enter', async () => {
    const app = renderApp(run(readyState(), ENTER).state);
    await app.waitFor('Enter runs it');
    app.type('d');
    app.type('ocker ps');
    await app.waitFor('$ docker ps');
    app.type('\r');
    await app.waitFor('running: docker ps (Ctrl-C stops it)');
    expect(app.effects).toContainEqual({ type: 'runCommand', lessonId: 'demo', line: 'docker ps' });
  });

  it('shows each check as it resolves, then expected vs actual with the hint for the failing one', async () => {
    const app = renderApp(run(readyState(), ENTER, CTRL('t')).state);
    await app.waitFor('checking...');
    expect(app.frame()).toContain('⋯ web is running');
    app.dispatch({ type: 'checkResult', lessonId: 'demo', stepIndex: 0, result: pass('running', 'web is running') });
    let f = await app.waitFor('✔ web is running');
    expect(f).toContain('⋯ web exists');
    app.dispatch({
      type: 'checkResult', lessonId: 'demo', stepIndex: 0,
      result: { id: 'named', kind: 'container', title: 'web exists', status: 'fail', expected: 'a container named web', actual: 'no container named web', hint: 'flag', ms: 1 },
    });
    app.dispatch({ type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: false });
    f = await app.waitFor('Not yet');
    expect(f).toContain('✘ web exists');
    expect(f).toContain('expected: a container named web');
    expect(f).toContain('actual: no container named web');
    expect(f).toContain('hint: Use --name web.');
    expect(f).toContain('checks  ✘');
  });

  it("shows couldn't check with what to try when the engine is unreachable", async () => {
    const app = renderApp(run(readyState(), ENTER, CTRL('t'), { type: 'checkError', lessonId: 'demo', stepIndex: 0, message: 'No Docker engine answers at unix:///x.sock', tryThis: 'start Docker' }).state);
    const f = await app.waitFor("couldn't check");
    expect(f).toContain("! couldn't check: No Docker engine answers");
    expect(f).toContain('try: start Docker');
    expect(f).not.toContain('Not yet');
  });

  it('draws the stop timeline from a stop check result', async () => {
    const s = run(readyState(), ENTER, CTRL('n'), CTRL('t'), {
      type: 'checkResult', lessonId: 'demo', stepIndex: 1,
      result: { id: 'stops', kind: 'stop', title: 'stops', status: 'fail', expected: 'stops within 2 s', actual: 'stopped in 5.0 s with exit code 137 (SIGKILL after the timeout: SIGTERM was ignored)', hint: 'flag', ms: 5000 },
    }).state;
    const app = renderApp(s);
    const f = await app.waitFor('SIGKILL 5 s');
    expect(f).toContain('SIGTERM 0 s');
    expect(f).toMatch(/\|#{10,}\|/);
    expect(f).toContain('killed at 5.0 s (137): SIGTERM was ignored');
  });

  it('names only the scroll keys that still move the text and the lower pane', async () => {
    const tabsRow = async (s: ReturnType<typeof readyState>) => {
      const app = renderApp(s);
      const f = await app.waitFor(' output ');
      app.unmount();
      return f.split('\n').find((l) => l.includes(' output '))!;
    };
    const lines = Array.from({ length: 30 }, (_, i) => ({ kind: 'stdout' as const, text: `line ${i + 1}` }));
    let s = run(readyState(), ENTER, key('docker logs web\r'), { type: 'commandOutput', lines, dropped: 0 }, { type: 'commandDone', exitCode: 0, cancelled: false, timedOut: false, ms: 5 }).state;
    // The text at its top, the pane at its newest lines.
    let row = await tabsRow(s);
    expect(row).toMatch(/1-\d+\/\d+ PgDn /);
    expect(row).not.toContain('PgUp');
    expect(row).toMatch(/\/32 Shift-Up$/);
    // The text at its end, the pane at its oldest lines.
    s = run(s, ...Array.from({ length: 30 }, () => PGDN), ...Array.from({ length: 10 }, () => PANE_BACK)).state;
    row = await tabsRow(s);
    expect(row).toMatch(/\d+-(\d+)\/\1 PgUp /);
    expect(row).not.toContain('PgDn');
    expect(row).toMatch(/1-\d+\/32 Shift-Down$/);
    // Between the ends: both ways.
    s = run(s, key('', { pageUp: true }), PANE_FORWARD).state;
    row = await tabsRow(s);
    expect(row).toContain('PgUp/PgDn');
    expect(row).toContain('Shift-Up/Down');
  });

  it('shows the hints taken and the solution once revealed', async () => {
    const app = renderApp(run(readyState(), ENTER, CTRL('g'), CTRL('g'), CTRL('g'), CTRL('g'), key('y')).state);
    const f = await app.waitFor('solution:');
    expect(f).toContain('hint 1/3: A nudge: think about -d.');
    expect(f).toContain('hint 2/3: Use --name web.');
    expect(f).toContain('$ docker run -d --name web busybox sleep 1d');
  });

  it('lists the command log: the command and every Engine API call behind it', async () => {
    const s = run(readyState(), ENTER, key('docker run -d --name web busybox\r'), {
      type: 'logged',
      entries: [
        { kind: 'call', by: 'learner', method: 'POST', path: '/v1.41/containers/create?name=web', status: 201, ms: 3.2 },
        { kind: 'call', by: 'learner', method: 'DELETE', path: '/v1.41/containers/other', status: 403, ms: 0.4, refused: 'not created in this sandbox' },
        { kind: 'call', by: 'ctr-learn', method: 'GET', path: `/v1.41/containers/${'a'.repeat(64)}/json`, status: 200, ms: 0.5 },
      ],
    }, TAB, TAB, TAB).state;
    const app = renderApp(s);
    const f = await app.waitFor('containers/create');
    expect(f).toContain('$ docker run -d --name web busybox');
    expect(f).toMatch(/docker\s+201\s+3\.2 ms\s+POST \/v1\.41\/containers\/create\?name=web/);
    expect(f).toContain('refused: not created in this sandbox');
    expect(f).toContain(`GET /v1.41/containers/${'a'.repeat(12)}/json`);
  });

  it('fits 80 columns: no line is wider than the terminal, in English and Korean', async () => {
    for (const lang of ['en', 'ko'] as const) {
      const app = renderApp(run(readyState({ lang, cols: 80, rows: 24 }), ENTER).state);
      const f = await app.waitFor(lang === 'en' ? 'Enter runs it' : 'Enter로 실행');
      for (const line of f.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
      expect(f.split('\n').length).toBeLessThanOrEqual(23);
      app.unmount();
    }
  });

  it('redraws for a new terminal size', async () => {
    const app = renderApp(run(readyState(), ENTER).state);
    await app.waitFor('Enter runs it');
    app.dispatch({ type: 'resized', cols: 70, rows: 20 });
    const f = await app.waitFor((fr) => fr.split('\n').every((l) => displayWidth(l) <= 70));
    expect(f.split('\n').length).toBeLessThanOrEqual(19);
  });

  it('asks for a bigger terminal below 60x16', async () => {
    const app = renderApp(makeState({ cols: 50, rows: 12 }));
    await app.waitFor('at least 60x16');
  });

  it('says what each key does on its own in the help, and what a pair does in the footer', async () => {
    for (const lang of ['en', 'ko'] as const) {
      const help = renderApp(run(readyState({ lang, rows: 60 }), ENTER, CTRL('k')).state);
      const h = await help.waitFor('Ctrl-P');
      help.unmount();
      const next = lang === 'en' ? /Ctrl-N\s+next step/ : /Ctrl-N\s+다음 단계/;
      expect(h).toMatch(next);
      expect(h).not.toContain(lang === 'en' ? 'next/prev' : '다음/이전 단계');
      expect(h).toMatch(lang === 'en' ? /PgDn\s+page down/ : /PgDn\s+다음 페이지/);
      const lesson = renderApp(run(readyState({ lang }), ENTER).state);
      const f = await lesson.waitFor('Ctrl-N/P');
      lesson.unmount();
      expect(f).toContain(lang === 'en' ? 'Ctrl-N/P next/prev step' : 'Ctrl-N/P 다음/이전 단계');
      expect(f).toContain(lang === 'en' ? 'PgUp/PgDn page up/down' : 'PgUp/PgDn 이전/다음 페이지');
    }
  });

  it('shows the help from the binding table, in Korean too', async () => {
    const app = renderApp(run(readyState({ lang: 'ko' }), ENTER, CTRL('k')).state);
    const f = await app.waitFor('Ctrl-C');
    expect(f).toContain('힌트');
    expect(f).toContain('명령 멈춤');
  });
});

describe('colours', () => {
  it('uses semantic tones and turns colour off with NO_COLOR', () => {
    const before = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      expect(toneProps('pass')).toEqual({ color: 'green' });
      process.env.NO_COLOR = '1';
      expect(toneProps('pass')).toEqual({});
      expect(toneProps('muted')).toEqual({ dimColor: true });
    } finally {
      if (before === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = before;
    }
  });
});
