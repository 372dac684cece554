import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fromCompiled, lessonFilesStat, lessonsFingerprint, readCompiled, toCompiled,
  type Catalog, type CompiledCatalog,
} from './compiled';
import { currentLearner, personalizeAll, type Learner } from './personalize';
import { ensureDir, lessonsRoot, packageRoot, stateDir, writeJsonAtomically } from '../paths';

/**
 * The lessons for the app's first frame (and for commands that only read them) without parsing them (~70-90 ms of a start): the build's
 * dist/lessons.json when the lesson files are the packaged ones, else the lessons this app parsed
 * at its last start. Either only while every lesson file is as it was made from (the content
 * fingerprint, lessons/compiled.ts); anything else is a miss, and the lessons are loaded and
 * checked as usual.
 *
 * The app's own file (state folder) also remembers the fingerprint for the files' stat, so a
 * start whose lesson files were not written to since needs no hashing.
 */
interface LastStart {
  format: 'ctr-learn-catalog-cache';
  formatVersion: 1;
  /** The build that wrote it (the Lesson shape may differ between builds). */
  build: string;
  /** lessonFilesStat and lessonsFingerprint of the lesson files, taken before they were parsed. */
  stat: string;
  key: string;
  /** The parsed lessons; null when they were the shipped ones (dist/lessons.json). */
  parsed: CompiledCatalog | null;
}

export interface CatalogLookup {
  catalog: Catalog | null;
  from: 'shipped' | 'last-start' | null;
  /** What writeCatalogCache records when the answer was not exactly the last start's. */
  remember: { stat: string; key: string } | null;
}

export const shippedCatalogPath = () => join(packageRoot(), 'dist', 'lessons.json');
const cachePath = () => join(stateDir(), 'catalog-cache.json');

/** This module's file time: a new build writes a new cache. */
function buildStamp(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return 'no-build-stamp';
  }
}

function readLastStart(): LastStart | null {
  try {
    const c = JSON.parse(readFileSync(cachePath(), 'utf8')) as LastStart;
    return c.format === 'ctr-learn-catalog-cache' && c.formatVersion === 1 && c.build === buildStamp() ? c : null;
  } catch {
    return null;
  }
}

export function readCatalogCache(root: string): CatalogLookup {
  const stat = lessonFilesStat(root);
  const last = readLastStart();
  const key = last?.stat === stat ? last.key : lessonsFingerprint(root);
  const remember = last?.stat === stat && last.key === key ? null : { stat, key };
  if (last?.key === key && last.parsed) return { catalog: fromCompiled(root, last.parsed), from: 'last-start', remember };
  const shipped = readCompiled(shippedCatalogPath(), key);
  if (shipped) return { catalog: fromCompiled(root, shipped), from: 'shipped', remember };
  return { catalog: null, from: null, remember: { stat, key } };
}

/**
 * After the first frame: remember what readCatalogCache found out, with the lessons when they
 * were parsed (`catalog`), so the next start needs neither hashing nor parsing.
 */
export function writeCatalogCache(root: string, lookup: CatalogLookup, catalog: Catalog): void {
  if (!lookup.remember) return;
  const { stat, key } = lookup.remember;
  const data: LastStart = {
    format: 'ctr-learn-catalog-cache',
    formatVersion: 1,
    build: buildStamp(),
    stat,
    key,
    parsed: lookup.from === 'shipped' ? null : toCompiled(root, catalog, key),
  };
  try {
    ensureDir(stateDir());
    writeJsonAtomically(cachePath(), data);
  } catch {
    /* a cache that cannot be written only costs the next start some time */
  }
}

/**
 * The lessons for commands that read them (`lessons`, `check`, `shell`, `reset`), with this
 * learner's values filled in (lessons/personalize.ts): compiled when the files are unchanged,
 * else parsed and remembered for the next run. `doctor`, `lint` and
 * `verify` always parse (they are there to find problems).
 */
export async function quickCatalog(root = lessonsRoot(), learner: Learner | null = currentLearner()): Promise<Catalog> {
  const cached = readCatalogCache(root);
  const catalog = cached.catalog ?? (await import('./catalog')).loadCatalog(root);
  writeCatalogCache(root, cached, catalog);
  // What was cached are the lessons as written; the caller gets them for this learner.
  return personalizeAll(catalog, learner);
}
