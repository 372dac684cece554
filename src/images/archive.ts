import { createHash } from 'node:crypto';
import { buildTar } from './tar';

/** A fixed creation time: the image ID is the digest of the config, so nothing in it may vary. */
export const SEED_CREATED = '1970-01-01T00:00:00Z';

/** One uncompressed layer tar and the history line that explains it (`docker history` shows it). */
export interface Layer {
  tar: Buffer;
  /** sha256 of the uncompressed tar: what the engine lists in `.RootFS.Layers`. */
  diffId: string;
  createdBy: string;
}

/** The run settings of an image (the `config` object of the image config; Docker's field names). */
export interface RunConfig {
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
}

export interface ImageConfig {
  /** The exact bytes sent to the engine; the image ID is their sha256. */
  json: Buffer;
  /** "sha256:<hex>", as `docker images --no-trunc` and `.Id` show it. */
  id: string;
}

export function sha256(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

export function makeLayer(tar: Buffer, createdBy: string): Layer {
  return { tar, diffId: sha256(tar), createdBy };
}

/**
 * The image config JSON (OCI/Docker image spec v1). No labels, ever: image labels are inherited
 * by every image built from a seed and every container run from it.
 */
export function imageConfig(layers: Layer[], run: RunConfig, architecture: string): ImageConfig {
  const config = {
    architecture,
    config: run,
    created: SEED_CREATED,
    history: layers.map((l) => ({ created: SEED_CREATED, created_by: l.createdBy })),
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
  };
  const json = Buffer.from(canonicalJson(config));
  return { json, id: sha256(json) };
}

/**
 * A docker-archive (what `docker save` writes and `POST /images/load` reads): manifest.json,
 * the config as <hex>.json and each layer as <hex>/layer.tar, itself a deterministic tar.
 */
export function dockerArchive(config: ImageConfig, layers: Layer[], repoTags: string[]): Promise<Buffer> {
  const hex = (digest: string) => digest.slice('sha256:'.length);
  const configName = `${hex(config.id)}.json`;
  const layerNames = layers.map((l) => `${hex(l.diffId)}/layer.tar`);
  const manifest = [{ Config: configName, RepoTags: repoTags, Layers: layerNames }];
  // A layer shared by two images of one archive would be listed once; ours have distinct layers.
  const unique = new Map(layers.map((l, i) => [layerNames[i], l.tar]));
  return buildTar([
    { type: 'file', path: 'manifest.json', mode: 0o644, data: Buffer.from(JSON.stringify(manifest)) },
    { type: 'file', path: configName, mode: 0o644, data: config.json },
    ...[...unique].map(([path, data]) => ({ type: 'file' as const, path, mode: 0o644, data })),
  ]);
}

/** JSON with object keys sorted at every level, so the bytes depend only on the values. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
