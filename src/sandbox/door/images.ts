import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { normalizeRef } from '../../engine/refs';
import { inspectImage, refuse, type DoorContext } from './owners';

/**
 * Image references are engine-wide: a tag, pull, import, load, commit or build onto a name that
 * already exists outside the sandbox would move somebody else's tag. A reference is the sandbox's
 * when a sandbox command of this session made it; one that does not exist yet may be made.
 */
export async function claimRef(ctx: DoorContext, ref: string): Promise<string> {
  const r = normalizeRef(ref);
  if (ctx.state.imageRefs.has(r)) return r;
  if (ctx.state.preexistingRefs.has(r) || (await inspectImage(ctx, r))) {
    refuse(ctx, 403, 'tagTaken', { ref: r, suggest: `${r.replace(/:[^:/]*$/, '')}:mine` });
  }
  return r;
}

/** `repo` + `tag` query parameters as one reference (null when there is no repo). */
export function refOf(repo: string | null, tag: string | null): string | null {
  if (!repo) return null;
  return tag ? `${repo}${tag.startsWith('sha256:') ? '@' : ':'}${tag}` : repo;
}

/** The tags a `docker load` archive would set: manifest.json RepoTags and the legacy repositories file. */
export async function tagsInArchive(body: Buffer): Promise<string[]> {
  let tar = body;
  if (body[0] === 0x1f && body[1] === 0x8b) tar = gunzipSync(body);
  else if (body.subarray(0, 3).toString('latin1') === 'BZh' || body.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) || body.readUInt32LE(0) === 0xfd2fb528) {
    throw new Error('compressed with bzip2, xz or zstd: decompress it first (or use gzip)');
  }
  const wanted = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (header, stream, next) => {
      const name = header.name.replace(/^\.\//, '');
      if (name !== 'manifest.json' && name !== 'repositories') {
        stream.resume();
        stream.on('end', next);
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        wanted.set(name, Buffer.concat(chunks).toString('utf8'));
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    Readable.from([tar]).pipe(ex);
  });
  const tags: string[] = [];
  const manifest = wanted.get('manifest.json');
  if (manifest) for (const m of JSON.parse(manifest) as { RepoTags?: string[] | null }[]) tags.push(...(m.RepoTags ?? []));
  const repos = wanted.get('repositories');
  if (repos) {
    for (const [repo, byTag] of Object.entries(JSON.parse(repos) as Record<string, Record<string, string>>)) {
      for (const tag of Object.keys(byTag)) tags.push(`${repo}:${tag}`);
    }
  }
  return [...new Set(tags)];
}
