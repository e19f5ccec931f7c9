/**
 * Fills an `az` command template with the target's names and the finding's names, quoting every value
 * for a POSIX shell: names come from log lines a crashing app wrote, and a command someone pastes must
 * never run what a log line smuggled into it.
 */
import type { AppConfig, Target } from '../../model';
import { JOB_FORMS, acceptsSubscription } from './azCommands';

/** Characters a value may hold and still be pasted unquoted. */
const SHELL_SAFE = /^[A-Za-z0-9_.,:/=@%+-]+$/;

export function shellQuote(value: string): string {
  if (value !== '' && SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The names a command may use besides the finding's own. */
export interface CommandNames {
  app?: string;
  resourceGroup?: string;
  subscription?: string;
  revision?: string;
  container?: string;
  job: boolean;
}

/** Subscription and resource group from an ARM id, when the target itself did not carry them. */
function fromResourceId(id: unknown): { subscription?: string; resourceGroup?: string } {
  if (typeof id !== 'string') return {};
  const m = /^\/subscriptions\/([^/]{1,64})\/resourceGroups\/([^/]{1,90})\//i.exec(id);
  return m ? { subscription: m[1], resourceGroup: m[2] } : {};
}

export function commandNames(target: Target | undefined, config: AppConfig | undefined): CommandNames {
  const containers = Array.isArray(config?.containers) ? config.containers : [];
  const ids = fromResourceId(target?.resourceId ?? config?.resourceId);
  return {
    app: target?.kind === 'environment' ? undefined : (target?.name ?? config?.name),
    resourceGroup: target?.resourceGroup ?? ids.resourceGroup,
    subscription: target?.subscriptionId ?? ids.subscription,
    revision: target?.revision ?? config?.failingRevisionName ?? config?.latestRevisionName,
    container: target?.container ?? containers[0]?.name,
    job: target?.kind === 'job' || config?.kind === 'job',
  };
}

/** Placeholder shown when a name is unknown: obviously a blank to fill, and a syntax error if pasted as is. */
const BLANKS: Record<string, string> = {
  app: '<app-name>',
  resourceGroup: '<resource-group>',
  revision: '<revision>',
  container: '<container>',
};

const TARGET_FIRST = new Set(['app', 'resourceGroup', 'subscription']);

const PLACEHOLDER = /\{(\w+)(?:\|([^{}]*))?\}/g;

/**
 * The filled command, or undefined when the command does not apply to this target (a revision or
 * ingress command for a job) or a name it needs is unknown and has no fallback.
 */
export function fillCommand(template: string, names: Record<string, string>, target: CommandNames): string | undefined {
  let missing = false;
  let line = template.replace(PLACEHOLDER, (_m, key: string, fallback?: string) => {
    const fromTarget = (target as unknown as Record<string, unknown>)[key];
    const own = typeof fromTarget === 'string' && fromTarget ? fromTarget : undefined;
    // The app is the target's; a container or revision the finding itself names is the more precise one.
    const value = TARGET_FIRST.has(key) ? (own ?? names[key]) : (names[key] || own);
    if (value) return shellQuote(value);
    if (fallback !== undefined) return fallback;
    if (BLANKS[key]) return BLANKS[key];
    missing = true;
    return '';
  });
  if (missing) return undefined;
  if (target.job) {
    const path = Object.keys(JOB_FORMS).find((p) => line.startsWith(`az ${p} `));
    if (path) line = `az ${JOB_FORMS[path]}${line.slice(3 + path.length)}`;
    // A job has no replica floor or ceiling (its executions are started, not kept running), and app metrics are the app's.
    if (/ --m(?:in|ax)-replicas\b/.test(line) || /^az monitor metrics list .*Microsoft\.App\/containerApps\b/.test(line)) return undefined;
    // Environment commands (storage, workload profiles) are the same for a job's environment.
    else if (/^az containerapp /.test(line) && !/^az containerapp (?:job|env) /.test(line)) return undefined;
    // An app doing batch work is told to become a job: `job create` is the one job command an app gets.
  } else if (/^az containerapp job /.test(line) && !/^az containerapp job create /.test(line)) return undefined;
  return withSubscription(line, target.subscription);
}

/** Index just past the `)` closing the `$(` at `at` (depth counted; quoted text skipped). */
function substitutionEnd(cmd: string, at: number): number {
  let depth = 1;
  let quoted = false;
  let j = at + 2;
  for (; j < cmd.length && depth > 0; j++) {
    const ch = cmd[j]!;
    if (ch === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
  }
  return j;
}

/**
 * The command's own words: quoted text and `$(...)` substitutions blanked out (same length), so a flag or
 * a pipe inside a query string or a nested read is not taken for the command's own.
 */
function ownWords(cmd: string): string {
  let out = '';
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (ch === "'") {
      const end = cmd.indexOf("'", i + 1);
      const stop = end < 0 ? cmd.length : end;
      out += '_'.repeat(stop - i + (end < 0 ? 0 : 1));
      i = stop;
    } else if (ch === '\\') {
      out += '__';
      i++;
    } else if (ch === '$' && cmd[i + 1] === '(') {
      const end = substitutionEnd(cmd, i);
      out += '_'.repeat(end - i);
      i = end - 1;
    } else out += ch;
  }
  return out.slice(0, cmd.length);
}

/**
 * One command with the subscription pinned, when it takes the flag and does not carry it already: before
 * a redirection or pipe of its own (so it still writes where the step says), else at the end.
 */
function pinOne(cmd: string, flag: string): string {
  if (!acceptsSubscription(cmd)) return cmd;
  const own = ownWords(cmd);
  if (/ --subscription /.test(`${own} `)) return cmd;
  const pipe = own.search(/ [>|]/);
  const at = pipe >= 0 ? pipe : cmd.length;
  return `${cmd.slice(0, at)}${flag}${cmd.slice(at)}`;
}

/** Pins every command of a line, innermost `$(...)` first; quoted text is copied as it is. */
function pinAll(cmd: string, flag: string): string {
  let out = '';
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (ch === "'") {
      const end = cmd.indexOf("'", i + 1);
      const stop = end < 0 ? cmd.length - 1 : end;
      out += cmd.slice(i, stop + 1);
      i = stop;
    } else if (ch === '$' && cmd[i + 1] === '(') {
      const end = substitutionEnd(cmd, i);
      const closed = cmd[end - 1] === ')';
      out += `$(${pinAll(cmd.slice(i + 2, closed ? end - 1 : end), flag)}${closed ? ')' : ''}`;
      i = end - 1;
    } else out += ch;
  }
  return out.startsWith('az ') ? pinOne(out, flag) : out;
}

/**
 * Pins the subscription on every ARM command of a line, the `$(az ...)` ones it reads at paste time
 * included (in a multi-subscription shell a nested read would otherwise read the default subscription's
 * resource), and never on a Microsoft Graph (`az ad ...`) command, which rejects the flag.
 */
export function withSubscription(line: string, subscription: string | undefined): string {
  if (!subscription || !line.includes('az ')) return line;
  return pinAll(line, ` --subscription ${shellQuote(subscription)}`);
}

/** An inline `az ...` command in a step's text, between backticks (bounded: a step is a sentence or two). */
const INLINE_AZ = /`(az [^`]{1,400})`/g;
/** The blanks an inline command may carry for the target's own names. */
const INLINE_BLANKS: Record<string, 'app' | 'resourceGroup'> = { '<app>': 'app', '<app-name>': 'app', '<resource-group>': 'resourceGroup' };

/**
 * Fills the target's names into the `az` commands a step's text quotes inline (`az containerapp show -n
 * <app> ...`): a blank left in a sentence is as much a blank to fill at 3 a.m. as one in the command
 * block under it. Only the target's own names; a blank the target cannot fill stays as it is.
 */
export function fillInlineCommands(text: string, target: CommandNames): string {
  if (!text.includes('`az ')) return text;
  return text.replace(INLINE_AZ, (whole, cmd: string) => {
    let line = cmd.replace(/<app>|<app-name>|<resource-group>/g, (blank) => {
      const value = target[INLINE_BLANKS[blank]!];
      return value ? shellQuote(value) : blank;
    });
    if (line === cmd) return whole;
    if (target.job) {
      const path = Object.keys(JOB_FORMS).find((p) => line.startsWith(`az ${p} `));
      if (path) line = `az ${JOB_FORMS[path]}${line.slice(3 + path.length)}`;
    }
    return `\`${withSubscription(line, target.subscription)}\``;
  });
}
