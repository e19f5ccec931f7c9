/**
 * What a fix does to revisions, and the restart that follows from it (the eleventh review's "fix in prose,
 * command missing or wrong"). An app-scope change (a registry entry, an environment's storage, a Dapr
 * component, a lock released in the database) creates no revision, so the failing revision is restarted
 * after it (a job: a new execution). A template change (`update --set-env-vars`, `--image`, `--yaml`)
 * creates a new revision by itself, so restarting the old one after it only restarts what is replaced.
 * A `secretref:` to a secret nothing creates is preceded by the `secret set` that creates it.
 */
import type { FindingStep } from '../../model';
import { RESTART_COMMAND as RESTART, RESTART_REVISION } from '../rules/commandTemplates';
import { secretNameFor } from './attachCommands';
import type { FixInput } from './fixCommands';

/** Changes outside the template: no revision starts from them. */
const APP_SCOPE_COMMAND = /^az containerapp (?:(?:job )?registry set|env storage set|env dapr-component set) /;
/** Steps whose fix is done outside Azure's template, in words: a database lock, a Dapr component's file or metadata. */
const APP_SCOPE_TEXT = /\bliquibase releaseLocks\b|\bis_locked`?\/`?locked`? to 0\b|in the environment's Dapr components, then restart the revision/;
/** A template change: each of these flags makes a new revision (a job's next execution reads it). */
const TEMPLATE_UPDATE = /^az containerapp (?:job )?update \S.*?(?:--set-env-vars|--remove-env-vars|--image|--yaml|--args|--command|--cpu|--memory) /;
/** Commands that only read. */
const READ_ONLY = /^az (?:\S+ ){1,4}?(?:show|list|logs show|show-tags|list-usages)\b/;
/** A step that only restarts, in the words the step builders use. */
const RESTART_ONLY_TEXT = /^(?:Restart the revision|Start a new execution|A new secret value reaches the (?:app|job)|Then restart the failing revision|Only after that fix in place)/;

function acting(s: FindingStep): boolean {
  return !!s.command && !READ_ONLY.test(s.command);
}

/**
 * A restart right after the last app-scope change, when the steps have none and no template change
 * follows it (that starts a new revision by itself).
 */
export function restartAfterAppScope(input: FixInput): FindingStep[] {
  const { f, steps, make } = input;
  if (f.benign || steps.some((s) => RESTART.test(s.command ?? '')) || steps.some((s) => /^No action needed\b/.test(s.text))) return steps;
  let at = -1;
  steps.forEach((s, i) => {
    if (APP_SCOPE_COMMAND.test(s.command ?? '') || (!s.command && APP_SCOPE_TEXT.test(s.text))) at = i;
  });
  if (at < 0 || steps.slice(at + 1).some((s) => TEMPLATE_UPDATE.test(s.command ?? ''))) return steps;
  // A step that already says "then restart the revision" in words gets the command itself.
  const said = steps[at]!;
  if (!said.command && /\brestart the revision\.$/.test(said.text)) return steps.map((s, i) => (i === at ? make({ text: said.text, command: RESTART_REVISION }) : s));
  const step = make({ text: 'Then restart the failing revision: that change creates no revision, and the failing one reads it only when restarted.', command: RESTART_REVISION });
  return [...steps.slice(0, at + 1), step, ...steps.slice(at + 1)];
}

/**
 * No restart of the old revision after a template change: the nearest acting command before the restart
 * created a new revision, which starts with the change (a secret set in between keeps the restart).
 */
export function noRestartAfterTemplate(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign) return steps;
  const out: FindingStep[] = [];
  for (const s of steps) {
    const before = [...out].reverse().find(acting);
    if (RESTART.test(s.command ?? '') && before && TEMPLATE_UPDATE.test(before.command ?? '')) {
      // A step that says more than the restart keeps its words.
      if (!RESTART_ONLY_TEXT.test(s.text)) out.push({ text: s.text });
      continue;
    }
    out.push(s);
  }
  return out;
}

/** `NAME=secretref:<secret>` or `NAME=secretref:name` in a command. */
const SECRET_REF = /\s([A-Za-z_][A-Za-z0-9_.-]{0,120})=secretref:(<secret>)(?=\s|$)/g;

/**
 * A `secretref:<secret>` blank points at a secret nothing creates, so it fails as given: the blank is
 * filled with the variable's secret name, and a `secret set` that creates it goes first (unless an
 * earlier step sets it).
 */
export function secretBeforeReference(input: FixInput): FindingStep[] {
  const { f, steps, make } = input;
  if (f.benign) return steps;
  const stored = new Set<string>();
  const out: FindingStep[] = [];
  for (const s of steps) {
    for (const m of (s.command ?? '').matchAll(/--secrets (\S.*)$/g)) for (const p of m[1]!.split(' ')) stored.add(p.split('=')[0]!);
    const refs = [...(s.command ?? '').matchAll(SECRET_REF)];
    if (refs.length === 0 || !/ update /.test(s.command ?? '')) {
      out.push(s);
      continue;
    }
    let command = s.command!;
    let text = s.text;
    const created: string[] = [];
    for (const m of refs) {
      const name = secretNameFor(m[1]!);
      command = command.replace(`${m[1]}=secretref:<secret>`, `${m[1]}=secretref:${name}`);
      text = text.replace('secretref:<secret>', `secretref:${name}`);
      if (!stored.has(name)) created.push(name);
      stored.add(name);
    }
    if (created.length > 0) {
      out.push(make({
        text: `Store the value as app secret${created.length > 1 ? 's' : ''} ${created.join(' and ')} first (replace <value>): the reference below needs it to exist.`,
        command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${created.map((n) => `${n}=<value>`).join(' ')}`,
      }));
    }
    out.push({ text, command });
  }
  return out;
}

/** The lock steps of a job: a job has no replica count to pin, so the scale step does not apply. */
export function jobScaleStep(input: FixInput): FindingStep[] {
  if (!input.target.job) return input.steps;
  return input.steps.filter((s) => !/ --min-replicas \d/.test(s.command ?? '') && !/^Run one replica while you fix it\b/.test(s.text));
}

/** Pinning the app to one replica is temporary: the step says what to set back. */
export function scaleUndoNote(input: FixInput): FindingStep[] {
  const scale = input.config?.scale;
  const min = scale?.minReplicas;
  const max = scale?.maxReplicas;
  if (input.target.job || typeof min !== 'number' || typeof max !== 'number' || (min === 1 && max === 1)) return input.steps;
  return input.steps.map((s) =>
    / --min-replicas 1 --max-replicas 1(?:\s|$)/.test(s.command ?? '') && !/set them back/.test(s.text)
      ? { ...s, text: `${s.text} Once the lock is released and a revision runs, set them back (--min-replicas ${min} --max-replicas ${max}).` }
      : s,
  );
}

export const REVISION_SCOPE_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [
  secretBeforeReference,
  jobScaleStep,
  scaleUndoNote,
  restartAfterAppScope,
  noRestartAfterTemplate,
];
