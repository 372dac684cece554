import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { configDir, ensureDir, writeJsonAtomically } from '../paths';

/**
 * What a study group sets once per member: the course file, the name reports carry. The group's
 * key is kept apart (group.key, readable by the owner only) so the config can be shown freely.
 */
export interface GroupConfig {
  /** Absolute path of the course file saved with `ctr-learn course use`. */
  course?: string;
  /** The name on this member's reports. */
  name?: string;
}

const configFile = (dir: string) => join(dir, 'group.json');
const keyFile = (dir: string) => join(dir, 'group.key');

export function readGroupConfig(dir = configDir()): GroupConfig {
  try {
    const raw = JSON.parse(readFileSync(configFile(dir), 'utf8')) as GroupConfig;
    return { course: typeof raw.course === 'string' ? raw.course : undefined, name: typeof raw.name === 'string' ? raw.name : undefined };
  } catch {
    return {};
  }
}

export function writeGroupConfig(change: Partial<Record<keyof GroupConfig, string | null>>, dir = configDir()): GroupConfig {
  const next: Record<string, string> = { ...readGroupConfig(dir) } as Record<string, string>;
  for (const [k, v] of Object.entries(change)) {
    if (v === null) delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  writeJsonAtomically(configFile(ensureDir(dir)), next);
  return next;
}

/** The name on reports: the saved one, else the login name. */
export function memberName(dir = configDir()): string {
  return readGroupConfig(dir).name ?? userInfo().username;
}

/** The group key, or null when none is set. */
export function readGroupKey(dir = configDir()): string | null {
  if (!existsSync(keyFile(dir))) return null;
  const key = readFileSync(keyFile(dir), 'utf8').trim();
  return key || null;
}

/** Too short a key is guessable by trying: anyone who guesses it can sign reports. */
export const MIN_KEY_LENGTH = 12;

export function writeGroupKey(key: string, dir = configDir()): string {
  const k = key.trim();
  if (k.length < MIN_KEY_LENGTH) throw new UserError(`The group key is ${k.length} characters; use at least ${MIN_KEY_LENGTH}.`, 'a passphrase of a few words the group shares, e.g. ctr-learn group key set "blue kettle seventeen lanterns"');
  const file = keyFile(ensureDir(dir));
  writeFileSync(file, k + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
