import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { runOk } from '../proc/run';
import { UserError } from '../errors';

/** A file on this machine that a seed image is made from, and the Debian package that installs it. */
export interface HostBinary {
  path: string;
  debianPackage: string;
}

export const HOST_BINARIES = {
  busybox: { path: '/bin/busybox', debianPackage: 'busybox-static' },
  tini: { path: '/usr/bin/tini-static', debianPackage: 'tini' },
  registry: { path: '/usr/bin/docker-registry', debianPackage: 'docker-registry' },
} as const satisfies Record<string, HostBinary>;

/** Which of these binaries are absent (or not executable) on this machine. */
export function missingHostBinaries(needs: readonly HostBinary[]): HostBinary[] {
  return needs.filter((b) => {
    try {
      accessSync(b.path, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** The command that installs them, e.g. "apt-get install -y busybox-static tini". */
export function installCommand(missing: readonly HostBinary[]): string {
  const pkgs = [...new Set(missing.map((b) => b.debianPackage))].sort();
  return `apt-get install -y ${pkgs.join(' ')}`;
}

export async function readHostFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new UserError(`Cannot read ${path}: ${(err as Error).message}`);
  }
}

/** The applet names a busybox binary provides (`busybox --list`), without "busybox" itself. */
export async function busyboxApplets(busybox: string, signal?: AbortSignal): Promise<string[]> {
  const r = await runOk(busybox, ['--list'], { description: 'busybox --list', timeoutMs: 10_000, signal });
  const names = r.stdout.split('\n').map((s) => s.trim());
  return [...new Set(names.filter((n) => n && n !== 'busybox' && !n.includes('/')))].sort();
}

/** "1.35.0" from the first line of `busybox --help`. */
export async function busyboxVersion(busybox: string, signal?: AbortSignal): Promise<string> {
  const r = await runOk(busybox, ['--help'], { description: 'busybox --help', timeoutMs: 10_000, signal });
  return /BusyBox v(\d+(?:\.\d+)*)/.exec(r.stdout + r.stderr)?.[1] ?? 'unknown';
}

/**
 * The shared libraries a dynamic binary loads, as absolute paths (`ldd`), including the dynamic
 * loader itself. The image puts each at the same path so the binary runs unchanged.
 */
export async function sharedLibraries(binary: string, signal?: AbortSignal): Promise<string[]> {
  const r = await runOk('ldd', [binary], { description: `ldd ${binary}`, timeoutMs: 10_000, signal });
  return parseLdd(r.stdout, binary);
}

export function parseLdd(output: string, binary: string): string[] {
  const paths: string[] = [];
  for (const line of output.split('\n')) {
    if (/=>\s*not found/.test(line)) {
      throw new UserError(`${binary} needs a library this machine does not have: ${line.trim()}`, `apt-get install --reinstall the package of ${binary}`);
    }
    const m = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (m) paths.push(m[1]);
  }
  return [...new Set(paths)].sort();
}

/** The Go/OCI name of this machine's architecture: the host binaries in a seed image are built for it. */
export function hostArchitecture(arch: string = process.arch): string {
  const names: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return names[arch] ?? arch;
}
