import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../errors';
import { parseLearnerCommand } from '../sandbox/run-command';
import { lessonDirs, loadLesson } from './load';
import type { Problem } from './problems';
import { PLACEHOLDER } from './personalize';
import { CHOICE_IDS, type Check, type Lesson, type Step } from './schema';
import { normalizeRef } from '../engine/objects';

export const MIN_ALTERNATIVES = 2;
export const MIN_NEAR_MISSES = 3;

/** Rules that need the whole parsed lesson (the schema already checked each value's shape). */
export function lintLesson(lesson: Lesson): Problem[] {
  const out: Problem[] = [];
  const file = lesson.source.yamlPath;
  const at = (path: (string | number)[], code: Problem['code'], message: string) =>
    out.push({ file, line: lesson.source.lineOf(path), code, message });
  const stepIds = new Set<string>();
  /** Question ids across the lesson: the answers file is keyed by them. */
  const questionIds = new Set<string>();
  let nearMisses = 0;
  let alternatives = 0;

  lesson.steps.forEach((step, si) => {
    const sp = ['steps', si];
    if (stepIds.has(step.id)) at([...sp, 'id'], 'CTR008', `step id "${step.id}" is used twice`);
    stepIds.add(step.id);
    if (step.checks.length === 0) at(sp, 'CTR001', `step "${step.id}" has no check: add at least one under checks:`);
    if (step.hints.length === 0) at(sp, 'CTR010', `step "${step.id}" has no hints: add a ladder (nudge, flag, full command)`);
    if (step.solution.commands.length === 0 && Object.keys(step.solution.files).length === 0 && Object.keys(step.solution.answers ?? {}).length === 0) {
      at([...sp, 'solution'], 'CTR014', `step "${step.id}" has no reference solution: add solution.commands`);
    }
    const hintIds = new Set(step.hints.map((h) => h.id));
    const dupes = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
    for (const id of dupes(step.hints.map((h) => h.id))) at([...sp, 'hints'], 'CTR008', `hint id "${id}" is used twice in step "${step.id}"`);
    // Alternatives and near-misses share one id space: verify reports both by id.
    for (const id of dupes([...step.alternatives.map((a) => a.id), ...step.nearMisses.map((n) => n.id)])) {
      at([...sp, 'nearMisses'], 'CTR008', `answer id "${id}" is used twice in step "${step.id}" (alternatives and near-misses)`);
    }
    alternatives += step.alternatives.length;
    const checkIds = new Set<string>();
    step.checks.forEach((check, ci) => {
      const cp = [...sp, 'checks', ci];
      if (checkIds.has(check.id)) at([...cp, 'id'], 'CTR008', `check id "${check.id}" is used twice in step "${step.id}"`);
      checkIds.add(check.id);
      if (check.hint && !hintIds.has(check.hint)) at([...cp, 'hint'], 'CTR006', `check "${check.id}" names hint "${check.hint}", but the step's hints are: ${[...hintIds].join(', ') || 'none'}`);
      const re = 'matches' in check ? check.matches : undefined;
      if (re !== undefined) {
        try {
          new RegExp(re);
        } catch (err) {
          at([...cp, 'matches'], 'CTR016', `check "${check.id}": ${(err as Error).message}`);
        }
      }
      for (const [kind, name] of objectsOf(check)) {
        const listed = kind === 'images' ? lesson.uses.images.map(normalizeRef).includes(normalizeRef(name)) : lesson.uses[kind].includes(name);
        if (!listed) at(cp, 'CTR013', `check "${check.id}" uses ${kind.slice(0, -1)} "${name}": list it under uses.${kind}`);
      }
    });
    lintQuestions(step, sp, questionIds, at);
    const attempts = [
      { path: [...sp, 'solution'], a: step.solution },
      ...step.alternatives.map((n, ni) => ({ path: [...sp, 'alternatives', ni], a: n })),
      ...step.nearMisses.map((n, ni) => ({ path: [...sp, 'nearMisses', ni], a: n })),
    ];
    for (const { path, a } of attempts) {
      a.commands.forEach((cmd, i) => {
        try {
          parseLearnerCommand(cmd, '/workspace');
        } catch (err) {
          if (err instanceof UserError) at([...path, 'commands', i], 'CTR012', `"${cmd}": ${err.message}`);
          else throw err;
        }
      });
      for (const [dest, src] of Object.entries(a.files)) {
        if (!existsSync(join(lesson.dir, src))) at([...path, 'files', dest], 'CTR009', `file "${src}" (for ${dest}) is not in the lesson folder`);
      }
    }
    // Tier 3: kube-live checks run only from a step's `live` list (only when a cluster answers).
    step.checks.forEach((check, ci) => {
      if (check.kind === 'kube-live') at([...sp, 'checks', ci, 'kind'], 'CTR026', `check "${check.id}" is kube-live: put it under the step's live: list (run only when a cluster answers), not under checks: (graded offline)`);
    });
    (step.live ?? []).forEach((check, li) => {
      const lp = [...sp, 'live', li];
      if (checkIds.has(check.id)) at([...lp, 'id'], 'CTR008', `check id "${check.id}" is used twice in step "${step.id}" (checks and live)`);
      checkIds.add(`live:${check.id}`);
      if (check.hint && !hintIds.has(check.hint)) at([...lp, 'hint'], 'CTR006', `live check "${check.id}" names hint "${check.hint}", but the step's hints are: ${[...hintIds].join(', ') || 'none'}`);
      if (check.env) {
        try {
          new RegExp(check.env.matches);
        } catch (err) {
          at([...lp, 'env', 'matches'], 'CTR016', `live check "${check.id}": ${(err as Error).message}`);
        }
      }
      if (lesson.track !== 'kubernetes') at(lp, 'CTR026', `live check "${check.id}" in a lesson of track ${lesson.track}: live checks are for the kubernetes track`);
      if (!step.checks.some((c) => c.kind === 'manifest' && (c.file === undefined || c.file === check.file))) {
        at(lp, 'CTR026', `live check "${check.id}" applies ${check.file}, which no manifest check of step "${step.id}" validates first: add one (kind: manifest, file: ${check.file})`);
      }
    });
    step.nearMisses.forEach((n, ni) => {
      nearMisses++;
      if (!checkIds.has(n.failsCheck)) at([...sp, 'nearMisses', ni, 'failsCheck'], 'CTR007', `near-miss "${n.id}" names check "${n.failsCheck}", which step "${step.id}" does not have${checkIds.has(`live:${n.failsCheck}`) ? ' among its offline checks (a live check cannot be proven without a cluster)' : ''}`);
    });
  });
  if (nearMisses === 0) at(['steps'], 'CTR015', 'the lesson has no near-miss answers: add the mistakes learners really make under a step\'s nearMisses');
  // Per lesson, not per step: some steps have one sensible answer (`docker start counter`), and
  // forcing two alternatives there would invent answers nobody types. A lesson as a whole always
  // has other spellings and real mistakes. (Not said again when CTR015 already says "none".)
  else if (alternatives < MIN_ALTERNATIVES || nearMisses < MIN_NEAR_MISSES) {
    at(['steps'], 'CTR018', `the lesson has ${alternatives} alternative right answer(s) and ${nearMisses} near-miss(es); verify needs at least ${MIN_ALTERNATIVES} and ${MIN_NEAR_MISSES}: add other ways learners really type a right answer under a step's alternatives, and real mistakes under nearMisses`);
  }

  out.push(...lintMine(lesson));
  for (const lang of ['en', 'ko'] as const) {
    const path = join(lesson.dir, `${lang}.md`);
    if (!existsSync(path)) continue;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.includes('{{')) {
          out.push({ file: lesson.source.yamlPath.replace(/lesson\.yaml$/, `${lang}.md`), line: i + 1, code: 'CTR011', message: '"{{" in lesson text: docker --format templates use it; write the template in a code block without it, or describe it' });
        }
      });
  }
  return out;
}

