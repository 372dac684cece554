import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLimitMs } from '../helpers/answer-limit';
import { brokenEngines, type BrokenEngines } from '../helpers/broken-engines';

/**
 * The built CLI against engines gone wrong: every engine-down path answers within 5 s (more on a
 * loaded machine: answerLimitMs), exits 2
 * ("could not check"), and names the cause, where the endpoint came from, and the fix, in English
 * and in Korean.
 */
const BIN = resolve(__dirname, '../../bin/ctr-learn.js');
let LIMIT_MS = 5000;

interface Run {
  code: number | null;
  out: string;
  ms: number;
}

function runCli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const started = performance.now();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, ...env };
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: childEnv, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? null) : 0;
      done({ code: typeof code === 'number' ? code : null, out: stdout + stderr, ms: performance.now() - started });
    });
  });
}

let engines: BrokenEngines;
let emptyDockerConfig: string;
beforeAll(async () => {
  if (!existsSync(BIN) || !existsSync(resolve(__dirname, '../../dist'))) throw new Error('build first: npm run build');
  engines = await brokenEngines();
  LIMIT_MS = answerLimitMs();
  emptyDockerConfig = mkdtempSync(join(tmpdir(), 'ctr-down-cfg-'));
});
afterAll(() => engines?.close());

/** Per broken engine: what the English message says, what the fix says, what the Korean message says. */
const CASES: [keyof BrokenEngines, RegExp, RegExp, RegExp][] = [
  ['missing', /there is no socket file at \S+missing\.sock/, /start the engine that should create/, /소켓 파일이 없어요/],
  ['refused', /nothing listens there \(connection refused\)/, /start the engine that should listen there/, /연결이 거부됐어요/],
  ['hung', /has not answered in 2 s: it is hung or still starting/, /restart the engine listening there/, /2초 동안 아무 응답이 없어요/],
  ['dying', /closed the connection before it finished answering/, /read the log of the engine there/, /연결을 끊었어요/],
  ['diesMidAnswer', /closed the connection before it finished answering/, /read the log of the engine there/, /연결을 끊었어요/],
  ['notDocker', /not the Docker Engine API \(HTTP 200/, /point it at a Docker engine/, /Docker Engine API가 아니에요/],
];

const COMMANDS: [string, string[]][] = [
  ['doctor', ['doctor']],
  ['check', ['check', 'run-options']],
];

describe('DOCKER_HOST pointing at a broken engine', () => {
  for (const [which, message, fix, korean] of CASES) {
    for (const [name, args] of COMMANDS) {
      it(`${name}, ${which}: within 5 s, exit 2, cause + DOCKER_HOST + fix (en)`, async () => {
        const host = `unix://${engines[which] as string}`;
        const r = await runCli(args, { DOCKER_HOST: host, DOCKER_CONFIG: emptyDockerConfig });
        expect(r.ms).toBeLessThan(LIMIT_MS);
        expect(r.code, r.out).toBe(2);
        expect(r.out).toMatch(message);
        expect(r.out).toContain(`${host} (from DOCKER_HOST)`);
        expect(r.out).toMatch(fix);
        expect(r.out).toContain('unset DOCKER_HOST');
        expect(r.out).not.toMatch(/apt-get install|could not run|aborted/);
      });

      it(`${name} --lang ko, ${which}: the same in Korean`, async () => {
        const r = await runCli([...args, '--lang', 'ko'], { DOCKER_HOST: `unix://${engines[which] as string}`, DOCKER_CONFIG: emptyDockerConfig });
        expect(r.ms).toBeLessThan(LIMIT_MS);
        expect(r.code, r.out).toBe(2);
        expect(r.out).toMatch(korean);
        expect(r.out).toContain('DOCKER_HOST 설정');
        expect(r.out).toContain('DOCKER_HOST를 지워서 기본 소켓을 쓰세요');
      });
    }
  }

  it.for(['missing', 'hung'] as const)('doctor --json, %s: the cause as data and the texts', async (which) => {
    const r = await runCli(['doctor', '--json'], { DOCKER_HOST: `unix://${engines[which]}`, DOCKER_CONFIG: emptyDockerConfig });
    expect(r.ms).toBeLessThan(LIMIT_MS);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out) as { ok: boolean; engine: { reachable: boolean; cause: string }; endpoint: { origin: string }; findings: { what: string; ok: boolean; detail: string; fix?: string }[] };
    expect(report.ok).toBe(false);
    expect(report.engine).toMatchObject({ reachable: false, cause: which === 'missing' ? 'no-socket' : 'hung' });
    expect(report.endpoint.origin).toBe('DOCKER_HOST');
    const engine = report.findings.find((f) => f.what === 'engine');
    expect(engine?.fix).toContain('unset DOCKER_HOST');
  });

  it('the saved language (the app\'s choice) is the CLI\'s too', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ctr-down-home-'));
    execFileSync('mkdir', ['-p', join(home, 'config')]);
    execFileSync('sh', ['-c', `printf '{"version":1,"lang":"ko","lessons":{}}' > ${join(home, 'config', 'progress.json')}`]);
    const r = await runCli(['check', 'run-options'], { CTR_LEARN_HOME: home, DOCKER_HOST: `unix://${engines.missing}`, DOCKER_CONFIG: emptyDockerConfig });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/소켓 파일이 없어요/);
  });
});

