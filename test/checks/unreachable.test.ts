import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStep } from '../../src/checks/evaluate';
import type { CheckContext } from '../../src/checks/types';
import { EngineApi } from '../../src/engine/api';
import { CouldNotCheck, EngineUnavailable } from '../../src/errors';
import type { CheckKind } from '../../src/lessons/schema';
import { learnerLab } from '../../src/sandbox/learner';
import { stepOf, type CheckSpec } from './helpers';

/**
 * No engine behind the socket: grading is impossible, which is never the same as "not solved".
 * Needs no engine, so it always runs.
 */
describe('an unreachable engine', () => {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'ctr-no-engine-')), 'docker.sock');
  const ctx: CheckContext = {
    lab: learnerLab(new EngineApi({ url: `unix://${socketPath}`, socketPath, source: 'test' }, 2000), 'no-engine', 'snone'),
    workspace: tmpdir(),
  };
  afterAll(() => ctx.lab.engine.close());

  // Every kind that reads the engine: http, registry-tag and digest talk to 127.0.0.1 first, not to
  // the engine; a question, workspace-file and the kube kinds read the workspace (a pod replay reads its manifest first).
  const engineKinds: Record<Exclude<CheckKind, 'http' | 'registry-tag' | 'question' | 'workspace-file' | 'digest' | 'manifest' | `kube-${string}` | 'pod-replay'>, CheckSpec> = {
    container: { kind: 'container', container: 'web', state: 'running' },
    restart: { kind: 'restart', container: 'web', policy: 'always' },
    port: { kind: 'port', container: 'web', containerPort: '80' },
    env: { kind: 'env', container: 'web', name: 'MODE' },
    mount: { kind: 'mount', container: 'web', destination: '/data' },
    'volume-file': { kind: 'volume-file', volume: 'data', path: 'save.dat' },
    'container-file': { kind: 'container-file', container: 'web', path: '/etc/hostname' },
    network: { kind: 'network', network: 'appnet' },
    attached: { kind: 'attached', container: 'web', network: 'appnet' },
    reach: { kind: 'reach', from: 'a', to: 'b', expect: 'reachable' },
    image: { kind: 'image', image: 'busybox' },
    health: { kind: 'health', container: 'web', status: 'healthy' },
    stop: { kind: 'stop', container: 'web', timeoutSeconds: 1 },
    logs: { kind: 'logs', container: 'web', stream: 'stdout', matches: 'x' },
    'published-http': { kind: 'published-http', container: 'web', containerPort: '80' },
    command: { kind: 'command', container: 'web', entrypointForm: 'exec' },
    'log-config': { kind: 'log-config', container: 'web', maxSize: '1m' },
    'run-config': { kind: 'run-config', container: 'web', init: true },
  };

  for (const [kind, check] of Object.entries(engineKinds)) {
    it(`${kind}: checkStep throws CouldNotCheck, never a failed step`, async () => {
      const err = await checkStep(stepOf(check), ctx).then(
        (r) => new Error(`resolved with a step result instead: ${JSON.stringify(r)}`),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CouldNotCheck);
      expect(err).toBeInstanceOf(EngineUnavailable);
      expect((err as Error).message).toContain(socketPath);
      expect((err as Error).message).toMatch(/No Docker engine answers/);
    });
  }

  it('a later check is not reached: the whole step throws at the first one', async () => {
    const seen: string[] = [];
    await expect(checkStep(stepOf(engineKinds.container, engineKinds.image), ctx, 'en', (r) => seen.push(r.id))).rejects.toBeInstanceOf(CouldNotCheck);
    expect(seen).toEqual([]);
  });
});
