import { tarOf } from '../../helpers/tar';
import { wire } from '../../helpers/raw-engine';
import { API, type Attempt } from './attempt';

/** A non-canonical path gets a 400 that says why; a canonical one that targets outside gets a 403. */
const PATH = /encod|canonical|malformed|path|not part|outside|unknown|not allowed|route|version|not an Engine API call/i;
const post = (path: string, body?: unknown, headers?: Record<string, string>) => ({ method: 'POST', path, body, headers });
const pwn = ['sh', '-c', 'echo pwned > /outside.txt'];
const outsideLabel = (label: string) => encodeURIComponent(JSON.stringify({ label: [label] }));

export const pathAttempts: Attempt[] = [
  { id: '<outside>%2Fpause', cls: 'paths', says: PATH, cli: ({ o }) => ['pause', o.running], api: ({ o }) => post(`${API}/containers/${o.running}%2Fpause`) },
  { id: '<outside>%2fkill (lower-case hex)', cls: 'paths', says: PATH, cli: ({ o }) => ['kill', o.running], api: ({ o }) => post(`${API}/containers/${o.running}%2fkill`) },
  { id: '<outside>%252Fpause (double encoding)', cls: 'paths', says: PATH, api: ({ o }) => post(`${API}/containers/${o.running}%252Fpause`) },
  { id: '/containers/<outside>/../<outside>/pause', cls: 'paths', says: PATH, api: ({ o }) => post(`${API}/containers/${o.running}/../${o.running}/pause`) },
  { id: '/v1.41/containers/./<outside>/stop', cls: 'paths', says: PATH, cli: ({ o }) => ['stop', '-t', '0', o.running], api: ({ o }) => post(`${API}/containers/./${o.running}/stop?t=0`) },
  { id: '//containers/<outside>/kill', cls: 'paths', says: PATH, api: ({ o }) => post(`//containers/${o.running}/kill`) },
  { id: 'absolute-form target http:/containers/<outside>/pause', cls: 'paths', says: PATH,
    api: ({ o }) => ({ bytes: [wire('POST', `http:/containers/${o.running}/pause`)], allowed: 0 }) },
  { id: 'kill by short id', cls: 'paths', says: PATH, cli: ({ o }) => ['kill', o.runningId.slice(0, 12)], api: ({ o }) => post(`${API}/containers/${o.runningId.slice(0, 12)}/kill`) },
  { id: 'rename via %2F', cls: 'paths', says: PATH,
    cli: ({ o }) => ['rename', o.running, `${o.prefix}-renamed`], api: ({ o }) => post(`${API}/containers/${o.running}%2Frename?name=${o.prefix}-renamed`) },
  { id: 'exec create via %2F', cls: 'paths', says: PATH,
    cli: ({ o }) => ['exec', o.running, ...pwn], api: ({ o }) => post(`${API}/containers/${o.running}%2Fexec`, { Cmd: pwn }) },
  { id: 'exec start of an exec made on the outside container', cls: 'paths', says: /exec|not part|outside|unknown/i,
    api: async ({ o, lab }) => {
      const e = await lab.engine.json<{ Id: string }>('POST', `/containers/${o.runningId}/exec`, { body: { Cmd: pwn } });
      return post(`${API}/exec/${e.Id}/start`, { Detach: true, Tty: false });
    } },
  { id: 'archive PUT (write a file) via %2F', cls: 'paths', says: PATH,
    cli: ({ ws, o }) => ['cp', `${ws}/Dockerfile`, `${o.running}:/outside.txt`],
    api: async ({ o }) => ({ method: 'PUT', path: `${API}/containers/${o.running}%2Farchive?path=/`, body: await tarOf({ 'outside.txt': 'pwned\n' }), headers: { 'Content-Type': 'application/x-tar' } }) },
  { id: 'network disconnect via %2F', cls: 'paths', says: PATH, api: ({ o }) => post(`${API}/networks/${o.network}%2Fdisconnect`, { Container: o.running, Force: true }) },
  { id: '/swarm%2Finit (with an inert body)', cls: 'paths', says: PATH, api: () => post(`${API}/swarm%2Finit`, '{"ListenAddr":12}', { 'Content-Type': 'application/json' }) },
  { id: '/plugins%2Fpull', cls: 'paths', says: PATH, api: () => post(`${API}/plugins%2Fpull?remote=127.0.0.1:1/ctrl-atk/none`, []) },
  { id: '/containers%2Fprune aimed at the outside stopped container', cls: 'paths', says: PATH,
    api: ({ o }) => post(`${API}/containers%2Fprune?filters=${outsideLabel(o.label)}`) },
  // A legit route: the sandbox may serve it, but the form body (which Go would read before the query's filters) must not reach the engine.
  { id: 'prune filters in a form body (Go reads them before the query)', cls: 'paths', says: /prune|body|form|filter|content/i, expect: 'untouched',
    api: ({ o }) => post(`${API}/containers/prune`, `filters=${outsideLabel(o.label)}`, { 'Content-Type': 'application/x-www-form-urlencoded' }) },
  { id: 'container prune with filters aimed at outside', cls: 'paths', says: PATH, expect: 'untouched',
    cli: ({ o }) => ['container', 'prune', '-f', '--filter', `label=${o.label}`], api: ({ o }) => post(`${API}/containers/prune?filters=${outsideLabel(o.label)}`) },
  { id: 'volume prune with filters aimed at outside', cls: 'paths', says: PATH, expect: 'untouched',
    cli: ({ o }) => ['volume', 'prune', '-f', '--filter', `label=${o.label}`], api: ({ o }) => post(`${API}/volumes/prune?filters=${outsideLabel(o.label)}`) },
  { id: 'rm -f of the outside stopped container (force=1)', cls: 'paths', says: PATH,
    cli: ({ o }) => ['rm', '-f', o.stopped], api: ({ o }) => ({ method: 'DELETE', path: `${API}/containers/${o.stopped}?force=1&v=1` }) },
  { id: 'start the outside stopped container', cls: 'paths', says: PATH, cli: ({ o }) => ['start', o.stopped], api: ({ o }) => post(`${API}/containers/${o.stopped}/start`) },
  { id: 'volume rm -f of an outside volume', cls: 'paths', says: PATH,
    cli: ({ o }) => ['volume', 'rm', '-f', o.spareVolume], api: ({ o }) => ({ method: 'DELETE', path: `${API}/volumes/${o.spareVolume}?force=1` }) },
  { id: 'POST /session (BuildKit session upgrade)', cls: 'paths', says: PATH,
    api: () => ({ bytes: [wire('POST', `${API}/session`, { Connection: 'Upgrade', Upgrade: 'h2c', 'X-Docker-Expose-Session-Uuid': 'ctrl-atk' })], allowed: 0 }) },
  { id: 'POST /grpc (h2c upgrade)', cls: 'paths', says: PATH, api: () => ({ bytes: [wire('POST', `${API}/grpc`, { Connection: 'Upgrade', Upgrade: 'h2c' })], allowed: 0 }) },
  { id: 'unknown route POST /foo', cls: 'paths', says: PATH, api: () => post('/foo') },
  { id: 'unknown version /v9.99/', cls: 'paths', says: PATH, api: ({ o }) => post(`/v9.99/containers/${o.running}/pause`) },
  { id: 'old version /v1.12/ pause', cls: 'paths', says: PATH, api: ({ o }) => post(`/v1.12/containers/${o.running}/pause`) },
  // API < 1.24 still takes a HostConfig in the body of start: binds decided after the create was judged.
  { id: 'old version /v1.23/ start of a sandbox container with a HostConfig body', cls: 'paths', says: PATH,
    api: ({ own }) => post(`/v1.23/containers/${own}/start`, { Binds: ['/etc:/x'], Privileged: true }) },
];
