import { lstatSync } from 'node:fs';
import http from 'node:http';
import { EngineUnavailable, type EngineDownTexts } from '../errors';
import { fill, type StringKey } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import { DEFAULT_SOCKET, type Endpoint } from './endpoint';

/**
 * Why the engine cannot be reached, decided once, here, for every command and the app:
 * - no-socket: the socket file does not exist (Docker not installed or not started)
 * - not-socket: the path exists but is not a socket
 * - permission: the socket exists and we may not open it
 * - refused: the socket (or TCP port) exists and nothing listens on it
 * - hung: it accepts the connection and does not answer `GET /_ping` in time
 * - dying: it closes the connection before the answer is complete
 * - not-docker: an answer came, but not the Docker Engine API's
 * - unreachable: a TCP host that cannot be reached at all
 */
export type DownCause = 'no-socket' | 'not-socket' | 'permission' | 'refused' | 'hung' | 'dying' | 'not-docker' | 'unreachable';

export interface Diagnosis {
  cause: DownCause;
  endpoint: Endpoint;
  /** The system's error code (ECONNREFUSED...), when there is one. */
  code?: string;
  /** What answered instead of Docker (not-docker), or how long we waited (hung). */
  detail?: string;
}

/**
 * How long the first contact may take. A healthy engine answers `/_ping` in about a millisecond;
 * 2 s leaves room for a loaded machine and keeps every engine-down path under the 5 s we promise.
 */
export const PING_TIMEOUT_MS = 2000;

export type PingResult = { ok: true; apiVersion?: string } | { ok: false; diagnosis: Diagnosis };

/**
 * `GET /_ping` on its own connection (no keep-alive agent, so a half-dead pooled socket cannot
 * confuse the answer), classified. Never throws; never waits longer than `timeoutMs`.
 */
export function ping(endpoint: Endpoint, timeoutMs = PING_TIMEOUT_MS): Promise<PingResult> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const done = (r: PingResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const down = (cause: DownCause, code?: string, detail?: string) => done({ ok: false, diagnosis: { cause, endpoint, code, detail } });
    const req = http.request({
      agent: false,
      socketPath: endpoint.socketPath,
      host: endpoint.socketPath ? 'localhost' : endpoint.host,
      port: endpoint.socketPath ? undefined : endpoint.port,
      method: 'GET',
      path: '/_ping',
    });
    req.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    let answering = false;
    const started = performance.now();
    const giveUp = () => {
      if (connected) down('hung', undefined, `${timeoutMs} ms`);
      else down(endpoint.socketPath ? 'hung' : 'unreachable', 'ETIMEDOUT');
    };
    // The timer runs before pending I/O in an event-loop turn: when our own process was busy (the
    // app drawing its first frame on a loaded machine), an answer may be waiting already. Let I/O
    // run first, and give a late timer (or an answer under way) one short extra wait.
    let timer = setTimeout(function expire(this: void, extra = false) {
      setImmediate(() => {
        const late = performance.now() - started > timeoutMs * 1.5;
        if (!extra && (answering || late)) timer = setTimeout(() => expire(true), Math.min(500, timeoutMs / 2));
        else giveUp();
      });
    }, timeoutMs);
    req.on('response', (res) => {
      answering = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        // /_ping answers "OK"; anything long is not it, and we only need its first bytes.
        if (size < 512) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8').slice(0, 512);
        const v = res.headers['api-version'];
        const apiVersion = typeof v === 'string' ? v : undefined;
        if (res.statusCode === 200 && (apiVersion || body.trim() === 'OK')) done({ ok: true, apiVersion });
        else down('not-docker', undefined, answered(res, body));
      });
      res.on('close', () => {
        if (!res.complete) down('dying', 'ECONNRESET');
      });
      res.on('error', () => down('dying', 'ECONNRESET'));
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, diagnosis: classifyError(err, endpoint, connected) }));
    req.end();
  });
}

/** What answered instead of Docker, in a few words: "HTTP 200, text/html: <html>hello". */
function answered(res: http.IncomingMessage, body: string): string {
  const type = res.headers['content-type'];
  const server = res.headers.server;
  const start = body.replace(/\s+/g, ' ').trim().slice(0, 40);
  return [`HTTP ${res.statusCode}`, server && `server ${server}`, type, start && `"${start}"`].filter(Boolean).join(', ');
}

