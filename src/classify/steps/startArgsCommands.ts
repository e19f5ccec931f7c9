/**
 * Fixes that live in the container's start arguments, built from the args the configuration holds:
 * the args the change since the healthy revision replaced (a typo'd selector, a renamed flag), put back
 * on their own (a job has no revision to roll back to); and a file path the args give that the
 * container's user may not write (a schedule or state file under /run or the root-owned working
 * directory), moved to /tmp. Each goes through overrideStep: `--args` when no word starts with a dash,
 * else the YAML (the CLI would read `--select` as its own flag).
 * Reviews v19 #34, #54, #62: "the fix is in the args, with `az containerapp update --args`".
 */
import type { AppConfig, ContainerSpec, FindingStep } from '../../model';
import { overrideStep, type FixInput } from './fixCommands';
import { list } from './list';

function words(v: unknown): string[] {
  return list(v as string[]).filter((w): w is string => typeof w === 'string').slice(0, 40);
}

function mainOf(input: FixInput): ContainerSpec | undefined {
  const containers = list(input.config?.containers);
  return containers.find((c) => c?.name === (input.names.container ?? input.target.container)) ?? containers[0];
}

/** A step that already sets the start command or args (or applies the YAML that does). */
function setsArgs(steps: readonly FindingStep[]): boolean {
  return steps.some((s) => / --args | --command |--yaml /.test(` ${s.command ?? ''} `));
}

// ---------------------------------------------------------------------------------------------------
// The args the change replaced

/** One side of "args changed from X to Y": 'quoted', [bracketed] (a list's printout), or bare. */
const ARGS_CHANGE = /\bargs changed from (?:'([^']{1,300})'|\[([^\]]{1,300})\]|([^'[\s][^;]{0,300}?)) to (?:'([^']{1,300})'|\[([^\]]{1,300})\]|([^'[\s][^;]{0,300}?))(?:;|$)/;

function splitPrinted(side: string | undefined): string[] | undefined {
  if (side === undefined) return undefined;
  const out = side.split(/[\s,]+/).map((w) => w.replace(/^['"]|['"]$/g, '')).filter(Boolean);
  return out.length > 0 && out.length <= 40 ? out : undefined;
}

/** The healthy revision's args: its own template when fetched, else the summary's "from" side. */
function healthyArgs(config: AppConfig | undefined, container: ContainerSpec): string[] | undefined {
  const change = config?.changesSinceHealthy;
  const from = list(config?.revisions).find((r) => r?.name === change?.fromRevision);
  const own = list(from?.containers).find((c) => c?.name === container.name);
  if (own && Array.isArray(own.args)) return words(own.args);
  const m = ARGS_CHANGE.exec(String(change?.summary ?? '').slice(0, 1000));
  if (!m) return undefined;
  const before = splitPrinted(m[1] ?? m[2] ?? m[3]);
  const after = splitPrinted(m[4] ?? m[5] ?? m[6]);
  // The "to" side must be the args the container has now, so the printout was read right.
  return before && after && after.join(' ') === words(container.args).join(' ') ? before : undefined;
}

/**
 * The change since the healthy revision replaced the args: put the healthy ones back (first for a job,
 * whose only way back this is; after the rollback for an app, as the fix that keeps the rest).
 */
function restoreArgs(input: FixInput): FindingStep[] {
  const { f, steps, config } = input;
  if (f.benign || input.all[0] !== f || setsArgs(steps)) return steps;
  const change = list(config?.changesSinceHealthy?.changes).find((c) => c?.kind === 'args');
  const c = mainOf(input);
  if (!change || !c || (change.container && change.container !== c.name)) return steps;
  const before = healthyArgs(config, c);
  const now = words(c.args);
  if (!before || before.join(' ') === now.join(' ')) return steps;
  const from = config?.changesSinceHealthy?.fromRevision;
  const lead = `The change replaced the args \`${before.join(' ')}\`${from ? ` of healthy revision ${from}` : ''} with \`${now.join(' ')}\`: put the healthy args back (or correct the new ones).`;
  const step = overrideStep(input, lead, words(c.command), before);
  if (!step) return steps;
  // A generic "compare and revert" step says the same without the command: this one replaces it.
  const kept = steps.filter((s) => s.command || !/^Compare the failing revision with the last healthy one and revert/.test(s.text));
  if (input.target.job) return [step, ...kept];
  const rollback = kept.findIndex((s) => /^Roll back/.test(s.text));
  return [...kept.slice(0, rollback + 1), step, ...kept.slice(rollback + 1)];
}

// ---------------------------------------------------------------------------------------------------
// A path the args give that the user may not write

/** Programs that keep a state file in the working directory unless an argument moves it, and that argument. */
const STATE_FILE_FLAGS: readonly { program: RegExp; needs: RegExp; file: RegExp; flag: string }[] = [
  // celery beat writes celerybeat-schedule (PersistentScheduler) where it starts; -s/--schedule moves it.
  { program: /^celery$/, needs: /^beat$/, file: /^celerybeat-schedule(?:\.db)?$/, flag: '--schedule=/tmp/celerybeat-schedule' },
];

/** The args with the path swapped for the same name under /tmp, when a word holds it (`-s P`, `--flag=P`). */
function movedToTmp(args: readonly string[], path: string): string[] | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!base || path.startsWith('/tmp/')) return undefined;
  let hit = false;
  const out = args.map((w) => {
    if (w === path) {
      hit = true;
      return `/tmp/${base}`;
    }
    if (w.endsWith(`=${path}`)) {
      hit = true;
      return `${w.slice(0, w.length - path.length)}/tmp/${base}`;
    }
    return w;
  });
  return hit ? out : undefined;
}

/** The file a permission refusal names: the finding's file, else the quoted path of the row. */
function refusedFile(input: FixInput): string | undefined {
  const file = input.names.file ?? input.names.path;
  return file && /^[\w./@+-]{1,300}$/.test(file) ? file : undefined;
}

function writablePath(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || f.category !== 'permission-denied' || setsArgs(steps)) return steps;
  const file = refusedFile(input);
  const c = mainOf(input);
  if (!file || !c) return steps;
  const command = words(c.command);
  const args = words(c.args);
  let fixed: { command: string[]; args: string[] } | undefined;
  const inArgs = movedToTmp(args, file);
  const inCommand = inArgs ? undefined : movedToTmp(command, file);
  if (inArgs) fixed = { command, args: inArgs };
  else if (inCommand) fixed = { command: inCommand, args };
  else {
    const base = [...command, ...args].map((w) => w.slice(w.lastIndexOf('/') + 1));
    const known = STATE_FILE_FLAGS.find((k) => base.some((w) => k.program.test(w)) && base.some((w) => k.needs.test(w)) && k.file.test(file.slice(file.lastIndexOf('/') + 1)));
    if (!known || [...command, ...args].some((w) => /^(?:-s|--schedule(?:=.*)?)$/.test(w))) return steps;
    fixed = args.length > 0 || command.length === 0 ? { command, args: [...args, known.flag] } : { command: [...command, known.flag], args };
  }
  const to = [...fixed.command, ...fixed.args].find((w) => w.includes('/tmp/'))!;
  const tmp = to.slice(to.indexOf('/tmp/'));
  const after = '(/tmp is writable by every user; a file there lasts as long as the replica), with no image change.';
  const lead = inArgs || inCommand
    ? `The container's start ${inCommand ? 'command makes' : 'args make'} the app write ${file}, where the container's user may not write: point it at ${tmp} instead ${after}`
    : `The app writes ${file} in its working directory, which the container's user may not write: add ${to} to its start args so it writes ${tmp} instead ${after}`;
  const step = overrideStep(input, lead, fixed.command, fixed.args);
  return step ? [step, ...steps] : steps;
}

