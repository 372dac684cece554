import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lessonDirs, loadLesson, splitProse } from '../../src/lessons/load';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const VALID = join(FIXTURES, 'valid', 'serve-a-page');

/** A lesson folder in a temp dir, named after `id`, with the given files. */
function tempLesson(id: string, files: Record<string, string>): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'ctr-learn-lesson-'));
  const dir = join(root, id);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { root, dir };
}

/** The valid fixture's lesson.yaml and en.md, renamed to `id`; ko.md as given (none if omitted). */
function validLessonAs(id: string, ko?: string) {
  const valid = (name: string) => readFileSync(join(VALID, name), 'utf8');
  const files: Record<string, string> = { 'lesson.yaml': valid('lesson.yaml').replace('id: serve-a-page', `id: ${id}`), 'en.md': valid('en.md') };
  if (ko !== undefined) files['ko.md'] = ko;
  return tempLesson(id, files);
}

describe('splitProse', () => {
  const split = (lines: string[]) => splitProse(lines.join('\n'), 'x/en.md');

  it('text before the first marker is the intro; each marker starts its step', () => {
    const { intro, steps } = split(['# Title', '', 'Intro text.', '', '<!-- step: one -->', 'First.', '', '<!-- step: two -->', 'Second.', 'More.']);
    expect(intro).toEqual({ markdown: '# Title\n\nIntro text.', file: 'x/en.md', line: 1 });
    expect([...steps.keys()]).toEqual(['one', 'two']);
    // `line` is the 1-based line right after the marker: where an error in the step's text is counted from.
    expect(steps.get('one')).toEqual({ markdown: 'First.', file: 'x/en.md', line: 6 });
    expect(steps.get('two')).toEqual({ markdown: 'Second.\nMore.', file: 'x/en.md', line: 9 });
  });

  it('without markers everything is intro', () => {
    const { intro, steps } = split(['Only intro.', '', 'Still intro.']);
    expect(intro.markdown).toBe('Only intro.\n\nStill intro.');
    expect(steps.size).toBe(0);
  });

  it.for([
    ['a ``` fence', ['```', '<!-- step: fake -->', '```']],
    ['a ~~~ fence', ['~~~html', '<!-- step: fake -->', '~~~']],
    ['an indented code block', ['    <!-- step: fake -->']],
    ['inline code', ['Write `<!-- step: fake -->` to start a step.']],
  ] as [string, string[]][])('a marker inside %s does not count', ([, block]) => {
    const { steps } = split(['<!-- step: real -->', 'Text.', '', ...block, '', 'After.']);
    expect([...steps.keys()]).toEqual(['real']);
    expect(steps.get('real')!.markdown).toContain('fake');
    expect(steps.get('real')!.markdown).toMatch(/After\.$/);
  });

  it.for(['<!--step:tight-->', '<!--   step:   tight   -->', '  <!-- step: tight -->'])('accepts the marker spelled %j', (marker) => {
    expect([...split(['Intro.', '', marker, 'Text.']).steps.keys()]).toEqual(['tight']);
  });

  it('a marker right under a paragraph line still starts a step (an HTML comment interrupts a paragraph)', () => {
    const { intro, steps } = split(['Intro line', '<!-- step: one -->', 'Text.']);
    expect(intro.markdown).toBe('Intro line');
    expect(steps.get('one')!.markdown).toBe('Text.');
  });

  it('other HTML comments are prose, not markers', () => {
    const { intro, steps } = split(['<!-- TODO: step one -->', 'Intro.']);
    expect(steps.size).toBe(0);
    expect(intro.markdown).toContain('TODO');
  });
});

