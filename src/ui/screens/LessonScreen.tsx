import { homedir } from 'node:os';
import { Box, Text } from 'ink';
import { t } from '../../i18n/strings';
import type { Lesson } from '../../lessons/schema';
import { Dialog } from '../components/Dialog';
import { Footer } from '../components/Footer';
import { Header } from '../components/Header';
import { minutesLeft } from '../../course/meeting';
import { fromMarkdown, Lines } from '../components/Lines';
import { Prompt } from '../components/Prompt';
import { lessonLayout, proseLines, usableRows } from '../panes/layout';
import { statusLines } from '../panes/status';
import { lessonPanes } from '../panes/table';
import { paneWindow, type PaneWindow } from '../panes/window';
import { stepPassed, type AppState, type LessonView } from '../state/state';
import { displayWidth, tf } from '../text/text';
import { letters, openQuestion } from '../input/question';
import { toneProps } from '../text/theme';
import { wrapText, lineText } from '../text/wrap';

/**
 * A lesson: the step's text (Markdown), the steps with their state, a lower pane (output of your
 * commands, check results, hints, the command log, networks), how to reach the sandbox from
 * another terminal, the prompt, and the keys.
 */
export function LessonScreen({ state, view }: { state: AppState; view: LessonView }) {
  const lesson = state.lessons.find((l) => l.id === view.lessonId)!;
  const L = lessonLayout(state);
  const cols = state.size.cols;
  const prose = proseLines(state, view, L.proseWidth);
  const shown = prose.slice(view.scroll, view.scroll + L.proseHeight).map(fromMarkdown);
  const dialog = state.overlay && state.overlay.kind !== 'help' && state.overlay.kind !== 'cheat' ? state.overlay : null;
  const stepNo = tf(state.lang, 'stepOf', { n: view.stepIndex + 1, total: lesson.steps.length });
  const pane = paneWindow(state, view, lesson, cols - 2, L.paneHeight);
  // While the step's question is open the prompt says how to answer it.
  const question = openQuestion(state);
  return (
    <Box flexDirection="column" width={cols} height={usableRows(state)}>
      <Header state={state} title={lesson.title[state.lang]} right={state.group?.meeting ? `${tf(state.lang, 'meetingTimer', { left: minutesLeft(state.group.meeting, state.now) })} · ${stepNo}` : stepNo} />
      {L.sidebar ? null : <StepLine state={state} view={view} lesson={lesson} />}
      {dialog ? (
        <Dialog state={state} overlay={dialog} width={cols} height={L.proseHeight + 1 + L.paneHeight} />
      ) : (
        <>
          <Box flexDirection="row" height={L.proseHeight}>
            {L.sidebar ? <StepSidebar state={state} view={view} lesson={lesson} width={L.sidebar} height={L.proseHeight} /> : null}
            <Box marginLeft={L.sidebar ? 2 : 1} flexShrink={0}>
              <Lines lines={shown} height={L.proseHeight} width={L.proseWidth} />
            </Box>
          </Box>
          <PaneTabs state={state} view={view} lesson={lesson} proseTotal={prose.length} proseHeight={L.proseHeight} pane={pane} paneHeight={L.paneHeight} />
          <Box marginLeft={1}>
            <Lines lines={pane.lines} height={L.paneHeight} width={cols - 1} />
          </Box>
        </>
      )}
      {/* The sandbox's address, a notice, or the command running, wrapped: a notice is
          short-lived and the address comes back when it goes (a row more for the step's text). */}
      <StatusLines state={state} view={view} />
      {/* row: the prompt's, right above the footer (the rows above add up to the screen, layout.ts). */}
      <Prompt
        view={view}
        lang={state.lang}
        width={cols}
        pasting={state.paste?.size}
        placeholder={question ? tf(state.lang, 'input.placeholderQuestion', { letters: letters(question) }) : undefined}
        row={dialog ? undefined : usableRows(state) - L.footerRows - 1}
      />
      <Footer state={state} />
    </Box>
  );
}

function StepLine({ state, view, lesson }: { state: AppState; view: LessonView; lesson: Lesson }) {
  const title = lesson.steps[view.stepIndex].title[state.lang];
  return (
    <Text wrap="truncate-end">
      {lesson.steps.map((st, i) => {
        const passed = stepPassed(state.progress, lesson.id, st.id);
        const current = i === view.stepIndex;
        return (
          <Text key={st.id}>
            <Text {...toneProps(passed ? 'pass' : current ? 'accent' : 'muted')} inverse={current} bold={current}>
              {passed ? '✔' : '∙'}
              {i + 1}
            </Text>
            <Text> </Text>
          </Text>
        );
      })}
      <Text> </Text>
      <Text bold>{title}</Text>
    </Text>
  );
}

