import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerLimitMs } from '../helpers/answer-limit';
import { brokenEngines, type BrokenEngines } from '../helpers/broken-engines';
import { startApp, type PtyApp } from './pty';

/**
 * The built app in a real pseudo-terminal with DOCKER_HOST at an engine gone wrong: the home
 * screen's engine line says why within 5 s of the start (more on a loaded machine: answerLimitMs), and the fix, in the chosen language.
 * Needs no engine, so it always runs.
 */
let engines: BrokenEngines;
let limitMs = 5000;
const running: PtyApp[] = [];
beforeAll(async () => {
  engines = await brokenEngines();
  limitMs = answerLimitMs();
});
afterAll(async () => {
  for (const app of running) app.pty.kill('SIGKILL');
  await engines?.close();
});

it.for([
  ['hung', 'en', 'accepts connections but has not answered in 2 s', 'fix: restart the engine listening there'],
  ['hung', 'ko', '2초 동안 아무 응답이 없어요', '해결: 그 주소의 엔진을 다시 시작하세요'],
  ['dying', 'en', 'closed the connection before it finished answering', 'fix: read the log of the engine there'],
  ['diesMidAnswer', 'en', 'closed the connection before it finished answering', 'fix: read the log of the engine there'],
  ['missing', 'ko', '소켓 파일이 없어요', '해결: 이 소켓을 만들어야 할 엔진을 시작하세요'],
] as [keyof BrokenEngines, 'en' | 'ko', string, string][])('%s (%s): the cause and the fix on the home screen within 5 s', async ([which, lang, cause, fix]) => {
  const started = Date.now();
  const app = startApp(['--lang', lang], { cols: 200, env: { DOCKER_HOST: `unix://${engines[which] as string}` } });
  running.push(app);
  const screen = await app.waitFor((s) => s.includes(fix), limitMs);
  expect(Date.now() - started).toBeLessThan(limitMs);
  const flat = screen.replace(/\s+/g, ' ');
  expect(flat).toContain(cause);
  expect(flat).toContain(lang === 'en' ? '(from DOCKER_HOST)' : '(DOCKER_HOST 설정)');
  expect(flat).not.toContain('not found');
  app.press('q');
  await app.exited;
});
