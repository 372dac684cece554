import { beforeAll, describe, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import { registryDigest } from '../../src/checks/kinds/digest';
import { engineForTests, uniq } from '../helpers/engine';
import { expectGrade, freePort, gradeCases, gradeOne, useLab } from './helpers';

const api = await engineForTests();

/**
 * lessons-images: the image fields for layers shared with another image, an imported (one-layer)
 * image and a `docker load` round trip; the digest kind against a real registry container.
 */
describe.runIf(api)('layer, archive and digest checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-archive'));
  const repo = uniq('arch-app');
  const v1 = `${repo}:1`;
  const v2 = `${repo}:2`;
  const same = `${repo}:same`;
  const flat = `${repo}-flat:1`;
  const kept = `${repo}-kept:1`;
  const box = uniq('arch-box');
  const reg = uniq('arch-reg');
  let port = 0;
  const pushed = () => `127.0.0.1:${port}/${repo}`;

  beforeAll(async () => {
    port = await freePort();
    // RUN below COPY: a rebuild after app.sh changed reuses busybox + RUN from the cache.
    writeFileSync(join(lab.ws, 'Dockerfile'), 'FROM busybox:1.36\nRUN echo deps > /deps.txt\nCOPY app.sh /app.sh\nCMD ["sh", "/app.sh"]\n');
    writeFileSync(join(lab.ws, 'app.sh'), 'echo one\n');
    await lab.ok(`docker build -t ${v1} .`);
    writeFileSync(join(lab.ws, 'app.sh'), 'echo two\n');
    await lab.ok(`docker build -t ${v2} .`);
    await lab.ok(`docker tag ${v1} ${same}`);
    // export + import: one layer; save, rmi, load: the same ID back; a load over a kept image.
    await lab.ok(`docker create --name ${box} ${v1}`);
    await lab.ok(`docker export -o box.tar ${box}`);
    await lab.ok(`docker import box.tar ${flat}`);
    // Its own Dockerfile: an image built on top of v2 would keep v2's ID alive as its parent.
    writeFileSync(join(lab.ws, 'Dockerfile.kept'), 'FROM busybox:1.36\nLABEL kept=1\n');
    await lab.ok(`docker build -f Dockerfile.kept -t ${kept} .`);
    // A registry: 1.0 and stable are one image, next is another; 1.0 is pulled back by digest.
    await lab.ok(`docker run -d --name ${reg} -p 127.0.0.1:${port}:5000 ctr-learn/registry:2`);
    await lab.all(`docker tag ${v1} ${pushed()}:1.0`, `docker tag ${v1} ${pushed()}:stable`, `docker tag ${v2} ${pushed()}:next`);
    for (const t of ['1.0', 'stable', 'next']) await lab.ok(`docker push ${pushed()}:${t}`);
  }, 120_000);

  gradeCases(lab, [
    { name: 'a rebuild after app.sh changed shares busybox and the cached RUN, not the COPY', check: { kind: 'image', image: v2, sharedLayers: { image: v1, min: 2, max: 2 } }, pass: true, actual: new RegExp(`shares its bottom 2 layer\\(s\\) with ${v1} \\(of its 3\\)`) },
    { name: 'a second tag shares every layer, more than max', check: { kind: 'image', image: same, sharedLayers: { image: v1, max: 2 } }, pass: false, actual: /shares its bottom 3 layer\(s\)/, expected: /<= 2 bottom layer\(s\) shared with/ },
    { name: 'sharing with an image that does not exist', check: { kind: 'image', image: v2, sharedLayers: { image: `${repo}:nope`, min: 1 } }, pass: false, actual: new RegExp(`no image ${repo}:nope`) },
    { name: 'an imported export is one layer', check: { kind: 'image', image: flat, maxLayers: 1 }, pass: true, actual: /, 1 layer\(s\)$/ },
    { name: 'the built image has more than one layer', check: { kind: 'image', image: v1, maxLayers: 1 }, pass: false, actual: /, 3 layer\(s\)$/, expected: /with at most 1 layer/ },
  ]);

  // Engine state (LastTagTime), not events: the verdict does not depend on when it is graded.
  it('loaded: only a load after the image was deleted here counts', async () => {
    const check = { kind: 'image' as const, loaded: true };
    expectGrade(await gradeOne({ ...check, image: v1 }, lab.ctx), { pass: false, actual: /named here by a build, commit or docker tag at \d{4}-/ });
    await lab.ok(`docker save -o kept.tar ${kept}`);
    await lab.ok(`docker load -i kept.tar`);
    expectGrade(await gradeOne({ ...check, image: kept }, lab.ctx), { pass: false, actual: /named here by a build.*remove every name of it first\)$/ });
    await lab.ok(`docker save -o v2.tar ${v2}`);
    await lab.ok(`docker rmi ${v2} ${pushed()}:next`);
    await lab.ok(`docker load -i v2.tar`);
    expectGrade(await gradeOne({ ...check, image: v2 }, lab.ctx), { pass: true, actual: /its name came from an archive \(docker load\), after its last copy here was deleted$/ });
    // A tag given afterwards stamps it: the name no longer comes from the archive alone.
    await lab.ok(`docker tag ${v2} ${repo}:retagged`);
    expectGrade(await gradeOne({ ...check, image: v2 }, lab.ctx), { pass: false, actual: /named here by a build, commit or docker tag/ });
    await lab.ok(`docker rmi ${repo}:retagged`);
  });

  it('digest: two tags pushed from one image share it; another image has its own', async () => {
    const check = { kind: 'digest' as const, port, repository: repo, tag: '1.0' };
    const d = await registryDigest(port, repo, '1.0');
    expectGrade(await gradeOne({ ...check, sameAs: 'stable' }, lab.ctx), { pass: true, actual: new RegExp(`${repo}:1.0 is ${d}, ${repo}:stable is ${d}$`) });
    expectGrade(await gradeOne({ ...check, differentFrom: 'next' }, lab.ctx), { pass: true, actual: /:next is sha256:[0-9a-f]{64}$/ });
    expectGrade(await gradeOne({ ...check, sameAs: 'next' }, lab.ctx), { pass: false, actual: /:next is sha256:/, expected: /:next has the same digest as/ });
    expectGrade(await gradeOne({ ...check, differentFrom: 'stable' }, lab.ctx), { pass: false, actual: /:stable is sha256:/ });
    expectGrade(await gradeOne({ ...check, sameAs: 'v9' }, lab.ctx), { pass: false, actual: new RegExp(`the registry has no tag ${repo}:v9`) });
    expectGrade(await gradeOne({ ...check, tag: 'v9' }, lab.ctx), { pass: false, actual: new RegExp(`^the registry has no tag ${repo}:v9$`) });
    const free = await freePort();
    expectGrade(await gradeOne({ ...check, port: free }, lab.ctx), { pass: false, actual: new RegExp(`^nothing listens on 127.0.0.1:${free}$`) });
  });

  it('digest: pulled by exactly that digest, not by its tag', async () => {
    const check = { kind: 'digest' as const, port, repository: repo, tag: '1.0', pulled: true };
    const d = (await registryDigest(port, repo, '1.0'))!;
    // Pushed (so the image here knows its digest) but never pulled by it.
    expectGrade(await gradeOne(check, lab.ctx), { pass: false, actual: /it was never pulled by the digest \(127\.0\.0\.1:\d+\/.*@sha256:[0-9a-f]{64}\)$/ });
    await lab.ok(`docker pull ${pushed()}:1.0`);
    expectGrade(await gradeOne(check, lab.ctx), { pass: false, actual: /never pulled by the digest/ });
    await lab.ok(`docker pull ${pushed()}@${d}`);
    expectGrade(await gradeOne(check, lab.ctx), { pass: true, actual: new RegExp(`pulled as 127\\.0\\.0\\.1:${port}/${repo}@${d}$`) });
    // Its names removed, the digest reference goes too: nothing by that digest is here.
    await lab.ok(`docker rm ${box}`);
    await lab.ok(`docker rmi ${pushed()}@${d} ${v1} ${same} ${pushed()}:1.0 ${pushed()}:stable`);
    expectGrade(await gradeOne(check, lab.ctx), { pass: false, actual: /no image 127\.0\.0\.1:\d+\/.*@sha256:[0-9a-f]{64} here/ });
  }, 60_000);
});
