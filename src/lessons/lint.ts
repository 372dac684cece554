import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors';
import { parseLearnerCommand } from '../sandbox/run-command';
import { lessonDirs, loadLesson } from './load';
import type { Problem } from './problems';
import type { Check, Lesson } from './schema';
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
  let nearMisses = 0;
  let alternatives = 0;

  lesson.steps.forEach((step, si) => {
    const sp = ['steps', si];
    if (stepIds.has(step.id)) at([...sp, 'id'], 'CTR008', `step id "${step.id}" is used twice`);
    stepIds.add(step.id);
    if (step.checks.length === 0) at(sp, 'CTR001', `step "${step.id}" has no check: add at least one under checks:`);
    if (step.hints.length === 0) at(sp, 'CTR010', `step "${step.id}" has no hints: add a ladder (nudge, flag, full command)`);
    if (step.solution.commands.length === 0 && Object.keys(step.solution.files).length === 0) {
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
    step.nearMisses.forEach((n, ni) => {
      nearMisses++;
      if (!checkIds.has(n.failsCheck)) at([...sp, 'nearMisses', ni, 'failsCheck'], 'CTR007', `near-miss "${n.id}" names check "${n.failsCheck}", which step "${step.id}" does not have`);
    });
  });
  if (nearMisses === 0) at(['steps'], 'CTR015', 'the lesson has no near-miss answers: add the mistakes learners really make under a step\'s nearMisses');
  // Per lesson, not per step: some steps have one sensible answer (`docker start counter`), and
  // forcing two alternatives there would invent answers nobody types. A lesson as a whole always
  // has other spellings and real mistakes. (Not said again when CTR015 already says "none".)
  else if (alternatives < MIN_ALTERNATIVES || nearMisses < MIN_NEAR_MISSES) {
    at(['steps'], 'CTR018', `the lesson has ${alternatives} alternative right answer(s) and ${nearMisses} near-miss(es); verify needs at least ${MIN_ALTERNATIVES} and ${MIN_NEAR_MISSES}: add other ways learners really type a right answer under a step's alternatives, and real mistakes under nearMisses`);
  }

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

function objectsOf(check: Check): ['containers' | 'networks' | 'volumes' | 'images', string][] {
  const out: ['containers' | 'networks' | 'volumes' | 'images', string][] = [];
  // The image a check inspects is one the lesson makes (only sandbox-made images count).
  if (check.kind === 'image') out.push(['images', check.image]);
  if ('container' in check && check.container !== undefined) out.push(['containers', check.container]);
  if (check.kind === 'run-config' && check.image) out.push(['images', check.image]);
  if (check.kind === 'reach') out.push(['containers', check.from]);
  if (check.kind === 'network') out.push(['networks', check.network]);
  if (check.kind === 'attached' && !['bridge', 'host', 'none'].includes(check.network)) out.push(['networks', check.network]);
  if (check.kind === 'volume-file') out.push(['volumes', check.volume]);
  if (check.kind === 'mount' && check.volume) out.push(['volumes', check.volume]);
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
    for (const dir of lessonDirs(root)) {
      const loaded = loadLesson(dir, cwd);
      problems.push(...loaded.problems);
      if (loaded.lesson) {
        lessons.push(loaded.lesson);
        problems.push(...lintLesson(loaded.lesson));
      }
    }
  }
  problems.push(...lintBuildsOn(lessons));
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
