/**
 * The recurring classes of the third, independent steps review (issue #11, docs/steps-review.md): a
 * permission refusal gets its role, a job gets executions instead of revisions, a named cause is quoted,
 * names come from the rows and the configuration, and each fix made in Azure carries its `az` command.
 */
import { classify } from '../../src/classify';
import path from 'path';
import { loadBlindV2 } from './blindV2Corpus';
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7d1e4c2a-90b3-4f6e-8a15-2c9b0e7f3d41';
const { at, target, container, config, sys, exit, line } = appFixtures({
  app: 'ledger-sync', resourceGroup: 'rg-fin', subscriptionId: SUB, t0: Date.parse('2026-11-30T02:10:00Z'),
  replica: 'ledger-sync--r7q2k1x-6c8d9f4b7-w2p5n',
  container: { name: 'ledger-sync', image: 'crfin.azurecr.io/ledger-sync:2.3.1', cpu: 1, memory: '2Gi', env: [], probes: [] },
});


describe('class 1: a permission refusal gets the role, not the rotated-credential template', () => {
  it('a Key Vault 403 for "secrets set" grants Key Vault Secrets Officer on the vault to the job\'s identity', () => {
    const f = primary({
      system: [exit(1, 5, 'kv-seed')],
      console: [
        line(
          'com.azure.core.exception.HttpResponseException: Status code 403, "{"error":{"code":"Forbidden","message":"The user, group or application \'appid=;oid=;iss=https://sts.windows.net/t/\' does not have secrets set permission on key vault \'kv-fin-prod;location=westeurope\'."}}"',
        ),
      ],
      target: target({ kind: 'job', name: 'kv-seed' }),
    });
    const all = commands(f).join('\n');
    expect(texts(f)).toContain('Key Vault Secrets Officer');
    expect(all).toContain("az role assignment create --assignee-object-id $(az containerapp job show -n kv-seed -g rg-fin");
    expect(all).toContain('kv-fin-prod');
    expect(texts(f)).not.toMatch(/rotated or expired|revision/);
    expect(all).not.toMatch(/revision restart|secret list/);
    expectValidCommands(f);
  });

  it('a Service Bus management call refused ($Resources) grants Azure Service Bus Data Owner', () => {
    const f = primary({
      system: [exit(134, 5), exit(134, 40)],
      console: [
        line("Unhandled exception. Microsoft.Azure.ServiceBus.UnauthorizedException: claim is empty or token is invalid. TrackingId:7b48, SystemTracker:sb-ledger.servicebus.windows.net:$Resources/queues, Timestamp:2026-11-30T02:09:58"),
      ],
      target: target(),
    });
    const auth = classify({ system: [exit(134, 5), exit(134, 40)], console: [line("Unhandled exception. Microsoft.Azure.ServiceBus.UnauthorizedException: claim is empty or token is invalid. TrackingId:7b48, SystemTracker:sb-ledger.servicebus.windows.net:$Resources/queues, Timestamp:2026-11-30T02:09:58")], target: target() }).find((x) => x.category === 'authentication-failure');
    expect(auth).toBeDefined();
    expect(texts(auth!)).toContain('Azure Service Bus Data Owner');
    expect(commands(auth!).join('\n')).toContain("--role 'Azure Service Bus Data Owner' --scope $(az resource list -n sb-ledger");
    expect(texts(auth!)).not.toContain('rotated or expired');
    expect(commands(auth!).join('\n')).not.toContain('revision restart');
    expectValidCommands(auth!);
    void f;
  });

  it('a storage AuthorizationPermissionMismatch names Storage Blob Data Contributor on the account', () => {
    const f = primary({
      system: [exit(1)],
      console: [
        line('Azure.RequestFailedException: This request is not authorized to perform this operation using this permission. RequestId: 5e1f Uri: https://stledgerexports.blob.core.windows.net/exports/2026-11-30.csv Status: 403 ErrorCode: AuthorizationPermissionMismatch'),
      ],
      target: target(),
    });
    expect(f.category).toBe('authentication-failure');
    expect(texts(f)).toContain('Storage Blob Data Contributor');
    expect(commands(f).join('\n')).toContain('az resource list -n stledgerexports --resource-type Microsoft.Storage/storageAccounts');
    expect(texts(f)).not.toContain('rotated or expired');
    expectValidCommands(f);
  });
});

