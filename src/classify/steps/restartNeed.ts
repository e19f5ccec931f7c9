/**
 * Whether a list of steps needs the failing revision restarted, and where the restart goes. Secrets,
 * registries, an environment's storage, Dapr components and role grants are app scope: changing them
 * creates no revision, and a running replica reads them only when it starts, so the failing revision is
 * restarted after the change (a job: a new execution; withCommands turns the one into the other). A
 * template change creates a new revision by itself, so restarting the old one after it only restarts
 * what is replaced. The step passes that decide when a change asks for the restart (missingCommands,
 * contradictions, revisionScope, secretRestart) read these lists, place the restart with placeRestart,
 * drop the replaced ones with dropReplacedRestarts and keep one with oneRestart.
 */
import type { FindingStep } from '../../model';
import { NEW_REVISION_COMMAND, RESTART_COMMAND, RESTART_REVISION } from '../rules/commandTemplates';

type Make = (step: FindingStep) => FindingStep;

// ---------------------------------------------------------------------------------------------------
// App-scope changes: no revision starts from them

/** The commands that change app scope, by what they change. */
const APP_SCOPE = {
  secret: /^az containerapp (?:job )?secret set /,
  registry: /^az containerapp (?:job )?registry set /,
  storage: /^az containerapp env storage set /,
  daprComponent: /^az containerapp env dapr-component set /,
  role: /^az role assignment create /,
  dataRole: /^az cosmosdb sql role assignment create /,
  vaultPolicy: /^az keyvault set-policy /,
} as const;
export type AppScope = keyof typeof APP_SCOPE;

/** Changes the failing revision never picks up by itself: a restart follows them whether a step asks or not (revisionScope). */
export const ALWAYS_RESTARTED: readonly AppScope[] = ['registry', 'storage', 'daprComponent'];
/**
 * Changes a restart follows when the step says so (missingCommands); a `secret set` the step does not
 * ask about gets one from secretRestart when a variable reads that secret.
 */
export const RESTARTED_WHEN_ASKED: readonly AppScope[] = ['secret', 'role', 'dataRole', 'storage', 'vaultPolicy'];

/** The command is one of these app-scope changes. */
export function changesAppScope(command: string | undefined, kinds: readonly AppScope[]): boolean {
  return !!command && kinds.some((k) => APP_SCOPE[k].test(command));
}

