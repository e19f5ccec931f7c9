/**
 * Picks the caller check for the alerts endpoint from the settings. With `function-key` (the default)
 * the Functions host has already checked the key before our code runs, so there is nothing left to do.
 * Call it once per process: the Entra authenticator holds the signing-key cache.
 */
import type { Settings } from '../config';
import { createSecureWebhookAuthenticator, type AuthRequest, type Authenticator, type SecureWebhookOptions } from './secureWebhook';

const noCheck: Authenticator = async () => undefined;

const BY_MODE: Record<Settings['auth']['mode'], (settings: Pick<Settings, 'auth'>, options: SecureWebhookOptions) => Authenticator> = {
  'function-key': () => noCheck,
  entra: (settings, options) => createSecureWebhookAuthenticator(settings.auth, options),
};

export function createAuthenticator(settings: Pick<Settings, 'auth'>, options: SecureWebhookOptions = {}): Authenticator {
  return BY_MODE[settings.auth.mode](settings, options);
}

/**
 * The shape the alerts handler takes (`authenticate(request, runtime)`): builds the authenticator from
 * the runtime's settings on first use and keeps it (and its key cache) for the life of the process.
 */
export function authenticatorForRuntime(
  options: SecureWebhookOptions = {},
): (request: AuthRequest, runtime: { settings: Pick<Settings, 'auth'> }) => Promise<void> {
  let authenticator: Authenticator | undefined;
  return (request, runtime) => {
    authenticator ??= createAuthenticator(runtime.settings, options);
    return authenticator(request);
  };
}
