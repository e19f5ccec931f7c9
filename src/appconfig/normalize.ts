/**
 * Turns ARM objects for Container Apps into `AppConfig`. Two shapes arrive here and both are accepted:
 * the SDK's flattened models (`app.configuration`, `revision.healthState`, dates as `Date`) and the raw
 * resource JSON that ARM sends and `az containerapp show` prints (everything under `properties`, dates as
 * strings). Everything is read defensively from `unknown`, because files come from people.
 *
 * Env var values, secret values and the environment's Log Analytics shared key are never copied: the
 * readers below pick named fields one by one, so nothing reaches the result unless it is listed here.
 */
import type {
  AppConfig,
  ContainerSpec,
  EnvVarSpec,
  JobExecutionInfo,
  ProbeSpec,
  ProbeType,
  ReplicaInfo,
  RevisionInfo,
  ScaleSpec,
} from '../model';
import { parseIsoTimestamp } from '../alert/time';
import { describeChanges, diffRevisions, pickRevisions } from './revisionDiff';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // az prints a few numbers as strings (cpu "0.5" in some versions); accept plain decimals only.
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function strings(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.filter((x): x is string => typeof x === 'string');
  return out.length > 0 ? out : undefined;
}

function isoTime(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  const s = str(v);
  if (!s) return undefined;
  // Explicit parsing: a time without a zone is UTC, never the zone of the machine reading the file.
  const d = parseIsoTimestamp(s);
  return d ? d.toISOString() : s;
}

/** Drops undefined fields so results compare and serialise cleanly. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/**
 * One view over both shapes: the fields of `properties` (raw ARM / az) merged under the top-level ones
 * (SDK, plus `id`/`name`/`type`/`location` that sit at the top in both).
 */
export function resourceView(resource: unknown): Obj {
  const top = obj(resource) ?? {};
  const props = obj(top.properties);
  if (!props) return top;
  const { properties: _ignored, ...rest } = top;
  return { ...props, ...rest };
}

/** The items of a list answer: a bare array (az) or `{ value: [...] }` (ARM). */
export function listItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const o = obj(value);
  return o ? list(o.value) : [];
}

const PROBE_TYPES: Record<string, ProbeType> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export function normalizeProbe(raw: unknown): ProbeSpec | undefined {
  const p = obj(raw);
  const type = p && PROBE_TYPES[String(p.type ?? '').toLowerCase()];
  if (!p || !type) return undefined;
  const http = obj(p.httpGet);
  const tcp = obj(p.tcpSocket);
  const transport: ProbeSpec['transport'] = http ? (String(http.scheme ?? '').toLowerCase() === 'https' ? 'https' : 'http') : 'tcp';
  return compact({
    type,
    transport,
    port: num(http?.port ?? tcp?.port),
    path: http ? str(http.path) : undefined,
    initialDelaySeconds: num(p.initialDelaySeconds),
    periodSeconds: num(p.periodSeconds),
    timeoutSeconds: num(p.timeoutSeconds),
    failureThreshold: num(p.failureThreshold),
  });
}

export function normalizeEnvVar(raw: unknown): EnvVarSpec | undefined {
  const e = obj(raw);
  const name = e && str(e.name);
  if (!e || !name) return undefined;
  const secretRef = str(e.secretRef);
  // Only the presence of a literal is kept. An empty string counts as "not set": the app sees nothing.
  return compact({ name, secretRef, hasValue: !secretRef && typeof e.value === 'string' && e.value !== '' });
}

export function normalizeContainer(raw: unknown): ContainerSpec | undefined {
  const c = obj(raw);
  if (!c) return undefined;
  const resources = obj(c.resources);
  const mounts = list(c.volumeMounts)
    .map(obj)
    .filter((m): m is Obj => !!m && !!str(m.volumeName))
    .map((m) => compact({ volumeName: str(m.volumeName) as string, mountPath: str(m.mountPath) }));
  return compact({
    name: str(c.name) ?? '(unnamed)',
    image: str(c.image),
    command: strings(c.command),
    args: strings(c.args),
    cpu: num(resources?.cpu),
    memory: str(resources?.memory),
    env: list(c.env).map(normalizeEnvVar).filter((e): e is EnvVarSpec => !!e),
    probes: list(c.probes).map(normalizeProbe).filter((p): p is ProbeSpec => !!p),
    volumeMounts: mounts.length > 0 ? mounts : undefined,
  });
}

