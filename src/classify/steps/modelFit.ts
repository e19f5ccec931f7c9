/**
 * A model that cannot fit one GPU (the v24 review's cases of a 70B/72B model out of GPU memory at load):
 * its weights alone, in bf16/fp16, take about twice its parameter count in GB, more than the 80 GB of the
 * largest single GPU. Batch size, no_grad or the allocator cannot make that load, and the failure comes
 * back at every start, so a quiet period after a restart is not a recovery. The steps are tensor
 * parallelism across GPUs, a quantized variant, or a smaller model.
 */
import type { FindingStep } from '../../model';
import { containersOf } from '../stages/configChecks';
import { APPLY_YAML, viaYaml, type FixInput } from './fixCommands';
import { rowsOfAll } from './evidenceRows';

/** The GPU memory template steps of categoryText.ts (PyTorch's and llama.cpp's). */
const GPU_STEP = /^The GPU ran out of memory\b/;
/** A parameter count in a model's name or tag: `-70B-`, `qwen2vl-72b`, `/Llama-3.1-405B`; never `8x7B` or `20.00 MiB`. */
const PARAMS = /[-_/:](\d{2,3}(?:\.\d)?)[bB](?=$|[-_.:'"\s/,)])/g;
/** From this many billion parameters the bf16 weights (2 bytes each) pass the 80 GB of one A100 or H100. */
const TOO_LARGE = 40;
/** A model already quantized: the quantized variant is no longer the way out. */
const QUANTIZED = /\b(?:AWQ|GPTQ|int4|int8|4bit|8bit|GGUF|fp8)\b/i;
const TP_ARG = /^--(?:tensor-parallel-size|tp|tp-size)(?:=(\d{1,2}))?$/;
/** Arguments the command line can carry as they are (no spaces, no quotes). */
const PLAIN_ARG = /^[\w.:/=@+-]{1,200}$/;

function texts(input: FixInput): string[] {
  const rows = rowsOfAll(input);
  const config = containersOf(input.config).flatMap((c) => [c?.image, ...(Array.isArray(c?.args) ? c.args : []), ...(Array.isArray(c?.command) ? c.command : [])]);
  return [...rows, ...config].filter((t): t is string => typeof t === 'string');
}

/** The largest parameter count named, with the token that names it. */
export function largestModel(all: readonly string[]): { billions: number; name: string } | undefined {
  let best: { billions: number; name: string } | undefined;
  for (const t of all) {
    for (const m of t.matchAll(PARAMS)) {
      const billions = Number(m[1]);
      if (best && billions <= best.billions) continue;
      const start = t.lastIndexOf(' ', m.index) + 1;
      const token = t.slice(start, t.indexOf(' ', m.index + 1) === -1 ? undefined : t.indexOf(' ', m.index + 1));
      best = { billions, name: token.replace(/^[\w]{1,20}=|^["'(]+|["',)]+$/g, '').slice(0, 120) };
    }
  }
  return best;
}

/** The container's args with the tensor-parallel size replaced by a placeholder, when they carry one. */
function tpArgs(input: FixInput): string[] | undefined {
  const c = containersOf(input.config).find((x) => x?.name === (input.names.container ?? input.target.container)) ?? containersOf(input.config)[0];
  const args = Array.isArray(c?.args) ? c.args.filter((a): a is string => typeof a === 'string') : [];
  const at = args.findIndex((a) => TP_ARG.test(a));
  if (at < 0 || !args.every((a) => PLAIN_ARG.test(a))) return undefined;
  const out = [...args];
  if (args[at]!.includes('=')) out[at] = `${args[at]!.split('=')[0]}=<gpu-count>`;
  else if (at + 1 < args.length) out[at + 1] = '<gpu-count>';
  else return undefined;
  return out;
}

export function modelTooLargeForGpu(input: FixInput): FindingStep[] {
  const { steps, f } = input;
  const at = steps.findIndex((s) => GPU_STEP.test(s.text));
  if (f.benign || f.category !== 'out-of-memory' || at < 0) return steps;
  const all = texts(input);
  const model = largestModel(all);
  if (!model || model.billions < TOO_LARGE) return steps;
  const quantized = all.some((t) => QUANTIZED.test(t));
  const fit: FindingStep = {
    text: `${model.name} has about ${model.billions}B parameters: in bf16/fp16 its weights alone take about ${Math.round(model.billions * 2)} GB, more than one GPU holds (80 GB on an A100 or H100), so no batch size, no_grad or allocator setting lets it load, and it fails the same way at every start. Split it across GPUs with tensor parallelism (vLLM's --tensor-parallel-size, or the server's equivalent, set to the GPU count) on a GPU workload profile with that many GPUs${quantized ? '' : ', serve a quantized variant (AWQ or GPTQ 4-bit, about a quarter of the size)'}, or serve a smaller model.`,
  };
  const args = input.target.job ? undefined : tpArgs(input);
  // The args start with dashes, which the CLI would read as its own flags: they change through the YAML.
  const command: FindingStep[] = args
    ? [input.make({ text: `Once the app runs on a profile with several GPUs, ${viaYaml(input, `set the container's args to [${args.map((a) => JSON.stringify(a)).join(', ')}] with <gpu-count> the GPU count`)}`, command: APPLY_YAML })]
    : [];
  // A restart got past nothing: the "recovered, no action" lead goes, the load fails again.
  return steps.flatMap((s, i) => (i === at ? [fit, ...command] : /^No action needed now\b/.test(s.text) ? [] : [s]));
}
