import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/lessons/load';
import { learnerFrom, personalize } from '../../src/lessons/personalize';
import type { Lesson } from '../../src/lessons/schema';
import { learnerId } from '../../src/sandbox/learner-id';
import { engineForTests, ensureImages } from '../helpers/engine';

/**
 * A study group's week on one engine: three members (three homes) in one session at the same
 * time, each with their own values (names, ports) from the lesson's `mine`, through the built
 * binary as they would type it: `session start`, a sandbox shell (`shell --print`), real docker
 * commands, `check`, `session end`. One member first pastes a neighbour's answer: it fails and
 * is counted as an attempt. The facilitator's scoreboard counts the reports and flags the one
 * edited after signing.
 */
const api = await engineForTests();
const BIN = fileURLToPath(new URL('../../bin/ctr-learn.js', import.meta.url));
const ROOT = fileURLToPath(new URL('./fixtures/group-lessons', import.meta.url));
const COURSE = join(ROOT, 'course.yaml');
const KEY = 'seven quiet harbours at dawn';
const template = loadLesson(join(ROOT, 'serve-own-page'), ROOT).lesson!;

interface Member {
  name: string;
  home: string;
  lesson: Lesson;
  shell?: ResultPromise;
  dockerHost?: string;
}

const env = (home: string, extra: Record<string, string> = {}) => ({ ...process.env, CTR_LEARN_HOME: home, CTR_LEARN_LESSONS: ROOT, NO_COLOR: '1', LANG: 'C', ...extra });
const ctr = (m: Member, ...args: string[]) => execa(process.execPath, [BIN, ...args], { env: env(m.home), reject: false, timeout: 60_000 });
const docker = (m: Member, cmd: string) => execa('docker', cmd.split(' ').slice(1), { env: { ...process.env, DOCKER_HOST: m.dockerHost }, reject: false, timeout: 60_000 });

/** A member whose port range differs from the others' (a learner's range comes from a hash of their home). */
function member(name: string, taken: Set<number>): Member {
  for (;;) {
    const home = mkdtempSync(join(tmpdir(), `ctr-group-${name}-`));
    const learner = learnerFrom(name, learnerId({ CTR_LEARN_HOME: home }), true);
    // Not another member's range, nor verify's (31600-31999), which may run beside this file.
    if (!taken.has(learner.portBase) && learner.portBase < 31_600) {
      taken.add(learner.portBase);
      return { name, home, lesson: personalize(template, learner) };
    }
    rmSync(home, { recursive: true, force: true });
  }
}

const status = (port: number) =>
  new Promise<number>((resolve) => {
    get({ host: '127.0.0.1', port, path: '/', timeout: 3000 }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });

async function openShell(m: Member): Promise<void> {
  m.shell = execa(process.execPath, [BIN, 'shell', template.id, '--print'], { env: env(m.home), reject: false, buffer: false });
  m.dockerHost = await new Promise<string>((resolve, reject) => {
    let out = '';
    m.shell!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const hit = /DOCKER_HOST=(\S+)/.exec(out);
      if (hit) resolve(hit[1]);
    });
    m.shell!.catch(reject);
  });
}

async function solve(m: Member, step: number, answerOf: Member = m): Promise<{ commands: { exitCode?: number; stderr: string }[]; check: string }> {
  const commands = [];
  for (const cmd of answerOf.lesson.steps[step].solution.commands) commands.push(await docker(m, cmd));
  const check = await ctr(m, 'check', template.id);
  return { commands, check: check.stdout + check.stderr };
}

