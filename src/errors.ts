import type { Lang } from './lessons/schema';

/**
 * Every error ctr-learn throws is one of these. The split decides the exit code and the tone:
 * - UserError: the learner or lesson author can fix it (clear message + what to try), exit 1.
 * - CouldNotCheck: grading was impossible (engine unreachable, timeout); never a failed step, exit 2.
 * - BugError: our fault, exit 2 and ask for a report.
 */
export class CtrError extends Error {
  /** The message and the fix in every language, when they are written for it (message and tryThis are the English ones). */
  texts?: LocalTexts;

  constructor(message: string, readonly tryThis?: string) {
    super(message);
    this.name = new.target.name;
  }

  /** Attach the texts in every language; the English ones should match message and tryThis. */
  inEveryLanguage(texts: LocalTexts): this {
    this.texts = texts;
    return this;
  }
}

/** A learner-facing error in one language: what happened, what to do, and the word before the fix. */
export type LocalTexts = Record<Lang, { message: string; fix: string; fixLabel: string }>;

export class UserError extends CtrError {}

export class CouldNotCheck extends CtrError {}

/** What a learner reads about an unreachable engine, in each language. */
export type EngineDownTexts = LocalTexts;

/**
 * The engine cannot be reached. `reason` says why (src/engine/diagnose.ts); `texts` say it, with the
 * fix that fits the cause and where the endpoint came from, in every language (message and
 * tryThis are the English ones).
 */
export class EngineUnavailable extends CouldNotCheck {
  constructor(
    message: string,
    tryThis?: string,
    readonly reason?: string,
    texts?: EngineDownTexts,
  ) {
    super(message, tryThis);
    this.texts = texts;
  }
}

export class BugError extends CtrError {}

export function exitCodeFor(err: unknown): number {
  if (err instanceof UserError) return 1;
  return 2;
}

export function describeError(err: unknown, lang: Lang = 'en'): string {
  if (err instanceof CtrError && err.texts) {
    const { message, fix, fixLabel } = err.texts[lang];
    return `${message}\n${fixLabel}: ${fix}`;
  }
  if (err instanceof CtrError) {
    const lines = [err.message];
    if (err.tryThis) lines.push(`${lang === 'ko' ? '해 보세요' : 'Try'}: ${err.tryThis}`);
    if (err instanceof BugError) lines.push(lang === 'ko' ? 'ctr-learn의 버그예요. 위의 출력과 함께 알려 주세요.' : 'This is a bug in ctr-learn; please report it with the output above.');
    return lines.join('\n');
  }
  const e = err as Error;
  return `Unexpected error: ${e?.stack ?? String(err)}\nThis is a bug in ctr-learn; please report it.`;
}
