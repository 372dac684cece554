import { z } from 'zod';

/**
 * The lesson format: the single source of truth for both the TypeScript types and validation.
 * A lesson is a folder under lessons/ with:
 *   lesson.yaml  this data (front matter, steps, checks, hints, solutions, near-misses)
 *   en.md, ko.md prose; `<!-- step: ID -->` starts the text of step ID, text before the first
 *                marker is the lesson intro
 *   files/       optional starter files, copied into the learner's workspace
 *   solution/    optional files the reference solution writes into the workspace
 */
export const FORMAT_VERSION = 1;

/** Text in both languages. */
export const Text = z.object({ en: z.string().min(1), ko: z.string().min(1) }).strict();
export type Text = z.infer<typeof Text>;

/**
 * A per-learner value in lesson text and data: `[[web]]` is replaced by this learner's value of
 * `mine.web` (see Mine; the pattern is personalize.ts PLACEHOLDER). Not `{{…}}`: docker --format and Go templates use that.
 */
const PLACEHOLDER_ONLY = /^\[\[[a-z][a-z0-9-]*\]\]$/;
const Name = z.string().regex(/^(?:[a-zA-Z0-9]|\[\[[a-z][a-z0-9-]*\]\])(?:[a-zA-Z0-9_.-]|\[\[[a-z][a-z0-9-]*\]\])*$/, 'a docker object name (letters, digits, _ . -), or a per-learner value like [[web]]');
/** A host port: a number, or a per-learner port like "[[port]]" (a number once personalized). */
const HostPort = z.union([z.number().int().min(1).max(65535), z.string().regex(PLACEHOLDER_ONLY, 'a port number or a per-learner port like "[[port]]"')]);
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase id (a-z, 0-9, -)');

const CheckBase = {
  /** Unique within the step; near-misses name it in `failsCheck`. */
  id: Id,
  /** What this check asserts, shown to the learner. Generated from the kind if omitted. */
  title: Text.optional(),
  /** The id of the step hint that helps when this check fails. */
  hint: Id.optional(),
};

/** The container events `lastEvents` reads; the others (exec_*, top, archive-path...) are skipped. */
export const LIFECYCLE_EVENTS = ['create', 'attach', 'start', 'restart', 'pause', 'unpause', 'kill', 'die', 'stop'] as const;

/** The container exists (or not) in the sandbox and is in the given state. */
const ContainerCheck = z.object({
  ...CheckBase,
  kind: z.literal('container'),
  /** Container name as the learner gives it with --name. */
  container: Name,
  /**
   * `absent` passes when no sandbox container has that name now (also when there never was one:
   * absence alone proves nothing about how it came about). `auto-removed` needs the evidence: a
   * sandbox container of that name was created with --rm, its process ended by itself (no `kill`
   * from docker stop/kill/rm -f), and the engine removed it; none of that name is left.
   * `removed` needs evidence too: a sandbox container of that name was removed (docker rm, rm -f
   * or --rm) and none of that name is left; with `signals`, the signals it was sent before it went
   * ([15]: `docker stop` then `docker rm`; [9]: `docker rm -f` or `docker kill`; []: it had ended
   * by itself).
   */
  state: z.enum(['exists', 'absent', 'auto-removed', 'removed', 'created', 'running', 'exited', 'paused']),
  /** The exit code of the main process (.State.ExitCode). */
  exitCode: z.number().int().optional(),
  /** .State.OOMKilled: killed for exceeding its --memory limit. */
  oomKilled: z.boolean().optional(),
  /**
   * The signals the engine sent the current (or last) run, in order, from its `kill` events, e.g.
   * [15, 9] for a `docker stop` whose SIGTERM was ignored until SIGKILL ([9] alone is `docker kill`).
   * An exit code cannot tell these apart; the events can.
   */
  signals: z.array(z.number().int().min(1).max(64)).optional(),
  /**
   * The container's latest lifecycle events (see LIFECYCLE_EVENTS), newest last, must end with
   * these: [pause, unpause] for a run frozen and resumed (a restart ends in start, restart instead),
   * [attach, start, die] for a `docker start -a` that ran to its end (a plain start has no attach).
   * Exec, top, cp and health events are not lifecycle events and never get in the way. (The engine
   * keeps its last 256 events: check soon after the action.)
   */
  lastEvents: z.array(z.enum(LIFECYCLE_EVENTS)).min(1).optional(),
}).strict();


/** .HostConfig.RestartPolicy and .RestartCount. */
const RestartCheck = z.object({
  ...CheckBase,
  kind: z.literal('restart'),
  container: Name,
  policy: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
  /** For on-failure:N. */
  maxRetries: z.number().int().min(0).optional(),
  /** At least this many restarts have happened (.RestartCount). */
  minRestartCount: z.number().int().min(0).optional(),
  /** At most this many (0: the engine never restarted it, e.g. a health check must not cause restarts). */
  maxRestartCount: z.number().int().min(0).optional(),
}).strict();

