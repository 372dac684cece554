import { t } from '../../i18n/strings';
import { seg, type UiLine, type UiSeg } from '../components/Lines';
import type { AppState, LessonView } from '../state/state';
import { displayWidth, tf } from '../text/text';
import type { Tone } from '../text/theme';
import { toneLines } from './lines';

/** At most this many rows for the status line (a long engine-down message names where it looked). */
export const MAX_STATUS_ROWS = 3;

/**
 * The row under the lower pane: a notice while one shows, else the command running, else the
 * sandbox's address (or why there is none), wrapped, never cut. The export line is one row, so it
 * can be copied whole; the workspace path joins it only when it fits.
 */
export function statusLines(s: AppState, v: LessonView, home = ''): UiLine[] {
  const width = s.size.cols - 1;
  const wrapped = (text: string, tone: Tone, extra: Omit<UiSeg, 'text' | 'tone'> = {}) => toneLines(text, width, tone, '', extra).slice(0, MAX_STATUS_ROWS);
  if (s.notice) return wrapped(s.notice.text, s.notice.tone, { bold: s.notice.tone === 'pass' });
  if (v.running) return wrapped(tf(s.lang, 'promptRunning', { line: v.running.line }), 'accent');
  const sb = s.sandbox;
  if (s.engine.state === 'down') {
    const known = s.engine.texts?.[s.lang];
    return wrapped(known ? tf(s.lang, 'engineDownCause', { message: known.message }) : tf(s.lang, 'engineDown', { message: s.engine.message }), 'fail');
  }
  if (sb.state === 'ready') {
    const host = tf(s.lang, 'otherTerminal', { host: sb.dockerHost });
    const dir = v.workspace?.dir ? (home ? v.workspace.dir.replace(home, '~') : v.workspace.dir) : '';
    const files = dir ? `  ${tf(s.lang, 'workspaceLine', { dir })}` : '';
    const line: UiLine = [seg(host, 'muted')];
    if (files && displayWidth(host + files) < s.size.cols) line.push(seg(files, 'muted'));
    return [line];
  }
  if (sb.state === 'failed') return wrapped(tf(s.lang, 'sandboxFailed', { message: sb.message }), 'fail');
  return [[seg(t(s.lang, 'sandboxOpening'), 'muted')]];
}
