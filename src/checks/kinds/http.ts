import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import http from 'node:http';
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
  let wantBody: string | undefined = check.bodyIncludes;
  let exactFile: string | undefined;
  if (check.bodyEqualsFile) {
    try {
      exactFile = readFileSync(resolve(ctx.workspace, check.bodyEqualsFile), 'utf8');
    } catch {
      return { pass: false, expected: `the content of ${check.bodyEqualsFile}`, actual: `${check.bodyEqualsFile} is missing from your workspace` };
    }
  }
  const expected =
    `GET http://127.0.0.1:${check.port}${check.path} → ${check.status}` +
    (wantBody ? ` with "${wantBody}" in the page` : '') +
    (check.bodyExcludes ? ` without "${check.bodyExcludes}"` : '') +
    (exactFile !== undefined ? ` serving your ${check.bodyEqualsFile}` : '');
  const deadline = Date.now() + check.retryForMs;
  for (;;) {
    try {
      const r = await get(check.port, check.path, 3000);
      const snippet = r.body.trim().replace(/\s+/g, ' ').slice(0, 80);
      const bodyOk =
        (wantBody === undefined || r.body.includes(wantBody)) &&
        (check.bodyExcludes === undefined || !r.body.includes(check.bodyExcludes)) &&
        (exactFile === undefined || r.body.trimEnd() === exactFile.trimEnd());
      const pass = r.status === check.status && bodyOk;
      if (!pass && Date.now() < deadline && r.status >= 500) {
        await sleep(150);
        continue;
      }
      const why =
        check.bodyExcludes !== undefined && r.body.includes(check.bodyExcludes)
          ? `the page still contains "${check.bodyExcludes}"`
          : wantBody !== undefined && !r.body.includes(wantBody)
            ? `the page has no "${wantBody}"`
            : exactFile !== undefined && r.body.trimEnd() !== exactFile.trimEnd()
              ? `the page differs from your ${check.bodyEqualsFile}`
              : '';
      return { pass, expected, actual: `${r.status}${why ? `, ${why}` : ''}: "${snippet}${r.body.length > 80 ? '…' : ''}"` };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (Date.now() < deadline && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code)) {
        await sleep(100);
        continue;
      }
      const actual =
        code === 'ECONNREFUSED' ? `nothing listens on 127.0.0.1:${check.port}` : code === 'ETIMEDOUT' ? 'no answer within 3 s' : `request failed (${code})`;
      return { pass: false, expected, actual };
    }
  }
};
