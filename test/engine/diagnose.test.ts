import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineApi } from '../../src/engine/api';
import { classifyError, engineDown, explain, ping, PING_TIMEOUT_MS, type Diagnosis, type DownCause } from '../../src/engine/diagnose';
import { DEFAULT_SOCKET, parseHostUrl, type Endpoint, type EndpointOrigin } from '../../src/engine/endpoint';
import { CouldNotCheck, EngineUnavailable } from '../../src/errors';
import { brokenEngines, rootIgnoresModes, type BrokenEngines } from '../helpers/broken-engines';

let engines: BrokenEngines;
beforeAll(async () => {
  engines = await brokenEngines();
});
afterAll(() => engines.close());

const viaDockerHost = (path: string): Endpoint => parseHostUrl(`unix://${path}`, 'DOCKER_HOST', { kind: 'DOCKER_HOST' });

describe('ping classifies why an engine cannot be reached (real sockets)', () => {
  it.for([
    ['missing', 'no-socket'],
    ['plainFile', 'not-socket'],
    ['refused', 'refused'],
    ['hung', 'hung'],
    ['dying', 'dying'],
    ['notDocker', 'not-docker'],
    ['notHttp', 'not-docker'],
  ] as [keyof BrokenEngines, DownCause][])('%s → %s, within the ping timeout', async ([which, cause]) => {
    const started = performance.now();
    const r = await ping(viaDockerHost(engines[which] as string));
    const ms = performance.now() - started;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnosis.cause).toBe(cause);
    expect(ms).toBeLessThan(PING_TIMEOUT_MS + 500);
  });

  it('what answered instead of Docker is named', async () => {
    const r = await ping(viaDockerHost(engines.notDocker));
    expect(!r.ok && r.diagnosis.detail).toBe('HTTP 200, text/html, "<html>a web page</html>"');
  });

  it('a TCP port nobody listens on (127.0.0.1) is refused', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const r = await ping(parseHostUrl(`tcp://127.0.0.1:${port}`, 'DOCKER_HOST', { kind: 'DOCKER_HOST' }));
    expect(!r.ok && r.diagnosis).toMatchObject({ cause: 'refused', code: 'ECONNREFUSED' });
  });

  // As root a mode-000 socket still connects, so EACCES cannot be made for real here: the
  // classifier is then tested on the error the kernel gives a non-root user.
  it.skipIf(rootIgnoresModes)('a socket we may not open → permission (real, non-root)', async () => {
    const r = await ping(viaDockerHost(engines.noPermission));
    expect(!r.ok && r.diagnosis.cause).toBe('permission');
  });

  it('the live engine, when there is one, answers ok', async () => {
    const r = await ping(parseHostUrl(`unix://${DEFAULT_SOCKET}`, 'default socket', { kind: 'default' }));
    if (r.ok) expect(r.apiVersion).toMatch(/^1\.\d+$/);
    else expect(process.env.CI).toBeFalsy();
  });
});

