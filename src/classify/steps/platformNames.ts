/**
 * Names the platform's steps need that only the configuration (or the image reference) gives: the tag
 * and repository of an image that failed to pull, the registry entry and the identity it pulls with, the
 * probe a change moved and what it was before, the probe's port against the ingress target port, the
 * startup probe's time budget, the scale floor, a memory cut the first step restores, and the words of a
 * command written as one string. Values that reach a command are filled by `fillCommand`, which quotes
 * them; the `$(az ...)` substitutions built here quote their own values.
 */
import type { AppConfig, Finding, ProbeSpec } from '../../model';
import { memoryGiB } from '../memorySize';
import { shellQuote } from './fillCommand';
import { list } from './list';

type Names = Record<string, string>;

/** `acr.azurecr.io/team/app:1.2` -> tag `1.2`, reference without the tag; a digest is not a tag. */
function imageParts(image: string | undefined): Names {
  if (!image || image.includes('@')) return {};
  const m = /^([^\s:]{1,300}?(?::\d{1,5})?\/[^\s:]{1,300}):([\w][\w.-]{0,127})$/.exec(image);
  return m ? { imageTag: m[2]!, imageName: m[1]! } : {};
}

/**
 * A Docker Hub image as `az acr import` takes it: `docker.io/library/nginx:1.27` (or `nginx:1.27`) is
 * source `docker.io/library/nginx:1.27` and target `library/nginx:1.27`.
 */
