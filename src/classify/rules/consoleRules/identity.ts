import type { RuleAction } from '../../types';
import { consoleFamily } from '../categoryText';
import { LINKS } from '../links';
import { RESTART_REVISION } from '../commandTemplates';

/** The SDK found the identity endpoint but not the identity it asked for: a user-assigned one the app lacks. */
/**
 * The data role a service needs, granted to the app's system-assigned identity on the resource the rows
 * name (names from attachCommands: dataRole, roleResource, roleScope).
 */
export const ROLE_STEPS: RuleAction[] = [
  {
    needs: ['dataRole', 'roleScope'],
    text: 'Grant the app\'s identity {dataRole} on {roleResource} (system-assigned identity shown; use the user-assigned one\'s principal id if the app uses that). A new role assignment can take a few minutes to apply; restart the revision after it.',
    command: 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role {dataRole} --scope {roleScope}',
  },
];
// The App Service identity endpoint's answer to a client id it cannot load ("Unable to load requested managed
// identity", as `az login --identity --username <client-id>` prints it) is the same case: the requested one is not assigned.
const NOT_ASSIGNED = /has not been assigned to this resource|Identity not found|Unable to load (?:the )?requested managed identity/i;

/** Microsoft Entra ID, managed identity and Azure SDK credential errors, Key Vault and Storage access. */
export const IDENTITY_RULES = consoleFamily('identity', [
  {
    id: 'console.azure.aadsts-placeholder-client-id',
    category: 'missing-configuration',
    title: 'the client id is still the placeholder {setting} (AADSTS700016)',
    // A template's client id left in place (ENTER_YOUR_CLIENT_ID, <client-id>, the all-zero GUID): the
    // setting was never filled, which is a configuration gap, not a credential Entra ID refused.
    pattern:
      /AADSTS700016: Application with identifier '(?<setting>(?:ENTER_)?YOUR_[A-Z_]{1,40}|<[\w -]{1,40}>|\{[\w -]{1,40}\}|0{8}-0{4}-0{4}-0{4}-0{12}|[\w -]{0,20}(?:client|app(?:lication)?)[_ -]?id(?:_here)?)'/i,
    keywords: ['aadsts700016'],
    confidence: 0.95,
    explanation:
      'Entra ID found no application with the id the app sends because that id is the sample\'s placeholder: the client id setting was never set to the app registration\'s Application (client) ID.',
    actions: [
      'Set the client id setting (AzureAd__ClientId, AZURE_CLIENT_ID or the one the code reads) to the app registration\'s Application (client) ID and create a new revision.',
    ],
  },
  {
    id: 'console.azure.sts-throttled',
    category: 'authentication-failure',
    title: 'Entra ID throttled the token requests',
    // MSAL's words when the token service throttles: many replicas or pool connections asking for tokens at once.
    pattern: /Request was throttled according to instructions from STS/,
    keywords: ['throttled according to instructions from sts'],
    confidence: 0.9,
    explanation:
      'Entra ID throttled the token requests, so sign-in failed: many replicas or pooled connections asked for tokens at once (scale-out, a pool opening many connections) instead of reusing a cached token.',
    actions: [
      'Reuse tokens (one credential per process, cached), lower the number of connections opened at start, and retry after the delay the message gives.',
    ],
  },
  {
    id: 'console.azure.aadsts',
    category: 'authentication-failure',
    title: 'Microsoft Entra ID rejected the sign-in (AADSTS{code})',
    pattern: /AADSTS(?<code>\d{5,7})\b/,
    keywords: ['aadsts'],
    confidence: 0.93,
    explanation:
      'Entra ID refused to issue a token; the AADSTS code names the reason (for example an expired or wrong client secret, an unknown application id, or a missing consent).',
    actions: [
      'Look the AADSTS code up in the Entra ID error reference and fix the credential it points at.',
      'Prefer a managed identity over client secrets stored in the app.',
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.managed-identity',
    category: 'authentication-failure',
    title: 'managed identity authentication failed',
    // The identity endpoint's own answer for a client id no identity on the app has, whichever SDK printed it.
    // Python's azure-identity names the method (`ManagedIdentityCredential.get_token failed:`, and its inner
    // `AppServiceCredential`, the credential for the App Service / Container Apps endpoint); the App Service
    // endpoint answers an old client (the Azure CLI's `az login --identity`) "Unable to load requested managed identity".
    pattern:
      /ManagedIdentityCredential(?: authentication)? (?:failed|unavailable)|ManagedIdentityCredential: .{0,200}(?:failed|[Nn]o managed identity|not available|Identity not found)|No User Assigned or Delegated Managed Identity found for specified ClientId|\b(?:ManagedIdentity|AppService)Credential\.get_token(?:_info)? failed\b|\bUnable to load (?:the )?requested managed identity\b/,
    keywords: ['managedidentitycredential', 'no user assigned or delegated managed identity', 'appservicecredential.get_token', 'unable to load'],
    confidence: 0.9,
    explanation:
      'The Azure SDK asked the platform\'s identity endpoint for a token and got none: no identity is assigned to the app, the user-assigned identity\'s client id (AZURE_CLIENT_ID) is wrong, or the identity was removed.',
    actions: [
      {
        needs: ['identityVar'],
        when: NOT_ASSIGNED,
        text: 'The identity whose client id is in {identityVar} is not assigned to the app: assign that user-assigned identity (replace <identity-resource-id>), or set {identityVar} to the client id of an identity the app has.',
        command: 'az containerapp identity assign -n {app} -g {resourceGroup} --user-assigned <identity-resource-id>',
      },
      {
        needs: ['identityVar'],
        when: NOT_ASSIGNED,
        text: 'Compare the identities the app has with the client id in {identityVar}.',
        command: 'az containerapp identity show -n {app} -g {resourceGroup}',
      },
      {
        unless: NOT_ASSIGNED,
        text: 'Assign a system- or user-assigned managed identity to the container app; see which ones it has now.',
        command: 'az containerapp identity show -n {app} -g {resourceGroup}',
      },
      {
        absent: ['identityVar'],
        text: 'For a user-assigned identity, set AZURE_CLIENT_ID to its client id (`az identity show -n <identity> -g <its-resource-group> --query clientId`); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars AZURE_CLIENT_ID=<client-id>',
      },
      {
        unless: NOT_ASSIGNED,
        absent: ['identityVar'],
        text: 'To use the system-assigned identity, assign it (it gets a principal id the roles are granted to).',
        command: 'az containerapp identity assign -n {app} -g {resourceGroup} --system-assigned',
      },
      ...ROLE_STEPS,
      {
        unless: NOT_ASSIGNED,
        absent: ['dataRole'],
        text: 'Grant the identity the role it needs on the target resource (its principal id is in `az containerapp identity show`; for example Key Vault Secrets User on a vault, Storage Blob Data Reader on an account).',
        command: 'az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role <role> --scope <resource-id>',
      },
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.credential-unavailable',
    category: 'authentication-failure',
    actions: [
      {
        text: 'Check that the app has a managed identity; a user-assigned one also needs AZURE_CLIENT_ID set to its client id, or the credential cannot pick it.',
        command: 'az containerapp show -n {app} -g {resourceGroup} --query identity -o json',
      },
      ...ROLE_STEPS,
      {
        absent: ['dataRole'],
        text: 'Give that identity the role the call needs on the target resource (for example Key Vault Secrets User on the vault, Storage Blob Data Reader on the account).',
        command: 'az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role <role> --scope <resource-id>',
      },
    ],
    title: 'no Azure credential was available',
    // JS names it CredentialUnavailableError, .NET and Java CredentialUnavailableException; every credential
    // type (workload identity, environment, Azure CLI) reports "<X>Credential authentication unavailable".
    pattern: /CredentialUnavailable(?:Error|Exception)|\b(?<credential>\w+Credential) authentication unavailable/,
    keywords: ['credentialunavailable', 'credential authentication unavailable'],
    confidence: 0.88,
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.default-credential',
    category: 'authentication-failure',
    actions: [
      {
        text: 'Check that the app has a managed identity; a user-assigned one also needs AZURE_CLIENT_ID set to its client id, or the credential cannot pick it.',
        command: 'az containerapp show -n {app} -g {resourceGroup} --query identity -o json',
      },
      ...ROLE_STEPS,
      {
        absent: ['dataRole'],
        text: 'Give that identity the role the call needs on the target resource (for example Key Vault Secrets User on the vault, Storage Blob Data Reader on the account).',
        command: 'az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role <role> --scope <resource-id>',
      },
    ],
    title: 'DefaultAzureCredential could not get a token',
    pattern: /DefaultAzureCredential failed to retrieve a token|DefaultAzureCredential: failed to acquire a token/,
    keywords: ['defaultazurecredential'],
    confidence: 0.88,
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.keyvault-forbidden',
    category: 'authentication-failure',
    title: 'the identity may not read secrets from Key Vault',
    pattern: /ForbiddenByRbac|does not have secrets get permission|Caller is not authorized to perform action on resource.{0,200}Microsoft\.KeyVault/,
    keywords: ['forbiddenbyrbac', 'does not have secrets get permission', 'caller is not authorized'],
    confidence: 0.9,
    actions: ['Grant the app\'s identity the Key Vault Secrets User role on the vault (or a get-secret access policy).'],
  },
  {
    id: 'console.azure.keyvault-secret-missing',
    category: 'missing-configuration',
    title: 'Key Vault secret {secret|} does not exist',
    pattern: /SecretNotFound|A secret with \(name\/id\) (?<secret>[\w-]+) was not found/,
    keywords: ['secretnotfound', 'was not found'],
    confidence: 0.88,
  },
  {
    id: 'console.azure.cosmos-auth',
    category: 'authentication-failure',
    title: 'Cosmos DB rejected the credentials',
    // The data-plane RBAC refusal names the account and the principal it refused
    // (`Request blocked by Auth <account> : Request is blocked because principal [<id>] does not have...`):
    // the role assignment to make is for that principal on that account; the action it names
    // (Microsoft.DocumentDB/databaseAccounts/readMetadata, .../items/create) is what the role must grant.
    pattern:
      /The input authorization token can't serve the request|Request blocked by Auth (?<host>[\w-]{1,64}) :(?: Request is blocked because principal \[(?<user>[\w-]{1,64})\])?|principal \[(?<user_2>[\w-]{1,64})\] does not have required RBAC permissions to perform action \[(?<permission>Microsoft\.DocumentDB\/[\w.\/]{1,200})|does not have required RBAC permissions to perform action \[(?<permission_2>Microsoft\.DocumentDB\/[\w.\/]{1,200})/,
    keywords: ["the input authorization token can't serve", 'request blocked by auth', 'does not have required rbac permissions'],
    confidence: 0.92,
    explanation:
      'Cosmos DB refused the request: the account key in the connection string is wrong or was rotated, or the identity has no Cosmos DB data-plane role (those are granted with Cosmos DB SQL role assignments, not Azure RBAC roles).',
    actions: [
      {
        needs: ['secret'],
        unless: /RBAC permissions/,
        text: 'Put the account\'s current key in secret {secret} (keys are rotated; the app still sends the old one): replace <value> with the key or connection string, then restart the revision.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      {
        needs: ['secret'],
        unless: /RBAC permissions/,
        text: 'Restart the revision so the app reads the new value.',
        command: RESTART_REVISION,
      },
      {
        absent: ['secret'],
        unless: /RBAC permissions/,
        text: 'Check the account key the app uses against the account\'s current keys, or switch to managed identity.',
        command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
      },
      {
        when: /RBAC permissions|Request blocked by Auth/,
        text: 'Give the app\'s identity a Cosmos DB data-plane role on the account (a Cosmos DB SQL role assignment such as Cosmos DB Built-in Data Contributor); Azure RBAC roles such as Contributor do not grant data access.',
      },
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.storage-auth',
    category: 'authentication-failure',
    actions: [
      {
        when: /AuthorizationPermissionMismatch/,
        text: 'The identity signed in but has no data role on {storageAccount|the storage account}: grant it {dataRole|Storage Blob Data Contributor} (Reader when it only reads) there; Owner and Contributor do not grant data access. The system-assigned identity is shown; for a user-assigned one (its client id is in {identityVar|the variable the tool reads}) use its principal id. The scope is the account\'s resource id (`az storage account show -n <account> --query id -o tsv`); the role takes a few minutes to apply.',
        command: "az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role {dataRole|'Storage Blob Data Contributor'} --scope {roleScope|<storage-account-id>}",
      },
      {
        unless: /AuthorizationPermissionMismatch/,
        text: 'With managed identity: give the app\'s identity a Storage data role (for example Storage Blob Data Contributor) on the account; management roles such as Contributor do not grant data access.',
      },
      {
        unless: /AuthorizationPermissionMismatch/,
        text: 'With a key or SAS: check the value in the app secret has not been rotated or expired, then restart the revision.',
      },
    ],
    title: 'Azure Storage rejected the request{: code}',
    // The error code names the refusal: an identity without the data role, a key or SAS that does not sign.
    pattern: /(?<code>AuthorizationPermissionMismatch|AuthorizationFailure)|Server failed to authenticate the request/,
    keywords: ['authorizationpermissionmismatch', 'authorizationfailure', 'server failed to authenticate'],
    context: /\b(?<code>AuthenticationFailed|AuthorizationPermissionMismatch|AuthorizationFailure|AuthorizationSourceIPMismatch|AuthorizationProtocolMismatch|AuthorizationResourceTypeMismatch|AuthorizationServiceMismatch)\b/,
    confidence: 0.88,
  },
  {
    id: 'console.azure.rbac-forbidden',
    category: 'authentication-failure',
    title: 'an Azure service refused the app\'s identity (403 Forbidden)',
    // The data-plane and ARM wordings of "authenticated, but no role allows this": every Azure SDK quotes
    // one of them, whichever service answered. Cognitive Services (Azure OpenAI, AI Foundry agents) words it
    // "(PermissionDenied) The principal `<id>` lacks the required data action `<action>`", with status 401
    // though the token was accepted: the earlier corpora read every data-role refusal as authentication.
    pattern:
      /Caller is not authorized to perform action on resource|does not have authorization to perform action '(?<action>[\w./-]+)'|Status: 403 \(Forbidden\)|\bAuthorizationFailed\b|\black(?:s|ing) the required data action `?(?<action_2>[\w./-]{1,200})/,
    keywords: ['caller is not authorized', 'does not have authorization', 'status: 403 (forbidden)', 'authorizationfailed', 'the required data action'],
    confidence: 0.8,
    explanation:
      'An Azure service authenticated the app\'s identity but no role assignment lets it perform the action it tried. New role assignments can take a few minutes to apply.',
    actions: [
      ...ROLE_STEPS,
      {
        when: /required data action `?Microsoft\.CognitiveServices\//,
        absent: ['dataRole'],
        text: 'The identity signed in but no role grants {action|the data action}: on an AI Foundry resource grant it Azure AI User on the resource or project (agents, assets), on Azure OpenAI Cognitive Services OpenAI User; Owner and Contributor grant no data actions. A new role assignment takes a few minutes to apply.',
      },
      {
        unless: /required data action `?Microsoft\.CognitiveServices\//,
        absent: ['dataRole'],
        text: 'Find the action and resource in the error and grant the app\'s managed identity a role that includes it, scoped to that resource.',
      },
      'Check the app uses the identity you granted (system-assigned vs. a user-assigned client id).',
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.cosmos-throttled',
    category: 'quota-exceeded',
    title: 'Cosmos DB throttled the app (429: request rate is large)',
    pattern: /Request rate is large|RequestRateTooLarge(?:Exception)?|\b429 Too Many Requests\b.{0,80}?[Cc]osmos/,
    keywords: ['request rate is large', 'requestratetoolarge', '429 too many requests'],
    confidence: 0.86,
    explanation:
      'The Cosmos DB container ran out of provisioned throughput (request units per second) and answered 429; the app let the error escape after its retries were used up.',
    actions: [
      'Raise the container\'s or database\'s RU/s, or switch it to autoscale throughput.',
      'Handle 429 with the SDK\'s retry options and back off instead of crashing; spread hot partition keys.',
    ],
  },
  {
    id: 'console.azure.connection-string-invalid',
    category: 'missing-configuration',
    title: 'the Azure connection string in {envVar|the app\'s settings} does not parse',
    // Each Azure SDK's words for a connection string that is empty, cut short or lacks a required part
    // (Endpoint, AccountName, SharedAccessKey): Go's azservicebus/azeventhubs parser, the JS SDKs' Endpoint
    // check, Python's Storage and Service Bus parsers, .NET's "format of the initialization string".
    pattern:
      /\bfailed parsing connection string\b|\bConnection string should have (?:the |an? )?(?:Endpoint|SharedAccessKey|EntityPath)\b|\bConnection string missing required connection details\b|\bConnection string is either blank or malformed\b|\bInvalid connection string\b|\bconnection string (?:is )?missing (?:the )?(?:Endpoint|AccountName|AccountKey|SharedAccessKey)\b/i,
    keywords: ['failed parsing connection string', 'connection string should have', 'connection string missing required', 'connection string is either blank', 'invalid connection string', 'connection string missing', 'connection string is missing'],
    confidence: 0.88,
    explanation:
      'The Azure SDK rejected the connection string before it opened any connection: the value is empty, truncated, quoted, or lacks a part the service needs (Endpoint=sb://... for Service Bus and Event Hubs, AccountName and AccountKey for Storage). The value usually comes from a secret that was pasted incompletely or points at the wrong key.',
    actions: [
      // The format of the service the variable, the secret or the SDK's rows name; both only when none does.
      {
        needs: ['envVar', 'messagingConnection'],
        text: 'Check the value of {envVar}: it must be the full {messagingConnection} connection string copied from the namespace\'s Shared access policies, with no quotes or line breaks (`Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...`).',
      },
      {
        needs: ['envVar', 'storageConnection'],
        text: 'Check the value of {envVar}: it must be the full storage account connection string copied from the account\'s Access keys, with no quotes or line breaks (`DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net`).',
      },
      {
        needs: ['envVar'],
        absent: ['messagingConnection', 'storageConnection'],
        text: 'Check the value of {envVar}: it must be the full connection string copied from the resource\'s access keys, with no quotes or line breaks (Service Bus and Event Hubs: `Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...`; Storage: `DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net`).',
      },
      {
        needs: ['secret'],
        text: 'Put the full connection string in secret {secret} (replace <value>), then restart the revision so the app reads it.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      {
        absent: ['envVar'],
        text: 'Find the variable the app reads its connection string from and check it holds the full value copied from the resource\'s access keys.',
        command: 'az containerapp show -n {app} -g {resourceGroup} --query "properties.template.containers[].env" -o table',
      },
      { needs: ['messagingConnection'], text: 'Or drop the connection string and connect with the namespace\'s name (<namespace>.servicebus.windows.net) and a managed identity.' },
      { needs: ['storageConnection'], text: 'Or drop the connection string and connect with the account\'s URL (https://<account>.blob.core.windows.net) and a managed identity.' },
      { absent: ['messagingConnection', 'storageConnection'], text: 'Or drop the connection string and connect with the namespace or account name and a managed identity.' },
    ],
    links: [LINKS.secrets, LINKS.envVars],
  },
  {
    id: 'console.azure.token-endpoint-unreachable',
    category: 'dependency-unreachable',
    title: '{credential|the Azure credential} could not reach Microsoft Entra ID to get a token',
    // The credential's token request failed in the network, before Entra ID could judge it: the SDKs wrap
    // the socket error in their authentication error ("Authentication failed: ... Failed to establish a new
    // connection"), but nothing was refused. A managed identity's local endpoint is another matter (its rule).
    pattern:
      /\b(?<credential>\w{1,40}Credential)(?:\.get_token|\.GetToken| authentication)? failed: .{0,300}?(?:Failed to establish a new connection|No address associated with hostname|Name or service not known|Temporary failure in name resolution|No such host is known|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|Connection refused|[Cc]onnection timed out|Network is unreachable)/,
    keywords: ['credential'],
    // The token endpoint is the host that failed, not the service the token was for: the authority the
    // block names, else Entra ID's public-cloud one.
    context: /\b(?<host>login\.microsoftonline\.(?:com|us)|login\.chinacloudapi\.cn|login\.partner\.microsoftonline\.cn|[\w-]{1,63}\.ciamlogin\.com)\b/,
    normalizeNames: (n) => ({ ...n, host: n.host ?? 'login.microsoftonline.com' }),
    unless: /ManagedIdentityCredential|169\.254\.169\.254|IDENTITY_ENDPOINT|localhost:42356/,
    confidence: 0.9,
    explanation:
      'The credential never got an answer from Microsoft Entra ID: resolving or connecting to the token endpoint (login.microsoftonline.com) failed. That is the network, not the credential: the environment\'s DNS (a custom DNS server or private DNS zone that does not forward public names) or its egress (a firewall, an NSG or a route table without the AzureActiveDirectory service tag) does not let the app reach Entra ID.',
    actions: [
      'Allow outbound DNS and HTTPS (443) from the environment\'s subnet to Microsoft Entra ID: the AzureActiveDirectory service tag in NSGs and firewall rules, or the FQDN login.microsoftonline.com on Azure Firewall.',
      'If the virtual network uses custom DNS servers, make them forward public names (to 168.63.129.16 or a public resolver) so login.microsoftonline.com resolves.',
      'Check from a console in the app: `nslookup login.microsoftonline.com`, then `curl -sSI https://login.microsoftonline.com/common/discovery/instance` (any HTTP status means the endpoint is reachable).',
    ],
    links: [LINKS.networking, LINKS.identity],
  },
  {
    id: 'console.azure.appconfig-load-failed',
    category: 'authentication-failure',
    title: 'the app could not read its Azure App Configuration store{ host} at startup',
    // Spring Cloud Azure's App Configuration provider with fail-fast: it logs only that the store could not be
    // read and stops the app. A network failure adds its own line (unknown host, timeout) and its own rule;
    // without one, the usual cause is the credential the provider signs in with (no identity the store
    // trusts, several user-assigned identities and no client id, no App Configuration Data Reader role).
    pattern:
      /\bFail fast is set and there was an error reading configuration from Azure App Configuration store\b|\bFailed to generate property sources for https:\/\/[\w.-]{1,200}\.azconfig\.io\b/,
    keywords: ['fail fast is set and there was an error reading configuration', 'failed to generate property sources'],
    confidence: 0.62,
    explanation:
      'The App Configuration provider could not load the store and, with fail-fast on, stopped the app before it started. With only the store\'s endpoint configured the provider signs in with a managed identity: when the app has no identity the store trusts, has several user-assigned identities and no client id saying which one to use, or the identity lacks the App Configuration Data Reader role, every read fails. Look above for a network error; without one, the credential is the cause.',
    actions: [
      {
        text: 'See which identities the app has: with more than one user-assigned identity, set spring.cloud.azure.appconfiguration.stores[0].credential.client-id (or spring.cloud.azure.credential.client-id, or AZURE_CLIENT_ID) to the client id of the one to use.',
        command: 'az containerapp identity show -n {app} -g {resourceGroup}',
      },
      ...ROLE_STEPS,
      {
        absent: ['dataRole'],
        text: 'Grant that identity App Configuration Data Reader on the store (a new role assignment can take a few minutes to apply), then restart the revision.',
        command: "az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role 'App Configuration Data Reader' --scope <app-configuration-store-id>",
      },
      'Turn on DEBUG logging for com.azure.spring.cloud.appconfiguration and com.azure.identity to see the error behind the fail-fast message.',
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.oidc.issuer-mismatch',
    category: 'missing-configuration',
    title: 'the configured OIDC issuer{ expected} differs from the issuer the provider publishes{ got}',
    // OpenID Connect discovery requires the configured issuer to equal, string for string, the `issuer` the
    // provider's discovery document returns (and the tokens' `iss`): a trailing slash or another host is a
    // wrong setting value, not a refused credential. The wording family across clients: go-oidc ("issuer did
    // not match the issuer returned by provider"), openidconnect-rs ("unexpected issuer URI"), openid-client
    // ("unexpected iss value"), Ruby's openid_connect ("DiscoveryFailed, Issuer mismatch"), Nimbus ("The returned
    // issuer doesn't match the expected"), matrix-authentication-service (IssuerUrlsDontMatch).
    pattern:
      /issuer did not match the issuer returned by provider, expected \\?"(?<expected>[^"\\\s]{1,200})\\?" got \\?"(?<got>[^"\\\s]{1,200})|issuer did not match the issuer returned by provider|unexpected issuer URI `(?<got_2>[^`\s]{1,200})` \(expected `(?<expected_2>[^`\s]{1,200})`|unexpected issuer URI|unexpected iss value, expected (?<expected_3>\S{1,200}), got: (?<got_3>\S{1,200})|DiscoveryFailed, Issuer mismatch|IssuerUrlsDontMatch|returned issuer doesn't match the expected|discovery document's issuer does not match the configured issuer/,
    keywords: ['issuer did not match', 'unexpected issuer uri', 'unexpected iss value', 'issuer mismatch', 'issuerurlsdontmatch', "returned issuer doesn't match", 'issuer does not match the configured issuer'],
    confidence: 0.88,
    explanation:
      'The app\'s OpenID Connect client compares the issuer it is configured with to the `issuer` the provider\'s discovery document (/.well-known/openid-configuration) returns, as an exact string, and stops on a difference. The setting holds a value that differs from the provider\'s canonical issuer: a trailing slash added or left off (Authentik, Auth0 and Okta publish theirs with one), another host name for the same provider, or a realm/tenant path that is not the issuer.',
    actions: [
      'Set {envVar|the issuer setting (OIDC_ISSUER_URL, OIDC_ISSUER, the authority the code reads)} to exactly the `issuer` value the provider\'s /.well-known/openid-configuration returns{ got}, trailing slash included, and create a new revision.',
    ],
    links: [LINKS.identity],
  },
]);