/** A container port is published on the host (.HostConfig.PortBindings). */
const PortCheck = z.object({
  ...CheckBase,
  kind: z.literal('port'),
  container: Name,
  /** e.g. "80/tcp" (the /tcp may be left out). */
  containerPort: z.string().regex(/^\d+(\/(tcp|udp))?$/),
  /** The host port it must be published on; any host port if omitted. */
  hostPort: HostPort.optional(),
  /**
   * The host address it must be bound to, e.g. 127.0.0.1 for `-p 127.0.0.1:8080:80` (only this
   * machine can connect). Without an address in -p the engine binds every address (0.0.0.0).
   */
  hostIp: z.string().regex(/^[0-9a-fA-F.:]+$/, 'an IP address').optional(),
}).strict();

/** A real HTTP GET from the host, to 127.0.0.1. */
const HttpCheck = z.object({
  ...CheckBase,
  kind: z.literal('http'),
  /** The host port to call. */
  port: HostPort,
  path: z.string().startsWith('/').default('/'),
  status: z.number().int().default(200),
  /** The body must contain this text. */
  bodyIncludes: z.string().optional(),
  /** The body must NOT contain this text (e.g. the starter file's TODO, so an unedited page fails). */
  bodyExcludes: z.string().optional(),
  /** The body must equal this workspace file's content (a bind-mounted page, for example). */
  bodyEqualsFile: z.string().optional(),
  /** Keep trying this long while the server starts (connection refused is retried). */
  retryForMs: z.number().int().min(0).max(30_000).default(1500),
}).strict();

/** An environment variable as the container sees it (.Config.Env, the last duplicate wins). */
const EnvCheck = z.object({
  ...CheckBase,
  kind: z.literal('env'),
  container: Name,
  name: z.string().min(1),
  /** Omit to require only that the variable is set. */
  value: z.string().optional(),
}).strict();

/** A mount of the container (.Mounts[]). */
const MountCheck = z.object({
  ...CheckBase,
  kind: z.literal('mount'),
  container: Name,
  destination: z.string().startsWith('/'),
  type: z.enum(['volume', 'bind', 'tmpfs']).optional(),
  /** For a named volume: its name. */
  volume: Name.optional(),
  /** For a bind mount: the host path relative to the lesson workspace. */
  workspacePath: z.string().optional(),
  readOnly: z.boolean().optional(),
}).strict();

const ContentMatch = {
  /** The file must exist (default) or must not exist (false). */
  exists: z.boolean().default(true),
  /** Regular expression the content must match. */
  matches: z.string().optional(),
  /** The content must contain this text. */
  includes: z.string().optional(),
  /** Regular expression NO line may match (e.g. `^D:\\*` for a deny rule that must be gone). */
  notMatching: z.string().optional(),
};

/** A file inside a named volume. */
const VolumeFileCheck = z.object({
  ...CheckBase,
  kind: z.literal('volume-file'),
  volume: Name,
  /** Path inside the volume, e.g. save.dat */
  path: z.string().min(1),
  ...ContentMatch,
}).strict();

/** A file inside a container (running or stopped). */
const ContainerFileCheck = z.object({
  ...CheckBase,
  kind: z.literal('container-file'),
  container: Name,
  path: z.string().startsWith('/'),
  ...ContentMatch,
}).strict();

/** A network exists in the sandbox with this driver. */
const NetworkCheck = z.object({
  ...CheckBase,
  kind: z.literal('network'),
  network: Name,
  driver: z.string().default('bridge'),
}).strict();

/** The container is attached to a network; `host` and `none` check the network mode. */
const AttachedCheck = z.object({
  ...CheckBase,
  kind: z.literal('attached'),
  container: Name,
  network: Name,
  /** `only`: attached to this network and no other. */
  only: z.boolean().default(false),
}).strict();

/** From inside one container, reach another by name over HTTP (busybox wget). */
const ReachCheck = z.object({
  ...CheckBase,
  kind: z.literal('reach'),
  from: Name,
  /** The host name to call, usually the other container's name. */
  to: z.string().min(1),
  port: z.number().int().default(80),
  expect: z.enum(['reachable', 'unreachable']),
}).strict();

