/**
 * An image reference in the short form the engine lists in RepoTags: "busybox" is
 * "busybox:latest", and "docker.io/library/busybox", "index.docker.io/library/busybox" and
 * "library/busybox" are all "busybox". Other registries keep their host. Digests stay as they are.
 * Every comparison of references (sandbox ownership, checks) goes through this one reading.
 */
export function normalizeRef(ref: string): string {
  let name = ref;
  let suffix = ':latest';
  const at = ref.indexOf('@');
  if (at >= 0) {
    name = ref.slice(0, at);
    suffix = ref.slice(at);
  } else {
    const colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      name = ref.slice(0, colon);
      suffix = ref.slice(colon);
    }
  }
  const parts = name.split('/');
  const hasDomain = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  const domain = hasDomain ? parts.shift()! : 'docker.io';
  let path = parts.join('/');
  if (domain === 'docker.io' || domain === 'index.docker.io') {
    if (path.startsWith('library/') && parts.length === 2) path = path.slice('library/'.length);
    return path + suffix;
  }
  return `${domain}/${path}${suffix}`;
}
