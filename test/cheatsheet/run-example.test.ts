import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { processExec, runExample, type ExecRequest, type ExecResult } from '../../src/cheatsheet/run-example';
import type { CheatEntry, RunnableExample } from '../../src/cheatsheet/types';

/** A fake docker: records each command and answers from a script. */
function fakeExec(answer: (argv: string[], req: ExecRequest) => Partial<ExecResult> = () => ({})) {
  const calls: { argv: string[]; req: ExecRequest }[] = [];
  const exec = async (req: ExecRequest): Promise<ExecResult> => {
    calls.push({ argv: req.argv, req });
    return { exitCode: 0, output: '', timedOut: false, stopped: false, ...answer(req.argv, req) };
  };
  return { exec, calls };
}

const entry = (command: string, example: Partial<RunnableExample>): CheatEntry => ({
  id: 'demo', section: 's', command, description: { en: 'e', ko: 'k' }, tags: [], lessons: [], personal: false,
  example: { files: {}, setup: [], cleanup: [], tty: false, run: '', ...example },
});

test('setup, run and cleanup run in order with unique names, free ports and written files', async () => {
  const { exec, calls } = fakeExec((argv, req) => {
    if (argv[1] === 'build') expect(readFileSync(join(req.cwd, 'Dockerfile'), 'utf8')).toBe('FROM busybox:1.36\nLABEL x=cht-t1-demo-img\n');
    return {};
  });
  const e = entry('docker run -d -p <hostPort:port>:<containerPort:port> <image:image>', {
    files: { Dockerfile: 'FROM busybox:1.36\nLABEL x=@@img\n' },
    setup: ['docker build -t @@img .'],
    run: 'docker run -d -p @@PORT:80 --name @@web @@img',
    why: 'cleanup needs a name',
    cleanup: ['docker rm -f @@web', 'docker rmi @@img'],
  });
  const report = await runExample(e, { exec, env: { DOCKER_HOST: 'unix:///x.sock' }, runId: 'cht-t1' });
  expect(report.ok).toBe(true);
  expect(calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['docker build', 'docker run', 'docker rm', 'docker rmi']);
  const run = calls[1];
  expect(run.argv).toContain('cht-t1-demo-web');
  const port = Number(run.argv[4].split(':')[0]);
  expect(port).toBeGreaterThan(1024);
  expect(run.req.env.DOCKER_HOST).toBe('unix:///x.sock');
  expect(run.req.env.DOCKER_CONFIG).toMatch(/\.docker$/);
  expect(existsSync(run.req.cwd)).toBe(false); // the temporary folder is gone afterwards
});

test('a failing run fails the example, and cleanup still runs', async () => {
  const { exec, calls } = fakeExec((argv) => (argv[1] === 'stop' ? { exitCode: 1, output: 'Error: No such container' } : {}));
  const report = await runExample(entry('docker stop <c:container>', { setup: ['docker create --name @@box busybox'], run: 'docker stop @@box', cleanup: ['docker rm @@box'] }), { exec, env: {}, runId: 'cht-t2' });
  expect(report.ok).toBe(false);
  expect(report.failure).toContain('exited 1: Error: No such container');
  expect(calls.map((c) => c.argv[1])).toEqual(['create', 'stop', 'rm']);
});

test('a failing setup skips the run', async () => {
  const { exec, calls } = fakeExec((argv) => (argv[1] === 'create' ? { exitCode: 125 } : {}));
  const report = await runExample(entry('docker stop <c:container>', { setup: ['docker create --name @@box busybox'], run: 'docker stop @@box', cleanup: ['docker rm @@box'] }), { exec, env: {}, runId: 'cht-t3' });
  expect(report.failure).toMatch(/^setup "docker create --name cht-t3-demo-box busybox" exited 125/);
  expect(calls.map((c) => c.argv[1])).toEqual(['create', 'rm']);
});

test('output checks, captures and commands that follow forever', async () => {
  const { exec, calls } = fakeExec((argv) => (argv[2] === 'inspect' ? { output: 'repo@sha256:abc\n' } : argv[1] === 'stats' ? { exitCode: null, stopped: true, output: 'CPU %' } : {}));
  const capture = entry('docker pull <image:image>', { setup: [{ run: 'docker image inspect x', capture: 'PINNED' }], run: 'docker pull @@PINNED' });
  expect((await runExample(capture, { exec, env: {}, runId: 'cht-t4' })).ok).toBe(true);
  expect(calls.at(-1)!.argv).toEqual(['docker', 'pull', 'repo@sha256:abc']);

  const stats = entry('docker stats', { run: 'docker stats', stopAfterMs: 500, outputIncludes: 'CPU' });
  expect((await runExample(stats, { exec, env: {}, runId: 'cht-t4' })).ok).toBe(true);
  expect(calls.at(-1)!.req.stopAfterMs).toBe(500);

  const wrong = entry('docker stats', { run: 'docker stats', stopAfterMs: 500, outputIncludes: 'MEM' });
  expect((await runExample(wrong, { exec, env: {}, runId: 'cht-t4' })).failure).toContain('does not include "MEM"');
});

test('processExec stops a command that follows forever and reports a real failure', async () => {
  const exec = processExec();
  const base = { cwd: process.cwd(), env: {}, timeoutMs: 10_000, tty: false };
  // 3 s: a loaded machine may take more than a second to start Node and print (300 ms once lost the tick).
  const follow = await exec({ ...base, argv: [process.execPath, '-e', 'console.log("tick"); setTimeout(() => {}, 60000)'], stopAfterMs: 3000 });
  expect(follow).toMatchObject({ stopped: true, timedOut: false });
  expect(follow.output).toContain('tick');
  const failing = await exec({ ...base, argv: [process.execPath, '-e', 'process.exit(3)'] });
  expect(failing).toMatchObject({ exitCode: 3, stopped: false });
  await expect(exec({ ...base, argv: ['docker', 'login'], tty: true })).rejects.toThrow(/needs a terminal/);
});
