import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/lessons/load';
import { fillText, learnerFrom, personalize, slug, valuesFor } from '../../src/lessons/personalize';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const template = loadLesson(join(FIXTURES, 'CTR022', 'fixed-port'), FIXTURES).lesson!;
const ada = { short: 'ada', portBase: 20_000 };
const bo = { short: 'bo', portBase: 20_100 };

describe('per-learner values', () => {
  it('a name is the base and the learner; a port is the learner range plus the default last two digits', () => {
    expect(valuesFor(template, ada)).toEqual({ web: 'web-ada', port: 20_080 });
    expect(valuesFor(template, bo)).toEqual({ web: 'web-bo', port: 20_180 });
    // Shown without a learner (lint, docs): the defaults.
    expect(valuesFor(template, null)).toEqual({ web: 'web', port: 8080 });
  });

  it('fills data, prose and keys; a port placeholder alone becomes a number', () => {
    const l = personalize(template, ada);
    expect(l.uses.containers).toEqual(['web-ada']);
    expect(l.uses.hostPorts).toEqual([20_080]);
    expect(l.steps[0].checks[0]).toMatchObject({ container: 'web-ada' });
    expect(l.values).toEqual({ web: 'web-ada', port: 20_080 });
    // The template is untouched: the catalog cache keeps lessons as written.
    expect(template.uses.containers).toEqual(['[[web]]']);
    expect(fillText('docker run --name [[web]] -p [[port]]:80 --format {{.Name}} [[other]]', l.values!)).toBe(
      'docker run --name web-ada -p 20080:80 --format {{.Name}} [[other]]',
    );
  });

  it('filled lazily, it reads, copies, serializes and can be changed like a plain object', () => {
    const l = personalize(template, ada);
    const text = JSON.stringify(l.steps);
    expect(text).toContain('web-ada');
    expect(text).not.toContain('[[');
    expect(structuredClone({ ...l, source: undefined }).uses.containers).toEqual(['web-ada']);
    expect(JSON.parse(JSON.stringify(l))).toEqual(JSON.parse(JSON.stringify(l)));
    const step = l.steps[0];
    expect(step.checks).toBe(step.checks);
    step.checks = [];
    expect(step.checks).toEqual([]);
    expect(template.steps[0].checks.length).toBeGreaterThan(0);
  });

  it('two learners never share a value', () => {
    const a = personalize(template, ada);
    const b = personalize(template, bo);
    expect(a.uses.containers).not.toEqual(b.uses.containers);
    expect(a.uses.hostPorts).not.toEqual(b.uses.hostPorts);
  });

  it('short forms: a chosen name as it is, a login name with two characters of the identity, Hangul by the identity', () => {
    expect(slug('Ada Lovelace!')).toBe('adalovel');
    expect(learnerFrom('Ada', 'u0-abc', true).short).toBe('ada');
    const login1 = learnerFrom('study', 'u1000-home1', false);
    const login2 = learnerFrom('study', 'u1000-home2', false);
    expect(login1.short).toMatch(/^study[0-9a-f]{2}$/);
    expect(login1.short === login2.short && login1.portBase === login2.portBase).toBe(false);
    expect(learnerFrom('김지민', 'u0-x', true).short).toMatch(/^m[0-9a-f]{4}$/);
    for (const id of ['a', 'b', 'c', 'd']) {
      const { portBase } = learnerFrom('x', id, true);
      expect(portBase % 100).toBe(0);
      expect(portBase).toBeGreaterThanOrEqual(10_000);
      expect(portBase + 99).toBeLessThan(32_768);
    }
  });
});
