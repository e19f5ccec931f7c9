import type { AppConfig } from '../../model';
import { DERIVED_RULES } from '../rules/configRules';
import { containersOf, secretNames } from './configChecks';
import { addEvidence, type Draft } from './draft';

/**
 * Stage 5e, a secret nothing reads: the service says the request carried no credential at all (Hugging
 * Face's "You must be authenticated to access it" on a gated repo, huggingface_hub's "make sure you are
 * authenticated" on a 401),
 * and the app defines a credential-named secret (`hf-token`) that no variable, secret volume or registry
 * references. The token is not refused: it never reached the client. The refusal becomes the missing
 * wiring, named by the secret. Silent when a variable already reads it, when several such secrets leave
 * the choice a guess, and on refusals of a credential that was sent (a wrong or expired one).
 */

/** A service's words for a request that carried no credential. */
const ANONYMOUS = /\bbe authenticated to access it\b|\bmake sure you are authenticated\b/i;
/** A secret whose name says it holds a credential. */
const CREDENTIAL_SECRET = /token|key|pass|secret|cred|pwd/i;

/** The variable each client reads its credential from, by the words of its refusal. */
const TOKEN_VARIABLES: { words: RegExp; variable: string }[] = [
  { words: /huggingface|hugging face|gated repo/i, variable: 'HF_TOKEN' },
];

export function unwiredSecret(drafts: Draft[], config: AppConfig | undefined): void {
  if (!config || !Array.isArray(config.secrets)) return;
  const d = drafts.find((x) => x.category === 'authentication-failure' && x.evidence.some((e) => ANONYMOUS.test(e.text.slice(0, 2000))));
  if (!d) return;
  const read = referencedSecrets(config);
  const unread = [...secretNames(config)].filter((s) => !read.has(s) && CREDENTIAL_SECRET.test(s));
  if (unread.length !== 1) return;
  const secret = unread[0]!;
  const text = d.evidence.map((e) => e.text.slice(0, 2000)).join('\n');
  d.rule = DERIVED_RULES.secretNotWired;
  d.category = 'missing-configuration';
  d.title = undefined;
  d.confidence = Math.max(d.confidence, DERIVED_RULES.secretNotWired.confidence);
  d.names.secret = secret;
  const tokenVar = TOKEN_VARIABLES.find((t) => t.words.test(text))?.variable;
  if (tokenVar) d.names.tokenVar = tokenVar;
  addEvidence(d, [{ source: 'config', text: `secret ${secret} is defined; no variable, volume or registry references it` }]);
}

/** Every secret name the template reads: variables of all containers, secret volumes, registry passwords. */
function referencedSecrets(config: AppConfig): Set<string> {
  const names = new Set<string>();
  const containers = [...containersOf(config), ...(Array.isArray(config.initContainers) ? config.initContainers : [])];
  for (const c of containers) for (const e of Array.isArray(c?.env) ? c.env : []) if (typeof e?.secretRef === 'string') names.add(e.secretRef);
  for (const v of Array.isArray(config.volumes) ? config.volumes : []) {
    // A secret volume that lists no secrets mounts them all.
    if (/secret/i.test(v?.storageType ?? '') && !Array.isArray(v.secrets)) return new Set(secretNames(config));
    for (const s of Array.isArray(v?.secrets) ? v.secrets : []) if (typeof s?.secretRef === 'string') names.add(s.secretRef);
  }
  for (const r of Array.isArray(config.registries) ? config.registries : []) if (typeof r?.passwordSecretRef === 'string') names.add(r.passwordSecretRef);
  // Scale rules' auth reads secrets too (a KEDA scaler's connection): any secretRef under scale counts.
  for (const ref of JSON.stringify(config.scale ?? {}).matchAll(/"secretRef"\s*:\s*"([^"]{1,253})"/g)) names.add(ref[1]!);
  return names;
}
