import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerInspect } from '../../src/engine/types';
import { loadLesson } from '../../src/lessons/load';
import { reapSessions } from '../../src/sandbox/reap';
import { verifyLesson } from '../../src/verify/verify';
import { engineForTests, ensureImages, uniq } from '../helpers/engine';

const api = await engineForTests();

/** A one-step lesson written on the fly, with names unique to this run. */
function tinyLesson(container: string, volume: string): string {
  const root = mkdtempSync(join(tmpdir(), 'ctr-survival-'));
  const dir = join(root, 'tiny');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'lesson.yaml'),
    `formatVersion: 1
id: tiny
title: { en: Tiny, ko: 작은 레슨 }
track: test
week: 1
order: 0
mine: { c: { name: ${container} }, v: { name: ${volume} } }
uses: { containers: ["[[c]]"], volumes: ["[[v]]"] }
steps:
  - id: run
    title: { en: Run it, ko: 실행 }
    checks:
      - { id: running, kind: container, container: "[[c]]", state: running, hint: how }
      - { id: file, kind: volume-file, volume: "[[v]]", path: hello.txt, matches: ^hi, hint: how }
    hints: [{ id: how, en: run it, ko: 실행하세요 }]
    solution:
      commands: ["docker run -d --name [[c]] -v [[v]]:/data busybox sh -c 'echo hi > /data/hello.txt; sleep 300'"]
    nearMisses:
      - id: created-only
        mistake: { en: created but never started, ko: 만들기만 함 }
        commands: ["docker create --name [[c]] busybox sleep 300"]
        failsCheck: running
`,
  );
  writeFileSync(join(dir, 'en.md'), 'Intro\n\n<!-- step: run -->\nRun it.\n');
  writeFileSync(join(dir, 'ko.md'), '소개\n\n<!-- step: run -->\n실행하세요.\n');
  return dir;
}

describe.runIf(api)('what existed before survives verify and clean', () => {
  const own = { container: uniq('keep-ctr'), volume: uniq('keep-vol'), network: uniq('keep-net') };
  beforeAll(async () => {
    await ensureImages(api!);
    const c = await api!.json<{ Id: string }>('POST', '/containers/create', { query: { name: own.container }, body: { Image: 'busybox:latest', Cmd: ['sleep', '300'] } });
    await api!.json('POST', `/containers/${c.Id}/start`);
    await api!.json('POST', '/volumes/create', { body: { Name: own.volume } });
    await api!.json('POST', '/networks/create', { body: { Name: own.network } });
  });
  afterAll(async () => {
    await api!.request('DELETE', `/containers/${own.container}`, { query: { force: 1 } });
    await api!.request('DELETE', `/volumes/${own.volume}`);
    await api!.request('DELETE', `/networks/${own.network}`);
    api!.close();
  });

  it('verify proves a lesson, cleans up after itself, and leaves the learner’s objects alone', async () => {
    const container = uniq('tiny');
    const volume = uniq('tiny-vol');
    const { lesson, problems } = loadLesson(tinyLesson(container, volume));
    expect(problems).toEqual([]);
    const v = await verifyLesson(api!, lesson!);
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.nearMisses[0].detail).toMatch(/fails at running: expected container ".*" running, actual container ".*" created/);
    // Both learners' labs are gone (verify proves as ada and, beside her, bo).
    for (const who of ['ada', 'bo', 'cy']) {
      expect(await api!.maybe('GET', `/containers/${container}-${who}/json`)).toBeNull();
      expect(await api!.maybe('GET', `/volumes/${volume}-${who}`)).toBeNull();
    }
    expect(v.sideBySide.map((p) => [p.case, p.ok])).toEqual([['bo-pastes-cy', true], ['bo-reference', true]]);

    await reapSessions(api!); // what `ctr-learn clean` runs
    expect((await api!.json<ContainerInspect>('GET', `/containers/${own.container}/json`)).State.Running).toBe(true);
    expect(await api!.maybe('GET', `/volumes/${own.volume}`)).not.toBeNull();
    expect(await api!.maybe('GET', `/networks/${own.network}`)).not.toBeNull();
    expect(await api!.maybe('GET', '/images/busybox:latest/json')).not.toBeNull();
  });
});
