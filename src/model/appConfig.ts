/**
 * The configuration of a container app or job, reduced to what explains crashes. Secret values
 * and env var values never enter this shape: only names and whether a value is set.
 */

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';

export interface ProbeSpec {
  type: ProbeType;
  transport: 'http' | 'https' | 'tcp';
  port?: number;
  path?: string;
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface EnvVarSpec {
  name: string;
  /** The secret this variable reads, when it is a `secretRef`. */
  secretRef?: string;
  /** True when a literal value is set (the value itself is never kept). */
  hasValue: boolean;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  cpu?: number;
  /** As ARM writes it, e.g. "1Gi". */
  memory?: string;
  env: EnvVarSpec[];
  probes: ProbeSpec[];
  volumeMounts?: { volumeName: string; mountPath?: string }[];
}

export interface ReplicaInfo {
  name: string;
  revision?: string;
  runningState?: string;
  runningStateDetails?: string;
  createdTime?: string;
  containers: {
    name: string;
    restartCount?: number;
    runningState?: string;
    runningStateDetails?: string;
    ready?: boolean;
    started?: boolean;
    /** True for an init container (they run, and can crash, before the app's containers start). */
    init?: boolean;
  }[];
}

export interface RevisionInfo {
  name: string;
  active?: boolean;
  createdTime?: string;
  healthState?: string;
  provisioningState?: string;
  runningState?: string;
  /** The platform's words for the running state (`The TargetPort 80 does not match any of the listening ports: [9001 9000].`). */
  runningStateDetails?: string;
  provisioningError?: string;
  replicas?: number;
  trafficWeight?: number;
  /** The revision's own template, when fetched (for "what changed"). */
  containers?: ContainerSpec[];
  scale?: ScaleSpec;
}

export interface ScaleSpec {
  minReplicas?: number;
  maxReplicas?: number;
  rules: { name: string; type?: string }[];
}

export interface JobExecutionInfo {
  name: string;
  status?: string;
  startTime?: string;
  endTime?: string;
  /** Exit codes per container of the execution's replicas, when reported. */
  containers?: { name: string; exitCode?: number; status?: string; additionalInformation?: string }[];
}

/** What differs between two revisions' templates, one fact per entry. Values of env vars are never compared. */
export type RevisionChangeKind =
  | 'container-added'
  | 'container-removed'
  | 'image'
  | 'env-added'
  | 'env-removed'
  | 'env-secret-ref'
  | 'env-value-cleared'
  | 'env-value-set'
  | 'cpu'
  | 'memory'
  | 'probe-added'
  | 'probe-removed'
  | 'probe-changed'
  | 'command'
  | 'args'
  | 'scale-min'
  | 'scale-max'
  | 'scale-rules';

export interface RevisionChange {
  kind: RevisionChangeKind;
  /** The container it concerns; absent for scale changes. */
  container?: string;
  /** The env var name or probe type it concerns. */
  name?: string;
  /** Printable before/after (an image, a secret name, "0.5Gi", a probe summary); never an env or secret value. */
  before?: string;
  after?: string;
}

export interface AppConfig {
  kind: 'containerApp' | 'job';
  name: string;
  resourceId?: string;
  location?: string;
  environmentId?: string;
  workloadProfileName?: string;
  provisioningState?: string;
  runningStatus?: string;
  latestRevisionName?: string;
  latestReadyRevisionName?: string;
  activeRevisionsMode?: string;
  /** The resource's tags (owner, team, cost centre...): routing reads the owner tags from them. */
  tags?: Record<string, string>;
  containers: ContainerSpec[];
  initContainers: ContainerSpec[];
  /** Secret names (and Key Vault references), never values. */
  secrets: { name: string; keyVaultUrl?: string; identity?: string }[];
  ingress?: { external?: boolean; targetPort?: number; exposedPort?: number; transport?: string };
  /** The Dapr sidecar's settings: daprd waits for the app on `appPort` before it reports ready. */
  dapr?: { enabled?: boolean; appId?: string; appPort?: number; appProtocol?: string };
  scale?: ScaleSpec;
  /**
   * The registries the app or job pulls from with credentials: the server, and the identity (a
   * user-assigned identity's resource id, or `system`) or user name it signs in with, and the name of the
   * secret that holds its password. No password.
   */
  registries?: { server: string; identity?: string; username?: string; passwordSecretRef?: string }[];
  /** The managed identities the app has: its type (`SystemAssigned, UserAssigned`) and the user-assigned identities' resource ids. */
  identity?: { type?: string; userAssigned?: string[] };
  terminationGracePeriodSeconds?: number;
  /** The template's volumes: which environment storage each uses and how (AzureFile is SMB, NfsAzureFile is NFS). */
  volumes?: { name: string; storageType?: string; storageName?: string; /** A Secret volume's listed secrets (names and file paths only). */ secrets?: { secretRef?: string; path?: string }[] }[];
  revisions?: RevisionInfo[];
  replicas?: ReplicaInfo[];
  environment?: {
    name?: string;
    logDestination?: 'log-analytics' | 'azure-monitor' | 'none' | string;
    workspaceCustomerId?: string;
    workloadProfiles?: { name: string; type?: string }[];
    /** Storages defined on the environment (names and kinds only, never keys). */
    storages?: { name: string; kind?: string; shareName?: string; accessMode?: string }[];
  };
  /** The revision the diagnosis is about (the alert's, else the latest). */
  failingRevisionName?: string;
  /** What changed since the last healthy revision before the failing one, when there is one. */
  changesSinceHealthy?: { fromRevision: string; changes: RevisionChange[]; summary: string };
  /** Parts that could not be read (ARM refused or lacked them), so the diagnosis can say what it did not see. */
  gaps?: { part: 'revisions' | 'replicas' | 'environment' | 'executions'; message: string }[];
  job?: {
    triggerType?: string;
    replicaTimeout?: number;
    replicaRetryLimit?: number;
    executions?: JobExecutionInfo[];
  };
}
