import { imageConfig, type ImageConfig, type Layer, type RunConfig } from './archive';
import { hostArchitecture } from './host';
import { busyboxLayer, registryLayer, webLayer } from './layers';
import type { SeedName } from './seeds';

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const RUN: Record<SeedName, RunConfig> = {
  busybox: { Env: [PATH], Cmd: ['sh'] },
  web: {
    Env: [PATH],
    Entrypoint: ['/sbin/tini', '--'],
    Cmd: ['httpd', '-f', '-v', '-p', '80', '-h', '/www'],
    ExposedPorts: { '80/tcp': {} },
    WorkingDir: '/',
  },
  registry: {
    Env: [PATH],
    Entrypoint: ['/usr/bin/docker-registry'],
    Cmd: ['serve', '/etc/docker/registry/config.yml'],
    ExposedPorts: { '5000/tcp': {} },
    Volumes: { '/var/lib/registry': {} },
  },
};

export interface SeedBuild {
  config: ImageConfig;
  layers: Layer[];
}

/**
 * Builds seed images from the host's binaries. One builder per prepare run: the busybox layer
 * is made once and shared, byte for byte, by all three images.
 */
export class SeedBuilder {
  private base: Promise<Layer> | null = null;

  constructor(
    private readonly signal?: AbortSignal,
    private readonly architecture = hostArchitecture(),
  ) {}

  async build(name: SeedName): Promise<SeedBuild> {
    const layers = [await this.busybox()];
    if (name === 'web') layers.push(await webLayer());
    if (name === 'registry') layers.push(await registryLayer(this.signal));
    return { config: imageConfig(layers, RUN[name], this.architecture), layers };
  }

  private busybox(): Promise<Layer> {
    this.base ??= busyboxLayer(this.signal);
    return this.base;
  }
}
