/**
 * The only colours the UI uses, by meaning. NO_COLOR (https://no-color.org) turns every colour
 * off; emphasis that is not colour (bold, inverse for the cursor) stays so the screen still reads.
 */
export type Tone = 'pass' | 'fail' | 'muted' | 'accent' | 'warn';

const COLORS: Record<Tone, string> = { pass: 'green', fail: 'red', muted: 'gray', accent: 'cyan', warn: 'yellow' };

export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !('NO_COLOR' in env) && env.TERM !== 'dumb';
}

/** Props for an Ink <Text> in this tone. Without colour, muted text is dimmed instead of grey. */
export function toneProps(tone: Tone | undefined): { color?: string; dimColor?: boolean } {
  if (!tone) return {};
  if (colorEnabled()) return { color: COLORS[tone] };
  return tone === 'muted' ? { dimColor: true } : {};
}