type At = (path: (string | number)[], code: Problem['code'], message: string) => void;

/** CTR024: a question is well formed, and the answers of the step's attempts name what is there. */
function lintQuestions(step: Step, sp: (string | number)[], questionIds: Set<string>, at: At): void {
  const questions = step.checks.flatMap((c, ci) => (c.kind === 'question' ? [{ q: c, path: [...sp, 'checks', ci] }] : []));
  questions.slice(1).forEach(({ q, path }) => at(path, 'CTR024', `step "${step.id}" has ${questions.length} questions ("${questions.map((x) => x.q.id).join('", "')}"): a step holds at most one; put "${q.id}" in a step of its own`));
  for (const { q, path } of questions) {
    if (questionIds.has(q.id)) at([...path, 'id'], 'CTR024', `question id "${q.id}" is used by another step: answers are saved by question id, so each question of a lesson needs its own`);
    questionIds.add(q.id);
    const ids = q.choices.map((c) => c.id);
    if (ids.length < 2 || ids.length > 5) at([...path, 'choices'], 'CTR024', `question "${q.id}" has ${ids.length} choice(s): give 2 to 5`);
    else if (ids.join() !== CHOICE_IDS.slice(0, ids.length).join()) at([...path, 'choices'], 'CTR024', `question "${q.id}" has choices ${ids.join(', ')}: letter them in order, ${CHOICE_IDS.slice(0, ids.length).join(', ')} (the learner types the letter shown)`);
    if (!ids.includes(q.answer)) at([...path, 'answer'], 'CTR024', `question "${q.id}" has answer "${q.answer}", which is not one of its choices (${ids.join(', ')})`);
    q.choices.forEach((c, k) => {
      if (c.id === q.answer && c.why) at([...path, 'choices', k, 'why'], 'CTR024', `choice "${c.id}" of question "${q.id}" is the right answer but has a "why" (shown only for a wrong choice): put it in explain`);
    });
    if (step.solution.answers?.[q.id] === undefined) at([...sp, 'solution'], 'CTR024', `the solution of step "${step.id}" does not answer question "${q.id}": add answers: { ${q.id}: ${q.answer} }`);
  }
  const attempts = [
    { path: [...sp, 'solution'], a: step.solution, name: 'the solution' },
    ...step.alternatives.map((n, ni) => ({ path: [...sp, 'alternatives', ni], a: n, name: `alternative "${n.id}"` })),
    ...step.nearMisses.map((n, ni) => ({ path: [...sp, 'nearMisses', ni], a: n, name: `near-miss "${n.id}"` })),
  ];
  for (const { path, a, name } of attempts) {
    for (const [id, choice] of Object.entries(a.answers ?? {})) {
      const q = questions.find((x) => x.q.id === id)?.q;
      if (!q) at([...path, 'answers', id], 'CTR024', `${name} answers "${id}", which is not a question of step "${step.id}"${questions.length ? ` (its question is "${questions[0].q.id}")` : ''}`);
      else if (!q.choices.some((c) => c.id === choice)) at([...path, 'answers', id], 'CTR024', `${name} answers "${choice}" to question "${id}", which has choices ${q.choices.map((c) => c.id).join(', ')}`);
    }
  }
}

