/**
 * A job is not an app: it has executions, not revisions, its own command forms, and a Manual job runs a
 * fix only when someone starts it. The rules and most passes word their steps for the usual target, an
 * app; this last pass makes every job finding's steps say what a job does (reviews v22 #17, #41, #60:
 * "Check that the new revision starts" for a job, "the variable creates a new revision", "assign ... to
 * the container app" with `az containerapp identity show`, and a Manual job never started after its fix).
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import { JOB_FORMS } from './azCommands';

type Make = (s: FindingStep) => FindingStep;

/** Revision wording and what a job does instead, most specific first (each linear: fixed words only). */
const JOB_WORDING: readonly [RegExp, string][] = [
  [/\bCheck that the new revision starts and becomes healthy\b/g, 'Check that the next execution of the job succeeds'],
  [/(?:[;,:] (?:this|the (?:variable|update|change|setting)|which|it)) creates? a new revision\b/g, '; the next execution of the job uses it'],
  [/\b(?:This|The (?:variable|update|change)) creates? a new revision\b/g, 'The next execution of the job uses it'],
  [/\b([Tt])hen (?:create|deploy) (?:a|the) new revision\b/g, '$1hen start a new execution of the job'],
  // A fix "then redeploy" or "then restart the revision" reaches a job only through a new execution (review v23 #7).
  [/\b([Tt])hen redeploy\b/g, '$1hen start a new execution of the job'],
  [/\bRestart the revision\b/g, 'Start a new execution of the job'],
  [/\brestart the revision\b/g, 'start a new execution of the job'],
  [/\bthe new revision\b/g, 'the next execution'],
  [/\ba new revision\b/g, 'a new execution'],
  [/\bthe container app\b/g, 'the job'],
  // Identities are assigned to the job itself ("the app" elsewhere is the program the job runs).
  [/\bassigned to the app\b/g, 'assigned to the job'],
  [/\b(identit(?:y|ies)) the app has\b/g, '$1 the job has'],
];

/**
 * An inline `az containerapp ...` an app would run, in its job form (the filled commands already are),
 * whether arguments follow or the command ends the quote (`az containerapp secret set`: reviews v25 #79, #100).
 */
function inlineJobForms(text: string): string {
  if (!text.includes('`az containerapp ')) return text;
  let out = text;
  for (const [app, job] of Object.entries(JOB_FORMS)) {
    out = out.split(`\`az ${app} `).join(`\`az ${job} `).split(`\`az ${app}\``).join(`\`az ${job}\``);
  }
  return out;
}

function jobWording(text: string): string {
  let out = inlineJobForms(text);
  for (const [re, to] of JOB_WORDING) out = out.replace(re, to);
  return out;
}

/** A change to the job's template or secrets: the next execution reads it, and only an execution tests it. */
const CHANGES_JOB = /^az containerapp job (?:update|secret set|registry set|identity assign)\b/;
const STARTS_JOB = /^az containerapp job start\b/;
const CHECKS_EXECUTION = /^az containerapp job (?:execution list|logs show)\b/;

/**
 * The start a fix needs: a Manual job runs only when started; a scheduled one would run the fix at its
 * next time, and a start now checks it sooner. An event-driven job starts on its events, so it gets none.
 */
function startStep(config: AppConfig | undefined, make: Make, afterOwnFix = false): FindingStep | undefined {
  const trigger = typeof config?.job?.triggerType === 'string' ? config.job.triggerType : undefined;
  const text =
    trigger === 'Manual'
      ? afterOwnFix
        ? 'Once the cause above is fixed, rerun the job: a Manual job runs only when it is started; the command prints the new execution\'s name.'
        : 'A Manual job runs only when it is started: start a new execution so the fix runs; the command prints its name.'
      : trigger === 'Schedule'
        ? 'Start a new execution now to check the fix, instead of waiting for the next scheduled run; the command prints its name.'
        : undefined;
  return text ? make({ text, command: 'az containerapp job start -n {app} -g {resourceGroup} --query name -o tsv' }) : undefined;
}

/** A job finding's steps in the job's words, with the start its fix needs before the check of its result. */
export function jobSteps(f: Finding, steps: FindingStep[], config: AppConfig | undefined, job: boolean, make: Make, recovered = false): FindingStep[] {
  if (!job) return steps;
  const worded = steps.map((s) => {
    const text = jobWording(s.text);
    return text === s.text ? s : { ...s, text };
  });
  if (f.benign || worded.some((s) => STARTS_JOB.test(s.command ?? ''))) return worded;
  const lastChange = worded.map((s) => CHANGES_JOB.test(s.command ?? '')).lastIndexOf(true);
  // A job whose next execution already succeeded needs no rerun of its own.
  if (lastChange < 0 && recovered) return worded;
  const start = startStep(config, make, lastChange < 0);
  if (!start) return worded;
  // No command changes the job (a fix in the code, the database or the network): the rerun ends the steps.
  if (lastChange < 0) return [...worded, start];
  const check = worded.findIndex((s, i) => i > lastChange && CHECKS_EXECUTION.test(s.command ?? ''));
  const at = check >= 0 ? check : worded.length;
  return [...worded.slice(0, at), start, ...worded.slice(at)];
}
