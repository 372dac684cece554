import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import { healthPicture } from '../../src/pictures/health';
import { buildStep, imagePicture } from '../../src/pictures/images';
import { networkRows } from '../../src/pictures/networks';
import { useLab } from '../checks/helpers';
import { engineForTests, uniq } from '../helpers/engine';

const api = await engineForTests();

it('reads build steps as the Dockerfile said them, from both builders', () => {
  expect(buildStep('/bin/sh -c #(nop)  LABEL a=b')).toBe('LABEL a=b');
  expect(buildStep('/bin/sh -c echo x > /y')).toBe('RUN echo x > /y');
  expect(buildStep(`/bin/sh -c #(nop) COPY file:${'ab'.repeat(32)} in /www/index.html `)).toBe('COPY file in /www/index.html');
  expect(buildStep('RUN /bin/sh -c echo hi # buildkit')).toBe('RUN echo hi');
  expect(buildStep('COPY index.html /www/ # buildkit')).toBe('COPY index.html /www/');
  expect(buildStep('ctr-learn seed: busybox 1.35.0 from Debian busybox-static')).toBe('ctr-learn seed: busybox 1.35.0 from Debian busybox-static');
});

/** The pictures drawn from a real sandbox: what a learner built, where containers sit, how health went. */
describe.runIf(api)('pictures on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('pictures'));
  const n = { image: `${uniq('pic-img')}:1`, loaded: `${uniq('pic-loaded')}:1`, net: uniq('pic-net'), web: uniq('pic-web'), lonely: uniq('pic-lonely'), app: uniq('pic-app'), plain: uniq('pic-plain'), created: uniq('pic-created') };
  const reader = () => lab.sandbox.forLesson(lab.sandbox.lessonId);

  beforeAll(async () => {
    writeFileSync(join(lab.ws, 'index.html'), '<h1>pictures</h1>\n');
    writeFileSync(join(lab.ws, 'Dockerfile'), 'FROM ctr-learn/web:1\nCOPY index.html /www/index.html\nRUN echo built > /built.txt\nLABEL course=ctr-learn\n');
    await lab.all(
      `docker build -t ${n.image} .`,
      `docker network create ${n.net}`,
      `docker run -d --name ${n.lonely} --network none busybox:latest sleep 300`,
      `docker run -d --name ${n.plain} busybox:latest sleep 300`,
      `docker run -d --name ${n.app} --health-cmd true --health-interval 300ms busybox:latest sleep 300`,
      `docker create --name ${n.created} --health-cmd true busybox:latest sleep 300`,
    );
    await lab.ok(`docker run -d --name ${n.web} --network ${n.net} busybox:latest sleep 300`);
    // An image without the engine's parent chain (as pulled or loaded ones are): built, saved,
    // removed and loaded back.
    mkdirSync(join(lab.ws, 'loaded'));
    writeFileSync(join(lab.ws, 'loaded', 'Dockerfile'), 'FROM ctr-learn/web:1\nRUN echo loaded > /loaded.txt\nCMD ["httpd", "-f"]\n');
    await lab.ok(`docker build -t ${n.loaded} loaded`);
    await lab.ok(`docker save -o loaded.tar ${n.loaded}`);
    await lab.ok(`docker rmi ${n.loaded}`);
    await lab.ok(`docker load -i loaded.tar`);
    await lab.waitFor(n.app, (c) => c.State.Health?.Status === 'healthy', 'healthy');
  });

  it('the layer stack: the learner’s two layers above the two of ctr-learn/web:1, LABEL without a layer', async () => {
    const p = await imagePicture(reader(), n.image);
    expect(p).toMatchObject({ ref: n.image, base: 'ctr-learn/web:1', configOnly: ['LABEL course=ctr-learn'] });
    expect(p.id).toMatch(/^[0-9a-f]{12}$/);
    expect(p.layers.map((l) => [l.createdBy, l.fromBase])).toEqual([
      ['RUN echo built > /built.txt', false],
      ['COPY file in /www/index.html', false],
      [expect.stringMatching(/^ctr-learn seed: web page/), true],
      [expect.stringMatching(/^ctr-learn seed: busybox/), true],
    ]);
    // As many layers as the engine's RootFS has.
    const inspect = await lab.api.json<{ RootFS: { Layers: string[] } }>('GET', `/images/${n.image}/json`);
    expect(p.layers).toHaveLength(inspect.RootFS.Layers.length);
    expect(await imagePicture(reader(), `${uniq('never')}:1`)).toMatchObject({ id: null, layers: [] });
  });

  it('an image without a parent chain finds its base among the lesson’s base images by its layers', async () => {
    const p = await imagePicture(reader(), n.loaded, ['busybox:latest', 'ctr-learn/web:1']);
    expect(p.base).toBe('ctr-learn/web:1');
    expect(p.layers.map((l) => l.fromBase)).toEqual([false, true, true]);
    expect(p.configOnly).toEqual(['CMD ["httpd" "-f"]']);
    // Without candidates it cannot say, and claims nothing.
    expect(await imagePicture(reader(), n.loaded)).toMatchObject({ base: null });
  });

  it('networks: the user-defined one finds by name, the default bridge by IP only, none alone', async () => {
    const rows = await networkRows(reader());
    expect(rows.find((r) => r.name === n.net)).toEqual({ name: n.net, driver: 'bridge', containers: [n.web], reach: 'name' });
    expect(rows.find((r) => r.name === 'bridge')).toMatchObject({ reach: 'ip', containers: expect.arrayContaining([n.plain, n.app]) });
    expect(rows.find((r) => r.name === 'none')).toMatchObject({ reach: 'none', containers: [n.lonely] });
  });

  it('health: starting, then healthy, from the events of this run; a container without a check says so', async () => {
    // The engine publishes the event a moment after it sets the status: wait for it (2 s at most).
    let p = await healthPicture(reader(), n.app);
    for (let i = 0; i < 20 && p.changes.at(-1)?.status !== p.status; i++) {
      await new Promise((r) => setTimeout(r, 100));
      p = await healthPicture(reader(), n.app);
    }
    expect(p).toMatchObject({ container: n.app, state: 'running', noCheck: false, status: 'healthy', failingStreak: 0 });
    expect(p.changes.map((c) => c.status)).toEqual(['starting', 'healthy']);
    expect(p.changes[1].at).toBeGreaterThan(0);
    expect(p.changes[1].at).toBeLessThanOrEqual(p.span);
    expect(await healthPicture(reader(), n.plain)).toMatchObject({ state: 'running', noCheck: true });
    // Created, never started: the check is in its config, its health not yet in its state.
    expect(await healthPicture(reader(), n.created)).toMatchObject({ state: 'created', noCheck: false, changes: [] });
    expect(await healthPicture(reader(), uniq('missing'))).toMatchObject({ state: null });
  });
});
