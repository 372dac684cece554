import type { ProgressData, StepProgress } from '../../src/progress/store';
import type { ReportOptions } from '../../src/report/build';

/** Three members' progress (three homes), for reports and the scoreboard. */
const step = (s: Partial<StepProgress>): StepProgress => ({ attempts: 0, hintsUsed: 0, solutionRevealed: false, ...s });
const pass = (at: string, minutes: number, more: Partial<StepProgress> = {}) =>
  step({ passedAt: at, timeToPassMs: minutes * 60_000, attempts: 1, ...more });

export const LESSONS: ReportOptions['lessons'] = [
  { lesson: { id: 'run', title: { en: 'Run', ko: '실행' }, steps: [{ id: 'publish' }, { id: 'restart' }] }, week: 1 },
  { lesson: { id: 'stop', title: { en: 'Stop', ko: '멈춤' }, steps: [{ id: 'trap' }] }, week: 1 },
];

export const HOMES: Record<'ana' | 'bo' | 'cy', ProgressData> = {
  ana: {
    version: 1,
    lessons: {
      run: { startedAt: '2026-03-02T10:00:00Z', steps: {
        publish: pass('2026-03-02T10:04:00Z', 4, { attempts: 2, evidence: [{ check: 'running', actual: 'running' }, { check: 'port', actual: '80/tcp → 8080' }] }),
        restart: pass('2026-03-02T10:20:00Z', 16, { attempts: 5, hintsUsed: 2 }),
      } },
      stop: { startedAt: '2026-03-02T10:21:00Z', steps: { trap: pass('2026-03-02T10:40:00Z', 19, { attempts: 3, hintsUsed: 1 }) } },
    },
  },
  bo: {
    version: 1,
    lessons: {
      run: { startedAt: '2026-03-02T10:00:00Z', steps: {
        publish: pass('2026-03-02T10:10:00Z', 10, { attempts: 4, hintsUsed: 3, solutionRevealed: true }),
        restart: step({ attempts: 6, hintsUsed: 2 }),
      } },
    },
  },
  cy: {
    version: 1,
    lessons: {
      run: { startedAt: '2026-03-02T10:00:00Z', steps: {
        publish: pass('2026-03-02T10:02:00Z', 2),
        restart: pass('2026-03-02T10:30:00Z', 28, { attempts: 2, hintsUsed: 1 }),
      } },
      stop: { startedAt: '2026-03-02T10:31:00Z', steps: { trap: pass('2026-03-02T10:45:00Z', 14, { attempts: 1 }) } },
    },
  },
};