function dockerHub(image: string | undefined): Names {
  if (!image || image.includes('@') || image.length > 300) return {};
  const m = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?([\w.-]{1,128}(?:\/[\w.-]{1,128}){0,2}:[\w][\w.-]{0,127})$/.exec(image);
  if (!m) return {};
  const hasRegistry = /^[^/]{1,253}[.:][^/]{0,253}\//.test(image);
  if (hasRegistry && !/^(?:index\.|registry-1\.)?docker\.io\//.test(image)) return {};
  const path = m[1]!.includes('/') ? m[1]! : `library/${m[1]}`;
  return { dockerHubPath: path, dockerHubSource: `docker.io/${path}` };
}

/** A user-assigned identity's resource id, as the registry entry names it. */
const IDENTITY_ID = /\/userAssignedIdentities\/([\w.-]{1,128})$/i;
const FULL_IDENTITY_ID = /^\/subscriptions\/[\w-]{1,64}\/resourceGroups\/[\w.()-]{1,90}\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[\w.-]{1,128}$/i;

/**
 * A registry entry's user-assigned identity that the app's identity list does not hold: the platform
 * cannot get a token for it, whatever roles it has. Only said when the configuration lists the identities.
 */
function unassigned(identity: string, user: string, config: AppConfig | undefined): Names {
  const type = config?.identity?.type;
  if (typeof type !== 'string') return {};
  const assigned = list(config?.identity?.userAssigned).some((id) => typeof id === 'string' && IDENTITY_ID.exec(id)?.[1]?.toLowerCase() === user.toLowerCase());
  if (assigned) return {};
  const ref = FULL_IDENTITY_ID.test(identity) ? shellQuote(identity) : `$(az identity list --query ${shellQuote(`[?name=='${user}'].id | [0]`)} -o tsv)`;
  return { registryIdentityUnassigned: 'yes', registryIdentityRef: ref, appIdentityType: type };
}

/**
 * How the app authenticates to the registry it failed to pull from: a user-assigned identity (by name,
 * with the command that reads its principal id), the system identity, a user name, or no entry at all
 * (then it pulls anonymously and a private registry refuses it).
 */
function registryNames(registry: string | undefined, config: AppConfig | undefined): Names {
  const entries = config?.registries;
  if (!registry || !Array.isArray(entries)) return {};
  const entry = entries.find((r) => typeof r?.server === 'string' && r.server.toLowerCase() === registry.toLowerCase());
  if (!entry) return { registryMissing: 'yes' };
  const identity = typeof entry.identity === 'string' ? entry.identity : '';
  const user = IDENTITY_ID.exec(identity)?.[1];
  if (user) {
    const principal = FULL_IDENTITY_ID.test(identity)
      ? `$(az identity show --ids ${shellQuote(identity)} --query principalId -o tsv)`
      : `$(az identity list --query ${shellQuote(`[?name=='${user}'].principalId | [0]`)} -o tsv)`;
    return { registryIdentity: user, registryPrincipalId: principal, ...unassigned(identity, user, config) };
  }
  if (/^system$/i.test(identity)) return { registrySystemIdentity: 'yes' };
  if (typeof entry.username === 'string' && entry.username) {
    const secret: Names = typeof entry.passwordSecretRef === 'string' && /^[a-z0-9][a-z0-9.-]{0,252}$/.test(entry.passwordSecretRef) ? { registrySecret: entry.passwordSecretRef } : {};
    return { registryUser: entry.username, ...secret };
  }
  return {};
}

/** Paths and ports a probe change moved, read from the change itself or from the summary's words. */
function probeRevert(f: Finding, config: AppConfig | undefined): Names {
  const changes = list(config?.changesSinceHealthy?.changes).filter((c) => c?.kind === 'probe-changed');
  const probe = (f.names?.probe ?? '').toLowerCase();
  const change = changes.find((c) => (c.name ?? '').toLowerCase() === probe) ?? (changes.length === 1 ? changes[0] : undefined);
  if (!change) return {};
  const before = typeof change.before === 'string' ? change.before : '';
  const after = typeof change.after === 'string' ? change.after : '';
  const path = (s: string): string | undefined => /(?:^|\s)(\/[\w./-]{0,200})/.exec(s)?.[1];
  const port = (s: string): string | undefined => /(?:^|\s):(\d{2,5})\b/.exec(s)?.[1];
  const out: Names = {};
  if (path(before) && path(after) && path(before) !== path(after)) Object.assign(out, { probeWhat: 'path', probeBefore: path(before)!, probeAfter: path(after)! });
  else if (port(before) && port(after) && port(before) !== port(after)) Object.assign(out, { probeWhat: 'port', probeBefore: port(before)!, probeAfter: port(after)! });
  else {
    const summary = String(config?.changesSinceHealthy?.summary ?? '').slice(0, 2000);
    // "probe path /a -> /b", "readiness probe path changed /healthz -> /api/health", "... from /a to /b".
    const m = /probe (path|port)(?: (?:changed|moved|updated))?(?: from)? :?(\S{1,200}) (?:->|→|to) :?(\S{1,200})/i.exec(summary);
    if (m && m[2] !== m[3]) Object.assign(out, { probeWhat: m[1]!.toLowerCase(), probeBefore: m[2]!, probeAfter: m[3]! });
  }
  if (out.probeWhat) out.probeType = change.name ?? f.names?.probe ?? '';
  return out;
}

/** The configured probe of the type the finding names, its port against the ingress target port, its time budget. */
function probeNames(f: Finding, config: AppConfig | undefined): Names {
  if (f.category !== 'probe-failure' || !config) return {};
  const type = (f.names?.probe ?? '').toLowerCase();
  const containers = list(config.containers);
  const container = containers.find((c) => c?.name === f.names?.container) ?? containers[0];
  const probe: ProbeSpec | undefined = list(container?.probes).find((p) => (p?.type ?? '').toLowerCase() === type);
  const out: Names = { ...probeRevert(f, config) };
  // An app that serves its health routes on a management port: every probe pointed elsewhere is wrong,
  // not only the one whose failure came first (a Liveness probe on the main port restarts the container).
  const management = f.names?.managementPort;
  if (management) {
    const wrong = list(container?.probes)
      .filter((p) => typeof p?.port === 'number' && String(p.port) !== management && typeof p.type === 'string')
      .map((p) => p!.type!);
    const types = [...new Set(wrong)];
    if (types.length > 0) {
      out.managementProbes = types.length === 1 ? `${types[0]} probe's port` : `${types.slice(0, -1).join(', ')} and ${types[types.length - 1]} probes' ports`;
    }
  }
  const target = config.ingress?.targetPort;
  if (probe && typeof probe.port === 'number' && typeof target === 'number' && probe.port !== target && probe.transport !== undefined) {
    Object.assign(out, { probePort: String(probe.port), ingressPort: String(target) });
  }
  if (probe && probe.type === 'Startup') {
    const period = probe.periodSeconds ?? 10;
    const threshold = probe.failureThreshold ?? 3;
    const delay = probe.initialDelaySeconds ?? 0;
    // Under a minute is shorter than most JVM, .NET or Python web apps take to start.
    if (delay + period * threshold < 60) out.startupShort = 'yes';
    Object.assign(out, {
      startupBudget: String(delay + period * threshold),
      startupWindow: `${delay ? `${delay}s initial delay + ` : ''}${threshold} failures × ${period}s`,
    });
  }
  return out;
}

/** A memory cut since the healthy revision: the first step sets it back, so no smaller size is offered after it. */
function memoryCut(config: AppConfig | undefined): Names {
  const summary = String(config?.changesSinceHealthy?.summary ?? '').slice(0, 2000);
  const m = /\bmemory (\d+(?:\.\d+)?(?:Gi|Mi|G|M)) -> (\d+(?:\.\d+)?(?:Gi|Mi|G|M))/.exec(summary);
  if (!m) return {};
  const before = memoryGiB(m[1]);
  const after = memoryGiB(m[2]);
  return before !== undefined && after !== undefined && after < before ? { memoryCut: m[1]! } : {};
}

/** Node's heap cap for the next memory pair: three quarters of it, in 64 MB steps. */
function nextNodeHeap(names: Names): Names {
  const gi = memoryGiB(names.nextMemory);
  return gi ? { nextNodeHeapMb: String(Math.floor((gi * 1024 * 0.75) / 64) * 64) } : {};
}

/** `python export.py --since 24h` written as one command word: the program and its arguments apart. */
function commandSplit(names: Names): Names {
  const words = (names.command ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 12);
  if (words.length < 2 || !words.every((w) => /^[\w./:=@%+,-]{1,200}$/.test(w))) return {};
  return { commandProgram: JSON.stringify([words[0]!]), commandArgs: JSON.stringify(words.slice(1)).replace(/","/g, '", "') };
}

/**
 * A startup probe that failed without a restart after it: the probe passed once the app had warmed up.
 * Any restart, probe kill or exit among the findings says it did not.
 */
function warmedUp(f: Finding, all: readonly Finding[]): Names {
  if (f.ruleId !== 'system.probe-failed' || !/^startup$/i.test(f.names?.probe ?? '')) return {};
  const restarted = all.some((o) => o.ruleId === 'system.probe-restart' || o.ruleId === 'config.probe-kill' || /^exit\./.test(o.ruleId) || o.ruleId === 'system.container-backoff');
  const rows = (f.evidence ?? []).some((e) => /will be restarted/i.test(typeof e?.text === 'string' ? e.text.slice(0, 2000) : ''));
  return restarted || rows ? {} : { warmedUp: 'yes' };
}

/** The platform's own words for the ports it saw the container open: `does not match any of the listening ports: [9001 9000]`. */
const LISTENING_PORTS = /does not match (?:the|any of the) listening ports?:? \[?(\d{2,5}(?:[ ,]{1,3}\d{2,5}){0,7})\]?/i;

/** The listening ports a revision's running state names (the failing revision first), when the rows did not. */
function listeningPorts(config: AppConfig | undefined): Names {
  const revisions = list(config?.revisions);
  const failing = config?.failingRevisionName ?? config?.latestRevisionName;
  const ordered = [...revisions.filter((r) => r?.name === failing), ...revisions.filter((r) => r?.name !== failing)];
  for (const r of ordered) {
    const m = LISTENING_PORTS.exec(`${r?.runningStateDetails ?? ''} ${r?.provisioningError ?? ''}`.slice(0, 2000));
    if (!m) continue;
    const ports = m[1]!.split(/[ ,]+/).filter(Boolean);
    return { listenPorts: ports.join(' and '), listenPort: ports[0]!, ...(r?.name ? { listenRevision: r.name } : {}) };
  }
  return {};
}

/** `ghcr.io/org/app` with no tag and no digest: the platform pulls `:latest`. */
function untagged(image: string | undefined): Names {
  if (!image || image.includes('@') || image.length > 300) return {};
  const last = image.slice(image.lastIndexOf('/') + 1);
  return image.includes('/') && last && !last.includes(':') && /^[\w.:/-]{1,300}$/.test(image) ? { imageUntagged: image } : {};
}

/** The YAML form of an update for this target: a job's template goes through `job update --yaml`. */
function yamlForm(config: AppConfig | undefined): Names {
  return config?.kind === 'job' ? { yamlUpdate: 'az containerapp job update --yaml', yamlOf: 'job' } : {};
}

/**
 * A Secret volume (storageType Secret) that lists a secret the app no longer has: the mount fails on the
 * missing secret, not on any storage account. Read from the volume's own secret list, else from a secret
 * the change since the healthy revision removed.
 */
function secretVolume(volume: string | undefined, config: AppConfig | undefined): Names {
  const vol = list(config?.volumes).find((v) => v?.name === volume && /^secret$/i.test(v?.storageType ?? ''));
  if (!vol) return {};
  const have = new Set(list(config?.secrets).map((s) => s?.name));
  let missing = list(vol.secrets).map((s) => s?.secretRef).filter((n): n is string => !!n && !have.has(n));
  if (missing.length === 0) {
    const summary = String(config?.changesSinceHealthy?.summary ?? '').slice(0, 2000);
    missing = [...summary.matchAll(/\bsecret ([a-z0-9][a-z0-9.-]{0,252}) removed\b/g)].map((m) => m[1]!).filter((n) => !have.has(n));
  }
  const out: Names = { secretVolume: vol.name };
  if (missing.length > 0 && missing.every((n) => /^[a-z0-9][a-z0-9.-]{0,252}$/.test(n))) out.volumeSecretMissing = missing.join(', ');
  if (missing.length === 1) out.volumeSecretOne = missing[0]!;
  return out;
}

/** The configured timeout of the failing probe, when the rows say the probe gave up waiting for an answer. */
function probeTimeout(f: Finding, config: AppConfig | undefined): Names {
  if (f.category !== 'probe-failure' || !config) return {};
  const rows = (f.evidence ?? []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
  if (!/context deadline exceeded|Client\.Timeout exceeded|timeout: failed to connect|i\/o timeout/i.test(rows)) return {};
  const type = (f.names?.probe ?? '').toLowerCase();
  const containers = list(config.containers);
  const container = containers.find((c) => c?.name === f.names?.container) ?? containers[0];
  const probe = list(container?.probes).find((p) => (p?.type ?? '').toLowerCase() === type);
  const t = probe?.timeoutSeconds ?? 1;
  if (t >= 5) return {};
  return { probeTimeout: String(t), probeTimeoutType: probe?.type ?? f.names?.probe ?? '', probeTimeoutNext: String(Math.max(5, t * 5)) };
}

/** Another finding's rows say the probe was answered 404: the path is wrong, whatever the restart row says. */
function probe404(f: Finding, config: AppConfig | undefined, all: readonly Finding[]): Names {
  if (f.category !== 'probe-failure') return {};
  const rows = [f, ...all].flatMap((o) => o.evidence ?? []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : ''));
  if (!rows.some((r) => /probe failed with statuscode: 404|failed with status code: 404/i.test(r))) return {};
  const type = (f.names?.probe ?? '').toLowerCase();
  const containers = list(config?.containers);
  const container = containers.find((c) => c?.name === f.names?.container) ?? containers[0];
  const probe = list(container?.probes).find((p) => (p?.type ?? '').toLowerCase() === type);
  if (!(typeof probe?.path === 'string' && /^\/[\w./-]{0,200}$/.test(probe.path))) return { probe404: 'yes' };
  // The example route is never the path the rows show failing (review v22 #97 suggested /healthz for a /healthz 404).
  const out: Names = { probe404Path: probe.path, probeExample: probe.path === '/healthz' ? '/health' : '/healthz' };
  const added = probeAdded(config, probe.type);
  if (added) out.probeRemoval = `, or remove the ${probe.type} probe the change since ${added} added (that revision ran without it)`;
  return out;
}

/** The healthy revision the change that added this probe type started from, when the configuration records it. */
function probeAdded(config: AppConfig | undefined, type: string | undefined): string | undefined {
  const changes = list(config?.changesSinceHealthy?.changes);
  const from = config?.changesSinceHealthy?.fromRevision;
  const added = changes.some((c) => c?.kind === 'probe-added' && typeof c.name === 'string' && c.name.toLowerCase() === (type ?? '').toLowerCase());
  return added && typeof from === 'string' ? from : undefined;
}

/**
 * A command override whose only word is an argument, not a program (`db:seed`, a Rake or Artisan task;
 * `--migrate`, a flag): the runtime looked for an executable of that name. Said only when the rows name
 * that very word as the executable not found and the configured command is that one word.
 */
function argAsProgram(names: Names, config: AppConfig | undefined): Names {
  const word = names.notOnPath;
  if (!word || !/^[\w.-]{1,60}:[\w:.-]{1,60}$|^--?[\w-]{1,60}$/.test(word)) return {};
  const containers = list(config?.containers);
  const container = containers.find((c) => c?.name === names.container) ?? containers[0];
  const command = list(container?.command);
  return command.length === 1 && command[0] === word ? { argAsProgram: word } : {};
}

/**
 * The change since the healthy revision raised the CPU per replica or the minimum: the new revision's own
 * minimum is the claim, not a doubling of it (review v22 #53: 2 x 1 cores before, 10 x 4 after). The
 * numbers, and the old CPU/memory pair to go back to when the change recorded both.
 */
function raisedClaim(config: AppConfig | undefined, min: number | undefined, cores: number): Names {
  const summary = typeof config?.changesSinceHealthy?.summary === 'string' ? config.changesSinceHealthy.summary.slice(0, 2000) : '';
  const cpu = /\bcpu (\d+(?:\.\d+)?) -> (\d+(?:\.\d+)?)/.exec(summary);
  const memory = /\bmemory (\d+(?:\.\d+)?(?:Gi|Mi)) -> \d/.exec(summary);
  const minimum = /\bminReplicas (\d+) -> (\d+)/.exec(summary);
  const raised = (cpu && Number(cpu[2]) > Number(cpu[1])) || (minimum && Number(minimum[2]) > Number(minimum[1]));
  if (!raised || !min || cores <= 0 || !cpu || !memory) return {};
  const oldMin = minimum ? Number(minimum[1]) : min;
  const round = (n: number): string => String(Math.round(n * 100) / 100);
  return {
    claimMin: String(min),
    claimCpu: round(cores),
    claimCores: round(min * cores),
    oldMin: String(oldMin),
    oldCpu: cpu[1]!,
    oldMemory: memory[1]!,
    oldCores: round(oldMin * Number(cpu[1])),
  };
}

/** NODE_MODULE_VERSION of each Node.js major (nodejs/node doc/abi_version_registry.json). */
const NODE_ABI: Readonly<Record<string, string>> = { '83': '14', '88': '15', '93': '16', '102': '17', '108': '18', '111': '19', '115': '20', '120': '21', '127': '22', '131': '23', '137': '24' };
const ABI_MISMATCH = /node_modules\/((?:@[\w.-]{1,60}\/)?[\w.-]{1,100})\/[\w./-]{0,200}\.node'? was compiled against a different Node\.js version using NODE_MODULE_VERSION (\d{1,4})\. This version of Node\.js requires NODE_MODULE_VERSION (\d{1,4})/;
/** A CPU architecture a tag names that Container Apps (linux/amd64) does not run. */
const ARCH_TAG = /^(.{1,100}?)[-_.](arm64v8|arm64|aarch64|armv7l?|armhf|arm32v7|arm|ppc64le|s390x)$/i;

/**
 * A native addon built elsewhere, with what the rows and the configuration name (reviews v22 #68, #69):
 * the addon and the two Node.js versions an ABI mismatch gives, or an image tag naming another CPU
 * architecture beside "Exec format error" (the amd64 tag of the same version is the one to run).
 */
function foreignAddon(f: Finding, image: string | undefined): Names {
  if (f.category !== 'missing-module' && f.category !== 'entrypoint-error') return {};
  const rows = (f.evidence ?? []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
  const out: Names = {};
  const abi = ABI_MISMATCH.exec(rows);
  if (abi && NODE_ABI[abi[2]!] && NODE_ABI[abi[3]!]) {
    Object.assign(out, { abiAddon: abi[1]!, builtAbi: abi[2]!, runAbi: abi[3]!, builtNode: NODE_ABI[abi[2]!]!, runNode: NODE_ABI[abi[3]!]! });
  }
  const parts = imageParts(image);
  const arch = parts.imageTag ? ARCH_TAG.exec(parts.imageTag) : null;
  if (arch && /Exec format error|invalid ELF header|wrong ELF class/i.test(rows)) {
    Object.assign(out, { archTag: parts.imageTag!, tagArch: arch[2]!, amd64Image: `${parts.imageName!}:${arch[1]!}-amd64` });
  }
  return out;
}

/** An init container that a finding names as the failing one: its image and command are what to fix. */
function failingInit(f: Finding, config: AppConfig | undefined, all: readonly Finding[]): Names {
  const inits = new Set(list(config?.initContainers).map((c) => c?.name).filter((n): n is string => typeof n === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(n)));
  if (inits.size === 0) return {};
  const named = [f, ...all].map((o) => o.names?.container).find((n): n is string => !!n && inits.has(n));
  return named ? { failingInit: named } : {};
}

/**
 * The cores the app's scale settings can claim: a rollout doubles the minimum (worth lowering only above
 * one replica), and a maximum well above it claims maxReplicas x the replica's cores at full scale-out.
 */
function replicaCores(config: AppConfig | undefined, main: { cpu?: unknown } | undefined): Names {
  const out: Names = {};
  const min = typeof config?.scale?.minReplicas === 'number' ? config.scale.minReplicas : undefined;
  const max = config?.scale?.maxReplicas;
  if (min !== undefined && min > 1) out.rolloutMin = String(min);
  const cores = list(config?.containers).reduce((sum, c) => sum + (typeof c?.cpu === 'number' && c.cpu > 0 ? c.cpu : 0), 0);
  Object.assign(out, raisedClaim(config, min, cores));
  if (typeof max === 'number' && cores > 0 && max > 2 * Math.max(min ?? 0, 1)) {
    Object.assign(out, { maxReplicas: String(max), replicaCores: String(Math.round(cores * 100) / 100), maxCores: String(Math.round(max * cores * 100) / 100) });
  }
  return out;
}

export function platformNames(f: Finding, config: AppConfig | undefined, names: Names, all: readonly Finding[] = []): Names {
  const out: Names = { ...warmedUp(f, all) };
  if (f.category === 'image-pull-failure') Object.assign(out, imageParts(names.image), untagged(names.image), registryNames(names.registry, config), dockerHub(names.image));
  Object.assign(out, yamlForm(config), probeTimeout(f, config), probe404(f, config, all));
  if (f.category === 'entrypoint-error' || f.category === 'missing-module') Object.assign(out, argAsProgram(names, config), failingInit(f, config, all), foreignAddon(f, names.image));
  if (f.category === 'storage-failure') Object.assign(out, secretVolume(names.volume ?? f.names?.volume, config));
  Object.assign(out, probeNames(f, config), memoryCut(config), nextNodeHeap(names), commandSplit(names));
  const main = list(config?.containers).find((c) => c?.name === (names.container ?? f.names?.container)) ?? list(config?.containers)[0];
  if (typeof main?.cpu === 'number' && main.cpu > 0) out.containerCpu = String(main.cpu);
  if (typeof main?.memory === 'string' && /^\d{1,3}(?:\.\d{1,3})?(?:Gi|Mi)$/.test(main.memory)) out.containerMemory = main.memory;
  const min = config?.scale?.minReplicas;
  if (typeof min === 'number' && min > 0) out.minReplicas = String(min);
  Object.assign(out, replicaCores(config, main));
  const latest = config?.latestRevisionName;
  if (typeof latest === 'string' && latest && names.revision && latest !== names.revision && !names.newRevision) out.newRevision = latest;
  if (f.category === 'port-misconfiguration') Object.assign(out, listeningPorts(config));
  if (names.volume === 'ephemeral-storage' || f.ruleId === 'system.ephemeral-storage') out.ephemeral = 'yes';
  return out;
}
