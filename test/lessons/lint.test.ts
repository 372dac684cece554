import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintLesson, lintRoots } from '../../src/lessons/lint';
import { loadLesson } from '../../src/lessons/load';
import { formatProblem, RULES, type Problem, type RuleCode } from '../../src/lessons/problems';

/**
 * Fixtures: test/lessons/fixtures/<CODE>/<lesson-id>/ is a lesson that breaks exactly rule CODE,
 * valid/<lesson-id>/ lints clean. Folder names equal lesson ids (except in CTR017, whose point
 * is that they differ). Problems are reported relative to the fixtures folder.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const lint = (...dirs: string[]) => lintRoots(dirs.map((d) => join(FIXTURES, d)), FIXTURES);

/** The 1-based line of the `nth` line of a fixture file that contains `needle`. */
function lineIn(file: string, needle: string | RegExp, nth = 1): number {
  const lines = readFileSync(join(FIXTURES, file), 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => ((typeof needle === 'string' ? l.includes(needle) : needle.test(l)) ? [i + 1] : []));
  if (hits.length < nth) throw new Error(`fixture ${file} has no line ${nth} matching ${needle}`);
  return hits[nth - 1];
}

interface Expected {
  /** The lesson folder under fixtures/<code>/. */
  lesson: string;
  /** The file the problem points at, relative to the lesson folder. */
  file: string;
  /** Which line it must point at: the nth line containing this. */
  at: string | RegExp;
  nth?: number;
}