describe('class 8: a job has executions, never a revision to restart', () => {
  it('a rotated credential in a job says start a new execution, with `az containerapp job start`', () => {
    const f = primary({
      system: [exit(1, 5, 'nightly-export')],
      console: [line('psycopg2.OperationalError: connection to server at "pg-fin.postgres.database.azure.com" (10.2.0.4), port 5432 failed: FATAL:  password authentication failed for user "exporter"')],
      target: target({ kind: 'job', name: 'nightly-export' }),
    });
    expect(texts(f)).not.toMatch(/restart the revision|revision restarts/i);
    const all = commands(f).join('\n');
    expect(all).not.toContain('revision');
    expect(all).toContain('az containerapp job start -n nightly-export -g rg-fin');
    expectValidCommands(f);
  });
});

describe('class 7: memory numbers follow the evidence', () => {
  it('never proposes a Node heap below the ~4 GB the last GCs show in use (next build at start, blind-v5)', () => {
    const c = loadBlindV2(path.join(__dirname, '..', 'fixtures', 'classifier-blind-v5')).find((x) => x.name === 'i: next build at container start heap limit');
    expect(c).toBeDefined();
    const f = primary(c!.input);
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toContain('4133 MB already in use');
    expect(texts(f)).toContain('next build');
    expect(commands(f).join('\n')).not.toContain('max-old-space-size');
    expect(commands(f).join('\n')).toContain('--container-name learn-starter --cpu 2 --memory 4Gi');
    expectValidCommands(f);
  });

  it('an explicit -Xmx in the JVM report is what to raise, not MaxRAMPercentage', () => {
    const f = primary({
      system: [exit(3, 5, 'catalog-reindex')],
      console: [
        line("  - 3.56GB of memory (22.8% of 15.61GB system memory, set via '-Xmx4g')"),
        line('Terminating due to java.lang.OutOfMemoryError: GC overhead limit exceeded', 1),
      ],
      target: target({ kind: 'job', name: 'catalog-reindex' }),
      config: config({ kind: 'job', name: 'catalog-reindex' }, { name: 'catalog-reindex', memory: '8Gi', cpu: 4 }),
    });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toContain('-Xmx4g');
    expect(texts(f)).toContain('-Xmx6144m');
    expect(texts(f) + commands(f).join('\n')).not.toContain('MaxRAMPercentage=75');
    expectValidCommands(f);
  });
});

describe('class 2: a bare exit code quotes the last error line and says what to fix', () => {
  it('an envoy bootstrap file the proxy rejected is named, with what to do about it', () => {
    const f = primary({
      system: [exit(1, 5, 'grpc-web-proxy'), exit(1, 40, 'grpc-web-proxy')],
      console: [
        line("[2025-01-24 06:55:24.717][1][critical][main] [source/server/server.cc:416] error initializing config '  /etc/envoy/envoy.yaml': Unable to parse JSON as proto (INVALID_ARGUMENT: invalid JSON in envoy.config.bootstrap.v3.Bootstrap @ static_resources.listeners[0].filter_chains[0]: invalid value [\"grpc-status\"] for type TYPE_STRING)", 4),
      ],
      target: target({ name: 'grpc-web-proxy' }),
    });
    // Read as the configuration it is (the vocabulary knows "error initializing config"), with the same step.
    expect(f.category).toBe('missing-configuration');
    expect(texts(f)).toContain('The app rejected its configuration file /etc/envoy/envoy.yaml');
    expect(texts(f)).toContain('error initializing config');
    expect(texts(f)).not.toContain('Read the console log of the same replica');
    expect(texts(f)).not.toContain('Run the same image locally');
    expectValidCommands(f);
  });
});

