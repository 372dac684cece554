import { EventLog, eventKey, type RawEvent } from './event-log';
import http from 'node:http';
import { CouldNotCheck } from '../errors';
import { fill } from '../i18n/strings';

/** A CouldNotCheck said in both languages (the English text is its message). */
function couldNot(key: Parameters<typeof fill>[1], vars: Record<string, string | number>, fixKey?: Parameters<typeof fill>[1]): CouldNotCheck {
  const texts = (lang: 'en' | 'ko') => ({ message: fill(lang, key, vars), fix: fixKey ? fill(lang, fixKey) : '', fixLabel: fill(lang, 'tryLabel') });
  return new CouldNotCheck(fill('en', key, vars), fixKey ? fill('en', fixKey) : undefined).inEveryLanguage({ en: texts('en'), ko: texts('ko') });
}
import { classifyError, engineDown, ping, PING_TIMEOUT_MS } from './diagnose';
import type { Endpoint } from './endpoint';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-encoded unless it is a Buffer (sent as-is, e.g. a tar for /images/load). */
  body?: unknown;
  /** Content-Type for a Buffer body (default application/x-tar). */
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ApiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The engine answered with an error status; `message` is the engine's own words. */
export class ApiError extends CouldNotCheck {
  constructor(
    readonly status: number,
    readonly engineMessage: string,
    readonly what: string,
  ) {
    super(`Engine refused ${what}: ${engineMessage} (HTTP ${status})`);
  }
}

/** A line in the command log: which Engine API calls ctr-learn made, for the learner to see. */
export type ApiLogger = (entry: { method: string; path: string; status: number; ms: number }) => void;

/**
 * A small Engine API client over the socket. Checks use this (0.5 ms per inspect) instead of
 * spawning the docker CLI (~20 ms and human-readable output that changes between versions).
 */
export class EngineApi {
  private agent: http.Agent;
  private versionPrefix: Promise<string> | null = null;
  logger?: ApiLogger;

