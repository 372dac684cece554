import type { EngineApi } from '../engine/api';
import type { ContainerInspect, ContainerSummary, ImageInspect, NetworkInspect, VolumeInspect } from '../engine/types';
import type { Removal, RemovalPlan } from './remove';

export type { Removal, RemovalPlan };

/** A file read from inside a container or a volume. */
export interface LabFile {
  content: string;
  /** 'file', 'dir', 'symlink'… as the archive says. */
  type: string;
}

/** A container of the lab that the engine has removed, as its events tell it. */
export interface RemovedContainer {
  id: string;
  /** Created with --rm. */
  autoRemove: boolean;
  /** The signals sent to it before it went (docker stop/kill/rm -f); empty if it ended by itself. */
  signals: number[];
  /** The exit code of its last run, if a `die` event was kept. */
  exitCode?: number;
  /** When it was removed, seconds since the epoch. */
  time: number;
}

/** What a lab holds, listed: for the pictures and the cheat sheet's name blanks. */
export interface LabListing {
  containers: ContainerSummary[];
  networks: NetworkInspect[];
  volumes: VolumeInspect[];
}

/**
 * The learner's objects for one lesson, read-only: what grading and the pictures see. How objects
 * are told apart (labels, a session record, later a Podman socket or a Kubernetes namespace) is
 * the lab's business; callers only ever ask it by name.
 */
export interface LabReader {
  readonly lessonId: string;
  /**
   * The engine the objects live on, for the details of an object the lab returned (its logs,
   * events, an exec, a stop). Never for finding objects: a name means the lab's object only
   * through the lookups below.
   */
  readonly engine: EngineApi;
  /**
   * The lab's door (DOCKER_HOST), when the lab is a session's: what a check that must create
   * objects of its own goes through (the pod replay), so they are the lab's, judged and labelled
   * like the learner's. Absent when the lab is only looked at (`ctr-learn check` from outside).
   */
  readonly dockerHost?: string;
  /** The lab's container of that name, or null (a learner's own container of that name never counts). */
  container(name: string): Promise<ContainerInspect | null>;
  /** The lab's containers of that name that were removed (oldest first; the engine keeps its last 256 events). */
  removedContainers(name: string): Promise<RemovedContainer[]>;
  /** A container of that name that is NOT the lab's (for clearer "not yours" messages). */
  outsideContainer(name: string): Promise<ContainerInspect | null>;
  network(name: string): Promise<NetworkInspect | null>;
  volume(name: string): Promise<VolumeInspect | null>;
  /** The lab's image under that name; `outside` when an image of that name exists but is not the lab's. */
  image(ref: string): Promise<{ image: ImageInspect | null; outside: boolean }>;
  /** The lab's containers, networks and volumes (of this lesson, or of every lesson in the session). */
  list(of?: 'lesson' | 'session'): Promise<LabListing>;
  /** A file inside one of the lab's containers (by id), or inside one of its volumes (by name), or null if it is not there. */
  readFile(where: { container: string } | { volume: string }, path: string): Promise<LabFile | null>;
  /** Is this label key the lab's own bookkeeping (not something the learner wrote, e.g. in a Dockerfile)? */
  isLabLabel(key: string): boolean;
}

/**
 * One learner's sandbox session: the only way grading, pictures and the UI reach the learner's
 * objects, and the door the learner's docker CLI goes through.
 */
export interface Lab extends LabReader {
  readonly sessionId: string;
  /** Where the learner's CLI connects (e.g. DOCKER_HOST). */
  readonly dockerHost: string;
  /** Environment for the learner's CLI inside the lab. */
  readonly env: Record<string, string | undefined>;
  /** The same lab, looking at another lesson's objects. */
  forLesson(lessonId: string): LabReader;
  /** The lesson new objects are made for. */
  setLesson(lessonId: string): void;
  /**
   * Follow the lab's container changes: `onLessons` gets the lessons whose containers started,
   * died, were removed or changed health. Resolves when the stream ends (the caller re-follows).
   */
  follow(onLessons: (lessonIds: string[]) => void, signal: AbortSignal): Promise<void>;
  planReset(lessonId?: string): Promise<RemovalPlan>;
  /** Remove this session's objects of one lesson (default: the current one). */
  reset(lessonId?: string): Promise<Removal>;
  /** Close the door and remove everything this session created. */
  end(): Promise<Removal>;
  /**
   * Close the door and keep the lab for the learner's return (what the app does on quit): its
   * objects stay as they are (running containers keep running), and the next start that adopts
   * it carries on with them. Says what was kept.
   */
  keep(): Promise<KeptLab>;
  /** The kept lab this session took over (null: a new lab). */
  readonly adoptedFrom: { keptAt: string | null; lastUsedAt: string } | null;
}

/** What a quit kept of the lab. */
export interface KeptLab {
  containers: number;
  /** Of the containers, how many still run. */
  running: number;
  networks: number;
  volumes: number;
  images: number;
  /** Removed by the first start after this many days unused. */
  keepDays: number;
  /** The lesson the learner was in. */
  lessonId: string;
  /** The lessons the kept objects belong to (what `ctr-learn reset` is told). */
  lessons: string[];
}
