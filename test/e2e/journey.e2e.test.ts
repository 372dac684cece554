import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { t } from '../../src/i18n/strings';
import { tf } from '../../src/ui/text/text';
import { loadCatalog } from '../../src/lessons/catalog';
import { fillText, personalize } from '../../src/lessons/personalize';
import { currentLearner } from '../../src/sandbox/learner-values';
import type { Lang, Lesson } from '../../src/lessons/schema';
import { engineForTests, ensureImages } from '../helpers/engine';
import { chunks, joinRows, KEY, promptRow, rowsOf, shows, tabsRow, windows } from './journey-screen';
import { appEnv, startApp, type PtyApp } from './pty';

/**
 * A new learner's journey through EVERY lesson of the catalog, on the real engine, in a real
 * pseudo-terminal at 80x24: from the home screen, English and Korean lesson by lesson, typing only
 * commands the screen showed first (the step's text, a hint rung, or the revealed solution),
 * writing the step's files through Ctrl-O and $EDITOR, quitting half way through each lesson and
 * coming back to the step the home screen names. No lesson has code of its own here: a new lesson
 * is played as soon as it is in the catalog.
 *
 * A command the screen never shows (the text says another one, the ladder never gets there) is a
 * lesson defect: the test types the reference command anyway so the journey goes on, and fails at
 * the end with the list.
 */

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/ctr-learn.js');
const COLS = 80;
const ROWS = 24;
/** A command may build an image or wait for a container to stop. */
const COMMAND_MS = 180_000;

let api: EngineApi | null = null;
/** The learner's home: the one this test file was given (test/helpers/setup.ts), so the test reads the same learner's values as the app. */
const home = process.env.CTR_LEARN_HOME!;
const stage = mkdtempSync(join(tmpdir(), 'ctr-journey-stage-'));
const running: PtyApp[] = [];

beforeAll(async () => {
  api = await engineForTests();
  if (api) await ensureImages(api);
});

