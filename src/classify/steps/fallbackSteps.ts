/**
 * The fallback when no rule named the cause (v26 review set B class 1: 52, 81, 84; set A 32). "Fix what it
 * names" alone leaves the engineer nothing to run: the failing revision's console and system logs say what
 * led up to the exit, and a revision the configuration shows healthy is the way back while it is fixed.
 * A rollback step's <healthy-revision> blank takes that revision's name when the configuration gives it.
 */
import type { FindingStep } from '../../model';
import type { FixInput } from './fixCommands';
import { healthyRevisionOf } from './healthyRevision';
import { CONSOLE_TAIL } from '../rules/commandTemplates';

/** The catch-all steps that echo the error line and ask for a fix, with nothing to run. */
const BARE_FALLBACK = /^The app's last error line names the failure\b|\bfix what the message names there\b|^Fix what it names\b/;
const HEALTHY_BLANK = /<healthy-revision>/g;
const SYSTEM_TAIL = 'az containerapp logs show -n <app> -g <resource-group> --revision {revision} --type system --tail 50';
const COPY_FROM = 'az containerapp revision copy -n {app} -g {resourceGroup} --from-revision';

/** The last healthy revision the configuration names (healthyRevision.ts), never the one the alert names. */
export function healthyRevision(input: FixInput): string | undefined {
  if (input.target.job) return undefined;
  const healthy = healthyRevisionOf(input.config);
  return healthy === input.target.revision ? undefined : healthy;
}

/** `<healthy-revision>` in a step's text or command becomes the revision the configuration shows ready. */
export function fillHealthyRevision(input: FixInput): FindingStep[] {
  const ready = healthyRevision(input);
  if (!ready) return input.steps;
  return input.steps.map((s) =>
    s.text.includes('<healthy-revision>') || (s.command ?? '').includes('<healthy-revision>')
      ? { ...s, text: s.text.replace(HEALTHY_BLANK, ready), ...(s.command ? { command: s.command.replace(HEALTHY_BLANK, ready) } : {}) }
      : s,
  );
}

/** A fallback with no command anywhere gets the logs to read and, when one is healthy, the way back. */
export function bareFallbackSteps(input: FixInput): FindingStep[] {
  const { steps } = input;
  if (input.target.job || input.f.benign || !input.target.revision) return steps;
  if (!steps.some((s) => BARE_FALLBACK.test(s.text)) || steps.some((s) => s.command || /`az /.test(s.text))) return steps;
  const revision = input.target.revision;
  const out = [
    ...steps,
    input.make({
      text: `Read revision ${revision}'s console around the error (the lines before it name the file, command or setting), and its system log for the exits and restarts with \`${SYSTEM_TAIL.replace('{revision}', revision)}\`.`,
      command: CONSOLE_TAIL,
    }),
  ];
  const ready = healthyRevision(input);
  if (!ready) return out;
  return [
    ...out,
    input.make({
      text: `Until it is fixed, go back: ${ready} is the revision the configuration shows last ready. Make a new revision from its template (single-revision mode; in multiple-revision mode send its traffic back instead).`,
      command: `${COPY_FROM} ${ready}`,
    }),
  ];
}
