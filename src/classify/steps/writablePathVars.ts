/**
 * A path a framework places from an environment variable, refused to the user the app runs as (review v24
 * A 12: `/root/.cache/huggingface/token` as non-root; A 34: Laravel's `storage/logs/laravel.log`). The
 * generic permission steps only rebuild the image (chown, COPY --chown); the framework's own variable moves
 * the path to a writable one, or the log to stderr, with no rebuild: `az containerapp update --set-env-vars`.
 * Each variable is the one the framework documents:
 * - Hugging Face: HF_HOME (https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables#hfhome)
 * - PyTorch hub: TORCH_HOME (https://pytorch.org/docs/stable/hub.html#where-are-my-downloaded-models-saved)
 * - Matplotlib: MPLCONFIGDIR (https://matplotlib.org/stable/install/environment_variables_faq.html)
 * - npm: npm_config_cache (https://docs.npmjs.com/cli/v10/using-npm/config#cache)
 * - Laravel: LOG_CHANNEL=stderr (https://laravel.com/docs/11.x/logging#configuration)
 * - anything else under a home's `.cache`: XDG_CACHE_HOME (XDG Base Directory specification)
 */
import type { FindingStep } from '../../model';
import { mainContainer } from '../stages/configChecks';
import type { FixInput } from './fixCommands';
import { rowsOf } from './evidenceRows';

interface PathVar {
  /** The path the rows name, as the framework places it. */
  path: RegExp;
  variable: string;
  value: string;
  /** What setting it does, said to the engineer. */
  does: string;
  /** What the value is, when not a writable directory. */
  valueIs?: string;
}

// Most specific first: a Hugging Face path is also under `.cache`.
const PATH_VARS: readonly PathVar[] = [
  { path: /\/\.cache\/huggingface(?:\/|\b)/, variable: 'HF_HOME', value: '/tmp/huggingface', does: 'Hugging Face libraries (transformers, sentence-transformers, huggingface_hub) keep their cache and token under HF_HOME' },
  { path: /\/\.cache\/torch(?:\/|\b)/, variable: 'TORCH_HOME', value: '/tmp/torch', does: 'PyTorch keeps hub models and checkpoints under TORCH_HOME' },
  { path: /\/\.(?:config|cache)\/matplotlib(?:\/|\b)/, variable: 'MPLCONFIGDIR', value: '/tmp/matplotlib', does: 'Matplotlib keeps its configuration and font cache in MPLCONFIGDIR' },
  { path: /(?:^|[\s'"])\/(?:root\/|home\/[\w.-]{1,64}\/)?\.npm(?:\/|\b)/, variable: 'npm_config_cache', value: '/tmp/.npm', does: 'npm keeps its cache in npm_config_cache' },
  { path: /(?:^|[\s'"/])storage\/logs\/laravel[\w.-]{0,40}\.log\b/, variable: 'LOG_CHANNEL', value: 'stderr', does: "Laravel writes its log to the channel LOG_CHANNEL names; `stderr` sends it to the container's console, which Container Apps collects, instead of storage/logs", valueIs: 'the console instead of a file' },
  { path: /(?:^|[\s'"])\/(?:root|home\/[\w.-]{1,64})\/\.cache\//, variable: 'XDG_CACHE_HOME', value: '/tmp/.cache', does: 'tools that follow the XDG convention keep their cache under XDG_CACHE_HOME' },
];

/** A refusal to write, in the words runtimes use (Python, PHP, Node, the shell). */
const DENIED = /Permission denied|\bEACCES\b|Errno 13|Read-only file system|\bEROFS\b/;

/** The framework variable for the first refused path the rows name; none when no row names one. */
export function writablePathVar(rows: readonly string[]): PathVar | undefined {
  for (const row of rows.slice(0, 200)) {
    const text = row.slice(0, 2000);
    if (!DENIED.test(text)) continue;
    const hit = PATH_VARS.find((p) => p.path.test(text));
    if (hit) return hit;
  }
  return undefined;
}

function writablePathStep(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || f.category !== 'permission-denied') return steps;
  const hit = writablePathVar(rowsOf(f));
  if (!hit || steps.some((s) => s.command?.includes(`--set-env-vars ${hit.variable}=`))) return steps;
  const set = (mainContainer(input.config, input.names.container ?? input.target.container)?.env ?? []).some((e) => e?.name === hit.variable);
  const now = set ? ` This revision sets ${hit.variable}; its value points at the refused path.` : '';
  const step = input.make({
    text: `No rebuild needed: ${hit.does}. Set ${hit.variable}=${hit.value}, ${hit.valueIs ?? "a path the app's user can write"}, on the container; this creates a new revision.${now} Making the image's directory writable (below) is the other way.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${hit.variable}=${hit.value}`,
  });
  return [step, ...steps];
}

export const WRITABLE_PATH_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [writablePathStep];
