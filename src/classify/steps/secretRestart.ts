/**
 * A secret's value changed, and the variable that needs it already reads that secret: setting the same
 * `NAME=secretref:name` again changes nothing in the template, so no new revision starts and the app keeps
 * the old value (secrets are app-scope; a running replica reads them when it starts). The step after the
 * `secret set` is the revision restart (a job's new execution), and the list keeps one restart only.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import { RESTART_REVISION } from '../rules/commandTemplates';
import { list } from './list';
import { changesAppScope, hasRestart, isRestart, oneRestart, placeRestart, startsNewRevision } from './restartNeed';

type Make = (step: FindingStep) => FindingStep;

/** An update of variables: the flags it may carry besides them without changing anything else in the template. */
const UPDATE = /^az containerapp (?:job )?update /;
const NAMING_FLAGS = new Set(['-n', '--name', '-g', '--resource-group', '--container-name', '--subscription']);

/** Each variable of the current template that reads a secret, with the secret's name. */
function secretRefs(config: AppConfig | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of [...list(config?.containers), ...list(config?.initContainers)]) {
    for (const e of list(c?.env)) if (typeof e?.name === 'string' && typeof e.secretRef === 'string') out.set(e.name, e.secretRef);
  }
  return out;
}

/** The secret names a `secret set ... --secrets a=<value> b=<value>` command stores. */
function storedSecrets(command: string | undefined): string[] {
  if (!command || !changesAppScope(command, ['secret'])) return [];
  const at = command.indexOf(' --secrets ');
  if (at < 0) return [];
  return command.slice(at + 11).split(' ').map((p) => /^([a-z0-9][a-z0-9.-]{0,252})=/.exec(p)?.[1]).filter((s): s is string => !!s);
}

/** The pairs an env-only update sets, when every one repeats a reference the template already has. */
function repeatedRefs(command: string | undefined, refs: Map<string, string>, stored: Set<string>): string[] | undefined {
  if (!command || !UPDATE.test(command)) return undefined;
  // Words after `update`: naming flags with their value, then the pairs of --set-env-vars; anything else changes the template.
  const words = command.slice(UPDATE.exec(command)![0].length).split(' ').filter(Boolean);
  const pairs: string[] = [];
  let inPairs = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NAMING_FLAGS.has(w)) {
      i++;
      inPairs = false;
    } else if (w === '--set-env-vars') inPairs = true;
    else if (inPairs && !w.startsWith('-')) pairs.push(w);
    else return undefined;
  }
  if (pairs.length === 0) return undefined;
  const vars: string[] = [];
  for (const p of pairs) {
    const pm = /^([^=]{1,120})=secretref:(\S{1,253})$/.exec(p);
    if (!pm || refs.get(pm[1]!) !== pm[2] || !stored.has(pm[2]!)) return undefined;
    vars.push(pm[1]!);
  }
  return vars;
}

/** The restart's words after a secret change, with the variables that read it. */
function restartText(vars: readonly string[], refs: Map<string, string>): string {
  const named = vars.map((v) => `${v} already reads secret ${refs.get(v)}`).join('; ');
  return `${named}: setting the same reference again changes nothing in the template, so no new revision would start. Restart the revision so its replicas read the new value.`;
}

/** The restart after a `secret set` of a secret a variable reads, when nothing after it starts a new revision. */
function withRestart(steps: FindingStep[], refs: Map<string, string>, make: Make): FindingStep[] {
  const readers = [...refs.values()];
  const at = steps.findIndex((s) => storedSecrets(s.command).some((x) => readers.includes(x)));
  if (at < 0) return steps;
  const vars = [...refs.entries()].filter(([, s]) => storedSecrets(steps[at]!.command).includes(s)).map(([v]) => v);
  return placeRestart(steps, { after: at, text: restartText(vars, refs), unless: 'new-revision' }, make);
}

/** "Check that the new revision starts": after a restart, it is the restarted one. */
function checkWording(steps: FindingStep[]): FindingStep[] {
  if (steps.some((s) => startsNewRevision(s, 'new-revision'))) return steps;
  return steps.map((s) => (/^Check that the new revision starts\b/.test(s.text) ? { ...s, text: s.text.replace(/^Check that the new revision starts/, 'Check that the restarted revision starts') } : s));
}

/**
 * The steps with a repeated secret reference turned into the restart it needed, a restart after a
 * `secret set` of a referenced secret when none follows, and one restart in all.
 */
export function secretRestartSteps(f: Finding, steps: FindingStep[], config: AppConfig | undefined, make: Make): FindingStep[] {
  if (f.benign || steps.some((s) => /^No action needed\b/.test(s.text))) return steps;
  const refs = secretRefs(config);
  const stored = new Set(steps.flatMap((s) => storedSecrets(s.command)));
  if (refs.size === 0 || stored.size === 0) return oneRestart(steps);
  let replaced = false;
  const out: FindingStep[] = [];
  for (const s of steps) {
    const vars = repeatedRefs(s.command, refs, stored);
    if (!vars) {
      out.push(s);
      continue;
    }
    replaced = true;
    if (!hasRestart(out)) out.push(make({ text: restartText(vars, refs), command: RESTART_REVISION }));
  }
  // A commandless "set the variable from the secret" says what the restart now stands for.
  const pointed = replaced ? [...refs.keys()].filter((v) => out.some((s) => isRestart(s) && s.text.startsWith(`${v} already reads`))) : [];
  const kept = out.filter((s) => s.command || !pointed.some((v) => s.text.includes(v) && /\bfrom (?:an? |the )?(?:app )?secret\b/.test(s.text)));
  return checkWording(oneRestart(withRestart(kept, refs, make)));
}
