/**
 * The last look at a finding's steps, for what fits this cause and what is padding (issue #11): a step
 * that runs the command an earlier one already gave, a registry-credential step when the credentials are
 * known to work (only the tag changed, or the registry said the tag is not there), and a value left blank
 * in a command while another step of the same finding names it.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';

/** A later step whose command repeats an earlier one's says nothing new: the first, with its reason, stays. */
export function withoutRepeatedCommands(steps: readonly FindingStep[]): FindingStep[] {
  const seen = new Set<string>();
  return steps.filter((s) => {
    if (!s.command) return true;
    const key = s.command.replace(/\s+/g, ' ').trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Commands that change how the app signs in to its registry: AcrPull for its identity, the registry entry. */
const REGISTRY_AUTH = /^az (?:role assignment create .*--role AcrPull\b|containerapp (?:job )?registry set )/;
/** Step texts about the registry's credentials, without a command of their own. */
const REGISTRY_AUTH_TEXT = /^(?:Check the registry credentials on the app|The registry refused the pull credentials)/;
/** The registry said no to the credentials. */
const REFUSED = /unauthorized|authentication required|\b40[13]\b|forbidden|denied/i;
/** The registry said the tag or the repository does not exist. */
const NOT_THERE = /manifest unknown|manifest for \S{1,300} not found|code = NotFound|: not found\b|name unknown/i;

/** `registry.host/repo/path:tag` -> `registry.host/repo/path`. */
function repositoryOf(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

/**
 * The change since the healthy revision only moved the image to another tag of the same repository: the
 * healthy revision pulled from that registry with the same credentials, so they work. A change that names
 * no images says so in its summary ("image tag changed 1.9.2 -> 1.9.3-rc1").
 */
function onlyTagChanged(config: AppConfig | undefined): string | undefined {
  const changed = config?.changesSinceHealthy;
  const changes = Array.isArray(changed?.changes) ? changed.changes : [];
  if (!changed || changes.length === 0 || !changes.every((c) => c?.kind === 'image')) return undefined;
  const pairs = changes.filter((c) => typeof c.before === 'string' && (typeof c.after === 'string' || typeof c.name === 'string'));
  if (pairs.length > 0) {
    return pairs.every((c) => repositoryOf(c.before) === repositoryOf(c.after ?? c.name)) ? changed.fromRevision : undefined;
  }
  return /\bimage tag\b|\btag (?:changed|bumped|moved)\b/i.test(String(changed.summary ?? '').slice(0, 500)) ? changed.fromRevision : undefined;
}

/**
 * An image that could not be pulled where nothing says the credentials are wrong: the registry said the
 * tag is not there, or the healthy revision pulled another tag of the same repository with them. Granting
 * AcrPull or rewriting the registry entry chases credentials, and the rewrite can break a working pull.
 */
export function withoutRegistryAuth(f: Finding, steps: FindingStep[], config: AppConfig | undefined, rows: string): FindingStep[] {
  if (f.benign || f.category !== 'image-pull-failure' || REFUSED.test(rows)) return steps;
  const healthy = onlyTagChanged(config);
  if (!healthy && !NOT_THERE.test(rows)) return steps;
  const kept = steps.filter((s) => !(s.command && REGISTRY_AUTH.test(s.command)) && !REGISTRY_AUTH_TEXT.test(s.text));
  if (kept.length === steps.length || !healthy) return kept;
  // Say why the credentials are not the question, on the step that checks the tag.
  const at = kept.findIndex((s) => /^Check that the tag of /.test(s.text));
  if (at < 0) return kept;
  return kept.map((s, i) => (i === at ? { ...s, text: `${s.text} Only the tag changed since healthy revision ${healthy}, which pulled from the same repository with the same credentials: the tag, not the access, is what to check.` } : s));
}

/** `VAR=<value>` in a command, the blank an engineer would have to fill. */
const BLANK_VALUE = /(?:^|\s)([A-Za-z_][A-Za-z0-9_]{0,60})=<value>(?=\s|$)/;

/**
 * A command that leaves a variable's value blank while another step of the finding names the value to use
 * (`ASPNETCORE_URLS=http://+:8080`): the value goes into the command.
 */
export function withNamedValues(steps: readonly FindingStep[]): FindingStep[] {
  return steps.map((s) => {
    const v = s.command ? BLANK_VALUE.exec(s.command)?.[1] : undefined;
    if (!v) return s;
    // A value a shell takes as it is (a URL, a number, a path): anything else stays a blank to fill.
    const literal = new RegExp(`\\b${v}=([\\w:/+@%.-]{0,199}[\\w/+@%-])`);
    const value = steps.map((o) => (o === s ? undefined : literal.exec(o.text)?.[1])).find(Boolean);
    if (!value) return s;
    return {
      text: s.text.replace(/\bto its right value\b/, `to ${value}`).replace(/; replace <value>\)/, ')').replace(/ \(replace <value>\)/, ''),
      command: s.command!.replace(`${v}=<value>`, `${v}=${value}`),
    };
  });
}

/** Every pass above, in order. */
export function fittingSteps(f: Finding, steps: FindingStep[], config: AppConfig | undefined, rows: string): FindingStep[] {
  return withoutRepeatedCommands(withNamedValues(withoutRegistryAuth(f, steps, config, rows)));
}