describe('ping when our own process is busy', () => {
  // The engine answers at once, from another process; ours blocks its event loop past the timeout
  // (the app drawing its first frame on a loaded machine). That is not a hung engine.
  it('an answer that is already waiting wins over a late timer', async () => {
    const path = join(engines.dir, 'quick.sock');
    const child = spawn(process.execPath, ['-e', `require('http').createServer((q, r) => r.writeHead(200, { 'Api-Version': '1.41' }).end('OK')).listen(${JSON.stringify(path)}, () => console.log('ready'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      const pinging = ping(viaDockerHost(path), 300);
      const until = Date.now() + 600;
      while (Date.now() < until) {
        /* busy, as a slow first frame is */
      }
      expect(await pinging).toEqual({ ok: true, apiVersion: '1.41' });
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('classifyError (errors a real engine cannot be made to give on this machine)', () => {
  const ep = viaDockerHost('/var/run/docker.sock');
  const err = (code: string, message = code) => Object.assign(new Error(message), { code });
  it.for([
    ['EACCES', false, 'permission'],
    ['EPERM', false, 'permission'],
    ['EHOSTUNREACH', false, 'unreachable'],
    ['ENOTFOUND', false, 'unreachable'],
    ['ECONNRESET', true, 'dying'],
    ['EPIPE', true, 'dying'],
    ['HPE_INVALID_CONSTANT', true, 'not-docker'],
  ] as [string, boolean, DownCause][])('%s (connected: %s) → %s', ([code, connected, cause]) => {
    expect(classifyError(err(code), ep, connected).cause).toBe(cause);
  });
  it('a reset before a TCP connection is made is unreachable, not dying', () => {
    expect(classifyError(err('ECONNRESET'), parseHostUrl('tcp://10.0.0.9:2375', 'DOCKER_HOST'), false).cause).toBe('unreachable');
  });
});

describe('explain: the fix fits the cause and names where the endpoint came from', () => {
  const at = (origin: EndpointOrigin, url = 'unix:///tmp/x.sock') => parseHostUrl(url, 'test', origin);
  const d = (cause: DownCause, endpoint: Endpoint, extra: Partial<Diagnosis> = {}): Diagnosis => ({ cause, endpoint, ...extra });

  it.for([
    [{ kind: 'DOCKER_HOST' }, 'unix:///tmp/x.sock (from DOCKER_HOST)', 'unset DOCKER_HOST', 'DOCKER_HOST를 지워서'],
    [{ kind: 'DOCKER_CONTEXT', context: 'colima' }, 'docker context "colima", chosen by DOCKER_CONTEXT', 'unset DOCKER_CONTEXT', 'DOCKER_CONTEXT를 지워서'],
    [{ kind: 'config', context: 'desk', configFile: '/h/.docker/config.json' }, 'docker context "desk", the current context in /h/.docker/config.json', 'docker context use default', 'docker context use default'],
  ] as [EndpointOrigin, string, string, string][])('%j', ([origin, where, escapeEn, escapeKo]) => {
    for (const cause of ['no-socket', 'refused', 'hung', 'dying', 'not-docker'] as DownCause[]) {
      const en = explain(d(cause, at(origin)), 'en');
      expect(en.message).toContain(where);
      expect(en.fix).toContain(escapeEn);
      const ko = explain(d(cause, at(origin)), 'ko');
      expect(ko.fix).toContain(escapeKo);
      expect(ko.message).toMatch(/[가-힣]/);
    }
  });

  it.for([
    ['no-socket', /there is no socket file at \/var\/run\/docker.sock/, /install and start Docker/],
    ['refused', /nothing listens there \(connection refused\)/, /Docker is installed but not running: sudo systemctl start docker/],
    ['hung', /accepts connections but has not answered in 2 s: it is hung or still starting/, /sudo systemctl restart docker/],
    ['dying', /closed the connection before it finished answering/, /journalctl -u docker/],
    ['not-docker', /not the Docker Engine API/, /another program listens at \/var\/run\/docker.sock/],
    ['permission', /Permission denied/, /sudo usermod -aG docker \$USER/],
  ] as [DownCause, RegExp, RegExp][])('the default socket, %s', ([cause, message, fix]) => {
    const e = explain(d(cause, parseHostUrl(`unix://${DEFAULT_SOCKET}`, 'default socket', { kind: 'default' }), { code: 'X' }), 'en');
    expect(e.message).toMatch(message);
    expect(e.message).toContain('(the default socket)');
    expect(e.fix).toMatch(fix);
    expect(e.fix).not.toMatch(/unset|context use/);
  });

  it('permission keeps to the group fix even under DOCKER_HOST', () => {
    expect(explain(d('permission', at({ kind: 'DOCKER_HOST' }), { code: 'EACCES' }), 'en').fix).toMatch(/^add yourself to the docker group/);
  });

  it('engineDown: an EngineUnavailable (CouldNotCheck) with the English texts as message and tryThis, and both languages', () => {
    const e = engineDown(d('hung', at({ kind: 'DOCKER_HOST' })));
    expect(e).toBeInstanceOf(EngineUnavailable);
    expect(e).toBeInstanceOf(CouldNotCheck);
    expect(e.reason).toBe('hung');
    expect(e.message).toBe(e.texts?.en.message);
    expect(e.tryThis).toBe(e.texts?.en.fix);
    expect(e.texts?.ko.fixLabel).toBe('이렇게 해 보세요');
  });
});

describe('EngineApi: the first contact is quick, real work keeps its own time', () => {
  it.for([
    ['hung', 'hung'],
    ['dying', 'dying'],
    ['diesMidAnswer', 'dying'],
    ['notDocker', 'not-docker'],
  ] as [keyof BrokenEngines, DownCause][])('%s: json() fails as %s well under 5 s (default timeout 15 s)', async ([which, cause]) => {
    const api = new EngineApi(viaDockerHost(engines[which] as string));
    const started = performance.now();
    try {
      const err = await api.json('GET', '/containers/json').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineUnavailable);
      expect((err as EngineUnavailable).reason).toBe(cause);
      expect(performance.now() - started).toBeLessThan(PING_TIMEOUT_MS + 500);
    } finally {
      api.close();
    }
  });

  /** Answers /_ping, then sends the headers of any other answer and stalls. */
  async function stallsAfterHeaders() {
    const path = join(engines.dir, `stall-${Math.random().toString(36).slice(2)}.sock`);
    const server = createServer((s) => {
      s.on('error', () => {});
      s.on('data', (b) => {
        if (b.toString().startsWith('GET /_ping')) s.write('HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK');
        else s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{');
      });
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    return { api: new EngineApi(viaDockerHost(path)), close: () => new Promise((r) => { server.close(r); }) };
  }

  it('a slow answer cut by our own timeout says so (not "dying")', async () => {
    const { api, close } = await stallsAfterHeaders();
    try {
      await expect(api.json('GET', '/containers/json', { timeoutMs: 200 })).rejects.toThrow('The engine did not answer GET /v1.41/containers/json within 200 ms.');
    } finally {
      api.close();
      await close();
    }
  });

  it('an answer cut by the caller\'s cancel is "Cancelled." (not "dying")', async () => {
    const { api, close } = await stallsAfterHeaders();
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      await expect(api.json('GET', '/containers/json', { signal: ac.signal })).rejects.toThrow('Cancelled.');
    } finally {
      api.close();
      await close();
    }
  });
});
