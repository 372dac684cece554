import { pack } from 'tar-stream';
import { BugError } from '../errors';

/**
 * One entry of a tar we build. Paths are relative ("bin/busybox"), without a leading slash.
 * Only what a seed image needs: no hard links, devices, owners or timestamps, so the same
 * entries always give the same bytes.
 */
export type TarEntry =
  | { type: 'dir'; path: string; mode?: number }
  | { type: 'file'; path: string; mode: number; data: Buffer }
  | { type: 'symlink'; path: string; target: string };

const DIR_MODE = 0o755;
const SYMLINK_MODE = 0o777;
/** The Unix epoch: every entry gets it, so a rebuild next year gives the same bytes. */
const EPOCH = new Date(0);

/**
 * A deterministic tar (ustar, as tar-stream writes it): entries sorted by path (code-unit order),
 * missing parent directories added (0755), mtime 0, uid/gid 0, no user or group names.
 * The same entries give byte-identical output on every run and machine.
 */
export async function buildTar(entries: TarEntry[]): Promise<Buffer> {
  const sorted = withParents(entries).sort((a, b) => compareBytes(a.path, b.path));
  const out = pack();
  const chunks: Buffer[] = [];
  out.on('data', (c) => chunks.push(c as Buffer));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  for (const e of sorted) {
    const common = { mtime: EPOCH, uid: 0, gid: 0, uname: '', gname: '' };
    if (e.type === 'dir') out.entry({ ...common, name: `${e.path}/`, type: 'directory', mode: e.mode ?? DIR_MODE });
    else if (e.type === 'symlink') out.entry({ ...common, name: e.path, type: 'symlink', mode: SYMLINK_MODE, linkname: e.target });
    else out.entry({ ...common, name: e.path, type: 'file', mode: e.mode, size: e.data.length }, e.data);
  }
  out.finalize();
  await finished;
  return Buffer.concat(chunks);
}

/** Adds a 0755 directory entry for every parent that has none; rejects duplicate or absolute paths. */
function withParents(entries: TarEntry[]): TarEntry[] {
  const byPath = new Map<string, TarEntry>();
  for (const e of entries) {
    if (e.path.startsWith('/') || e.path.endsWith('/') || e.path === '' || e.path.split('/').includes('..')) {
      throw new BugError(`Tar entry path must be relative and clean: "${e.path}".`);
    }
    if (byPath.has(e.path)) throw new BugError(`Tar entry "${e.path}" is listed twice.`);
    byPath.set(e.path, e);
  }
  for (const e of entries) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const existing = byPath.get(dir);
      if (!existing) byPath.set(dir, { type: 'dir', path: dir });
      else if (existing.type !== 'dir') throw new BugError(`Tar entry "${e.path}" is inside "${dir}", which is not a directory.`);
    }
  }
  return [...byPath.values()];
}

/** Plain code-unit order (not locale order), so every machine sorts the same way. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
