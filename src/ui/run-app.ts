import type { Instance } from 'ink';
import type { Args } from '../cli/args';
import { langSource, pickLang } from '../i18n/lang';
import { describeError, exitCodeFor } from '../errors';
import { t } from '../i18n/strings';
import { lessonsRoot } from '../paths';
import { peekProgress } from '../progress/peek';
import type { ProgressStore } from '../progress/store';
import { onceEngineAnswered, PendingController, progressLater } from './after-first-frame';
import { readCatalogCache, writeCatalogCache } from '../lessons/cache';
import { personalize } from '../lessons/personalize';
import { currentLearner } from '../sandbox/learner-values';
import type { Controller as ControllerT } from './session/controller';
import { loadMarkdown } from './text/render-markdown';
import { tf } from './text/text';
import { keptText } from '../sandbox/kept-text';
import type { KeptLab } from '../sandbox/lab';

/** The alternate screen, like a pager or an editor: the learner's scrollback is untouched on exit. */
function terminal(out: NodeJS.WriteStream, screenReader: boolean) {
  let inAlt = false;
  let gone = false;
  return {
    /** The terminal was closed (SIGHUP): nothing more can be written to it. */
    gone() {
      gone = true;
    },
    enter() {
      if (inAlt || gone) return;
      inAlt = true;
      // Bracketed paste: the terminal marks pasted text, so it is put in as text, never read as keys.
      // A screen reader reads the terminal as it scrolls: no alternate screen, nothing cleared.
      out.write(screenReader ? '\x1b[?2004h' : '\x1b[?1049h\x1b[H\x1b[2J\x1b[?2004h');
    },
    leave() {
      if (!inAlt || gone) return;
      inAlt = false;
      // Bracketed paste off with the alternate screen: the shell (or $EDITOR) after us gets a plain terminal.
      out.write(screenReader ? '\x1b[?2004l\x1b[?25h' : '\x1b[?2004l\x1b[?25h\x1b[?1049l');
    },
    clear() {
      if (inAlt && !gone && !screenReader) out.write('\x1b[H\x1b[2J');
    },
  };
}

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** A signal must end the app within 2 s: the sandbox gets most of it, the rest is reaped at the next start. */
const SIGNAL_BUDGET_MS = 1400;

/**
 * yoga-layout (Ink's layout engine) checks `typeof fetch` on its way to reading its embedded wasm,
 * and in Node the first touch of the global `fetch` loads undici (~20 ms of every start). Nothing
 * here uses fetch: hide it while Ink loads, then put Node's lazy getter back untouched.
 */
export async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!own?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true, enumerable: own.enumerable });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', own);
  }
}