describe('loadLesson', () => {
  it('reads data and prose of both languages, with file:line for each', () => {
    const { lesson, problems } = loadLesson(VALID, FIXTURES);
    expect(problems).toEqual([]);
    expect(lesson).toMatchObject({ id: 'serve-a-page', dir: VALID, track: 'docker-basics', source: { yamlPath: 'valid/serve-a-page/lesson.yaml' } });
    expect(lesson!.intro.en).toEqual({ markdown: '# Serve a page\n\nIn this lesson you run a web server in a container.', file: 'valid/serve-a-page/en.md', line: 1 });
    expect(lesson!.intro.ko.markdown).toMatch(/^# 페이지 서비스하기/);
    expect(lesson!.stepProse.run.en).toMatchObject({ file: 'valid/serve-a-page/en.md', line: 6 });
    expect(lesson!.stepProse.run.en.markdown).toMatch(/^Run the `web` image[^]*```\ndocker run -d --name web web\n```$/);
    expect(lesson!.stepProse.run.ko.markdown).toMatch(/^`web` 이미지를/);
  });

  it('fills schema defaults', () => {
    const { lesson } = loadLesson(VALID, FIXTURES);
    expect(lesson!.requires).toEqual({ engine: true, images: [], registry: false, kubectl: false });
    expect(lesson!.uses).toEqual({ containers: ['[[web]]'], networks: [], volumes: [], images: [], hostPorts: [] });
    expect(lesson!.steps[0].nearMisses[0].files).toEqual({});
  });

  it('lineOf maps a data path to its line in lesson.yaml', () => {
    const { lesson } = loadLesson(VALID, FIXTURES);
    const { lineOf } = lesson!.source;
    expect(lineOf(['id'])).toBe(2);
    expect(lineOf(['steps', 0, 'checks', 0, 'state'])).toBe(18);
    expect(lineOf(['steps', 0, 'nearMisses', 0, 'failsCheck'])).toBe(32);
    // A path that does not exist points at the deepest part that does.
    expect(lineOf(['steps', 0, 'checks', 0, 'nonexistent'])).toBe(15);
  });

  it.for([
    ['2', 'formatVersion is 2'],
    ['"1"', 'formatVersion is "1"'],
    ['0', 'formatVersion is 0'],
  ])('formatVersion %s is CTR003 with what to do', ([version, is]) => {
    const { dir, root } = tempLesson('v', { 'lesson.yaml': `id: v\nformatVersion: ${version}\n` });
    const { lesson, problems } = loadLesson(dir, root);
    expect(lesson).toBeNull();
    expect(problems).toEqual([
      { file: 'v/lesson.yaml', line: 2, code: 'CTR003', message: `${is}; this ctr-learn reads version 1. Update ctr-learn, or write the lesson for formatVersion: 1.` },
    ]);
  });

  it('a lesson without formatVersion is CTR003 too', () => {
    const { dir, root } = tempLesson('v', { 'lesson.yaml': 'id: v\n' });
    expect(loadLesson(dir, root).problems.map((p) => p.code)).toEqual(['CTR003']);
  });

  it.for([
    ['a missing lesson.yaml', {}, /^cannot read: ENOENT/],
    ['an empty lesson.yaml', { 'lesson.yaml': '' }, /^lesson.yaml is empty$/],
    ['a lesson.yaml that is a list', { 'lesson.yaml': '- a\n' }, /formatVersion is undefined/],
  ] as [string, Record<string, string>, RegExp][])('%s is a problem, not an exception', ([, files, message]) => {
    const { dir, root } = tempLesson('l', files);
    const { lesson, problems } = loadLesson(dir, root);
    expect(lesson).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'l/lesson.yaml', line: 1 });
    expect(problems[0].message).toMatch(message);
  });

  it('a missing ko.md is CTR004 naming the file', () => {
    const { dir, root } = validLessonAs('l');
    const { lesson, problems } = loadLesson(dir, root);
    expect(lesson).not.toBeNull();
    expect(problems).toEqual([{ file: 'l/ko.md', line: 1, code: 'CTR004', message: 'missing ko.md: every lesson is written in English and Korean' }]);
  });

  it('a CTR005 problem points at the marker line', () => {
    const ko = ['소개.', '', '```', '<!-- step: in-code -->', '```', '', '<!-- step: run -->', '본문.', '', '<!-- step: gone -->', '옛 단계.'];
    const { dir, root } = validLessonAs('l', ko.join('\n'));
    const { problems } = loadLesson(dir, root);
    expect(problems).toEqual([{ file: 'l/ko.md', line: 10, code: 'CTR005', message: 'marker "step: gone" names no step of this lesson' }]);
  });
});

describe('lessonDirs', () => {
  it('lists lesson folders sorted, skipping files and folders starting with _ or .', () => {
    const root = mkdtempSync(join(tmpdir(), 'ctr-learn-lessons-'));
    for (const d of ['b-lesson', 'a-lesson', '_drafts', '.git']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'README.md'), '');
    expect(lessonDirs(root)).toEqual([join(root, 'a-lesson'), join(root, 'b-lesson')]);
    expect(lessonDirs(join(root, 'missing'))).toEqual([]);
  });
});