/** Which kind of scaler a rule is: ARM has one optional member per kind, `custom` carries a KEDA type. */
const SCALE_RULE_KINDS: { key: string; type: (rule: Obj) => string | undefined }[] = [
  { key: 'http', type: () => 'http' },
  { key: 'tcp', type: () => 'tcp' },
  { key: 'azureQueue', type: () => 'azure-queue' },
  { key: 'custom', type: (r) => str(obj(r.custom)?.type) ?? 'custom' },
];

export function normalizeScale(raw: unknown): ScaleSpec | undefined {
  const s = obj(raw);
  if (!s) return undefined;
  const rules = list(s.rules)
    .map(obj)
    .filter((r): r is Obj => !!r)
    .map((r) => {
      const kind = SCALE_RULE_KINDS.find((k) => isObj(r[k.key]));
      // Job event rules carry `type` directly.
      return compact({ name: str(r.name) ?? '(unnamed)', type: kind ? kind.type(r) : str(r.type) });
    });
  return compact({ minReplicas: num(s.minReplicas), maxReplicas: num(s.maxReplicas), rules });
}

function containers(template: Obj | undefined, key: 'containers' | 'initContainers'): ContainerSpec[] {
  return list(template?.[key]).map(normalizeContainer).filter((c): c is ContainerSpec => !!c);
}

export function normalizeRevision(raw: unknown): RevisionInfo | undefined {
  const r = resourceView(raw);
  const name = str(r.name);
  if (!name) return undefined;
  const template = obj(r.template);
  return compact({
    name,
    active: bool(r.active),
    createdTime: isoTime(r.createdTime),
    healthState: str(r.healthState),
    provisioningState: str(r.provisioningState),
    runningState: str(r.runningState),
    runningStateDetails: str(r.runningStateDetails),
    provisioningError: str(r.provisioningError),
    replicas: num(r.replicas),
    trafficWeight: num(r.trafficWeight),
    containers: template ? containers(template, 'containers') : undefined,
    scale: normalizeScale(template?.scale),
  });
}

export function normalizeReplica(raw: unknown, revision?: string): ReplicaInfo | undefined {
  const r = resourceView(raw);
  const name = str(r.name);
  if (!name) return undefined;
  const toContainer = (init: boolean) => (c: unknown) => {
    const o = obj(c);
    if (!o) return undefined;
    return compact({
      name: str(o.name) ?? '(unnamed)',
      restartCount: num(o.restartCount),
      runningState: str(o.runningState),
      runningStateDetails: str(o.runningStateDetails),
      ready: bool(o.ready),
      started: bool(o.started),
      init: init ? true : undefined,
    });
  };
  return compact({
    name,
    revision,
    runningState: str(r.runningState),
    runningStateDetails: str(r.runningStateDetails),
    createdTime: isoTime(r.createdTime),
    containers: [...list(r.initContainers).map(toContainer(true)), ...list(r.containers).map(toContainer(false))].filter(
      (c): c is NonNullable<typeof c> => !!c,
    ),
  });
}

/** `null`, empty and "none" all mean the environment keeps no app logs. */
function logDestination(appLogs: Obj | undefined): string | undefined {
  if (!appLogs) return undefined;
  const d = appLogs.destination;
  if (d === null || d === '' || d === undefined) return 'none';
  return typeof d === 'string' ? d : undefined;
}

/** A Secret volume's secret list: which app secrets it mounts, by name and file path (never a value). */
function volumeSecrets(v: Obj): { secretRef?: string; path?: string }[] | undefined {
  const out = list(v.secrets).map(obj).filter((s): s is Obj => !!s && !!str(s.secretRef)).map((s) => compact({ secretRef: str(s.secretRef), path: str(s.path) }));
  return out.length > 0 ? out : undefined;
}

/** The template's volumes: name, storage type and the environment storage each one uses (no mount options, which may hold credentials). */
function volumes(template: Obj | undefined): AppConfig['volumes'] {
  const out = list(template?.volumes)
    .map(obj)
    .filter((v): v is Obj => !!v && !!str(v.name))
    .map((v) => compact({ name: str(v.name) as string, storageType: str(v.storageType), storageName: str(v.storageName), secrets: volumeSecrets(v) }));
  return out.length > 0 ? out : undefined;
}

export function normalizeEnvironment(raw: unknown): NonNullable<AppConfig['environment']> {
  const e = resourceView(raw);
  const appLogs = obj(e.appLogsConfiguration);
  const profiles = list(e.workloadProfiles)
    .map(obj)
    .filter((p): p is Obj => !!p && !!str(p.name))
    .map((p) => compact({ name: str(p.name) as string, type: str(p.workloadProfileType) }));
  // The shared key next to customerId is a secret: only the customer id is read.
  return compact({
    name: str(e.name),
    logDestination: logDestination(appLogs),
    workspaceCustomerId: str(obj(appLogs?.logAnalyticsConfiguration)?.customerId),
    workloadProfiles: profiles.length > 0 ? profiles : undefined,
  });
}

