/**
 * A failure read generically (a bare exit code, an uncaught exception) while the evidence names the
 * setting behind it: the change since the healthy revision removed variables, or the app's last line says
 * which setting is missing. The steps name those variables and give the commands that set them, instead
 * of "fix what it names" and "reproduce locally" (issue #11).
 */
import type { AppConfig, Finding, FindingStep } from '../../model';

type Make = (s: FindingStep) => FindingStep;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,60}$/;
/** Generic steps that the named variables make redundant. */
const GENERIC = /^(?:Fix or handle the failure that raised|Follow the stack trace in the evidence|Read the app's last console lines|Run the same image locally)/;
/** Words of an app that stopped over its settings. */
const SETTINGS_WORDS = /validation errors? for \w{0,40}(?:Settings|Config)|\bKeyError\b|\bmissing (?:required )?(?:setting|variable|key|environment|config)|\bis not set\b|\bmust be set\b|\bnot configured\b/i;
/** A confidence below which the finding names no cause of its own. */
const GUESS = 0.5;

function secretName(v: string): string {
  return v.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '').slice(0, 253);
}

function listOf(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

function rowsOf(f: Finding): string {
  return (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
}

function setsAVariable(steps: readonly FindingStep[]): boolean {
  return steps.some((s) => /--set-env-vars |--remove-env-vars |secret set /.test(s.command ?? ''));
}

/** The app's secrets no variable reads. */
function unusedSecrets(config: AppConfig): string[] {
  const read = new Set((Array.isArray(config.containers) ? config.containers : []).flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).map((e) => e?.secretRef));
  return (Array.isArray(config.secrets) ? config.secrets : []).map((s) => s?.name).filter((n): n is string => typeof n === 'string' && !read.has(n));
}

/** Puts made steps after a leading rollback, else first, and drops the generic steps they replace. */
function place(steps: readonly FindingStep[], made: FindingStep[]): FindingStep[] {
  const rest = steps.filter((s) => !GENERIC.test(s.text));
  const at = rest[0] && /^Roll back/.test(rest[0].text) ? 1 : 0;
  return [...rest.slice(0, at), ...made, ...rest.slice(at)];
}

/**
 * The change since the healthy revision removed variables and the app now fails generically (or says it
 * lacks a setting, or names one of them): they are put back, each from the secret the app still has for
 * it when one matches its name, else with its value from the healthy revision's template.
 */
export function removedVariableSteps(f: Finding, steps: FindingStep[], config: AppConfig | undefined, make: Make): FindingStep[] {
  const changed = config?.changesSinceHealthy;
  if (f.benign || !config || !changed?.fromRevision || setsAVariable(steps)) return steps;
  if (f.category === 'missing-configuration' || f.category === 'configuration-change') return steps;
  const removed = [...new Set((Array.isArray(changed.changes) ? changed.changes : []).filter((c) => c?.kind === 'env-removed' && typeof c.name === 'string' && IDENT.test(c.name)).map((c) => c.name!))].slice(0, 8);
  if (removed.length === 0 || steps.some((s) => removed.some((v) => s.text.includes(v)))) return steps;
  const rows = rowsOf(f);
  const named = removed.some((v) => rows.toLowerCase().includes(v.toLowerCase()));
  if (!(f.confidence < GUESS || named || SETTINGS_WORDS.test(rows))) return steps;
  const spare = unusedSecrets(config);
  const value = (v: string): string => (spare.includes(secretName(v)) ? `secretref:${secretName(v)}` : '<value>');
  const fromSecret = removed.filter((v) => spare.includes(secretName(v)));
  const from = changed.fromRevision;
  const made: FindingStep[] = [
    make({
      text: `The change since healthy revision ${from} removed ${listOf(removed)}, and the app fails since: ${removed.length > 1 ? 'their values (or the secrets they read) are' : 'its value (or the secret it read) is'} still in ${from}'s template: read ${removed.length > 1 ? 'them' : 'it'} there.`,
      command: `az containerapp revision show -n {app} -g {resourceGroup} --revision ${from} --query 'properties.template.containers[].env' -o json`,
    }),
    make({
      text: `Set ${listOf(removed)} back${
        fromSecret.length === removed.length
          ? ` from the app's secret${fromSecret.length > 1 ? 's' : ''} ${listOf(fromSecret.map(secretName))}, which no variable reads now`
          : `${fromSecret.length > 0 ? ` (${listOf(fromSecret)} from secret ${listOf(fromSecret.map(secretName))}, which no variable reads now)` : ''}; replace each <value> with the value the healthy revision had, or secretref:<secret> where it read a secret`
      }; this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${removed.map((v) => `${v}=${value(v)}`).join(' ')}`,
    }),
  ];
  return place(steps, made);
}

/** A setting the app's own words say is missing (`Missing 'secret_key_base' for 'production' environment`). */
const MISSING_SETTING = /\bMissing (?:required )?(?:setting |key |variable |environment variable )?['"`](?<name>[A-Za-z][A-Za-z0-9_]{2,60})['"`]|['"`]?\b(?<name_2>[A-Z][A-Z0-9]{1,30}(?:_[A-Z0-9]{1,30}){1,6})\b['"`]? (?:environment variable )?(?:is )?(?:not set|missing|required|undefined)\b/;

/**
 * A generic finding whose rows name the one setting the app misses: it is set on the container from an
 * app secret (the variable is the setting in upper case, the way frameworks read it from the environment).
 */
export function missingSettingSteps(f: Finding, steps: FindingStep[], config: AppConfig | undefined, make: Make): FindingStep[] {
  if (f.benign || f.confidence >= GUESS || setsAVariable(steps)) return steps;
  if (f.category === 'missing-configuration' || f.category === 'configuration-change') return steps;
  const m = MISSING_SETTING.exec(rowsOf(f));
  const setting = m?.groups?.name ?? m?.groups?.name_2;
  if (!setting) return steps;
  const v = setting.toUpperCase();
  const set = new Set((Array.isArray(config?.containers) ? config.containers : []).flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).map((e) => e?.name));
  if (set.has(v)) return steps;
  const secret = secretName(v);
  const made: FindingStep[] = [
    make({
      text: `The app stops because setting ${setting} is missing${setting !== v ? ` (read from the environment as ${v})` : ''}: store its value as app secret ${secret} (replace <value>).`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret}=<value>`,
    }),
    make({
      text: `Set ${v} on the container from secret ${secret}; this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${v}=secretref:${secret}`,
    }),
  ];
  return place(steps, made);
}
