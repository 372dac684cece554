/** A problem in a lesson, reported as `file:line CODE message`. Codes are stable. */
export interface Problem {
  file: string;
  line: number;
  code: RuleCode;
  message: string;
}

export const RULES = {
  CTR000: 'file cannot be read or parsed',
  CTR001: 'step has no check',
  CTR002: 'value does not fit the lesson schema',
  CTR003: 'unknown formatVersion',
  CTR004: 'step has no prose in a language',
  CTR005: 'prose marker names a step that does not exist',
  CTR006: 'check names a hint that does not exist',
  CTR007: 'near-miss names a check that does not exist',
  CTR008: 'duplicate id',
  CTR009: 'solution or near-miss file is missing',
  CTR010: 'step has no hints',
  CTR011: 'template marker {{ in lesson text',
  CTR012: 'command is not a single docker command',
  CTR013: 'object used by a check is not declared in `uses`',
  CTR014: 'step has no reference solution',
  CTR015: 'lesson has no near-miss answers',
  CTR016: 'invalid regular expression',
  CTR017: 'lesson folder name differs from its id',
  CTR018: 'lesson has fewer than 2 alternative right answers or fewer than 3 near-misses',
  CTR019: 'buildsOn names a lesson that does not exist',
  CTR020: 'a [[value]] the lesson does not declare under mine',
  CTR021: 'an object or host port the lesson uses is not a per-learner value',
  CTR022: 'a check calls a host port that is not a per-learner port',
  CTR023: 'two lessons\' per-learner ports share their last two digits',
  CTR025: 'two lessons create objects of one per-learner name',
  CTR026: 'a kube-live check outside a step\'s live list, in a lesson not of the kubernetes track, or applying a file no manifest check validates',
  CTR024: 'question is not well formed (answer not a choice, not 2-5 choices, more than one per step, an attempt answers what is not there)',
} as const;
export type RuleCode = keyof typeof RULES;

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line} ${p.code} ${p.message}`;
}