export function normalizeJobExecution(raw: unknown): JobExecutionInfo | undefined {
  const x = resourceView(raw);
  const name = str(x.name);
  if (!name) return undefined;
  const detailed = obj(x.detailedStatus);
  const perContainer = list(detailed?.replicas).flatMap((replica) =>
    list(obj(replica)?.containers)
      .map(obj)
      .filter((c): c is Obj => !!c)
      .map((c) =>
        compact({
          name: str(c.name) ?? '(unnamed)',
          exitCode: num(c.code),
          status: str(c.status),
          additionalInformation: str(c.additionalInformation),
        }),
      ),
  );
  return compact({
    name,
    status: str(x.status),
    startTime: isoTime(x.startTime),
    endTime: isoTime(x.endTime),
    containers: perContainer.length > 0 ? perContainer : undefined,
  });
}

/** Resource type of a Container Apps object, from `type` or, failing that, from its shape. */
export function resourceKind(resource: unknown): 'containerApp' | 'job' | undefined {
  const r = resourceView(resource);
  const type = String(r.type ?? '').toLowerCase();
  if (type === 'microsoft.app/containerapps') return 'containerApp';
  if (type === 'microsoft.app/jobs') return 'job';
  const configuration = obj(r.configuration);
  if (configuration && ('triggerType' in configuration || 'replicaTimeout' in configuration)) return 'job';
  if (obj(r.template) || configuration) return 'containerApp';
  return undefined;
}

export interface NormalizeInput {
  /** The app or job: SDK model or raw ARM/az JSON. */
  resource: unknown;
  /** Revisions of an app (any order), as listed by ARM or az. */
  revisions?: unknown[];
  /** Replicas of the failing revision. */
  replicas?: unknown[];
  /** The managed environment the app or job runs in. */
  environment?: unknown;
  /** Executions of a job (any order). */
  executions?: unknown[];
  /** The revision the alert names; defaults to the app's latest revision. */
  failingRevision?: string;
  /** The execution the alert names; always kept. */
  jobExecution?: string;
  /** How many revisions to keep, newest first (the failing and last healthy ones are always kept). */
  maxRevisions?: number;
  /** How many executions to keep, newest first. */
  maxExecutions?: number;
}

const DEFAULT_MAX_REVISIONS = 10;
const DEFAULT_MAX_EXECUTIONS = 10;

