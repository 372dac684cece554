import { UserError } from '../errors';
import { splitArgv } from '../proc/split-argv';
import { dockerfileOf, entryKind, lintTokens, RUNTIME_VALUE, tokensIn, isPortVar } from './instantiate';
import { parseSheetFile, sheetFiles, toSheet, type ParsedFile } from './load';
import type { CheatProblem, CheatRuleCode } from './problems';
import { matchInstance, parseTemplate, splitWords, TemplateError, type InstanceMatch, type TemplateWord } from './template';
import { isRunnable, type CheatSheet, type ExampleStep, type RunnableExample, type Text } from './types';

export interface LintOptions {
  /** Shipped with ctr-learn (every entry needs a runnable example) or the learner's own file. */
  shipped: boolean;
  /** Lesson ids that exist; when given, entries may link only these. */
  knownLessons?: ReadonlySet<string>;
}

/** Parse and lint a cheat sheet folder: the sheet (null if any file failed to parse) and every problem. */
export function checkCheatsheet(dir: string, opts: LintOptions & { root?: string; lessonTitles?: Record<string, Text> }): { sheet: CheatSheet | null; problems: CheatProblem[] } {
  const parsed: ParsedFile[] = [];
  const problems: CheatProblem[] = [];
  for (const path of sheetFiles(dir)) {
    const r = parseSheetFile(path, opts.root);
    problems.push(...r.problems);
    if (r.parsed) parsed.push(r.parsed);
  }
  problems.push(...lintParsed(parsed, opts));
  const failedToParse = problems.some((p) => p.code === 'CHT000' || p.code === 'CHT001' || p.code === 'CHT002');
  return { sheet: failedToParse ? null : toSheet(parsed, { personal: !opts.shipped, lessonTitles: opts.lessonTitles }), problems };
}

export function lintParsed(files: ParsedFile[], opts: LintOptions): CheatProblem[] {
  const problems: CheatProblem[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const report = (path: (string | number)[], code: CheatRuleCode, message: string) => problems.push({ file: f.file, line: f.lineOf(path), code, message });
    const d = f.data;
    if (opts.shipped) {
      if (d.section === undefined || d.title === undefined || d.order === undefined) {
        report([], 'CHT016', 'a shipped file needs section, title (en and ko) and order');
      } else if (d.section !== f.stem) {
        report(['section'], 'CHT011', `section is "${d.section}" but the file is ${f.stem}.yaml: name the file after the section`);
      }
    }
    d.entries.forEach((entry, i) => {
      const at = (...p: (string | number)[]) => ['entries', i, ...p];
      const where = seen.get(entry.id);
      if (where) report(at('id'), 'CHT003', `entry id "${entry.id}" is already used (${where})`);
      else seen.set(entry.id, `${f.file}:${f.lineOf(at('id'))}`);

      let template: TemplateWord[] | null = null;
      try {
        template = parseTemplate(entry.command);
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        report(at('command'), 'CHT004', err.message);
      }
      entry.lessons.forEach((lesson, j) => {
        if (opts.knownLessons && !opts.knownLessons.has(lesson)) {
          report(at('lessons', j), 'CHT010', `no lesson "${lesson}" (lessons: ${[...opts.knownLessons].sort().join(', ') || 'none'})`);
        }
      });
      if (!entry.example) {
        if (opts.shipped) report(at('command'), 'CHT005', 'add an example (setup, run, cleanup) that CI runs on the engine, or `skip: why` if it cannot run here');
        return;
      }
      if (!isRunnable(entry.example)) return;
      lintExample(entry.example, entryKind(entry.command), template, (p, code, message) => report(at('example', ...p), code, message), isCompose(entry.command));
    });
  }
  return problems;
}

type Report = (path: (string | number)[], code: CheatRuleCode, message: string) => void;
const VARS = { PWD: '/tmp/example', HOME: '/root' };

/** A Compose v1 entry (`docker-compose …`): its steps may be docker-compose commands too. */
const isCompose = (command: string) => /^\s*docker-compose\s/.test(command);

function lintExample(ex: RunnableExample, kind: ReturnType<typeof entryKind>, template: TemplateWord[] | null, report: Report, compose = false) {
  const dockerTools = compose ? ['docker-compose', 'docker'] : ['docker'];
  for (const path of Object.keys(ex.files)) {
    if (path.startsWith('/') || path.split('/').includes('..')) report(['files', path], 'CHT015', `"${path}" must be a relative path inside the example folder`);
  }

  // Walk the steps in the order they run, so a variable used before its capture is caught.
  const defined = new Set<string>();
  const useVars = (text: string, path: (string | number)[]) => {
    for (const v of tokensIn(text).vars) {
      if (!isPortVar(v) && !defined.has(v)) report(path, 'CHT014', `@@${v} is used but no earlier setup step has capture: ${v}`);
    }
  };
  const command = (line: string, path: (string | number)[], tools: string[]): string[] | null => {
    useVars(line, path);
    let argv: string[];
    try {
      argv = splitArgv(line, VARS);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      report(path, 'CHT009', `${err.message} Write one command per step.`);
      return null;
    }
    if (!tools.includes(argv[0])) {
      report(path, 'CHT009', `"${argv[0]}" is not ${tools.join(' or ')}: every step is one ${tools.join('/')} command`);
      return null;
    }
    checkObjects(argv, path, report);
    return argv;
  };
  const steps = (list: ExampleStep[], key: 'setup' | 'cleanup') =>
    list.forEach((s, j) => {
      if (typeof s === 'string') command(s, [key, j], dockerTools);
      else if ('run' in s) {
        command(s.run, [key, j, 'run'], dockerTools);
        defined.add(s.capture);
      } else useVars(s.wait, [key, j, 'wait']);
    });

  for (const text of Object.values(ex.files)) useVars(text, ['files']);
  steps(ex.setup, 'setup');
  const argv = command(ex.run, ['run'], kind === 'kubectl' ? ['kubectl'] : dockerTools);
  steps(ex.cleanup, 'cleanup');
  if (!argv || !template) return;

  if (kind === 'dockerfile') {
    const file = dockerfileOf(ex);
    const keyword = String(template[0][0]);
    const lines = (file?.text ?? '').split('\n').filter((l) => l.trimStart().startsWith(keyword + ' '));
    const matches = lines.map((l) => {
      try {
        return matchInstance(template, splitWords(lintTokens(l.trim())), isRuntimeValue);
      } catch (err) {
        if (err instanceof TemplateError) return null; // an unclosed quote: not an instance
        throw err;
      }
    });
    const best = matches.find((m) => m && !m.misfits.length && !m.extra.length) ?? matches.find((m) => m && !m.misfits.length) ?? matches.find((m) => m);
    if (!best) {
      report(['files'], 'CHT006', file ? `no line of ${file.path} is an instance of "${templateText(template)}"` : 'a Dockerfile entry needs files: { Dockerfile: … } using the instruction');
      return;
    }
    judge(best, ex, report, ['files']);
    return;
  }
  const m = matchInstance(template, argv.map(lintTokens), isRuntimeValue);
  if (!m) {
    report(['run'], 'CHT006', `"${ex.run}" does not have every word of the command in order`);
    return;
  }
  judge(m, ex, report, ['run']);
}

