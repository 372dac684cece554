import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromCompiled, lessonsFingerprint, readCompiled, toCompiled, writeCompiled, type Catalog } from '../lessons/compiled';
import { ensureDir, packageRoot, stateDir } from '../paths';

/**
 * The lessons for the app's first frame without parsing them (~70-90 ms of a start): the build's
 * dist/lessons.json when the lessons are the packaged ones, else the lessons this app parsed at
 * its last start (in the state folder). Either only while every lesson file is as it was then
 * (lessons/compiled.ts); anything else is a miss, and the lessons are loaded and checked as usual.
 */
export interface CatalogLookup {
  catalog: Catalog | null;
  from: 'shipped' | 'last-start' | null;
  /** The lesson files' fingerprint, taken before anything was parsed: what writeCatalogCache records. */
  key: string;
}

export const shippedCatalogPath = () => join(packageRoot(), 'dist', 'lessons.json');
const cachePath = () => join(stateDir(), 'catalog-cache.json');

/** The app's own cache also depends on the build that wrote it (this module's file). */
function buildStamp(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return 'no-build-stamp';
  }
}

export function readCatalogCache(root: string): CatalogLookup {
  const key = lessonsFingerprint(root);
  const shipped = readCompiled(shippedCatalogPath(), key);
  if (shipped) return { catalog: fromCompiled(root, shipped), from: 'shipped', key };
  const last = readCompiled(cachePath(), `${key}|${buildStamp()}`);
  if (last) return { catalog: fromCompiled(root, last), from: 'last-start', key };
  return { catalog: null, from: null, key };
}

/** Record the lessons parsed from files with fingerprint `key`, for the next start. */
export function writeCatalogCache(root: string, key: string, catalog: Catalog): void {
  try {
    ensureDir(stateDir());
    writeCompiled(cachePath(), toCompiled(root, catalog, `${key}|${buildStamp()}`));
  } catch {
    /* a cache that cannot be written only costs the next start some time */
  }
}
