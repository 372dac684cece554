import http from 'node:http';
import type net from 'node:net';
import { rmSync } from 'node:fs';
import type { Endpoint } from '../engine/endpoint';
import { say } from './door/messages';
import { bodyKindOf, decide, type Decision, type DoorContext } from './rules';

/** One line of the command log: an Engine API call that passed through the sandbox. */
export interface ProxyLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  refused?: string;
}

export interface Proxy {
  socketPath: string;
  close(): Promise<void>;
}

/** Largest JSON body the sandbox reads (a create body is ~3 kB). */
const JSON_LIMIT = 1 << 20;
/** Largest `docker load` archive the sandbox reads to judge its tags. */
const ARCHIVE_LIMIT = 1 << 30;

class TooLarge extends Error {}

/**
 * The sandbox: an Engine API proxy on a private unix socket, the one door between the learner's
 * docker CLI (DOCKER_HOST=unix://<socket>) and the engine. Every request is judged by `decide`
 * (rules.ts) on its canonical path and the body as the engine will read it; what is forwarded is
 * what was judged: the rebuilt path, the judged JSON, and only the headers the engine needs.
 *
 * Traps, all measured: response headers are flushed at once (the CLI waits for the headers of
 * POST /containers/{id}/wait before it starts the container); a hijacked stream (attach, exec) is
 * spliced only after the engine answered 101 to the call that was allowed, and any other answer
 * closes the connection, so no second request can ride on it unjudged.
 */
export async function startProxy(opts: { upstream: Endpoint; ctx: DoorContext; socketPath: string; log?: (e: ProxyLogEntry) => void }): Promise<Proxy> {
  const { upstream, ctx, socketPath } = opts;
  if (!upstream.socketPath && !upstream.host) throw new Error('proxy needs an upstream endpoint');
  const agent = new http.Agent({ keepAlive: true });
  const target = { agent, socketPath: upstream.socketPath, host: upstream.socketPath ? 'localhost' : upstream.host, port: upstream.socketPath ? undefined : upstream.port };

  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    const log = (status: number, refused?: string) => opts.log?.({ method: req.method ?? '', path: req.url ?? '', status, ms: performance.now() - started, refused });
    try {
      const kind = bodyKindOf(req.method ?? 'GET', req.url ?? '/');
      let body: Buffer | null = null;
      if (typeof kind === 'object') body = await readBody(req, JSON_LIMIT);
      else if (kind === 'buffer') body = await readBody(req, ARCHIVE_LIMIT);
      else if (kind === 'none') req.resume(); // a body on a call that takes none is never forwarded
      const decision = await decide({ method: req.method ?? 'GET', url: req.url ?? '/', body }, ctx);
      if (decision.kind === 'refuse') {
        sendJson(res, decision.status, `ctr-learn sandbox: ${decision.message}`);
        log(decision.status, decision.message);
        return;
      }
      forward(req, res, decision, log);
    } catch (err) {
      const tooLarge = err instanceof TooLarge;
      const message = tooLarge ? say(ctx.lang, 'tooLarge', { limit: err.message }) : `could not handle this request: ${(err as Error).message}`;
      sendJson(res, tooLarge ? 413 : 502, `ctr-learn sandbox: ${message}`);
      log(tooLarge ? 413 : 502, message);
    }
  });

  function forward(req: http.IncomingMessage, res: http.ServerResponse, decision: Extract<Decision, { kind: 'forward' }>, log: (status: number) => void) {
    const up = http.request({ ...target, method: req.method, path: decision.url, headers: headersFor(req, decision) }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      res.flushHeaders();
      upRes.pipe(res);
      upRes.on('end', () => {
        log(upRes.statusCode ?? 0);
        if ((upRes.statusCode ?? 500) < 400) decision.after?.onSuccess?.();
      });
    });
    up.on('error', (err) => {
      if (!res.headersSent) sendJson(res, 502, `Docker engine unreachable: ${err.message}`);
      else res.destroy();
    });
    // The client went away (Ctrl-C on `docker logs -f`): stop the upstream request too.
    // (Not req 'close': that fires as soon as the request body has been read.)
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    if (decision.body === 'stream') req.pipe(up);
    else up.end(decision.body ?? undefined);
  }

  // Hijacked streams (docker run attached, docker exec, docker attach).
  server.on('upgrade', async (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const started = performance.now();
    const log = (status: number, refused?: string) => opts.log?.({ method: req.method ?? '', path: req.url ?? '', status, ms: performance.now() - started, refused });
    try {
      const { body, rest } = await readUpgradeBody(req, socket, head);
      const decision = await decide({ method: req.method ?? 'POST', url: req.url ?? '/', body, upgrade: true }, ctx);
      if (decision.kind === 'refuse') {
        endWith(socket, decision.status, `ctr-learn sandbox: ${decision.message}`);
        log(decision.status, decision.message);
        return;
      }
      const headers = { ...headersFor(req, decision), connection: 'Upgrade', upgrade: req.headers.upgrade ?? 'tcp' };
      const up = http.request({ ...target, agent: false, method: req.method, path: decision.url, headers });
      up.on('upgrade', (upRes, upSocket, upHead) => {
        let text = `HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}\r\n`;
        for (let i = 0; i < upRes.rawHeaders.length; i += 2) text += `${upRes.rawHeaders[i]}: ${upRes.rawHeaders[i + 1]}\r\n`;
        socket.write(text + '\r\n');
        if (upHead.length) socket.write(upHead);
        if (rest.length) upSocket.write(rest);
        upSocket.pipe(socket);
        socket.pipe(upSocket);
        socket.on('close', () => upSocket.destroy());
        upSocket.on('close', () => socket.destroy());
        upSocket.on('error', () => socket.destroy());
        log(101);
      });
      // Anything but 101: answer it and close, so nothing else is sent on this connection.
      up.on('response', (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          endWith(socket, upRes.statusCode ?? 502, Buffer.concat(chunks).toString('utf8'), upRes.headers['content-type']);
          log(upRes.statusCode ?? 0);
        });
      });
      up.on('error', (err) => endWith(socket, 502, `Docker engine unreachable: ${err.message}`));
      up.end(decision.body === 'stream' ? undefined : (decision.body ?? undefined));
    } catch (err) {
      endWith(socket, 502, `ctr-learn sandbox could not handle this request: ${(err as Error).message}`);
      log(502, (err as Error).message);
    }
  });

  rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => {
          rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}