function objectsOf(check: Check): ['containers' | 'networks' | 'volumes' | 'images', string][] {
  const out: ['containers' | 'networks' | 'volumes' | 'images', string][] = [];
  // The image a check inspects is one the lesson makes (only sandbox-made images count).
  if (check.kind === 'image') out.push(['images', check.image]);
  // A kube check's container is a pod's, in the learner's manifest, not a docker container.
  if ('container' in check && check.container !== undefined && !('object' in check)) out.push(['containers', check.container]);
  if (check.kind === 'run-config' && check.image) out.push(['images', check.image]);
  if (check.kind === 'reach') out.push(['containers', check.from]);
  if (check.kind === 'network') out.push(['networks', check.network]);
  if (check.kind === 'attached' && !['bridge', 'host', 'none'].includes(check.network)) out.push(['networks', check.network]);
  if (check.kind === 'volume-file') out.push(['volumes', check.volume]);
  if (check.kind === 'mount' && check.volume) out.push(['volumes', check.volume]);
  return out;
}

/** Every string in a value, with its path. */
function stringsIn(x: unknown, path: (string | number)[] = []): [string, (string | number)[]][] {
  if (typeof x === 'string') return [[x, path]];
  if (Array.isArray(x)) return x.flatMap((v, i) => stringsIn(v, [...path, i]));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => stringsIn(v, [...path, k]));
  return [];
}

/** The text files a lesson copies into workspaces (files/, solution/, alternative/…), by path. */
function lessonTextFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !['lesson.yaml', 'en.md', 'ko.md'].includes(relative(dir, p))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** CTR020-CTR022: per-learner values are declared, and everything a lesson creates is one. */
function lintMine(lesson: Lesson): Problem[] {
  const out: Problem[] = [];
  const file = lesson.source.yamlPath;
  const declared = new Set(Object.keys(lesson.mine));
  const undeclared = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((k) => !declared.has(k));
  const { dir: _dir, source: _source, intro, stepProse, values: _values, ...data } = lesson;
  for (const [text, path] of stringsIn(data)) {
    for (const k of undeclared(text)) out.push({ file, line: lesson.source.lineOf(path), code: 'CTR020', message: `[[${k}]] is not declared: add it under mine (e.g. ${k}: { name: ${k} } or ${k}: { port: 8080 })` });
  }
  const prose = [...Object.values(intro), ...Object.values(stepProse).flatMap((r) => Object.values(r))];
  for (const p of prose) {
    p.markdown.split('\n').forEach((line, i) => {
      for (const k of undeclared(line)) out.push({ file: p.file, line: p.line + i, code: 'CTR020', message: `[[${k}]] is not declared under mine in lesson.yaml` });
    });
  }
  for (const f of existsSync(lesson.dir) ? lessonTextFiles(lesson.dir) : []) {
    const raw = readFileSync(f);
    if (raw.includes(0)) continue;
    raw.toString('utf8').split('\n').forEach((line, i) => {
      for (const k of undeclared(line)) out.push({ file: file.replace(/lesson\.yaml$/, relative(lesson.dir, f)), line: i + 1, code: 'CTR020', message: `[[${k}]] is not declared under mine in lesson.yaml` });
    });
  }
  const isMine = (v: string | number) => typeof v === 'string' && v.includes('[[');
  for (const kind of ['containers', 'networks', 'volumes', 'images', 'hostPorts'] as const) {
    lesson.uses[kind].forEach((v, i) => {
      if (!isMine(v)) out.push({ file, line: lesson.source.lineOf(['uses', kind, i]), code: 'CTR021', message: `uses.${kind} lists ${JSON.stringify(v)}: on a shared engine two learners collide on it; declare it under mine and write "[[key]]"` });
    });
  }
  lesson.steps.forEach((step, si) =>
    step.checks.forEach((check, ci) => {
      const port = check.kind === 'http' || check.kind === 'registry-tag' || check.kind === 'digest' ? ['port', check.port] as const : check.kind === 'port' && check.hostPort !== undefined ? ['hostPort', check.hostPort] as const : null;
      if (port && !isMine(port[1])) out.push({ file, line: lesson.source.lineOf(['steps', si, 'checks', ci, port[0]]), code: 'CTR022', message: `check "${check.id}" calls host port ${port[1]}: use a per-learner port ("[[port]]", declared under mine)` });
    }),
  );
  return out;
}

