import { expect, it } from 'vitest';
import type { ImageInspect } from '../../../src/engine/types';
import { engineForTests } from '../../helpers/engine';
import { describeAttacks } from './attempt';
import { buildAttempts, imageAttempts } from './table-images';

const api = await engineForTests();

describeAttacks(api, 'sandbox attacks: tags, images and builds', [...imageAttempts, ...buildAttempts], (ctx, untouched) => {
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
