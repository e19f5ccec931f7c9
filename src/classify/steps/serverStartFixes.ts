/**
 * How a server is started, fixed with the command Azure has for it where the steps said it in words
 * (v21 review B 88, B 96: "does not name OLLAMA_HOST, which the config sets", "the only command is a show"):
 * - a server on the loopback address whose listen variable the configuration sets (OLLAMA_HOST): that
 *   variable set to all interfaces on the port it listens on;
 * - an app whose command override runs a program's one-shot subcommand (`ollama pull mistral`) where the
 *   program has a server subcommand: the server started in the foreground, the one-shot moved out.
 */
import type { ContainerSpec, FindingStep } from '../../model';
import { overrideStep, type FixInput } from './fixCommands';
import { list } from './list';

function mainOf(input: FixInput): ContainerSpec | undefined {
  const containers = list(input.config?.containers);
  return containers.find((c) => c?.name === (input.names.container ?? input.target.container)) ?? containers[0];
}

function words(v: unknown): string[] {
  return list(v as string[]).filter((w): w is string => typeof w === 'string').slice(0, 40);
}

/** Listen variables and the all-interfaces value they take (Ollama reads host:port from OLLAMA_HOST). */
const LISTEN_VARIABLES: readonly { name: string; value: (port: string) => string }[] = [
  { name: 'OLLAMA_HOST', value: (p) => `0.0.0.0:${p}` },
];

/** The rule's prose bind step, said without a command. */
const BIND_STEP = /^Bind 0\.0\.0\.0 \(or \[::\]\) on port \d{1,5} instead of/;

function listenVariable(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  if (f.benign || f.category !== 'port-misconfiguration' || !/^(?:127\.0\.0\.1|localhost|::1)$/.test(names.listenAddress ?? '')) return steps;
  const port = names.listenPort ?? (typeof input.config?.ingress?.targetPort === 'number' ? String(input.config.ingress.targetPort) : undefined);
  const env = list(mainOf(input)?.env).map((e) => e?.name);
  const known = LISTEN_VARIABLES.find((v) => env.includes(v.name));
  if (!known || !port || !/^\d{1,5}$/.test(port) || steps.some((s) => (s.command ?? '').includes(`${known.name}=`))) return steps;
  const step = input.make({
    text: `The configuration sets ${known.name}, the variable the server takes its listen address from, and it listens on ${names.listenAddress}:${port}: set it to ${known.value(port)} so ingress and probes can reach it; this creates a new revision.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${known.name}=${known.value(port)}`,
  });
  const at = steps.findIndex((s) => BIND_STEP.test(s.text) && !s.command);
  return at >= 0 ? [...steps.slice(0, at), step, ...steps.slice(at + 1)] : [step, ...steps];
}

/** Programs whose one-shot subcommands exit, and the subcommand that serves (the image's own default). */
const SERVER_SUBCOMMANDS: readonly { program: RegExp; oneShot: RegExp; serve: string }[] = [
  { program: /^ollama$/, oneShot: /^(?:pull|create|run|cp|rm|list|ls|show)$/, serve: 'serve' },
];

/** The job alternative: wrong beside an app that serves on ingress. */
const JOB_STEP = /^If this is meant to be a run-to-completion task, deploy it as a Container Apps job/;

function serverSubcommand(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || input.target.job || !input.config?.ingress) return steps;
  const c = mainOf(input);
  const line = [...words(c?.command), ...words(c?.args)];
  const base = line.map((w) => w.slice(w.lastIndexOf('/') + 1));
  const known = SERVER_SUBCOMMANDS.find((s) => s.program.test(base[0] ?? '') && s.oneShot.test(base[1] ?? ''));
  if (!c || !known || !steps.some((s) => s.text.includes(`\`${line.join(' ')}\``))) return steps;
  const step = overrideStep(
    input,
    `Start the server in the foreground instead (\`${line[0]} ${known.serve}\`, the image's default), and run \`${line.join(' ')}\` once it is up: from an init container or a job against the server's port, or by hand from the console.`,
    [line[0]!],
    [known.serve],
  );
  if (!step) return steps;
  const kept = steps.filter((s) => !JOB_STEP.test(s.text));
  const at = kept.findIndex((s) => s.text.includes(`\`${line.join(' ')}\``));
  return [...kept.slice(0, at + 1), step, ...kept.slice(at + 1)];
}

export const SERVER_START_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [listenVariable, serverSubcommand];
