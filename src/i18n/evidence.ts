import type { Lang } from '../lessons/schema';

/**
 * What a check says it expected and what it found, in both languages: the evidence of every check
 * kind (src/checks/kinds) and the titles of checks whose lesson gives none (src/checks/describe.ts).
 * `{name}` is filled in by `say`; names, paths, commands and engine values stay as they are.
 * A missing Korean string is a compile error.
 */
const EVIDENCE = {
  // titles of checks without one (describe.ts)
  titleContainer: { en: 'container {container} {state}', ko: '컨테이너 {container} {state}' },
  titleRestart: { en: '{container} restart policy', ko: '{container} 재시작 정책' },
  titlePort: { en: '{container} publishes {port}', ko: '{container} 포트 {port} 공개' },
  titleHttp: { en: 'HTTP on port {port}', ko: '포트 {port}의 HTTP' },
  titleEnv: { en: '{container} env {name}', ko: '{container} 환경 변수 {name}' },
  titleMount: { en: '{container} mount at {destination}', ko: '{container}의 {destination} 마운트' },
  titleVolumeFile: { en: '{path} in volume {volume}', ko: '볼륨 {volume}의 {path}' },
  titleContainerFile: { en: '{path} in {container}', ko: '{container} 안의 {path}' },
  titleNetwork: { en: 'network {network}', ko: '네트워크 {network}' },
  titleAttached: { en: '{container} on {network}', ko: '{network}에 연결된 {container}' },
  titleReach: { en: '{from} → {to} {expect}', ko: '{from} → {to} {expect}' },
  reachable: { en: 'reachable', ko: '닿음' },
  unreachable: { en: 'unreachable', ko: '닿지 않음' },
  titleImage: { en: 'image {image}', ko: '이미지 {image}' },
  regWantListed: { en: 'the registry on 127.0.0.1:{port} lists the tag "{tag}" of "{repo}"', ko: '127.0.0.1:{port} 의 레지스트리에 "{repo}" 의 태그 "{tag}" 가 있어요' },
  regWantNotListed: { en: 'the registry on 127.0.0.1:{port} does not list the tag "{tag}" of "{repo}"', ko: '127.0.0.1:{port} 의 레지스트리에 "{repo}" 의 태그 "{tag}" 가 없어요' },
  regNoRepo: { en: 'the registry has no repository "{repo}" (nothing was pushed to it)', ko: '레지스트리에 저장소 "{repo}" 가 없어요 (아무것도 push 되지 않았어요)' },
  regNotAList: { en: 'GET {path} answered {status}, not a registry\'s tag list: "{body}"', ko: 'GET {path} 가 {status} 로 답했지만 레지스트리의 태그 목록이 아니에요: "{body}"' },
  regLists: { en: 'it lists {tags}', ko: '있는 태그: {tags}' },
  regListsNone: { en: 'it lists no tag of "{repo}"', ko: '"{repo}" 의 태그가 하나도 없어요' },
  regNothingListens: { en: 'nothing listens on 127.0.0.1:{port}', ko: '127.0.0.1:{port} 에서 기다리는 것이 없어요' },
  regRequestFailed: { en: 'request failed ({code})', ko: '요청 실패 ({code})' },
  titleRegistryTag: { en: 'registry tag {repository}:{tag}', ko: '레지스트리 태그 {repository}:{tag}' },
  titleHealth: { en: '{container} {status}', ko: '{container} {status}' },
  titleStop: { en: 'stop {container}', ko: '{container} 멈추기' },
  titleLogs: { en: '{container} {stream}', ko: '{container} {stream}' },
  titleCommand: { en: '{container} ENTRYPOINT and CMD', ko: '{container}의 ENTRYPOINT 와 CMD' },
  titleLogConfig: { en: '{container} log settings', ko: '{container}의 로그 설정' },
  titleQuestion: { en: 'your answer to the question', ko: '질문에 고른 답' },

  // questions
  questionExpected: { en: 'the right answer to the question', ko: '질문의 맞는 답' },
  questionNotAnswered: { en: 'not answered yet', ko: '아직 답하지 않았어요' },
  questionAnswered: { en: 'you answered {choice}: {text}', ko: '{choice}를 골랐어요: {text}' },
  questionRight: { en: 'you answered {choice}: {text}', ko: '{choice}를 골랐어요: {text}' },
  questionWhy: { en: '. Why not: {why}', ko: '. 왜 아닌가요: {why}' },
  questionNoSuchChoice: { en: 'the saved answer "{choice}" is not a choice ({choices})', ko: '저장된 답 "{choice}"는 보기에 없어요 ({choices})' },
  titleRunConfig: { en: '{subject} run settings', ko: '{subject} 실행 설정' },

  // containers
  noSandboxContainerOutside: {
    en: 'no sandbox container "{name}" (a container with that name exists outside the sandbox; the lesson cannot use it)',
    ko: '샌드박스에 "{name}" 컨테이너가 없어요 (같은 이름의 컨테이너가 샌드박스 밖에 있어요. 레슨은 그것을 쓸 수 없어요)',
  },
  noContainerNamed: { en: 'no container named "{name}"', ko: '"{name}"라는 컨테이너가 없어요' },
  noSuchContainer: { en: 'no such container', ko: '그런 컨테이너가 없어요' },
  exitedWith: { en: 'exited with code {code}', ko: '종료 코드 {code}로 끝남' },
  oomKilledNote: { en: ' (OOM-killed)', ko: ' (메모리 부족으로 종료됨)' },
  createdNotStarted: { en: 'created, but could not start: {error}', ko: '만들어졌지만 시작하지 못함: {error}' },
  containerIs: { en: 'container "{name}" {state}', ko: '컨테이너 "{name}" {state}' },
  stillThere: { en: 'container "{name}" {state} (still there)', ko: '컨테이너 "{name}" {state} (아직 있어요)' },
  stateExists: { en: 'exists', ko: '있음' },
  stateRunning: { en: 'running', ko: '실행 중' },
  stateExited: { en: 'exited', ko: '종료됨' },
  stateAbsent: { en: 'absent', ko: '없음' },
  stateCreated: { en: 'created', ko: '생성됨' },
  statePaused: { en: 'paused', ko: '일시 정지됨' },
  stateRestarting: { en: 'restarting', ko: '재시작 중' },
  stateDead: { en: 'dead', ko: '죽음' },
  stateRemoving: { en: 'removing', ko: '제거 중' },
  wantExitCode: { en: 'exit code {code}', ko: '종료 코드 {code}' },
  'stateAuto-removed': { en: 'ran with --rm and removed itself', ko: '--rm 으로 실행되어 스스로 지워짐' },
  wantSignals: { en: 'sent {signals}', ko: '{signals} 받음' },
  wantLastEvents: { en: 'its last events end with {events}', ko: '마지막 이벤트가 {events} 로 끝남' },
  lastEventsWere: { en: ', its last events: {events}', ko: ', 마지막 이벤트: {events}' },
  noEventsLeft: { en: 'none the engine still remembers', ko: '엔진에 남은 이벤트 없음' },
  stateRemoved: { en: 'removed', ko: '삭제됨' },
  removedNever: { en: 'no container named "{name}" was removed (was it created with --name {name}?)', ko: '"{name}" 라는 컨테이너가 삭제된 적이 없어요 (--name {name} 으로 만들었나요?)' },
  removedStill: { en: 'container "{name}" {state} (still there: docker rm removes it)', ko: '컨테이너 "{name}" {state} (아직 있어요: docker rm 으로 지워요)' },
  removedAfter: { en: 'container "{name}" was sent {signals} and then removed', ko: '컨테이너 "{name}" 가 {signals} 를 받은 뒤 삭제됐어요' },
  removedEnded: { en: 'container "{name}" ended{code} and was removed, no signal sent', ko: '컨테이너 "{name}" 가 스스로 끝난{code} 뒤 삭제됐어요 (받은 시그널 없음)' },
  removedCode: { en: ' with exit code {code}', ko: '(종료 코드 {code})' },
  wantOom: { en: 'OOM-killed', ko: '메모리 부족으로 종료' },
  wantNotOom: { en: 'not OOM-killed', ko: '메모리 부족 종료 아님' },

  // command (ENTRYPOINT and CMD)
  cmdEntrypoint: { en: 'ENTRYPOINT {value}', ko: 'ENTRYPOINT {value}' },
  cmdCmd: { en: 'CMD {value}', ko: 'CMD {value}' },
  cmdExecForm: { en: 'ENTRYPOINT in exec form (a JSON array run as PID 1)', ko: 'exec 형식의 ENTRYPOINT (JSON 배열, PID 1 로 실행)' },
  cmdShellForm: { en: 'ENTRYPOINT in shell form (/bin/sh -c)', ko: 'shell 형식의 ENTRYPOINT (/bin/sh -c)' },
  cmdNone: { en: 'none', ko: '없음' },
  cmdIsShell: { en: ' (shell form: /bin/sh -c runs it and ignores CMD and arguments)', ko: ' (shell 형식: /bin/sh -c 가 실행하고 CMD 와 인자는 무시돼요)' },
  cmdIsExec: { en: ' (exec form)', ko: ' (exec 형식)' },

  // log-config
  logDriver: { en: 'log driver {driver}', ko: '로그 드라이버 {driver}' },
  logMaxSize: { en: 'max-size={size}', ko: 'max-size={size}' },
  logMaxFile: { en: 'max-file={n}', ko: 'max-file={n}' },
  logNoLimit: { en: 'no `max-size` (the log grows without limit)', ko: '`max-size` 없음 (로그가 끝없이 커져요)' },
  logNoMaxFile: { en: 'no `max-file` (1 file)', ko: '`max-file` 없음 (파일 1개)' },

  // env
  envIsSet: { en: '{name} is set', ko: '{name} 설정됨' },
  envNotSet: { en: '{name} is not set', ko: '{name} 설정 안 됨' },
  envSetTwice: { en: '{name}={value} (set {n} times; the last one wins)', ko: '{name}={value} ({n}번 설정됨. 마지막 값이 이겨요)' },

  // files
  fileExists: { en: '{where} exists', ko: '{where} 있음' },
  fileMissing: { en: '{where} does not exist', ko: '{where} 없음' },
  fileContaining: { en: 'containing "{text}"', ko: '"{text}" 포함' },
  fileMatching: { en: 'matching /{re}/', ko: '/{re}/ 와 맞음' },
  fileIsDir: { en: '{where} is a directory', ko: '{where}는 디렉터리예요' },
  fileContains: { en: '{where} contains {content}', ko: '{where} 내용: {content}' },
  fileLineWith: { en: '{where} line {n}: {line}', ko: '{where} {n}번째 줄: {line}' },
  fileNoLineWith: { en: '{where} has no line with "{text}"; it starts: {content}', ko: '{where}에 "{text}"가 든 줄이 없어요. 시작 부분: {content}' },
  fileNoLineMatching: { en: '{where} has no line matching /{re}/; it starts: {content}', ko: '{where}에 /{re}/ 와 맞는 줄이 없어요. 시작 부분: {content}' },
  whereInContainer: { en: '{path} in container "{container}"', ko: '컨테이너 "{container}" 안의 {path}' },
  whereInWorkspace: { en: '{path} in your workspace', ko: '작업 폴더의 {path}' },
  fileNotMatching: { en: 'with no line matching /{re}/', ko: '/{re}/ 와 맞는 줄 없음' },
  fileStillMatches: { en: '{where} line {n} still matches /{re}/: {line}', ko: '{where} {n}번째 줄이 아직 /{re}/ 와 맞아요: {line}' },
  whereInVolume: { en: '{path} in volume "{volume}"', ko: '볼륨 "{volume}"의 {path}' },
  noVolume: { en: 'no volume named "{name}" in the sandbox', ko: '샌드박스에 "{name}"라는 볼륨이 없어요' },

  // http
  httpExpected: { en: 'GET http://127.0.0.1:{port}{path} → {status}', ko: 'GET http://127.0.0.1:{port}{path} → {status}' },
  httpWithBody: { en: ' with "{text}" in the page', ko: ', 페이지에 "{text}" 있음' },
  httpWithout: { en: ' without "{text}"', ko: ', "{text}" 없음' },
  httpServing: { en: ' serving your {file}', ko: ', 내 {file} 내용을 보여 줌' },
  httpFileMissing: { en: '{file} is missing from your workspace', ko: '작업 폴더에 {file}이 없어요' },
  httpFileContent: { en: 'the content of {file}', ko: '{file}의 내용' },
  httpStillContains: { en: 'the page still contains "{text}" on line {n}: {line}', ko: '페이지 {n}번째 줄에 아직 "{text}"가 있어요: {line}' },
  httpHasNo: { en: 'the page has no "{text}"', ko: '페이지에 "{text}"가 없어요' },
  httpDiffers: { en: 'the page differs from your {file} at line {n}: {line}, your file: {mine}', ko: '페이지가 내 {file}와 {n}번째 줄에서 달라요: {line}, 내 파일: {mine}' },
  httpPage: { en: '{status}, {why}', ko: '{status}, {why}' },
  httpStart: { en: '{status}: {snippet}', ko: '{status}: {snippet}' },
  httpStartWhy: { en: '{status}, {why}; the page starts: {snippet}', ko: '{status}, {why}. 페이지 시작: {snippet}' },
  nothingListens: { en: 'nothing listens on 127.0.0.1:{port}', ko: '127.0.0.1:{port}에서 듣고 있는 것이 없어요' },
  noAnswer: { en: 'no answer within 3 s', ko: '3초 안에 응답이 없어요' },
  requestFailed: { en: 'request failed ({code})', ko: '요청 실패 ({code})' },

  // health
  healthHavingGone: { en: ', having gone {path}', ko: ', {path} 순서로 바뀜' },
  healthNotStarted: {
    en: 'container "{name}" {state}, not started yet (its health check runs once it starts)',
    ko: '컨테이너 "{name}" {state}, 아직 시작 안 함 (헬스 체크는 시작한 뒤에 돌아요)',
  },
  healthNone: { en: 'container "{name}" has no health check', ko: '컨테이너 "{name}"에 헬스 체크가 없어요' },
  healthNow: { en: '{status} (failing streak {n})', ko: '{status} (연속 실패 {n}번)' },
  healthWent: { en: ', went {path}', ko: ', 바뀐 순서: {path}' },
  healthNowhere: { en: 'nowhere yet', ko: '아직 없음' },

  // image
  imageExists: { en: 'image {ref} exists', ko: '이미지 {ref} 있음' },
  imageHealthcheckWant: { en: 'a HEALTHCHECK in its config', ko: '설정에 HEALTHCHECK 있음' },
  imageNoHealthcheckWant: { en: 'no HEALTHCHECK', ko: 'HEALTHCHECK 없음' },
  imageFetchedWant: { en: 'fetched by a pull after it was deleted here', ko: '여기서 지운 뒤 pull 로 다시 받아 옴' },
  imageMissingWant: { en: 'image {ref} does not exist', ko: '이미지 {ref} 없음' },
  imageBuiltFrom: { en: 'built from {base}', ko: '{base}에서 빌드됨' },
  imageMinLayers: { en: 'with at least {n} layers', ko: '레이어 {n}개 이상' },
  imageLabels: { en: 'labels {labels}', ko: '레이블 {labels}' },
  imageHistory: { en: 'history mentions "{text}"', ko: '히스토리에 "{text}" 있음' },
  imageSameAs: { en: 'same image as {ref}', ko: '{ref}와 같은 이미지' },
  imageNone: { en: 'no image {ref}', ko: '이미지 {ref}가 없어요' },
  imageNoneOutside: {
    en: 'no image {ref} in the sandbox (an image with that name exists outside it; the lesson cannot use it)',
    ko: '샌드박스에 이미지 {ref}가 없어요 (같은 이름의 이미지가 밖에 있어요. 레슨은 그것을 쓸 수 없어요)',
  },
  imageIsThere: { en: 'image {ref} exists ({id})', ko: '이미지 {ref} 있음 ({id})' },
  imageFacts: { en: 'image {ref} ({id}), {n} layer(s)', ko: '이미지 {ref} ({id}), 레이어 {n}개' },
  imageShares: { en: 'shares {shared} of {total} base layer(s)', ko: '기반 레이어 {total}개 중 {shared}개 공유' },
  imageBaseMissing: { en: 'base {base} missing', ko: '기반 이미지 {base} 없음' },
  imageNoHistory: { en: 'history has no "{text}"', ko: '히스토리에 "{text}" 없음' },
  imageIsId: { en: '{ref} is {id}', ko: '{ref}는 {id}' },
  unset: { en: '(unset)', ko: '(없음)' },

  // logs
  logsFirstLine: { en: 'the first line', ko: '첫 줄' },
  logsALine: { en: 'a line', ko: '한 줄' },
  logsSince: { en: ' since the last start', ko: ' (마지막 시작 이후)' },
  logsExpected: { en: '{which} of {stream}{since} matching /{re}/', ko: '{stream}{since}의 {which}이 /{re}/ 와 맞음' },
  logsNotOther: { en: ' (and not on {other})', ko: ' ({other}에는 없음)' },
  logsAlsoOn: { en: 'it also appears on {other}', ko: '{other}에도 나와요' },
  logsAlsoOnLine: { en: '{line} is on {stream}, but it also appears on {other}', ko: '{line} 이(가) {stream}에 있지만 {other}에도 나와요' },
  logsNothingOtherHasIt: { en: 'nothing on {stream}{since}; the line is on {other} instead: {line}', ko: '{stream}{since}에 아무것도 없어요. 그 줄은 대신 {other}에 있어요: {line}' },
  logsNoSuchOtherHasIt: { en: 'no such line on {stream}{since}; the line is on {other} instead: {line}', ko: '{stream}{since}에 그런 줄이 없어요. 그 줄은 대신 {other}에 있어요: {line}' },
  logsNothing: { en: 'nothing on {stream}{since}', ko: '{stream}{since}에 아무것도 없어요' },
  logsOtherHas: { en: ' (there is output on the other stream)', ko: ' (다른 스트림에는 출력이 있어요)' },
  logsFirst: { en: 'first line: {line}', ko: '첫 줄: {line}' },
  logsMatching: { en: 'matching line: {line}', ko: '맞는 줄: {line}' },
  logsLast: { en: 'last line: {line}', ko: '마지막 줄: {line}' },

  // mount
  mountAny: { en: 'a mount', ko: '마운트' },
  mountAt: { en: '{type} at {destination}', ko: '{destination}의 {type}' },
  mountFromVolume: { en: 'from volume {volume}', ko: '볼륨 {volume}에서' },
  mountFromWorkspace: { en: 'from {path} in your workspace', ko: '작업 폴더의 {path}에서' },
  readOnly: { en: 'read-only', ko: '읽기 전용' },
  readWrite: { en: 'read-write', ko: '읽기/쓰기' },
  mountIs: { en: '{what} at {destination}{ro}', ko: '{destination}의 {what}{ro}' },
  mountRoNote: { en: ' (read-only)', ko: ' (읽기 전용)' },
  noMounts: { en: 'no mounts', ko: '마운트 없음' },

  // networks
  networkExpected: { en: 'network "{name}" with driver {driver}', ko: '드라이버 {driver}의 네트워크 "{name}"' },
  noNetwork: { en: 'no network named "{name}" in the sandbox', ko: '샌드박스에 "{name}"라는 네트워크가 없어요' },
  networkMode: { en: 'network mode {mode}', ko: '네트워크 모드 {mode}' },
  attachedTo: { en: 'attached to {names}', ko: '{names}에 연결됨' },
  attachedNone: { en: 'attached to no network', ko: '연결된 네트워크 없음' },
  wantMode: { en: 'container "{name}" in network mode {mode}', ko: '네트워크 모드 {mode}의 컨테이너 "{name}"' },
  wantAttached: { en: 'container "{name}" attached to {network}', ko: '{network}에 연결된 컨테이너 "{name}"' },
  wantAttachedOnly: { en: 'container "{name}" attached to {network} only', ko: '{network}에만 연결된 컨테이너 "{name}"' },
  containerNetworks: { en: 'container "{name}" {where}', ko: '컨테이너 "{name}": {where}' },
  canReach: { en: '{from} can reach {target}', ko: '{from}에서 {target}에 닿음' },
  cannotReach: { en: '{from} cannot reach {target}', ko: '{from}에서 {target}에 닿지 않음' },
  notRunningNothing: { en: 'container "{name}" is {state}, so nothing can run in it', ko: '컨테이너 "{name}"가 {state} 상태라 그 안에서 아무것도 실행할 수 없어요' },
  targetNotRunning: { en: 'container "{name}" is not running ({status}), so "cannot reach" proves nothing yet', ko: '컨테이너 "{name}"가 실행 중이 아니라({status}) "닿지 않음"은 아직 아무것도 증명하지 못해요' },
  targetNotRunningStart: { en: 'container "{name}" is not running ({status}): start it (docker start {name})', ko: '컨테이너 "{name}"가 실행 중이 아니에요({status}). 시작하세요 (docker start {name})' },
  targetMissing: { en: 'there is no container "{name}", so "cannot reach" proves nothing', ko: '컨테이너 "{name}"가 없어서 "닿지 않음"은 아무것도 증명하지 못해요' },
  reached: { en: '{from} reached {target}', ko: '{from}에서 {target}에 닿았어요' },
  couldNotReach: { en: '{from} could not reach {target}{why}', ko: '{from}에서 {target}에 닿지 못했어요{why}' },
  timedOut: { en: ' (timed out)', ko: ' (시간 초과)' },

  // ports
  portHostTo: { en: 'host port {host} → container port {port}', ko: '호스트 포트 {host} → 컨테이너 포트 {port}' },
  portPublished: { en: 'container port {port} published', ko: '컨테이너 포트 {port} 공개됨' },
  portRandom: { en: '(random)', ko: '(임의)' },
  portOnAddress: { en: ' on address {ip}', ko: ', 주소 {ip}' },
  portEveryAddress: { en: 'every address', ko: '모든 주소' },
  portPublishedOn: { en: 'container port {port} is published on no host port', ko: '컨테이너 포트 {port}가 어느 호스트 포트에도 공개돼 있지 않아요' },
  portNotRunning: { en: 'container "{name}" is {state}: a stopped container has no published port to call', ko: '컨테이너 "{name}"가 {state} 상태예요. 멈춘 컨테이너에는 부를 수 있는 공개 포트가 없어요' },
  titlePublishedHttp: { en: 'HTTP to {container} port {port}, on its published host port', ko: '{container} 포트 {port}의 공개된 호스트 포트로 HTTP' },
  titleWorkspaceFile: { en: '{path} in your workspace', ko: '작업 폴더의 {path}' },
  noPorts: { en: 'no ports published', ko: '공개된 포트 없음' },
  portHostMode: { en: ' (network host: published ports are ignored)', ko: ' (network host: 공개한 포트는 무시돼요)' },

  // restart
  restartPolicy: { en: 'restart policy {policy}', ko: '재시작 정책 {policy}' },
  restartedAtLeast: { en: ', restarted at least {n} time(s)', ko: ', 최소 {n}번 재시작' },
  restartedNever: { en: ', never restarted', ko: ', 재시작 안 함' },
  restartedAtMost: { en: ', restarted at most {n} time(s)', ko: ', 최대 {n}번 재시작' },
  restartActual: { en: 'restart policy {policy}, restarted {n} time(s)', ko: '재시작 정책 {policy}, {n}번 재시작함' },

  // stop
  stopWithin: { en: 'stops within {n} s', ko: '{n}초 안에 멈춤' },
  stopAtLeast: { en: 'takes at least {n} s', ko: '최소 {n}초 걸림' },
  stopNotRunning: { en: 'container "{name}" is {state}, not running: start it first', ko: '컨테이너 "{name}"가 {state} 상태예요. 실행 중이 아니니 먼저 시작하세요' },
  stopped: { en: 'stopped in {s} s with exit code {code}{killed}', ko: '{s}초 만에 멈춤, 종료 코드 {code}{killed}' },
  stopKilledNote: { en: ' (SIGKILL after the timeout: SIGTERM was ignored)', ko: ' (시간 초과 후 SIGKILL: SIGTERM을 무시함)' },
  stopKilledEarlyNote: { en: ' (SIGKILL before the timeout ran out: the stop signal itself was SIGKILL, or something else killed it)', ko: ' (유예 시간이 끝나기 전에 SIGKILL: 정지 시그널 자체가 SIGKILL 이었거나, 다른 무언가가 강제 종료했어요)' },
  stopTermNote: {
    en: ' (128 + 15: SIGTERM ended it, but not with exit 0: a handler that ran must end with `exit 0`; without one, an init such as --init passed SIGTERM on)',
    ko: ' (128 + 15: SIGTERM으로 끝났지만 종료 코드가 0이 아니에요. 실행된 핸들러는 `exit 0`으로 끝나야 해요. 핸들러가 없으면 --init 이 SIGTERM을 전달한 거예요)',
  },
  // run-config (lessons-api)
  runConfigIs: { en: '{subject}: {settings}', ko: '{subject}: {settings}' },
  runConfigInit: { en: 'an init as PID 1 (--init)', ko: 'PID 1 로 초기화 프로세스 실행 (--init)' },
  runConfigNoInit: { en: 'no --init', ko: '--init 없음' },
  runConfigMemory: { en: 'memory limit {value}', ko: '메모리 제한 {value}' },
  runConfigSwap: { en: 'memory+swap limit {value}', ko: '메모리+스왑 제한 {value}' },
  runConfigUnlimitedSwap: { en: 'unlimited', ko: '무제한' },
  runConfigNoLimit: { en: 'none', ko: '없음' },
  runConfigCpus: { en: 'CPU limit {value}', ko: 'CPU 제한 {value}' },
  runConfigNoCpuLimit: { en: 'no CPU limit', ko: 'CPU 제한 없음' },
  runConfigStopSignal: { en: 'stop signal {value}', ko: '정지 시그널 {value}' },
  runConfigStopSignalDefault: { en: 'stop signal not set (SIGTERM)', ko: '정지 시그널 설정 없음 (SIGTERM)' },
  runConfigStopTimeout: { en: 'stop timeout {value} s', ko: '정지 유예 시간 {value}초' },
  runConfigStopTimeoutDefault: { en: 'stop timeout not set (10 s)', ko: '정지 유예 시간 설정 없음 (10초)' },
} satisfies Record<string, Record<Lang, string>>;

export type EvidenceKey = keyof typeof EVIDENCE;

export function say(lang: Lang | undefined, key: EvidenceKey, vars: Record<string, string | number> = {}): string {
  return EVIDENCE[key][lang ?? 'en'].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A container state as words ("running", "exited"), in the language. */
export function stateWord(lang: Lang | undefined, state: string): string {
  const key = `state${state.charAt(0).toUpperCase()}${state.slice(1)}` as EvidenceKey;
  return key in EVIDENCE ? say(lang, key) : state;
}

/** Every evidence string, for the tests that look for English in the Korean UI. */
export const evidenceStrings = (lang: Lang): string[] => Object.values(EVIDENCE).map((s) => s[lang]);
