/**
 * Sub-causes of an authentication failure read from the rows and the configuration, instead of "the key
 * was rotated, put the current value back" (review v25 #2, #7, #19, #23): a right the policy lacks (grant
 * it: a SAS policy with it, or the library's option not to need it), an endpoint moved to another account
 * while its key stayed (the new account's key), a request sent with no credential (wire it, not rotate it);
 * and a job's secret command in prose (review v25 #79, #100). Each incident is a public wording.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3b9f1c2e-7d4a-4e61-8f20-5c1a9e7d2b44';
const { target, config, exit, line } = appFixtures({
  app: 'bus-worker', resourceGroup: 'rg-msg', subscriptionId: SUB, t0: Date.parse('2026-12-04T10:00:00Z'),
  replica: 'bus-worker--0000007-6f8d9c7b5-k2p4q',
  container: { name: 'bus-worker', image: 'crmsg.azurecr.io/bus-worker:2.3.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const cmd = (f: ReturnType<typeof primary>): string => commands(f).join('\n');

// https://github.com/rebus-org/Rebus.AzureServiceBus/issues/30 (a read/listen policy, "Manage claim is required")
const REBUS =
  'Unhandled Exception: Rebus.Injection.ResolutionException: Could not resolve Rebus.Bus.IBus with decorator depth 0 - registrations: Rebus.Injection.Injectionist+Handler ---> Rebus.Exceptions.RebusApplicationException: Could not get queue description for queue myqueue ---> Microsoft.Azure.ServiceBus.UnauthorizedException: Manage claim is required for this operation';
// https://aka.ms/cosmosdb-tsg-unauthorized (the Cosmos DB SDKs' 401 for a key of another account)
const COSMOS_401 =
  "The input authorization token can't serve the request. The wrong key is being used or the expected payload is not built as per the protocol. For more info: https://aka.ms/cosmosdb-tsg-unauthorized. Server used the following payload to sign: 'get";
// https://github.com/Azure/azure-sdk-for-python/issues/35430 (a BlobServiceClient whose requests carry no credential)
const NO_AUTH = ['<Error>', '  <Code>NoAuthenticationInformation</Code>', '    Server failed to authenticate the request. Please refer to the information in the www-authenticate header.'];

const asb = (secret: string, extra: Partial<AppConfig> = {}): AppConfig =>
  config({ secrets: [{ name: secret }], ...extra }, { env: [{ name: 'ASB_CONNECTION', secretRef: secret, hasValue: false }] });

describe('a missing right on a reached namespace: grant it, not rotate the key', () => {
  it('Manage claim with a listen-only connection string: a Manage policy into the secret the config names, and Rebus\'s option', () => {
    const f = primary({ system: [exit(134), exit(134, 60)], console: [line(REBUS), line(REBUS, 55)], target: target(), config: asb('asb-readlisten') });
    expect(cmd(f)).toMatch(/az servicebus namespace authorization-rule create .*--rights Manage Send Listen/);
    expect(cmd(f)).toContain('--secrets asb-readlisten=$(az servicebus namespace authorization-rule keys list');
    expect(texts(f)).toContain('DoNotCheckQueueConfiguration');
    expect(texts(f)).not.toMatch(/Put the current value|<secret-name>/);
    expect(cmd(f)).not.toContain('<secret-name>');
    expectValidCommands(f);
  });

  it('an operation refused by name (CreateOrUpdateSubscription) reads as Manage, with the transport\'s out-of-band path', () => {
    // The NServiceBus Azure Service Bus transport's start-up refusal (review v25 #19).
    const row = "Unauthorized access for 'CreateOrUpdateSubscription' operation on endpoint 'sb://<service-bus-instance>'.";
    const f = primary({
      system: [exit(134), exit(134, 60)], console: [line(row), line(row, 55)], target: target(),
      config: config({ secrets: [{ name: 'asb-send-listen' }] }, { env: [{ name: 'AzureServiceBus_ConnectionString', secretRef: 'asb-send-listen', hasValue: false }] }),
    });
    expect(cmd(f)).toContain('--secrets asb-send-listen=$(az servicebus namespace authorization-rule keys list');
    expect(texts(f)).not.toMatch(/Data Sender \(Send\), Data Receiver/);
    expect(texts(f)).toMatch(/out of band/);
    expectValidCommands(f);
  });

  it('near miss: an app that signs in with its identity keeps the role steps (no SAS policy)', () => {
    const f = primary({
      system: [exit(134), exit(134, 60)], console: [line(REBUS)], target: target(),
      config: config({}, { env: [{ name: 'ASB_NAMESPACE', hasValue: true }, { name: 'AZURE_CLIENT_ID', hasValue: true }] }),
    });
    expect(cmd(f)).not.toContain('namespace authorization-rule');
  });
});

describe('an endpoint moved to another account while the key stayed: the new account\'s key', () => {
  const cosmos = (changes: NonNullable<AppConfig['changesSinceHealthy']>['changes']): AppConfig =>
    config(
      { secrets: [{ name: 'cosmos-key' }], changesSinceHealthy: { fromRevision: 'bus-worker--0000006', summary: 'Cosmos endpoint changed', changes } },
      { env: [{ name: 'Cosmos__Endpoint', hasValue: true }, { name: 'Cosmos__Key', secretRef: 'cosmos-key', hasValue: false }] },
    );

  it('Cosmos__Endpoint set since the healthy revision: cosmos-key gets the new account\'s key from `cosmosdb keys list`', () => {
    const f = primary({
      system: [exit(1), exit(1, 60)], console: [line('Microsoft.Azure.Documents.DocumentClientException'), line(COSMOS_401)], target: target(),
      config: cosmos([{ kind: 'env-value-set', container: 'bus-worker', name: 'Cosmos__Endpoint' }]),
    });
    expect(texts(f)).toMatch(/Cosmos__Endpoint changed since healthy revision bus-worker--0000006 and the key did not/);
    expect(cmd(f)).toMatch(/--secrets cosmos-key=\$\(az cosmosdb keys list -n <account-name> .*--query primaryMasterKey -o tsv/);
    expect(texts(f)).not.toMatch(/keys are rotated; the app still sends the old one/);
    expectValidCommands(f);
  });

  it('near miss: no endpoint change keeps the rotated-key reading', () => {
    const f = primary({ system: [exit(1), exit(1, 60)], console: [line('Microsoft.Azure.Documents.DocumentClientException'), line(COSMOS_401)], target: target(), config: cosmos([{ kind: 'image', container: 'bus-worker' }]) });
    expect(cmd(f)).not.toContain('cosmosdb keys list');
  });

  it('near miss: the key variable changed too, so the moved-account reading does not apply', () => {
    const f = primary({
      system: [exit(1), exit(1, 60)], console: [line(COSMOS_401)], target: target(),
      config: cosmos([{ kind: 'env-value-set', container: 'bus-worker', name: 'Cosmos__Endpoint' }, { kind: 'env-value-set', container: 'bus-worker', name: 'Cosmos__Key' }]),
    });
    expect(cmd(f)).not.toContain('cosmosdb keys list');
  });
});

describe('a request with no credential at all: wire it, not rotate it', () => {
  it('NoAuthenticationInformation with AZURE_CLIENT_ID: the identity assignment, the token credential, the data role; no rotation', () => {
    const f = primary({
      system: [exit(1), exit(1, 60)], console: NO_AUTH.map((t, i) => line(t, i)), target: target(),
      config: config({}, { env: [{ name: 'STORAGE_ACCOUNT_URL', hasValue: true }, { name: 'AZURE_CLIENT_ID', hasValue: true }] }),
    });
    expect(cmd(f)).toContain('az containerapp identity show');
    expect(cmd(f)).toContain('az role assignment create');
    expect(texts(f)).toMatch(/no credential at all/);
    expect(texts(f)).toContain('STORAGE_ACCOUNT_URL');
    expect(texts(f)).not.toMatch(/rotated or expired/);
    expectValidCommands(f);
  });

  it('near miss: an app secret no variable reads is the configuration rule\'s case, not this reading', () => {
    const f = primary({
      system: [exit(1), exit(1, 60)], console: NO_AUTH.map((t, i) => line(t, i)), target: target(),
      config: config({ secrets: [{ name: 'storage-conn' }] }, { env: [{ name: 'STORAGE_ACCOUNT_URL', hasValue: true }] }),
    });
    expect(texts(f)).not.toMatch(/The request reached Azure Storage with no credential at all/);
  });
});

describe('a job\'s secret command in prose', () => {
  it('a removed variable whose secret the job still has names `az containerapp job secret set`', () => {
    // https://docs.getdbt.com/reference/dbt-jinja-functions/env_var (dbt's "Env var required but not provided")
    const f = primary({
      system: [exit(2)], console: [line("Could not render {{ env_var('SNOWFLAKE_PASSWORD') }}: Env var required but not provided: 'SNOWFLAKE_PASSWORD'")],
      target: target({ kind: 'job' }),
      config: {
        ...config({ secrets: [{ name: 'snowflake-password' }], changesSinceHealthy: { fromRevision: 'previous job template', summary: 'env var SNOWFLAKE_PASSWORD removed', changes: [{ kind: 'env-removed', container: 'bus-worker', name: 'SNOWFLAKE_PASSWORD' }] } }),
        kind: 'job',
        job: { triggerType: 'Schedule' },
      } as AppConfig,
    });
    expect(texts(f)).not.toMatch(/`az containerapp secret set`/);
    expect(texts(f)).toMatch(/`az containerapp job secret set`/);
  });
});
