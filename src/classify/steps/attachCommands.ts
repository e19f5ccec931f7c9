/**
 * The last pass of classification: fills every step's command with the target's names (subscription,
 * resource group, app, revision, container) and the names derived from the configuration (the image's
 * registry, the secret a variable should read), adds the rollback when the configuration shows the last
 * healthy revision, and mirrors the step texts into the 1.0 `actions` list.
 */
import { printedRemedySteps, type PrintedRemedy } from './printedRemedy';
import { namedFailureSteps } from './namedFailure';
import type { AppConfig, ContainerSpec, Finding, FindingStep, Target } from '../../model';
import { configNames, portValue } from './configNames';
import { dependencyNames } from './dependencyNames';
import { misspelledVariableSteps } from './misspelledVariable';
import { commandNames, fillCommand, fillInlineCommands, shellQuote, withSubscription, type CommandNames } from './fillCommand';
import { deploySteps } from './deploy';
import { withoutCovered } from './padding';
import { ingressPortSteps } from './ingressPort';
import { nothingFailedSteps, recoveredSteps } from './recovered';
import { platformNames } from './platformNames';
import { previousImageSteps, rollbackSteps, withRollback } from './rollback';
import { ruleSteps, stepInputOf } from './ruleSteps';
import { appRuntimeNames, muslBaseOf } from './runtimeNames';
import { frameworkNames, migrationHistoryNames } from './frameworkNames';
import { commandWords, mainContainer } from '../stages/configChecks';
import { startScript } from './startScript';
import { packageRunnerNames } from './packageRunner';
import { memoryGiB } from '../memorySize';
import { roleNames } from './azureServices';
import { dnsInsteadOfFirewall, firewallSteps, placeFirewall, roleStep, withoutCredentialSteps } from './serviceSteps';
import { existingSecretFor, frameworkEnvName, missingFields } from './secretNames';
import { changeSteps, credentialSteps, existingSecretSteps, plainValueSteps, severalSettingsSteps } from './secretSteps';
import { authReadingSteps } from './authSteps';
import { fixCommandSteps } from './fixCommands';
import { jobSteps } from './jobSteps';
import { readOnlySetSteps } from './readOnlySet';
import { rotatedSecret, rotationSteps, withoutRotation } from './rotatedSecret';
import { installHint } from './installHints';
import { fittingSteps } from './fitting';
import { missingSettingSteps, removedVariableSteps } from './namedSettings';
import { siblingHostVar } from './siblingVars';
import { dependencyFrame } from './dependencyFrame';
import { RESTART_REVISION } from '../rules/commandTemplates';
import { secretRestartSteps } from './secretRestart';
import { knownPlaceholderSteps } from './knownPlaceholders';
import { bindVarNames } from './bindVariable';
import { privateNetworkSteps } from './privateNetwork';
import { protocolMismatchSteps } from './connectionOpened';
import { rowsOf } from './evidenceRows';
import { jvmOptionsNames } from './jvmOptionsVar';
import { phpLimitNames } from './phpLimitVar';
import { entrypointBypassOf, publicImageOf } from './publicImages';
import { initContainerSteps } from './initContainerCommands';
import { healthRouteSteps } from './healthRoutes';
import { hasPlainValue, localSidecarFor, secretConnectionVar } from './configuredAddress';

/**
 * Memory and CPU come in fixed pairs (2 GiB per CPU on the Consumption profile); the next pair up doubles
 * the memory, up to 4 CPU / 8 GiB. Undefined when the limit is unreadable or already at the top.
 */
export function nextResourcePair(memory: string | undefined): { cpu: string; memory: string } | undefined {
  const gi = memoryGiB(memory);
  if (gi === undefined) return undefined;
  const next = Math.min(8, Math.max(0.5, gi * 2));
  if (!(next > gi)) return undefined;
  return { cpu: String(next / 2), memory: `${next}Gi` };
}

/**
 * What an entrypoint failure's file is: a script (its shebang and line endings matter), build output
 * (the build did not run or was not copied), a bare name not on PATH, or a command that is not installed.
 * A Go source position the runtime prints (`container_linux.go:348`) is not the file, so it gives way to
 * the executable the same row names.
 */
function entrypointNames(f: Finding, names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const rows = (f.evidence ?? []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : ''));
  if (names.file && /\.go:\d+$/.test(names.file)) {
    const exe = rows.map((r) => /exec: \\?"([^"\\\s]{1,200})\\?": executable file not found/.exec(r)?.[1]).find(Boolean);
    if (exe) out.file = exe;
    else out.file = '';
  }
  const file = out.file ?? names.file;
  const notOnPath = rows.map((r) => /exec: \\?"([^"\\\s/]{1,200})\\?": executable file not found in \$PATH/.exec(r)?.[1]).find(Boolean);
  if (notOnPath) out.notOnPath = notOnPath;
  // An image tagged for arm64 that fails with "exec format error" is the architecture, not a shebang.
  const arm = /arm64|aarch64/i.test(names.image ?? '') && rows.some((r) => /exec format error/i.test(r));
  if (file && !arm && /\.(?:sh|bash)$|entrypoint|docker-entrypoint/i.test(file)) out.scriptFile = file;
  const build = file ? /^(.*?\/(?:dist|build|out|\.next))\//.exec(file)?.[1] : undefined;
  if (build && /\.(?:m?js|cjs)$/.test(file ?? '')) out.buildOutput = `${build}/`;
  if (names.command && !names.commandWords && f.ruleId === 'console.shell.command-not-found') {
    out.missingCommand = names.command;
    const hint = installHint(names.command);
    if (hint) out.installHint = hint;
  }
  return out;
}

/** A memory size (`2Gi`, `512Mi`, `1G`) in MiB. */
function mebibytes(size: string | undefined): number | undefined {
  const gi = memoryGiB(size);
  return gi === undefined ? undefined : gi * 1024;
}

/**
 * Sizes for a runtime's own heap cap, three quarters of the container's memory: Node's old space, the
 * JVM's options, and a PHP memory_limit that is only offered when it is above the one that was hit.
 */
function heapNames(names: Record<string, string>, rows: readonly string[], words: readonly string[] = [], allRows: readonly string[] = rows): Record<string, string> {
  const out: Record<string, string> = { javaToolOptions: '-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError' };
  const mib = mebibytes(names.memoryLimit);
  if (mib) out.nodeHeapMb = String(Math.floor((mib * 0.75) / 64) * 64);
  // A Node cap the start command already sets (`node --max-old-space-size=768 ...`) wins over NODE_OPTIONS:
  // a step may only raise it, in the command, and only with the container's memory when it is already at
  // three quarters of it (a "raise" to the same number changes nothing).
  const set = Math.max(0, ...words.map((w) => Number(/^--max-old-space-size=(\d{1,6})$/.exec(w)?.[1] ?? 0)));
  if (set > 0) {
    out.nodeHeapSet = String(set);
    if (out.nodeHeapMb && Number(out.nodeHeapMb) <= set) delete out.nodeHeapMb;
  }
  // An -Xmx the JVM reports (`set via '-Xmx4g'`) wins over MaxRAMPercentage: that flag is what to raise.
  const xmx = rows.map((r) => /-Xmx\d+[kKmMgG]?\b/.exec(r)?.[0]).find(Boolean);
  if (xmx && !names.heapCap) out.heapCap = xmx;
  if (mib) out.heapTarget = ` (about -Xmx${Math.floor((mib * 0.75) / 64) * 64}m)`;
  // V8's last GCs (`Mark-sweep 4044.7 (4133.4) -> ...`) say how big the heap already was: a cap at or
  // below that would fail sooner, so no number is proposed then.
  // V8 prints its last GCs beside the fatal line, often in a finding of their own: every finding's rows count.
  const inUse = Math.max(Number(names.gcHeapMb ?? 0) || 0, ...allRows.flatMap((r) => [...r.matchAll(/Mark-?(?:sweep|Compact)\s+(\d+(?:\.\d+)?)\s+\((\d+(?:\.\d+)?)\)/gi)].map((m) => Number(m[2]))));
  if (inUse > 0 && (!out.nodeHeapMb || Number(out.nodeHeapMb) <= inUse)) {
    delete out.nodeHeapMb;
    out.heapInUse = String(Math.round(inUse));
  }
  // The cap to set together with the next memory pair: three quarters of it, when that is above both the
  // cap already set and the heap already in use.
  const next = mebibytes(nextResourcePair(names.memoryLimit)?.memory);
  const raised = next ? Math.floor((next * 0.75) / 64) * 64 : 0;
  if (raised > Math.max(set, inUse) && (set > 0 || inUse > 0)) out.nodeHeapRaiseMb = String(raised);
  const current = Number(names.limit);
  if (Number.isFinite(current) && current > 0) {
    const currentMb = Math.round(current / 1048576);
    out.phpCurrent = `(${currentMb}M)`;
    const room = mib ? Math.floor((mib * 0.75) / 64) * 64 : undefined;
    const next = Math.min(currentMb * 2, room ?? currentMb * 2);
    if (next > currentMb) out.phpLimit = `${next}M`;
  }
  return out;
}

