import { setTimeout as sleep } from 'node:timers/promises';
import type { Evaluator } from '../types';
import { get } from './http';

/**
 * The registry's own list of a repository's tags (Distribution API), parsed: a tag counts only if
 * it is in the list exactly. (Matching the response text would take `v1.0` for `1.0`.)
 */
export const registryTag: Evaluator<'registry-tag'> = async (check, _ctx) => {
  const path = `/v2/${check.repository}/tags/list`;
  const expected = `the registry on 127.0.0.1:${check.port} ${check.expect === 'present' ? 'lists' : 'does not list'} the tag "${check.tag}" of ${check.repository}`;
  const deadline = Date.now() + 1500;
  for (;;) {
    try {
      const r = await get(check.port, path, 3000);
      if (r.status === 404) {
        return { pass: check.expect === 'absent', expected, actual: `the registry has no repository ${check.repository} (nothing was pushed to it)` };
      }
      let tags: string[] | null;
      try {
        tags = (JSON.parse(r.body) as { tags?: string[] | null }).tags ?? [];
      } catch {
        return { pass: false, expected, actual: `GET ${path} answered ${r.status}, not a registry's tag list: "${r.body.slice(0, 60)}"` };
      }
      const has = tags.includes(check.tag);
      const actual = tags.length ? `it lists ${tags.map((t) => `"${t}"`).join(', ')}` : `it lists no tag of ${check.repository}`;
      return { pass: has === (check.expect === 'present'), expected, actual };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (Date.now() < deadline && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code)) {
        await sleep(100);
        continue;
      }
      return { pass: false, expected, actual: code === 'ECONNREFUSED' ? `nothing listens on 127.0.0.1:${check.port}` : `request failed (${code})` };
    }
  }
};
