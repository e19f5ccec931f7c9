/**
 * The command that applies the fix (issue #11, tenth review: "the az command for the actual fix is
 * missing"). A probe, a start command, the grace period, a Dapr component, a dependency's TCP ingress, a
 * job's parallelism, a variable a change removed, a shared access policy: each step that says what to
 * change carries the command that changes it, with the app's names. Each incident uses a public wording,
 * with its source; the near misses keep the steps they had.
 */
import type { AppConfig, ContainerSpec } from '../../src/model';
import { overrideStep } from '../../src/classify/steps/fixCommands';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716';
const shape = (app: string, container: Partial<ContainerSpec> = {}) => appFixtures({
  app, resourceGroup: 'rg-shop', subscriptionId: SUB, t0: Date.parse('2026-12-20T08:00:00Z'), replica: `${app}--0000012-6c5b4a398-q2w3e`,
  container: { name: app, image: `crshop.azurecr.io/${app}:2.1.0`, cpu: 0.5, memory: '1Gi', env: [], probes: [], ...container },
});
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const YAML = (app: string): string => `az containerapp update -n ${app} -g rg-shop --yaml app.yaml --subscription ${SUB}`;

/** A change since the healthy revision, as the configuration reader reports it. */
const changed = (app: string, summary: string, changes: NonNullable<AppConfig['changesSinceHealthy']>['changes']): Partial<AppConfig> => ({
  latestRevisionName: `${app}--0000012`,
  failingRevisionName: `${app}--0000012`,
  latestReadyRevisionName: `${app}--0000011`,
  revisions: [
    { name: `${app}--0000011`, active: true, healthState: 'Healthy', trafficWeight: 100 },
    { name: `${app}--0000012`, active: true, healthState: 'Unhealthy' },
  ],
  changesSinceHealthy: { fromRevision: `${app}--0000011`, summary, changes },
});

