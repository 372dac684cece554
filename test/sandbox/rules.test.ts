import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { canonicalize } from '../../src/sandbox/door/canonical';
import { fold } from '../../src/sandbox/door/json-body';
import { ROUTES } from '../../src/sandbox/door/table';
import { labelsFor } from '../../src/sandbox/labels';
import { decide, type Decision } from '../../src/sandbox/rules';
import { SandboxState } from '../../src/sandbox/state';

/**
 * The proxy's rules as a table, without an engine: a small in-memory engine answers the lookups
 * the rules make (is this container the sandbox's?). What the rules decide is asserted; that the
 * engine then really stays untouched is the adversarial suite's job, on the real engine.
 */
const me = { id: 'sme', pid: process.pid, host: 'h', owner: 'u0-test' };
const state = new SandboxState(me, 'lesson', null, { ids: ['sha256:base'], refs: ['busybox:latest', 'theirs:1'] });
const mine = labelsFor(me, 'lesson');
const other = { 'ctr-learn.session': 'sother' };

const containers: Record<string, { Id: string; Config: { Labels: Record<string, string> } }> = {
  web: { Id: 'c-web-id', Config: { Labels: mine } },
  theirs: { Id: 'c-theirs-id', Config: { Labels: other } },
  plain: { Id: 'c-plain-id', Config: { Labels: {} } },
};
const networks: Record<string, { Id: string; Name: string; Labels: Record<string, string> | null }> = {
  appnet: { Id: 'n-app', Name: 'appnet', Labels: mine },
  outnet: { Id: 'n-out', Name: 'outnet', Labels: null },
  bridge: { Id: 'n-bridge', Name: 'bridge', Labels: null },
};
const volumes: Record<string, { Name: string; Labels: Record<string, string> | null }> = {
  data: { Name: 'data', Labels: mine },
  outvol: { Name: 'outvol', Labels: null },
};
const images: Record<string, { Id: string; RepoTags: string[]; Config: { Labels: Record<string, string> | null } }> = {
  'busybox:latest': { Id: 'sha256:base', RepoTags: ['busybox:latest'], Config: { Labels: null } },
  'theirs:1': { Id: 'sha256:theirs', RepoTags: ['theirs:1'], Config: { Labels: null } },
};
const execs: Record<string, { ContainerID: string }> = { 'e-mine': { ContainerID: 'web' }, 'e-theirs': { ContainerID: 'theirs' } };

const lookup = (path: string): unknown => {
  const [, kind, raw, tail] = /^\/(containers|networks|volumes|images|exec)\/(.+?)(\/json)?$/.exec(path) ?? [];
  const name = decodeURIComponent(raw ?? '');
  const byId = <T extends { Id?: string }>(m: Record<string, T>) => m[name] ?? Object.values(m).find((o) => o.Id === name) ?? null;
  if (kind === 'containers' && tail) return byId(containers);
  if (kind === 'networks') return byId(networks);
  if (kind === 'volumes') return volumes[name] ?? null;
  if (kind === 'images' && tail) return images[name] ?? Object.values(images).find((i) => i.Id === name) ?? null;
  if (kind === 'exec' && tail) return execs[name] ?? null;
  return null;
};
const api = { maybe: async (_m: string, path: string) => lookup(path), json: async (_m: string, path: string) => (path === '/containers/json' || path === '/images/json' ? [] : {}) } as unknown as EngineApi;

const ws = realpathSync(mkdtempSync(join(tmpdir(), 'ctr-rules-')));
mkdirSync(join(ws, 'site'));
symlinkSync('/etc', join(ws, 'etc-link'));
symlinkSync('/var/run', join(ws, 'run-link'));
symlinkSync('/nonexistent/ctr-learn-x', join(ws, 'dangling'));
const ctx = { api, state, lang: 'en' as const, bindRoot: ws };

const create = (hostConfig: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Image: 'busybox', Cmd: ['true'], HostConfig: hostConfig, ...extra });

