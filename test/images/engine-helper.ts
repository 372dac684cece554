import http from 'node:http';
import type { EngineApi } from '../../src/engine/api';

/** Every container a test makes carries both labels; cleanup removes by this run's own label only. */
export const TEST_LABEL = 'ctr-learn.test';
export const RUN_LABEL = 'ctr-learn.test.run';
export const RUN_ID = `images-${process.pid}-${Date.now().toString(36)}`;
export const testLabels = { [TEST_LABEL]: '1', [RUN_LABEL]: RUN_ID };

export async function removeTestContainers(api: EngineApi): Promise<void> {
  const list = await api.json<{ Id: string }[]>('GET', '/containers/json', {
    query: { all: 1, filters: JSON.stringify({ label: [`${TEST_LABEL}=1`, `${RUN_LABEL}=${RUN_ID}`] }) },
  });
  await Promise.all(list.map((c) => api.request('DELETE', `/containers/${c.Id}`, { query: { force: 1, v: 1 } })));
}

/** Creates and starts a labelled container publishing `port` on a free 127.0.0.1 port. */
export async function runPublished(api: EngineApi, image: string, port: string): Promise<{ id: string; hostPort: number }> {
  const { Id } = await api.json<{ Id: string }>('POST', '/containers/create', {
    body: { Image: image, Labels: testLabels, HostConfig: { PortBindings: { [port]: [{ HostIp: '127.0.0.1', HostPort: '' }] } } },
  });
  await api.json('POST', `/containers/${Id}/start`);
  const info = await api.json<{ NetworkSettings: { Ports: Record<string, { HostPort: string }[] | null> } }>('GET', `/containers/${Id}/json`);
  return { id: Id, hostPort: Number(info.NetworkSettings.Ports[port]?.[0]?.HostPort) };
}

/** GET until the server answers (it needs a moment to start), or the deadline passes. */
export async function httpGet(url: string, deadlineMs = 5000): Promise<{ status: number; body: string }> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await new Promise((resolve, reject) => {
        const req = http.get(url, { timeout: 1000 }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
      });
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
