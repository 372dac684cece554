import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { splitArgv } from '../../src/proc/split-argv';
import { parseLearnerCommand } from '../../src/sandbox/run-command';

const VARS = { PWD: '/home/me/ws', HOME: '/home/me' };
const split = (line: string) => splitArgv(line, VARS);

/** The UserError a call throws (fails the test if it throws nothing or something else). */
function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}

describe('splitArgv splits like a POSIX shell', () => {
  it.for([
    ['docker ps', ['docker', 'ps']],
    ['  docker \t ps   -a  ', ['docker', 'ps', '-a']],
    ["docker run --name 'my web' web", ['docker', 'run', '--name', 'my web', 'web']],
    ['docker run -e "GREETING=hello world" busybox', ['docker', 'run', '-e', 'GREETING=hello world', 'busybox']],
    ['echo "a \\"quoted\\" word"', ['echo', 'a "quoted" word']],
    ['echo "back\\\\slash" "keep \\n" "\\$PWD"', ['echo', 'back\\slash', 'keep \\n', '$PWD']],
    ["echo it\\'s a\\ b", ['echo', "it's", 'a b']],
    ["echo 'no $PWD or \\ in single quotes'", ['echo', 'no $PWD or \\ in single quotes']],
    ['echo "" \'\'', ['echo', '', '']],
    ["echo one' two '\"three\"", ['echo', 'one two three']],
    ["docker exec web sh -c 'ls / && echo ok | wc -l; true'", ['docker', 'exec', 'web', 'sh', '-c', 'ls / && echo ok | wc -l; true']],
    ['docker run -e "A=x > y" busybox', ['docker', 'run', '-e', 'A=x > y', 'busybox']],
    // A `$` before something that is no variable is a plain character, quoted or not (as in a shell).
    ['echo $ cost=5$ "$ 1" "$"', ['echo', '$', 'cost=5$', '$ 1', '$']],
    ['', []],
  ] as [string, string[]][])('%j', ([line, argv]) => {
    expect(split(line)).toEqual(argv);
  });
});

describe('splitArgv expands $PWD, ${PWD}, $(pwd) and a leading ~', () => {
  it.for([
    ['-v $PWD/html:/www', ['-v', '/home/me/ws/html:/www']],
    ['-v "$(pwd)/html:/www"', ['-v', '/home/me/ws/html:/www']],
    ['-v $(pwd)/html:/www', ['-v', '/home/me/ws/html:/www']],
    ['-v ${PWD}/html:/www', ['-v', '/home/me/ws/html:/www']],
    ['-v "${PWD}":/data', ['-v', '/home/me/ws:/data']],
    ['--workdir=$PWD', ['--workdir=/home/me/ws']],
    ['-v ~/site:/www', ['-v', '/home/me/site:/www']],
    ['cd ~', ['cd', '/home/me']],
    ["'~/x' \"~/x\" a~b ~user", ['~/x', '~/x', 'a~b', '~user']],
    ["'$(pwd)'", ['$(pwd)']],
  ] as [string, string[]][])('%j', ([line, argv]) => {
    expect(split(line)).toEqual(argv);
  });
});

describe('splitArgv keeps docker templates intact', () => {
  it.for([
    ["docker ps --format '{{.Names}}'", ['docker', 'ps', '--format', '{{.Names}}']],
    ['docker inspect -f "{{json .State}}" web', ['docker', 'inspect', '-f', '{{json .State}}', 'web']],
    ["docker ps --format 'table {{.Names}}\\t{{.Status}}'", ['docker', 'ps', '--format', 'table {{.Names}}\\t{{.Status}}']],
    ['docker ps --format {{.ID}}', ['docker', 'ps', '--format', '{{.ID}}']],
  ] as [string, string[]][])('%j', ([line, argv]) => {
    expect(split(line)).toEqual(argv);
  });
});

