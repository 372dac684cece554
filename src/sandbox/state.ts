import type { EngineApi } from '../engine/api';
import { normalizeRef } from '../engine/objects';
import { labelsFor, LABEL, type SessionIdentity } from './labels';
import { sessionsDir, writeRecord, type SessionRecord } from './session-file';

/**
 * What the sandbox knows about one session while it runs: who owns what. The proxy consults it to
 * label new objects and to refuse changes to objects that are not the sandbox's.
 */
export class SandboxState {
  lessonId: string;
  readonly imageRefs = new Map<string, string>();
  readonly volumes = new Map<string, string>();
  readonly preexistingImageIds: Set<string>;
  readonly preexistingRefs: Set<string>;

  /** This learner's session files, chosen when the session opened. */
  readonly recordsDir = sessionsDir();
  constructor(
    readonly identity: SessionIdentity,
    lessonId: string,
    readonly socketPath: string | null,
    snapshot: { ids: string[]; refs: string[] },
    private readonly startedAt = new Date().toISOString(),
    /** The kept (or crashed) session this one took over, as its record said: its objects are this session's. */
    readonly adopted: SessionRecord | null = null,
  ) {
    this.lessonId = lessonId;
    this.preexistingImageIds = new Set(snapshot.ids);
    this.preexistingRefs = new Set(snapshot.refs);
    if (adopted) {
      for (const [ref, lesson] of Object.entries(adopted.imageRefs)) this.imageRefs.set(ref, lesson);
      for (const [vol, lesson] of Object.entries(adopted.volumes)) this.volumes.set(vol, lesson);
    }
  }

  /** The learner quit and kept the lab: said in the record, so the next start adopts it and the reaper leaves it. */
  keptAt: string | null = null;

  static async snapshotImages(api: EngineApi): Promise<{ ids: string[]; refs: string[] }> {
    const images = await api.json<{ Id: string; RepoTags: string[] | null }[]>('GET', '/images/json', { query: { all: 1 } });
    return {
      ids: images.map((i) => i.Id),
      refs: images.flatMap((i) => i.RepoTags ?? []).filter((r) => r !== '<none>:<none>'),
    };
  }

  labels(): Record<string, string> {
    return labelsFor(this.identity, this.lessonId);
  }

  /**
   * Is this object the session's? An adopted lab's objects carry the same session label: a session
   * that takes a kept lab over takes over its id too (see openSandbox), so every rule that asks
   * "the session's objects" (ownership, binds, the session's containers) covers them unchanged.
   */
  ownsLabels(labels: Record<string, string> | null | undefined): boolean {
    return labels?.[LABEL.session] === this.identity.id;
  }

  /** A tag/pull/load made this ref in the sandbox. Refs that existed before are never tracked. */
  trackImageRef(ref: string): void {
    const r = normalizeRef(ref);
    if (this.preexistingRefs.has(r) || this.imageRefs.has(r)) return;
    this.imageRefs.set(r, this.lessonId);
    this.persist();
  }

  forgetImageRef(ref: string): void {
    if (this.imageRefs.delete(normalizeRef(ref))) this.persist();
  }

  trackVolume(name: string): void {
    if (this.volumes.has(name)) return;
    this.volumes.set(name, this.lessonId);
    this.persist();
  }

  /** Refs and volumes tracked for one lesson (reset) or all (end). */
  tracked(lessonId?: string): { imageRefs: string[]; volumes: string[] } {
    const pick = (m: Map<string, string>) => [...m].filter(([, l]) => !lessonId || l === lessonId).map(([k]) => k);
    return { imageRefs: pick(this.imageRefs), volumes: pick(this.volumes) };
  }

  forget(items: { imageRefs: string[]; volumes: string[] }): void {
    items.imageRefs.forEach((r) => this.imageRefs.delete(r));
    items.volumes.forEach((v) => this.volumes.delete(v));
    this.persist();
  }

  record(): SessionRecord {
    return {
      ...this.identity,
      startedAt: this.startedAt,
      socketPath: this.socketPath,
      imageRefs: Object.fromEntries(this.imageRefs),
      volumes: Object.fromEntries(this.volumes),
      preexistingImageIds: [...this.preexistingImageIds],
      lastUsedAt: new Date().toISOString(),
      ...(this.keptAt ? { keptAt: this.keptAt } : {}),
      adoptions: (this.adopted?.adoptions ?? 0) + (this.adopted ? 1 : 0),
    };
  }

  persist(): void {
    writeRecord(this.record(), this.recordsDir);
  }
}
