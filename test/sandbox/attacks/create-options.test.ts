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
    }
  });
});
