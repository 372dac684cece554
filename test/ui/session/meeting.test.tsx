import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { readMeeting, writeMeeting } from '../../../src/course/meeting-file';
import type { AppEvent } from '../../../src/ui/state/events';
import { closeMeetingNow } from '../../../src/ui/session/group-watch';
import { describe, expect, it } from 'vitest';
import type { Course } from '../../../src/course/schema';
import { HomeScreen } from '../../../src/ui/screens/HomeScreen';
import { homeLessons } from '../../../src/ui/state/state';
import { ENTER, fakeLesson, readyState, run } from '../helpers';

const lessons = ['alpha', 'beta', 'gamma'].map((id, i) => ({ ...fakeLesson(id), week: i + 1 }));
const course: Course = {
  title: { en: 'A course', ko: '코스' },
  weeks: lessons.map((l, i) => ({ week: i + 1, title: { en: `Week ${i + 1}`, ko: `${i + 1}주차` }, lessons: [l.id] })),
} as Course;
const start = Date.parse('2026-12-06T18:00:00Z');
const meeting = { startedAt: new Date(start).toISOString(), minutes: 30, lessons: ['beta', 'gamma'], week: 2 };
const frame = (s: ReturnType<typeof readyState>) => {
  const r = render(<HomeScreen state={s} cursor={s.screen.name === 'home' ? s.screen.cursor : 0} />);
  const text = r.lastFrame() ?? '';
  r.unmount();
  return text;
};

describe('the study group in the app', () => {
  it('without a meeting: every lesson, and the week with what is due in the header', () => {
    const { state } = run(readyState({ lessons }), { type: 'groupLoaded', course, meeting: null });
    expect(homeLessons(state).map((l) => l.id)).toEqual(['alpha', 'beta', 'gamma']);
    // Self-paced (no start date): the first week with a lesson not done; due: its lessons and earlier.
    expect(frame(state)).toContain('week 1 · 1 due');
  });

  it('an open meeting lists only its lessons, with its timer, and opens them from its own list', () => {
    const s0 = { ...readyState({ lessons }), now: start + 12 * 60_000 };
    const { state } = run(s0, { type: 'groupLoaded', course, meeting });
    expect(homeLessons(state).map((l) => l.id)).toEqual(['beta', 'gamma']);
    const text = frame(state);
    expect(text).toMatch(/Session \(week 2\): 18 min left/);
    expect(text).toContain('0 of 2 lessons done');
    expect(text).not.toContain('Demo lesson alpha');
    // Down, Enter: the second lesson of the meeting's list, not of the catalog.
    const opened = run(state, { type: 'move', delta: 1 }, ENTER);
    expect(opened.state.screen).toMatchObject({ name: 'lesson', lessonId: 'gamma' });
  });

  it("when the time is up the meeting closes once, its report is written, and every lesson is listed again", () => {
    const { state } = run({ ...readyState({ lessons }), now: start }, { type: 'groupLoaded', course, meeting });
    const early = run(state, { type: 'tick', now: start + 29 * 60_000 });
    expect(early.effects).toEqual([]);
    const due = run(early.state, { type: 'tick', now: start + 30 * 60_000 });
    expect(due.effects).toEqual([{ type: 'closeMeeting' }]);
    expect(frame(due.state)).toContain('Session time is up: writing your report');
    // A second tick while the report is written asks for nothing more.
    expect(run(due.state, { type: 'tick', now: start + 31 * 60_000 }).effects).toEqual([]);
    const closed = run(due.state, { type: 'meetingClosed', file: '/tmp/ana-report.md' });
    expect(closed.state.notice?.text).toContain('/tmp/ana-report.md');
    expect(homeLessons(closed.state).map((l) => l.id)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('says it in Korean too', () => {
    const s0 = { ...readyState({ lessons, lang: 'ko' }), now: start };
    const { state } = run(s0, { type: 'groupLoaded', course, meeting });
    expect(frame(state)).toContain('스터디 세션 (2주차): 30분 남음');
  });

  it("closing writes this member's report for the meeting's lessons and removes the meeting", async () => {
    const home = mkdtempSync(join(tmpdir(), 'ctr-meeting-'));
    const saved = process.env.CTR_LEARN_HOME;
    process.env.CTR_LEARN_HOME = home;
    try {
      writeMeeting(meeting);
      const { state } = run(readyState({ lessons }), { type: 'groupLoaded', course, meeting: readMeeting() });
      const events: AppEvent[] = [];
      await closeMeetingNow(state, (e) => events.push(e));
      expect(events).toHaveLength(1);
      const file = (events[0] as { file: string }).file;
      const report = readFileSync(file, 'utf8');
      expect(report).toContain('beta');
      expect(report).not.toContain('| alpha');
      expect(readMeeting()).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.CTR_LEARN_HOME;
      else process.env.CTR_LEARN_HOME = saved;
      rmSync(home, { recursive: true, force: true });
    }
  });
});
