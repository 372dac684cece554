import { beforeAll, describe } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { engineForTests, uniq } from '../helpers/engine';
import { gradeCases, useLab } from './helpers';

const api = await engineForTests();

/**
 * Checks that must tell how a state came about, not only what it is now: a container that is not
 * there (removed by --rm, by hand, or never made under that name) and an exit code of 137 (a
 * `docker stop` whose SIGTERM was ignored, or a `docker kill`). Read from engine events.
 */
describe.runIf(api)('how a state came about, on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-history'));
  const n = {
    selfRemoved: uniq('self-rm'),
    leftBehind: uniq('left'),
    byHand: uniq('by-hand'),
    forced: uniq('forced'),
    neverNamed: uniq('never'),
    stoppedIgnoring: uniq('ignores-term'),
    killed: uniq('killed'),
  };

  beforeAll(async () => {
    await Promise.all([
      lab.ok(`docker run --rm --name ${n.selfRemoved} busybox true`),
      lab.ok(`docker run --name ${n.leftBehind} busybox true`),
      lab.ok(`docker run --name ${n.byHand} busybox true`).then(() => lab.ok(`docker rm ${n.byHand}`)),
      lab.ok(`docker run -d --rm --name ${n.forced} busybox sleep 300`).then(() => lab.ok(`docker rm -f ${n.forced}`)),
      // PID 1 sh without a trap ignores SIGTERM: stop waits the full second, then SIGKILL.
      lab.ok(`docker run -d --name ${n.stoppedIgnoring} busybox sh -c 'while true; do sleep 1; done'`).then(() => lab.ok(`docker stop -t 1 ${n.stoppedIgnoring}`)),
      lab.ok(`docker run -d --name ${n.killed} busybox sleep 300`).then(() => lab.ok(`docker kill ${n.killed}`)),
    ]);
  }, 60_000);

  gradeCases(lab, [
    { name: '--rm: ended by itself and removed itself', check: { kind: 'container', container: n.selfRemoved, state: 'auto-removed' }, pass: true, actual: /removed itself \(--rm\)/ },
    { name: 'no --rm: the exited container is still there', check: { kind: 'container', container: n.leftBehind, state: 'auto-removed' }, pass: false, actual: /still there: it was run without --rm/ },
    { name: 'removed by hand with docker rm', check: { kind: 'container', container: n.byHand, state: 'auto-removed' }, pass: false, actual: /removed by hand \(docker rm\), not by --rm/ },
    { name: '--rm, but removed with rm -f while running', check: { kind: 'container', container: n.forced, state: 'auto-removed' }, pass: false, actual: /was stopped \(SIGKILL\) and then removed/ },
    { name: 'never made under that name (absence is no proof)', check: { kind: 'container', container: n.neverNamed, state: 'auto-removed' }, pass: false, actual: /no container named .* ever ran and was removed/ },
    { name: 'absent still means only "not there now"', check: { kind: 'container', container: n.neverNamed, state: 'absent' }, pass: true, actual: /no such container/ },
    {
      name: 'docker stop of a program that ignores SIGTERM: SIGTERM then SIGKILL',
      check: { kind: 'container', container: n.stoppedIgnoring, state: 'exited', exitCode: 137, signals: [15, 9] },
      pass: true,
      actual: /exited with code 137, sent SIGTERM then SIGKILL/,
    },
    {
      name: 'docker kill: also 137, but SIGKILL alone',
      check: { kind: 'container', container: n.killed, state: 'exited', exitCode: 137, signals: [15, 9] },
      pass: false,
      actual: /exited with code 137, sent SIGKILL$/,
    },
  ]);
});
