/**
 * The command that applies a fix, where a step said what to change but carried only a way to read it (or
 * nothing): a probe, a start command, the grace period, a Dapr component, a dependency's TCP ingress, a
 * job's parallelism, a variable a change removed, a shared access policy (issue #11, the tenth review's
 * first reason for "partly"). Each fixer works on the finished steps, per cause, with the names the rows
 * and the configuration give; a blank (`<n>`) is left only where neither gives the value. Nothing here
 * runs a command: the steps are read and pasted by an engineer.
 */
import type { AppConfig, ContainerSpec, Finding, FindingStep, ProbeSpec } from '../../model';
import { fillInlineCommands, shellQuote, type CommandNames } from './fillCommand';
import { heapFlagGiB, memoryGiB } from '../memorySize';
import { CONSOLE_TAIL, RESTART_COMMAND, RESTART_REVISION } from '../rules/commandTemplates';
import { raiseToNeed } from './memoryNeed';
import { MISSING_COMMAND_FIXERS } from './missingCommands';
import { SUB_CAUSE_FIXERS } from './subCauses';
import { CONTRADICTION_FIXERS } from './contradictions';
import { STEP_EVIDENCE_FIXERS } from './stepEvidence';
import { REVISION_SCOPE_FIXERS } from './revisionScope';
import { PROSE_FIXERS } from './proseCommands';
import { CONFIG_FILE_FIXERS } from './configFileCommands';
import { START_ARGS_FIXERS } from './startArgsCommands';
import { SERVER_ARG_FIXERS } from './serverArgValues';
import { SERVER_START_FIXERS } from './serverStartFixes';
import { REFUSED_CREDENTIAL_FIXERS } from './refusedCredential';
import { CONFIG_SAFETY_FIXERS } from './configSafety';
import { IDENTITY_FIT_FIXERS } from './identityFit';
import { SHUTDOWN_TIMEOUT_FIXERS } from './shutdownTimeout';
import { modelTooLargeForGpu } from './modelFit';
import { noSecurityOff } from './unsafeAlternatives';
import { rebuiltToOwnRegistry } from './ownRegistry';
import { rowsOf, rowsOfAll } from './evidenceRows';
import { backToHealthy, jobBackToImage } from './healthyRevision';
import { publicImageOf } from './publicImages';
import { TEMPLATE_RESTART_FIXERS } from './templateRestart';
import { WRITABLE_PATH_FIXERS } from './writablePathVars';
import { AZURE_DEPENDENCY_STATE_FIXERS } from './azureDependencyState';
import { OPENAI_CAPACITY_FIXERS } from './openAiCapacity';
import { bareFallbackSteps, fillHealthyRevision } from './fallbackSteps';

type Make = (step: FindingStep) => FindingStep;

export interface FixInput {
  f: Finding;
  steps: FindingStep[];
  names: Record<string, string>;
  config: AppConfig | undefined;
  target: CommandNames;
  make: Make;
  all: readonly Finding[];
}

/** The app's YAML applied back: the CLI has no flags for probes, the grace period or a command with dashed words. */
export const APPLY_YAML = 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml';
const LOGS_FOLLOW = 'az containerapp logs show -n {app} -g {resourceGroup} --revision {revision} --container {container} --type console --follow';
/** A job's console, one execution at a time (jobs have executions, not revisions). */
const JOB_LOGS_FOLLOW = 'az containerapp job logs show -n {app} -g {resourceGroup} --execution <execution-name> --container {container} --follow';

function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

/** The rows of every finding: a cause's own row is often in a sibling finding (daprd's console under the exit code). */
const allRows = rowsOfAll;

function mainContainer(input: FixInput): ContainerSpec | undefined {
  const containers = list(input.config?.containers);
  return containers.find((c) => c?.name === (input.names.container ?? input.target.container)) ?? containers[0];
}

/** The sentence that exports, edits and applies the YAML; the inline command gets the target's names when made. */
export function viaYaml(input: Pick<FixInput, 'target'>, edit: string): string {
  const of = input.target.job ? 'job' : 'app';
  return `Save the ${of}'s YAML with \`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml\`, ${edit} and apply the file with this command; this creates a new revision.`;
}

/** A word a command line may hold as is, and that fillCommand cannot read as a placeholder. */
const PLAIN_WORD = /^[\w./:=@%+,-]{1,200}$/;

/**
 * The step that sets a container's start command and arguments: with `--command`/`--args` when no word
 * begins with a dash, else through the YAML, since the CLI reads a value such as `--host` as one of its
 * own flags (Azure/azure-cli-extensions#9124, Azure/azure-cli#27011).
 */
export function overrideStep(input: Pick<FixInput, 'make' | 'target'>, lead: string, command: readonly string[], args: readonly string[]): FindingStep | undefined {
  const words = [...command, ...args];
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w))) return undefined;
  const quoted = (ws: readonly string[]): string => ws.map(shellQuote).join(' ');
  if (!words.some((w) => w.startsWith('-'))) {
    const cmd = `az containerapp update -n {app} -g {resourceGroup} --container-name {container}${command.length > 0 ? ` --command ${quoted(command)}` : ''}${args.length > 0 ? ` --args ${quoted(args)}` : ''}`;
    return input.make({ text: `${lead} This creates a new revision.`, command: cmd });
  }
  const json = (ws: readonly string[]): string => `[${ws.map((w) => JSON.stringify(w)).join(', ')}]`;
  // No command override: only the args change (an empty command list would read as an instruction to clear it).
  const what = command.length > 0 ? `set the container's command to ${json(command)}${args.length > 0 ? ` and its args to ${json(args)}` : ''}` : `set the container's args to ${json(args)}`;
  const edit = `${what} (through the YAML: the CLI would read ${words.find((w) => w.startsWith('-'))} as a flag of its own)`;
  return input.make({ text: `${lead} ${viaYaml(input, edit)}`, command: APPLY_YAML });
}

/** The container's override, when it has one: its command and args lists. */
function override(c: ContainerSpec | undefined): { command: string[]; args: string[] } | undefined {
  const command = list(c?.command).filter((w): w is string => typeof w === 'string').slice(0, 40);
  const args = list(c?.args).filter((w): w is string => typeof w === 'string').slice(0, 40);
  return command.length + args.length > 0 ? { command, args } : undefined;
}

/** Adds `extra` to a step that has no command, else puts it right after that step. */
function attachOrInsert(steps: FindingStep[], at: number, extra: FindingStep): FindingStep[] {
  const target = steps[at];
  if (!target) return [...steps, extra];
  if (!target.command && extra.command) {
    return steps.map((s, i) => (i === at ? { text: `${s.text} ${extra.text}`, command: extra.command } : s));
  }
  return [...steps.slice(0, at + 1), extra, ...steps.slice(at + 1)];
}

