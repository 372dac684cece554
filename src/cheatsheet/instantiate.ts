import type { CheatEntry, RunnableExample } from './types';
import { isRunnable } from './types';

/**
 * Example tokens. In an example's commands and files:
 *   @@web       a name: `<run prefix>-web` in CI (unique per test run and entry), `web` for a learner
 *   @@PORT, @@PORT2…, @@REGPORT   a free host port in CI; 8080, 8081…, 5000 for a learner
 *   @@DIGEST    any other upper-case word: the output of a setup step with `capture: DIGEST`
 */
const TOKEN = /@@([a-z][a-z0-9-]*|[A-Z][A-Z0-9_]*)/g;
const PORT_VAR = /^(REG)?PORT\d*$/;

export interface RunContext {
  /** e.g. `cht-k3x9ab-rmi`; every name the example creates starts with it. */
  prefix: string;
  /** Port variable → host port, for every port variable the example uses. */
  ports: Record<string, number>;
  /** Captured setup output by variable name. */
  captures: Record<string, string>;
}

export function isPortVar(name: string): boolean {
  return PORT_VAR.test(name);
}

/** The token names used in a text: names (lower case) and variables (upper case). */
export function tokensIn(text: string): { names: string[]; vars: string[] } {
  const names = new Set<string>();
  const vars = new Set<string>();
  for (const m of text.matchAll(TOKEN)) (/^[a-z]/.test(m[1]) ? names : vars).add(m[1]);
  return { names: [...names], vars: [...vars] };
}

/** Replace tokens with the values of one CI run. */
export function expandTokens(text: string, ctx: RunContext): string {
  return text.replace(TOKEN, (_whole, name: string) => {
    if (/^[a-z]/.test(name)) return `${ctx.prefix}-${name}`;
    if (isPortVar(name)) {
      const port = ctx.ports[name];
      if (port === undefined) throw new Error(`no port allocated for @@${name}`);
      return String(port);
    }
    const value = ctx.captures[name];
    if (value === undefined) throw new Error(`@@${name} is used before a setup step captures it`);
    return value;
  });
}

/** What a port variable shows as for a learner. */
export function displayPort(name: string): number {
  if (name === 'REGPORT') return 5000;
  const n = Number(name.slice('PORT'.length) || '1');
  return 8079 + n;
}

/**
 * Replace tokens with what a learner would type: `@@web` → `web`, `@@PORT` → 8080. A captured
 * value (known only at run time) becomes `captured(name)`, by default `<digest>` for @@DIGEST.
 */
export function displayTokens(text: string, captured: (name: string) => string = (n) => `<${n.toLowerCase()}>`): string {
  return text.replace(TOKEN, (_whole, name: string) => {
    if (/^[a-z]/.test(name)) return name;
    if (isPortVar(name)) return String(displayPort(name));
    return captured(name);
  });
}

/** Marks a captured value in linted text, so that it fits any placeholder type. */
export const RUNTIME_VALUE = '\u0001';
export function lintTokens(text: string): string {
  return displayTokens(text, (n) => `${RUNTIME_VALUE}${n}${RUNTIME_VALUE}`);
}

export type EntryKind = 'docker' | 'kubectl' | 'dockerfile';

export function entryKind(command: string): EntryKind {
  const first = command.trimStart().split(/\s/, 1)[0];
  if (first === 'kubectl') return 'kubectl';
  if (/^[A-Z]+$/.test(first)) return 'dockerfile';
  return 'docker';
}

/** The Dockerfile an example builds (a file named Dockerfile, or *.Dockerfile / Dockerfile.*). */
export function dockerfileOf(example: RunnableExample): { path: string; text: string } | null {
  const path = Object.keys(example.files).find((p) => /(^|\/)(Dockerfile(\.[\w-]+)?|[\w-]+\.Dockerfile)$/.test(p));
  return path ? { path, text: example.files[path] } : null;
}

/**
 * The example as a learner would type it: the `run` command, or for a Dockerfile instruction the
 * Dockerfile line that uses it. Null when the entry has no runnable example.
 */
export function exampleLine(entry: CheatEntry): string | null {
  if (!isRunnable(entry.example)) return null;
  if (entryKind(entry.command) === 'dockerfile') {
    const file = dockerfileOf(entry.example);
    const keyword = entry.command.trimStart().split(/\s/, 1)[0];
    const line = file?.text.split('\n').find((l) => l.trimStart().startsWith(keyword + ' '));
    return line ? displayTokens(line.trim()) : null;
  }
  const shown = new Map<string, string>();
  for (const s of entry.example.setup) if (typeof s !== 'string' && 'capture' in s && s.shows) shown.set(s.capture, displayTokens(s.shows));
  return displayTokens(entry.example.run, (name) => shown.get(name) ?? `<${name.toLowerCase()}>`);
}
