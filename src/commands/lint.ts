import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { lintRoots } from '../lessons/lint';
import { formatProblem } from '../lessons/problems';
import { join } from 'node:path';
import { checkCheatsheet } from '../cheatsheet/lint';
import { lessonIds } from '../cheatsheet/compile';
import { formatCheatProblem } from '../cheatsheet/problems';
import { lessonsRoot, packageRoot } from '../paths';

export async function run(args: Args): Promise<number> {
  const roots = args.positionals.length ? args.positionals : [lessonsRoot()];
  const { lessons, problems } = lintRoots(roots);
  // With no folders given, the shipped cheat sheet is linted too (it links lessons by id).
  const cheat = args.positionals.length ? [] : lintShippedCheatsheet();
  if (args.flags.json) {
    printJson({ lessons: lessons.map((l) => l.id), problems, cheatsheet: cheat });
  } else {
    for (const p of problems) println(formatProblem(p));
    for (const p of cheat) println(formatCheatProblem(p));
    const n = problems.length + cheat.length;
    println(n ? paint('fail', `${n} problem(s)`) : paint('pass', `${lessons.length} lesson(s)${args.positionals.length ? '' : ' and the cheat sheet'} clean`));
  }
  return problems.length + cheat.length ? 1 : 0;
}

function lintShippedCheatsheet() {
  const root = packageRoot();
  return checkCheatsheet(join(root, 'cheatsheet'), { shipped: true, root, knownLessons: lessonIds(join(root, 'lessons')) }).problems;
}
