/**
 * The command Azure has for an action a step asks for in words (issue #11, the eleventh review's "partly"
 * verdicts): the restart a secret change needs, the identity an app without one needs, the variable a
 * step says to set, the dedicated profile's node maximum. Each is driven by what the step says and by the
 * names the rows and the configuration give, never by one case; a step that already carries the command
 * is left as it is.
 */
import type { AppConfig, FindingStep } from '../../model';
import { shellQuote } from './fillCommand';
import type { FixInput } from './fixCommands';
import { memoryGiB } from '../memorySize';
import { RESTARTED_WHEN_ASKED, asksRestart, changesAppScope, hasRestart, onlyReads, placeRestart } from './restartNeed';
import { isCredentialName } from './credentialNames';
import { envRefs, type EnvRef } from './envRefs';

function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

function rowsOf(input: FixInput): string[] {
  return [input.f, ...input.all.filter((o) => o !== input.f)]
    .flatMap((o) => list(o.evidence))
    .map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : ''));
}

const envOf = (config: AppConfig | undefined): EnvRef[] => envRefs(config);

/** The app recovered by itself (recovered.ts leads with this): nothing is to assign or restart now. */
function recovered(steps: readonly FindingStep[]): boolean {
  return steps.some((s) => /^No action needed\b/.test(s.text));
}

// ---------------------------------------------------------------------------------------------------
// The restart a step asks for

/**
 * A step says to restart after a secret (or role, or storage key) change and no step carries the restart:
 * the restart follows it, the job's `start` for a job (withCommands turns the one into the other). A later
 * update makes a new revision that reads the new value anyway, so no restart then (restartNeed.ts).
 */
/**
 * A change made by hand (a file, a Dapr component, a share) that ends "then restart the revision" while the
 * step carries no command or only a read: the restart it names is the command (v23 review B 58, 80).
 */
const THEN_RESTART = /[;,] then restart the revision\b/;
function handChange(s: FindingStep): boolean {
  return THEN_RESTART.test(s.text) && onlyReads(s.command);
}

function restartAfterChange(input: FixInput): FindingStep[] {
  const { steps, f } = input;
  if (f.benign || recovered(steps) || hasRestart(steps)) return steps;
  const at = steps.findIndex((s) => asksRestart(s) && (changesAppScope(s.command, RESTARTED_WHEN_ASKED) || (!s.command && /\bsecret\b/i.test(s.text)) || handChange(s)));
  if (at < 0) return steps;
  // A step with no command of its own (a conditional "fix it there and restart") carries the restart itself.
  return placeRestart(steps, { after: at, text: 'Restart the revision so its replicas read the change.', unless: 'new-revision', carries: () => true }, input.make);
}

// ---------------------------------------------------------------------------------------------------
// An app with no managed identity

/** The SDKs' words for an app that has no managed identity at all. */
const NO_IDENTITY =
  /No managed identity endpoint found|managed identity endpoint is indicating there's no available identity|No managed identity (?:is )?(?:found|available|assigned)|\b[Ii]dentity (?:is |has )?not (?:been )?assigned\b|ManagedIdentityCredential(?: authentication)? unavailable|ManagedIdentityCredential: [^\n]{0,120}(?:unavailable|not available)|Managed Identity authentication is not available/;
const IDENTITY_STEP = /^az containerapp (?:job )?(?:identity show|show .*--query identity\b)/;
const ROLE_BLANK = /--assignee-object-id <principal-id>/;

/**
 * The rows say no managed identity is available and nothing selects a user-assigned one (no
 * AZURE_CLIENT_ID): the system-assigned identity is assigned, and the role step grants to its principal id.
 */
