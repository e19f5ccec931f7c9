/**
 * Every `az` command a step may carry, with the flags it may use and the reference page they were
 * checked against. A test parses every command the app can emit and fails on a command or flag that is
 * not in this table, so a typo in a rule cannot reach an on-call engineer's terminal. The same table,
 * with the purpose of each command, is in docs/az-commands.md.
 */

export interface AzCommandSpec {
  /** The command path after `az`, e.g. `containerapp secret set`. */
  command: string;
  /** Long and short flags the app uses with it (all documented on `url`). */
  flags: readonly string[];
  /** The Azure CLI reference page of the command. */
  url: string;
  /** What the app uses it for. */
  purpose: string;
  /**
   * False for a command that rejects the global `--subscription` ("unrecognized arguments"): Microsoft Graph
   * commands (`az ad ...`) act on the tenant, not a subscription (Azure/azure-cli#23412). Every ARM command
   * takes it, and gets it when the subscription is known.
   */
  subscription?: false;
}

/** Global arguments every `az` command accepts. */
export const GLOBAL_FLAGS: readonly string[] = ['--subscription', '--output', '-o', '--query', '--only-show-errors'];

const CLI = 'https://learn.microsoft.com/cli/azure';
const APP = ['--name', '-n', '--resource-group', '-g'];

