import type { AppConfig, ContainerSpec } from '../../model';
import { DERIVED_RULES, LOOPBACK } from '../rules/configRules';
import { fillTemplate } from '../template';
import { addEvidence, draft, MAX_EVIDENCE, type Draft } from './draft';
import { consoleEvidence, sysLine } from './evidence';
import type { Listen } from './lastWords';
import type { SystemHit } from './platformEvents';

/**
 * Stage 5, configuration cross-checks: what the app's template says, read against what the evidence
 * says (a variable the app misses, a port it listens on, a heap cap against the container's memory), and
 * mistakes the template shows on its own even when the logs are thin (a command written as one string,
 * duplicate variable names, a volume whose protocol does not match its share). The config is optional
 * and may be partial: every read is defensive.
 */

export function containersOf(config: AppConfig | undefined): ContainerSpec[] {
  if (!config || !Array.isArray(config.containers)) return [];
  return config.containers.filter((c) => c && typeof c === 'object');
}

export function mainContainer(config: AppConfig | undefined, name?: string): ContainerSpec | undefined {
  const list = containersOf(config);
  // A named init container is the one a finding about it means (its image, its command).
  const init = name !== undefined && Array.isArray(config?.initContainers) ? config.initContainers.find((c) => c?.name === name) : undefined;
  return list.find((c) => c.name === name) ?? init ?? list[0];
}

function allContainers(config: AppConfig): ContainerSpec[] {
  return [...containersOf(config), ...(Array.isArray(config.initContainers) ? config.initContainers.filter((c) => c && typeof c === 'object') : [])];
}

/** The variable the change since the last healthy revision removed or emptied, when it did. */
/** A container's command followed by its args, the string words only (what the runtime starts). */
export function commandWords(spec: ContainerSpec | undefined): string[] {
  return [...(Array.isArray(spec?.command) ? spec.command : []), ...(Array.isArray(spec?.args) ? spec.args : [])].filter((w): w is string => typeof w === 'string');
}

export function removedVariable(config: AppConfig | undefined): string | undefined {
  const changes = config?.changesSinceHealthy?.changes;
  if (!Array.isArray(changes)) return undefined;
  const removed = changes.find((c) => c && /^env-(?:removed|value-cleared)$/.test(String(c.kind)) && typeof c.name === 'string');
  return removed?.name;
}

/** Every variable the change since the healthy revision removed or cleared, in the change's order. */
export function removedVariables(config: AppConfig | undefined): string[] {
  const changes = config?.changesSinceHealthy?.changes;
  if (!Array.isArray(changes)) return [];
  return changes.filter((c) => c && /^env-(?:removed|value-cleared)$/.test(String(c.kind)) && typeof c.name === 'string').map((c) => c.name as string);
}

export function envOf(config: AppConfig | undefined): ContainerSpec['env'] {
  if (!config) return [];
  return allContainers(config).flatMap((c) => (Array.isArray(c?.env) ? c.env.filter((e) => e && typeof e.name === 'string') : []));
}

export function secretNames(config: AppConfig | undefined): Set<string> {
  return new Set(Array.isArray(config?.secrets) ? config.secrets.map((s) => s?.name).filter((n): n is string => !!n) : []);
}

export interface CrossCheckInput {
  drafts: Draft[];
  probes: SystemHit[];
  listens: Listen[];
  anyProbe: boolean;
  /** A create failure or back-off with no exit code: the container may never have been created. */
  createFailed: boolean;
  /** JVM heap caps the console printed (-Xmx512m, MaxRAMPercentage=75). */
  heapFlags: string[];
  /** The app printed something: it started, so a refused port is where it listens, not whether it runs. */
  appSpoke?: boolean;
  /** Console lines that say a file could not be found or loaded (at most twenty). */
  notFoundLines?: string[];
  /** Absolute paths the console said do not exist ("No such file or directory"). */
  missingPaths?: string[];
  /** The container exited or backed off: a refused port then says the app is down, not where it listens. */
  exitedOrBackedOff?: boolean;
  /** The only stops were probe restarts (no exit code of its own, no back-off): the app was up when killed. */
  probeRestartsOnly?: boolean;
}

