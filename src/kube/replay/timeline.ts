import type { Lang } from '../../lessons/schema';
import type { ReplayEvent, ReplayResult } from './run';
import { fillTemplate } from '../../i18n/josa';

/** The replay's timeline in words, English and Korean: what the check's evidence shows. */
const WORDS = {
  head: {
    en: '{object}: this is the container contract replayed on docker (the pod\'s containers share one network namespace, as the kubelet ran them on docker), not a cluster: controllers are never imitated.',
    ko: '{object|를} docker에서 재현: 컨테이너 계약이지 클러스터가 아니에요 (파드의 컨테이너들은 kubelet이 docker에서 돌리던 것처럼 네트워크 네임스페이스 하나를 나눠 써요). 컨트롤러는 흉내 내지 않아요.',
  },
  scaled: {
    en: 'probe and back-off timings scaled ×{scale} to fit the replay in ~30 s (the app\'s own timings are real)',
    ko: '재현이 30초 안팎에 끝나도록 프로브와 백오프 시간을 ×{scale|로} 줄였어요 (앱 자신의 시간은 그대로예요)',
  },
  graceCapped: { en: 'grace period {from} s capped at {to} s', ko: '유예 시간 {from}초를 {to}초로 줄였어요' },
  took: { en: 'the replay took {s} s; its containers are removed', ko: '재현에 {s}초 걸렸고, 컨테이너는 지웠어요' },
  pullNever: { en: 'ErrImageNeverPull: imagePullPolicy Never and no local image {reason}; nothing started', ko: 'ErrImageNeverPull: imagePullPolicy가 Never인데 로컬에 {reason} 이미지가 없어요. 아무것도 시작하지 않았어요' },
  pullMissing: { en: 'ErrImagePull: no local image {reason}, and only the lab\'s own registry (127.0.0.1:port) is reachable from the replay; nothing started', ko: 'ErrImagePull: 로컬에 {reason} 이미지가 없고, 재현에서 닿을 수 있는 레지스트리는 실습의 레지스트리(127.0.0.1:포트)뿐이에요. 아무것도 시작하지 않았어요' },
  pullLocal: { en: 'imagePullPolicy IfNotPresent: {reason} is on the node, no pull', ko: 'imagePullPolicy IfNotPresent: 노드에 {reason|이} 있어서 pull 하지 않아요' },
  pulled: { en: 'pulled from the registry: {reason}', ko: '레지스트리에서 pull 함: {reason}' },
  pullFailed: { en: 'ErrImagePull: {reason}', ko: 'ErrImagePull: {reason}' },
  pullBackOff: { en: 'ImagePullBackOff: next pull in {code} s ({ms} ms in this replay)', ko: 'ImagePullBackOff: 다음 pull까지 {code}초 (이 재현에서는 {ms} ms)' },
  configError: { en: 'not started: {reason}', ko: '시작하지 못함: {reason}' },
  initDone: { en: 'init container completed: the next one may start', ko: '초기화 컨테이너 완료: 다음 것이 시작할 수 있어요' },
  initFailed: { en: 'init container did not complete ({reason}): the app containers never start', ko: '초기화 컨테이너가 끝나지 않았어요 ({reason}): 앱 컨테이너는 시작하지 않아요' },
  backOff: { en: 'CrashLoopBackOff: restart in {code} s ({ms} ms in this replay)', ko: 'CrashLoopBackOff: {code}초 뒤 재시작 (이 재현에서는 {ms} ms)' },
  ended: { en: 'stays terminated (restartPolicy {reason})', ko: '종료된 채로 남아요 (restartPolicy {reason})' },
  pullAlwaysLocal: { en: 'imagePullPolicy Always: a kubelet would ask the registry for {reason}\'s digest; the replay uses the local image', ko: 'imagePullPolicy Always: kubelet이라면 레지스트리에 {reason}의 다이제스트를 물어봤을 거예요. 재현은 로컬 이미지를 써요' },
  started: { en: 'started', ko: '시작됨' },
  postStart: { en: 'postStart ran ({ms} ms)', ko: 'postStart 실행됨 ({ms} ms)' },
  postStartFailed: { en: 'postStart failed ({reason}): the container is killed', ko: 'postStart 실패 ({reason}): 컨테이너를 죽여요' },
  probeOk: { en: '{probe} probe ok', ko: '{probe} 프로브 성공' },
  probeFailed: { en: '{probe} probe failed ({reason})', ko: '{probe} 프로브 실패 ({reason})' },
  ready: { en: 'Ready: the pod\'s endpoints would get traffic', ko: 'Ready: 이제 파드의 엔드포인트로 트래픽이 가요' },
  notReady: { en: 'not Ready: taken out of the endpoints', ko: 'Ready 아님: 엔드포인트에서 빠져요' },
  livenessKill: { en: '{probe} probe failed {code} times in a row: the kubelet kills the container', ko: '{probe} 프로브가 {code}번 연속 실패: kubelet이 컨테이너를 죽여요' },
  restarted: { en: 'restarted (restart count {code})', ko: '재시작됨 (재시작 횟수 {code})' },
  exited: { en: 'exited with code {code}', ko: '종료 코드 {code|로} 끝남' },
  delete: { en: 'pod deleted: the grace period ({grace} s) starts', ko: '파드 삭제: 유예 시간({grace}초)이 시작돼요' },
  preStop: { en: 'preStop ran ({ms} ms{reason})', ko: 'preStop 실행됨 ({ms} ms{reason})' },
  preStopOverran: { en: 'preStop still running when the grace period ended ({ms} ms)', ko: '유예 시간이 끝났는데 preStop이 아직 실행 중 ({ms} ms)' },
  sigterm: { en: 'SIGTERM', ko: 'SIGTERM' },
  sigkill: { en: 'SIGKILL (the grace period is over)', ko: 'SIGKILL (유예 시간이 끝났어요)' },
  times: { en: ' ×{n}', ko: ' ×{n}' },
  noteVolume: { en: 'volume {name} is not an emptyDir, configMap, secret or persistentVolumeClaim: not replayed', ko: '볼륨 {name|은} emptyDir, configMap, secret, persistentVolumeClaim이 아니라서 재현하지 않았어요' },
  noteHostPath: { en: 'volume {name} is a hostPath: not replayed (the sandbox never mounts a host path)', ko: '볼륨 {name|은} hostPath라서 재현하지 않았어요 (샌드박스는 호스트 경로를 마운트하지 않아요)' },
  noteValueFrom: { en: 'env {name} comes from a resource field: not replayed', ko: '환경 변수 {name|은} 리소스 필드에서 와서 재현하지 않았어요' },
  noteGrpc: { en: 'the grpc probe of {name} is not replayed: it is left out (a grpc readiness probe does not hold the container back here)', ko: '{name}의 grpc 프로브는 재현하지 않고 뺐어요 (grpc 준비 프로브가 있어도 여기서는 컨테이너를 붙잡지 않아요)' },
  noteLivenessGrace: { en: 'the grace period of a liveness kill ({from} s) capped at {to} s', ko: '활성 프로브로 죽일 때의 유예 시간({from}초)을 {to}초로 줄였어요' },
  timeout: { en: 'timed out', ko: '시간 초과' },
  stillRunning: { en: 'still running at the end of the replay', ko: '재현이 끝날 때까지 실행 중' },
  stillFailing: { en: 'still failing at the end of the replay', ko: '재현이 끝날 때까지 계속 실패' },
  exit: { en: 'exit {code}', ko: '종료 코드 {code}' },
  // A network handler's failure as the kubelet reports it (probe-failure.ts), not wget's or nc's exit code.
  refused: { en: 'connection refused on :{code}', ko: ':{code} 연결 거부' },
  httpStatus: { en: 'HTTP {code}', ko: 'HTTP {code} 응답' },
} satisfies Record<string, Record<Lang, string>>;

