import { describe, expect, it } from 'vitest';
import { evidenceStrings, say } from '../../src/i18n/evidence';
import { fillTemplate, hasBatchim, josa, PARTICLES, withJosa } from '../../src/i18n/josa';
import { allStrings, fill } from '../../src/i18n/strings';
import { kubeStrings, sayKube } from '../../src/kube/say';
import { liveStrings, sayLive } from '../../src/kube/live/say';
import { replayStrings, sayReplay } from '../../src/kube/replay/timeline';
import { tf } from '../../src/ui/text/text';
import type { Lang } from '../../src/lessons/schema';

/** 'ㄹ' when the word ends in ㄹ, 'C' in another consonant, 'V' in a vowel, '?' when nothing is readable. */
const sound = (w: string) => {
  const s = hasBatchim(w);
  return !s.known ? '?' : s.rieul ? 'ㄹ' : s.batchim ? 'C' : 'V';
};

describe('the last sound of a word, as it is read', () => {
  it.each([
    // Hangul: the final consonant of the last syllable
    ['컨테이너', 'V'], ['서비스', 'V'], ['이미지', 'V'], ['볼륨', 'C'], ['네트워크', 'V'], ['포트', 'V'], ['엔진', 'C'], ['파일', 'ㄹ'], ['줄', 'ㄹ'], ['첫 줄', 'ㄹ'], ['한국어', 'V'],
    // digits: the number as it is read (일 이 삼 육 칠 팔, 십 백 천 만)
    ['1', 'ㄹ'], ['2', 'V'], ['3', 'C'], ['6', 'C'], ['7', 'ㄹ'], ['8', 'ㄹ'], ['10', 'C'], ['80', 'C'], ['100', 'C'], ['443', 'C'], ['1000', 'C'], ['8080', 'C'], ['10000', 'C'], ['0', 'C'], ['4', 'V'], ['5', 'V'], ['9', 'V'], ['24', 'V'],
    // Latin: loanword endings
    ['web', 'C'], ['nginx', 'V'], ['pod', 'V'], ['Pod', 'V'], ['ConfigMap', 'C'], ['Service', 'V'], ['deployment', 'V'], ['Deployment', 'V'], ['ReplicaSet', 'C'], ['Secret', 'C'],
    ['file.yaml', 'ㄹ'], ['app.py', 'V'], ['app', 'C'], ['index.html', 'ㄹ'], ['Dockerfile', 'ㄹ'], ['compose.yaml', 'ㄹ'], ['server.js', 'V'],
    ['name', 'C'], ['me', 'V'], ['volume', 'C'], ['engine', 'C'], ['image', 'V'], ['node', 'V'], ['docker', 'V'], ['log', 'V'], ['tag', 'V'], ['stdout', 'C'], ['stderr', 'V'], ['kill', 'ㄹ'],
    ['ping', 'C'], ['stack', 'C'], ['healthcheck', 'V'], ['type', 'C'], ['ip', 'V'],
    // spelled out: a lone letter, a short capital word, a capital run ending a camelCase word
    ['a', 'V'], ['b', 'V'], ['l', 'ㄹ'], ['m', 'C'], ['r', 'ㄹ'], ['HTTP', 'V'], ['ID', 'V'], ['URL', 'ㄹ'], ['CMD', 'V'], ['YAML', 'ㄹ'], ['ClusterIP', 'V'], ['downwardAPI', 'V'],
    ['SIGKILL', 'ㄹ'], ['SIGTERM', 'C'], ['ENTRYPOINT', 'V'],
    // quotes, backticks, brackets and punctuation after the word are not read
    ['"web"', 'C'], ['`web`', 'C'], ["'pod'", 'V'], ['`nginx:1.27`', 'ㄹ'], ['(web)', 'C'], ['web.', 'C'], ['"8080"', 'C'], ['web-2', 'V'],
    // nothing readable
    ['', '?'], ['"', '?'], ['---', '?'],
  ])('%s ends in %s', (word, want) => {
    expect(sound(word)).toBe(want);
  });
});

