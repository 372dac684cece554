import { labOwner } from '../../sandbox/learner-values';
import { liveMode } from './mode';

/**
 * `reset` (of a Kubernetes lesson) and `clean --all` remove the learner's live lab: the namespaces
 * ctr-learn made for this learner on the current context (labelled ours and theirs; never another
 * namespace). Costs nothing without a kubeconfig; a cluster that does not answer is skipped, not
 * an error (the docker lab is what these commands are about first).
 */
export async function removeLiveLab(owner = labOwner()): Promise<{ context: string; namespaces: string[] } | null> {
  const mode = await liveMode();
  if (mode.state !== 'on') return null;
  const { openCluster } = await import('./client');
  const { removeNamespaces } = await import('./namespace');
  const c = await openCluster(mode.file, 10_000);
  if (!c) return null;
  return { context: mode.context, namespaces: await removeNamespaces(c, owner) };
}
