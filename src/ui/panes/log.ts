import { t } from '../../i18n/strings';
import { seg, type UiLine } from '../components/Lines';
import type { AppState } from '../state/state';
import { tf } from '../text/text';
import { leadLines, toneLines } from './lines';

/**
 * The command log: the learner's commands and their API calls in full; ctr-learn's own calls
 * (polling for the checks and the pictures) folded into one muted line per run of them, counted by
 * call, so the learner's calls are not lost among them (84 entries after 6 commands before).
 */
export function logLines(s: AppState, width = s.size.cols - 2): UiLine[] {
  if (s.log.length === 0) return toneLines(t(s.lang, 'logEmpty'), width, 'muted');
  const lines: UiLine[] = [];
  let own: Map<string, number> | null = null;
  const flushOwn = () => {
    if (!own) return;
    const total = [...own.values()].reduce((a, b) => a + b, 0);
    const calls = [...own].map(([call, n]) => (n > 1 ? `${call} x${n}` : call)).join(', ');
    lines.push(...leadLines([seg('  ', 'muted')], [seg(tf(s.lang, 'logOwnCalls', { n: total, calls }), 'muted')], width));
    own = null;
  };
  for (const e of s.log) {
    if (e.kind === 'call' && e.by !== 'learner' && !e.refused) {
      own ??= new Map();
      const call = `${e.method} ${readablePath(e.path).replace(/\?.*$/, '')}`;
      own.set(call, (own.get(call) ?? 0) + 1);
      continue;
    }
    flushOwn();
    if (e.kind === 'command') lines.push(...toneLines(`$ ${e.line}`, width, 'accent', '', { bold: true }));
    else if (e.kind === 'check') lines.push(...toneLines(`# ${e.label}`, width, 'accent'));
    else {
      const who = e.by === 'learner' ? 'docker    ' : 'ctr-learn ';
      const status = e.refused ? 'refused' : String(e.status);
      const ms = `${e.ms.toFixed(e.ms < 10 ? 1 : 0)} ms`;
      lines.push(
        ...leadLines(
          [seg(`  ${who}`, 'muted'), seg(status.padEnd(4), e.refused || e.status >= 400 ? 'fail' : 'muted'), seg(` ${ms.padStart(8)}  `, 'muted')],
          [seg(`${e.method} `, e.by === 'learner' ? undefined : 'muted', { bold: e.by === 'learner' }), seg(readablePath(e.path), e.by === 'learner' ? undefined : 'muted')],
          width,
        ),
      );
      if (e.refused) lines.push(...toneLines(tf(s.lang, 'logRefused', { why: e.refused }), width, 'fail', '    '));
    }
  }
  flushOwn();
  return lines;
}

/** The path as a person reads it: query decoded, 64-hex IDs cut to 12 like `docker ps` shows them. */
export function readablePath(path: string): string {
  let p = path;
  try {
    p = decodeURIComponent(path);
  } catch {
    /* keep it encoded */
  }
  return p.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1');
}
