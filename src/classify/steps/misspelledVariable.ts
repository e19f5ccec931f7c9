/**
 * A variable the app reported missing while the container sets one a typo away from it (DATABSE_URL
 * beside the DATABASE_URL Prisma reads): the value is already there, under the wrong name. The step
 * renames it (the secret it reads, or its value) instead of storing the value again in a new secret.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import { containersOf } from '../stages/configChecks';

/** One letter dropped, added, or two neighbours swapped: a slip of the keyboard, not another name. */
export function isTypoOf(written: string, expected: string): boolean {
  if (written === expected || expected.length < 6) return false;
  const [a, b] = [written.toUpperCase(), expected.toUpperCase()];
  if (a === b) return false;
  if (Math.abs(a.length - b.length) === 1) {
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    let i = 0;
    while (i < short.length && short[i] === long[i]) i++;
    return short.slice(i) === long.slice(i + 1);
  }
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  // A substituted letter makes another name (DATABASE_URI is not DATABASE_URL): only a swap counts.
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

interface EnvEntry { name: string; secretRef?: string }

function envOf(config: AppConfig | undefined): EnvEntry[] {
  return containersOf(config).flatMap((c) => (Array.isArray(c.env) ? c.env : [])).filter((e) => typeof e?.name === 'string') as EnvEntry[];
}

/** The one configured variable that is a typo of the missing one; none when the name itself is set or two could be. */
export function misspelledVariable(missing: string | undefined, config: AppConfig | undefined): EnvEntry | undefined {
  if (!missing) return undefined;
  const env = envOf(config);
  if (env.some((e) => e.name === missing)) return undefined;
  const typos = env.filter((e) => isTypoOf(e.name, missing));
  return typos.length === 1 ? typos[0] : undefined;
}

/** A step that stores or sets the missing variable anew: the rename replaces it. */
function setsAnew(s: FindingStep, missing: string): boolean {
  const c = s.command ?? '';
  return c.includes(`--set-env-vars ${missing}=`) || (/ secret set /.test(c) && /=<value>/.test(c)) || (!c && s.text.includes(missing) && /^(?:Store|Set|Add)\b/.test(s.text));
}

export function misspelledVariableSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, config: AppConfig | undefined, make: (s: FindingStep) => FindingStep): FindingStep[] {
  if (f.benign || !['missing-configuration', 'configuration-change'].includes(f.category)) return steps;
  const missing = names.envVar;
  const typo = misspelledVariable(missing, config);
  if (!missing || !typo) return steps;
  const value = typo.secretRef ? `secretref:${typo.secretRef}` : '<value>';
  const reads = typo.secretRef ? ` (it reads secret ${typo.secretRef})` : '';
  const rename = make({
    text: `The container sets ${typo.name}${reads}, a typo of ${missing}, the name the app reads: set ${missing}${typo.secretRef ? ' from the same secret' : ' to its value (replace <value>)'} and remove ${typo.name}; this creates a new revision.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${missing}=${value} --remove-env-vars ${typo.name}`,
  });
  const at = steps.findIndex((s) => setsAnew(s, missing));
  const kept = steps.filter((s) => !setsAnew(s, missing));
  const pos = at < 0 ? 0 : Math.min(at, kept.length);
  return [...kept.slice(0, pos), rename, ...kept.slice(pos)];
}