export function crossCheckConfig(config: AppConfig, input: CrossCheckInput): void {
  missingVariables(config, input.drafts);
  secretRefs(config, input.drafts);
  duplicateEnv(config, input.drafts);
  commandAsOneString(config, input.drafts, input.createFailed);
  volumes(config, input.drafts);
  jvmHeap(config, input.drafts, input.heapFlags);
  injectedProbes(config, input.drafts);
  const probePorts = containersOf(config)
    .flatMap((c) => (Array.isArray(c.probes) ? c.probes : []))
    .map((p) => p?.port)
    .filter((p): p is number => typeof p === 'number');
  const observed = input.probes.map((p) => Number(p.names.port)).find((p) => Number.isFinite(p) && p > 0);
  const expected = config.ingress?.targetPort ?? observed ?? probePorts[0];
  portChecks(input.drafts, input.probes, input.listens, expected, input.anyProbe || expected !== undefined);
  if (input.appSpoke && !input.exitedOrBackedOff) refusedOnTargetPort(config, input.drafts, input.listens);
  if (input.listens.length === 0) imageDefaultPort(config, input.drafts, input.probes, expected);
  // A restart by the platform's own probe, refused on the target port of an app that kept printing, is what
  // a wrong target port looks like: the restart follows from the port, it does not say the app was down.
  // After the image's known port, which names where the app listens.
  if (input.appSpoke && input.exitedOrBackedOff && input.probeRestartsOnly) refusedOnTargetPort(config, input.drafts, input.listens);
  changesSinceHealthy(config, input.drafts);
  appModuleArg(config, input.drafts);
  mountPathMismatch(config, input.drafts, input.missingPaths ?? []);
  unmountedVolume(config, input.drafts);
  commandFileMissing(config, input.drafts, input.notFoundLines ?? []);
  failedProvisioning(config, input.drafts);
  changedValueBreaksStart(config, input.drafts);
}

/**
 * A path the app could not find whose directory has the name of a volume's mount but another parent
 * (`/etc/secrets/*` missing, the secret volume mounted at `/mnt/secrets`): the files are mounted elsewhere.
 */
function mountPathMismatch(config: AppConfig, drafts: Draft[], missing: string[]): void {
  if (drafts.some((d) => d.category === 'missing-configuration' || d.category === 'storage-failure')) return;
  for (const c of containersOf(config)) {
    for (const m of Array.isArray(c.volumeMounts) ? c.volumeMounts : []) {
      // The look-behind lets only the first slash of the trailing run start a match: linear on a path of slashes.
      const mountPath = typeof m?.mountPath === 'string' ? m.mountPath.replace(/(?<!\/)\/+$/, '') : '';
      const leaf = mountPath.split('/').pop() ?? '';
      if (leaf.length < 3 || typeof m.volumeName !== 'string') continue;
      for (const p of missing) {
        if (p.startsWith(`${mountPath}/`) || p === mountPath) continue;
        const at = p.split('/').indexOf(leaf);
        if (at < 1) continue;
        const file = p.split('/').slice(0, at + 1).join('/');
        const d = draft(DERIVED_RULES.mountPathMismatch, { file, volume: m.volumeName, mountPath, container: c.name }, 'config');
        addEvidence(d, [{ source: 'config', text: `container ${c.name} mounts volume ${m.volumeName} at ${mountPath}; the app looked for ${p}` }]);
        drafts.push(d);
        return;
      }
    }
  }
}

/**
 * A file the app says is missing, under no mount of any container, while the app defines a volume that no
 * container mounts: the volume meant to provide it (a secret volume for a certificate) was left unmounted.
 */
function unmountedVolume(config: AppConfig, drafts: Draft[]): void {
  const d = drafts.find((x) => x.category === 'missing-configuration' && x.names.file?.startsWith('/') && !x.names.volume);
  const vols = Array.isArray(config.volumes) ? config.volumes.filter((v) => v && typeof v.name === 'string') : [];
  if (!d?.names.file || vols.length === 0) return;
  const mounts = allContainers(config).flatMap((c) => (Array.isArray(c.volumeMounts) ? c.volumeMounts : []));
  const file = d.names.file;
  if (mounts.some((m) => typeof m?.mountPath === 'string' && file.startsWith(`${m.mountPath.replace(/(?<!\/)\/+$/, '')}/`))) return;
  const unmounted = vols.filter((v) => !mounts.some((m) => m?.volumeName === v.name));
  // Only one candidate is an answer; a certificate or key prefers the secret volume among several.
  const secretOnes = unmounted.filter((v) => /secret/i.test(String(v.storageType ?? '')));
  const pick = unmounted.length === 1 ? unmounted[0] : /\.(?:pem|crt|cer|key|pfx|p12)$/i.test(file) && secretOnes.length === 1 ? secretOnes[0] : undefined;
  if (!pick) return;
  d.names.volume = pick.name;
  d.explanationExtra.push(`The app defines volume ${pick.name}${pick.storageType ? ` (${pick.storageType})` : ''}, but no container mounts it, and no mount covers ${file}: mount it at the directory the app reads.`);
  addEvidence(d, [{ source: 'config', text: `volume ${pick.name} is defined; no container's volumeMounts name it` }]);
}

/** Registries anyone can pull from without credentials. */
const PUBLIC_REGISTRY = /^(?:docker\.io|registry-1\.docker\.io|index\.docker\.io|mcr\.microsoft\.com|ghcr\.io|quay\.io|public\.ecr\.aws|registry\.k8s\.io|gcr\.io)$/;

/**
 * The failing revision never provisioned and nothing in the rows says why: read the template for what the platform
 * cannot resolve before a container starts. Its own provisioning error first (matched like a system row);
 * else a private registry listed with neither an identity nor a password; else a secret that is a Key Vault
 * reference (the vault secret missing, or the identity without access to it).
 */
