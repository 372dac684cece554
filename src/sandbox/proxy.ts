import http from 'node:http';
import net from 'node:net';
import { rmSync } from 'node:fs';
import type { EngineApi } from '../engine/api';
import type { Endpoint } from '../engine/endpoint';
import { decide, type Decision } from './rules';
import type { SandboxState } from './state';

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

/**
 * The sandbox: an Engine API proxy on a private unix socket. The learner's docker CLI talks to it
 * (DOCKER_HOST=unix://<socket>); it labels everything created, refuses changes to objects that are
 * not the sandbox's, and passes everything else through untouched.
 *
 * Two traps, both measured: response headers are flushed at once (the CLI waits for the headers of
 * POST /containers/{id}/wait before it starts the container), and hijacked connections (attach,
 * exec) are spliced raw, byte for byte.
 */
export async function startProxy(opts: {
  upstream: Endpoint;
  api: EngineApi;
  state: SandboxState;
  socketPath: string;
  log?: (e: ProxyLogEntry) => void;
}): Promise<Proxy> {
  const { upstream, api, state, socketPath } = opts;
  if (!upstream.socketPath && !upstream.host) throw new Error('proxy needs an upstream endpoint');
  const connectUpstream = () =>
    upstream.socketPath ? net.connect(upstream.socketPath) : net.connect(upstream.port!, upstream.host!);
  const agent = new http.Agent({ keepAlive: true });

  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    const log = (status: number, refused?: string) =>
      opts.log?.({ method: req.method ?? '', path: req.url ?? '', status, ms: performance.now() - started, refused });
    try {
      const body = needsBody(req) ? await readBody(req) : null;
      const decision = await decide({ method: req.method ?? 'GET', url: req.url ?? '/', body, api, state });
      if (decision.kind === 'refuse') {
        const payload = JSON.stringify({ message: `ctr-learn sandbox: ${decision.message}` });
        res.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
        res.end(payload);
        log(403, decision.message);
        return;
      }
      forward(req, res, decision, body, log);
    } catch (err) {
      const payload = JSON.stringify({ message: `ctr-learn sandbox could not handle this request: ${(err as Error).message}` });
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(payload);
      log(502, (err as Error).message);
    }
  });

  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    decision: Exclude<Decision, { kind: 'refuse' }>,
    body: Buffer | null,
    log: (status: number) => void,
  ) {
    const headers = { ...req.headers };
    let payload = body;
    if (decision.kind === 'rewrite' && decision.body !== undefined) {
      payload = Buffer.from(JSON.stringify(decision.body));
      headers['content-type'] = 'application/json';
    }
    if (payload) {
      headers['content-length'] = String(payload.length);
      delete headers['transfer-encoding'];
    }
    const path = decision.kind === 'rewrite' && decision.url ? decision.url : req.url;
    const up = http.request(
      {
        agent,
        socketPath: upstream.socketPath,
        host: upstream.socketPath ? undefined : upstream.host,
        port: upstream.socketPath ? undefined : upstream.port,
        method: req.method,
        path,
        headers,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        res.flushHeaders();
        const after = decision.kind !== 'pass' ? decision.after : undefined;
        if (after?.scanOutput) {
          upRes.on('data', (chunk: Buffer) => after.scanOutput!(chunk.toString('utf8')));
        }
        upRes.pipe(res);
        upRes.on('end', () => {
          log(upRes.statusCode ?? 0);
          if ((upRes.statusCode ?? 500) < 400) after?.onSuccess?.();
        });
      },
    );
    up.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `Docker engine unreachable: ${err.message}` }));
    });
    // The client went away (Ctrl-C on `docker logs -f`): stop the upstream request too.
    // (Not req 'close': that fires as soon as the request body has been read.)
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    if (payload) up.end(payload);
    else req.pipe(up);
  }

  // Hijacked streams (docker run attached, docker exec, docker attach): check ownership, then splice.
  server.on('upgrade', async (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const started = performance.now();
    try {
      const decision = await decide({ method: req.method ?? 'POST', url: req.url ?? '/', body: null, api, state });
      if (decision.kind === 'refuse') {
        const payload = JSON.stringify({ message: `ctr-learn sandbox: ${decision.message}` });
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`);
        opts.log?.({ method: req.method ?? '', path: req.url ?? '', status: 403, ms: performance.now() - started, refused: decision.message });
        return;
      }
      const up = connectUpstream();
      up.on('error', () => socket.destroy());
      up.on('connect', () => {
        let headText = `${req.method} ${req.url} HTTP/1.1\r\n`;
        for (let i = 0; i < req.rawHeaders.length; i += 2) headText += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
        up.write(headText + '\r\n');
        if (head.length) up.write(head);
        up.pipe(socket);
        socket.pipe(up);
        opts.log?.({ method: req.method ?? '', path: req.url ?? '', status: 101, ms: performance.now() - started });
      });
      socket.on('close', () => up.destroy());
      up.on('close', () => socket.destroy());
    } catch (err) {
      socket.end(`HTTP/1.1 502 Bad Gateway\r\n\r\n${(err as Error).message}`);
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

function needsBody(req: http.IncomingMessage): boolean {
  // Only small JSON bodies are read whole (to add labels); tar uploads (build, load, import) stream.
  const ct = req.headers['content-type'] ?? '';
  return req.method === 'POST' && ct.includes('json');
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

