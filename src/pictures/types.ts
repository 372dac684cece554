/**
 * Pictures a learner would rather look at than read, drawn from their own sandbox's engine state:
 * which containers sit on which network, the layer stack of the images they built, and the
 * health timeline of their containers. Plain data: the app draws them (ui/panes/picture-lines.ts).
 */
export interface Pictures {
  networks: NetworkRow[] | null;
  images: ImagePicture[] | null;
  health: HealthPicture[] | null;
}

export interface NetworkRow {
  name: string;
  driver: string;
  containers: string[];
  /** How containers on it find each other: by name (embedded DNS), by IP only, the host's network, none. */
  reach: 'name' | 'ip' | 'host' | 'none';
}

export interface ImageLayer {
  /** What made it, shortened ("RUN echo hi > /x", "COPY index.html in /www/"). */
  createdBy: string;
  size: number;
  /** Part of the base image (shared, stored once), or made by this image's own build. */
  fromBase: boolean;
}

export interface ImagePicture {
  ref: string;
  /** null: the lesson's image does not exist in the sandbox (yet). */
  id: string | null;
  /** The nearest local image it was built FROM, if the engine knows it. */
  base: string | null;
  /** Newest first, as `docker history` lists them. */
  layers: ImageLayer[];
  /** Build steps that changed only the config (LABEL, ENV, CMD, HEALTHCHECK…): no layer. */
  configOnly: string[];
}

export interface HealthPicture {
  container: string;
  /** null: no such sandbox container (yet). */
  state: string | null;
  /** The container has no health check. */
  noCheck: boolean;
  status: string;
  failingStreak: number;
  /** Seconds from the last start to the end of the picture (now, or when it stopped). */
  span: number;
  /** Status changes since the last start, in seconds from it; the first is `starting` at 0. */
  changes: { at: number; status: string }[];
}
