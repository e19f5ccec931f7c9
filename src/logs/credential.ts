/**
 * The one credential the app uses for Azure calls: Log Analytics, ARM, and (identity-based) Tables and
 * Queues. In Azure the deployment sets AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential and the app builds
 * exactly that, for the user-assigned identity in AZURE_CLIENT_ID: nothing is probed, so a token failure
 * names the identity rather than a chain of developer sign-ins. Elsewhere (the CLI, local runs) it is
 * DefaultAzureCredential, which tries the Azure CLI, VS Code and the rest.
 */
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';

export interface CredentialOptions {
  /** `managed-identity` in Azure (settings.credential), `default` elsewhere. */
  kind?: 'managed-identity' | 'default';
  /** Client id of a user-assigned managed identity (the AZURE_CLIENT_ID app setting). */
  clientId?: string;
  /** Extra trusted CA, for tests that stand in for the identity endpoint over HTTPS. */
  tlsOptions?: { ca?: string };
}

export function createCredential(options: CredentialOptions = {}): TokenCredential {
  const tls = options.tlsOptions ? { tlsOptions: options.tlsOptions } : {};
  if (options.kind === 'managed-identity') {
    return options.clientId ? new ManagedIdentityCredential({ clientId: options.clientId, ...tls }) : new ManagedIdentityCredential(tls);
  }
  return new DefaultAzureCredential({
    ...(options.clientId ? { managedIdentityClientId: options.clientId } : {}),
    ...tls,
  });
}
