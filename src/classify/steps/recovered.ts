/**
 * Steps for a failure the app has already recovered from (state `recovered`): nothing needs doing now,
 * and of the usual steps only the one that keeps it from happening again is worth an engineer's time.
 */
import type { Finding, FindingStep } from '../../model';

/** Causes that can pass by themselves: a network or DNS blip, a burst of memory. */
const TRANSIENT = new Set(['dependency-unreachable', 'out-of-memory']);

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
  const keep = steps.find((s) => !s.command) ?? steps[0];
  return keep ? [lead, keep] : [lead];
}
