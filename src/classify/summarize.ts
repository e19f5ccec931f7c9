import type { Finding, Target } from '../model';

/**
 * The one-line headline of a diagnosis:
 *   "orders-api is crash-looping: DATABASE_URL is not set"
 *   "orders-api container exited with code 137 (SIGKILL): memory limit 0.5Gi likely exceeded"
 */
export function summarize(findings: Finding[], target?: Pick<Target, 'name'> | null, state?: { state: string; phrase?: string }): string {
  const app = (target && typeof target.name === 'string' && target.name) || 'the app';
  const list = Array.isArray(findings) ? findings : [];
  const primary = list[0];
  // A sidecar that fails while the main container serves: the headline names the container that fails.
  const sidecar = primary && !primary.benign ? primary.names?.failingSidecar : undefined;
  const init = primary && !primary.benign ? primary.names?.failingInit : undefined;
  const name = sidecar ? `${app}'s sidecar ${sidecar}` : init ? `${app}'s init container ${init}` : app;
  if (!primary) return `${app}: no failure found in the window`;
  const title = primary.title;
  if (primary.benign) return `${name}: ${title} (no action needed)`;
  // A transient failure reads as one: the title already carries "restarted at ... and running since".
  if (state?.state === 'recovered') return `${name} recovered after a failure: ${title}`;
  if (state?.state === 'failing-to-start') return `${name} is failing to start: ${title}`;
  const crashLooping =
    state?.state === 'crash-looping' || list.some((f) => f.ruleId === 'system.container-backoff' || f.ruleId === 'system.provisioning-crashing');
  if (crashLooping) return `${name} is crash-looping: ${title}`;
  const code = primary.exitCode ?? list.find((f) => f.exitCode !== undefined && !f.benign)?.exitCode;
  if (code !== undefined && code !== 0) {
    const signal = primary.signal ?? list.find((f) => f.exitCode === code && f.signal)?.signal;
    // Titles written for the exit itself already say "exit code N"; do not say it twice.
    if (/exit(?:ed)? (?:with )?code|exit \d+|\(exit/i.test(title)) return `${name}: ${title}`;
    return `${name} container exited with code ${code}${signal ? ` (${signal})` : ''}: ${title}`;
  }
  return `${name}: ${title}`;
}