/** An image exists, and what it is made of. */
const ImageCheck = z.object({
  ...CheckBase,
  kind: z.literal('image'),
  /** repository:tag (":latest" if no tag). */
  image: z.string().min(1),
  exists: z.boolean().default(true),
  labels: z.record(z.string(), z.string()).optional(),
  /** Built FROM this image: its layers are the first layers of ours. */
  baseImage: z.string().optional(),
  /** At least this many layers (diffIDs). */
  minLayers: z.number().int().min(1).optional(),
  /** Some history entry's created_by contains this text. */
  historyIncludes: z.string().optional(),
  /** Same image (same ID) as this reference. */
  sameAs: z.string().optional(),
  /**
   * The image config has a health check (.Config.Healthcheck, from HEALTHCHECK), not NONE. Read
   * from the config, not the history text: a LABEL or a comment that says HEALTHCHECK is not one.
   */
  healthcheck: z.boolean().optional(),
  /**
   * The image under this name was really fetched: a `docker pull` of it happened after its image
   * ID had been deleted from this engine (engine events). A pull that found the image still
   * there ("Image is up to date") proves nothing about the registry.
   */
  fetched: z.boolean().optional(),
  // lessons-images
  /** At most this many layers (a `docker import` of an exported container has exactly one). */
  maxLayers: z.number().int().min(1).optional(),
  /**
   * How many layers (diffIDs), counted from the bottom, it has in common with another image: at
   * least `min`, at most `max`. A rebuild shares the layers the build cache reused and no more.
   */
  sharedLayers: z
    .object({ image: z.string().min(1), min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
    .strict()
    .optional(),
  /**
   * The image came back with `docker load` after its image ID had been deleted from this engine:
   * its `Metadata.LastTagTime` is zero (a build, commit or `docker tag` stamps it; a load that
   * recreates the image does not, and a load over the image still here keeps the old stamp).
   * Engine state, not events: a shared engine's last 256 events can scroll away in seconds.
   */
  loaded: z.boolean().optional(),
}).strict();

/** A registry (on 127.0.0.1) lists this exact tag of a repository (GET /v2/REPO/tags/list, parsed). */
const RegistryTagCheck = z.object({
  ...CheckBase,
  kind: z.literal('registry-tag'),
  /** The host port the registry is published on. */
  port: HostPort,
  /** The repository inside the registry, e.g. greeter (or a per-learner [[repo]]). */
  repository: z.string().regex(/^(?:[a-z0-9]|\[\[[a-z][a-z0-9-]*\]\])+(?:[._/-](?:[a-z0-9]|\[\[[a-z][a-z0-9-]*\]\])+)*$/),
  /** The tag, compared exactly (`1.0` is not `v1.0`, `stable` is not `unstable`). */
  tag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/),
  /** `present` (default) or `absent`. */
  expect: z.enum(['present', 'absent']).default('present'),
}).strict();

/** Health status, optionally waiting for it, and the transitions seen so far. */
const HealthCheck = z.object({
  ...CheckBase,
  kind: z.literal('health'),
  container: Name,
  status: z.enum(['starting', 'healthy', 'unhealthy']),
  /** Wait up to this long for the status. */
  withinMs: z.number().int().min(0).max(60_000).default(0),
  /** These statuses must have been reported in this order since the container was created. */
  transitions: z.array(z.enum(['healthy', 'unhealthy'])).optional(),
}).strict();

/**
 * An action: stop the container with `docker stop -t timeoutSeconds` (SIGTERM, then SIGKILL after
 * the timeout) and assert how long it took and how it exited. Later checks see the stopped container.
 */
const StopCheck = z.object({
  ...CheckBase,
  kind: z.literal('stop'),
  container: Name,
  timeoutSeconds: z.number().int().min(1).max(30),
  /** It must stop faster than this (seconds, fractional). */
  maxSeconds: z.number().positive().optional(),
  /** It must take at least this long (e.g. the full timeout, when SIGTERM is ignored). */
  minSeconds: z.number().positive().optional(),
  exitCode: z.number().int().optional(),
}).strict();

/** Output in the container's log, on one stream. */
const LogsCheck = z.object({
  ...CheckBase,
  kind: z.literal('logs'),
  container: Name,
  stream: z.enum(['stdout', 'stderr']),
  /** Regular expression a line must match. */
  matches: z.string(),
  /** Which line: any line, or the first line of the output. */
  line: z.enum(['any', 'first']).default('any'),
  /** `last-start`: only output since the container last started. */
  since: z.enum(['created', 'last-start']).default('created'),
  /** Fail if the match also shows up on the other stream. */
  notOnOtherStream: z.boolean().default(false),
  /** Keep reading this long for the line to appear. */
  withinMs: z.number().int().min(0).max(30_000).default(0),
}).strict();

/** The letters a question's choices may have, in order. */
export const CHOICE_IDS = ['a', 'b', 'c', 'd', 'e'] as const;
export type ChoiceId = (typeof CHOICE_IDS)[number];
const ChoiceId = z.enum(CHOICE_IDS);

/** A choice of a question: its letter, its text, and (for a wrong one) why it is wrong. */
const Choice = z.object({
  id: ChoiceId,
  en: z.string().min(1),
  ko: z.string().min(1),
  /** Shown when the learner picks this (wrong) choice: why it is wrong. */
  why: Text.optional(),
}).strict();
export type Choice = z.infer<typeof Choice>;

/**
 * A concept question: the learner picks one lettered choice (typing the letter alone at the
 * prompt, or `ctr-learn answer <lesson> <letter>`). The answer is kept in the lesson workspace
 * (.ctr-learn/answers.json, keyed by this check's id), so it is checked like any other state.
 * At most one per step; 2 to 5 choices; `answer` names one of them (lint CTR024).
 */
const QuestionCheck = z.object({
  ...CheckBase,
  kind: z.literal('question'),
  question: Text,
  choices: z.array(Choice),
  /** The id of the right choice. */
  answer: ChoiceId,
  /** Shown once the question is answered right: the idea behind it. */
  explain: Text.optional(),
}).strict();
// lessons-api
/**
 * What the engine recorded for a container's run settings (or an image's, for stopSignal): read
 * from inspect, so every spelling of an option (`-m 64M`, `--memory=67108864`, `docker update`,
 * STOPSIGNAL in the Dockerfile) counts alike. Give exactly one of container, image.
 */
const RunConfigCheck = z.object({
  ...CheckBase,
  kind: z.literal('run-config'),
  container: Name.optional(),
  /** An image reference; only stopSignal applies (its .Config.StopSignal, from STOPSIGNAL). */
  image: z.string().min(1).optional(),
  /** --init: the engine's init (docker-init, tini) runs as PID 1 (.HostConfig.Init). */
  init: z.boolean().optional(),
  /** --memory, e.g. "64m" (binary units, as docker reads them; "0": no limit). .HostConfig.Memory. */
  memory: z.string().regex(/^\d+(\.\d+)?[bkmgBKMG]?[bB]?$/).optional(),
  /** --memory-swap: memory plus swap ("-1": unlimited swap). .HostConfig.MemorySwap. */
  memorySwap: z.string().regex(/^(-1|\d+(\.\d+)?[bkmgBKMG]?[bB]?)$/).optional(),
  /** --cpus (.HostConfig.NanoCpus), or the same share as --cpu-quota / --cpu-period. */
  cpus: z.number().positive().optional(),
  /** --stop-signal or STOPSIGNAL (.Config.StopSignal; unset is SIGTERM). SIGINT, INT and 2 are one. */
  stopSignal: z.string().min(1).optional(),
  /** --stop-timeout in seconds (.Config.StopTimeout): the grace `docker stop` uses without -t. */
  stopTimeout: z.number().int().optional(),
}).strict()
  .refine((c) => (c.container === undefined) !== (c.image === undefined), { message: 'give exactly one of container, image' })
  .refine((c) => c.image === undefined || Object.keys(c).every((k) => ['id', 'title', 'hint', 'kind', 'image', 'stopSignal'].includes(k)), {
    message: 'an image check reads only stopSignal',
  });

// lessons-debugnet
/** A file in the lesson workspace on the host (what `docker cp CONTAINER:PATH .` brought out). */
const WorkspaceFileCheck = z.object({
  ...CheckBase,
  kind: z.literal('workspace-file'),
  /** Path relative to the workspace, e.g. httpd.conf */
  path: z.string().min(1).refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'a path inside the workspace'),
  ...ContentMatch,
}).strict();

