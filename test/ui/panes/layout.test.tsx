import { describe, expect, it } from 'vitest';
import { visibleBindings } from '../../../src/ui/input/keys';
import { footerLines, lessonLayout, proseLines } from '../../../src/ui/panes/layout';
import { loadMarkdown } from '../../../src/ui/text/render-markdown';
import { lineText } from '../../../src/ui/text/wrap';
import type { AppState } from '../../../src/ui/state/state';
import { displayWidth } from '../../../src/ui/text/text';
import { CTRL, ENTER, fakeLesson, key, makeState, readyState, renderApp, run, view } from '../helpers';

const sizes = [
  [80, 24],
  [100, 30],
  [120, 40],
] as const;

describe('the footer', () => {
  it.for(sizes.flatMap(([cols, rows]) => (['en', 'ko'] as const).map((lang) => ({ cols, rows, lang }))))(
    'shows every key whole at $cols columns in $lang, lesson and home, engine up or down',
    ({ cols, rows, lang }) => {
      const down = { ...makeState({ lang, cols, rows }), engine: { state: 'down' as const, message: 'x' } };
      for (const s of [run(readyState({ lang, cols, rows }), ENTER).state, readyState({ lang, cols, rows }), down, run(down, ENTER).state]) {
        const lines = footerLines(s);
        const shown = lines.flat().map((i) => i.key);
        // The pinned keys (out, help: all the others are there) always show, last; the rest in the
        // table's order as they fit, none cut.
        const bindings = visibleBindings(s, true);
        const pinned = bindings.filter((b) => b.pinned).map((b) => b.label);
        expect(pinned.length).toBeGreaterThan(0);
        expect(shown.slice(-pinned.length)).toEqual(pinned);
        const rest = bindings.filter((b) => !b.pinned).map((b) => b.label);
        let at = 0;
        for (const k of shown.slice(0, -pinned.length)) {
          at = rest.indexOf(k, at);
          expect(at, `${k} out of order`).toBeGreaterThanOrEqual(0);
        }
        for (const l of lines) expect(displayWidth(l.map((i) => `${i.key} ${i.text}`).join('  '))).toBeLessThanOrEqual(cols - 1);
      }
    },
  );
});

describe('the lesson screen at 80x24', () => {
  it('gives the step text more than 9 rows, before and after a command, in both languages', () => {
    for (const lang of ['en', 'ko'] as const) {
      const open = run(readyState({ lang, cols: 80, rows: 24 }), ENTER).state;
      expect(lessonLayout(open).proseHeight).toBeGreaterThanOrEqual(12);
      const ran = run(open, { type: 'commandDone', exitCode: 0, cancelled: false, timedOut: false, ms: 1 }).state;
      const after = { ...ran, screen: { ...view(ran), output: Array.from({ length: 20 }, (_, i) => ({ kind: 'stdout' as const, text: `line ${i}` })) } };
      expect(lessonLayout(after).proseHeight).toBeGreaterThan(9);
      expect(lessonLayout(after).paneHeight).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('the step list at 120 columns', () => {
  it('keeps two columns between the step titles and the lesson text', async () => {
    const lesson = fakeLesson('demo');
    lesson.steps[0].title.en = 'Publish the port of the web server to the host and look at it';
    const app = renderApp(run(readyState({ lessons: [lesson], cols: 120, rows: 40 }), ENTER).state);
    const f = await app.waitFor('Steps');
    const rows = f.split('\n').slice(1, 10);
    // The text starts at the same column on every row, with at least two spaces before it.
    const textColumn = rows[0].indexOf('Demo');
    expect(textColumn).toBeGreaterThanOrEqual(32);
    for (const r of rows) expect(r.padEnd(textColumn).slice(textColumn - 2, textColumn)).toBe('  ');
    app.unmount();
  });
});

describe('the help screen', () => {
  it('never glues a key to its text, and every key and text is whole, at 80 and 120 columns', async () => {
    for (const cols of [80, 120]) {
      for (const lang of ['en', 'ko'] as const) {
        const app = renderApp(run(readyState({ lang, cols, rows: 60 }), ENTER, CTRL('k')).state);
        const f = await app.waitFor(lang === 'en' ? 'Language' : '언어');
        expect(f).not.toMatch(/(Ctrl-(?!Up|Down|Left|Right)[A-Z]|Backspace|Del|Enter|Esc|Up|Down|PgUp|PgDn|Home|End)[a-z가-힣]/);
        expect(f).not.toContain('...');
        app.unmount();
      }
    }
  });
});

describe('the status rows under the lower pane', () => {
  it('wrap a long engine-down message and a long notice instead of cutting them, and the text makes room', async () => {
    const message = 'Docker is installed but not running at unix:///var/run/docker.sock (the default socket): nothing listens there (connection refused)';
    const down = { ...makeState({ cols: 80, rows: 24 }), engine: { state: 'down' as const, message } };
    const s = run(down, ENTER).state;
    const app = renderApp(s);
    const f = await app.waitFor('connection refused)');
    expect(f).not.toContain('...');
    expect(f.replace(/\s+/g, ' ')).toContain(message);
    for (const line of f.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    app.unmount();
    const notice = run(readyState({ cols: 80, rows: 24 }), ENTER).state;
    const long = { ...notice, notice: { tone: 'warn' as const, text: `${'a refused command and why: '.repeat(4)}the end` } };
    const n = renderApp(long);
    expect((await n.waitFor('the end')).split('\n').length).toBeLessThanOrEqual(23);
    n.unmount();
  });
});

describe('the Markdown renderer, held in the state', () => {
  it('draws the step text plainly until the markdownLoaded event hands the renderer over', async () => {
    const render = await loadMarkdown();
    const s: AppState = { ...run(readyState(), ENTER).state, markdown: null };
    const text = (st: AppState) => proseLines(st, view(st)).map(lineText).join('\n');
    expect(text(s)).toContain('**intro**');
    const r = run(s, { type: 'markdownLoaded', render });
    expect(r.state.markdown).toBe(render);
    expect(text(r.state)).not.toContain('**intro**');
    expect(text(r.state)).toContain('intro');
  });
});
