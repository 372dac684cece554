import { findVolume } from '../../engine/objects';
import { firstFileInTar } from '../../engine/streams';
import type { EngineApi } from '../../engine/api';
import type { CheckOf } from '../../lessons/schema';
import { hostname } from 'node:os';
import { labelsFor } from '../../sandbox/labels';
import type { CheckContext, Evaluator, Outcome } from '../types';
import { isOutcome, requireContainer } from './container';

/** The image used to look inside volumes; `ctr-learn prepare` makes it. */
const HELPER_IMAGE = 'busybox:latest';

async function readFromContainer(api: EngineApi, id: string, path: string): Promise<{ content: string; type: string } | null> {
  const r = await api.request('GET', `/containers/${id}/archive`, { query: { path } });
  if (r.status === 404) return null;
  if (r.status >= 400) throw new Error(r.body.toString('utf8'));
  const f = firstFileInTar(r.body);
  return f ? { content: f.content.toString('utf8'), type: f.type } : null;
}

function judge(
  check: CheckOf<'volume-file'> | CheckOf<'container-file'>,
  where: string,
  file: { content: string; type: string } | null,
): Outcome {
  const parts = [check.exists ? `${where} exists` : `${where} does not exist`];
  if (check.includes) parts.push(`containing "${check.includes}"`);
  if (check.matches) parts.push(`matching /${check.matches}/`);
  const expected = parts.join(' ');
  if (!file) return { pass: !check.exists, expected, actual: `${where} does not exist` };
  if (!check.exists) return { pass: false, expected, actual: `${where} exists` };
  if (file.type === 'dir') return { pass: false, expected, actual: `${where} is a directory` };
  const shown = file.content.length > 60 ? `${file.content.slice(0, 60)}…` : file.content;
  const pass =
    (check.includes === undefined || file.content.includes(check.includes)) &&
    (check.matches === undefined || new RegExp(check.matches, 'm').test(file.content));
  return { pass, expected, actual: `${where} contains ${JSON.stringify(shown)}` };
}

export const containerFile: Evaluator<'container-file'> = async (check, ctx) => {
  const where = `${check.path} in container "${check.container}"`;
  const c = await requireContainer(ctx, check.container, `${where} exists`);
  if (isOutcome(c)) return c;
  return judge(check, where, await readFromContainer(ctx.api, c.Id, check.path));
};

/**
 * Look inside a volume through a helper container that is created but never started: the
 * archive API reads its mounts all the same, and no process runs.
 */
export const volumeFile: Evaluator<'volume-file'> = async (check, ctx: CheckContext) => {
  const where = `${check.path} in volume "${check.volume}"`;
  const v = await findVolume(ctx.api, ctx.scope, check.volume);
  if (!v) return { pass: false, expected: `${where} exists`, actual: `no volume named "${check.volume}" in the sandbox` };
  // Its own owner labels (this process), so that if we die mid-check the next start reaps it alone.
  const labels = { ...labelsFor({ id: `helper-${process.pid}`, pid: process.pid, host: hostname() }, ctx.scope.lessonId), 'ctr-learn.helper': '1' };
  const { Id } = await ctx.api.json<{ Id: string }>('POST', '/containers/create', {
    body: { Image: HELPER_IMAGE, Cmd: ['true'], Labels: labels, HostConfig: { Binds: [`${v.Name}:/v:ro`] }, NetworkDisabled: true },
  });
  try {
    return judge(check, where, await readFromContainer(ctx.api, Id, `/v/${check.path.replace(/^\/+/, '')}`));
  } finally {
    await ctx.api.request('DELETE', `/containers/${Id}`, { query: { force: 1 } });
  }
};
