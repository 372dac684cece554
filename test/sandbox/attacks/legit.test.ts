import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/engine/api';
import type { ContainerInspect } from '../../../src/engine/types';
import { openLab, type Fingerprint, type Lab } from '../../helpers/attack-lab';
import { engineForTests } from '../../helpers/engine';

const api = await engineForTests();

/**
 * The other half of the proof: the door still opens for the sandbox's own work. A proxy that
 * refused everything would pass every attack test; it fails these.
 */
describe.runIf(api)('sandbox attacks: the sandbox’s own work still goes through', () => {
  let lab: Lab;
  let baseline: Fingerprint;
  let x: string;
  const ok = async (args: string[], input?: string) => {
    const r = await lab.docker(args, { input, timeoutMs: 60_000 });
    expect(r.exitCode, `docker ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    lab = await openLab(api as EngineApi);
    x = `${lab.o.prefix}-x`;
    baseline = await lab.fingerprint();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('run -d with a new named volume, exec, exec -i, logs', async () => {
    await ok(['run', '-d', '--name', x, '-v', `${lab.o.prefix}-myvol:/d`, 'busybox:latest', 'sh', '-c', 'echo hello-log; exec sleep 120']);
    expect(await ok(['exec', x, 'ls', '/'])).toContain('bin');
    expect(await ok(['exec', '-i', x, 'cat'], 'through stdin\n')).toContain('through stdin');
    expect(await ok(['logs', x])).toContain('hello-log');
  });

  it('docker cp both ways, and a bind mount of a folder under the lesson workspace', async () => {
    writeFileSync(join(lab.ws, 'note.txt'), 'from the workspace\n');
    await ok(['cp', join(lab.ws, 'note.txt'), `${x}:/tmp/note.txt`]);
    await ok(['cp', `${x}:/tmp/note.txt`, join(lab.ws, 'back.txt')]);
    expect(readFileSync(join(lab.ws, 'back.txt'), 'utf8')).toBe('from the workspace\n');
    mkdirSync(join(lab.ws, 'site'), { recursive: true });
    writeFileSync(join(lab.ws, 'site', 'index.html'), 'hi\n');
    expect(await ok(['run', '--rm', '-v', `${join(lab.ws, 'site')}:/w`, 'busybox:latest', 'cat', '/w/index.html'])).toContain('hi');
    expect(await ok(['run', '--rm', '--mount', `type=bind,source=${lab.ws},target=/w,readonly`, 'busybox:latest', 'ls', '/w'])).toContain('site');
  });

  it('its own network: create, connect, disconnect; the built-in host, none and bridge networks', async () => {
    const n = `${lab.o.prefix}-n`;
    await ok(['network', 'create', n]);
    await ok(['network', 'connect', n, x]);
    const c = await lab.engine.json<ContainerInspect>('GET', `/containers/${x}/json`);
    expect(Object.keys(c.NetworkSettings.Networks)).toContain(n);
    await ok(['network', 'disconnect', n, x]);
    await ok(['run', '--rm', '--network', 'host', 'busybox:latest', 'true']);
    await ok(['run', '--rm', '--network', 'none', 'busybox:latest', 'true']);
    await ok(['run', '--rm', '--network', 'bridge', 'busybox:latest', 'true']);
  });

  it('build, tag and remove its own tag', async () => {
    writeFileSync(join(lab.ws, 'Dockerfile'), 'FROM busybox:latest\nRUN echo built > /built.txt\n');
    await ok(['build', '-q', '-t', `${lab.o.prefix}-mine:1`, '.']);
    await ok(['tag', `${lab.o.prefix}-mine:1`, `${lab.o.prefix}-mine:2`]);
    await ok(['rmi', `${lab.o.prefix}-mine:2`]);
    expect(await ok(['run', '--rm', `${lab.o.prefix}-mine:1`, 'cat', '/built.txt'])).toContain('built');
  });

  it('reads metadata of anything, lists only its own containers, and stops and removes its own', async () => {
    expect(await ok(['volume', 'inspect', '-f', '{{.Name}}', lab.o.volume])).toContain(lab.o.volume);
    expect(await ok(['image', 'inspect', '-f', '{{.Id}}', lab.o.tag])).toContain('sha256:');
    const ps = await ok(['ps', '-a', '--format', '{{.Names}}']);
    expect(ps).toContain(x);
    expect(ps).not.toContain(lab.o.running);
    expect(ps).not.toContain(lab.o.stopped);
    await ok(['stop', '-t', '0', x]);
    await ok(['rm', '-v', x]);
  });

  it('left every outside object as it was', async () => {
    const now = await lab.fingerprint();
    expect(now).toEqual(baseline);
  });
});