describe('a probe is changed through the YAML, not only read', () => {
  it('a readiness probe answered 404: the path is edited in the YAML and applied with update --yaml', () => {
    // https://azureossd.github.io/2023/08/23/Container-Apps-Troubleshooting-and-configuration-with-Health-Probes/ ("Readiness probe failed: HTTP probe failed with statuscode: 404")
    const { target, config, sys } = shape('catalog-web');
    const row = 'Readiness probe failed: HTTP probe failed with statuscode: 404';
    const f = primary({
      system: [sys('ReplicaUnhealthy', row, 5), sys('ReplicaUnhealthy', row, 15)],
      console: [], target: target(),
      config: config({ ingress: { external: true, targetPort: 3000 } }, { probes: [{ type: 'Readiness', transport: 'http', port: 3000, path: '/status/ready' }] }),
    });
    expect(texts(f)).toContain('answers 404 on /status/ready');
    expect(texts(f)).toContain('httpGet.path of the Readiness probe');
    expect(texts(f)).toContain('`az containerapp show -n catalog-web -g rg-shop -o yaml --subscription');
    expect(all(f)).toContain(YAML('catalog-web'));
    expect(all(f)).not.toContain("--query 'properties.template.containers[].probes'");
    expectValidCommands(f);
  });

  it('a change worded "probe path changed /a -> /b" is set back to the old path', () => {
    // https://azureossd.github.io/2023/08/23/Container-Apps-Troubleshooting-and-configuration-with-Health-Probes/ (a probe path the app does not serve)
    const { target, config, sys } = shape('notes-api');
    const row = 'Readiness probe failed: HTTP probe failed with statuscode: 404';
    const f = primary({
      system: [sys('ReplicaUnhealthy', row, 5), sys('ReplicaUnhealthy', row, 15)],
      console: [], target: target(),
      config: config(
        { ingress: { external: true, targetPort: 3000 }, ...changed('notes-api', 'readiness probe path changed /healthz -> /api/health', [{ kind: 'probe-changed', container: 'notes-api', name: 'Readiness' }]) },
        { probes: [{ type: 'Readiness', transport: 'http', port: 3000, path: '/api/health' }] },
      ),
    });
    expect(texts(f)).toContain('from /healthz to /api/health');
    expect(texts(f)).toContain('set it back to /healthz');
    expect(all(f)).toContain(YAML('notes-api'));
    expectValidCommands(f);
  });

  it('a liveness probe that kills a slow start gets a startup probe through the YAML, with the probe\'s own check', () => {
    // https://learn.microsoft.com/azure/container-apps/troubleshooting ("Container ... failed liveness probe, will be restarted"), exit 143 after it
    const { target, config, sys, exit } = shape('claims-svc');
    const f = primary({
      system: [
        sys('ReplicaUnhealthy', 'Liveness probe failed: Get "http://100.100.0.41:8080/actuator/health/liveness": dial tcp 100.100.0.41:8080: connect: connection refused', 30),
        sys('StoppingContainer', 'Container claims-svc failed liveness probe, will be restarted', 40),
        exit(143, 45),
      ],
      console: [], target: target(),
      config: config({ ingress: { external: true, targetPort: 8080 } }, { probes: [{ type: 'Liveness', transport: 'http', port: 8080, path: '/actuator/health/liveness', initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 }] }),
    });
    expect(texts(f)).toContain('the Liveness probe gives it 40s (10s delay + 3 failures × 10s)');
    expect(texts(f)).toContain('Add a Startup probe with the same check (httpGet /actuator/health/liveness on port 8080)');
    expect(all(f)).toContain(YAML('claims-svc'));
    expectValidCommands(f);
  });

  it('a recovered start that the default startup probe cut short: an explicit startup probe on the ingress port, through the YAML', () => {
    // https://learn.microsoft.com/azure/container-apps/health-probes (default probes on the ingress target port; "Container ... failed startup probe, will be restarted")
    const { target, config, sys } = shape('pg-data', { cpu: 1, memory: '2Gi' });
    const f = primary({
      system: [
        sys('ContainerStarted', 'Started container pg-data', -300),
        sys('StoppingContainer', 'Container pg-data failed startup probe, will be restarted', -60),
        sys('ContainerStarted', 'Started container pg-data', -30),
      ],
      console: [], target: target(), config: config({ ingress: { external: false, targetPort: 5432 } }),
    });
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now/);
    expect(texts(f)).toContain('No startup probe is configured on pg-data');
    expect(texts(f)).toContain('tcpSocket on port 5432');
    expect(texts(f)).not.toContain('<app>');
    expect(all(f)).toContain(YAML('pg-data'));
    expectValidCommands(f);
  });

  it('near miss: a liveness probe on another port than ingress gets the port fix, not a startup probe', () => {
    // https://learn.microsoft.com/azure/container-apps/health-probes (a probe on a port the app does not listen on)
    const { target, config, sys, exit } = shape('geo-svc');
    const f = primary({
      system: [
        sys('ReplicaUnhealthy', 'Liveness probe failed: Get "http://100.100.0.7:8081/healthz": dial tcp 100.100.0.7:8081: connect: connection refused', 30),
        sys('StoppingContainer', 'Container geo-svc failed liveness probe, will be restarted', 40),
        exit(143, 45),
      ],
      console: [], target: target(),
      config: config({ ingress: { external: true, targetPort: 8080 } }, { probes: [{ type: 'Liveness', transport: 'http', port: 8081, path: '/healthz', periodSeconds: 10, failureThreshold: 3 }] }),
    });
    expect(texts(f)).not.toContain('Add a Startup probe with the same check');
    expectValidCommands(f);
  });
});

