import { isDeepStrictEqual } from 'node:util';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/engine/api';
import { ATTEMPT_LABEL, openLab, type Fingerprint, type Lab, type Outside } from '../../helpers/attack-lab';
import { rawHttp, rawSocket, sandboxMessage, type RawCall } from '../../helpers/raw-engine';

/** The classes of escape issue 9 lists; every attempt belongs to one. */
export type AttackClass = 'create options' | 'request bodies' | 'paths' | 'reads that write or leak' | 'connection tricks' | 'tags and images' | 'builds';

/** What an attempt has to work with: the outside objects, the workspace, one container the sandbox owns. */
export interface Ctx {
  o: Outside;
  ws: string;
  lab: Lab;
  /** A running container created through the sandbox (a legit target for upgrades and connects). */
  own: string;
}

/** Bytes written on one connection; the first `allowed` answers belong to requests the sandbox may pass. */
export interface RawBytes {
  bytes: (string | Buffer)[];
  allowed: number;
}

/**
 * refused: the sandbox says no (403/400 with "ctr-learn sandbox", or the CLI fails with it);
 * untouched: a route the sandbox may serve for its own objects, so only the outside fingerprint counts;
 * allowed: a read of shared metadata the sandbox must keep answering (flip in the named table).
 */
export type Expectation = 'refused' | 'untouched' | 'allowed';

export interface Attempt {
  id: string;
  cls: AttackClass;
  /** Arguments after `docker`, as a learner would type them. */
  cli?: (c: Ctx) => string[] | Promise<string[]>;
  api?: (c: Ctx) => RawCall | RawBytes | Promise<RawCall | RawBytes>;
  /**
   * For a hijacked call the CLI prints only "unable to upgrade to tcp, received 403", never the
   * refusal's body: what the CLI's stderr must show instead of "ctr-learn sandbox".
   */
  cliRefusal?: RegExp;
  /** The refusal names the option or the reason: one of these words. */
  says: RegExp;
  expect?: Expectation;
}

export const API = '/v1.41';
export const IMAGE = 'busybox:latest';
/** A container create as the CLI sends it, with extra HostConfig. */
export const createCall = (hostConfig: Record<string, unknown>, extra: Record<string, unknown> = {}): RawCall => ({
  method: 'POST',
  path: `${API}/containers/create`,
  body: { Image: IMAGE, Cmd: ['true'], HostConfig: hostConfig, ...extra },
});
export const runArgs = (...flags: string[]) => ['run', '--rm', ...flags, IMAGE, 'true'];

const isBytes = (x: RawCall | RawBytes): x is RawBytes => 'bytes' in x;

/**
 * One describe per table: open the lab once, then per attempt and per form (CLI, raw API) try it,
 * check the outside objects are exactly as they were, and check the refusal. An attempt that got
 * through is repaired afterwards so the next one is judged on its own.
 */
export function describeAttacks(api: EngineApi | null, title: string, attempts: Attempt[], more?: (get: () => Ctx, untouched: (what: string) => Promise<void>) => void) {
  describe.runIf(api)(title, () => {
    let ctx: Ctx;
    let baseline: Fingerprint;

    beforeAll(async () => {
      const lab = await openLab(api as EngineApi);
      const own = `${lab.o.prefix}-own`;
      const r = await lab.docker(['run', '-d', '--name', own, IMAGE, 'sleep', '3600']);
      if (r.exitCode !== 0) throw new Error(`setup: the sandbox could not run its own container: ${r.stderr}`);
      writeFileSync(join(lab.ws, 'Dockerfile'), `FROM ${IMAGE}\nRUN true\n`);
      symlinkSync('/etc', join(lab.ws, 'etc-link'));
      ctx = { o: lab.o, ws: lab.ws, lab, own };
      baseline = await lab.fingerprint();
    });
    afterAll(async () => {
      await ctx?.lab.close();
    });

    const untouched = async (what: string) => {
      const now = await ctx.lab.fingerprint();
      if (isDeepStrictEqual(now, baseline)) return;
      const before = baseline;
      await ctx.lab.repair();
      baseline = await ctx.lab.fingerprint();
      expect(now, `${what}: outside objects changed`).toEqual(before);
    };

    for (const a of attempts) {
      const expectation = a.expect ?? 'refused';
      describe(`[${a.cls}] ${a.id}`, () => {
        if (a.cli) {
          it(`docker CLI is ${expectation}`, async () => {
            const args = await a.cli!(ctx);
            const r = await ctx.lab.docker(args, { timeoutMs: 15_000 });
            const said = `docker ${args.join(' ')} → exit ${r.exitCode}${r.timedOut ? ' (timed out)' : ''}: ${r.stderr.trim().slice(0, 400)}`;
            if (expectation === 'refused') {
              expect.soft(r.exitCode, said).not.toBe(0);
              if (a.cliRefusal) expect.soft(r.stderr, said).toMatch(a.cliRefusal);
              else {
                expect.soft(r.stderr, said).toContain('ctr-learn sandbox');
                expect.soft(r.stderr, said).toMatch(a.says);
              }
            } else if (expectation === 'allowed') {
              expect.soft(r.exitCode, said).toBe(0);
            }
            await untouched(said);
          });
        }
        if (a.api) {
          it(`raw API call is ${expectation}`, async () => {
            const call = await a.api!(ctx);
            if (!isBytes(call) && call.path.endsWith('/containers/create') && call.body && typeof call.body === 'object' && !Buffer.isBuffer(call.body)) {
              const b = call.body as { Labels?: Record<string, string> };
              b.Labels = { ...b.Labels, [ATTEMPT_LABEL]: ctx.o.prefix };
            }
            if (isBytes(call)) {
              const r = await rawSocket(ctx.lab.sandbox.socketPath, call.bytes);
              const said = `raw bytes → answers ${JSON.stringify(r.statuses)}: ${r.text.slice(0, 400)}`;
              // Every answer after the legit ones is a refusal (or the connection was closed instead).
              for (const s of r.statuses.slice(call.allowed)) expect.soft(s, said).toBeGreaterThanOrEqual(400);
              await untouched(said);
              return;
            }
            const r = await rawHttp(ctx.lab.sandbox.socketPath, call).catch((err: Error) => ({ status: 0, body: `connection error: ${err.message}` }));
            const said = `${call.method} ${call.path} → ${r.status}: ${sandboxMessage(r.body).slice(0, 400)}`;
            if (expectation === 'refused') {
              expect.soft([400, 403], said).toContain(r.status);
              expect.soft(sandboxMessage(r.body), said).toContain('ctr-learn sandbox');
              expect.soft(sandboxMessage(r.body), said).toMatch(a.says);
            } else if (expectation === 'allowed') {
              expect.soft(r.status, said).toBeLessThan(300);
            }
            await untouched(said);
          });
        }
      });
    }
    more?.(() => ctx, untouched);
  });
}

/** Distinct attempts and the forms they are tried in, per class (the issue asks for at least 60). */
export function countAttempts(tables: Attempt[][]) {
  const all = tables.flat();
  const byClass: Record<string, { attempts: number; cli: number; api: number }> = {};
  for (const a of all) {
    byClass[a.cls] ??= { attempts: 0, cli: 0, api: 0 };
    byClass[a.cls].attempts++;
    if (a.cli) byClass[a.cls].cli++;
    if (a.api) byClass[a.cls].api++;
  }
  return { total: all.length, ids: all.map((a) => a.id), byClass };
}
