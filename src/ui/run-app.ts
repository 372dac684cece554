import type { Instance } from 'ink';
import type { Args } from '../cli/args';
import { pickLang } from '../i18n/lang';
import { describeError } from '../errors';
import { t } from '../i18n/strings';
import { lessonsRoot } from '../paths';
import { readCatalogCache, writeCatalogCache } from './catalog-cache';
import type { Controller as ControllerT } from './controller';
import { tf } from './text';

/** The alternate screen, like a pager or an editor: the learner's scrollback is untouched on exit. */
function terminal(out: NodeJS.WriteStream) {
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
      out.write('\x1b[?1049h\x1b[H\x1b[2J');
    },
    leave() {
      if (!inAlt || gone) return;
      inAlt = false;
      out.write('\x1b[?25h\x1b[?1049l');
    },
    clear() {
      if (inAlt && !gone) out.write('\x1b[H\x1b[2J');
    },
  };
}

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** A signal must end the app within 2 s: the sandbox gets most of it, the rest is reaped at the next start. */
const SIGNAL_BUDGET_MS = 1400;

/** `ctr-learn` with no command: the interactive app. */
export async function runApp(args: Args): Promise<number> {
  const { stdin, stdout, stderr } = process;
  if (!stdin.isTTY || !stdout.isTTY) {
    const lang = pickLang(args);
    stderr.write(`${t(lang, 'needsTty')}\nTry: ${t(lang, 'needsTtyTry')}\n`);
    return 1;
  }
  const root = lessonsRoot();
  const cached = readCatalogCache(root);
  const [{ render }, { appElement }, { Controller }, { initialState }, { Store }, { openProgress }, catalogModule] = await Promise.all([
    import('ink'),
    import('./App'),
    import('./controller'),
    import('./state'),
    import('./store'),
    import('../progress/store'),
    cached ? null : import('../lessons/catalog'),
  ]);
  const { lessons, broken } = cached ?? catalogModule!.loadCatalog(root);
  const { store: progress, recoveredFrom } = openProgress();
  const lang = pickLang(args, progress.data().lang);
  const store = new Store(
    initialState({ lessons, broken, progress: progress.data(), lang, size: { cols: stdout.columns || 80, rows: stdout.rows || 24 }, recoveredFrom }),
  );

  const term = terminal(stdout);
  // A closed terminal makes every write fail with EIO; that must not crash the clean-up.
  const ignore = () => {};
  stdout.on('error', ignore);
  let instance: Instance | null = null;
  let exitCode: number | null = null;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));
  let closing = { removed: 0, finished: true };

  const mount = () => {
    const inst = render(appElement(store), { exitOnCtrlC: false, patchConsole: true, maxFps: 60 });
    instance = inst;
    inst.waitUntilExit().catch((err: unknown) => {
      // A render error: leave the terminal usable and report it as our bug.
      term.leave();
      stderr.write(describeError(err) + '\n');
      exitCode = 2;
      void controller.shutdown(SIGNAL_BUDGET_MS);
    });
  };
  const unmount = () => {
    const inst = instance;
    instance = null;
    inst?.unmount();
  };

  const controller: ControllerT = new Controller({
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
    },
    onQuit: (r) => {
      closing = r;
      finish(exitCode ?? 0);
    },
    traceFile: process.env.CTR_LEARN_TRACE || undefined,
  });
  store.onEffect((e) => controller.handle(e));

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
    void controller.shutdown(SIGNAL_BUDGET_MS);
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
  // Right after the first frame: the next start can skip parsing the lessons.
  if (!cached) setImmediate(() => writeCatalogCache(root, { lessons, broken }));
  void controller.start();

  const code = await done;
  unmount();
  restore();
  stdout.off('resize', onResize);
  for (const sig of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) process.off(sig, onSignal);
  const l = store.getState().lang;
  stdout.write(`${tf(l, 'closedSandbox', { n: closing.removed })}\n`);
  if (!closing.finished) stdout.write(`${t(l, 'closeTimedOut')}\n`);
  // Whatever still holds the event loop (a sandbox that did not finish closing) must not keep us here.
  setTimeout(() => process.exit(code), 300).unref();
  return code;
}

