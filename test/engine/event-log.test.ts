import { afterAll, describe, expect, it } from 'vitest';
import { containerEvents } from '../../src/engine/events';
import type { ContainerInspect } from '../../src/engine/types';
import { engineForTests, ensureImages, uniq } from '../helpers/engine';

const api = await engineForTests();
afterAll(() => api?.close());

/**
 * The engine keeps its last 256 events. A client that records them (the app, verify) still
 * answers a past events query after the engine has turned them over.
 */
describe.runIf(api)('past events survive the engine turning its 256 over', () => {
  it("a container's kill is still found after 300 newer events", async () => {
    await ensureImages(api!);
    await api!.recordEvents();
    const name = uniq('evlog');
    const c = await api!.json<{ Id: string }>('POST', '/containers/create', { query: { name }, body: { Image: 'busybox:latest', Cmd: ['sleep', '300'], Labels: { 'ctr-learn-test': name } } });
    try {
      await api!.json('POST', `/containers/${c.Id}/start`);
      await api!.request('POST', `/containers/${c.Id}/kill`, { query: { signal: 'SIGTERM' } });
      const inspect = await api!.json<ContainerInspect>('GET', `/containers/${c.Id}/json`);
      // 150 networks made and removed: 300 events, none of them this container's.
      const nets = Array.from({ length: 150 }, (_, i) => `${name}-n${i}`);
      for (let i = 0; i < nets.length; i += 10) {
        await Promise.all(
          nets.slice(i, i + 10).map(async (n) => {
            const made = await api!.json<{ Id: string }>('POST', '/networks/create', { body: { Name: n } });
            await api!.request('DELETE', `/networks/${made.Id}`);
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 200));
      const kills = await containerEvents(api!, inspect, ['kill']);
      expect(kills.map((k) => k.status)).toEqual(['kill']);
      // The label filter reads the recording too, each event once.
      const r = await api!.request('GET', '/events', { query: { since: Math.floor(Date.parse(inspect.Created) / 1000), until: (Date.now() / 1000).toFixed(3), filters: JSON.stringify({ label: [`ctr-learn-test=${name}`], event: ['create', 'start', 'kill'] }) } });
      const actions = r.body.toString('utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { Action: string }).Action);
      expect(actions).toEqual(['create', 'start', 'kill']);
    } finally {
      await api!.request('DELETE', `/containers/${c.Id}`, { query: { force: 1 } });
    }
  }, 120_000);
});
