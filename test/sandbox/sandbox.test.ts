import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import type { ContainerInspect, NetworkInspect, VolumeInspect } from '../../src/engine/types';
import { openSandbox, type Sandbox } from '../../src/sandbox';
import { LABEL } from '../../src/sandbox/labels';
import { reapDeadOf, reapSessions } from '../../src/sandbox/reap';
import { removeObjects } from '../../src/sandbox/remove';
import { runAutomatedCommand } from '../../src/sandbox/run-command';
import { engineForTests, ensureImages, uniq } from '../helpers/engine';

const api = await engineForTests();

describe.runIf(api)('sandbox on the real engine', () => {
  const engine = api as EngineApi;
  const mine = { container: uniq('own-ctr'), network: uniq('own-net'), volume: uniq('own-vol'), image: `${uniq('own-img')}:1` };
  let sandbox: Sandbox;
  const ws = mkdtempSync(join(tmpdir(), 'ctr-sbx-'));
  const docker = (line: string) => runAutomatedCommand(line, { cwd: ws, env: sandbox.env, timeoutMs: 30_000 });

  beforeAll(async () => {
    await ensureImages(engine);
    // The learner's own objects, made outside the sandbox.
    const c = await engine.json<{ Id: string }>('POST', '/containers/create', {
      query: { name: mine.container },
      body: { Image: 'busybox:latest', Cmd: ['sleep', '300'], Labels: { 'ctr-learn.test': '1' } },
    });
    await engine.json('POST', `/containers/${c.Id}/start`);
    await engine.json('POST', '/networks/create', { body: { Name: mine.network, Labels: { 'ctr-learn.test': '1' } } });
    await engine.json('POST', '/volumes/create', { body: { Name: mine.volume, Labels: { 'ctr-learn.test': '1' } } });
    const [repo, tag] = mine.image.split(':');
    await engine.json('POST', '/images/busybox:latest/tag', { query: { repo, tag } });
    sandbox = await openSandbox(engine, { lessonId: 'sbx-test', workspaceRoot: ws });
  });

  afterAll(async () => {
    await sandbox?.end();
    await engine.request('DELETE', `/containers/${mine.container}`, { query: { force: 1 } });
    await engine.request('DELETE', `/networks/${mine.network}`);
    await engine.request('DELETE', `/volumes/${mine.volume}`);
    await engine.request('DELETE', `/images/${mine.image}`);
    engine.close();
  });

  it('labels containers, implicit volumes and networks created through any CLI form', async () => {
    const name = uniq('sbx-run');
    const vol = uniq('sbx-vol');
    expect((await docker(`docker run -d --name ${name} -v ${vol}:/data busybox sleep 300`)).exitCode).toBe(0);
    const c = await engine.json<ContainerInspect>('GET', `/containers/${name}/json`);
    expect(c.Config.Labels?.[LABEL.session]).toBe(sandbox.state.identity.id);
    expect(c.Config.Labels?.[LABEL.lesson]).toBe('sbx-test');
    const v = await engine.json<VolumeInspect>('GET', `/volumes/${vol}`);
    expect(v.Labels?.[LABEL.session]).toBe(sandbox.state.identity.id);

    const created = uniq('sbx-created');
    expect((await docker(`docker container create --name ${created} busybox true`)).exitCode).toBe(0);
    expect((await engine.json<ContainerInspect>('GET', `/containers/${created}/json`)).Config.Labels?.[LABEL.session]).toBe(sandbox.state.identity.id);

    const net = uniq('sbx-net');
    expect((await docker(`docker network create ${net}`)).exitCode).toBe(0);
    expect((await engine.json<NetworkInspect>('GET', `/networks/${net}`)).Labels?.[LABEL.session]).toBe(sandbox.state.identity.id);
  });

  it('runs attached containers and exec through the proxy (hijacked streams)', async () => {
    const r = await docker('docker run --rm busybox echo hello-from-attach');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('hello-from-attach');
    const name = uniq('sbx-exec');
    await docker(`docker run -d --name ${name} busybox sleep 300`);
    const e = await docker(`docker exec ${name} sh -c "echo out; echo err >&2"`);
    expect(e.stdout.trim()).toBe('out');
    expect(e.stderr.trim()).toBe('err');
  });

  it('refuses to change what is not the sandbox’s, and says why', async () => {
    for (const line of [`docker rm -f ${mine.container}`, `docker stop ${mine.container}`, `docker exec ${mine.container} true`, `docker network rm ${mine.network}`, `docker volume rm ${mine.volume}`, `docker rmi ${mine.image}`, `docker run --rm -v ${mine.volume}:/x busybox true`, 'docker tag busybox:latest busybox:1.36']) {
      const r = await docker(line);
      expect(r.exitCode, line).not.toBe(0);
      expect(r.stderr, line).toMatch(/ctr-learn sandbox: .*(not part of this sandbox|existed before|outside this sandbox)/);
    }
    expect((await engine.json<ContainerInspect>('GET', `/containers/${mine.container}/json`)).State.Running).toBe(true);
  });

  it('lists only sandbox containers in docker ps', async () => {
    const r = await docker('docker ps -a --format {{.Names}}');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain(mine.container);
  });

  it('tracks tags and builds, and reset removes the lesson’s objects but nothing that existed before', async () => {
    const tagged = `${uniq('sbx-tag')}:v1`;
    expect((await docker(`docker tag busybox:latest ${tagged}`)).exitCode).toBe(0);
    writeFileSync(join(ws, 'Dockerfile'), 'FROM busybox:latest\nRUN echo built > /built.txt\n');
    const built = `${uniq('sbx-built')}:1`;
    const b = await docker(`docker build -t ${built} .`);
    expect(b.exitCode, b.stderr).toBe(0);
    const plan = await sandbox.planReset();
    expect(plan.images).toEqual(expect.arrayContaining([tagged, built]));
    const removed = await sandbox.reset();
    expect(removed.containers.length).toBeGreaterThan(0);
    expect(await engine.maybe('GET', `/images/${tagged}/json`)).toBeNull();
    expect(await engine.maybe('GET', `/images/${built}/json`)).toBeNull();
    // The learner's own things and the seed image are untouched.
    expect((await engine.json<ContainerInspect>('GET', `/containers/${mine.container}/json`)).State.Running).toBe(true);
    expect(await engine.maybe('GET', `/networks/${mine.network}`)).not.toBeNull();
    expect(await engine.maybe('GET', `/volumes/${mine.volume}`)).not.toBeNull();
    expect(await engine.maybe('GET', `/images/${mine.image}/json`)).not.toBeNull();
    expect(await engine.maybe('GET', '/images/busybox:latest/json')).not.toBeNull();
  });

  it('a failed build leaves no intermediate container behind (nothing would ever remove it)', async () => {
    const marker = uniq('sbx-failed-build');
    const dir = mkdtempSync(join(ws, 'failing-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM busybox:latest\nRUN echo ${marker} && exit 3\n`);
    for (const line of [`docker build ${dir}`, `docker build --force-rm=false --rm=false ${dir}`]) {
      const b = await docker(line);
      expect(b.exitCode, line).not.toBe(0);
      const all = await engine.json<{ Id: string; Command: string }[]>('GET', '/containers/json', { query: { all: 1 } });
      expect(all.filter((c) => c.Command.includes(marker)), line).toEqual([]);
    }
  });

  it('reaps what a dead session left behind, and leaves live sessions alone', async () => {
    const live = uniq('sbx-live');
    await docker(`docker run -d --name ${live} busybox sleep 300`);
    // A session whose owner process is gone: labels name a pid that no longer exists.
    const deadPid = 2 ** 22 - 7;
    const ghost = uniq('sbx-ghost');
    const labels = { [LABEL.session]: 'sdead' + Date.now(), [LABEL.lesson]: 'sbx-test', [LABEL.pid]: String(deadPid), [LABEL.host]: (await import('node:os')).hostname() };
    const g = await engine.json<{ Id: string }>('POST', '/containers/create', { query: { name: ghost }, body: { Image: 'busybox:latest', Cmd: ['sleep', '300'], Labels: labels } });
    await engine.json('POST', `/containers/${g.Id}/start`);
    const report = await reapSessions(engine);
    // Another test file opening a sandbox at this moment reaps dead sessions too and may have got
    // there first; either way the ghost is gone, and if this call found it, its report says so.
    const gone = await engine.maybe('GET', `/containers/${ghost}/json`);
    expect(gone).toBeNull();
    if (report.sessions.includes(labels[LABEL.session])) expect(report.removed.containers).toContain(ghost);
    expect(await engine.maybe('GET', `/containers/${live}/json`)).not.toBeNull();
    expect(await engine.maybe('GET', `/containers/${mine.container}/json`)).not.toBeNull();
  });

  it('the app sees what the learner did in a `ctr-learn shell` beside it; verify-like sessions see only their own', async () => {
    const lessonId = uniq('sbx-two');
    const app = await openSandbox(engine, { lessonId, workspaceRoot: ws, reap: false, grade: 'learner' });
    const shell = await openSandbox(engine, { lessonId, workspaceRoot: ws, reap: false });
    const alone = await openSandbox(engine, { lessonId, workspaceRoot: ws, reap: false });
    const ids = new Set([app, shell, alone].map((s) => s.sessionId));
    try {
      const [ran, up, mineInApp] = [uniq('sbx-shell-rm'), uniq('sbx-shell-up'), uniq('sbx-app-up')];
      const inShell = (line: string) => runAutomatedCommand(line, { cwd: ws, env: shell.env, timeoutMs: 30_000 });
      expect((await inShell(`docker run --rm --name ${ran} busybox true`)).exitCode).toBe(0);
      expect((await inShell(`docker run -d --name ${up} busybox sleep 300`)).exitCode).toBe(0);
      expect((await app.forLesson(lessonId).removedContainers(ran)).length).toBe(1);
      expect(await app.forLesson(lessonId).container(up)).not.toBeNull();
      expect((await app.forLesson(lessonId).list()).containers.map((c) => c.Names[0])).toContain(`/${up}`);
      // The session's own listing (the cheat sheet's names) stays the session's.
      expect((await app.forLesson(lessonId).list('session')).containers).toEqual([]);
      expect(await alone.forLesson(lessonId).container(up)).toBeNull();
      expect(await alone.forLesson(lessonId).removedContainers(ran)).toEqual([]);
      // A quit in another lesson names the lesson the kept objects belong to.
      expect((await runAutomatedCommand(`docker run -d --name ${mineInApp} busybox sleep 300`, { cwd: ws, env: app.env, timeoutMs: 30_000 })).exitCode).toBe(0);
      app.setLesson('sbx-elsewhere');
      const kept = await app.keep();
      expect(kept).toMatchObject({ containers: 1, running: 1, lessonId: 'sbx-elsewhere', lessons: [lessonId] });
    } finally {
      await shell.end();
      await alone.end();
      await reapSessions(engine, { which: 'mine', only: (id) => ids.has(id) });
    }
  });

  it('reapDeadOf removes the dead sessions of the given owners at once, not their live ones nor anyone else\'s', async () => {
    const host = (await import('node:os')).hostname();
    const owner = uniq('verify-zz');
    const mk = async (name: string, labels: Record<string, string>) => {
      await engine.json('POST', '/containers/create', { query: { name }, body: { Image: 'busybox:latest', Cmd: ['true'], Labels: labels } });
    };
    const [dead, alive, other] = [uniq('sbx-vdead'), uniq('sbx-valive'), uniq('sbx-vother')];
    const deadSession = 'svdead' + Date.now();
    await mk(dead, { [LABEL.session]: deadSession, [LABEL.lesson]: 'sbx-test', [LABEL.owner]: owner, [LABEL.pid]: String(2 ** 22 - 11), [LABEL.host]: host });
    await mk(alive, { [LABEL.session]: 'svalive' + Date.now(), [LABEL.lesson]: 'sbx-test', [LABEL.owner]: owner, [LABEL.pid]: String(process.pid), [LABEL.host]: host });
    await mk(other, { [LABEL.session]: 'svother' + Date.now(), [LABEL.lesson]: 'sbx-test', [LABEL.owner]: uniq('someone'), [LABEL.pid]: String(2 ** 22 - 11), [LABEL.host]: host });
    try {
      expect(await reapDeadOf(engine, [owner])).toEqual([deadSession]);
      expect(await engine.maybe('GET', `/containers/${dead}/json`)).toBeNull();
      expect(await engine.maybe('GET', `/containers/${alive}/json`)).not.toBeNull();
      expect(await engine.maybe('GET', `/containers/${other}/json`)).not.toBeNull();
    } finally {
      for (const n of [alive, other]) await engine.request('DELETE', `/containers/${n}`, { query: { force: 1 } });
    }
  });

  it('a removal that finds another already removing the same containers returns only once they are gone', async () => {
    // Two reapers at once (two windows, or two test files opening sandboxes): the engine answers
    // the slower one 409 "removal already in progress" while the faster one is still at it.
    const session = 'srace' + Date.now();
    const names = [uniq('sbx-race'), uniq('sbx-race'), uniq('sbx-race'), uniq('sbx-race')];
    for (const name of names) {
      const c = await engine.json<{ Id: string }>('POST', '/containers/create', { query: { name }, body: { Image: 'busybox:latest', Cmd: ['sleep', '300'], Labels: { [LABEL.session]: session } } });
      await engine.json('POST', `/containers/${c.Id}/start`);
    }
    const plan = { containers: names, networks: [], volumes: [], images: [] };
    const first = removeObjects(engine, plan);
    const second = await removeObjects(engine, plan);
    const left = await Promise.all(names.map((n) => engine.maybe('GET', `/containers/${n}/json`)));
    await first;
    expect(second.containers.sort()).toEqual([...names].sort());
    expect(left.filter(Boolean)).toEqual([]);
  });
});