const isRuntimeValue = (word: string) => word.includes(RUNTIME_VALUE);
const templateText = (t: TemplateWord[]) => t.map((w) => w.map((p) => (typeof p === 'string' ? p : `<${p.name}:${p.type}>`)).join('')).join(' ');

function judge(m: InstanceMatch, ex: RunnableExample, report: Report, path: (string | number)[]) {
  for (const { placeholder, value } of m.misfits) {
    report(path, 'CHT007', `"${value}" is not ${placeholder.type === 'image' ? 'an' : 'a'} ${placeholder.type} for <${placeholder.name}:${placeholder.type}>`);
  }
  if (m.extra.length && !ex.why) report(path, 'CHT008', `adds ${m.extra.map((w) => JSON.stringify(w)).join(' ')}: say why in \`why:\`, or add them to the command`);
}

/** Commands that remove or stop objects, with their flags that take a value. */
const REMOVES: Record<string, string[]> = {
  rm: [],
  rmi: [],
  stop: ['-t', '--time', '-s', '--signal'],
  kill: ['-s', '--signal'],
  pause: [],
  unpause: [],
  restart: ['-t', '--time', '-s', '--signal'],
};
const OBJECT_GROUPS = new Set(['container', 'image', 'network', 'volume']);

/** CHT012 and CHT013: what an example creates has an @@ name, and it removes only such names. */
function checkObjects(argv: string[], path: (string | number)[], report: Report) {
  if (argv[0] !== 'docker') return;
  let words = argv.slice(1);
  const group = OBJECT_GROUPS.has(words[0]) ? words[0] : '';
  if (group) words = words.slice(1);
  const [sub, ...rest] = words;
  const ours = (w: string) => w.includes('@@');
  const created = (what: string, name: string | undefined) => {
    if (name !== undefined && !ours(name)) report(path, 'CHT012', `${what} "${name}" has no @@ name: write @@${name.replace(/[^a-z0-9-].*$/, '') || 'name'} so parallel runs never collide`);
  };
  const flagValues = (...flags: string[]) => {
    const out: string[] = [];
    rest.forEach((w, i) => {
      for (const f of flags) {
        if (w === f && i + 1 < rest.length) out.push(rest[i + 1]);
        else if (w.startsWith(f + '=')) out.push(w.slice(f.length + 1));
      }
    });
    return out;
  };
  const positionals = (valueFlags: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      if (!rest[i].startsWith('-')) out.push(rest[i]);
      else if (valueFlags.includes(rest[i])) i++;
    }
    return out;
  };
  const is = (...groups: string[]) => groups.includes(group);

  if (sub === 'prune') {
    if (!flagValues('--filter').some(ours)) report(path, 'CHT013', 'prune removes every unused object on the engine: keep it to the example\'s own with --filter label=…=@@name');
    return;
  }
  if (is('network', 'volume') && sub === 'create') created(group, positionals(['-d', '--driver', '--label', '--subnet', '-o', '--opt'])[0]);
  if (is('', 'container') && (sub === 'run' || sub === 'create')) {
    const [name] = flagValues('--name');
    if (name !== undefined) created('container', name);
    else if (!rest.includes('--rm')) report(path, 'CHT012', 'a container without --name @@… (or --rm) cannot be cleaned up by name');
    for (const v of flagValues('-v', '--volume')) {
      if (!v.startsWith('/') && v.includes(':')) created('volume', v.split(':')[0]);
    }
  }
  if (is('', 'image') && sub === 'build') created('image', flagValues('-t', '--tag')[0] ?? '(untagged)');
  if (is('', 'image') && sub === 'tag') created('image', positionals([])[1]);
  if (is('', 'container') && sub === 'commit') created('image', positionals(['-c', '--change', '-m', '--message', '-a', '--author'])[1]);
  if (is('', 'image') && sub === 'import') created('image', positionals(['-c', '--change', '-m', '--message'])[1]);
  if (is('', 'image') && sub === 'pull') created('image', positionals([])[0]);

  const valueFlags = REMOVES[sub];
  if (valueFlags) {
    for (const name of positionals(valueFlags)) {
      if (!ours(name)) report(path, 'CHT013', `"${name}" is not an object this example created (@@…): examples only ${sub} their own objects`);
    }
  }
}
