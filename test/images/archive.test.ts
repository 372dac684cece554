import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, dockerArchive, imageConfig, makeLayer, SEED_CREATED } from '../../src/images/archive';
import { buildTar } from '../../src/images/tar';
import { readTar } from './tar-read';

const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function sampleLayers() {
  const base = makeLayer(await buildTar([{ type: 'file', path: 'bin/busybox', mode: 0o755, data: Buffer.from('bb') }]), 'ctr-learn seed: busybox test');
  const top = makeLayer(await buildTar([{ type: 'file', path: 'www/index.html', mode: 0o644, data: Buffer.from('hi') }]), 'ctr-learn seed: web test');
  return [base, top];
}

describe('image config', () => {
  it('lists the sha256 of each uncompressed layer as diff_ids, in order', async () => {
    const layers = await sampleLayers();
    const config = JSON.parse(imageConfig(layers, { Cmd: ['sh'] }, 'amd64').json.toString());
    expect(config.rootfs).toEqual({ type: 'layers', diff_ids: layers.map((l) => `sha256:${hex(l.tar)}`) });
  });

  it('has a fixed time, the seed marker first in history, and no labels', async () => {
    const config = JSON.parse(imageConfig(await sampleLayers(), { Cmd: ['sh'] }, 'amd64').json.toString());
    expect(config).toMatchObject({ architecture: 'amd64', os: 'linux', created: SEED_CREATED, config: { Cmd: ['sh'] } });
    expect(config.history[0].created_by).toMatch(/^ctr-learn seed: busybox/);
    expect(config.history).toHaveLength(2);
    expect(JSON.stringify(config)).not.toMatch(/Labels/i);
  });

  it('has the sha256 of its bytes as ID, the same on every build', async () => {
    const a = imageConfig(await sampleLayers(), { Env: ['A=1'], Cmd: ['sh'] }, 'amd64');
    const b = imageConfig(await sampleLayers(), { Cmd: ['sh'], Env: ['A=1'] }, 'amd64');
    expect(a.id).toBe(`sha256:${hex(a.json)}`);
    expect(b.json.equals(a.json)).toBe(true);
  });

  it('sorts object keys at every level but keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });
});

describe('dockerArchive', () => {
  it('holds manifest.json, the config and one layer.tar per layer, byte-identical on rebuild', async () => {
    const layers = await sampleLayers();
    const config = imageConfig(layers, { Cmd: ['sh'] }, 'amd64');
    const archive = await dockerArchive(config, layers, ['ctr-learn/web:1']);
    expect((await dockerArchive(config, layers, ['ctr-learn/web:1'])).equals(archive)).toBe(true);

    const files = Object.fromEntries((await readTar(archive)).filter((e) => e.type === 'file').map((e) => [e.name, e.data]));
    const manifest = JSON.parse(files['manifest.json'].toString());
    expect(manifest).toEqual([
      { Config: `${config.id.slice(7)}.json`, RepoTags: ['ctr-learn/web:1'], Layers: layers.map((l) => `${l.diffId.slice(7)}/layer.tar`) },
    ]);
    expect(files[manifest[0].Config].equals(config.json)).toBe(true);
    for (const [i, path] of manifest[0].Layers.entries()) expect(files[path].equals(layers[i].tar)).toBe(true);
  });
});
