import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';

const kube = loadCatalog().lessons.filter((l) => l.track === 'kubernetes');

/** The intro as one line: its blockquote's `>` and line breaks folded away. */
const flat = (md: string) => md.replace(/\n>?\s*/g, ' ');

const WORDS = {
  en: { tiers: ['**Always**', '**On docker**', '**Live mode**'], live: 'ctr-learn-<you>', noLive: 'no step of this lesson applies anything there', noReplay: 'this one does not' },
  ko: { tiers: ['**언제나**', '**docker 에서**', '**라이브 모드**'], live: 'ctr-learn-<내 이름>', noLive: '이 레슨에는 클러스터에 적용하는 단계가 없어요', noReplay: '이 레슨에는 그런 단계가 없어요' },
} as const;

/**
 * Every Kubernetes lesson tells one story of how it is graded, in both languages: tier 1 (the
 * manifest, always), tier 2 (a pod replayed on docker, if the lesson has such a step), tier 3
 * (live mode, which exists: `ctr-learn doctor` says whether it is on; it applies files to the
 * learner's namespace only in the steps whose lesson.yaml has a `live:` list).
 */
describe('the Kubernetes lessons say how they are graded, the same way', () => {
  it('there are Kubernetes lessons', () => expect(kube.length).toBeGreaterThanOrEqual(8));
  for (const l of kube) {
    const live = l.steps.some((s) => (s.live ?? []).length > 0);
    const replay = l.steps.some((s) => s.checks.some((c) => c.kind === 'pod-replay'));
    for (const lang of ['en', 'ko'] as const) {
      it(`${l.id} ${lang}: three tiers; live mode ${live ? 'applies its live steps' : 'has no step here'}; ${replay ? 'a' : 'no'} replay`, () => {
        const w = WORDS[lang];
        const text = flat(l.intro[lang].markdown);
        expect(text).not.toMatch(/later addition|나중에 추가될/);
        for (const t of w.tiers) expect(text).toContain(t);
        expect(text).toContain('`ctr-learn doctor`');
        if (live) {
          expect(text).toContain(w.live);
          expect(text).not.toContain(w.noLive);
        } else {
          expect(text).toContain(w.noLive);
          expect(text).not.toContain(w.live);
        }
        if (replay) expect(text).not.toContain(w.noReplay);
        else expect(text).toContain(w.noReplay);
      });
    }
  }
});
