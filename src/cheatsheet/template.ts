import type { Text } from './types';

/**
 * Command templates: `docker run -d -p <hostPort:port>:<containerPort:port> <image:image>`.
 * A placeholder is `<name:type>`. Angle brackets (not `{{ }}`, which docker --format and kubectl
 * templates use) make it read like usage text in man pages.
 */
export interface PlaceholderType {
  /** A concrete value must match this (one word), unless the type takes several words. */
  pattern: RegExp;
  /** Takes the rest of the command: one or more words (a command and its arguments). */
  words?: boolean;
  /** What to type there, for the UI. */
  hint: Text;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const TYPES = {
  image: { pattern: /^[a-z0-9][a-z0-9._/:@-]*$/, hint: { en: 'an image: repository[:tag]', ko: '이미지: 리포지터리[:태그]' } },
  container: { pattern: NAME, hint: { en: 'a container name or ID', ko: '컨테이너 이름 또는 ID' } },
  network: { pattern: NAME, hint: { en: 'a network name', ko: '네트워크 이름' } },
  volume: { pattern: NAME, hint: { en: 'a volume name', ko: '볼륨 이름' } },
  port: { pattern: /^\d{1,5}$/, hint: { en: 'a port number', ko: '포트 번호' } },
  path: { pattern: /^\S+$/, hint: { en: 'a file or folder path', ko: '파일 또는 폴더 경로' } },
  signal: { pattern: /^((SIG)?[A-Z][A-Z0-9]*|\d+)$/, hint: { en: 'a signal, e.g. SIGTERM', ko: '시그널 (예: SIGTERM)' } },
  seconds: { pattern: /^\d+$/, hint: { en: 'a number of seconds', ko: '초 단위 숫자' } },
  number: { pattern: /^\d+$/, hint: { en: 'a number', ko: '숫자' } },
  duration: { pattern: /^\d+(ms|s|m|h)$/, hint: { en: 'a duration, e.g. 5s', ko: '시간 (예: 5s)' } },
  registry: { pattern: /^[a-z0-9.-]+(:\d+)?$/, hint: { en: 'a registry host[:port]', ko: '레지스트리 호스트[:포트]' } },
  digest: { pattern: /^sha256:[0-9a-f]{64}$/, hint: { en: 'an image digest sha256:…', ko: '이미지 다이제스트 sha256:…' } },
  env: { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, hint: { en: 'an environment variable name', ko: '환경 변수 이름' } },
  filter: { pattern: /^[a-z.-]+=\S+$/, hint: { en: 'a filter key=value', ko: '필터 key=value' } },
  restart: { pattern: /^(no|always|unless-stopped|on-failure(:\d+)?)$/, hint: { en: 'a restart policy', ko: '재시작 정책' } },
  text: { pattern: /^[\s\S]+$/, hint: { en: 'text', ko: '텍스트' } },
  command: { pattern: /^[\s\S]+$/, words: true, hint: { en: 'a command and its arguments', ko: '명령어와 인자' } },
  resource: { pattern: /^[a-z]+(\/[a-z0-9.-]+)?$/, hint: { en: 'a Kubernetes resource kind[/name]', ko: '쿠버네티스 리소스 종류[/이름]' } },
  pod: { pattern: NAME, hint: { en: 'a pod name', ko: '파드 이름' } },
} satisfies Record<string, PlaceholderType>;
export type PlaceholderTypeName = keyof typeof TYPES;
export const PLACEHOLDER_TYPES: Record<PlaceholderTypeName, PlaceholderType> = TYPES;

export interface Placeholder {
  name: string;
  type: PlaceholderTypeName;
}

/** One word of a template: literal text and placeholders. */
export type Part = string | Placeholder;
export type TemplateWord = Part[];

/** `<name:type>` in a template (global: use with matchAll/replace). */
export const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9]*):([a-z]+)>/g;

export class TemplateError extends Error {}

/** Split a template into words (quotes group and are removed) and each word into parts. */
export function parseTemplate(template: string): TemplateWord[] {
  return splitWords(template).map(parseWord);
}

function parseWord(word: string): TemplateWord {
  const parts: Part[] = [];
  let last = 0;
  for (const m of word.matchAll(PLACEHOLDER)) {
    const type = m[2] as PlaceholderTypeName;
    if (!(type in PLACEHOLDER_TYPES)) {
      throw new TemplateError(`unknown placeholder type "${m[2]}" in ${m[0]} (known: ${Object.keys(PLACEHOLDER_TYPES).join(', ')})`);
    }
    if (m.index > last) parts.push(word.slice(last, m.index));
    parts.push({ name: m[1], type });
    last = m.index + m[0].length;
  }
  if (last < word.length) parts.push(word.slice(last));
  for (const p of parts) {
    if (typeof p === 'string' && /[<>]/.test(p)) {
      throw new TemplateError(`"${word}" has a stray < or >: write placeholders as <name:type>, e.g. <port:port>`);
    }
  }
  const multi = parts.find((p) => typeof p !== 'string' && PLACEHOLDER_TYPES[p.type].words);
  if (multi && parts.length > 1) throw new TemplateError(`<${(multi as Placeholder).name}:command> must be a word of its own`);
  return parts;
}

/** Whitespace-separated words; '…' and "…" group words and are removed. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new TemplateError(`unclosed ${c} in: ${line}`);
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

export function placeholders(template: TemplateWord[]): Placeholder[] {
  return template.flat().filter((p): p is Placeholder => typeof p !== 'string');
}

export interface InstanceMatch {
  /** Placeholder name → the words it matched (joined with spaces for a `command`). */
  values: Record<string, string>;
  /** Words of the instance that the template does not have, in order. */
  extra: string[];
  /** Placeholders whose value does not fit their type. */
  misfits: { placeholder: Placeholder; value: string }[];
}

