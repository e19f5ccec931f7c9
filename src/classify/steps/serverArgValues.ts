/**
 * A model server's own argument whose value the rows and the configuration both give, set to the value
 * that works, with the change command (v21 review B 72, B 76: "no update command", "does not say that
 * the config sets 0.1"):
 * - tensor parallelism (--num-shard, --tensor-parallel-size) that does not divide the model's attention
 *   heads: the largest count below it that divides them, or no flag at all (one GPU) when none does
 *   (71 heads is prime: only one shard works);
 * - vLLM's --gpu-memory-utilization set so low that no GPU memory is left for the KV cache: its default, 0.9.
 * A read of the args the configuration already shows goes: the new step quotes them.
 */
import type { ContainerSpec, FindingStep } from '../../model';
import { overrideStep, type FixInput } from './fixCommands';
import { list } from './list';

function words(v: unknown): string[] {
  return list(v as string[]).filter((w): w is string => typeof w === 'string').slice(0, 40);
}

function mainOf(input: FixInput): ContainerSpec | undefined {
  const containers = list(input.config?.containers);
  return containers.find((c) => c?.name === (input.names.container ?? input.target.container)) ?? containers[0];
}

/** Where a flag's value is in the args: `--flag value` (two words) or `--flag=value` (one). */
function flagValue(args: readonly string[], flag: string): { at: number; value: string; joined: boolean } | undefined {
  const at = args.findIndex((w) => w === flag || w.startsWith(`${flag}=`));
  if (at < 0) return undefined;
  const w = args[at]!;
  if (w !== flag) return { at, value: w.slice(flag.length + 1), joined: true };
  const value = args[at + 1];
  return value === undefined ? undefined : { at, value, joined: false };
}

/** The args with the flag's value replaced, or the flag (and its value) removed when `value` is undefined. */
function withValue(args: readonly string[], flag: string, value: string | undefined): string[] | undefined {
  const v = flagValue(args, flag);
  if (!v) return undefined;
  const width = v.joined ? 1 : 2;
  const replaced = value === undefined ? [] : v.joined ? [`${flag}=${value}`] : [flag, value];
  return [...args.slice(0, v.at), ...replaced, ...args.slice(v.at + width)];
}

/** The read step the model-serving rules open with (the args the configuration already holds). */
const READS_ARGS = /properties\.template\.containers\[\]\.args/;

function replaceSteps(steps: readonly FindingStep[], drop: RegExp, step: FindingStep): FindingStep[] {
  const kept = steps.filter((s) => !(READS_ARGS.test(s.command ?? '') && !/ update /.test(s.command ?? '')));
  const at = kept.findIndex((s) => drop.test(s.text) && !s.command);
  return at >= 0 ? [...kept.slice(0, at), step, ...kept.slice(at + 1)] : [step, ...kept];
}

/** The largest count below `shards` that divides `heads`; 1 when none does (a prime head count). */
export function shardsThatDivide(heads: number, shards: number): number {
  for (let d = shards - 1; d > 1; d--) if (heads % d === 0) return d;
  return 1;
}

const SHARD_STEP = /^Set (?:--num-shard|--tensor-parallel-size) to a number that divides/;

function shardCount(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  const flag = names.setting;
  const heads = Number(names.heads);
  const shards = Number(names.shards);
  if (f.benign || (flag !== '--num-shard' && flag !== '--tensor-parallel-size') || !(heads > 0) || !(shards > 1)) return steps;
  const c = mainOf(input);
  const args = words(c?.args);
  const v = flagValue(args, flag);
  if (!c || !v || Number(v.value) !== shards) return steps;
  const d = shardsThatDivide(heads, shards);
  const fixed = withValue(args, flag, d > 1 ? String(d) : undefined);
  if (!fixed) return steps;
  const lead = d > 1
    ? `The args set ${flag} ${shards}, which does not divide the model's ${heads} attention heads: set it to ${d}, the largest count below ${shards} that divides them.`
    : `The args set ${flag} ${shards}, and no count above 1 up to ${shards} divides the model's ${heads} attention heads${isPrime(heads) ? ` (${heads} is prime)` : ''}: remove ${flag} so the model runs unsharded on one GPU.`;
  const step = overrideStep(input, lead, words(c.command), fixed);
  return step ? replaceSteps(steps, SHARD_STEP, step) : steps;
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** vLLM's KV-cache refusal; the share of the GPU below which the weights of any model leave it nothing. */
const KV_CACHE_ROW = /No available memory for the cache blocks|maximum number of tokens that can be stored in KV cache|larger than the available KV cache memory/;
const LOW_SHARE = 0.5;
const KV_STEP = /^vLLM sizes its KV cache from the GPU memory left within --gpu-memory-utilization/;
/** The larger-GPU move: beside a share set low it is not the fix. */
const LARGER_GPU = /^If the model really needs more GPU memory, move the app to a workload profile with a larger GPU/;

function gpuShare(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || f.category !== 'out-of-memory') return steps;
  const rows = list(f.evidence).map((e) => String(e?.text ?? '').slice(0, 2000));
  if (!rows.some((r) => KV_CACHE_ROW.test(r))) return steps;
  const c = mainOf(input);
  const args = words(c?.args);
  const v = flagValue(args, '--gpu-memory-utilization');
  const share = Number(v?.value);
  if (!c || !v || !(share > 0 && share < LOW_SHARE)) return steps;
  const fixed = withValue(args, '--gpu-memory-utilization', '0.9');
  if (!fixed) return steps;
  const lead = `The args set --gpu-memory-utilization ${v.value}: vLLM may use only ${Math.round(share * 100)}% of the GPU's memory, and after the model's weights nothing is left for the KV cache. Raise it to 0.9 (vLLM's default; 0.85 leaves headroom for another process on the GPU).`;
  const step = overrideStep(input, lead, words(c.command), fixed);
  if (!step) return steps;
  const out = replaceSteps(steps, /^$/, step).filter((s) => !LARGER_GPU.test(s.text));
  // The category's prose stays as the way on when the share is already high: after the fix.
  const prose = out.findIndex((s) => KV_STEP.test(s.text));
  if (prose < 0) return out;
  const rest = out.filter((_, i) => i !== prose);
  const at = rest.indexOf(step);
  return [...rest.slice(0, at + 1), out[prose]!, ...rest.slice(at + 1)];
}

export const SERVER_ARG_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [shardCount, gpuShare];
