import { fill } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import type { KeptLab } from './lab';

/**
 * What a quit says of the kept lab (the app and `ctr-learn shell`), with the `ctr-learn reset`
 * that removes it: for the lessons its objects belong to, which need not be the one open at quit.
 */
export function keptText(lang: Lang, kept: KeptLab, lessonId: string): string {
  if (!kept.containers && !kept.networks && !kept.volumes && !kept.images) return fill(lang, 'labKeptEmpty');
  const parts: string[] = [];
  if (kept.containers) {
    const c = fill(lang, 'labContainers', { n: kept.containers });
    parts.push(kept.running ? `${c} (${fill(lang, 'labRunning', { n: kept.running })})` : c);
  }
  if (kept.networks) parts.push(fill(lang, 'labNetworks', { n: kept.networks }));
  if (kept.volumes) parts.push(fill(lang, 'labVolumes', { n: kept.volumes }));
  if (kept.images) parts.push(fill(lang, 'labImages', { n: kept.images }));
  const lessons = kept.lessons?.length ? kept.lessons : [lessonId];
  return fill(lang, 'labKept', { what: parts.join(', '), days: kept.keepDays, lesson: lessons.join(' ') });
}

/** What a start says when it took the learner's kept lab over. */
export function labBackText(lang: Lang, lastUsedAt: string): string {
  const d = new Date(lastUsedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = Number.isNaN(d.getTime()) ? lastUsedAt : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return fill(lang, 'labBack', { when });
}
