import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import type { ContainerInspect, ImageInspect, NetworkInspect, VolumeInspect } from '../../src/engine/types';
import { workspacesDir } from '../../src/paths';
import { runProcess, type RunResult } from '../../src/proc/run';
import { openSandbox, type Sandbox } from '../../src/sandbox';
import { LABEL } from '../../src/sandbox/labels';
import { ensureImages } from './engine';

/**
 * The attack lab: objects made OUTSIDE the sandbox, straight on the engine, and a sandbox to attack
 * them through. Every name starts with one random prefix, so a shared engine's other users are never
 * touched and everything this lab made can be found and removed.
 */
export interface Outside {
  prefix: string;
  /** Label on every outside object (lets a forwarded prune target ONLY this lab's objects). */
  label: string;
  running: string;
  runningId: string;
  stopped: string;
  stoppedId: string;
  network: string;
  volume: string;
  /** A second outside volume no container uses (removal would succeed if forwarded). */
  spareVolume: string;
  /** `docker tag busybox:latest <prefix>:outside`: a name-only repo, so `library/` spellings alias it. */
  tag: string;
  /** An outside image no container uses (a prune -a would remove it if it were forwarded). */
  unusedTag: string;
  unusedImageId: string;
  busyboxId: string;
  hostDir: string;
  secretFile: string;
  /** Inside the running container; the outside volume is mounted at /vol in it. */
  fileInContainer: string;
}

export const FILE_IN_CONTAINER = '/outside.txt';
/** Put on every container an attempt creates through the raw API, whatever the sandbox does with the body. */
export const ATTEMPT_LABEL = 'ctrl-atk.attempt';
const CONTENT = 'outside-file-untouched';
const VOL_CONTENT = 'outside-volume-untouched';
const SECRET = 'host-secret-never-read';

export const newPrefix = () => `ctrl-atk-${Math.random().toString(36).slice(2, 8)}`;

export interface Lab {
  engine: EngineApi;
  o: Outside;
  sandbox: Sandbox;
  /** The lesson workspace: the only host folder bind mounts may come from. */
  ws: string;
  lessonId: string;
  /** The docker CLI pointed at the sandbox socket (no shell, timeout). */
  docker(args: string[], opts?: { input?: string | Buffer; timeoutMs?: number }): Promise<RunResult>;
  /** The docker CLI on the REAL engine (setup, fingerprints, repairs). */
  real(args: string[], opts?: { input?: string | Buffer }): Promise<RunResult>;
  fingerprint(): Promise<Fingerprint>;
  cheapFingerprint(): Promise<CheapFingerprint>;
  /** Put outside objects back after an attempt that got through, and remove what the sandbox made that it must not have. */
  repair(): Promise<void>;
  close(): Promise<void>;
}

export type Fingerprint = Awaited<ReturnType<typeof takeFingerprint>>;
export type CheapFingerprint = Awaited<ReturnType<typeof takeCheapFingerprint>>;

