import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findLesson, loadCatalog } from '../lessons/catalog';
import { loadLesson } from '../lessons/load';
import { formatProblem } from '../lessons/problems';
import type { Lesson } from '../lessons/schema';
import { lessonsRoot } from '../paths';
import { reapSessions } from '../sandbox/reap';
import { verifyLessons, type LessonVerdict, type Proof } from '../verify/verify';
import { connect } from './context';
import { liveMode } from '../kube/live/mode';
import { sayLive } from '../kube/live/say';

/** Prove lessons on this engine: exit 0 only if every lesson holds all four ways. */
export async function run(args: Args): Promise<number> {
  const { chosen, broken } = chosenLessons(args.positionals);
  const api = connect();
  const started = performance.now();
  try {
    // Lessons that need no engine are proven without one.
    if (chosen.some((l) => l.requires.engine)) {
      await reapSessions(api);
      // Checks read past events; the engine keeps 256, which a busy engine turns over in a minute.
      await api.recordEvents();
    }
    const jobs = typeof args.flags.jobs === 'string' ? Number(args.flags.jobs) : 2;
    // Tier 3: a lesson's live checks run only when a kubeconfig context answers; say which.
    const mode = chosen.some((l) => l.steps.some((s) => s.live?.length)) ? await liveMode() : null;
    const liveLine = (v: LessonVerdict) => {
      const n = chosen.find((l) => l.id === v.lessonId)?.steps.reduce((k, s) => k + (s.live?.length ?? 0), 0) ?? 0;
      if (!n || !mode) return '';
      return `\n  ${mode.state === 'on' ? `live checks: ${n}, run on context ${mode.context}` : `${sayLive('en', 'notRun')} — ${n} of them`}`;
    };
    const verdicts = await verifyLessons(api, chosen, { jobs, onVerdict: args.flags.json ? undefined : (v) => println(formatVerdict(v) + liveLine(v)) });
    const ok = verdicts.every((v) => v.ok) && broken.length === 0;
    const ms = Math.round(performance.now() - started);
    if (args.flags.json) printJson({ ok, ms, lessons: verdicts, broken, ...(mode ? { live: mode.state === 'on' ? { run: true, context: mode.context } : { run: false, why: mode.state } } : {}) });
    else {
      for (const b of broken) println(paint('fail', `! ${b}`));
      println(ok ? paint('pass', `All ${verdicts.length} lesson(s) hold (${(ms / 1000).toFixed(1)} s).`) : paint('fail', `Some lessons do not hold (${(ms / 1000).toFixed(1)} s).`));
    }
    return ok ? 0 : 1;
  } finally {
    api.close();
  }
}

/**
 * The lessons named (only their folders are parsed: proving one lesson need not read all of
 * them), or every lesson. A name that is not a lesson folder is looked up in the catalog, which
 * says which lessons there are.
 */
function chosenLessons(ids: string[]): { chosen: Lesson[]; broken: string[] } {
  const root = lessonsRoot();
  if (ids.length && ids.every((id) => /^[a-z0-9-]+$/.test(id) && existsSync(join(root, id, 'lesson.yaml')))) {
    const loaded = ids.map((id) => loadLesson(join(root, id)));
    const broken = loaded.flatMap((l) => l.problems.map(formatProblem));
    return { chosen: loaded.flatMap((l) => (l.lesson && l.problems.length === 0 ? [l.lesson] : [])), broken };
  }
  const { lessons, broken } = loadCatalog(root);
  return { chosen: ids.length ? ids.map((id) => findLesson(lessons, id)) : lessons, broken };
}

function formatVerdict(v: LessonVerdict): string {
  const mark = (p: Proof) => (p.ok ? paint('pass', '✔') : paint('fail', '✘'));
  const lines = [`${v.ok ? paint('pass', '✔') : paint('fail', '✘')} ${v.lessonId} ${paint('muted', `${(v.ms / 1000).toFixed(1)} s`)}`];
  const count = (ps: Proof[]) => `${ps.filter((p) => p.ok).length}/${ps.length}`;
  lines.push(
    `  blank fails ${count(v.blank)} · reference passes ${count(v.reference)} · alternatives pass ${count(v.alternatives)} · near-misses fail ${count(v.nearMisses)} · side by side ${count(v.sideBySide)}`,
  );
  for (const p of [...v.blank, ...v.reference, ...v.alternatives, ...v.nearMisses, ...v.sideBySide]) {
    if (!p.ok || p.case !== 'blank') lines.push(`  ${mark(p)} ${p.stepId} ${p.case}: ${p.detail}`);
  }
  for (const e of v.errors) lines.push(`  ${paint('fail', '!')} ${e}`);
  return lines.join('\n');
}
