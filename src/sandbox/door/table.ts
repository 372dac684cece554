import type { Shape } from './json-body';
import * as S from './shapes';

/**
 * Every Engine API route the sandbox passes, in one table. A request that matches no row is
 * refused. `:x` matches one path segment, `*x` one or more (image names hold slashes).
 *
 * Classes:
 * - read-any:  metadata anyone on the engine may read (version, image metadata, lists of names)
 * - read-own:  reads of the sandbox's own objects only (a container's logs, files, stats)
 * - create:    makes a new object; the sandbox labels it and judges its options
 * - write-own: changes an object the sandbox owns
 * - upgrade:   a hijacked stream (attach, exec start): a write, own objects only
 *
 * Body: how the proxy reads the request body. 'json' is read whole, judged in canonical
 * spelling and forwarded as judged; 'stream' is forwarded as it comes (a tar); 'buffer' is read
 * whole and forwarded (docker load: its tags are judged); 'none' is never forwarded.
 */
export type RouteClass = 'read-any' | 'read-own' | 'create' | 'write-own' | 'upgrade';
export type BodyKind = { json: Shape } | 'stream' | 'buffer' | 'none';

export interface Route {
  method: string;
  pattern: string;
  cls: RouteClass;
  body: BodyKind;
  /** Which rule of rules.ts judges it (see there). */
  rule: RuleName;
}

export type RuleName =
  | 'pass'
  | 'containerList'
  | 'events'
  | 'container'
  | 'containerDelete'
  | 'containerCreate'
  | 'containerUpdate'
  | 'execCreate'
  | 'exec'
  | 'networkRead'
  | 'networkCreate'
  | 'networkConnect'
  | 'networkDelete'
  | 'volumeCreate'
  | 'volumeDelete'
  | 'prune'
  | 'imageCreate'
  | 'imageLoad'
  | 'imageTag'
  | 'imagePush'
  | 'imageDelete'
  | 'build'
  | 'commit';

const r = (method: string, pattern: string, cls: RouteClass, rule: RuleName, body: BodyKind = 'none'): Route => ({ method, pattern, cls, body, rule });

export const ROUTES: Route[] = [
  // The engine itself
  r('GET', '/_ping', 'read-any', 'pass'),
  r('HEAD', '/_ping', 'read-any', 'pass'),
  r('GET', '/version', 'read-any', 'pass'),
  r('GET', '/info', 'read-any', 'pass'),
  r('GET', '/system/df', 'read-any', 'pass'),
  // docker login: the engine checks the learner's credentials with a registry; no engine object changes
  r('POST', '/auth', 'write-own', 'pass', { json: S.AUTH }),
  r('GET', '/events', 'read-own', 'events'),
  // Containers
  r('GET', '/containers/json', 'read-own', 'containerList'),
  r('POST', '/containers/create', 'create', 'containerCreate', { json: S.CONTAINER_CREATE }),
  r('POST', '/containers/prune', 'write-own', 'prune'),
  ...['json', 'top', 'logs', 'changes', 'export', 'stats'].map((a) => r('GET', `/containers/:id/${a}`, 'read-own', 'container')),
  r('GET', '/containers/:id/archive', 'read-own', 'container'),
  r('HEAD', '/containers/:id/archive', 'read-own', 'container'),
  r('PUT', '/containers/:id/archive', 'write-own', 'container', 'stream'),
  ...['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'resize', 'wait', 'rename'].map((a) => r('POST', `/containers/:id/${a}`, 'write-own', 'container')),
  r('POST', '/containers/:id/update', 'write-own', 'containerUpdate', { json: S.CONTAINER_UPDATE }),
  r('POST', '/containers/:id/attach', 'upgrade', 'container'),
  r('GET', '/containers/:id/attach/ws', 'upgrade', 'container'),
  r('POST', '/containers/:id/exec', 'write-own', 'execCreate', { json: S.EXEC_CREATE }),
  r('DELETE', '/containers/:id', 'write-own', 'containerDelete'),
  // Exec instances belong to their container
  r('GET', '/exec/:id/json', 'read-own', 'exec'),
  r('POST', '/exec/:id/resize', 'write-own', 'exec'),
  r('POST', '/exec/:id/start', 'upgrade', 'exec', { json: S.EXEC_START }),
  // Networks: the list and the built-in ones are anyone's metadata
  r('GET', '/networks', 'read-any', 'pass'),
  r('GET', '/networks/:id', 'read-own', 'networkRead'),
  r('POST', '/networks/create', 'create', 'networkCreate', { json: S.NETWORK_CREATE }),
  r('POST', '/networks/prune', 'write-own', 'prune'),
  r('POST', '/networks/:id/connect', 'write-own', 'networkConnect', { json: S.NETWORK_CONNECT }),
  r('POST', '/networks/:id/disconnect', 'write-own', 'networkConnect', { json: S.NETWORK_CONNECT }),
  r('DELETE', '/networks/:id', 'write-own', 'networkDelete'),
  // Volumes: names and metadata are anyone's; contents are read only by mounting, which is judged
  r('GET', '/volumes', 'read-any', 'pass'),
  r('GET', '/volumes/:name', 'read-any', 'pass'),
  r('POST', '/volumes/create', 'create', 'volumeCreate', { json: S.VOLUME_CREATE }),
  r('POST', '/volumes/prune', 'write-own', 'prune'),
  r('DELETE', '/volumes/:name', 'write-own', 'volumeDelete'),
  // Images: shared base material; anything here can also be read by running it
  r('GET', '/images/json', 'read-any', 'pass'),
  r('GET', '/images/search', 'read-any', 'pass'),
  r('GET', '/images/get', 'read-any', 'pass'),
  r('GET', '/images/*name/json', 'read-any', 'pass'),
  r('GET', '/images/*name/history', 'read-any', 'pass'),
  r('GET', '/images/*name/get', 'read-any', 'pass'),
  r('GET', '/distribution/*name/json', 'read-any', 'pass'),
  r('POST', '/images/create', 'create', 'imageCreate', 'stream'),
  r('POST', '/images/load', 'create', 'imageLoad', 'buffer'),
  r('POST', '/images/prune', 'write-own', 'prune'),
  r('POST', '/images/*name/tag', 'create', 'imageTag'),
  r('POST', '/images/*name/push', 'write-own', 'imagePush'),
  r('DELETE', '/images/*name', 'write-own', 'imageDelete'),
  r('POST', '/build', 'create', 'build', 'stream'),
  r('POST', '/commit', 'create', 'commit', { json: S.COMMIT_CONFIG }),
];

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** The row for a method and decoded segments, or null. */
export function matchRoute(method: string, segments: string[]): Match | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern.split('/').filter(Boolean), segments);
    if (params) return { route, params };
  }
  return null;
}

function matchPattern(pattern: string[], segs: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  const star = pattern.findIndex((p) => p.startsWith('*'));
  if (star < 0) {
    if (pattern.length !== segs.length) return null;
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = segs[i];
      else if (pattern[i] !== segs[i]) return null;
    }
    return params;
  }
  const after = pattern.length - star - 1;
  if (segs.length < pattern.length) return null;
  const head = matchPattern(pattern.slice(0, star), segs.slice(0, star));
  const tail = matchPattern(pattern.slice(star + 1), segs.slice(segs.length - after));
  if (!head || !tail) return null;
  params[pattern[star].slice(1)] = segs.slice(star, segs.length - after).join('/');
  return { ...head, ...tail, ...params };
}
