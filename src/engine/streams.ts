import type { EngineApi } from './api';
import type { ContainerInspect } from './types';

/**
 * Split the engine's multiplexed stream (8-byte frame headers: 1 = stdout, 2 = stderr).
 * Containers with a TTY send a raw stream instead: all of it is stdout.
 */
export function demux(buf: Buffer, tty: boolean): { stdout: string; stderr: string } {
  if (tty) return { stdout: buf.toString('utf8'), stderr: '' };
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const kind = buf[i];
    const size = buf.readUInt32BE(i + 4);
    const frame = buf.subarray(i + 8, i + 8 + size);
    (kind === 2 ? err : out).push(frame);
    i += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Run a command in a running container through the API; returns exit code and output. */
export async function execIn(api: EngineApi, containerId: string, cmd: string[], timeoutMs = 10_000) {
  const { Id } = await api.json<{ Id: string }>('POST', `/containers/${containerId}/exec`, {
    body: { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false },
  });
  const r = await api.request('POST', `/exec/${Id}/start`, { body: { Detach: false, Tty: false }, timeoutMs });
  const out = demux(r.body, false);
  const info = await api.json<{ ExitCode: number | null }>('GET', `/exec/${Id}/json`);
  return { exitCode: info.ExitCode, ...out };
}

/** Logs of a container, per stream. `since` is a UNIX time in seconds (fractional allowed). */
export async function readLogs(api: EngineApi, c: ContainerInspect, since?: string) {
  const r = await api.request('GET', `/containers/${c.Id}/logs`, {
    query: { stdout: 1, stderr: 1, since, timestamps: 0 },
  });
  return demux(r.body, c.Config.Tty);
}

/** The first regular file in a tar (GET /containers/{id}/archive answers with one). */
export function firstFileInTar(tar: Buffer): { name: string; content: Buffer; type: string } | null {
  let off = 0;
  let longName: string | null = null;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) return null;
    const name = longName ?? header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    longName = null;
    if (type === 'x' || type === 'g') continue;
    return { name, content: body, type: type === '0' || type === '\0' ? 'file' : type === '5' ? 'dir' : 'other' };
  }
  return null;
}