function failedProvisioning(config: AppConfig, drafts: Draft[]): void {
  const revisions = Array.isArray(config.revisions) ? config.revisions : [];
  const failing = revisions.find((r) => r?.name === config.failingRevisionName || r?.name === config.latestRevisionName);
  if (!failing || !/^failed$/i.test(String(failing.provisioningState ?? ''))) return;
  if (drafts.some((d) => !d.benign && d.source !== 'config' && d.category !== 'unknown' && d.category !== 'configuration-change')) return;
  // A container that ran and exited (or backed off) got past provisioning: the template is not what stopped it.
  if (drafts.some((d) => d.source === 'exit' || d.rule.id === 'system.container-backoff')) return;
  const error = typeof failing.provisioningError === 'string' ? failing.provisioningError.slice(0, 1000) : '';
  const scaleAuth = /ScaleRuleMissingAuth|scale rule[^.]{0,80}\bauth/i.test(error);
  if (scaleAuth) {
    const rule = (config.scale?.rules ?? [])[0];
    const d = draft(DERIVED_RULES.provisioningScaleAuth, { scaleRule: rule?.name ?? 'the scale rule', revision: failing.name }, 'config');
    addEvidence(d, [{ source: 'config', text: `revision ${failing.name}: ${error}` }]);
    drafts.push(d);
    return;
  }
  const images = containersOf(config).map((c) => (typeof c?.image === 'string' ? c.image : '')).filter(Boolean);
  const noCredentials = (Array.isArray(config.registries) ? config.registries : []).find(
    (r) => typeof r?.server === 'string' && !PUBLIC_REGISTRY.test(r.server) && !r.identity && !r.passwordSecretRef && images.some((i) => i.startsWith(`${r.server}/`)),
  );
  if (noCredentials) {
    const d = draft(DERIVED_RULES.registryWithoutCredentials, { registry: noCredentials.server, revision: failing.name }, 'config');
    addEvidence(d, [{ source: 'config', text: `registry ${noCredentials.server}: no identity and no password secret; revision ${failing.name} provisioning failed` }]);
    drafts.push(d);
    return;
  }
  const vaultSecret = (Array.isArray(config.secrets) ? config.secrets : []).find((x) => typeof x?.keyVaultUrl === 'string' && x.keyVaultUrl.length > 0);
  if (vaultSecret) {
    const names: Record<string, string> = { secret: vaultSecret.name, revision: failing.name, keyVaultUrl: vaultSecret.keyVaultUrl! };
    if (vaultSecret.identity) names.identity = vaultSecret.identity;
    const d = draft(DERIVED_RULES.keyVaultReferenceUnresolved, names, 'config');
    addEvidence(d, [{ source: 'config', text: `secret ${vaultSecret.name} -> ${vaultSecret.keyVaultUrl}; revision ${failing.name} provisioning failed${error ? `: ${error}` : ''}` }]);
    drafts.push(d);
  }
}

/** A file word of a command: an absolute path, or a script, assembly or archive the runtime is handed. */
const COMMAND_FILE = /^(?:\/[\w.@+-]{1,100}(?:\/[\w.@+-]{1,100}){0,20}|[\w.\/-]{1,200}\.(?:dll|jar|py|js|mjs|cjs|rb|php|sh))$/;
/** A configuration file handed as an argument (`-f /etc/app/app.yml`): the program's input, not what runs. */
const CONFIG_FILE_ARG = /\.(?:ya?ml|json|toml|conf|cfg|ini|xml|properties|env)$/i;

/**
 * The runtime says it cannot find or load a file that the container's own command names (`dotnet
 * /Payroll.Api.dll` and "Could not load file or assembly '/Payroll.Api.dll'"): the command's path is wrong.
 */
function commandFileMissing(config: AppConfig, drafts: Draft[], lines: string[]): void {
  if (lines.length === 0 || drafts.some((d) => d.category === 'entrypoint-error' && d.source !== 'exit')) return;
  for (const c of containersOf(config)) {
    const words = commandWords(c);
    for (const w of words.filter((x) => COMMAND_FILE.test(x) && !CONFIG_FILE_ARG.test(x) && !/^\/(?:usr\/)?(?:local\/)?bin\/[\w.-]{1,40}$/.test(x))) {
      const line = lines.find((l) => l.includes(`'${w}'`) || l.includes(`"${w}"`) || l.includes(`${w}:`));
      if (!line) continue;
      const d = draft(DERIVED_RULES.commandFileMissing, { file: w, container: c.name, command: words.join(' ').slice(0, 200) }, 'console');
      addEvidence(d, [{ source: 'console', text: line.slice(0, 2000) }, { source: 'config', text: `container ${c.name} runs: ${words.join(' ').slice(0, 300)}` }]);
      d.lastWords = true;
      d.bonus = 0.1;
      drafts.push(d);
      return;
    }
  }
}

/** `main:app`, `app.main:application`: a WSGI/ASGI application spec in a command or its arguments. */
const APP_SPEC = /^([A-Za-z_][\w]{0,80}(?:\.[A-Za-z_]\w{0,80}){0,6}):[A-Za-z_][\w.()]{0,80}$/;

