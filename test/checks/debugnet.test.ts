import { beforeAll, describe } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import { engineForTests, uniq } from '../helpers/engine';
import { freePort, gradeCases, useLab } from './helpers';

const api = await engineForTests();
const [localPort, everyPort] = api ? await Promise.all([freePort(), freePort()]) : [0, 0];

/**
 * The checks the debugging and port lessons added: a container's last lifecycle events, a port
 * bound to one host address, ports from -P, HTTP to a published port the lesson cannot know, and
 * a workspace file with a line that must be gone.
 */
describe.runIf(api)('debug and port checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-debugnet'));
  const n = {
    thawed: uniq('thawed'),
    restarted: uniq('restarted'),
    stillPaused: uniq('still-paused'),
    attachedJob: uniq('attached-job'),
    plainJob: uniq('plain-job'),
    local: uniq('local'),
    every: uniq('every'),
    all: uniq('publish-all'),
    exposed: uniq('exposed'),
    quiet: uniq('quiet'),
  };
  const loop = `sh -c 'while true; do sleep 1; done'`;

  beforeAll(async () => {
    writeFileSync(join(lab.ws, 'fixed.conf'), 'A:127.0.0.1\n');
    writeFileSync(join(lab.ws, 'broken.conf'), '# comment\nA:127.0.0.1\nD:*\n');
    await Promise.all([
      lab.ok(`docker run -d --init --name ${n.thawed} busybox ${loop}`).then(async () => {
        await lab.ok(`docker pause ${n.thawed}`);
        await lab.ok(`docker unpause ${n.thawed}`);
      }),
      lab.ok(`docker run -d --init --name ${n.restarted} busybox ${loop}`).then(async () => {
        await lab.ok(`docker pause ${n.restarted}`);
        await lab.ok(`docker restart -t 1 ${n.restarted}`);
      }),
      lab.ok(`docker run -d --init --name ${n.stillPaused} busybox ${loop}`).then(() => lab.ok(`docker pause ${n.stillPaused}`)),
      lab.ok(`docker run --name ${n.attachedJob} busybox echo once`).then(() => lab.ok(`docker start -a ${n.attachedJob}`)),
      lab.ok(`docker run --name ${n.plainJob} busybox echo once`).then(() => lab.ok(`docker start ${n.plainJob}`)),
      lab.ok(`docker run -d --name ${n.local} -p 127.0.0.1:${localPort}:80 ctr-learn/web:1`),
      lab.ok(`docker run -d --name ${n.every} -p ${everyPort}:80 ctr-learn/web:1`),
      lab.ok(`docker run -d --name ${n.all} -P ctr-learn/web:1`),
      lab.ok(`docker run -d --name ${n.exposed} --expose 8080 -P ctr-learn/web:1 httpd -f -p 8080 -h /www`),
      lab.ok(`docker run -d --name ${n.quiet} ctr-learn/web:1`),
    ]);
    await lab.waitFor(n.plainJob, (c) => c.State.Status === 'exited', 'exited');
  }, 60_000);

  gradeCases(lab, [
    // lastEvents
    { name: 'paused then unpaused ends with pause, unpause', check: { kind: 'container', container: n.thawed, state: 'running', lastEvents: ['pause', 'unpause'] }, pass: true, actual: /last events: .*pause, unpause$/ },
    { name: 'a restart after the pause is a new run', check: { kind: 'container', container: n.restarted, state: 'running', lastEvents: ['pause', 'unpause'] }, pass: false, actual: /last events: .*start, restart$/ },
    { name: 'still paused: no unpause yet', check: { kind: 'container', container: n.stillPaused, state: 'running', lastEvents: ['pause', 'unpause'] }, pass: false, actual: /paused, its last events: create, start, pause$/ },
    { name: 'start -a attaches before the start', check: { kind: 'container', container: n.attachedJob, state: 'exited', lastEvents: ['attach', 'start', 'die'] }, pass: true, actual: /die, attach, start, die$/ },
    { name: 'a plain start has no attach', check: { kind: 'container', container: n.plainJob, state: 'exited', lastEvents: ['attach', 'start', 'die'] }, pass: false, actual: /attach, start, die, start, die$/ },
    // port hostIp and -P
    { name: 'bound to 127.0.0.1', check: { kind: 'port', container: n.local, containerPort: '80', hostPort: localPort, hostIp: '127.0.0.1' }, pass: true, actual: new RegExp(`${localPort} → container port 80/tcp on address 127.0.0.1`) },
    { name: 'bound to every address is not 127.0.0.1', check: { kind: 'port', container: n.every, containerPort: '80', hostPort: everyPort, hostIp: '127.0.0.1' }, pass: false, actual: /on address every address/ },
    { name: '-P: published on some host port', check: { kind: 'port', container: n.all, containerPort: '80' }, pass: true, actual: /host port \d+ → container port 80\/tcp/ },
    { name: '-P publishes the image port and --expose', check: { kind: 'port', container: n.exposed, containerPort: '8080' }, pass: true, actual: /8080\/tcp/ },
    { name: 'no -p, no -P: nothing published', check: { kind: 'port', container: n.quiet, containerPort: '80' }, pass: false, actual: /no ports published/ },
    // published-http
    { name: 'HTTP to the port -P picked', check: { kind: 'published-http', container: n.all, containerPort: '80', bodyIncludes: 'Hello from ctr-learn' }, pass: true, actual: /^200/ },
    { name: 'HTTP to --expose 8080 -P', check: { kind: 'published-http', container: n.exposed, containerPort: '8080/tcp', bodyIncludes: 'Hello from ctr-learn' }, pass: true, actual: /^200/ },
    { name: 'the image port is published, but nobody listens on 80 there', check: { kind: 'published-http', container: n.exposed, containerPort: '80', retryForMs: 0 }, pass: false, actual: /request failed|nothing listens|no answer/ },
    { name: 'not published: no port to call', check: { kind: 'published-http', container: n.quiet, containerPort: '80' }, pass: false, actual: /published on no host port/ },
    { name: 'a stopped container has no port', check: { kind: 'published-http', container: n.plainJob, containerPort: '80' }, pass: false, actual: /exited/ },
    // workspace-file with notMatching
    { name: 'no deny line left', check: { kind: 'workspace-file', path: 'fixed.conf', includes: 'A:127.0.0.1', notMatching: '^D:' }, pass: true, actual: /fixed.conf in your workspace line 1: "A:127.0.0.1"/ },
    { name: 'the deny line is still there', check: { kind: 'workspace-file', path: 'broken.conf', notMatching: '^D:' }, pass: false, actual: /line 3 still matches \/\^D:\/: "D:\*"/ },
    { name: 'a missing workspace file', check: { kind: 'workspace-file', path: 'nope.conf' }, pass: false, actual: /nope.conf in your workspace does not exist/ },
    { name: 'a file that must not exist', check: { kind: 'workspace-file', path: 'nope.conf', exists: false }, pass: true, actual: /does not exist/ },
  ]);
});
