import { fill, t, type StringKey } from '../../i18n/strings';
import type { Lang } from '../../lessons/schema';

/**
 * The sandbox's refusals, from the one catalogue (src/i18n/strings.ts, `door*` keys). Each names
 * what was refused and why, and where there is one, what to do instead.
 */
const MESSAGE_KEYS = {
  badPath: 'doorBadPath',
  badBody: 'doorBadBody',
  notInTable: 'doorNotInTable',
  refusedArea: 'doorRefusedArea',
  noSuch: 'doorNoSuch',
  notYours: 'doorNotYours',
  otherSession: 'doorOtherSession',
  option: 'doorOption',
  bindOutside: 'doorBindOutside',
  bindOverlap: 'doorBindOverlap',
  volumeOutside: 'doorVolumeOutside',
  tagTaken: 'doorTagTaken',
  tooLarge: 'doorTooLarge',
} as const satisfies Record<string, StringKey>;
const WHY_KEYS = {
  host: 'doorWhyHost',
  privileged: 'doorWhyPrivileged',
  caps: 'doorWhyCaps',
  devices: 'doorWhyDevices',
  security: 'doorWhySecurity',
  kernel: 'doorWhyKernel',
  runtime: 'doorWhyRuntime',
  driver: 'doorWhyDriver',
  notYours: 'doorWhyNotYours',
  socket: 'doorWhySocket',
  network: 'doorWhyNetwork',
  pruneAll: 'doorWhyPruneAll',
  remote: 'doorWhyRemote',
  allTags: 'doorWhyAllTags',
  buildkit: 'doorWhyBuildkit',
  repeated: 'doorWhyRepeated',
} as const satisfies Record<string, StringKey>;

export type MessageKey = keyof typeof MESSAGE_KEYS;
export type WhyKey = keyof typeof WHY_KEYS;

export function say(lang: Lang, key: MessageKey, params: Record<string, string> = {}): string {
  return fill(lang, MESSAGE_KEYS[key], params);
}

/** Why an option is refused, by the reason's name. */
export function why(lang: Lang, key: WhyKey): string {
  return t(lang, WHY_KEYS[key]);
}
