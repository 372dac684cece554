import type { EngineApi } from '../engine/api';
import { normalizeRef } from '../engine/objects';
import { BugError, UserError } from '../errors';
import { dockerArchive } from './archive';
import { loadArchive, newestCreatedBy, pullImage, tagImage, tagState, type TagState } from './engine-images';
import { installCommand, missingHostBinaries } from './host';
import { SeedBuilder, type SeedBuild } from './recipes';
import { SEED_IMAGES, seedForRef, type SeedImage } from './seeds';

export type PrepareAction = 'present' | 'built' | 'pulled';

export interface PreparedImage {
  ref: string;
  /** "sha256:<hex>" */
  id: string;
  action: PrepareAction;
  /** Time spent on this image (shared by the refs of one image). */
  ms: number;
  /** Why it was done this way, e.g. the registry could not be reached so it was built locally. */
  note?: string;
}

/** Something the user can fix: what is missing and the command that fixes it. */
export interface PrepareFailure {
  ref: string;
  message: string;
  tryThis: string;
}

export interface PrepareReport {
  offline: boolean;
  images: PreparedImage[];
  failures: PrepareFailure[];
  ms: number;
}

export interface PrepareOptions {
  /** Never contact a registry: build every image from this machine's binaries. */
  offline: boolean;
  /** Only these refs (and the other refs of the same images); default all seed images. */
  only?: string[];
  signal?: AbortSignal;
}

type Outcome = { id: string; action: PrepareAction; note?: string } | { failure: string; tryThis: string };

/**
 * Makes sure every seed image is tagged in the engine. Idempotent: a tag that already points at
 * the image the host binaries give (same config digest, so same ID on every run) is left alone.
 * Engine trouble is thrown (CouldNotCheck); a missing host binary is reported as a failure.
 */
