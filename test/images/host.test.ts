import { describe, expect, it } from 'vitest';
import { hostArchitecture, installCommand, parseLdd } from '../../src/images/host';
import { UserError } from '../../src/errors';

describe('parseLdd', () => {
  it('keeps the libraries and the loader, not the vdso', () => {
    const out = [
      '\tlinux-vdso.so.1 (0x00007ffd5a1f2000)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f14ecc6d000)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f14ece62000)',
    ].join('\n');
    expect(parseLdd(out, '/usr/bin/docker-registry')).toEqual(['/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']);
  });

  it('reports a library the machine lacks as something the user can fix', () => {
    expect(() => parseLdd('\tlibfoo.so.1 => not found\n', '/usr/bin/x')).toThrow(UserError);
  });
});

describe('installCommand', () => {
  it('names each Debian package once, sorted', () => {
    const cmd = installCommand([
      { path: '/usr/bin/tini-static', debianPackage: 'tini' },
      { path: '/bin/busybox', debianPackage: 'busybox-static' },
      { path: '/bin/busybox', debianPackage: 'busybox-static' },
    ]);
    expect(cmd).toBe('apt-get install -y busybox-static tini');
  });
});

describe('hostArchitecture', () => {
  it.each([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['ia32', '386'],
  ])('%s is %s', (node, oci) => expect(hostArchitecture(node)).toBe(oci));
});
