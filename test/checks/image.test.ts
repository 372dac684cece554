import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineApi } from '../../src/engine/api';
import type { ImageInspect } from '../../src/engine/types';
import { engineForTests, uniq } from '../helpers/engine';
import { expectGrade, gradeCases, gradeOne, useLab } from './helpers';

const api = await engineForTests();

/** Images a learner builds and tags: existence, base, layers, labels, history, identity. */
describe.runIf(api)('image checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-image'));
  const repo = uniq('learner-app');
  const built = `${repo}:1`;
  const alias = `${repo}:stable`;
  const missing = `${uniq('never-built')}:1`;
  // The learner's own image, tagged straight on the engine before (outside the sandbox).
  const own = uniq('my-own');
  let shortId = '';

  beforeAll(async () => {
    writeFileSync(join(lab.ws, 'Dockerfile'), 'FROM busybox:latest\nLABEL course=ctr-learn\nRUN echo built > /built.txt\n');
    await lab.ok(`docker build -t ${built} .`);
    await lab.ok(`docker tag ${built} ${alias}`);
    shortId = (await lab.api.json<ImageInspect>('GET', `/images/${built}/json`)).Id.slice(7, 19);
    await lab.api.json('POST', '/images/busybox:latest/tag', { query: { repo: own, tag: '1' } });
    lab.cleanup(() => lab.api.request('DELETE', `/images/${own}:1`));
  });

  it('the learner’s own image of that name, made outside the sandbox, never counts', async () => {
    expectGrade(await gradeOne({ kind: 'image', image: `${own}:1` }, lab.ctx), { pass: false, actual: /exists outside it; the lesson cannot use it\)$/ });
    expectGrade(await gradeOne({ kind: 'image', image: `${own}:1`, exists: false }, lab.ctx), { pass: true, actual: /^no image .* in the sandbox/ });
  });

  it('engine facts: a RUN adds one layer on top of the base, LABEL adds none', async () => {
    const [img, base] = await Promise.all([built, 'busybox:latest'].map((r) => lab.api.json<ImageInspect>('GET', `/images/${r}/json`)));
    expect(img.RootFS.Layers).toHaveLength((base.RootFS.Layers ?? []).length + 1);
    expect(img.RootFS.Layers?.slice(0, -1)).toEqual(base.RootFS.Layers);
  });

  gradeCases(lab, [
    { name: 'the built image exists', check: { kind: 'image', image: built }, pass: true, actual: new RegExp(`^image ${built} \\([0-9a-f]{12}\\), 2 layer\\(s\\)$`) },
    { name: 'an image that was never built', check: { kind: 'image', image: missing }, pass: false, actual: new RegExp(`^no image ${missing}$`) },
    { name: 'must not exist, and does not', check: { kind: 'image', image: missing, exists: false }, pass: true, actual: /^no image / },
    { name: 'must not exist, but does', check: { kind: 'image', image: built, exists: false }, pass: false, actual: new RegExp(`^image ${built} exists \\([0-9a-f]{12}\\)$`), expected: /does not exist/ },
    { name: 'no tag means :latest', check: { kind: 'image', image: repo }, pass: false, actual: new RegExp(`^no image ${repo}:latest$`) },
    { name: 'docker.io/library/ prefix is the same image', check: { kind: 'image', image: `docker.io/library/${built}` }, pass: true, actual: new RegExp(`^image ${built} `) },
    { name: 'a seed image is not one the learner made', check: { kind: 'image', image: 'busybox:latest' }, pass: false, actual: /^no image busybox:latest in the sandbox \(an image with that name exists outside it/ },
    { name: 'built FROM busybox', check: { kind: 'image', image: built, baseImage: 'busybox:latest' }, pass: true, actual: /shares 1 of 1 base layer\(s\)/ },
    { name: 'not built FROM the web image', check: { kind: 'image', image: built, baseImage: 'ctr-learn/web:1' }, pass: false, actual: /shares 1 of 2 base layer\(s\)/, expected: /built from ctr-learn\/web:1/ },
    { name: 'a base that does not exist', check: { kind: 'image', image: built, baseImage: missing }, pass: false, actual: new RegExp(`base ${missing} missing`) },
    { name: 'at least 2 layers', check: { kind: 'image', image: built, minLayers: 2 }, pass: true, actual: /, 2 layer\(s\)$/ },
    { name: 'not 3 layers', check: { kind: 'image', image: built, minLayers: 3 }, pass: false, actual: /, 2 layer\(s\)$/, expected: /at least 3 layers/ },
    { name: 'the LABEL from the Dockerfile', check: { kind: 'image', image: built, labels: { course: 'ctr-learn' } }, pass: true, actual: /2 layer\(s\)$/ },
    { name: 'a label with another value', check: { kind: 'image', image: built, labels: { course: 'k8s' } }, pass: false, actual: /labels course=ctr-learn$/, expected: /labels course=k8s/ },
    { name: 'a label that is not set', check: { kind: 'image', image: built, labels: { course: 'ctr-learn', owner: 'me' } }, pass: false, actual: /labels owner=\(unset\)$/ },
    { name: 'history shows the RUN', check: { kind: 'image', image: built, historyIncludes: 'echo built > /built.txt' }, pass: true, actual: /2 layer\(s\)$/ },
    { name: 'history has no such step', check: { kind: 'image', image: built, historyIncludes: 'apt-get install' }, pass: false, actual: /history has no "apt-get install"/ },
    { name: 'the tag is the same image', check: { kind: 'image', image: alias, sameAs: built }, pass: true, actual: new RegExp(`${built} is [0-9a-f]{12}`) },
    { name: 'busybox is another image', check: { kind: 'image', image: built, sameAs: 'busybox' }, pass: false, actual: /busybox:latest is [0-9a-f]{12}$/, expected: /same image as busybox:latest/ },
    { name: 'sameAs an image that does not exist', check: { kind: 'image', image: built, sameAs: missing }, pass: false, actual: new RegExp(`no image ${missing}$`) },
  ]);

  it('passes: all facts of the built image at once, naming its ID', async () => {
    const r = await gradeOne(
      { kind: 'image', image: built, baseImage: 'busybox', minLayers: 2, labels: { course: 'ctr-learn' }, historyIncludes: 'built.txt', sameAs: alias },
      lab.ctx,
    );
    expectGrade(r, { pass: true, actual: new RegExp(`\\(${shortId}\\)`), expected: /built from busybox:latest, with at least 2 layers, labels course=ctr-learn, history mentions "built.txt", same image as/ });
  });
});
