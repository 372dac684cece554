import type { Args } from '../cli/args';

/** Placeholder until the Ink app lands (issue 3): tell the learner what works today. */
export async function runApp(_args: Args): Promise<number> {
  process.stdout.write('The interactive app is being built. Meanwhile: ctr-learn lessons, ctr-learn shell <lesson>, ctr-learn check <lesson>.\n');
  return 1;
}