/**
 * A module Python cannot import that the container's own command names as the application (`gunicorn
 * main:app`): the path in the command is wrong, not a package to install. The console finding is read
 * again as the entrypoint error it is, keeping its lines.
 */
function appModuleArg(config: AppConfig, drafts: Draft[]): void {
  for (const d of drafts) {
    const module = d.names.module;
    if (d.category !== 'missing-module' || !module || d.source !== 'console') continue;
    for (const c of containersOf(config)) {
      const words = commandWords(c);
      const spec = words.find((w) => APP_SPEC.exec(w)?.[1]?.split('.')[0] === module.split('.')[0]);
      if (!spec) continue;
      d.rule = DERIVED_RULES.appModuleArg;
      d.category = 'entrypoint-error';
      d.names.command = spec;
      d.names.container ??= c.name;
      d.title = undefined;
      addEvidence(d, [{ source: 'config', text: `container ${c.name} runs: ${words.join(' ').slice(0, 300)}` }]);
      return;
    }
  }
}

/** Change kinds that touch only a variable's value. */
const VALUE_CHANGE = /^env-value-(?:set|cleared)$/;

/**
 * The app crashes at start with an error no rule names more precisely (an unhandled exception), and the
 * only change since the healthy revision is one variable's value: that value is the lead.
 */
