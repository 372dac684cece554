import type { Check } from '../lessons/schema';

/** A short English title for a check whose lesson gives none. */
export function describeCheck(c: Check): string {
  switch (c.kind) {
    case 'container': return `container ${c.container} ${c.state}`;
    case 'restart': return `${c.container} restart policy`;
    case 'port': return `${c.container} publishes ${c.containerPort}`;
    case 'http': return `HTTP on port ${c.port}`;
    case 'env': return `${c.container} env ${c.name}`;
    case 'mount': return `${c.container} mount at ${c.destination}`;
    case 'volume-file': return `${c.path} in volume ${c.volume}`;
    case 'container-file': return `${c.path} in ${c.container}`;
    case 'network': return `network ${c.network}`;
    case 'attached': return `${c.container} on ${c.network}`;
    case 'reach': return `${c.from} → ${c.to} ${c.expect}`;
    case 'image': return `image ${c.image}`;
    case 'registry-tag': return `registry tag ${c.repository}:${c.tag}`;
    case 'health': return `${c.container} ${c.status}`;
    case 'stop': return `stop ${c.container}`;
    case 'logs': return `${c.container} ${c.stream}`;
  }
}
