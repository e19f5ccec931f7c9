/**
 * A change since the healthy revision that updated a secret's value ("secret payments-db updated"), with
 * the variables still reading the same secret: nothing was pointed elsewhere, so there is no reference to
 * point back, and a rollback does not help (secrets are app-wide: the old revision reads the new value
 * too). The fix is the current value in that secret, then a restart so the revision reads it.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';

/** The summary's words for a secret whose value changed (never a value itself: the reader keeps none). */
const UPDATED = /\bsecret '?([a-z0-9][a-z0-9.-]{0,252})'? (?:value )?(?:was |has been )?(?:updated|rotated|regenerated|value changed|changed value)\b/i;

export interface Rotation {
  secret: string;
  /** The healthy revision the change is counted from. */
  from?: string;
  /** The variables that read it. */
  readers: string[];
}

function env(config: AppConfig): { name: string; secretRef?: string }[] {
  return (Array.isArray(config.containers) ? config.containers : []).flatMap((c) => (Array.isArray(c?.env) ? c.env : []));
}

/**
 * The secret whose value the change updated, when that is all the change did: every change is a variable
 * reading that very secret (a reader records the new value as a changed reference). Undefined otherwise.
 */
export function rotatedSecret(config: AppConfig | undefined): Rotation | undefined {
  const changed = config?.changesSinceHealthy;
  if (!config || !changed || typeof changed.summary !== 'string') return undefined;
  const secret = UPDATED.exec(changed.summary.slice(0, 500))?.[1];
  if (!secret || !(Array.isArray(config.secrets) ? config.secrets : []).some((s) => s?.name === secret)) return undefined;
  const vars = env(config);
  const changes = Array.isArray(changed.changes) ? changed.changes : [];
  const sameSecret = changes.every((c) => c?.kind === 'env-secret-ref' && vars.some((e) => e?.name === c.name && e.secretRef === secret) && (!c.after || c.after === secret));
  if (!sameSecret) return undefined;
  const readers = vars.filter((e) => e?.secretRef === secret).map((e) => e.name);
  return { secret, readers, ...(changed.fromRevision ? { from: changed.fromRevision } : {}) };
}

/** The configuration with that change taken out: no step may point a variable "back" at the secret it reads. */
export function withoutRotation(config: AppConfig | undefined, rotation: Rotation | undefined): AppConfig | undefined {
  if (!config || !rotation || !config.changesSinceHealthy) return config;
  return { ...config, changesSinceHealthy: { ...config.changesSinceHealthy, changes: [] } };
}

const SETS_SECRET = (secret: string): RegExp => new RegExp(`^az containerapp (?:job )?secret set .*--secrets ${secret.replace(/[.]/g, '\\.')}=`);

/**
 * The step that sets the secret says why: its value is what changed. A finding whose steps do not set it
 * (the cause is elsewhere) is left as it is.
 */
export function rotationSteps(f: Finding, steps: FindingStep[], rotation: Rotation | undefined): FindingStep[] {
  if (!rotation || f.benign) return steps;
  const at = steps.findIndex((s) => !!s.command && SETS_SECRET(rotation.secret).test(s.command));
  if (at < 0) return steps;
  const text = steps[at]!.text;
  const unnamed = rotation.readers.filter((r) => !text.includes(r));
  const readers = unnamed.length > 0 ? ` (read by ${unnamed.join(', ')})` : '';
  const note = `Secret ${rotation.secret}${readers} was updated since ${rotation.from ? `healthy revision ${rotation.from}` : 'the last healthy revision'}, and a rollback would not undo that (secrets are app-wide): the value it holds now is the one to fix. `;
  return steps.map((s, i) => (i === at ? { ...s, text: note + s.text } : s));
}
