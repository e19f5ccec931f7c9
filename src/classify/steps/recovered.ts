/**
 * Steps for a failure the app has already recovered from (state `recovered`): nothing needs doing now,
 * and of the usual steps only the one that keeps it from happening again is worth an engineer's time.
 */
import type { Finding, FindingStep } from '../../model';
import { recoveredLoginSteps } from './authSteps';

/**
 * Causes that can pass by themselves: a network or DNS blip, a burst of memory, a role assignment still
 * propagating (a 403 that stopped), a single slow answer to a probe (a GC pause).
 */
const TRANSIENT = new Set(['dependency-unreachable', 'out-of-memory', 'authentication-failure', 'probe-failure']);

/** A refusal for a missing permission: after a recovery, a role assignment that had not applied yet. */
const PERMISSION = /\b403\b|Forbidden|AuthorizationPermissionMismatch|not authorized to perform|does not have (?:\w+ ){0,3}permissions?/i;

function rows(f: Finding): string {
  return (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
}

function retry(host: string | undefined): string {
  return `To keep a blip from failing a start again, make startup retry the connection${host ? ` to ${host}` : ''} with a back-off instead of exiting on the first failure.`;
}

function clock(iso: string | undefined): string | undefined {
  const m = iso ? /T(\d\d:\d\d:\d\d)/.exec(iso) : null;
  return m ? `${m[1]} UTC` : undefined;
}

/**
 * The steps for the primary finding of a recovered app, or undefined when they stay as they are: a cause
 * that does not pass by itself (a localhost default, a missing setting) is not called recovered here.
 */
export function recoveredSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, since: string | undefined): FindingStep[] | undefined {
  if (f.benign || !TRANSIENT.has(f.category) || names.loopback) return undefined;
  const at = clock(since);
  const lead: FindingStep = { text: `No action needed now: the app recovered${at ? ` (running again since ${at})` : ''}. If it happens again, the next step is the one that prevents it.` };
  if (f.category === 'dependency-unreachable') return [lead, { text: retry(names.host) }];
  if (f.category === 'authentication-failure') {
    // A wrong or rotated credential does not fix itself; a role granted minutes before the start does.
    if (!PERMISSION.test(rows(f))) return undefined;
    // A broker's own 403 (RabbitMQ ACCESS_REFUSED) is a login, not an Azure role still applying.
    const login = recoveredLoginSteps(f, rows(f), lead.text.replace(/ If it happens again.*$/, ''));
    if (login) return login;
    return [
      { text: `${lead.text.replace(/ If it happens again.*$/, '')} A role assignment takes a few minutes to apply, so a start right after it was granted is refused and the next one succeeds.` },
      { text: 'To ride out that delay, make startup retry a 403 with a back-off instead of exiting; if the refusal comes back and stays, the role itself is missing: grant it as the error names.' },
    ];
  }
  if (f.category === 'probe-failure') {
    // One missed probe on an app that answered before and after: a pause (GC, a burst), not a wrong probe.
    if ((f.occurrences ?? 1) > 1) return undefined;
    const check = steps.find((s) => s.command && /probes/.test(s.command));
    return [
      lead,
      { text: 'If it recurs, give the probe room for a pause (a longer timeoutSeconds or a higher failureThreshold) and look for long GC pauses or blocking work at that time.', ...(check?.command ? { command: check.command } : {}) },
    ];
  }
  const keep = steps.find((s) => !s.command) ?? steps[0];
  return keep ? [lead, keep] : [lead];
}
