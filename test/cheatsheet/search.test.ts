import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readLessonTitles } from '../../src/cheatsheet/compile';
import { checkCheatsheet } from '../../src/cheatsheet/lint';
import { buildCheatIndex, prebuildIndex, searchCheats } from '../../src/cheatsheet/search';
import { packageRoot } from '../../src/paths';
import { syntheticSheet } from './synthetic';

const root = packageRoot();
const sheet = checkCheatsheet(join(root, 'cheatsheet'), { shipped: true, root, lessonTitles: readLessonTitles(join(root, 'lessons')) }).sheet!;
const index = buildCheatIndex(sheet);
const top = (q: string, n = 1) => searchCheats(index, q, { limit: n }).map((h) => h.entry.id);

describe('finds what a learner means', () => {
  test.each([
    ['stop', 'stop'],
    ['stop -t', 'stop-timeout'],
    ['logs -f', 'logs-follow'],
    ['volume rm', 'volume-rm'],
    ['bind mount', 'run-bind'],
    ['restart', 'restart'],
    ['digest pull', 'pull-digest'],
    ['--network host', 'run-network-host'],
    ['expose', 'dockerfile-expose'],
    // "run" is docker run; the Dockerfile instruction when typed as it is written.
    ['run', 'run-once'],
    ['RUN', 'dockerfile-run'],
    ['copy', 'dockerfile-copy'],
    ['포트포워딩', 'run-detach-publish'],
    ['로그', 'logs'],
    ['일괄 삭제 이미지', 'image-prune'],
    ['헬스체크 상태', 'inspect-health'],
    ['prun netw', 'network-prune'],
    ['exce', 'exec'],
  ])('%s → %s', (query, id) => {
    expect(top(query)).toEqual([id]);
  });
  test('lesson names find the commands a lesson practises', () => {
    const ids = top('graceful shutdown', 20);
    expect(ids).toContain('stop-timeout');
    expect(ids).not.toContain('build');
  });
  test('adding a word narrows, never widens', () => {
    const wide = top('network', 200);
    const narrow = top('network prune', 200);
    expect(narrow.length).toBeLessThan(wide.length);
    expect(narrow.every((id) => wide.includes(id))).toBe(true);
  });
  test('nonsense finds nothing; an empty query lists everything in order', () => {
    expect(top('zzqqxx')).toEqual([]);
    expect(searchCheats(index, '  ').map((h) => h.entry.id)).toEqual(sheet.entries.map((e) => e.id));
  });
});

test('entries of practised lessons are marked', () => {
  const hits = searchCheats(index, 'stop', { practised: new Set(['sigterm-trap']) });
  expect(hits.find((h) => h.entry.id === 'stop-timeout')!.practised).toBe(true);
  expect(hits.find((h) => h.entry.id === 'compose-down')!.practised).toBe(false);
});

test('500 entries: every keystroke of a word is well under 5 ms', () => {
  const big = buildCheatIndex(syntheticSheet(sheet, 500));
  const query = 'docker network prune';
  for (let i = 1; i <= query.length; i++) searchCheats(big, query.slice(0, i), { limit: 8 }); // warm up
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (let i = 1; i <= query.length; i++) {
      const t = performance.now();
      searchCheats(big, query.slice(0, i), { limit: 8 });
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  expect(times[Math.floor(times.length / 2)]).toBeLessThan(5);
});

test('a prebuilt index (from the compiled sheet) searches exactly like a fresh one, with personal entries after it', () => {
  const prebuilt = prebuildIndex(index);
  const mine = { ...sheet.entries[0], id: 'personal-df', command: 'docker info --format json', description: { en: 'Engine facts as machine-readable text', ko: '엔진 정보를 기계가 읽는 형식으로' }, tags: [], lessons: [], personal: true };
  const merged = { ...sheet, entries: [...sheet.entries, mine] };
  const fresh = buildCheatIndex(merged);
  const fast = buildCheatIndex(merged, JSON.parse(JSON.stringify(prebuilt)));
  for (const q of ['stop', '포트', 'disk space', 'exce', 'network prune', 'run-options']) {
    expect(searchCheats(fast, q).map((h) => [h.entry.id, h.score])).toEqual(searchCheats(fresh, q).map((h) => [h.entry.id, h.score]));
  }
  expect(searchCheats(fast, 'engine facts machine-readable', { limit: 1 })[0].entry.id).toBe('personal-df');
});
