/**
 * Finds English words in text meant to be Korean. What may stay as it is, in any language: names a
 * learner types or reads in a terminal (command names, `docker`, flags, file names and paths,
 * image references, key names), values the engine prints (states, streams, drivers, policies),
 * and acronyms (API, TTY, HTTP, SIGTERM).
 */
export const ALLOWED = new Set(
  [
    // the programs and their commands, as typed
    'docker', 'Docker', 'ctr-learn', 'kubectl', 'podman', 'sudo', 'apt-get', 'systemctl', 'dockerd', 'colima', 'nano', 'vi', 'wget', 'busybox', 'sh',
    'run', 'ps', 'exec', 'logs', 'stop', 'start', 'restart', 'rm', 'rmi', 'build', 'pull', 'push', 'tag', 'images', 'inspect', 'network', 'volume',
    'prune', 'kill', 'create', 'cp', 'commit', 'lessons', 'check', 'shell', 'doctor', 'prepare', 'lint', 'reset', 'clean', 'cheat', 'verify', 'export',
    'install', 'io', 'ce', 'cli', 'CLI', 'Engine', 'Desktop',
    // key names
    'Ctrl', 'Esc', 'Enter', 'Tab', 'Space', 'Backspace', 'PgUp', 'PgDn', 'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'Del', 'Shift',
    // what the engine says (states, streams, drivers, mount types, restart policies, protocols, health)
    'running', 'exited', 'created', 'paused', 'restarting', 'dead', 'removing', 'healthy', 'unhealthy', 'starting',
    'stdout', 'stderr', 'bridge', 'host', 'none', 'overlay', 'macvlan', 'bind', 'tmpfs', 'tcp', 'udp',
    'no', 'always', 'on-failure', 'unless-stopped', 'localhost', 'sha', 'unix', 'stdin', 'systemd', 'docker-ce-cli', 'lo',
    // Kubernetes: the kinds and the values a learner writes in a manifest (its fields are camelCase, below)
    'Pod', 'Pods', 'Deployment', 'ReplicaSet', 'Service', 'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim', 'RuntimeClass', 'Namespace',
    'Always', 'IfNotPresent', 'Never', 'ImagePullBackOff', 'CrashLoopBackOff', 'ErrImagePull', 'FailedMount', 'CreateContainerConfigError', 'kind', 'image', 'sleep', 'selector', 'env', 'handler', 'ports', 'labels', 'key', 'data', 'metadata', 'spec', 'replicas', 'latest',
    // the other language's name, in its own language (the language switch)
    'English',
  ],
);

/** The English words of a text, after what may stay English is taken out. */
export function englishWords(text: string): string[] {
  const s = text
    // a command as typed, with its arguments: `docker context use default`, `sudo usermod -aG ...`
    .replace(/\b(docker|sudo|ctr-learn|unset|journalctl|kubectl)( [\x21-\x7e]+)+/g, ' ')
    .replace(/\{\w*(\|[^}]*)?\}/g, ' ') // placeholders, with a particle or not: {name}, {name|을}, {|이}
    .replace(/`[^`]*`/g, ' ') // code
    .replace(/(^|[\s(])--?[A-Za-z][\w-]*(=\S*)?/g, ' ') // flags
    .replace(/\S*[./:@~=<>\\]\S*/g, ' ') // paths, URLs, file names, image refs, KEY=value, <placeholders>
    .replace(/\b(Ctrl|Shift)-\S+/g, ' '); // key combinations
  const words = s.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/g) ?? [];
  // camelCase words are field names as written in a manifest (readinessProbe, imagePullPolicy)
  return words.filter((w) => !ALLOWED.has(w) && !/^[A-Z0-9_-]+$/.test(w) && !ALLOWED.has(w.toLowerCase()) && !/^[a-z]+[A-Z][A-Za-z]*$/.test(w));
}
