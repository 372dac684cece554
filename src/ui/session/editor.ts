import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { t } from '../../i18n/strings';
import type { Lang } from '../../lessons/schema';
import { splitArgv } from '../../proc/split-argv';

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
