/** Output helpers for the non-interactive commands. Colour only on a TTY and without NO_COLOR. */
const useColor = () => process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';

const codes = { pass: 32, fail: 31, muted: 90, accent: 36, warn: 33 } as const;
export type Tone = keyof typeof codes;

export function paint(tone: Tone, text: string): string {
  return useColor() ? `\x1b[${codes[tone]}m${text}\x1b[0m` : text;
}

let outputClosed = false;

/**
 * A reader that stops early (`ctr-learn lessons | head -1`) closes our stdout: the next write fails
 * with EPIPE, and an 'error' event nobody listens to kills the process with a stack trace. Every
 * command's output goes through process.stdout/stderr, so one listener each makes a closed pipe a
 * quiet non-event: the rest of the output is dropped and the command still finishes what it was
 * doing (a verify still removes its lab objects, a session end still writes its report) and exits
 * with its own code (0 for a listing). Any other write error is thrown as before.
 */
export function quietOnClosedOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if ((stream as { ctrQuietEpipe?: boolean }).ctrQuietEpipe) continue;
    (stream as { ctrQuietEpipe?: boolean }).ctrQuietEpipe = true;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
      if (stream === process.stdout) outputClosed = true;
    });
  }
}

export function printJson(value: unknown): void {
  if (outputClosed) return;
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function println(text = ''): void {
  if (outputClosed) return;
  process.stdout.write(text + '\n');
}