export async function prepareImages(api: EngineApi, opts: PrepareOptions): Promise<PrepareReport> {
  const started = performance.now();
  const builder = new SeedBuilder(opts.signal);
  const report: PrepareReport = { offline: opts.offline, images: [], failures: [], ms: 0 };
  for (const seed of selectSeeds(opts.only)) {
    const seedStarted = performance.now();
    let outcome: Outcome;
    try {
      outcome = await prepareSeed(api, seed, builder, opts);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      outcome = { failure: err.message, tryThis: err.tryThis ?? 'ctr-learn doctor' };
    }
    const ms = Math.round(performance.now() - seedStarted);
    for (const ref of seed.refs) {
      if ('failure' in outcome) report.failures.push({ ref, message: outcome.failure, tryThis: outcome.tryThis });
      else report.images.push({ ref, id: outcome.id, action: outcome.action, ms, ...(outcome.note ? { note: outcome.note } : {}) });
    }
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

async function prepareSeed(api: EngineApi, seed: SeedImage, builder: SeedBuilder, opts: PrepareOptions): Promise<Outcome> {
  const { signal } = opts;
  const states = await Promise.all(seed.refs.map((r) => tagState(api, r, signal)));
  const missing = missingHostBinaries(seed.needs);
  const build = missing.length === 0 ? await builder.build(seed.name) : null;

  if (build && states.every((s) => s?.id === build.config.id)) return { id: build.config.id, action: 'present' };
  if (pulledFromRegistry(seed, states)) return { id: states[0]!.id, action: 'present', note: 'pulled from a registry earlier' };
  if (!build && (await allMarked(api, seed, states, signal))) {
    return { id: states[0]!.id, action: 'present', note: `made earlier; ${missing.map((b) => b.path).join(', ')} missing, so not compared` };
  }

  let pullNote: string | undefined;
  if (seed.pull && !opts.offline) {
    const { fromImage, tag } = seed.pull;
    const pulled = await pullImage(api, fromImage, tag, signal);
    if (pulled.ok) {
      const source = `${fromImage}:${tag}`;
      for (const ref of seed.refs) if (ref !== source) await tagImage(api, source, ref, signal);
      const state = await tagState(api, source, signal);
      if (!state) throw new BugError(`${source} is missing right after pulling it.`);
      return { id: state.id, action: 'pulled' };
    }
    pullNote = `could not pull ${fromImage}:${tag} (${pulled.reason})`;
  }

  if (!build) {
    const what = missing.map((b) => `${b.path} (Debian package ${b.debianPackage})`).join(' and ');
    return {
      failure: `${seed.refs.join(', ')} ${seed.pull ? 'is built offline' : 'is built'} from ${what}, which this machine does not have${pullNote ? `, and ${pullNote}` : ''}.`,
      tryThis: `${installCommand(missing)}, then: ctr-learn prepare${opts.offline ? ' --offline' : ''}`,
    };
  }
  await load(api, seed, build, signal);
  return { id: build.config.id, action: 'built', ...(pullNote ? { note: `${pullNote}; built from local binaries instead` } : {}) };
}

async function load(api: EngineApi, seed: SeedImage, build: SeedBuild, signal?: AbortSignal): Promise<void> {
  await loadArchive(api, await dockerArchive(build.config, build.layers, [...seed.refs]), signal);
  for (const ref of seed.refs) {
    const state = await tagState(api, ref, signal);
    if (state?.id !== build.config.id) {
      throw new BugError(`After loading ${ref} the engine reports image ${state?.id ?? 'none'}, not ${build.config.id}.`);
    }
  }
}

/** Every ref points at one image that came from the seed's public registry (a real `docker pull`). */
function pulledFromRegistry(seed: SeedImage, states: (TagState | null)[]): boolean {
  if (!seed.pull) return false;
  const first = states[0];
  const fromImage = seed.pull.fromImage;
  return !!first && states.every((s) => s?.id === first.id) && first.repoDigests.some((d) => d.startsWith(`${fromImage}@`));
}

async function allMarked(api: EngineApi, seed: SeedImage, states: (TagState | null)[], signal?: AbortSignal): Promise<boolean> {
  const first = states[0];
  if (!first || !states.every((s) => s?.id === first.id)) return false;
  return ((await newestCreatedBy(api, seed.refs[0], signal)) ?? '').startsWith(seed.marker);
}

function selectSeeds(only: string[] | undefined): readonly SeedImage[] {
  if (!only?.length) return SEED_IMAGES;
  const wanted = only.map(normalizeRef);
  const unknown = wanted.filter((r) => !seedForRef(r));
  if (unknown.length) {
    const known = SEED_IMAGES.flatMap((s) => s.refs).join(', ');
    throw new UserError(`ctr-learn does not make ${unknown.join(', ')}.`, `name one of: ${known}`);
  }
  return SEED_IMAGES.filter((s) => s.refs.some((r) => wanted.includes(r)));
}

/** Whether lessons can use these refs: absent, or taken over by an image that is not ours. */
export interface ImagesPresence {
  ok: boolean;
  missing: string[];
  /** Tagged, but by another image (e.g. the learner built their own busybox:latest). */
  foreign: string[];
}

/**
 * A cheap check before a lesson starts (two API calls per ref, no host files read). A seed ref
 * counts when its newest history line is the seed's marker or it was pulled from the public
 * registry; any other ref counts when the tag exists. `ctr-learn prepare` fixes both lists.
 */
export async function requiredImagesPresent(api: EngineApi, refs: string[], signal?: AbortSignal): Promise<ImagesPresence> {
  const missing: string[] = [];
  const foreign: string[] = [];
  for (const ref of refs.map(normalizeRef)) {
    const state = await tagState(api, ref, signal);
    if (!state) {
      missing.push(ref);
      continue;
    }
    const seed = seedForRef(ref);
    if (!seed || pulledFromRegistry({ ...seed, refs: [ref] }, [state])) continue;
    if (!((await newestCreatedBy(api, ref, signal)) ?? '').startsWith(seed.marker)) foreign.push(ref);
  }
  return { ok: missing.length === 0 && foreign.length === 0, missing, foreign };
}
