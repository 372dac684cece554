import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test, vi } from 'vitest';
import { parseCli } from '../../src/cli/args';
import { run } from '../../src/commands/cheat';

const bin = join(import.meta.dirname, '../../bin/ctr-learn.js');

/** The built binary, as a learner runs it (no TTY: plain text), with no engine to ask. */
async function cheat(args: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'cht-cli-'));
  const r = await promisify(execFile)(process.execPath, [bin, 'cheat', ...args], {
    env: { PATH: process.env.PATH!, CTR_LEARN_HOME: home, DOCKER_HOST: 'unix:///nonexistent/docker.sock', LANG: 'C.UTF-8', ...env },
  }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
  return { ...r, home };
}

test('prints the best matches as plain text when not a terminal', async () => {
  // Words that look like flags go after --, since the CLI parses flags before the command runs.
  const r = await cheat(['--', 'stop', '-t']);
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').slice(0, 3)).toEqual([
    'docker stop -t <seconds> <container>',
    '    Stop with a grace period of N seconds before SIGKILL',
    '    e.g. docker stop -t 3 box',
  ]);
  expect(r.stdout).not.toContain('\x1b[');
});

test('Korean from LANG or --lang; JSON with both languages', async () => {
  expect((await cheat(['로그'], { LANG: 'ko_KR.UTF-8' })).stdout).toMatch(/^docker logs <container>\n {4}컨테이너 로그/);
  expect((await cheat(['logs', '--lang', 'ko'])).stdout).toContain('예 docker logs job');
  const json = JSON.parse((await cheat(['prune', 'volume', '--json'])).stdout);
  expect(json[0]).toMatchObject({ id: 'volume-prune', command: 'docker volume prune', description: { en: expect.any(String), ko: expect.any(String) } });
});

test('nothing found: a hint on stderr and exit 1; no words: the whole sheet by section', async () => {
  const none = await cheat(['zzqqxx']);
  expect(none).toMatchObject({ code: 1, stdout: '' });
  expect(none.stderr).toContain('Nothing in the cheat sheet matches "zzqqxx"');
  const all = await cheat([]);
  expect(all.code).toBe(0);
  expect(all.stdout.match(/^## .*/gm)).toEqual([
    '## Environment', '## Images', '## Registries', '## Image and container files', '## Running containers', '## Container lifecycle',
    '## Inspect and debug', '## Networks', '## Volumes', '## Docker Compose', '## Dockerfile instructions', '## Kubernetes (kubectl)',
  ]);
});

test("a learner's own entries are found and marked personal", async () => {
  const home = mkdtempSync(join(tmpdir(), 'cht-cli-'));
  mkdirSync(join(home, 'config'));
  writeFileSync(join(home, 'config', 'cheatsheet.yaml'), 'formatVersion: 1\nentries:\n  - id: facts\n    command: docker info --format json\n    description: { en: Engine facts as machine-readable text, ko: 엔진 정보를 기계가 읽는 형식으로 }\n');
  const r = await cheat(['machine-readable', 'facts'], { CTR_LEARN_HOME: home });
  expect(r.stdout.split('\n')[0]).toBe('docker info --format json [personal]');
});

afterEach(() => vi.restoreAllMocks());

test('practised lessons and live containers come in through the seams', async () => {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const code = await run(parseCli(['cheat', '--lang', 'en', '--', 'stop', '-t']), {
    practised: async () => new Set(['sigterm-trap']),
    liveState: async () => ({ containers: [{ name: 'counter', running: true }], networks: [], volumes: [] }),
  });
  expect(code).toBe(0);
  expect(out).toContain('docker stop -t <seconds> <container> [in a lesson you finished]');
  expect(out).toContain('    yours: docker stop -t 3 counter');
});
