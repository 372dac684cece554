import { Box, Text } from 'ink';
import { t } from '../../i18n/strings';
import { Footer } from '../components/Footer';
import { Header } from '../components/Header';
import { Lines, seg, type UiLine } from '../components/Lines';
import { Notice, noticeLines } from '../components/Notice';
import { footerLines, usableRows } from '../panes/layout';
import { continueLessonId } from '../state/reducer';
import { homeLessons, lessonStatus, openingStep, type AppState } from '../state/state';
import { currentWeek, dueLessons } from '../../course/due';
import { meetingEnds, minutesLeft } from '../../course/meeting';
import { displayWidth, fit, padTo, tf } from '../text/text';
import { toneProps } from '../text/theme';
import { wrapText, lineText } from '../text/wrap';

/**
 * Home: the engine in one line (and how to fix it), where to continue, and every lesson by
 * track with its week and progress.
 */
export function HomeScreen({ state, cursor }: { state: AppState; cursor: number }) {
  const { lang, progress } = state;
  // An open meeting lists only its lessons (homeLessons); the cursor indexes this list.
  const lessons = homeLessons(state);
  const cols = state.size.cols;
  const rows = usableRows(state);
  const contId = continueLessonId(state);
  const cont = lessons.find((l) => l.id === contId);
  const weekLabel = weekLine(state);

  const stateText = { done: t(lang, 'stateDone'), 'in-progress': t(lang, 'stateInProgress'), 'not-started': t(lang, 'stateNotStarted') };
  const statusWidth = Math.max(...Object.values(stateText).map(displayWidth));
  const weekWidth = Math.max(...lessons.map((l) => displayWidth(tf(lang, 'weekShort', { week: l.week }))), 0);
  const idWidth = cols >= 100 ? Math.min(20, Math.max(...lessons.map((l) => l.id.length), 0) + 2) : 0;
  // marker + glyph (4), id, title, "  week N  " (weekWidth + 4), status, "  n/m" (7), one spare column
  const titleWidth = Math.max(10, cols - 4 - idWidth - (weekWidth + 4) - statusWidth - 7 - 1);

  const top: UiLine[] = engineLines(state);
  const meeting = state.group?.meeting;
  if (meeting) {
    const text = state.group?.closing
      ? t(lang, 'meetingOver')
      : tf(lang, 'meetingLine', {
          week: meeting.week !== undefined ? tf(lang, 'meetingWeek', { week: meeting.week }) : '',
          left: minutesLeft(meeting, state.now),
          end: new Date(meetingEnds(meeting)).toTimeString().slice(0, 5),
          done: lessons.filter((l) => lessonStatus(progress, l).state === 'done').length,
          total: lessons.length,
        });
    for (const l of wrapText(text, cols - 1)) top.push([seg(lineText(l), 'warn')]);
  }
  if (state.recoveredFrom) {
    for (const l of wrapText(tf(lang, 'progressRecovered', { path: state.recoveredFrom }), cols - 1)) top.push([seg(lineText(l), 'warn')]);
  }
  if (cont) {
    const started = lessonStatus(progress, cont).state !== 'not-started';
    const text = started
      ? tf(lang, 'continueLine', { lesson: cont.title[lang], n: openingStep(state, cont) + 1, total: cont.steps.length })
      : // Enter opens the lesson under the cursor: the line names Enter only when that is this lesson.
        tf(lang, lessons[cursor]?.id === cont.id ? 'startLine' : 'startLineKey', { lesson: cont.title[lang] });
    // Wrapped, never cut: at 80 columns a long title left "step 3..." and no key to press.
    for (const l of wrapText(text, cols - 1)) top.push([seg(lineText(l), 'accent')]);
  }

  const list: React.ReactNode[] = [];
  let track = '';
  lessons.forEach((l, i) => {
    if (l.track !== track) {
      track = l.track;
      list.push(
        <Text key={`t-${track}`} bold>
          {track}
        </Text>,
      );
    }
    const st = lessonStatus(progress, l);
    const selected = i === cursor;
    const mark = st.state === 'done' ? '✔' : st.state === 'in-progress' ? '▸' : '∙';
    const tone = st.state === 'done' ? 'pass' : st.state === 'in-progress' ? 'accent' : 'muted';
    list.push(
      <Text key={l.id} wrap="truncate-end">
        <Text {...toneProps('accent')} bold>
          {selected ? '> ' : '  '}
        </Text>
        <Text {...toneProps(tone)}>{mark} </Text>
        {idWidth ? <Text {...toneProps('muted')}>{padTo(l.id, idWidth)}</Text> : null}
        <Text inverse={selected} bold={selected}>
          {padTo(fit(l.title[lang], titleWidth), titleWidth)}
        </Text>
        <Text {...toneProps('muted')}>  {padTo(tf(lang, 'weekShort', { week: l.week }), weekWidth)}  </Text>
        <Text {...toneProps(tone)}>{padTo(stateText[st.state], statusWidth)}</Text>
        <Text {...toneProps('muted')}>  {st.passed}/{st.total}</Text>
      </Text>,
    );
  });
  if (lessons.length === 0) list.push(<Text key="none">{t(lang, 'noLessons')}</Text>);
  if (state.broken.length) {
    list.push(
      <Text key="broken" {...toneProps('fail')}>
        {tf(lang, 'brokenLessons', { n: state.broken.length })}
      </Text>,
    );
    for (const b of state.broken.slice(0, 5)) {
      list.push(
        <Text key={b} {...toneProps('fail')} wrap="truncate-end">
          {'  '}
          {b}
        </Text>,
      );
    }
  }

  // The notice wraps (the lab-is-back line was cut at 80 columns): the list gives it its rows.
  const noticeRows = noticeLines(state.notice, cols - 1).length;
  const listHeight = Math.max(3, rows - 1 - top.length - 2 - noticeRows - footerLines(state).length);
  // Keep the selected lesson in view when the list is longer than the screen.
  const selectedRow = list.findIndex((n) => (n as { key?: string }).key === lessons[cursor]?.id);
  const start = Math.max(0, Math.min(selectedRow - listHeight + 2, list.length - listHeight));
  return (
    <Box flexDirection="column" width={cols} height={rows}>
      <Header state={state} title={t(lang, 'appTagline')} right={weekLabel} />
      <Lines lines={top} height={top.length} width={cols} />
      <Text> </Text>
      <Text {...toneProps('muted')}>{t(lang, 'lessonsHeading')}</Text>
      {/* Rows truncate themselves; clipping only rows spares Ink slicing every line (see Lines). */}
      <Box flexDirection="column" height={listHeight} flexShrink={0} overflowY="hidden">
        {list.slice(Math.max(0, start), Math.max(0, start) + listHeight)}
      </Box>
      <Notice notice={state.notice} width={cols - 1} />
      <Footer state={state} />
    </Box>
  );
}