describe('shutdown and sidecars', () => {
  it('a kill after the grace period: terminationGracePeriodSeconds through the YAML, with its current value', () => {
    // https://azureossd.github.io/2024/01/19/Container-Apps-Backoff-restarts-and-container-exits/ ("terminated with exit code '137'" after "Stopping container")
    // The app logged its shutdown, so it got SIGTERM and was still draining: only then does a longer grace period
    // help (v24 review, 95/96/100: a silent kill gets no grace-period step, see stepsTemplateNames28).
    const { target, config, sys, line } = shape('socket-hub');
    const f = primary({
      system: [sys('StoppingContainer', 'Stopping container socket-hub', 0), sys('ContainerTerminated', "Container 'socket-hub' was terminated with exit code '137'", 30)],
      console: [line('Received SIGTERM, shutting down', 1)], target: target(), config: config({ terminationGracePeriodSeconds: 30 }),
    });
    expect(f.category).toBe('forced-kill');
    expect(texts(f)).toContain('properties.template.terminationGracePeriodSeconds, now 30s');
    expect(all(f)).toContain(YAML('socket-hub'));
    expectValidCommands(f);
  });

  it('daprd exits on a component init timeout: its log, the component it names and its initTimeout, with commands', () => {
    // https://github.com/dapr/dapr/issues/3045 ("process component pubsub error: init timeout for component pubsub exceeded after 5s")
    const { target, config, sys, line } = shape('events-worker');
    const daprd = (s: number) => sys('ContainerTerminated', "Container 'daprd' was terminated with exit code '1' and reason 'ProcessExited'", s);
    const f = primary({
      system: [daprd(10), daprd(70), daprd(190)],
      console: [9, 189].map((s) => ({ ...line('level=fatal msg="process component orders-pubsub error: init timeout for component orders-pubsub exceeded after 5s" app_id=events-worker scope=dapr.runtime type=log', s), container: 'daprd' })),
      target: target(), config: config({ dapr: { enabled: true, appId: 'events-worker', appPort: 8080 }, environment: { name: 'cae-shop' } }),
    });
    expect(all(f)).toContain(`az containerapp logs show -n events-worker -g rg-shop --revision events-worker--0000012 --container daprd --type console --tail 100 --subscription ${SUB}`);
    expect(all(f)).toContain('az containerapp env dapr-component show -n cae-shop -g rg-shop --dapr-component-name orders-pubsub');
    expect(all(f)).toContain('az containerapp env dapr-component set -n cae-shop -g rg-shop --dapr-component-name orders-pubsub --yaml component.yaml');
    expect(texts(f)).toContain('did not finish initialising within 5s');
    expectValidCommands(f);
  });
});

describe('a dependency that is another app of the environment', () => {
  it('Redis on a short name that resolved: TCP ingress on 6379 and one replica, on that app', () => {
    // https://github.com/istio/istio/issues/23476 ("Error: Redis connection to redis:6379 failed - connect ECONNREFUSED 10.102.3.79:6379")
    const { target, config, line, exit } = shape('basket-api');
    const f = primary({
      system: [exit(1, 2)],
      console: [line('Error: Redis connection to cache:6379 failed - connect ECONNREFUSED 10.102.3.79:6379', 0)],
      target: target(), config: config(),
    });
    expect(all(f)).toContain(`az containerapp ingress update -n cache -g rg-shop --transport tcp --target-port 6379 --exposed-port 6379 --subscription ${SUB}`);
    expect(all(f)).toContain(`az containerapp update -n cache -g rg-shop --min-replicas 1 --subscription ${SUB}`);
    expectValidCommands(f);
  });
});

describe('a job holds the cores of its replicas', () => {
  it('the core quota full for a job: its parallelism and the next pair down, on the job', () => {
    // https://learn.microsoft.com/azure/container-apps/quotas ("Maximum Allowed Cores exceeded for the Managed Environment.")
    const { target, config, sys } = shape('etl-split', { cpu: 2, memory: '4Gi' });
    const f = primary({
      system: [sys('AssigningReplicaFailed', 'Maximum Allowed Cores exceeded for the Managed Environment.', 5)],
      console: [], target: target({ kind: 'job' }), config: config({ kind: 'job', job: { triggerType: 'Manual', replicaTimeout: 1800 } }),
    });
    expect(all(f)).toContain(`az containerapp job update -n etl-split -g rg-shop --parallelism <n> --cpu 1 --memory 2Gi --subscription ${SUB}`);
    expect(texts(f)).toContain('holds 2 CPU');
    expectValidCommands(f);
  });
});

describe('a variable the change removed is restored, not only rolled back', () => {
  it('REDIS_URL removed while secret redis-url stays: --set-env-vars REDIS_URL=secretref:redis-url', () => {
    // https://github.com/sidekiq/sidekiq/issues/4318 ("Error connecting to Redis on 127.0.0.1:6379 (Errno::ECONNREFUSED)"; the URL variable was gone)
    const { target, config, line, exit } = shape('mailer-worker');
    const f = primary({
      system: [exit(1, 2)],
      console: [line('Cannot assign requested address - connect(2) for [::1]:6379', 0)],
      target: target(),
      config: config({ secrets: [{ name: 'redis-url' }], ...changed('mailer-worker', 'env var REDIS_URL removed', [{ kind: 'env-removed', container: 'mailer-worker', name: 'REDIS_URL' }]) }),
    });
    expect(all(f)).toContain(`az containerapp update -n mailer-worker -g rg-shop --container-name mailer-worker --set-env-vars REDIS_URL=secretref:redis-url --subscription ${SUB}`);
    expectValidCommands(f);
  });
});

