/**
 * The recurring classes of the second steps review (issue #11, docs/steps-review.md): names the rows
 * give reach the commands, a dependency's steps name the variable it is configured by, a recovered
 * failure says nothing is needed now, and the fix made in Azure carries its `az` command.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15';
const { at, target, container, config, sys, exit, line } = appFixtures({
  app: 'njump', resourceGroup: 'rg-prod', subscriptionId: SUB, t0: Date.parse('2026-11-24T09:14:00Z'),
  replica: 'njump--11k203p-33e3f9b0a-5m6ck',
  container: { name: 'njump', image: 'crprod.azurecr.io/njump:1.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});


describe('revision and container come from the rows when the alert did not name them', () => {
  // Without its frame line: with one (`/app/main.go:69`), the step to read the log is left out (stepsReview17.test.ts).
  it('a Go panic read from console lines gets a log command for its revision and container', () => {
    const f = primary({
      system: [exit(2, 5), exit(2, 40)],
      console: [line('panic: runtime error: invalid memory address or nil pointer dereference', 0)],
      target: target(),
    });
    const all = commands(f).join('\n');
    expect(all).toContain('--revision njump--11k203p');
    expect(all).toContain('--container njump');
    expect(all).not.toMatch(/<revision>|<container>/);
    expectValidCommands(f);
  });
});

describe('an unreachable dependency names the variable that configures it', () => {
  it('a Redis default on 127.0.0.1 says what localhost is and sets REDIS_URL from a secret', () => {
    const f = primary({
      system: [exit(1, 5), exit(1, 40)],
      console: [line('ERROR: heartbeat: Error connecting to Redis on 127.0.0.1:6379 (ECONNREFUSED)', 0)],
      target: target({ name: 'feedbin-worker' }),
      config: config({ name: 'feedbin-worker' }, { name: 'feedbin-worker' }),
    });
    expect(f.category).toBe('dependency-unreachable');
    const t = texts(f);
    expect(t).toMatch(/127\.0\.0\.1 is the replica itself/);
    expect(t).toContain('REDIS_URL');
    expect(t).not.toMatch(/firewall|retry/i);
    expect(commands(f).join('\n')).toContain('--set-env-vars REDIS_URL=secretref:redis-url');
    expectValidCommands(f);
  });

  it('a variable of the service that is not its address (a group id) is not offered as the one to fix', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('WARN org.apache.kafka.clients.NetworkClient : Connection to node -1 (localhost/127.0.0.1:9092) could not be established. Broker may not be available.', 0)],
      target: target({ name: 'email-consumer' }),
      config: config({ name: 'email-consumer' }, { name: 'email-consumer', env: [{ name: 'KAFKA_CONSUMER_GROUP_ID', hasValue: true }] }),
    });
    expect(texts(f)).not.toContain('KAFKA_CONSUMER_GROUP_ID');
  });
});

describe('a failure the app recovered from says so first', () => {
  it('a database that was unreachable once, then a restart that runs: no action now, and the retry that prevents it', () => {
    const f = primary({
      system: [sys('ContainerStarted', 'Started container njump', -36), exit(1, 0), sys('ContainerStarted', 'Started container njump', 15)],
      console: [
        line("Can't reach database server at `storefront-db.mysql.database.azure.com`:`3306`", -3),
        line('GET /api/products/42 200 in 84ms', 17),
      ],
      target: target(),
    });
    expect(f.category).toBe('dependency-unreachable');
    const steps = f.steps ?? [];
    expect(steps[0]?.text).toMatch(/^No action needed now: the app recovered/);
    expect(steps).toHaveLength(2);
    expect(steps[1]?.text).toContain('storefront-db.mysql.database.azure.com');
  });
});

describe('a port clash is looked for inside the container first', () => {
  it('puma binding its port twice names the control app, not another container, and adds no padding', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('Puma starting in single mode...', 0), line('ERROR: Address already in use - bind(2) for "0.0.0.0" port 9292 (Errno::EADDRINUSE)', 1)],
      target: target({ name: 'mastodon-web' }),
      config: config({ name: 'mastodon-web' }, { name: 'mastodon-web' }),
    });
    const t = texts(f);
    expect(t).toContain('activate_control_app');
    expect(t).not.toMatch(/which container of the replica|Keep the ingress target port/);
  });

  it('with sidecars in the template, the step names them and lists the containers', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('Web server failed to start. Port 8080 was already in use.', 1)],
      target: target({ name: 'cart-api' }),
      config: { ...config({ name: 'cart-api' }, { name: 'cart-api' }), containers: [container({ name: 'cart-api' }), container({ name: 'envoy', image: 'envoyproxy/envoy:v1.30' })] },
    });
    expect(texts(f)).toContain('(envoy)');
    expect(commands(f).join('\n')).toContain("az containerapp show -n cart-api -g rg-prod --query 'properties.template.containers[]");
    expectValidCommands(f);
  });
});

describe('memory steps do not contradict themselves, and a job has no revisions', () => {
  it('a PHP memory_limit is raised above the one hit, with no container-metric step', () => {
    const f = primary({
      system: [exit(255, 5)],
      console: [line('PHP Fatal error:  Allowed memory size of 1073741824 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/lib/File.php on line 88', 0)],
      target: target({ name: 'nextcloud' }),
      config: config({ name: 'nextcloud' }, { name: 'nextcloud', memory: '2Gi', cpu: 1 }),
    });
    const t = texts(f);
    expect(t).toContain('1536M');
    expect(t).not.toMatch(/512M|Memory Working Set/);
  });

  it('a command-line -Xmx is raised where it is set, not through JAVA_TOOL_OPTIONS', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('[opensearch] java -Xms8m -Xmx8m -jar opensearch.jar', -5), line('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space', 0)],
      target: target({ name: 'search' }),
      config: config({ name: 'search' }, { name: 'search', memory: '4Gi', cpu: 2 }),
    });
    expect(texts(f)).toMatch(/-Xmx8m on the java command line, which wins over JAVA_TOOL_OPTIONS/);
    expect(commands(f).join('\n')).not.toContain('JAVA_TOOL_OPTIONS');
  });

  it('a Node heap cap gets the NODE_OPTIONS command sized from the container', () => {
    const f = primary({
      system: [exit(134, 5)],
      console: [line('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', 0)],
      target: target({ name: 'media-server' }),
      config: config({ name: 'media-server' }, { name: 'media-server', memory: '2Gi', cpu: 1 }),
    });
    expect(commands(f).join('\n')).toContain('--set-env-vars NODE_OPTIONS=--max-old-space-size=1536');
    expectValidCommands(f);
  });

  it('a job killed at its memory limit gets the job command and no "new revision"', () => {
    const f = primary({
      system: [sys('ContainerTerminated', "Container 'etl' was terminated with exit code '137' and reason 'OOMKilled'", 5)],
      console: [],
      target: target({ name: 'etl-nightly', kind: 'job' }),
      config: { ...config({ name: 'etl-nightly', kind: 'job' }, { name: 'etl', memory: '0.5Gi', cpu: 0.25 }) },
    });
    expect(texts(f)).not.toContain('new revision');
    expect(commands(f).join('\n')).toContain('az containerapp job update -n etl-nightly');
  });
});

describe('a missing variable the rows name gets the commands that set it', () => {
  it('Laravel APP_KEY: secret set and --set-env-vars with secretref', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('production.ERROR: No application encryption key has been specified. {"exception":"[object] (Illuminate\\\\Encryption\\\\MissingAppKeyException(code: 0)', 0)],
      target: target({ name: 'speedtest' }),
      config: config({ name: 'speedtest' }, { name: 'speedtest' }),
    });
    const all = commands(f).join('\n');
    expect(all).toContain('az containerapp secret set -n speedtest -g rg-prod --secrets app-key=<value>');
    expect(all).toContain('--set-env-vars APP_KEY=secretref:app-key');
    expectValidCommands(f);
  });
});

describe('fixes made in Azure carry their command, and templates drop a clause whose name is missing', () => {
  it('a job stopped at its replica timeout gets job update --replica-timeout, not SIGTERM advice', () => {
    const f = primary({
      system: [sys('DeadlineExceeded', 'Job was active longer than specified deadline', 5)],
      console: [],
      target: target({ name: 'blob-copy', kind: 'job' }),
      config: { ...config({ name: 'blob-copy', kind: 'job' }, { name: 'blob-copy' }), job: { replicaTimeout: 1800 } } as AppConfig,
    });
    expect(commands(f).join('\n')).toContain('az containerapp job update -n blob-copy -g rg-prod --replica-timeout 3600');
    expect(texts(f)).not.toMatch(/SIGTERM|terminationGracePeriodSeconds/);
    expect(f.title).not.toMatch(/ s grace/);
    expectValidCommands(f);
  });

  it('a registry firewall refusal gets acr network-rule add with the client IP', () => {
    const f = primary({
      system: [sys('Failed', "Failed to pull image \"fabrikamprod.azurecr.io/billing-api:1.2\": denied: client with IP '20.81.14.7' is not allowed access", 5)],
      console: [],
      target: target({ name: 'billing-api' }),
      config: config({ name: 'billing-api' }, { name: 'billing-api', image: 'fabrikamprod.azurecr.io/billing-api:1.2' }),
    });
    expect(commands(f).join('\n')).toContain('az acr network-rule add -n fabrikamprod --ip-address 20.81.14.7');
    expectValidCommands(f);
  });

  it('a KEDA scale rule without a name leaves no dangling "scale rule :"', () => {
    const f = primary({
      system: [sys('KEDAScalerFailed', 'KEDA failed to get the metric: kafka: client has run out of available brokers to talk to', 5)],
      console: [],
      target: target({ name: 'telemetry-consumer' }),
    });
    expect(f.title).not.toMatch(/rule :|rule $/);
  });
});

describe('an entrypoint failure gets the fix for the cause it names', () => {
  const run = (text: string, image?: string) =>
    primary({
      system: [exit(127, 5)],
      console: [line(text, 0)],
      target: target({ name: 'copilot-api' }),
      config: config({ name: 'copilot-api' }, { name: 'copilot-api', ...(image ? { image } : {}) }),
    });

  it('a script that is "not found" points at a CRLF shebang and says how to convert it', () => {
    const t = texts(run('exec /entrypoint.sh: no such file or directory'));
    expect(t).toMatch(/Windows line ending/);
    expect(t).toContain("sed -i 's/\\r$//' /entrypoint.sh");
  });

  it('a command that is not installed says to install it or fix PATH', () => {
    expect(texts(run('/bin/sh: 1: exec: gunicorn: not found'))).toMatch(/gunicorn is not installed in the final image/);
  });

  it('a missing dist/ entry file says to run the build and copy dist/ into the final stage', () => {
    expect(texts(run("Error: Cannot find module '/usr/src/app/dist/main.js'"))).toContain('copy /usr/src/app/dist/ into the final stage');
  });

  it('an arm64 image gets the rebuild and the redeploy command, not a shebang hedge', () => {
    const f = run('exec /usr/local/bin/docker-entrypoint.sh: exec format error', 'contosoacr.azurecr.io/chat:6.9.2-arm64');
    expect(texts(f)).not.toMatch(/shebang/);
    expect(commands(f).join('\n')).toContain('--image contosoacr.azurecr.io/chat:<new-tag>');
    expectValidCommands(f);
  });
});

describe('a missing role names the role and the resource, with the command that grants it', () => {
  it('Service Bus refusing Listen: Data Receiver on the namespace the rows name', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line("Exception on Receiver sb://sb-orders-prod.servicebus.windows.net/orders: Unauthorized access. 'Listen' claim(s) are required to perform this operation.", 0)],
      target: target({ name: 'orders-listener' }),
      config: config({ name: 'orders-listener' }, { name: 'orders-listener' }),
    });
    const all = commands(f).join('\n');
    expect(all).toContain("--role 'Azure Service Bus Data Receiver' --scope $(az resource list -n sb-orders-prod --resource-type Microsoft.ServiceBus/namespaces");
    expect(texts(f)).not.toMatch(/Data Sender \(Send\) or Data Receiver/);
    expectValidCommands(f);
  });

  it('no managed identity at all: the command that assigns the system-assigned one', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('Azure.Identity.CredentialUnavailableException: ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.', 0)],
      target: target({ name: 'pricing-api' }),
      config: config({ name: 'pricing-api' }, { name: 'pricing-api' }),
    });
    expect(commands(f).join('\n')).toContain('az containerapp identity assign -n pricing-api -g rg-prod --system-assigned');
    expectValidCommands(f);
  });
});

describe('permission and credential steps read the cause the rows give', () => {
  it('a denied path on a mounted volume names the volume and mount options, not chown in the image', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line("Error: EACCES: permission denied, mkdir '/home/app/data/uploads'", 0)],
      target: target({ name: 'electerm' }),
      config: {
        ...config({ name: 'electerm' }, { name: 'electerm', volumeMounts: [{ volumeName: 'data', mountPath: '/home/app/data' }] }),
        volumes: [{ name: 'data', storageType: 'AzureFile', storageName: 'data-share' }],
      } as AppConfig,
    });
    const t = texts(f);
    expect(t).toContain('volume data');
    expect(t).toMatch(/mountOptions/);
    expect(t).not.toMatch(/chown in the Dockerfile/);
  });

  it('Redis NOAUTH says the password was never sent, not that it was rotated', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('ReplyError: NOAUTH Authentication required.', 0)],
      target: target({ name: 'bull-worker' }),
      config: config({ name: 'bull-worker' }, { name: 'bull-worker', env: [{ name: 'REDIS_HOST', hasValue: true }] }),
    });
    const t = texts(f);
    expect(t).toMatch(/sent none \(NOAUTH\)/);
    expect(t).not.toMatch(/rotated/);
  });
});

describe('a missing runtime piece is not a package to declare', () => {
  it('a missing .NET shared framework points at the runtime base image, not the .csproj', () => {
    const f = primary({
      system: [exit(150, 5)],
      console: [
        line('You must install or update .NET to run this application.', 0),
        line("Framework: 'Microsoft.NETCore.App', version '9.0.0' (x64)", 0),
      ],
      target: target({ name: 'motor-bridge' }),
    });
    const t = texts(f);
    expect(t).toMatch(/runtime image that carries Microsoft\.NETCore\.App/);
    expect(t).not.toMatch(/Declare Microsoft/);
  });

  it('libssl.so.1.1 says OpenSSL 1.1 is gone from current images, with no unrelated package example', () => {
    const f = primary({
      system: [exit(127, 5)],
      console: [line('bwt: error while loading shared libraries: libssl.so.1.1: cannot open shared object file: No such file or directory', 0)],
      target: target({ name: 'bwt' }),
    });
    const t = texts(f);
    expect(t).toMatch(/OpenSSL 3/);
    expect(t).not.toContain('libpq5');
  });
});

describe('a kill after a memory cut names the cut and sets it back', () => {
  it('2Gi cut to 0.5Gi since the healthy revision: --cpu 1.0 --memory 2Gi', () => {
    const f = primary({
      system: [exit(137, 5, 'pdf-render'), exit(137, 60, 'pdf-render')],
      console: [],
      target: target({ name: 'pdf-render' }),
      config: {
        ...config({ name: 'pdf-render', activeRevisionsMode: 'Single' }, { name: 'pdf-render', memory: '0.5Gi', cpu: 0.25 }),
        changesSinceHealthy: { fromRevision: 'pdf-render--0000007', summary: 'cpu 1.0 -> 0.25, memory 2Gi -> 0.5Gi', changes: [{ kind: 'memory', container: 'pdf-render' }] },
      } as AppConfig,
    });
    const all = commands(f).join('\n');
    expect(all).toContain('az containerapp update -n pdf-render -g rg-prod --container-name pdf-render --cpu 1.0 --memory 2Gi');
    expect(texts(f)).toContain('cut memory from 2Gi to 0.5Gi');
    expectValidCommands(f);
  });
});

describe('a liveness failure is not a slow start', () => {
  it('"failed liveness probe" gets the probe check (with its scheme) and no startup-probe padding', () => {
    const f = primary({
      system: [sys('StoppingContainer', 'Container ledger-api failed liveness probe, will be restarted', 5), sys('StoppingContainer', 'Container ledger-api failed liveness probe, will be restarted', 65)],
      console: [],
      target: target({ name: 'ledger-api' }),
    });
    const t = texts(f);
    expect(t).not.toMatch(/slow starter/);
  });
});
