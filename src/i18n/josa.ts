/**
 * Korean particles (josa) that fit the word before them, and the one placeholder filler every
 * catalogue uses (`fill`, `say`, `sayKube`, `sayLive`, `sayReplay`, the UI's `tf`).
 *
 * A particle has two forms and the choice follows how the word before it is SPOKEN: after a final
 * consonant (batchim) 이/을/은/과/으로/이에요/이라/이나/이어야, after a vowel 가/를/는/와/로/예요/라/나/여야;
 * 으로/로 also takes 로 after ㄹ (파일로, 80으로, 1로).
 *
 * How the last sound is found (trailing punctuation, quotes, backticks and brackets are skipped):
 * - Hangul syllable: its final consonant.
 * - Digits: the trailing number as it is read. Last digit not 0: 일 이 삼 사 오 육 칠 팔 구
 *   (1 7 8 → ㄹ, 3 6 → consonant, 2 4 5 9 → vowel). Trailing zeros: 0 alone 영, one 십, two 백,
 *   three 천, 4 to 7 만, 8 to 11 억 (all consonants), 12 or more 조 (vowel). So 80 팔십, 8080
 *   팔천팔십, 443 사백사십삼, `nginx:1.27` → 27 → 칠.
 * - Latin letters, the usual reading of a loanword: a lone letter or an all-capital word of up to 4
 *   letters is spelled out (HTTP 피, URL 엘, CMD 디, ID 디: L R → ㄹ, M N → consonant, others
 *   vowel). Otherwise by its ending: l, le → ㄹ (file 파일, kill 킬); m, n, ng, me, ne → consonant
 *   (name 네임, volume 볼륨); b, p, k, c, ck after a vowel → consonant (web 웹, app 앱, ConfigMap
 *   맵, stack 스택); t after one vowel letter, and -out → consonant (secret 시크릿, stdout 아웃);
 *   anything else → vowel (d 파드, g 로그, t after a consonant 디플로이먼트, s 서비스, x 엔진엑스,
 *   r 서버, y, e).
 * - Nothing readable (an empty value, only symbols): both forms, 이(가).
 */

/** The last sound of a spoken word: `batchim` when it ends in a consonant, `rieul` when that is ㄹ. */
export interface LastSound {
  batchim: boolean;
  rieul: boolean;
  /** false when the word gave nothing readable (empty, only symbols). */
  known: boolean;
}

const VOWEL: LastSound = { batchim: false, rieul: false, known: true };
const CONSONANT: LastSound = { batchim: true, rieul: false, known: true };
const RIEUL: LastSound = { batchim: true, rieul: true, known: true };
const UNKNOWN: LastSound = { batchim: false, rieul: false, known: false };

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL_FINAL = 8; // index of ㄹ among the 28 final consonants (0 = none)

/** 0 일 이 삼 사 오 육 칠 팔 구: the sound each last digit ends in. */
const DIGIT = [CONSONANT, RIEUL, VOWEL, CONSONANT, VOWEL, VOWEL, CONSONANT, RIEUL, RIEUL, VOWEL];

/** How an English letter is read alone: 엘 알 → ㄹ, 엠 엔 → consonant, the rest (에이, 비, 씨...) vowel. */
function letterName(c: string): LastSound {
  if (c === 'l' || c === 'r') return RIEUL;
  if (c === 'm' || c === 'n') return CONSONANT;
  return VOWEL;
}

/** Endings the rules below read wrong: 체크 (healthcheck), 타입 (subtype). */
const READ_AS: [string, LastSound][] = [
  ['check', VOWEL],
  ['type', CONSONANT],
];

const isVowelLetter = (c: string | undefined) => c !== undefined && 'aeiou'.includes(c);

function latinWord(word: string): LastSound {
  const lower = word.toLowerCase();
  if (lower.length === 1) return letterName(lower);
  // spelled out: HTTP, ID, URL, and a capital run ending a camelCase word (ClusterIP, downwardAPI)
  if ((word.length <= 4 && word === word.toUpperCase()) || /[a-z][A-Z]{2,}$/.test(word)) return letterName(lower[lower.length - 1]!);
  if (lower === 'ip') return VOWEL; // 아이피
  for (const [end, sound] of READ_AS) if (lower.endsWith(end)) return sound;
  const last = lower[lower.length - 1]!;
  const before = lower[lower.length - 2];
  const third = lower[lower.length - 3];
  if (last === 'l' || lower.endsWith('le')) return RIEUL;
  if (last === 'm' || last === 'n' || lower.endsWith('ng') || (lower.length > 2 && /[mn]e$/.test(lower))) return CONSONANT;
  if ('bpkc'.includes(last)) return isVowelLetter(before) || before === last || lower.endsWith('ck') ? CONSONANT : VOWEL;
  if (last === 't') return lower.endsWith('out') || (isVowelLetter(before) && !isVowelLetter(third)) ? CONSONANT : VOWEL;
  return VOWEL;
}