// lessons-debugnet
/**
 * A real HTTP GET to 127.0.0.1 on whatever host port the engine published a container port on
 * (`-P`, `-p 80`: a random port the lesson cannot know), read from .NetworkSettings.Ports.
 */
const PublishedHttpCheck = z.object({
  ...CheckBase,
  kind: z.literal('published-http'),
  container: Name,
  /** e.g. "8080/tcp" (the /tcp may be left out). */
  containerPort: z.string().regex(/^\d+(\/tcp)?$/),
  path: z.string().startsWith('/').default('/'),
  status: z.number().int().default(200),
  bodyIncludes: z.string().optional(),
  retryForMs: z.number().int().min(0).max(30_000).default(1500),
}).strict();

// lessons-running
/**
 * What the container was told to run (.Config.Entrypoint and .Config.Cmd): the image's ENTRYPOINT
 * and CMD, replaced by `--entrypoint` and by the words after the image name.
 */
const CommandCheck = z.object({
  ...CheckBase,
  kind: z.literal('command'),
  container: Name,
  /** .Config.Entrypoint exactly (as a JSON array). */
  entrypoint: z.array(z.string()).optional(),
  /** .Config.Cmd exactly: the words after the image name, or the image's CMD when none were given. */
  cmd: z.array(z.string()).optional(),
  /**
   * `exec`: ENTRYPOINT is a JSON array whose program runs as PID 1 and gets CMD (or the words
   * after the image name) as arguments. `shell`: `ENTRYPOINT prog args` became
   * ["/bin/sh", "-c", "prog args"], and CMD or the words after the image name are ignored.
   */
  entrypointForm: z.enum(['exec', 'shell']).optional(),
}).strict();

// lessons-running
/** How the engine keeps the container's log (.HostConfig.LogConfig): the driver and its rotation. */
const LogConfigCheck = z.object({
  ...CheckBase,
  kind: z.literal('log-config'),
  container: Name,
  /** The log driver (json-file, local...); any if omitted. */
  driver: z.string().optional(),
  /** --log-opt max-size as docker reads it (1m = 1024k = 1048576 bytes): compared in bytes. */
  maxSize: z.string().regex(/^\d+(\.\d+)?\s*[kmgKMG]?[iI]?[bB]?$/, 'a size like 10k, 1m').optional(),
  /** --log-opt max-file: how many files the log is rotated over. */
  maxFile: z.number().int().min(1).optional(),
}).strict();