function changedValueBreaksStart(config: AppConfig, drafts: Draft[]): void {
  const list = Array.isArray(config.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  if (list.length !== 1 || !VALUE_CHANGE.test(String(list[0]?.kind)) || typeof list[0]?.name !== 'string') return;
  const crash = drafts.find((d) => d.category === 'application-error' && d.source === 'console' && d.lastWords);
  if (!crash || drafts.some((d) => d.source === 'console' && d.category !== 'application-error' && !d.benign && d.lastWords)) return;
  const names: Record<string, string> = { envVar: list[0].name };
  if (crash.names.exception) names.exception = crash.names.exception;
  if (typeof config.changesSinceHealthy?.fromRevision === 'string') names.fromRevision = config.changesSinceHealthy.fromRevision;
  // It reads the app's own last words (the crash) in the light of the change: a named cause like theirs.
  const d = draft(DERIVED_RULES.changedValueBreaksStart, names, 'console');
  addEvidence(d, [{ source: 'config', text: describeChange(list[0]).slice(0, 500) }, ...crash.evidence.slice(0, 3)]);
  d.times.push(...crash.times);
  d.lastWords = true;
  // Ahead of the crash by more than a tie, so the vocabulary of its lines does not put it back in front.
  d.confidence = Math.max(d.confidence, Math.min(0.9, crash.confidence + 0.08));
  d.bonus = crash.bonus;
  d.occurrences = crash.occurrences;
  for (const r of crash.replicas) d.replicas.add(r);
  crash.consequenceOf = d.rule.id;
  drafts.push(d);
}

/**
 * The platform's default probe (no probe configured) refused on the ingress target port while the app was
 * up and printing: nothing listens there. When the app never said where it listens, that is still a port
 * question before a probe one. (With no console at all, the app may never have started: a probe reading.)
 */
function refusedOnTargetPort(config: AppConfig, drafts: Draft[], listens: Listen[]): void {
  const target = config.ingress?.targetPort;
  if (typeof target !== 'number' || listens.some((l) => l.port === target)) return;
  if (drafts.some((d) => d.category === 'port-misconfiguration')) return;
  const probe = drafts.find(
    (d) => d.category === 'probe-failure' && d.names.probeOrigin === 'platform-default' && d.evidence.some((e) => /connection refused/i.test(e.text.slice(0, 2000))),
  );
  if (!probe) return;
  const d = draft(DERIVED_RULES.targetPortRefused, { expectedPort: String(target) }, 'config');
  addEvidence(d, [{ source: 'config', text: `ingress target port ${target}; no probe configured` }, ...probe.evidence.slice(0, 2)]);
  d.times.push(...probe.times);
  d.alternatives = ['probe-failure'];
  drafts.push(d);
}

/** Missing variables the console named: say whether the template defines them. */
function missingVariables(config: AppConfig, drafts: Draft[]): void {
  const env = envOf(config);
  const secrets = secretNames(config);
  for (const d of drafts) {
    const name = d.names.envVar;
    if (!name || d.category !== 'missing-configuration') continue;
    const spec = env.find((e) => e.name === name);
    if (!spec) {
      d.names.template = 'not-defined';
      d.title = `${fillTemplate(d.rule.title, d.names)} (not defined in the app's template)`;
      d.confidence = Math.min(1, d.confidence + 0.05);
      addEvidence(d, [{ source: 'config', text: `Environment variable ${name} is not in the container's env list.` }]);
    } else if (spec.secretRef && Array.isArray(config.secrets) && !secrets.has(spec.secretRef)) {
      d.names.secret = spec.secretRef;
      d.title = `${name} is not set: it references secret ${spec.secretRef}, which the app does not define`;
      addEvidence(d, [{ source: 'config', text: `${name} uses secretRef ${spec.secretRef}; no secret of that name exists.` }]);
    } else if (!spec.secretRef && !spec.hasValue) {
      d.title = `${name} is defined but empty`;
    }
  }
}

/** secretRefs to secrets that do not exist, whether or not the app complained yet. */
function secretRefs(config: AppConfig, drafts: Draft[]): void {
  // No secrets list is not an empty one: without it nothing can be said about a reference.
  if (!Array.isArray(config.secrets)) return;
  const secrets = secretNames(config);
  for (const e of envOf(config)) {
    if (!e.secretRef || secrets.has(e.secretRef)) continue;
    if (drafts.some((d) => d.names.envVar === e.name && d.names.secret === e.secretRef)) continue;
    const d = draft(DERIVED_RULES.secretRefMissing, { envVar: e.name, secret: e.secretRef }, 'config');
    addEvidence(d, [{ source: 'config', text: `env ${e.name} -> secretRef ${e.secretRef} (secrets: ${[...secrets].join(', ') || 'none'})` }]);
    drafts.push(d);
  }
}

/** Two env entries with one name in a container: the platform refuses or stalls the revision. */
function duplicateEnv(config: AppConfig, drafts: Draft[]): void {
  for (const c of allContainers(config)) {
    const seen = new Set<string>();
    for (const e of Array.isArray(c.env) ? c.env : []) {
      if (!e || typeof e.name !== 'string') continue;
      if (!seen.has(e.name)) {
        seen.add(e.name);
        continue;
      }
      const d = draft(DERIVED_RULES.duplicateEnv, { envVar: e.name, container: c.name }, 'config');
      addEvidence(d, [{ source: 'config', text: `container ${c.name} lists environment variable ${e.name} more than once` }]);
      drafts.push(d);
      break;
    }
  }
}

/**
 * A command given as one string ("python app.py", "npm,start") is looked up as a single executable name,
 * so the container cannot be created. Only said when the create failed or nothing else explains the failure.
 */
function commandAsOneString(config: AppConfig, drafts: Draft[], createFailed: boolean): void {
  for (const c of allContainers(config)) {
    const cmd = Array.isArray(c.command) ? c.command : [];
    const first = cmd[0];
    if (typeof first !== 'string' || !/\S[ ,]\S/.test(first.trim())) continue;
    const d = draft(DERIVED_RULES.commandOneString, { command: first.slice(0, 200), container: c.name }, 'config');
    if (!createFailed) d.confidence = 0.55;
    addEvidence(d, [{ source: 'config', text: `container ${c.name} command: ${JSON.stringify(cmd).slice(0, 300)}` }]);
    drafts.push(d);
  }
}

/** Volume mounts against the app's volumes and the environment's storages, when the config carries them. */
function volumes(config: AppConfig, drafts: Draft[]): void {
  const vols = Array.isArray(config.volumes) ? config.volumes.filter((v) => v && typeof v.name === 'string') : [];
  const storages = Array.isArray(config.environment?.storages) ? config.environment.storages.filter((s) => s && typeof s.name === 'string') : [];
  for (const c of allContainers(config)) {
    for (const m of Array.isArray(c.volumeMounts) ? c.volumeMounts : []) {
      if (!m || typeof m.volumeName !== 'string') continue;
      const vol = vols.find((v) => v.name === m.volumeName);
      if (vols.length > 0 && !vol) {
        pushVolume(drafts, DERIVED_RULES.volumeMissing, { volume: m.volumeName, container: c.name }, `container ${c.name} mounts ${m.volumeName}, which the app's volumes do not define`);
        continue;
      }
      if (!vol?.storageName || storages.length === 0) continue;
      const storage = storages.find((s) => s.name === vol.storageName);
      if (!storage) {
        pushVolume(drafts, DERIVED_RULES.volumeMissing, { volume: vol.name, storage: vol.storageName }, `volume ${vol.name} uses environment storage ${vol.storageName}, which the environment does not define`);
      } else if (vol.storageType && storage.kind && !sameProtocol(vol.storageType, storage.kind)) {
        pushVolume(
          drafts,
          DERIVED_RULES.volumeProtocol,
          { volume: vol.name, storage: storage.name, storageType: vol.storageType, shareKind: storage.kind },
          `volume ${vol.name} is ${vol.storageType} but storage ${storage.name} is ${storage.kind}`,
        );
      }
    }
  }
}

function sameProtocol(volumeType: string, storageKind: string): boolean {
  const nfs = (s: string) => /nfs/i.test(s);
  return nfs(volumeType) === nfs(storageKind);
}

function pushVolume(drafts: Draft[], rule: Draft['rule'], names: Record<string, string>, text: string): void {
  if (drafts.some((d) => d.rule.id === rule.id && d.names.volume === names.volume)) return;
  // A mount failure the platform reported names the same volume: the config says why.
  const reported = drafts.find((d) => d.category === 'storage-failure' && d.source === 'system');
  const d = draft(rule, names, 'config');
  addEvidence(d, [{ source: 'config', text }, ...(reported ? reported.evidence.slice(0, 2) : [])]);
  if (reported) d.confidence = Math.min(1, d.confidence + 0.05);
  drafts.push(d);
}

/** The variables a JVM reads its options from at start. */
const JVM_OPTIONS_VAR = /^(?:JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|JAVA_OPTS|CATALINA_OPTS)$/;

/** The JVM's heap cap against the container's memory, for a Java heap exhaustion. */
function jvmHeap(config: AppConfig, drafts: Draft[], heapFlags: string[]): void {
  const d = drafts.find((x) => x.rule.id === 'console.java.out-of-memory');
  if (!d || !/heap/i.test(d.names.kind ?? '')) return;
  const memory = mainContainer(config)?.memory;
  const fromCommand = containersOf(config)
    .flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])])
    .filter((a) => typeof a === 'string' && /-Xmx\d|MaxRAMPercentage/.test(a));
  const flag = [...heapFlags, ...fromCommand].map((f) => /-Xmx\d+[kKmMgG]?|-XX:MaxRAMPercentage=[\d.]+/.exec(f)?.[0]).find(Boolean);
  if (memory) d.names.memoryLimit = memory;
  if (flag) d.names.heapCap = flag;
  // A JVM options variable set to a value the configuration does not show may hold the cap: "default" is then a guess.
  const options = flag ? undefined : containersOf(config).flatMap((c) => (Array.isArray(c.env) ? c.env : [])).find((e) => JVM_OPTIONS_VAR.test(String(e?.name)) && (e.hasValue || e.secretRef))?.name;
  const cap = flag
    ? `the heap cap ${flag}`
    : options
      ? `the JVM's heap cap (the default, a quarter of the container memory, unless ${options}, whose value is not shown, sets one)`
      : 'the JVM\'s default heap cap (a quarter of the container memory unless MaxRAMPercentage says otherwise)';
  d.explanationExtra.push(`The container's memory${memory ? ` (${memory})` : ''} was not what ran out: ${cap} was.`);
  addEvidence(d, [{ source: 'config', text: `container memory ${memory ?? 'unknown'}; heap cap ${flag ?? (options ? `unknown (${options} is set; its value is not shown)` : 'JVM default')}` }]);
}

