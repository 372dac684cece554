import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import { engineForTests, uniq } from '../helpers/engine';
import { freePort, gradeCases, useLab } from './helpers';

const api = await engineForTests();
// Host ports the OS says are free right now (parallel files and other software pick their own).
const [webPort, pagePort, hostNetPort, quietPort] = api ? await Promise.all([freePort(), freePort(), freePort(), freePort()]) : [0, 0, 0, 0];

/** Publishing (port, http) and networks (network, attached, reach). */
describe.runIf(api)('network checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-net'));
  const n = {
    web: uniq('web'),
    page: uniq('page'),
    hostNet: uniq('hostnet'),
    none: uniq('none'),
    net: uniq('appnet'),
    netWeb: uniq('netweb'),
    netClient: uniq('client'),
    twoNets: uniq('twonets'),
    bridgeWeb: uniq('bridgeweb'),
    bridgeClient: uniq('loner'),
    exitedClient: uniq('done'),
    idleWeb: uniq('idle'),
    outsideNet: uniq('outside-net'),
  };
  const page = '<h1>my own page</h1>\n';

  beforeAll(async () => {
    mkdirSync(join(lab.ws, 'site'));
    writeFileSync(join(lab.ws, 'site', 'index.html'), page);
    writeFileSync(join(lab.ws, 'other.html'), '<h1>not what is served</h1>\n');
    const onNet = lab.ok(`docker network create ${n.net}`).then(() =>
      lab.all(
        `docker run -d --name ${n.netWeb} --network ${n.net} ctr-learn/web:1`,
        `docker run -d --name ${n.netClient} --network ${n.net} busybox sleep 300`,
        `docker run -d --name ${n.twoNets} --network ${n.net} busybox sleep 300`,
        `docker run --name ${n.exitedClient} --network ${n.net} busybox true`,
        `docker create --name ${n.idleWeb} --network ${n.net} ctr-learn/web:1`,
      ),
    );
    await Promise.all([
      onNet.then(() => lab.ok(`docker network connect bridge ${n.twoNets}`)),
      lab.ok(`docker run -d --name ${n.web} -p ${webPort}:80 ctr-learn/web:1`),
      lab.ok(`docker run -d --name ${n.page} -p ${pagePort}:80 -v $PWD/site:/www:ro ctr-learn/web:1`),
      lab.ok(`docker create --name ${n.hostNet} --network host -p ${hostNetPort}:80 busybox true`),
      lab.ok(`docker create --name ${n.none} --network none busybox true`),
      lab.ok(`docker run -d --name ${n.bridgeWeb} ctr-learn/web:1`),
      lab.ok(`docker run -d --name ${n.bridgeClient} busybox sleep 300`),
    ]);
    // The learner's own network, made outside the sandbox.
    await lab.api.json('POST', '/networks/create', { body: { Name: n.outsideNet, Labels: { 'ctr-learn.test': '1' } } });
    lab.cleanup(() => lab.api.request('DELETE', `/networks/${n.outsideNet}`));
  });

  describe('port', () => {
    gradeCases(lab, [
      { name: 'published on the host port asked for', check: { kind: 'port', container: n.web, containerPort: '80', hostPort: webPort }, pass: true, actual: new RegExp(`^host port ${webPort} → container port 80/tcp$`) },
      { name: 'any host port, /tcp written out', check: { kind: 'port', container: n.web, containerPort: '80/tcp' }, pass: true, actual: new RegExp(`host port ${webPort} →`) },
      { name: 'another host port', check: { kind: 'port', container: n.web, containerPort: '80', hostPort: webPort === 65535 ? 65534 : webPort + 1 }, pass: false, actual: new RegExp(`^host port ${webPort} → container port 80/tcp$`) },
      { name: 'another container port', check: { kind: 'port', container: n.web, containerPort: '8080' }, pass: false, actual: new RegExp(`host port ${webPort} → container port 80/tcp`), expected: /container port 8080\/tcp published/ },
      { name: 'udp is not tcp', check: { kind: 'port', container: n.web, containerPort: '80/udp' }, pass: false, actual: /container port 80\/tcp/ },
      { name: 'nothing published', check: { kind: 'port', container: n.netClient, containerPort: '80' }, pass: false, actual: /^no ports published$/ },
      { name: '-p with --network host is ignored', check: { kind: 'port', container: n.hostNet, containerPort: '80', hostPort: hostNetPort }, pass: false, actual: new RegExp(`host port ${hostNetPort} → container port 80/tcp \\(network host: published ports are ignored\\)`) },
    ]);
  });

  describe('http', () => {
    gradeCases(lab, [
      { name: 'the seed page', check: { kind: 'http', port: webPort, bodyIncludes: 'Hello from ctr-learn', retryForMs: 5000 }, pass: true, actual: /^200: "<!doctype html>/i },
      { name: 'text that is not on the page', check: { kind: 'http', port: webPort, bodyIncludes: 'Goodbye' }, pass: false, actual: /^200, the page has no "Goodbye"; the page starts: "<!doctype html>/i, expected: new RegExp(`127\\.0\\.0\\.1:${webPort}/ → 200 with "Goodbye"`) },
      { name: 'the starter text is gone', check: { kind: 'http', port: pagePort, bodyExcludes: 'Hello from ctr-learn', retryForMs: 5000 }, pass: true, actual: /^200: "<h1>my own page/, expected: /without "Hello from ctr-learn"/ },
      { name: 'the starter text is still there', check: { kind: 'http', port: webPort, bodyExcludes: 'Hello from ctr-learn' }, pass: false, actual: /^200, the page still contains "Hello from ctr-learn" on line \d+: ".*Hello from ctr-learn.*"$/ },
      { name: 'a path that is not there', check: { kind: 'http', port: webPort, path: '/missing.html' }, pass: false, actual: /^404: / },
      { name: 'a 404 that is asked for', check: { kind: 'http', port: webPort, path: '/missing.html', status: 404 }, pass: true, actual: /^404: / },
      { name: 'the bind-mounted workspace page', check: { kind: 'http', port: pagePort, bodyEqualsFile: 'site/index.html', retryForMs: 5000 }, pass: true, actual: /^200: "<h1>my own page<\/h1>"$/ },
      { name: 'a different workspace file', check: { kind: 'http', port: pagePort, bodyEqualsFile: 'other.html' }, pass: false, actual: /^200, the page differs from your other\.html at line 1: "<h1>my own page<\/h1>", your file: "/, expected: /serving your other\.html/ },
      { name: 'a workspace file that is missing', check: { kind: 'http', port: pagePort, bodyEqualsFile: 'nope.html' }, pass: false, actual: /nope\.html is missing from your workspace/ },
      { name: 'nothing listens', check: { kind: 'http', port: quietPort, retryForMs: 0 }, pass: false, actual: new RegExp(`^nothing listens on 127\\.0\\.0\\.1:${quietPort}$`) },
    ]);
  });

  describe('network', () => {
    gradeCases(lab, [
      { name: 'a user-defined bridge', check: { kind: 'network', network: n.net }, pass: true, actual: new RegExp(`^network "${n.net}" with driver bridge$`) },
      { name: 'not the driver asked for', check: { kind: 'network', network: n.net, driver: 'macvlan' }, pass: false, actual: /with driver bridge$/, expected: /with driver macvlan/ },
      { name: 'no such network', check: { kind: 'network', network: uniq('nonet') }, pass: false, actual: /^no network named ".*" in the sandbox$/ },
      { name: 'the engine’s own bridge is not the learner’s', check: { kind: 'network', network: 'bridge' }, pass: false, actual: /no network named "bridge" in the sandbox/ },
      { name: 'a network made outside the sandbox', check: { kind: 'network', network: n.outsideNet }, pass: false, actual: /no network named ".*" in the sandbox/ },
    ]);
  });

  describe('attached', () => {
    gradeCases(lab, [
      { name: 'on the user network', check: { kind: 'attached', container: n.netClient, network: n.net }, pass: true, actual: new RegExp(`attached to ${n.net}$`) },
      { name: 'on it only', check: { kind: 'attached', container: n.netClient, network: n.net, only: true }, pass: true, actual: new RegExp(`attached to ${n.net}$`) },
      { name: 'on the user network, connected to bridge too', check: { kind: 'attached', container: n.twoNets, network: n.net }, pass: true, actual: /attached to .*bridge/ },
      { name: 'not only on it', check: { kind: 'attached', container: n.twoNets, network: n.net, only: true }, pass: false, actual: new RegExp(`^(?=.*${n.net})(?=.*bridge)`), expected: / only$/ },
      { name: 'default bridge is not the user network', check: { kind: 'attached', container: n.bridgeClient, network: n.net }, pass: false, actual: /attached to bridge$/ },
      { name: 'network mode host', check: { kind: 'attached', container: n.hostNet, network: 'host' }, pass: true, actual: /network mode host$/ },
      { name: 'host is not none', check: { kind: 'attached', container: n.hostNet, network: 'none' }, pass: false, actual: /network mode host$/, expected: /network mode none/ },
      { name: 'network mode none', check: { kind: 'attached', container: n.none, network: 'none' }, pass: true, actual: /network mode none$/ },
      { name: 'none is not bridge', check: { kind: 'attached', container: n.none, network: 'bridge' }, pass: false, actual: /network mode none$/ },
      { name: 'a bridge container is not in host mode', check: { kind: 'attached', container: n.bridgeClient, network: 'host' }, pass: false, actual: /attached to bridge$/ },
    ]);
  });

  describe('reach', () => {
    gradeCases(lab, [
      { name: 'by name on a user-defined bridge', check: { kind: 'reach', from: n.netClient, to: n.netWeb, expect: 'reachable' }, pass: true, actual: new RegExp(`reached http://${n.netWeb}:80/`) },
      { name: 'unreachable, but it is reachable', check: { kind: 'reach', from: n.netClient, to: n.netWeb, expect: 'unreachable' }, pass: false, actual: new RegExp(`reached http://${n.netWeb}:80/`), expected: /cannot reach/ },
      { name: 'not by name on the default bridge', check: { kind: 'reach', from: n.bridgeClient, to: n.bridgeWeb, expect: 'unreachable' }, pass: true, actual: /could not reach .*bad address/ },
      { name: 'reachable, but the default bridge has no names', check: { kind: 'reach', from: n.bridgeClient, to: n.bridgeWeb, expect: 'reachable' }, pass: false, actual: new RegExp(`could not reach http://${n.bridgeWeb}:80/ \\(.*bad address`) },
      { name: 'a port nothing listens on', check: { kind: 'reach', from: n.netClient, to: n.netWeb, port: 8080, expect: 'reachable' }, pass: false, actual: /could not reach .*:8080\/ \(.*refused/i },
      { name: 'from a container that is not running', check: { kind: 'reach', from: n.exitedClient, to: n.netWeb, expect: 'reachable' }, pass: false, actual: /is exited, so nothing can run in it/ },
      { name: 'unreachable proves nothing while the target is down', check: { kind: 'reach', from: n.netClient, to: n.idleWeb, expect: 'unreachable' }, pass: false, actual: /is not running \(created\), so "cannot reach" proves nothing yet/ },
    ]);
  });

  it('engine facts: -p with --network host is still recorded, only lo under none', async () => {
    const h = await lab.inspect(n.hostNet);
    expect(h.HostConfig.NetworkMode).toBe('host');
    expect(h.HostConfig.PortBindings?.['80/tcp']?.[0].HostPort).toBe(String(hostNetPort));
    expect((await lab.inspect(n.none)).HostConfig.NetworkMode).toBe('none');
  });
});
