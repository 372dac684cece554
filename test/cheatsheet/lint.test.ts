import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lessonIds } from '../../src/cheatsheet/compile';
import { checkCheatsheet } from '../../src/cheatsheet/lint';
import { CHEAT_RULES, formatCheatProblem, type CheatRuleCode } from '../../src/cheatsheet/problems';
import { packageRoot } from '../../src/paths';

const fixtures = join(import.meta.dirname, 'fixtures');
const codes = Object.keys(CHEAT_RULES) as CheatRuleCode[];
const lint = (dir: string) => checkCheatsheet(dir, { shipped: true, knownLessons: new Set(['run-options']), root: fixtures });

describe('every rule has a failing fixture that triggers exactly it, and a passing one', () => {
  test('one fixture folder per rule, no strays', () => {
    expect(readdirSync(fixtures).sort()).toEqual([...codes].sort());
  });
  test.each(codes)('%s', (code) => {
    const failing = lint(join(fixtures, code, 'fail')).problems;
    expect(failing.length, failing.map(formatCheatProblem).join('\n')).toBeGreaterThan(0);
    expect([...new Set(failing.map((p) => p.code))]).toEqual([code]);
    const passing = lint(join(fixtures, code, 'pass')).problems;
    expect(passing.map(formatCheatProblem)).toEqual([]);
  });
});

test('problems point at the line of the offending value', () => {
  const [p] = lint(join(fixtures, 'CHT010', 'fail')).problems;
  expect(formatCheatProblem(p)).toBe('CHT010/fail/demo.yaml:10 CHT010 no lesson "no-such-lesson" (lessons: run-options)');
  const [q] = lint(join(fixtures, 'CHT007', 'fail')).problems;
  expect(q.line).toBe(14);
  expect(q.message).toContain('"soon" is not a seconds');
});

test('a personal file needs no example, section or title', () => {
  const dir = join(fixtures, 'CHT016', 'fail');
  expect(checkCheatsheet(dir, { shipped: false }).problems).toEqual([]);
  expect(checkCheatsheet(join(fixtures, 'CHT005', 'fail'), { shipped: false }).problems).toEqual([]);
});

test('the shipped cheat sheet is clean, links only existing lessons, and covers the notes', () => {
  const root = packageRoot();
  const { sheet, problems } = checkCheatsheet(join(root, 'cheatsheet'), { shipped: true, root, knownLessons: lessonIds(join(root, 'lessons')) });
  expect(problems.map(formatCheatProblem)).toEqual([]);
  const commands = sheet!.entries.map((e) => e.command.replace(/<[^>]+>/g, '_'));
  // The notes' cheat sheet and what the other notes use, one pattern per command.
  const notes = [
    /^docker version$/, /^docker info$/, /^docker build -t/, /^docker build -f/, /^docker images$/, /^docker rmi /, /^docker image prune -a$/,
    /^docker pull /, /^docker tag /, /^docker login /, /^docker push /, /^docker save -o/, /^docker load -i/, /^docker export /, /^docker import /,
    /^docker run --rm -it /, /^docker run -d -p /, /^docker run --name _ -d -p/, /^docker run -v _:_ -d -p/, /^docker exec -it /, /^docker ps$/,
    /^docker ps -a$/, /^docker stop _$/, /^docker kill _$/, /^docker rm _$/, /^docker commit /, /^docker logs _$/, /^docker logs -f /,
    /^docker inspect _$/, /^docker stats$/, /^docker attach --sig-proxy=false/, /^docker pause /, /^docker unpause /, /^docker start -a /,
    /^docker network create /, /^docker network ls$/, /^docker network rm /, /^docker network prune$/, /^docker volume create /,
    /^docker volume ls$/, /^docker volume rm /, /^docker volume prune$/, /^docker-compose up -d$/, /^docker-compose ps$/,
    /^docker-compose down$/, /^docker-compose down --rmi all$/, /^docker history /, /^docker images --digests$/, /--restart /,
    /^docker ps -f /, /--health-cmd /, /^docker stop -t /, /^FROM /, /^RUN /, /^CMD /, /^COPY /, /^EXPOSE /, /^HEALTHCHECK /, /^kubectl apply /,
  ];
  for (const n of notes) expect(commands.some((c) => n.test(c)), String(n)).toBe(true);
});