describe('the container\'s start command', () => {
  it('uvicorn on 127.0.0.1 because of the override: the override with --host 0.0.0.0, through the YAML', () => {
    // https://github.com/Neoteroi/BlackSheep/issues/592 ("Uvicorn running on http://127.0.0.1:8000")
    const { target, config, line, sys } = shape('rag-api', { command: ['uvicorn', 'app.main:app', '--port', '8000'] });
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'startup probe failed: connection refused', 20), sys('StoppingContainer', 'Container rag-api failed startup probe, will be restarted', 30)],
      console: [line('INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)', 2)],
      target: target(), config: config({ ingress: { external: true, targetPort: 8000 } }),
    });
    expect(texts(f)).toContain('set the container\'s command to ["uvicorn", "app.main:app", "--port", "8000", "--host", "0.0.0.0"]');
    expect(all(f)).toContain(YAML('rag-api'));
    expectValidCommands(f);
  });

  it('an override with no dashed word is set with --command and --args; a dashed one through the YAML', () => {
    // The CLI reads a value such as --host as its own flag: https://github.com/Azure/azure-cli-extensions/issues/9124
    const make = (s: { text: string; command?: string }) => s;
    const cli = overrideStep({ make, target: { job: false } }, 'Lead.', ['python'], ['manage.py', 'runserver', '0.0.0.0:8000']);
    expect(cli?.command).toBe('az containerapp update -n {app} -g {resourceGroup} --container-name {container} --command python --args manage.py runserver 0.0.0.0:8000');
    const yaml = overrideStep({ make, target: { job: false } }, 'Lead.', ['uvicorn', 'main:app', '--host', '0.0.0.0'], []);
    expect(yaml?.command).toBe('az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml');
    expect(yaml?.text).toContain('set the container\'s command to ["uvicorn", "main:app", "--host", "0.0.0.0"]');
    // A word a shell or the template would read (a quote, a brace) gets no command at all.
    expect(overrideStep({ make, target: { job: false } }, 'Lead.', ['sh', '-c', 'echo {x}'], [])).toBeUndefined();
  });

  it('near miss: a loopback server with no override gets no command-override step', () => {
    // https://github.com/Neoteroi/BlackSheep/issues/592 ("Uvicorn running on http://127.0.0.1:8000")
    const { target, config, line, sys } = shape('rag-img');
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'startup probe failed: connection refused', 20), sys('StoppingContainer', 'Container rag-img failed startup probe, will be restarted', 30)],
      console: [line('INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)', 2)],
      target: target(), config: config({ ingress: { external: true, targetPort: 8000 } }),
    });
    expect(texts(f)).not.toContain('The container\'s command override runs');
    expect(all(f)).not.toMatch(/--command |--yaml app\.yaml/);
    expectValidCommands(f);
  });

  it('a jar the override names is not in the image: the override cleared with --command \'\' --args \'\'', () => {
    // https://github.com/tchiotludo/akhq/issues/140 ("Error: Unable to access jarfile /app/kafkahq.jar")
    const { target, config, line, exit } = shape('topic-ui', { command: ['java'], args: ['-jar', '/opt/app/ui.jar'] });
    const f = primary({ system: [exit(1, 2)], console: [line('Error: Unable to access jarfile /opt/app/ui.jar', 0)], target: target(), config: config() });
    expect(texts(f)).toContain('names /opt/app/ui.jar, which is not in image crshop.azurecr.io/topic-ui:2.1.0');
    expect(all(f)).toContain(`az containerapp update -n topic-ui -g rg-shop --container-name topic-ui --command '' --args '' --subscription ${SUB}`);
    expectValidCommands(f);
  });

  it('near miss: a CRLF script the override names is there, so the override is not cleared', () => {
    // https://github.com/nick-zh/docker-kafka-eagle/issues/18 ("/usr/bin/env: ‘bash\r’: No such file or directory")
    const { target, config, line, exit } = shape('report-svc', { command: ['/app/start.sh'] });
    const f = primary({ system: [exit(127, 2)], console: [line('/usr/bin/env: ‘bash\\r’: No such file or directory', 0)], target: target(), config: config() });
    expect(all(f)).not.toContain("--command ''");
    expectValidCommands(f);
  });

  it('PHP\'s memory_limit raised on the php command the override runs', () => {
    // https://github.com/faveosuite/faveo-helpdesk/issues/7160 ("Allowed memory size of 268435456 bytes exhausted (tried to allocate 33558528 bytes)")
    const { target, config, line, exit } = shape('queue-php', { command: ['php', 'artisan', 'queue:work', '--tries=3'] });
    const f = primary({ system: [exit(255, 2)], console: [line('PHP Fatal error:  Allowed memory size of 268435456 bytes exhausted (tried to allocate 33558528 bytes)', 0)], target: target(), config: config() });
    expect(texts(f)).toContain('["php", "-d", "memory_limit=512M", "artisan", "queue:work", "--tries=3"]');
    expect(all(f)).toContain(YAML('queue-php'));
    expectValidCommands(f);
  });
});