function assignIdentity(input: FixInput): FindingStep[] {
  const { f, steps, names, config } = input;
  if (f.benign || recovered(steps) || f.category !== 'authentication-failure') return steps;
  if (steps.some((s) => / identity assign /.test(` ${s.command ?? ''} `))) return steps;
  const rows = rowsOf(input).join('\n');
  if (!NO_IDENTITY.test(rows) || /\bAZURE_CLIENT_ID\b/.test(rows) || names.identityVar) return steps;
  if (envOf(config).some((e) => e.name === 'AZURE_CLIENT_ID')) return steps;
  // The configuration shows an identity: the fault is elsewhere (the wrong client id, a token audience).
  // It shows None: identityFit assigns one in the configuration's own words.
  const type = config?.identity?.type;
  if (typeof type === 'string' && /Assigned|^None$/i.test(type)) return steps;
  const assign = input.make({
    text: `The rows say no managed identity is available to the ${input.target.job ? 'job' : 'app'}: assign its system-assigned identity (it gets a principal id, which the role assignment below is granted to).`,
    command: 'az containerapp identity assign -n {app} -g {resourceGroup} --system-assigned',
  });
  const principal = names.principalId;
  const out = steps.map((s) => {
    if (!principal || !ROLE_BLANK.test(s.command ?? '')) return s;
    let command = s.command!.replace(ROLE_BLANK, `--assignee-object-id ${principal}`);
    if (names.dataRole && names.roleScope) command = command.replace(/--role <role> --scope <resource-id>/, `--role ${shellQuote(names.dataRole)} --scope ${names.roleScope.startsWith('$(az ') ? names.roleScope : shellQuote(names.roleScope)}`);
    return { ...s, command };
  });
  const at = out.findIndex((s) => IDENTITY_STEP.test(s.command ?? ''));
  return at >= 0 ? [...out.slice(0, at + 1), assign, ...out.slice(at + 1)] : [assign, ...out];
}

// ---------------------------------------------------------------------------------------------------
// The principal id the rows print

/**
 * A refusal that prints the caller's object id (Cosmos DB's `principal [id]`, Key Vault's `oid=`, ARM's
 * `object id '...'`) names the identity to grant: the steps say so instead of assuming the system one.
 */
