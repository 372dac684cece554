import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCheck } from '../../src/checks/describe';
import { checkStep } from '../../src/checks/evaluate';
import type { CheckContext, CheckResult } from '../../src/checks/types';
import type { ContainerInspect } from '../../src/engine/types';
import { evidenceStrings } from '../../src/i18n/evidence';
import { allStrings } from '../../src/i18n/strings';
import { Check, Step, type CheckKind } from '../../src/lessons/schema';
import type { LabReader } from '../../src/sandbox/lab';
import { CTRL, ENTER, key, readyState, renderApp, run } from '../ui/helpers';
import { englishWords } from './english';
import { kubeStrings } from '../../src/kube/say';
import { liveStrings } from '../../src/kube/live/say';

/**
 * The Korean UI has no English in it: every catalogue string, the evidence of a failed check of
 * every kind, the screens, and `doctor --lang ko`. What may stay English is in ./english.ts.
 */
const noEnglish = (where: string, text: string) => expect(englishWords(text), `${where}:\n${text}`).toEqual([]);
/**
 * Names the learner (or the lesson) gave to things, and quoted data (a page's text, a file's
 * line), are shown as they are in any language: taken out before looking.
 */
const NAMES = /\b(web|db|data|appnet|gone|demo|second|docker-basics)\b|"[^"]*"/g;
const noEnglishBut = (where: string, text: string) => noEnglish(where, text.replace(NAMES, ''));

describe('the Korean catalogues', () => {
  it('every UI string and every piece of check evidence is Korean', () => {
    for (const s of allStrings('ko')) noEnglish('strings.ts', s);
    for (const s of evidenceStrings('ko')) noEnglish('evidence.ts', s);
    for (const s of kubeStrings('ko')) noEnglish('kube/say.ts', s);
    for (const s of liveStrings('ko')) noEnglish('kube/live/say.ts', s);
  });

  it('the test finds English: an English sentence is caught, commands, flags and files are not', () => {
    expect(englishWords('the page still contains TODO')).toEqual(['the', 'page', 'still', 'contains']);
    expect(englishWords('docker run -d --name web 를 실행하세요. index.html, `docker ps`, API, Ctrl-C')).toEqual([]);
  });
});

/** A container that fails every check below: exited, env set twice, a read-only volume, on bridge. */
const web = {
  Id: 'f'.repeat(64),
  Name: '/web',
  State: { Status: 'exited', Running: false, ExitCode: 1, OOMKilled: false, Error: '', StartedAt: '2026-01-01T00:00:00Z', FinishedAt: '2026-01-01T00:00:01Z' },
  Config: { Env: ['GREETING=hi', 'GREETING=hello'], Labels: {} },
  HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] }, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, NetworkMode: 'bridge', Tmpfs: {} },
  Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: false }],
  NetworkSettings: { Networks: { bridge: {} } },
  RestartCount: 0,
} as unknown as ContainerInspect;

function fakeLab(): LabReader {
  return {
    lessonId: 'demo',
    // No events (no oom, no health changes): the evaluators ask the engine only for those.
    engine: { request: async () => ({ status: 200, body: Buffer.from('') }), json: async () => [] } as unknown as LabReader['engine'],
    container: async (name) => (name === 'web' ? web : null),
    outsideContainer: async () => null,
    removedContainers: async () => [],
    network: async () => null,
    volume: async (name) => (name === 'data' ? ({ Name: 'data' } as never) : null),
    image: async () => ({ image: null, outside: false }),
    list: async () => ({ containers: [], networks: [], volumes: [] }) as never,
    readFile: async () => ({ type: 'file', content: '<h1>hello</h1>\n<p>TODO: write here</p>\n' }) as never,
    isLabLabel: () => false,
  };
}

let page: http.Server;
let pagePort = 0;
beforeAll(async () => {
  page = http.createServer((_req, res) => res.end('<h1>my page</h1>\n<p>TODO: write about yourself</p>\n'));
  await new Promise<void>((done) => page.listen(0, '127.0.0.1', done));
  pagePort = (page.address() as AddressInfo).port;
});
afterAll(() => page?.close());