afterAll(async () => {
  // Even after a failure: stop the app (its lab is kept), then remove every lab of this home.
  for (const app of running) {
    app.pty.kill('SIGTERM');
    await Promise.race([app.exited, new Promise((r) => setTimeout(r, 5000))]);
    app.pty.kill('SIGKILL');
  }
  const r = spawnSync(process.execPath, [BIN, 'clean', '--all', '--yes'], { env: appEnv({ CTR_LEARN_HOME: home }), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) console.warn(`clean --all --yes for ${home} exited ${r.status}: ${r.stdout}${r.stderr}`);
  api?.close();
  rmSync(stage, { recursive: true, force: true });
});

function open(): PtyApp {
  const app = startApp([], {
    cols: COLS,
    rows: ROWS,
    home,
    env: { EDITOR: `${process.execPath} ${join(__dirname, 'journey-editor.mjs')}`, VISUAL: undefined, JOURNEY_STAGE: stage },
  });
  running.push(app);
  return app;
}

const header = (screen: string) => rowsOf(screen)[0] ?? '';
const langOf = (screen: string): Lang | null => {
  const m = /\b(EN|KO)\s+(?:engine|엔진)/.exec(header(screen));
  return m ? (m[1].toLowerCase() as Lang) : null;
};
const stepShown = (screen: string, lang: Lang, n: number, total: number) => header(screen).includes(tf(lang, 'stepOf', { n, total }));
/** The sandbox is open: the status row gives its address (before, it says it is opening). */
const sandboxReady = (lang: Lang) => (screen: string) => {
  if (screen.includes(tf(lang, 'otherTerminal', { host: 'unix://' }))) return true;
  // Or, coming back, the notice that the kept lab was taken over (it has the status row meanwhile).
  const back = tf(lang, 'labBack', { when: '\0' }).split('\0').sort((a, b) => b.length - a.length)[0].trim();
  return shows(joinRows(rowsOf(screen)), back.slice(0, 24));
};
/** The empty prompt, ready for a line (a step with an open question says so in its own words). */
const idle = (lang: Lang) => (screen: string) => {
  const row = promptRow(screen);
  return row.includes(t(lang, 'input.placeholder')) || row.includes(tf(lang, 'input.placeholderQuestion', { letters: '\0' }).split('\0')[0]);
};

/** The typed line as the prompt shows it: all of it, or (scrolled sideways) its end. */
function promptHolds(screen: string, command: string): boolean {
  const row = promptRow(screen).trimEnd();
  if (row.startsWith('$ ')) return row.slice(2) === command;
  return row.length > 12 && command.endsWith(row.slice(2));
}

/** A home screen row's lesson title as shown (cut with "..." when long). */
const rowTitle = (row: string) => row.slice(4).split(/\s{2,}/)[0].replace(/\.\.\.$/, '');
/** The home screen's selected lesson (its row starts with '>'). */
function selectedTitle(screen: string): string | null {
  const row = rowsOf(screen).find((r) => r.startsWith('> '));
  return row ? rowTitle(row) : null;
}

const defects: string[] = [];
const soft = (ok: boolean, what: string) => {
  if (!ok) defects.push(what);
};

async function toHome(app: PtyApp): Promise<void> {
  await app.waitFor((s) => /\bEnter\b/.test(s) && rowsOf(s).some((r) => r.startsWith('> ')), 30_000);
}

async function setLang(app: PtyApp, lang: Lang): Promise<void> {
  if (langOf(app.screen()) === lang) return;
  app.press('L');
  await app.waitFor((s) => langOf(s) === lang);
}

/** Move the home screen's cursor to the lesson, as a person would (j/k), and open it. */
async function openFromHome(app: PtyApp, lesson: Lesson, lang: Lang, all: Lesson[]): Promise<void> {
  const title = lesson.title[lang];
  const names = (cut: string) => cut.length > 0 && title.startsWith(cut) && all.filter((l) => l.title[lang].startsWith(cut)).length === 1;
  for (let moves = 0; !names(selectedTitle(app.screen()) ?? ''); moves++) {
    if (moves > all.length * 2) throw new Error(`${lesson.id}: not on the home screen.\n${app.screen()}`);
    const rows = rowsOf(app.screen());
    const selected = rows.findIndex((r) => r.startsWith('> '));
    const target = rows.findIndex((r) => /^[> ] \S /.test(r) && names(rowTitle(r)));
    // Towards its row; when the list is scrolled and it is out of view, the way the catalog goes.
    const current = all.findIndex((l) => l.title[lang].startsWith(selectedTitle(app.screen()) ?? '\0'));
    const down = target >= 0 ? target > selected : all.indexOf(lesson) > current;
    const before = selectedTitle(app.screen());
    app.press(down ? 'j' : 'k');
    await app.waitFor((s) => selectedTitle(s) !== before, 5000);
  }
  app.press(KEY.enter);
  await app.waitFor((s) => stepShown(s, lang, 1, lesson.steps.length) && tabsRow(s, lang) > 0 && sandboxReady(lang)(s), 60_000);
}

/** The step's text, all of it: page down until its last line has been on screen (rows put back in order). */
async function readProse(app: PtyApp, lang: Lang): Promise<string> {
  const got = new Map<number, string>();
  for (let pages = 0; ; pages++) {
    const s = app.screen();
    const rows = rowsOf(s);
    const tabs = tabsRow(s, lang);
    const w = windows(s, lang).prose;
    const text = rows.slice(2, tabs);
    if (!w) {
      text.forEach((r, i) => got.set(i + 1, r));
      break;
    }
    text.slice(0, w.last - w.first + 1).forEach((r, i) => got.set(w.first + i, r));
    if (w.last >= w.total || pages > 60) break;
    const place = `${w.first}-${w.last}/${w.total}`;
    app.press(KEY.pageDown);
    await app.waitFor((x) => {
      const n = windows(x, lang).prose;
      return n !== null && `${n.first}-${n.last}/${n.total}` !== place;
    });
  }
  return joinRows([...got.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]));
}

/** The lower pane, all of it: scroll back to its first line and forward to its last (Shift-Up/Down). */
async function readPane(app: PtyApp, lang: Lang): Promise<string> {
  const got = new Map<number, string>();
  const grab = (s: string) => {
    const rows = rowsOf(s);
    const tabs = tabsRow(s, lang);
    const w = windows(s, lang).pane;
    const prompt = rows.findIndex((r, i) => i > tabs && (r.startsWith('$ ') || r.startsWith('< ')));
    if (!w) rows.slice(tabs + 1, prompt).forEach((r, i) => got.set(i + 1, r));
    else rows.slice(tabs + 1, tabs + 1 + w.last - w.first + 1).forEach((r, i) => got.set(w.first + i, r));
    return w;
  };
  const move = async (key: string, w: { first: number; last: number; total: number }) => {
    const place = `${w.first}-${w.last}/${w.total}`;
    app.press(key);
    return grab(
      await app.waitFor((x) => {
        const n = windows(x, lang).pane;
        return n === null || `${n.first}-${n.last}/${n.total}` !== place;
      }),
    );
  };
  let w = grab(app.screen());
  for (let i = 0; w && w.first > 1 && i < 40; i++) w = await move(KEY.paneUp, w);
  // Back to the newest lines, where the pane follows new text again.
  for (let i = 0; w && w.last < w.total && i < 40; i++) w = await move(KEY.paneDown, w);
  return joinRows([...got.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]));
}

