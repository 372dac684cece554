import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { lintRoots } from '../lessons/lint';
import { formatProblem } from '../lessons/problems';
import { lessonsRoot } from '../paths';

export async function run(args: Args): Promise<number> {
  const roots = args.positionals.length ? args.positionals : [lessonsRoot()];
  const { lessons, problems } = lintRoots(roots);
  if (args.flags.json) {
    printJson({ lessons: lessons.map((l) => l.id), problems });
  } else {
    for (const p of problems) println(formatProblem(p));
    println(problems.length ? paint('fail', `${problems.length} problem(s) in ${roots.join(', ')}`) : paint('pass', `${lessons.length} lesson(s) clean`));
  }
  return problems.length ? 1 : 0;
}
