/**
 * Steps that say the fix in words and name (or imply) the setting that carries it, given the command that
 * applies it with the variable the configuration already has: the AMQP transport a .NET client reads
 * (ServiceBus__TransportType), the password beside a host variable (REDIS_HOST -> REDIS_PASSWORD), a
 * native agent loaded from JAVA_TOOL_OPTIONS, an EmptyDir at /tmp, a broker address variable on a job,
 * and a start argument left without its value.
 */
import type { AppConfig, ContainerSpec, FindingStep } from '../../model';
import { RESTART_COMMAND, RESTART_REVISION } from '../rules/commandTemplates';
import { secretNameFor } from './attachCommands';
import { APPLY_YAML, viaYaml, type FixInput } from './fixCommands';
import { list } from './list';
import { DEPENDENCY_ADDRESS_FIXERS } from './dependencyAddress';
import { envRefs, type EnvRef } from './envRefs';

const UPDATE_ENV = 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars';

function mainOf(input: FixInput): ContainerSpec | undefined {
  const containers = list(input.config?.containers);
  return containers.find((c) => c?.name === (input.names.container ?? input.target.container)) ?? containers[0];
}

const envOf = (config: AppConfig | undefined): EnvRef[] => envRefs(config);

// ---------------------------------------------------------------------------------------------------
// AMQP over WebSockets

const AMQP_STEP = /^Allow outbound TCP 5671 and 5672 from the environment's subnet to (.{1,200}?) \(NSG rules, firewall, user-defined routes\), or switch the client to AMQP over WebSockets/;
/** The variable a client reads its AMQP transport from (.NET options binding, Spring Cloud Azure, plain names). */
const TRANSPORT_VAR = /(?:^|_)TransportType$|^(?:SERVICEBUS|SERVICE_BUS|EVENTHUBS?|EVENT_HUBS?|AMQP)\w{0,40}TRANSPORT(?:_TYPE)?$|transport-?type$/i;

/**
 * The AMQP timeout's two ways out, each with its own command: open the ports (no new revision, so the
 * failing revision is restarted), or set the transport variable the app already has to AmqpWebSockets
 * (a new revision, which needs no restart).
 */
function amqpTransport(input: FixInput): FindingStep[] {
  const at = input.steps.findIndex((s) => !s.command && AMQP_STEP.test(s.text));
  const v = envOf(input.config).find((e) => TRANSPORT_VAR.test(e.name) && !e.secretRef);
  if (at < 0 || !v) return input.steps;
  const to = AMQP_STEP.exec(input.steps[at]!.text)![1]!;
  const restart = input.steps.find((s) => RESTART_COMMAND.test(s.command ?? ''));
  const open = input.make({
    text: `Allow outbound TCP 5671 and 5672 from the environment's subnet to ${to} (NSG rules, firewall, user-defined routes), then restart the revision: a network change creates no revision.`,
    command: RESTART_REVISION,
  });
  const ws = input.make({
    text: `Or, with no network change, switch the client to AMQP over WebSockets (port 443): the app sets ${v.name}, so set it to AmqpWebSockets; this creates a new revision, so no restart is needed.`,
    command: `${UPDATE_ENV} ${v.name}=AmqpWebSockets`,
  });
  const rest = input.steps.filter((s, i) => i !== at && s !== restart);
  return [...rest.slice(0, at), open, ws, ...rest.slice(at)];
}

// ---------------------------------------------------------------------------------------------------
// A password beside a host variable

const NOAUTH_STEP = /^The server requires a password and the app sent none \(NOAUTH\): add it to the connection the app makes/;

/**
 * NOAUTH, and the app names its server through `<PREFIX>_HOST` with no password variable: the password
 * most likely goes in `<PREFIX>_PASSWORD`, stored as a secret first, then referenced (one new revision).
 */