const hintRung = (screen: string, lang: Lang): number | null => {
  const m = new RegExp(`${t(lang, 'paneHints')} (\\d+)/\\d+`).exec(rowsOf(screen)[tabsRow(screen, lang)] ?? '');
  return m ? Number(m[1]) : null;
};

/** A concept question's right choice as the step's text shows it (`c) 137 alone ...`; Markdown marks gone). */
const choiceShown = (id: string, text: string) => `${id}) ${text.replace(/`/g, '').replace(/\*\*/g, '')}`;

/**
 * Everything the learner must type for the step must be on screen first: the step's text, then
 * the hint ladder one rung at a time (Ctrl-G), then the solution (Ctrl-G once more, y).
 */
async function see(app: PtyApp, lesson: Lesson, k: number, lang: Lang, needs: string[]): Promise<string> {
  const step = lesson.steps[k];
  let seen = await readProse(app, lang);
  const missing = () => needs.filter((c) => !shows(seen, c));
  let where = 'text';
  const notInText = missing();
  let rung = hintRung(app.screen(), lang) ?? 0;
  // A rung climbed before the quit is on screen again after it.
  if (missing().length && rung > 0) {
    app.press('\t'.repeat(2)); // output -> checks -> hints
    await app.waitFor((s) => s.includes(tf(lang, 'hintRung', { n: 1, total: step.hints.length })) || windows(s, lang).pane !== null);
    seen += ` ${await readPane(app, lang)}`;
    where = `hint ${rung}`;
  }
  while (missing().length && rung < step.hints.length) {
    app.press(KEY.hint);
    rung++;
    await app.waitFor((s) => hintRung(s, lang) === rung && s.includes(tf(lang, 'hintRung', { n: rung, total: step.hints.length })));
    seen += ` ${await readPane(app, lang)}`;
    where = `hint ${rung}`;
  }
  if (missing().length && step.hints.length > 0) {
    app.press(KEY.hint);
    const dialog = await app.waitFor((s) => s.includes(t(lang, 'revealTitle')) || s.includes(`${t(lang, 'solutionTitle')}:`));
    if (dialog.includes(t(lang, 'revealTitle'))) app.press('y');
    await app.waitFor((s) => s.includes(`${t(lang, 'solutionTitle')}:`));
    seen += ` ${await readPane(app, lang)}`;
    where = 'solution';
  }
  for (const c of missing()) soft(false, `${lesson.id} step ${k + 1} (${step.id}, ${lang}): never shown on screen (text, ${step.hints.length} hint(s), solution): ${c}`);
  // Where the learner found what to type: the step's text, a hint rung, or the solution.
  return missing().length ? 'never' : where === 'text' ? where : `${where} (not in the text: ${notInText.join('; ')})`;
}

/** Ctrl-O: the app opens $EDITOR on the file (a list first when there are several); our editor writes the staged content. */
async function editFile(app: PtyApp, lesson: Lesson, rel: string, content: string, lang: Lang): Promise<void> {
  writeFileSync(join(stage, 'pending.json'), JSON.stringify({ [rel]: content }));
  const log = join(stage, 'edited.log');
  const before = existsSync(log) ? readFileSync(log, 'utf8') : '';
  app.press(KEY.edit);
  const s = await app.waitFor((x) => x.includes(t(lang, 'filesTitle')) || readFileSyncSafe(log) !== before, 15_000);
  if (s.includes(t(lang, 'filesTitle'))) {
    // The list: move to the file's row, Enter.
    for (let i = 0; i < 60; i++) {
      const sel = rowsOf(app.screen()).find((r) => /^\s*>\s/.test(r)) ?? '';
      if (sel.replace(/^\s*>\s*/, '').trim() === rel) break;
      const was = sel;
      app.press('j');
      await app.waitFor((x) => (rowsOf(x).find((r) => /^\s*>\s/.test(r)) ?? '') !== was, 5000).catch(() => {});
      if (i === 59) throw new Error(`${lesson.id}: ${rel} is not in the Ctrl-O list.\n${app.screen()}`);
    }
    app.press(KEY.enter);
  }
  await app.waitFor(() => readFileSyncSafe(log) !== before, 15_000);
  const drawn = app.output().length;
  const wrote = JSON.parse(readFileSyncSafe(log).slice(before.length).trim().split('\n').pop()!) as { file: string; wrote: string | null };
  expect(wrote.wrote, `${lesson.id}: Ctrl-O opened ${wrote.file}, not ${rel}`).toBe(rel);
  // Back in the app: drawn again after the editor ended (what its notice says depends on the
  // check the saved file starts: it may be gone already).
  await app.waitFor((x) => app.output().length > drawn && tabsRow(x, lang) > 0 && idle(lang)(x), 15_000);
}
const readFileSyncSafe = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');

/** Type a line a few characters at a time, see it whole on the prompt, press Enter, and wait until it has finished. */
async function run(app: PtyApp, line: string, lang: Lang, seed: number): Promise<void> {
  await app.waitFor(idle(lang), COMMAND_MS);
  for (const c of chunks(line, seed)) {
    app.press(c);
    await new Promise((r) => setTimeout(r, 1));
  }
  await app.waitFor((s) => promptHolds(s, line), 15_000);
  app.press(KEY.enter);
  const s = await app.waitFor((x) => idle(lang)(x) || x.includes(t(lang, 'sandboxNotReady')), COMMAND_MS);
  if (!idle(lang)(s)) throw new Error(`Enter on "${line}": the sandbox was not open.\n${s}`);
}

const checksMark = (screen: string, lang: Lang): string => {
  const m = new RegExp(`${t(lang, 'paneChecks')}\\s*([✔✘⋯!])`).exec(rowsOf(screen)[tabsRow(screen, lang)] ?? '');
  return m ? m[1] : '';
};
/** The checks pane (Ctrl-T shows it) with every check ticked. */
const allTicked = (screen: string, lang: Lang): boolean => {
  if (checksMark(screen, lang) !== '✔') return false;
  const rows = rowsOf(screen);
  const pane = rows.slice(tabsRow(screen, lang) + 1);
  return pane.some((r) => /^\s*✔ /.test(r)) && !pane.some((r) => /^\s*✘ /.test(r));
};

/** Ctrl-T until the step passes (a check that waits on the engine may need a second look). */
async function check(app: PtyApp, label: string, lang: Lang): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    let sawRunning = false;
    app.press(KEY.check);
    const s = await app
      .waitFor((x) => {
        const m = checksMark(x, lang);
        if (m === '⋯') sawRunning = true;
        return allTicked(x, lang) || (sawRunning && (m === '✘' || m === '!'));
      }, 45_000)
      .catch(() => app.screen());
    if (allTicked(s, lang)) return;
    if (Date.now() > deadline) {
      // What the learner would read: every check with expected and actual, then the output.
      const checks = await readPane(app, lang);
      app.press('\x1b[Z'); // Shift-Tab: back to the output
      await app.waitFor((x) => !allTicked(x, lang) && !/^\s*✘ /m.test(rowsOf(x).slice(tabsRow(x, lang) + 1).join('\n')), 5000).catch(() => {});
      const output = await readPane(app, lang);
      throw new Error(`${label}: the step does not pass.\n${s}\nchecks: ${checks}\noutput: ${output}`);
    }
    // A person reads the failure first; an automatic check may still change it meanwhile.
    await app.waitFor((x) => checksMark(x, lang) !== '✘', 2000).catch(() => {});
  }
}

async function quitAndComeBack(app: PtyApp, lesson: Lesson, next: number, lang: Lang): Promise<PtyApp> {
  app.press(KEY.quit);
  const { exitCode } = await app.exited;
  expect(exitCode, `${lesson.id}: Ctrl-D`).toBe(0);
  const again = open();
  await toHome(again);
  const total = lesson.steps.length;
  const want = tf(lang, 'continueLine', { lesson: lesson.title[lang], n: next, total });
  const prefix = want.slice(0, want.indexOf(lesson.title[lang]));
  const screen = await again.waitFor((s) => rowsOf(s).some((r) => r.startsWith(prefix)), 15_000);
  // The line and the rows it wraps onto, up to the blank row before the list.
  const rows = rowsOf(screen);
  const from = rows.findIndex((r) => r.startsWith(prefix));
  const to = rows.findIndex((r, i) => i > from && r.trim() === '');
  const said = joinRows(rows.slice(from, to < 0 ? from + 1 : to));
  expect(shows(said, want), `${lesson.id}: the home screen says\n${said}\nnot\n${want}`).toBe(true);
  again.press('c');
  await again.waitFor((s) => stepShown(s, lang, next, total) && tabsRow(s, lang) > 0 && sandboxReady(lang)(s), 60_000);
  return again;
}

it('a new learner plays every lesson from the home screen at 80x24, English and Korean in turn, quitting half way through each', async (ctx) => {
  if (!api) return ctx.skip();
  const catalog = loadCatalog(join(ROOT, 'lessons'));
  expect(catalog.broken).toEqual([]);
  // The lessons as this learner sees them: names and ports of their own (web-<learner>, ...).
  const learner = currentLearner();
  const lessons = catalog.lessons.map((l) => personalize(l, learner));
  expect(lessons.length).toBeGreaterThan(0);
  const started = Date.now();
  const times: string[] = [];
  const found: string[] = [];
  let app = open();
  await toHome(app);
  let seed = 1;
  // JOURNEY_ONLY=a,b plays only those (for working on a lesson); each keeps its language of the full run.
  const only = process.env.JOURNEY_ONLY?.split(',').filter(Boolean);
  for (const [i, lesson] of lessons.entries()) {
    if (only && !only.includes(lesson.id)) continue;
    const lang: Lang = i % 2 === 0 ? 'en' : 'ko';
    const lessonStarted = Date.now();
    await setLang(app, lang);
    await openFromHome(app, lesson, lang, lessons);
    const total = lesson.steps.length;
    const half = Math.ceil(total / 2);
    for (let k = 0; k < total; k++) {
      const step = lesson.steps[k];
      const label = `${lesson.id} step ${k + 1}/${total} (${step.id}, ${lang})`;
      await app.waitFor((s) => stepShown(s, lang, k + 1, total));
      const commands = step.solution.commands;
      // A concept question is answered with the letter the reference answer picks, once its choice is on screen.
      const answers = Object.entries(step.solution.answers ?? {}).map(([checkId, letter]) => {
        const q = step.checks.find((c) => c.id === checkId);
        const choice = q?.kind === 'question' ? q.choices.find((c) => c.id === letter) : undefined;
        if (!choice) throw new Error(`${label}: the solution answers ${checkId} with ${letter}, which is no choice of a question of the step`);
        return { letter, shown: choiceShown(letter, choice[lang]) };
      });
      const where = await see(app, lesson, k, lang, [...commands, ...answers.map((a) => a.shown)]);
      found.push(`${lesson.id}#${k + 1}:${where}`);
      for (const [rel, src] of Object.entries(step.solution.files)) {
        await editFile(app, lesson, rel, fillText(readFileSync(join(lesson.dir, src), 'utf8'), lesson.values ?? {}), lang);
      }
      for (const a of answers) await run(app, a.letter, lang, seed++);
      for (const c of commands) await run(app, c, lang, seed++);
      await check(app, label, lang);
      // The step list marks it passed too.
      await app.waitFor((s) => (rowsOf(s)[1] ?? '').includes(`✔${k + 1}`), 5000);
      if (k + 1 === total) break;
      if (k + 1 === half) app = await quitAndComeBack(app, lesson, k + 2, lang);
      else {
        app.press(KEY.next);
        await app.waitFor((s) => stepShown(s, lang, k + 2, total));
      }
    }
    await app.waitFor((s) => shows(joinRows(rowsOf(s)), t(lang, 'lessonDone')), 15_000);
    const progress = JSON.parse(readFileSync(join(home, 'config', 'progress.json'), 'utf8')) as { lessons: Record<string, { steps: Record<string, { passedAt?: string }> }> };
    for (const step of lesson.steps) expect(progress.lessons[lesson.id]?.steps[step.id]?.passedAt, `${lesson.id}/${step.id} passed`).toEqual(expect.any(String));
    app.press(KEY.esc);
    await toHome(app);
    // On the list: done, every step (the cursor has moved on to the lesson the home line suggests).
    const done = `${t(lang, 'stateDone')}`;
    await app.waitFor((s) => rowsOf(s).some((r) => /^[> ] ✔/.test(r) && r.includes(done) && r.trimEnd().endsWith(`${total}/${total}`)), 5000);
    times.push(`${lesson.id} (${lang}): ${((Date.now() - lessonStarted) / 1000).toFixed(1)} s`);
  }
  app.press('q');
  expect((await app.exited).exitCode).toBe(0);
  console.log(`journey through ${lessons.length} lessons in ${((Date.now() - started) / 1000).toFixed(1)} s:\n  ${times.join('\n  ')}\nwhat to type was found in: ${found.join(', ')}`);
  expect(defects, 'lesson defects found on the way').toEqual([]);
}, 3_600_000);