function number(digits: string): LastSound {
  const last = digits[digits.length - 1]!;
  if (last !== '0') return DIGIT[Number(last)]!;
  if (/^0+$/.test(digits)) return CONSONANT; // 영
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  return zeros >= 12 ? VOWEL : CONSONANT; // 십 백 천 만 억 ... 조
}

/** Whether the spoken `word` ends in a consonant, and whether that consonant is ㄹ. */
export function hasBatchim(word: string): LastSound {
  const s = word.replace(/[^\p{L}\p{N}]+$/u, '');
  if (s === '') return UNKNOWN;
  const ch = s[s.length - 1]!;
  const code = ch.charCodeAt(0);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const final = (code - HANGUL_FIRST) % 28;
    return final === 0 ? VOWEL : final === RIEUL_FINAL ? RIEUL : CONSONANT;
  }
  if (/[0-9]/.test(ch)) return number(/[0-9]+$/.exec(s)![0]);
  if (/[A-Za-z]/.test(ch)) return latinWord(/[A-Za-z]+$/.exec(s)![0]);
  return UNKNOWN;
}

/** The particles, [after a consonant, after a vowel]. 으로/로 is special-cased for ㄹ. */
const PAIRS: [string, string][] = [
  ['은', '는'],
  ['이', '가'],
  ['을', '를'],
  ['과', '와'],
  ['으로', '로'],
  ['이에요', '예요'],
  ['이라', '라'],
  ['이나', '나'],
  ['이어야', '여야'],
];

/** Both forms at once, when the word gives nothing to go by. */
const BOTH: Record<string, string> = { 은: '은(는)', 이: '이(가)', 을: '을(를)', 과: '과(와)', 으로: '(으)로', 이에요: '(이)에요', 이라: '(이)라', 이나: '(이)나', 이어야: '(이)어야' };

const PAIR_OF = new Map<string, [string, string]>(PAIRS.flatMap((p) => [[p[0], p], [p[1], p]]));

/** Every particle the `{name|particle}` syntax knows (either form of a pair). */
export const PARTICLES: readonly string[] = [...PAIR_OF.keys()];

/** The form of `particle` (either form of its pair) that fits after `word`. */
export function josa(word: string, particle: string): string {
  const pair = PAIR_OF.get(particle);
  if (!pair) return particle;
  const sound = hasBatchim(word);
  if (!sound.known) return BOTH[pair[0]]!;
  if (pair[0] === '으로') return sound.batchim && !sound.rieul ? '으로' : '로';
  return sound.batchim ? pair[0] : pair[1];
}

/** `word` followed by the fitting form of `particle`: withJosa('web', '를') is 'web을'. */
export const withJosa = (word: string, particle: string): string => word + josa(word, particle);

const PLACEHOLDER = new RegExp(`\\{(\\w*)(?:\\|(${PARTICLES.join('|')}))?\\}`, 'g');

/**
 * A catalogue string with its placeholders filled in, the one filler of every catalogue.
 * `{name}` is the value; `{name|을}` is the value and the form of the particle (either form of
 * the pair may be written) that fits it, attached: `web을`, `ConfigMap을`, `80으로`;
 * `{|이}` (no name) is the particle fitting the text just before it: `"{name}"{|이}` → `"web"이`.
 * The particle follows the text written so far, so an empty value leaves it to what precedes it.
 * A placeholder whose value is not given stays as it is.
 */
export function fillTemplate(template: string, vars: Record<string, string | number> = {}): string {
  let out = '';
  let from = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out += template.slice(from, m.index);
    from = m.index + m[0].length;
    const [whole, name, particle] = m;
    if (name === '' ? particle === undefined : !(name! in vars)) {
      out += whole;
      continue;
    }
    if (name !== '') out += String(vars[name!]);
    if (particle !== undefined) out += josa(out, particle);
  }
  return out + template.slice(from);
}
