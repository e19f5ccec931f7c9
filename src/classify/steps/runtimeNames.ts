/**
 * Names the steps derive from the ones the rule and configuration gave, at classification time and again
 * once the configuration is known: the OS package behind a missing library, and the memory knob of a
 * runtime sized from the container's limit.
 */
import type { AppConfig } from '../../model';
import { memoryGiB } from '../memorySize';
import { trimChars } from '../trim';
import { packageNames } from '../rules/osPackages';

/**
 * GOMEMLIMIT a tenth below the container's limit: the Go GC then works harder before the kernel kills,
 * and the rest is left for what the runtime does not count (stacks, cgo, the binary).
 */
function goMemLimit(memoryLimit: string | undefined): Record<string, string> {
  const gi = memoryGiB(memoryLimit);
  return gi ? { goMemLimit: `${Math.floor(gi * 1024 * 0.9)}MiB` } : {};
}

/**
 * An image built on a GPU inference or training stack (the repository names it): a native crash in it
 * is the CUDA/torch build's before it is a libc or CPU mismatch. Only the image's own words count.
 */
const GPU_IMAGE = /(?:^|[/_-])(?:sglang|vllm|pytorch|cuda|tensorrt|triton(?:server)?|text-generation-inference|tgi|llama\.cpp|ollama)(?=[/:_-]|$)/i;

function gpuImage(image: string | undefined): Record<string, string> {
  const repo = typeof image === 'string' ? image.slice(0, 300).split('@')[0]!.replace(/:[\w.-]{1,128}$/, '') : '';
  return repo && GPU_IMAGE.test(repo) ? { gpuImage: image!.slice(0, 300) } : {};
}

export function runtimeNames(names: Readonly<Record<string, string>>): Record<string, string> {
  return { ...packageNames(names), ...goMemLimit(names.memoryLimit), ...gpuImage(names.image) };
}

/** The derived names are filled into a command here; every other placeholder is left for `attachCommands`. */
export function fillDerived(command: string, derived: Readonly<Record<string, string>>): string {
  return command.replace(/\{(\w{1,40})\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(derived, name) ? derived[name]! : m));
}


/**
 * The base the change since the healthy revision moved to, when it is Alpine (musl libc): a native crash
 * right after it is the libc, not the code. Read from the change summary or the images it changed to.
 */
export function muslBaseOf(config: AppConfig | undefined): Record<string, string> {
  const change = config?.changesSinceHealthy;
  if (!change) return {};
  const images = (Array.isArray(change.changes) ? change.changes : [])
    .filter((c) => c?.kind === 'image')
    .map((c) => (typeof c.after === 'string' ? c.after : ''));
  const texts = [typeof change.summary === 'string' ? change.summary : '', ...images].map((t) => t.slice(0, 500));
  const word = texts.flatMap((t) => t.split(/\s+/)).find((w) => /alpine|musl/i.test(w));
  // The word that says it (`eclipse-temurin:11-jre-alpine`), without the quotes, brackets and punctuation around it.
  const hit = word ? trimChars(word, '("\'`', ')"\'`,.;') : undefined;
  return hit ? { muslBase: hit } : {};
}

