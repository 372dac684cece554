import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real sockets that behave like an engine gone wrong, each in its own temp folder. Nothing here
 * imitates the code under test: these are the machines it has to diagnose.
 */
export interface BrokenEngines {
  dir: string;
  /** No file at all. */
  missing: string;
  /** A plain file where the socket should be. */
  plainFile: string;
  /** A socket file whose listener died (kill -9): connection refused. */
  refused: string;
  /** Accepts connections and never answers. */
  hung: string;
  /** Accepts, and destroys the connection at the first byte it receives. */
  dying: string;
  /** Answers /_ping like Docker, then cuts every other answer short. */
  diesMidAnswer: string;
  /** An HTTP server that is not Docker. */
  notDocker: string;
  /** Accepts and answers with bytes that are not HTTP. */
  notHttp: string;
  /** A hung socket with mode 000 (root ignores the mode). */
  noPermission: string;
  close(): Promise<void>;
}

export async function brokenEngines(): Promise<BrokenEngines> {
  const dir = mkdtempSync(join(tmpdir(), 'ctr-down-'));
  const servers: net.Server[] = [];
  const listen = async (name: string, server: net.Server) => {
    const path = join(dir, name);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(path, resolve));
    return path;
  };
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };

  const plainFile = join(dir, 'plain.sock');
  writeFileSync(plainFile, '');
  const refused = join(dir, 'refused.sock');
  // A listener killed with SIGKILL leaves its socket file behind, with nobody on it.
  spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(refused)}, () => process.kill(process.pid, 'SIGKILL'))`]);

  const hung = await listen('hung.sock', net.createServer(track));
  const dying = await listen(
    'dying.sock',
    net.createServer((s) => {
      track(s);
      s.once('data', () => s.destroy());
    }),
  );
  const diesMidAnswer = await listen(
    'mid.sock',
    net.createServer((s) => {
      track(s);
      s.on('data', (b) => {
        if (b.toString().startsWith('GET /_ping')) s.write('HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK');
        else {
          s.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"Id":');
          setTimeout(() => s.destroy(), 20);
        }
      });
    }),
  );
  const web = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>a web page</html>'));
  web.on('connection', track);
  const notDocker = await listen('web.sock', web);
  const notHttp = await listen(
    'ssh.sock',
    net.createServer((s) => {
      track(s);
      s.on('data', () => s.write('SSH-2.0-OpenSSH_9.2\r\n'));
    }),
  );
  const noPermission = await listen('perm.sock', net.createServer(track));
  chmodSync(noPermission, 0o000);

  return {
    dir,
    missing: join(dir, 'missing.sock'),
    plainFile,
    refused,
    hung,
    dying,
    diesMidAnswer,
    notDocker,
    notHttp,
    noPermission,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

/** Running as root, file modes do not stop a connect: EACCES cannot be produced for real. */
export const rootIgnoresModes = process.getuid?.() === 0;