/** A chown the container's own start refused: GNU (`changing ownership of '/x'`) and BusyBox (`chown: /x:`) wording. */
const CHOWN_REFUSED = /\bchown: (?:changing ownership of )?'?(\/[^'\s:]{1,200})'?: Operation not permitted/;

/**
 * The image's entrypoint chowns a path on an Azure Files volume: no mount option makes SMB accept a chown,
 * so the steps skip it instead (and, for a public image that is known to do it, run its CMD directly).
 * A public image whose user is known (publicImages.ts) is mounted as that user instead, since its
 * entrypoint chowns only what it does not own.
 */
function chownNames(config: AppConfig | undefined, rows: readonly string[], container?: string): Record<string, string> {
  const path = rows.map((r) => CHOWN_REFUSED.exec(r)?.[1]).find(Boolean);
  // The container that failed (an init container, a sidecar) is the one whose mount and command count.
  const c = mainContainer(config, container);
  if (!path || !c) return {};
  const volumes = Array.isArray(config?.volumes) ? config.volumes : [];
  const mount = (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).find((m) => typeof m?.mountPath === 'string' && (path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)));
  const smb = volumes.some((v) => v?.name === mount?.volumeName && /^azurefile$/i.test(String(v?.storageType ?? '')));
  if (!mount || !smb) return {};
  const own = ownChown(config, c);
  if (own) return { chownRefused: path, ...own };
  if (publicImageOf(c.image)) return {};
  const bypass = entrypointBypassOf(c.image);
  return { chownRefused: path, ...(bypass ? { bypassCommand: bypass.command, bypassArgs: bypass.args, bypassUser: bypass.user } : {}) };
}

/**
 * The container's own command is the chown (`chown -R 1000:1000 /data`, an init container written to fix
 * ownership, or `sh -c "chown ... && ..."`): the command, not the image's entrypoint, is what to drop, and
 * its `uid:gid` are the ids the mount options should give.
 */
function ownChown(config: AppConfig | undefined, c: ContainerSpec): Record<string, string> | undefined {
  const words = commandWords(c);
  if (!c.name || !words.some((w) => /(?:^|[\s/;&|])chown\s|^chown$/.test(w.slice(0, 500)))) return undefined;
  const ids = words.map((w) => /(?:^|\s)(\d{1,7}):(\d{1,7})(?:\s|$)/.exec(w.slice(0, 500))).find(Boolean);
  const init = Array.isArray(config?.initContainers) && config.initContainers.some((i) => i?.name === c.name) && !(config.containers ?? []).some((m) => m?.name === c.name);
  return {
    chownCommandOf: c.name,
    chownContainerKind: init ? 'init container' : 'container',
    ...(ids ? { chownUid: ids[1]!, chownGid: ids[2]! } : {}),
  };
}

/** `DATABASE_URL` -> `database-url`: the secret name Container Apps accepts for a variable. */
export function secretNameFor(envVar: string): string {
  return envVar
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    // Runs first, then one hyphen at each end: /-+$/ would rescan a long run of hyphens from each of them.
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 253);
}

/** Registry host and, for Azure Container Registry, its resource name. */
function registryOf(image: string | undefined): { registry?: string; acrName?: string } {
  if (!image) return {};
  const first = image.split('/')[0] ?? '';
  if (!image.includes('/') || !/[.:]/.test(first)) return {};
  const acr = /^([a-z0-9]{5,50})\.azurecr\.(?:io|cn|us)$/i.exec(first);
  return { registry: first, ...(acr ? { acrName: acr[1]!.toLowerCase() } : {}) };
}

/**
 * How the last healthy revision set a variable the app now misses: the secret it read, when that secret
 * still exists, so the fix restores the known-good reference instead of inventing a new secret.
 */
function healthyEnv(envVar: string | undefined, config: AppConfig | undefined): Record<string, string> {
  const from = config?.changesSinceHealthy?.fromRevision;
  if (!envVar || !from) return {};
  const revision = (Array.isArray(config.revisions) ? config.revisions : []).find((r) => r?.name === from);
  const spec = (revision?.containers ?? []).flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).find((e) => e?.name === envVar);
  const secrets = new Set((Array.isArray(config.secrets) ? config.secrets : []).map((x) => x?.name));
  if (spec?.secretRef && secrets.has(spec.secretRef)) return { healthySecret: spec.secretRef, healthyRevision: from };
  return {};
}

/** A replica is named `<revision>-<pod hash>-<suffix>`; a revision is `<app>--<suffix>`. */
const REVISION_OF_REPLICA = /^([a-z0-9][a-z0-9-]{0,60}--[a-z0-9]{1,20})-[a-z0-9]{1,12}-[a-z0-9]{1,10}$/i;
/** The container a platform row names: `Container 'web' was terminated ...`. */
const CONTAINER_IN_ROW = /\bContainer '([A-Za-z0-9][A-Za-z0-9._-]{0,62})'/;

/**
 * The revision and container the finding's own rows were written by, so that a log or restart command
 * names them even when the alert carried neither (a command with `<revision>` in it is a blank to fill
 * at 3 a.m., while the row right above it says which one).
 */
function fromRows(f: Finding, others: readonly Finding[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of Array.isArray(f.evidence) ? f.evidence : []) {
    const revision = typeof e?.revision === 'string' && e.revision ? e.revision : REVISION_OF_REPLICA.exec(e?.replica ?? '')?.[1];
    if (revision && !out.revision) out.revision = revision;
    const container = e?.source === 'system' && typeof e.text === 'string' ? CONTAINER_IN_ROW.exec(e.text.slice(0, 500))?.[1] : undefined;
    if (container && !out.container) out.container = container;
  }
  // A finding read from the configuration has no rows: the one revision the other findings' rows were
  // written by is the failing one (a restart step names it instead of `<revision>`).
  if (!out.revision) {
    const revisions = new Set(
      others.flatMap((o) => (Array.isArray(o.evidence) ? o.evidence : []))
        .map((e) => (typeof e?.revision === 'string' && e.revision ? e.revision : REVISION_OF_REPLICA.exec(e?.replica ?? '')?.[1]))
        .filter((r): r is string => !!r),
    );
    if (revisions.size === 1) out.revision = [...revisions][0]!;
  }
  // A console line does not say its container; the platform's rows in the other findings do, when
  // they all name the same one.
  if (!out.container) {
    const seen = new Set(
      others.flatMap((o) => (Array.isArray(o.evidence) ? o.evidence : []))
        .filter((e) => e?.source === 'system' && typeof e.text === 'string')
        .map((e) => CONTAINER_IN_ROW.exec(e.text.slice(0, 500))?.[1])
        .filter((c): c is string => !!c),
    );
    if (seen.size === 1) out.container = [...seen][0]!;
  }
  // Else the container another finding named from its own rows (a back-off row names the container).
  if (!out.container) {
    const named = new Set(others.map((o) => o.names?.container).filter((c): c is string => typeof c === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(c)));
    if (named.size === 1) out.container = [...named][0]!;
  }
  return out;
}

