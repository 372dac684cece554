import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { ContainerInspect, ContainerSummary } from '../../engine/types';
import { filtersParam, sessionLabelFilter } from '../labels';
import { why } from './messages';
import { refuse, type DoorContext } from './owners';

type Obj = Record<string, unknown>;

/** One bind mount: its source as the engine will resolve it, and whether the container may write it. */
export interface Bind {
  src: string;
  rw: boolean;
  /** Which container holds it (for the message). */
  who: string;
}

/**
 * Bind mounts, and the one trap they carry: the engine resolves a bind's source each time the
 * container starts (a restart policy starts it again on its own, past the sandbox). A container
 * that can write a directory above another bind's source could swap that source for a symlink to
 * anything on the host before the next start. So:
 * - a source must lie inside the lesson workspace, by its real path (symlinks resolved, no `..`);
 * - no writable bind may hold the folder another bind's source sits in (or one above it), in any
 *   container of the session, this one included. Then no container can move a source, and every
 *   start, the engine's own included, mounts what was judged.
 */
export function bindsOf(hc: Obj | null | undefined, who: string): Bind[] {
  const out: Bind[] = [];
  for (const bind of (hc?.Binds as string[] | null) ?? []) {
    const [src, dst, opts] = String(bind).split(':');
    if (dst !== undefined && isAbsolute(src)) out.push({ src, rw: !(opts ?? '').split(',').includes('ro'), who });
  }
  for (const m of (hc?.Mounts as Obj[] | null) ?? []) {
    if (m.Type === 'bind') out.push({ src: String(m.Source ?? ''), rw: !m.ReadOnly, who });
  }
  return out;
}

/** Judge a bind source and return its real path. */
export function judgeSource(ctx: DoorContext, src: string): string {
  const root = ctx.bindRoot;
  if (!root || !isAbsolute(src) || src.split('/').includes('..')) refuse(ctx, 403, 'bindOutside', { path: src, root: root ?? '-' });
  const real = realpathOfNearest(src);
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) refuse(ctx, 403, 'bindOutside', { path: src, root });
  if (/docker\.sock|containerd\.sock/.test(real)) refuse(ctx, 403, 'option', { option: `-v ${src}`, why: why(ctx.lang, 'socket') });
  return real;
}

/** The binds of every container of this session (any state), by real path. */
export async function sessionBinds(ctx: DoorContext, except?: string): Promise<Bind[]> {
  const list = await ctx.api.json<ContainerSummary[]>('GET', '/containers/json', {
    query: { all: 1, filters: filtersParam({ label: [sessionLabelFilter(ctx.state.identity.id)] }) },
  });
  const out: Bind[] = [];
  for (const c of list) {
    if (c.Id === except) continue;
    const full = await ctx.api.maybe<ContainerInspect & { HostConfig: Obj }>('GET', `/containers/${c.Id}/json`);
    if (!full) continue;
    for (const b of bindsOf(full.HostConfig, full.Name.replace(/^\//, ''))) out.push({ ...b, src: realpathOfNearest(b.src) });
  }
  return out;
}

/** A writable bind that holds the folder of another bind's source, where one of the two is new. */
export function judgeOverlap(ctx: DoorContext, fresh: Bind[], existing: Bind[]): void {
  const all = [...fresh, ...existing];
  const holds = (w: string, p: string) => p === w || p.startsWith(w.endsWith(sep) ? w : w + sep);
  for (const w of all) {
    if (!w.rw) continue;
    for (const s of all) {
      if (s === w || (!fresh.includes(w) && !fresh.includes(s))) continue;
      if (holds(w.src, dirname(s.src))) {
        refuse(ctx, 403, 'bindOverlap', { writer: `${w.who}: ${w.src}`, source: `${s.who}: ${s.src}` });
      }
    }
  }
}

/** The real path of `p`, or of its nearest existing parent joined with the rest (the engine creates it). */
function realpathOfNearest(p: string): string {
  let head = p;
  const tail: string[] = [];
  while (!lexists(head)) {
    const parent = dirname(head);
    if (parent === head) break;
    tail.unshift(head.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    head = parent;
  }
  try {
    return join(realpathSync(head), ...tail);
  } catch {
    return '/'; // a link that leads nowhere: judged as the host's root, never as the workspace
  }
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
