import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineApi } from '../../src/engine/api';
import { pullImage } from '../../src/images/engine-images';

/**
 * How pullImage reads the engine's answers, on a stand-in engine (a real one cannot be made to
 * stall or half-fail on demand). What a real pull does is covered in prepare.engine.test.ts.
 */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

async function fakeEngine(onCreate: Handler): Promise<EngineApi> {
  const dir = mkdtempSync(join(tmpdir(), 'ctr-pull-'));
  const socketPath = join(dir, 'engine.sock');
  const server = http.createServer((req, res) => {
    if (req.url === '/_ping') return res.writeHead(200, { 'Api-Version': '1.41' }).end('OK');
    if (req.url?.startsWith('/v1.41/images/create')) return onCreate(req, res);
    res.writeHead(404).end('{"message":"not here"}');
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
  const api = new EngineApi({ url: `unix://${socketPath}`, socketPath, source: 'test' });
  cleanups.push(() => {
    api.close();
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return api;
}

describe('pullImage', () => {
  it('gives up when the engine does not answer in time (no registry reachable)', async () => {
    const api = await fakeEngine(() => {
      /* never answers, like an engine waiting on a blackholed registry */
    });
    const started = performance.now();
    const r = await pullImage(api, 'busybox', '1.36', undefined, 200);
    expect(r).toEqual({ ok: false, reason: 'no answer from the registry within 0.2 s' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports the engine message of a refused pull', async () => {
    const api = await fakeEngine((_req, res) => res.writeHead(500).end('{"message":"dial tcp: lookup registry-1.docker.io: no such host"}'));
    expect(await pullImage(api, 'busybox', '1.36')).toEqual({ ok: false, reason: 'dial tcp: lookup registry-1.docker.io: no such host' });
  });

  it('reports an error that arrives inside the progress stream', async () => {
    const api = await fakeEngine((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"Pulling from library/busybox","id":"1.36"}\n');
      res.end('{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}\n');
    });
    expect(await pullImage(api, 'busybox', '1.36')).toEqual({ ok: false, reason: 'unexpected EOF' });
  });

  it('succeeds when the stream ends without an error', async () => {
    const api = await fakeEngine((req, res) => {
      expect(req.url).toBe('/v1.41/images/create?fromImage=busybox&tag=1.36');
      res.writeHead(200).end('{"status":"Status: Downloaded newer image for busybox:1.36"}\n');
    });
    expect(await pullImage(api, 'busybox', '1.36')).toEqual({ ok: true });
  });
});
