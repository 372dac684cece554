/** Output helpers for the non-interactive commands. Colour only on a TTY and without NO_COLOR. */
const useColor = () => process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';

const codes = { pass: 32, fail: 31, muted: 90, accent: 36, warn: 33 } as const;
export type Tone = keyof typeof codes;

export function paint(tone: Tone, text: string): string {
  return useColor() ? `\x1b[${codes[tone]}m${text}\x1b[0m` : text;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function println(text = ''): void {
  process.stdout.write(text + '\n');
}
