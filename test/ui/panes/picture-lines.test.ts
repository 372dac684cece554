import { expect, it } from 'vitest';
import type { UiLine } from '../../../src/ui/components/Lines';
import { healthLines, humanSize, imageLines, networkLines, pictureLines } from '../../../src/ui/panes/picture-lines';
import { displayWidth } from '../../../src/ui/text/text';

const text = (lines: UiLine[]) => lines.map((l) => l.map((s) => s.text).join(''));

it('networks: who sits where, and whether they find each other by name', () => {
  const out = text(networkLines('en', [
    { name: 'bridge', driver: 'bridge', containers: ['old'], reach: 'ip' },
    { name: 'appnet', driver: 'bridge', containers: ['web', 'api'], reach: 'name' },
    { name: 'none', driver: 'null', containers: [], reach: 'none' },
  ]));
  expect(out[1]).toMatch(/^ {2}bridge \(bridge\) {2}old {2}by IP only: no DNS on the default bridge$/);
  expect(out[2]).toMatch(/^ {2}appnet \(bridge\) {2}web, api {2}by name \(the engine's DNS\)$/);
  expect(out[3]).toMatch(/^ {2}none \(null\) {6}\(no containers\)$/);
});

it('image layers: tags of one image are one stack, the learner’s layers above the shared base, config-only steps named', () => {
  const layers = [
    { createdBy: 'RUN echo x > /y', size: 2, fromBase: false },
    { createdBy: 'COPY file in /www/index.html', size: 3, fromBase: false },
    { createdBy: 'ctr-learn seed: web page in /www', size: 708_397, fromBase: true },
    { createdBy: 'ctr-learn seed: busybox 1.35.0', size: 1_984_233, fromBase: true },
  ];
  const img = { id: 'c98dc1adfcff', base: 'ctr-learn/web:1', layers, configOnly: ['HEALTHCHECK &{...}', 'LABEL a=b'] };
  const out = text(imageLines('en', [{ ref: 'greeter:1.0', ...img }, { ref: 'registry/greeter:1.0', ...img }, { ref: 'greeter:latest', id: null, base: null, layers: [], configOnly: [] }], 80));
  expect(out[1]).toBe('  greeter:1.0, registry/greeter:1.0  c98dc1adfcff  4 layer(s), 2 of them yours  on ctr-learn/web:1');
  const box = out.slice(2, 9);
  expect(box[0]).toMatch(/^ {2}\+-+\+$/);
  expect(box[1]).toMatch(/^ {2}\| RUN echo x > \/y +2 B \| yours$/);
  expect(box[2]).toMatch(/^ {2}\| COPY file in \/www\/index\.html +3 B \| yours$/);
  expect(box[3]).toMatch(/^ {2}\|=+\|$/);
  expect(box[4]).toMatch(/\| ctr-learn seed: web page in \/www +708 kB \| base$/);
  expect(box[5]).toMatch(/\| ctr-learn seed: busybox 1\.35\.0 +2\.0 MB \| base$/);
  // Every row of the box is as wide as its edges.
  expect(new Set(box.map((l) => displayWidth(l.replace(/ \| (yours|base)$/, ' |'))))).toEqual(new Set([displayWidth(box[0])]));
  expect(out[9]).toBe('  2 base layer(s) shared with ctr-learn/web:1, 2.7 MB: stored once, not copied');
  expect(out[10]).toBe('  no layer, config only: HEALTHCHECK, LABEL');
  expect(out[11]).toBe('  greeter:latest: not made yet');
});

it('health: a timeline from the last start, one character per slice of time, and the changes with their times', () => {
  const out = text(healthLines('en', [
    { container: 'app', state: 'running', noCheck: false, status: 'unhealthy', failingStreak: 3, span: 20, changes: [{ at: 0, status: 'starting' }, { at: 2, status: 'healthy' }, { at: 15, status: 'unhealthy' }] },
    { container: 'plain', state: 'running', noCheck: true, status: '', failingStreak: 0, span: 0, changes: [] },
    { container: 'gone', state: null, noCheck: false, status: '', failingStreak: 0, span: 0, changes: [] },
    { container: 'later', state: 'created', noCheck: false, status: '', failingStreak: 0, span: 0, changes: [] },
  ], 66));
  expect(out[1]).toBe('  app (running)  now unhealthy, failing streak 3');
  // 50 columns over 20 s: 2.5 per second.
  expect(out[2]).toBe(`  |${'.'.repeat(5)}${'='.repeat(32)}${'x'.repeat(13)}|  20.0 s`);
  expect(out[3]).toBe('  starting 0.0 s -> healthy 2.0 s -> unhealthy 15.0 s');
  expect(out[4]).toBe('  plain: running, no health check');
  expect(out[5]).toBe('  gone: no such container yet');
  expect(out[6]).toBe('  later: created; its health check runs once it starts');
  expect(out[7]).toBe('  . starting  = healthy  x unhealthy');
});

it('Korean labels keep the same pictures; nothing loaded yet says so', () => {
  expect(text(pictureLines('ko', null, 80))).toEqual(['엔진에서 샌드박스 상태를 읽는 중...']);
  const out = text(pictureLines('ko', { networks: [{ name: 'appnet', driver: 'bridge', containers: ['web'], reach: 'name' }], images: null, health: null }, 80));
  expect(out).toEqual(['네트워크: 누가 어디에 있고, 서로 어떻게 찾는지', '  appnet (bridge)  web  이름으로 (엔진의 DNS)']);
});

it('sizes read like docker images shows them', () => {
  expect([0, 999, 1000, 708_397, 999_600, 1_984_233, 24_800_000, 3_200_000_000].map(humanSize)).toEqual(['0 B', '999 B', '1.0 kB', '708 kB', '1.0 MB', '2.0 MB', '25 MB', '3.2 GB']);
});
