import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/types';
import { engineForTests, uniq } from '../helpers/engine';
import { gradeOne, useLab, type CheckSpec } from '../checks/helpers';

/**
 * Tier 2, the rest of the container contract on a real engine: pull policy against the lab's own
 * registry (ImagePullBackOff), CrashLoopBackOff, initContainers, env from ConfigMaps/Secrets/fields,
 * configMap and claim volumes. Each case passes, and a near-miss fails with expected vs actual.
 */
const api = await engineForTests();
const fixture = (f: string) => join(import.meta.dirname, 'replay-fixtures', f);
type Spec = Omit<Extract<CheckSpec, { kind: 'pod-replay' }>, 'kind' | 'file'>;

describe.skipIf(!api)('pod replay on docker: the rest of the contract', () => {
  const lab = useLab(api!, 'kube-replay-more-test');
  const replay = async (file: string, check: Spec, edit?: (s: string) => string): Promise<CheckResult> => {
    if (edit) writeFileSync(join(lab.ws, file), edit(readFileSync(fixture(file), 'utf8')));
    else copyFileSync(fixture(file), join(lab.ws, file));
    const r = await gradeOne({ kind: 'pod-replay', file, name: uniq('rp'), ...check }, lab.ctx);
    console.log(`${file}: ${r.status} in ${(r.ms / 1000).toFixed(1)} s\n${r.expected}\n${r.actual}`);
    return r;
  };
  const leftovers = async () => (await lab.sandbox.list('session')).containers.map((c) => c.Names[0]).filter((n) => !n.includes('reg-'));

  describe('pull policy against the lab\'s registry', () => {
    const port = 33000 + (process.pid % 900);
    const reg = uniq('reg');
    const repo = uniq('tool');
    const image = `127.0.0.1:${port}/${repo}:1.0`;
    const pod = (img: string, policy: string) => (s: string) => s.replace('__IMAGE__', img).replace('__POLICY__', policy);
    it('sets up a registry with one image', async () => {
      await lab.ok(`docker run -d --name ${reg} -p ${port}:5000 ctr-learn/registry:2`);
      await lab.ok(`docker tag busybox:1.36 ${image}`);
      for (let i = 0; ; i++) {
        const r = await lab.docker(`docker push ${image}`);
        if (r.exitCode === 0) break;
        if (i > 20) throw new Error(r.stderr);
        await new Promise((res) => setTimeout(res, 250));
      }
    }, 40_000);

    it('Always pulls at the start, from the registry', async () => {
      const r = await replay('pull.yaml', { object: 'Pod/fetch', scenario: 'start', pulled: true }, pod(image, 'Always'));
      expect(r.status, r.actual).toBe('pass');
      expect(r.actual).toMatch(/pulled from the registry: .*sha256:/);
    }, 40_000);

    it('IfNotPresent with the image on the node does not pull: the near-miss fails', async () => {
      const r = await replay('pull.yaml', { object: 'Pod/fetch', scenario: 'start', pulled: true }, pod(image, 'IfNotPresent'));
      expect(r.status, r.actual).toBe('fail');
      expect(r.actual).toMatch(/no pull: the node's copy was used/);
      expect(r.expected).toMatch(/pulled from the registry at the start/);
    }, 40_000);

    it('a tag the registry does not have: ErrImagePull, then ImagePullBackOff growing 10 s, 20 s … up to 300 s', async () => {
      const r = await replay('pull.yaml', { object: 'Pod/fetch', scenario: 'start', pull: 'ImagePullBackOff' }, pod(image.replace(':1.0', ':2.0'), 'IfNotPresent'));
      expect(r.status, r.actual).toBe('pass');
      expect(r.actual).toMatch(/back-offs 10 s, 20 s, 40 s, 80 s, 160 s, 300 s/);
      expect(r.actual).toMatch(/ImagePullBackOff: next pull in 300 s/);
      expect(r.ms).toBeLessThan(15_000);
      const near = await replay('pull.yaml', { object: 'Pod/fetch', scenario: 'start', pulled: true }, pod(image.replace(':1.0', ':2.0'), 'Always'));
      expect(near.status).toBe('fail');
      expect(near.actual).toMatch(/ImagePullBackOff for/);
      expect(await leftovers()).toEqual([]);
    }, 60_000);

    it('a digest pins what runs after the tag moved; the tag with Always follows it', async () => {
      const push = await lab.ok(`docker push ${image}`);
      const digest = /digest: (sha256:[0-9a-f]{64})/.exec(push)?.[1];
      expect(digest, push).toBeTruthy();
      // The tag moves: another build is pushed as :1.0.
      await lab.ok(`docker tag ctr-learn/web:1 ${image}`);
      const moved = /digest: (sha256:[0-9a-f]{64})/.exec(await lab.ok(`docker push ${image}`))?.[1];
      // The seed image keeps a digest reference of the lab's repository once the tag moves on: drop it after.
      lab.cleanup(() => api!.request('DELETE', `/images/${image.replace(':1.0', '')}@${moved}`, { query: { noprune: 1 } }));
      const pinned = image.replace(':1.0', `@${digest}`);
      const r = await replay('pull.yaml', { object: 'Pod/fetch', scenario: 'start', pulled: true, sameImageAs: 'busybox:1.36' }, pod(pinned, 'Always'));
      expect(r.status, r.actual).toBe('pass');
      const near = await replay('pull.yaml', { object: 'Pod/fetch', scenario: 'start', pulled: true, sameImageAs: 'busybox:1.36' }, (s) => pod(image, 'Always')(s).replace('["sh", "-c", "sleep 30"]', '["sleep", "30"]'));
      expect(near.status).toBe('fail');
      expect(near.actual).toMatch(/ran image [0-9a-f]{12} \(busybox:1.36 is [0-9a-f]{12}\)/);
      // Back to the first build for the cases after this one.
      await lab.ok(`docker tag busybox:1.36 ${image}`);
      await lab.ok(`docker push ${image}`);
    }, 60_000);

    it('Always pulls at every start: a crashing container pulls again before each restart', async () => {
      const r = await replay('pull.yaml', { object: 'Pod/fetch', scenario: 'crash', restartsAtLeast: 2, pullsAtLeast: 3, windowMs: 10_000 }, (s) => pod(image, 'Always')(s).replace('sleep 30', 'exit 1'));
      expect(r.status, r.actual).toBe('pass');
    }, 60_000);
  });

  it('CrashLoopBackOff: restarts with the wait doubling, exit codes on the timeline', async () => {
    const r = await replay('crash.yaml', { object: 'Pod/crashy', scenario: 'crash', restartsAtLeast: 2, backOffGrows: true, exitCode: 3, windowMs: 10_000 });
    expect(r.status, r.actual).toBe('pass');
    expect(r.actual).toMatch(/back-offs 10 s, 20 s/);
    expect(r.actual).toMatch(/CrashLoopBackOff: restart in 20 s/);
    expect(r.actual).toMatch(/exited with code 3/);
    expect(await leftovers()).toEqual([]);
  }, 60_000);

  it('restartPolicy Never: the crashed container stays terminated; a check that wants a restart fails', async () => {
    const r = await replay('crash-never.yaml', { object: 'Pod/crashy', scenario: 'crash', restartsAtMost: 0, exitCode: 3 });
    expect(r.status, r.actual).toBe('pass');
    expect(r.actual).toMatch(/stays terminated \(restartPolicy Never\)/);
    expect(r.ms).toBeLessThan(8000);
    const near = await replay('crash-never.yaml', { object: 'Pod/crashy', scenario: 'crash', restartsAtLeast: 1 });
    expect(near.status).toBe('fail');
    expect(near.actual).toMatch(/restarted 0 time/);
  }, 60_000);

  it('initContainers run in order to completion before the app starts', async () => {
    const r = await replay('init.yaml', { object: 'Pod/withinit', scenario: 'start', initCompleted: ['fetch', 'migrate'], appStarted: true, fileWritten: { path: '/order', contains: 'one\ntwo' } });
    expect(r.status, r.actual).toBe('pass');
    expect(r.actual).toMatch(/fetch\s+init container completed[\s\S]*migrate\s+init container completed[\s\S]*app\s+started/);
  }, 60_000);

  it('a failing init container is retried with the back-off and blocks the app', async () => {
    const r = await replay('init-fails.yaml', { object: 'Pod/withinit', scenario: 'start', initCompleted: ['fetch', 'migrate'], appStarted: true, windowMs: 6000 });
    expect(r.status, r.actual).toBe('fail');
    expect(r.actual).toMatch(/init containers completed: fetch;/);
    expect(r.actual).toMatch(/the app containers never started/);
    expect(r.actual).toMatch(/CrashLoopBackOff: restart in 10 s/);
    expect(await leftovers()).toEqual([]);
  }, 60_000);

  it('env from a ConfigMap, a Secret and the pod\'s fields; a configMap volume as files', async () => {
    const r = await replay('env.yaml', {
      object: 'Pod/envy', scenario: 'start',
      env: { LOG_LEVEL: 'debug', CFG_MODE: 'fast', DB_PASSWORD: 's3cr3t', POD_NAME: 'envy' },
      fileWritten: { path: '/etc/app/MODE', contains: 'fast' },
    });
    expect(r.status, r.actual).toBe('pass');
    expect(r.actual).toMatch(/POD_NAME=envy/);
  }, 40_000);

  it('a Secret key that is not there: CreateContainerConfigError, nothing started', async () => {
    const r = await replay('env-missing-key.yaml', { object: 'Pod/envy', scenario: 'start', env: { DB_PASSWORD: 's3cr3t' } });
    expect(r.status, r.actual).toBe('fail');
    expect(r.actual).toMatch(/CreateContainerConfigError: couldn't find key passwd in Secret default\/app-secret/);
    const ok = await replay('env-missing-key.yaml', { object: 'Pod/envy', scenario: 'start', startError: 'CreateContainerConfigError' });
    expect(ok.status, ok.actual).toBe('pass');
  }, 40_000);

  it('a claim\'s volume outlives the pod: two replays leave two lines', async () => {
    const name = uniq('rp');
    copyFileSync(fixture('pvc.yaml'), join(lab.ws, 'pvc.yaml'));
    const spec = { kind: 'pod-replay' as const, file: 'pvc.yaml', name, object: 'Pod/writer', scenario: 'start' as const };
    const first = await gradeOne({ ...spec, claimFile: { claim: 'data', path: 'starts' } }, lab.ctx);
    expect(first.status, first.actual).toBe('pass');
    const second = await gradeOne({ ...spec, claimFile: { claim: 'data', path: 'starts' } }, lab.ctx);
    console.log(second.actual);
    expect(second.status).toBe('pass');
    expect(second.actual).toMatch(/starts "[^"]*\n[^"]*"/);
    const vols = (await lab.sandbox.list('session')).volumes?.map((v: { Name: string }) => v.Name) ?? [];
    expect(vols.some((v: string) => v.startsWith('pvc-data-'))).toBe(true);
    // emptyDir instead of the claim: nothing is left once the pod is gone.
    writeFileSync(join(lab.ws, 'pvc.yaml'), readFileSync(fixture('pvc.yaml'), 'utf8').replace('persistentVolumeClaim: { claimName: data }', 'emptyDir: {}'));
    const near = await gradeOne({ ...spec, name: uniq('rp'), claimFile: { claim: 'data', path: 'starts' } }, lab.ctx);
    expect(near.status).toBe('fail');
    // The claim still holds the first pods' lines: they do not count for a pod that did not write them.
    expect(near.actual).toMatch(/left by an earlier pod; this pod did not write to the claim/);
  }, 60_000);

  it('a grpc probe is not replayed: it is said, and it does not restart the container', async () => {
    const r = await replay('grpc.yaml', { object: 'Pod/rpc', scenario: 'liveness', restartsAtMost: 0, windowMs: 3000 } as Spec);
    expect(r.actual).toMatch(/grpc probe of app is not replayed/);
    expect(r.actual).toMatch(/restarted 0 time/);
    expect(r.status, r.actual).toBe('pass');
  }, 30_000);
});
