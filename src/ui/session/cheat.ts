import { describeError } from '../../errors';
import type { LabReader } from '../../sandbox/lab';
import type { CheatNames } from '../cheat/fill';
import type { AppEvent } from '../state/events';

/** What the cheat sheet's overlays need from the world: the sheet with its search index, and the names on the engine for its blanks. */

/** The cheat sheet and its search index, loaded the first time the search is opened. */
export async function loadCheats(dispatch: (e: AppEvent) => void): Promise<void> {
  try {
    const { loadCheatSheet, buildCheatIndex } = await import('../../cheatsheet');
    const { sheet, prebuilt } = await loadCheatSheet();
    dispatch({ type: 'cheatLoaded', index: buildCheatIndex(sheet, prebuilt) });
  } catch (err) {
    dispatch({ type: 'cheatFailed', message: describeError(err).split('\n')[0] });
  }
}

/** The names for the blanks (none without a sandbox, or when the engine does not answer). */
export async function loadCheatNames(lab: LabReader | null, dispatch: (e: AppEvent) => void): Promise<void> {
  const names = lab ? await sandboxNames(lab).catch(() => null) : null;
  dispatch({ type: 'cheatNames', names: names ?? { container: [], image: [], network: [], volume: [] } });
}

/**
 * Names for the cheat sheet's blanks: the containers, networks and volumes of this sandbox
 * session (running containers first, then newest first), and the images on the engine (a
 * learner runs base images as often as their own).
 */
export async function sandboxNames(lab: LabReader): Promise<CheatNames> {
  const [{ containers, networks, volumes }, images] = await Promise.all([
    lab.list('session'),
    lab.engine.json<{ RepoTags: string[] | null; Created: number }[]>('GET', '/images/json'),
  ]);
  const byRunningThenNew = (a: { State: string; Created?: number }, b: { State: string; Created?: number }) =>
    Number(b.State === 'running') - Number(a.State === 'running') || (b.Created ?? 0) - (a.Created ?? 0);
  return {
    container: [...containers].sort(byRunningThenNew).map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12)),
    network: networks.map((n) => n.Name),
    volume: volumes.map((v) => v.Name).filter((n) => !/^[0-9a-f]{64}$/.test(n)),
    image: [...images].sort((a, b) => b.Created - a.Created).flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>')),
  };
}
