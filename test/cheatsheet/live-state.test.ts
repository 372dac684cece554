import { expect, test } from 'vitest';
import { readLiveState } from '../../src/cheatsheet/live-state';
import { EngineApi } from '../../src/engine/api';
import { parseHostUrl } from '../../src/engine/endpoint';
import { engineForTests, ensureImages, uniq } from '../helpers/engine';

const api = await engineForTests();

test.skipIf(!api)('reads the names of containers, networks and volumes from the real engine', async () => {
  await ensureImages(api!);
  const name = uniq('cht-live');
  await api!.json('POST', '/containers/create', { query: { name }, body: { Image: 'busybox:1.36', Cmd: ['true'] } });
  await api!.json('POST', '/networks/create', { body: { Name: name } });
  try {
    const state = await readLiveState(api!, 5000);
    expect(state!.containers).toContainEqual({ name, running: false });
    expect(state!.networks).toContain(name);
    expect(state!.networks).not.toContain('bridge');
  } finally {
    await api!.request('DELETE', `/containers/${name}`, { query: { force: 1 } });
    await api!.request('DELETE', `/networks/${name}`);
  }
});

test('no engine: null, quickly', async () => {
  const none = new EngineApi(parseHostUrl('unix:///nonexistent/docker.sock', 'test'));
  const t = performance.now();
  expect(await readLiveState(none)).toBeNull();
  expect(performance.now() - t).toBeLessThan(400);
  none.close();
});
