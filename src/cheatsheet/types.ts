/**
 * The cheat sheet as the program uses it. Plain types with no runtime imports, so that
 * `ctr-learn cheat` can read the precompiled JSON without loading zod or yaml (schema.ts checks
 * that these types match the schema).
 */
import type { Lang } from '../lessons/schema';

export type { Lang };
export interface Text {
  en: string;
  ko: string;
}

export type ExampleStep = string | { run: string; capture: string; shows?: string } | { wait: string; withinMs: number };

export interface RunnableExample {
  files: Record<string, string>;
  setup: ExampleStep[];
  run: string;
  why?: string;
  tty: boolean;
  input?: string;
  stopAfterMs?: number;
  outputIncludes?: string;
  cleanup: ExampleStep[];
}
export type ExampleSpec = { skip: string } | RunnableExample;

export interface CheatEntry {
  id: string;
  /** The section id (the file it came from; `personal` for the learner's own file by default). */
  section: string;
  command: string;
  description: Text;
  tags: string[];
  lessons: string[];
  example?: ExampleSpec;
  /** From the learner's own file rather than shipped with ctr-learn. */
  personal: boolean;
}

export interface CheatSection {
  id: string;
  title: Text;
  order: number;
}

export interface CheatSheet {
  sections: CheatSection[];
  entries: CheatEntry[];
  /** Lesson id → title, to show and search lesson names. Lessons without a title show their id. */
  lessonTitles: Record<string, Text>;
}

export function isRunnable(example: ExampleSpec | undefined): example is RunnableExample {
  return example !== undefined && !('skip' in example);
}