/**
 * Is `argv` an instance of the template: every template word, in order, with placeholders filled
 * by fitting values? Extra words are allowed (and listed) so that an example can add a flag the
 * learner's form leaves out. Returns null when no alignment exists even ignoring types.
 * `accepts(word)` marks words that stand for a value only known at run time (they fit any type).
 */
export function matchInstance(template: TemplateWord[], argv: string[], accepts: (word: string) => boolean = () => false): InstanceMatch | null {
  const typed = align(template, argv, (p, v) => accepts(v) || PLACEHOLDER_TYPES[p.type].pattern.test(v), accepts);
  if (typed) return { ...typed, misfits: [] };
  const loose = align(template, argv, () => true, accepts);
  if (!loose) return null;
  const misfits: InstanceMatch['misfits'] = [];
  for (const p of placeholders(template)) {
    const v = loose.values[p.name];
    if (v !== undefined && !accepts(v) && !PLACEHOLDER_TYPES[p.type].pattern.test(v)) misfits.push({ placeholder: p, value: v });
  }
  return { ...loose, misfits };
}

type Fits = (p: Placeholder, value: string) => boolean;

/** Fewest-extra-words alignment of template words onto argv (small inputs: plain memoised search). */
function align(template: TemplateWord[], argv: string[], fits: Fits, wildcard: (word: string) => boolean): Omit<InstanceMatch, 'misfits'> | null {
  const m = template.length;
  const n = argv.length;
  type Best = { cost: number; next: [number, number] | null; values: Record<string, string>; extra: string | null };
  const memo = new Map<number, Best | null>();
  const solve = (ti: number, ri: number): Best | null => {
    const key = ti * (n + 1) + ri;
    if (memo.has(key)) return memo.get(key)!;
    let best: Best | null = null;
    const consider = (b: Best) => {
      if (!best || b.cost < best.cost) best = b;
    };
    if (ti === m) {
      best = { cost: n - ri, next: null, values: {}, extra: null };
    } else if (ri < n) {
      // Skipping comes first so that, among equally good alignments, a placeholder takes the
      // later word: extra flags and their values come before the positional arguments.
      const skip = solve(ti, ri + 1);
      if (skip) consider({ cost: skip.cost + 1, next: [ti, ri + 1], values: {}, extra: argv[ri] });
      const word = template[ti];
      const only = word.length === 1 && typeof word[0] !== 'string' ? word[0] : null;
      if (only && PLACEHOLDER_TYPES[only.type].words) {
        for (let k = n - ri; k >= 1; k--) {
          const value = argv.slice(ri, ri + k).map(quoteWord).join(' ');
          if (!fits(only, value)) continue;
          const rest = solve(ti + 1, ri + k);
          if (rest) consider({ cost: rest.cost, next: [ti + 1, ri + k], values: { [only.name]: value }, extra: null });
        }
      } else {
        // A word known only at run time stands for a whole templated word (e.g. repo@digest).
        const templated = word.some((p) => typeof p !== 'string');
        const values = matchWord(word, argv[ri], fits) ?? (templated && wildcard(argv[ri]) ? wildcardValues(word, argv[ri]) : null);
        if (values) {
          const rest = solve(ti + 1, ri + 1);
          if (rest) consider({ cost: rest.cost, next: [ti + 1, ri + 1], values, extra: null });
        }
      }
    }
    memo.set(key, best);
    return best;
  };
  if (!solve(0, 0)) return null;
  const values: Record<string, string> = {};
  const extra: string[] = [];
  let at: [number, number] | null = [0, 0];
  while (at) {
    if (at[0] === m) {
      extra.push(...argv.slice(at[1]));
      break;
    }
    const b: Best = memo.get(at[0] * (n + 1) + at[1])!;
    Object.assign(values, b.values);
    if (b.extra !== null) extra.push(b.extra);
    at = b.next;
  }
  return { values, extra };
}

function wildcardValues(word: TemplateWord, value: string): Record<string, string> {
  return Object.fromEntries(word.filter((p): p is Placeholder => typeof p !== 'string').map((p) => [p.name, value]));
}

function matchWord(word: TemplateWord, value: string, fits: Fits): Record<string, string> | null {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp('^' + word.map((p) => (typeof p === 'string' ? esc(p) : '(.+?)')).join('') + '$');
  const m = value.match(re);
  if (!m) return null;
  const values: Record<string, string> = {};
  let g = 1;
  for (const p of word) {
    if (typeof p === 'string') continue;
    const v = m[g++];
    if (!fits(p, v)) return null;
    values[p.name] = v;
  }
  return values;
}

/** The template with the given placeholders filled in (others stay `<name:type>`), as one line. */
export function fillTemplate(command: string, values: Record<string, string>): string {
  return command.replace(PLACEHOLDER, (whole, name: string, type: string) => {
    const v = values[name];
    if (v === undefined) return whole;
    // A `command` value is already several quoted words.
    return PLACEHOLDER_TYPES[type as PlaceholderTypeName]?.words ? v : quoteWord(v);
  });
}

/** Quote a word for display the way a shell would need it. */
export function quoteWord(word: string): string {
  if (word !== '' && !/[\s'"\\$`|&;<>()*?#~{}[\]!]/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `<name:type>` → `<name>`: how a learner reads a template. */
export function showTemplate(command: string): string {
  return command.replace(PLACEHOLDER, '<$1>');
}