/** One failing check of every kind (the ones needing a live engine fail on their container first). */
const failing = (): Record<CheckKind, Record<string, unknown>> => ({
  container: { kind: 'container', container: 'web', state: 'running' },
  restart: { kind: 'restart', container: 'web', policy: 'always' },
  port: { kind: 'port', container: 'web', containerPort: '80', hostPort: 9090 },
  http: { kind: 'http', port: pagePort, bodyExcludes: 'TODO', retryForMs: 0 },
  env: { kind: 'env', container: 'web', name: 'GREETING', value: 'bye' },
  mount: { kind: 'mount', container: 'web', destination: '/data', readOnly: false },
  'volume-file': { kind: 'volume-file', volume: 'data', path: 'index.html', includes: 'goodbye' },
  'container-file': { kind: 'container-file', container: 'web', path: '/index.html', matches: '^bye' },
  network: { kind: 'network', network: 'appnet' },
  attached: { kind: 'attached', container: 'web', network: 'appnet', only: true },
  reach: { kind: 'reach', from: 'web', to: 'db', port: 80, expect: 'reachable' },
  image: { kind: 'image', image: 'my-web:1', baseImage: 'busybox:1.36' },
  'registry-tag': { kind: 'registry-tag', port: 1, repository: 'greeter', tag: '1.0' },
  health: { kind: 'health', container: 'web', status: 'healthy' },
  stop: { kind: 'stop', container: 'web', timeoutSeconds: 5, maxSeconds: 2, exitCode: 0 },
  logs: { kind: 'logs', container: 'gone', stream: 'stdout', matches: 'ready' },
  question: { kind: 'question', question: { en: 'Who?', ko: '누가?' }, choices: [{ id: 'a', en: 'me', ko: '나' }, { id: 'b', en: 'you', ko: '너' }], answer: 'b' },
  'workspace-file': { kind: 'workspace-file', path: 'httpd.conf', notMatching: '^D:' },
  'published-http': { kind: 'published-http', container: 'web', containerPort: '80' },
  command: { kind: 'command', container: 'web', entrypointForm: 'exec', cmd: ['1'] },
  'log-config': { kind: 'log-config', container: 'web', maxSize: '1m', maxFile: 3 },
  // kube: the workspace has no manifests
  manifest: { kind: 'manifest', file: 'pod.yaml' },
  'kube-probe': { kind: 'kube-probe', object: 'Pod/web', probe: 'readiness' },
  'kube-hook': { kind: 'kube-hook', object: 'Pod/web', hook: 'preStop' },
  'kube-image': { kind: 'kube-image', object: 'Pod/web', pinned: 'digest' },
  'kube-selector': { kind: 'kube-selector', object: 'Deployment/web' },
  'kube-env': { kind: 'kube-env', object: 'Pod/web', name: 'DB_PASSWORD', from: 'secret' },
  'kube-volume': { kind: 'kube-volume', object: 'Pod/web', mountPath: '/data', source: 'persistentVolumeClaim' },
  'kube-field': { kind: 'kube-field', object: 'Pod/web', path: 'spec.runtimeClassName', refersTo: 'RuntimeClass' },
  // lessons-images
  digest: { kind: 'digest', port: 1, repository: 'greeter', tag: '1.0', sameAs: 'stable' },
  'pod-replay': { kind: 'pod-replay', object: 'Pod/web', file: 'pod.yaml', name: 'web', scenario: 'delete', preStopBeforeTerm: true },
  'run-config': { kind: 'run-config', container: 'gone', memory: '64m' },
  // kube-live (tier 3): fails on its file before it asks any cluster
  'kube-live': { kind: 'kube-live', object: 'Pod/web', file: 'pod.yaml', podReady: true },
});

describe('the evidence of a failed check of every kind, in Korean', () => {
  const results: CheckResult[] = [];
  beforeAll(async () => {
    const ctx: CheckContext = { lab: fakeLab(), workspace: '/nonexistent' };
    for (const [kind, spec] of Object.entries(failing())) {
      const step = Step.parse({ id: kind, title: { en: kind, ko: kind }, checks: [{ id: 'c', ...spec }], hints: [], solution: {} });
      results.push(...(await checkStep(step, ctx, 'ko')).checks);
    }
  });

  it('fails each, with the title, expected and actual in Korean', () => {
    expect(results.map((r) => r.kind).sort()).toEqual(Object.keys(failing()).sort());
    for (const r of results) {
      expect(r.status, r.kind).toBe('fail');
      noEnglishBut(`${r.kind} title`, r.title);
      noEnglishBut(`${r.kind} expected`, r.expected);
      noEnglishBut(`${r.kind} actual`, r.actual);
    }
  });

  it('shows the line that decided: the page still has TODO on line 2', () => {
    const page = results.find((r) => r.kind === 'http')!;
    expect(page.actual).toBe('200, 페이지 2번째 줄에 아직 "TODO"가 있어요: "<p>TODO: write about yourself</p>"');
    // The learner's own page text is quoted as it is: the words inside the quotes are not the UI's.
  });

  it('titles of checks without one are Korean for every kind', () => {
    for (const spec of Object.values(failing())) noEnglishBut('describeCheck', describeCheck(Check.parse({ id: 'c', ...spec }), 'ko'));
  });
});

