import { isAbsolute } from 'node:path';
import type { VolumeInspect } from '../../engine/types';
import { bindsOf, judgeOverlap, judgeSource, sessionBinds } from './binds';
import { why, type WhyKey } from './messages';
import { ownContainer, ownNetwork, refuse, type DoorContext } from './owners';

type Obj = Record<string, unknown>;
type Why = WhyKey;

/** A field that must be empty (or its default) for a sandbox container, with the flag a learner types. */
const MUST_BE_EMPTY: [field: string, flag: string, why: Why][] = [
  ['Privileged', '--privileged', 'privileged'],
  ['CapAdd', '--cap-add', 'caps'],
  ['Devices', '--device', 'devices'],
  ['DeviceCgroupRules', '--device-cgroup-rule', 'devices'],
  ['DeviceRequests', '--gpus', 'devices'],
  ['BlkioWeightDevice', '--blkio-weight-device', 'devices'],
  ['BlkioDeviceReadBps', '--device-read-bps', 'devices'],
  ['BlkioDeviceWriteBps', '--device-write-bps', 'devices'],
  ['BlkioDeviceReadIOps', '--device-read-iops', 'devices'],
  ['BlkioDeviceWriteIOps', '--device-write-iops', 'devices'],
  ['UTSMode', '--uts', 'host'],
  ['UsernsMode', '--userns', 'host'],
  ['Sysctls', '--sysctl', 'kernel'],
  ['CgroupParent', '--cgroup-parent', 'kernel'],
  ['Cgroup', '--cgroup', 'kernel'],
  ['CpuRealtimePeriod', '--cpu-rt-period', 'kernel'],
  ['CpuRealtimeRuntime', '--cpu-rt-runtime', 'kernel'],
  ['OomKillDisable', '--oom-kill-disable', 'kernel'],
  ['StorageOpt', '--storage-opt', 'kernel'],
  ['Annotations', '--annotation', 'kernel'],
  ['Isolation', '--isolation', 'runtime'],
];

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as Obj).length === 0);

function option(ctx: DoorContext, flag: string, reason: Why): never {
  return refuse(ctx, 403, 'option', { option: flag, why: why(ctx.lang, reason) });
}

/**
 * Judge a container create body (canonical spelling): an allow-list of what a sandbox container may
 * ask of the host. Returns the named volumes to create with the sandbox's labels before the
 * container (the engine would make them unlabelled), and rewrites references to the sandbox's own
 * objects to their IDs so the engine acts on what was checked.
 */
export async function judgeCreate(ctx: DoorContext, body: Obj): Promise<{ volumesToCreate: string[] }> {
  const hc = (body.HostConfig ?? {}) as Obj;
  judgeResources(ctx, hc);
  for (const [field, flag, reason] of MUST_BE_EMPTY) if (!isEmpty(hc[field])) option(ctx, flag, reason);
  // An empty list here is not "nothing": it unmasks /proc and /sys paths the engine masks by default.
  if (hc.MaskedPaths != null || hc.ReadonlyPaths != null) option(ctx, '--security-opt systempaths=unconfined', 'security');
  const volumes = new Set<string>();

  for (const bind of (hc.Binds as string[] | null) ?? []) {
    if (typeof bind !== 'string') option(ctx, '-v', 'notYours');
    const [src, ...rest] = bind.split(':');
    if (!rest.length) continue; // "-v /data": an anonymous volume
    if (!isAbsolute(src)) volumes.add(src);
  }
  const binds = bindsOf(hc, 'this container').map((b) => ({ ...b, src: judgeSource(ctx, b.src) }));
  if (binds.length) judgeOverlap(ctx, binds, await sessionBinds(ctx));
  for (const m of (hc.Mounts as Obj[] | null) ?? []) {
    const type = m.Type ?? 'volume';
    if (type === 'bind') continue;
    else if (type === 'volume') {
      const opts = (m.VolumeOptions ?? {}) as Obj;
      const driver = (opts.DriverConfig ?? {}) as Obj;
      if (!isEmpty(driver.Options) || (driver.Name && driver.Name !== 'local')) option(ctx, '--mount volume-driver/volume-opt', 'driver');
      if (m.Source) volumes.add(String(m.Source));
    } else if (type !== 'tmpfs') option(ctx, `--mount type=${type}`, 'devices');
  }
  if (hc.VolumeDriver && hc.VolumeDriver !== 'local') option(ctx, '--volume-driver', 'driver');

  const from = (hc.VolumesFrom as string[] | null) ?? [];
  hc.VolumesFrom = from.length ? await Promise.all(from.map((v) => withOwnContainer(ctx, v, '--volumes-from'))) : hc.VolumesFrom;
  const links = (hc.Links as string[] | null) ?? [];
  if (links.length) hc.Links = await Promise.all(links.map((l) => withOwnContainer(ctx, l, '--link')));

  hc.NetworkMode = await judgeNetworkMode(ctx, String(hc.NetworkMode ?? ''));
  hc.PidMode = await judgeNamespace(ctx, String(hc.PidMode ?? ''), '--pid', ['', 'private']);
  hc.IpcMode = await judgeNamespace(ctx, String(hc.IpcMode ?? ''), '--ipc', ['', 'private', 'shareable', 'none']);
  if (!['', 'private'].includes(String(hc.CgroupnsMode ?? ''))) option(ctx, '--cgroupns', 'host');
  for (const s of (hc.SecurityOpt as string[] | null) ?? []) {
    if (!/^no-new-privileges([:=]true)?$/.test(String(s))) option(ctx, `--security-opt ${s}`, 'security');
  }
  if (hc.Runtime && hc.Runtime !== 'runc') option(ctx, '--runtime', 'runtime');
  const log = (hc.LogConfig ?? {}) as Obj;
  if (log.Type && !['json-file', 'local', 'none'].includes(String(log.Type))) option(ctx, `--log-driver ${log.Type}`, 'driver');
  if (typeof hc.OomScoreAdj === 'number' && hc.OomScoreAdj < 0) option(ctx, '--oom-score-adj (below 0)', 'kernel');

  const endpoints = ((body.NetworkingConfig as Obj | undefined)?.EndpointsConfig ?? {}) as Obj;
  for (const [net, ep] of Object.entries(endpoints)) {
    await ownNetwork(ctx, net, '--network', true);
    await judgeEndpoint(ctx, ep as Obj | null);
  }
  return { volumesToCreate: [...volumes] };
}