type Key = keyof typeof WORDS;
export const sayReplay = (L: Lang | undefined, key: Key, vars: Record<string, string | number> = {}): string =>
  fillTemplate(WORDS[key][L ?? 'en'], vars);

const secs = (ms: number) => (ms / 1000).toFixed(1);

function reasonOf(L: Lang | undefined, e: ReplayEvent): string {
  const f = e.failure;
  if (f?.kind === 'refused') return sayReplay(L, 'refused', { code: f.port });
  if (f?.kind === 'status') return sayReplay(L, 'httpStatus', { code: f.status });
  if (f?.kind === 'other') return f.text;
  if (e.reason === 'timeout' || f?.kind === 'timeout') return sayReplay(L, 'timeout');
  if (e.reason) return e.reason;
  return e.code !== undefined ? sayReplay(L, 'exit', { code: e.code }) : '';
}

function eventText(L: Lang | undefined, e: ReplayEvent, r: ReplayResult): string {
  const vars: Record<string, string | number> = { probe: e.probe ?? '', code: e.code ?? '?', ms: e.ms ?? 0, reason: e.reason ?? '', grace: r.graceSeconds };
  if (e.kind === 'probeFailed' || e.kind === 'postStartFailed') vars.reason = reasonOf(L, e);
  if (e.kind === 'initFailed') vars.reason = e.reason === 'Never' ? 'restartPolicy Never' : e.reason === 'running' ? sayReplay(L, 'stillRunning') : sayReplay(L, 'stillFailing');
  if (e.kind === 'preStop') vars.reason = e.reason ? `, ${e.reason}` : e.code !== undefined && e.code !== 0 ? `, ${sayReplay(L, 'exit', { code: e.code })}` : '';
  return sayReplay(L, e.kind, vars);
}