  constructor(
    readonly endpoint: Endpoint,
    private readonly defaultTimeoutMs = 15_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  close() {
    this.eventLog?.close();
    this.eventLog = null;
    this.agent.destroy();
  }

  /** Raw request, no version prefix. Connection failures become EngineUnavailable. */
  raw(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    const qs = opts.query
      ? Object.entries(opts.query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&')
      : '';
    const fullPath = qs ? `${path}?${qs}` : path;
    const isBuffer = Buffer.isBuffer(opts.body);
    const payload = opts.body === undefined ? undefined : isBuffer ? (opts.body as Buffer) : Buffer.from(JSON.stringify(opts.body));
    const started = performance.now();
    return new Promise((resolve, reject) => {
      let connected = false;
      const req = http.request(
        {
          agent: this.agent,
          socketPath: this.endpoint.socketPath,
          host: this.endpoint.socketPath ? 'localhost' : this.endpoint.host,
          port: this.endpoint.socketPath ? undefined : this.endpoint.port,
          method,
          path: fullPath,
          headers: payload
            ? { 'Content-Type': isBuffer ? (opts.contentType ?? 'application/x-tar') : 'application/json', 'Content-Length': payload.length }
            : undefined,
          signal: opts.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            const status = res.statusCode ?? 0;
            this.logger?.({ method, path: fullPath, status, ms: performance.now() - started });
            resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
          });
          // An engine that dies in the middle of its answer: say so now, not when the timeout fires.
          // (Unless we cut it ourselves: our timeout or the caller's cancel say what happened.)
          const dying = () => {
            clearTimeout(timer);
            if (timedOut) reject(timeoutError);
            else if (opts.signal?.aborted) reject(couldNot('couldNot.cancelled', {}));
            else reject(engineDown({ cause: 'dying', endpoint: this.endpoint, code: 'ECONNRESET' }));
          };
          res.on('error', dying);
          res.on('close', () => {
            if (!res.complete) dying();
          });
        },
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) connected = true; // a pooled keep-alive connection
        else socket.once('connect', () => (connected = true));
      });
      const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
      let timedOut = false;
      const timeoutError = couldNot('couldNot.timeout', { call: `${method} ${path}`, ms: timeoutMs }, 'couldNot.timeout.fix');
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(timeoutError);
      }, timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (err instanceof CouldNotCheck) return reject(err);
        if (err.name === 'AbortError') return reject(couldNot('couldNot.cancelled', {}));
        if (err.code) return reject(engineDown(classifyError(err, this.endpoint, connected)));
        reject(couldNot('couldNot.failed', { call: `${method} ${path}`, message: err.message }, 'couldNot.fix'));
      });
      if (payload) req.write(payload);
      req.end();
    });
  }

  /**
   * The API version to speak: the engine's own, so old and new engines both work. This is the
   * first contact, so it is short (PING_TIMEOUT_MS) and a failure says why (src/engine/diagnose.ts):
   * a hung or dying engine is found here in 2 s instead of by the 15 s timeout of real work.
   */
  async prefix(): Promise<string> {
    if (!this.versionPrefix) {
      const started = performance.now();
      this.versionPrefix = ping(this.endpoint, PING_TIMEOUT_MS).then((r) => {
        this.logger?.({ method: 'GET', path: '/_ping', status: r.ok ? 200 : 0, ms: performance.now() - started });
        if (r.ok) return r.apiVersion ? `/v${r.apiVersion}` : '/v1.41';
        this.versionPrefix = null;
        throw engineDown(r.diagnosis);
      });
    }
    return this.versionPrefix;
  }

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    const r = await this.raw(method, (await this.prefix()) + path, opts);
    return this.eventLog && method === 'GET' && path === '/events' && opts.query?.until !== undefined ? this.withLoggedEvents(r, opts.query) : r;
  }

  private eventLog: EventLog | null = null;

  /**
   * Keep a copy of every engine event from now on (engine/event-log.ts), for past events queries
   * of this client: the engine itself keeps only 256. For processes that grade (the app, verify).
   */
  async recordEvents(): Promise<void> {
    if (this.eventLog) return;
    const res = await this.stream('GET', '/events');
    this.eventLog ??= new EventLog(res);
  }

  /** A past events answer joined with the recorded events its filters match, oldest first. */
  private withLoggedEvents(r: ApiResponse, query: NonNullable<RequestOptions['query']>): ApiResponse {
    if (r.status !== 200 || !this.eventLog) return r;
    let filters: Record<string, string[]> = {};
    try {
      const raw = JSON.parse(String(query.filters ?? '{}')) as Record<string, string[] | Record<string, boolean>>;
      // Both forms the engine reads: {"k": ["v"]} and {"k": {"v": true}}.
      for (const [k, v] of Object.entries(raw)) filters[k] = Array.isArray(v) ? v : Object.keys(v);
    } catch {
      return r;
    }
    const logged = this.eventLog.matching(Number(query.since ?? 0), Number(query.until), filters);
    if (!logged?.length) return r;
    const lines = r.body.toString('utf8').split('\n').filter((l) => l.trim());
    const seen = new Set<string>();
    const all: RawEvent[] = [];
    for (const e of [...lines.map((l) => JSON.parse(l) as RawEvent), ...logged]) {
      const key = eventKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(e);
    }
    all.sort((a, b) => a.timeNano - b.timeNano);
    return { ...r, body: Buffer.from(all.map((e) => JSON.stringify(e)).join('\n') + '\n') };
  }

  /** JSON request; throws ApiError on an error status. */
  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const r = await this.request(method, path, opts);
    if (r.status >= 400) throw new ApiError(r.status, engineMessage(r.body), `${method} ${path}`);
    if (r.body.length === 0) return undefined as T;
    return JSON.parse(r.body.toString('utf8')) as T;
  }

  /** Like json(), but 404 → null (an object that does not exist is an answer, not an error). */
  async maybe<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T | null> {
    const r = await this.request(method, path, opts);
    if (r.status === 404) return null;
    if (r.status >= 400) throw new ApiError(r.status, engineMessage(r.body), `${method} ${path}`);
    return r.body.length ? (JSON.parse(r.body.toString('utf8')) as T) : (undefined as T);
  }

  /** A request whose response is streamed (events, logs -f, pull). Returns the live response. */
  async stream(method: string, path: string, opts: RequestOptions = {}): Promise<http.IncomingMessage> {
    const prefix = await this.prefix();
    const qs = opts.query
      ? '?' +
        Object.entries(opts.query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&')
      : '';
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.endpoint.socketPath,
          host: this.endpoint.socketPath ? 'localhost' : this.endpoint.host,
          port: this.endpoint.socketPath ? undefined : this.endpoint.port,
          method,
          path: prefix + path + qs,
          signal: opts.signal,
        },
        resolve,
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(err.code && err.name !== 'AbortError' ? engineDown(classifyError(err, this.endpoint, false)) : new CouldNotCheck(err.message)),
      );
      req.end();
    });
  }
}

/** The engine's own words from an error answer (`{"message": ...}`), or the answer as it is. */
export function engineMessage(body: Buffer | string): string {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text.trim();
  } catch {
    return text.trim();
  }
}
