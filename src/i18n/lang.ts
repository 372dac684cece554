import { UserError } from '../errors';
import type { Lang } from '../lessons/schema';

/**
 * --lang, else the saved choice, else LC_ALL / LC_MESSAGES / LANG (ko* → Korean), else English.
 * Kept free of heavy imports: `cheat` and `--help` call it on their fast path.
 */
export function pickLang(args: { flags: Record<string, string | boolean | undefined> }, saved?: Lang, env = process.env): Lang {
  const flag = args.flags.lang;
  if (typeof flag === 'string') {
    if (flag !== 'en' && flag !== 'ko') throw new UserError(`--lang ${flag}: choose en or ko.`);
    return flag;
  }
  if (saved) return saved;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export type LangSource = 'flag' | 'saved' | 'env' | 'default';

/** Where `pickLang` found the language, in the same order, so the app and `doctor` can say it. */
export function langSource(args: { flags: Record<string, string | boolean | undefined> }, saved?: Lang, env = process.env): LangSource {
  if (typeof args.flags.lang === 'string') return 'flag';
  if (saved) return 'saved';
  return env.LC_ALL || env.LC_MESSAGES || env.LANG ? 'env' : 'default';
}
