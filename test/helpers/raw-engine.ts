import http from 'node:http';
import net from 'node:net';

/** One Engine API call, spelled exactly as given: the path is sent byte for byte, never normalised. */
export interface RawCall {
  method: string;
  path: string;
  /** An object is sent as JSON; a string or Buffer as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RawAnswer {
  status: number;
  body: string;
}

export function rawHttp(socketPath: string, call: RawCall, timeoutMs = 15_000): Promise<RawAnswer> {
  const payload =
    call.body === undefined ? undefined : Buffer.isBuffer(call.body) ? call.body : Buffer.from(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
  const headers: Record<string, string> = { Host: 'docker' };
  if (payload) {
    headers['Content-Type'] = typeof call.body === 'object' && !Buffer.isBuffer(call.body) ? 'application/json' : 'application/octet-stream';
    headers['Content-Length'] = String(payload.length);
  }
  for (const [k, v] of Object.entries(call.headers ?? {})) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
    if (v !== '') headers[k] = v;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: call.method, path: call.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // An upgrade answer (101) means the sandbox spliced a stream: that alone is the finding.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, body: '' });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer to ${call.method} ${call.path} within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * Bytes written to one connection as they are (pipelining, smuggling, upgrades), and every HTTP
 * answer read back until the connection closes or `waitMs` passes quietly.
 */
export function rawSocket(socketPath: string, chunks: (string | Buffer)[], waitMs = 1500): Promise<{ statuses: number[]; text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const s = net.connect(socketPath);
    let text = '';
    let closed = false;
    let timer: NodeJS.Timeout;
    const finish = () => {
      clearTimeout(timer);
      s.destroy();
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      resolve({ statuses, text, closed });
    };
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, waitMs);
    };
    s.on('connect', async () => {
      for (const c of chunks) {
        s.write(c);
        await new Promise((r) => setTimeout(r, 150));
      }
      quiet();
    });
    s.on('data', (d) => {
      text += d.toString('latin1');
      quiet();
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      closed = true;
      finish();
    });
  });
}

/** A request head + body in wire form. */
export function wire(method: string, path: string, headers: Record<string, string> = {}, body = ''): string {
  const h: Record<string, string> = { Host: 'docker', ...headers };
  if (body && !Object.keys(h).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) h['Content-Length'] = String(Buffer.byteLength(body));
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
}

export function chunked(body: string): string {
  return `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`;
}

/** The sandbox's refusal message, or the raw answer when it is not one. */
export function sandboxMessage(body: string): string {
  try {
    return String((JSON.parse(body) as { message?: unknown }).message ?? body);
  } catch {
    return body;
  }
}