/**
 * The timeline, one line per event, as `  4.0 s  cache  readiness probe failed (exit 1) ×3`:
 * repeated probe results in a row are folded into one line with the time of the first.
 */
export function timelineLines(r: ReplayResult, L: Lang | undefined): string[] {
  const lines = [sayReplay(L, 'head', { object: r.object })];
  if (r.scale !== 1) lines.push(`  (${sayReplay(L, 'scaled', { scale: r.scale })})`);
  if (r.graceCappedFrom !== undefined) lines.push(`  (${sayReplay(L, 'graceCapped', { from: r.graceCappedFrom, to: r.graceSeconds })})`);
  for (const n of r.notes) {
    const { key, ...vars } = n;
    lines.push(`  (${sayReplay(L, key, vars as Record<string, string | number>)})`);
  }
  const width = Math.max(0, ...r.events.map((e) => (e.container ?? '').length));
  let last: { text: string; who: string; n: number; at: number } | null = null;
  const flush = () => {
    if (!last) return;
    lines.push(`${secs(last.at).padStart(6)} s  ${last.who.padEnd(width)}  ${last.text}${last.n > 1 ? sayReplay(L, 'times', { n: last.n }) : ''}`);
    last = null;
  };
  for (const e of r.events) {
    const text = eventText(L, e, r);
    const who = e.container ?? '';
    const folds = e.kind === 'probeOk' || e.kind === 'probeFailed';
    if (folds && last && last.text === text && last.who === who) {
      last.n++;
      continue;
    }
    flush();
    last = { text, who, n: 1, at: e.t };
    if (!folds) flush();
  }
  flush();
  lines.push(`  ${sayReplay(L, 'took', { s: secs(r.durationMs) })}`);
  return lines;
}

/** Every replay string of one language (the tests look at the Korean ones' particles). */
export const replayStrings = (lang: Lang): string[] => Object.values(WORDS).map((s) => s[lang]);
