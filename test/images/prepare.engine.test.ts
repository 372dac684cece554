import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerArchive } from '../../src/images/archive';
import { loadArchive, pullImage, tagState } from '../../src/images/engine-images';
import { prepareImages, requiredImagesPresent, type PrepareReport } from '../../src/images/prepare';
import { SeedBuilder } from '../../src/images/recipes';
import { SEED_IMAGES } from '../../src/images/seeds';
import { runProcess } from '../../src/proc/run';
import { httpGet, removeTestContainers, RUN_ID, runPublished, RUN_LABEL, TEST_LABEL } from './engine-helper';
import { hostBinariesOrSkip } from './host-helper';
import { engineForTests } from '../helpers/engine';

const api = (await engineForTests()) ?? undefined;
const ready = !!api && hostBinariesOrSkip();
const ALL_REFS = SEED_IMAGES.flatMap((s) => s.refs);

describe.skipIf(!ready)('prepare on the real engine', () => {
  let first: PrepareReport;

  beforeAll(async () => {
    first = await prepareImages(api!, { offline: true });
  }, 60_000);

  afterAll(async () => {
    await removeTestContainers(api!);
    api!.close();
  });

  it('makes every seed image, and a second run finds them all present with the same IDs', async () => {
    expect(first.failures).toEqual([]);
    expect(first.images.map((i) => i.ref).sort()).toEqual([...ALL_REFS].sort());
    const second = await prepareImages(api!, { offline: true });
    expect(second.failures).toEqual([]);
    expect(second.images.map((i) => [i.ref, i.action])).toEqual(ALL_REFS.map((r) => [r, 'present']));
    expect(second.images.map((i) => i.id)).toEqual(first.images.map((i) => i.id));
    const busybox = second.images.filter((i) => i.ref.startsWith('busybox:'));
    expect(busybox[0].id).toBe(busybox[1].id);
  }, 60_000);

  it('without --offline does not try a registry when every image is present', async () => {
    const report = await prepareImages(api!, { offline: false });
    expect(report.images.every((i) => i.action === 'present' && !i.note)).toBe(true);
  }, 60_000);

  it('prepares only the images asked for ("busybox" means busybox:latest, and brings busybox:1.36 along)', async () => {
    const report = await prepareImages(api!, { offline: true, only: ['busybox'] });
    expect(report.images.map((i) => i.ref)).toEqual(['busybox:1.36', 'busybox:latest']);
    await expect(prepareImages(api!, { offline: true, only: ['nginx'] })).rejects.toThrow(/does not make nginx:latest/);
  }, 60_000);

  it('loads a fresh archive to exactly the config digest (the cold path, under a throwaway tag)', async () => {
    const build = await new SeedBuilder().build('busybox');
    const tag = `ctr-learn-test/busybox-${RUN_ID}:1`;
    try {
      await loadArchive(api!, await dockerArchive(build.config, build.layers, [tag]));
      expect((await tagState(api!, tag))?.id).toBe(build.config.id);
    } finally {
      await api!.request('DELETE', `/images/${encodeURIComponent(tag)}`);
    }
  }, 60_000);

  it('reports prepared refs as present and unknown ones as missing', async () => {
    expect(await requiredImagesPresent(api!, ALL_REFS)).toEqual({ ok: true, missing: [], foreign: [] });
    const absent = `ctr-learn-test/absent-${RUN_ID}:1`;
    expect(await requiredImagesPresent(api!, ['busybox', absent])).toEqual({ ok: false, missing: [absent], foreign: [] });
  });

  it('runs `docker run --rm busybox:latest echo hi`', async () => {
    const r = await runProcess('docker', ['run', '--rm', '--label', `${TEST_LABEL}=1`, '--label', `${RUN_LABEL}=${RUN_ID}`, 'busybox:latest', 'echo', 'hi'], {
      description: 'docker run busybox',
      timeoutMs: 30_000,
    });
    expect(r.stderr).toBe('');
    expect([r.exitCode, r.stdout]).toEqual([0, 'hi\n']);
  }, 40_000);

  it('the web image answers HTTP 200 on a published port and stops in under 2 s', async () => {
    const { id, hostPort } = await runPublished(api!, 'ctr-learn/web:1', '80/tcp');
    const res = await httpGet(`http://127.0.0.1:${hostPort}/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Hello from ctr-learn');
    const started = performance.now();
    await api!.json('POST', `/containers/${id}/stop`, { query: { t: 10 }, timeoutMs: 20_000 });
    expect(performance.now() - started).toBeLessThan(2000);
  }, 30_000);

  it('the registry image answers GET /v2/ with 200', async () => {
    const { hostPort } = await runPublished(api!, 'ctr-learn/registry:2', '5000/tcp');
    const res = await httpGet(`http://127.0.0.1:${hostPort}/v2/`);
    expect(res.status).toBe(200);
  }, 30_000);

  it('a pull that cannot succeed is an answer, not an error', async () => {
    // A name no registry has: on a machine without internet the engine cannot resolve the
    // registry; with internet the registry refuses. Either way: ok false, with the reason.
    const r = await pullImage(api!, `ctr-learn-test/does-not-exist-${RUN_ID}`, 'none');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).not.toBe('');
  }, 30_000);
});