describe('permission denied, for real', () => {
  // Root ignores a socket's mode, so the CLI runs as nobody (runuser) against a mode-000 socket.
  const canDropRoot = process.getuid?.() === 0 && existsSync('/usr/sbin/runuser');
  it.skipIf(!canDropRoot)('as nobody, a mode-000 socket: permission denied, the group fix, within 5 s, exit 2 (en, ko)', async () => {
    chmodSync(engines.dir, 0o755);
    const home = mkdtempSync(join(tmpdir(), 'ctr-down-nobody-'));
    chmodSync(home, 0o777);
    for (const lang of ['en', 'ko'] as const) {
      const started = performance.now();
      const r = await new Promise<{ code: number; out: string }>((done) =>
        execFile(
          '/usr/sbin/runuser',
          ['-u', 'nobody', '--', 'env', `CTR_LEARN_HOME=${home}`, `DOCKER_CONFIG=${home}`, `DOCKER_HOST=unix://${engines.noPermission}`, process.execPath, BIN, 'check', 'run-options', '--lang', lang],
          { timeout: 20_000 },
          (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code) : 0, out: stdout + stderr }),
        ),
      );
      expect(performance.now() - started).toBeLessThan(LIMIT_MS);
      expect(r.code, r.out).toBe(2);
      expect(r.out).toContain(lang === 'en' ? 'Permission denied talking to the Docker engine' : '접근할 권한이 없어요');
      expect(r.out).toContain('sudo usermod -aG docker $USER');
      expect(r.out).toContain('EACCES');
    }
  });
});

describe('every engine-down path answers within 5 s', () => {
  it.for(['hung', 'diesMidAnswer'] as const)('shell --print, reset, clean, verify (%s)', async (which) => {
    for (const args of [['shell', 'run-options', '--print'], ['reset', 'run-options'], ['clean'], ['verify', 'run-options']]) {
      const r = await runCli(args, { DOCKER_HOST: `unix://${engines[which]}`, DOCKER_CONFIG: emptyDockerConfig });
      expect(r.ms, args.join(' ')).toBeLessThan(LIMIT_MS);
      expect(r.code, r.out).toBe(2);
      expect(r.out).toMatch(which === 'hung' ? /hung or still starting/ : /closed the connection before it finished answering/);
      expect(r.out).toContain('unset DOCKER_HOST');
    }
  });

  it('lessons does not touch the engine', async () => {
    const r = await runCli(['lessons'], { DOCKER_HOST: `unix://${engines.hung}`, DOCKER_CONFIG: emptyDockerConfig });
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(1500);
  });
});

describe('a docker context pointing somewhere dead', () => {
  /** A DOCKER_CONFIG folder with context "dead" → `host`, made by the docker CLI itself when it is there. */
  function configWithContext(host: string, use: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'ctr-down-ctx-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dir };
    delete env.DOCKER_HOST;
    delete env.DOCKER_CONTEXT;
    execFileSync('docker', ['context', 'create', 'dead', '--docker', `host=${host}`], { env, stdio: 'pipe' });
    if (use) execFileSync('docker', ['context', 'use', 'dead'], { env, stdio: 'pipe' });
    return dir;
  }

  it.for([
    ['missing', 'en'],
    ['hung', 'en'],
    ['hung', 'ko'],
  ] as const)('DOCKER_CONTEXT=dead (%s, %s): names the context and says unset DOCKER_CONTEXT', async ([which, lang]) => {
    const host = `unix://${engines[which]}`;
    const dir = configWithContext(host, false);
    for (const [, args] of COMMANDS) {
      const r = await runCli([...args, '--lang', lang], { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'dead' });
      expect(r.ms).toBeLessThan(LIMIT_MS);
      expect(r.code, r.out).toBe(2);
      if (lang === 'en') {
        expect(r.out).toContain(`${host} (docker context "dead", chosen by DOCKER_CONTEXT)`);
        expect(r.out).toContain('unset DOCKER_CONTEXT');
      } else {
        expect(r.out).toContain(`${host} (DOCKER_CONTEXT로 고른 docker 컨텍스트 "dead")`);
        expect(r.out).toContain('DOCKER_CONTEXT를 지워서');
      }
    }
  });

  it.for(['en', 'ko'] as const)('the current context of the docker config (%s): names the file and says docker context use default', async (lang) => {
    const host = `unix://${engines.refused}`;
    const dir = configWithContext(host, true);
    for (const [, args] of COMMANDS) {
      const r = await runCli([...args, '--lang', lang], { DOCKER_CONFIG: dir });
      expect(r.ms).toBeLessThan(LIMIT_MS);
      expect(r.code, r.out).toBe(2);
      expect(r.out).toContain(join(dir, 'config.json'));
      expect(r.out).toContain('docker context use default');
      expect(r.out).toMatch(lang === 'en' ? /nothing listens there \(connection refused\)/ : /연결이 거부됐어요/);
    }
  });

  it.for(['en', 'ko'] as const)('DOCKER_CONTEXT naming a context that does not exist (%s): a UserError (exit 1) saying where it looked', async (lang) => {
    const r = await runCli(['check', 'run-options', '--lang', lang], { DOCKER_CONFIG: emptyDockerConfig, DOCKER_CONTEXT: 'ghost' });
    expect(r.ms).toBeLessThan(LIMIT_MS);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(join(emptyDockerConfig, 'contexts', 'meta'));
    expect(r.out).toContain(lang === 'en' ? 'Try: unset DOCKER_CONTEXT' : '이렇게 해 보세요: DOCKER_CONTEXT를 지우세요');
  });
});