/** `docker update` takes resources and the restart policy: the same limits as at create. */
export function judgeUpdate(ctx: DoorContext, body: Obj): void {
  judgeResources(ctx, body);
  for (const [field, flag, reason] of MUST_BE_EMPTY) if (field in body && !isEmpty(body[field])) option(ctx, flag, reason);
}

/**
 * Every start through the sandbox judges the bind sources again (the engine resolves them then),
 * and against the session's other binds, as at create.
 */
export async function judgeStart(ctx: DoorContext, id: string): Promise<void> {
  const c = await ctx.api.maybe<{ HostConfig: Obj }>('GET', `/containers/${id}/json`);
  if (!c) return;
  const binds = bindsOf(c.HostConfig, 'this container').map((b) => ({ ...b, src: judgeSource(ctx, b.src) }));
  if (binds.length) judgeOverlap(ctx, binds, await sessionBinds(ctx, id));
}

function judgeResources(ctx: DoorContext, res: Obj): void {
  if (typeof res.CpuShares === 'number' && res.CpuShares < 0) option(ctx, '--cpu-shares', 'kernel');
}

export async function judgeEndpoint(ctx: DoorContext, ep: Obj | null | undefined): Promise<void> {
  if (!ep) return;
  if (!isEmpty(ep.DriverOpts)) option(ctx, '--network driver-opt', 'network');
  const links = (ep.Links as string[] | null) ?? [];
  if (links.length) ep.Links = await Promise.all(links.map((l) => withOwnContainer(ctx, l, '--link')));
}

/** `name[:suffix]` where name must be the sandbox's container; the name becomes its ID. */
async function withOwnContainer(ctx: DoorContext, value: string, flag: string): Promise<string> {
  const [name, ...rest] = String(value).split(':');
  const id = await ownContainer(ctx, name, flag);
  return [id, ...rest].join(':');
}

async function judgeNetworkMode(ctx: DoorContext, mode: string): Promise<string> {
  if (['', 'default', 'bridge', 'host', 'none'].includes(mode)) return mode;
  if (mode.startsWith('container:')) return `container:${await ownContainer(ctx, mode.slice('container:'.length), '--network container:')}`;
  await ownNetwork(ctx, mode, '--network', false);
  return mode;
}

async function judgeNamespace(ctx: DoorContext, mode: string, flag: string, allowed: string[]): Promise<string> {
  if (allowed.includes(mode)) return mode;
  if (mode.startsWith('container:')) return `container:${await ownContainer(ctx, mode.slice('container:'.length), `${flag} container:`)}`;
  return option(ctx, `${flag} ${mode}`, 'host');
}

/** Create the named volumes a container asks for, labelled; refuse one that exists outside. */
export async function labelVolumes(ctx: DoorContext, names: string[]): Promise<void> {
  for (const name of names) {
    const v = await ctx.api.maybe<VolumeInspect>('GET', `/volumes/${encodeURIComponent(name)}`);
    if (!v) await ctx.api.json('POST', '/volumes/create', { body: { Name: name, Labels: ctx.state.labels() } });
    else if (!ctx.state.ownsLabels(v.Labels) && !ctx.state.volumes.has(name)) refuse(ctx, 403, 'volumeOutside', { name });
  }
}