/**
 * CTR025: in one lessons folder, each per-learner name base belongs to one lesson. A learner's lab
 * is kept between sessions, so lesson B's `worker-jimin` would meet lesson A's. (Within a lesson
 * one base may name a container and an image repository: they do not meet.)
 */
export function lintMineNames(lessons: Lesson[]): Problem[] {
  const seen = new Map<string, string>();
  const out: Problem[] = [];
  for (const l of lessons) {
    for (const [key, v] of Object.entries(l.mine)) {
      if (!('name' in v)) continue;
      const other = seen.get(v.name);
      if (other && other !== l.id) out.push({ file: l.source.yamlPath, line: l.source.lineOf(['mine', key]), code: 'CTR025', message: `name "${v.name}" is also a per-learner name of lesson ${other}: a learner's kept lab of ${other} would hold ${v.name}-<them>; choose a name of this lesson's own` });
      else seen.set(v.name, l.id);
    }
  }
  return out;
}

/** CTR023: across the lessons linted together, port defaults differ in their last two digits (a learner's port is their base + those). */
export function lintMinePorts(lessons: Lesson[]): Problem[] {
  const seen = new Map<number, string>();
  const out: Problem[] = [];
  for (const l of lessons) {
    for (const [key, v] of Object.entries(l.mine)) {
      if (!('port' in v)) continue;
      const slot = v.port % 100;
      const other = seen.get(slot);
      if (other) out.push({ file: l.source.yamlPath, line: l.source.lineOf(['mine', key]), code: 'CTR023', message: `port ${v.port} ends in ${String(slot).padStart(2, '0')}, like a port of lesson ${other}: a learner's kept labs of both would collide; choose other last two digits` });
      else seen.set(slot, l.id);
    }
  }
  return out;
}

export interface LintReport {
  lessons: Lesson[];
  problems: Problem[];
}

/** Load and lint every lesson folder under each root; keeps going after the first problem. */
export function lintRoots(roots: string[], cwd = process.cwd()): LintReport {
  const lessons: Lesson[] = [];
  const problems: Problem[] = [];
  for (const root of roots) {
    const here: Lesson[] = [];
    for (const dir of lessonDirs(root)) {
      const loaded = loadLesson(dir, cwd);
      problems.push(...loaded.problems);
      if (loaded.lesson) {
        here.push(loaded.lesson);
        problems.push(...lintLesson(loaded.lesson));
      }
    }
    // Names per lessons folder: a learner's labs are of the lessons of one folder.
    problems.push(...lintMineNames(here));
    lessons.push(...here);
  }
  problems.push(...lintBuildsOn(lessons), ...lintMinePorts(lessons));
  return { lessons, problems };
}

/** CTR019: across the lessons linted together, every `buildsOn` names one of them. */
export function lintBuildsOn(lessons: Lesson[]): Problem[] {
  const ids = new Set(lessons.map((l) => l.id));
  return lessons.flatMap((l) =>
    (l.buildsOn ?? []).flatMap((id, i) =>
      ids.has(id) ? [] : [{ file: l.source.yamlPath, line: l.source.lineOf(['buildsOn', i]), code: 'CTR019' as const, message: `buildsOn names "${id}", which is not a lesson here: use one of ${[...ids].sort().join(', ')}, or remove it` }],
    ),
  );
}