describe('class 9 and 4: a port the app cannot or does not use is moved with the setting it reads', () => {
  it('a .NET 8 app refused port 80 as non-root gets ASPNETCORE_HTTP_PORTS=8080 and the ingress move', () => {
    const f = primary({
      system: [exit(139, 5, 'orders-api')],
      console: [line("crit: Microsoft.AspNetCore.Server.Kestrel[0] Unable to start Kestrel. System.Net.Sockets.SocketException (13): Permission denied ... Failed to bind to address http://[::]:80: permission denied")],
      target: target({ name: 'orders-api' }),
      config: config({ name: 'orders-api' }, { name: 'orders-api', image: 'crfin.azurecr.io/orders-api:8.0.3' }),
    });
    expect(f.category).toBe('permission-denied');
    const all = commands(f).join('\n');
    expect(all).toContain('az containerapp update -n orders-api -g rg-fin --container-name orders-api --set-env-vars ASPNETCORE_HTTP_PORTS=8080');
    expect(all).toContain('--target-port 8080');
    expectValidCommands(f);
  });

  it('the port variable the configuration sets is the one named (APP_HTTP_PORT), never a guess', () => {
    const f = primary({
      system: [exit(1, 5, 'ledger-sync')],
      console: [line('Error: listen EACCES: permission denied 0.0.0.0:80'), line('Failed to bind to address http://0.0.0.0:80: permission denied', 1)],
      target: target(),
      config: config({}, { env: [{ name: 'APP_HTTP_PORT', hasValue: true }] }),
    });
    expect(f.category).toBe('permission-denied');
    expect(commands(f).join('\n')).toContain('--set-env-vars APP_HTTP_PORT=8080');
    expect(texts(f)).not.toContain('ASPNETCORE_HTTP_PORTS');
    expectValidCommands(f);
  });

  it('a Dapr app port mismatch carries `az containerapp dapr enable --dapr-app-port`', () => {
    const res = classify({
      system: [sys('ContainerTerminated', "Container 'daprd' was terminated with exit code '1'", 30)],
      console: [line('Now listening on: http://[::]:8080'), line('level=info msg="application protocol: http. waiting on port 5001.  This will block until the app is listening on that port." app_id=ledger-sync', 2)],
      target: target(),
      config: config({ dapr: { enabled: true, appId: 'ledger-sync', appPort: 5001 } } as Partial<AppConfig>),
    });
    const f = res.find((x) => x.ruleId === 'config.dapr-app-port');
    expect(res.map((x) => x.ruleId)).toContain('config.dapr-app-port');
    expect(commands(f!).join('\n')).toContain('az containerapp dapr enable -n ledger-sync -g rg-fin --dapr-app-port 8080');
    expectValidCommands(f!);
  });
});

describe('class 10: a rebuilt image is deployed with update --image', () => {
  it('an arm64 image that fails with exec format error gets the image update for its own registry and repository', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('exec /usr/local/bin/ledger-sync: exec format error')],
      target: target(),
      config: config({}, { image: 'crfin.azurecr.io/ledger-sync:2.3.1-arm64' }),
    });
    expect(commands(f).join('\n')).toContain('az containerapp update -n ledger-sync -g rg-fin --container-name ledger-sync --image crfin.azurecr.io/ledger-sync:<new-tag>');
    expectValidCommands(f);
  });

  it('a job gets job update --image', () => {
    const f = primary({
      system: [exit(1, 5, 'nightly-export')],
      console: [line('exec /app/export: exec format error')],
      target: target({ kind: 'job', name: 'nightly-export' }),
      config: config({ kind: 'job', name: 'nightly-export' }, { name: 'nightly-export', image: 'ghcr.io/fin/nightly-export:arm64' }),
    });
    expect(commands(f).join('\n')).toContain('az containerapp job update -n nightly-export -g rg-fin --container-name nightly-export --image ghcr.io/fin/nightly-export:<new-tag>');
    expectValidCommands(f);
  });
});

