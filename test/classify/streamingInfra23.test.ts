/**
 * Data and streaming infrastructure (blind corpus v23, `ka:`): a busy replica killed on scale-in, the AMQP
 * CBS handshake that is not MongoDB, the entity a .NET Service Bus error quotes, a search cluster's full
 * disk that arrives as HTTP 403, MinIO's drive wording, psycopg 3's unresolved host, the action Cosmos DB
 * refused, the path a shell error is about, and daprd's own lines. Each uses a public wording, with its source.
 */
import { analyse } from '../../src/classify';
import { matchConsoleLine } from '../../src/classify/consoleMatcher';
import { appFixtures, primary } from './stepsFixtures';

const ids = (text: string) => matchConsoleLine(text).map((m) => m.ruleId);
const namesOf = (text: string, id: string) => matchConsoleLine(text).find((m) => m.ruleId === id)?.names ?? {};

const { target, config, sys, exit, line } = appFixtures({
  app: 'billing-consumer', resourceGroup: 'rg-billing', subscriptionId: '3e9b1c27-5a4d-4f60-8c2e-7d1a0b9f6e43', t0: Date.parse('2026-10-01T01:00:00Z'),
  replica: 'billing-consumer--0000017-6c4b8d9e7-x1k2p',
  container: { name: 'billing-consumer', image: 'billacr.azurecr.io/billing-consumer:2.0.4', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});

describe('a 137 on scale-in: idle surplus replica or a replica that ignored SIGTERM', () => {
  // The earlier corpora read both the same way every time (v2 "scale-in stops an idle replica" benign; v4, v6,
  // v7 "keeps processing after SIGTERM ... killed after grace period on scale-in" forced-kill).
  // https://learn.microsoft.com/en-us/azure/container-apps/application-lifecycle-management (SIGTERM, grace, SIGKILL)
  const scaleIn = [
    sys('KEDAScaleTargetDeactivated', 'Deactivated apps/v1.Deployment k8se-apps/billing-consumer--0000017 from 3 to 2', 0),
    sys('StoppingContainer', 'Stopping container billing-consumer', 1),
    exit(137, 31),
  ];
  const cfg = config({ terminationGracePeriodSeconds: 30, scale: { minReplicas: 1, maxReplicas: 6, rules: [] } });

  it('work logged between the stop and the kill: forced-kill, not benign', () => {
    const f = primary({
      system: scaleIn,
      console: [line('{"level":"info","msg":"processed batch","topic":"billing","partition":4,"records":480}', 10), line('{"level":"info","msg":"processed batch","topic":"billing","partition":4,"records":500}', 25)],
      target: target(), config: cfg,
    });
    expect(f.ruleId).toBe('config.forced-kill');
    expect(f.benign).toBe(false);
  });

  it('near miss: nothing logged after the stop: the normal end of a surplus replica', () => {
    const f = primary({ system: scaleIn, console: [line('{"level":"info","msg":"processed batch","records":480}', -60)], target: target(), config: cfg });
    expect(f.ruleId).toBe('config.scale-in-kill');
    expect(f.category).toBe('scale-in');
  });
});

describe('AMQP claims-based security is not MongoDB', () => {
  // https://github.com/Azure/azure-service-bus/issues/304 (the 404 behind the CBS handshake: the queue is missing)
  const cbs = 'azure.servicebus.common.errors.ServiceBusError: Handler failed: CBS Token authentication failed.';
  // https://github.com/Azure/azure-sdk-for-python/pull/41487 (Event Hubs' own refusal)
  const eventHubs = 'azure.eventhub.exceptions.AuthenticationError: CBS Token authentication failed.';
  // https://github.com/Azure/azure-event-hubs-python/issues/96
  const tokenFailed = "EventHubError: Token authentication failed: 'utf-8' codec can't decode byte 0xbb in position 1: invalid start byte";

  it('the CBS and token handshake lines are not a Mongo login', () => {
    for (const t of [cbs, eventHubs, tokenFailed]) expect([t, ids(t)]).toEqual([t, expect.not.arrayContaining(['console.db.mongo-auth'])]);
    expect(ids(eventHubs)).toContain('console.azure.messaging-unauthorized');
  });

  it('near miss: MongoDB\'s own refusal still reads as MongoDB', () => {
    expect(ids('MongoServerError: Authentication failed.')).toContain('console.db.mongo-auth');
  });

  it('a Python worker whose CBS handshake answers 404: the missing queue, named', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [
        line(cbs, 4), line('Status code: 404', 4),
        line("Description: The messaging entity 'sb://ruchandemo.servicebus.windows.net/queen0' could not be found. TrackingId:a96beffe-7d14-4ba4-93de-aa6170377c1f_G10, SystemTracker:ruchandemo.servicebus.windows.net:queen0, Timestamp:2019-08-18T03:59:01", 4),
      ],
      target: target(), config: config(),
    });
    expect(f.ruleId).toBe('console.messaging.entity-not-found');
    expect(f.names?.entity).toBe('sb://ruchandemo.servicebus.windows.net/queen0');
  });
});

