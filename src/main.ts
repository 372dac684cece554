import { parseCli } from './cli/args';
import { quietOnClosedOutput } from './cli/output';
import { CtrError, describeError, exitCodeFor } from './errors';
import type { Lang } from './lessons/schema';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Every subcommand: its module is loaded only when used, so `--version` costs no imports. */
export const COMMANDS: Record<string, { summary: string; usage: string; load: () => Promise<{ run: (a: ReturnType<typeof parseCli>) => Promise<number> }> }> = {
  lessons: { summary: 'list lessons with progress', usage: 'lessons [--json]', load: () => import('./commands/lessons') },
  check: { summary: 'grade a lesson step on the engine (exit 0 passed, 1 not yet, 2 could not check)', usage: 'check <lesson> [--step N] [--json]', load: () => import('./commands/check') },
  answer: { summary: "answer a lesson's concept question (without a letter: show it), then check the step", usage: 'answer <lesson> [letter] [--step N] [--json]', load: () => import('./commands/answer') },
  verify: { summary: 'prove lessons: blank fails, reference passes, near-misses fail', usage: 'verify [lesson...] [--json] [--jobs N]', load: () => import('./commands/verify') },
  doctor: { summary: 'find the Docker engine and report what is missing (exit 2: no engine answers, and why)', usage: 'doctor [--json]', load: () => import('./commands/doctor') },
  prepare: { summary: 'make the images lessons need (--offline: build them from local binaries)', usage: 'prepare [image...] [--offline] [--json]', load: () => import('./commands/prepare') },
  shell: { summary: 'open your shell inside the sandbox (or --print the DOCKER_HOST to export)', usage: 'shell [lesson] [--print]', load: () => import('./commands/shell') },
  reset: { summary: "remove lessons' objects from your sandbox sessions", usage: 'reset <lesson...>', load: () => import('./commands/reset') },
  clean: { summary: 'remove leftovers of your ended sessions (--all: all your sessions; --everyone: every learner\'s, asks first)', usage: 'clean [--all|--everyone [--yes]] [--json]', load: () => import('./commands/clean') },
  lint: { summary: 'check lesson files (file:line CODE message)', usage: 'lint [dir...] [--json]', load: () => import('./commands/lint') },
  course: { summary: 'show the course in use, or keep a group\'s own course file', usage: 'course [use FILE|default] [--course FILE]', load: () => import('./commands/course') },
  week: { summary: "a course week's lessons, what is due, and what to do next", usage: 'week [n] [--course FILE] [--json]', load: () => import('./commands/week') },
  report: { summary: 'your report for the group chat, signed with the group key', usage: 'report [--week n] [--md|--json] [--out FILE]', load: () => import('./commands/report') },
  scoreboard: { summary: 'who passed what, what was hard; flags reports whose signature does not match', usage: 'scoreboard <report files...> [--md|--json]', load: () => import('./commands/scoreboard') },
  group: { summary: 'set the group key reports are signed with, and your name on them', usage: 'group [key set SECRET|--key-file F] [name set NAME]', load: () => import('./commands/group') },
  progress: { summary: 'move your progress between computers (import merges, never loses a pass)', usage: 'progress export|import FILE', load: () => import('./commands/progress') },
  session: { summary: 'a group meeting: start records it, end writes your report for it', usage: 'session start [--week n|--lessons a,b] [--minutes m] | end', load: () => import('./commands/session') },
  cheat: { summary: 'search the docker command cheat sheet', usage: 'cheat [words...] [--json]', load: () => import('./commands/cheat') },
};

/** Words of `text` on lines of at most `width` columns, each starting with `indent`. */
function wrapWords(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) (lines.push(indent + line), (line = word));
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** Each command's usage on a line of its own, what it does under it: long usages never run into the text. */
export function help(width = Math.min(process.stdout.columns || 80, 100)): string {
  const lines = [
    ...wrapWords(`ctr-learn ${VERSION}: learn containers from your terminal, graded on a real Docker engine.`, width, ''),
    '',
    'Usage:',
    '  ctr-learn',
    ...wrapWords('open the interactive app', width, '      '),
    ...Object.values(COMMANDS).flatMap((c) => [`  ctr-learn ${c.usage}`, ...wrapWords(c.summary, width, '      ')]),
    '',
    'Options:',
    ...[
      ['--lang en|ko', 'the language (else the saved choice, else LANG)'],
      ['--json', 'machine-readable output'],
      ['--screen-reader', 'the app as plain text, appended as it happens'],
      ['--help, --version', ''],
    ].flatMap(([flag, what]) => (what ? [`  ${flag}`, ...wrapWords(what, width, '      ')] : [`  ${flag}`])),
  ];
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCli(argv);
  if (args.flags.version) {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  if (args.flags.help || args.command === 'help') {
    process.stdout.write(help() + '\n');
    return 0;
  }
  if (!args.command) {
    const { runApp } = await import('./ui/run-app');
    return runApp(args);
  }
  const cmd = COMMANDS[args.command];
  if (!cmd) {
    process.stderr.write(`Unknown command "${args.command}".\n\n${help()}\n`);
    return 1;
  }
  const mod = await cmd.load();
  return mod.run(args);
}

export async function cli(argv: string[]): Promise<void> {
  quietOnClosedOutput();
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    process.stderr.write(describeError(err, err instanceof CtrError && err.texts ? await errorLang(argv) : 'en') + '\n');
    process.exitCode = exitCodeFor(err);
  }
}

/** The language the app would speak (--lang, the saved choice, the locale), for an error that has texts in each. */
async function errorLang(argv: string[]): Promise<Lang> {
  try {
    const { pickLang } = await import('./i18n/lang');
    const { peekProgress } = await import('./progress/peek');
    return pickLang(parseCli(argv), peekProgress().data.lang);
  } catch {
    return 'en';
  }
}
