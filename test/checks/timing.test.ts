import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { engineForTests, uniq } from '../helpers/engine';
import { expectGrade, grade, gradeCases, gradeOne, useLab } from './helpers';

const api = await engineForTests();

/**
 * Checks that depend on time: stop (an action), health (waits, transitions), restart (counts),
 * logs (streams, first line, since the last start, waiting). The stops wait out their timeouts
 * side by side; health and logs tests build on each other, in order.
 */
describe.runIf(api)('timing checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-timing'));

  describe('stop', () => {
    const n = { ignores: uniq('noTrap'), ignoresToo: uniq('noTrap2'), traps: uniq('trap'), trapsToo: uniq('trap2') };
    // busybox sh as PID 1 without a trap ignores SIGTERM: only the SIGKILL after the timeout ends it.
    const noTrap = `busybox sh -c 'while true; do sleep 1; done'`;
    // `sleep 1 & wait $!`: a foreground sleep would hold the trap back until it ends.
    const trap = `busybox sh -c 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'`;

    beforeAll(async () => {
      await lab.all(
        `docker run -d --name ${n.ignores} ${noTrap}`,
        `docker run -d --name ${n.ignoresToo} ${noTrap}`,
        `docker run -d --name ${n.traps} ${trap}`,
        `docker run -d --name ${n.trapsToo} ${trap}`,
      );
    });

    it.concurrent('passes: SIGTERM ignored → killed after the timeout, 137; later checks see it stopped', async () => {
      const r = await grade(lab.ctx, { kind: 'stop', container: n.ignores, timeoutSeconds: 2, minSeconds: 1.5, exitCode: 137 }, { kind: 'container', container: n.ignores, state: 'exited', exitCode: 137 });
      expect(r.passed, JSON.stringify(r.checks)).toBe(true);
      expect(r.checks[0].actual).toMatch(/^stopped in \d+\.\d s with exit code 137 \(SIGKILL after the timeout: SIGTERM was ignored\)$/);
      expect(secondsIn(r.checks[0].actual)).toBeGreaterThanOrEqual(1.9);
      expect(r.checks[0].expected).toBe(`docker stop -t 2 ${n.ignores}: takes at least 1.5 s: exit code 137`);
    });

    it.concurrent('fails: SIGTERM ignored is not a fast, clean stop; the next check is skipped', async () => {
      const r = await grade(
        lab.ctx,
        { kind: 'stop', container: n.ignoresToo, timeoutSeconds: 2, maxSeconds: 1, exitCode: 0 },
        { kind: 'container', container: n.ignoresToo, state: 'exited', exitCode: 0 },
      );
      expectGrade(r.checks[0], { pass: false, actual: /^stopped in \d+\.\d s with exit code 137 \(SIGKILL/, expected: /stops within 1 s: exit code 0$/ });
      expect(secondsIn(r.checks[0].actual)).toBeGreaterThanOrEqual(1.9);
      expect(r.checks[1].status).toBe('skipped');
      // Stopping again is impossible: the action says why instead of timing a no-op.
      expectGrade(await gradeOne({ kind: 'stop', container: n.ignoresToo, timeoutSeconds: 1 }, lab.ctx), { pass: false, actual: /is exited, not running: start it first/ });
    });

    // ~0.15 s on an idle machine; up to 1.2 s measured while the other test files load both cores.
    // The lesson's margin (maxSeconds 2 against a 5 s timeout) is what is asserted here.
    it.concurrent('passes: a TERM trap with `sleep & wait` stops well before the timeout, with 0', async () => {
      const r = await gradeOne({ kind: 'stop', container: n.traps, timeoutSeconds: 5, maxSeconds: 2, exitCode: 0 }, lab.ctx);
      expectGrade(r, { pass: true, actual: /^stopped in [01]\.\d s with exit code 0$/ });
    });

    it.concurrent('fails: a fast stop is not "takes the full timeout"', async () => {
      const r = await gradeOne({ kind: 'stop', container: n.trapsToo, timeoutSeconds: 5, minSeconds: 4 }, lab.ctx);
      expectGrade(r, { pass: false, actual: /^stopped in [01]\.\d s with exit code 0$/, expected: /takes at least 4 s$/ });
    });
  });

  describe('health', () => {
    const n = { probed: uniq('probed'), unprobed: uniq('unprobed'), notStarted: uniq('not-started') };
    // Healthy while /tmp/ok exists; one failed probe is enough to be unhealthy.
    const run = `docker run -d --name ${n.probed} --health-cmd 'test -f /tmp/ok' --health-interval 1s --health-retries 1 busybox sh -c 'touch /tmp/ok; exec sleep 300'`;

    it('starting: before the first probe; no transitions yet', async () => {
      await Promise.all([lab.ok(run), lab.ok(`docker create --name ${n.unprobed} busybox true`), lab.ok(`docker create --name ${n.notStarted} --health-cmd true busybox sleep 300`)]);
      expectGrade(await gradeOne({ kind: 'health', container: n.probed, status: 'healthy' }, lab.ctx), { pass: false, actual: /^starting \(failing streak 0\)$/ });
      expectGrade(await gradeOne({ kind: 'health', container: n.probed, status: 'starting', transitions: ['healthy'] }, lab.ctx), { pass: false, actual: /went nowhere yet$/ });
      expectGrade(await gradeOne({ kind: 'health', container: n.unprobed, status: 'healthy' }, lab.ctx), { pass: false, actual: /has no health check$/ });
      // A check in the config of a container never started is not "no health check".
      expectGrade(await gradeOne({ kind: 'health', container: n.notStarted, status: 'healthy' }, lab.ctx), { pass: false, actual: /created, not started yet \(its health check runs once it starts\)$/ });
    });

    it('healthy: waits withinMs for the first good probe', async () => {
      expectGrade(await gradeOne({ kind: 'health', container: n.probed, status: 'healthy', withinMs: 8000 }, lab.ctx), { pass: true, actual: /^healthy \(failing streak 0\)$/ });
      expectGrade(await gradeOne({ kind: 'health', container: n.probed, status: 'unhealthy' }, lab.ctx), { pass: false, actual: /^healthy/, expected: /unhealthy$/ });
    });

    it('unhealthy after breaking the probe, having gone healthy → unhealthy', async () => {
      await lab.ok(`docker exec ${n.probed} rm /tmp/ok`);
      const r = await gradeOne({ kind: 'health', container: n.probed, status: 'unhealthy', withinMs: 8000, transitions: ['healthy', 'unhealthy'] }, lab.ctx);
      expectGrade(r, { pass: true, actual: /^unhealthy \(failing streak [1-9]\d*\), went healthy → unhealthy$/, expected: /having gone healthy → unhealthy/ });
      expectGrade(await gradeOne({ kind: 'health', container: n.probed, status: 'unhealthy', transitions: ['unhealthy', 'healthy'] }, lab.ctx), { pass: false, actual: /went healthy → unhealthy$/ });
      expectGrade(await gradeOne({ kind: 'health', container: n.probed, status: 'healthy' }, lab.ctx), { pass: false, actual: /^unhealthy/ });
      // Docker does not restart an unhealthy container (unlike a Kubernetes liveness probe).
      expect((await lab.inspect(n.probed)).RestartCount).toBe(0);
    });
  });

  describe('restart', () => {
    const n = { crashes: uniq('crashloop'), onFailure: uniq('onfail'), unlessStopped: uniq('unless'), plain: uniq('plain') };

    beforeAll(async () => {
      await lab.all(
        // Exits by itself, so `always` restarts it (a docker stop/kill would count as manual and never restart).
        `docker run -d --name ${n.crashes} --restart always busybox sh -c 'sleep 0.2; exit 1'`,
        `docker create --name ${n.onFailure} --restart on-failure:3 busybox true`,
        `docker create --name ${n.unlessStopped} --restart unless-stopped busybox true`,
        `docker create --name ${n.plain} busybox true`,
      );
      await lab.waitFor(n.crashes, (c) => c.RestartCount >= 2, 'restarted twice');
    });

    gradeCases(lab, [
      { name: 'always, restarted at least twice', check: { kind: 'restart', container: n.crashes, policy: 'always', minRestartCount: 2 }, pass: true, actual: /^restart policy always, restarted \d+ time\(s\)$/ },
      { name: 'not restarted 1000 times', check: { kind: 'restart', container: n.crashes, policy: 'always', minRestartCount: 1000 }, pass: false, actual: /restarted ([2-9]|\d\d+) time\(s\)$/, expected: /at least 1000 time/ },
      { name: 'always is not on-failure', check: { kind: 'restart', container: n.crashes, policy: 'on-failure' }, pass: false, actual: /^restart policy always,/ },
      { name: 'on-failure:3', check: { kind: 'restart', container: n.onFailure, policy: 'on-failure', maxRetries: 3 }, pass: true, actual: /^restart policy on-failure:3, restarted 0 time\(s\)$/ },
      { name: 'on-failure:3 is not on-failure:5', check: { kind: 'restart', container: n.onFailure, policy: 'on-failure', maxRetries: 5 }, pass: false, actual: /on-failure:3/, expected: /on-failure:5/ },
      { name: 'unless-stopped', check: { kind: 'restart', container: n.unlessStopped, policy: 'unless-stopped' }, pass: true, actual: /^restart policy unless-stopped,/ },
      { name: 'crashing with always is restarted more than never', check: { kind: 'restart', container: n.crashes, policy: 'always', maxRestartCount: 0 }, pass: false, actual: /restarted ([2-9]|\d\d+) time\(s\)$/, expected: /, never restarted$/ },
      { name: 'at most 1000 restarts', check: { kind: 'restart', container: n.crashes, policy: 'always', minRestartCount: 2, maxRestartCount: 1000 }, pass: true, expected: /at least 2 time\(s\), restarted at most 1000 time\(s\)$/, actual: /restarted \d+ time/ },
      { name: 'never restarted: an on-failure:3 container not started yet', check: { kind: 'restart', container: n.onFailure, policy: 'on-failure', maxRestartCount: 0 }, pass: true, actual: /restarted 0 time\(s\)$/ },
      { name: 'never restarted yet', check: { kind: 'restart', container: n.unlessStopped, policy: 'unless-stopped', minRestartCount: 1 }, pass: false, actual: /restarted 0 time\(s\)$/ },
      { name: 'no --restart means no', check: { kind: 'restart', container: n.plain, policy: 'no' }, pass: true, actual: /^restart policy no, restarted 0/ },
      { name: 'no --restart is not always', check: { kind: 'restart', container: n.plain, policy: 'always' }, pass: false, actual: /^restart policy no,/ },
    ]);
  });

  describe('logs', () => {
    const n = { streams: uniq('streams'), onlyOut: uniq('onlyout'), late: uniq('late'), resumed: uniq('resumed'), rerun: uniq('rerun'), chatty: uniq('chatty') };
    // The container's own filesystem survives a restart, so a script can tell its starts apart.
    // Every later start prints "second-start" at once: that line is often stamped a few ms before
    // .State.StartedAt, which is why "since the last start" cannot simply use StartedAt.
    const starts = (first: string, later: string) =>
      `busybox sh -c 'if [ -f /tmp/s ]; then echo second-start; ${later}else touch /tmp/s; ${first}; fi'`;

    beforeAll(async () => {
      await lab.all(
        `docker run --name ${n.streams} busybox sh -c 'echo out-1; echo err-1 >&2; echo both; echo both >&2; echo out-2'`,
        `docker run --name ${n.onlyOut} busybox echo only-out`,
        // First run: one line, logged well before it exits. Later runs keep running.
        `docker run --name ${n.resumed} ${starts('echo first-start; sleep 0.3', 'exec sleep 300; ')}`,
        // Both runs print one line and exit by themselves; the second one a moment later.
        `docker run --name ${n.rerun} ${starts('echo first-start', 'sleep 0.3; ')}`,
        // First run: more output than the log copier takes in before the process is gone.
        `docker run --name ${n.chatty} ${starts('seq 1 20000', 'exec sleep 300; ')}`,
      );
      await lab.all(`docker start ${n.resumed}`, `docker start -a ${n.rerun}`, `docker start ${n.chatty}`);
    });

    gradeCases(lab, [
      { name: 'stdout line', check: { kind: 'logs', container: n.streams, stream: 'stdout', matches: '^out-1$' }, pass: true, actual: /^matching line: "out-1"$/ },
      { name: 'stderr line', check: { kind: 'logs', container: n.streams, stream: 'stderr', matches: '^err-1$' }, pass: true, actual: /^matching line: "err-1"$/ },
      { name: 'a stdout line is not on stderr', check: { kind: 'logs', container: n.streams, stream: 'stderr', matches: '^out-1$' }, pass: false, actual: /^no such line on stderr; the line is on stdout instead: "out-1"$/, expected: /a line of stderr matching/ },
      { name: 'a stderr line is not on stdout', check: { kind: 'logs', container: n.streams, stream: 'stdout', matches: 'err' }, pass: false, actual: /^no such line on stdout; the line is on stderr instead: "err-1"$/ },
      { name: 'on both streams, allowed', check: { kind: 'logs', container: n.streams, stream: 'stdout', matches: '^both$' }, pass: true, actual: /"both"/ },
      { name: 'on both streams, notOnOtherStream', check: { kind: 'logs', container: n.streams, stream: 'stdout', matches: '^both$', notOnOtherStream: true }, pass: false, actual: /^"both" is on stdout, but it also appears on stderr$/, expected: /\(and not on stderr\)/ },
      { name: 'only on stdout, notOnOtherStream', check: { kind: 'logs', container: n.streams, stream: 'stdout', matches: '^out-2$', notOnOtherStream: true }, pass: true, actual: /"out-2"/ },
      { name: 'the first line', check: { kind: 'logs', container: n.streams, stream: 'stdout', matches: '^out-1$', line: 'first' }, pass: true, actual: /^first line: "out-1"$/ },
      { name: 'a later line is not the first', check: { kind: 'logs', container: n.streams, stream: 'stdout', matches: '^out-2$', line: 'first' }, pass: false, actual: /^first line: "out-1"$/, expected: /^the first line of stdout/ },
      { name: 'an empty stream says the output went elsewhere', check: { kind: 'logs', container: n.onlyOut, stream: 'stderr', matches: 'only-out' }, pass: false, actual: /^nothing on stderr; the line is on stdout instead: "only-out"$/ },
      { name: 'running again, since the last start: its first line, printed at once', check: { kind: 'logs', container: n.resumed, stream: 'stdout', matches: '^second-start$', line: 'first', since: 'last-start', withinMs: 3000 }, pass: true, actual: /^first line: "second-start"$/ },
      { name: 'running again, since the last start: not the earlier run', check: { kind: 'logs', container: n.resumed, stream: 'stdout', matches: '^first-start$', since: 'last-start' }, pass: false, actual: /^last line: "second-start"$/, expected: /since the last start/ },
      { name: 'running again, since created: the earlier run counts', check: { kind: 'logs', container: n.resumed, stream: 'stdout', matches: '^first-start$', line: 'first' }, pass: true, actual: /^first line: "first-start"$/ },
      { name: 'exited again, since created: the earlier run counts', check: { kind: 'logs', container: n.rerun, stream: 'stdout', matches: '^first-start$', line: 'first' }, pass: true, actual: /^first line: "first-start"$/ },
    ]);

    it('since the last start, after each of three more restarts: the first line printed at once', async () => {
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        await lab.ok(`docker kill ${n.resumed}`);
        await lab.ok(`docker start ${n.resumed}`);
        const r = await gradeOne({ kind: 'logs', container: n.resumed, stream: 'stdout', matches: '^second-start$', line: 'first', since: 'last-start', withinMs: 3000 }, lab.ctx);
        seen.push(`${r.status}: ${r.actual}`);
      }
      expect(seen).toEqual(Array(3).fill('pass: first line: "second-start"'));
    });

    it('withinMs: waits for a line that comes later', async () => {
      await lab.ok(`docker run -d --name ${n.late} busybox sh -c 'sleep 1; echo late-line; exec sleep 300'`);
      expectGrade(await gradeOne({ kind: 'logs', container: n.late, stream: 'stdout', matches: 'late-line' }, lab.ctx), { pass: false, actual: /^nothing on stdout$/ });
      expectGrade(await gradeOne({ kind: 'logs', container: n.late, stream: 'stdout', matches: 'late-line', withinMs: 8000 }, lab.ctx), { pass: true, actual: /"late-line"/ });
    });

    // Was a bug (fixed): "since the last start" is taken as "since
    // the previous run's .State.FinishedAt". FinishedAt is when the process exited, but a line is
    // stamped when the daemon reads it from the pipe, which can be well after that exit: the
    // previous run's tail then counts as this run's output.
    it('passes: since the last start, after a run with much output, the first line is this run’s', async () => {
      const r = await gradeOne({ kind: 'logs', container: n.chatty, stream: 'stdout', matches: '^second-start$', line: 'first', since: 'last-start', withinMs: 1000 }, lab.ctx);
      expectGrade(r, { pass: true, actual: /^first line: "second-start"$/ });
    });

    // Was a bug (fixed): once the container has exited again, FinishedAt is this run's own exit,
    // later than StartedAt, so the boundary is dropped and every earlier run counts. (For a run
    // shorter than a few ms FinishedAt can even be earlier than StartedAt; the boundary is then
    // this run's own exit and its output is cut off: measured, too racy for a test.)
    it('passes: since the last start, after the container exited again, the first line is this run’s', async () => {
      const r = await gradeOne({ kind: 'logs', container: n.rerun, stream: 'stdout', matches: '^second-start$', line: 'first', since: 'last-start' }, lab.ctx);
      const s = (await lab.inspect(n.rerun)).State;
      expectGrade({ ...r, actual: `${r.actual} [StartedAt ${s.StartedAt}, FinishedAt ${s.FinishedAt}]` }, { pass: true, actual: /^first line: "second-start" / });
    });
  });
});

function secondsIn(actual: string): number {
  return Number(/stopped in (\d+\.\d) s/.exec(actual)?.[1] ?? NaN);
}