// ---------------------------------------------------------------------------------------------------
// Two port flags on one value

const TWO_LISTENERS = /^Two listeners in one container want the same port/;
/** `--metrics-port 8080` or `--metrics-port=8080`: a port flag and its value. */
const PORT_FLAG = /^(--?(?:[a-z0-9]{1,20}-){0,3}port)(?:=(\d{2,5}))?$/;
/** A flag for a side listener (metrics, admin, health), not the server's own port. */
const SIDE_LISTENER = /metric|admin|manage|health|debug|monitor|status|control|grpc|prom/;

/**
 * "Address already in use" while the args give two port flags the same value (`--port 8080 --metrics-port
 * 8080`): the side listener's flag is the one to move (the one the change touched, else the metrics or
 * admin one), back to the value the summary says it had, else to a free port to choose.
 */
function sharedPortArgs(input: FixInput): FindingStep[] {
  const { f, steps, config } = input;
  const at = steps.findIndex((s) => TWO_LISTENERS.test(s.text));
  if (f.benign || at < 0 || setsArgs(steps)) return steps;
  const c = mainOf(input);
  const args = words(c?.args);
  const flags = args.flatMap((w, i) => {
    const m = PORT_FLAG.exec(w);
    const value = m?.[2] ?? (m && /^\d{2,5}$/.test(args[i + 1] ?? '') ? args[i + 1] : undefined);
    return m && value ? [{ flag: m[1]!, value, at: m[2] ? i : i + 1, inline: !!m[2] }] : [];
  });
  const port = input.names.port;
  const same = flags.filter((x) => (port ? x.value === port : flags.filter((y) => y.value === x.value).length > 1));
  if (same.length < 2) return steps;
  const changed = new Set(list(config?.changesSinceHealthy?.changes).map((ch) => ch?.name));
  const side = same.filter((x) => changed.has(x.flag)).length === 1 ? same.find((x) => changed.has(x.flag)) : same.filter((x) => SIDE_LISTENER.test(x.flag)).length === 1 ? same.find((x) => SIDE_LISTENER.test(x.flag)) : undefined;
  if (!side) return steps;
  const was = new RegExp(`${side.flag.replace(/[-]/g, '\\-')}[ =](\\d{2,5}) -> ${side.value}\\b`).exec(String(config?.changesSinceHealthy?.summary ?? '').slice(0, 1000))?.[1];
  const value = was ?? '<free-port>';
  const fixed = args.map((w, i) => (i !== side.at ? w : side.inline ? `${side.flag}=${value}` : value));
  const lead = `The args give ${side.flag} the same port ${side.value} as the server (${same.filter((x) => x !== side).map((x) => x.flag).join(', ')}): move it to ${was ? `${was}, its value before the change` : 'a free port (replace <free-port>)'}.`;
  const step = overrideStep(input, lead, words(c?.command), fixed);
  return step ? [...steps.slice(0, at + 1), step, ...steps.slice(at + 1)] : steps;
}

export const START_ARGS_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [restoreArgs, writablePath, sharedPortArgs];
