import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import { effectiveCpus, parseBytes, signalNumber } from '../../src/checks/kinds/run-config';
import { Check } from '../../src/lessons/schema';
import { engineForTests, uniq } from '../helpers/engine';
import { gradeCases, useLab } from './helpers';

const api = await engineForTests();

describe('run-config: how sizes, signals and CPU shares are read', () => {
  it('reads sizes as docker does (binary units)', () => {
    expect(parseBytes('64m')).toBe(64 * 1024 * 1024);
    expect(parseBytes('64M')).toBe(parseBytes('64mb'));
    expect(parseBytes('1g')).toBe(1024 ** 3);
    expect(parseBytes('67108864')).toBe(64 * 1024 * 1024);
  });
  it('names one signal in every spelling', () => {
    expect(signalNumber('SIGINT')).toBe(2);
    expect(signalNumber('int')).toBe(2);
    expect(signalNumber('2')).toBe(2);
    expect(signalNumber('SIGNOPE')).toBeNull();
  });
  it('counts --cpu-quota/--cpu-period like --cpus', () => {
    expect(effectiveCpus({ NanoCpus: 500_000_000 })).toBe(0.5);
    expect(effectiveCpus({ CpuQuota: 50_000, CpuPeriod: 100_000 })).toBe(0.5);
    expect(effectiveCpus({ CpuQuota: 50_000 })).toBe(0.5);
    expect(effectiveCpus({})).toBe(0);
  });
  it('refuses a check that names both or neither of container and image', () => {
    expect(Check.safeParse({ id: 'a', kind: 'run-config', init: true }).success).toBe(false);
    expect(Check.safeParse({ id: 'a', kind: 'run-config', container: 'c', image: 'i', init: true }).success).toBe(false);
    expect(Check.safeParse({ id: 'a', kind: 'run-config', image: 'i', memory: '64m' }).success).toBe(false);
    expect(Check.safeParse({ id: 'a', kind: 'run-config', image: 'i', stopSignal: 'SIGINT' }).success).toBe(true);
  });
});

/** What the engine records for --init, --memory, --cpus, --stop-signal, --stop-timeout, STOPSIGNAL and docker update. */
describe.runIf(api)('run-config checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-runcfg'));
  const n = {
    plain: uniq('plain'),
    init: uniq('init'),
    limited: uniq('limited'),
    quota: uniq('quota'),
    updated: uniq('updated'),
    signal: uniq('signal'),
    fromImage: uniq('from-image'),
    image: `${uniq('stopsig')}:1`,
  };

  beforeAll(async () => {
    writeFileSync(join(lab.ws, 'Dockerfile'), 'FROM busybox:1.36\nSTOPSIGNAL SIGQUIT\nCMD ["sleep", "300"]\n');
    await lab.ok(`docker build -q -t ${n.image} .`);
    lab.cleanup(() => lab.api.request('DELETE', `/images/${n.image}`));
    await Promise.all([
      lab.ok(`docker create --name ${n.plain} busybox true`),
      lab.ok(`docker create --name ${n.init} --init busybox true`),
      lab.ok(`docker create --name ${n.limited} -m 64M --memory-swap 64m --cpus 0.5 busybox true`),
      lab.ok(`docker create --name ${n.quota} --cpu-quota 50000 --cpu-period 100000 busybox true`),
      lab.ok(`docker create --name ${n.updated} -m 32m busybox true`).then(() => lab.ok(`docker update --memory 128m --memory-swap 128m ${n.updated}`)),
      lab.ok(`docker create --name ${n.signal} --stop-signal INT --stop-timeout 3 busybox true`),
      lab.ok(`docker create --name ${n.fromImage} ${n.image}`),
    ]);
  });

  gradeCases(lab, [
    { name: '--init', check: { kind: 'run-config', container: n.init, init: true }, pass: true, actual: /an init as PID 1/ },
    { name: 'no --init', check: { kind: 'run-config', container: n.plain, init: true }, pass: false, actual: /no --init/, expected: /an init as PID 1/ },
    { name: '-m 64M is 64m', check: { kind: 'run-config', container: n.limited, memory: '64m', memorySwap: '64m', cpus: 0.5 }, pass: true, actual: /memory limit 64m, memory\+swap limit 64m, CPU limit 0.5/ },
    { name: 'no limits', check: { kind: 'run-config', container: n.plain, memory: '64m', cpus: 0.5 }, pass: false, actual: /memory limit none, no CPU limit/ },
    { name: 'another size', check: { kind: 'run-config', container: n.limited, memory: '32m' }, pass: false, actual: /memory limit 64m/, expected: /memory limit 32m/ },
    { name: '--cpu-quota/--cpu-period is --cpus 0.5', check: { kind: 'run-config', container: n.quota, cpus: 0.5 }, pass: true, actual: /CPU limit 0.5/ },
    { name: 'docker update changed the limit', check: { kind: 'run-config', container: n.updated, memory: '128m', memorySwap: '128m' }, pass: true, actual: /memory limit 128m/ },
    { name: '--stop-signal INT is SIGINT', check: { kind: 'run-config', container: n.signal, stopSignal: 'SIGINT', stopTimeout: 3 }, pass: true, actual: /stop signal INT, stop timeout 3 s/ },
    { name: 'unset stop signal is SIGTERM', check: { kind: 'run-config', container: n.plain, stopSignal: 'SIGTERM' }, pass: true, actual: /not set \(SIGTERM\)/ },
    { name: 'unset stop signal is not SIGINT', check: { kind: 'run-config', container: n.plain, stopSignal: 'SIGINT', stopTimeout: 3 }, pass: false, actual: /not set \(SIGTERM\), stop timeout not set/ },
    { name: 'STOPSIGNAL reaches the container', check: { kind: 'run-config', container: n.fromImage, stopSignal: 'SIGQUIT' }, pass: true, actual: /stop signal SIGQUIT/ },
    { name: 'STOPSIGNAL in the image', check: { kind: 'run-config', image: n.image, stopSignal: 'QUIT' }, pass: true, actual: /stop signal SIGQUIT/ },
    { name: 'an image without STOPSIGNAL', check: { kind: 'run-config', image: 'busybox:1.36', stopSignal: 'SIGQUIT' }, pass: false, actual: /no image|not set|outside/ },
    { name: 'no such container', check: { kind: 'run-config', container: uniq('nope'), init: true }, pass: false, actual: /no container named/ },
  ]);
});
