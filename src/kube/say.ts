import type { Lang } from '../lessons/schema';
import { fillTemplate } from '../i18n/josa';

/**
 * What the manifest validator and the kube check kinds say, in both languages (the docker kinds'
 * catalogue is src/i18n/evidence.ts). `{name}` is filled in by `sayKube`; field names, kinds,
 * file positions and values stay as they are. A missing Korean string is a compile error.
 */
const KUBE = {
  // check titles (describe.ts)
  titleManifest: { en: '{file} is a valid manifest', ko: '올바른 매니페스트: {file}' },
  titleProbe: { en: '{field} of {object}', ko: '{object}의 {field}' },
  titleHook: { en: '{hook} hook of {object}', ko: '{object}의 {hook} 훅' },
  titleImage: { en: 'image and pull policy of {object}', ko: '{object}의 이미지와 pull 정책' },
  titleSelector: { en: 'selectors of {object}', ko: '{object}의 셀렉터' },
  titleEnv: { en: '{name} of {object}', ko: '{object}의 {name}' },
  titleVolume: { en: '{mountPath} of {object}', ko: '{object}의 {mountPath}' },
  titleField: { en: '{path} of {object}', ko: '{object}의 {path}' },

  // loading
  noFile: { en: 'no file {file} in the lesson folder', ko: '레슨 폴더에 {file} 파일이 없어요' },
  noManifests: { en: 'no .yaml file in the lesson folder', ko: '레슨 폴더에 .yaml 파일이 없어요' },
  emptyFile: { en: '{file} holds no object (it is empty or only comments)', ko: '{file}에 오브젝트가 없어요 (비어 있거나 주석뿐이에요)' },
  yamlError: { en: 'not valid YAML: {message}', ko: 'YAML 문법 오류: {message}' },
  notAnObject: { en: 'a document must be an object (a map with apiVersion, kind, metadata...), not {what}', ko: '문서는 오브젝트(apiVersion, kind, metadata...가 있는 맵)여야 해요. 지금은 {what}' },

  // validation, one problem each
  noKind: { en: 'missing "kind" (Pod, Deployment, Service...)', ko: '"kind"가 없어요 (Pod, Deployment, Service...)' },
  noApiVersion: { en: 'missing "apiVersion" ({kind} is {want})', ko: '"apiVersion"이 없어요 ({kind|는} {want})' },
  unknownKind: { en: 'no kind "{kind}" is known here (known: {known})', ko: '"{kind}"{|라}는 kind는 여기서 모르는 종류예요 (아는 것: {known})' },
  wrongApiVersion: { en: 'no kind "{kind}" in version "{apiVersion}": {kind} is {want}', ko: '버전 "{apiVersion}"에는 "{kind}"{|가} 없어요. {kind|는} {want|예요}' },
  unknownField: { en: '{at}: unknown field "{field}"', ko: '{at}: 알 수 없는 필드 "{field}"' },
  didYouMean: { en: ' (did you mean "{near}"?)', ko: ' ("{near}"{|를} 쓰려던 건가요?)' },
  wrongType: { en: '{at}: must be {type}, not {got}', ko: '{at}: {type|이어야} 하는데 {got|이에요}' },
  wrongEnum: { en: '{at}: "{got}" is not one of {allowed}', ko: '{at}: "{got}"{|은} 허용된 값({allowed})이 아니에요' },
  missingField: { en: '{at}: missing required field "{field}"', ko: '{at}: 꼭 있어야 하는 필드 "{field}"{|가} 없어요' },
  missingImage: { en: '{at}: container "{name}" has no image (the API server refuses it: image is required)', ko: '{at}: 컨테이너 "{name}"에 image가 없어요 (API 서버가 거절해요. image는 꼭 있어야 해요)' },
  badFormat: { en: '{at}: {got} is out of range for {format}', ko: '{at}: {got|은} {format} 범위를 벗어나요' },
  schemaOther: { en: '{at}: {message}', ko: '{at}: {message}' },
  noName: { en: 'metadata.name is missing: every object needs a name', ko: 'metadata.name이 없어요. 모든 오브젝트에는 이름이 있어야 해요' },
  badName: { en: 'metadata.name "{name}" is not a valid name (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)', ko: 'metadata.name "{name}"{|은} 쓸 수 없는 이름이에요 (소문자, 숫자, "-", "."만, 처음과 끝은 글자나 숫자)' },
  selectorMismatch: { en: '{at}: selector does not match template labels (selector {selector}, labels {labels})', ko: '{at}: selector가 템플릿 라벨과 맞지 않아요 (selector {selector}, 라벨 {labels})' },
  oneHandler: { en: '{at}: may not specify more than one handler type (has {handlers})', ko: '{at}: 핸들러는 한 종류만 쓸 수 있어요 (지금 {handlers})' },
  noHandler: { en: '{at}: must specify a handler type (exec, httpGet, tcpSocket{more})', ko: '{at}: 핸들러 종류를 정해야 해요 (exec, httpGet, tcpSocket{more})' },
  successThresholdOne: { en: '{at}: must be 1 for a {probe} probe', ko: '{at}: {probe} 프로브에서는 1이어야 해요' },
  noContainers: { en: '{at}: a pod needs at least one container', ko: '{at}: 파드에는 컨테이너가 하나 이상 있어야 해요' },
  mountNoVolume: { en: '{at}: not found: the pod has no volume "{name}" (volumes: {names})', ko: '{at}: 찾을 수 없어요. 파드에 볼륨 "{name}"{|이} 없어요 (볼륨: {names})' },
  duplicateName: { en: '{at}: container name "{name}" is used twice in one pod', ko: '{at}: 컨테이너 이름 "{name}"{|이} 한 파드에 두 번 쓰였어요' },
  duplicateObject: { en: '{kind}/{name} is defined twice (also at {other})', ko: '{kind}/{name|이} 두 번 정의됐어요 (다른 곳: {other})' },
  invalidSummary: { en: '{file} is refused, as a strict API server would: {problems}', ko: '엄격한 API 서버처럼 거절해요 ({file}): {problems}' },
  moreProblems: { en: ' (+{n} more)', ko: ' (그 밖에 {n}개 더)' },

  // manifest check
  wantValid: { en: '{file} is valid, strictly (no unknown field, right types, required fields)', ko: '{file}: 엄격한 검사 통과 (모르는 필드 없음, 타입이 맞음, 필수 필드 있음)' },
  wantValidWith: { en: '{file} is valid, strictly, with {objects}', ko: '{file}: 엄격한 검사 통과, 담긴 것 {objects}' },
  validHas: { en: '{file} is valid: {objects}', ko: '{file}: 올바름, 담긴 것 {objects}' },
  missingObject: { en: '{file} is valid but has no {object}; it has {objects}', ko: '{file}: 올바르지만 {object|가} 없어요. 있는 것: {objects}' },
  nothing: { en: 'nothing', ko: '없음' },

  // finding objects
  noObject: { en: 'no {object} in {where}; found {objects}', ko: '{where}에 {object|가} 없어요. 있는 것: {objects}' },
  inWorkspace: { en: 'the lesson folder', ko: '레슨 폴더' },
  noContainer: { en: '{object} has no container "{name}" (containers: {names})', ko: '{object}에 컨테이너 "{name}"{|가} 없어요 (컨테이너: {names})' },
  notAWorkload: { en: '{object} runs no containers (it is not a Pod, Deployment or ReplicaSet)', ko: '{object|는} 컨테이너를 실행하지 않아요 (Pod, Deployment, ReplicaSet이 아니에요)' },
  at: { en: '{file}:{line}', ko: '{file}:{line}' },

  // probes
  wantProbe: { en: 'a {field}', ko: '{field|가} 있음' },
  wantHandler: { en: 'with {handler}', ko: '{handler} 핸들러' },
  wantDeclaredPort: { en: 'on a port the container declares ({ports})', ko: '컨테이너가 선언한 포트({ports})로' },
  wantPath: { en: 'path {path}', ko: '경로 {path}' },
  wantSlowStart: { en: 'not restarting an app that needs {s} s to start (initialDelaySeconds + periodSeconds × failureThreshold ≥ {s})', ko: '시작에 {s}초 걸리는 앱을 재시작하지 않음 (initialDelaySeconds + periodSeconds × failureThreshold ≥ {s})' },
  wantHang: { en: 'restarting a hung app within {s} s (periodSeconds × failureThreshold ≤ {s})', ko: '멈춘 앱을 {s}초 안에 재시작 (periodSeconds × failureThreshold ≤ {s})' },
  noProbe: { en: 'container "{container}" at {at} has no {field}{others}', ko: '{at}의 컨테이너 "{container}"에 {field|가} 없어요{others}' },
  probeOthers: { en: ' (it has {list})', ko: ' (있는 것: {list})' },
  probeIs: { en: '{field} with {handler}{detail} at {at}', ko: '{at}의 {field}: {handler}{detail}' },
  portUndeclared: { en: '{field} {handler} port {port} at {at}, but container "{container}" declares {ports}', ko: '{at}의 {field} {handler} 포트가 {port}인데 컨테이너 "{container}"{|가} 선언한 포트는 {ports}' },
  noPortsDeclared: { en: 'no ports', ko: '없음' },
  wrongPath: { en: '{field} asks {path} at {at}', ko: '{at}의 {field|가} {path|를} 요청해요' },
  slowStartKilled: { en: 'restarted after {budget} s ({how}) at {at}, before the app is up at {s} s: it would be killed while starting, again and again', ko: '{at} 설정으로는 {budget}초({how}) 뒤에 재시작해요. 앱은 {s}초에야 뜨니까 시작하다가 계속 죽어요' },
  slowStartOk: { en: 'the first restart could come after {budget} s ({how})', ko: '첫 재시작은 {budget}초({how}) 뒤에야 가능' },
  hangSlow: { en: 'a hung app is restarted only after {t} s ({how}) at {at}', ko: '{at} 설정으로는 멈춘 앱이 {t}초({how}) 뒤에야 재시작돼요' },
  hangOk: { en: 'a hung app is restarted after {t} s ({how})', ko: '멈춘 앱은 {t}초({how}) 뒤 재시작' },
  withStartup: { en: 'startupProbe ', ko: 'startupProbe ' },

  // hooks
  wantHook: { en: 'a {hook} hook', ko: '{hook} 훅이 있음' },
  wantHookFits: { en: '{hook} + the app\'s {app} s shutdown within terminationGracePeriodSeconds', ko: '{hook} + 앱의 종료 처리 {app}초가 terminationGracePeriodSeconds 안에 끝남' },
  wantMinHook: { en: '{hook} waits at least {s} s', ko: '{hook|가} 최소 {s}초 기다림' },
  noHook: { en: 'container "{container}" at {at} has no lifecycle.{hook}', ko: '{at}의 컨테이너 "{container}"에 lifecycle.{hook|가} 없어요' },
  hookIs: { en: '{hook} {handler} {detail} at {at}', ko: '{at}의 {hook}: {handler} {detail}' },
  hookTooLong: { en: '{hook} takes {hookS} s + shutdown {app} s = {total} s > grace period {grace} s{graceFrom} at {at}: SIGKILL comes before the app has saved', ko: '{at}: {hook} {hookS}초 + 종료 처리 {app}초 = {total}초 > 유예 시간 {grace}초{graceFrom}. 앱이 저장하기 전에 SIGKILL이 와요' },
  hookTooShort: { en: '{hook} waits {hookS} s at {at}', ko: '{at}의 {hook|는} {hookS}초만 기다려요' },
  hookFits: { en: '{hook} {hookS} s + shutdown {app} s = {total} s ≤ grace period {grace} s{graceFrom}', ko: '{hook} {hookS}초 + 종료 처리 {app}초 = {total}초 ≤ 유예 시간 {grace}초{graceFrom}' },
  graceDefault: { en: ' (the default)', ko: ' (기본값)' },
  seconds: { en: '{s} s', ko: '{s}초' },
  noSleep: { en: '(no sleep in it: counted as 0 s)', ko: '(sleep이 없어서 0초로 셈)' },

  // images
  wantPolicy: { en: 'imagePullPolicy {policy}', ko: 'imagePullPolicy {policy}' },
  wantDigest: { en: 'an image pinned by digest (name@sha256:<64 hex>)', ko: '다이제스트로 고정된 이미지 (이름@sha256:<16진수 64자>)' },
  wantTagged: { en: 'an image with an explicit tag other than latest', ko: 'latest가 아닌 태그를 명시한 이미지' },
  wantRepository: { en: 'image from {repo}', ko: '{repo}의 이미지' },
  policyIs: { en: 'imagePullPolicy {policy}{how} at {at}', ko: '{at}의 imagePullPolicy {policy}{how}' },
  policyDefault: { en: ' (not set: the default for this image)', ko: ' (안 씀: 이 이미지의 기본값)' },
  imageIs: { en: 'image "{image}" at {at}', ko: '{at}의 이미지 "{image}"' },
  imageTagOnly: { en: 'image "{image}" at {at} names a tag, which can be moved to another build; only a digest pins what runs', ko: '{at}의 이미지 "{image}"{|는} 태그예요. 태그는 다른 빌드로 옮겨질 수 있어서 다이제스트만 실행될 것을 고정해요' },
  imageBadDigest: { en: 'image "{image}" at {at}: a digest follows an @ and is sha256: with 64 hex digits', ko: '{at}의 이미지 "{image}": 다이제스트는 @ 뒤에 sha256:과 16진수 64자로 써요' },

  // selectors
  wantSelectorMatches: { en: '{workload} selector matches its pod template labels', ko: '{workload}의 selector가 파드 템플릿 라벨과 맞음' },
  wantServiceFinds: { en: '{service} selector finds the pods of {workload}', ko: '{service}의 selector가 {workload}의 파드를 찾음' },
  wantTargetPort: { en: 'targetPort {port} is a port the pods declare', ko: 'targetPort {port|가} 파드가 선언한 포트' },
  selectorMatches: { en: 'selector {selector} matches labels {labels}', ko: 'selector {selector|가} 라벨 {labels|와} 맞음' },
  serviceMisses: { en: '{service} selector {selector} at {at} matches no pod of {workload} (its pods are labelled {labels}): the Service would have no endpoints', ko: '{at}의 {service} selector {selector|가} {workload}의 파드(라벨 {labels})와 하나도 맞지 않아요. 서비스의 엔드포인트가 비어요' },
  serviceNoSelector: { en: '{service} has no selector at {at}: it selects no pod by itself', ko: '{at}의 {service}에 selector가 없어요. 스스로 고르는 파드가 없어요' },
  targetPortMisses: { en: '{service} targetPort {port} at {at}, but the pods declare {ports}', ko: '{at}의 {service} targetPort는 {port}인데 파드가 선언한 포트는 {ports}' },
  serviceFinds: { en: '{service} selector {selector} finds the pods of {workload}; targetPort {port}', ko: '{service} selector {selector|가} {workload}의 파드를 찾음. targetPort {port}' },
  wantReplicas: { en: '{n} replicas', ko: '레플리카 {n}개' },
  replicasAre: { en: 'replicas: {n} at {at}', ko: '{at}의 replicas: {n}' },
  replicasDefault: { en: 'replicas not set in {at}: 1 by default', ko: '{at}에 replicas가 없어요. 기본값은 1이에요' },
  allYaml: { en: 'every .yaml file', ko: '모든 .yaml 파일' },

  // env
  wantEnvFrom: { en: '{name} from {from} "{source}" key "{key}"', ko: '{from} "{source}"의 키 "{key}"에서 가져온 {name}' },
  wantEnvFromAny: { en: '{name} from a {from}, not a literal value', ko: '값을 직접 쓰지 않고 {from}에서 가져온 {name}' },
  wantEnvValue: { en: '{name}={value}', ko: '{name}={value}' },
  wantSourceHasKey: { en: '{from} "{source}" in the lesson folder with key "{key}"', ko: '레슨 폴더의 {from} "{source}"에 키 "{key}"{|가} 있음' },
  envLiteral: { en: '{name} is a literal value in the manifest at {at} ("{value}"): anyone who reads the file reads it', ko: '{at}에서 {name}의 값을 직접 썼어요 ("{value}"). 파일을 읽는 누구나 볼 수 있어요' },
  envMissing: { en: 'container "{container}" at {at} sets no {name} (env: {names}{envFrom})', ko: '{at}의 컨테이너 "{container}"{|가} {name|를} 설정하지 않아요 (env: {names}{envFrom})' },
  envFromList: { en: '; envFrom: {list}', ko: '; envFrom: {list}' },
  envFromWrong: { en: '{name} comes from {actual} at {at}', ko: '{at}에서 {name|는} {actual}에서 와요' },
  envIs: { en: '{name} from {actual} at {at}', ko: '{at}에서 {name|는} {actual}에서 옴' },
  envValueIs: { en: '{name}={value} at {at}', ko: '{at}에서 {name}={value}' },
  sourceMissing: { en: 'no {from} "{source}" in the lesson folder (found {objects}): the pod would not start (CreateContainerConfigError)', ko: '레슨 폴더에 {from} "{source}"{|가} 없어요 (있는 것: {objects}). 파드가 시작하지 못해요 (CreateContainerConfigError)' },
  sourceNoKey: { en: '{from} "{source}" has no key "{key}" (keys: {keys}) at {at}', ko: '{at}의 {from} "{source}"에 키 "{key}"{|가} 없어요 (키: {keys})' },

  // volumes
  wantMount: { en: '{mountPath} mounted from a {source}{name}', ko: '{source}{name|를} {mountPath}에 마운트' },
  wantReadOnly: { en: ', read-only', ko: ', 읽기 전용' },
  wantClaimBinds: { en: 'PersistentVolumeClaim "{claim}" can bind PersistentVolume "{pv}"', ko: 'PersistentVolumeClaim "{claim}"{|이} PersistentVolume "{pv}"에 바인딩될 수 있음' },
  noMount: { en: 'container "{container}" at {at} mounts nothing at {mountPath} (mounts: {mounts})', ko: '{at}의 컨테이너 "{container}"{|가} {mountPath}에 아무것도 마운트하지 않아요 (마운트: {mounts})' },
  noVolumeNamed: { en: 'volumeMount at {at} names volume "{name}", but the pod has no such volume (volumes: {names})', ko: '{at}의 volumeMount가 볼륨 "{name}"{|을} 가리키지만 파드에 그런 볼륨이 없어요 (볼륨: {names})' },
  mountIs: { en: '{mountPath} from {source}{name} at {at}', ko: '{at}: {mountPath}에 {source}{name}' },
  mountNotReadOnly: { en: '{mountPath} is writable at {at}', ko: '{at}의 {mountPath|는} 쓰기 가능해요' },
  claimMismatch: { en: 'PersistentVolumeClaim "{claim}" cannot bind "{pv}": {why}', ko: 'PersistentVolumeClaim "{claim}"{|이} "{pv}"에 바인딩될 수 없어요: {why}' },
  whyClass: { en: 'storageClassName "{a}" vs "{b}"', ko: 'storageClassName "{a}"{|와} "{b}"{|가} 달라요' },
  whyModes: { en: 'the claim asks {a}, the volume offers {b}', ko: '클레임은 {a|를} 요구하는데 볼륨은 {b}만 제공해요' },
  whySize: { en: 'the claim asks {a}, the volume has {b}', ko: '클레임은 {a|를} 요구하는데 볼륨은 {b|예요}' },
  whyVolumeName: { en: 'the claim names volumeName "{a}"', ko: '클레임이 volumeName "{a}"{|를} 지정해요' },
  claimBinds: { en: 'the claim ({size}, {modes}) fits "{pv}" ({pvSize}, {pvModes})', ko: '클레임({size}, {modes})이 "{pv}" ({pvSize}, {pvModes})에 맞아요' },

  // field
  wantFieldRefers: { en: '{path} names a {kind} in the lesson folder', ko: '{path|가} 레슨 폴더의 {kind|를} 가리킴' },
  wantFieldEquals: { en: '{path} is {value}', ko: '{path|가} {value}' },
  fieldMissing: { en: '{path} is not set in {object} at {at}', ko: '{at}의 {object}에 {path|가} 없어요' },
  fieldIs: { en: '{path} is {value} at {at}', ko: '{at}의 {path|는} {value}' },
  fieldRefersNothing: { en: '{path} is {value} at {at}, but there is no {kind} "{value}" in the lesson folder (found {objects})', ko: '{at}의 {path|는} {value}인데 레슨 폴더에 {kind} "{value}"{|가} 없어요 (있는 것: {objects})' },
} as const satisfies Record<string, Record<Lang, string>>;

export type KubeKey = keyof typeof KUBE;

export function sayKube(lang: Lang | undefined, key: KubeKey, vars: Record<string, string | number> = {}): string {
  return fillTemplate(KUBE[key][lang ?? 'en'], vars);
}

/** Every kube string, for the tests that look for English in the Korean UI. */
export const kubeStrings = (lang: Lang): string[] => Object.values(KUBE).map((s) => s[lang]);
