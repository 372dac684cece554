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
  lang: { type: 'string' },
  lesson: { type: 'string' },
  jobs: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  print: { type: 'boolean' },
} as const;

export function parseCli(argv: string[]): Args {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    return { command, positionals: rest, flags: values as Args['flags'] };
  } catch (err) {
    throw new UserError((err as Error).message, 'ctr-learn --help');
  }
}
