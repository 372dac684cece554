import { ATTEMPT_LABEL } from '../../helpers/attack-lab';
import { wire } from '../../helpers/raw-engine';
import { API, type Attempt, type Expectation } from './attempt';

/**
 * Reads of objects outside the sandbox. The rule (issue 9): metadata of anything may be read; the
 * contents of another container (files, logs, streams) may not. Images are shared base material:
 * saving a pre-existing image is a read of something every learner can run anyway. Each decision
 * is one named entry here, so flipping a rule is a one-word change.
 */
export const READ_RULES: Record<string, Expectation> = {
  volumeMetadata: 'allowed',
  imageSave: 'allowed',
  containerLogs: 'refused',
  containerFiles: 'refused',
  containerExport: 'refused',
  commitOutside: 'refused',
  /** Inspect shows Env and Cmd, where secrets live: a read of the container, not shared metadata. */
  containerInspect: 'refused',
};

const LEAK = /not part|outside|read|logs|archive|export|attach|files|commit|encod|path/i;
const get = (path: string) => ({ method: 'GET', path });
const wsHeaders = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'Y3RybC1hdGstd3Mta2V5IQ==', Origin: 'http://localhost' };

export const readAttempts: Attempt[] = [
  { id: 'GET attach/ws?stdin=1&stream=1 (a GET that writes)', cls: 'reads that write or leak', says: LEAK,
    api: ({ o }) => ({ bytes: [wire('GET', `${API}/containers/${o.running}/attach/ws?stdin=1&stdout=1&stream=1`, wsHeaders), 'echo pwned > /outside.txt\n'], allowed: 0 }) },
  { id: 'POST attach with Upgrade: tcp', cls: 'reads that write or leak', says: LEAK,
    cli: ({ o }) => ['attach', '--no-stdin', o.running], cliRefusal: /received 403|ctr-learn sandbox/,
    api: ({ o }) => ({ bytes: [wire('POST', `${API}/containers/${o.running}/attach?stream=1&stdin=1&stdout=1`, { Connection: 'Upgrade', Upgrade: 'tcp' })], allowed: 0 }) },
  { id: 'exec into the outside container (plain)', cls: 'reads that write or leak', says: LEAK,
    cli: ({ o }) => ['exec', o.running, 'cat', '/outside.txt'], api: ({ o }) => ({ method: 'POST', path: `${API}/containers/${o.running}/exec`, body: { Cmd: ['cat', '/outside.txt'], AttachStdout: true } }) },
  { id: 'GET archive?path=/etc', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.containerFiles,
    cli: ({ o }) => ['cp', `${o.running}:/outside.txt`, '-'], api: ({ o }) => get(`${API}/containers/${o.running}/archive?path=/etc`) },
  { id: 'GET archive via %2F', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.containerFiles,
    api: ({ o }) => get(`${API}/containers/${o.running}%2Farchive?path=/outside.txt`) },
  { id: 'GET export', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.containerExport,
    cli: ({ o, ws }) => ['export', '-o', `${ws}/stolen.tar`, o.running], api: ({ o }) => get(`${API}/containers/${o.running}/export`) },
  { id: 'GET logs', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.containerLogs,
    cli: ({ o }) => ['logs', o.running], api: ({ o }) => get(`${API}/containers/${o.running}/logs?stdout=1&stderr=1`) },
  { id: 'commit the outside container into a sandbox image', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.commitOutside,
    cli: ({ o }) => ['commit', o.running, `${o.prefix}-stolen:1`], api: ({ o }) => ({ method: 'POST', path: `${API}/commit?container=${o.running}&repo=${o.prefix}-stolen&tag=2`, body: {} }) },
  { id: 'GET changes (the outside container\'s file list)', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.containerFiles,
    cli: ({ o }) => ['diff', o.running], api: ({ o }) => get(`${API}/containers/${o.running}/changes`) },
  { id: 'inspect the outside container (Env, Cmd)', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.containerInspect,
    cli: ({ o }) => ['container', 'inspect', o.running], api: ({ o }) => get(`${API}/containers/${o.running}/json`) },
  { id: 'GET volume metadata', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.volumeMetadata,
    cli: ({ o }) => ['volume', 'inspect', o.volume], api: ({ o }) => get(`${API}/volumes/${o.volume}`) },
  { id: 'save a pre-existing image (GET /images/<tag>/get)', cls: 'reads that write or leak', says: LEAK, expect: READ_RULES.imageSave,
    cli: ({ o, ws }) => ['save', '-o', `${ws}/saved.tar`, o.tag], api: ({ o }) => get(`${API}/images/${o.tag}/get`) },
];

/** After a request the sandbox allowed, the same connection must not carry an unchecked one. */
export const connectionAttempts: Attempt[] = [
  { id: 'Upgrade header on GET /_ping, then pause outside on the same connection', cls: 'connection tricks', says: LEAK,
    api: ({ o }) => ({ bytes: [wire('GET', '/_ping', { Connection: 'Upgrade', Upgrade: 'tcp' }), wire('POST', `${API}/containers/${o.running}/pause`)], allowed: 1 }) },
  { id: 'upgraded exec start (detached) on a sandbox container, then pause outside', cls: 'connection tricks', says: LEAK,
    api: async ({ o, own, lab }) => {
      const e = await lab.engine.json<{ Id: string }>('POST', `/containers/${own}/exec`, { body: { Cmd: ['true'] } });
      const start = wire('POST', `${API}/exec/${e.Id}/start`, { 'Content-Type': 'application/json', Connection: 'Upgrade', Upgrade: 'tcp' }, '{"Detach":true,"Tty":false}');
      return { bytes: [start, wire('POST', `${API}/containers/${o.running}/pause`)], allowed: 1 };
    } },
  { id: 'docker exec -i into a sandbox container, then a request on the hijacked stream', cls: 'connection tricks', says: LEAK,
    api: async ({ o, own, lab }) => {
      const e = await lab.engine.json<{ Id: string }>('POST', `/containers/${own}/exec`, { body: { Cmd: ['cat'], AttachStdin: true, AttachStdout: true } });
      const start = wire('POST', `${API}/exec/${e.Id}/start`, { 'Content-Type': 'application/json', Connection: 'Upgrade', Upgrade: 'tcp' }, '{"Detach":false,"Tty":false}');
      return { bytes: [start, wire('POST', `${API}/containers/${o.running}/pause`)], allowed: 1 };
    } },
  { id: 'pipelined: GET /_ping then pause outside in one write', cls: 'connection tricks', says: LEAK,
    api: ({ o }) => ({ bytes: [wire('GET', '/_ping') + wire('POST', `${API}/containers/${o.running}/pause`)], allowed: 1 }) },
  { id: 'pipelined: a create then kill outside in one write', cls: 'connection tricks', says: LEAK,
    api: ({ o }) => ({ bytes: [wire('POST', `${API}/containers/create`, { 'Content-Type': 'application/json' }, `{"Image":"busybox:latest","Cmd":["true"],"Labels":{"${ATTEMPT_LABEL}":"${o.prefix}"}}`) + wire('POST', `${API}/containers/${o.running}/kill`)], allowed: 1 }) },
  { id: 'short Content-Length smuggles a second request (pause outside)', cls: 'connection tricks', says: LEAK,
    api: ({ o }) => ({ bytes: [wire('POST', `${API}/containers/create`, { 'Content-Type': 'application/json', 'Content-Length': '2' }, `{}${wire('POST', `${API}/containers/${o.running}/pause`)}`)], allowed: 1 }) },
];