/** A failing probe the user never configured is one the platform added (ingress defaults). */
function injectedProbes(config: AppConfig, drafts: Draft[]): void {
  const specs = containersOf(config).flatMap((c) => (Array.isArray(c.probes) ? c.probes : []));
  const configured = new Set(specs.map((p) => String(p?.type ?? '').toLowerCase()));
  shareProbeNames(drafts);
  for (const d of drafts) {
    if (d.category !== 'probe-failure' || d.benign || !d.names.probe) continue;
    const spec = specs.find((p) => String(p?.type ?? '').toLowerCase() === d.names.probe.toLowerCase());
    if (spec) {
      d.names.probeOrigin = 'configured';
      // The platform's message rarely repeats the probe's path and port; the probe's definition has them.
      if (!d.names.probePath && typeof spec.path === 'string' && spec.path) d.names.probePath = spec.path;
      if (!d.names.port && typeof spec.port === 'number') d.names.port = String(spec.port);
      continue;
    }
    d.names.probeOrigin = 'platform-default';
    d.explanationExtra.push(
      `No ${d.names.probe.toLowerCase()} probe is configured on the app, so this is the default TCP probe the platform adds on the ingress target port${config.ingress?.targetPort ? ` (${config.ingress.targetPort})` : ''}: the app is not accepting connections there.`,
    );
  }
}

/** A probe kill read from the exit knows no probe; the probe's own failure rows do: share what they name. */
function shareProbeNames(drafts: Draft[]): void {
  const probeFindings = drafts.filter((d) => d.category === 'probe-failure' && !d.benign);
  const source = probeFindings.find((d) => d.names.probe);
  if (!source) return;
  for (const d of probeFindings) {
    for (const key of ['probe', 'status', 'port', 'path'] as const) {
      if (!d.names[key] && source.names[key]) d.names[key] = source.names[key];
    }
  }
}