// kube: checks of the learner's Kubernetes manifests in the workspace, read and validated like a
// strict API server would (src/kube). They need no engine: a lesson of only these says
// `requires: { engine: false }`.

/** `Kind/name` of an object in the learner's manifests, e.g. Deployment/web. */
const KubeRef = z.string().regex(/^[A-Z][A-Za-z]+\/[a-z0-9][a-z0-9.-]*$/, 'Kind/name, e.g. Deployment/web');
const KubeFile = z.string().regex(/^[^/].*\.ya?ml$/, 'a .yaml file in the workspace, e.g. pod.yaml');
const KubeTarget = {
  /** The object the check is about. */
  object: KubeRef,
  /** The file it must be in; any .yaml file of the workspace if omitted. */
  file: KubeFile.optional(),
  /** The container (by name); the pod's first container if omitted. */
  container: z.string().min(1).optional(),
};

/**
 * The file is valid, strictly (unknown fields, types, enums, required fields, images), and holds
 * these objects. Without `file`: every .yaml file of the workspace, together.
 */
const ManifestCheck = z.object({
  ...CheckBase,
  kind: z.literal('manifest'),
  file: KubeFile.optional(),
  objects: z.array(KubeRef).default([]),
}).strict();

/** A container's probe: its handler, on a port the container declares, and timings that suit the app. */
const KubeProbeCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-probe'),
  ...KubeTarget,
  probe: z.enum(['readiness', 'liveness', 'startup']),
  /** The handler must be one of these. */
  handler: z.array(z.enum(['httpGet', 'tcpSocket', 'exec', 'grpc'])).min(1).optional(),
  /** An httpGet or tcpSocket probe must use a port (number or name) the container declares in `ports`. */
  declaredPort: z.boolean().default(true),
  /** An httpGet probe must ask this path. */
  path: z.string().startsWith('/').optional(),
  /**
   * The app needs this long to start: the probe must not fail it before then, i.e.
   * initialDelaySeconds + periodSeconds × failureThreshold ≥ this (for a liveness probe, a
   * startupProbe's budget counts instead: liveness waits for it).
   */
  slowStartSeconds: z.number().int().min(1).optional(),
  /** A hung app must be caught within this long: periodSeconds × failureThreshold ≤ this. */
  hangRestartSeconds: z.number().int().min(1).optional(),
}).strict();

/** A container's lifecycle hook, and whether it fits in the grace period with the app's shutdown. */
const KubeHookCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-hook'),
  ...KubeTarget,
  hook: z.enum(['preStop', 'postStart']),
  handler: z.array(z.enum(['exec', 'httpGet', 'tcpSocket', 'sleep'])).min(1).optional(),
  /** The hook must wait at least this long (a `sleep` handler's seconds, or `sleep N` in an exec command). */
  minSeconds: z.number().int().min(0).optional(),
  /**
   * After the preStop hook, the app gets SIGTERM and needs this long to save and exit: hook +
   * this must fit in terminationGracePeriodSeconds (default 30), or SIGKILL comes first.
   */
  appShutdownSeconds: z.number().int().min(0).optional(),
}).strict();

/** A container's image reference and (effective) imagePullPolicy. */
const KubeImageCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-image'),
  ...KubeTarget,
  /** The effective policy: as written, or the default (Always for :latest or no tag, else IfNotPresent). */
  pullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  /** `digest`: name@sha256:<64 hex>; `tag`: an explicit tag other than latest. */
  pinned: z.enum(['digest', 'tag']).optional(),
  /** The image's repository, without tag or digest, e.g. registry.example.com/web. */
  repository: z.string().min(1).optional(),
}).strict();

/** A workload's selector matches its template; a Service's selector finds those pods on a declared port. */
const KubeSelectorCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-selector'),
  /** The Deployment or ReplicaSet. */
  object: KubeRef,
  file: KubeFile.optional(),
  /** The Service that must find the workload's pods (and send to a port they declare). */
  service: KubeRef.optional(),
  replicas: z.number().int().min(0).optional(),
}).strict();

/** Where an environment variable of a container comes from. */
const KubeEnvCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-env'),
  ...KubeTarget,
  /** The variable's name as the app reads it. */
  name: z.string().min(1),
  /** `secret`/`configMap`: from a secretKeyRef/configMapKeyRef, or an envFrom of one; `value`: a literal value. */
  from: z.enum(['secret', 'configMap', 'value']),
  /** The Secret or ConfigMap's name. */
  source: z.string().min(1).optional(),
  /** Its key. */
  key: z.string().min(1).optional(),
  /** For `from: value`, the value. */
  value: z.string().optional(),
  /** The Secret/ConfigMap must be in the workspace's manifests, with that key. */
  sourceInWorkspace: z.boolean().default(true),
}).strict();

