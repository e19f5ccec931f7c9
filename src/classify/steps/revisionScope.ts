/**
 * What a fix does to revisions, and the restart that follows from it (the eleventh review's "fix in prose,
 * command missing or wrong"). An app-scope change (a registry entry, an environment's storage, a Dapr
 * component, a lock released in the database) creates no revision, so the failing revision is restarted
 * after it (a job: a new execution). A template change (`update --set-env-vars`, `--image`, `--yaml`)
 * creates a new revision by itself, so restarting the old one after it only restarts what is replaced.
 * A `secretref:` to a secret nothing creates is preceded by the `secret set` that creates it.
 */
import type { FindingStep } from '../../model';
import { secretNameFor } from './attachCommands';
import type { FixInput } from './fixCommands';
import { ALWAYS_RESTARTED, changesAppScope, dropReplacedRestarts, hasRestart, placeRestart, saysAppScopeFix } from './restartNeed';

/**
 * A restart right after the last app-scope change, when the steps have none and no template change
 * follows it (that starts a new revision by itself).
 */
export function restartAfterAppScope(input: FixInput): FindingStep[] {
  const { f, steps, make } = input;
  if (f.benign || hasRestart(steps) || steps.some((s) => /^No action needed\b/.test(s.text))) return steps;
  let at = -1;
  steps.forEach((s, i) => {
    if (changesAppScope(s.command, ALWAYS_RESTARTED) || saysAppScopeFix(s)) at = i;
  });
  if (at < 0) return steps;
  return placeRestart(steps, {
    after: at,
    text: 'Then restart the failing revision: that change creates no revision, and the failing one reads it only when restarted.',
    unless: 'template-update',
    // A step that already says "then restart the revision" in words gets the command itself.
    carries: (text) => /\brestart the revision\.$/.test(text),
  }, make);
}

/** No restart of the old revision after a template change (restartNeed.ts). */
export function noRestartAfterTemplate(input: FixInput): FindingStep[] {
  return input.f.benign ? input.steps : dropReplacedRestarts(input.steps);
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