/** Fixes done outside Azure's template, in words: a database lock, a Dapr component's file or metadata. */
const APP_SCOPE_WORDS = /\bliquibase releaseLocks\b|\bis_locked`?\/`?locked`? to 0\b|in the environment's Dapr components, then restart the revision/;

/** A commandless step whose fix is an app-scope change done by hand. */
export function saysAppScopeFix(s: FindingStep): boolean {
  return !s.command && APP_SCOPE_WORDS.test(s.text);
}

/** A step that tells the reader to restart (a job: start a new execution) after its change. */
const SAYS_RESTART = /\b[Rr]estart (?:the revision|it)\b|\bstart a new execution\b/;

export function asksRestart(s: FindingStep): boolean {
  return SAYS_RESTART.test(s.text);
}

// ---------------------------------------------------------------------------------------------------
// Template changes: a new revision starts from them

/** A template change: each of these flags makes a new revision (a job's next execution reads it). */
const TEMPLATE_UPDATE = /^az containerapp (?:job )?update \S.*?(?:--set-env-vars|--remove-env-vars|--image|--yaml|--args|--command|--cpu|--memory) /;

/**
 * What a later step may do that makes a restart moot: any update or revision copy (the restart a step asks
 * for, a secret's), or only a template update (an app-scope change's: a scale-only update keeps the restart).
 */
export type Replacement = 'new-revision' | 'template-update';

/** The step's command starts a new revision of that kind. */
export function startsNewRevision(s: FindingStep, by: Replacement): boolean {
  return (by === 'new-revision' ? NEW_REVISION_COMMAND : TEMPLATE_UPDATE).test(s.command ?? '');
}

/** Commands that only read. */
const READ_ONLY = /^az (?:\S+ ){1,4}?(?:show|list|logs show|show-tags|list-usages)\b/;

/** The command only reads (or there is none): a step with it changes nothing by itself. */
export function onlyReads(command: string | undefined): boolean {
  return !command || READ_ONLY.test(command);
}

function acting(s: FindingStep): boolean {
  return !!s.command && !READ_ONLY.test(s.command);
}

// ---------------------------------------------------------------------------------------------------
// The restart step

export function isRestart(s: FindingStep): boolean {
  return RESTART_COMMAND.test(s.command ?? '');
}

export function hasRestart(steps: readonly FindingStep[]): boolean {
  return steps.some(isRestart);
}

/** The words a restart step is made with when a secret's new value needs it. */
export const SECRET_VALUE_RESTART = 'A new secret value reaches the app only when the revision restarts: restart it after the change.';

/** A step that is only the restart, in the words the step builders use. */
const RESTART_ONLY = /^(?:Restart the revision|Start a new execution|A new secret value reaches the (?:app|job))/;
/** Also only the restart once the fix is in place: the registry rule's and revisionScope's "Then restart", the rollback's "Only after". */
const RESTART_AFTER_FIX = /^(?:Then restart the failing revision|Only after that fix in place)/;

/**
 * The step says nothing but the restart. oneRestart reads the first list only: a duplicate restart that
 * follows a fix (RESTART_AFTER_FIX) keeps its words there, while after a template update it goes.
 */
function restartOnly(text: string, afterFix: boolean): boolean {
  return RESTART_ONLY.test(text) || (afterFix && RESTART_AFTER_FIX.test(text));
}

// ---------------------------------------------------------------------------------------------------
// Placing, dropping, keeping one

export interface RestartPlace {
  /** The index of the change the restart follows (-1: the restart goes first). */
  after: number;
  /** The new restart step's words. */
  text: string;
  /** A later step that makes the restart moot; none: nothing does. */
  unless?: Replacement;
  /** A commandless change step that says to restart in these words carries the command itself. */
  carries?: (text: string) => boolean;
}

/**
 * The restart after a change, unless the steps already have one or a later step makes a new revision.
 * A commandless step that says to restart gets the command instead of a step of its own.
 */
export function placeRestart(steps: FindingStep[], place: RestartPlace, make: Make): FindingStep[] {
  const { after, unless, carries } = place;
  if (hasRestart(steps)) return steps;
  if (unless && steps.slice(after + 1).some((s) => startsNewRevision(s, unless))) return steps;
  const own = steps[after];
  if (own && !own.command && carries?.(own.text)) return steps.map((s, i) => (i === after ? make({ text: s.text, command: RESTART_REVISION }) : s));
  return [...steps.slice(0, after + 1), make({ text: place.text, command: RESTART_REVISION }), ...steps.slice(after + 1)];
}

/**
 * No restart of the old revision after a template change: the nearest acting command before the restart
 * created a new revision, which starts with the change (a secret set in between keeps the restart). A
 * restart step that says more than the restart keeps its words.
 */
export function dropReplacedRestarts(steps: FindingStep[]): FindingStep[] {
  const out: FindingStep[] = [];
  for (const s of steps) {
    const before = [...out].reverse().find(acting);
    if (isRestart(s) && before && startsNewRevision(before, 'template-update')) {
      if (!restartOnly(s.text, true)) out.push({ text: s.text });
      continue;
    }
    out.push(s);
  }
  return out;
}

/**
 * One restart in the list: the first after the first secret change (else the first at all) keeps its
 * command. A later step that is only the restart goes; one that says more keeps its words without the command.
 */
export function oneRestart(steps: FindingStep[]): FindingStep[] {
  const restarts = steps.map((s, i) => (isRestart(s) ? i : -1)).filter((i) => i >= 0);
  if (restarts.length < 2) return steps;
  const firstSet = steps.findIndex((s) => changesAppScope(s.command, ['secret']));
  const keep = restarts.find((i) => i > firstSet) ?? restarts[0]!;
  const out: FindingStep[] = [];
  steps.forEach((s, i) => {
    if (i === keep || !restarts.includes(i)) out.push(s);
    else if (!restartOnly(s.text, false)) out.push({ text: s.text });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A template change asked for in words, with a restart for its command

/**
 * Words that change a container's volume mounts (where a volume is mounted, which volume): the template,
 * so a new revision, never a restart of the failing one (docs/steps-review-v24-fresh.md set B class 5).
 */
const VOLUME_MOUNT_WORDS = /\b[Mm]ount (?:the|its|a|that) (?:secret )?volume at\b|\bvolumeMounts?\b|\bmountPath\b/;

/** The step asks for a volume-mount change and its only command restarts the failing revision. */
export function restartsTemplateChange(s: FindingStep): boolean {
  return isRestart(s) && VOLUME_MOUNT_WORDS.test(s.text);
}