// ---------------------------------------------------------------------------------------------------
// Probes

const PROBE_404_STEP = /^The app is up but answers 404 on (\S{1,200}), the path the (?:(Liveness|Readiness|Startup) )?probe asks for/;
const SHOWS_PROBES = /properties\.template\.containers\[\]\.probes/;

/** A probe answered 404: the path is changed in the YAML, not only read. */
function probe404(input: FixInput): FindingStep[] {
  return input.steps.map((s) => {
    const m = PROBE_404_STEP.exec(s.text);
    if (!m || !SHOWS_PROBES.test(s.command ?? '')) return s;
    const type = m[2] ?? input.names.probe ?? '';
    const probe = list(mainContainer(input)?.probes).find((p) => p?.type === type);
    const port = probe?.port ? ` on port ${probe.port}` : '';
    return input.make({
      text: `The app is up but answers 404 on ${m[1]}, the path the ${type ? `${type} ` : ''}probe asks for${port}: set the probe's path to a route the app serves (its health route), or add ${m[1]} to the app. ${viaYaml(input, `change httpGet.path of the ${type ? `${type} ` : ''}probe under the container's probes`)}`,
      command: APPLY_YAML,
    });
  });
}

/** Words of a start that is still going: frameworks log these before they listen. */
const STARTING = /\bStarting\b|\bInitiali[sz]|\bBootstrapp|\bLoading\b|\bMigrat|\bwaiting for\b|\bwarming\b|\bcompil/i;
/** Words of a start that finished: the app said it listens or is ready. */
const STARTED = /\bStarted \w|\blistening (?:on|at)\b|\bnow listening\b|\brunning on\b|\bready to accept\b|\bstartup complete\b|\bserver started\b|\bstarted on port\b|\bapplication ready\b/i;

/** The app's console said it was starting and never that it was ready: the kill came during the start. */
function stillStarting(rows: readonly string[]): boolean {
  return rows.some((r) => STARTING.test(r)) && !rows.some((r) => STARTED.test(r));
}

function probeBudget(p: ProbeSpec): { budget: number; window: string } {
  const delay = p.initialDelaySeconds ?? 0;
  const failures = p.failureThreshold ?? 3;
  const period = p.periodSeconds ?? 10;
  return { budget: delay + failures * period, window: `${delay}s delay + ${failures} failures × ${period}s` };
}

const PROBE_KILL_CHECK = /^Check the probe's path, port and timeout against how fast the app answers/;

/**
 * A liveness probe killed the app: when the app was still starting (or may have been), the fix is a
 * startup probe that covers the start, or a later first liveness check; both go through the YAML.
 */
function probeKillStart(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || f.category !== 'probe-failure') return steps;
  const at = steps.findIndex((s) => PROBE_KILL_CHECK.test(s.text));
  if (at < 0) return steps;
  // A probe fix the steps already make (a wrong port, a moved path) is the cause, not the start time.
  if (steps.some((s) => s.command && / --yaml /.test(` ${s.command} `))) return steps;
  const probes = list(mainContainer(input)?.probes);
  const liveness = probes.find((p) => p?.type === 'Liveness');
  const startup = probes.find((p) => p?.type === 'Startup');
  const ingressPort = input.config?.ingress?.targetPort;
  if (liveness?.port && typeof ingressPort === 'number' && liveness.port !== ingressPort) return steps;
  const consoleRows = input.all.concat(f).flatMap((o) => list(o.evidence)).filter((e) => e?.source === 'console').map((e) => (typeof e.text === 'string' ? e.text.slice(0, 2000) : ''));
  const starting = stillStarting(consoleRows);
  const what = liveness?.path ? `${liveness.transport === 'tcp' ? 'tcpSocket' : `httpGet ${liveness.path}`}${liveness.port ? ` on port ${liveness.port}` : ''}` : 'the liveness check';
  const lead = starting
    ? 'The app was still starting when the probe killed it (its console shows start-up lines and none saying it was ready):'
    : 'If the app is still starting when it is killed (no line saying it is ready before the kill):';
  let text: string;
  if (startup) {
    const b = probeBudget(startup);
    text = `${lead} the Startup probe allows ${b.budget}s (${b.window}); raise its failureThreshold so it covers the slowest start, so that liveness checks begin only after it passes.`;
  } else if (liveness) {
    const b = probeBudget(liveness);
    text = `${lead} the Liveness probe gives it ${b.budget}s (${b.window}). Add a Startup probe with the same check (${what}) whose failureThreshold × periodSeconds covers the slowest start (for example 30 × 10s = 300s): liveness checks begin only after it passes. Or raise the Liveness probe's initialDelaySeconds above the start time.`;
  } else {
    text = `${lead} add a Startup probe with the same check as the liveness probe, whose failureThreshold × periodSeconds covers the slowest start (for example 30 × 10s = 300s), or raise the liveness probe's initialDelaySeconds above the start time.`;
  }
  const step = input.make({ text: `${text} ${viaYaml(input, 'edit the container\'s probes')}`, command: APPLY_YAML });
  // A start that was still going leads: "what was the app doing" has its answer already.
  return starting ? [step, ...steps] : [...steps.slice(0, at + 1), step, ...steps.slice(at + 1)];
}

const COLD_START = /^Cold starts will meet the startup probe again/;

/**
 * A recovered app whose startup probe gave up once: with no startup probe configured that was the
 * platform's default one, so the fix is an explicit probe; either way the command applies the YAML.
 */
