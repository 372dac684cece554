import { describe, expect, it } from 'vitest';
import { SeedBuilder } from '../../src/images/recipes';
import { hostBinariesOrSkip } from './host-helper';
import { readTar, type ReadEntry } from './tar-read';

const haveBinaries = hostBinariesOrSkip();

async function files(tar: Buffer): Promise<Record<string, ReadEntry>> {
  return Object.fromEntries((await readTar(tar)).map((e) => [e.name.replace(/\/$/, ''), e]));
}

describe.skipIf(!haveBinaries)('seed images from host binaries', () => {
  it('two builders give byte-identical layers and the same image IDs', async () => {
    const [a, b] = [new SeedBuilder(), new SeedBuilder()];
    for (const name of ['busybox', 'web', 'registry'] as const) {
      const [x, y] = [await a.build(name), await b.build(name)];
      expect(y.config.id).toBe(x.config.id);
      expect(y.config.json.equals(x.config.json)).toBe(true);
      x.layers.forEach((l, i) => expect(y.layers[i].tar.equals(l.tar)).toBe(true));
    }
  }, 30_000);

  it('web and registry sit on the very busybox layer (same diffID)', async () => {
    const builder = new SeedBuilder();
    const [busybox, web, registry] = await Promise.all([builder.build('busybox'), builder.build('web'), builder.build('registry')]);
    expect(busybox.layers).toHaveLength(1);
    expect(web.layers[0].diffId).toBe(busybox.layers[0].diffId);
    expect(registry.layers[0].diffId).toBe(busybox.layers[0].diffId);
    expect(new Set([busybox.config.id, web.config.id, registry.config.id]).size).toBe(3);
  }, 30_000);

  it('the busybox layer has the binary, one symlink per applet, passwd and a sticky /tmp', async () => {
    const f = await files((await new SeedBuilder().build('busybox')).layers[0].tar);
    expect(f['bin/busybox']).toMatchObject({ type: 'file', mode: 0o755 });
    for (const applet of ['sh', 'echo', 'httpd', 'wget', 'ls']) expect(f[`bin/${applet}`]).toMatchObject({ type: 'symlink', linkname: 'busybox' });
    expect(f['tmp']).toMatchObject({ type: 'directory', mode: 0o1777 });
    expect(f['etc/passwd'].data.toString()).toMatch(/^root:x:0:0:/);
    expect(f['etc/group'].data.toString()).toMatch(/^root:x:0:/m);
  }, 30_000);

  it('the web image serves our page from /www through tini', async () => {
    const web = await new SeedBuilder().build('web');
    const f = await files(web.layers[1].tar);
    expect(f['www/index.html'].data.toString()).toContain('Hello from ctr-learn');
    expect(f['sbin/tini']).toMatchObject({ type: 'file', mode: 0o755 });
    const config = JSON.parse(web.config.json.toString());
    expect(config.config).toMatchObject({ Entrypoint: ['/sbin/tini', '--'], Cmd: ['httpd', '-f', '-v', '-p', '80', '-h', '/www'], ExposedPorts: { '80/tcp': {} } });
    expect(config.history.map((h: { created_by: string }) => h.created_by)).toEqual([
      expect.stringMatching(/^ctr-learn seed: busybox /),
      expect.stringMatching(/^ctr-learn seed: web /),
    ]);
  }, 30_000);

  it('the registry image has its libraries and our config, not Debian’s', async () => {
    const registry = await new SeedBuilder().build('registry');
    const f = await files(registry.layers[1].tar);
    expect(f['usr/bin/docker-registry']).toMatchObject({ type: 'file', mode: 0o755 });
    expect(Object.keys(f).some((p) => /^lib\/.*libc\.so\.6$/.test(p))).toBe(true);
    expect(Object.keys(f).some((p) => /ld-linux.*\.so\.2$/.test(p))).toBe(true);
    const yml = f['etc/docker/registry/config.yml'].data.toString();
    expect(yml).toMatch(/addr: :5000/);
    expect(yml).toMatch(/rootdirectory: \/var\/lib\/registry/);
    expect(yml).not.toMatch(/^\s*auth:/m);
    const config = JSON.parse(registry.config.json.toString());
    expect(config.config).toMatchObject({ Entrypoint: ['/usr/bin/docker-registry'], Volumes: { '/var/lib/registry': {} }, ExposedPorts: { '5000/tcp': {} } });
  }, 30_000);
});
