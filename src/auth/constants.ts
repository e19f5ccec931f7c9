/**
 * The fixed facts of Azure Monitor's secure webhook, kept in one place so a reviewer can check them
 * against the docs at a glance.
 *
 * An action group with "Enable secure webhook" asks Entra ID for a token on behalf of Microsoft's own
 * multi-tenant application "AZNS AAD Webhook", through that app's service principal in OUR tenant. So a
 * genuine call carries a token whose caller is that application and which holds the app role we defined
 * and assigned to its service principal. Anything else signed by our tenant (another app, a user) is a
 * valid token but not an action group, hence 403 rather than 401.
 */

/** Application (client) id of "AZNS AAD Webhook", the same in every tenant. Do not change. */
export const AZNS_AAD_WEBHOOK_APP_ID = '461e8683-5575-4561-ac7f-899cc907d62a';

/** The app role our app registration defines and assigns to the AZNS AAD Webhook service principal. */
export const SECURE_WEBHOOK_ROLE = 'ActionGroupsSecureWebhook';

/** Entra ID signs tokens with RSA keys and SHA-256; nothing else is ever accepted (no `none`, no HS*). */
export const ACCEPTED_ALGORITHMS: readonly string[] = ['RS256'];

/** Issuer host of v1.0 access tokens (`https://sts.windows.net/{tenant}/`) in the public cloud. */
export const V1_ISSUER_HOST = 'https://sts.windows.net';

/** Clock skew allowed on `exp`/`nbf` between Entra ID and this host. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

/** How long one fetch of the signing keys may take before the request fails with 503. */
export const DEFAULT_JWKS_TIMEOUT_MS = 5000;

/** An Authorization header longer than this is refused before any parsing (real tokens are ~1.5 KB). */
export const MAX_AUTHORIZATION_HEADER_CHARS = 16 * 1024;

/** The realm named in WWW-Authenticate hints. */
export const AUTH_REALM = 'aca-alert-enricher';
