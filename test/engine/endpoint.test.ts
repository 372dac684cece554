import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, EngineApi } from '../../src/engine/api';
import { DEFAULT_SOCKET, resolveEndpoint, type Endpoint } from '../../src/engine/endpoint';
import { CouldNotCheck, EngineUnavailable, UserError } from '../../src/errors';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ctr-learn-ep-'));

/** A docker config folder with contexts (name → docker endpoint Host) and optionally a config.json. */
function dockerConfig(contexts: Record<string, string>, config?: object | string, dir = tempDir()): string {
  for (const [name, host] of Object.entries(contexts)) {
    const meta = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  }
  mkdirSync(dir, { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

/** A home folder whose ~/.docker is such a docker config. */
function homeWith(contexts: Record<string, string>, config?: object | string): string {
  const home = tempDir();
  dockerConfig(contexts, config, join(home, '.docker'));
  return home;
}

const DEFAULT: Endpoint = { url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, source: 'default socket', origin: { kind: 'default' } };

describe('resolveEndpoint finds the engine the way the docker CLI does', () => {
  const emptyHome = tempDir();

  it.for([
    ['unix://', { DOCKER_HOST: 'unix:///tmp/d.sock' }, { url: 'unix:///tmp/d.sock', socketPath: '/tmp/d.sock', source: 'DOCKER_HOST', origin: { kind: 'DOCKER_HOST' } }],
    ['a bare path', { DOCKER_HOST: '/run/user/1000/docker.sock' }, { url: 'unix:///run/user/1000/docker.sock', socketPath: '/run/user/1000/docker.sock', source: 'DOCKER_HOST', origin: { kind: 'DOCKER_HOST' } }],
    ['tcp:// with port', { DOCKER_HOST: 'tcp://10.0.0.5:2376' }, { url: 'tcp://10.0.0.5:2376', host: '10.0.0.5', port: 2376, source: 'DOCKER_HOST', origin: { kind: 'DOCKER_HOST' } }],
    ['tcp:// without port', { DOCKER_HOST: 'tcp://docker-host' }, { url: 'tcp://docker-host', host: 'docker-host', port: 2375, source: 'DOCKER_HOST', origin: { kind: 'DOCKER_HOST' } }],
    ['DOCKER_HOST over DOCKER_CONTEXT', { DOCKER_HOST: 'unix:///a.sock', DOCKER_CONTEXT: 'missing' }, { url: 'unix:///a.sock', socketPath: '/a.sock', source: 'DOCKER_HOST', origin: { kind: 'DOCKER_HOST' } }],
  ] as [string, NodeJS.ProcessEnv, Endpoint][])('DOCKER_HOST: %s', ([, env, want]) => {
    expect(resolveEndpoint(env, emptyHome)).toEqual(want);
  });

  it.for(['ssh://me@build-box', 'npipe:////./pipe/docker_engine', 'docker.sock'])('an address it cannot speak (%s) is a UserError with what to try', (host) => {
    const err = (() => {
      try {
        resolveEndpoint({ DOCKER_HOST: host }, emptyHome);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(`Unsupported engine address "${host}" (from DOCKER_HOST)`);
    expect((err as UserError).tryThis).toMatch(/DOCKER_HOST at a unix socket/);
  });

  // Was a bug (fixed): the brackets of an IPv6 literal stay in `host`, and http.request then looks up the name
  // "[::1]" (getaddrinfo ENOTFOUND) instead of connecting to ::1.
  it('DOCKER_HOST: tcp:// with an IPv6 address gives the address without brackets', () => {
    expect(resolveEndpoint({ DOCKER_HOST: 'tcp://[::1]:2375' }, emptyHome)).toMatchObject({ host: '::1', port: 2375 });
  });

  it('without anything set: the default socket', () => {
    expect(resolveEndpoint({}, emptyHome)).toEqual(DEFAULT);
  });

  it('DOCKER_CONTEXT: the context meta.json under ~/.docker/contexts/meta/<sha256(name)>/', () => {
    const home = homeWith({ colima: 'unix:///x.sock' });
    expect(resolveEndpoint({ DOCKER_CONTEXT: 'colima' }, home)).toEqual({ url: 'unix:///x.sock', socketPath: '/x.sock', source: 'context colima', origin: { kind: 'DOCKER_CONTEXT', context: 'colima' } });
    const home2 = homeWith({ colima: 'unix:///x.sock' }, { currentContext: 'colima' });
    expect(resolveEndpoint({}, home2)).toMatchObject({ socketPath: '/x.sock', source: 'context colima', origin: { kind: 'config', context: 'colima', configFile: join(home2, '.docker', 'config.json') } });
  });

  it('DOCKER_CONFIG moves the docker config folder', () => {
    const config = dockerConfig({ remote: 'tcp://192.168.5.2:2375' });
    expect(resolveEndpoint({ DOCKER_CONTEXT: 'remote', DOCKER_CONFIG: config }, emptyHome)).toEqual({ url: 'tcp://192.168.5.2:2375', host: '192.168.5.2', port: 2375, source: 'context remote', origin: { kind: 'DOCKER_CONTEXT', context: 'remote' } });
  });

  it('currentContext in config.json, when DOCKER_CONTEXT is not set', () => {
    const config = dockerConfig({ desktop: 'unix:///home/me/.docker/desktop/docker.sock', other: 'unix:///other.sock' }, { currentContext: 'desktop' });
    expect(resolveEndpoint({ DOCKER_CONFIG: config }, emptyHome)).toMatchObject({ socketPath: '/home/me/.docker/desktop/docker.sock', source: 'context desktop' });
    expect(resolveEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'other' }, emptyHome)).toMatchObject({ socketPath: '/other.sock', source: 'context other' });
  });

  it.for([
    ['DOCKER_CONTEXT=default', { DOCKER_CONTEXT: 'default' }, { currentContext: 'desktop' }],
    ['currentContext "default"', {}, { currentContext: 'default' }],
    ['a config.json without currentContext', {}, { auths: {} }],
    ['a config.json that is not JSON', {}, '{ not json'],
  ] as [string, NodeJS.ProcessEnv, object | string][])('%s: the default socket', ([, env, config]) => {
    const dir = dockerConfig({ desktop: 'unix:///desktop.sock' }, config);
    expect(resolveEndpoint({ ...env, DOCKER_CONFIG: dir }, emptyHome)).toEqual(DEFAULT);
  });

  it.for([
    ['DOCKER_CONTEXT', { DOCKER_CONTEXT: 'ghost' }, undefined],
    ['docker config', {}, { currentContext: 'ghost' }],
  ] as [string, NodeJS.ProcessEnv, object | undefined][])('a context with no metadata (from %s) is a UserError saying where it looked', ([source, env, config]) => {
    const dir = dockerConfig({}, config);
    const digest = createHash('sha256').update('ghost').digest('hex');
    let err: unknown;
    try {
      resolveEndpoint({ ...env, DOCKER_CONFIG: dir }, emptyHome);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(`Docker context "ghost" (from ${source}) has no metadata at ${join(dir, 'contexts', 'meta', digest, 'meta.json')}.`);
    expect((err as UserError).tryThis).toMatch(/docker context use default/);
  });
});

/** A fake engine on a temp unix socket: records request paths, answers with `handler`. */
async function fakeEngine(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const socketPath = join(tempDir(), 'engine.sock');
  const seen: { method: string; url: string; body: string; contentType?: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body, contentType: req.headers['content-type'] });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const api = new EngineApi({ url: `unix://${socketPath}`, socketPath, source: 'test' });
  cleanups.push(async () => {
    api.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return { api, seen };
}
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** A fake engine speaking API 1.43, with per-path JSON answers: path → [status, body]. */
const engine143 = (routes: Record<string, [number, unknown]>) =>
  fakeEngine((req, res) => {
    if (req.url === '/_ping') {
      res.writeHead(200, { 'API-Version': '1.43', 'Content-Type': 'text/plain' }).end('OK');
      return;
    }
    const [status, body] = routes[req.url!.replace(/\?.*/, '')] ?? [404, { message: `no such route ${req.url}` }];
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
  });

describe('EngineApi over an endpoint (src/engine/api.ts)', () => {
  it('a socket nobody listens on is EngineUnavailable with what to try', async () => {
    const socketPath = join(tempDir(), 'nothing-here.sock');
    const api = new EngineApi({ url: `unix://${socketPath}`, socketPath, source: 'DOCKER_HOST' });
    try {
      const err = await api.json('GET', '/containers/json').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineUnavailable);
      expect(err).toBeInstanceOf(CouldNotCheck);
      expect((err as EngineUnavailable).message).toBe(`No Docker engine answers at unix://${socketPath} (DOCKER_HOST): there is no socket file at ${socketPath}.`);
      expect((err as EngineUnavailable).tryThis).toBe(`start the engine that should create ${socketPath}`);
    } finally {
      api.close();
    }
  });

  it('speaks the API version the engine reports in /_ping, asking once', async () => {
    const { api, seen } = await engine143({ '/v1.43/containers/json': [200, [{ Id: 'abc' }]], '/v1.43/info': [200, { OSType: 'linux' }] });
    expect(await api.json('GET', '/containers/json', { query: { all: true, filters: '{"label":["a=b c"]}', skip: undefined } })).toEqual([{ Id: 'abc' }]);
    expect(await api.json('GET', '/info')).toEqual({ OSType: 'linux' });
    expect(seen.map((s) => s.url)).toEqual(['/_ping', '/v1.43/containers/json?all=true&filters=%7B%22label%22%3A%5B%22a%3Db%20c%22%5D%7D', '/v1.43/info']);
  });

  it('falls back to /v1.41 when /_ping names no version', async () => {
    const { api, seen } = await fakeEngine((req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(req.url === '/_ping' ? 'OK' : '{}'));
    await api.json('GET', '/version');
    expect(seen.map((s) => s.url)).toEqual(['/_ping', '/v1.41/version']);
  });

  it('sends a JSON body with its content type', async () => {
    const { api, seen } = await engine143({ '/v1.43/networks/create': [201, { Id: 'n1' }] });
    expect(await api.json('POST', '/networks/create', { body: { Name: 'net', Driver: 'bridge' } })).toEqual({ Id: 'n1' });
    expect(seen[1]).toMatchObject({ method: 'POST', contentType: 'application/json', body: '{"Name":"net","Driver":"bridge"}' });
  });

  it('maybe: a 404 is null (the object does not exist), a 204 is undefined', async () => {
    const { api } = await engine143({ '/v1.43/containers/web/json': [200, { Name: '/web' }], '/v1.43/containers/web/stop': [204, undefined] });
    expect(await api.maybe('GET', '/containers/ghost/json')).toBeNull();
    expect(await api.maybe('GET', '/containers/web/json')).toEqual({ Name: '/web' });
    expect(await api.maybe('POST', '/containers/web/stop')).toBeUndefined();
    await expect(api.json('GET', '/containers/ghost/json')).rejects.toMatchObject({ status: 404 });
  });

  it.for(['json', 'maybe'] as const)('%s: a 500 is an ApiError carrying the engine message', async (method) => {
    const { api } = await engine143({ '/v1.43/containers/web/start': [500, { message: 'boom' }] });
    const err = await api[method]('POST', '/containers/web/start').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(CouldNotCheck);
    expect(err).toMatchObject({ status: 500, engineMessage: 'boom', message: 'Engine refused POST /containers/web/start: boom (HTTP 500)' });
  });

  it('an error body that is not JSON is shown as text', async () => {
    const { api } = await fakeEngine((req, res) => {
      if (req.url === '/_ping') return res.writeHead(200, { 'API-Version': '1.43' }).end('OK');
      res.writeHead(502).end('  bad gateway\n');
    });
    await expect(api.json('GET', '/info')).rejects.toThrow('Engine refused GET /info: bad gateway (HTTP 502)');
  });

  it('an engine that does not answer in time is CouldNotCheck, not a hang', async () => {
    const { api } = await fakeEngine((req, res) => {
      if (req.url === '/_ping') res.writeHead(200, { 'API-Version': '1.43' }).end('OK');
      // Anything else: never answer.
    });
    const err = await api.json('GET', '/info', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CouldNotCheck);
    expect((err as Error).message).toBe('The engine did not answer GET /v1.43/info within 150 ms.');
  });
});
