/** A problem in a cheat sheet file, reported as `file:line CODE message`. Codes are stable. */
export interface CheatProblem {
  file: string;
  line: number;
  code: CheatRuleCode;
  message: string;
}

export const CHEAT_RULES = {
  CHT000: 'file cannot be read or parsed',
  CHT001: 'unknown formatVersion',
  CHT002: 'value does not fit the cheat sheet schema',
  CHT003: 'duplicate entry id',
  CHT004: 'malformed placeholder in a command',
  CHT005: 'shipped entry has no example for CI to run',
  CHT006: "example is not an instance of the entry's command",
  CHT007: "example value does not fit its placeholder's type",
  CHT008: 'example adds words to the command without saying why',
  CHT009: 'example step is not one docker command',
  CHT010: 'entry links a lesson that does not exist',
  CHT011: 'file name differs from its section',
  CHT012: 'example creates an object without an @@ name',
  CHT013: 'example removes or stops objects it did not create',
  CHT014: 'example uses a @@ variable that nothing defines',
  CHT015: 'example file path leaves the example folder',
  CHT016: 'shipped file has no section, title or order',
} as const;
export type CheatRuleCode = keyof typeof CHEAT_RULES;

export function formatCheatProblem(p: CheatProblem): string {
  return `${p.file}:${p.line} ${p.code} ${p.message}`;
}
