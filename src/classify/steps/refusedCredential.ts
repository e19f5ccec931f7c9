/**
 * A server refused the credential and the step only says to check it (no configuration named the
 * secret, so the rule's `secret set` did not apply): the commands that do the check and the fix, with
 * the secret the configuration ties to a credential variable when one is, else the list that shows the
 * app's secrets; then the restart (a job: a new execution, which is also the retry).
 * Reviews v19 #40 and #63: "no `secret list/set`, and no `job start` to retry".
 */
import type { AppConfig, FindingStep } from '../../model';
import { RESTART_COMMAND, RESTART_REVISION } from '../rules/commandTemplates';
import type { FixInput } from './fixCommands';
import { list } from './list';
import { mayHoldCredential } from './credentialNames';

/** A step that asks the reader to check the credential the app sends, with no command to do it. */
const CHECK_CREDENTIAL = /^Check the (?:password|token|user|credential|key|private key|Snowflake user)\b.{0,120}\b(?:the app (?:sends|reads)|(?:variable|secret) (?:and|behind))/i;
const CREDENTIAL_SECRET = /pass|pwd|token|key|secret|cred|auth|dsn|conn/i;

/** The one secret the configuration ties to a credential: a credential variable's reference, else the one credential-named secret. */
function credentialSecret(config: AppConfig | undefined): { secret: string; variable?: string } | undefined {
  const refs = list(config?.containers)
    .flatMap((c) => list(c?.env))
    .filter((e) => typeof e?.secretRef === 'string' && mayHoldCredential(e.name));
  const distinct = [...new Set(refs.map((e) => e.secretRef!))];
  if (distinct.length === 1) return { secret: distinct[0]!, variable: refs.find((e) => e.secretRef === distinct[0])!.name };
  if (distinct.length > 1) return undefined;
  const named = list(config?.secrets).map((s) => s?.name).filter((n): n is string => typeof n === 'string' && CREDENTIAL_SECRET.test(n));
  return named.length === 1 ? { secret: named[0]! } : undefined;
}

function refusedCredential(input: FixInput): FindingStep[] {
  const { f, steps, config } = input;
  if (f.benign || f.category !== 'authentication-failure' || steps.some((s) => / secret set /.test(` ${s.command ?? ''} `))) return steps;
  const at = steps.findIndex((s) => !s.command && CHECK_CREDENTIAL.test(s.text));
  if (at < 0) return steps;
  const known = credentialSecret(config);
  const out: FindingStep[] = [];
  if (!known) {
    out.push(input.make({
      text: 'The app\'s secrets (names only): the credential is in the one the app\'s variable for it reads.',
      command: "az containerapp secret list -n {app} -g {resourceGroup} --query '[].name' -o tsv",
    }));
  }
  const name = known?.secret ?? '<secret-name>';
  out.push(input.make({
    text: `Put the credential the server accepts in ${known ? `secret ${known.secret}${known.variable ? `, which ${known.variable} reads` : ''}` : 'that secret (replace <secret-name>)'}; replace <value>.`,
    command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${name}=<value>`,
  }));
  if (!steps.some((s) => RESTART_COMMAND.test(s.command ?? ''))) {
    const text = input.target.job ? 'Start a new execution: it reads the new value, and it is the retry.' : 'Restart the revision so the app reads the new value.';
    out.push(input.make({ text, command: RESTART_REVISION }));
  }
  return [...steps.slice(0, at + 1), ...out, ...steps.slice(at + 1)];
}

export const REFUSED_CREDENTIAL_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [refusedCredential];