describe('class 4: the fix made in Azure carries its az command', () => {
  it('a volume that failed to mount gets env storage show for the storage the volume names', () => {
    const f = primary({
      system: [sys('VolumeMountFailure', "Error mounting volume 'templates': mount error(13): Permission denied", 5)],
      console: [],
      target: target(),
      config: config({
        environment: { name: 'cae-fin', storages: [{ name: 'fin-templates', shareName: 'templates', accessMode: 'ReadOnly' }] },
        volumes: [{ name: 'templates', storageName: 'fin-templates' }],
      } as Partial<AppConfig>),
    });
    expect(commands(f).join('\n')).toContain('az containerapp env storage show -n cae-fin -g rg-fin --storage-name fin-templates');
    expectValidCommands(f);
  });

  it('a private endpoint name that does not resolve gets the DNS zone link create', () => {
    const f = primary({
      system: [exit(1)],
      console: [line('psycopg2.OperationalError: could not translate host name "pg-ledger.postgres.database.azure.com" to address: Name or service not known')],
      target: target(),
    });
    const all = commands(f).join('\n');
    expect(all).toContain('az network private-dns link vnet create -g <zone-resource-group> -z privatelink.postgres.database.azure.com');
    expectValidCommands(f);
  });

  it('a missing Event Hubs consumer group is named and created', () => {
    const f = primary({
      system: [exit(1, 5, 'log-shipper')],
      console: [line("[ERROR][logstash.inputs.azureeventhubs][main] The messaging entity 'esconnectorhub:eventhub:azureconnector~32766|logstash' could not be found")],
      target: target({ name: 'log-shipper' }),
    });
    expect(texts(f)).toContain('consumer group logstash of event hub azureconnector');
    expect(commands(f).join('\n')).toContain('az eventhubs eventhub consumer-group create -g <namespace-resource-group> --namespace-name esconnectorhub --eventhub-name azureconnector -n logstash');
    expectValidCommands(f);
  });

  it('cores exhausted on a dedicated workload profile raise its max nodes', () => {
    const f = primary({
      system: [sys('AssigningReplicaFailed', 'Maximum Allowed Cores exceeded for the Managed Environment. Please check https://learn.microsoft.com/en-us/azure/container-apps/quotas for resource limits', 5)],
      console: [],
      target: target({ kind: 'job', name: 'nightly-rollup' }),
      config: config({ kind: 'job', name: 'nightly-rollup', workloadProfileName: 'D4', environment: { name: 'cae-fin' } } as Partial<AppConfig>),
    });
    expect(commands(f).join('\n')).toContain('az containerapp env workload-profile update -n cae-fin -g rg-fin --workload-profile-name D4 --max-nodes <n>');
    expectValidCommands(f);
  });
});

describe('class 6: a recovered one-off leads with no action and keeps one preventive step', () => {
  it('a 403 while a new role assignment propagated, then a start that runs: wait-and-retry, not a new grant', () => {
    const f = primary({
      system: [sys('ContainerStarted', 'Started container ledger-sync', -36), exit(1, 0), sys('ContainerStarted', 'Started container ledger-sync', 15)],
      console: [
        line('Azure.RequestFailedException: This request is not authorized to perform this operation using this permission. Uri: https://stledgerexports.blob.core.windows.net/in Status: 403 ErrorCode: AuthorizationPermissionMismatch', -3),
        line('INFO transfer loop started, polling container "in"', 17),
      ],
      target: target(),
    });
    expect(f.category).toBe('authentication-failure');
    const steps = f.steps ?? [];
    expect(steps[0]?.text).toMatch(/^No action needed now: the app recovered/);
    expect(steps[0]?.text).toContain('A role assignment takes a few minutes to apply');
    expect(steps).toHaveLength(2);
    expect(steps[1]?.text).toContain('retry a 403 with a back-off');
    expect(commands(f).join('\n')).not.toContain('role assignment create');
  });

  it('one missed liveness probe on an app that runs again: no action, then one probe-tuning step', () => {
    const f = primary({
      system: [
        sys('ContainerStarted', 'Started container ledger-sync', -600),
        sys('StoppingContainer', 'Container ledger-sync failed liveness probe, will be restarted', 0),
        sys('ContainerStarted', 'Started container ledger-sync', 40),
      ],
      console: [line('GET /api/ledger 200 12ms', 60)],
      target: target(),
    });
    expect(f.category).toBe('probe-failure');
    const steps = f.steps ?? [];
    expect(steps[0]?.text).toMatch(/^No action needed now/);
    expect(steps.length).toBeLessThanOrEqual(2);
    expect(texts(f)).toContain('If it recurs');
  });
});

