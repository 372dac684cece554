import { accessSync, constants, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { t } from '../../i18n/strings';
import type { Lang } from '../../lessons/schema';
import type { runInteractive } from '../../proc/run';
import { splitArgv } from '../../proc/split-argv';
import { tf } from '../text/text';

export interface EditorChoice {
  cmd: string;
  args: string[];
  /** Printed in the terminal before the editor starts: how to leave it (vi without $EDITOR). */
  before?: string;
}

/** The program's path on PATH, links resolved, or null. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      try {
        return realpathSync(join(dir, name));
      } catch {
        return join(dir, name);
      }
    } catch {
      /* not here */
    }
  }
  return null;
}

/**
 * The learner's editor: $VISUAL, else $EDITOR. Without either, nano when it is there (it shows its
 * own keys at the bottom); else vi, with how to leave it said first (a newcomer dropped into vi
 * with no word is stuck): in vim on its own status line, in any other vi printed above it.
 */
export function chooseEditor(lang: Lang, env: NodeJS.ProcessEnv = process.env, home = '', find = (n: string) => onPath(n, env)): EditorChoice {
  const mine = env.VISUAL || env.EDITOR;
  if (mine) {
    const [cmd, ...args] = splitArgv(mine, { PWD: env.PWD ?? '', HOME: home });
    return { cmd, args };
  }
  if (find('nano')) return { cmd: 'nano', args: [] };
  const note = t(lang, 'editorViNote');
  const vi = find('vi');
  if (vi && /vim/.test(vi)) return { cmd: 'vi', args: ['-c', `echo ${JSON.stringify(note)}`] };
  return { cmd: 'vi', args: [], before: note };
}

/**
 * Open a workspace file in the learner's editor: the app's screen is put away (`ui.suspend`) while
 * it runs and comes back after. Returns what went wrong, in the learner's language, or undefined.
 */
export async function editFile(o: {
  dir: string;
  file: string;
  lang: Lang;
  ui: { suspend: () => void; resume: () => void };
  run: typeof runInteractive;
}): Promise<string | undefined> {
  o.ui.suspend();
  try {
    // $VISUAL/$EDITOR, else nano, else vi with how to leave it.
    const { cmd, args, before } = chooseEditor(o.lang, { ...process.env, PWD: o.dir }, homedir());
    if (before) process.stdout.write(`${before}\n`);
    await o.run(cmd, [...args, join(o.dir, o.file)], { description: 'your editor ($EDITOR)', cwd: o.dir });
    return undefined;
  } catch (err) {
    return tf(o.lang, 'editorFailed', { message: (err as Error).message });
  } finally {
    o.ui.resume();
  }
}