describe('splitArgv refuses shell syntax with a UserError that says what to do', () => {
  const SHELL = /is shell syntax, and ctr-learn runs your command without a shell\.$/;
  it.for([
    ['docker ps | grep web', '"|"', SHELL],
    ['docker ps || true', '"||"', SHELL],
    ['docker ps && docker images', '"&&"', SHELL],
    ['docker ps; docker images', '";"', SHELL],
    ['docker logs web > out.txt', '">"', SHELL],
    ['docker logs web >> out.txt', '">>"', SHELL],
    ['docker logs web 2>&1', '">"', SHELL],
    ['docker load < image.tar', '"<"', SHELL],
    ['docker run -d web &', '"&"', SHELL],
    ['docker rm `docker ps -aq`', '"`...`"', SHELL],
    ['docker rm "`docker ps -aq`"', '"`...`"', SHELL],
    ['docker rm $(docker ps -aq)', '"$(...)"', SHELL],
    ['docker rm -f "$(docker ps -aq)"', '"$(...)"', SHELL],
    ['docker run -e HOME=$HOME busybox', 'Shell variables like $HOME are not expanded here (only $PWD and $(pwd)).', /^/],
    ['docker run -v ${HOME}/x:/x busybox', 'Shell variables like ${HOME}', /are not expanded here/],
    ['docker run -v $PWDX:/x busybox', 'Shell variables like $PWDX', /are not expanded here/],
    // The shell's special parameters, quoted or not.
    ['docker exec web echo $?', 'Shell variables like $?', /are not expanded here/],
    ['docker run busybox echo "$1"', 'Shell variables like $1', /are not expanded here/],
    ['docker exec web kill $$', 'Shell variables like $$', /are not expanded here/],
    ['docker run busybox sh -c "echo $@"', 'Shell variables like $@', /are not expanded here/],
    ["echo 'unclosed", 'Unclosed single quote in your command.', /^/],
    ['echo "unclosed', 'Unclosed double quote in your command.', /^/],
    ['echo "unclosed \\"', 'Unclosed double quote in your command.', /^/],
  ] as [string, string, RegExp][])('%j', ([line, starts, rest]) => {
    const err = userErrorOf(() => split(line));
    expect(err.message.startsWith(starts), err.message).toBe(true);
    expect(err.message).toMatch(rest);
    expect(err.tryThis).toBeTruthy();
  });

  it('shell syntax errors point at ctr-learn shell', () => {
    expect(userErrorOf(() => split('docker ps | wc -l')).tryThis).toMatch(/ctr-learn shell/);
    expect(userErrorOf(() => split('echo $USER')).tryThis).toMatch(/ctr-learn shell/);
  });

  // Was a bug (fixed): inside double quotes an unknown variable is passed on literally ("$HOME" → the four
  // characters $HOME) instead of being refused like the unquoted $HOME is. A shell would expand it,
  // so `docker run -e "DIR=$HOME" …` silently sets DIR to the text "$HOME".
  it.for(['echo "$HOME"', 'docker run -e "DIR=${HOME}/x" busybox', 'echo "$USER is here"'])(
    'refuses an unknown variable inside double quotes too: %j',
    (line) => {
      expect(userErrorOf(() => split(line)).message).toMatch(/are not expanded here/);
    },
  );
});