describe('class 3: names come from the configuration and the rows, not conventions', () => {
  it('Django SECRET_KEY read through DJANGO_SECRET_KEY: the commands restore django-secret-key', () => {
    const f = primary({
      system: [exit(3, 5, 'billing-web'), exit(3, 40, 'billing-web')],
      console: [line('django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.', 4)],
      target: target({ name: 'billing-web' }),
      config: config({ name: 'billing-web' }, { name: 'billing-web', env: [{ name: 'DJANGO_SECRET_KEY', secretRef: 'django-secret-key', hasValue: false }] }),
    });
    const all = commands(f).join('\n');
    expect(all).toContain('--secrets django-secret-key=<value>');
    // DJANGO_SECRET_KEY already reads django-secret-key: the same reference again starts no revision, a restart does (ninth review).
    expect(all).toContain('az containerapp revision restart -n billing-web');
    expect(all).not.toMatch(/--secrets secret-key=| SECRET_KEY=/);
    expectValidCommands(f);
  });

  it('WordPress reaching MySQL: the variable is WORDPRESS_DB_HOST from the configuration, not DATABASE_URL', () => {
    const f = primary({
      system: [exit(1, 5, 'blog-wp'), exit(1, 40, 'blog-wp')],
      console: [line("MySQL Connection Error: (2002) php_network_getaddresses: getaddrinfo for dbs failed: Name or service not known", 4)],
      target: target({ name: 'blog-wp' }),
      config: config({ name: 'blog-wp' }, { name: 'blog-wp', env: [{ name: 'WORDPRESS_DB_HOST', hasValue: true }, { name: 'WORDPRESS_DB_PASSWORD', secretRef: 'wp-db-password', hasValue: false }] }),
    });
    expect(texts(f)).toContain('WORDPRESS_DB_HOST');
    expect(texts(f) + commands(f).join('\n')).not.toContain('DATABASE_URL');
    expectValidCommands(f);
  });

  it('a dependency finding without a container of its own takes the one the back-off row names', () => {
    const R = 'math-worker--tbrqg49-81ee214e69-llj4r';
    const f = primary({
      system: [
        { time: at(10), reason: 'BackOff', message: 'Back-off restarting failed container math-worker in pod math-worker--tbrqg49-81ee214e69-llj4r', replica: R, count: 4 },
      ],
      console: [0, 120, 240].map((s) => ({ time: at(s), replica: R, text: '[ERROR/MainProcess] consumer: Cannot connect to amqp://admin:[REDACTED]@queue:5672//: [Errno 111] Connection refused.' })),
      target: target({ name: 'math-worker' }),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(commands(f).join('\n')).not.toContain('<container>');
    expectValidCommands(f);
  });
});

describe('class 5: dependency steps follow what the rows show, and an outside host gets no environment advice', () => {
  it('a refused connection to an AWS ElastiCache host: firewall/security group, never TCP ingress', () => {
    const f = primary({
      system: [exit(1, 5), exit(1, 40)],
      console: [line('Redis::CannotConnectError: Error connecting to Redis on sidekiq.bwopms.0001.euw2.cache.amazonaws.com:6379 (Errno::ECONNREFUSED)', 4)],
      target: target(),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(texts(f)).toContain('sidekiq.bwopms.0001.euw2.cache.amazonaws.com resolved and refused the connection on 6379');
    expect(texts(f)).toContain('security group');
    expect(texts(f)).not.toMatch(/TCP ingress|another container app/);
    expectValidCommands(f);
  });

  it('a refused connection to a bare name keeps the in-environment advice', () => {
    const f = primary({
      system: [exit(1, 5), exit(1, 40)],
      console: [line('consumer: Cannot connect to amqp://guest:**@queue:5672//: [Errno 111] Connection refused.', 4)],
      target: target(),
    });
    expect(texts(f)).toContain('TCP ingress');
  });
});
