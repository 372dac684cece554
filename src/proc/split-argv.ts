import { UserError } from '../errors';

/**
 * Split a command line the way a POSIX shell splits words, without running a shell:
 * single quotes, double quotes, backslash escapes. Shell operators (pipes, redirects, `;`, `&&`,
 * command substitution other than $(pwd)) are refused with a message, since nothing is ever
 * passed to a shell. `$PWD`, `${PWD}`, `$(pwd)` and a leading `~` expand to `vars.PWD` / `vars.HOME`,
 * because `-v "$(pwd)/html:/www"` is how every tutorial writes a bind mount.
 */
export function splitArgv(line: string, vars: { PWD: string; HOME: string }): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const n = line.length;
  const operator = (op: string) =>
    new UserError(
      `"${op}" is shell syntax, and ctr-learn runs your command without a shell.`,
      'run one docker command at a time, or use your own terminal in the sandbox: ctr-learn shell',
    );
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    if (c === '~' && !inWord && (i + 1 === n || line[i + 1] === '/' || line[i + 1] === ' ')) {
      cur += vars.HOME;
      inWord = true;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UserError('Unclosed single quote in your command.', "close the quote: 'like this'");
      cur += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < n && '"\\$`'.includes(line[i + 1])) {
          cur += line[i + 1];
          i += 2;
          continue;
        }
        if (d === '$') {
          const v = expandDollar(line, i, vars, operator);
          if (v) {
            cur += v.value;
            i = v.end;
            continue;
          }
        }
        if (d === '`') throw operator('`...`');
        cur += d;
        i++;
      }
      if (!closed) throw new UserError('Unclosed double quote in your command.', 'close the quote: "like this"');
      continue;
    }
    if (c === '\\') {
      if (i + 1 < n) cur += line[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      const v = expandDollar(line, i, vars, operator);
      if (v) {
        cur += v.value;
        i = v.end;
        continue;
      }
    }
    if (c === '`') throw operator('`...`');
    if (c === '|' || c === '>' || c === '<' || c === ';' || c === '&') {
      const op = line.slice(i, i + 2).match(/^(\|\||&&|>>|[|><;&])/)![0];
      throw operator(op);
    }
    cur += c;
    i++;
  }
  if (inWord) words.push(cur);
  return words;
}

function unknownVariable(rest: string): UserError {
  return new UserError(
    `Shell variables like ${rest.split(/[\s/:"]/)[0]} are not expanded here (only $PWD and $(pwd)).`,
    'write the value itself, or use your own terminal: ctr-learn shell',
  );
}

/**
 * The `$` at line[i], quoted or not: $PWD and its forms expand; $(...), other variables and the
 * special parameters are refused (a shell would expand them, and silently passing the text on
 * would mislead); a `$` before anything else (a space, `/`, `:`, the end) is a plain character
 * (null), as in a shell.
 */
function expandDollar(line: string, i: number, vars: { PWD: string }, operator: (op: string) => UserError): { value: string; end: number } | null {
  const v = readVar(line, i, vars);
  if (v) return v;
  if (line[i + 1] === '(') throw operator('$(...)');
  // Names, ${...}, and the shell's special parameters ($1, $?, $$, $@, $*, $#, $!, $-).
  if (/[A-Za-z_{0-9?$@*#!-]/.test(line[i + 1] ?? '')) throw unknownVariable(line.slice(i));
  return null;
}

function readVar(line: string, i: number, vars: { PWD: string }): { value: string; end: number } | null {
  for (const form of ['$(pwd)', '${PWD}', '$PWD']) {
    if (line.startsWith(form, i)) {
      const end = i + form.length;
      if (form === '$PWD' && /[A-Za-z0-9_]/.test(line[end] ?? '')) return null;
      return { value: vars.PWD, end };
    }
  }
  return null;
}