export async function openLab(engine: EngineApi, prefix = newPrefix()): Promise<Lab> {
  await ensureImages(engine);
  const realEnv = { DOCKER_HOST: engine.endpoint.url, DOCKER_CONTEXT: undefined, DOCKER_CLI_HINTS: 'false' };
  const real = (args: string[], opts: { input?: string | Buffer } = {}) =>
    runProcess('docker', args, { description: `docker ${args[0]} on the real engine`, timeoutMs: 30_000, env: realEnv, input: opts.input });

  const label = `ctrl-atk.outside=${prefix}`;
  const o: Outside = {
    prefix,
    label,
    running: `${prefix}-running`,
    runningId: '',
    stopped: `${prefix}-stopped`,
    stoppedId: '',
    network: `${prefix}-net`,
    volume: `${prefix}-vol`,
    spareVolume: `${prefix}-spare`,
    tag: `${prefix}:outside`,
    unusedTag: `${prefix}-unused:outside`,
    unusedImageId: '',
    busyboxId: '',
    hostDir: mkdtempSync(join(tmpdir(), `${prefix}-host-`)),
    secretFile: '',
    fileInContainer: FILE_IN_CONTAINER,
  };
  o.secretFile = join(o.hostDir, 'secret.txt');
  writeFileSync(o.secretFile, SECRET);

  await must(real, ['network', 'create', '--label', label, o.network]);
  await must(real, ['volume', 'create', '--label', label, o.volume]);
  await must(real, ['volume', 'create', '--label', label, o.spareVolume]);
  await makeRunning(real, o);
  await makeStopped(real, o);
  await must(real, ['tag', 'busybox:latest', o.tag]);
  o.busyboxId = await must(real, ['image', 'inspect', '-f', '{{.Id}}', 'busybox:latest']);
  await makeUnusedImage(real, o);
  await waitForFiles(real, o);

  const lessonId = `atk-${prefix.slice(-6)}`;
  const ws = join(workspacesDir(), lessonId);
  mkdirSync(ws, { recursive: true });
  const sandbox = await openSandbox(engine, { lessonId, workspaceRoot: workspacesDir(), reap: false });
  const sandboxEnv = { ...sandbox.env, DOCKER_CONTEXT: undefined, DOCKER_BUILDKIT: '0' };
  const docker = (args: string[], opts: { input?: string | Buffer; timeoutMs?: number } = {}) =>
    runProcess('docker', args, { description: `attack: docker ${args[0]}`, timeoutMs: opts.timeoutMs ?? 30_000, cwd: ws, env: sandboxEnv, input: opts.input });

  let baselineSecret = statSync(o.secretFile).mtimeMs;
  const lab: Lab = {
    engine,
    o,
    sandbox,
    ws,
    lessonId,
    docker,
    real,
    fingerprint: () => takeFingerprint(engine, real, o, sandbox, ws, baselineSecret),
    cheapFingerprint: () => takeCheapFingerprint(engine, o),
    async repair() {
      await repairOutside(engine, real, o, sandbox, ws);
      writeFileSync(o.secretFile, SECRET);
      baselineSecret = statSync(o.secretFile).mtimeMs;
    },
    async close() {
      await sandbox.end().catch(() => undefined);
      // Only what this lab made: every name carries the prefix.
      const ids = (await real(['ps', '-aq', '--filter', `label=${label}`])).stdout.split('\n').filter(Boolean);
      const named = [
        ...(await real(['ps', '-aq', '--filter', `name=${prefix}`])).stdout.split('\n'),
        ...(await real(['ps', '-aq', '--filter', `label=${ATTEMPT_LABEL}=${prefix}`])).stdout.split('\n'),
      ].filter(Boolean);
      if (ids.length + named.length) await real(['rm', '-f', '-v', ...new Set([...ids, ...named])]);
      await real(['network', 'rm', o.network]);
      const vols = (await real(['volume', 'ls', '-q', '--filter', `name=${prefix}`])).stdout.split('\n').filter(Boolean);
      if (vols.length) await real(['volume', 'rm', '-f', ...vols]);
      const tags = (await real(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout.split('\n').filter((t) => t.includes(prefix));
      if (tags.length) await real(['rmi', ...tags]);
      rmSync(o.hostDir, { recursive: true, force: true });
    },
  };
  return lab;
}

async function must(real: Lab['real'], args: string[]) {
  const r = await real(args);
  if (r.exitCode !== 0) throw new Error(`lab: docker ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

// The outside objects are (re)made by these: a repair after an attempt that removed one makes it
// again, under the same name, and the lab follows its new id.
async function makeRunning(real: Lab['real'], o: Outside) {
  o.runningId = await must(real, ['run', '-d', '--name', o.running, '--label', o.label, '--network', o.network, '-v', `${o.volume}:/vol`, 'busybox:latest',
    'sh', '-c', `echo ${CONTENT} > ${FILE_IN_CONTAINER}; echo ${VOL_CONTENT} > /vol/known.txt; exec sleep 3600`]);
}

async function makeStopped(real: Lab['real'], o: Outside) {
  await must(real, ['run', '--name', o.stopped, '--label', o.label, 'busybox:latest', 'sh', '-c', `echo stopped > ${FILE_IN_CONTAINER}`]);
  o.stoppedId = await must(real, ['inspect', '-f', '{{.Id}}', o.stopped]);
}

async function makeUnusedImage(real: Lab['real'], o: Outside) {
  await must(real, ['commit', '-c', `LABEL ${o.label.replace('=', '="')}"`, o.stoppedId, o.unusedTag]);
  o.unusedImageId = await must(real, ['image', 'inspect', '-f', '{{.Id}}', o.unusedTag]);
}

async function waitForFiles(real: Lab['real'], o: Outside) {
  for (let i = 0; i < 50; i++) {
    const r = await real(['exec', o.running, 'cat', FILE_IN_CONTAINER, '/vol/known.txt']);
    if (r.exitCode === 0 && r.stdout.includes(VOL_CONTENT)) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('setup: the outside container never wrote its files');
}

const tagId = async (engine: EngineApi, ref: string) => (await engine.maybe<ImageInspect>('GET', `/images/${ref}/json`))?.Id ?? null;

/** Cheap enough to take around every generated request (a handful of inspects, no exec). */
async function takeCheapFingerprint(engine: EngineApi, o: Outside) {
  const c = await engine.maybe<ContainerInspect & { State: { Paused: boolean; Pid: number } }>('GET', `/containers/${o.runningId}/json`);
  const s = await engine.maybe<ContainerInspect>('GET', `/containers/${o.stoppedId}/json`);
  const n = await engine.maybe<NetworkInspect & { Containers?: Record<string, unknown> }>('GET', `/networks/${o.network}`);
  return {
    running: c && { name: c.Name, status: c.State.Status, paused: c.State.Paused, pid: c.State.Pid, startedAt: c.State.StartedAt },
    stopped: s && { name: s.Name, status: s.State.Status, finishedAt: s.State.FinishedAt },
    networkContainers: Object.keys(n?.Containers ?? {}).sort(),
    spareVolume: (await engine.maybe<VolumeInspect>('GET', `/volumes/${o.spareVolume}`))?.Name ?? null,
    tag: await tagId(engine, o.tag),
    unusedTag: await tagId(engine, o.unusedTag),
  };
}

interface FullInspect extends ContainerInspect {
  State: ContainerInspect['State'] & { Paused: boolean; Pid: number };
  HostConfig: ContainerInspect['HostConfig'] & Record<string, unknown>;
}

async function takeFingerprint(engine: EngineApi, real: Lab['real'], o: Outside, sandbox: Sandbox, ws: string, secretMtime: number) {
  const c = await engine.maybe<FullInspect>('GET', `/containers/${o.runningId}/json`);
  const files = await real(['exec', o.runningId, 'cat', FILE_IN_CONTAINER, '/vol/known.txt']);
  const stopped = await engine.maybe<FullInspect>('GET', `/containers/${o.stoppedId}/json`);
  const list = async (what: string, args: string[]) =>
    (await real([what, ...args])).stdout.split('\n').filter(Boolean).sort();
  return {
    running: c && {
      name: c.Name,
      state: { Status: c.State.Status, Running: c.State.Running, Paused: c.State.Paused, Pid: c.State.Pid, StartedAt: c.State.StartedAt },
      networks: Object.keys(c.NetworkSettings.Networks ?? {}).sort(),
      limits: { CpuShares: c.HostConfig.CpuShares, Memory: c.HostConfig.Memory, RestartPolicy: c.HostConfig.RestartPolicy },
      files: files.exitCode === 0 ? files.stdout.trim() : `exec failed: ${files.stderr.trim()}`,
    },
    stopped: stopped && { name: stopped.Name, status: stopped.State.Status, finishedAt: stopped.State.FinishedAt },
    network: (await takeCheapFingerprint(engine, o)).networkContainers,
    tags: { [o.tag]: await tagId(engine, o.tag), [o.unusedTag]: await tagId(engine, o.unusedTag), 'busybox:latest': await tagId(engine, 'busybox:latest') },
    hostSecret: { content: readFileSync(o.secretFile, 'utf8'), mtimeUnchanged: statSync(o.secretFile).mtimeMs === secretMtime },
    // The shared engine's lists, restricted to names this lab chose: other engineers' tests come and go.
    unlabelledContainersWithPrefix: await list('ps', ['-a', '--filter', `name=${o.prefix}`, '--format', '{{.Names}} {{.Label "ctr-learn.session"}}']).then((l) => l.filter((x) => !x.includes(sandbox.state.identity.id))),
    volumesWithPrefix: await list('volume', ['ls', '--filter', `name=${o.prefix}`, '--format', '{{.Name}} {{.Label "ctr-learn.session"}}']).then((l) => l.filter((x) => !x.includes(sandbox.state.identity.id))),
    networksWithPrefix: await list('network', ['ls', '--filter', `name=${o.prefix}`, '--format', '{{.Name}}']).then(async (l) => {
      const out: string[] = [];
      for (const n of l) if (!sandbox.state.ownsLabels((await engine.maybe<NetworkInspect>('GET', `/networks/${n}`))?.Labels)) out.push(n);
      return out;
    }),
    sandboxViolations: await sandboxViolations(engine, o, sandbox, ws),
  };
}

const DANGEROUS_HOST = ['Privileged', 'CapAdd', 'Devices', 'DeviceCgroupRules', 'SecurityOpt', 'Sysctls', 'VolumesFrom'] as const;

/**
 * What the sandbox's own objects must never be, whatever the CLI or the API answered: a create that
 * the engine accepted but that failed to start (runc refuses --privileged here) is still an escape.
 */
export async function sandboxViolations(engine: EngineApi, o: Outside, sandbox: Sandbox, ws: string): Promise<string[]> {
  const own = `${LABEL.session}=${sandbox.state.identity.id}`;
  const out: string[] = [];
  const list = (label: string) => engine.json<{ Id: string }[]>('GET', '/containers/json', { query: { all: 1, filters: JSON.stringify({ label: [label] }) } });
  // A create the sandbox forwarded without reading its body carries no sandbox label: the attempt's own marker finds it.
  const ids = new Set([...(await list(own)), ...(await list(`${ATTEMPT_LABEL}=${o.prefix}`))].map((c) => c.Id));
  const wsReal = realpathSync(ws);
  const under = (p: string) => {
    let real = p;
    try {
      real = realpathSync(p);
    } catch {
      /* gone or not ours to resolve: judge it as written */
    }
    return real === wsReal || real.startsWith(`${wsReal}/`);
  };
  for (const Id of ids) {
    const c = await engine.maybe<FullInspect>('GET', `/containers/${Id}/json`);
    if (!c) continue;
    const hc = c.HostConfig;
    const name = c.Name;
    if (!sandbox.state.ownsLabels(c.Config.Labels)) out.push(`${name}: created through the sandbox without its labels`);
    for (const k of DANGEROUS_HOST) {
      const v = hc[k];
      if (v && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && Object.keys(v).length === 0)) out.push(`${name}: ${k}=${JSON.stringify(v)}`);
    }
    // Not CgroupnsMode: on a cgroup v1 engine (like these machines) "host" is every container's default.
    for (const mode of ['PidMode', 'IpcMode', 'UTSMode', 'UsernsMode'] as const) {
      const v = String(hc[mode] ?? '');
      if (v === 'host' || v.startsWith('container:')) out.push(`${name}: ${mode}=${v}`);
    }
    if (Array.isArray(hc.MaskedPaths) && hc.MaskedPaths.length === 0) out.push(`${name}: MaskedPaths=[]`);
    if (hc.NetworkMode.startsWith('container:') || hc.NetworkMode === o.network) out.push(`${name}: NetworkMode=${hc.NetworkMode}`);
    if (Object.values(c.NetworkSettings.Networks ?? {}).length && Object.keys(c.NetworkSettings.Networks).includes(o.network)) out.push(`${name}: on ${o.network}`);
    for (const m of c.Mounts ?? []) {
      // A bind is mounted when the container starts: one that never started mounted nothing (the
      // sandbox judges the source again at every start; its refusal is asserted by the attempt).
      const started = !c.State.StartedAt.startsWith('0001-');
      if (m.Type === 'bind' && started && !under(m.Source)) out.push(`${name}: bind ${m.Source}`);
      if (m.Type === 'volume' && (m.Name === o.volume || m.Name === o.spareVolume)) out.push(`${name}: outside volume ${m.Name}`);
      if (m.Type === 'volume' && m.Name) {
        const v = await engine.maybe<VolumeInspect & { Options?: Record<string, string> | null }>('GET', `/volumes/${m.Name}`);
        if (v?.Options && Object.keys(v.Options).length) out.push(`${name}: volume with driver options ${JSON.stringify(v.Options)}`);
      }
    }
  }
  const vols = await engine.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', { query: { filters: JSON.stringify({ label: [own] }) } });
  for (const v of vols.Volumes ?? []) {
    const opts = (v as VolumeInspect & { Options?: Record<string, string> | null }).Options ?? {};
    if (Object.keys(opts).length) out.push(`volume ${v.Name}: driver options ${JSON.stringify(opts)}`);
  }
  return out.sort();
}

async function repairOutside(engine: EngineApi, real: Lab['real'], o: Outside, sandbox: Sandbox, ws: string) {
  if (!(await engine.maybe('GET', `/containers/${o.runningId}/json`))) {
    await real(['rm', '-f', o.running]);
    await makeRunning(real, o);
    await waitForFiles(real, o);
  }
  const c = await engine.maybe<FullInspect>('GET', `/containers/${o.runningId}/json`);
  if (c) {
    if (c.Name !== `/${o.running}`) await real(['rename', o.runningId, o.running]);
    if (c.State.Paused) await real(['unpause', o.runningId]);
    else if (!c.State.Running) await real(['start', o.runningId]);
    if (c.HostConfig.CpuShares) await real(['update', '--cpu-shares', '0', o.runningId]);
    await real(['network', 'connect', o.network, o.runningId]);
    for (const n of Object.keys(c.NetworkSettings.Networks ?? {})) if (n !== o.network) await real(['network', 'disconnect', '-f', n, o.runningId]);
    await real(['exec', o.runningId, 'sh', '-c', `echo ${CONTENT} > ${FILE_IN_CONTAINER}; echo ${VOL_CONTENT} > /vol/known.txt`]);
  }
  if (!(await engine.maybe('GET', `/containers/${o.stoppedId}/json`))) {
    await real(['rm', '-f', o.stopped]);
    await makeStopped(real, o);
  }
  const s = await engine.maybe<FullInspect>('GET', `/containers/${o.stoppedId}/json`);
  if (s && s.Name !== `/${o.stopped}`) await real(['rename', o.stoppedId, o.stopped]);
  if (s?.State.Running) await real(['kill', o.stoppedId]);
  if (!(await engine.maybe('GET', `/volumes/${o.spareVolume}`))) await real(['volume', 'create', '--label', o.label, o.spareVolume]);
  if ((await tagId(engine, o.tag)) !== o.busyboxId) await real(['tag', o.busyboxId, o.tag]);
  if (!(await engine.maybe('GET', `/images/${o.unusedImageId}/json`))) await makeUnusedImage(real, o);
  else if ((await tagId(engine, o.unusedTag)) !== o.unusedImageId) await real(['tag', o.unusedImageId, o.unusedTag]);
  if ((await tagId(engine, 'busybox:latest')) !== o.busyboxId) await real(['tag', o.busyboxId, 'busybox:latest']);
  // Sandbox objects that must not exist: remove them so the next attempt is judged on its own.
  const own = `${LABEL.session}=${sandbox.state.identity.id}`;
  const bad = await sandboxViolations(engine, o, sandbox, ws);
  if (bad.length) {
    const ids = [
      ...(await real(['ps', '-aq', '--filter', `label=${own}`])).stdout.split('\n'),
      ...(await real(['ps', '-aq', '--filter', `label=${ATTEMPT_LABEL}=${o.prefix}`])).stdout.split('\n'),
    ].filter(Boolean);
    if (ids.length) await real(['rm', '-f', ...ids]);
    const vols = (await real(['volume', 'ls', '-q', '--filter', `label=${own}`])).stdout.split('\n').filter(Boolean);
    if (vols.length) await real(['volume', 'rm', '-f', ...vols]);
  }
}
