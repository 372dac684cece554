import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where ctr-learn keeps things. CTR_LEARN_HOME puts all of it under one folder (tests, study rooms
 * sharing a machine); otherwise XDG locations.
 */
export function stateDir(env = process.env): string {
  if (env.CTR_LEARN_HOME) return join(env.CTR_LEARN_HOME, 'state');
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'ctr-learn');
}

export function configDir(env = process.env): string {
  if (env.CTR_LEARN_HOME) return join(env.CTR_LEARN_HOME, 'config');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'ctr-learn');
}

/** Lesson workspaces: the files a learner edits, outside the package. */
export function workspacesDir(env = process.env): string {
  if (env.CTR_LEARN_HOME) return join(env.CTR_LEARN_HOME, 'workspaces');
  return join(homedir(), 'ctr-learn');
}

/** Unix socket paths are limited to ~107 bytes, so sockets live in a short runtime folder. */
export function runtimeDir(env = process.env): string {
  const base = env.XDG_RUNTIME_DIR || tmpdir();
  const uid = process.getuid?.() ?? 0;
  return join(base, `ctr-learn-${uid}`);
}

export function ensureDir(dir: string, mode = 0o700): string {
  mkdirSync(dir, { recursive: true, mode });
  return dir;
}

/** The package root (lessons/, assets/), both from src/ under vitest and from dist/ when bundled. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (dir.endsWith('/src') || dir.endsWith('/dist')) return dirname(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirname(dirname(fileURLToPath(import.meta.url)));
}

export function lessonsRoot(env = process.env): string {
  return env.CTR_LEARN_LESSONS || join(packageRoot(), 'lessons');
}

/** Write JSON through a per-process temp file and a rename: a reader never sees half a file. */
export function writeJsonAtomically(file: string, data: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}
