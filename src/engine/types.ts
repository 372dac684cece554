/** The parts of Engine API objects ctr-learn reads. Field names are the engine's. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Labels: Record<string, string>;
  Mounts?: { Type: string; Name?: string }[];
  /** UNIX seconds. */
  Created?: number;
  /** Published ports (of running containers). */
  Ports?: { PrivatePort: number; PublicPort?: number; Type: string; IP?: string }[];
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, unknown> };
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  RestartCount: number;
  State: {
    Status: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
    Running: boolean;
    ExitCode: number;
    OOMKilled: boolean;
    Error: string;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string; FailingStreak: number; Log: { Start: string; End: string; ExitCode: number; Output: string }[] };
  };
  Config: {
    Env: string[] | null;
    Labels: Record<string, string> | null;
    Image: string;
    Tty: boolean;
    Healthcheck?: { Test?: string[] | null } | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
  };
  Image: string;
  HostConfig: {
    PortBindings: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    NetworkMode: string;
    AutoRemove: boolean;
    /** -P: every exposed port on a random host port (the ports are then only in .NetworkSettings.Ports). */
    PublishAllPorts?: boolean;
    /** --tmpfs mounts: destination → options. They do not appear in .Mounts. */
    Tmpfs?: Record<string, string> | null;
    LogConfig?: { Type: string; Config: Record<string, string> | null };
  };
  NetworkSettings: {
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks: Record<string, { IPAddress: string; Aliases: string[] | null; NetworkID: string }>;
  };
  Mounts: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[];
}

export interface ImageInspect {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Config: { Labels: Record<string, string> | null; Healthcheck?: { Test?: string[] | null } | null } | null;
  RootFS: { Layers?: string[] };
}

export interface ImageHistoryEntry {
  Id: string;
  CreatedBy: string;
  /** Bytes the step added (0 for config-only steps). */
  Size: number;
  Tags: string[] | null;
}

export interface NetworkInspect {
  Id: string;
  Name: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Containers?: Record<string, { Name: string }>;
}

export interface VolumeInspect {
  Name: string;
  Labels: Record<string, string> | null;
  Mountpoint: string;
}