type Want = { status: number; says?: RegExp } | { forward: true; url?: string | RegExp; body?: (b: Record<string, unknown>) => void };
const cases: [name: string, method: string, url: string, body: string | null, want: Want][] = [
  // canonical paths
  ['encoded slash into another container', 'POST', '/v1.41/containers/theirs%2Fpause', null, { status: 400, says: /encoded slash/ }],
  ['encoded slash, lower case', 'POST', '/containers/theirs%2fkill', null, { status: 400 }],
  ['double encoding', 'POST', '/containers/theirs%252Fpause', null, { status: 400 }],
  ['dot segments', 'POST', '/containers/web/../theirs/pause', null, { status: 400, says: /dot segment/ }],
  ['a single dot', 'POST', '/v1.41/containers/./theirs/stop', null, { status: 400 }],
  ['empty segment', 'POST', '//containers/theirs/kill', null, { status: 400, says: /empty segment/ }],
  ['; parameter', 'POST', '/containers/theirs;x=1/kill', null, { status: 400 }],
  ['an old API version that took HostConfig at start', 'POST', '/v1.23/containers/web/start', create({ Binds: ['/:/h'] }), { status: 400, says: /1\.24 or newer/ }],
  ['encoded slash on networks', 'POST', '/networks/outnet%2Fdisconnect', '{}', { status: 400 }],
  ['swarm through an encoded slash', 'POST', '/swarm%2Finit', '{}', { status: 400 }],
  ['prune through an encoded slash', 'POST', '/containers%2Fprune', null, { status: 400 }],
  // the table: default no
  ['swarm', 'POST', '/swarm/init', '{}', { status: 403, says: /not an Engine API call the sandbox passes/ }],
  ['plugins', 'POST', '/plugins/pull', null, { status: 403 }],
  ['session (BuildKit)', 'POST', '/session', null, { status: 403 }],
  ['grpc', 'POST', '/grpc', null, { status: 403 }],
  ['build cache prune', 'POST', '/build/prune', null, { status: 403 }],
  ['an unknown route', 'POST', '/foo', null, { status: 403 }],
  ['a known path with another method', 'PUT', '/containers/web/stop', null, { status: 403 }],
  ['docker login (the engine asks a registry; nothing on the engine changes)', 'POST', '/auth', '{"username":"u","password":"p","serveraddress":"127.0.0.1:5050"}', { forward: true }],
  // ownership
  ['pause another session’s container', 'POST', '/containers/theirs/pause', null, { status: 403, says: /belongs to another ctr-learn session/ }],
  ['pause the learner’s own container (made outside)', 'POST', '/containers/plain/pause', null, { status: 403, says: /not part of this sandbox \(it existed before the lesson, or it is yours\)/ }],
  ['stop the learner’s own container', 'POST', '/containers/plain/stop', null, { status: 403 }],
  ['an unknown container is never ours', 'POST', '/containers/ghost/kill', null, { status: 404, says: /no container "ghost" in this sandbox/ }],
  ['own container: forwarded by the ID that was checked', 'POST', '/v1.41/containers/web/stop?t=3', null, { forward: true, url: '/v1.41/containers/c-web-id/stop?t=3' }],
  ['logs of another container', 'GET', '/containers/theirs/logs?stdout=1', null, { status: 403 }],
  ['files of another container', 'GET', '/containers/theirs/archive?path=/etc', null, { status: 403 }],
  ['export another container', 'GET', '/containers/theirs/export', null, { status: 403 }],
  ['inspect another container', 'GET', '/containers/theirs/json', null, { status: 403 }],
  ['write into another container', 'PUT', '/containers/theirs/archive?path=/tmp', null, { status: 403 }],
  ['rename another container', 'POST', '/containers/theirs/rename?name=x', null, { status: 403 }],
  ['exec into another container', 'POST', '/containers/theirs/exec', '{"Cmd":["sh"]}', { status: 403 }],
  ['start an exec of another container', 'POST', '/exec/e-theirs/start', '{}', { status: 403 }],
  ['start an exec of an own container', 'POST', '/exec/e-mine/start', '{"Detach":false}', { forward: true }],
  ['privileged exec', 'POST', '/containers/web/exec', '{"Cmd":["sh"],"Privileged":true}', { status: 403, says: /--privileged/ }],
  ['attach/ws to another container (a GET that writes)', 'GET', '/containers/theirs/attach/ws?stdin=1&stream=1', null, { status: 403 }],
  ['remove the learner’s network', 'DELETE', '/networks/outnet', null, { status: 403 }],
  ['remove a built-in network', 'DELETE', '/networks/bridge', null, { status: 403 }],
  ['disconnect another container from a built-in network', 'POST', '/networks/bridge/disconnect', '{"Container":"theirs"}', { status: 403 }],
  ['connect an own container to an own network', 'POST', '/networks/appnet/connect', '{"Container":"web"}', { forward: true, url: '/networks/n-app/connect', body: (b) => expect(b.Container).toBe('c-web-id') }],
  ['connect, body key spelled in lower case', 'POST', '/networks/appnet/connect', '{"container":"theirs"}', { status: 403 }],
  ['remove an outside volume', 'DELETE', '/volumes/outvol', null, { status: 403 }],
  ['remove an own volume', 'DELETE', '/volumes/data', null, { forward: true }],
  // create options
  ['the engine socket', 'POST', '/containers/create', create({ Binds: ['/var/run/docker.sock:/var/run/docker.sock'] }), { status: 403, says: /outside the lesson workspace/ }],
  ['the root of the host', 'POST', '/containers/create', create({ Binds: ['/:/host'] }), { status: 403 }],
  ['a workspace path with ..', 'POST', '/containers/create', create({ Binds: [`${ws}/../../etc:/x`] }), { status: 403 }],
  ['a workspace symlink to /etc', 'POST', '/containers/create', create({ Binds: [`${ws}/etc-link:/x`] }), { status: 403 }],
  ['a workspace symlink to the socket folder', 'POST', '/containers/create', create({ Mounts: [{ Type: 'bind', Source: `${ws}/run-link/docker.sock`, Target: '/s' }] }), { status: 403 }],
  ['--mount bind of /etc', 'POST', '/containers/create', create({ Mounts: [{ Type: 'bind', Source: '/etc', Target: '/x' }] }), { status: 403 }],
  ['a workspace folder', 'POST', '/containers/create', create({ Binds: [`${ws}/site:/usr/share/nginx/html:ro`] }), { forward: true }],
  ['a workspace folder not made yet', 'POST', '/containers/create', create({ Binds: [`${ws}/new/dir:/d`] }), { forward: true }],
  ['an outside volume by -v', 'POST', '/containers/create', create({ Binds: ['outvol:/d'] }), { status: 403, says: /exists outside this sandbox/ }],
  ['an outside volume by --mount', 'POST', '/containers/create', create({ Mounts: [{ Type: 'volume', Source: 'outvol', Target: '/d' }] }), { status: 403 }],
  ['a volume that binds through driver options', 'POST', '/containers/create', create({ Mounts: [{ Type: 'volume', Source: 'x', Target: '/d', VolumeOptions: { DriverConfig: { Options: { type: 'none', o: 'bind', device: '/etc' } } } }] }), { status: 403 }],
  ['--volumes-from another container', 'POST', '/containers/create', create({ VolumesFrom: ['theirs'] }), { status: 403 }],
  ['--volumes-from an own container', 'POST', '/containers/create', create({ VolumesFrom: ['web:ro'] }), { forward: true, body: (b) => expect((b.HostConfig as { VolumesFrom: string[] }).VolumesFrom).toEqual(['c-web-id:ro']) }],
  ['--pid host', 'POST', '/containers/create', create({ PidMode: 'host' }), { status: 403, says: /--pid host/ }],
  ['--ipc host', 'POST', '/containers/create', create({ IpcMode: 'host' }), { status: 403 }],
  ['--uts host', 'POST', '/containers/create', create({ UTSMode: 'host' }), { status: 403 }],
  ['--userns host', 'POST', '/containers/create', create({ UsernsMode: 'host' }), { status: 403 }],
  ['--cgroupns host', 'POST', '/containers/create', create({ CgroupnsMode: 'host' }), { status: 403 }],
  ['--network container: of another', 'POST', '/containers/create', create({ NetworkMode: 'container:theirs' }), { status: 403 }],
  ['--pid container: of another', 'POST', '/containers/create', create({ PidMode: 'container:theirs' }), { status: 403 }],
  ['--network of an outside network', 'POST', '/containers/create', create({ NetworkMode: 'outnet' }), { status: 403 }],
  ['--network host (taught)', 'POST', '/containers/create', create({ NetworkMode: 'host' }), { forward: true }],
  ['--network none (taught)', 'POST', '/containers/create', create({ NetworkMode: 'none' }), { forward: true }],
  ['--network of an own network', 'POST', '/containers/create', create({ NetworkMode: 'appnet' }, { NetworkingConfig: { EndpointsConfig: { appnet: { Aliases: ['db'] } } } }), { forward: true }],
  ['an endpoint on an outside network', 'POST', '/containers/create', create({}, { NetworkingConfig: { EndpointsConfig: { outnet: {} } } }), { status: 403 }],
  ['--link to another container', 'POST', '/containers/create', create({ Links: ['theirs:db'] }), { status: 403 }],
  ['--privileged', 'POST', '/containers/create', create({ Privileged: true }), { status: 403, says: /--privileged/ }],
  ['--cap-add ALL', 'POST', '/containers/create', create({ CapAdd: ['ALL'] }), { status: 403, says: /--cap-add/ }],
  ['--cap-drop (harmless)', 'POST', '/containers/create', create({ CapDrop: ['NET_RAW'] }), { forward: true }],
  ['--device', 'POST', '/containers/create', create({ Devices: [{ PathOnHost: '/dev/sda', PathInContainer: '/dev/sda', CgroupPermissions: 'rwm' }] }), { status: 403 }],
  ['--security-opt seccomp=unconfined', 'POST', '/containers/create', create({ SecurityOpt: ['seccomp=unconfined'] }), { status: 403 }],
  ['--security-opt apparmor=unconfined', 'POST', '/containers/create', create({ SecurityOpt: ['apparmor=unconfined'] }), { status: 403 }],
  ['--security-opt no-new-privileges', 'POST', '/containers/create', create({ SecurityOpt: ['no-new-privileges'] }), { forward: true }],
  ['--sysctl', 'POST', '/containers/create', create({ Sysctls: { 'net.ipv4.ip_forward': '1' } }), { status: 403 }],
  ['--runtime', 'POST', '/containers/create', create({ Runtime: 'io.containerd.runsc.v1' }), { status: 403 }],
  ['systempaths=unconfined', 'POST', '/containers/create', create({ MaskedPaths: [] }), { status: 403 }],
  ['--log-driver syslog', 'POST', '/containers/create', create({ LogConfig: { Type: 'syslog', Config: {} } }), { status: 403 }],
  // bodies spelled the way Go reads them
  ['hostconfig in lower case', 'POST', '/containers/create', '{"Image":"busybox","hostconfig":{"Privileged":true}}', { status: 403, says: /--privileged/ }],
  ['capadd in lower case', 'POST', '/containers/create', '{"Image":"busybox","HostConfig":{"capadd":["SYS_ADMIN"]}}', { status: 403 }],
  ['Binds with a long s', 'POST', '/containers/create', '{"Image":"busybox","HostConfig":{"Bind\u017f":["outvol:/d"]}}', { status: 403 }],
  ['PrivilegeD', 'POST', '/containers/create', '{"Image":"busybox","HostConfig":{"PrivilegeD":true}}', { status: 403 }],
  ['a field named twice in two spellings', 'POST', '/containers/create', '{"Image":"busybox","HostConfig":{"Binds":[],"binds":["/:/h"]}}', { status: 400, says: /twice/ }],
  ['an unknown field', 'POST', '/containers/create', '{"Image":"busybox","HostConfig":{"Privileged2":true}}', { status: 400 }],
  ['a body that is not JSON', 'POST', '/containers/create', 'Binds=/:/h', { status: 400 }],
  ['a repeated HostConfig (JSON.parse keeps the last; the last is what is forwarded)', 'POST', '/containers/create', '{"Image":"busybox","HostConfig":{"Privileged":true},"HostConfig":{}}', { forward: true, body: (b) => expect(b.HostConfig).toEqual({ NetworkMode: '', PidMode: '', IpcMode: '' }) }],
  ['labels are the sandbox’s, whatever the body says', 'POST', '/containers/create', '{"Image":"busybox","Labels":{"ctr-learn.session":"sother"}}', { forward: true, body: (b) => expect((b.Labels as Record<string, string>)['ctr-learn.session']).toBe('sme') }],
  ['docker update --device-cgroup-rule', 'POST', '/containers/web/update', '{"DeviceCgroupRules":["a *:* rwm"]}', { status: 403 }],
  ['docker update of another container', 'POST', '/containers/theirs/update', '{"Memory":1}', { status: 403 }],
  // volumes and networks
  ['volume with a bind through options', 'POST', '/volumes/create', '{"Name":"v","DriverOpts":{"type":"none","o":"bind","device":"/etc"}}', { status: 403 }],
  ['volume with nfs options', 'POST', '/volumes/create', '{"Name":"v","Driver":"local","DriverOpts":{"type":"nfs"}}', { status: 403 }],
  ['volume driveropts in lower case', 'POST', '/volumes/create', '{"Name":"v","driveropts":{"o":"bind"}}', { status: 403 }],
  ['a plain volume', 'POST', '/volumes/create', '{"Name":"v","Driver":"local","DriverOpts":{}}', { forward: true }],
  ['a macvlan network', 'POST', '/networks/create', '{"Name":"n","Driver":"macvlan","Options":{"parent":"eth0"}}', { status: 403 }],
  ['a bridge on the host’s docker0', 'POST', '/networks/create', '{"Name":"n","Options":{"com.docker.network.bridge.name":"docker0"}}', { status: 403 }],
  ['a plain network with a subnet', 'POST', '/networks/create', '{"Name":"n","Driver":"bridge","IPAM":{"Driver":"default","Config":[{"Subnet":"10.99.0.0/24"}]}}', { forward: true }],
  // images
  ['tag onto an outside tag', 'POST', '/images/busybox/tag?repo=theirs&tag=1', null, { status: 403, says: /already exists outside/ }],
  ['tag onto an outside tag, library/ spelling', 'POST', '/images/busybox/tag?repo=library/theirs&tag=1', null, { status: 403 }],
  ['tag onto an outside tag, docker.io spelling', 'POST', '/images/busybox/tag?repo=docker.io/library/theirs&tag=1', null, { status: 403 }],
  ['tag onto a new name', 'POST', '/images/busybox/tag?repo=mine&tag=1', null, { forward: true }],
  ['pull onto an outside tag', 'POST', '/images/create?fromImage=theirs&tag=1', null, { status: 403 }],
  ['pull every tag', 'POST', '/images/create?fromImage=127.0.0.1:5050/x', null, { status: 403 }],
  ['import onto an outside tag', 'POST', '/images/create?fromSrc=-&repo=theirs&tag=1', null, { status: 403 }],
  ['import from a URL', 'POST', '/images/create?fromSrc=http://127.0.0.1:2375/&repo=x', null, { status: 403 }],
  ['rmi an outside tag', 'DELETE', '/images/theirs:1', null, { status: 403 }],
  ['rmi an outside tag, docker.io spelling', 'DELETE', '/images/docker.io/library/theirs:1', null, { status: 403 }],
  ['rmi a pre-existing image by ID', 'DELETE', '/images/sha256:base', null, { status: 403 }],
  ['push an image that is not the sandbox’s', 'POST', '/images/theirs/push?tag=1', null, { status: 403 }],
  ['build onto an outside tag', 'POST', '/build?t=theirs:1', null, { status: 403 }],
  ['build with the host network', 'POST', '/build?t=mine:2&networkmode=host', null, { status: 403 }],
  ['build from a URL', 'POST', '/build?remote=http://127.0.0.1:2375/x.tar', null, { status: 403 }],
  ['build with BuildKit', 'POST', '/build?t=mine:2&version=2', null, { status: 403 }],
  ['build: labelled', 'POST', '/build?t=mine:2', null, { forward: true, url: /labels=.*ctr-learn\.session/ }],
  ['commit another container', 'POST', '/commit?container=theirs&repo=x', '{}', { status: 403 }],
  // lists and prunes are the sandbox's only
  ['ps lists the sandbox only', 'GET', '/containers/json?all=1', null, { forward: true, url: /filters=.*ctr-learn\.session%3Dsme/ }],
  ['container prune', 'POST', '/containers/prune', null, { forward: true, url: /ctr-learn\.session%3Dsme/ }],
  ['image prune -a of the sandbox’s own images', 'POST', '/images/prune?filters=%7B%22dangling%22%3A%5B%22false%22%5D%7D', null, { forward: true, url: /ctr-learn\.session%3Dsme/ }],
  ['pull by digest (a digest cannot be moved)', 'POST', '/images/create?fromImage=127.0.0.1:5050/x&tag=sha256:abc', null, { forward: true }],
  ['image prune of dangling images', 'POST', '/images/prune', null, { forward: true, url: /ctr-learn\.session%3Dsme/ }],
  ['rmi by ID of an image the sandbox did not build', 'DELETE', '/images/sha256:theirs', null, { status: 403 }],
  ['restart policy with a bind mount (taught: a script mounted into a crashing service)', 'POST', '/containers/create', create({ Binds: [`${ws}/site:/s:ro`], RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } }), { forward: true }],
  ['a writable bind holding the folder of another bind’s source', 'POST', '/containers/create', create({ Binds: [`${ws}:/w`, `${ws}/site/index.html:/s:ro`] }), { status: 403, says: /could swap the source/ }],
  ['a read-only bind of the workspace beside a file from it', 'POST', '/containers/create', create({ Binds: [`${ws}:/w:ro`, `${ws}/site/index.html:/s:ro`] }), { forward: true }],
  ['a dangling link in the workspace is judged as the host’s root', 'POST', '/containers/create', create({ Binds: [`${ws}/dangling:/d`] }), { status: 403, says: /outside the lesson workspace/ }],
  ['restart policy with a named volume', 'POST', '/containers/create', create({ Binds: ['data:/d'], RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } }), { forward: true }],
  ['prune with broken filters', 'POST', '/volumes/prune?filters=%7Bx', null, { status: 400 }],
  ['events are the sandbox’s', 'GET', '/events', null, { forward: true, url: /ctr-learn\.session%3Dsme/ }],
  // reads of anyone's metadata
  ['version', 'GET', '/v1.41/version', null, { forward: true }],
  ['image inspect of a name with a registry', 'GET', '/images/127.0.0.1:5050/greeter:1.0/json', null, { forward: true, url: '/images/127.0.0.1:5050/greeter:1.0/json' }],
  ['network list', 'GET', '/networks', null, { forward: true }],
];

