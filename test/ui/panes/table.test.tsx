import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/strings';
import { lessonLayout } from '../../../src/ui/panes/layout';
import { lessonPanes, paneKeys, PANES, paneRow } from '../../../src/ui/panes/table';
import { paneWindow } from '../../../src/ui/panes/window';
import type { AppEvent } from '../../../src/ui/state/events';
import type { AppState } from '../../../src/ui/state/state';
import { ENTER, fakeLesson, key, readyState, renderApp, run, TAB, view } from '../helpers';

/** The pane table (panes/table.ts): every pane is one row, and the tabs, the keys and the screen follow it. */

const withPictures = () => readyState({ lessons: [fakeLesson('net', { networks: ['appnet'] })], cols: 100, rows: 30 });
const withoutPictures = () => readyState({ lessons: [fakeLesson('demo')], cols: 100, rows: 30 });
const open = (s: AppState) => run(s, ENTER).state;
const SHIFT_TAB = key('', { tab: true, shift: true });

/** A key name from the key table as Ink reports the keypress. */
function press(name: string): AppEvent[] {
  if (name === 'enter') return [key('docker ps'), ENTER];
  const ctrl = /^ctrl\+(.)$/.exec(name);
  if (ctrl) return [key(ctrl[1], { ctrl: true })];
  throw new Error(`no keypress for ${name} in this test`);
}

/** Something of this pane on screen, in the state it is in now (its content builder's first line). */
function firstLine(s: AppState): string {
  const v = view(s);
  const lesson = s.lessons.find((l) => l.id === v.lessonId)!;
  const w = paneWindow(s, v, lesson, s.size.cols - 2, lessonLayout(s).paneHeight);
  return w.lines[0].map((x) => x.text).join('').trim();
}

describe('the pane table', () => {
  it('has one row per pane, each with a title in both languages', () => {
    expect(new Set(PANES.map((p) => p.id)).size).toBe(PANES.length);
    for (const p of PANES) {
      expect(t('en', p.title)).not.toBe('');
      expect(t('ko', p.title)).not.toBe(t('en', p.title));
    }
  });

  it('the tabs row lists exactly the panes of the table this lesson has, in its order', async () => {
    for (const [s, has] of [
      [withPictures(), PANES.map((p) => p.id)],
      [withoutPictures(), PANES.filter((p) => p.id !== 'picture').map((p) => p.id)],
    ] as const) {
      const lesson = s.lessons[0];
      expect(lessonPanes(lesson).map((p) => p.id)).toEqual(has);
      for (const lang of ['en', 'ko'] as const) {
        const app = renderApp(open({ ...s, lang }));
        const frame = await app.waitFor(t(lang, 'paneOutput'));
        const row = frame.split('\n').find((l) => l.includes(t(lang, 'paneOutput')))!;
        const titles = PANES.map((p) => t(lang, p.title));
        // Every title the lesson has, in table order; none it has not.
        const at = has.map((id) => row.indexOf(t(lang, paneRow(id).title)));
        expect(at.every((i) => i >= 0)).toBe(true);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
        for (const title of titles.filter((x) => !has.map((id) => t(lang, paneRow(id).title)).includes(x))) expect(row).not.toContain(title);
        app.unmount();
      }
    }
  });

  it('Tab walks every pane in table order and back to the first; Shift-Tab walks back', () => {
    const s = open(withPictures());
    const ids = lessonPanes(s.lessons[0]).map((p) => p.id);
    let st = s;
    const seen = [view(st).pane];
    for (let i = 0; i < ids.length; i++) {
      st = run(st, TAB).state;
      seen.push(view(st).pane);
    }
    expect(seen).toEqual([...ids, ids[0]]);
    expect(view(run(s, SHIFT_TAB).state).pane).toBe(ids[ids.length - 1]);
  });

  it('every pane reached by Tab renders its lines on the screen', async () => {
    for (const lang of ['en', 'ko'] as const) {
      let s = open({ ...withPictures(), lang });
      s = run(s, { type: 'picturesLoaded', lessonId: 'net', pictures: { networks: [], images: null, health: null } }).state;
      for (const p of lessonPanes(s.lessons[0])) {
        while (view(s).pane !== p.id) s = run(s, TAB).state;
        const line = firstLine(s);
        expect(line, `${p.id} (${lang}) has lines`).not.toBe('');
        const app = renderApp(s);
        await app.waitFor(line.slice(0, 20));
        app.unmount();
      }
    }
  });

  it('the keys the key table binds to a pane bring it forward', () => {
    const s = open(withPictures());
    const withKeys = PANES.filter((p) => p.shownBy.length > 0);
    expect(withKeys.map((p) => p.id)).toEqual(['output', 'checks', 'hints']);
    for (const p of withKeys) {
      const keys = paneKeys(p);
      expect(keys.length, `${p.id} has a key`).toBeGreaterThan(0);
      for (const name of keys) {
        // From another pane (the log), so the key is what brings it.
        const from = run(s, TAB, TAB, TAB).state;
        expect(view(from).pane).toBe('log');
        expect(view(run(from, ...press(name)).state).pane, `${name} shows ${p.id}`).toBe(p.id);
      }
    }
  });

  it('a pane about the step gives way to the output on another step; a pane read from the engine is read when shown', () => {
    const s = open(withPictures());
    for (const p of PANES) {
      let st = s;
      while (view(st).pane !== p.id) st = run(st, TAB).state;
      expect(view(run(st, key('n', { ctrl: true })).state).pane).toBe(p.perStep ? 'output' : p.id);
      // Shown again: from the pane before it, one Tab.
      const shown = run(run(st, SHIFT_TAB).state, TAB);
      expect(view(shown.state).pane).toBe(p.id);
      expect(shown.effects.some((e) => e.type === 'loadPictures')).toBe(p.refresh !== undefined);
    }
  });
});