function StepSidebar({ state, view, lesson, width, height }: { state: AppState; view: LessonView; lesson: Lesson; width: number; height: number }) {
  const rows: React.ReactNode[] = [
    <Text key="h" {...toneProps('muted')}>
      {t(state.lang, 'steps')}
    </Text>,
  ];
  lesson.steps.forEach((st, i) => {
    const passed = stepPassed(state.progress, lesson.id, st.id);
    const current = i === view.stepIndex;
    wrapText(st.title[state.lang], width - 6).forEach((l, k) => {
      rows.push(
        <Text key={`${st.id}-${k}`} wrap="truncate-end">
          <Text {...toneProps(current ? 'accent' : 'muted')}>{k === 0 ? (current ? '> ' : '  ') : '  '}</Text>
          <Text {...toneProps(passed ? 'pass' : 'muted')}>{k === 0 ? (passed ? '✔ ' : '∙ ') : '  '}</Text>
          <Text bold={current} {...toneProps(current ? 'accent' : undefined)}>
            {k === 0 ? `${i + 1} ` : '  '}
            {lineText(l)}
          </Text>
        </Text>,
      );
    });
  });
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" flexShrink={0}>
      {rows.slice(0, height)}
    </Box>
  );
}

function PaneTabs(props: { state: AppState; view: LessonView; lesson: Lesson; proseTotal: number; proseHeight: number; pane: PaneWindow; paneHeight: number }) {
  const { state, view, lesson, proseTotal, proseHeight, pane, paneHeight } = props;
  // One tab a pane, from the pane table: its title, a count inside the tab, a mark after it.
  const tabs = lessonPanes(lesson).map((p) => ({ pane: p.id, label: t(state.lang, p.title), count: p.count?.(view, lesson) ?? '', mark: p.mark?.(view) ?? null }));
  // Where the step's text and the lower pane are when they hold more than fits, with the keys that
  // move them; shorter when that would not fit beside the tabs (at 80 columns a wrapped row pushed
  // the whole screen up and the header off it): short key names, then the pane's place without its
  // key. The step's place comes first and is the last to go: it says there is more to read.
  const prosePlace = proseTotal > proseHeight ? `${view.scroll + 1}-${Math.min(proseTotal, view.scroll + proseHeight)}/${proseTotal}` : '';
  const panePlace = pane.total > paneHeight ? `${pane.start + 1}-${Math.min(pane.total, pane.start + paneHeight)}/${pane.total}` : '';
  // Only the keys that still move it: at the top of the text PgDn, at its end PgUp, between them both.
  const proseKeys = scrollKeys(view.scroll > 0, view.scroll + proseHeight < proseTotal, 'PgUp', 'PgDn', ['PgUp/PgDn', 'PgUp/Dn']);
  const paneKeys = scrollKeys(pane.start > 0, pane.start < pane.last, 'Shift-Up', 'Shift-Down', ['Shift-Up/Down', 'Shift-Up/Dn']);
  const tabsWidth = tabs.reduce((w, tab) => w + displayWidth(` ${tab.label}${tab.count}${tab.mark?.text ?? ''} `) + 1, 0);
  const join = (a: string, b: string) => [a, b].filter(Boolean).join('  ');
  const place = (at: string, keys: string) => at && `${at} ${keys}`;
  const more =
    [
      join(place(prosePlace, proseKeys[0]), place(panePlace, paneKeys[0])),
      join(place(prosePlace, proseKeys[1]), place(panePlace, paneKeys[1])),
      join(place(prosePlace, proseKeys[1]), panePlace),
    ].find((m) => tabsWidth + displayWidth(m) < state.size.cols) ?? join(place(prosePlace, proseKeys[1]), panePlace);
  return (
    <Box width={state.size.cols} justifyContent="space-between">
      <Text wrap="truncate-end">
        {tabs.map((tab) => (
          <Text key={tab.pane}>
            <Text inverse={tab.pane === view.pane} bold={tab.pane === view.pane} {...toneProps(tab.pane === view.pane ? 'accent' : 'muted')}>
              {' '}
              {tab.label}
              {tab.count}{' '}
            </Text>
            {tab.mark ? <Text {...toneProps(tab.mark.tone)}>{tab.mark.text}</Text> : null}
            <Text> </Text>
          </Text>
        ))}
      </Text>
      <Text wrap="truncate-end" {...toneProps('muted')}>
        {more}
      </Text>
    </Box>
  );
}

function StatusLines({ state, view }: { state: AppState; view: LessonView }) {
  const lines = statusLines(state, view, homedir());
  return <Lines lines={lines} height={lines.length} width={state.size.cols} />;
}

/** The keys that scroll further (long and short forms): only the directions it can still move. */
function scrollKeys(up: boolean, down: boolean, upKey: string, downKey: string, both: [string, string]): [string, string] {
  if (up && down) return both;
  const one = up ? upKey : down ? downKey : '';
  return [one, one];
}