function derivedNames(f: Finding, config: AppConfig | undefined, target: CommandNames, all: readonly Finding[] = []): Record<string, string> {
  const names: Record<string, string> = { ...(f.names ?? {}) };
  // The alert's (target's) names come first; the rows fill only what it left blank.
  for (const [k, v] of Object.entries(fromRows(f, all))) if (!names[k] && !target[k as 'revision' | 'container']) names[k] = v;
  for (const [k, v] of Object.entries(configNames(f, config, f.evidence ?? []))) if (!names[k]) names[k] = v;
  if (names.probePath && !names.path) names.path = names.probePath;
  // `lookup db on 127.0.0.11:53`: 53 is the resolver's port, not the dependency's.
  if (names.port === '53' && (f.evidence ?? []).some((e) => /\bon \S{1,60}:53\b/.test(e?.text?.slice(0, 2000) ?? ''))) delete names.port;
  if (f.category === 'entrypoint-error') Object.assign(names, entrypointNames(f, names));
  // A CRLF row that names only the interpreter (`env: 'ruby\r'`): the file is the script the command starts.
  if (f.ruleId === 'console.shell.crlf' && !names.file) {
    const script = startScript(mainContainer(config, names.container ?? target.container));
    if (script) names.file = script;
  }
  for (const [k, v] of Object.entries(dependencyFrame(f))) if (!names[k]) names[k] = v;
  if (f.category === 'permission-denied') Object.assign(names, chownNames(config, [f, ...all].flatMap(rowsOf), names.container));
  // A refused write names its file: the directory is what the image's ownership has to cover.
  if (f.category === 'permission-denied' && !names.fileDir) {
    const dir = /^(\/[\w.@+-]{1,100}(?:\/[\w.@+-]{1,100}){0,20})\/[^/]{1,200}$/.exec(names.file ?? '')?.[1];
    if (dir && dir !== '/') names.fileDir = dir;
  }
  if (f.category === 'crash-signal') Object.assign(names, muslBaseOf(config));
  // The framework and migration tool the configuration and rows show: runtime-specific step text is theirs only.
  const shown = { ...frameworkNames(mainContainer(config, names.container ?? target.container), [f, ...all].flatMap(rowsOf)), ...migrationHistoryNames([f, ...all].flatMap(rowsOf)) };
  for (const [k, v] of Object.entries(shown)) if (!names[k]) names[k] = v;
  if (f.category === 'forced-kill' && !names.shutdownLogged) Object.assign(names, shutdownLogged(all));
  // `npm start` as the command: npm keeps SIGTERM from the app; the step names the runner, not PID 1 in general.
  if (f.category === 'forced-kill') Object.assign(names, packageRunnerNames(mainContainer(config, names.container ?? target.container), [f, ...all].flatMap(rowsOf)));
  // The runtime the start command or the rows show: a step's tool text is that runtime's.
  const runtimeContainer = mainContainer(config, names.container ?? target.container);
  Object.assign(names, appRuntimeNames(commandWords(runtimeContainer), [f, ...all].flatMap(rowsOf)));
  // A .NET shared framework is part of the base image, never a package the project declares.
  if (f.category === 'missing-module' && /^Microsoft\.(?:AspNetCore|NETCore|WindowsDesktop)\.App$/.test(names.module ?? '')) names.dotnetFramework = names.module!;
  // A server on the loopback address whose configuration sets its listen-address variable: that variable.
  if (/^(?:127\.0\.0\.1|localhost|::1|\[::1\])$/.test(names.listenAddress ?? '')) Object.assign(names, bindVarNames(config, names.container ?? target.container, names.listenPort));
  if (f.category === 'authentication-failure') {
    const rows = (f.evidence ?? []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
    // The variable that holds an App Configuration endpoint names the store when the rows do not.
    const endpointVar = configEnv(config).find((e) => /app_?config(?:uration)?(?:__|_)?(?:endpoint|connection)|^AZURE_APPCONFIG/i.test(e.name))?.name;
    // The variable that holds a Key Vault URL names the vault the same way.
    const vaultVar = configEnv(config).find((e) => /KEY_?VAULT|VAULT_?(?:URL|URI|NAME|ENDPOINT)/i.test(e.name) && !/SECRET_NAME$|PASSWORD/i.test(e.name))?.name;
    Object.assign(names, roleNames(names.host, names.claim, rows, endpointVar, vaultVar));
  }
  if (f.category === 'dependency-unreachable') {
    for (const [k, v] of Object.entries(dependencyNames(f, names))) if (!names[k]) names[k] = v;
    // The variable to set: the one the configuration ties to the service, else the usual name for it.
    // The variable the configuration sets for the service beats the conventional name for it.
    const configured = names.envVar
      ? undefined
      : (configuredServiceVar(names.service, config) ?? changedAddressVar(config) ?? configuredClientVar(rowsOf(f), config, names.service) ?? secretConnectionVar(config, names.container ?? target.container));
    // The service's other variables under one prefix (POSTGRESQL_USER, POSTGRESQL_PASS) name its address variable better than the convention.
    const sibling = names.envVar || configured ? undefined : siblingHostVar(names.service, config);
    if (sibling) names.serviceVar = sibling.name;
    const usual = names.serviceVar && /^[A-Za-z_][A-Za-z0-9_]{0,60}$/.test(names.serviceVar) ? names.serviceVar : undefined;
    names.serviceSetting =
      names.envVar ??
      configured?.name ??
      (sibling
        ? `the variable that names ${names.service} (most likely ${sibling.name}, beside the ${sibling.siblings.join(' and ')} the app sets)`
        : names.serviceVar
          ? `the variable that names ${names.service} (usually ${names.serviceVar})`
          : `the setting that names ${names.service ?? 'the service'}`);
    const setVar = names.envVar ?? configured?.name ?? usual;
    if (setVar) {
      const secret = names.envVar ? (names.healthySecret ?? names.secret ?? secretNameFor(setVar)) : (configured?.secretRef ?? secretNameFor(setVar));
      Object.assign(names, { setVar, setSecret: secret });
    }
    if (!names.envVar && !configured && usual) names.guessedVar = usual;
    // The configured variable reads a secret: it is set, and the address inside the secret is what is wrong.
    if (!names.envVar && configured?.secretRef) names.serviceSecret = configured.secretRef;
    // The configured variable has a plain value: it is not unset, the value itself points at the wrong place.
    const addressVar = names.envVar ?? configured?.name;
    if (!names.serviceSecret && addressVar && hasPlainValue(config, names.container ?? target.container, addressVar)) names.serviceValue = 'yes';
    // The address itself is wrong (not the service behind it): a default, a compose name, a name that does not resolve.
    const dns = (f.evidence ?? []).some((e) => DNS_ROWS.test(e?.text?.slice(0, 2000) ?? ''));
    // A short name that resolved to an address (`kafka-svc` -> 100.100.60.12) is an app of the environment:
    // its address is right, and what to check is the app behind it.
    if (names.shortHost && !dns && resolvedName(names)) names.resolvedHost = names.shortHost;
    // A sidecar of the app serves the port on the loopback: the address is right, the sidecar was not up yet.
    else if (names.loopback && localSidecarFor(config, names.container ?? target.container, names.port)) names.localSidecar = localSidecarFor(config, names.container ?? target.container, names.port)!;
    else if (names.loopback || names.shortHost || dns) names.wrongAddress = 'yes';
  }
  // A dependency's address the app fell back to localhost for, read as the missing setting: when the app sets
  // the service's other variables under one prefix (POSTGRESQL_USER, POSTGRESQL_PASS), that prefix's host variable.
  if (f.ruleId === 'config.local-default-host' && !names.envVar) {
    const service = names.service ?? dependencyNames(f, names).service;
    const sibling = siblingHostVar(service, config);
    if (service && sibling) Object.assign(names, { service, siblingVar: sibling.name, siblingVars: sibling.siblings.join(' and ') });
  }
  // A setting the app reported missing, set through a variable the configuration names (DJANGO_SECRET_KEY).
  if (names.setting && !names.envVar && ['missing-configuration', 'configuration-change'].includes(f.category)) {
    const configured = configuredSetting(names.setting, config);
    if (configured) {
      names.envVar = configured.name;
      if (configured.secretRef && !names.secret) names.secret = configured.secretRef;
    }
    // A key in the framework's own syntax (`pricing.tax-service.url`) is set through the variable it reads.
    const framework = names.envVar ? undefined : frameworkEnvName(names.setting, rowsOf(f).join('\n'));
    if (framework) Object.assign(names, { envVar: framework.envVar, envFramework: framework.framework });
  }
  Object.assign(names, healthyEnv(names.envVar, config));
  // Known only from the configuration: a step can give way to the rollback the finding gets then.
  const from = config?.changesSinceHealthy?.fromRevision;
  if (typeof from === 'string' && from && !names.lastHealthy) names.lastHealthy = from;
  if (names.setting && /^[A-Za-z_][A-Za-z0-9_]{0,60}$/.test(names.setting) && !names.settingSecret) names.settingSecret = secretNameFor(names.setting);
  if (names.envVar && !names.envSecret) names.envSecret = names.healthySecret ?? names.secret ?? secretNameFor(names.envVar);
  // The container the finding is about (a failing sidecar or init container), else the main one.
  const container = mainContainer(config, names.container ?? target.container);
  const image = names.image ?? container?.image;
  if (image && !names.image) names.image = image;
  Object.assign(names, Object.fromEntries(Object.entries(registryOf(image)).filter(([k]) => !names[k])));
  if (image && !names.pinnedImage) Object.assign(names, pinnedImage(image, config));
  // An image on :latest (or no tag) already is the newest its repository publishes: "a newer tag" of it is none.
  if (image && !names.latestImage && /:latest$|^[^:@]+(?::\d{1,5}\/[^:@]+)?$/.test(image.slice(0, 400))) names.latestImage = image.slice(0, 400);
  if (container?.memory && !names.memoryLimit) names.memoryLimit = container.memory;
  const rows = (f.evidence ?? []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : ''));
  const words = [...(container?.command ?? []), ...(container?.args ?? [])].filter((w): w is string => typeof w === 'string');
  for (const [k, v] of Object.entries(heapNames(names, rows, words, [f, ...all].flatMap(rowsOf)))) if (k !== 'heapCap' || !names.heapCap) names[k] = v;
  const pair = nextResourcePair(names.memoryLimit);
  if (pair) Object.assign(names, { nextCpu: pair.cpu, nextMemory: pair.memory });
  // A server that sets its heap from its own options variable, not JAVA_TOOL_OPTIONS (jvmOptionsVar.ts).
  if (f.category === 'out-of-memory') {
    const envNames = (Array.isArray(container?.env) ? container.env : []).map((e) => e?.name).filter((n): n is string => typeof n === 'string');
    for (const [k, v] of Object.entries(jvmOptionsNames(image, envNames, [f, ...all].flatMap(rowsOf).join('\n'), names.memoryLimit, names.nextMemory))) if (!names[k]) names[k] = v;
    Object.assign(names, phpLimitNames(envNames, [f, ...all].flatMap(rowsOf)));
    // PHP's default 128M hit while the variable is set: a value PHP could not read left the default in place.
    if (names.phpLimitVar && !names.phpUnitless && names.phpCurrent === '(128M)') {
      names.phpDefaultNote = ` The limit hit is PHP's default 128M although ${names.phpLimitVar} is set: PHP reads a value without a unit (128 rather than 128M) as bytes, refuses it and keeps the default, so give the value its unit.`;
    }
  }
  if (image) {
    const repo = /^[^/]+\/([^:@]+)/.exec(image);
    if (repo && !names.repository) names.repository = repo[1]!;
  }
  // The app's system-assigned identity, read at paste time: the principal id is not in the evidence.
  const show = target.job ? 'containerapp job show' : 'containerapp show';
  if (target.app) {
    names.principalId = `$(az ${show} -n ${shellQuote(target.app)} -g ${shellQuote(target.resourceGroup ?? '<resource-group>')} --query identity.principalId -o tsv${
      target.subscription ? ` --subscription ${shellQuote(target.subscription)}` : ''
    })`;
  }
  // An app that selects a user-assigned identity (AZURE_CLIENT_ID) is refused as that identity, not the system one.
  if (target.app && names.identityVar) {
    names.userPrincipalId = `$(az ${show} -n ${shellQuote(target.app)} -g ${shellQuote(target.resourceGroup ?? '<resource-group>')} --query ${shellQuote('identity.userAssignedIdentities.*.principalId | [0]')} -o tsv${
      target.subscription ? ` --subscription ${shellQuote(target.subscription)}` : ''
    })`;
  }
  // A refusal that prints the caller's object id names the identity to grant, whichever it is.
  const printed = f.category === 'authentication-failure' ? rowPrincipal(f) : undefined;
  if (printed) Object.assign(names, { rowPrincipal: printed, principalId: printed, userPrincipalId: printed });
  // Event Hubs names a consumer group's path `<namespace>:eventhub:<hub>~<partition>|<group>`.
  const group = /^([a-z0-9-]{3,50}):eventhub:([\w.-]{1,256})~\d{1,6}\|([\w.$-]{1,50})$/i.exec(names.entity ?? '');
  if (group) Object.assign(names, { ehNamespace: group[1]!, eventHub: group[2]!, consumerGroup: group[3]! });
  if (names.portVar) {
    // The ports a step may move the app to: off a low port to 8080, or onto the ingress target port.
    names.portTo8080 = portValue(names.portVar, '8080');
    // A public image's own port variable moves a process that runs as a non-root user: not below 1024.
    const privileged = names.portVarFrom === 'image' && Number(names.expectedPort) < 1024;
    // Any other image may run as a non-root user too (umami's nextjs, .NET 8's app): the move says it needs root (v23 review B 94).
    if (Number(names.expectedPort) < 1024 && !names.privilegedNote) {
      names.privilegedNote = `(only a process running as root may bind a port below 1024: if the image runs as a non-root user, this fails to bind and moving ingress is the fix)`;
    }
    if (names.expectedPort && !privileged) names.portToExpected = portValue(names.portVar, names.expectedPort);
    if (names.appPort) names.portToApp = portValue(names.portVar, names.appPort);
  }
  for (const [k, v] of Object.entries(platformNames(f, config, names, all))) if (!names[k]) names[k] = v;
  if (names.acrName) names.acrId = `$(az acr show -n ${shellQuote(names.acrName)} --query id -o tsv)`;
  return names;
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** How refusals print the caller's object id: Cosmos DB `principal [id]`, Key Vault `oid=id`, ARM `object id 'id'`. */
const PRINCIPAL_IN_ROW = new RegExp(`\\bprincipal \\[?'?(${GUID})|\\boid=(${GUID})|\\bobject id '(${GUID})'|\\b(?:principalId|objectId)["']?[:=] ?["']?(${GUID})`, 'g');

/** The one principal id the rows print as the refused caller (none when they print several). */
function rowPrincipal(f: Finding): string | undefined {
  const ids = new Set<string>();
  for (const row of rowsOf(f)) for (const m of row.matchAll(PRINCIPAL_IN_ROW)) ids.add((m[1] ?? m[2] ?? m[3] ?? m[4])!.toLowerCase());
  ids.delete('00000000-0000-0000-0000-000000000000');
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** A version tag (`3.5.0`, `v1.7`, `2026.09.30`, `16-alpine`'s 16 is not) or a digest: the image cannot move. */
const VERSION_TAG = /:v?\d{1,6}\.\d{1,6}[\w.+-]{0,100}$|@sha256:[a-f0-9]{64}$/i;

/**
 * The image pinned to a version, when the change since the healthy revision did not replace it: a step
 * about a floating tag (latest moving to a new major version) does not apply to it.
 */
function pinnedImage(image: string, config: AppConfig | undefined): Record<string, string> {
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  if (changes.some((c) => c?.kind === 'image')) return {};
  return VERSION_TAG.test(image.slice(0, 400)) ? { pinnedImage: image.slice(0, 400) } : {};
}

/**
 * The app's own line saying it began shutting down (the finding of console.shutdown.sigterm): the app got
 * SIGTERM and handled it, so PID 1 and signal forwarding are not the question; the work it went on
 * doing past the grace period is. The line's last row, without the logger's prefix rows.
 */
function shutdownLogged(all: readonly Finding[]): Record<string, string> {
  const line = all.filter((o) => o.ruleId === 'console.shutdown.sigterm').flatMap(rowsOf)[0];
  const text = line?.split('\n').map((l) => l.trim()).filter(Boolean).pop()?.slice(0, 160);
  return text ? { shutdownLogged: text } : {};
}

/** The host is a name and the client printed the address it resolved to. */
function resolvedName(names: Record<string, string>): boolean {
  const ip = /^\d{1,3}(?:\.\d{1,3}){3}$/;
  return !!names.address && !!names.host && names.address !== names.host && ip.test(names.address) && !ip.test(names.host);
}

/** An address-like variable (a URL, host, broker, connection string). */
const ADDRESS_VAR = /(?:URL|URI|HOST|SERVERS?|BROKER|DSN|DATA_?SOURCE|ENDPOINT|CONNECTION)(?:_|$)/i;

/**
 * The one address variable the change since the healthy revision touched (`broker URL secret changed` on
 * CELERY_BROKER_URL): the dependency the new revision cannot reach is most likely the one it names.
 */
function changedAddressVar(config: AppConfig | undefined): { name: string; secretRef?: string } | undefined {
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  const touched = new Set(changes.filter((c) => /^env-/.test(c?.kind ?? '') && typeof c.name === 'string' && ADDRESS_VAR.test(c.name)).map((c) => c.name!));
  if (touched.size !== 1) return undefined;
  const name = [...touched][0]!;
  return configEnv(config).find((e) => e.name === name) ?? { name };
}

/**
 * The variable that names a dependency when its service's words are not in it: a client the rows name
 * (`celery@worker`) whose own address variable the configuration sets (CELERY_BROKER_URL), when only one does.
 */
function configuredClientVar(rows: readonly string[], config: AppConfig | undefined, service?: string): { name: string; secretRef?: string } | undefined {
  const text = rows.join('\n').toLowerCase();
  const address = configEnv(config).filter((e) => ADDRESS_VAR.test(e.name) && !addressesOtherService(e.name, service));
  const named = address.filter((e) => {
    const prefix = e.name.split('_')[0]?.toLowerCase() ?? '';
    return prefix.length >= 4 && !/PUBLIC/i.test(e.name) && new RegExp(`\\b${prefix}\\b`).test(text);
  });
  return named.length === 1 ? named[0] : undefined;
}

/** Every variable the app's containers set, in the current template and in the revisions the config lists. */
function configEnv(config: AppConfig | undefined): { name: string; secretRef?: string }[] {
  const containers = [
    ...(Array.isArray(config?.containers) ? config.containers : []),
    ...(Array.isArray(config?.revisions) ? config.revisions : []).flatMap((r) => (Array.isArray(r?.containers) ? r.containers : [])),
  ];
  const out = new Map<string, { name: string; secretRef?: string }>();
  for (const e of containers.flatMap((c) => (Array.isArray(c?.env) ? c.env : []))) {
    if (typeof e?.name === 'string' && !out.has(e.name)) out.set(e.name, { name: e.name, ...(typeof e.secretRef === 'string' ? { secretRef: e.secretRef } : {}) });
  }
  return [...out.values()];
}

/**
 * The variable the configuration sets for a setting the app reported missing: `SECRET_KEY` is read from
 * DJANGO_SECRET_KEY when that is the one variable ending in it. The configuration's name beats a guess.
 */
function configuredSetting(setting: string | undefined, config: AppConfig | undefined): { name: string; secretRef?: string } | undefined {
  if (!setting || !/^[A-Za-z_][A-Za-z0-9_]{0,60}$/.test(setting)) return undefined;
  const env = configEnv(config);
  const exact = env.find((e) => e.name === setting);
  if (exact) return exact;
  const ending = env.filter((e) => e.name.toUpperCase().endsWith(`_${setting.toUpperCase()}`));
  return ending.length === 1 ? ending[0] : undefined;
}

/** The words a variable naming each service carries (the service names are dependencyNames'). */
const SERVICE_VARS: Record<string, RegExp> = {
  Redis: /REDIS|CACHE/i,
  MongoDB: /MONGO/i,
  'Cosmos DB': /COSMOS/i,
  Kafka: /KAFKA|BOOTSTRAP_SERVERS/i,
  RabbitMQ: /RABBIT|AMQP|BROKER|CELERY_BROKER/i,
  // DBHOST: paperless-ngx's PAPERLESS_DBHOST, one word for the database host.
  // SQL: a server's own settings group (Mattermost's MM_SQLSETTINGS_DATASOURCE) names the relational database.
  PostgreSQL: /POSTGRES|(?:^|_)PG|DATABASE|SQL|(?:^|_)DB(?:_|$|HOST|SERVER|URL)/i,
  MySQL: /MYSQL|MARIADB|DATABASE|SQL|(?:^|_)DB(?:_|$|HOST|SERVER|URL)/i,
  'SQL Server': /SQL|DATABASE|ConnectionStrings|(?:^|_)DB(?:_|$|HOST|SERVER|URL)/i,
  Elasticsearch: /ELASTIC|OPENSEARCH/i,
  'the database': /DATABASE|(?:^|_)DB(?:_|$|HOST|SERVER|URL)/i,
};

/**
 * The one variable the configuration sets for a dependency's service that holds its address (HOST, URL,
 * URI, SERVER, a connection string); none when two could.
 */
function configuredServiceVar(service: string | undefined, config: AppConfig | undefined): { name: string; secretRef?: string } | undefined {
  const words = service ? SERVICE_VARS[service] : undefined;
  if (!words) return undefined;
  const matching = configEnv(config).filter((e) => words.test(e.name) && !/PASSWORD|PASS$|PWD|USER|PORT$|NAME$|KEY$/i.test(e.name));
  // Only a variable that holds an address is the one to fix (a group id or a database name is not).
  const address = matching.filter((e) => /HOST|URL|URI|SERVER|ADDR|CONNECTION|DSN|DATA_?SOURCE|ENDPOINT|BROKER/i.test(e.name));
  if (address.length > 0) return address.length === 1 ? address[0] : undefined;
  // A variable named for the service alone (paperless-ngx PAPERLESS_REDIS, a redis:// URL) holds its address.
  const named = matching.filter((e) => SERVICE_NAMED_VAR.test(e.name));
  return named.length === 1 ? named[0] : undefined;
}

/** A variable whose name ends in the service's own name: the app's whole address setting for it. */
const SERVICE_NAMED_VAR = /(?:^|_)(?:REDIS|MONGO(?:DB)?|ELASTICSEARCH|OPENSEARCH|KAFKA|RABBITMQ|AMQP|MEMCACHED?)$/i;

/** Variables that address a relational database (PAPERLESS_DBHOST, DB_HOST, DATABASE_URL, PGHOST). */
const DATABASE_VAR = /DATABASE|POSTGRES|MYSQL|MARIADB|(?:^|_)PG|(?:^|_)DB(?:_|$|HOST|PORT|SERVER|URL|NAME)/i;

/**
 * The variable addresses another service than the failing one: a database host is not where Redis lives
 * (v23 review case 74: PAPERLESS_DBHOST was rewritten for a Redis name that did not resolve).
 */
function addressesOtherService(name: string, service: string | undefined): boolean {
  if (!service) return false;
  const own = SERVICE_VARS[service];
  if (own?.test(name)) return false;
  if (DATABASE_VAR.test(name)) return !/PostgreSQL|MySQL|SQL Server|the database/.test(service);
  // Only a product's own name counts: a BROKER or CACHE variable may point at any of them (Celery on Redis).
  return Object.entries(PRODUCT_WORDS).some(([other, words]) => other !== service && words.test(name));
}

const PRODUCT_WORDS: Record<string, RegExp> = {
  Redis: /REDIS/i,
  MongoDB: /MONGO/i,
  'Cosmos DB': /COSMOS/i,
  Kafka: /KAFKA/i,
  RabbitMQ: /RABBIT|AMQP/i,
  Elasticsearch: /ELASTIC|OPENSEARCH/i,
};

/** Fills one template; substitutions (`$(...)`) are already-quoted command text, not values. */
function fill(template: string, names: Record<string, string>, target: CommandNames): string | undefined {
  const substitutions: Record<string, string> = {};
  const plain: Record<string, string> = {};
  for (const [k, v] of Object.entries(names)) {
    if (v.startsWith('$(az ')) substitutions[k] = v;
    else plain[k] = v;
  }
  let t = template;
  for (const [k, v] of Object.entries(substitutions)) t = t.replace(new RegExp(`\\{${k}(?:\\|[^{}]*)?\\}`, 'g'), () => v);
  return fillCommand(t, plain, target);
}

/**
 * A job has no revisions (its next execution reads the changed template), and an ingress change is
 * application-scope (no new revision): the rules' "this creates a new revision" is wrong for both.
 */
function revisionClause(text: string, command: string | undefined, target: CommandNames): string {
  // A job has no revision to create: its next execution reads the new template.
  if (target.job && /[;,] then create a new revision/.test(text)) return text.replace(/([;,]) then create a new revision/g, '$1 the next execution of the job reads it');
  if (!/creates a new revision/.test(text)) return text;
  if (target.job) return text.replace(/([;,.]) this creates a new revision/g, '$1 the next execution of the job uses it').replace(/This creates a new revision\./g, 'The next execution of the job uses it.');
  if (command && /^az containerapp ingress /.test(command) && !/--set-env-vars|--cpu|--image/.test(text)) {
    return text.replace(/; this creates a new revision/g, ' (an ingress setting: it applies without a new revision)');
  }
  return text;
}

/**
 * A job has executions, not revisions: a "restart the revision" step becomes "start a new execution",
 * and its restart command the job's `start` (the rules word it for apps, the usual target).
 */
function jobRestart(step: FindingStep, target: CommandNames): FindingStep {
  if (!target.job) return step;
  const text = step.text
    .replace(/A new secret value reaches the app only when the revision restarts: restart it after the change\./g, 'A new secret value reaches the job at its next execution: start one after the change.')
    .replace(/\b[Rr]estart the (?:failing )?revision\b/g, (m) => (m[0] === 'R' ? 'Start a new execution of the job' : 'start a new execution of the job'))
    .replace(/\brestart it\b/g, 'start a new execution');
  const command = step.command && /^az containerapp revision restart /.test(step.command) ? JOB_START : step.command;
  return command ? { text, command } : { text };
}
const JOB_START = 'az containerapp job start -n {app} -g {resourceGroup}';

function withCommands(steps: FindingStep[], names: Record<string, string>, target: CommandNames): FindingStep[] {
  // A job's executions have no replica floor or ceiling to pin: a step about its replicas means nothing there.
  const own = target.job ? steps.filter((s) => !(s.command && / --(?:min|max)-replicas\b/.test(s.command))) : steps;
  return own.map((raw) => {
    const s = jobRestart({ ...raw, text: fillInlineCommands(raw.text, target) }, target);
    if (!s.command) return { ...s, text: revisionClause(s.text, undefined, target) };
    // A data plane with its own assignment command (Cosmos DB) replaces the ARM role assignment.
    const template = names.roleCommand && /^az role assignment create .*--role \{dataRole\}/.test(s.command) ? names.roleCommand : s.command;
    const command = fill(template, names, target);
    const text = revisionClause(s.text, s.command, target);
    return command ? { text, command } : { text };
  });
}

/** A name that did not resolve, as resolvers and client libraries word it. */
const DNS_ROWS = /could not translate host name|Name or service not known|getaddrinfo|no such host|ENOTFOUND|UnknownHostException|Temporary failure in name resolution|server misbehaving/i;

/**
 * A missing variable the rows name is set in Azure, so its step gets the two commands that do it (the
 * secret, then the reference) when the rule's own steps carry none; a variable the app must not keep in
 * plain text is the common case, so the secret comes first.
 */
function settingCommands(f: Finding, made: FindingStep[], names: Record<string, string>): FindingStep[] {
  if (f.benign || !names.envVar || !['missing-configuration', 'configuration-change'].includes(f.category)) return [];
  if (made.some((s) => s.command && /--set-env-vars|secret set/.test(s.command))) return [];
  const secret = names.envSecret ?? secretNameFor(names.envVar);
  const steps: FindingStep[] = [];
  if (!names.healthySecret) {
    steps.push({ text: `Store the value of ${names.envVar} as app secret ${secret} (replace <value>).`, command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret}=<value>` });
  }
  steps.push({
    text: `Set ${names.envVar} on the container from secret ${secret}; this creates a new revision.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${names.envVar}=secretref:${secret}`,
  });
  return steps;
}

/**
 * A kill after the change since the healthy revision lowered memory: the numbers the change shows, and
 * the command that sets them back (the rollback would too, but this keeps every other change).
 */
function resourceCut(f: Finding, config: AppConfig | undefined, names: Record<string, string>): FindingStep[] {
  const summary = config?.changesSinceHealthy?.summary;
  if (f.benign || typeof summary !== 'string') return [];
  const killed = f.category === 'out-of-memory' || f.category === 'configuration-change' || names.signal === 'SIGKILL' || names.exitCode === '137';
  const memory = /\bmemory (\d+(?:\.\d+)?(?:Gi|Mi|G|M)) -> (\d+(?:\.\d+)?(?:Gi|Mi|G|M))/.exec(summary.slice(0, 2000));
  if (!killed || !memory || !((mebibytes(memory[2]) ?? 0) < (mebibytes(memory[1]) ?? 0))) return [];
  const cpu = /\bcpu (\d+(?:\.\d+)?) -> (\d+(?:\.\d+)?)/.exec(summary.slice(0, 2000));
  const from = config?.changesSinceHealthy?.fromRevision;
  return [
    {
      text: `The change since ${from ?? 'the last healthy revision'} cut memory from ${memory[1]} to ${memory[2]}${cpu ? ` (CPU ${cpu[1]} to ${cpu[2]})` : ''}: set it back; this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu ${cpu ? cpu[1] : (names.nextCpu ?? '<cpu>')} --memory ${memory[1]}`,
    },
  ];
}

/** What a last error line's words say to fix, when they say it: a config file the app rejected, a path, a host. */
const LAST_LINE_FIXES: readonly { re: RegExp; fix: (m: RegExpExecArray) => string }[] = [
  {
    re: /(?:config(?:uration)?|parse|parsing|load(?:ing)?|read(?:ing)?|invalid|yaml|json)[^\n]{0,80}?['"`(\s](\/[\w./-]{1,200}\.(?:ya?ml|json|toml|conf|cfg|ini|xml|properties))\b/i,
    fix: (m) => `The app rejected its configuration file ${m[1]}: correct the entry the message points at (the key or path after the file name), validate the file locally, then rebuild the image or update the volume it comes from.`,
  },
  {
    re: /(?:no such file or directory|ENOENT|FileNotFoundError|cannot find|not found)[^\n]{0,80}?['"`(\s](\/[\w./-]{1,200})/i,
    fix: (m) => `The app looked for ${m[1]} and it is not there: add it to the image (or mount it), or point the app at the path it really has.`,
  },
  {
    // golang-migrate stops on a migration that failed part-way before (https://github.com/golang-migrate/migrate/blob/master/FAQ.md).
    re: /Dirty database version (\d{1,20})\. Fix and force version/,
    fix: (m) => `Migration ${m[1]} failed part-way in an earlier run and left the schema_migrations table marked dirty: check what it applied, finish or undo that by hand and fix the migration, then run \`migrate force <version>\` with the last version fully applied (${m[1]} if you finished it, the one before if you undid it), and run the migrations again.`,
  },
  {
    re: /(?:permission denied|EACCES|read-only file system)[^\n]{0,80}?['"`(\s](\/[\w./-]{1,200})/i,
    fix: (m) => `The app may not write or open ${m[1]}: give the image's user access to it, or use a path it owns.`,
  },
];

/**
 * A bare exit code (or the vocabulary's reading) whose evidence carries the app's own last error line: the step quotes that line and,
 * when its words name what is wrong, says what to fix, instead of only "read the logs" (the line is
 * already here, in the evidence).
 */
function lastLineSteps(f: Finding, steps: FindingStep[]): FindingStep[] {
  // The vocabulary's reading is as generic as an exit code's: the app's own line says more than either.
  const bareExit = /^exit\./.test(f.ruleId) && f.confidence < GUESS;
  if (f.benign || !(bareExit || f.ruleId === 'engine.vocabulary')) return steps;
  const last = [...(f.evidence ?? [])].reverse().find((e) => e?.source === 'console' && typeof e.text === 'string' && /\S/.test(e.text));
  if (!last) return steps;
  // A cause step the rows' words called for (a failed migration) stood the generic ones down: it says the fix.
  if (f.ruleId === 'exit.1' && !steps.some((s) => /^Read the console log of the same replica|^Run the same image locally/.test(s.text))) return steps;
  const text = last.text.slice(0, 2000).replace(/\s+/g, ' ').trim();
  const quoted = text.length > 220 ? `${text.slice(0, 217)}...` : text;
  const fix = LAST_LINE_FIXES.map((x) => { const m = x.re.exec(text); return m ? x.fix(m) : undefined; }).find(Boolean);
  // The vocabulary's own steps stand unless the line names a file to fix.
  if (f.ruleId === 'engine.vocabulary' && !fix) return steps;
  const lead: FindingStep = { text: `The app's last error line names the failure: "${quoted}". ${fix ?? 'Fix what it names (the file, setting or dependency in that line), then redeploy.'}` };
  // The line is the failure: reading the log again or reproducing it to see the error adds nothing.
  const rest = steps.filter((s) => !/^Read the console log of the same replica|^Run the same image locally/.test(s.text));
  return [lead, ...rest];
}

/** Failures that live in what an image carries: its code, its modules and binaries, its entrypoint. */
const IMAGE_BORNE = new Set(['missing-module', 'crash-signal', 'entrypoint-error', 'application-error']);
/** Words of a variable's name too common to tie it to a row (`APP_CONFIG_URL` names nothing by "config"). */
const COMMON_WORDS = new Set(['enable', 'enabled', 'config', 'settings', 'value', 'string', 'server', 'service', 'level', 'default', 'options', 'connection', 'secret', 'password']);

/**
 * The change since the healthy revision is what broke it, so going back is the first step, before any
 * fix in place: the image is all that changed and the failure is one an image carries (a module, a
 * binary, the code), or a variable the change set names what the failing rows are about
 * (GF_INSTALL_PLUGINS and a plugin download that times out).
 */
function changeBrokeIt(f: Finding, config: AppConfig | undefined): boolean {
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  if (changes.length === 0) return false;
  if (IMAGE_BORNE.has(f.category) && changes.every((c) => c?.kind === 'image')) return true;
  const rows = rowsOf(f).join('\n').toLowerCase();
  return changes.some((c) => {
    if (!/^env-(?:added|changed)$/.test(String(c?.kind)) || typeof c.name !== 'string') return false;
    const words = c.name.slice(0, 120).toLowerCase().split(/[_\W]+/).filter((w) => w.length >= 5 && !COMMON_WORDS.has(w));
    return words.some((w) => new RegExp(`\\b${w}\\b`).test(rows));
  });
}

/** Below this confidence a finding names no cause of its own (an exit code, a generic reading). */
const GUESS = 0.5;

/** The app's state as the classifier judged it: a recovered app's primary finding gets shorter steps. */
export interface StateNote {
  state: string;
  since?: string;
  /** How many times the app went down in the window before it recovered (state.ts), when more than once. */
  failures?: number;
}

export function attachCommands(findings: Finding[], target: Target | undefined, config: AppConfig | undefined, state?: StateNote, remedies: readonly PrintedRemedy[] = []): Finding[] {
  const t = commandNames(target, config);
  // A secret whose value the change updated: going back does not undo it (secrets are app-wide).
  const rotation = rotatedSecret(config);
  const rollback = t.job || rotation ? [] : rollbackSteps(config, t);
  const changeFinding = findings.find((f) => f.category === 'configuration-change');
  const touched = new Set(
    (Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [])
      .map((c) => c?.name)
      .filter((n): n is string => typeof n === 'string'),
  );
  return findings.map((f, index) => {
    const names = derivedNames(f, config, t, findings);
    // The app went down more than once, or is still down: a step for a single failure the next start got past does not fit.
    const looped = state && (/^(?:crash-looping|failing-to-start)$/.test(state.state) || (state.failures ?? 0) > 1);
    if (looped && !names.repeatedFailure) names.repeatedFailure = state.failures && state.failures > 1 ? String(state.failures) : state.state;
    const input = stepInputOf(f);
    const made = input ? ruleSteps({ ...input, names }) : (f.steps ?? f.actions.map((text) => ({ text })));
    const fw = firewallSteps(f, names, t.app);
    for (const [k, v] of Object.entries(fw.names)) if (!names[k]) names[k] = v;
    const kept = dnsInsteadOfFirewall(f, placeFirewall(withoutCredentialSteps(f, made), fw.steps), names.exception);
    let steps = withCommands([...resourceCut(f, config, names), ...kept, ...roleStep(f, kept, names), ...settingCommands(f, kept, names)], names, t);
    steps = secretAndSettingSteps(f, steps, names, config, t);
    steps = previousImageSteps(f, steps, config, (s) => withCommands([s], names, t)[0]!);
    steps = nothingFailedSteps(f, lastLineSteps(f, steps));
    // The catch-all "fix what it names" made specific from the exception and message the evidence holds.
    steps = namedFailureSteps(f, steps, names, config, (s) => withCommands([s], names, t)[0]!);
    steps = [...steps, ...withCommands(deploySteps(f, steps, names, config), names, t)];
    const recovered = index === 0 && state?.state === 'recovered' ? recoveredSteps(f, steps, names, state.since, config, t.job, state.failures) : undefined;
    if (recovered) steps = recovered;
    // A recovered app runs on the failing revision again: going back would undo what now works.
    // A Secret volume that lists a removed secret: secrets are app-wide, so going back does not restore it.
    if (rollback.length > 0 && !f.benign && !recovered && !names.volumeSecretMissing) {
      if (f === changeFinding) steps = withRollback(rollback, steps, true);
      // The primary cause gets the way back too: first when the change touched what it names, or when
      // the cause is only a guess (a bare exit code), since going back is then the one step that surely helps.
      else if (index === 0 && changeFinding) {
        const first = (f.names?.envVar && touched.has(f.names.envVar)) || f.confidence < GUESS || changeBrokeIt(f, config);
        steps = withRollback(rollback, steps, !!first);
      }
    }
    const make = (s: FindingStep): FindingStep => withCommands([s], names, t)[0]!;
    steps = plainValueSteps(f, withoutCovered(changeSteps(f, steps, names, withoutRotation(config, rotation), make)), names.envVar ?? names.setVar, config);
    steps = rotationSteps(f, steps, rotation);
    // A generic reading of the primary cause, while the evidence names the settings behind it.
    if (index === 0) steps = missingSettingSteps(f, removedVariableSteps(f, steps, config, make), config, make);
    // The command that applies each fix the steps name (fixCommands.ts), then the fit: no repeated command.
    steps = fixCommandSteps({ f, steps, names, config, target: t, make, all: findings });
    // Blanks the rows or the configuration fill, then: a secret whose value changed reaches the app by a restart.
    steps = knownPlaceholderSteps({ f, steps, names, config, rows: findings.flatMap(rowsOf).join('\n'), make });
    steps = misspelledVariableSteps(f, steps, names, config, make);
    steps = privateNetworkSteps(f, steps, names, make, !!recovered);
    // A connection the rows show opened and then closed: the protocol, not the network path (connectionOpened.ts).
    steps = protocolMismatchSteps(f, steps, names);
    steps = secretRestartSteps(f, steps, config, make);
    steps = fittingSteps(f, steps, config, rowsOf(f).join('\n'));
    steps = ingressPortSteps(f, steps, config);
    // A probe's 404 on a public image: the route that image documents, not a guess (healthRoutes.ts).
    steps = healthRouteSteps(steps, config);
    // A command for the failing init container goes through the YAML: the CLI cannot address one.
    steps = initContainerSteps(steps, names.container, config, make);
    // A "Set X" step whose command only reads sets X itself; no secret for a plain setting (readOnlySet.ts).
    steps = readOnlySetSteps(f, steps, make);
    // The fix the library printed itself, quoted first for the primary cause (printedRemedy.ts).
    if (index === 0) steps = printedRemedySteps(f, steps, remedies, (text) => fillInlineCommands(text, t));
    // A job's steps in a job's words (executions, not revisions), with the start its fix needs (jobSteps.ts).
    steps = jobSteps(f, steps, config, !!t.job, make, !!recovered);
    // Last: later passes put `$(az ...)` reads into filled commands; each ARM one is pinned, no Graph one.
    steps = steps.map((s) => (s.command ? { ...s, command: withSubscription(s.command, t.subscription) } : s));
    return { ...f, steps, actions: steps.map((s) => s.text) };
  });
}

/**
 * The steps about variables and secrets, rewritten with the configuration's names (secretSteps.ts):
 * every missing setting, the framework's variable, the secret the app already has, the credential refused.
 */
function secretAndSettingSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, config: AppConfig | undefined, t: CommandNames): FindingStep[] {
  const make = (s: FindingStep): FindingStep => withCommands([s], names, t)[0]!;
  const rows = rowsOf(f);
  let out = severalSettingsSteps(f, steps, missingFields(rows), make);
  if (names.envFramework && names.setting && names.envVar) {
    const note = `${names.envFramework} reads ${names.setting} from the environment variable ${names.envVar}. `;
    const at = out.findIndex((s) => s.text.includes(names.envVar!));
    if (at >= 0) out = out.map((s, i) => (i === at ? { ...s, text: note + s.text } : s));
  }
  const existing = names.healthySecret ? undefined : existingSecretFor(names.envVar ?? names.setVar, config);
  if (existing) names.existingSecret = existing.secret;
  // The change since the healthy revision removed the variable to point: the step says so.
  const pointed = names.envVar ?? names.setVar;
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  if (pointed && changes.some((c) => c?.kind === 'env-removed' && c.name === pointed)) names.removedEnvVar = pointed;
  out = existingSecretSteps(f, out, names, existing, make);
  out = alreadyReads(f, out, names, config, make);
  // A name that resolved is an app of the environment: "if it is not a container app" does not apply.
  if (names.resolvedHost) out = out.filter((s) => !s.text.startsWith(`If ${names.resolvedHost} is not a container app`));
  if (f.category === 'authentication-failure' && names.secret && !names.secretVar) {
    const reader = configEnv(config).find((e) => e.secretRef === names.secret);
    if (reader) names.secretVar = reader.name;
  }
  out = credentialSteps(f, out, names, rows.join('\n'), make);
  return authReadingSteps({ f, steps: out, names, rows: rows.join('\n'), config, make });
}

/**
 * The variable to fix already reads the secret the steps store the right value in: pointing it there
 * again changes nothing, while the new value reaches the app only with a restart.
 */
function alreadyReads(f: Finding, steps: FindingStep[], names: Record<string, string>, config: AppConfig | undefined, make: (s: FindingStep) => FindingStep): FindingStep[] {
  const v = names.setVar;
  const secret = names.setSecret;
  if (f.benign || !v || !secret || f.category !== 'dependency-unreachable') return steps;
  const current = (Array.isArray(config?.containers) ? config.containers : []).flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).find((e) => e?.name === v);
  if (current?.secretRef !== secret) return steps;
  const pointing = `--set-env-vars ${v}=secretref:${secret}`;
  return steps.map((s) =>
    (s.command ?? '').includes(pointing)
      ? make({ text: `${v} already reads secret ${secret}: restart the revision so it takes the new value.`, command: RESTART_REVISION })
      : s,
  );
}
