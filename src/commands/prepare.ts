import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { prepareImages, type PrepareReport } from '../images/prepare';
import { connect } from './context';

/**
 * `ctr-learn prepare [--offline] [--json] [ref...]`: make the images lessons need.
 * Exit 0 when every image is ready, 1 when something the user can install is missing;
 * an unreachable engine is thrown (exit 2).
 */
export async function run(args: Args): Promise<number> {
  const api = connect();
  const cancel = new AbortController();
  const onInterrupt = () => cancel.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const report = await prepareImages(api, {
      offline: args.flags.offline === true,
      only: args.positionals.length ? args.positionals : undefined,
      signal: cancel.signal,
    });
    if (args.flags.json) printJson(report);
    else printReport(report);
    return report.failures.length ? 1 : 0;
  } finally {
    process.off('SIGINT', onInterrupt);
    api.close();
  }
}

function printReport(report: PrepareReport): void {
  const width = Math.max(0, ...[...report.images, ...report.failures].map((i) => i.ref.length)) + 2;
  report.images.forEach((img, i) => {
    const action = paint(img.action === 'present' ? 'muted' : 'pass', img.action.padEnd(8));
    println(`${img.ref.padEnd(width)}${action}${img.id.slice('sha256:'.length, 'sha256:'.length + 12)}  ${img.ms} ms`);
    // Refs of one image share a note: print it once, after the last of them.
    const next = report.images[i + 1];
    if (img.note && !(next?.id === img.id && next.note === img.note)) println(paint('muted', `  ${img.note}`));
  });
  for (const f of report.failures) {
    println(`${f.ref.padEnd(width)}${paint('fail', 'missing ')}${f.message}`);
    println(`  Try: ${f.tryThis}`);
  }
  const counts = (['built', 'pulled', 'present'] as const)
    .map((a) => [a, report.images.filter((i) => i.action === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${n} ${a}`);
  const ready = `${report.images.length} image${report.images.length === 1 ? '' : 's'} ready${counts.length ? ` (${counts.join(', ')})` : ''}`;
  const missing = report.failures.length ? paint('fail', `, ${report.failures.length} missing`) : '';
  println(`${ready}${missing} in ${report.ms} ms${report.offline ? ' (offline)' : ''}`);
}
