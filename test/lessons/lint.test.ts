import { readdirSync, readFileSync } from 'node:fs';
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
};

const CODES = Object.keys(RULES) as RuleCode[];

describe('lint rules: each failing fixture triggers exactly its code', () => {
  it('every rule has a failing fixture folder, and every fixture folder is a rule', () => {
    const folders = readdirSync(FIXTURES).filter((d) => /^CTR\d{3}$/.test(d));
    expect(folders.sort()).toEqual([...CODES].sort());
    for (const code of CODES) expect(readdirSync(join(FIXTURES, code)), code).toEqual([EXPECTED[code].lesson]);
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
    expect(lessons).toHaveLength(CODES.length - 3 + 1);
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
