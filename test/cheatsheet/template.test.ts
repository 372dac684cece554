import { expect, test } from 'vitest';
import { displayTokens, expandTokens, exampleLine, tokensIn } from '../../src/cheatsheet/instantiate';
import { fillTemplate, matchInstance, parseTemplate, showTemplate, TemplateError } from '../../src/cheatsheet/template';
import type { CheatEntry } from '../../src/cheatsheet/types';

const publish = parseTemplate('docker run -d -p <hostPort:port>:<containerPort:port> <image:image>');

test.each([
  ['exact instance', ['docker', 'run', '-d', '-p', '8080:80', 'ctr-learn/web:1'], { hostPort: '8080', containerPort: '80', image: 'ctr-learn/web:1' }, []],
  ['extra words are listed', ['docker', 'run', '-d', '-p', '8080:80', '--name', 'web', 'ctr-learn/web:1'], { hostPort: '8080', containerPort: '80', image: 'ctr-learn/web:1' }, ['--name', 'web']],
])('matchInstance: %s', (_name, argv, values, extra) => {
  const m = matchInstance(publish, argv)!;
  expect(m.values).toEqual(values);
  expect(m.extra).toEqual(extra);
  expect(m.misfits).toEqual([]);
});

test('a value of the wrong type is a misfit, a missing word no match', () => {
  expect(matchInstance(publish, ['docker', 'run', '-d', '-p', 'web:80', 'x'])!.misfits.map((f) => f.placeholder.name)).toEqual(['hostPort']);
  expect(matchInstance(publish, ['docker', 'run', '-p', '8080:80', 'x'])).toBeNull();
});

test('a command placeholder takes the rest of the words, quoted for display', () => {
  const m = matchInstance(parseTemplate('docker exec <container:container> <command:command>'), ['docker', 'exec', 'web', 'sh', '-c', 'echo hi'])!;
  expect(m.values).toEqual({ container: 'web', command: "sh -c 'echo hi'" });
  expect(fillTemplate('docker exec <container:container> <command:command>', m.values)).toBe("docker exec web sh -c 'echo hi'");
});

test('templates with quotes, stray brackets and unknown types', () => {
  expect(parseTemplate(`docker inspect -f '{{.State.Status}}' <c:container>`)[3]).toEqual(['{{.State.Status}}']);
  expect(() => parseTemplate('docker stop <container>')).toThrow(TemplateError);
  expect(() => parseTemplate('docker stop <c:box>')).toThrow(/unknown placeholder type "box"/);
  expect(showTemplate('docker tag <image:image> <name:image>')).toBe('docker tag <image> <name>');
});

test('example tokens: unique names and free ports in CI, plain words for a learner', () => {
  const ctx = { prefix: 'cht-x1-push', ports: { REGPORT: 41234 }, captures: { PINNED: 'r@sha256:ab' } };
  expect(expandTokens('docker push 127.0.0.1:@@REGPORT/@@demo:1', ctx)).toBe('docker push 127.0.0.1:41234/cht-x1-push-demo:1');
  expect(expandTokens('docker pull @@PINNED', ctx)).toBe('docker pull r@sha256:ab');
  expect(() => expandTokens('@@OTHER', ctx)).toThrow(/before a setup step captures it/);
  expect(displayTokens('docker run -p @@PORT:80 -p @@PORT2:81 --name @@web x; @@REGPORT')).toBe('docker run -p 8080:80 -p 8081:81 --name web x; 5000');
  expect(tokensIn('@@web @@PORT @@web-data @@DIGEST')).toEqual({ names: ['web', 'web-data'], vars: ['PORT', 'DIGEST'] });
});

test('the example line of a Dockerfile entry is its Dockerfile line', () => {
  const entry: CheatEntry = {
    id: 'x', section: 's', command: 'EXPOSE <port:port>', description: { en: 'e', ko: 'k' }, tags: [], lessons: [], personal: false,
    example: { files: { Dockerfile: 'FROM busybox:1.36\nEXPOSE 80\n' }, setup: [], run: 'docker build -t @@x .', tty: false, cleanup: [] },
  };
  expect(exampleLine(entry)).toBe('EXPOSE 80');
});
