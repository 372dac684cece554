import { expect, it } from 'vitest';
import type { ImageInspect } from '../../../src/engine/types';
import { engineForTests } from '../../helpers/engine';
import { describeAttacks } from './attempt';
import { buildAttempts, imageAttempts } from './table-images';

const api = await engineForTests();

describeAttacks(api, 'sandbox attacks: tags, images and builds', [...imageAttempts, ...buildAttempts], (ctx, untouched) => {
  /** The sandbox builds an image; someone outside tags it; the sandbox then tries `args` on it. */
  const outsideTagOnOwnBuild = (what: string, args: (built: string, id: string, mark: string) => string[]) =>
    it(`[tags and images] ${what} keeps an outside tag put on the sandbox's own build`, async () => {
      const { lab, o } = ctx();
      const n = Math.random().toString(36).slice(2, 6);
      const built = `${o.prefix}-zz-own${n}:1`;
      const keep = `${o.prefix}-aa-keep${n}:1`;
      const b = await lab.docker(['build', '-q', '--label', `ctrl-atk.build=${n}`, '-t', built, '.']);
      expect(b.exitCode, b.stderr).toBe(0);
      const id = (await lab.engine.json<ImageInspect>('GET', `/images/${built}/json`)).Id;
      expect((await lab.real(['tag', built, keep])).exitCode).toBe(0);
      const r = await lab.docker(args(built, id, n));
      expect.soft((await lab.engine.maybe<ImageInspect>('GET', `/images/${keep}/json`))?.Id, `docker ${args(built, id, n).join(' ')} → ${r.exitCode}: ${r.stderr}`).toBe(id);
      await untouched(what);
    });
  outsideTagOnOwnBuild('rmi -f by id', (_built, id) => ['rmi', '-f', id]);
  // The filter keeps the prune on this one build even if the sandbox forwarded it unfiltered.
  outsideTagOnOwnBuild('image prune -a', (_b, _id, mark) => ['image', 'prune', '-a', '-f', '--filter', `label=ctrl-atk.build=${mark}`]);

  it('[tags and images] closing the sandbox after all of the above removes no outside tag (library/ and docker.io/ spellings, and an outside tag on the sandbox’s own build)', async () => {
    const { lab, o } = ctx();
    // Someone outside the sandbox tags an image the sandbox built: the tag is theirs, the data the sandbox's.
    const built = `${o.prefix}-zz-built:1`;
    const keep = `${o.prefix}-aa-keep:1`;
    const b = await lab.docker(['build', '-q', '-t', built, '.']);
    expect(b.exitCode, b.stderr).toBe(0);
    const t = await lab.real(['tag', built, keep]);
    expect(t.exitCode, t.stderr).toBe(0);
    const keepId = (await lab.engine.json<ImageInspect>('GET', `/images/${keep}/json`)).Id;
    await lab.sandbox.end();
    for (const [ref, id] of [[o.tag, o.busyboxId], [o.unusedTag, o.unusedImageId], ['busybox:latest', o.busyboxId], [keep, keepId]]) {
      expect.soft((await lab.engine.maybe<ImageInspect>('GET', `/images/${ref}/json`))?.Id, ref).toBe(id);
    }
    await untouched('closing the sandbox');
  });
});
