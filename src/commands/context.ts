import { EngineApi } from '../engine/api';
import { resolveEndpoint } from '../engine/endpoint';
import type { Args } from '../cli/args';
import type { Lang } from '../lessons/schema';
import { UserError } from '../errors';

/** The engine the way the docker CLI finds it. */
export function connect(): EngineApi {
  return new EngineApi(resolveEndpoint());
}

/** --lang, else the saved choice, else LC_ALL / LC_MESSAGES / LANG (ko* → Korean), else English. */
export function pickLang(args: Pick<Args, 'flags'>, saved?: Lang, env = process.env): Lang {
  const flag = args.flags.lang;
  if (typeof flag === 'string') {
    if (flag !== 'en' && flag !== 'ko') throw new UserError(`--lang ${flag}: choose en or ko.`);
    return flag;
  }
  if (saved) return saved;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