/** What changed since the last healthy revision (a field the config stage adds). */
function changesSinceHealthy(config: AppConfig, drafts: Draft[]): void {
  const change = config.changesSinceHealthy;
  if (!change || typeof change !== 'object') return;
  const c = change as { fromRevision?: unknown; changes?: unknown; summary?: unknown };
  const names: Record<string, string> = {};
  if (typeof c.fromRevision === 'string') names.fromRevision = c.fromRevision;
  // The title names both revisions, so the summary's own "since revision X:" lead would repeat it.
  if (typeof config.failingRevisionName === 'string') names.toRevision = config.failingRevisionName;
  if (typeof c.summary === 'string') names.summary = c.summary.replace(/^since revision [^:]*:\s*/, '').slice(0, 200);
  const list = Array.isArray(c.changes) ? c.changes : [];
  Object.assign(names, { ...changedThing(list[0]), ...names });
  // A changed command or arguments: what the failing revision now runs is the thing to look at.
  const commandChange = list.find((x) => /^(?:command|args)$/.test(String((x as { kind?: unknown })?.kind ?? ''))) as { container?: unknown } | undefined;
  if (commandChange) {
    const spec = mainContainer(config, typeof commandChange.container === 'string' ? commandChange.container : undefined);
    const words = commandWords(spec);
    if (words.length > 0) names.command ??= words.join(' ').slice(0, 200);
  }
  // An image change whose record gives no new reference (the summary may show only `traefik:v3.1`): the
  // container's image in the failing revision's template is the full reference the change deployed.
  const imageChange = list.find((x) => (x as { kind?: unknown })?.kind === 'image') as { container?: unknown } | undefined;
  if (imageChange && !names.image) {
    const image = mainContainer(config, typeof imageChange.container === 'string' ? imageChange.container : undefined)?.image;
    if (typeof image === 'string' && image !== '') names.image = image;
  }
  const d = draft(DERIVED_RULES.configChange, names, 'config');
  d.changeKinds = list.map((x) => String((x as { kind?: unknown })?.kind ?? '')).filter(Boolean);
  addEvidence(d, list.slice(0, MAX_EVIDENCE).map((x) => ({ source: 'config' as const, text: describeChange(x).slice(0, 500) })));
  if (list.length > 0 || names.summary) drafts.push(d);
  // A variable the app misses that the change removed (or emptied) is the link between the two findings.
  for (const x of list) {
    const ch = x as { kind?: unknown; name?: unknown };
    if (typeof ch?.name !== 'string' || !/^env-(?:removed|value-cleared|secret-ref)$/.test(String(ch.kind))) continue;
    for (const other of drafts) {
      if (other.names.envVar === ch.name && other !== d) {
        other.explanationExtra.push(`The change since revision ${names.fromRevision ?? 'the last healthy one'} touched ${ch.name} (${String(ch.kind)}).`);
      }
    }
  }
}

/** The concrete thing a change record names: the new image, the variable, or the field that changed. */
function changedThing(x: unknown): Record<string, string> {
  const ch = x as { kind?: unknown; name?: unknown; after?: unknown } | undefined;
  if (!ch || typeof ch.kind !== 'string') return {};
  // The new image, as the change gives it (`after`, or the record's own name for it).
  if (ch.kind === 'image' && typeof ch.after === 'string') return { image: ch.after };
  if (ch.kind === 'image' && typeof ch.name === 'string' && /[:@/]/.test(ch.name)) return { image: ch.name };
  if (/^env-/.test(ch.kind) && typeof ch.name === 'string') return { envVar: ch.name };
  if (/^[a-z][\w.-]{0,40}$/i.test(ch.kind)) return { setting: ch.kind };
  return {};
}

/** One line for a change record (RevisionChange) or whatever else the list holds. */
export function describeChange(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    const c = x as { kind?: unknown; container?: unknown; name?: unknown; before?: unknown; after?: unknown };
    if (typeof c.kind === 'string') {
      const what = [c.container, c.name].filter((v) => typeof v === 'string' && v).join(' ');
      const diff = c.before !== undefined || c.after !== undefined ? `: ${String(c.before ?? '(none)')} -> ${String(c.after ?? '(none)')}` : '';
      return `${c.kind}${what ? ` ${what}` : ''}${diff}`;
    }
  }
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

export function portChecksWithoutConfig(drafts: Draft[], probes: SystemHit[], listens: Listen[]): void {
  const observed = probes.map((p) => Number(p.names.port)).find((p) => Number.isFinite(p) && p > 0);
  portChecks(drafts, probes, listens, observed, probes.length > 0);
}

/**
 * Official server images listen on a fixed port unless their configuration says otherwise: nginx and
 * httpd on 80, the unprivileged nginx image on 8080 (a non-root user cannot bind 80). When the app never
 * says where it listens and probes on the target port fail, the image's default is the listen port.
 */
const IMAGE_DEFAULT_PORTS: readonly { image: RegExp; port: number }[] = [
  { image: /(?:^|\/)nginxinc\/nginx-unprivileged(?::|@|$)|(?:^|\/)nginx-unprivileged(?::|@|$)/, port: 8080 },
  { image: /(?:^|\/)(?:library\/)?nginx(?::|@|$)/, port: 80 },
  { image: /(?:^|\/)(?:library\/)?httpd(?::|@|$)/, port: 80 },
  // Other official and widely used server images, at the port each image's documentation gives as its default.
  ...(
    [
      ['eclipse-mosquitto', 1883], ['grafana\\/grafana(?:-oss|-enterprise)?', 3000], ['gitea\\/gitea', 3000], ['(?:library\\/)?redis', 6379],
      ['(?:library\\/)?postgres', 5432], ['(?:library\\/)?(?:mysql|mariadb)', 3306], ['(?:library\\/)?mongo', 27017],
      ['(?:library\\/)?rabbitmq', 5672], ['elasticsearch\\/elasticsearch', 9200], ['(?:library\\/)?ghost', 2368],
      ['(?:library\\/)?wordpress', 80], ['prom\\/prometheus', 9090], ['n8nio\\/n8n', 5678], ['metabase\\/metabase', 3000],
      ['(?:library\\/)?sonarqube', 9000], ['jenkins\\/jenkins', 8080], ['louislam\\/uptime-kuma', 3001], ['nodered\\/node-red', 1880],
      ['ollama\\/ollama', 11434], ['hashicorp\\/vault', 8200], ['directus\\/directus', 8055], ['kibana\\/kibana', 5601],
      ['apache\\/superset', 8088], ['mattermost\\/mattermost-team-edition', 8065], ['(?:library\\/)?nats', 4222],
    ] as const
  ).map(([name, port]) => ({ image: new RegExp(`(?:^|/)${name}(?::|@|$)`), port })),
];

