import type { Lang } from '../../lessons/schema';
import { fillTemplate } from '../../i18n/josa';

/**
 * What tier 3 (a real cluster) says, in both languages: doctor's line, the lesson's live-mode
 * line, the boundary's refusals and the kube-live check's evidence. `{name}` is filled in by
 * `sayLive`; kinds, field names, namespaces and file positions stay as they are.
 */
const LIVE = {
  // detection (doctor, the lesson line)
  doctorOn: { en: 'context {context} at {server} answers ({version}) — live mode on', ko: '컨텍스트 {context|가} 응답해요 ({server}, {version}) — 라이브 모드 켜짐' },
  doctorNone: {
    en: 'no kubeconfig — the Kubernetes lessons are graded offline and replayed on docker; for live mode start a local cluster (`kind create cluster` / `k3d cluster create` / `minikube start`)',
    ko: '`kubeconfig`가 없어요 — 쿠버네티스 레슨은 오프라인으로 채점하고 docker에서 재현해요. 라이브 모드를 쓰려면 로컬 클러스터를 띄우세요 (`kind create cluster` / `k3d cluster create` / `minikube start`)',
  },
  doctorDown: { en: 'context {context} at {server} does not answer ({reason}) — live mode off', ko: '컨텍스트 {context|가} 응답하지 않아요 ({server}, {reason}) — 라이브 모드 꺼짐' },
  doctorNoContext: { en: 'the kubeconfig {file} has no current context — live mode off', ko: '`kubeconfig` {file}에 현재 컨텍스트가 없어요 — 라이브 모드 꺼짐' },
  doctorOff: { en: 'live mode turned off (CTR_LEARN_KUBE=off)', ko: '라이브 모드를 껐어요 (CTR_LEARN_KUBE=off)' },
  doctorDownFix: { en: 'start the cluster (kind/k3d/minikube), or `kubectl config use-context` one that runs', ko: '클러스터를 시작하거나 (kind/k3d/minikube), 실행 중인 컨텍스트로 `kubectl config use-context` 하세요' },
  lineOn: { en: 'Live mode: on (context {context}, namespace {namespace})', ko: '라이브 모드: 켜짐 (컨텍스트 `{context}`, 네임스페이스 `{namespace}`)' },
  lineOff: { en: 'Live mode: off — no cluster answered; see `ctr-learn doctor`', ko: '라이브 모드: 꺼짐 — 응답한 클러스터가 없어요. `ctr-learn doctor`를 보세요' },
  lineOptOut: { en: 'Live mode: off (CTR_LEARN_KUBE=off)', ko: '라이브 모드: 꺼짐 (CTR_LEARN_KUBE=off)' },
  notRun: { en: 'live checks: not run (no cluster)', ko: '라이브 확인: 실행 안 함 (클러스터 없음)' },
  timeout: { en: 'no answer within {ms} ms', ko: '{ms}밀리초 안에 응답 없음' },

  // the boundary ("default to no")
  refusedKind: {
    en: '{kind} is not applied by ctr-learn: {why}. Only these kinds go into your namespace: {kinds}',
    ko: 'ctr-learn은 {kind|를} 적용하지 않아요: {why}. 내 네임스페이스에는 이 종류만 들어가요: {kinds}',
  },
  whyClusterScoped: { en: 'it is cluster-scoped (it would change the cluster for everyone, not your namespace)', ko: '클러스터 범위 오브젝트예요 (내 네임스페이스가 아니라 클러스터 전체를 바꿔요)' },
  whyRbac: { en: 'it grants permissions', ko: '권한을 주는 오브젝트예요' },
  whyNotListed: { en: 'it is not a kind the lessons use', ko: '레슨에서 쓰는 종류가 아니에요' },
  refusedNamespace: { en: 'names namespace "{ns}": ctr-learn applies only into your own namespace {mine} (leave metadata.namespace out)', ko: '네임스페이스 "{ns}"{|를} 지정했어요. ctr-learn은 내 네임스페이스 `{mine}`에만 적용해요 (metadata.namespace를 빼세요)' },
  refusedHost: { en: '{field} reaches into the node ({why}): refused in a shared cluster', ko: '{field|는} 노드에 직접 손대요 ({why}). 공유 클러스터에서는 거부해요' },
  whatNodeNamespaces: { en: 'the node\'s own network, processes or memory', ko: '노드 자신의 네트워크, 프로세스, 공유 메모리' },
  whatNodeFolder: { en: 'a folder of the node', ko: '노드의 폴더' },
  whatNodeDevices: { en: 'every device of the node', ko: '노드의 모든 장치' },
  whatNodePort: { en: 'a port of the node', ko: '노드의 포트' },
  whatExternalIPs: { en: 'addresses outside the cluster', ko: '클러스터 밖의 주소' },
  whatProbeHost: { en: 'the kubelet connects from the node to that host, not to your pod', ko: '`kubelet`이 노드에서 그 호스트로 접속해요. 내 파드가 아니에요' },
  refusedServiceType: { en: 'a Service of type {type} reaches outside your namespace (a port of the nodes, a load balancer, or a name elsewhere): use `ClusterIP` (the default)', ko: '{type} 타입 서비스는 내 네임스페이스 밖으로 나가요 (노드의 포트, 로드 밸런서, 다른 곳의 이름). `ClusterIP`(기본값)를 쓰세요' },
  refusedApiVersion: { en: 'apiVersion {apiVersion} is not the one ctr-learn applies a {kind} with: write `apiVersion: {want}`', ko: 'ctr-learn은 {kind|를} `apiVersion: {apiVersion}`{|으로} 적용하지 않아요. `apiVersion: {want}`{|로} 쓰세요' },
  refusedName: { en: 'the name "{name}" is not a valid object name (lowercase letters, digits, \'-\' and \'.\')', ko: '이름 "{name}"{|은} 오브젝트 이름으로 쓸 수 없어요 (영문 소문자, 숫자, \'-\', \'.\' 만)' },
  refusedMeta: { en: '{field} is left to the cluster\'s controllers: ctr-learn does not apply it (it can tie your object to others or keep your namespace from being deleted)', ko: '{field|는} 클러스터의 컨트롤러가 정하는 값이라 ctr-learn은 적용하지 않아요 (다른 오브젝트에 묶이거나 네임스페이스가 지워지지 않을 수 있어요)' },
  refusedSecretType: { en: 'a Secret of type {type} is not applied: it carries a credential of the cluster; use `Opaque` (the default)', ko: '{type} 타입 시크릿은 적용하지 않아요. 클러스터의 자격 증명을 담는 종류예요. `Opaque`(기본값)를 쓰세요' },
  refusedClaim: { en: '{field} picks a volume that already exists in the cluster (volumes are not namespaced): let the claim get a new one from its storage class', ko: '{field|는} 클러스터에 이미 있는 볼륨을 골라요 (볼륨은 네임스페이스에 속하지 않아요). 스토리지 클래스에서 새 볼륨을 받게 두세요' },
  refusedVolume: { en: 'a volume of type {type} is not applied: only `emptyDir`, `configMap`, `secret`, `downwardAPI`, `projected`, `persistentVolumeClaim` and `ephemeral` volumes go into your namespace', ko: '{type} 타입 볼륨은 적용하지 않아요. 내 네임스페이스에는 `emptyDir`, `configMap`, `secret`, `downwardAPI`, `projected`, `persistentVolumeClaim`, `ephemeral` 볼륨만 들어가요' },
  refusedScheduling: { en: '{field} decides where or before whom your pod runs (a node, a runtime, a priority over other people\'s pods): refused in a shared cluster', ko: '{field|는} 파드가 어느 노드에서, 어떤 런타임으로, 누구보다 먼저 실행될지 정해요 (다른 사람 파드보다 높은 우선순위 등). 공유 클러스터에서는 거부해요' },
  refusedToken: { en: '{field} would give your pod a token for the cluster\'s API (another account, or the token mounted): ctr-learn\'s pods run without one', ko: '{field|는} 파드에 클러스터 API 토큰을 줘요 (다른 계정이나 마운트된 토큰). ctr-learn의 파드는 토큰 없이 실행해요' },
  refusedSecurity: { en: '{field} = {value} loosens the container\'s isolation from the node: refused in a shared cluster', ko: '{field} = {value|는} 컨테이너와 노드 사이의 격리를 풀어요. 공유 클러스터에서는 거부해요' },
  refusedPodField: { en: '{field} is not a pod field ctr-learn applies to a shared cluster (it keeps to a short list): leave it out', ko: '{field|는} ctr-learn이 공유 클러스터에 적용하는 파드 필드가 아니에요 (정해 둔 목록만 적용해요). 빼 주세요' },
  refusedCount: { en: '{field} is {n}: at most {max} in a learning namespace (the nodes are shared)', ko: '{field|가} {n|이에요}. 학습용 네임스페이스에서는 {max}까지예요 (노드는 함께 써요)' },
  refusedNsNotOurs: { en: 'namespace {ns} exists but was not made by ctr-learn for you (label {label} missing): ctr-learn leaves it alone', ko: '네임스페이스 `{ns}`{|가} 있지만 ctr-learn이 나를 위해 만든 게 아니에요 ({label} 라벨 없음). 건드리지 않아요' },

  // apply
  dryRunRefused: { en: 'the cluster refused it in a dry run (`dryRun=All`): {message}', ko: '클러스터가 시험 적용(`dryRun=All`)에서 거부했어요: {message}' },
  applyFailed: { en: 'the cluster refused the apply: {message}', ko: '클러스터가 적용을 거부했어요: {message}' },

  // the kube-live check
  wantApplied: { en: '{file} applied to {namespace}', ko: '{file|을} `{namespace}`에 적용' },
  wantReady: { en: 'the pod(s) of {object} Ready', ko: '{object}의 파드가 `Ready`' },
  wantRestarts: { en: 'container {container} restarted at least {n} time(s)', ko: '{container} 컨테이너가 {n}번 이상 재시작' },
  wantEvent: { en: 'an event {reason}{about}', ko: '{reason} 이벤트{about}' },
  wantEndpoints: { en: 'Service {service} has at least {n} endpoint(s){ready}', ko: '서비스 {service}의 엔드포인트가 {n}개 이상{ready}' },
  readyOnly: { en: ' (ready)', ko: ' (준비된 것)' },
  wantEnv: { en: '{name} in container {container} matching /{matches}/', ko: '{container} 컨테이너의 {name|이} /{matches}/에 맞음' },
  within: { en: 'within {s} s', ko: '{s}초 안에' },
  actPods: { en: 'pods: {pods}', ko: '파드: {pods}' },
  actNoPods: { en: 'no pod of {object} in {namespace}', ko: '`{namespace}`에 {object}의 파드가 없어요' },
  actRestarts: { en: '{container} restarted {n} time(s)', ko: '{container} 재시작 {n}번' },
  actEvents: { en: 'events: {events}', ko: '이벤트: {events}' },
  actNoEvents: { en: 'no event', ko: '이벤트 없음' },
  actEndpoints: { en: 'Service {service}: {ready} ready, {notReady} not ready', ko: '서비스 {service}: 준비됨 {ready}, 준비 안 됨 {notReady}' },
  actNoService: { en: 'no Service {service} in {namespace}', ko: '`{namespace}`에 서비스 {service|가} 없어요' },
  actEnv: { en: '{name}={value}', ko: '{name}={value}' },
  actNoEnv: { en: '{name} is not set in {container} (variables: {names})', ko: '{container}에 {name|이} 없어요 (변수: {names})' },
  actNotRunning: { en: 'container {container} is not running (its environment is read inside it)', ko: '{container} 컨테이너가 실행 중이 아니에요 (환경 변수는 컨테이너 안에서 읽어요)' },
  actEnvFrom: { en: ' (read with `env` in the container)', ko: ' (컨테이너 안에서 `env`로 읽음)' },
  actWaited: { en: 'after {s} s', ko: '{s}초 뒤' },
  liveTitle: { en: 'on the cluster: {object}', ko: '클러스터에서: {object}' },
} satisfies Record<string, Record<Lang, string>>;

export type LiveKey = keyof typeof LIVE;

export function sayLive(lang: Lang | undefined, key: LiveKey, vars: Record<string, string | number> = {}): string {
  return fillTemplate(LIVE[key][lang ?? 'en'], vars);
}

/** Every string of one language (the Korean test looks for English in them). */
export function liveStrings(lang: Lang): string[] {
  return Object.values(LIVE).map((s) => s[lang]);
}
