import { Writable } from 'node:stream';
import {
  CoreV1Api,
  DiscoveryV1Api,
  Exec,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  VersionApi,
  createConfiguration,
  type KubernetesObject,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';

/**
 * The only module that imports @kubernetes/client-node. It is reached through dynamic imports
 * alone (mode.ts, the kube-live check, reset/clean when a kubeconfig exists), so esbuild puts the
 * client in a chunk of its own that a docker lesson never loads.
 *
 * Every request carries an AbortSignal with a deadline: a cluster that stops answering makes a
 * check fail (or doctor say so) in seconds, never hang.
 */
export interface Cluster {
  context: string;
  server: string;
  version(): Promise<string>;
  core: CoreV1Api;
  discovery: DiscoveryV1Api;
  objects: KubernetesObjectApi;
  /** Server-side apply (or its dry run) of one object, as field manager `ctr-learn`. */
  apply(obj: KubernetesObject, dryRun: boolean): Promise<KubernetesObject>;
  /** Run a command in a container; its stdout (no TTY, no stdin). */
  exec(namespace: string, pod: string, container: string, command: string[], timeoutMs: number): Promise<string>;
}

export const FIELD_MANAGER = 'ctr-learn';

/**
 * The current context of one kubeconfig file (null when it names none). kubectl merges every file
 * of $KUBECONFIG; ctr-learn reads the first one that exists, which holds the current context in
 * the usual one-file setup (kind, k3d and minikube all write ~/.kube/config).
 */
export async function openCluster(file: string, timeoutMs: number): Promise<Cluster | null> {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const ctxName = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!ctxName || !cluster) return null;
  const deadline = {
    pre: async (ctx: RequestContext) => {
      ctx.setSignal(AbortSignal.timeout(timeoutMs) as unknown as Parameters<RequestContext['setSignal']>[0]);
      return ctx;
    },
    post: async (ctx: ResponseContext) => ctx,
  };
  const config = createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: kc }, promiseMiddleware: [deadline] });
  const objects = new KubernetesObjectApi(config);
  const core = new CoreV1Api(config);
  return {
    context: ctxName,
    server: cluster.server,
    async version() {
      const v = await new VersionApi(config).getCode();
      return v.gitVersion || `v${v.major}.${v.minor}`;
    },
    core,
    discovery: new DiscoveryV1Api(config),
    objects,
    apply: (obj, dryRun) => objects.patch(obj, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply),
    exec(namespace, pod, container, command, ms) {
      return new Promise((resolve, reject) => {
        let out = '';
        let err = '';
        const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
        const timer = setTimeout(() => reject(new Error(`exec ${command.join(' ')}: no answer within ${ms} ms`)), ms);
        new Exec(kc)
          .exec(namespace, pod, container, command, sink((s) => (out += s)), sink((s) => (err += s)), null, false, (status) => {
            clearTimeout(timer);
            if (status.status === 'Success') resolve(out);
            else reject(new Error(`exec ${command.join(' ')}: ${status.message ?? status.reason ?? 'failed'}${err ? ` (${err.trim().slice(0, 120)})` : ''}`));
          })
          .catch((e: unknown) => {
            clearTimeout(timer);
            reject(e as Error);
          });
      });
    },
  };
}