function newestFirst<T extends { createdTime?: string; startTime?: string }>(a: T, b: T): number {
  const ta = a.createdTime ?? a.startTime ?? '';
  const tb = b.createdTime ?? b.startTime ?? '';
  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

/** Tags as ARM returns them: string values only, at most 50 (Azure's own cap), names and values cut. */
function stringTags(raw: unknown): Record<string, string> | undefined {
  const o = obj(raw);
  if (!o) return undefined;
  const entries = Object.entries(o)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .slice(0, 50)
    .map(([k, v]) => [k.slice(0, 512), v.slice(0, 256)] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** Dapr's settings as ARM returns them under `configuration.dapr`; absent when the app has none. */
function normalizeDapr(dapr: Obj | undefined): AppConfig['dapr'] {
  if (!dapr) return undefined;
  return compact({ enabled: bool(dapr.enabled), appId: str(dapr.appId), appPort: num(dapr.appPort), appProtocol: str(dapr.appProtocol) });
}

/** The registry entries under `configuration.registries` (server, identity, user name, the password secret's name; never a value). */
function normalizeRegistries(raw: unknown): AppConfig['registries'] {
  if (!Array.isArray(raw)) return undefined;
  return raw
    .map(obj)
    .filter((r): r is Obj => !!r && !!str(r.server))
    .map((r) => compact({ server: str(r.server) as string, identity: str(r.identity), username: str(r.username), passwordSecretRef: str(r.passwordSecretRef) }));
}

/** The resource's managed identities: the type and the user-assigned identities' resource ids (the map's keys). */
function normalizeIdentity(raw: unknown): AppConfig['identity'] {
  const identity = obj(raw);
  if (!identity) return undefined;
  const users = Object.keys(obj(identity.userAssignedIdentities) ?? {}).filter((k) => k.length <= 400).slice(0, 20);
  return compact({ type: str(identity.type), userAssigned: users.length ? users : undefined });
}

/** Assembles the whole `AppConfig` from what ARM (or files) returned. */
export function normalizeAppConfig(input: NormalizeInput): AppConfig {
  const r = resourceView(input.resource);
  const kind = resourceKind(input.resource) ?? 'containerApp';
  const configuration = obj(r.configuration);
  const template = obj(r.template);
  const ingress = obj(configuration?.ingress);
  const secrets = list(configuration?.secrets)
    .map(obj)
    .filter((s): s is Obj => !!s && !!str(s.name))
    .map((s) => compact({ name: str(s.name) as string, keyVaultUrl: str(s.keyVaultUrl), identity: str(s.identity) }));

  const config: AppConfig = compact({
    kind,
    name: str(r.name) ?? '(unnamed)',
    resourceId: str(r.id),
    location: str(r.location),
    // `managedEnvironmentId` is the deprecated spelling; older apps and az output still carry only it.
    environmentId: str(r.environmentId) ?? str(r.managedEnvironmentId),
    workloadProfileName: str(r.workloadProfileName),
    provisioningState: str(r.provisioningState),
    runningStatus: str(r.runningStatus) ?? str(r.runningState),
    latestRevisionName: str(r.latestRevisionName),
    latestReadyRevisionName: str(r.latestReadyRevisionName),
    activeRevisionsMode: str(configuration?.activeRevisionsMode),
    tags: stringTags(r.tags),
    containers: containers(template, 'containers'),
    initContainers: containers(template, 'initContainers'),
    secrets,
    ingress: ingress
      ? compact({
          external: bool(ingress.external),
          targetPort: num(ingress.targetPort),
          exposedPort: num(ingress.exposedPort),
          transport: str(ingress.transport),
        })
      : undefined,
    dapr: normalizeDapr(obj(configuration?.dapr)),
    scale: normalizeScale(template?.scale),
    registries: normalizeRegistries(configuration?.registries),
    identity: normalizeIdentity(r.identity),
    terminationGracePeriodSeconds: num(template?.terminationGracePeriodSeconds),
    volumes: volumes(template),
    environment: input.environment !== undefined ? normalizeEnvironment(input.environment) : undefined,
  });

  if (kind === 'job') {
    const executions = (input.executions ?? [])
      .map(normalizeJobExecution)
      .filter((x): x is JobExecutionInfo => !!x)
      .sort(newestFirst);
    const max = input.maxExecutions ?? DEFAULT_MAX_EXECUTIONS;
    const kept = executions.filter((x, i) => i < max || x.name === input.jobExecution);
    config.job = compact({
      triggerType: str(configuration?.triggerType),
      replicaTimeout: num(configuration?.replicaTimeout),
      replicaRetryLimit: num(configuration?.replicaRetryLimit),
      executions: input.executions ? kept : undefined,
    });
    // Event-driven jobs scale by rules too; keep their names and types.
    const eventScale = normalizeScale(obj(obj(configuration?.eventTriggerConfig)?.scale));
    if (eventScale && !config.scale) config.scale = { rules: eventScale.rules };
    return config;
  }

  const failing = input.failingRevision ?? config.latestRevisionName;
  if (failing) config.failingRevisionName = failing;
  if (input.replicas) {
    config.replicas = input.replicas.map((x) => normalizeReplica(x, failing)).filter((x): x is ReplicaInfo => !!x);
  }
  if (input.revisions) {
    const revisions = input.revisions.map(normalizeRevision).filter((x): x is RevisionInfo => !!x).sort(newestFirst);
    const picked = pickRevisions(revisions, { failing, latestReady: config.latestReadyRevisionName });
    const keep = new Set([picked.failing?.name, picked.healthy?.name].filter((n): n is string => !!n));
    const max = input.maxRevisions ?? DEFAULT_MAX_REVISIONS;
    // Templates only for the two revisions that are compared: the rest would only add bulk.
    config.revisions = revisions
      .filter((rev, i) => i < max || keep.has(rev.name))
      .map((rev) => (keep.has(rev.name) ? rev : compact({ ...rev, containers: undefined, scale: undefined })));
    // The app's own template is the latest revision's, so it stands in when the list left it out.
    const failingTemplate =
      picked.failing?.containers ??
      (picked.failing && picked.failing.name === config.latestRevisionName ? config.containers : undefined);
    const failingScale = picked.failing?.scale ?? (failingTemplate === config.containers ? config.scale : undefined);
    if (picked.failing && picked.healthy?.containers && failingTemplate) {
      const changes = diffRevisions(picked.healthy, { containers: failingTemplate, scale: failingScale });
      config.changesSinceHealthy = {
        fromRevision: picked.healthy.name,
        changes,
        summary: describeChanges(changes, { fromRevision: picked.healthy.name }),
      };
    }
  }
  return config;
}
