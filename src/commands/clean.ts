import type { Args } from '../cli/args';
import { printJson, println } from '../cli/output';
import { reapSessions } from '../sandbox/reap';
import { isEmpty } from '../sandbox/remove';
import { connect } from './context';

/** Remove leftovers of ended sessions; --all also the objects of running sessions. Never anything else. */
export async function run(args: Args): Promise<number> {
  const api = connect();
  try {
    const report = await reapSessions(api, { all: !!args.flags.all });
    if (args.flags.json) printJson(report);
    else if (isEmpty(report.removed) && report.sessions.length === 0) println('Nothing to clean.');
    else {
      println(`Cleaned ${report.sessions.length} session(s):`);
      for (const [kind, names] of Object.entries(report.removed)) if (names.length) println(`  ${kind}: ${names.join(', ')}`);
    }
    return 0;
  } finally {
    api.close();
  }
}