describe('the container check\'s other verdicts, in Korean', () => {
  /** A lab whose removed containers are the given ones (the events a --rm or docker rm leaves). */
  const labWith = (removed: Awaited<ReturnType<LabReader['removedContainers']>>): LabReader => ({ ...fakeLab(), removedContainers: async () => removed });
  const verdict = async (spec: Record<string, unknown>, lab: LabReader) => {
    const step = Step.parse({ id: 's', title: { en: 's', ko: 's' }, checks: [{ id: 'c', kind: 'container', ...spec }], hints: [], solution: {} });
    return (await checkStep(step, { lab, workspace: '/nonexistent' }, 'ko')).checks[0];
  };
  it.for([
    ['--rm, still there', { container: 'web', state: 'auto-removed' }, [], /남아 있어요/],
    ['--rm, never ran', { container: 'gone', state: 'auto-removed' }, [], /이라는 이름으로 실행되고 지워진 컨테이너가 없어요/],
    ['--rm, removed by hand', { container: 'gone', state: 'auto-removed' }, [{ id: 'x', autoRemove: false, signals: [], time: 1 }], /직접\(docker rm\) 지웠어요/],
    ['--rm, stopped', { container: 'gone', state: 'auto-removed' }, [{ id: 'x', autoRemove: true, signals: [15, 9], time: 1 }], /SIGTERM 다음 SIGKILL/],
    ['--rm, passed', { container: 'gone', state: 'auto-removed' }, [{ id: 'x', autoRemove: true, signals: [], exitCode: 0, time: 1 }], /종료 코드 0으로 끝나고 스스로 지워졌어요/],
    ['removed after signals', { container: 'gone', state: 'removed', signals: [15] }, [{ id: 'x', autoRemove: false, signals: [9], time: 1 }], /SIGKILL/],
  ] as unknown as [string, Record<string, unknown>, never[], RegExp][])('%s', async ([, spec, removed, says]) => {
    const r = await verdict(spec, labWith(removed));
    expect(r.actual).toMatch(says);
    noEnglishBut('actual', r.actual);
    noEnglishBut('expected', r.expected);
  });
});

describe('the Korean screens', () => {
  it('home, lesson with a failed check, the log and help show no English', async () => {
    const home = renderApp(readyState({ lang: 'ko', cols: 100, rows: 30 }));
    // Lesson and track ids are names to type (`ctr-learn check demo`), shown as they are.
    noEnglishBut('home', await home.waitFor('데모 레슨'));
    home.unmount();

    const failed: CheckResult = { id: 'running', kind: 'container', title: 'web 이 실행 중', status: 'fail', expected: '컨테이너 "web" 실행 중', actual: '컨테이너 "web" 종료 코드 1로 끝남', hint: 'nudge', ms: 1 };
    const s = run(readyState({ lang: 'ko', cols: 100, rows: 30 }), ENTER, CTRL('t'), { type: 'checkResult', lessonId: 'demo', stepIndex: 0, result: failed }, { type: 'checkDone', lessonId: 'demo', stepIndex: 0, passed: false }).state;
    const lesson = renderApp(s);
    noEnglishBut('lesson', await lesson.waitFor('종료 코드 1'));
    lesson.unmount();

    const help = renderApp(run(readyState({ lang: 'ko', cols: 100, rows: 40 }), key('?')).state);
    const f = await help.waitFor('언어');
    noEnglishBut('help', f);
    help.unmount();
  });
});

describe('doctor --lang ko', () => {
  const BIN = resolve(__dirname, '../../bin/ctr-learn.js');
  const doctor = (env: Record<string, string>) =>
    new Promise<string>((done) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', ...env };
      execFile(process.execPath, [BIN, 'doctor', '--lang', 'ko'], { env: childEnv, timeout: 30_000 }, (_err, stdout, stderr) => done(stdout + stderr));
    });

  it.skipIf(!existsSync(BIN))('says everything in Korean, with the engine down too, and where the language came from', async () => {
    const down = await doctor({ DOCKER_HOST: 'unix:///nonexistent/ctr-learn-test.sock' });
    expect(down).toContain('해결:');
    expect(down).toContain('--lang 옵션에서');
    noEnglish('doctor, engine down', down);
    const up = await doctor({});
    expect(up).toMatch(/레슨 \d+개를 읽음/);
    noEnglish('doctor', up);
  });
});