function rowPrincipalText(input: FixInput): FindingStep[] {
  const id = input.names.rowPrincipal;
  if (!id) return input.steps;
  return input.steps.map((s) =>
    (s.command ?? '').includes(id)
      ? {
          ...s,
          text: s.text
            .replace(/\bthe app's system-assigned identity\b|\bthe user-assigned identity the app selects with \w{1,60}\b/, `the identity the error names (principal ${id})`)
            .replace(/ \(system-assigned identity shown; use the user-assigned one's principal id if the app uses that\)/, ` (principal ${id}, the identity the error names)`),
        }
      : s,
  );
}

// ---------------------------------------------------------------------------------------------------
// A variable the step says to set

const VAR = /^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8}$/;
/** A value the step gives that may be pasted as is. */
const PLAIN_VALUE = /^[\w./:@%+,-]{1,200}$/;
/** "set" followed by a variable's name: the clause after it lists what to set. */
const SETS_VAR = /\b[Ss]et (?=[A-Z][A-Z0-9]{0,40}_)/;
/** A variable in that clause, with the value the step gives it. */
const VAR_IN_CLAUSE = /\b([A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8})\b(?:=([\w./:@%+,-]{1,200}))?/g;

/** The set-env-vars pairs of a list of names and values: a credential through a secret reference. */
function envPairs(vars: readonly { name: string; value?: string }[], config: AppConfig | undefined): { pairs: string; secrets: string[] } {
  const env = envOf(config);
  const secrets: string[] = [];
  const pairs = vars.map((v) => {
    if (isCredentialName(v.name)) {
      const secret = env.find((e) => e.name === v.name)?.secretRef ?? v.name.toLowerCase().replace(/_/g, '-');
      secrets.push(secret);
      return `${v.name}=secretref:${secret}`;
    }
    return `${v.name}=${v.value && PLAIN_VALUE.test(v.value) ? v.value : '<value>'}`;
  });
  return { pairs: pairs.join(' '), secrets };
}

function setCommand(pairs: string): string {
  return `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${pairs}`;
}

function secretNote(secrets: readonly string[]): string {
  return secrets.length === 0 ? '' : ` Store the credential first with \`az containerapp secret set -n <app> -g <resource-group> --secrets ${secrets.map((s) => `${s}=<value>`).join(' ')}\`.`;
}

/**
 * The variables a step says to set (`set KC_HTTP_ENABLED=true with KC_PROXY_HEADERS=xforwarded and
 * KC_HOSTNAME`), when the step carries no command: the update that sets them. A clause for one product
 * (`for Keycloak set ...`) gets it only when the image or the rows name that product.
 */
function namedVariables(input: FixInput): FindingStep[] {
  const { f, config } = input;
  if (f.benign) return input.steps;
  const images = [input.names.image ?? '', ...list(config?.containers).map((c) => c?.image ?? '')];
  const context = `${images.join('\n')}\n${rowsOf(input).join('\n')}`.toLowerCase();
  const steps = input.steps.map((s) => (s.command ? s : { ...s, text: forImageVersion(s.text, images) }));
  return steps.map((s) => {
    if (s.command) return s;
    const m = SETS_VAR.exec(s.text);
    if (!m) return s;
    // An alternative (`or set X when ...`) or a condition is the reader's call, not a command to paste.
    if (/\bor $/.test(s.text.slice(Math.max(0, m.index - 4), m.index))) return s;
    const product = /\bfor (\w{2,40}) $/.exec(s.text.slice(Math.max(0, m.index - 60), m.index))?.[1];
    if (product && !context.includes(product.toLowerCase())) return s;
    // The clause ends at the sentence's end or at the next product's clause.
    const rest = s.text.slice(m.index + 4, m.index + 404);
    const end = rest.search(/; |\. |\.$| for (?:other|\w{2,40} set)\b/);
    const clause = end >= 0 ? rest.slice(0, end) : rest;
    if (/\b(?:when|if|unless)\b/.test(clause)) return s;
    const named = [...clause.matchAll(VAR_IN_CLAUSE)]
      .map((v) => ({ name: v[1]!, value: v[2]?.replace(/[.,]$/, '') }))
      .filter((v, i, all) => VAR.test(v.name) && all.findIndex((o) => o.name === v.name) === i)
      .slice(0, 6);
    // A variable the step gives no value for and the configuration already sets keeps its value (KC_HOSTNAME).
    const set = new Set(list(config?.containers).flatMap((c) => list(c?.env)).filter((e) => e?.hasValue === true || typeof e?.secretRef === 'string').map((e) => e.name));
    const vars = named.filter((v) => v.value || !set.has(v.name));
    if (vars.length === 0) return s;
    const kept = named.filter((v) => !vars.includes(v)).map((v) => v.name);
    const already = steps.some((o) => vars.some((v) => (o.command ?? '').includes(` ${v.name}=`)));
    if (already) return s;
    const { pairs, secrets } = envPairs(vars, config);
    const blanks = pairs.includes('<value>') ? ' (replace <value>)' : '';
    const keeps = kept.length ? ` ${kept.join(' and ')} ${kept.length > 1 ? 'are' : 'is'} already set: the command keeps ${kept.length > 1 ? 'them' : 'it'}.` : '';
    return input.make({ text: `${s.text} The command sets ${vars.map((v) => v.name).join(', ')}${blanks}.${keeps}${secretNote(secrets)}`, command: setCommand(pairs) });
  });
}

/**
 * Options a server renamed across versions, by the image that runs it: Keycloak reads the forwarded
 * headers option from KC_PROXY_HEADERS since 24 (https://www.keycloak.org/server/reverseproxy); before
 * that, KC_PROXY=edge is the setting for a proxy that ends TLS.
 */
const VERSIONED_VARS: readonly { image: RegExp; since: number; current: string; older: string }[] = [
  { image: /(?:^|\/)keycloak\/keycloak:(\d{1,3})\./, since: 24, current: 'KC_PROXY_HEADERS=xforwarded', older: 'KC_PROXY=edge' },
];

/** A step's text with the option the running image's version knows. */
function forImageVersion(text: string, images: readonly string[]): string {
  let out = text;
  for (const v of VERSIONED_VARS) {
    if (!out.includes(v.current)) continue;
    const major = images.map((i) => v.image.exec(i)?.[1]).find((m) => m !== undefined);
    if (major !== undefined && Number(major) < v.since) out = out.split(v.current).join(v.older);
  }
  return out;
}

const PROVIDE_SETTING = /^Provide (\S{1,80}) the way the app reads it\b/;

/**
 * The variable a setting most likely maps to, when the container's own variables share one prefix
 * (KC_DB, KC_DB_URL, KC_PROXY_HEADERS: Keycloak reads option `hostname` from KC_HOSTNAME, and so do
 * most servers that map options to prefixed variables).
 */
export function prefixedVar(setting: string | undefined, config: AppConfig | undefined): { name: string; prefix: string; examples: string[] } | undefined {
  if (!setting || !/^[a-z][a-z0-9]{1,40}(?:[.-][a-z0-9]{1,40}){0,4}$/.test(setting)) return undefined;
  const names = [...new Set(envOf(config).map((e) => e.name))];
  const byPrefix = new Map<string, string[]>();
  for (const n of names) {
    const p = /^([A-Z][A-Z0-9]{1,12})_[A-Z0-9_]{1,80}$/.exec(n)?.[1];
    if (p) byPrefix.set(p, [...(byPrefix.get(p) ?? []), n]);
  }
  const [best] = [...byPrefix.entries()].sort((a, b) => b[1].length - a[1].length);
  if (!best || best[1].length < 3 || best[1].length * 2 < names.length) return undefined;
  const name = `${best[0]}_${setting.replace(/[.-]/g, '_').toUpperCase()}`;
  if (names.includes(name)) return undefined;
  return { name, prefix: best[0], examples: best[1].slice(0, 3) };
}

/** "Provide hostname the way the app reads it" when the container's prefix says which variable that is. */
function providedSetting(input: FixInput): FindingStep[] {
  const { steps, f, config } = input;
  if (f.benign) return steps;
  return steps.map((s) => {
    const m = PROVIDE_SETTING.exec(s.text);
    if (!m || s.command) return s;
    const likely = prefixedVar(m[1], config);
    if (!likely || steps.some((o) => (o.command ?? '').includes(` ${likely.name}=`))) return s;
    const { pairs, secrets } = envPairs([{ name: likely.name }], config);
    return input.make({
      text: `Set ${likely.name}, most likely the variable the app reads ${m[1]} from (the container's variables share the ${likely.prefix}_ prefix: ${likely.examples.join(', ')}), to the right value${pairs.includes('<value>') ? ' (replace <value>)' : ''}; this creates a new revision.${secretNote(secrets)}`,
      command: setCommand(pairs),
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// A dedicated workload profile with no node free

const NO_NODE = /\b0\/\d{1,4} nodes are available|not enough nodes|max(?:imum)? node(?: group size| count)? reached|maximum node count|Insufficient (?:cpu|memory)/i;
const PROFILE_UPDATE = /^az containerapp env workload-profile update /;
/** The Consumption profile's largest replica: a container asking for more runs on a dedicated profile. */
const CONSUMPTION_MAX = { cpu: 4, memoryGi: 8 };

/**
 * No node had room and the app runs on a dedicated profile (the configuration names it, or the container
 * asks for more than the Consumption profile gives): the profile's node maximum is the limit to raise.
 */
function nodeCapacity(input: FixInput): FindingStep[] {
  const { f, steps, names, config } = input;
  if (f.benign || f.category !== 'quota-exceeded') return steps;
  if (steps.some((s) => PROFILE_UPDATE.test(s.command ?? '')) || !NO_NODE.test(rowsOf(input).join('\n'))) return steps;
  const c = list(config?.containers)[0];
  const cpu = typeof c?.cpu === 'number' ? c.cpu : undefined;
  const mem = memoryGiB(typeof c?.memory === 'string' ? c.memory : undefined);
  const large = (cpu !== undefined && cpu > CONSUMPTION_MAX.cpu) || (mem !== undefined && mem > CONSUMPTION_MAX.memoryGi);
  const profile = names.dedicatedProfile;
  if (!profile && !large) return steps;
  const why = profile
    ? `The ${input.target.job ? 'job' : 'app'} runs on dedicated workload profile ${profile}`
    : `The container asks for ${cpu ?? '?'} CPU / ${c?.memory ?? '?'}, more than the Consumption profile gives (4 CPU / 8Gi), so it runs on a dedicated workload profile`;
  const step = input.make({
    text: `${why}, and the rows say no node had room: raise the profile's maximum node count (replace ${profile ? '' : '<profile-name> with its name and '}<n> with more than its current maximum), or lower the resources per replica.`,
    command: 'az containerapp env workload-profile update -n {environment|<environment-name>} -g {resourceGroup} --workload-profile-name {dedicatedProfile|<profile-name>} --max-nodes <n>',
  });
  return [step, ...steps];
}

export const MISSING_COMMAND_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [
  assignIdentity,
  rowPrincipalText,
  namedVariables,
  providedSetting,
  nodeCapacity,
  restartAfterChange,
];
