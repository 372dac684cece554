import { expect, it } from 'vitest';
import type { ImageInspect } from '../../../src/engine/types';
import { engineForTests } from '../../helpers/engine';
import { describeAttacks } from './attempt';
import { buildAttempts, imageAttempts } from './table-images';

const api = await engineForTests();

describeAttacks(api, 'sandbox attacks: tags, images and builds', [...imageAttempts, ...buildAttempts], (ctx, untouched) => {
  it('closing the sandbox after all of the above removes no outside tag (library/ and docker.io/ spellings included)', async () => {
    const { lab, o } = ctx();
    await lab.sandbox.end();
    for (const [ref, id] of [[o.tag, o.busyboxId], [o.unusedTag, o.unusedImageId], ['busybox:latest', o.busyboxId]]) {
      expect((await lab.engine.maybe<ImageInspect>('GET', `/images/${ref}/json`))?.Id, ref).toBe(id);
    }
    await untouched('closing the sandbox');
  });
});
