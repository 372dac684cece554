import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { fill, type StringKey } from '../i18n/strings';

/** Where the Docker engine is, found the way the docker CLI finds it. */
export interface Endpoint {
  /** unix:///var/run/docker.sock or tcp://host:port */
  url: string;
  socketPath?: string;
  host?: string;
  port?: number;
  /** How we found it: "DOCKER_HOST", "context <name>" or "default socket". */
  source: string;
  /** The same, as data: what a fix must name (unset DOCKER_HOST, docker context use default...). */
  origin?: EndpointOrigin;
}

export type EndpointOrigin =
  | { kind: 'DOCKER_HOST' }
  | { kind: 'DOCKER_CONTEXT'; context: string }
  /** The currentContext of the docker config file `configFile`. */
  | { kind: 'config'; context: string; configFile: string }
  | { kind: 'default' };

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export function parseHostUrl(url: string, source: string, origin?: EndpointOrigin): Endpoint {
  const withOrigin = origin ? { origin } : {};
  if (url.startsWith('unix://')) return { url, socketPath: url.slice('unix://'.length), source, ...withOrigin };
  if (url.startsWith('tcp://') || url.startsWith('http://')) {
    const u = new URL(url.replace(/^tcp:/, 'http:'));
    return { url, host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(u.port || 2375), source, ...withOrigin };
  }
  if (url.startsWith('/')) return { url: `unix://${url}`, socketPath: url, source, ...withOrigin };
  throw userError('endpoint.unsupported', 'endpoint.unsupported.fix', { url, source });
}

export function resolveEndpoint(env: NodeJS.ProcessEnv = process.env, home = homedir()): Endpoint {
  if (env.DOCKER_HOST) return parseHostUrl(env.DOCKER_HOST, 'DOCKER_HOST', { kind: 'DOCKER_HOST' });
  const configDir = env.DOCKER_CONFIG || join(home, '.docker');
  let context = env.DOCKER_CONTEXT;
  let contextSource = 'DOCKER_CONTEXT';
  if (!context) {
    try {
      const cfg = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string };
      context = cfg.currentContext;
      contextSource = 'docker config';
    } catch {
      /* no config: default socket */
    }
  }
  if (context && context !== 'default') {
    // node:crypto only here (~3 ms to load): most machines use the default context.
    const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    const digest = createHash('sha256').update(context).digest('hex');
    const metaPath = join(configDir, 'contexts', 'meta', digest, 'meta.json');
    let host: string | undefined;
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { Endpoints?: { docker?: { Host?: string } } };
      host = meta.Endpoints?.docker?.Host;
    } catch {
      const fix = contextSource === 'DOCKER_CONTEXT' ? 'endpoint.noContext.fixEnv' : 'endpoint.noContext.fix';
      throw userError('endpoint.noContext', fix, { context, source: contextSource, path: metaPath });
    }
    if (host) {
      const origin: EndpointOrigin =
        contextSource === 'DOCKER_CONTEXT' ? { kind: 'DOCKER_CONTEXT', context } : { kind: 'config', context, configFile: join(configDir, 'config.json') };
      return parseHostUrl(host, `context ${context}`, origin);
    }
  }
  return { url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, source: 'default socket', origin: { kind: 'default' } };
}

/** A UserError written in every language (the CLI and the app show the learner's). */
function userError(message: StringKey, fix: StringKey, vars: Record<string, string>): UserError {
  const text = (lang: 'en' | 'ko') => ({ message: fill(lang, message, vars), fix: fill(lang, fix, vars), fixLabel: fill(lang, 'down.fixLabel') });
  const en = text('en');
  return new UserError(en.message, en.fix).inEveryLanguage({ en, ko: text('ko') });
}
