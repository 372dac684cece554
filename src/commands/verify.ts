import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { findLesson, loadCatalog } from '../lessons/catalog';
import { reapSessions } from '../sandbox/reap';
import { verifyLessons, type LessonVerdict, type Proof } from '../verify/verify';
import { connect } from './context';

/** Prove lessons on this engine: exit 0 only if every lesson holds all four ways. */
export async function run(args: Args): Promise<number> {
  const { lessons, broken } = loadCatalog();
  const chosen = args.positionals.length ? args.positionals.map((id) => findLesson(lessons, id)) : lessons;
  const api = connect();
  const started = performance.now();
  try {
    await reapSessions(api);
    const jobs = typeof args.flags.jobs === 'string' ? Number(args.flags.jobs) : 2;
    const verdicts = await verifyLessons(api, chosen, { jobs, onVerdict: args.flags.json ? undefined : (v) => println(formatVerdict(v)) });
    const ok = verdicts.every((v) => v.ok) && broken.length === 0;
    const ms = Math.round(performance.now() - started);
    if (args.flags.json) printJson({ ok, ms, lessons: verdicts, broken });
    else {
      for (const b of broken) println(paint('fail', `! ${b}`));
      println(ok ? paint('pass', `All ${verdicts.length} lesson(s) hold (${(ms / 1000).toFixed(1)} s).`) : paint('fail', `Some lessons do not hold (${(ms / 1000).toFixed(1)} s).`));
    }
    return ok ? 0 : 1;
  } finally {
    api.close();
  }
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
