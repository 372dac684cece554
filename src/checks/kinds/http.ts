import { portOf } from '../../lessons/personalize';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import http from 'node:http';
import { say } from '../../i18n/evidence';
import { findLine, firstDifference, startOf } from '../evidence';
import type { Evaluator } from '../types';

/** A real GET from the host to 127.0.0.1 (never anywhere else). */
export function get(port: number, path: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: timeoutMs, agent: false }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => {
        if (body.length < 100_000) body += c;
      });
      r.on('end', () => res({ status: r.statusCode ?? 0, body }));
      r.on('error', rej);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })));
    req.on('error', rej);
  });
}

export const httpCheck: Evaluator<'http'> = async (check, ctx) => {
  const L = ctx.lang;
  let wantBody: string | undefined = check.bodyIncludes;
  let exactFile: string | undefined;
  if (check.bodyEqualsFile) {
    try {
      exactFile = readFileSync(resolve(ctx.workspace, check.bodyEqualsFile), 'utf8');
    } catch {
      return { pass: false, expected: say(L, 'httpFileContent', { file: check.bodyEqualsFile }), actual: say(L, 'httpFileMissing', { file: check.bodyEqualsFile }) };
    }
  }
  const expected =
    say(L, 'httpExpected', { port: check.port, path: check.path, status: check.status }) +
    (wantBody ? say(L, 'httpWithBody', { text: wantBody }) : '') +
    (check.bodyExcludes ? say(L, 'httpWithout', { text: check.bodyExcludes }) : '') +
    (exactFile !== undefined ? say(L, 'httpServing', { file: check.bodyEqualsFile! }) : '');
  const deadline = Date.now() + check.retryForMs;
  for (;;) {
    try {
      const r = await get(portOf(check.port), check.path, 3000);
      const bodyOk =
        (wantBody === undefined || r.body.includes(wantBody)) &&
        (check.bodyExcludes === undefined || !r.body.includes(check.bodyExcludes)) &&
        (exactFile === undefined || r.body.trimEnd() === exactFile.trimEnd());
      const pass = r.status === check.status && bodyOk;
      if (!pass && Date.now() < deadline && r.status >= 500) {
        await sleep(150);
        continue;
      }
      // The evidence is the part that decided: the line that still holds the text (with its
      // number), the first line that differs from the file, or the start of the page.
      const still = check.bodyExcludes !== undefined ? findLine(r.body, check.bodyExcludes) : null;
      let actual: string;
      if (still) actual = say(L, 'httpPage', { status: r.status, why: say(L, 'httpStillContains', { text: check.bodyExcludes!, n: still.n, line: still.quoted }) });
      else if (wantBody !== undefined && !r.body.includes(wantBody)) actual = say(L, 'httpStartWhy', { status: r.status, why: say(L, 'httpHasNo', { text: wantBody }), snippet: startOf(r.body) });
      else if (exactFile !== undefined && r.body.trimEnd() !== exactFile.trimEnd()) {
        const d = firstDifference(r.body, exactFile);
        actual = say(L, 'httpPage', { status: r.status, why: say(L, 'httpDiffers', { file: check.bodyEqualsFile!, n: d.n, line: d.a, mine: d.b }) });
      } else actual = say(L, 'httpStart', { status: r.status, snippet: startOf(r.body) });
      return { pass, expected, actual };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (Date.now() < deadline && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code)) {
        await sleep(100);
        continue;
      }
      const actual =
        code === 'ECONNREFUSED' ? say(L, 'nothingListens', { port: check.port }) : code === 'ETIMEDOUT' ? say(L, 'noAnswer') : say(L, 'requestFailed', { code });
      return { pass: false, expected, actual };
    }
  }
};
