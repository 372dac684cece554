import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { entryKind } from '../../src/cheatsheet/instantiate';
import { checkCheatsheet } from '../../src/cheatsheet/lint';
import { processExec, runExample, type ExampleReport } from '../../src/cheatsheet/run-example';
import { isRunnable, type CheatEntry } from '../../src/cheatsheet/types';
import type { EngineApi } from '../../src/engine/api';
import type { ContainerSummary } from '../../src/engine/types';
import { packageRoot } from '../../src/paths';
import { runProcess } from '../../src/proc/run';
import { openSandbox, type Sandbox } from '../../src/sandbox';
import { engineForTests, ensureImages } from '../helpers/engine';
import { ptyExec } from './pty-exec';

/**
 * The proof that the cheat sheet is true: every entry's example runs with the real docker CLI on
 * the real engine, inside a sandbox (so a prune or rm can only touch what the test made), and
 * must succeed. A command the engine no longer accepts fails here.
 */
const { sheet, problems } = checkCheatsheet(join(packageRoot(), 'cheatsheet'), { shipped: true });
if (!sheet) throw new Error(`the cheat sheet does not load:\n${problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message}`).join('\n')}`);
/** CHEAT_ONLY=id,id runs only those entries (while writing an example). */
const only = process.env.CHEAT_ONLY?.split(',');
const runnable = sheet.entries.filter((e) => isRunnable(e.example) && (!only || only.includes(e.id)));
const skipped = sheet.entries.filter((e) => e.example && !isRunnable(e.example));

const api: EngineApi | null = await engineForTests();
/** Unique per run, so parallel runs (and other test files) never share a name. */
const runId = `cht${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;
const exec = processExec(ptyExec);
const reports = new Map<string, ExampleReport>();
/** The examples' folders: the sandbox's workspace root, as a lesson workspace is in the app. */
const exampleRoot = mkdtempSync(join(tmpdir(), 'ctr-cheat-examples-'));

describe.skipIf(!api)('every cheat sheet entry runs on the real engine', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    await ensureImages(api!);
    sandbox = await openSandbox(api!, { lessonId: 'cheatsheet', reap: false, workspaceRoot: exampleRoot });
  });
  afterAll(async () => {
    await sandbox?.end();
    const slowest = [...reports.values()].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`cheat sheet examples: ${reports.size} run; slowest ${slowest.map((r) => `${r.id} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}`);
  });

  describe.concurrent('examples', () => {
    test.each(runnable.map((e) => [e.id, e] as const))('%s', async (_id, entry: CheatEntry) => {
      const report = await runExample(entry, { exec, env: sandbox.env, runId, root: exampleRoot });
      reports.set(entry.id, report);
      expect(report.ok, describeReport(report)).toBe(true);
    });
  });

  test('each example cleans up after itself', async () => {
    expect(reports.size, 'runs after every example').toBe(runnable.length);
    const names = (await api!.json<ContainerSummary[]>('GET', '/containers/json', { query: { all: 1 } })).flatMap((c) => c.Names.map((n) => n.slice(1)));
    const networks = (await api!.json<{ Name: string }[]>('GET', '/networks')).map((n) => n.Name);
    const volumes = ((await api!.json<{ Volumes: { Name: string }[] | null }>('GET', '/volumes')).Volumes ?? []).map((v) => v.Name);
    const images = (await api!.json<{ RepoTags: string[] | null }[]>('GET', '/images/json')).flatMap((i) => i.RepoTags ?? []);
    const left = [...names, ...networks, ...volumes, ...images].filter((n) => n.includes(runId));
    expect(left, 'objects the examples created and their cleanup steps did not remove').toEqual([]);
  });
});

test.each(skipped.map((e) => [e.id, e] as const))('%s is skipped only because its tool is missing here', async (_id, entry: CheatEntry) => {
  const kind = entryKind(entry.command);
  // kubectl may be installed without a cluster: ask a server.
  const probe: string[] | null =
    kind === 'kubectl'
      ? ['kubectl', 'get', '--raw', '/version', '--request-timeout=5s']
      : /^docker compose\b/.test(entry.command)
        ? ['docker', 'compose', 'version']
        : /^docker-compose\b/.test(entry.command)
          ? ['docker-compose', 'version']
          : null;
  expect(probe, `${entry.id}: only compose and kubectl entries may skip; give it an example`).not.toBeNull();
  const present = await runProcess(probe![0], probe!.slice(1), { description: 'tool probe', timeoutMs: 10_000 }).then(
    (r) => r.exitCode === 0,
    () => false,
  );
  expect(present, `${probe!.join(' ')} works on this machine now: replace the skip of ${entry.id} with an example`).toBe(false);
});

function describeReport(r: ExampleReport): string {
  const steps = r.steps.map((s) => `  [${s.phase}] ${s.command} → exit ${s.exitCode} (${Math.round(s.ms)} ms)${s.exitCode ? `\n    ${s.output.split('\n').slice(-3).join('\n    ')}` : ''}`);
  return [`${r.id}: ${r.failure}`, ...steps].join('\n');
}
