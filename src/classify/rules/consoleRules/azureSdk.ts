import { consoleFamily } from '../categoryText';
import { LINKS } from '../links';
import { ROLE_STEPS } from './identity';
import { SHOW_ENV_NAMES } from '../commandTemplates';

/**
 * Azure SDK client errors by the SDKs' own names and codes, in every language they ship in (.NET, Java,
 * Python, Node, Go): Key Vault refusals, Service Bus / Event Hubs 401s, Cosmos DB 503/408, the managed
 * identity endpoint refusing the token request, Spring Cloud Azure's Key Vault property source, and the
 * Java AMQP clients' blocking-read timeout. A named SDK error says more than the runtime's catch-all that
 * wraps it (.NET's "Unhandled exception." and exit 134, Java's "Caused by"), so these rules outrank them.
 */

/** The account endpoint a Cosmos DB client names (its https URL), not the rntbd replica hosts behind it. */
const COSMOS_ACCOUNT = /https:\/\/(?<host>[\w-]{1,63}\.documents\.azure\.com)\b/;
/** The Service Bus / Event Hubs namespace the rows name. */
const NAMESPACE = /\b(?<host>[\w-]{1,63}\.servicebus\.windows\.net)\b/;

export const AZURE_SDK_RULES = consoleFamily('azure-sdk', [
  {
    id: 'console.azure.keyvault-denied',
    category: 'authentication-failure',
    title: 'Key Vault {host|} refused the app\'s identity{: operation}',
    // The old .NET client (Microsoft.Azure.KeyVault, behind AddAzureKeyVault) says only "Access denied" or
    // "Operation returned an invalid status code 'Forbidden'", the old Python one "(Forbidden)"; the service's own text, which every SDK quotes
    // (Go autorest, Python, .NET Azure.Security), names the permission and the vault.
    pattern:
      /\b(?<exception>Microsoft\.Azure\.KeyVault\.Models\.KeyVaultErrorException): (?:Access denied|Operation returned an invalid status code 'Forbidden'|Operation "?\w{1,20}"? is not allowed by vault policy)|\b(?<exception_2>key_vault_error\.KeyVaultErrorException): \(Forbidden\)|\bdoes not have (?<operation>(?:secrets|keys|certificates) \w{1,20}) permission on key vault '(?<vault>[\w-]{1,64})/,
    keywords: ['keyvaulterrorexception', 'permission on key vault'],
    normalizeNames: (n) => (n.vault && !n.host ? { ...n, host: `${n.vault}.vault.azure.net` } : n),
    confidence: 0.91,
    explanation:
      'The app reached Key Vault and signed in, but the vault refused the operation: the identity has no access policy (get and list on secrets) or, on a vault that uses Azure RBAC, no Key Vault Secrets User role. The configuration providers (AddAzureKeyVault, the Spring and App Configuration providers) list every secret at start-up, so a missing "list" permission stops the app before it serves anything.',
    // No steps of its own: the category's permission steps name the role and the resource the rows give
    // (keyVaultRole / messagingRight in steps/azureServices.ts) without a restart a role does not need.
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.messaging-unauthorized',
    category: 'authentication-failure',
    title: 'Service Bus / Event Hubs {host|} refused the credential{: code}',
    // Each SDK's 401 from the broker: the old .NET clients' UnauthorizedException (ManagementClient's
    // SubCode=40100), the AMQP condition amqp:unauthorized-access (Java, Node's rhea, Go), the CBS put-token
    // refusal (.NET, Java: "status-code: 401"), and the Python SDKs' authentication and authorization errors.
    // A missing Send/Listen/Manage claim has its own rule; Python's "Unable to open authentication session"
    // is a connection that never opened, not a refusal.
    pattern:
      /\b(?<exception>Microsoft\.Azure\.(?:ServiceBus|EventHubs)\.UnauthorizedException)\b|\bSubCode=(?<code>401\d\d)\b|\bamqp:unauthorized-access\b|\bPut token failed\. status-code: 401\b|\bstatus-code: 401, status-description: (?<reason>\w{1,60})|\b(?<exception_2>azure\.(?:servicebus\.exceptions\.ServiceBusAuthenticationError|servicebus\.exceptions\.ServiceBusAuthorizationError|eventhub\.exceptions\.AuthenticationError))\b/,
    keywords: ['unauthorizedexception', 'subcode=401', 'amqp:unauthorized-access', 'put token failed', 'status-code: 401', 'servicebusauthenticationerror', 'servicebusauthorizationerror', 'eventhub.exceptions.authenticationerror'],
    unless: /Unable to open authentication session|confirm target hostname|claim\(s\) (?:are|is) required/,
    context: NAMESPACE,
    confidence: 0.9,
    explanation:
      'The namespace answered but refused the credential: a shared access key that was rotated or belongs to another namespace, an expired SAS token, or an identity without a data role. Management operations (creating or reading topics, queues and subscriptions with ManagementClient or the administration client) need the Manage right: a SAS policy with Manage, or Azure Service Bus Data Owner for an identity.',
    // No steps of its own: the category's permission steps name the role and the resource the rows give
    // (keyVaultRole / messagingRight in steps/azureServices.ts) without a restart a role does not need.
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.cosmos-unavailable',
    category: 'dependency-unreachable',
    title: 'Cosmos DB {host|} could not be reached ({status|503 Service Unavailable})',
    // The SDKs turn connections they could not open to the account's replicas into 503 (or 408): .NET v3's
    // CosmosException ("... ServiceUnavailable (503); Substatus: ..." — the Substatus sets it apart from
    // HttpClient's own "503 (Service Unavailable)."), the v2 and Java SDKs' ServiceUnavailableException and
    // RequestTimeoutException, Java's CosmosException{... statusCode=503}, and the direct-mode reason text.
    pattern:
      /\bunable to establish connections to \d{1,4} endpoints across \d{1,3} regions\b|\bResponse status code does not indicate success: (?:(?:ServiceUnavailable|RequestTimeout) \()?(?<status>503|408)\)?;? Substatus\b|\b(?<exception>(?:Microsoft\.Azure\.Documents|com\.azure\.cosmos\.implementation)\.(?:ServiceUnavailableException|RequestTimeoutException))\b|\bCosmosException\{.{0,400}?statusCode=(?<status_2>503|408)\b/,
    keywords: ['unable to establish connections to', 'does not indicate success', 'serviceunavailableexception', 'requesttimeoutexception', 'statuscode=503', 'statuscode=408'],
    context: COSMOS_ACCOUNT,
    confidence: 0.86,
    explanation:
      'The Cosmos DB client could not get an answer from the account: in direct mode it opens TCP connections to the replicas on ports 10000-20000 besides 443, which an NSG, a firewall or a route through one often blocks; a private endpoint whose DNS the environment does not resolve, the account\'s firewall, or a regional outage do the same. The SDK retried before it gave up; the crash that follows is the app not handling that 503.',
    actions: [
      'Allow outbound TCP 443 and 10000-20000 from the environment\'s subnet to the account (the AzureCosmosDB service tag), or switch the client to Gateway mode (HTTPS on 443 only).',
      'With a private endpoint or the account firewall: check {host|the account} resolves to its private address from a replica and that the account\'s networking admits the environment\'s subnet or outbound IP.',
      'If it happened once and the restarted replica is healthy, it was transient: handle 503/408 with retries instead of letting the exception end the process.',
    ],
    links: [LINKS.networking],
  },
  {
    id: 'console.azure.identity-endpoint-refused',
    category: 'authentication-failure',
    title: 'the managed identity endpoint {host|}{:port} refused the token request',
    // MSAL's error code when the local identity endpoint gave no token, and Azure.Identity's / Go's
    // ManagedIdentityCredential quoting a refused connection. Not the app's dependency: the credential's
    // plumbing, which on Container Apps can start a moment after the container at first start.
    pattern:
      /\bErrorCode: (?<code>managed_identity_(?:request_failed|unreachable_network))\b|\bManagedIdentityCredential(?: authentication failed)?: .{0,400}?(?:[Cc]onnection refused|actively refused it)/,
    keywords: ['managed_identity_request_failed', 'managed_identity_unreachable_network', 'managedidentitycredential'],
    unless: /Identity not found|has not been assigned to this resource/,
    context:
      /\b[Cc]onnection refused \((?<host>[\w.-]{1,100}):(?<port>\d{2,5})\)|\bdial tcp (?<host_2>[\w.-]{1,100}):(?<port_2>\d{2,5}): connect: connection refused/,
    confidence: 0.92,
    explanation:
      'The app asked the platform\'s managed identity endpoint (IDENTITY_ENDPOINT, a local address such as localhost:42356 or 12356) for a token and the connection was refused, so the Azure SDK call that needed the token (Key Vault, App Configuration, Storage) failed. At a container\'s first start the endpoint can come up a moment after the app; an init container, or an environment without managed identity support for it, sees the same. It is the credential\'s plumbing, not the service the app wanted.',
    actions: [
      'If the restarted replica is healthy, it was the endpoint starting late: retry the credential at start-up (the SDK\'s retry options, or a retry around the first token request) instead of letting the exception end the process.',
      {
        text: 'If it keeps failing, check the app has a managed identity assigned (IDENTITY_ENDPOINT is only set when it has one).',
        command: 'az containerapp identity show -n {app} -g {resourceGroup}',
      },
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.spring-keyvault-property-source',
    category: 'authentication-failure',
    title: 'Spring Cloud Azure could not load the Key Vault property source{ source}',
    // The starter reads the vault while the environment is prepared, before any bean: this headline is all
    // some logs keep. A cause line (unknown host, credential unavailable) matches its own, stronger rule;
    // without one, the credential the starter signs in with is the usual cause.
    pattern: /\bFailed to configure KeyVault property source(?: '(?<source>[\w.-]{1,100})')?/,
    keywords: ['failed to configure keyvault property source'],
    confidence: 0.62,
    explanation:
      'The Key Vault property source could not read the vault, so Spring stopped the app before it started. With managed identity that is usually the credential: the app has no identity, the client-id setting holds the identity\'s principal (object) id instead of its client id, the identity has no get and list on the vault\'s secrets, or a new spring-cloud-azure / azure-identity version signs in differently. Look for a "Caused by" line; a network error there is the network.',
    actions: [
      {
        text: 'See which identities the app has; the client-id setting (spring.cloud.azure.keyvault.secret.property-sources[0].credential.client-id, or AZURE_CLIENT_ID) must be the user-assigned identity\'s client id, not its principal id.',
        command: 'az containerapp identity show -n {app} -g {resourceGroup}',
      },
      ...ROLE_STEPS,
      {
        absent: ['dataRole'],
        text: 'Grant that identity Key Vault Secrets User on the vault (or get and list on secrets in an access policy).',
        command: "az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role 'Key Vault Secrets User' --scope <key-vault-id>",
      },
      'If it started with a new image (a spring-cloud-azure upgrade), move traffic back to the last healthy revision and pin the previous SDK version until the sign-in works.',
      'Turn on DEBUG logging for com.azure.identity and com.azure.spring to see the cause behind the headline.',
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.azure.openai-deployment-not-found',
    category: 'missing-configuration',
    title: 'Azure OpenAI has no deployment by the name in {envVar|the app\'s deployment setting}',
    // Azure OpenAI's 404 for a deployment name the resource does not have, as every SDK quotes it (the
    // service's sentence, .NET's "Status: 404 (DeploymentNotFound)", System.ClientModel's "HTTP 404 (:
    // DeploymentNotFound)"). The name comes from the app's deployment setting (a model name in its place is
    // the usual slip), or the deployment is not there yet. ARM's "DeploymentNotFound" for a template
    // deployment ("Deployment 'x' could not be found") is another service's and stays out.
    pattern: /\bThe API deployment for this resource does not exist\b|\b404 \((?:: ?)?DeploymentNotFound\)/,
    keywords: ['the api deployment for this resource', 'deploymentnotfound)'],
    confidence: 0.9,
    explanation:
      'The Azure OpenAI resource answered, but it has no deployment by the name in the request path: the app\'s deployment setting ({envVar|the deployment name variable}) holds a model name or a name from another resource, or the deployment was created moments before the request and had not propagated yet.',
    actions: [
      // Only when the rows do not name the variable already (v24 review, case 4: padding before the named step).
      { absent: ['envVar'], text: 'List the app\'s variables to find the one that names the deployment.', command: SHOW_ENV_NAMES },
      // The deployment name is not a secret: set it in place (a command here also keeps the generic
      // store-as-secret steps of a missing variable away).
      {
        needs: ['envVar'],
        decisive: true,
        text: 'Set {envVar} to the exact name of a deployment on that resource (Deployments in the Foundry portal), not the model name; replace <value> with it. A deployment created in the last few minutes needs no change: restart once it shows as succeeded.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=<value>',
      },
      {
        absent: ['envVar'],
        decisive: true,
        text: 'Set the app\'s deployment name setting to the exact name of a deployment on that resource (Deployments in the Foundry portal), not the model name; a new revision follows. A deployment created in the last few minutes needs no change: restart once it shows as succeeded.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.azure.amqp-blocking-read-timeout',
    category: 'dependency-unreachable',
    title: 'an Azure messaging client timed out waiting for Service Bus / Event Hubs {host|}',
    // Reactor's Mono.block(timeout) words, as the Java Service Bus and Event Hubs clients (EventProcessorClient,
    // ServiceBusSenderClient) report them when the AMQP link or connection never answered. Only in an Azure
    // SDK's rows: the same words under any other blocking call say nothing about a broker.
    pattern: /\bTimeout on blocking read for (?<timeout>\d{1,15} (?:NANOSECONDS|MILLISECONDS|SECONDS))\b/,
    keywords: ['timeout on blocking read'],
    context: /az\.sdk\.message|com\.azure\.(?:messaging|core\.amqp)|\.servicebus\.windows\.net/,
    requireContext: true,
    confidence: 0.8,
    explanation:
      'The client waited {timeout|its timeout} for the broker and got nothing: the AMQP connection to the namespace was lost or never recovered (a network drop, a firewall or NAT idling the connection out, the namespace throttling or failing over), and the processor or sender stopped making progress. A liveness probe that checks consumer progress then restarts the replica, which is why the probe failure follows.',
    actions: [
      'Check the network path from the environment to the namespace on 5671/5672 (or 443 with AMQP over WebSockets) and the namespace\'s health for that time.',
      'If the restarted replica is consuming again, it was a lost connection the client did not recover from: keep the liveness check on consumer progress and update the azure-messaging client library (several recovery fixes landed in recent versions).',
    ],
    links: [LINKS.networking],
  },
]);