/** Every rule code, the lesson that breaks it, and where the problem must point. */
const EXPECTED: Record<RuleCode, Expected> = {
  CTR000: { lesson: 'yaml-syntax-error', file: 'lesson.yaml', at: 'en: Try this: docker run -d' },
  CTR001: { lesson: 'step-without-check', file: 'lesson.yaml', at: '- id: stop' },
  CTR002: { lesson: 'schema-error', file: 'lesson.yaml', at: 'state: sleeping' },
  CTR003: { lesson: 'future-format', file: 'lesson.yaml', at: 'formatVersion: 2' },
  // A step with no prose at all points at the top of the file.
  CTR004: { lesson: 'prose-missing-in-ko', file: 'ko.md', at: /^# / },
  CTR005: { lesson: 'marker-for-no-step', file: 'en.md', at: '<!-- step: ghost -->' },
  CTR006: { lesson: 'unknown-hint', file: 'lesson.yaml', at: 'hint: ghost' },
  CTR007: { lesson: 'near-miss-unknown-check', file: 'lesson.yaml', at: 'failsCheck: ghost' },
  CTR008: { lesson: 'duplicate-check-id', file: 'lesson.yaml', at: '- id: running', nth: 2 },
  CTR009: { lesson: 'missing-solution-file', file: 'lesson.yaml', at: 'solution/missing.html' },
  CTR010: { lesson: 'no-hints', file: 'lesson.yaml', at: /^ {2}- id: run$/ },
  CTR011: { lesson: 'template-in-ko', file: 'ko.md', at: '{{.Names}}' },
  CTR012: { lesson: 'shell-pipe', file: 'lesson.yaml', at: '| tee log.txt' },
  CTR013: { lesson: 'undeclared-container', file: 'lesson.yaml', at: '- id: running' },
  CTR014: { lesson: 'no-solution', file: 'lesson.yaml', at: 'solution: {}' },
  CTR015: { lesson: 'no-near-miss', file: 'lesson.yaml', at: /^steps:/ },
  CTR016: { lesson: 'bad-regex', file: 'lesson.yaml', at: 'matches: "GET (/"' },
  CTR017: { lesson: 'renamed-folder', file: 'lesson.yaml', at: 'id: folder-mismatch' },
  // One alternative, three near-misses: the lesson as a whole proves too few answers.
  CTR018: { lesson: 'too-few-answers', file: 'lesson.yaml', at: /^steps:/ },
  CTR019: { lesson: 'builds-on-ghost', file: 'lesson.yaml', at: 'buildsOn: [ghost]' },
  CTR020: { lesson: 'undeclared-value', file: 'lesson.yaml', at: '[[ghost]]' },
  CTR021: { lesson: 'fixed-name', file: 'lesson.yaml', at: 'networks: [appnet]' },
  CTR022: { lesson: 'fixed-port', file: 'lesson.yaml', at: 'port: 8080', nth: 2 },
  // Two ports of one lesson ending in 81: the learner's values of both would be one port.
  CTR023: { lesson: 'ports-share-digits', file: 'lesson.yaml', at: 'admin: { port: 8181 }' },
  CTR024: { lesson: 'answer-not-a-choice', file: 'lesson.yaml', at: 'answer: e' },
  // Needs two lessons (a-first-lesson holds web first): the second one's name is reported.
  CTR025: { lesson: 'names-share-base', file: 'lesson.yaml', at: 'site: { name: web }' },
  CTR026: { lesson: 'live-check-offline', file: 'lesson.yaml', at: 'kind: kube-live' },
};

const CODES = Object.keys(RULES) as RuleCode[];

describe('lint rules: each failing fixture triggers exactly its code', () => {
  it('every rule has a failing fixture folder, and every fixture folder is a rule', () => {
    const folders = readdirSync(FIXTURES).filter((d) => /^CTR\d{3}$/.test(d));
    expect(folders.sort()).toEqual([...CODES].sort());
    for (const code of CODES) expect(readdirSync(join(FIXTURES, code)), code).toEqual(code === 'CTR025' ? ['a-first-lesson', EXPECTED[code].lesson] : [EXPECTED[code].lesson]);
  });

  it.for(CODES)('%s', (code) => {
    const want = EXPECTED[code];
    const { problems } = lint(code);
    expect(problems.map((p) => p.code), problems.map(formatProblem).join('\n')).toEqual([code]);
    const [p] = problems;
    const file = join(code, want.lesson, want.file);
    expect({ file: p.file, line: p.line }).toEqual({ file, line: lineIn(file, want.at, want.nth) });
    expect(p.message.length).toBeGreaterThan(10);
  });

  it('the valid lesson lints clean and is returned parsed', () => {
    const { lessons, problems } = lint('valid');
    expect(problems.map(formatProblem)).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual(['serve-a-page']);
    expect(lintLesson(lessons[0])).toEqual([]);
  });
});

describe('lint messages say what is wrong and how to fix it', () => {
  const only = (code: RuleCode): Problem => lint(code).problems[0];

  it.for([
    ['CTR000', /^YAML: Nested mappings/],
    ['CTR002', /^steps\.1\.checks\.0\.state: /],
    ['CTR003', /formatVersion is 2; this ctr-learn reads version 1\. Update ctr-learn, or write the lesson for formatVersion: 1/],
    ['CTR004', /step "run" has no prose in ko\.md \(add <!-- step: run -->/],
    ['CTR005', /"step: ghost"/],
    ['CTR006', /names hint "ghost", but the step's hints are: detach/],
    ['CTR007', /near-miss "created-only" names check "ghost"/],
    ['CTR009', /"solution\/missing\.html"/],
    ['CTR012', /"\|" is shell syntax/],
    ['CTR013', /list it under uses\.containers/],
    ['CTR016', /Unterminated group/],
    ['CTR017', /folder is "renamed-folder" but id is "folder-mismatch"/],
    ['CTR019', /buildsOn names "ghost", which is not a lesson here: use one of builds-on-ghost, or remove it/],
    ['CTR020', /\[\[ghost\]\] is not declared: add it under mine/],
    ['CTR021', /uses\.networks lists "appnet": on a shared engine two learners collide on it/],
    ['CTR022', /check "answers" calls host port 8080: use a per-learner port/],
    ['CTR023', /port 8181 ends in 81, like a port of lesson ports-share-digits/],
    ['CTR025', /name "web" is also a per-learner name of lesson a-first-lesson/],
    ['CTR024', /question "why-d" has answer "e", which is not one of its choices \(a, b, c\)/],
    ['CTR018', /has 1 alternative right answer\(s\) and 3 near-miss\(es\); verify needs at least 2 and 3/],
  ] as [RuleCode, RegExp][])('%s', ([code, message]) => {
    expect(only(code).message).toMatch(message);
  });

  it('formatProblem prints `file:line CODE message`', () => {
    expect(formatProblem({ file: 'lessons/x/lesson.yaml', line: 7, code: 'CTR001', message: 'step "a" has no check' })).toBe(
      'lessons/x/lesson.yaml:7 CTR001 step "a" has no check',
    );
    const line = lineIn('CTR011/template-in-ko/ko.md', '{{');
    expect(formatProblem(only('CTR011'))).toMatch(new RegExp(`^CTR011/template-in-ko/ko\\.md:${line} CTR011 "\\{\\{" in lesson text`));
  });
});

describe('lint keeps going after the first problem', () => {
  it('reports two different problems of one lesson, in lesson.yaml and en.md', () => {
    const { problems, lessons } = lint('multi');
    expect(lessons).toHaveLength(1);
    expect(problems.map((p) => [p.file, p.line, p.code])).toEqual([
      ['multi/two-problems/lesson.yaml', lineIn('multi/two-problems/lesson.yaml', 'hint: ghost'), 'CTR006'],
      ['multi/two-problems/en.md', lineIn('multi/two-problems/en.md', '{{'), 'CTR011'],
    ]);
  });

  it('reports every broken lesson of several roots, including ones after a lesson that does not parse', () => {
    const { problems, lessons } = lint(...CODES, 'valid');
    expect(problems.map((p) => p.code).sort()).toEqual([...CODES].sort());
    // CTR000, CTR002 and CTR003 stop their own lesson from parsing; every other lesson is returned.
    // (CTR025 needs two lessons to break it.)
    expect(lessons).toHaveLength(CODES.length - 3 + 1 + 1);
  });

  it('lintLesson on a loaded lesson reports the rules that need the whole lesson', () => {
    const dir = join(FIXTURES, 'CTR006', 'unknown-hint');
    const { lesson, problems } = loadLesson(dir, FIXTURES);
    expect(problems).toEqual([]);
    expect(lintLesson(lesson!).map((p) => p.code)).toEqual(['CTR006']);
  });
});

describe('CTR013 for images: an image a check inspects must be listed under uses.images', () => {
  const base = () => loadLesson(join(FIXTURES, 'valid', 'serve-a-page'), FIXTURES).lesson!;
  const withImageCheck = (image: string, listed: string[]) => {
    const l = base();
    l.uses.images = listed;
    l.steps[0].checks.push({ id: 'built', kind: 'image', image, exists: true, hint: l.steps[0].checks[0].hint } as (typeof l.steps)[0]['checks'][0]);
    return lintLesson(l).filter((p) => p.code === 'CTR013');
  };

  it('reports an unlisted image and accepts a listed one, comparing names as the engine does', () => {
    expect(withImageCheck('greeter:1.0', []).map((p) => p.message)).toEqual(['check "built" uses image "greeter:1.0": list it under uses.images']);
    expect(withImageCheck('greeter:1.0', ['greeter:1.0'])).toEqual([]);
    expect(withImageCheck('greeter', ['greeter:latest'])).toEqual([]);
    expect(withImageCheck('docker.io/library/greeter:2', ['greeter:2'])).toEqual([]);
  });
});

describe('CTR024: questions', () => {
  const base = () => loadLesson(join(FIXTURES, 'questions', 'ask-a-question'), FIXTURES).lesson!;
  const questionOf = (l: ReturnType<typeof base>) => {
    const q = l.steps[1].checks[0];
    if (q.kind !== 'question') throw new Error('fixture: step 2 holds a question');
    return q;
  };
  const ctr024 = (l: ReturnType<typeof base>) => lintLesson(l).filter((p) => p.code === 'CTR024').map((p) => p.message);

  it('a lesson with a well-formed question lints clean', () => {
    const { problems, lessons } = lint('questions');
    expect(problems.map(formatProblem)).toEqual([]);
    expect(questionOf(lessons[0]).choices.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('2 to 5 choices, lettered in order', () => {
    const one = base();
    questionOf(one).choices = questionOf(one).choices.slice(1, 2);
    one.steps[1].nearMisses[0].answers = {};
    expect(ctr024(one)).toEqual(['question "why-d" has 1 choice(s): give 2 to 5']);
    const six = base();
    const q = questionOf(six);
    q.choices = [...q.choices, ...q.choices];
    expect(ctr024(six)).toEqual(['question "why-d" has 6 choice(s): give 2 to 5']);
    const skipped = base();
    questionOf(skipped).choices[2].id = 'd';
    expect(ctr024(skipped)).toEqual(['question "why-d" has choices a, b, d: letter them in order, a, b, c (the learner types the letter shown)']);
  });

  it('at most one question per step, and one id per question in the lesson', () => {
    const two = base();
    two.steps[1].checks.push({ ...questionOf(two), id: 'again' });
    expect(ctr024(two)).toContainEqual(expect.stringMatching(/^step "why-detach" has 2 questions \("why-d", "again"\): a step holds at most one/));
    const shared = base();
    shared.steps[0].checks.push({ ...questionOf(shared) });
    shared.steps[0].solution.answers = { 'why-d': 'b' };
    expect(ctr024(shared)).toEqual(['question id "why-d" is used by another step: answers are saved by question id, so each question of a lesson needs its own']);
  });

  it('the solution answers it, and attempts answer only its questions with its choices', () => {
    const unanswered = base();
    unanswered.steps[1].solution.answers = {};
    expect(ctr024(unanswered)).toEqual(['the solution of step "why-detach" does not answer question "why-d": add answers: { why-d: b }']);
    const wrongId = base();
    wrongId.steps[1].nearMisses[0].answers = { 'why-x': 'a' };
    expect(ctr024(wrongId)).toEqual(['near-miss "faster" answers "why-x", which is not a question of step "why-detach" (its question is "why-d")']);
    const noChoice = base();
    noChoice.steps[1].nearMisses[0].answers = { 'why-d': 'e' };
    expect(ctr024(noChoice)).toEqual(['near-miss "faster" answers "e" to question "why-d", which has choices a, b, c']);
    const whyOnRight = base();
    questionOf(whyOnRight).choices[1].why = { en: 'x', ko: 'x' };
    expect(ctr024(whyOnRight)).toEqual(['choice "b" of question "why-d" is the right answer but has a "why" (shown only for a wrong choice): put it in explain']);
  });

  it('both languages: a question or a choice without Korean does not fit the schema (CTR002)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctr-lint-q-'));
    try {
      cpSync(join(FIXTURES, 'questions', 'ask-a-question'), join(dir, 'ask-a-question'), { recursive: true });
      const yaml = join(dir, 'ask-a-question', 'lesson.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('            ko: 서버가 계속 도는 동안 프롬프트를 돌려받으려고\n', ''));
      const { problems } = lintRoots([dir], dir);
      expect(problems.map((p) => [p.code, p.message.split(':')[0]])).toEqual([['CTR002', 'steps.1.checks.0.choices.1.ko']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