/** `ctr-learn` with no command: the interactive app. */
export async function runApp(args: Args, opts: { start?: 'cheat' } = {}): Promise<number> {
  const { stdin, stdout, stderr } = process;
  if (!stdin.isTTY || !stdout.isTTY) {
    const lang = pickLang(args);
    stderr.write(`${t(lang, 'needsTty')}\nTry: ${t(lang, 'needsTtyTry')}\n`);
    return 1;
  }
  // The first frame needs Ink, the screens, the lessons and the progress to READ. Everything else
  // (the progress store with conf and zod, the controller and the engine, the Markdown renderer)
  // is loaded right after it.
  const root = lessonsRoot();
  const cached = readCatalogCache(root);
  const peeked = peekProgress();
  const [{ render }, { appElement }, { initialState }, { Store }, catalogModule, storeModule] = await withoutGlobalFetch(() =>
    Promise.all([
      import('ink'),
      import('./App'),
      import('./state/state'),
      import('./state/store'),
      cached.catalog ? null : import('../lessons/catalog'),
      // A progress file that does not look right is moved aside before the first frame, which says so.
      peeked.plausible ? null : import('../progress/store'),
    ]),
  );
  const templates = cached.catalog ?? catalogModule!.loadCatalog(root);
  const { broken } = templates;
  // The lessons as this learner sees and is graded by them (names and ports of their own).
  const learner = currentLearner();
  const lessons = templates.lessons.map((l) => personalize(l, learner));
  const openedNow = storeModule?.openProgress();
  const progress = openedNow?.store.data() ?? peeked.data;
  const lang = pickLang(args, progress.lang);
  const store = new Store(
    initialState({ lessons, broken, progress, lang, langSource: langSource(args, progress.lang), size: { cols: stdout.columns || 80, rows: stdout.rows || 24 }, recoveredFrom: openedNow?.recoveredFrom }),
  );

  // Plain, append-only output for a screen reader (Ink's own switch is INK_SCREEN_READER=true).
  const screenReader = args.flags['screen-reader'] === true || process.env.INK_SCREEN_READER === 'true';
  const term = terminal(stdout, screenReader);
  // A closed terminal makes every write fail with EIO; that must not crash the clean-up.
  const ignore = () => {};
  stdout.on('error', ignore);
  let instance: Instance | null = null;
  let exitCode: number | null = null;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));
  let closing: { removed: number; kept: KeptLab | null; finished: boolean } = { removed: 0, kept: null, finished: true };

  // The controller carries out the reducer's effects; it is loaded after the first frame.
  const pending = new PendingController(() => finish(exitCode ?? 2));
  /** Leave the terminal usable, report the error, and end the session. */
  const fail = (err: unknown) => {
    term.leave();
    stderr.write(describeError(err) + '\n');
    exitCode ??= exitCodeFor(err);
    pending.shutdown(SIGNAL_BUDGET_MS);
  };

  const mount = () => {
    const inst = render(appElement(store), { exitOnCtrlC: false, patchConsole: true, maxFps: 60, isScreenReaderEnabled: screenReader });
    instance = inst;
    // A render error is our bug (exit 2).
    inst.waitUntilExit().catch(fail);
  };
  const unmount = () => {
    const inst = instance;
    instance = null;
    inst?.unmount();
  };

  const startController = (Controller: typeof ControllerT, progress: Promise<ProgressStore>) => {
    const c = new Controller({
      store,
      progress,
      lessons,
      ui: {
        suspend: () => {
          unmount();
          // Ink stops listening but Node keeps reading the terminal ahead: pause, or the editor
          // would lose keystrokes to us.
          stdin.pause();
          term.leave();
        },
        resume: () => {
          term.enter();
          mount();
        },
        // OSC 52: the terminal puts the text on the system clipboard (where it allows it).
        copy: (text) => stdout.write(`\x1b]52;c;${Buffer.from(text).toString('base64')}\x07`),
      },
      onQuit: (r) => {
        closing = r;
        finish(exitCode ?? 0);
      },
      traceFile: process.env.CTR_LEARN_TRACE || undefined,
    });
    pending.loaded(c);
  };

  // Registered before Ink's own listener: clear first, then the new size is drawn from the top.
  const onResize = () => {
    term.clear();
    store.dispatch({ type: 'resized', cols: stdout.columns || 80, rows: stdout.rows || 24 });
  };
  stdout.on('resize', onResize);

  const restore = () => {
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } catch {
      /* stdin already closed */
    }
    term.leave();
  };
  const onSignal = (sig: NodeJS.Signals) => {
    if (exitCode !== null) return;
    exitCode = SIGNAL_EXIT[sig] ?? 1;
    if (sig === 'SIGHUP') term.gone();
    // Children are killed (their process groups), the sandbox is ended, progress is on disk already.
    pending.shutdown(SIGNAL_BUDGET_MS);
    setTimeout(() => {
      unmount();
      restore();
      process.exit(exitCode ?? 1);
    }, 1900).unref();
  };
  for (const sig of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) process.on(sig, onSignal);
  process.on('exit', restore);

  term.enter();
  mount();
  // After the first frame, in the order they are needed (after-first-frame.ts): the controller,
  // which finds the engine (the home screen's first line); then the progress store and the
  // Markdown renderer.
  const later = progressLater(store, openedNow?.store);
  later.progress.catch(fail);
  const loadRest = onceEngineAnswered(store, () => {
    later.open();
    void loadMarkdown().then((render) => store.dispatch({ type: 'markdownLoaded', render }), fail);
  });
  store.onEffect((e) => {
    loadRest();
    pending.handle(e);
  });
  // `ctr-learn cheat` on a terminal: the app, opened at the cheat sheet search.
  if (opts.start === 'cheat') store.dispatch({ type: 'cheat' });
  setImmediate(() => {
    import('./session/controller').then(
      ({ Controller }) => startController(Controller, later.progress),
      (err: unknown) => {
        pending.failedToLoad();
        fail(err);
      },
    );
    // The next start can skip parsing (and hashing) the lessons.
    writeCatalogCache(root, cached, templates);
  });

  const code = await done;
  unmount();
  restore();
  stdout.off('resize', onResize);
  for (const sig of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) process.off(sig, onSignal);
  const l = store.getState().lang;
  stdout.write(`${closing.kept ? keptText(l, closing.kept, closing.kept.lessonId) : t(l, 'closedSandbox')}\n`);
  if (!closing.finished) stdout.write(`${t(l, 'closeTimedOut')}\n`);
  // Whatever still holds the event loop (a sandbox that did not finish closing) must not keep us here.
  setTimeout(() => process.exit(code), 300).unref();
  return code;
}

