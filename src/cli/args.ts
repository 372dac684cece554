import { parseArgs } from 'node:util';
import { UserError } from '../errors';

export interface Args {
  command: string | undefined;
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

/** Flags every command understands; a command reads only the ones it needs. */
const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  step: { type: 'string' },
  offline: { type: 'boolean' },
  all: { type: 'boolean' },
  everyone: { type: 'boolean' },
  lang: { type: 'string' },
  lesson: { type: 'string' },
  jobs: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  print: { type: 'boolean' },
  'screen-reader': { type: 'boolean' },
  // Study groups (course, week, report, scoreboard, session).
  course: { type: 'string' },
  week: { type: 'string' },
  md: { type: 'boolean' },
  out: { type: 'string' },
  'key-file': { type: 'string' },
  lessons: { type: 'string' },
  minutes: { type: 'string' },
} as const;

/** Flags `cheat` reads; every other word after `cheat` is a search word, even `-f` or `-v`. */
const CHEAT_FLAGS = new Set(['--json', '--all', '--help', '-h']);

export function parseCli(argv: string[]): Args {
  if (argv[0] === 'cheat') return parseCheat(argv.slice(1));
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    return { command, positionals: rest, flags: values as Args['flags'] };
  } catch (err) {
    throw new UserError((err as Error).message, 'ctr-learn --help');
  }
}

function parseCheat(rest: string[]): Args {
  const flags: Args['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') positionals.push(...rest.splice(i + 1));
    else if (CHEAT_FLAGS.has(a)) flags[a === '-h' ? 'help' : a.slice(2)] = true;
    else if (a === '--lang') flags.lang = rest[++i];
    else if (a.startsWith('--lang=')) flags.lang = a.slice(7);
    else positionals.push(a);
  }
  return { command: 'cheat', positionals, flags };
}
