/**
 * Sub-causes the category's template reads as another cause (issue #11, docs/steps-review-v16-fresh.md,
 * ninth round): a probe answered 404 or 5xx (a wrong path, a failing health handler, not a hang), a port
 * held by a second container of the replica (not a bind address), a full Azure Files share (not the
 * replica's disk), an OOM kill with memory evidence (not ephemeral storage). Each pass works on the
 * finished steps of one finding with the names the rows and the configuration give, and leaves every
 * other finding as it was.
 */
import type { AppConfig, ContainerSpec, FindingStep, ProbeSpec } from '../../model';
import { CONSOLE_TAIL, MEMORY_METRIC, RAISE_MEMORY_NEXT, SHOW_PROBES, RESTART_REVISION } from '../rules/commandTemplates';
import { APPLY_YAML, viaYaml, type FixInput } from './fixCommands';
import { rowsOfAll } from './evidenceRows';
import { publicImageOf } from './publicImages';

function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}


function containerOf(input: Pick<FixInput, 'config' | 'names' | 'target'>): ContainerSpec | undefined {
  const containers = list(input.config?.containers);
  return containers.find((c) => c?.name === (input.names.container ?? input.target.container)) ?? containers[0];
}

// ---------------------------------------------------------------------------------------------------
// Probes: the status the probe got says which sub-cause it is

const STATUS_404 = /(?:statuscode|status code):? ?404\b/i;
const STATUS_5XX = /(?:statuscode|status code):? ?(5\d\d)\b/i;
/** The probe types the platform says failed: `Readiness probe failed`, `failed liveness probe, will be restarted`. */
const PROBE_FAILED = /\b(Liveness|Readiness|Startup) probe failed|\bfailed (liveness|readiness|startup) probe\b/gi;
/** Steps written for a probe that timed out or a start that was slow: they do not fit an answer the app gave. */
const HANG_STEP =
  /^(?:Check what the app was doing in its last console lines before the probe|Check the probe's path, port and timeout against how fast the app answers|The app was still starting when the probe killed it|If the app is still starting when it is killed|Give a slow starter a startup probe|Check that the \w* ?probe's port)/;
const SAYS_404 = /answers 404 on/;