function recoveredStartup(input: FixInput): FindingStep[] {
  const { config, steps } = input;
  return steps.map((s) => {
    if (!COLD_START.test(s.text)) return s;
    const c = mainContainer(input);
    const configured = list(c?.probes).some((p) => p?.type === 'Startup');
    const port = config?.ingress?.targetPort;
    if (c && !configured && typeof port === 'number') {
      return input.make({
        text: `Cold starts will meet the startup probe again. No startup probe is configured on ${c.name}, so this was the platform's default one (TCP on the ingress target port ${port}), which gave up during a slow first start: define an explicit Startup probe (tcpSocket on port ${port}) whose failureThreshold × periodSeconds is longer than the slowest start (for example periodSeconds 10 × failureThreshold 30 = 300s). ${viaYaml(input, 'add it under the container\'s probes')}`,
        command: APPLY_YAML,
      });
    }
    return input.make({
      text: `Cold starts will meet the startup probe again: raise its failureThreshold (or initialDelaySeconds) so that initialDelaySeconds + failureThreshold × periodSeconds is longer than the slowest start. ${viaYaml(input, 'edit the probe')}`,
      command: APPLY_YAML,
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Shutdown

const GRACE_STEP = /^Raise terminationGracePeriodSeconds if shutdown genuinely needs longer\.$/;

/** The category's step for an app that logged its shutdown: its own work loop should stop sooner. */
const OWN_WORK_LOOP = /^The app logged its shutdown \(.{0,400}make the work loop check the stop request/;

/**
 * The grace period is a template property: the YAML sets it. A public server image (RabbitMQ flushing its
 * message stores, PostgreSQL checkpointing) that logged its shutdown stops with its own code, which the
 * engineer does not write: the longer grace period is the fix and comes first, without the work-loop
 * advice (v26 review, 61).
 */
function gracePeriod(input: FixInput): FindingStep[] {
  const fromNames = /^\d{1,5}$/.test(input.names.gracePeriod ?? '') ? input.names.gracePeriod : undefined;
  const configured = input.config?.terminationGracePeriodSeconds;
  const now = fromNames ?? (typeof configured === 'number' ? String(configured) : undefined);
  // The category's work-loop step is there only when the app logged its shutdown; it quotes the line.
  const ownLoop = input.steps.find((s) => OWN_WORK_LOOP.test(s.text));
  const logged = ownLoop ? (/^The app logged its shutdown \("(.{1,200}?)"\)/.exec(ownLoop.text)?.[1] ?? '') : '';
  const server = ownLoop ? publicImageOf(mainContainer(input)?.image) : undefined;
  const grace: FindingStep[] = [];
  const out = input.steps.map((s) => {
    if (!GRACE_STEP.test(s.text) || s.command) return s;
    const text = server
      ? `${server.name} logged its own shutdown${logged ? ` ("${logged}")` : ''} and was still stopping when the ${now ?? 30}s grace period ended and SIGKILL came: its shutdown (flushing and closing its data files) needs longer. Raise terminationGracePeriodSeconds (properties.template.terminationGracePeriodSeconds, ${now ? `now ${now}s` : '30s by default'}), for example to 120, so it stops cleanly; a server killed mid-flush recovers its files at the next start. ${viaYaml(input, 'set that value')}`
      : `If shutdown genuinely needs longer (draining connections or in-flight work), raise terminationGracePeriodSeconds (properties.template.terminationGracePeriodSeconds, ${now ? `now ${now}s` : '30s by default'}) above the time it needs, or cap the drain below it. ${viaYaml(input, 'set that value')}`;
    const step = input.make({ text, command: APPLY_YAML });
    grace.push(step);
    return step;
  });
  if (!server) return out;
  return grace.length ? [...grace, ...out.filter((s) => !grace.includes(s) && !OWN_WORK_LOOP.test(s.text))] : out;
}

// ---------------------------------------------------------------------------------------------------
// Dapr

const DAPRD_LOG_STEP = /^Read the daprd console lines \(container daprd\)/;
const DAPR_COMPONENT_STEP = /^Check the Dapr components scoped to this app/;
/** daprd's own words for a component (`process component pubsub error`, `init timeout for component pubsub`). */
const DAPR_COMPONENT = /\bcomponent \[?([a-z0-9][a-z0-9.-]{0,62})/i;
const NOT_A_NAME = new Set(['init', 'error', 'type', 'from', 'with', 'for', 'the', 'is', 'of', 'spec', 'name', 'metadata', 'loaded', 'failed', 'named', 'not', 'initialization']);
const DAPR_INIT_TIMEOUT = /init timeout for component ([a-z0-9][a-z0-9.-]{0,62}) exceeded after (\d{1,5}(?:ms|s|m))/i;
const ENVIRONMENT = '{environment|<environment-name>}';

function daprComponent(rows: readonly string[]): string | undefined {
  for (const r of rows) {
    if (!/\bdapr|daprd|component/i.test(r)) continue;
    const m = DAPR_COMPONENT.exec(r);
    if (m && !NOT_A_NAME.has(m[1]!.toLowerCase())) return m[1];
  }
  return undefined;
}

/** The sidecar's log and its component, with commands; a component that timed out gets its initTimeout. */
function daprSteps(input: FixInput): FindingStep[] {
  const { steps } = input;
  if (!steps.some((s) => DAPRD_LOG_STEP.test(s.text) || DAPR_COMPONENT_STEP.test(s.text))) return steps;
  const rows = allRows(input);
  const component = daprComponent(rows);
  const timeout = rows.map((r) => DAPR_INIT_TIMEOUT.exec(r)).find(Boolean);
  const out: FindingStep[] = [];
  for (const s of steps) {
    if (DAPRD_LOG_STEP.test(s.text) && !s.command) {
      out.push(input.make({ text: s.text, command: CONSOLE_TAIL.replace('--container {container}', '--container daprd') }));
    } else if (DAPR_COMPONENT_STEP.test(s.text) && !s.command) {
      out.push(
        component
          ? input.make({ text: `${s.text} The sidecar names component ${component}: read its metadata (the broker or store address), secret references and scopes.`, command: `az containerapp env dapr-component show -n ${ENVIRONMENT} -g {resourceGroup} --dapr-component-name ${shellQuote(component)}` })
          : input.make({ text: s.text, command: `az containerapp env dapr-component list -n ${ENVIRONMENT} -g {resourceGroup} -o table` }),
      );
      if (timeout) {
        out.push(input.make({
          text: `Component ${timeout[1]} did not finish initialising within ${timeout[2]} (its initTimeout), so daprd exited: check that the address in its metadata is reachable from the environment (DNS, private endpoint, firewall or NSG rules of the broker). If the broker only answers slowly, raise initTimeout in the component's YAML (for example initTimeout: 30s, beside componentType and metadata) and apply it with this command.`,
          command: `az containerapp env dapr-component set -n ${ENVIRONMENT} -g {resourceGroup} --dapr-component-name ${shellQuote(timeout[1]!)} --yaml component.yaml`,
        }));
      }
    } else out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A dependency that is another app of the environment

const INGRESS_SHOW = /^az containerapp ingress show -n (\S{1,64}) /;
const APP_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/**
 * The dependency is an app of the environment reached on a plain TCP port: its ingress must be TCP on that
 * port and one replica must run. The read step stays; the two commands that set it follow.
 */
function tcpIngress(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  const host = names.resolvedHost;
  const port = names.port;
  if (f.benign || f.category !== 'dependency-unreachable' || !host || !APP_NAME.test(host) || !/^\d{2,5}$/.test(port ?? '')) return steps;
  if (['80', '443'].includes(port!)) return steps;
  const at = steps.findIndex((s) => INGRESS_SHOW.exec(s.command ?? '')?.[1] === host);
  if (at < 0 || steps.some((s) => /--transport tcp/.test(s.command ?? ''))) return steps;
  const made = [
    input.make({
      text: `If it is not, give ${host} TCP ingress on port ${port} (an ingress setting: it applies without a new revision; TCP ingress needs an environment on its own virtual network). Use ${host}'s resource group if it is not the same as this app's.`,
      command: `az containerapp ingress update -n ${host} -g {resourceGroup} --transport tcp --target-port ${port} --exposed-port ${port}`,
    }),
    input.make({
      text: `Keep one replica of ${host} running, so that connections are not refused while it scales up from zero; this creates a new revision of ${host}.`,
      command: `az containerapp update -n ${host} -g {resourceGroup} --min-replicas 1`,
    }),
  ];
  return [...steps.slice(0, at + 1), ...made, ...steps.slice(at + 1)];
}

// ---------------------------------------------------------------------------------------------------
// Resources of a job

const CORE_LOWER = /^Lower the CPU or replica count of apps and old revisions that hold cores/;

/** CPU and memory one pair below (half of each), never under 0.25 CPU / 0.5Gi. */
function lowerPair(cpu: number | undefined, memory: string | undefined): { cpu: string; memory: string } | undefined {
  const gi = memoryGiB(memory);
  if (typeof cpu !== 'number' || !(cpu > 0.25) || gi === undefined || !(gi > 0.5)) return undefined;
  return { cpu: String(Math.max(0.25, cpu / 2)), memory: `${Math.max(0.5, gi / 2)}Gi` };
}

/** A job's replicas hold the cores: its parallelism and its CPU per replica are the job's own settings. */
function jobCores(input: FixInput): FindingStep[] {
  const { f, steps, target } = input;
  if (f.benign || f.category !== 'quota-exceeded' || !target.job) return steps;
  const at = steps.findIndex((s) => CORE_LOWER.test(s.text));
  if (at < 0) return steps;
  const c = mainContainer(input);
  const lower = lowerPair(c?.cpu, c?.memory);
  const each = typeof c?.cpu === 'number' ? `${c.cpu} CPU` : 'its CPU';
  const step = input.make({
    text: `Every replica an execution of the job starts holds ${each}, and an execution starts as many as its parallelism: lower the parallelism (replace <n>)${lower ? ` or the resources per replica (the pair below is ${lower.cpu} CPU / ${lower.memory})` : ''}, so that all replicas fit the environment's cores.`,
    command: `az containerapp job update -n {app} -g {resourceGroup} --parallelism <n>${lower ? ` --cpu ${lower.cpu} --memory ${lower.memory}` : ''}`,
  });
  return [...steps.slice(0, at), step, ...steps.slice(at + 1)];
}

// ---------------------------------------------------------------------------------------------------
// Variables a change removed

const RESTORE_CATEGORIES = new Set(['application-error', 'missing-configuration', 'dependency-unreachable', 'unknown', 'entrypoint-error']);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,100}$/;

/**
 * The change since the healthy revision removed variables and the primary finding names none of them:
 * besides the rollback, a restore of just those variables (from the secret each one read, when the app
 * still has it) keeps the rest of the new revision.
 */
function removedEnv(input: FixInput): FindingStep[] {
  const { f, steps, config } = input;
  if (f.benign || !RESTORE_CATEGORIES.has(f.category) || input.all[0] !== f) return steps;
  const from = config?.changesSinceHealthy?.fromRevision;
  const removed = [...new Set(list(config?.changesSinceHealthy?.changes).filter((c) => c?.kind === 'env-removed' && typeof c.name === 'string' && ENV_NAME.test(c.name)).map((c) => c.name!))].slice(0, 6);
  if (!from || removed.length === 0) return steps;
  if (steps.some((s) => removed.some((v) => (s.command ?? '').includes(` ${v}=`)))) return steps;
  const secrets = new Set(list(config?.secrets).map((s) => s?.name));
  const healthy = list(config?.revisions).find((r) => r?.name === from);
  const healthyEnv = list(healthy?.containers).flatMap((c) => list(c?.env));
  const secretOf = (v: string): string | undefined => {
    const ref = healthyEnv.find((e) => e?.name === v)?.secretRef;
    if (ref && secrets.has(ref)) return ref;
    const guess = v.toLowerCase().replace(/_/g, '-');
    return secrets.has(guess) ? guess : undefined;
  };
  const pairs = removed.map((v) => ({ v, secret: secretOf(v) }));
  const names = pairs.map((p) => p.v);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]!;
  const out: FindingStep[] = [];
  if (pairs.some((p) => !p.secret)) {
    out.push(input.make({
      text: `The change removed ${listed}; ${names.length > 1 ? 'their values (or the secrets they read) are' : 'its value (or the secret it read) is'} still in healthy revision ${from}'s template: read ${names.length > 1 ? 'them' : 'it'} there.`,
      command: `az containerapp revision show -n {app} -g {resourceGroup} --revision ${from} --query 'properties.template.containers[].env' -o json`,
    }));
  }
  const known = pairs.filter((p) => p.secret).map((p) => `${p.v} from secret ${p.secret} (the app still has it)`);
  out.push(input.make({
    text: `Or restore only what the change removed, keeping the rest of the new revision: ${known.length > 0 ? known.join(', ') : listed}${pairs.some((p) => !p.secret) ? `${known.length > 0 ? '; the others' : ''} from the values the healthy revision had (replace each <value>, or use secretref:<secret> for one that read a secret)` : ''}; this creates a new revision.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${pairs.map((p) => `${p.v}=${p.secret ? `secretref:${p.secret}` : '<value>'}`).join(' ')}`,
  }));
  const rollback = steps.findIndex((s) => /^Roll back/.test(s.text));
  const at = rollback >= 0 ? rollback + 1 : 0;
  return [...steps.slice(0, at), ...out, ...steps.slice(at)];
}

// ---------------------------------------------------------------------------------------------------
// The container's start command

/** Servers that bind the loopback address unless told otherwise, and the words that make them listen on all interfaces. */
const BIND_FLAGS: readonly { program: RegExp; words: (port: string | undefined) => string[] | undefined; needs?: RegExp }[] = [
  { program: /^(?:uvicorn|hypercorn)$/, words: () => ['--host', '0.0.0.0'] },
  { program: /^gunicorn$/, words: (p) => (p ? ['--bind', `0.0.0.0:${p}`] : undefined) },
  { program: /^flask$/, words: () => ['--host', '0.0.0.0'], needs: /^run$/ },
  { program: /^(?:vite|astro)$/, words: () => ['--host', '0.0.0.0'] },
  { program: /^next$/, words: () => ['-H', '0.0.0.0'] },
  { program: /^(?:rails|puma)$/, words: () => ['-b', '0.0.0.0'] },
  { program: /^manage\.py$/, words: (p) => (p ? [`0.0.0.0:${p}`] : undefined), needs: /^runserver$/ },
];

const LOOPBACK_WORD = /^(.{0,100}?)(?:127\.0\.0\.1|localhost|\[?::1\]?)(.{0,100})$/;

/** The override with the loopback address replaced, or the server's all-interfaces flag added. */
function boundEverywhere(o: { command: string[]; args: string[] }, port: string | undefined): { command: string[]; args: string[] } | undefined {
  const swap = (ws: string[]): string[] => ws.map((w) => {
    const m = LOOPBACK_WORD.exec(w);
    return m ? `${m[1]}0.0.0.0${m[2]}` : w;
  });
  const words = [...o.command, ...o.args];
  if (words.some((w) => LOOPBACK_WORD.test(w))) return { command: swap(o.command), args: swap(o.args) };
  const base = words.map((w) => w.split('/').pop() ?? w);
  const server = BIND_FLAGS.find((b) => base.some((w) => b.program.test(w)) && (!b.needs || base.some((w) => b.needs!.test(w))));
  if (!server || words.includes('--host') || words.includes('--bind') || words.some((w) => w.startsWith('--bind=') || w.startsWith('--host='))) return undefined;
  const extra = server.words(port);
  if (!extra) return undefined;
  return o.args.length > 0 ? { command: o.command, args: [...o.args, ...extra] } : { command: [...o.command, ...extra], args: o.args };
}

/** A server that listens on the loopback address because of the app's own command override. */
function loopbackOverride(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  if (f.benign || f.category !== 'port-misconfiguration' || !/^(?:127\.0\.0\.1|localhost|::1)$/.test(names.listenAddress ?? '')) return steps;
  const o = override(mainContainer(input));
  if (!o) return steps;
  const port = names.listenPort ?? (typeof input.config?.ingress?.targetPort === 'number' ? String(input.config.ingress.targetPort) : undefined);
  const fixed = boundEverywhere(o, port);
  if (!fixed) return steps;
  const current = [...o.command, ...o.args].join(' ');
  const step = overrideStep(input, `The container's command override runs \`${current}\`, which leaves the server on ${names.listenAddress}: make it listen on all interfaces on the app's own command.`, fixed.command, fixed.args);
  if (!step) return steps;
  const at = steps.findIndex((s) => /command override|start it with|listen on 0\.0\.0\.0|all interfaces/i.test(s.text));
  return at >= 0 ? attachOrInsert(steps, at, step) : [step, ...steps];
}

/** Steps and rows of a file that is there but cannot run: Windows line endings, another CPU, a bad interpreter, no permission. */
const STEP_NOT_MISSING = /CRLF|line endings|exec format|bad interpreter/i;
const ROW_NOT_MISSING = /\r|\\r|exec format|bad interpreter|permission denied/i;
const COMPARE_OVERRIDE = /^Compare the image's ENTRYPOINT\/CMD with the command and args/;
/** A step that changes the override's command/args through the app's YAML: it names the override and its command/args. */
const OVERRIDE_BY_YAML = { test: (text: string): boolean => /command override/i.test(text) && /\bcommand\/args\b/.test(text) };

/** The override names a file the image does not have: fix its path, or drop the override. */
function missingFileOverride(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  const file = names.file ?? names.jar;
  if (f.benign || f.category !== 'entrypoint-error' || !file || !/^\/[\w./-]{1,200}$/.test(file)) return steps;
  const o = override(mainContainer(input));
  if (!o || ![...o.command, ...o.args].includes(file)) return steps;
  if (steps.some((s) => / --command | --args /.test(s.command ?? ''))) return steps;
  // A step that already edits the override through the YAML (`java -jar` on a jar that is not there) is the
  // long way: the command that clears the override follows it. Any other YAML step leaves the override alone.
  const viaYamlAt = steps.findIndex((s) => /--yaml/.test(s.command ?? '') && OVERRIDE_BY_YAML.test(s.text));
  if (viaYamlAt < 0 && steps.some((s) => /--yaml/.test(s.command ?? ''))) return steps;
  // A script that is there but cannot run (Windows line endings, another CPU, a bad interpreter) reads
  // "no such file" too: only a file the rows say is missing is the override's to fix.
  if (steps.some((s) => STEP_NOT_MISSING.test(s.text)) || allRows(input).some((r) => ROW_NOT_MISSING.test(r))) return steps;
  const current = [...o.command, ...o.args].join(' ');
  const image = names.image ? ` ${names.image}` : '';
  const step = input.make({
    text: `The container's command override (\`${current}\`) names ${file}, which is not in image${image}: put the path the image has in the override (its YAML command/args), or drop the override so the image's own ENTRYPOINT/CMD starts it. This command clears the override's command and args; this creates a new revision.`,
    command: "az containerapp update -n {app} -g {resourceGroup} --container-name {container} --command '' --args ''",
  });
  const at = viaYamlAt >= 0 ? viaYamlAt : steps.findIndex((s) => COMPARE_OVERRIDE.test(s.text));
  return at >= 0 ? [...steps.slice(0, at + 1), step, ...steps.slice(at + 1)] : [...steps, step];
}

const PHP_LIMIT_STEP = /^PHP's own memory_limit \(/;

/** PHP's memory_limit, raised on the command the app's override runs (`php -d memory_limit=512M ...`). */
function phpLimitOverride(input: FixInput): FindingStep[] {
  const { steps, names } = input;
  const at = steps.findIndex((s) => PHP_LIMIT_STEP.test(s.text) && !s.command);
  const limit = names.phpLimit;
  if (at < 0 || !limit || !/^\d{2,6}M$/.test(limit)) return steps;
  const o = override(mainContainer(input));
  if (!o) return steps;
  const inCommand = o.command.length > 0;
  const words = inCommand ? o.command : o.args;
  const php = words.findIndex((w) => /^(?:.{0,100}\/)?php(?:\d{1,2}(?:\.\d{1,2})?)?$/.test(w));
  if (php < 0 || words.some((w) => /^memory_limit=/.test(w))) return steps;
  const raised = [...words.slice(0, php + 1), '-d', `memory_limit=${limit}`, ...words.slice(php + 1)];
  const step = overrideStep(input, `The app's command override runs php directly: raise the limit there.`, inCommand ? raised : o.command, inCommand ? o.args : raised);
  return step ? attachOrInsert(steps, at, step) : steps;
}

// ---------------------------------------------------------------------------------------------------
// Memory

const HEAP_CAP_STEP = /^Keep the runtime's heap cap below /;
const JVM_ROWS = /java\.lang\.OutOfMemoryError|JVMDUMP|\bJava heap space\b|-Xmx/;
const NODE_ROWS = /JavaScript heap out of memory|Allocation failed - JavaScript heap/;

/** The heap cap the step asks for, set through the variable the runtime reads at start. */
function heapCap(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  const rows = rowsOf(f).concat(allRows(input)).join('\n');
  return steps.map((s) => {
    if (!HEAP_CAP_STEP.test(s.text) || s.command) return s;
    // Elasticsearch and OpenSearch ignore JAVA_TOOL_OPTIONS: their own options variable (jvmOptionsVar.ts).
    if (JVM_ROWS.test(rows) && names.jvmOptsVar && names.jvmHeapOpts) {
      return input.make({
        text: `${s.text} For ${names.jvmServer}: set ${names.jvmOptsVar} to about half the container's memory (${names.jvmHeapOpts}, -Xms equal to -Xmx); its launcher ignores JAVA_TOOL_OPTIONS. This creates a new revision.`,
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {jvmOptsVar}={jvmHeapOpts}',
      });
    }
    if (JVM_ROWS.test(rows) && names.javaToolOptions) {
      return input.make({
        text: `${s.text} For the JVM: size the heap from the container with ${names.javaToolOptions} in JAVA_TOOL_OPTIONS, which the JVM reads at start (an -Xmx in the start command or in an options variable such as JAVA_OPTS wins over it: lower that one instead); this creates a new revision.`,
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars JAVA_TOOL_OPTIONS={javaToolOptions}',
      });
    }
    if (NODE_ROWS.test(rows) && names.nodeHeapMb) {
      return input.make({
        text: `${s.text} For Node.js: --max-old-space-size=${names.nodeHeapMb} in NODE_OPTIONS (keep any other flags it already has); this creates a new revision.`,
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars NODE_OPTIONS=--max-old-space-size={nodeHeapMb}',
      });
    }
    return s;
  });
}

/**
 * Where the configuration sets a heap (an -Xmx in the start command, or in the change since the healthy
 * revision: `JAVA_OPTS set to -Xmx2048m`): a memory raise must hold it too (v23 review B 93).
 */
function heapSettings(input: FixInput): string[] {
  const words = [...list(mainContainer(input)?.command), ...list(mainContainer(input)?.args)].filter((w): w is string => typeof w === 'string');
  const changes = input.config?.changesSinceHealthy;
  const summary = typeof changes?.summary === 'string' ? [changes.summary.slice(0, 2000)] : [];
  const after = list(changes?.changes).map((c) => (typeof c?.after === 'string' ? c.after.slice(0, 400) : ''));
  return [...words, ...summary, ...after].filter((t) => heapFlagGiB(t) !== undefined);
}

// ---------------------------------------------------------------------------------------------------
// Logs and the way back

const NO_CONSOLE = /No console output was found (?:for the window|at all)/;
const READ_CONSOLE = /^Read the console log of the same replica in the minutes before the exit\.$/;

/** The console log step carries the command that reads it; with no console row at all, it follows a new start. */
function consoleLog(input: FixInput): FindingStep[] {
  // The engine says so when the window had no console row at all (not only none in this finding's evidence).
  const silent = [input.f, ...input.all].some((o) => NO_CONSOLE.test(typeof o.explanation === 'string' ? o.explanation.slice(0, 4000) : ''));
  const out = input.steps.flatMap((s) => {
    if (!READ_CONSOLE.test(s.text) || s.command) return [s];
    // A job has no revision to stream: a new execution, then that execution's console.
    if (input.target.job) return jobConsoleSteps(input, silent);
    return [silent
      ? input.make({ text: 'No console line reached Log Analytics for the window: stream the revision\'s console while its next replica starts (the stream is read live, so it shows what the workspace did not get; stop it with Ctrl+C).', command: LOGS_FOLLOW })
      : input.make({ text: s.text, command: CONSOLE_TAIL })];
  });
  // Reading what the app already says comes before turning up what it will say.
  // The stream is one step for an app, two for a job (the new execution, then its console).
  const isStream = (s: FindingStep): boolean =>
    (!!s.command?.includes(' --follow') && /^No console line reached/.test(s.text)) || /^az containerapp job (?:start .*--query name|logs show )/.test(s.command ?? '');
  const stream = out.findIndex(isStream);
  const louder = out.findIndex((s) => /^Turn up logging\b/.test(s.text));
  if (stream < 0 || louder < 0 || louder > stream) return out;
  const moved = out.filter(isStream);
  const rest = out.filter((s) => !isStream(s));
  return [...rest.slice(0, louder), ...moved, ...rest.slice(louder)];
}

/** A job's console: a new execution (the start prints its name), then that execution's console, live. */
function jobConsoleSteps(input: FixInput, silent: boolean): FindingStep[] {
  return [
    input.make({
      text: `${silent ? 'No console line reached Log Analytics for the window, and a job has no revision to stream' : 'A job has no revision to read'}: start a new execution; the command prints its name.`,
      command: 'az containerapp job start -n {app} -g {resourceGroup} --query name -o tsv',
    }),
    input.make({
      text: 'Stream that execution\'s console while it runs (replace <execution-name> with the name the start printed; the stream is read live, so it shows what the workspace did not get; stop it with Ctrl+C).',
      command: JOB_LOGS_FOLLOW,
    }),
  ];
}

const GO_BACK_LIST = /^Until a fixed build ships, go back to the previous image or revision; the list shows which revision last ran healthy\.$/;

/**
 * "Go back" after the list: the way back to the healthy revision the configuration names, else the copy
 * with the healthy revision left to fill from the list. A job has no revisions: its executions say when it
 * last succeeded, and its image is what goes back.
 */
function goBack(input: FixInput): FindingStep[] {
  const isGoBack = (s: FindingStep): boolean => GO_BACK_LIST.test(s.text) && /^az containerapp (?:revision|job execution) list /.test(s.command ?? '');
  if (!input.steps.some(isGoBack)) return input.steps;
  if (input.target.job) {
    return input.steps.flatMap((s) => (isGoBack(s)
      ? [{ ...s, text: 'Find the last execution that succeeded (a job has no revisions; its executions are listed with their status and start time).' }, input.make(jobBackToImage())]
      : [s]));
  }
  const named = backToHealthy(input.config, input.target);
  return input.steps.flatMap((s) => {
    if (!isGoBack(s)) return [s];
    if (named.length > 0) return named.map((r) => ({ ...r, text: r.text.replace(/^Roll back\b/, 'Until a fixed build ships, roll back') }));
    return [{ ...s, text: fillInlineCommands(`${s.text} Then make a new revision from that one's template with \`az containerapp revision copy -n <app> -g <resource-group> --from-revision <healthy-revision>\` (single-revision mode; in multiple-revision mode send its traffic back instead).`, input.target) }];
  });
}

// ---------------------------------------------------------------------------------------------------
// Values the rows give

const HTTPS_NO_CERT = /Unable to configure HTTPS endpoint|No server certificate was specified|HTTPS endpoint.{0,80}certificate/i;

/** Kestrel told to listen on HTTPS without a certificate: the plain-HTTP value on the ingress target port. */
function kestrelUrls(input: FixInput): FindingStep[] {
  const port = input.config?.ingress?.targetPort;
  const blank = (s: FindingStep): boolean => /--set-env-vars ASPNETCORE_URLS=<value>(?:\s|$)/.test(s.command ?? '');
  if (typeof port !== 'number' || !input.steps.some(blank) || !HTTPS_NO_CERT.test(allRows(input).join('\n'))) return input.steps;
  // The rule's own "listen on HTTP only (for example ...)" says the same without the command: it gives way.
  const said = (s: FindingStep): boolean => !s.command && /^Listen on HTTP only\b/.test(s.text);
  const certificate = input.steps.some(said) ? ' Or configure a certificate for Kestrel from a secret.' : '';
  return input.steps.filter((s) => !said(s)).map((s) =>
    blank(s)
      ? {
          text: `Listen on HTTP only: set ASPNETCORE_URLS to http://+:${port}, plain HTTP on the ingress target port (ingress ends TLS, so Kestrel needs no certificate); this creates a new revision.${certificate}`,
          command: s.command!.replace('ASPNETCORE_URLS=<value>', `ASPNETCORE_URLS=http://+:${port}`),
        }
      : s,
  );
}

const SHARE_IN_ROW = /\/\/([a-z0-9]{3,24})\.file\.core\.windows\.net\/([a-z0-9][a-z0-9-]{2,62})\b/i;

/** The share an Azure Files mount row names (`mount //account.file.core.windows.net/media`), where the command left it blank. */
function shareName(input: FixInput): FindingStep[] {
  if (!input.steps.some((s) => (s.command ?? '').includes('--azure-file-share-name <share-name>'))) return input.steps;
  const m = allRows(input).map((r) => SHARE_IN_ROW.exec(r)).find(Boolean);
  if (!m) return input.steps;
  return input.steps.map((s) =>
    (s.command ?? '').includes('--azure-file-share-name <share-name>') && (s.command ?? '').includes(`--azure-file-account-name ${m[1]}`)
      ? { ...s, command: s.command!.replace('--azure-file-share-name <share-name>', `--azure-file-share-name ${m[2]!.toLowerCase()}`) }
      : s,
  );
}

// ---------------------------------------------------------------------------------------------------
// Service Bus and Event Hubs shared access policies

const SAS_STEP = /^Or, with a connection string, use a shared access policy that has the (Send|Listen) right\.$/;
/** The credential step that already names the secret: `... a shared access policy with the Listen right ... --secrets x=<value>`. */
const SAS_SECRET_STEP = /\bshared access policy with the (Send|Listen) right\b/;
const SECRET_VALUE_BLANK = /--secrets ([a-z0-9][a-z0-9.-]{0,252})=<value>(?:\s|$)/;
const ENTITY_PATH = /\bsb:\/\/([a-z0-9][a-z0-9-]{4,48}[a-z0-9])\.servicebus\.windows\.net\/([\w.~-]{1,260})(\/subscriptions\/[\w.~-]{1,50}|\/consumergroups\/[\w.$~-]{1,50})?/i;
const EVENT_HUB_ROWS = /EventHubs?|eventhub|consumergroups\/|EventProcessor|\/partitions\/\d/i;

/** The variable's secret that most likely holds the broker's connection string. */
function brokerSecret(input: FixInput): string | undefined {
  if (input.names.secret && /^[a-z0-9][a-z0-9.-]{0,252}$/.test(input.names.secret)) return input.names.secret;
  const env = list(input.config?.containers).flatMap((c) => list(c?.env)).filter((e) => typeof e?.secretRef === 'string');
  const broker = env.filter((e) => /SERVICE_?BUS|(?:^|_)SB_|(?:^|_)ASB_|EVENT_?HUB|(?:^|_)EH_/i.test(e.name));
  const pick = broker.length === 1 ? broker[0] : env.filter((e) => /CONNECTION/i.test(e.name)).length === 1 ? env.find((e) => /CONNECTION/i.test(e.name)) : undefined;
  return pick?.secretRef;
}

/** The entity a refusal names (`sb://ns.servicebus.windows.net/orders/subscriptions/x`) and the commands of its policies. */
function sasEntity(rows: string): { ns: string; entity: string; label: string; base: string; entityFlag: string; group: string } | undefined {
  const m = ENTITY_PATH.exec(rows);
  if (!m) return undefined;
  const ns = m[1]!.toLowerCase();
  const entity = m[2]!;
  const hub = EVENT_HUB_ROWS.test(rows) || /^\/consumergroups\//i.test(m[3] ?? '');
  const kind = hub ? 'eventhub' : /^\/subscriptions\//i.test(m[3] ?? '') || /\btopic\b/i.test(rows) ? 'topic' : /\bqueue\b/i.test(rows) ? 'queue' : undefined;
  if (!kind) return undefined;
  const type = hub ? 'Microsoft.EventHub/namespaces' : 'Microsoft.ServiceBus/namespaces';
  return {
    ns,
    entity,
    label: hub ? `event hub ${entity}` : `${kind} ${entity}`,
    base: hub ? 'az eventhubs eventhub authorization-rule' : `az servicebus ${kind} authorization-rule`,
    entityFlag: hub ? `--eventhub-name ${shellQuote(entity)}` : `--${kind}-name ${shellQuote(entity)}`,
    group: `$(az resource list -n ${shellQuote(ns)} --resource-type ${type} --query '[0].resourceGroup' -o tsv)`,
  };
}

/**
 * A connection string whose policy lacks the right: a policy with that right on the entity the refusal
 * names, and its connection string into the secret the app reads (read straight from the policy, never
 * printed), then a restart so the replica takes it.
 */
function sasPolicy(input: FixInput): FindingStep[] {
  const { steps, target } = input;
  const bare = steps.findIndex((s) => SAS_STEP.test(s.text) && !s.command);
  const named = steps.findIndex((s) => SAS_SECRET_STEP.test(s.text) && SECRET_VALUE_BLANK.test(s.command ?? ''));
  const at = named >= 0 ? named : bare;
  if (at < 0) return steps;
  const right = (named >= 0 ? SAS_SECRET_STEP : SAS_STEP).exec(steps[at]!.text)![1]!;
  const e = sasEntity(allRows(input).join('\n'));
  if (!e) return steps;
  const rule = `${(target.app ?? 'app').replace(/[^A-Za-z0-9-]/g, '-').slice(0, 40)}-${right.toLowerCase()}`;
  const secret = named >= 0 ? SECRET_VALUE_BLANK.exec(steps[at]!.command!)![1]! : brokerSecret(input);
  const keys = `$(${e.base} keys list -g ${e.group} --namespace-name ${shellQuote(e.ns)} ${e.entityFlag} -n ${rule} --query primaryConnectionString -o tsv)`;
  const create = input.make({
    text: named >= 0
      ? `The app signs in with a connection string, so a role for its identity would not help: create a shared access policy with the ${right} right on ${e.label} of namespace ${e.ns}.`
      : `Or, with a connection string, use a shared access policy that has the ${right} right: create one on ${e.label} of namespace ${e.ns}.`,
    command: `${e.base} create -g ${e.group} --namespace-name ${shellQuote(e.ns)} ${e.entityFlag} -n ${rule} --rights ${right}`,
  });
  const store = input.make({
    text: `Put that policy's connection string into ${secret ? `secret ${secret}` : 'the secret the app reads it from (replace <secret-name>)'}; the command reads it from the policy, so it is never printed.`,
    command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret ?? '<secret-name>'}=${keys}`,
  });
  const restarts = steps.some((s) => RESTART_COMMAND.test(s.command ?? ''));
  const restart = restarts ? [] : [input.make({ text: 'A new secret value reaches the app only when the revision restarts: restart it after the change.', command: RESTART_REVISION })];
  return [...steps.slice(0, at), create, store, ...restart, ...steps.slice(at + 1)];
}

// ---------------------------------------------------------------------------------------------------

const FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [
  probe404,
  probeKillStart,
  recoveredStartup,
  gracePeriod,
  // A worker's own shutdown timeout past the grace period (read when run: the module imports this one).
  (input) => SHUTDOWN_TIMEOUT_FIXERS.reduce((steps, fix) => fix({ ...input, steps }), input.steps),
  daprSteps,
  tcpIngress,
  jobCores,
  removedEnv,
  loopbackOverride,
  missingFileOverride,
  phpLimitOverride,
  heapCap,
  consoleLog,
  goBack,
  // The revision the configuration shows ready fills a rollback's blank; a bare fallback gets logs and the way back.
  fillHealthyRevision,
  bareFallbackSteps,
  kestrelUrls,
  shareName,
  sasPolicy,
  // A refused path a framework places from a variable (HF_HOME, LOG_CHANNEL=stderr): set it, no rebuild.
  ...WRITABLE_PATH_FIXERS,
  // An Azure Redis/PostgreSQL/MySQL that refused or did not answer: its state and firewall rules, read.
  ...AZURE_DEPENDENCY_STATE_FIXERS,
  // An Azure OpenAI deployment's rate limit: its capacity, read and raised.
  ...OPENAI_CAPACITY_FIXERS,
  (input) => raiseToNeed(input.steps, [...allRows(input), ...heapSettings(input)], input.names.memoryLimit ?? mainContainer(input)?.memory, input.config?.workloadProfileName ?? undefined),
  // A model too large for one GPU: tensor parallelism or a quantized variant, never batch size (modelFit.ts).
  modelTooLargeForGpu,
  // The command Azure has for what a step asks in words: a restart, an identity, a variable, a node maximum.
  ...MISSING_COMMAND_FIXERS,
  // Changes that must not be made blind: an options variable's value kept, a file-path variable given a
  // path, the whole managed-identity pull chain, a job's registry, once every step has its command
  // (configSafety.ts; read when run: a cycle).
  (input) => CONFIG_SAFETY_FIXERS.reduce((steps, fix) => fix({ ...input, steps }), input.steps),
  // Identity commands fitted to the identity the configuration shows: user-assigned only, None, or a
  // registry that pulls with a user name and password (identityFit.ts).
  ...IDENTITY_FIT_FIXERS,
  // A rebuilt image is pushed to the team's registry, never to a public publisher's namespace (ownRegistry.ts).
  rebuiltToOwnRegistry,
  // Last: the sub-cause the rows name replaces the category's template (subCauses.ts), and steps that
  // contradict the configuration or pad from a neighbouring cause go (contradictions.ts).
  // Read when run, not when loaded: both modules import this one's helpers.
  (input) => [...SUB_CAUSE_FIXERS, ...CONTRADICTION_FIXERS, ...STEP_EVIDENCE_FIXERS].reduce((steps, fix) => fix({ ...input, steps }), input.steps),
  // Then what each fix does to revisions: the secret a reference needs, the restart an app-scope change
  // needs, and no restart of a revision a template change replaces (revisionScope.ts, also a cycle).
  (input) => [...PROSE_FIXERS, ...CONFIG_FILE_FIXERS, ...START_ARGS_FIXERS, ...SERVER_ARG_FIXERS, ...SERVER_START_FIXERS, ...REFUSED_CREDENTIAL_FIXERS, ...REVISION_SCOPE_FIXERS].reduce((steps, fix) => fix({ ...input, steps }), input.steps),
  // A volume-mount change asked for in words gets the YAML, not a restart of the failing revision (templateRestart.ts; a cycle).
  (input) => TEMPLATE_RESTART_FIXERS.reduce((steps, fix) => fix({ ...input, steps }), input.steps),
  // Never an offer to turn a server's TLS enforcement or a client's certificate check off (unsafeAlternatives.ts).
  noSecurityOff,
];

/** Every fixer in turn; the inline commands of every step get the target's names at the end. */
export function fixCommandSteps(input: FixInput): FindingStep[] {
  let steps = input.steps;
  for (const fix of FIXERS) steps = fix({ ...input, steps });
  return steps.map((s) => {
    const text = fillInlineCommands(s.text, input.target);
    return text === s.text ? s : { ...s, text };
  });
}
