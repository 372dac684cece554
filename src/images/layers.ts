import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../paths';
import { makeLayer, type Layer } from './archive';
import { HOST_BINARIES, busyboxApplets, busyboxVersion, readHostFile, sharedLibraries } from './host';
import { SEED_IMAGES, type SeedName } from './seeds';
import { buildTar, type TarEntry } from './tar';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const GROUP = 'root:x:0:\nnobody:x:65534:\n';

function marker(name: SeedName): string {
  return SEED_IMAGES.find((s) => s.name === name)!.marker;
}

/** Static files baked into images live in assets/images/ of the package. */
export function assetPath(...parts: string[]): string {
  return join(packageRoot(), 'assets', 'images', ...parts);
}

/**
 * The busybox root filesystem: Debian's static busybox with one symlink per applet in /bin,
 * a passwd and group file, and the usual empty directories. The web and registry images reuse
 * this exact tar, so all three share one diffID (what a lesson on layers shows).
 */
export async function busyboxLayer(signal?: AbortSignal): Promise<Layer> {
  const bin = HOST_BINARIES.busybox.path;
  const [data, applets, version] = await Promise.all([readHostFile(bin), busyboxApplets(bin, signal), busyboxVersion(bin, signal)]);
  const entries: TarEntry[] = [
    { type: 'file', path: 'bin/busybox', mode: 0o755, data },
    ...applets.map((a): TarEntry => ({ type: 'symlink', path: `bin/${a}`, target: 'busybox' })),
    { type: 'file', path: 'etc/passwd', mode: 0o644, data: Buffer.from(PASSWD) },
    { type: 'file', path: 'etc/group', mode: 0o644, data: Buffer.from(GROUP) },
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'dir', path: 'root', mode: 0o700 },
    ...['dev', 'home', 'proc', 'sys', 'usr/bin', 'usr/sbin', 'var'].map((path): TarEntry => ({ type: 'dir', path })),
  ];
  return makeLayer(await buildTar(entries), `${marker('busybox')}${version} from Debian busybox-static`);
}

/** The web page in /www and tini as /sbin/tini (busybox httpd as PID 1 would ignore SIGTERM). */
export async function webLayer(): Promise<Layer> {
  const [page, tini] = await Promise.all([readHostFile(assetPath('web', 'index.html')), readHostFile(HOST_BINARIES.tini.path)]);
  const entries: TarEntry[] = [
    { type: 'file', path: 'www/index.html', mode: 0o644, data: page },
    { type: 'file', path: 'sbin/tini', mode: 0o755, data: tini },
  ];
  return makeLayer(await buildTar(entries), `${marker('web')}page in /www, tini from Debian tini`);
}

/**
 * Debian's docker-registry, the libraries it links (libc and the dynamic loader, at the paths
 * ldd names) and our own config: Debian's listens on every interface and turns on htpasswd auth.
 */
export async function registryLayer(signal?: AbortSignal): Promise<Layer> {
  const bin = HOST_BINARIES.registry.path;
  const libs = await sharedLibraries(bin, signal);
  const [binary, config, ...libData] = await Promise.all([
    readHostFile(bin),
    readHostFile(assetPath('registry', 'config.yml')),
    // The loader path is usually a symlink (/lib64 → /lib/x86_64-linux-gnu/...): copy the file it names.
    ...libs.map(async (l) => readHostFile(await realpath(l))),
  ]);
  const entries: TarEntry[] = [
    { type: 'file', path: bin.slice(1), mode: 0o755, data: binary },
    { type: 'file', path: 'etc/docker/registry/config.yml', mode: 0o644, data: config },
    { type: 'dir', path: 'var/lib/registry' },
    ...libs.map((l, i): TarEntry => ({ type: 'file', path: l.slice(1), mode: 0o755, data: libData[i] })),
  ];
  return makeLayer(await buildTar(entries), `${marker('registry')}from Debian docker-registry, with its libraries and config`);
}
