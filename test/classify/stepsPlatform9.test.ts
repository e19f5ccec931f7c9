/**
 * Platform steps of the eighth steps review (issue #11): a pull that timed out, a tag with no linux/amd64
 * image, an image with no tag (`:latest`), a Secret volume listing a removed secret, and a probe's own
 * timeout. Each incident uses a public wording, with its source.
 */
import { analyse } from '../../src/classify';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7a1d3c52-0e4b-4f86-9b2a-5c6d7e8f9012';
const shape = (image: string) => appFixtures({
  app: 'edge-web', resourceGroup: 'rg-edge', subscriptionId: SUB, t0: Date.parse('2026-12-05T09:00:00Z'),
  replica: 'edge-web--0000004-7b9c8d6f5-q4w8e',
  container: { name: 'edge-web', image, cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');

describe('image pulls by the registry\'s answer', () => {
  it('a pull that timed out gets image size and a registry close to the environment, not auth or tag checks', () => {
    // https://github.com/kubernetes/minikube/issues/14789 ("rpc error: code = Unknown desc = context deadline exceeded")
    const { target, config, sys } = shape('quay.io/contoso/edge-web:2026.09');
    const f = primary({ system: [sys('ImagePullFailure', 'Failed to pull image "quay.io/contoso/edge-web:2026.09": rpc error: code = Unknown desc = context deadline exceeded')], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('timed out');
    expect(all(f)).toContain('az acr import -n <registry> --source quay.io/contoso/edge-web:2026.09 --image contoso/edge-web:2026.09');
    expect(texts(f)).not.toMatch(/private DNS|exists in|Find the "Failed to pull image" row/);
    expectValidCommands(f);
  });

  it('a tag with no linux/amd64 image gets a multi-arch build or another tag', () => {
    // https://github.com/pbogre/jetlog/issues/143 ("no matching manifest for linux/amd64 in the manifest list entries")
    const { target, config, sys } = shape('docker.io/pbogre/jetlog:1.1.6');
    const f = primary({ system: [sys('ImagePullFailure', 'Failed to pull image "docker.io/pbogre/jetlog:1.1.6": no matching manifest for linux/amd64 in the manifest list entries')], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('has no linux/amd64 image');
    expect(texts(f)).toContain('--platform linux/amd64,linux/arm64');
    expect(all(f)).toContain('--image docker.io/pbogre/jetlog:<tag>');
    expectValidCommands(f);
  });

  it('an image with no tag pulls :latest: name it and pin a tag', () => {
    // https://github.com/basecamp/once-campfire/issues/14 ("manifest unknown" for the untagged image)
    const { target, config, sys } = shape('ghcr.io/basecamp/once-campfire');
    const f = primary({ system: [sys('ImagePullFailure', 'Failed to pull image "ghcr.io/basecamp/once-campfire": manifest unknown')], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('ghcr.io/basecamp/once-campfire names no tag, so the platform pulls ghcr.io/basecamp/once-campfire:latest');
    expect(all(f)).toContain('--image ghcr.io/basecamp/once-campfire:<tag>');
    expectValidCommands(f);
  });
});

describe('a Secret volume whose secret was removed', () => {
  it('gets the secret back (or the volume\'s list fixed), never Azure Files keys or SMB', () => {
    // https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/container-apps/log-monitoring.md ("Error mounting volume")
    const { target, config, sys } = shape('contosoacr.azurecr.io/edge-web:1.2.0');
    const cfg = config({
      secrets: [{ name: 'proxy-tls-cert' }],
      volumes: [{ name: 'tls-certs', storageType: 'Secret', secrets: [{ secretRef: 'proxy-tls-cert', path: 'tls.crt' }, { secretRef: 'proxy-tls-key', path: 'tls.key' }] }],
    });
    const f = primary({ system: [sys('VolumeMountFailure', 'Error mounting volume tls-certs.')], console: [], target: target(), config: cfg });
    expect(texts(f)).toContain('Volume tls-certs is a Secret volume');
    expect(all(f)).toContain('az containerapp secret set -n edge-web -g rg-edge --secrets proxy-tls-key=<value>');
    expect(texts(f)).not.toMatch(/account key|SMB|port 445/);
    expectValidCommands(f);
  });
});

describe('probes', () => {
  it('a probe that timed out names its own timeoutSeconds and the value to set', () => {
    // https://github.com/Greenstand/treetracker-infrastructure/issues/138 ("context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
    const { target, config, sys } = appFixtures({
      app: 'search-api', resourceGroup: 'rg-edge', subscriptionId: SUB, t0: Date.parse('2026-12-05T09:00:00Z'), replica: 'search-api--0000061-7d8f6c9b5-e2r5t',
      container: { name: 'search-api', image: 'contosoacr.azurecr.io/search-api:4.8.0', cpu: 1, memory: '2Gi', env: [], probes: [{ type: 'Readiness', transport: 'http', port: 3101, path: '/ready', periodSeconds: 5, timeoutSeconds: 1 }] },
    });
    const row = sys('ReplicaUnhealthy', 'Readiness probe failed: Get "http://100.100.0.77:3101/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
    const f = primary({ system: [row], console: [], target: target(), config: config({ ingress: { external: true, targetPort: 3101 } }) });
    expect(texts(f)).toContain('waits only 1s (timeoutSeconds 1)');
    expect(texts(f)).toContain('Raise its timeoutSeconds to 5');
    expect(all(f)).toContain('az containerapp update -n search-api -g rg-edge --yaml app.yaml');
    expectValidCommands(f);
  });
});

describe('recovered starts lead with no action needed now', () => {
  it('a pull that timed out once and then succeeded is recovered, with the prevention after', () => {
    // https://github.com/trueforge-org/truecharts/issues/8800 ("context deadline exceeded") then a successful pull
    const { target, config, sys } = shape('contosoml.azurecr.io/edge-web:3.0.0');
    const a = analyse({
      system: [
        sys('ImagePullFailure', 'Failed to pull image "contosoml.azurecr.io/edge-web:3.0.0": rpc error: code = Unknown desc = context deadline exceeded', 0),
        sys('ImagePulled', 'Successfully pulled image "contosoml.azurecr.io/edge-web:3.0.0" in 4m16.38s (4m16.38s including waiting)', 300),
        sys('ContainerStarted', 'Started container edge-web', 301),
      ],
      console: [], target: target(), config: config(),
    });
    expect(a.state?.state).toBe('recovered');
    const f = a.findings[0]!;
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now/);
    expect(texts(f)).toContain('timed out');
  });

  it('a mount that failed once and then mounted says to create the share before deploying', () => {
    // https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/container-apps/log-monitoring.md ("Error mounting volume", then "Successfully mounted volume")
    const { target, config, sys } = shape('contosoacr.azurecr.io/edge-web:2.0.0');
    const a = analyse({
      system: [sys('VolumeMountFailure', 'Error mounting volume uploads.', 0), sys('VolumeMounted', 'Successfully mounted volume uploads', 120), sys('ContainerStarted', 'Started container edge-web', 121)],
      console: [], target: target(), config: config({ volumes: [{ name: 'uploads', storageType: 'AzureFile', storageName: 'uploads-share' }] }),
    });
    expect(a.state?.state).toBe('recovered');
    expect(a.findings[0]!.steps?.[0]?.text).toMatch(/^No action needed now/);
    expect(texts(a.findings[0]!)).toContain('create the share');
  });

  it('near miss: a pull that keeps failing stays failing to start', () => {
    const { target, config, sys } = shape('quay.io/contoso/edge-web:2026.09');
    const row = 'Failed to pull image "quay.io/contoso/edge-web:2026.09": rpc error: code = Unknown desc = context deadline exceeded';
    const a = analyse({ system: [sys('ImagePullFailure', row, 0), sys('ImagePullFailure', row, 300)], console: [], target: target(), config: config() });
    expect(a.state?.state).toBe('failing-to-start');
  });
});

describe('commands, scale rules, init containers, memory', () => {
  it('a job whose command override is only db:seed gets the command/args split, not a PATH or rebuild step', () => {
    // https://github.com/moby/moby/issues/37713 ("exec: \"db:seed\": executable file not found in $PATH")
    const { target, config, sys } = shape('contosoacr.azurecr.io/db-seed:4.0.2');
    const row = sys('ContainerCreateFailure', 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: container_linux.go:348: starting container process caused "exec: \\"db:seed\\": executable file not found in $PATH": unknown');
    const f = primary({ system: [row], console: [], target: target({ kind: 'job', revision: undefined }), config: { ...config({}, { command: ['db:seed'] }), kind: 'job' } });
    expect(texts(f)).toContain('command override is only db:seed');
    expect(all(f)).toContain('az containerapp job update -n edge-web -g rg-edge --container-name edge-web --command <runner> --args db:seed');
    expect(texts(f)).not.toMatch(/absolute path|rebuilt image/);
    expectValidCommands(f);
  });

  it('a Service Bus scale rule with queueName and subscriptionName names the field to drop', () => {
    // https://github.com/kedacore/keda/blob/main/pkg/scalers/azure_servicebus_scaler.go ("subscription name provided with queue name")
    const { target, config, sys } = shape('contosoacr.azurecr.io/edge-web:1.0.0');
    const row = sys('KEDAScalerFailed', 'error getting scaler for trigger #0: error parsing azure service bus metadata: subscription name provided with queue name');
    const f = primary({ system: [row], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('keep queueName and drop subscriptionName');
    expect(all(f)).toContain('az containerapp update -n edge-web -g rg-edge --yaml app.yaml');
    expectValidCommands(f);
  });

  it('an init container that cannot start its script is the target of the deploy step', () => {
    // https://github.com/lostb1t/replex/issues/48 ("exec /app/migrate.sh: no such file or directory")
    const { target, config, sys, line } = shape('contosoacr.azurecr.io/edge-web:5.0.0');
    const f = primary({
      system: [sys('ContainerTerminated', "Container 'db-migrate' was terminated with exit code '1' and reason 'ProcessExited'", 1), { ...sys('ContainerBackOff', 'Back-off restarting failed container db-migrate in pod edge-web--0000004-7b9c8d6f5-q4w8e', 5) }],
      console: [line('exec /app/migrate.sh: no such file or directory', 0.5)],
      target: target(),
      config: config({ initContainers: [{ name: 'db-migrate', image: 'contosoacr.azurecr.io/edge-web:5.0.0', command: ['/app/migrate.sh'], env: [], probes: [] }] }),
    });
    expect(texts(f)).toContain('init container db-migrate');
    expect(all(f)).not.toContain('--container-name edge-web --image');
    expectValidCommands(f);
  });

  it('a bare exit 137 gives the memory pair to set for the limit that was hit', () => {
    // https://azureossd.github.io/2024/01/19/Container-Apps-Backoff-restarts-and-container-exits/ ("terminated with exit code '137'")
    const { target, config, exit } = shape('contosoacr.azurecr.io/edge-web:1.0.0');
    const f = primary({ system: [exit(137)], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('near the 1Gi limit, raise the container to the next CPU/memory pair (1 CPU, 2Gi)');
    expect(all(f)).toContain('--cpu 1 --memory 2Gi');
  });
});
