import type { LabReader } from '../sandbox/lab';
import type { NetworkRow } from './types';

/** The engine's built-in networks: always there, whatever the lesson did. */
const BUILT_IN: [string, string][] = [['bridge', 'bridge'], ['host', 'host'], ['none', 'null']];

/**
 * How containers on a network reach each other: a user-defined network has the engine's DNS
 * (names work), the default bridge does not (IP only), host shares the host's stack, none is alone.
 */
function reachOf(name: string, driver: string): NetworkRow['reach'] {
  if (name === 'host' || driver === 'host') return 'host';
  if (name === 'none' || driver === 'null') return 'none';
  return name === 'bridge' ? 'ip' : 'name';
}

/** Which containers of the lesson's session sit on which network, plus the built-in networks. */
export async function networkRows(lab: LabReader): Promise<NetworkRow[]> {
  const { containers, networks } = await lab.list();
  const byNet = new Map<string, { driver: string; containers: string[] }>();
  for (const [name, driver] of BUILT_IN) byNet.set(name, { driver, containers: [] });
  for (const n of networks) byNet.set(n.Name, { driver: n.Driver, containers: [] });
  for (const c of containers) {
    const name = (c.Names[0] ?? '?').replace(/^\//, '') + (c.State === 'running' ? '' : ` (${c.State})`);
    const nets = Object.keys(c.NetworkSettings?.Networks ?? {});
    const mode = c.HostConfig?.NetworkMode;
    const on = nets.length ? nets : mode ? [mode === 'default' ? 'bridge' : mode] : [];
    for (const n of on) {
      if (!byNet.has(n)) byNet.set(n, { driver: '?', containers: [] });
      byNet.get(n)!.containers.push(name);
    }
  }
  return [...byNet].map(([name, v]) => ({ name, ...v, reach: reachOf(name, v.driver) }));
}