/** A container's volume mount and what backs it. */
const KubeVolumeCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-volume'),
  ...KubeTarget,
  mountPath: z.string().startsWith('/'),
  source: z.enum(['persistentVolumeClaim', 'configMap', 'secret', 'emptyDir', 'hostPath']),
  /** The claim's, ConfigMap's or Secret's name. */
  sourceName: z.string().min(1).optional(),
  readOnly: z.boolean().optional(),
  /** The PVC/ConfigMap/Secret must be in the workspace's manifests. */
  sourceInWorkspace: z.boolean().default(true),
  /** The claim could bind this PersistentVolume of the workspace (class, access modes, size). */
  persistentVolume: z.string().min(1).optional(),
}).strict();

/** One field of an object: its value, or that it names another object of the workspace. */
const KubeFieldCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-field'),
  object: KubeRef,
  file: KubeFile.optional(),
  /** Dotted path, list items by index: spec.runtimeClassName, spec.template.spec.containers.0.name */
  path: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** The value is the name of an object of this kind in the workspace (e.g. RuntimeClass). */
  refersTo: z.string().regex(/^[A-Z][A-Za-z]+$/).optional(),
}).strict();

// lessons-images
/**
 * The digest a registry on 127.0.0.1 gives one tag (the manifest's sha256, as `docker push` prints
 * it), compared with another tag's, or pulled by it.
 */
const DigestCheck = z.object({
  ...CheckBase,
  kind: z.literal('digest'),
  /** The host port the registry is published on. */
  port: HostPort,
  /** The repository inside the registry, e.g. greeter (or a per-learner [[repo]]). */
  repository: z.string().regex(/^(?:[a-z0-9]|\[\[[a-z][a-z0-9-]*\]\])+(?:[._/-](?:[a-z0-9]|\[\[[a-z][a-z0-9-]*\]\])+)*$/),
  /** The tag whose digest is read. */
  tag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/),
  /** This other tag has the same digest: two names of one image. */
  sameAs: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/).optional(),
  /** This other tag has another digest: other content (or the tag was moved). */
  differentFrom: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/).optional(),
  /**
   * The engine holds 127.0.0.1:PORT/REPOSITORY@DIGEST (that tag's digest now) and a `docker pull`
   * of exactly that reference happened (engine events). Not "after it was deleted": an image of
   * that content may stay here under other learners' names.
   */
  pulled: z.boolean().optional(),
}).strict();

// kube-replay
/**
 * Tier 2: the pod of a workspace manifest replayed on docker through the learner's sandbox, as the
 * kubelet ran a pod on docker (src/kube/replay): its containers in one network namespace, hooks and
 * probes with the manifest's handlers and timings, deletion by preStop, SIGTERM, then SIGKILL at the
 * end of the grace period. Graded by what happened; the timeline is the evidence. Needs the engine.
 */
const PodReplayCheck = z.object({
  ...CheckBase,
  kind: z.literal('pod-replay'),
  file: KubeFile,
  /** The Pod (or Deployment/ReplicaSet, for its pod template). */
  object: KubeRef,
  /**
   * The base of the replay's container names (default: the pod's name). The lab's own suffix is
   * always added, so two learners' replays never collide; the learner's answer names no docker object.
   */
  name: Name.optional(),
  /**
   * `start`: run until every container is Ready; `delete`: then delete the pod; `liveness`: run until a
   * container restarts; `crash`: run until a container that keeps exiting restarted `restartsAtLeast`
   * times (or ended for good under its restart policy).
   */
  scenario: z.enum(['start', 'delete', 'liveness', 'crash']),
  /** The container the assertions are about (the pod's first if omitted). */
  container: z.string().min(1).optional(),
  /** Ready (readiness probe passed, or started without one) within this many ms of the start. */
  readyWithinMs: z.number().int().min(0).optional(),
  /** Not Ready before this many ms: the readiness probe held traffic back until the app was ready. */
  notReadyBeforeMs: z.number().int().min(0).optional(),
  /** The liveness (or startup) probe, or the restart policy (crash), restarted the container at least this often. */
  restartsAtLeast: z.number().int().min(1).optional(),
  /** crash: restarted at most this often (0: restartPolicy Never leaves it terminated). */
  restartsAtMost: z.number().int().min(0).optional(),
  /** crash: the CrashLoopBackOff waits before the restarts doubled (10 s, 20 s, ...). */
  backOffGrows: z.literal(true).optional(),
  /** The container's last exit code. */
  exitCode: z.number().int().optional(),
  /** delete: preStop ran to its end before SIGTERM. */
  preStopBeforeTerm: z.literal(true).optional(),
  /** delete: whether SIGKILL ended it (the grace period ran out). */
  killedBySigkill: z.boolean().optional(),
  /** delete: a file the app writes on SIGTERM is there after it ended (and holds this text). */
  fileWritten: z.object({ path: z.string().startsWith('/'), contains: z.string().optional() }).strict().optional(),
  /** The pull fails at once with this reason (e.g. Never with no local image); `none`: the images are there. */
  pull: z.enum(['ErrImageNeverPull', 'ErrImagePull', 'ImagePullBackOff', 'none']).optional(),
  /** The container's image was pulled from the registry at its start (true), or the node's copy used with no pull (false). */
  pulled: z.boolean().optional(),
  /** The image was pulled at least this often (each start under Always). */
  pullsAtLeast: z.number().int().min(1).optional(),
  /** The container ran the very image (by image ID) that this local reference names: a digest pins it even after the tag moved. */
  sameImageAs: z.string().min(1).optional(),
  /** These init containers completed, in this order, before the app containers started. */
  initCompleted: z.array(z.string().min(1)).optional(),
  /** Whether the app containers started at all (false: an init container blocked them). */
  appStarted: z.boolean().optional(),
  /** The container's process got these environment variables (the engine's record of the container). */
  env: z.record(z.string(), z.string()).optional(),
  /** The pod's container could not be made: a ConfigMap/Secret or key missing (env), or a volume's source (mount). */
  startError: z.enum(['CreateContainerConfigError', 'FailedMount']).optional(),
  /** After the pod is gone, the claim's volume still holds this file (and this text). */
  claimFile: z.object({ claim: z.string().min(1), path: z.string().min(1), contains: z.string().optional() }).strict().optional(),
  /** How long the pod may run before the scenario ends, at most 28 s (default 20 s). */
  windowMs: z.number().int().min(1000).max(28_000).optional(),
}).strict();

