/**
 * Issue #11, eleventh review: "partly" because a step asked for an action Azure has a command for and gave
 * none (or only a `show`). Each class gets its command with the app's own names: the restart after a
 * secret change (a job's new execution), the system-assigned identity for an app with none, the variable a
 * step says to set, the principal id a refusal prints, a dedicated profile's node maximum. Near misses
 * keep their steps.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { prefixedVar } from '../../src/classify/steps/missingCommands';
import type { AppConfig } from '../../src/model';

const SUB = '3c9e1f20-6a4b-4d8c-9e7f-0a1b2c3d4e5f';
const app = appFixtures({
  app: 'alert-relay', resourceGroup: 'rg-ops', subscriptionId: SUB, t0: Date.parse('2026-12-20T02:00:00Z'),
  revision: 'alert-relay--0000006', replica: 'alert-relay--0000006-5c7d9f8b6-x2k4p',
  container: { name: 'alert-relay', image: 'opsacr.azurecr.io/alert-relay:2.0.0', cpu: 0.25, memory: '0.5Gi', env: [{ name: 'SERVICEBUS_CONNECTION_STRING', secretRef: 'alert-sb', hasValue: false }], probes: [] },
});
const job = appFixtures({
  app: 'thumb-batch', resourceGroup: 'rg-media', subscriptionId: SUB, t0: Date.parse('2026-12-20T02:00:00Z'),
  replica: 'thumb-batch-x7k2p-9zq4r',
  container: { name: 'thumb-batch', image: 'mediaacr.azurecr.io/thumb-batch:1.1.0', cpu: 1, memory: '2Gi', env: [{ name: 'AZURE_STORAGE_CONNECTION_STRING', secretRef: 'media-conn', hasValue: false }], probes: [] },
});
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');

describe('a restart the step asks for carries its command', () => {
  it('a secret to fix, then restart: the revision restart with the app and revision names', () => {
    // https://github.com/Azure/azure-sdk-for-js/blob/main/sdk/servicebus/service-bus/src/util/connectionStringUtils.ts ("Connection string should have the Endpoint")
    const { target, config, exit, line } = app;
    const f = primary({ system: [exit(1)], console: [line('Error: Connection string should have the Endpoint.')], target: target(), config: config({ secrets: [{ name: 'alert-sb' }] }) });
    expect(all(f)).toContain('az containerapp secret set -n alert-relay -g rg-ops --secrets alert-sb=<value>');
    expect(all(f)).toContain(`az containerapp revision restart -n alert-relay -g rg-ops --revision alert-relay--0000006 --subscription ${SUB}`);
    const cmds = commands(f);
    expect(cmds.findIndex((c) => c.includes('revision restart'))).toBeGreaterThan(cmds.findIndex((c) => c.includes('secret set')));
    expectValidCommands(f);
  });

  it('a job gets a new execution instead (jobs have no revisions)', () => {
    // https://github.com/Azure/azure-sdk-for-python/blob/main/sdk/storage/azure-storage-blob/azure/storage/blob/_shared/base_client.py ("Connection string missing required connection details.")
    const { target, config, line } = job;
    const f = primary({
      system: [], console: [line('ValueError: Connection string missing required connection details.')],
      target: target({ kind: 'job' }), config: config({ kind: 'job', secrets: [{ name: 'media-conn' }] }),
    });
    expect(all(f)).toContain('az containerapp job secret set -n thumb-batch -g rg-media --secrets media-conn=<value>');
    expect(all(f)).toContain(`az containerapp job start -n thumb-batch -g rg-media --subscription ${SUB}`);
    expect(all(f)).not.toContain('revision restart');
    expectValidCommands(f);
  });
});

describe('an app with no managed identity gets one assigned', () => {
  const kv = (t: number) => [
    app.line('Unhandled exception. Azure.Identity.CredentialUnavailableException: No managed identity endpoint found.', t),
    app.line('   at Azure.Identity.ManagedIdentityCredential.GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)', t),
    app.line('Loading configuration from Key Vault https://kv-relay-prod.vault.azure.net/', t - 1),
  ];

  it('"No managed identity endpoint found": identity assign, then the role to its principal id', () => {
    // https://github.com/Azure/azure-sdk-for-net/issues/24767 ("No managed identity endpoint found")
    const { target, config, exit } = app;
    const f = primary({ system: [exit(134)], console: kv(0), target: target(), config: config({}, { env: [] }) });
    const assign = commands(f).find((c) => c.includes('identity assign'));
    expect(assign).toBe(`az containerapp identity assign -n alert-relay -g rg-ops --system-assigned --subscription ${SUB}`);
    const role = commands(f).find((c) => c.startsWith('az role assignment create'));
    expect(role).toContain('--assignee-object-id $(az containerapp show -n alert-relay -g rg-ops --query identity.principalId -o tsv');
    expect(role).not.toContain('<principal-id>');
    expect(commands(f).indexOf(assign!)).toBeLessThan(commands(f).indexOf(role!));
    expectValidCommands(f);
  });

  it('a job gets the job form', () => {
    // https://github.com/Azure/azure-sdk-for-js/issues/26371 ("The managed identity endpoint is indicating there's no available identity")
    const { target, config, line } = job;
    const f = primary({
      system: [], console: [line("CredentialUnavailableError: ManagedIdentityCredential: The managed identity endpoint is indicating there's no available identity. Message: undefined Status code: 400")],
      target: target({ kind: 'job' }), config: config({ kind: 'job' }, { env: [] }),
    });
    expect(all(f)).toContain(`az containerapp job identity assign -n thumb-batch -g rg-media --system-assigned --subscription ${SUB}`);
    expectValidCommands(f);
  });

  it('near miss: an app that selects a user-assigned identity (AZURE_CLIENT_ID) is not told to assign the system one', () => {
    const { target, config, exit } = app;
    const f = primary({ system: [exit(134)], console: kv(0), target: target(), config: config({}, { env: [{ name: 'AZURE_CLIENT_ID', hasValue: true }] }) });
    expect(all(f)).not.toContain('--system-assigned');
  });

  it('near miss: the configuration shows a system-assigned identity', () => {
    const { target, config, exit } = app;
    const f = primary({ system: [exit(134)], console: kv(0), target: target(), config: config({ identity: { type: 'SystemAssigned' } }, { env: [] }) });
    expect(all(f)).not.toContain('identity assign');
  });
});

describe('a variable the step says to set gets the update that sets it', () => {
  it('Keycloak over plain HTTP: the variables the step names, with their values', () => {
    // https://www.keycloak.org/server/configuration-production ("Key material not provided to setup HTTPS")
    const { target, config, line } = appFixtures({
      app: 'keycloak', resourceGroup: 'rg-auth', subscriptionId: SUB, t0: Date.parse('2026-12-20T02:00:00Z'),
      container: { name: 'keycloak', image: 'quay.io/keycloak/keycloak:26.0.5', cpu: 1, memory: '2Gi', env: [], probes: [] },
    });
    const f = primary({ system: [], console: [line('ERROR: Key material not provided to setup HTTPS. Please configure your keys/certificates or start the server in development mode.')], target: target(), config: config() });
    expect(all(f)).toContain('az containerapp update -n keycloak -g rg-auth --container-name keycloak --set-env-vars KC_HTTP_ENABLED=true KC_PROXY_HEADERS=xforwarded KC_HOSTNAME=<value>');
    expectValidCommands(f);
  });

  it('a setting the app names, mapped through the prefix the container\'s variables share', () => {
    // https://github.com/keycloak/keycloak/issues/29437 ("Strict hostname resolution configured but no hostname setting provided")
    const { target, config, line } = appFixtures({
      app: 'auth', resourceGroup: 'rg-auth', subscriptionId: SUB, t0: Date.parse('2026-12-20T02:00:00Z'),
      container: {
        name: 'auth', image: 'quay.io/keycloak/keycloak:26.0.5', cpu: 1, memory: '2Gi', probes: [],
        env: [{ name: 'KC_DB', hasValue: true }, { name: 'KC_DB_URL', secretRef: 'kc-db-url', hasValue: false }, { name: 'KC_DB_PASSWORD', secretRef: 'kc-db-password', hasValue: false }, { name: 'KC_HTTP_ENABLED', hasValue: true }],
      },
    });
    const f = primary({ system: [], console: [line('ERROR: Strict hostname resolution configured but no hostname setting provided')], target: target(), config: config() });
    expect(all(f)).toContain('az containerapp update -n auth -g rg-auth --container-name auth --set-env-vars KC_HOSTNAME=<value>');
    expect(texts(f)).toContain('KC_HOSTNAME, most likely the variable the app reads hostname from');
    expectValidCommands(f);
  });

  it('reads the prefix only when most variables share it, and never proposes one the container has', () => {
    const cfg = (names: string[]): AppConfig => ({ kind: 'containerApp', name: 'x', containers: [{ name: 'x', probes: [], env: names.map((name) => ({ name, hasValue: true })) }], initContainers: [], secrets: [] });
    expect(prefixedVar('hostname', cfg(['KC_DB', 'KC_DB_URL', 'KC_HTTP_ENABLED']))?.name).toBe('KC_HOSTNAME');
    expect(prefixedVar('hostname', cfg(['KC_DB', 'KC_DB_URL', 'REDIS_URL', 'PORT', 'LOG_LEVEL', 'NODE_ENV', 'TZ']))).toBeUndefined();
    expect(prefixedVar('hostname', cfg(['KC_DB', 'KC_DB_URL', 'KC_HOSTNAME']))).toBeUndefined();
    expect(prefixedVar('Maximum Allowed Cores', cfg(['KC_DB', 'KC_DB_URL', 'KC_HTTP_ENABLED']))).toBeUndefined();
  });
});

describe('a principal id the refusal prints is the assignee', () => {
  it('Cosmos DB "principal [id]": the SQL role assignment names that id, not the system identity', () => {
    // https://learn.microsoft.com/azure/cosmos-db/nosql/troubleshoot-forbidden ("Request is blocked because principal [...] does not have required RBAC permissions")
    const { target, config, exit, line } = app;
    const id = '3f6b0d2e-91c4-4a57-8e0b-5b1fd2c7a9e4';
    const f = primary({
      system: [exit(1)],
      console: [line(`azure.cosmos.exceptions.CosmosHttpResponseError: (Forbidden) Request blocked by Auth cosmos-relay : Request is blocked because principal [${id}] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata] on resource [/]. Learn more: https://aka.ms/cosmos-native-rbac.`), line('connecting to https://cosmos-relay.documents.azure.com:443/', -1)],
      target: target(), config: config(),
    });
    const grant = commands(f).find((c) => c.startsWith('az cosmosdb sql role assignment create'));
    expect(grant).toContain(`--principal-id ${id}`);
    expect(grant).toContain('--account-name cosmos-relay');
    expect(grant).not.toContain('identity.principalId');
    expect(texts(f)).toContain(`the identity the error names (principal ${id})`);
    expectValidCommands(f);
  });
});

describe('a dedicated workload profile with no node free', () => {
  const rows = (s: typeof job) => [
    s.sys('AssigningReplicaFailed', "0/4 nodes are available: 1 node(s) had untolerated taint {virtual-kubelet.io/provider: legion}, 3 node(s) didn't match Pod's node affinity/selector."),
    s.sys('AssigningReplicaFailed', 'Maximum Allowed Cores exceeded for the Managed Environment.', 30),
  ];

  it('a container larger than the Consumption profile allows: the profile\'s --max-nodes', () => {
    // https://learn.microsoft.com/azure/container-apps/workload-profiles-overview (Consumption: up to 4 vCPU / 8 GiB)
    const { target, config } = job;
    const f = primary({ system: rows(job), console: [], target: target({ kind: 'job' }), config: config({ kind: 'job' }, { cpu: 4, memory: '16Gi' }) });
    expect(all(f)).toContain('az containerapp env workload-profile update -n <environment-name> -g rg-media --workload-profile-name <profile-name> --max-nodes <n>');
    expect(texts(f)).toContain('4 CPU / 16Gi, more than the Consumption profile gives');
    expectValidCommands(f);
  });

  it('near miss: a Consumption-sized container is not sent to a profile it does not have', () => {
    const { target, config } = job;
    const f = primary({ system: rows(job), console: [], target: target({ kind: 'job' }), config: config({ kind: 'job' }) });
    expect(all(f)).not.toContain('workload-profile update');
  });
});
