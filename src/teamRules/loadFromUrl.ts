/**
 * Reads a team's rules file from Blob storage with the app's managed identity (OWN_RULES_URL), once,
 * when the runtime is built: a bad file stops the start with the rule and field named, never an alert.
 * The identity needs "Storage Blob Data Reader" on the container (docs: README, Routing).
 */
import type { TokenCredential } from '@azure/identity';
import { parseTeamRules, RuleFileError, type TeamRule } from '../classify';
import { ConfigurationError } from '../errors';
import { createTlsFetch, type TlsOptions } from '../auth/tlsFetch';

/** Storage takes tokens for this audience in every cloud. */
const STORAGE_SCOPE = 'https://storage.azure.com/.default';
const MAX_RULES_FILE_BYTES = 1024 * 1024;

export interface LoadRulesOptions {
  credential: TokenCredential;
  tlsOptions?: TlsOptions;
  signal?: AbortSignal;
}

export async function loadTeamRulesFromUrl(url: string, options: LoadRulesOptions): Promise<TeamRule[]> {
  const token = await options.credential.getToken(STORAGE_SCOPE, { abortSignal: options.signal });
  if (!token) throw new ConfigurationError('OWN_RULES_URL: no token for Storage; check the managed identity.', { context: { setting: 'OWN_RULES_URL' } });
  const headers = new Headers({ authorization: `Bearer ${token.token}`, 'x-ms-version': '2023-11-03' });
  const signal = options.signal ?? AbortSignal.timeout(30_000);
  const fetcher = options.tlsOptions?.ca ? createTlsFetch(options.tlsOptions) : (u: string, init: { headers: Headers; signal: AbortSignal }) => fetch(u, init);
  let res: Response;
  try {
    res = await fetcher(url, { headers, signal });
  } catch (cause) {
    throw new ConfigurationError('OWN_RULES_URL could not be read (network).', { cause, context: { setting: 'OWN_RULES_URL' } });
  }
  if (!res.ok) {
    const hint = res.status === 403 ? ' Give the identity "Storage Blob Data Reader" on the container.' : '';
    throw new ConfigurationError(`OWN_RULES_URL answered HTTP ${res.status}.${hint}`, { context: { setting: 'OWN_RULES_URL', status: res.status } });
  }
  const text = await res.text();
  if (Buffer.byteLength(text) > MAX_RULES_FILE_BYTES) {
    throw new ConfigurationError('OWN_RULES_URL: the rules file is larger than 1 MB.', { context: { setting: 'OWN_RULES_URL' } });
  }
  try {
    return parseTeamRules(text, 'OWN_RULES_URL');
  } catch (err) {
    if (err instanceof RuleFileError) throw new ConfigurationError(err.message, { cause: err, context: { setting: 'OWN_RULES_URL' } });
    throw err;
  }
}