describe('the sandbox rules, as a table', () => {
  it.each(cases)('%s', async (_name, method, url, body, want) => {
    const d: Decision = await decide({ method, url, body: body === null ? null : Buffer.from(body) }, ctx);
    if ('status' in want) {
      expect(d.kind, JSON.stringify(d)).toBe('refuse');
      if (d.kind !== 'refuse') return;
      expect(d.status).toBe(want.status);
      if (want.says) expect(d.message).toMatch(want.says);
      return;
    }
    expect(d.kind, JSON.stringify(d)).toBe('forward');
    if (d.kind !== 'forward') return;
    if (typeof want.url === 'string') expect(d.url).toBe(want.url);
    else if (want.url) expect(d.url).toMatch(want.url);
    if (want.body) want.body(JSON.parse((d.body as Buffer).toString('utf8')) as Record<string, unknown>);
  });

  it('refuses in Korean for a Korean learner', async () => {
    const d = await decide({ method: 'POST', url: '/containers/create', body: Buffer.from(create({ Privileged: true })) }, { ...ctx, lang: 'ko' });
    expect(d.kind === 'refuse' && d.message).toMatch(/샌드박스에서는 --privileged/);
  });

  it('an upgrade is allowed only on the stream routes', async () => {
    const d = await decide({ method: 'POST', url: '/containers/create', body: Buffer.from('{}'), upgrade: true }, ctx);
    expect(d).toMatchObject({ kind: 'refuse', status: 400 });
    const ok = await decide({ method: 'POST', url: '/containers/web/attach?stream=1&stdin=1', body: null, upgrade: true }, ctx);
    expect(ok).toMatchObject({ kind: 'forward', url: '/containers/c-web-id/attach?stream=1&stdin=1' });
  });

  it('every route of the table names a class and a rule', () => {
    for (const r of ROUTES) expect(['read-any', 'read-own', 'create', 'write-own', 'upgrade']).toContain(r.cls);
    const writes = ROUTES.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(writes.every((r) => r.cls !== 'read-any')).toBe(true);
  });

  it('folds keys the way Go does: ASCII case, long s, Kelvin sign', () => {
    expect(fold('Bind\u017f')).toBe('binds');
    expect(fold('\u212aernelMemory')).toBe('kernelmemory');
    expect(fold('Prİvileged')).not.toBe('privileged');
  });

  it('canonical paths: one decoding, a plain path out', () => {
    expect(() => canonicalize('/v1.41/images/a%2Fb/json')).toThrow(/encoded slash/);
    expect(canonicalize('/v1.41/containers/web/').segments).toEqual(['containers', 'web']);
    expect(canonicalize('/containers/w%65b/stop').segments).toEqual(['containers', 'web', 'stop']);
  });
});