describe('memory, logs and the way back', () => {
  it('a JVM killed at its limit after "Java heap space": the heap cap set through JAVA_TOOL_OPTIONS', () => {
    // https://github.com/eclipse-openj9/openj9/issues/6382 ('Exception in thread "indexer-1" java.lang.OutOfMemoryError: Java heap space')
    const { target, config, line, sys } = shape('search-feed', { cpu: 1, memory: '2Gi' });
    const f = primary({
      system: [sys('ContainerTerminated', "Container 'search-feed' was terminated with exit code '137'", 3)],
      console: [line('Exception in thread "indexer-1" java.lang.OutOfMemoryError: Java heap space', 0)],
      target: target(), config: config(),
    });
    expect(all(f)).toContain("--set-env-vars JAVA_TOOL_OPTIONS='-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError'");
    expect(all(f)).toContain('-n search-feed -g rg-shop --container-name search-feed');
    expectValidCommands(f);
  });

  it('exit 1 with no console at all: the live stream of the revision comes first', () => {
    // https://azureossd.github.io/2024/01/19/Container-Apps-Backoff-restarts-and-container-exits/ (exit code 1 and a back-off, no output)
    const { target, config, sys, exit } = shape('tile-maker');
    const f = primary({ system: [exit(1, 2), exit(1, 60), sys('ContainerBackOff', 'Persistent Failure to start container', 61)], console: [], target: target({ revision: 'tile-maker--0000012' }), config: config() });
    expect(f.steps?.[0]?.command).toBe(`az containerapp logs show -n tile-maker -g rg-shop --revision tile-maker--0000012 --container tile-maker --type console --follow --subscription ${SUB}`);
    expectValidCommands(f);
  });

  it('a panic in the app\'s own code: the way back names the revision copy, with the app\'s names', () => {
    // https://github.com/edgexfoundry/edgex-go/issues/745 ("panic: runtime error: invalid memory address or nil pointer dereference")
    const { target, line, exit } = shape('dev-gateway');
    const f = primary({
      system: [exit(2, 2)],
      console: [line('panic: runtime error: invalid memory address or nil pointer dereference', 0), line('main.main()', 0), line('\t/go/src/github.com/contoso/gateway/main.go:41 +0x1d', 0)],
      target: target(),
    });
    expect(texts(f)).toContain(`\`az containerapp revision copy -n dev-gateway -g rg-shop --from-revision <healthy-revision> --subscription ${SUB}\``);
    expectValidCommands(f);
  });
});

