import { beforeAll, describe } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineApi } from '../../src/engine/api';
import { engineForTests, uniq } from '../helpers/engine';
import { gradeCases, useLab } from './helpers';

const api = await engineForTests();

/**
 * What a container was told to run and how it went: a container removed after `docker stop`,
 * after `docker rm -f`, or never; ENTRYPOINT/CMD in exec and shell form; log rotation options.
 */
describe.runIf(api)('running checks on the real engine', () => {
  const lab = useLab(api as EngineApi, uniq('chk-running'));
  const n = {
    stopped: uniq('stopped-rm'),
    forced: uniq('forced-rm'),
    ended: uniq('ended-rm'),
    kept: uniq('kept'),
    exec: uniq('exec-form'),
    shell: uniq('shell-form'),
    argsOnly: uniq('args-only'),
    logs: uniq('logs-rotated'),
    logsPlain: uniq('logs-plain'),
    img: uniq('img-exec'),
    imgShell: uniq('img-shell'),
  };

  beforeAll(async () => {
    writeFileSync(join(lab.ws, 'Dockerfile'), 'FROM busybox:1.36\nENTRYPOINT ["sh", "-c", "echo \\"args: $*\\"; sleep 300", "counter"]\nCMD ["3"]\n');
    writeFileSync(join(lab.ws, 'Dockerfile.shell'), 'FROM busybox:1.36\nENTRYPOINT sleep 300\nCMD ["3"]\n');
    await Promise.all([
      lab.ok(`docker build -q -t ${n.img}:1 .`),
      lab.ok(`docker build -q -f Dockerfile.shell -t ${n.imgShell}:1 .`),
      // ctr-learn/web:1 runs httpd under tini: docker stop ends it with SIGTERM alone.
      lab.ok(`docker run -d --name ${n.stopped} ctr-learn/web:1`).then(() => lab.ok(`docker stop ${n.stopped}`)).then(() => lab.ok(`docker rm ${n.stopped}`)),
      lab.ok(`docker run -d --name ${n.forced} ctr-learn/web:1`).then(() => lab.ok(`docker rm -f ${n.forced}`)),
      lab.ok(`docker run --name ${n.ended} busybox:1.36 true`).then(() => lab.ok(`docker rm ${n.ended}`)),
      lab.ok(`docker run --name ${n.kept} busybox:1.36 true`),
      lab.ok(`docker create --name ${n.argsOnly} busybox:1.36 echo hi`),
      lab.ok(`docker create --name ${n.logs} --log-opt max-size=1024k --log-opt max-file=3 busybox:1.36 true`),
      lab.ok(`docker create --name ${n.logsPlain} busybox:1.36 true`),
    ]);
    await Promise.all([lab.ok(`docker create --name ${n.exec} ${n.img}:1 1`), lab.ok(`docker create --name ${n.shell} ${n.imgShell}:1 1`)]);
    lab.cleanup(() => lab.docker(`docker rmi -f ${n.img}:1 ${n.imgShell}:1`));
  });

  gradeCases(lab, [
    // removed
    { name: 'stopped with SIGTERM, then removed', check: { kind: 'container', container: n.stopped, state: 'removed', signals: [15] }, pass: true, actual: /sent SIGTERM and then removed/ },
    { name: 'removed, any way', check: { kind: 'container', container: n.forced, state: 'removed' }, pass: true, actual: /sent SIGKILL and then removed/ },
    { name: 'rm -f is not a stop first', check: { kind: 'container', container: n.forced, state: 'removed', signals: [15] }, pass: false, actual: /sent SIGKILL and then removed/, expected: /removed, sent SIGTERM/ },
    { name: 'ended by itself, then removed', check: { kind: 'container', container: n.ended, state: 'removed', signals: [] }, pass: true, actual: /ended with exit code 0 and was removed, no signal sent/ },
    { name: 'still there', check: { kind: 'container', container: n.kept, state: 'removed' }, pass: false, actual: /exited with code 0 \(still there: docker rm removes it\)/ },
    { name: 'never there', check: { kind: 'container', container: uniq('never'), state: 'removed' }, pass: false, actual: /was removed \(was it created with --name/ },
    // command
    { name: 'exec form, argument replaces CMD', check: { kind: 'command', container: n.exec, entrypointForm: 'exec', cmd: ['1'] }, pass: true, actual: /ENTRYPOINT \["sh","-c",.*\] \(exec form\), CMD \["1"\]/ },
    { name: 'shell form', check: { kind: 'command', container: n.shell, entrypointForm: 'exec' }, pass: false, actual: /ENTRYPOINT \["\/bin\/sh","-c","sleep 300"\] \(shell form/, expected: /exec form/ },
    { name: 'shell form, wanted', check: { kind: 'command', container: n.shell, entrypointForm: 'shell', cmd: ['1'] }, pass: true, actual: /shell form.*CMD \["1"\]/ },
    { name: 'no ENTRYPOINT at all', check: { kind: 'command', container: n.argsOnly, entrypointForm: 'exec' }, pass: false, actual: /ENTRYPOINT none, CMD \["echo","hi"\]/ },
    { name: 'the exact entrypoint', check: { kind: 'command', container: n.argsOnly, entrypoint: ['echo'] }, pass: false, actual: /ENTRYPOINT none/ },
    { name: 'CMD differs', check: { kind: 'command', container: n.exec, cmd: ['3'] }, pass: false, actual: /CMD \["1"\]/, expected: /CMD \["3"\]/ },
    // log-config
    { name: '1024k is 1m', check: { kind: 'log-config', container: n.logs, driver: 'json-file', maxSize: '1m', maxFile: 3 }, pass: true, actual: /log driver json-file, max-size=1024k, max-file=3/ },
    { name: 'another size', check: { kind: 'log-config', container: n.logs, maxSize: '10m' }, pass: false, actual: /max-size=1024k/ },
    { name: 'no rotation', check: { kind: 'log-config', container: n.logsPlain, maxSize: '1m' }, pass: false, actual: /no `max-size` \(the log grows without limit\)/ },
    { name: 'no max-file is one file', check: { kind: 'log-config', container: n.logsPlain, maxFile: 3 }, pass: false, actual: /no `max-file` \(1 file\)/ },
  ]);
});
