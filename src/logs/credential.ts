/**
 * The one credential the app uses for Azure calls (Log Analytics here, ARM in the config stage).
 * In Azure it is the Function App's managed identity; locally it falls back to developer sign-ins
 * (Azure CLI, VS Code...) through DefaultAzureCredential's chain.
 */
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';

export interface CredentialOptions {
  /** Client id of a user-assigned managed identity (the AZURE_CLIENT_ID app setting). */
  clientId?: string;
  /** Extra trusted CA, for tests that stand in for the identity endpoint over HTTPS. */
  tlsOptions?: { ca?: string };
}

export function createCredential(options: CredentialOptions = {}): TokenCredential {
  return new DefaultAzureCredential({
    ...(options.clientId ? { managedIdentityClientId: options.clientId } : {}),
    ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
  });
}
