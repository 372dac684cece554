import { HOST_BINARIES, type HostBinary } from './host';

/** Every history line we write starts with this, so a seed image can be told from a learner's. */
export const SEED_MARK = 'ctr-learn seed:';

export type SeedName = 'busybox' | 'web' | 'registry';

/** An image lessons need that `ctr-learn prepare` makes (or pulls). Plain data: `doctor` reads it. */
export interface SeedImage {
  name: SeedName;
  /** The refs lessons type; all of them point at one image. */
  refs: readonly string[];
  /** Host binaries the image is built from (an offline build needs all of them). */
  needs: readonly HostBinary[];
  /** Where a registry has the same image; absent for images that exist nowhere but here. */
  pull?: { fromImage: string; tag: string };
  /** The start of this image's own (newest) history line. */
  marker: string;
}

export const SEED_IMAGES: readonly SeedImage[] = [
  {
    name: 'busybox',
    refs: ['busybox:1.36', 'busybox:latest'],
    needs: [HOST_BINARIES.busybox],
    pull: { fromImage: 'busybox', tag: '1.36' },
    marker: `${SEED_MARK} busybox `,
  },
  {
    name: 'web',
    refs: ['ctr-learn/web:1'],
    needs: [HOST_BINARIES.busybox, HOST_BINARIES.tini],
    marker: `${SEED_MARK} web `,
  },
  {
    name: 'registry',
    refs: ['ctr-learn/registry:2'],
    needs: [HOST_BINARIES.busybox, HOST_BINARIES.registry],
    marker: `${SEED_MARK} registry `,
  },
];

export function seedForRef(ref: string): SeedImage | undefined {
  return SEED_IMAGES.find((s) => s.refs.includes(ref));
}
