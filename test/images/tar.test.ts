import { describe, expect, it } from 'vitest';
import { buildTar, type TarEntry } from '../../src/images/tar';
import { BugError } from '../../src/errors';
import { readTar } from './tar-read';

const ENTRIES: TarEntry[] = [
  { type: 'symlink', path: 'bin/sh', target: 'busybox' },
  { type: 'file', path: 'bin/busybox', mode: 0o755, data: Buffer.from('#!fake busybox\n') },
  { type: 'dir', path: 'tmp', mode: 0o1777 },
  { type: 'file', path: 'etc/passwd', mode: 0o644, data: Buffer.from('root:x:0:0:root:/root:/bin/sh\n') },
];

describe('buildTar', () => {
  it('gives byte-identical output for the same entries in any order', async () => {
    const a = await buildTar(ENTRIES);
    const b = await buildTar([...ENTRIES].reverse());
    expect(a.equals(b)).toBe(true);
    expect(a.length % 512).toBe(0);
  });

  it('sorts entries, adds missing parents, and fixes owner, time and modes', async () => {
    const entries = await readTar(await buildTar(ENTRIES));
    expect(entries.map((e) => e.name)).toEqual(['bin/', 'bin/busybox', 'bin/sh', 'etc/', 'etc/passwd', 'tmp/']);
    for (const e of entries) expect([e.uid, e.gid, e.mtime]).toEqual([0, 0, 0]);
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName['bin/'].mode).toBe(0o755);
    expect(byName['tmp/'].mode).toBe(0o1777);
    expect(byName['bin/busybox']).toMatchObject({ type: 'file', mode: 0o755 });
    expect(byName['bin/busybox'].data.toString()).toBe('#!fake busybox\n');
    expect(byName['bin/sh']).toMatchObject({ type: 'symlink', linkname: 'busybox' });
  });

  it('differs when content differs (the digest really depends on the files)', async () => {
    const changed = ENTRIES.map((e) => (e.path === 'bin/busybox' ? { ...e, data: Buffer.from('other') } : e));
    expect((await buildTar(ENTRIES)).equals(await buildTar(changed))).toBe(false);
  });

  it.each([
    ['an absolute path', [{ type: 'dir', path: '/etc' }]],
    ['a path with ..', [{ type: 'dir', path: 'etc/../x' }]],
    ['a duplicate path', [{ type: 'dir', path: 'etc' }, { type: 'dir', path: 'etc' }]],
    ['a file used as a directory', [{ type: 'file', path: 'etc', mode: 0o644, data: Buffer.alloc(0) }, { type: 'dir', path: 'etc/x' }]],
  ] as [string, TarEntry[]][])('rejects %s', async (_what, entries) => {
    await expect(buildTar(entries)).rejects.toBeInstanceOf(BugError);
  });
});
