/**
 * When a step applies, by the evidence it needs in the rows of every finding (docs/steps-review-v21-fresh.md,
 * "a category's template replaces this cause's fix"): a rule's steps see only its own evidence rows, and a
 * sibling finding's rows can show that the category's generic lead does not fit this failure.
 */
import type { FindingStep } from '../../model';
import { HEAP_CORRUPTION_ROWS, NATIVE_HEAP_STEP } from '../rules/crashSiteSteps';
import { APPLY_YAML, viaYaml, type FixInput } from './fixCommands';
import { rowsOfAll } from './evidenceRows';

/** The generic native-build lead of a crash (categoryText crash-signal fallback): a libc or CPU mismatch. */
const LIBC_CPU_BUILD = /^Check that the program and its native dependencies \(the compiled libraries it loads\) were built for this base image/;

/**
 * An abort whose rows (in any finding: the exit code's finding often carries only the system row) show
 * glibc's heap-corruption check: the program ran and freed a bad pointer, a memory bug to debug and a
 * version to go back from, not a binary built for another libc or CPU (cases 43 and 59).
 */
export function heapCorruptionNotBuild(input: FixInput): FindingStep[] {
  const at = input.steps.findIndex((s) => LIBC_CPU_BUILD.test(s.text));
  if (at < 0) return input.steps;
  const check = rowsOfAll(input).map((r) => HEAP_CORRUPTION_ROWS.exec(r)?.[0]).find(Boolean);
  if (!check) return input.steps;
  const step = input.make({ text: NATIVE_HEAP_STEP.replace('{heapCheck|free(): invalid pointer}', check) });
  return input.steps.map((s, i) => (i === at ? step : s));
}

/** A resolver's failure to find the name (glibc/macOS getaddrinfo, Node, Go, Java, musl). */
const NAME_NOT_RESOLVED = /getaddrinfo|nodename nor servname provided|Name or service not known|Temporary failure in name resolution|\bENOTFOUND\b|\bEAI_AGAIN\b|no such host|UnknownHostException|Name does not resolve/i;
/** The dependency's address was reached and turned the connection down or never answered. */
const ADDRESS_REACHED = /ECONNREFUSED|Connection refused|connection was refused|ETIMEDOUT|timed out|\bEHOSTUNREACH\b/i;
/** A step that waits for a dependency that starts late (start-up order, a first-connect retry). */
const WAIT_FOR_START = /\bretry the first connect\b|\bstart-?up order\b|\bwait for the (?:broker|database|server|dependency)\b/i;

/**
 * The name did not resolve (case 50: `getaddrinfo` for host "rabbit", a docker-compose service name): no
 * server behind it will come up later, so waiting for it or retrying the first connect cannot help, and the
 * address step stays. With a refusal or a timeout in the rows too, the wait may fit and stays.
 */
export function noWaitForUnresolvedName(input: FixInput): FindingStep[] {
  if (!input.steps.some((s) => WAIT_FOR_START.test(s.text))) return input.steps;
  const rows = rowsOfAll(input);
  if (!rows.some((r) => NAME_NOT_RESOLVED.test(r)) || rows.some((r) => ADDRESS_REACHED.test(r))) return input.steps;
  const kept = input.steps.filter((s) => !WAIT_FOR_START.test(s.text));
  return kept.length > 0 ? kept : input.steps;
}

/**
 * Directories where images keep the code and packages they install: a volume mounted there replaces them in
 * the container (/workspace in vLLM and PyTorch images, /app and /usr/src/app for most app images).
 */
const CODE_DIR = /^\/(?:workspace|app|code|src|usr\/src\/app|opt\/app|srv\/app|home\/node\/app|var\/www\/html|opt\/venv|usr\/local\/lib\/python3\.\d{1,2}(?:\/site-packages)?)\/?$/;
/** The category's install-and-rebuild steps (categoryText missing-module, deploy.ts). */
const INSTALL_STEP = /^Declare \S{1,200} in |\brebuild the image\b/;
const REBUILT_DEPLOY = /--image \S{1,300}:<new-tag>|--image <rebuilt-image>/;

/**
 * A module the image installs is missing because a volume is mounted over the directory that holds it (case
 * 89: share hf-cache at /workspace in vllm/vllm-openai): nothing needs installing or rebuilding; the share
 * moves to a path of its own. A volume elsewhere (/data, a cache directory) leaves the install steps.
 */
export function mountHidesModule(input: FixInput): FindingStep[] {
  if (input.f.category !== 'missing-module' || !input.steps.some((s) => INSTALL_STEP.test(s.text))) return input.steps;
  const containers = Array.isArray(input.config?.containers) ? input.config.containers : [];
  const c = containers.find((x) => x?.name === (input.names.container ?? input.target.container)) ?? containers[0];
  const mounts = Array.isArray(c?.volumeMounts) ? c.volumeMounts : [];
  const over = mounts.find((m) => typeof m?.mountPath === 'string' && CODE_DIR.test(m.mountPath));
  if (!over) return input.steps;
  const module = input.names.module ?? input.f.names?.module;
  const cache = /hf|hugging|model|cache/i.test(String(over.volumeName ?? '')) ? ' (for a model cache, the directory the program reads it from, such as /root/.cache/huggingface)' : '';
  const step = input.make({
    text: `Volume ${over.volumeName ?? 'the volume'} is mounted at ${over.mountPath}, over the files the image ${c?.image ?? ''} keeps there: the mount hides what the image installed${module ? `, ${module} among them` : ''}, so nothing needs installing or rebuilding. Mount the share at a path of its own${cache} instead. ${viaYaml(input, `change that volumeMount's mountPath under properties.template.containers`)}`.replace(/ {2,}/g, ' '),
    command: APPLY_YAML,
  });
  const kept = input.steps.filter((s) => !INSTALL_STEP.test(s.text) && !REBUILT_DEPLOY.test(s.command ?? ''));
  return [step, ...kept];
}

export const STEP_EVIDENCE_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [heapCorruptionNotBuild, noWaitForUnresolvedName, mountHidesModule];