describe('values the rows give', () => {
  it('Kestrel on HTTPS without a certificate: ASPNETCORE_URLS=http://+:<ingress target port>, no blank', () => {
    // https://github.com/jpdillingham/Soulseek.NET/issues/392 ("Unable to configure HTTPS endpoint. No server certificate was specified")
    const { target, config, line, exit } = shape('member-web', { env: [{ name: 'ASPNETCORE_URLS', hasValue: true }] });
    const f = primary({
      system: [exit(134, 2)],
      console: [line('Unhandled exception. System.InvalidOperationException: Unable to configure HTTPS endpoint. No server certificate was specified, and the default developer certificate could not be found or is out of date.', 0)],
      target: target(),
      config: config({ ingress: { external: true, targetPort: 8080 }, ...changed('member-web', 'ASPNETCORE_URLS value changed', [{ kind: 'env-value-set', container: 'member-web', name: 'ASPNETCORE_URLS' }]) }),
    });
    expect(all(f)).not.toContain('ASPNETCORE_URLS=<value>');
    expect(all(f)).toContain(`az containerapp update -n member-web -g rg-shop --container-name member-web --set-env-vars ASPNETCORE_URLS=http://+:8080 --subscription ${SUB}`);
    expectValidCommands(f);
  });

  it('an Azure Files mount row names the share: the storage set command carries it', () => {
    // https://github.com/microsoft/azure-container-apps/issues/873 ('MountVolume.SetUp failed for volume "uploads" : ... mount //contosouploads.file.core.windows.net/uploads ... Permission denied')
    const { target, config, sys } = shape('upload-api');
    const row = 'MountVolume.SetUp failed for volume "docs-share" : rpc error: code = Internal desc = volume() mount //stshopdocs.file.core.windows.net/shop-docs on /var/lib/kubelet/pods/1/volumes/kubernetes.io~csi/docs-share/mount failed with mount failed: exit status 32 Output: mount error(13): Permission denied';
    const f = primary({
      system: [sys('VolumeMountFailure', row, 5), sys('VolumeMountFailure', row, 65)],
      console: [], target: target(),
      config: config({ volumes: [{ name: 'docs-share', storageType: 'AzureFile', storageName: 'docs' }] }, { volumeMounts: [{ volumeName: 'docs-share', mountPath: '/data' }] }),
    });
    expect(all(f)).not.toContain('--azure-file-share-name <share-name>');
    // The key is read from the account inside the command (review v19 #13: no blank for what Azure can read).
    expect(all(f)).toContain(`--azure-file-account-name stshopdocs --azure-file-account-key $(az storage account keys list -n stshopdocs --query '[0].value' -o tsv --subscription ${SUB}) --azure-file-share-name shop-docs`);
    expectValidCommands(f);
  });
});

describe('a shared access policy without the right', () => {
  it('Event Hubs Send refused with no configuration read: a Send policy on the event hub, the secret left to name', () => {
    // https://github.com/Azure/azure-sdk-for-net/issues/39793 (the "'Send' claim(s) are required" wording of the same refusal)
    const { target, line, exit } = shape('click-sink');
    const f = primary({
      system: [exit(1, 2)],
      console: [line("Azure.Messaging.EventHubs.EventHubsException: Unauthorized access. 'Send' claim(s) are required to perform this operation. Resource: 'sb://eh-shop-prod.servicebus.windows.net/clicks'. (EventHubProducerClient)", 0)],
      target: target(),
    });
    const group = `$(az resource list -n eh-shop-prod --resource-type Microsoft.EventHub/namespaces --query '[0].resourceGroup' -o tsv --subscription ${SUB})`;
    expect(all(f)).toContain(`az eventhubs eventhub authorization-rule create -g ${group} --namespace-name eh-shop-prod --eventhub-name clicks -n click-sink-send --rights Send`);
    expect(all(f)).toContain('--secrets <secret-name>=$(az eventhubs eventhub authorization-rule keys list');
    expectValidCommands(f);
  });

  it('Service Bus Listen refused on a topic subscription: a Listen policy on the topic, its connection string into the secret, a restart', () => {
    // https://github.com/Azure/azure-sdk-for-net/issues/39793 ("Unauthorized access. 'Listen' claim(s) are required to perform this operation")
    const { target, config, line, exit } = shape('order-reader', { env: [{ name: 'SERVICEBUS_CONNECTION', secretRef: 'sb-conn', hasValue: false }] });
    const f = primary({
      system: [exit(1, 2)],
      console: [line("com.microsoft.azure.servicebus.primitives.AuthorizationFailedException: Unauthorized access. 'Listen' claim(s) are required to perform this operation. Resource: 'sb://sb-shop-prod.servicebus.windows.net/orders/subscriptions/order-reader'.", 0)],
      target: target(), config: config({ secrets: [{ name: 'sb-conn' }] }),
    });
    const group = `$(az resource list -n sb-shop-prod --resource-type Microsoft.ServiceBus/namespaces --query '[0].resourceGroup' -o tsv --subscription ${SUB})`;
    expect(all(f)).toContain(`az servicebus topic authorization-rule create -g ${group} --namespace-name sb-shop-prod --topic-name orders -n order-reader-listen --rights Listen`);
    expect(all(f)).toContain(`az containerapp secret set -n order-reader -g rg-shop --secrets sb-conn=$(az servicebus topic authorization-rule keys list -g ${group} --namespace-name sb-shop-prod --topic-name orders -n order-reader-listen --query primaryConnectionString -o tsv --subscription ${SUB})`);
    expect(all(f)).toContain('az containerapp revision restart -n order-reader -g rg-shop');
    expectValidCommands(f);
  });
});
