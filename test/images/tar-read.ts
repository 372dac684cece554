import { extract } from 'tar-stream';

/** What a tar holds, read back with tar-stream's extractor (independent of how we wrote it). */
export interface ReadEntry {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname: string | null;
  data: Buffer;
}

export function readTar(tar: Buffer): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ReadEntry[] = [];
    const ex = extract();
    ex.on('entry', (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => {
        entries.push({
          name: h.name,
          type: h.type ?? 'file',
          mode: h.mode ?? -1,
          uid: h.uid ?? -1,
          gid: h.gid ?? -1,
          mtime: h.mtime?.getTime() ?? -1,
          linkname: h.linkname ?? null,
          data: Buffer.concat(chunks),
        });
        next();
      });
      stream.resume();
    });
    ex.on('finish', () => resolve(entries));
    ex.on('error', reject);
    ex.end(tar);
  });
}
