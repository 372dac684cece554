import { portOf } from '../../lessons/personalize';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Evaluator } from '../types';
import { say } from '../../i18n/evidence';
import { get } from './http';

/**
 * The registry's own list of a repository's tags (Distribution API), parsed: a tag counts only if
 * it is in the list exactly. (Matching the response text would take `v1.0` for `1.0`.)
 */
export const registryTag: Evaluator<'registry-tag'> = async (check, ctx) => {
  const L = ctx.lang;
  const path = `/v2/${check.repository}/tags/list`;
  const expected = say(L, check.expect === 'present' ? 'regWantListed' : 'regWantNotListed', { port: check.port, tag: check.tag, repo: check.repository });
  const deadline = Date.now() + 1500;
  for (;;) {
    try {
      const r = await get(portOf(check.port), path, 3000);
      if (r.status === 404) {
        return { pass: check.expect === 'absent', expected, actual: say(L, 'regNoRepo', { repo: check.repository }) };
      }
      let tags: string[] | null;
      try {
        tags = (JSON.parse(r.body) as { tags?: string[] | null }).tags ?? [];
      } catch {
        return { pass: false, expected, actual: say(L, 'regNotAList', { path, status: r.status, body: r.body.slice(0, 60) }) };
      }
      const has = tags.includes(check.tag);
      const actual = tags.length ? say(L, 'regLists', { tags: tags.map((t) => `"${t}"`).join(', ') }) : say(L, 'regListsNone', { repo: check.repository });
      return { pass: has === (check.expect === 'present'), expected, actual };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (Date.now() < deadline && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code)) {
        await sleep(100);
        continue;
      }
      return { pass: false, expected, actual: code === 'ECONNREFUSED' ? say(L, 'regNothingListens', { port: check.port }) : say(L, 'regRequestFailed', { code }) };
    }
  }
};
