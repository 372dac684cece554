import { splitArgv } from '../proc/split-argv';
import { entryKind, exampleLine } from './instantiate';
import { fillTemplate, matchInstance, parseTemplate, placeholders, showTemplate, type Placeholder } from './template';
import type { CheatEntry } from './types';

/**
 * Names of the objects on the learner's engine, newest first. Images are not among them: the
 * newest image is rarely the one a learner means (the example's image says more).
 */
export interface LiveState {
  containers: { name: string; running: boolean }[];
  /** User-defined networks (not bridge, host, none). */
  networks: string[];
  /** Named volumes (not anonymous ones). */
  volumes: string[];
}

/** Commands that act on a stopped container, so a stopped one is the better guess. */
const WANTS_STOPPED = /^docker (start|rm|commit|export)\b(?! -f)/;

/**
 * The entry's command with its placeholders filled from what exists on the learner's engine, e.g.
 * `docker stop -t 3 web` when a container web runs: existing containers, networks and volumes
 * from the engine (never `<name:…>`, which names a new object), the rest from the example.
 * Null when the engine has nothing that fits.
 */
export function fillFromState(entry: CheatEntry, state: LiveState): string | null {
  let ph: Placeholder[];
  try {
    ph = placeholders(parseTemplate(entry.command));
  } catch {
    return null;
  }
  const stoppedFirst = WANTS_STOPPED.test(entry.command);
  const containers = [...state.containers].sort((a, b) => Number(stoppedFirst ? a.running : b.running) - Number(stoppedFirst ? b.running : a.running)).map((c) => c.name);
  const values = pickNames(ph, { container: containers, network: state.networks, volume: state.volumes });
  if (!Object.keys(values).length) return null;
  return showTemplate(fillTemplate(entry.command, { ...exampleValues(entry), ...values }));
}

/**
 * Names of existing objects for placeholders, from pools by type (in order of preference), each
 * name used once per type. Never for `<name:…>`, which names a new object.
 */
export function pickNames(ph: Placeholder[], pools: Partial<Record<Placeholder['type'], string[]>>): Record<string, string> {
  const used = new Set<string>();
  const values: Record<string, string> = {};
  for (const p of ph) {
    if (p.name === 'name' || values[p.name] !== undefined) continue;
    const pick = pools[p.type]?.find((n) => !used.has(`${p.type}:${n}`));
    if (pick === undefined) continue;
    used.add(`${p.type}:${pick}`);
    values[p.name] = pick;
  }
  return values;
}

/** The values the example gives each placeholder, as a learner would type them. */
export function exampleValues(entry: CheatEntry): Record<string, string> {
  const line = entryKind(entry.command) === 'dockerfile' ? null : exampleLine(entry);
  if (!line) return {};
  try {
    // $(pwd) stays as typed: it reads better than a temporary folder.
    const argv = splitArgv(line.replace(/\$\(pwd\)|\$\{?PWD\}?/g, '\u0002'), { PWD: '', HOME: '~' }).map((w) => w.replace(/\u0002/g, '$(pwd)'));
    return matchInstance(parseTemplate(entry.command), argv)?.values ?? {};
  } catch {
    return {};
  }
}

/** Does filling from live state make sense for any of these entries? (Saves asking the engine.) */
export function wantsLiveState(entries: readonly CheatEntry[]): boolean {
  return entries.some((e) => /<(?!name:)[A-Za-z0-9]+:(container|network|volume)>/.test(e.command));
}