describe.runIf(api)('a study group of three on one engine, one week', () => {
  const taken = new Set<number>();
  const [ana, bo, cy] = ['ana', 'bo', 'cy'].map((n) => member(n, taken));
  const group = [ana, bo, cy];
  const board = mkdtempSync(join(tmpdir(), 'ctr-group-board-'));
  const reports: string[] = [];

  beforeAll(async () => {
    await ensureImages(api!);
    // The facilitator checks the reports with the key the group shares.
    expect((await execa(process.execPath, [BIN, 'group', 'key', 'set', KEY], { env: env(board) })).exitCode).toBe(0);
    await Promise.all(
      group.map(async (m) => {
        expect((await ctr(m, 'group', 'name', 'set', m.name)).exitCode).toBe(0);
        expect((await ctr(m, 'group', 'key', 'set', KEY)).exitCode).toBe(0);
        expect((await ctr(m, 'session', 'start', '--week', '1', '--course', COURSE)).exitCode).toBe(0);
        await openShell(m);
      }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const m of group) {
      m.shell?.kill('SIGINT');
      await m.shell?.catch(() => {});
      await ctr(m, 'clean', '--all', '--yes');
      rmSync(m.home, { recursive: true, force: true });
    }
    rmSync(board, { recursive: true, force: true });
    api?.close();
  }, 120_000);

  it('each member has names and ports of their own', () => {
    const names = group.map((m) => m.lesson.values!.web);
    const ports = group.map((m) => m.lesson.values!.port);
    expect(names).toEqual(['grp-web-ana', 'grp-web-bo', 'grp-web-cy']);
    expect(new Set(ports).size).toBe(3);
    // The step text each sees names their own.
    expect(cy.lesson.stepProse.serve.en.markdown).toContain(`\`grp-web-cy\` on port ${cy.lesson.values!.port}`);
  });

  it('ana and bo run the same step at the same time without colliding', async () => {
    const [a, b] = await Promise.all([solve(ana, 0), solve(bo, 0)]);
    expect([a.commands[0].exitCode, b.commands[0].exitCode]).toEqual([0, 0]);
    expect(a.check).toMatch(/Step passed\./);
    expect(b.check).toMatch(/Step passed\./);
    expect(await Promise.all([ana, bo].map((m) => status(Number(m.lesson.values!.port))))).toEqual([200, 200]);
  }, 120_000);

  it("cy pastes ana's answer: the door says whose the name is, and cy's step fails", async () => {
    const pasted = await solve(cy, 0, ana);
    expect(pasted.commands[0].exitCode).not.toBe(0);
    expect(pasted.commands[0].stderr).toMatch(/grp-web-ana/);
    expect(pasted.check).not.toMatch(/Step passed/);
    // ana's server is untouched.
    expect(await status(Number(ana.lesson.values!.port))).toBe(200);
    const own = await solve(cy, 0);
    expect(own.commands[0].exitCode).toBe(0);
    expect(own.check).toMatch(/Step passed\./);
  }, 120_000);

  it('all three finish the week at the same time and write signed reports', async () => {
    const done = await Promise.all(group.map((m) => solve(m, 1)));
    for (const d of done) expect(d.check).toMatch(/Step passed\./);
    await Promise.all(
      group.map(async (m) => {
        const out = join(board, `${m.name}.json`);
        const r = await ctr(m, 'session', 'end', '--json', '--out', out);
        expect(r.stderr).toBe('');
        expect(r.exitCode).toBe(0);
        reports.push(out);
      }),
    );
    reports.sort();
  }, 120_000);

  it('the scoreboard counts every member and flags the report edited after signing', async () => {
    expect(reports).toHaveLength(3);
    const fair = JSON.parse((await execa(process.execPath, [BIN, 'scoreboard', ...reports, '--json'], { env: env(board) })).stdout);
    expect(fair.members.map((m: { member: string; stepsPassed: number }) => [m.member, m.stepsPassed])).toEqual([['ana', 2], ['bo', 2], ['cy', 2]]);
    expect(fair.flagged).toEqual([]);
    // cy needed two attempts at serve (the pasted answer, then their own): the group's hardest step.
    expect(fair.hard.mostAttempts[0]).toMatchObject({ lesson: 'serve-own-page', step: 'serve', attempts: 4, passedBy: 3 });

    // cy edits their attempts down in the signed report before sharing it.
    const cyFile = reports.find((f) => f.endsWith('cy.json'))!;
    const edited = readFileSync(cyFile, 'utf8').replace(/"attempts": 2/, '"attempts": 1');
    expect(edited).not.toBe(readFileSync(cyFile, 'utf8'));
    writeFileSync(cyFile, edited);
    const r = await execa(process.execPath, [BIN, 'scoreboard', ...reports, '--json'], { env: env(board), reject: false });
    const flagged = JSON.parse(r.stdout);
    expect(flagged.flagged.map((f: { member: string }) => f.member)).toEqual(['cy']);
    expect(flagged.members.map((m: { member: string }) => m.member)).toEqual(['ana', 'bo']);
  }, 60_000);
});
