import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exampleValues, fillFromState, wantsLiveState } from '../../src/cheatsheet/fill';
import { formatEntry, formatSheet, hitJson } from '../../src/cheatsheet/format';
import { checkCheatsheet } from '../../src/cheatsheet/lint';
import { packageRoot } from '../../src/paths';

const sheet = checkCheatsheet(join(packageRoot(), 'cheatsheet'), { shipped: true, lessonTitles: { 'sigterm-trap': { en: 'Graceful shutdown', ko: '우아한 종료' }, 'stop-signals': { en: 'Stopping well', ko: '잘 멈추기' } } }).sheet!;
const byId = (id: string) => sheet.entries.find((e) => e.id === id)!;
const state = { containers: [{ name: 'old', running: false }, { name: 'web', running: true }], networks: ['appnet'], volumes: ['web-data'] };

test('placeholders of existing objects are filled from the engine, the rest from the example', () => {
  expect(fillFromState(byId('stop-timeout'), state)).toBe('docker stop -t 3 web');
  expect(fillFromState(byId('start'), state)).toBe('docker start old');
  expect(fillFromState(byId('network-connect'), state)).toBe('docker network connect appnet web');
  // `<name:…>` names a new object: never an existing one.
  expect(fillFromState(byId('network-create'), state)).toBeNull();
  expect(fillFromState(byId('stop'), { containers: [], networks: [], volumes: [] })).toBeNull();
  expect(exampleValues(byId('run-bind'))).toMatchObject({ hostDir: '$(pwd)/html', containerDir: '/www', hostPort: '8080' });
  expect(wantsLiveState([byId('images')])).toBe(false);
  expect(wantsLiveState([byId('logs')])).toBe(true);
});

test('an entry shows its command, description in the chosen language, example, lessons and marks', () => {
  expect(formatEntry(byId('stop-timeout'), sheet, { lang: 'ko', practised: new Set(['sigterm-trap']), filled: new Map([['stop-timeout', 'docker stop -t 3 web']]) })).toEqual([
    'docker stop -t <seconds> <container> [끝낸 레슨에서 연습함]',
    '    SIGKILL을 보내기 전에 N초의 유예 시간을 주고 중지해요',
    '    예 docker stop -t 3 box',
    '    내 환경: docker stop -t 3 web',
    '    레슨: 우아한 종료 · 잘 멈추기',
  ]);
  expect(formatEntry({ ...byId('ps'), personal: true, lessons: [] }, sheet, { lang: 'en' })[0]).toBe('docker ps [personal]');
});

test('the whole sheet is grouped by section, in section order', () => {
  const text = formatSheet(sheet, { lang: 'en' });
  const headings = text.split('\n').filter((l) => l.startsWith('## '));
  expect(headings).toEqual(sheet.sections.map((s) => `## ${s.title.en}`));
  expect(text).toMatch(/^docker image prune -a +Remove every image that no container uses/m);
});

test('JSON output carries both languages and the template', () => {
  const j = hitJson({ entry: byId('pull-digest'), score: 1.23456, practised: false }, sheet);
  expect(j).toMatchObject({ id: 'pull-digest', command: 'docker pull <image>@<digest>', template: 'docker pull <image:image>@<digest:digest>', score: 1.235 });
  expect(j.example).toBe('docker pull 127.0.0.1:5000/demo@sha256:6a9c…');
  expect(j.description.ko).toBeTruthy();
});