describe('the entity a Service Bus error quotes', () => {
  it('.NET names the exception first: the entity quoted after it, without the /$management node', () => {
    // https://github.com/Azure/azure-service-bus-dotnet/issues/415 (Put token failed, 404 on a misspelt queue)
    const t = "Microsoft.Azure.ServiceBus.MessagingEntityNotFoundException: Put token failed. status-code: 404, status-description: The messaging entity 'sb://contoso.servicebus.windows.net/queu02/$management' could not be found.";
    expect(namesOf(t, 'console.messaging.entity-not-found').entity).toBe('sb://contoso.servicebus.windows.net/queu02');
  });

  it('the newer SDK quotes it before the code in parentheses', () => {
    // https://github.com/Azure/azure-service-bus/issues/451
    const t = "Azure.Messaging.ServiceBus.ServiceBusException: Put token failed. status-code: 404, status-description: The messaging entity 'sb://edsmart-default-nexus-dev-comms-sb-gls112.servicebus.windows.net/providers' could not be found. To know more visit https://aka.ms/sbResourceMgrExceptions.  (MessagingEntityNotFound)";
    expect(namesOf(t, 'console.messaging.entity-not-found').entity).toBe('sb://edsmart-default-nexus-dev-comms-sb-gls112.servicebus.windows.net/providers');
  });

  it('near miss: the exception alone still fires, with no name made up', () => {
    // https://github.com/Azure/azure-service-bus-dotnet/issues/598
    const t = 'Microsoft.Azure.ServiceBus.MessagingEntityNotFoundException: Entity not found';
    expect(ids(t)).toContain('console.messaging.entity-not-found');
    expect(namesOf(t, 'console.messaging.entity-not-found').entity).toBeUndefined();
  });
});

describe('a search cluster\'s full disk that arrives as HTTP 403', () => {
  // https://github.com/italia/docs.italia.it/pull/371
  const blocked = 'Config: Error 403 Forbidden: blocked by: [FORBIDDEN/12/index read-only / allow delete (api)]';

  it('is storage, not a refused credential', () => {
    expect(ids(blocked)).toContain('console.storage.search-flood-stage');
    expect(ids(blocked)).not.toContain('console.http.unauthorized');
  });

  it('near miss: a 403 with no index block is still an authorization answer', () => {
    // .NET HttpClient's wording, as in the rule-case of console.http.unauthorized (there with 401)
    const t = 'HttpRequestException: Response status code does not indicate success: 403 (Forbidden).';
    expect(ids(t)).toContain('console.http.unauthorized');
    expect(ids(t)).not.toContain('console.storage.search-flood-stage');
  });
});

describe('names read from the line', () => {
  it('MinIO names the drive it may not use', () => {
    // https://github.com/Budibase/budibase/issues/7482
    const t = '2022-08-27T16:50:59.781557871Z Error: Drive /data/minio, path (.minio.sys/buckets/global/.metadata.bin) returned an error (file access denied) (*fmt.wrapError)';
    expect(namesOf(t, 'console.perm.drive-access-denied').file).toBe('/data/minio');
  });

  it('near miss: a MinIO object-level access denial is not its drive', () => {
    // https://github.com/minio/minio/issues/13075
    expect(ids('Error: file access denied (cmd.StorageErr)')).not.toContain('console.perm.drive-access-denied');
  });

  it('psycopg 3 names the host it could not resolve', () => {
    // https://github.com/psycopg/psycopg/pull/1206
    const t = "psycopg.OperationalError: failed to resolve host 'postgres': [Errno -2] Name or service not known";
    expect(namesOf(t, 'console.net.dns').host).toBe('postgres');
  });

  it('Cosmos DB names the data-plane action it refused', () => {
    // https://learn.microsoft.com/en-us/azure/cosmos-db/nosql/troubleshoot-forbidden
    const t = 'Request is blocked because principal [61ad4795-fb43-4e77-860e-d806bf5aba5e] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata] on resource [/].';
    expect(namesOf(t, 'console.azure.cosmos-auth').permission).toBe('Microsoft.DocumentDB/databaseAccounts/readMetadata');
  });

  it('a shell error names the path after "line N:", not the script', () => {
    // https://github.com/neo4j/docker-neo4j/issues/223
    const f = primary({
      system: [exit(1, 5)],
      console: [line('/var/lib/neo4j/bin/neo4j: line 260: /var/lib/neo4j/conf/neo4j.conf: Permission denied', 4)],
      target: target(), config: config(),
    });
    expect(f.category).toBe('permission-denied');
    expect(f.names?.file).toBe('/var/lib/neo4j/conf/neo4j.conf');
  });

  it('near miss: a line with one path keeps it', () => {
    // https://github.com/neo4j/docker-neo4j/issues/130
    const f = primary({ system: [exit(1, 5)], console: [line('open /logs/debug.log: permission denied', 4)], target: target(), config: config() });
    expect(f.names?.file).toBe('/logs/debug.log');
  });
});

describe("daprd's own lines", () => {
  // https://github.com/dapr/components-contrib/issues/1603
  const fatal = 'time="2022-03-18T00:51:27.430Z" level=fatal msg="process component mystatestore error: Forbidden, Request blocked by Auth cartstate : The given request [GET /dbs/cart/colls/items/sprocs/] cannot be authorized by AAD token in data plane. Learn more: https://aka.ms/cosmos-native-rbac." app_id=cart-svc scope=dapr.runtime type=log ver=edge';

  it('in an app with Dapr enabled, a finding made of them names the sidecar', () => {
    const a = analyse({
      system: [sys('ContainerTerminated', "Container 'daprd' was terminated with exit code '1'", 5)],
      console: [line(fatal, 4)],
      target: target(), config: config({ dapr: { enabled: true, appId: 'cart-svc', appPort: 3000 } }),
    });
    const f = a.findings.find((x) => x.ruleId === 'console.azure.cosmos-auth');
    expect(f?.names?.container).toBe('daprd');
  });

  it('near miss: without Dapr in the configuration, no sidecar is named', () => {
    const a = analyse({ system: [exit(1, 5)], console: [line(fatal, 4)], target: target(), config: config() });
    const f = a.findings.find((x) => x.ruleId === 'console.azure.cosmos-auth');
    expect(f?.names?.container).not.toBe('daprd');
  });
});
