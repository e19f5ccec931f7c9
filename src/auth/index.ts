export { authenticatorForRuntime, createAuthenticator } from './createAuthenticator';
export {
  createSecureWebhookAuthenticator,
  secureWebhookPolicy,
  type Authenticator,
  type AuthRequest,
  type AuthSettings,
  type SecureWebhookOptions,
  type SecureWebhookPolicy,
} from './secureWebhook';
export { bearerTokenFrom, wwwAuthenticate } from './bearer';
export { loadJose, type JoseModule } from './loadJose';
export { createTlsFetch, type KeyFetch, type TlsOptions } from './tlsFetch';
export {
  AZNS_AAD_WEBHOOK_APP_ID,
  SECURE_WEBHOOK_ROLE,
  ACCEPTED_ALGORITHMS,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
} from './constants';