/** The engine in one line (found, or not found and how to fix it). */
function engineLines(state: AppState): UiLine[] {
  const { lang, engine } = state;
  if (engine.state === 'checking') return [[seg(t(lang, 'engineChecking'), 'muted')]];
  if (engine.state === 'ok') return [[seg('✔ ', 'pass'), seg(tf(lang, 'engineOk', { version: engine.version, endpoint: engine.endpoint }))]];
  // With a known cause (src/engine/diagnose.ts) the texts say it in the learner's language; the message names where the engine was looked for, so it may take three lines.
  const known = engine.texts?.[lang];
  const lines: UiLine[] = wrapText(known ? tf(lang, 'engineDownCause', { message: known.message }) : tf(lang, 'engineDown', { message: engine.message }), state.size.cols - 3)
    .slice(0, known ? 3 : 2)
    .map((l, i) => [seg(i === 0 ? '✘ ' : '  ', 'fail'), seg(lineText(l), 'fail')]);
  const fix = known?.fix ?? engine.tryThis;
  if (fix) {
    for (const l of wrapText(tf(lang, 'engineFix', { fix }), state.size.cols - 3)) lines.push([seg(`  ${lineText(l)}`, 'accent')]);
  }
  return lines;
}

/**
 * The header's week: with the course loaded, the group's current week (by its start date, or the
 * first week not done when self-paced) and how many lessons are due up to it; before, the week of
 * the first lesson not done.
 */
function weekLine(s: AppState): string {
  if (s.group) {
    const stepIds = Object.fromEntries(s.lessons.map((l) => [l.id, l.steps.map((x) => x.id)]));
    const current = currentWeek(s.group.course, s.progress, stepIds, new Date(s.now));
    if (!current) return '';
    return tf(s.lang, 'courseWeekDue', { week: current.week, due: dueLessons(s.group.course, s.progress, stepIds, new Date(s.now)).length });
  }
  const week = courseWeek(s);
  return week ? tf(s.lang, 'courseWeek', { week }) : '';
}

/** The course week: the week of the first lesson not done yet (the last week when all are done). */
export function courseWeek(s: AppState): number | null {
  if (s.lessons.length === 0) return null;
  const open = s.lessons.filter((l) => lessonStatus(s.progress, l).state !== 'done');
  return Math.min(...(open.length ? open : s.lessons.slice(-1)).map((l) => l.week));
}