describe('the particle that fits', () => {
  it('picks the form of each pair, whichever form is asked for', () => {
    for (const [w, forms] of [
      ['web', ['은', '이', '을', '과', '으로', '이에요', '이라', '이나', '이어야']],
      ['nginx', ['는', '가', '를', '와', '로', '예요', '라', '나', '여야']],
      ['파일', ['은', '이', '을', '과', '로', '이에요', '이라', '이나', '이어야']],
    ] as const) {
      for (const [i, [a, b]] of [['은', '는'], ['이', '가'], ['을', '를'], ['과', '와'], ['으로', '로'], ['이에요', '예요'], ['이라', '라'], ['이나', '나'], ['이어야', '여야']].entries()) {
        expect(josa(w, a!), `${w} ${a}`).toBe(forms[i]);
        expect(josa(w, b!), `${w} ${b}`).toBe(forms[i]);
      }
    }
  });

  it('으로 after a consonant, 로 after a vowel and after ㄹ', () => {
    expect(withJosa('80', '로')).toBe('80으로');
    expect(withJosa('3', '로')).toBe('3으로');
    expect(withJosa('1', '으로')).toBe('1로');
    expect(withJosa('7', '으로')).toBe('7로');
    expect(withJosa('2', '으로')).toBe('2로');
    expect(withJosa('파일', '으로')).toBe('파일로');
    expect(withJosa('볼륨', '로')).toBe('볼륨으로');
    expect(withJosa('file.yaml', '으로')).toBe('file.yaml로');
    expect(withJosa('web', '로')).toBe('web으로');
    expect(withJosa('SIGKILL', '으로')).toBe('SIGKILL로');
  });

  it('writes both forms when the word gives nothing to go by', () => {
    expect(josa('', '를')).toBe('을(를)');
    expect(josa('', '가')).toBe('이(가)');
    expect(josa('', '로')).toBe('(으)로');
    expect(josa('', '예요')).toBe('(이)에요');
  });

  it('knows every particle of the syntax and leaves anything else alone', () => {
    expect(PARTICLES).toEqual(expect.arrayContaining(['은', '는', '이', '가', '을', '를', '과', '와', '으로', '로', '이에요', '예요', '이라', '라', '이나', '나']));
    expect(josa('web', '의')).toBe('의');
  });
});

describe('the {name|particle} placeholder', () => {
  it('fills the value and the fitting particle, attached', () => {
    expect(fillTemplate('{kind|를} 적용하지 않아요', { kind: 'ConfigMap' })).toBe('ConfigMap을 적용하지 않아요');
    expect(fillTemplate('{kind|을} 적용하지 않아요', { kind: 'Service' })).toBe('Service를 적용하지 않아요');
    expect(fillTemplate('{file|을} {ns}에 적용', { file: 'app.yaml', ns: 'me' })).toBe('app.yaml을 me에 적용');
    expect(fillTemplate('{port|로} 답했어요', { port: 80 })).toBe('80으로 답했어요');
    expect(fillTemplate('{n|이에요}', { n: 8080 })).toBe('8080이에요');
    expect(fillTemplate('{n|이에요}', { n: 2 })).toBe('2예요');
    expect(fillTemplate('{name}', { name: 'web' })).toBe('web');
  });

  it('{|particle} fits the text just before it: a quoted value', () => {
    expect(fillTemplate('컨테이너 "{name}"{|가} 있어요', { name: 'web' })).toBe('컨테이너 "web"이 있어요');
    expect(fillTemplate('컨테이너 "{name}"{|이} 있어요', { name: 'db' })).toBe('컨테이너 "db"가 있어요');
    expect(fillTemplate('"{name}"{|라}는 볼륨', { name: 'data' })).toBe('"data"라는 볼륨');
    expect(fillTemplate('`{ns}`{|가} 있지만', { ns: 'ctr-learn-me' })).toBe('`ctr-learn-me`가 있지만');
    expect(fillTemplate('`{image}`{|를}', { image: 'nginx:1.27' })).toBe('`nginx:1.27`을');
  });

  it('an empty value leaves the particle to what comes before it', () => {
    expect(fillTemplate('{source}{name|를} 마운트', { source: 'ConfigMap', name: '' })).toBe('ConfigMap을 마운트');
    expect(fillTemplate('{source}{name|를} 마운트', { source: 'ConfigMap', name: ' "site"' })).toBe('ConfigMap "site"를 마운트');
  });

  it('a placeholder with no value stays as it is, and text that is no placeholder is kept', () => {
    expect(fillTemplate('{a|를} {b}', {})).toBe('{a|를} {b}');
    expect(fillTemplate('{a|foo} {} {{.Names}}', { a: 'x' })).toBe('{a|foo} {} {{.Names}}');
  });
});