/** Only the headers the engine needs, with the body's real type and length. */
function headersFor(req: http.IncomingMessage, decision: Extract<Decision, { kind: 'forward' }>): http.OutgoingHttpHeaders {
  const h: http.OutgoingHttpHeaders = {};
  for (const name of ['user-agent', 'x-registry-auth', 'x-registry-config']) if (req.headers[name]) h[name] = req.headers[name];
  if (Buffer.isBuffer(decision.body)) {
    h['content-type'] = isArchive(req.headers['content-type']) ? req.headers['content-type'] : 'application/json';
    h['content-length'] = decision.body.length;
  } else if (decision.body === 'stream') {
    h['content-type'] = isArchive(req.headers['content-type']) ? req.headers['content-type'] : 'application/x-tar';
    if (req.headers['content-length']) h['content-length'] = req.headers['content-length'];
  }
  return h;
}

const isArchive = (ct: string | undefined) => !!ct && /^application\/(x-tar|tar|octet-stream|x-gzip|gzip)$/.test(ct.trim());

function sendJson(res: http.ServerResponse, status: number, message: string) {
  if (res.headersSent) return void res.destroy();
  const payload = JSON.stringify({ message });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

function endWith(socket: net.Socket, status: number, text: string, contentType = 'application/json') {
  const payload = contentType === 'application/json' && !text.startsWith('{') ? JSON.stringify({ message: text }) : text;
  const reason = http.STATUS_CODES[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) {
      req.destroy();
      throw new TooLarge(limit >= 1 << 30 ? '1 GB' : `${limit >> 10} kB`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The body of an upgraded request (exec start's small JSON) and any bytes after it (stdin). */
async function readUpgradeBody(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<{ body: Buffer | null; rest: Buffer }> {
  if (req.headers['transfer-encoding']) throw new Error('a chunked body on a stream request');
  const length = Number(req.headers['content-length'] ?? 0);
  if (!Number.isInteger(length) || length < 0 || length > 64 * 1024) throw new Error('a stream request with a bad Content-Length');
  let buf = head;
  while (buf.length < length) {
    const chunk = await new Promise<Buffer>((resolve, reject) => {
      socket.once('data', resolve);
      socket.once('error', reject);
      socket.once('end', () => reject(new Error('the client closed before sending the body')));
    });
    buf = Buffer.concat([buf, chunk]);
  }
  socket.pause();
  return { body: length ? buf.subarray(0, length) : null, rest: buf.subarray(length) };
}
