import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { engineForTests } from '../../helpers/engine';
import { describeAttacks } from './attempt';
import { bodyAttempts } from './table-bodies';
import { createOptionAttempts } from './table-create';

const api = await engineForTests();

describeAttacks(api, 'sandbox attacks: container create options and request bodies', [...createOptionAttempts, ...bodyAttempts], (ctx, untouched) => {
  // Not in the list. The engine resolves a bind's source when the container STARTS, not
  // when it is created: a workspace folder judged at create time can be a symlink by then.
  it('[create options] a workspace folder swapped for a symlink between create and start mounts nothing outside', async () => {
    const { lab, ws, o } = ctx();
    const dir = join(ws, 'swap');
    mkdirSync(dir, { recursive: true });
    const name = `${o.prefix}-swap`;
    const created = await lab.docker(['create', '--name', name, '-v', `${dir}:/x`, 'busybox:latest', 'cat', '/x/secret.txt']);
    expect(created.exitCode, created.stderr).toBe(0);
    rmSync(dir, { recursive: true });
    symlinkSync(o.hostDir, dir);
    const started = await lab.docker(['start', '-a', name]);
    expect.soft(started.stdout, `docker start -a → exit ${started.exitCode}: ${started.stderr}`).not.toContain('host-secret-never-read');
    expect.soft(started.exitCode).not.toBe(0);
    expect.soft(started.stderr).toMatch(/ctr-learn sandbox: .*outside the lesson workspace/);
    try {
      await untouched('bind source swapped for a symlink before start');
    } finally {
      rmSync(dir);
      await lab.docker(['rm', '-f', name]);
    }
  });

  // The same swap made from inside: a container that can write the workspace turns a folder
  // another container mounts into a link to the host, and the engine's own restart mounts it.
  it('[create options] a container that can write a folder cannot sit beside a bind of something inside it', async () => {
    const { lab, ws, o } = ctx();
    const inner = join(ws, 'inner');
    mkdirSync(inner, { recursive: true });
    const writer = `${o.prefix}-writer`;
    const w = await lab.docker(['create', '--name', writer, '-v', `${ws}:/w`, 'busybox:latest', 'sh', '-c', `rm -r /w/inner && ln -s ${o.hostDir} /w/inner`]);
    expect(w.exitCode, w.stderr).toBe(0);
    try {
      const inside = await lab.docker(['create', '--name', `${o.prefix}-inner`, '--restart', 'always', '-v', `${inner}:/x:ro`, 'busybox:latest', 'cat', '/x/secret.txt']);
      expect(inside.exitCode).not.toBe(0);
      expect(inside.stderr).toMatch(/ctr-learn sandbox: .*could swap the source/);
      await untouched('a writer beside a bind from inside its folder');
    } finally {
      await lab.docker(['rm', '-f', writer]);
      rmSync(inner, { recursive: true, force: true });
    }
  });
});