export const AZ_COMMANDS: readonly AzCommandSpec[] = [
  {
    command: 'containerapp update',
    flags: [...APP, '--container-name', '--set-env-vars', '--remove-env-vars', '--cpu', '--memory', '--image', '--min-replicas', '--max-replicas', '--command', '--args', '--yaml', '--secret-volume-mount'],
    url: `${CLI}/containerapp#az-containerapp-update`,
    purpose: 'set a variable (from a secret), resources or image on one container; mount the secrets as files (`--secret-volume-mount`); creates a new revision',
  },
  {
    command: 'containerapp show',
    flags: APP,
    url: `${CLI}/containerapp#az-containerapp-show`,
    purpose: "read the app's identity (principal id) and configuration",
  },
  {
    command: 'containerapp secret set',
    flags: [...APP, '--secrets', '-s'],
    url: `${CLI}/containerapp/secret#az-containerapp-secret-set`,
    purpose: 'create or update an app secret',
  },
  {
    command: 'containerapp secret list',
    flags: [...APP, '--show-values'],
    url: `${CLI}/containerapp/secret#az-containerapp-secret-list`,
    purpose: 'list the secret names the app defines (values only with `--show-values`, to read a value a change would replace)',
  },
  {
    command: 'containerapp ingress update',
    flags: [...APP, '--target-port', '--transport', '--exposed-port'],
    url: `${CLI}/containerapp/ingress#az-containerapp-ingress-update`,
    purpose: 'point ingress (and the default probes) at the port the app listens on; TCP ingress (`--transport tcp --exposed-port`) for a plain TCP service such as a cache or a broker',
  },
  {
    command: 'containerapp ingress show',
    flags: APP,
    url: `${CLI}/containerapp/ingress#az-containerapp-ingress-show`,
    purpose: 'read the ingress target port',
  },
  {
    command: 'containerapp ingress traffic set',
    flags: [...APP, '--revision-weight'],
    url: `${CLI}/containerapp/ingress/traffic#az-containerapp-ingress-traffic-set`,
    purpose: 'roll back: send all traffic to the last healthy revision (multiple-revision mode)',
  },
  {
    command: 'containerapp revision list',
    flags: [...APP, '--all'],
    url: `${CLI}/containerapp/revision#az-containerapp-revision-list`,
    purpose: 'check which revisions are active, healthy and receive traffic',
  },
  {
    command: 'containerapp revision show',
    flags: [...APP, '--revision'],
    url: `${CLI}/containerapp/revision#az-containerapp-revision-show`,
    purpose: "read a revision's template (the env a change removed is still in the healthy revision's)",
  },
  {
    command: 'containerapp revision activate',
    flags: [...APP, '--revision'],
    url: `${CLI}/containerapp/revision#az-containerapp-revision-activate`,
    purpose: 'roll back: re-activate the last healthy revision',
  },
  {
    command: 'containerapp revision deactivate',
    flags: [...APP, '--revision'],
    url: `${CLI}/containerapp/revision#az-containerapp-revision-deactivate`,
    purpose: 'stop a failing revision that stays active beside the healthy one (multiple-revision mode)',
  },
  {
    command: 'containerapp revision copy',
    flags: [...APP, '--from-revision'],
    url: `${CLI}/containerapp/revision#az-containerapp-revision-copy`,
    purpose: "roll back in single-revision mode: a new revision from the healthy revision's template",
  },
  {
    command: 'containerapp revision restart',
    flags: [...APP, '--revision'],
    url: `${CLI}/containerapp/revision#az-containerapp-revision-restart`,
    purpose: 'restart a revision after a fix outside the app (a role, a firewall rule, a secret value)',
  },
  {
    command: 'containerapp logs show',
    flags: [...APP, '--type', '--revision', '--replica', '--container', '--tail', '--follow', '--format'],
    url: `${CLI}/containerapp/logs#az-containerapp-logs-show`,
    purpose: 'watch the system or console log of the revision while checking a fix',
  },
  {
    command: 'containerapp registry set',
    flags: [...APP, '--server', '--identity', '--username', '--password'],
    url: `${CLI}/containerapp/registry#az-containerapp-registry-set`,
    purpose: 'make the app pull from a registry with its managed identity',
  },
  {
    command: 'containerapp registry list',
    flags: APP,
    url: `${CLI}/containerapp/registry#az-containerapp-registry-list`,
    purpose: "list the app's registry entries (server, identity or username) to see how it pulls",
  },
  {
    command: 'containerapp job registry list',
    flags: APP,
    url: `${CLI}/containerapp/job/registry#az-containerapp-job-registry-list`,
    purpose: "the job form of `containerapp registry list`",
  },
  {
    command: 'keyvault secret show',
    flags: ['--id', '--vault-name', '--name', '-n'],
    url: `${CLI}/keyvault/secret#az-keyvault-secret-show`,
    purpose: 'check that the Key Vault secret a Container Apps secret references exists at that URL',
  },
  {
    command: 'role assignment create',
    flags: ['--assignee-object-id', '--assignee-principal-type', '--role', '--scope'],
    url: `${CLI}/role/assignment#az-role-assignment-create`,
    purpose: "grant the app's identity a role (AcrPull on the registry)",
  },
  {
    command: 'acr show',
    flags: ['--name', '-n'],
    url: `${CLI}/acr#az-acr-show`,
    purpose: "the registry's resource id, as the scope of a role assignment",
  },
  {
    command: 'acr credential show',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/acr/credential#az-acr-credential-show`,
    purpose: "read a registry's admin password where the app pulls with its admin user name and password",
  },
  {
    command: 'acr repository show-tags',
    flags: ['--name', '-n', '--repository'],
    url: `${CLI}/acr/repository#az-acr-repository-show-tags`,
    purpose: 'check that the image tag exists in the registry',
  },
  {
    command: 'containerapp identity show',
    flags: APP,
    url: `${CLI}/containerapp/identity#az-containerapp-identity-show`,
    purpose: 'see which managed identities (system-assigned, user-assigned) the app has',
  },
  {
    command: 'containerapp identity assign',
    flags: [...APP, '--user-assigned', '--system-assigned'],
    url: `${CLI}/containerapp/identity#az-containerapp-identity-assign`,
    purpose: 'assign a user-assigned (or the system-assigned) identity to the app',
  },
  {
    command: 'containerapp env workload-profile update',
    flags: [...APP, '--workload-profile-name', '--min-nodes', '--max-nodes'],
    url: `${CLI}/containerapp/env/workload-profile#az-containerapp-env-workload-profile-update`,
    purpose: "raise a dedicated workload profile's maximum node count",
  },
  {
    command: 'containerapp job update',
    flags: [...APP, '--container-name', '--set-env-vars', '--remove-env-vars', '--cpu', '--memory', '--image', '--replica-timeout', '--command', '--args', '--yaml', '--parallelism'],
    url: `${CLI}/containerapp/job#az-containerapp-job-update`,
    purpose: 'the job form of `containerapp update`; also the replica timeout and the parallelism (replicas per execution) of its executions',
  },
  {
    command: 'containerapp job show',
    flags: APP,
    url: `${CLI}/containerapp/job#az-containerapp-job-show`,
    purpose: "the job form of `containerapp show`",
  },
  {
    command: 'containerapp job start',
    flags: APP,
    url: `${CLI}/containerapp/job#az-containerapp-job-start`,
    purpose: 'start a new execution of a job (a job has executions, not revisions to restart)',
  },
  {
    command: 'appconfig show',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/appconfig#az-appconfig-show`,
    purpose: "an App Configuration store's resource id, the scope of the data role its callers need",
  },
  {
    command: 'storage account keys list',
    flags: ['--account-name', '-n', '--resource-group', '-g'],
    url: `${CLI}/storage/account/keys#az-storage-account-keys-list`,
    purpose: "a storage account's current key, read inside the `env storage set` that puts it into the environment storage (never printed)",
  },
  {
    command: 'containerapp job logs show',
    flags: [...APP, '--container', '--execution', '--replica', '--tail', '--follow', '--format'],
    url: `${CLI}/containerapp/job/logs#az-containerapp-job-logs-show`,
    purpose: "the job form of `containerapp logs show`: one execution's console (a job has no revisions)",
  },
  {
    command: 'containerapp job secret set',
    flags: [...APP, '--secrets', '-s'],
    url: `${CLI}/containerapp/job/secret#az-containerapp-job-secret-set`,
    purpose: 'the job form of `containerapp secret set`',
  },
  {
    command: 'containerapp job secret list',
    flags: [...APP, '--show-values'],
    url: `${CLI}/containerapp/job/secret#az-containerapp-job-secret-list`,
    purpose: 'the job form of `containerapp secret list`',
  },
  {
    command: 'containerapp job identity show',
    flags: APP,
    url: `${CLI}/containerapp/job/identity#az-containerapp-job-identity-show`,
    purpose: 'the job form of `containerapp identity show`',
  },
  {
    command: 'containerapp job identity assign',
    flags: [...APP, '--user-assigned', '--system-assigned'],
    url: `${CLI}/containerapp/job/identity#az-containerapp-job-identity-assign`,
    purpose: 'the job form of `containerapp identity assign`',
  },
  {
    command: 'containerapp job execution list',
    flags: APP,
    url: `${CLI}/containerapp/job/execution#az-containerapp-job-execution-list`,
    purpose: "check the job's executions after a fix",
  },
  {
    command: 'resource list',
    flags: ['--name', '-n', '--resource-type'],
    url: `${CLI}/resource#az-resource-list`,
    purpose: 'the resource id of a resource known by name (the scope of a role assignment)',
  },
  {
    command: 'containerapp env show',
    flags: APP,
    url: `${CLI}/containerapp/env#az-containerapp-env-show`,
    purpose: "read the environment's infrastructure subnet (the VNet path to a private dependency)",
  },
  {
    command: 'network vnet subnet show',
    flags: ['--ids'],
    url: `${CLI}/network/vnet/subnet#az-network-vnet-subnet-show`,
    purpose: 'read the network security group and route table on a subnet',
  },
  {
    command: 'network nic list',
    flags: ['--resource-group', '-g'],
    url: `${CLI}/network/nic#az-network-nic-list`,
    purpose: 'find the network interface (a VM, a private endpoint) that holds a private address a dependency refused on',
  },
  {
    command: 'network private-dns link vnet list',
    flags: ['--resource-group', '-g', '--zone-name', '-z'],
    url: `${CLI}/network/private-dns/link/vnet#az-network-private-dns-link-vnet-list`,
    purpose: "check that a private endpoint's DNS zone is linked to the environment's VNet",
  },
  {
    command: 'containerapp env storage set',
    flags: [...APP, '--storage-name', '--azure-file-account-name', '--azure-file-account-key', '--azure-file-share-name', '--access-mode'],
    url: `${CLI}/containerapp/env/storage#az-containerapp-env-storage-set`,
    purpose: "update an environment's Azure Files storage (a rotated account key)",
  },
  {
    command: 'acr network-rule add',
    flags: ['--name', '-n', '--resource-group', '-g', '--ip-address'],
    url: `${CLI}/acr/network-rule#az-acr-network-rule-add`,
    purpose: "admit the environment's outbound address through the registry's firewall",
  },
  {
    command: 'containerapp env storage show',
    flags: [...APP, '--storage-name'],
    url: `${CLI}/containerapp/env/storage#az-containerapp-env-storage-show`,
    purpose: "read an environment storage definition (account, share, access mode) behind a volume that failed to mount",
  },
  {
    command: 'network private-dns link vnet create',
    flags: ['--resource-group', '-g', '--zone-name', '-z', '--name', '-n', '--virtual-network', '-v', '--registration-enabled', '-e'],
    url: `${CLI}/network/private-dns/link/vnet#az-network-private-dns-link-vnet-create`,
    purpose: "link a private endpoint's DNS zone to the environment's VNet",
  },
  {
    command: 'eventhubs eventhub consumer-group create',
    flags: ['--resource-group', '-g', '--namespace-name', '--eventhub-name', '--name', '-n'],
    url: `${CLI}/eventhubs/eventhub/consumer-group#az-eventhubs-eventhub-consumer-group-create`,
    purpose: "create the consumer group an Event Hubs client reads with",
  },
  {
    command: 'containerapp dapr enable',
    flags: [...APP, '--dapr-app-id', '--dapr-app-port', '--dapr-log-level'],
    url: `${CLI}/containerapp/dapr#az-containerapp-dapr-enable`,
    purpose: "set the port the Dapr sidecar calls the app on, or raise its log level",
  },
  {
    command: 'postgres flexible-server firewall-rule create',
    flags: ['--resource-group', '-g', '--name', '-n', '--rule-name', '--start-ip-address', '--end-ip-address'],
    url: `${CLI}/postgres/flexible-server/firewall-rule#az-postgres-flexible-server-firewall-rule-create`,
    purpose: "admit the app's outbound address through a PostgreSQL flexible server's firewall (`-n` is the server)",
  },
  {
    command: 'mysql flexible-server firewall-rule create',
    flags: ['--resource-group', '-g', '--name', '-n', '--rule-name', '--start-ip-address', '--end-ip-address'],
    url: `${CLI}/mysql/flexible-server/firewall-rule#az-mysql-flexible-server-firewall-rule-create`,
    purpose: "admit the app's outbound address through a MySQL flexible server's firewall (`-n` is the server)",
  },
  {
    command: 'sql server firewall-rule create',
    flags: ['--resource-group', '-g', '--server', '-s', '--name', '-n', '--start-ip-address', '--end-ip-address'],
    url: `${CLI}/sql/server/firewall-rule#az-sql-server-firewall-rule-create`,
    purpose: "admit the app's outbound address through an Azure SQL server's firewall",
  },
  {
    command: 'redis firewall-rules create',
    flags: ['--resource-group', '-g', '--name', '-n', '--rule-name', '--start-ip', '--end-ip'],
    url: `${CLI}/redis/firewall-rules#az-redis-firewall-rules-create`,
    purpose: "admit the app's outbound address through an Azure Cache for Redis firewall",
  },
  {
    command: 'storage share-rm show',
    flags: ['--storage-account', '--name', '-n', '--resource-group', '-g', '--expand'],
    url: `${CLI}/storage/share-rm#az-storage-share-rm-show`,
    purpose: "read an Azure Files share's quota and, with `--expand stats`, its usage (shareUsageBytes), for a volume whose writes fail with no space left",
  },
  {
    command: 'storage share-rm update',
    flags: ['--storage-account', '--name', '-n', '--resource-group', '-g', '--quota', '--root-squash'],
    url: `${CLI}/storage/share-rm#az-storage-share-rm-update`,
    purpose: 'raise the quota (size in GiB) of the Azure Files share behind a volume that is full, or turn off root squash on an NFS share that refuses chown',
  },
  {
    command: 'storage account network-rule add',
    flags: ['--resource-group', '-g', '--account-name', '--ip-address', '--subnet', '--vnet-name'],
    url: `${CLI}/storage/account/network-rule#az-storage-account-network-rule-add`,
    purpose: "admit the app's outbound address (or the environment's infrastructure subnet, for an Azure Files mount) through a storage account's network rules",
  },
  {
    command: 'keyvault network-rule add',
    flags: ['--resource-group', '-g', '--name', '-n', '--ip-address'],
    url: `${CLI}/keyvault/network-rule#az-keyvault-network-rule-add`,
    purpose: "admit the app's outbound address through a key vault's network rules",
  },
  {
    command: 'servicebus namespace network-rule-set ip-rule add',
    flags: ['--resource-group', '-g', '--namespace-name', '--ip-rule'],
    url: `${CLI}/servicebus/namespace/network-rule-set/ip-rule#az-servicebus-namespace-network-rule-set-ip-rule-add`,
    purpose: "admit the app's outbound address through a Service Bus namespace's IP rules",
  },
  {
    command: 'eventhubs namespace network-rule-set ip-rule add',
    flags: ['--resource-group', '-g', '--namespace-name', '--ip-rule'],
    url: `${CLI}/eventhubs/namespace/network-rule-set/ip-rule#az-eventhubs-namespace-network-rule-set-ip-rule-add`,
    purpose: "admit the app's outbound address through an Event Hubs namespace's IP rules",
  },
  {
    command: 'cosmosdb show',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/cosmosdb#az-cosmosdb-show`,
    purpose: "read a Cosmos DB account's IP firewall entries before adding one (`cosmosdb update --ip-range-filter` replaces the list), or its public network access and private endpoints when the app cannot reach it",
  },
  {
    command: 'redis show',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/redis#az-redis-show`,
    purpose: "read an Azure Cache for Redis's host, TLS port, public network access and private endpoints when the app cannot reach it",
  },
  {
    command: 'sql server firewall-rule list',
    flags: ['--resource-group', '-g', '--server', '-s'],
    url: `${CLI}/sql/server/firewall-rule#az-sql-server-firewall-rule-list`,
    purpose: "list an Azure SQL server's firewall rules (AllowAllWindowsAzureIps, the app's outbound addresses) when the app cannot reach it",
  },
  {
    command: 'sql db show',
    flags: ['--resource-group', '-g', '--server', '-s', '--name', '-n'],
    url: `${CLI}/sql/db#az-sql-db-show`,
    purpose: 'read whether a serverless database is paused (status) when the first login times out',
  },
  {
    command: 'mysql flexible-server show',
    flags: ['--resource-group', '-g', '--name', '-n'],
    url: `${CLI}/mysql/flexible-server#az-mysql-flexible-server-show`,
    purpose: "read a MySQL flexible server's network settings (public access or a delegated subnet) when the app cannot reach it",
  },
  {
    command: 'postgres flexible-server show',
    flags: ['--resource-group', '-g', '--name', '-n'],
    url: `${CLI}/postgres/flexible-server#az-postgres-flexible-server-show`,
    purpose: "read a PostgreSQL flexible server's network settings (public access or a delegated subnet) when the app cannot reach it",
  },
  {
    command: 'cosmosdb sql role assignment create',
    flags: ['--account-name', '-a', '--resource-group', '-g', '--role-definition-id', '-d', '--principal-id', '-p', '--scope', '-s'],
    url: `${CLI}/cosmosdb/sql/role/assignment#az-cosmosdb-sql-role-assignment-create`,
    purpose: "grant an identity a Cosmos DB data-plane role (Built-in Data Reader/Contributor) on the account",
  },
  {
    command: 'containerapp job registry set',
    flags: [...APP, '--server', '--identity', '--username', '--password'],
    url: `${CLI}/containerapp/job/registry#az-containerapp-job-registry-set`,
    purpose: 'the job form of `containerapp registry set`: pull from a registry with a managed identity',
  },
  {
    command: 'identity show',
    flags: ['--ids', '--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/identity#az-identity-show`,
    purpose: "a user-assigned identity's principal id (the assignee of a role), from its resource id",
  },
  {
    command: 'identity list',
    flags: ['--resource-group', '-g'],
    url: `${CLI}/identity#az-identity-list`,
    purpose: "a user-assigned identity's principal id found by name when only its name is known",
  },
  {
    command: 'containerapp env list-usages',
    flags: APP,
    url: `${CLI}/containerapp/env#az-containerapp-env-list-usages`,
    purpose: "the environment's core usage against its quota",
  },
  {
    command: 'containerapp job create',
    flags: [...APP, '--environment', '--trigger-type', '--cron-expression', '--image', '--cpu', '--memory', '--replica-timeout', '--replica-retry-limit', '--min-executions', '--max-executions', '--polling-interval', '--scale-rule-name', '--scale-rule-type', '--scale-rule-metadata', '--scale-rule-auth', '--registry-server', '--registry-identity', '--mi-system-assigned', '--registry-username', '--registry-password'],
    url: `${CLI}/containerapp/job#az-containerapp-job-create`,
    purpose: 'run work that finishes as a scheduled or event-triggered job instead of an app',
  },
  {
    command: 'ad sp show',
    subscription: false,
    flags: ['--id'],
    url: `${CLI}/ad/sp#az-ad-sp-show`,
    purpose: "a managed identity's principal (object) id found by its client id (the assignee of a role for the identity a client-id variable names)",
  },
  {
    command: 'ad app credential reset',
    subscription: false,
    flags: ['--id', '--append', '--years', '--display-name'],
    url: `${CLI}/ad/app/credential#az-ad-app-credential-reset`,
    purpose: "create a new client secret for an app registration whose secret expired (--append keeps the others; prints the new value)",
  },
  {
    command: 'acr import',
    flags: ['--name', '-n', '--source', '--image', '-t', '--username', '-u', '--password', '-p'],
    url: `${CLI}/acr#az-acr-import`,
    purpose: 'copy a public image (Docker Hub) into your own registry, so pulls no longer count against Docker Hub rate limits',
  },
  {
    command: 'containerapp env dapr-component show',
    flags: [...APP, '--dapr-component-name'],
    url: `${CLI}/containerapp/env/dapr-component#az-containerapp-env-dapr-component-show`,
    purpose: "read a Dapr component's metadata, secret references and scopes",
  },
  {
    command: 'acr replication create',
    flags: ['--registry', '-r', '--location', '-l'],
    url: `${CLI}/acr/replication#az-acr-replication-create`,
    purpose: "add a geo-replica of a Premium registry in the environment's region, so large pulls stay close",
  },
  {
    command: 'keyvault set-policy',
    flags: ['--name', '-n', '--resource-group', '-g', '--object-id', '--secret-permissions', '--key-permissions', '--certificate-permissions'],
    url: `${CLI}/keyvault#az-keyvault-set-policy`,
    purpose: "give an identity an access policy on a key vault that uses access policies (not Azure RBAC)",
  },
  {
    command: 'keyvault show',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/keyvault#az-keyvault-show`,
    purpose: 'read whether a key vault uses Azure RBAC or access policies (properties.enableRbacAuthorization)',
  },
  {
    command: 'ad app federated-credential list',
    subscription: false,
    flags: ['--id'],
    url: `${CLI}/ad/app/federated-credential#az-ad-app-federated-credential-list`,
    purpose: "list an app registration's federated identity credentials (issuer, subject, audiences)",
  },
  {
    command: 'ad app federated-credential create',
    subscription: false,
    flags: ['--id', '--parameters'],
    url: `${CLI}/ad/app/federated-credential#az-ad-app-federated-credential-create`,
    purpose: 'add a federated identity credential whose subject matches the token the workload presents',
  },
  {
    command: 'ad app federated-credential update',
    subscription: false,
    flags: ['--id', '--federated-credential-id', '--parameters'],
    url: `${CLI}/ad/app/federated-credential#az-ad-app-federated-credential-update`,
    purpose: 'correct the subject, issuer or audience of a federated identity credential',
  },
  {
    command: 'cosmosdb mongocluster firewall rule create',
    flags: ['--resource-group', '-g', '--cluster-name', '--rule-name', '--start-ip-address', '--end-ip-address'],
    url: `${CLI}/cosmosdb/mongocluster/firewall/rule#az-cosmosdb-mongocluster-firewall-rule-create`,
    purpose: "admit the app's outbound address through an Azure Cosmos DB for MongoDB (vCore) cluster's firewall (cosmosdb-preview extension)",
  },
  {
    command: 'redis firewall-rules list',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/redis/firewall-rules#az-redis-firewall-rules-list`,
    purpose: "list an Azure Cache for Redis's firewall rules, to compare with the app's outbound addresses when it refused or did not answer",
  },
  {
    command: 'postgres flexible-server firewall-rule list',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/postgres/flexible-server/firewall-rule#az-postgres-flexible-server-firewall-rule-list`,
    purpose: "list a PostgreSQL flexible server's firewall rules (`-n` is the server), to compare with the app's outbound addresses",
  },
  {
    command: 'mysql flexible-server firewall-rule list',
    flags: ['--name', '-n', '--resource-group', '-g'],
    url: `${CLI}/mysql/flexible-server/firewall-rule#az-mysql-flexible-server-firewall-rule-list`,
    purpose: "list a MySQL flexible server's firewall rules (`-n` is the server), to compare with the app's outbound addresses",
  },
  {
    command: 'cognitiveservices account deployment show',
    flags: ['--name', '-n', '--resource-group', '-g', '--deployment-name'],
    url: `${CLI}/cognitiveservices/account/deployment#az-cognitiveservices-account-deployment-show`,
    purpose: "read an Azure OpenAI deployment's model and capacity (`sku.capacity`) when it throttled the app",
  },
  {
    command: 'cognitiveservices account deployment create',
    flags: ['--name', '-n', '--resource-group', '-g', '--deployment-name', '--model-format', '--model-name', '--model-version', '--sku-name', '--sku-capacity'],
    url: `${CLI}/cognitiveservices/account/deployment#az-cognitiveservices-account-deployment-create`,
    purpose: "set an Azure OpenAI deployment's capacity (`--sku-capacity`; on the deployment's own name it replaces its settings, so model, version and SKU are kept)",
  },
  {
    command: 'monitor metrics list',
    flags: ['--resource', '--resource-group', '-g', '--resource-type', '--metrics', '--aggregation', '--interval', '--offset', '--dimension'],
    url: `${CLI}/monitor/metrics#az-monitor-metrics-list`,
    purpose: "read the app's memory working set (WorkingSetBytes, per revision) against its limit before a kill",
  },
  {
    command: 'containerapp env dapr-component list',
    flags: APP,
    url: `${CLI}/containerapp/env/dapr-component#az-containerapp-env-dapr-component-list`,
    purpose: "list the environment's Dapr components, when the rows name none",
  },
  {
    command: 'containerapp env dapr-component set',
    flags: [...APP, '--dapr-component-name', '--yaml'],
    url: `${CLI}/containerapp/env/dapr-component#az-containerapp-env-dapr-component-set`,
    purpose: "apply a Dapr component's edited YAML (its initTimeout, its metadata)",
  },
  {
    command: 'servicebus topic authorization-rule create',
    flags: ['--resource-group', '-g', '--namespace-name', '--topic-name', '--name', '-n', '--rights'],
    url: `${CLI}/servicebus/topic/authorization-rule#az-servicebus-topic-authorization-rule-create`,
    purpose: 'a shared access policy with the right (Send, Listen) a refusal names, on the topic it names',
  },
  {
    command: 'servicebus topic authorization-rule keys list',
    flags: ['--resource-group', '-g', '--namespace-name', '--topic-name', '--name', '-n'],
    url: `${CLI}/servicebus/topic/authorization-rule/keys#az-servicebus-topic-authorization-rule-keys-list`,
    purpose: "that policy's connection string, read inside the secret set command (never printed)",
  },
  {
    command: 'servicebus queue authorization-rule create',
    flags: ['--resource-group', '-g', '--namespace-name', '--queue-name', '--name', '-n', '--rights'],
    url: `${CLI}/servicebus/queue/authorization-rule#az-servicebus-queue-authorization-rule-create`,
    purpose: 'the queue form of `servicebus topic authorization-rule create`',
  },
  {
    command: 'servicebus queue authorization-rule keys list',
    flags: ['--resource-group', '-g', '--namespace-name', '--queue-name', '--name', '-n'],
    url: `${CLI}/servicebus/queue/authorization-rule/keys#az-servicebus-queue-authorization-rule-keys-list`,
    purpose: 'the queue form of `servicebus topic authorization-rule keys list`',
  },
  {
    command: 'eventhubs eventhub authorization-rule create',
    flags: ['--resource-group', '-g', '--namespace-name', '--eventhub-name', '--name', '-n', '--rights'],
    url: `${CLI}/eventhubs/eventhub/authorization-rule#az-eventhubs-eventhub-authorization-rule-create`,
    purpose: 'the Event Hubs form: a shared access policy with the right a refusal names, on the event hub',
  },
  {
    command: 'eventhubs eventhub authorization-rule keys list',
    flags: ['--resource-group', '-g', '--namespace-name', '--eventhub-name', '--name', '-n'],
    url: `${CLI}/eventhubs/eventhub/authorization-rule/keys#az-eventhubs-eventhub-authorization-rule-keys-list`,
    purpose: "that policy's connection string, read inside the secret set command (never printed)",
  },
  {
    command: 'servicebus namespace authorization-rule create',
    flags: ['--resource-group', '-g', '--namespace-name', '--name', '-n', '--rights'],
    url: `${CLI}/servicebus/namespace/authorization-rule#az-servicebus-namespace-authorization-rule-create`,
    purpose: 'a namespace-level shared access policy with the right a refusal names (Manage comes with Send and Listen)',
  },
  {
    command: 'servicebus namespace authorization-rule keys list',
    flags: ['--resource-group', '-g', '--namespace-name', '--name', '-n'],
    url: `${CLI}/servicebus/namespace/authorization-rule/keys#az-servicebus-namespace-authorization-rule-keys-list`,
    purpose: "that policy's connection string, read inside the secret set command (never printed)",
  },
  {
    command: 'eventhubs namespace authorization-rule create',
    flags: ['--resource-group', '-g', '--namespace-name', '--name', '-n', '--rights'],
    url: `${CLI}/eventhubs/namespace/authorization-rule#az-eventhubs-namespace-authorization-rule-create`,
    purpose: 'the Event Hubs form of `servicebus namespace authorization-rule create`',
  },
  {
    command: 'eventhubs namespace authorization-rule keys list',
    flags: ['--resource-group', '-g', '--namespace-name', '--name', '-n'],
    url: `${CLI}/eventhubs/namespace/authorization-rule/keys#az-eventhubs-namespace-authorization-rule-keys-list`,
    purpose: "that policy's connection string, read inside the secret set command (never printed)",
  },
  {
    command: 'cosmosdb keys list',
    flags: ['--name', '-n', '--resource-group', '-g', '--type'],
    url: `${CLI}/cosmosdb/keys#az-cosmosdb-keys-list`,
    purpose: "a Cosmos DB account's key (or connection string, `--type connection-strings`), read inside the secret set command (never printed) when the endpoint moved to that account",
  },
];

/** The command paths a job target uses instead of the app's; an app command without one has no job form. */
export const JOB_FORMS: Readonly<Record<string, string>> = {
  'containerapp update': 'containerapp job update',
  'containerapp show': 'containerapp job show',
  'containerapp secret set': 'containerapp job secret set',
  'containerapp revision list': 'containerapp job execution list',
  'containerapp secret list': 'containerapp job secret list',
  'containerapp identity show': 'containerapp job identity show',
  'containerapp identity assign': 'containerapp job identity assign',
  'containerapp registry set': 'containerapp job registry set',
  'containerapp registry list': 'containerapp job registry list',
};

export function commandSpec(path: string): AzCommandSpec | undefined {
  return AZ_COMMANDS.find((c) => c.command === path);
}

/**
 * Whether an `az` command line (its first command, the outer one) accepts `--subscription`: the spec's
 * fact for the longest known command path it starts with; a command not in the table is taken as ARM
 * unless it is a Graph one (`az ad ...`), which never takes it.
 */
export function acceptsSubscription(line: string): boolean {
  if (!line.startsWith('az ')) return false;
  const spec = AZ_COMMANDS.filter((c) => line.startsWith(`az ${c.command} `) || line === `az ${c.command}`)
    .sort((a, b) => b.command.length - a.command.length)[0];
  if (spec) return spec.subscription !== false;
  return !line.startsWith('az ad ');
}