// kube-live
/**
 * Tier 3: the file applied to a real cluster, into the learner's own namespace (src/kube/live:
 * boundary, server-side dry run, server-side apply), and the live state graded, waiting up to
 * `withinSeconds`. Only in a step's `live` list: run only when a kubeconfig context answers
 * (see Step.live), never part of the offline grading.
 */
const KubeLiveCheck = z.object({
  ...CheckBase,
  kind: z.literal('kube-live'),
  /** The file applied (every object in it). */
  file: KubeFile,
  /** The Pod, or the Deployment/ReplicaSet/StatefulSet/Job whose pods are graded. */
  object: KubeRef,
  /** The container the restarts and env are about (the pod's first if omitted). */
  container: z.string().min(1).optional(),
  /** Every pod of the object Ready (a Deployment's: at least its replicas). */
  podReady: z.literal(true).optional(),
  /** The container restarted at least this often (e.g. after a failing liveness probe). */
  restartsAtLeast: z.number().int().min(1).optional(),
  /** An event about the object's pods with this reason (and text in its message). */
  event: z
    .object({
      reason: z.enum(['Scheduled', 'Pulled', 'Created', 'Started', 'Unhealthy', 'Killing', 'BackOff', 'Failed', 'FailedPostStartHook', 'FailedPreStopHook', 'ErrImageNeverPull']),
      message: z.string().min(1).optional(),
    })
    .strict()
    .optional(),
  /** A Service of the file has at least this many endpoints (pods it found), ready ones only unless `ready: false`. */
  serviceEndpoints: z.object({ service: z.string().min(1), atLeast: z.number().int().min(0), ready: z.boolean().default(true) }).strict().optional(),
  /** A variable in the container's environment as the app sees it (read with `env` in the container), e.g. SHOP_SERVICE_HOST. */
  env: z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), matches: z.string().min(1) }).strict().optional(),
  /** How long the state may take to arrive (default 60 s, at most 300 s). */
  withinSeconds: z.number().int().min(1).max(300).default(60),
}).strict();

export const Check = z.discriminatedUnion('kind', [
  ContainerCheck,
  RestartCheck,
  PortCheck,
  HttpCheck,
  EnvCheck,
  MountCheck,
  VolumeFileCheck,
  ContainerFileCheck,
  NetworkCheck,
  AttachedCheck,
  ReachCheck,
  ImageCheck,
  RegistryTagCheck,
  HealthCheck,
  StopCheck,
  LogsCheck,
  QuestionCheck,
  // lessons-debugnet
  WorkspaceFileCheck,
  PublishedHttpCheck,
  // lessons-running
  CommandCheck,
  LogConfigCheck,
  // kube
  ManifestCheck,
  KubeProbeCheck,
  KubeHookCheck,
  KubeImageCheck,
  KubeSelectorCheck,
  KubeEnvCheck,
  KubeVolumeCheck,
  KubeFieldCheck,
  // lessons-images
  DigestCheck,
  // kube-replay
  PodReplayCheck,
  // lessons-api
  RunConfigCheck,
  // kube-live
  KubeLiveCheck,
]);
export type Check = z.infer<typeof Check>;
export type CheckKind = Check['kind'];
export type CheckOf<K extends CheckKind> = Extract<Check, { kind: K }>;

/** Commands (one docker command per entry, no shell) plus files written into the workspace first. */
const Attempt = z.object({
  /** Workspace path → path of a file in this lesson folder whose content is written there first. */
  files: z.record(z.string(), z.string()).default({}),
  commands: z.array(z.string().min(1)).default([]),
  /** Question check id → the choice this answer picks, saved the way a learner's answer is. */
  answers: z.record(z.string(), ChoiceId).optional(),
}).strict();

