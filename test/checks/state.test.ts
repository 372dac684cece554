import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineApi } from '../../src/engine/api';
import { wasOomKilled } from '../../src/engine/events';
import { engineForTests, uniq } from '../helpers/engine';
import { expectGrade, grade, gradeCases, gradeOne, useLab } from './helpers';

const api = await engineForTests();

/**
 * What a container is and holds: container state (incl. exit codes and OOM), env, mounts, files in
 * containers and volumes; plus what "not the sandbox's" looks like and how a step reports.
 */
describe.runIf(api)('state checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-state'));
  const n = {
    running: uniq('running'),
    exited: uniq('exit3'),
    gone: uniq('gone'),
    created: uniq('created'),
    paused: uniq('paused'),
    noCmd: uniq('nocmd'),
    oomMain: uniq('oom-main'),
    oomChild: uniq('oom-child'),
    env: uniq('env'),
    envApi: uniq('env-api'),
    mounts: uniq('mounts'),
    tmpfsFlag: uniq('tmpfs-flag'),
    vol: uniq('vol'),
    fileVol: uniq('savevol'),
    fileStopped: uniq('file-stopped'),
    fileRunning: uniq('file-running'),
    outside: uniq('outside'),
  };
  // A memory hog: the shell itself (PID 1) collects 100 MB under a 32 MB limit and is killed.
  const hogInShell = `sh -c 'a=$(head -c 100000000 /dev/zero | tr "\\0" x); echo survived'`;
  // Only a child (tail buffering one endless line) is killed; the script then exits 0 by itself.
  // The children ask to be the OOM killer's first choice (raising one's own oom_score_adj needs no
  // privilege): on a loaded engine the kernel otherwise sometimes killed the shell, exit 137.
  const hogInChild = `sh -c '(echo 1000 > /proc/self/oom_score_adj; head -c 100000000 /dev/zero | tail > /dev/null); exit 0'`;

  beforeAll(async () => {
    mkdirSync(join(lab.ws, 'site'));
    writeFileSync(join(lab.ws, 'site', 'index.html'), '<h1>mine</h1>\n');
    const pausedReady = lab.ok(`docker run -d --name ${n.paused} busybox sleep 300`).then(() => lab.ok(`docker pause ${n.paused}`));
    await Promise.all([
      lab.ok(`docker run -d --name ${n.running} busybox sleep 300`),
      lab.docker(`docker run --name ${n.exited} busybox sh -c 'exit 3'`),
      lab.ok(`docker run --rm --name ${n.gone} busybox true`),
      lab.ok(`docker create --name ${n.created} busybox true`),
      pausedReady,
      lab.docker(`docker run --name ${n.noCmd} busybox no-such-command`),
      lab.docker(`docker run --name ${n.oomMain} --memory 32m busybox ${hogInShell}`),
      lab.docker(`docker run --name ${n.oomChild} --memory 32m busybox ${hogInChild}`),
      lab.ok(`docker create --name ${n.env} -e GREETING=hello -e MODE=dev -e MODE=prod busybox true`),
      lab.ok(`docker create --name ${n.mounts} -v ${n.vol}:/data -v $PWD/site:/www:ro --mount type=tmpfs,dst=/scratch busybox true`),
      lab.ok(`docker create --name ${n.tmpfsFlag} --tmpfs /cache busybox true`),
      lab.ok(`docker run --rm -v ${n.fileVol}:/data busybox sh -c 'echo saved-42 > /data/save.dat; mkdir /data/dir'`),
      lab.ok(`docker run --name ${n.fileStopped} busybox sh -c 'echo hello-file > /tmp/note'`),
      lab.ok(`docker run -d --name ${n.fileRunning} busybox sleep 300`).then(() => lab.ok(`docker exec ${n.fileRunning} sh -c 'echo live-42 > /tmp/live'`)),
    ]);
    // An API client other than the CLI, talking to the sandbox's socket (so the labels are right).
    const viaSandbox = new EngineApi({ url: lab.sandbox.dockerHost, socketPath: lab.sandbox.socketPath, source: 'sandbox' });
    try {
      await viaSandbox.json('POST', '/containers/create', { query: { name: n.envApi }, body: { Image: 'busybox:latest', Cmd: ['true'], Env: ['MODE=dev', 'MODE=prod'] } });
    } finally {
      viaSandbox.close();
    }
  });

  it('rests on these engine facts (so a changed engine shows up here, not as a puzzle below)', async () => {
    // The OOM kill shows in .State.OOMKilled or, when the engine lost that race, as an `oom` event.
    for (const [name, code] of [[n.oomMain, 137], [n.oomChild, 0]] as const) {
      const c = await lab.inspect(name);
      expect(c.State).toMatchObject({ Status: 'exited', ExitCode: code });
      expect(await wasOomKilled(lab.api, c), name).toBe(true);
    }
    expect((await lab.inspect(n.noCmd)).State).toMatchObject({ Status: 'created', ExitCode: 127 });
    expect((await lab.inspect(n.envApi)).Config.Env).toEqual(expect.arrayContaining(['MODE=dev', 'MODE=prod']));
  });

  it('finds an OOM kill from the event history alone, and only in the last run', async () => {
    const c = await lab.inspect(n.oomMain);
    const unflagged = { ...c, State: { ...c.State, OOMKilled: false } };
    expect(await wasOomKilled(lab.api, unflagged)).toBe(true);
    const laterRun = { ...unflagged, State: { ...unflagged.State, StartedAt: new Date(Date.parse(c.State.FinishedAt) + 1000).toISOString() } };
    expect(await wasOomKilled(lab.api, laterRun)).toBe(false);
    expect(await wasOomKilled(lab.api, await lab.inspect(n.exited))).toBe(false);
  });

  describe('container', () => {
    gradeCases(lab, [
      { name: 'running container is running', check: { kind: 'container', container: n.running, state: 'running' }, pass: true, actual: /"[^"]+" running$/ },
      { name: 'running container is not exited', check: { kind: 'container', container: n.running, state: 'exited' }, pass: false, actual: /running$/, expected: /exited/ },
      { name: 'running container has no exit code yet', check: { kind: 'container', container: n.running, state: 'exists', exitCode: 0 }, pass: false, actual: /running/, expected: /exit code 0/ },
      { name: 'exit 3 → exited with code 3', check: { kind: 'container', container: n.exited, state: 'exited', exitCode: 3 }, pass: true, actual: /exited with code 3$/ },
      { name: 'exit 3 is not exit 0', check: { kind: 'container', container: n.exited, state: 'exited', exitCode: 0 }, pass: false, actual: /exited with code 3$/, expected: /exit code 0/ },
      { name: '--rm container is absent', check: { kind: 'container', container: n.gone, state: 'absent' }, pass: true, actual: /no such container/ },
      { name: '--rm container does not exist', check: { kind: 'container', container: n.gone, state: 'exists' }, pass: false, actual: new RegExp(`no container named "${n.gone}"`) },
      { name: 'a running container is not absent', check: { kind: 'container', container: n.running, state: 'absent' }, pass: false, actual: /running \(still there\)/ },
      { name: 'docker create → created', check: { kind: 'container', container: n.created, state: 'created' }, pass: true, actual: /created$/ },
      { name: 'created is not running', check: { kind: 'container', container: n.created, state: 'running' }, pass: false, actual: /created$/ },
      { name: 'docker pause → paused', check: { kind: 'container', container: n.paused, state: 'paused' }, pass: true, actual: /paused$/ },
      { name: 'paused is not running', check: { kind: 'container', container: n.paused, state: 'running' }, pass: false, actual: /paused$/ },
      { name: 'missing command → created with 127', check: { kind: 'container', container: n.noCmd, state: 'created', exitCode: 127 }, pass: true, actual: /created, but could not start: .*no-such-command/ },
      { name: 'missing command never ran', check: { kind: 'container', container: n.noCmd, state: 'exited' }, pass: false, actual: /could not start/ },
      { name: 'OOM of PID 1: 137 and OOMKilled', check: { kind: 'container', container: n.oomMain, state: 'exited', exitCode: 137, oomKilled: true }, pass: true, actual: /exited with code 137 \(OOM-killed\)/ },
      { name: 'OOM of a child: exit 0 but OOMKilled', check: { kind: 'container', container: n.oomChild, state: 'exited', exitCode: 0, oomKilled: true }, pass: true, actual: /exited with code 0 \(OOM-killed\)/ },
      { name: 'exit 0 alone does not hide an OOM kill', check: { kind: 'container', container: n.oomChild, state: 'exited', exitCode: 0, oomKilled: false }, pass: false, actual: /code 0 \(OOM-killed\)/, expected: /not OOM-killed/ },
      { name: 'a plain exit was not OOM-killed', check: { kind: 'container', container: n.exited, state: 'exited', oomKilled: true }, pass: false, actual: /exited with code 3$/, expected: /OOM-killed/ },
    ]);
  });

  describe('env', () => {
    gradeCases(lab, [
      { name: 'a set variable', check: { kind: 'env', container: n.env, name: 'GREETING', value: 'hello' }, pass: true, actual: /^GREETING=hello$/ },
      { name: 'only "is set"', check: { kind: 'env', container: n.env, name: 'GREETING' }, pass: true, actual: /^GREETING=hello$/, expected: /GREETING is set/ },
      { name: 'wrong value', check: { kind: 'env', container: n.env, name: 'GREETING', value: 'bye' }, pass: false, actual: /^GREETING=hello$/, expected: /GREETING=bye/ },
      // The 28.x CLI already folds duplicate -e flags (last wins) before the engine sees them.
      { name: 'duplicate -e: the last one wins', check: { kind: 'env', container: n.env, name: 'MODE', value: 'prod' }, pass: true, actual: /^MODE=prod$/ },
      { name: 'duplicate -e: the first one lost', check: { kind: 'env', container: n.env, name: 'MODE', value: 'dev' }, pass: false, actual: /^MODE=prod$/ },
      // Other API clients send the duplicates as they are; the process still sees the last one.
      { name: 'duplicates sent by an API client: the last one wins', check: { kind: 'env', container: n.envApi, name: 'MODE', value: 'prod' }, pass: true, actual: /MODE=prod \(set 2 times; the last one wins\)/ },
      { name: 'duplicates sent by an API client: the first one lost', check: { kind: 'env', container: n.envApi, name: 'MODE', value: 'dev' }, pass: false, actual: /MODE=prod \(set 2 times/ },
      { name: 'unset variable', check: { kind: 'env', container: n.env, name: 'NOPE' }, pass: false, actual: /NOPE is not set/ },
      { name: 'a prefix is not the variable', check: { kind: 'env', container: n.env, name: 'GREET' }, pass: false, actual: /GREET is not set/ },
    ]);
  });

  describe('mount', () => {
    gradeCases(lab, [
      { name: 'named volume at /data', check: { kind: 'mount', container: n.mounts, destination: '/data', type: 'volume', volume: n.vol, readOnly: false }, pass: true, actual: new RegExp(`volume ${n.vol} at /data`) },
      { name: 'another volume name', check: { kind: 'mount', container: n.mounts, destination: '/data', volume: 'other-vol' }, pass: false, actual: new RegExp(`volume ${n.vol} at /data`), expected: /from volume other-vol/ },
      { name: 'bind of the workspace folder, read-only', check: { kind: 'mount', container: n.mounts, destination: '/www', type: 'bind', workspacePath: 'site', readOnly: true }, pass: true, actual: /bind \/.*\/site at \/www \(read-only\)/ },
      { name: 'bind from another workspace folder', check: { kind: 'mount', container: n.mounts, destination: '/www', workspacePath: 'public' }, pass: false, actual: /site at \/www/ },
      { name: 'read-only is not read-write', check: { kind: 'mount', container: n.mounts, destination: '/www', readOnly: false }, pass: false, actual: /at \/www \(read-only\)/, expected: /read-write/ },
      { name: 'a bind is not a volume', check: { kind: 'mount', container: n.mounts, destination: '/www', type: 'volume' }, pass: false, actual: /bind .* at \/www/ },
      { name: '--mount type=tmpfs', check: { kind: 'mount', container: n.mounts, destination: '/scratch', type: 'tmpfs' }, pass: true, actual: /tmpfs\s+at \/scratch/ },
      { name: 'nothing mounted there', check: { kind: 'mount', container: n.mounts, destination: '/elsewhere' }, pass: false, actual: /^(?=.*at \/data)(?=.*at \/www)/ },
      { name: 'a container with no mounts', check: { kind: 'mount', container: n.running, destination: '/data' }, pass: false, actual: /^no mounts$/ },
    ]);
    // Was a bug (fixed): `--tmpfs /cache` is recorded in .HostConfig.Tmpfs, not in
    // .Mounts, so the check says "no mounts" for the most common way to make a tmpfs.
    it('passes: --tmpfs /cache is a tmpfs mount at /cache', async () => {
      expect((await lab.inspect(n.tmpfsFlag)).Mounts).toEqual([]);
      const r = await gradeOne({ kind: 'mount', container: n.tmpfsFlag, destination: '/cache', type: 'tmpfs' }, lab.ctx);
      expectGrade(r, { pass: true, actual: /tmpfs.*\/cache/ });
    });
  });

  describe('volume-file', () => {
    gradeCases(lab, [
      { name: 'file with content', check: { kind: 'volume-file', volume: n.fileVol, path: 'save.dat', includes: 'saved-42' }, pass: true, actual: /save\.dat in volume .* line 1: "saved-42"$/ },
      { name: 'regex on content', check: { kind: 'volume-file', volume: n.fileVol, path: '/save.dat', matches: '^saved-\\d+$' }, pass: true, actual: /line 1: "saved-42"$/ },
      { name: 'wrong content', check: { kind: 'volume-file', volume: n.fileVol, path: 'save.dat', includes: 'saved-43' }, pass: false, actual: /has no line with "saved-43"; it starts: "saved-42"$/, expected: /containing "saved-43"/ },
      { name: 'missing file', check: { kind: 'volume-file', volume: n.fileVol, path: 'nope.dat' }, pass: false, actual: /nope\.dat in volume .* does not exist/ },
      { name: 'must not exist, and does not', check: { kind: 'volume-file', volume: n.fileVol, path: 'nope.dat', exists: false }, pass: true, actual: /does not exist/ },
      { name: 'must not exist, but does', check: { kind: 'volume-file', volume: n.fileVol, path: 'save.dat', exists: false }, pass: false, actual: /save\.dat in volume .* exists$/ },
      { name: 'a directory is not a file', check: { kind: 'volume-file', volume: n.fileVol, path: 'dir' }, pass: false, actual: /is a directory/ },
      { name: 'no such volume', check: { kind: 'volume-file', volume: uniq('novol'), path: 'save.dat' }, pass: false, actual: /no volume named ".*" in the sandbox/ },
    ]);
    it('leaves no helper container behind', async () => {
      const helpers = await lab.api.json<unknown[]>('GET', '/containers/json', {
        query: { all: 1, filters: JSON.stringify({ label: ['ctr-learn.helper=1', `ctr-learn.pid=${process.pid}`] }) },
      });
      expect(helpers).toEqual([]);
    });
  });

  describe('container-file', () => {
    gradeCases(lab, [
      { name: 'file in a stopped container', check: { kind: 'container-file', container: n.fileStopped, path: '/tmp/note', includes: 'hello-file' }, pass: true, actual: /\/tmp\/note in container .* line 1: "hello-file"$/ },
      { name: 'file written by exec in a running container', check: { kind: 'container-file', container: n.fileRunning, path: '/tmp/live', matches: '^live-\\d+$' }, pass: true, actual: /line 1: "live-42"$/ },
      { name: 'wrong content', check: { kind: 'container-file', container: n.fileStopped, path: '/tmp/note', includes: 'goodbye' }, pass: false, actual: /has no line with "goodbye"; it starts: "hello-file"$/ },
      { name: 'missing file', check: { kind: 'container-file', container: n.fileStopped, path: '/tmp/none' }, pass: false, actual: /\/tmp\/none in container .* does not exist/ },
      { name: 'must be gone, and is', check: { kind: 'container-file', container: n.fileStopped, path: '/tmp/none', exists: false }, pass: true, actual: /does not exist/ },
      { name: 'must be gone, but is there', check: { kind: 'container-file', container: n.fileStopped, path: '/tmp/note', exists: false }, pass: false, actual: /\/tmp\/note in container .* exists$/ },
      { name: 'a directory is not a file', check: { kind: 'container-file', container: n.fileStopped, path: '/tmp' }, pass: false, actual: /\/tmp in container .* is a directory/ },
    ]);
  });

  describe('what is not the sandbox’s', () => {
    beforeAll(async () => {
      const c = await lab.api.json<{ Id: string }>('POST', '/containers/create', {
        query: { name: n.outside },
        body: { Image: 'busybox:latest', Cmd: ['sleep', '300'], Labels: { 'ctr-learn.test': '1' } },
      });
      lab.cleanup(() => lab.api.request('DELETE', `/containers/${c.Id}`, { query: { force: 1 } }));
      await lab.api.json('POST', `/containers/${c.Id}/start`);
    });
    const outside = /no sandbox container ".*" \(a container with that name exists outside the sandbox/;
    gradeCases(lab, [
      { name: 'never: container', check: { kind: 'container', container: n.outside, state: 'running' }, pass: false, actual: outside },
      { name: 'never: env', check: { kind: 'env', container: n.outside, name: 'PATH' }, pass: false, actual: outside },
      { name: 'never: container-file', check: { kind: 'container-file', container: n.outside, path: '/bin/sh' }, pass: false, actual: outside },
      { name: 'never: logs', check: { kind: 'logs', container: n.outside, stream: 'stdout', matches: '.*' }, pass: false, actual: outside },
      { name: 'absent counts only sandbox containers', check: { kind: 'container', container: n.outside, state: 'absent' }, pass: true, actual: /no such container/ },
      { name: 'a name nobody has', check: { kind: 'container', container: uniq('nobody'), state: 'running' }, pass: false, actual: /^no container named ".*"$/ },
    ]);
    it('fails: stop never stops a container outside the sandbox', async () => {
      const r = await gradeOne({ kind: 'stop', container: n.outside, timeoutSeconds: 1 }, lab.ctx);
      expectGrade(r, { pass: false, actual: outside });
      expect((await lab.inspect(n.outside)).State.Running).toBe(true);
    });
  });

  describe('a step', () => {
    it('stops at the first failing check: later checks are skipped, the hint is the failing check’s', async () => {
      const r = await grade(
        lab.ctx,
        { kind: 'container', container: n.running, state: 'running' },
        { kind: 'env', container: n.env, name: 'MODE', value: 'dev', hint: 'last-wins' },
        { kind: 'container', container: n.exited, state: 'exited' },
      );
      expect(r.passed).toBe(false);
      expect(r.checks.map((c) => c.status)).toEqual(['pass', 'fail', 'skipped']);
      expect(r.checks[1].hint).toBe('last-wins');
      expect(r.checks[0].hint).toBeUndefined();
    });
    it('passes when every check passes', async () => {
      const r = await grade(lab.ctx, { kind: 'container', container: n.running, state: 'running' }, { kind: 'env', container: n.env, name: 'MODE', value: 'prod' });
      expect(r.passed).toBe(true);
      expect(r.checks.map((c) => c.status)).toEqual(['pass', 'pass']);
    });
  });
});