function typeName(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** The probe types the rows say failed, in the order they first appear. */
function failedTypes(rows: readonly string[]): string[] {
  const types: string[] = [];
  for (const r of rows) {
    for (const m of r.matchAll(PROBE_FAILED)) {
      const t = typeName((m[1] ?? m[2])!);
      if (!types.includes(t)) types.push(t);
    }
  }
  return types;
}

/**
 * The HTTP probes to fix: the ones the rows say failed, and every other probe that checks the same path and
 * port (a Liveness and a Readiness probe on one /healthz fail together; fixing one leaves the other failing).
 * With no type in the rows, the one HTTP probe, or the one the finding names.
 */
function failingProbes(input: FixInput, rows: readonly string[]): ProbeSpec[] {
  const http = list(containerOf(input)?.probes).filter((p) => p && p.transport !== 'tcp' && typeof p.path === 'string');
  const types = failedTypes(rows);
  const named = types.length > 0 ? http.filter((p) => types.includes(String(p.type))) : http.filter((p) => p.type === input.names.probe);
  const failed = named.length > 0 ? named : http.length === 1 ? http : [];
  return http.filter((p) => failed.includes(p) || failed.some((f) => f.path === p.path && f.port === p.port));
}

/** The type of probe that restarts a container (Liveness, Startup) when the rows say one failed. */
function killerType(rows: readonly string[]): string | undefined {
  return failedTypes(rows).find((t) => t !== 'Readiness');
}

/** How the failing probes are named in a step: `the Liveness and Readiness probes (httpGet /healthz on port 80)`. */
function probeLabel(probes: readonly ProbeSpec[], path: string | undefined): string {
  const p = probes[0];
  const where = p?.path ?? path;
  const detail = where ? ` (httpGet ${where}${p?.port ? ` on port ${p.port}` : ''})` : '';
  const types = probes.map((x) => x.type).filter((t): t is NonNullable<typeof t> => !!t);
  if (types.length > 1 && probes.every((x) => x.path === p?.path && x.port === p?.port)) {
    return `the ${types.slice(0, -1).join(', ')} and ${types[types.length - 1]} probes${detail}`;
  }
  return `the ${p?.type ? `${p.type} ` : ''}probe${detail}`;
}

/** Which of the probes restarted the container, when the rows say so and it is not the only one named. */
function killerNote(probes: readonly ProbeSpec[], rows: readonly string[]): string {
  const killer = killerType(rows);
  if (!killer || probes.length < 2 || !probes.some((p) => p.type === killer)) return '';
  return ` The ${killer} probe's failures are what restarted the container; a Readiness probe only takes the replica out of traffic, so fix every probe on that path.`;
}

/**
 * A probe that got HTTP 404: the app is up and has no such route, so the path is the fix; a probe that got
 * a 5xx: the health handler itself fails. Neither is a hang, so the timeout and slow-start steps go.
 * A refused connection or a timeout keeps the category's steps.
 */
export function probeStatusSteps(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || f.category !== 'probe-failure') return steps;
  const rows = rowsOfAll(input);
  const notFound = rows.some((r) => STATUS_404.test(r));
  const probes = failingProbes(input, rows);
  const probe = probes[0];
  // A startup (or readiness) probe answered 503 while the app warms up by design: that stays a start-time question.
  const startup = probe?.type === 'Startup' || rows.some((r) => /Startup probe failed|failed startup probe/i.test(r));
  const code = notFound || startup ? undefined : rows.map((r) => STATUS_5XX.exec(r)?.[1]).find(Boolean);
  if (!notFound && !code) return steps;
  const path = probe?.path ?? input.names.probe404Path ?? input.names.path;
  const label = probeLabel(probes, path);
  const several = probes.length > 1;
  const kept = steps.filter((s) => !HANG_STEP.test(s.text));
  if (notFound) {
    // A probe fix the steps already make (a path a change moved, a management port) is the named one.
    if (kept.some((s) => /--yaml/.test(s.command ?? '') && /probe/i.test(s.text))) return kept;
    const fix = [input.make({ text: `${cap(label)} ${several ? 'get' : 'gets'} HTTP 404${path ? ` from ${path}` : ''}: the app is up but serves no such route, so ${several ? 'they fail' : 'the probe fails'} however long ${several ? 'they wait' : 'it waits'}.${killerNote(probes, rows)} Set ${several ? "each probe's" : "the probe's"} httpGet.path to the health route the app serves, or add ${path ?? 'that path'} to the app. ${viaYaml(input, several ? "change the path of each of those probes under the container's probes" : "change the probe's path under the container's probes")}`, command: APPLY_YAML })];
    const rest = kept.filter((s) => !(SAYS_404.test(s.text) && !/--yaml/.test(s.command ?? '')));
    const show = rest.concat(fix).some((s) => (s.command ?? '').includes('.probes')) ? [] : [input.make({ text: `Show the probes as deployed: the path${path ? ` ${path}` : ''} and port each one checks.`, command: SHOW_PROBES })];
    return [...fix, ...rest, ...show];
  }
  const read = input.make({
    text: `${cap(label)} reached the app and got HTTP ${code}: the health handler itself fails, it does not hang, so a longer timeout or a startup probe does not help.${killerNote(probes, rows)} Read the app's console lines at the probe times for the handler's error.`,
    command: CONSOLE_TAIL,
  });
  const deps = input.make({
    text: `Check what ${path ?? 'the health endpoint'} checks: a handler that tests a database, cache or downstream service answers ${code} whenever that dependency is down, and a liveness probe then restarts a healthy process. Fix the dependency, or point the liveness probe at a route that checks only the process and keep dependency checks on the readiness probe. ${viaYaml(input, "edit the container's probes")}`,
    command: APPLY_YAML,
  });
  return [read, deps, ...kept.filter((s) => !/--yaml/.test(s.command ?? '') || !/probe/i.test(s.text))];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------------
// A port held by another container of the replica

const IN_USE = /address already in use|EADDRINUSE|Connection in use|port is already allocated|Only one usage of each socket address/i;
/** The port an in-use row names: `('127.0.0.1', 5000)`, `:::5000`, `0.0.0.0:8080`, `port 5000`. */
const IN_USE_PORT = /(?:', |:|\bport )(\d{2,5})\b(?!:\d)/;
const BIND_STEP = /0\.0\.0\.0|all interfaces|hard-coded listen address|\[::\]|^Other containers share this replica's network/;
/** Ports the Dapr sidecar listens on inside the replica (HTTP and gRPC APIs, health, metrics). */
const DAPR_PORTS = new Set([3500, 3501, 50001, 9090]);

function inUsePort(rows: readonly string[]): number | undefined {
  for (const r of rows) {
    const at = r.search(IN_USE);
    if (at < 0) continue;
    // After the words first (`in use: ('127.0.0.1', 5000)`), else the last port before them (`:8080: bind: address already in use`).
    const after = IN_USE_PORT.exec(r.slice(at, at + 120));
    const before = [...r.slice(Math.max(0, at - 80), at).matchAll(new RegExp(IN_USE_PORT.source, 'g'))].pop();
    const m = after ?? before;
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The other container that holds the port: its name beside the port in a row, or the port in its command. */
function holderOf(port: number, others: readonly ContainerSpec[], rows: readonly string[], config: AppConfig | undefined): string | undefined {
  const p = String(port);
  const named = others.find((c) => rows.some((r) => r.includes(c.name) && new RegExp(`(?:^|\\D)${p}(?:\\D|$)`).test(r) && !IN_USE.test(r)));
  if (named) return named.name;
  const byCommand = others.find((c) => [...list(c.command), ...list(c.args)].some((w) => typeof w === 'string' && new RegExp(`(?:^|\\D)${p}$`).test(w)));
  if (byCommand) return byCommand.name;
  if (config?.dapr?.enabled && DAPR_PORTS.has(port)) return 'daprd (the Dapr sidecar)';
  return undefined;
}

/** A variable that sets the port the container listens on (`PORT`, `APP_PORT`, `SERVER_PORT`). */
const OWN_PORT_VAR = /^(?:PORT|HTTP_PORT|SERVER_PORT|APP_PORT|LISTEN_PORT)$/;

/**
 * The container that lost the port reads it from a variable its configuration already sets: the fix is
 * that variable on that container (`--container-name X --set-env-vars PORT=81`), not a YAML round-trip.
 */
function portVarStep(input: FixInput, main: ContainerSpec, holder: string | undefined, port: number, next: number): FindingStep | undefined {
  const variables = list(main.env).map((e) => e?.name).filter((n): n is string => typeof n === 'string' && OWN_PORT_VAR.test(n));
  if (variables.length !== 1 || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(main.name)) return undefined;
  const v = variables[0]!;
  const other = holder && !holder.startsWith('daprd') ? holder : 'the other container';
  return input.make({
    text: `${main.name} reads its port from ${v}, which its configuration sets: set ${v}=${next} on ${main.name} (this creates a new revision), and have ${other} send its traffic to localhost:${next} (a stock proxy image needs its own config for that); or drop ${other} if the app does not need it.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name ${main.name} --set-env-vars ${v}=${next}`,
  });
}

/**
 * "Address already in use" in a replica with a second container (or Dapr's sidecar on its own ports):
 * the containers share one network namespace, so another address does not help; one of them moves port.
 */
export function portClashSteps(input: FixInput): FindingStep[] {
  const { f, steps, config } = input;
  if (f.benign || !/^(?:port-misconfiguration|application-error|unknown)$/.test(f.category)) return steps;
  const rows = rowsOfAll(input);
  const port = inUsePort(rows);
  if (!port) return steps;
  const main = containerOf(input);
  const others = list(config?.containers).filter((c) => c && c !== main && typeof c.name === 'string');
  const holder = holderOf(port, others, rows, config);
  if (!main || (!holder && others.length === 0)) return steps;
  const who = holder ?? `another container of the replica (${others.map((c) => c.name).join(', ')})`;
  const next = port + 1;
  const target = config?.ingress?.targetPort;
  // A named sidecar holds the port: moving its own listener is the smaller change (the app, its ingress
  // target port and its probes stay), so it comes first (docs/steps-review-v22-fresh.md, 25 and 36).
  const sidecar = holder && !holder.startsWith('daprd') ? holder : undefined;
  const only = others.length === 1 && !String(others[0]!.name).startsWith('daprd') ? String(others[0]!.name) : undefined;
  const lead = input.make({
    text: sidecar
      ? `${main.name} and ${sidecar} run in the same replica and share its network: ${sidecar} already listens on port ${port}, so ${main.name} cannot bind it on any address. Move ${sidecar}'s own listener to another port (for example ${next}: the listen flag or variable in its args, such as an exporter's --web.listen-address=:${next}), so ${main.name} keeps ${port}${target ? ` and the ingress target port (${target}) stays` : ''}; only if ${sidecar}'s port cannot change, run ${main.name} on another port and move the ingress target port with it. ${viaYaml(input, `change the port in ${sidecar}'s args or variables`)}`
      : `${main.name} and ${who} run in the same replica and share its network: ${only ?? 'the other container'} already listens on port ${port}, so ${main.name} cannot bind it on any address. Move one of them: ${only ? `${only}'s` : "the other container's"} listener to another port (for example ${next}), or ${main.name}'s${target ? `, keeping the ingress target port (${target}) on the container that should take outside traffic` : ''}. ${viaYaml(input, "change the port in that container's command, args or variables")}`,
    command: APPLY_YAML,
  });
  const show = input.make({ text: 'Show each container\'s command and args, to see which ports they listen on.', command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json" });
  const byVar = portVarStep(input, main, holder ?? (others.length === 1 ? others[0]!.name : undefined), port, next);
  if (byVar) return [byVar, show, lead, ...steps.filter((s) => !BIND_STEP.test(s.text) && !/ingress show .*targetPort/.test(s.command ?? ''))];
  // Which container listens where comes first: the move is then the second step.
  return [show, lead, ...steps.filter((s) => !BIND_STEP.test(s.text) && !/ingress show .*targetPort/.test(s.command ?? ''))];
}

// ---------------------------------------------------------------------------------------------------
// A full Azure Files share

const NO_SPACE = /No space left on device|\bENOSPC\b/i;
const QUOTA = /Disk quota exceeded|\bEDQUOT\b|\bShareSizeLimitReached\b|\bquota (?:was |has been )?exceeded\b/i;
const ABSOLUTE_PATH = /(?:^|[\s'"(=])(\/[\w.@+-]{1,100}(?:\/[\w.@+-]{1,100}){0,20})/g;
const EPHEMERAL_STEP = /ephemeral|container filesystem|container's own (?:disk|filesystem)|Rotate or stop writing log files|Write large or growing|mounted volume instead/i;

/** `/var/lib/milvus/` -> `/var/lib/milvus`, without a regex that rescans a run of slashes. */
function withoutTrailingSlash(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end -= 1;
  return p.slice(0, end);
}

/** The Azure Files volume mounted at (or above) a path, with its mount path. */
function azureFileMount(config: AppConfig | undefined, path: string): { volume: string; mountPath: string; storageName?: string } | undefined {
  for (const c of list(config?.containers)) {
    for (const m of list(c?.volumeMounts)) {
      const mp = typeof m?.mountPath === 'string' ? withoutTrailingSlash(m.mountPath.slice(0, 500)) : '';
      if (!mp || !(path === mp || path.startsWith(`${mp}/`))) continue;
      const v = list(config?.volumes).find((x) => x?.name === m.volumeName);
      if (v && /^azurefile$/i.test(String(v.storageType ?? ''))) return { volume: v.name, mountPath: mp, storageName: v.storageName };
    }
  }
  return undefined;
}

type ShareMount = NonNullable<ReturnType<typeof azureFileMount>>;

/** Every Azure Files volume a container mounts, with its mount path. */
function azureFileMounts(config: AppConfig | undefined, c: ContainerSpec): ShareMount[] {
  const out: ShareMount[] = [];
  for (const m of list(c?.volumeMounts)) {
    const v = list(config?.volumes).find((x) => x?.name === m?.volumeName);
    const mp = typeof m?.mountPath === 'string' ? withoutTrailingSlash(m.mountPath.slice(0, 500)) : '';
    if (v && mp && /^azurefile$/i.test(String(v.storageType ?? ''))) out.push({ volume: v.name, mountPath: mp, storageName: v.storageName });
  }
  return out;
}

/**
 * A full disk whose rows name no absolute path (PostgreSQL's `could not write lock file "postmaster.pid"`,
 * relative to its data directory; Java's bare `java.io.IOException: No space left on device`): the write
 * went where the program keeps its data. That is on the share when the public image's data directory is
 * under an Azure Files mount (postgres at /var/lib/postgresql/data), or when a variable the container sets
 * is named after the mount (JENKINS_HOME and /var/jenkins_home): `sure`. Otherwise a lone Azure Files mount
 * is only the likelier place (v26 review 53, v25 review 17).
 */
function impliedShareMount(config: AppConfig | undefined): { mount: ShareMount; sure: boolean } | undefined {
  for (const c of list(config?.containers)) {
    const mounts = azureFileMounts(config, c);
    if (mounts.length === 0) continue;
    const data = publicImageOf(c?.image)?.dataPath;
    const byImage = data ? mounts.find((m) => data === m.mountPath || data.startsWith(`${m.mountPath}/`)) : undefined;
    if (byImage) return { mount: byImage, sure: true };
    const vars = new Set(list(c?.env).map((e) => String(e?.name ?? '').toLowerCase()));
    const byVar = mounts.find((m) => vars.has((m.mountPath.split('/').pop() ?? '').toLowerCase()));
    if (byVar) return { mount: byVar, sure: true };
    if (mounts.length === 1) return { mount: mounts[0]!, sure: false };
  }
  return undefined;
}

/**
 * "No space left on device" on a path an Azure Files volume holds, or a quota message with such a volume:
 * the share's quota is full, not the replica's disk. Raise the quota (or free the share). A full disk whose
 * rows name no absolute path is read from where the program keeps its data (impliedShareMount).
 */
export function fullShareSteps(input: FixInput): FindingStep[] {
  const { f, steps, config } = input;
  if (f.benign || f.category === 'out-of-memory') return steps;
  const rows = rowsOfAll(input);
  let mount: ReturnType<typeof azureFileMount>;
  let named = false;
  for (const r of rows) {
    if (!NO_SPACE.test(r) && !QUOTA.test(r)) continue;
    for (const m of r.matchAll(ABSOLUTE_PATH)) {
      named = true;
      mount = azureFileMount(config, m[1]!);
      if (mount) break;
    }
    if (mount) break;
  }
  if (!mount && rows.some((r) => QUOTA.test(r))) {
    const v = list(config?.volumes).find((x) => /^azurefile$/i.test(String(x?.storageType ?? '')));
    const m = v && list(config?.containers).flatMap((c) => list(c?.volumeMounts)).find((x) => x?.volumeName === v.name);
    if (v) mount = { volume: v.name, mountPath: m?.mountPath ?? '', storageName: v.storageName };
  }
  if (mount) return shareSteps(input, mount, true);
  // An absolute path off every share is the replica's own disk: the ephemeral steps stand.
  if (named || f.category !== 'storage-failure' || !rows.some((r) => NO_SPACE.test(r))) return steps;
  const implied = impliedShareMount(config);
  return implied ? shareSteps(input, implied.mount, implied.sure) : steps;
}

/** The share's usage, its quota raised, and a restart; `sure` drops the ephemeral-storage steps. */
function shareSteps(input: FixInput, mount: ShareMount, sure: boolean): FindingStep[] {
  const { steps, config, names } = input;
  const storage = list(config?.environment?.storages).find((s) => s?.name === mount.storageName);
  const share = storage?.shareName ?? names.shareName;
  const account = names.storageAccount;
  const out: FindingStep[] = [];
  const where = `${mount.mountPath || 'The path'} is on volume ${mount.volume}, an Azure Files share${mount.storageName ? ` (environment storage ${mount.storageName})` : ''}`;
  const lead = sure
    ? `${where}: the share is full (its quota), not the replica's own disk.`
    : `The failing write names no path, and the container keeps its data on one Azure Files volume: ${where.replace(/^The path is on/, 'it is')}. A full share (its quota) gives the same error as a full replica disk, so check the share first.`;
  out.push(input.make({
    text: `${lead} ${account && share ? '' : 'Read the storage definition for the account and share name.'}`.trim(),
    ...(mount.storageName && !(account && share) ? { command: `az containerapp env storage show -n {environment|<environment-name>} -g {resourceGroup} --storage-name ${mount.storageName}` } : {}),
  }));
  out.push(input.make({
    text: `Compare the share's usage (shareUsageBytes) with its quota (shareQuota, in GiB)${account ? '' : '; replace <storage-account> with the account the storage definition names'}.`,
    command: `az storage share-rm show --storage-account ${account ?? '<storage-account>'} --name ${share ?? '<share-name>'} --expand stats --query '[shareQuota,shareUsageBytes]'`,
  }));
  out.push(input.make({
    text: `Raise the share's quota (replace <GiB> with a size above what it holds now${account ? '' : ', and <storage-account> with the account the storage definition names'}), or delete data the app no longer needs from it; the app writes again once the share has room.`,
    command: `az storage share-rm update --storage-account ${account ?? '<storage-account>'} --name ${share ?? '<share-name>'} --quota <GiB>`,
  }));
  out.push(input.make({ text: 'Restart the revision once the share has room, so the app starts with it.', command: RESTART_REVISION }));
  if (!sure) return [...out, ...steps.filter((s) => !/env storage set .*<storage-name>/.test(s.command ?? ''))];
  return [...out, ...steps.filter((s) => !EPHEMERAL_STEP.test(s.text) && !/env storage set .*<storage-name>/.test(s.command ?? ''))];
}

// ---------------------------------------------------------------------------------------------------
// An OOM kill with memory evidence

const MEMORY_EVIDENCE = /OOMKilled|\bOOM[- ]?kill|oom-kill|oom_kill|out of memory|memory limit|memory cgroup|heap|MemoryPressure|all available memory|Killed process \d/i;
const EPHEMERAL_ONLY = /ephemeral storage|ephemeral local storage|scratch files/i;

/** A step about memory itself (the recovered template's "No action needed now" sentence is not one). */
const MEMORY_STEP = /memory|heap|WorkingSetBytes|max-old-space-size|MaxRAMPercentage|GOMEMLIMIT/i;

/**
 * Memory said it (OOMKilled, the oom-killer, a heap), so the steps are about memory only: the
 * ephemeral-storage alternative goes. Without such a row the alternative stays, but never alone: an
 * out-of-memory finding whose steps say nothing about memory gets the memory check first.
 */
export function memoryOnlySteps(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  if (f.benign || f.category !== 'out-of-memory' || !steps.some((s) => EPHEMERAL_ONLY.test(s.text))) return steps;
  const evidence = rowsOfAll(input).some((r) => MEMORY_EVIDENCE.test(r));
  const kept = evidence ? steps.filter((s) => !EPHEMERAL_ONLY.test(s.text)) : steps;
  const aboutMemory = (s: FindingStep) => !EPHEMERAL_ONLY.test(s.text) && MEMORY_STEP.test(`${s.text.replace(/^No action needed now[^.]{0,200}\.[^.]{0,200}\./, '')} ${s.command ?? ''}`);
  if (kept.some(aboutMemory)) return kept;
  const limit = names.memoryLimit ? `${names.memoryLimit} ` : '';
  const add = [input.make({ text: `Compare the peak memory working set of the revision with its ${limit}memory limit before the kill.`, command: MEMORY_METRIC })];
  if (names.nextMemory && names.nextCpu) add.push(input.make({ text: `If memory was near the ${limit}limit, raise the container to the next CPU/memory pair (${names.nextCpu} CPU, ${names.nextMemory}), or lower what the app holds in memory; this creates a new revision.`, command: RAISE_MEMORY_NEXT }));
  // After a "No action needed now" lead, before the ephemeral alternative.
  const at = kept.findIndex((s) => EPHEMERAL_ONLY.test(s.text));
  return at < 0 ? [...kept, ...add] : [...kept.slice(0, at), ...add, ...kept.slice(at)];
}

export const SUB_CAUSE_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [probeStatusSteps, portClashSteps, fullShareSteps, memoryOnlySteps];