const Hint = z.object({ id: Id, en: z.string().min(1), ko: z.string().min(1) }).strict();

export const NearMiss = Attempt.extend({
  id: Id,
  /** The mistake this answer models, shown by `verify`. */
  mistake: Text,
  /** Which check of the step must fail for this answer. */
  failsCheck: Id,
}).strict();
export type NearMiss = z.infer<typeof NearMiss>;

/**
 * Another right answer: a way a learner really types a correct answer that differs from the
 * reference (`--publish` for `-p`, `docker container run`, `--mount` for `-v`, `create` + `start`,
 * `--env-file`, a differently written Dockerfile). `verify` proves that each passes the step, from
 * a fresh sandbox with the earlier steps solved, so a check that only accepts the reference's
 * spelling shows up.
 */
export const Alternative = Attempt.extend({
  id: Id,
  /** What differs from the reference, shown by `verify`. */
  why: Text,
}).strict();
export type Alternative = z.infer<typeof Alternative>;

export const Step = z.object({
  id: Id,
  title: Text,
  checks: z.array(Check),
  /** The hint ladder, gentlest first: a nudge, then the flag, then the full command. */
  hints: z.array(Hint),
  solution: Attempt,
  /** Other right answers; each must pass the step (see Alternative). */
  alternatives: z.array(Alternative).default([]),
  /** Wrong answers learners really give; each must fail the step at its `failsCheck`. */
  nearMisses: z.array(NearMiss).default([]),
  /**
   * Tier 3: checks of the live state on a real cluster (kube-live only), run after `checks` pass
   * and only when a kubeconfig context answers (src/kube/live/mode.ts). Without a cluster the
   * step is graded by `checks` alone, as it always is offline.
   */
  live: z.array(KubeLiveCheck).optional(),
}).strict();
export type Step = z.infer<typeof Step>;

export const LessonData = z.object({
  /** The content format; ctr-learn refuses versions it does not know. */
  formatVersion: z.literal(FORMAT_VERSION),
  id: Id,
  title: Text,
  /** Which track the lesson belongs to, e.g. docker-basics. */
  track: Id,
  /** The study-group week this lesson belongs to. */
  week: z.number().int().min(1),
  /** Position within the track. */
  order: z.number().int().min(0),
  /**
   * The lessons this one builds on (their ids): what a learner should have done first. The app
   * suggests the next lesson from this, not only from `week` and `order`; `ctr-learn lint` checks
   * that each names a lesson that exists (CTR019).
   */
  buildsOn: z.array(Id).optional(),
  /**
   * The lesson's per-learner values: every object name it creates and every host port it binds.
   * On a shared engine two learners' `--name web -p 8080:80` cannot both succeed, and a
   * neighbour's answer pasted as it is must not pass. `[[key]]` anywhere in the lesson (data,
   * prose, starter and solution files) becomes this learner's value: a name is `<base>-<short
   * form of the learner>`, a port is the learner's own range + the default's last two digits.
   * Shown without a learner (lint, docs), the default stands.
   */
  mine: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lowercase key (a-z, 0-9, -)'),
      z.union([
        z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase base name (a-z, 0-9, -)') }).strict(),
        z.object({ port: z.number().int().min(8000).max(8999) }).strict(),
      ]),
    )
    .default({}),
  requires: z
    .object({
      engine: z.boolean().default(true),
      /** Images the lesson uses; `ctr-learn prepare` makes them. */
      images: z.array(z.string()).default([]),
      registry: z.boolean().default(false),
      kubectl: z.boolean().default(false),
    })
    .strict()
    .prefault({}),
  /**
   * The names the lesson's commands create. `verify` runs lessons side by side only when these do
   * not overlap, and `reset` explains what it removes by them.
   */
  uses: z
    .object({
      containers: z.array(Name).default([]),
      networks: z.array(Name).default([]),
      volumes: z.array(Name).default([]),
      images: z.array(z.string()).default([]),
      hostPorts: z.array(HostPort).default([]),
    })
    .strict()
    .prefault({}),
  steps: z.array(Step).min(1),
}).strict();
export type LessonData = z.infer<typeof LessonData>;

/** A step's prose in one language: Markdown source and where it starts in its file. */
export interface Prose {
  markdown: string;
  file: string;
  line: number;
}

/** A parsed lesson: data + prose in both languages + where it lives. */
export interface Lesson extends LessonData {
  dir: string;
  intro: Record<'en' | 'ko', Prose>;
  stepProse: Record<string, Record<'en' | 'ko', Prose>>;
  /** Where the data came from, so later rules can point at `file:line`. */
  source: { yamlPath: string; lineOf: (path: (string | number)[]) => number };
  /** This learner's values of `mine` once personalized (lessons/personalize.ts); absent: the template. */
  values?: Record<string, string | number>;
}

export type Lang = 'en' | 'ko';
