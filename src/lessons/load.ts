import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import MarkdownIt from 'markdown-it';
import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { yamlLine } from './yaml-line';
import { FORMAT_VERSION, LessonData, type Lang, type Lesson, type Prose } from './schema';
import type { Problem } from './problems';

const LANGS: Lang[] = ['en', 'ko'];
const MARKER = /^<!--\s*step:\s*([a-z0-9-]+)\s*-->\s*$/;

export interface Loaded {
  lesson: Lesson | null;
  problems: Problem[];
}

/** Read one lesson folder. Never throws for content problems: they come back as `problems`. */
export function loadLesson(dir: string, root = process.cwd()): Loaded {
  const problems: Problem[] = [];
  const yamlPath = join(dir, 'lesson.yaml');
  const shown = (p: string) => relative(root, p) || p;
  let text: string;
  try {
    text = readFileSync(yamlPath, 'utf8');
  } catch (err) {
    return { lesson: null, problems: [{ file: shown(yamlPath), line: 1, code: 'CTR000', message: `cannot read: ${(err as Error).message}` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      problems.push({ file: shown(yamlPath), line: lineCounter.linePos(e.pos[0]).line, code: 'CTR000', message: `YAML: ${e.message.split('\n')[0]}` });
    }
    return { lesson: null, problems };
  }
  const raw = doc.toJS() as Record<string, unknown> | null;
  const lineOf = (path: (string | number)[]) => yamlLine(doc.contents as YamlNode, path, lineCounter);

  if (!raw || typeof raw !== 'object') {
    return { lesson: null, problems: [{ file: shown(yamlPath), line: 1, code: 'CTR000', message: 'lesson.yaml is empty' }] };
  }
  if (raw.formatVersion !== FORMAT_VERSION) {
    problems.push({
      file: shown(yamlPath),
      line: lineOf(['formatVersion']),
      code: 'CTR003',
      message: `formatVersion is ${JSON.stringify(raw.formatVersion)}; this ctr-learn reads version ${FORMAT_VERSION}. Update ctr-learn, or write the lesson for formatVersion: ${FORMAT_VERSION}.`,
    });
    return { lesson: null, problems };
  }
  const parsed = LessonData.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as (string | number)[];
      problems.push({
        file: shown(yamlPath),
        line: lineOf(path),
        code: 'CTR002',
        message: `${path.join('.') || '(top)'}: ${issue.message}`,
      });
    }
    return { lesson: null, problems };
  }
  const data = parsed.data;

  const intro = {} as Record<Lang, Prose>;
  const stepProse: Record<string, Record<Lang, Prose>> = {};
  for (const lang of LANGS) {
    const mdPath = join(dir, `${lang}.md`);
    if (!existsSync(mdPath)) {
      problems.push({ file: shown(mdPath), line: 1, code: 'CTR004', message: `missing ${lang}.md: every lesson is written in English and Korean` });
      continue;
    }
    const sections = splitProse(readFileSync(mdPath, 'utf8'), shown(mdPath));
    intro[lang] = sections.intro;
    for (const [id, prose] of sections.steps) {
      if (!data.steps.some((s) => s.id === id)) {
        problems.push({ file: prose.file, line: prose.line - 1, code: 'CTR005', message: `marker "step: ${id}" names no step of this lesson` });
        continue;
      }
      (stepProse[id] ??= {} as Record<Lang, Prose>)[lang] = prose;
    }
    for (const s of data.steps) {
      if (!sections.steps.has(s.id)) {
        problems.push({ file: shown(mdPath), line: 1, code: 'CTR004', message: `step "${s.id}" has no prose in ${lang}.md (add <!-- step: ${s.id} --> and its text)` });
      }
    }
  }

  const lesson: Lesson = { ...data, dir, intro, stepProse, source: { yamlPath: shown(yamlPath), lineOf } };
  if (basename(dir) !== data.id) {
    problems.push({ file: shown(yamlPath), line: lineOf(['id']), code: 'CTR017', message: `folder is "${basename(dir)}" but id is "${data.id}": name the folder after the id` });
  }
  return { lesson, problems };
}

// html: true, so the step markers (HTML comments) come back as html_block tokens.
const md = new MarkdownIt({ html: true });

/** Split a prose file on `<!-- step: ID -->` markers, using markdown-it so markers inside code blocks don't count. */
export function splitProse(source: string, file: string): { intro: Prose; steps: Map<string, Prose> } {
  const lines = source.split('\n');
  const markers: { id: string; line: number }[] = [];
  for (const token of md.parse(source, {})) {
    if (token.type !== 'html_block' || !token.map) continue;
    const m = token.content.trim().match(MARKER);
    if (m) markers.push({ id: m[1], line: token.map[0] });
  }
  const slice = (from: number, to: number) => lines.slice(from, to).join('\n').trim();
  const intro: Prose = { markdown: slice(0, markers[0]?.line ?? lines.length), file, line: 1 };
  const steps = new Map<string, Prose>();
  markers.forEach((m, i) => {
    const end = markers[i + 1]?.line ?? lines.length;
    steps.set(m.id, { markdown: slice(m.line + 1, end), file, line: m.line + 2 });
  });
  return { intro, steps };
}


/** The lessons shipped with ctr-learn (or in `root`), sorted by track order. */
export function lessonDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => join(root, d.name))
    .sort();
}
