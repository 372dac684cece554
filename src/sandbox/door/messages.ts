import type { Lang } from '../../lessons/schema';

/**
 * Every refusal the sandbox gives, in both languages. Each names what was refused and why, and
 * where there is one, what to do instead. `{x}` is filled from the params.
 */
const MESSAGES = {
  badPath: {
    en: 'this request path is not plain ({why}), so it was not sent. Use the docker CLI, or spell the path without escapes.',
    ko: '요청 경로가 평범하지 않아요({why}). 그래서 보내지 않았어요. docker CLI를 쓰거나 이스케이프 없이 경로를 쓰세요.',
  },
  badBody: {
    en: 'the request body was refused: {why}. The sandbox only passes bodies spelled as the Engine API documents them.',
    ko: '요청 본문을 거절했어요: {why}. 샌드박스는 Engine API 문서 그대로 쓴 본문만 통과시켜요.',
  },
  notInTable: {
    en: '{method} {path} is not an Engine API call the sandbox passes (it passes what lessons use; everything else is refused).',
    ko: '{method} {path} 는 샌드박스가 통과시키는 Engine API 호출이 아니에요 (레슨에 쓰는 호출만 통과하고 나머지는 거절해요).',
  },
  refusedArea: {
    en: '{what} is outside what the sandbox allows: {why}',
    ko: '{what} 은(는) 샌드박스가 허용하는 범위 밖이에요: {why}',
  },
  noSuch: {
    en: 'there is no {kind} "{name}" in this sandbox. Its own {kind}s are the ones you created in it.',
    ko: '이 샌드박스에는 {kind} "{name}" 이(가) 없어요. 샌드박스 안에서 만든 것만 쓸 수 있어요.',
  },
  notYours: {
    en: '{kind} "{name}" is not part of this sandbox (it existed before the lesson, or it is yours), so "{action}" was not sent. The sandbox only touches {kind}s created in it.',
    ko: '{kind} "{name}" 은(는) 이 샌드박스 것이 아니에요 (레슨 전부터 있었거나 내 것이에요). 그래서 "{action}" 을(를) 보내지 않았어요. 샌드박스는 그 안에서 만든 것만 건드려요.',
  },
  otherSession: {
    en: '{kind} "{name}" belongs to another ctr-learn session on this engine (another learner\'s, or another of yours that is open), so "{action}" was not sent. Use a name of your own in this sandbox.',
    ko: '{kind} "{name}" 은(는) 이 엔진의 다른 ctr-learn 세션(다른 학습자의 것이거나, 열려 있는 내 다른 세션) 것이에요. 그래서 "{action}" 을(를) 보내지 않았어요. 이 샌드박스에서 내 이름을 쓰세요.',
  },
  option: {
    en: '{option} is not allowed in the sandbox: {why}. Leave it out.',
    ko: '샌드박스에서는 {option} 을(를) 쓸 수 없어요: {why}. 빼고 실행하세요.',
  },
  bindOutside: {
    en: 'the bind mount source {path} is outside the lesson workspace ({root}), so the container would see your machine. Mount a folder of the workspace (e.g. -v "$PWD/site:/site") or use a named volume.',
    ko: '바인드 마운트 원본 {path} 이(가) 레슨 작업 폴더({root}) 밖이라 컨테이너가 내 컴퓨터를 보게 돼요. 작업 폴더 안의 폴더(예: -v "$PWD/site:/site")나 이름 있는 볼륨을 쓰세요.',
  },
  bindOverlap: {
    en: 'a writable bind mount ({writer}) holds the folder of another bind mount\'s source ({source}): that container could swap the source for a link to anything on this machine before the next start. Mount the outer folder read-only (:ro), or mount folders side by side.',
    ko: '쓰기 가능한 바인드 마운트({writer})가 다른 바인드 마운트 원본({source})이 있는 폴더를 품고 있어요. 그 컨테이너가 다음 시작 전에 원본을 이 컴퓨터의 아무 곳을 가리키는 링크로 바꿀 수 있어요. 바깥 폴더를 읽기 전용(:ro)으로 마운트하거나 나란한 폴더를 마운트하세요.',
  },
  volumeOutside: {
    en: 'volume "{name}" exists outside this sandbox; mounting it could change your data. Use another volume name.',
    ko: '볼륨 "{name}" 은(는) 샌드박스 밖에 있어요. 마운트하면 내 데이터가 바뀔 수 있어요. 다른 볼륨 이름을 쓰세요.',
  },
  tagTaken: {
    en: 'the tag "{ref}" already exists outside this sandbox; the sandbox will not move it. Choose another name, e.g. {suggest}',
    ko: '태그 "{ref}" 은(는) 샌드박스 밖에 이미 있어요. 샌드박스는 그 태그를 옮기지 않아요. 다른 이름을 고르세요. 예: {suggest}',
  },
  tooLarge: {
    en: 'the request body is larger than the sandbox reads ({limit}).',
    ko: '요청 본문이 샌드박스가 읽는 크기({limit})보다 커요.',
  },
} as const;

export type MessageKey = keyof typeof MESSAGES;

export function say(lang: Lang, key: MessageKey, params: Record<string, string> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

/** Why each refused option is refused, by the flag a learner types. */
export const OPTION_WHY: Record<string, { en: string; ko: string }> = {
  host: { en: "it shares one of the host's namespaces with the container", ko: '호스트의 네임스페이스를 컨테이너와 공유해요' },
  privileged: { en: "it gives the container every device and capability of the host", ko: '호스트의 모든 장치와 권한을 컨테이너에 줘요' },
  caps: { en: 'extra capabilities let a container act on the host', ko: '추가 권한(capability)은 컨테이너가 호스트에 손댈 수 있게 해요' },
  devices: { en: "it hands the host's devices to the container", ko: '호스트의 장치를 컨테이너에 넘겨요' },
  security: { en: 'it turns off a protection between the container and the host', ko: '컨테이너와 호스트 사이의 보호 장치를 꺼요' },
  kernel: { en: 'it changes kernel settings or host cgroups', ko: '커널 설정이나 호스트 cgroup을 바꿔요' },
  runtime: { en: 'the sandbox runs containers with the default runtime only', ko: '샌드박스는 기본 런타임으로만 컨테이너를 실행해요' },
  driver: { en: 'only the default (local) driver with no options is allowed', ko: '옵션 없는 기본(local) 드라이버만 쓸 수 있어요' },
  notYours: { en: 'it names something that is not part of this sandbox', ko: '이 샌드박스 것이 아닌 대상을 가리켜요' },
  socket: { en: "it would hand the container the engine's own socket: full control of every container on this machine", ko: '엔진 소켓을 컨테이너에 넘겨서 이 컴퓨터의 모든 컨테이너를 조종할 수 있게 돼요' },
  network: { en: "it would reach the host's network configuration", ko: '호스트의 네트워크 설정에 닿게 돼요' },
  pruneAll: {
    en: 'it would also remove the tag {tag}, made outside the sandbox on an image the sandbox built; remove your images by name (docker rmi NAME)',
    ko: '샌드박스가 만든 이미지에 밖에서 붙인 태그 {tag} 까지 지워져요. 내 이미지는 이름으로 지우세요(docker rmi 이름)',
  },
  remote: { en: 'the sandbox builds only from the context you send, not from a URL', ko: '샌드박스는 URL이 아니라 내가 보낸 컨텍스트로만 빌드해요' },
};

export function why(lang: Lang, key: keyof typeof OPTION_WHY): string {
  return OPTION_WHY[key][lang];
}
