import type { Lang } from '../../lessons/schema';
import { EngineApi } from '../../engine/api';
import { resolveEndpoint } from '../../engine/endpoint';
import { CtrError } from '../../errors';
import type { openSandbox, ProxyLogEntry } from '../../sandbox';
import type { KeptLab, Lab } from '../../sandbox/lab';
import type { EngineStatus } from '../state/state';

export interface EngineSessionOptions {
  /** Every Engine API call ctr-learn itself makes (checks, reset, this session). */
  onApiCall: (e: { method: string; path: string; status: number; ms: number }) => void;
  /** Every Engine API call the learner's docker CLI made through the sandbox proxy. */
  onProxyCall: (e: ProxyLogEntry) => void;
  /** Containers of these lessons started, died, were removed or changed health (debounced). */
  onContainerEvents: (lessonIds: string[]) => void;
  onStatus: (s: EngineStatus) => void;
  connect?: () => EngineApi;
  open?: typeof openSandbox;
  /** The learner's language as it is now: the sandbox refuses in it. */
  lang?: () => Lang;
}

/**
 * The engine side of one app session: the API client, the sandbox, and a subscription to the
 * sandbox's container changes (so a step is re-checked when its containers change,
 * whichever terminal changed them).
 */
export class EngineSession {
  api: EngineApi | null = null;
  sandbox: Promise<Lab> | null = null;
  private events: AbortController | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private pendingLessons = new Set<string>();
  private closed = false;

  constructor(private readonly opts: EngineSessionOptions) {}

  /** Find the engine and open the sandbox. Resolves with the sandbox, or null without an engine. */
  async start(lessonId: string): Promise<Lab | null> {
    this.closed = false;
    this.stopEvents();
    this.api?.close();
    this.opts.onStatus({ state: 'checking' });
    let api: EngineApi;
    try {
      api = (this.opts.connect ?? (() => new EngineApi(resolveEndpoint())))();
      api.logger = this.opts.onApiCall;
      const v = await api.json<{ Version: string }>('GET', '/version', { timeoutMs: 3000 });
      this.api = api;
      // The engine keeps 256 events; the checks of this session read a copy kept from now on.
      // (Optional: a fake engine in tests has no event stream, and grading still works without it.)
      await api.recordEvents?.().catch(() => {});
      this.opts.onStatus({ state: 'ok', version: v.Version, endpoint: api.endpoint.url });
    } catch (err) {
      const e = err as CtrError;
      const texts = e instanceof CtrError ? e.texts : undefined;
      this.opts.onStatus({ state: 'down', message: e.message, tryThis: e.tryThis, ...(texts ? { texts } : {}) });
      this.sandbox = null;
      return null;
    }
    // The sandbox (proxy, reaper) is loaded only now, after the first frame.
    const open = this.opts.open ?? (await import('../../sandbox')).openSandbox;
    // The learner's kept lab (their last quit, a crash) is taken over: they carry on where they were.
    this.sandbox = open(api, { lessonId, log: this.opts.onProxyCall, lang: this.opts.lang, adopt: true, grade: 'learner' });
    const sandbox = await this.sandbox;
    if (!this.closed) void this.watch(sandbox);
    return sandbox;
  }

  private async watch(sandbox: Lab): Promise<void> {
    const ac = new AbortController();
    this.events = ac;
    const again = () => {
      if (!ac.signal.aborted && !this.closed) this.retryTimer = setTimeout(() => void this.watch(sandbox), 2000);
    };
    try {
      await sandbox.follow((lessons) => this.changed(lessons), ac.signal);
    } catch {
      /* could not follow now: try again below */
    }
    again();
  }

  private changed(lessons: string[]): void {
    for (const l of lessons) this.pendingLessons.add(l);
    if (this.pendingLessons.size && !this.debounce) {
      // `docker run --rm` gives start, die and destroy within a few ms: one re-check for all.
      this.debounce = setTimeout(() => {
        this.debounce = null;
        const ids = [...this.pendingLessons];
        this.pendingLessons.clear();
        this.opts.onContainerEvents(ids);
      }, 250);
    }
  }

  private stopEvents(): void {
    this.events?.abort();
    this.events = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.debounce) clearTimeout(this.debounce);
    this.retryTimer = this.debounce = null;
  }

  /**
   * End the session: stop watching, close the sandbox keeping the learner's lab for their return
   * (the next start takes it over), close the client. Gives up after `budgetMs`; says whether it
   * finished and what was kept.
   */
  async close(budgetMs: number): Promise<{ removed: number; kept: KeptLab | null; finished: boolean }> {
    this.closed = true;
    this.stopEvents();
    let kept: KeptLab | null = null;
    let finished = true;
    if (this.sandbox) {
      const ending = this.sandbox
        .then((sb) => sb.keep())
        .then((k) => {
          kept = k;
          return true;
        })
        .catch(() => true);
      let timer: NodeJS.Timeout | undefined;
      finished = await Promise.race([ending, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), budgetMs)))]);
      clearTimeout(timer);
    }
    this.api?.close();
    return { removed: 0, kept, finished };
  }
}