describe('parseLearnerCommand (src/sandbox/run-command.ts) lets only docker commands through', () => {
  it.for([
    ['docker run -d --name web -p 8080:80 web', ['docker', 'run', '-d', '--name', 'web', '-p', '8080:80', 'web']],
    ['  docker ps -a  ', ['docker', 'ps', '-a']],
    ['docker run -d -v "$PWD/html:/www" web', ['docker', 'run', '-d', '-v', '/ws/html:/www', 'web']],
    ['docker exec web ls /www', ['docker', 'exec', 'web', 'ls', '/www']],
    ['docker build -t my-image .', ['docker', 'build', '-t', 'my-image', '.']],
    ['docker run -i busybox cat', ['docker', 'run', '-i', 'busybox', 'cat']],
    ['docker start -ai box', ['docker', 'start', '-ai', 'box']],
    ['docker run --rm busybox -- ls -it', ['docker', 'run', '--rm', 'busybox', '--', 'ls', '-it']],
  ] as [string, string[]][])('accepts %j', ([line, argv]) => {
    expect(parseLearnerCommand(line, '/ws')).toEqual(argv);
  });

  it('expands ~ to the real home directory', () => {
    expect(parseLearnerCommand('docker run -v ~/site:/www web', '/ws')[3]).toBe(`${homedir()}/site:/www`);
  });

  it.for([
    ['ls -la', '"ls" is not something this prompt runs: it runs docker and docker-compose commands only.', /start your line with docker/],
    ['podman ps', '"podman" is not something this prompt runs', /start your line with docker/],
    ['/usr/bin/docker ps', '"/usr/bin/docker" is not something this prompt runs', /start your line with docker/],
    ['sudo docker ps', '"sudo" is not something this prompt runs', /^leave out sudo: the sandbox needs no root$/],
    ['   ', 'Type a docker command, e.g. docker ps', /^$/],
    ['docker run -it busybox sh', '`-it` needs a real terminal, and this prompt is not one.', /ctr-learn shell/],
    ['docker run -ti busybox sh', '`-it` needs a real terminal', /ctr-learn shell/],
    ['docker run --rm -it -v "$PWD:/w" busybox sh', '`-it` needs a real terminal', /ctr-learn shell/],
    ['docker exec -it web sh', '`-it` needs a real terminal', /docker exec web ls \//],
    ['docker exec -it -u root --env A=1 counter-jimin sh', '`-it` needs a real terminal', /docker exec counter-jimin ls \//],
    ['docker run --rm -it --name x -v "$PWD:/w" busybox:1.36 sh', '`-it` needs a real terminal', /docker run --rm busybox:1.36 ls \//],
    ['docker run --rm -it busybox sh -- x', '`-it` needs a real terminal', /ctr-learn shell/],
  ] as [string, string, RegExp][])('refuses %j', ([line, starts, tryThis]) => {
    const err = userErrorOf(() => parseLearnerCommand(line, '/ws'));
    expect(err.message.startsWith(starts), err.message).toBe(true);
    expect(err.tryThis ?? '').toMatch(tryThis);
  });

  it('says every refusal in Korean too (the app shows the learner\'s language)', () => {
    const ko = (line: string) => userErrorOf(() => parseLearnerCommand(line, '/ws')).texts!.ko;
    expect(ko('ls -la')).toMatchObject({ message: '"ls"는 이 프롬프트에서 실행하지 않아요. `docker`와 `docker-compose` 명령만 실행해요.', fix: '줄을 docker로 시작하거나, 내 터미널을 쓰세요: ctr-learn shell' });
    expect(ko('sudo docker ps').fix).toBe('sudo를 빼세요. 샌드박스에는 관리자 권한이 필요 없어요');
    expect(ko('docker exec -it web sh')).toMatchObject({ message: expect.stringContaining('진짜 터미널'), fix: expect.stringContaining('(docker exec web ls /)') });
    expect(ko('   ').message).toBe('docker 명령을 입력하세요. 예: docker ps');
  });

  // Was a bug (fixed): the -it refusal only looks at argv[1], so the long form of the same command slips through
  // and then hangs until the timeout waiting for a terminal.
  it.for(['docker container run -it busybox sh', 'docker container exec -it web sh'])('refuses %j', (line) => {
    expect(userErrorOf(() => parseLearnerCommand(line, '/ws')).message).toMatch(/needs a real terminal/);
  });

  // Was a bug (fixed): with -d the docker CLI never attaches stdin, so `-dit` needs no terminal (docker/cli
  // runContainer skips CheckTty when detached). It is the usual way to keep a shell container
  // running in the background, and the prompt refuses it.
  it.for(['docker run -dit --name box busybox', 'docker run -itd --name box busybox'])('accepts %j', (line) => {
    expect(parseLearnerCommand(line, '/ws')).toContain('box');
  });
});