function imageDefaultPort(config: AppConfig, drafts: Draft[], probes: SystemHit[], expected: number | undefined): void {
  const image = mainContainer(config)?.image;
  if (expected === undefined || probes.length === 0 || typeof image !== 'string') return;
  if (drafts.some((d) => d.rule.id === DERIVED_RULES.targetPortRefused.id)) return;
  const known = IMAGE_DEFAULT_PORTS.find((x) => x.image.test(image));
  if (!known || known.port === expected) return;
  const d = draft(DERIVED_RULES.portMismatch, { listenPort: String(known.port), expectedPort: String(expected) }, 'config');
  d.confidence = 0.7;
  d.explanationExtra.push(`The image ${image} listens on ${known.port} unless its configuration says otherwise, and the app printed no other port.`);
  addEvidence(d, [{ source: 'config' as const, text: `image ${image}; ingress.targetPort ${expected}` }, ...probes.slice(0, 3).map((p) => sysLine(p.sys))]);
  drafts.push(d);
}

// An HTTP status (three digits); "Probe of StartUp failed with status code: 1" is a TCP probe that got no answer.
const PROBE_GOT_STATUS = /probe failed with statuscode: [1-5]\d\d\b|failed with status code: [1-5]\d\d\b/i;
const PROBE_UNREACHED = /connection refused|timed out|timeout|deadline exceeded|no route to host|connection reset/i;

/** What the app says it listens on, against what ingress and probes use. */
function portChecks(drafts: Draft[], probes: SystemHit[], listens: Listen[], expected: number | undefined, relevant: boolean): void {
  if (!relevant || listens.length === 0) return;
  let last = listens[listens.length - 1];
  const probeEvidence = probes.slice(0, 3).map((p) => sysLine(p.sys));
  // A server that prints several loopback endpoints (inference, management, metrics): the one on the
  // port ingress and probes use is the one they are refused on.
  if (last.address && LOOPBACK.test(last.address) && expected !== undefined && last.port !== expected) {
    last = listens.filter((l) => l.address && LOOPBACK.test(l.address) && l.port === expected).pop() ?? last;
  }
  const address = last.address;
  // A line that names the loopback and an all-interfaces address (`http://localhost:3000 / http://0.0.0.0:3000`)
  // is a server listening everywhere that also prints a local link.
  const everywhereToo = /\b0\.0\.0\.0:\d|\[::\]:\d/.test(last.line.text.slice(0, 2000));
  // A probe that got an HTTP status back (`HTTP probe failed with statuscode: 404`) reached the server from
  // outside the replica: the printed loopback link is only a display address, not where it listens. A probe
  // that was also refused or timed out leaves the loopback reading open.
  const answered = probes.some((p) => PROBE_GOT_STATUS.test(p.sys.message ?? '')) && !probes.some((p) => PROBE_UNREACHED.test(p.sys.message ?? ''));
  if (address && LOOPBACK.test(address) && !everywhereToo && !answered) {
    const d = draft(DERIVED_RULES.loopbackListen, { listenAddress: address, listenPort: String(last.port) }, 'config');
    if (last.setting) d.names.setting = last.setting;
    if (expected !== undefined) d.names.expectedPort = String(expected);
    if (probes.length === 0) d.confidence = 0.7;
    addEvidence(d, [consoleEvidence(last.line), ...probeEvidence]);
    d.times.push(last.line.ms);
    drafts.push(d);
    return;
  }
  if (expected !== undefined && last.port !== expected) {
    const d = draft(DERIVED_RULES.portMismatch, { listenPort: String(last.port), expectedPort: String(expected) }, 'config');
    if (probes.length === 0) d.confidence = 0.6;
    addEvidence(d, [consoleEvidence(last.line), ...probeEvidence]);
    d.times.push(last.line.ms);
    drafts.push(d);
  }
}

/** Ports of the platform's own sidecars (Dapr's HTTP, health and gRPC ports), never the app's listen port. */
const SIDECAR_PORTS = /^(?:3500|3501|50001|50002)$/;

/**
 * A port finding that names the port traffic was sent to (`port`) and no port the app listens on: when the
 * app announced it listens on another port, that one is where the traffic should go, and the fix names it.
 */
export function nameListenPorts(drafts: Draft[], listens: Listen[]): void {
  for (const d of drafts) {
    if (d.category !== 'port-misconfiguration' || !d.names.port || d.names.listenPort) continue;
    const other = listens.filter((l) => String(l.port) !== d.names.port && !SIDECAR_PORTS.test(String(l.port))).pop();
    if (other) d.names.listenPort = String(other.port);
  }
}
