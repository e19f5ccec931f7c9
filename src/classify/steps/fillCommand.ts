/**
 * Fills an `az` command template with the target's names and the finding's names, quoting every value
 * for a POSIX shell: names come from log lines a crashing app wrote, and a command someone pastes must
 * never run what a log line smuggled into it.
 */
import type { AppConfig, Target } from '../../model';
import { JOB_FORMS } from './azCommands';

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
    // A job has no replica floor (its executions are started, not kept running), and app metrics are the app's.
    if (/ --min-replicas\b/.test(line) || /^az monitor metrics list .*Microsoft\.App\/containerApps\b/.test(line)) return undefined;
    // Environment commands (storage, workload profiles) are the same for a job's environment.
    else if (/^az containerapp /.test(line) && !/^az containerapp (?:job|env) /.test(line)) return undefined;
    // An app doing batch work is told to become a job: `job create` is the one job command an app gets.
  } else if (/^az containerapp job /.test(line) && !/^az containerapp job create /.test(line)) return undefined;
  if (target.subscription && /^az /.test(line)) line = `${line} --subscription ${shellQuote(target.subscription)}`;
  return line;
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
    // The subscription goes before a redirection, so the command still writes where the step says.
    if (target.subscription && !/ --subscription /.test(line)) {
      const at = line.search(/ [>|]/);
      const flag = ` --subscription ${shellQuote(target.subscription)}`;
      line = at >= 0 ? `${line.slice(0, at)}${flag}${line.slice(at)}` : `${line}${flag}`;
    }
    return `\`${line}\``;
  });
}
