import { expect, it } from 'vitest';
import type { Lesson } from '../../src/lessons/schema';
import { conflicts } from '../../src/verify/verify';

const lesson = (uses: Partial<Lesson['uses']>): Lesson =>
  ({ id: 'x', uses: { containers: [], networks: [], volumes: [], images: [], hostPorts: [], ...uses } }) as unknown as Lesson;

it('lessons run side by side only when they share no container, network, volume, image name or host port', () => {
  expect(conflicts(lesson({ containers: ['web'] }), lesson({ containers: ['app'] }))).toBe(false);
  expect(conflicts(lesson({ containers: ['web'] }), lesson({ containers: ['web'] }))).toBe(true);
  expect(conflicts(lesson({ networks: ['appnet'] }), lesson({ networks: ['appnet'] }))).toBe(true);
  expect(conflicts(lesson({ volumes: ['data'] }), lesson({ volumes: ['data'] }))).toBe(true);
  expect(conflicts(lesson({ hostPorts: [8080] }), lesson({ hostPorts: [8080] }))).toBe(true);
  // Image names compare as the engine reads them: greeter is greeter:latest.
  expect(conflicts(lesson({ images: ['greeter'] }), lesson({ images: ['greeter:latest'] }))).toBe(true);
  expect(conflicts(lesson({ images: ['greeter:1.0'] }), lesson({ images: ['greeter:2.0'] }))).toBe(false);
  // A container and a network of the same name are different things.
  expect(conflicts(lesson({ containers: ['web'] }), lesson({ networks: ['web'] }))).toBe(false);
});