describe('every filler goes through it', () => {
  it('fill and tf (strings.ts)', () => {
    expect(fill('ko', 'question.logAnswer', { n: 2, choice: 'a' })).toBe('2단계 질문에 a로 답함 (Enter)');
    expect(tf('ko', 'question.logAnswer', { n: 2, choice: 'm' })).toBe('2단계 질문에 m으로 답함 (Enter)');
    expect(fill('ko', 'doorOption', { option: '--privileged', why: 'x' })).toContain('--privileged를 쓸 수 없어요');
    expect(fill('ko', 'doorOption', { option: '--cap-add', why: 'x' })).toContain('--cap-add를 쓸 수 없어요');
    expect(fill('ko', 'doorOption', { option: '--network host', why: 'x' })).toContain('--network host를 쓸 수 없어요');
    expect(fill('ko', 'doorOption', { option: '--pid', why: 'x' })).toContain('--pid를');
    expect(fill('en', 'question.logAnswer', { n: 2, choice: 'a' })).toBe('answer a to step 2 (Enter)');
  });

  it('say (evidence.ts)', () => {
    expect(say('ko', 'removedAfter', { name: 'web', signals: 'SIGTERM' })).toBe('컨테이너 "web"이 SIGTERM을 받은 뒤 삭제됐어요');
    expect(say('ko', 'removedAfter', { name: 'db', signals: 'SIGKILL' })).toBe('컨테이너 "db"가 SIGKILL을 받은 뒤 삭제됐어요');
    expect(say('ko', 'exitedWith', { code: 137 })).toBe('종료 코드 137로 끝남');
    expect(say('ko', 'exitedWith', { code: 0 })).toBe('종료 코드 0으로 끝남');
    expect(say('en', 'removedAfter', { name: 'web', signals: 'SIGTERM' })).toBe('container "web" was sent SIGTERM and then removed');
  });

  it('sayKube (kube/say.ts)', () => {
    expect(sayKube('ko', 'portUndeclared', { at: 'pod.yaml:12', field: 'readinessProbe', handler: 'httpGet', port: 80, container: 'web', ports: '8080' })).toBe(
      'pod.yaml:12의 readinessProbe httpGet 포트가 80인데 컨테이너 "web"이 선언한 포트는 8080',
    );
    expect(sayKube('ko', 'missingObject', { file: 'app.yaml', object: 'Service/web', objects: 'Deployment/web' })).toBe('app.yaml: 올바르지만 Service/web이 없어요. 있는 것: Deployment/web');
    expect(sayKube('ko', 'missingObject', { file: 'app.yaml', object: 'Pod/db', objects: 'Deployment/web' })).toBe('app.yaml: 올바르지만 Pod/db가 없어요. 있는 것: Deployment/web');
  });

  it('sayLive (kube/live/say.ts)', () => {
    expect(sayLive('ko', 'refusedKind', { kind: 'ConfigMap', why: 'x', kinds: 'Pod' })).toMatch(/^ctr-learn은 ConfigMap을 적용하지 않아요/);
    expect(sayLive('ko', 'refusedKind', { kind: 'ClusterRole', why: 'x', kinds: 'Pod' })).toMatch(/^ctr-learn은 ClusterRole을 적용하지 않아요/);
    expect(sayLive('ko', 'refusedKind', { kind: 'Namespace', why: 'x', kinds: 'Pod' })).toMatch(/^ctr-learn은 Namespace를 적용하지 않아요/);
    expect(sayLive('ko', 'wantApplied', { file: 'pod.yaml', namespace: 'me' })).toBe('pod.yaml을 `me`에 적용');
  });

  it('sayReplay (kube/replay/timeline.ts)', () => {
    expect(sayReplay('ko', 'noteHostPath', { name: 'data' })).toMatch(/^볼륨 data는 hostPath라서/);
    expect(sayReplay('ko', 'noteHostPath', { name: 'logs' })).toMatch(/^볼륨 logs는/);
    expect(sayReplay('ko', 'noteHostPath', { name: 'cache-volume' })).toMatch(/^볼륨 cache-volume은/);
    expect(sayReplay('ko', 'exited', { code: 1 })).toBe('종료 코드 1로 끝남');
  });
});

describe('the catalogues', () => {
  const catalogues: [string, (l: Lang) => string[]][] = [
    ['strings.ts', allStrings],
    ['evidence.ts', evidenceStrings],
    ['kube/say.ts', kubeStrings],
    ['kube/live/say.ts', liveStrings],
    ['kube/replay/timeline.ts', replayStrings],
  ];
  const known = new Set(PARTICLES);

  it('Korean: every {name|particle} names a particle the filler knows', () => {
    for (const [file, strings] of catalogues) {
      for (const s of strings('ko')) {
        for (const m of s.matchAll(/\{\w*\|([^}]*)\}/g)) expect(known.has(m[1]!), `${file}: ${s}`).toBe(true);
      }
    }
  });

  it('Korean: no fixed particle after a filled-in value, and none set apart by a space', () => {
    // a fixed form after a value (glued or not) is right only by chance; 의, 에, 에서 do not change but are attached
    const fixedForm = /\{\w+\}["`]? ?(이에요|예요|이라|이나|으로|은|는|이|가|을|를|과|와|로|라|나)(?=$|[\s.,!?:;)'"`])/;
    const spaced = /\{\w+\}["`]? (의|에|에서)(?=$|[\s.,!?:;)'"`])/;
    for (const [file, strings] of catalogues) {
      for (const s of strings('ko')) {
        expect(s, file).not.toMatch(fixedForm);
        expect(s, file).not.toMatch(spaced);
      }
    }
  });

  it('English: no particle syntax', () => {
    for (const [file, strings] of catalogues) for (const s of strings('en')) expect(s, file).not.toMatch(/\{\w*\|/);
  });
});
