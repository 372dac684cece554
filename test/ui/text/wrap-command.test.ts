import { describe, expect, it } from 'vitest';
import { hintLines } from '../../../src/ui/panes/hints';
import { commandOf } from '../../../src/ui/input/line-editor';
import { splitArgv } from '../../../src/proc/split-argv';
import { displayWidth } from '../../../src/ui/text/text';
import { wrapCommand } from '../../../src/ui/text/wrap';
import { ENTER, fakeLesson, readyState, run, view } from '../helpers';

const counter = 'docker run -d --name counter-jimin -e INTERVAL=1 -v counter-data-jimin:/data -v "$PWD/counter.sh:/counter.sh:ro" busybox:1.36 sh /counter.sh';
/** What the shell (and the lesson prompt) makes of the rows pasted back: the argv. */
const VARS = { PWD: '/work/lab', HOME: '/home/jimin' };
const argvOf = (rows: string[]) => splitArgv(commandOf(rows.join('\n').replace(/^\s*\$ /, ''))!, VARS);

describe('a long command across rows', () => {
  it('breaks only between an option and the next, each broken row ending in " \\", and copies back as the same command', () => {
    const rows = wrapCommand(counter, 60, '$ ', '    ');
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(60);
    for (const r of rows.slice(0, -1)) expect(r.endsWith(' \\')).toBe(true);
    expect(rows.at(-1)!.endsWith('\\')).toBe(false);
    // No option is left at the end of a row without its value.
    for (const r of rows) expect(r).not.toMatch(/ -[a-z]+ \\$|--name \\$/);
    expect(rows.join('\n')).toContain('-v counter-data-jimin:/data');
    expect(rows.join('\n')).toContain('-v "$PWD/counter.sh:/counter.sh:ro"');
    expect(argvOf(rows)).toEqual(splitArgv(counter, VARS));
  });

  it('leaves a command that fits as it is, and never breaks inside quotes', () => {
    expect(wrapCommand('docker ps -a', 40, '$ ')).toEqual(['$ docker ps -a']);
    const quoted = `docker run --rm busybox:1.36 sh -c 'echo one two three four five six seven'`;
    const rows = wrapCommand(quoted, 50, '$ ', '    ');
    expect(rows.some((r) => r.includes(`'echo one two three four five six seven'`))).toBe(true);
    expect(argvOf(rows)).toEqual(splitArgv(quoted, VARS));
  });

  it('is how the revealed solution shows at 80 columns', () => {
    const lesson = fakeLesson('demo');
    lesson.steps[0] = { ...lesson.steps[0], solution: { files: {}, commands: [counter] } };
    const s = run(readyState({ lessons: [lesson], cols: 80, rows: 24 }), ENTER).state;
    const rows = hintLines(s, { ...view(s), solutionShown: true, hintRung: 3 }, lesson, 78).map((l) => l.map((x) => x.text).join(''));
    const cmd = rows.slice(rows.findIndex((r) => r.includes('$ docker run')));
    expect(cmd.length).toBeGreaterThan(1);
    for (const r of cmd) expect(displayWidth(r)).toBeLessThanOrEqual(78);
    expect(cmd[0]).toMatch(/ \\$/);
    expect(cmd.join('\n')).not.toMatch(/-v\s*\n/);
    expect(argvOf(cmd)).toEqual(splitArgv(counter, VARS));
  });
});
