import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStep } from '../../src/checks/evaluate';
import { parseCli } from '../../src/cli/args';
import { run as clean } from '../../src/commands/clean';
import type { EngineApi } from '../../src/engine/api';
import { freePort } from '../../src/engine/free-port';
import type { ContainerInspect } from '../../src/engine/types';
import { UserError } from '../../src/errors';
import { openSandbox, type Sandbox } from '../../src/sandbox';
import { labelsFor } from '../../src/sandbox/labels';
import { learnerLab, resetLearnerLesson } from '../../src/sandbox/learner';
import { learnerId } from '../../src/sandbox/learner-id';
import { reapSessions } from '../../src/sandbox/reap';
import { runAutomatedCommand } from '../../src/sandbox/run-command';
import { heldMessage, suggestAnother } from '../../src/sandbox/held-message';
import { whoHolds } from '../../src/sandbox/who-holds';
import { stepOf } from '../checks/helpers';
import { engineForTests, ensureImages, uniq } from '../helpers/engine';

const api = await engineForTests();

/**
 * Two learners on one host (two CTR_LEARN_HOMEs in one process), each with a live session of the
 * same lesson: what one does with reset, check and clean never touches the other's objects.
 */
describe.runIf(api)('many learners on one host', () => {
  const engine = api as EngineApi;
  const lesson = uniq('learners');
  const homes = { a: mkdtempSync(join(tmpdir(), 'ctr-learner-a-')), b: mkdtempSync(join(tmpdir(), 'ctr-learner-b-')) };
  const saved = process.env.CTR_LEARN_HOME;
  /** Run `fn` as one learner: their CTR_LEARN_HOME while it runs. */
  async function as<T>(who: 'a' | 'b', fn: () => Promise<T> | T): Promise<T> {
    process.env.CTR_LEARN_HOME = homes[who];
    try {
      return await fn();
    } finally {
      if (saved === undefined) delete process.env.CTR_LEARN_HOME;
      else process.env.CTR_LEARN_HOME = saved;
    }
  }
  const sb: Record<'a' | 'b', Sandbox> = {} as never;
  const n = { a: uniq('lrn-a'), aVol: uniq('lrn-a-vol'), b: uniq('lrn-b'), bVol: uniq('lrn-b-vol'), bNet: uniq('lrn-b-net'), outside: uniq('lrn-outside'), ghost: uniq('lrn-ghost'), leftover: uniq('lrn-leftover') };
  let bPort = 0;
  const ws = mkdtempSync(join(tmpdir(), 'ctr-learners-ws-'));
  const docker = (who: 'a' | 'b', line: string) => runAutomatedCommand(line, { cwd: ws, env: sb[who].env, timeoutMs: 30_000 });
  const ok = async (who: 'a' | 'b', line: string) => {
    const r = await docker(who, line);
    if (r.exitCode !== 0) throw new Error(`setup failed: ${line}\n${r.stderr}`);
  };
  const exists = async (path: string) => (await engine.maybe('GET', path)) !== null;
  const objectsOf = async (who: 'a' | 'b') => {
    const [c, v] = who === 'a' ? [n.a, n.aVol] : [n.b, n.bVol];
    const all = [exists(`/containers/${c}/json`), exists(`/volumes/${v}`)];
    if (who === 'b') all.push(exists(`/networks/${n.bNet}`));
    return (await Promise.all(all)).every(Boolean);
  };
  const makeA = async () => {
    await ok('a', `docker run -d --name ${n.a} -v ${n.aVol}:/data busybox:latest sleep 300`);
  };

  beforeAll(async () => {
    await ensureImages(engine);
    bPort = await freePort();
    sb.a = await as('a', () => openSandbox(engine, { lessonId: lesson, reap: false }));
    sb.b = await as('b', () => openSandbox(engine, { lessonId: lesson, reap: false }));
    await makeA();
    await ok('b', `docker network create ${n.bNet}`);
    await ok('b', `docker run -d --name ${n.b} --network ${n.bNet} -p 127.0.0.1:${bPort}:80 -v ${n.bVol}:/data busybox:latest sleep 300`);
    const c = await engine.json<{ Id: string }>('POST', '/containers/create', { query: { name: n.outside }, body: { Image: 'busybox:latest', Cmd: ['sleep', '300'] } });
    await engine.json('POST', `/containers/${c.Id}/start`);
  });

  afterAll(async () => {
    await as('a', () => sb.a?.end());
    await as('b', () => sb.b?.end());
    for (const c of [n.outside, n.ghost, n.leftover, n.a, n.b]) await engine.request('DELETE', `/containers/${c}`, { query: { force: 1, v: 1 } });
    for (const v of [n.aVol, n.bVol]) await engine.request('DELETE', `/volumes/${v}`);
    await engine.request('DELETE', `/networks/${n.bNet}`);
    engine.close();
    for (const h of [...Object.values(homes), ws]) rmSync(h, { recursive: true, force: true });
  });

  it('the two homes are two learners, and each session carries its owner', async () => {
    const [a, b] = [await as('a', () => learnerId()), await as('b', () => learnerId())];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^u\d+-[0-9a-f]{10}$/);
    expect(sb.a.state.identity.owner).toBe(a);
    const c = await engine.json<ContainerInspect>('GET', `/containers/${n.b}/json`);
    expect(Object.values(c.Config.Labels ?? {})).toContain(b);
  });

  it('check from outside a session sees this learner’s live sessions only, and never stops another learner’s container', async () => {
    const step = stepOf({ kind: 'container', container: n.b, state: 'running' }, { kind: 'stop', container: n.b, timeoutSeconds: 1 });
    const fromA = await as('a', () => checkStep(step, { lab: learnerLab(engine, lesson), workspace: ws }));
    expect(fromA.passed).toBe(false);
    expect(fromA.checks[0]).toMatchObject({ status: 'fail', actual: expect.stringMatching(/exists outside the sandbox/) });
    expect((await engine.json<ContainerInspect>('GET', `/containers/${n.b}/json`)).State.Running).toBe(true);
    // Its owner sees it, and its own container check passes (no stop: B's session keeps running).
    const fromB = await as('b', () => checkStep(stepOf({ kind: 'container', container: n.b, state: 'running' }), { lab: learnerLab(engine, lesson), workspace: ws }));
    expect(fromB.passed).toBe(true);
    expect(await as('a', () => learnerLab(engine, lesson).container(n.a))).not.toBeNull();
    expect(await as('a', () => learnerLab(engine, lesson).volume(n.bVol))).toBeNull();
    expect(await as('a', () => learnerLab(engine, lesson).network(n.bNet))).toBeNull();
  });

  it('whoHolds tells this session, another session of mine, another learner’s live session and outside apart', async () => {
    const me = sb.a.state.identity;
    expect(await whoHolds(engine, { containerName: n.a }, me)).toMatchObject({ kind: 'mine', container: n.a });
    expect(await whoHolds(engine, { containerName: n.a }, { id: 'sanother', owner: me.owner })).toMatchObject({ kind: 'other-session-of-mine', live: true });
    expect(await whoHolds(engine, { containerName: n.b }, me)).toMatchObject({ kind: 'other-learner-live', container: n.b });
    expect(await whoHolds(engine, { hostPort: bPort }, me)).toMatchObject({ kind: 'other-learner-live', container: n.b });
    expect(await whoHolds(engine, { hostPort: bPort }, sb.b.state.identity)).toMatchObject({ kind: 'mine' });
    expect(await whoHolds(engine, { containerName: n.outside }, me)).toMatchObject({ kind: 'outside', container: n.outside });
    // Another learner's session that has ended: not theirs to keep, so not "in use by" anyone.
    const gone = { id: `sgone${Date.now()}`, pid: 2 ** 22 - 13, host: hostname(), owner: sb.b.state.identity.owner };
    await engine.json('POST', '/containers/create', { query: { name: n.leftover }, body: { Image: 'busybox:latest', Cmd: ['true'], Labels: labelsFor(gone, lesson) } });
    expect(await whoHolds(engine, { containerName: n.leftover }, me)).toMatchObject({ kind: 'outside', leftover: true });
    expect(await whoHolds(engine, { containerName: uniq('nobody') }, me)).toBeNull();
    const id = (await engine.json<ContainerInspect>('GET', `/containers/${n.outside}/json`)).Id;
    expect(await whoHolds(engine, { containerName: id.slice(0, 12) }, me)).toBeNull(); // an ID prefix is not a name
    expect(await whoHolds(engine, { hostPort: await freePort() }, me)).toBeNull();
  });

  it('says in both languages who holds a name or a port, with a free name or port to use instead', async () => {
    const me = sb.a.state.identity;
    const name = { containerName: n.b };
    const held = (await whoHolds(engine, name, me))!;
    const other = await suggestAnother(engine, name);
    expect(other).toBe(`${n.b}-2`);
    expect(heldMessage(held, name, other, 'en')).toBe(`the name ${n.b} is used by another learner's live session on this machine; use another, such as ${n.b}-2.`);
    expect(heldMessage(held, name, other, 'ko')).toMatch(new RegExp(`^이름 ${n.b}: 이 컴퓨터에서 다른 학습자의 실행 중인 세션이 쓰고 있어요\\. ${n.b}-2처럼`));
    const port = { hostPort: bPort };
    const free = await suggestAnother(engine, port);
    expect(Number(free)).not.toBe(bPort);
    expect(heldMessage((await whoHolds(engine, port, me))!, port, free, 'en')).toMatch(new RegExp(`^host port ${bPort} is used by another learner's live session`));
    expect(heldMessage({ kind: 'outside', container: n.outside }, { containerName: n.outside }, 'x', 'en')).toMatch(/outside the sandbox \(it existed before the lesson, or it is yours\)/);
    // A port held in the learner's own sandbox: the message names the container and how to free it.
    const own = (await whoHolds(engine, port, sb.b.state.identity))!;
    expect(heldMessage(own, port, free, 'en')).toBe(`host port ${bPort} is already used in this sandbox, by the container ${n.b}; remove it first (docker rm -f ${n.b}), or use another, such as ${free}.`);
    expect(heldMessage(own, port, free, 'ko')).toContain(`(컨테이너 ${n.b}). 먼저 지우거나 (docker rm -f ${n.b})`);
  });

  it('reset of a lesson removes this learner’s objects of it, not another learner’s live session’s', async () => {
    const done = await as('a', () => resetLearnerLesson(engine, lesson));
    expect(done.containers).toContain(n.a);
    expect(done.containers).not.toContain(n.b);
    expect(await exists(`/containers/${n.a}/json`)).toBe(false);
    expect(await objectsOf('b')).toBe(true);
    expect(await exists(`/containers/${n.outside}/json`)).toBe(true);
    await makeA();
  });

  it('clean removes this learner’s ended sessions only; --all all of theirs, never another learner’s', async () => {
    // A's session that died (its pid is gone), known only by its labels.
    const dead = { ...sb.a.state.identity, id: `sdead${Date.now()}`, pid: 2 ** 22 - 11, host: hostname() };
    const g = await engine.json<{ Id: string }>('POST', '/containers/create', { query: { name: n.ghost }, body: { Image: 'busybox:latest', Cmd: ['sleep', '300'], Labels: labelsFor(dead, lesson) } });
    await engine.json('POST', `/containers/${g.Id}/start`);
    expect(await as('a', () => clean(parseCli(['clean', '--json'])))).toBe(0);
    expect(await exists(`/containers/${n.ghost}/json`)).toBe(false);
    expect(await objectsOf('a')).toBe(true); // live: kept
    expect(await objectsOf('b')).toBe(true);

    expect(await as('a', () => clean(parseCli(['clean', '--all', '--json'])))).toBe(0);
    expect(await exists(`/containers/${n.a}/json`)).toBe(false);
    expect(await exists(`/volumes/${n.aVol}`)).toBe(false);
    expect(await objectsOf('b')).toBe(true);
    expect(await exists(`/containers/${n.outside}/json`)).toBe(true);
  });

  it('clean --everyone asks first: without a terminal it needs --yes, a "no" removes nothing, --yes removes every learner’s', async () => {
    // `clean --all` closed A's session (its socket is gone): A starts another.
    await as('a', () => sb.a.end());
    sb.a = await as('a', () => openSandbox(engine, { lessonId: lesson, reap: false }));
    await makeA();
    await expect(as('a', () => clean(parseCli(['clean', '--everyone']), { isTerminal: false }))).rejects.toBeInstanceOf(UserError);
    let asked = '';
    const no = async (q: string) => ((asked = q), false);
    expect(await as('a', () => clean(parseCli(['clean', '--everyone']), { isTerminal: true, confirm: no }))).toBe(1);
    expect(asked).toMatch(/EVERY learner.*\[y\/N\]/);
    expect(await objectsOf('a')).toBe(true);
    expect(await objectsOf('b')).toBe(true);
    // (On an engine other people's tests share, only these two learners' sessions.)
    const ours = new Set([sb.a.sessionId, sb.b.sessionId]);
    const reap: typeof reapSessions = (e, o) => reapSessions(e, { ...o, only: (id) => ours.has(id) });
    expect(await as('a', () => clean(parseCli(['clean', '--everyone', '--yes', '--json']), { reap }))).toBe(0);
    for (const path of [`/containers/${n.a}/json`, `/volumes/${n.aVol}`, `/containers/${n.b}/json`, `/volumes/${n.bVol}`, `/networks/${n.bNet}`]) {
      expect(await exists(path), path).toBe(false);
    }
    expect(await exists(`/containers/${n.outside}/json`)).toBe(true);
  });
});
