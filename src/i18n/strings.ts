import type { Lang } from '../lessons/schema';

/** Every UI string in both languages; a missing Korean string is a compile error. */
const STRINGS = {
  expected: { en: 'expected', ko: '기대값' },
  actual: { en: 'actual', ko: '실제값' },
  hint: { en: 'hint', ko: '힌트' },
  skipped: { en: 'not checked: an earlier check failed', ko: '확인 안 함: 앞의 확인이 실패함' },
  stepPassed: { en: 'Step passed.', ko: '단계 통과!' },
  notYet: { en: 'Not yet: fix the first ✘ and check again.', ko: '아직이에요: 첫 번째 ✘를 고치고 다시 확인하세요.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}
