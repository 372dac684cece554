import type { Shape } from './json-body';

/**
 * The fields of the request bodies the sandbox judges, spelled as the Engine API documents them
 * (the docker CLI 28 and docker-compose 1.29 send these at API 1.41). A field not listed here is
 * refused rather than forwarded unseen. Values marked 'any' are data the rules read as a whole.
 */
const fields = (names: string): Record<string, 'any'> => Object.fromEntries(names.split(/\s+/).filter(Boolean).map((n) => [n, 'any']));

const RESOURCES = fields(`CpuShares Memory NanoCpus CgroupParent BlkioWeight BlkioWeightDevice BlkioDeviceReadBps
  BlkioDeviceWriteBps BlkioDeviceReadIOps BlkioDeviceWriteIOps CpuPeriod CpuQuota CpuRealtimePeriod CpuRealtimeRuntime
  CpusetCpus CpusetMems Devices DeviceCgroupRules DeviceRequests KernelMemory KernelMemoryTCP MemoryReservation
  MemorySwap MemorySwappiness OomKillDisable PidsLimit Ulimits CpuCount CpuPercent IOMaximumIOps IOMaximumBandwidth`);

export const ENDPOINT: Shape = fields(`IPAMConfig Links Aliases MacAddress DriverOpts GwPriority NetworkID EndpointID
  Gateway IPAddress IPPrefixLen IPv6Gateway GlobalIPv6Address GlobalIPv6PrefixLen DNSNames`);

const MOUNT: Shape = {
  ...fields('Type Source Target ReadOnly Consistency ClusterOptions'),
  BindOptions: fields('Propagation NonRecursive CreateMountpoint ReadOnlyNonRecursive ReadOnlyForceRecursive'),
  VolumeOptions: { ...fields('NoCopy Labels Subpath'), DriverConfig: fields('Name Options') },
  TmpfsOptions: fields('SizeBytes Mode Options'),
};

export const HOST_CONFIG: Shape = {
  ...fields(`Binds ContainerIDFile NetworkMode PortBindings AutoRemove VolumeDriver VolumesFrom ConsoleSize
    Annotations CapAdd CapDrop CgroupnsMode Dns DnsOptions DnsSearch ExtraHosts GroupAdd IpcMode Cgroup Links
    OomScoreAdj PidMode Privileged PublishAllPorts ReadonlyRootfs SecurityOpt StorageOpt Tmpfs UTSMode UsernsMode
    ShmSize Sysctls Runtime Isolation MaskedPaths ReadonlyPaths Init`),
  ...RESOURCES,
  LogConfig: fields('Type Config'),
  RestartPolicy: fields('Name MaximumRetryCount'),
  Mounts: [MOUNT],
};

const CONTAINER_CONFIG = fields(`Hostname Domainname User AttachStdin AttachStdout AttachStderr ExposedPorts Tty
  OpenStdin StdinOnce Env Cmd Healthcheck ArgsEscaped Image Volumes WorkingDir Entrypoint NetworkDisabled MacAddress
  OnBuild Labels StopSignal StopTimeout Shell`);

export const CONTAINER_CREATE: Shape = {
  ...CONTAINER_CONFIG,
  HostConfig: HOST_CONFIG,
  NetworkingConfig: { EndpointsConfig: { '*': ENDPOINT } },
};

export const CONTAINER_UPDATE: Shape = { ...RESOURCES, RestartPolicy: fields('Name MaximumRetryCount') };

export const COMMIT_CONFIG: Shape = CONTAINER_CONFIG;

export const NETWORK_CREATE: Shape = {
  ...fields('Name CheckDuplicate Driver Scope Internal Attachable Ingress ConfigOnly ConfigFrom EnableIPv6 EnableIPv4 Options Labels'),
  IPAM: fields('Driver Options Config'),
};

export const NETWORK_CONNECT: Shape = { ...fields('Container Force'), EndpointConfig: ENDPOINT };

export const VOLUME_CREATE: Shape = fields('Name Driver DriverOpts Labels ClusterVolumeSpec');

export const EXEC_CREATE: Shape = fields('AttachStdin AttachStdout AttachStderr ConsoleSize DetachKeys Tty Env Cmd Privileged User WorkingDir Detach');

export const EXEC_START: Shape = fields('Detach Tty ConsoleSize');

export const AUTH: Shape = fields('username password email serveraddress identitytoken registrytoken');