function passwordBesideHost(input: FixInput): FindingStep[] {
  const at = input.steps.findIndex((s) => !s.command && NOAUTH_STEP.test(s.text));
  if (at < 0) return input.steps;
  const env = envOf(input.config);
  const hosts = env.map((e) => /^([A-Z][A-Z0-9]{1,30})_HOST$/.exec(e.name)?.[1]).filter((p): p is string => !!p);
  const prefix = hosts.find((p) => /REDIS|CACHE|STORAGE|SESSION/.test(p)) ?? (hosts.length === 1 ? hosts[0] : undefined);
  if (!prefix || env.some((e) => e.name.startsWith(`${prefix}_PASS`))) return input.steps;
  const v = `${prefix}_PASSWORD`;
  const secret = secretNameFor(v);
  const steps: FindingStep[] = [
    input.make({
      text: `${input.steps[at]!.text} The app names the server with ${prefix}_HOST and sets no password variable: the password most likely goes in ${v} (check the app's documentation for the name it reads). Store it as app secret ${secret} (replace <password>).`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret}=<password>`,
    }),
    input.make({ text: `Set ${v} from secret ${secret}; this creates a new revision, so no restart is needed.`, command: `${UPDATE_ENV} ${v}=secretref:${secret}` }),
  ];
  return [...input.steps.slice(0, at), ...steps, ...input.steps.slice(at + 1)];
}

// ---------------------------------------------------------------------------------------------------
// A native agent loaded from the JVM's options

const AGENT_STEP = /^Stop loading (\S{1,200}): remove the -agentpath \(or JNI library\) that loads it from JAVA_TOOL_OPTIONS, JAVA_OPTS/;
const AGENT_IN_SUMMARY = /-agent(?:path|lib):(\S{1,300})/;

/**
 * The crashing native library is loaded by an option variable the app sets (JAVA_TOOL_OPTIONS,
 * JAVA_OPTS): the command removes the variable, or sets it without the -agentpath when it holds more.
 */
function agentOptions(input: FixInput): FindingStep[] {
  const at = input.steps.findIndex((s) => !s.command && AGENT_STEP.test(s.text));
  if (at < 0) return input.steps;
  const v = envOf(input.config).find((e) => /^(?:JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|JAVA_OPTS|_JAVA_OPTIONS)$/.test(e.name) && !e.secretRef);
  if (!v) return input.steps;
  const agent = AGENT_IN_SUMMARY.exec(input.config?.changesSinceHealthy?.summary?.slice(0, 2000) ?? '')?.[0];
  const which = agent ? `the ${agent.split('=')[0]} option` : 'the -agentpath option';
  const text = `${input.steps[at]!.text.replace(/; then create a new revision\.$/, '.')} The app sets ${v.name}: remove it if it holds only ${which} (this command), else set it to its other options without ${which}; this creates a new revision.`;
  const step = input.make({ text, command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars ${v.name}` });
  return input.steps.map((s, i) => (i === at ? step : s));
}

// ---------------------------------------------------------------------------------------------------
// An EmptyDir at /tmp

const TMP_STEP = /^Make \/tmp writable for the container's user: mount an EmptyDir volume at \/tmp/;

/** The EmptyDir volume at /tmp as YAML: the volume and the container's mount, then the apply command. */
function emptyDirTmp(input: FixInput): FindingStep[] {
  const at = input.steps.findIndex((s) => !s.command && TMP_STEP.test(s.text));
  if (at < 0) return input.steps;
  const edit = 'add `{name: tmp, storageType: EmptyDir}` under template.volumes and `{volumeName: tmp, mountPath: /tmp}` under the container\'s volumeMounts,';
  const step = input.make({
    text: `Make /tmp writable for the container's user with an EmptyDir volume mounted at /tmp (or fix the image: chmod 1777 /tmp, or chown it to the USER in the Dockerfile). ${viaYaml(input, edit)}`,
    command: APPLY_YAML,
  });
  return input.steps.map((s, i) => (i === at ? step : s));
}

// ---------------------------------------------------------------------------------------------------
// An address variable to set

const CHECK_ADDRESS = /^Check the server name and port in ([A-Za-z_][A-Za-z0-9_]{0,100})\.$/;

/** "Check the server name and port in VAR": the command that sets it, when the app sets VAR in plain text. */
function addressVariable(input: FixInput): FindingStep[] {
  return input.steps.map((s) => {
    const m = CHECK_ADDRESS.exec(s.text);
    const v = m ? envOf(input.config).find((e) => e.name === m[1]) : undefined;
    if (s.command || !m || !v || v.secretRef) return s;
    return input.make({
      text: `Check the server name and port in ${v.name} against the broker's address (reachable from the environment: its network path, and the listener the broker advertises); correct it (replace <host>:<port>); this creates a new revision.`,
      command: `${UPDATE_ENV} ${v.name}=<host>:<port>`,
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// A start argument left without its value

/**
 * The change since the healthy revision changed the args and they end in a flag with no value
 * (`--partitions`): the flag's value is what to add, through the YAML (the CLI reads `--x` as its own flag).
 */
function danglingArg(input: FixInput): FindingStep[] {
  const changes = list(input.config?.changesSinceHealthy?.changes);
  if (input.f.benign || !changes.some((c) => c?.kind === 'args')) return input.steps;
  const c = mainOf(input);
  const args = list(c?.args).filter((w): w is string => typeof w === 'string').slice(0, 40);
  const last = args[args.length - 1];
  if (!last || !/^--?[A-Za-z][\w-]{0,60}$/.test(last) || input.steps.some((s) => / --args |--yaml /.test(s.command ?? ''))) return input.steps;
  const fixed = JSON.stringify([...args, '<value>']).replace(/,/g, ', ');
  const step = input.make({
    text: `The args end in ${last} with no value after it, so the app stops on its own argument parsing: give ${last} its value (or drop it). ${viaYaml(input, `set the container's args to ${fixed} (replace <value>; through the YAML: the CLI would read ${args.find((w) => w.startsWith('-'))} as a flag of its own)`)}`,
    command: APPLY_YAML,
  });
  return [step, ...input.steps];
}

// The configured address variables of an unreachable dependency come before the one-variable broker wording.
export const PROSE_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [amqpTransport, passwordBesideHost, agentOptions, emptyDirTmp, ...DEPENDENCY_ADDRESS_FIXERS, addressVariable, danglingArg];
