import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { quickCatalog } from '../lessons/cache';
import { peekProgress } from '../progress/peek';
import { lessonStatus } from '../progress/status';
import { fill } from '../i18n/strings';
import { displayWidth } from '../ui/text/text';
import { pickLang } from './context';

export async function run(args: Args): Promise<number> {
  const { lessons, broken } = await quickCatalog();
  // Only reads the progress: plain JSON, unless the file looks wrong (the store then moves it aside).
  const peeked = peekProgress();
  const opened = peeked.plausible ? null : (await import('../progress/store')).openProgress();
  const progress = opened?.store.data() ?? peeked.data;
  const recoveredFrom = opened?.recoveredFrom;
  const lang = pickLang(args, progress.lang);
  const rows = lessons.map((l) => {
    const s = lessonStatus(progress, l.id, l.steps.map((x) => x.id));
    return { id: l.id, title: l.title[lang], track: l.track, week: l.week, steps: l.steps.length, passed: s.passed, progress: s.state };
  });
  if (args.flags.json) {
    printJson({ lessons: rows, broken });
    return 0;
  }
  if (recoveredFrom) println(paint('warn', fill(lang, 'progressRecovered', { path: recoveredFrom })));
  for (const r of rows) {
    const mark = r.progress === 'done' ? paint('pass', '✔') : r.progress === 'in-progress' ? paint('accent', '…') : ' ';
    println(`${mark} ${r.id}${' '.repeat(Math.max(1, 19 - displayWidth(r.id)))}${r.title}  ${paint('muted', fill(lang, 'lessons.row', r))}`);
  }
  for (const b of broken) println(paint('fail', `! ${b}`));
  return 0;
}