/**
 * The cause of a failed request. `connected`: the connection was made before it failed (then a
 * reset means a dying engine, not a missing one). Exported for errors in the middle of real work.
 */
export function classifyError(err: NodeJS.ErrnoException, endpoint: Endpoint, connected: boolean): Diagnosis {
  const code = err.code ?? (err.message === 'aborted' ? 'ECONNRESET' : undefined);
  const d = (cause: DownCause, detail?: string): Diagnosis => ({ cause, endpoint, code, detail });
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return d('no-socket');
    case 'EACCES':
    case 'EPERM':
      return d('permission');
    case 'ECONNREFUSED':
      // Connecting to a path that is a plain file or folder is refused too: say what it is.
      return d(endpoint.socketPath && !isSocket(endpoint.socketPath) ? 'not-socket' : 'refused');
    case 'ENOTSOCK':
      return d('not-socket');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return d('unreachable');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return d(connected || endpoint.socketPath ? 'dying' : 'unreachable');
  }
  // Node's HTTP parser rejects what is not HTTP at all (HPE_INVALID_CONSTANT...).
  if (code?.startsWith('HPE_')) return d('not-docker', 'not HTTP');
  return d(connected ? 'dying' : 'unreachable');
}

function isSocket(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return true; // gone meanwhile: let "refused" speak
  }
}

/** Where the endpoint was found, named the way the learner can change it. */
/** The endpoint and where it came from, in words (doctor's first line, the engine-down messages). */
export function where(lang: Lang, ep: Endpoint): string {
  const o = ep.origin;
  if (!o) return fill(lang, 'down.where.other', { url: ep.url, source: ep.source });
  if (o.kind === 'DOCKER_CONTEXT') return fill(lang, 'down.where.DOCKER_CONTEXT', { url: ep.url, context: o.context });
  if (o.kind === 'config') return fill(lang, 'down.where.config', { url: ep.url, context: o.context, file: o.configFile });
  return fill(lang, o.kind === 'DOCKER_HOST' ? 'down.where.DOCKER_HOST' : 'down.where.default', { url: ep.url });
}

/** The cause and its fix, in one language; the fix names the setting to undo when there is one. */
export function explain(d: Diagnosis, lang: Lang): { message: string; fix: string } {
  const ep = d.endpoint;
  const isDefault = ep.origin ? ep.origin.kind === 'default' : ep.socketPath === DEFAULT_SOCKET;
  const vars = {
    where: where(lang, ep),
    path: ep.socketPath ?? `${ep.host}:${ep.port}`,
    port: ep.port ?? '',
    code: d.code ?? '',
    detail: d.detail ?? '',
    s: (PING_TIMEOUT_MS / 1000).toString(),
  };
  if (d.cause === 'hung' && d.detail?.endsWith(' ms')) vars.s = String(Number.parseInt(d.detail, 10) / 1000);
  const message = fill(lang, `down.${d.cause}` as StringKey, vars);
  const fixKey: StringKey =
    isDefault && (['no-socket', 'refused', 'hung', 'dying', 'not-docker'] as DownCause[]).includes(d.cause)
      ? (`down.fix.${d.cause}.default` as StringKey)
      : (`down.fix.${d.cause}` as StringKey);
  let fix = fill(lang, fixKey, vars);
  const kind = ep.origin?.kind;
  // Permission is about who you are, not where the endpoint came from.
  if (kind && kind !== 'default' && d.cause !== 'permission') {
    fix = fill(lang, 'down.join', { fix, escape: fill(lang, `down.escape.${kind}` as StringKey) });
  }
  return { message, fix };
}

/** The error every engine-down path throws: English message and fix, plus the texts in every language. */
export function engineDown(d: Diagnosis): EngineUnavailable {
  const texts = {} as EngineDownTexts;
  for (const lang of ['en', 'ko'] as const) texts[lang] = { ...explain(d, lang), fixLabel: fill(lang, 'down.fixLabel') };
  return new EngineUnavailable(texts.en.message, texts.en.fix, d.cause, texts);
}

