/**
 * Platform commands, names and port settings of the seventh steps review (issue #11): the port setting
 * the runtime in the rows reads (never PORT for one that ignores it), the ports the platform saw the
 * container open, `az acr import` and signed-in pulls for Docker Hub's rate limit, the password secret
 * and the restart after `registry set`, an unassigned registry identity, the storage network rule for an
 * NFS mount, and a ReadOnly Azure Files mount. Each incident uses a public wording, with its source.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7a1d3c52-0e4b-4f86-9b2a-5c6d7e8f9012';
const { target, config, sys, line } = appFixtures({
  app: 'quay-web', resourceGroup: 'rg-quay', subscriptionId: SUB, t0: Date.parse('2026-12-04T09:00:00Z'),
  replica: 'quay-web--0000012-7b9c8d6f5-q4w8e',
  container: { name: 'quay-web', image: 'quayreg.azurecr.io/quay-web:2.0.1', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
// https://github.com/microsoft/azure-container-apps/issues/399 (startup probe refused on the ingress target port)
const refused = (port: number, s = 5) => sys('ReplicaUnhealthy', `Startup probe failed: dial tcp 100.100.0.18:${port}: connect: connection refused`, s);
const restartRow = (s = 9) => sys('StoppingContainer', 'Container quay-web failed startup probe, will be restarted', s);

describe('the port setting is the one the runtime in the rows reads', () => {
  it('Spring Boot (Tomcat started on port 8080) is moved with SERVER_PORT, never PORT', () => {
    // https://azureossd.github.io/2023/08/23/Container-Apps-Troubleshooting-and-configuration-with-Health-Probes/
    const tomcat = line("2026-12-04T08:59:58.412Z  INFO 1 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path ''", 1);
    const f = primary({ system: [refused(80), restartRow()], console: [tomcat], target: target(), config: config({ ingress: { external: true, targetPort: 80 } }) });
    expect(all(f)).toContain('--target-port 8080');
    expect(all(f)).toContain('--set-env-vars SERVER_PORT=80');
    expect(all(f)).not.toMatch(/--set-env-vars PORT=/);
    expectValidCommands(f);
  });

  it('uvicorn whose args set --port 3000: the args are changed in the YAML, no PORT variable', () => {
    // https://github.com/microsoft/azure-container-apps/issues/1561 ("Uvicorn running on http://0.0.0.0:3000")
    const uvicorn = line('INFO:     Uvicorn running on http://0.0.0.0:3000 (Press CTRL+C to quit)', 1);
    const f = primary({ system: [refused(8000), restartRow()], console: [uvicorn], target: target(), config: config({ ingress: { external: true, targetPort: 8000 } }, { args: ['--port', '3000'] }) });
    expect(all(f)).toContain('--target-port 3000');
    expect(texts(f)).toContain("the container's args set the port (`--port 3000`)");
    expect(all(f)).toContain('az containerapp update -n quay-web -g rg-quay --yaml app.yaml');
    expect(all(f)).not.toContain('--set-env-vars');
    expectValidCommands(f);
  });

  it('uvicorn with no port in the container\'s args: --port in its start command or UVICORN_PORT, not PORT', () => {
    const uvicorn = line('INFO:     Uvicorn running on http://0.0.0.0:3000 (Press CTRL+C to quit)', 1);
    const f = primary({ system: [refused(8000), restartRow()], console: [uvicorn], target: target(), config: config({ ingress: { external: true, targetPort: 8000 } }) });
    expect(texts(f)).toContain('Or make uvicorn listen on 8000: it takes its port from its start command, not from PORT');
    expect(texts(f)).toContain('UVICORN_PORT');
    expect(all(f)).not.toContain('--set-env-vars');
  });

  it('a Node app (near miss) keeps PORT', () => {
    // https://github.com/microsoft/azure-container-apps/issues/399
    const node = line('Server listening on port 3000', 1);
    const f = primary({ system: [refused(8080), restartRow()], console: [node], target: target(), config: config({ ingress: { external: true, targetPort: 8080 } }) });
    expect(all(f)).toContain('--target-port 3000');
    expect(all(f)).toContain('--set-env-vars PORT=8080');
  });

  // https://docs.streamlit.io/develop/api-reference/configuration/config.toml (server.port, STREAMLIT_SERVER_PORT; Streamlit reads no PORT)
  it('a Streamlit app (`streamlit run` in the command) moves through STREAMLIT_SERVER_PORT, not PORT', () => {
    const viaCommand = primary({
      system: [refused(8080), restartRow()], console: [line('Server listening on port 8501', 1)], target: target(),
      config: config({ ingress: { external: true, targetPort: 8080 } }, { command: ['streamlit', 'run', 'app.py'] }),
    });
    expect(all(viaCommand)).toContain('--set-env-vars STREAMLIT_SERVER_PORT=8080');
    expect(all(viaCommand)).not.toContain('--set-env-vars PORT=8080');
  });

  it('the ports the platform saw the container open (a revision\'s running state) lead the steps', () => {
    // https://github.com/microsoft/azure-container-apps/issues/1561 ("The TargetPort 80 does not match any of the listening ports")
    const cfg: AppConfig = config({
      ingress: { external: true, targetPort: 80 },
      latestRevisionName: 'quay-web--0000012',
      revisions: [{ name: 'quay-web--0000012', runningState: 'Failed', runningStateDetails: 'The TargetPort 80 does not match any of the listening ports: [9001 9000].' }],
    });
    const started = (s: number) => sys('ContainerStarted', 'Started container quay-web', s);
    const probe = (s: number) => sys('ReplicaUnhealthy', 'startup probe failed: connection refused', s);
    const f = primary({ system: [started(0), probe(1), started(10), probe(11), started(20), probe(21)], console: [line('2026/12/04 08:59:10 [notice] 1#1: start worker processes', 0.5)], target: target(), config: cfg });
    expect(texts(f)).toContain('listening on 9001 and 9000, not on the ingress target port 80');
    expect(commands(f)[0]).toContain('az containerapp ingress update -n quay-web -g rg-quay --target-port 9001');
    expect(all(f)).not.toContain('--set-env-vars PORT=');
    expectValidCommands(f);
  });
});

describe('registry commands', () => {
  it('Docker Hub rate limit: acr import of that image, the update to the copy, or a signed-in registry entry', () => {
    // https://github.com/docker/hub-feedback/issues/2429 ("toomanyrequests: You have reached your pull rate limit")
    const row = sys('ImagePullFailure', 'Failed to pull image "docker.io/library/nginx:1.27": Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit');
    const f = primary({ system: [row], console: [], target: target(), config: config({ registries: [] }, { image: 'docker.io/library/nginx:1.27' }) });
    expect(all(f)).toContain('az acr import -n <registry> --source docker.io/library/nginx:1.27 --image library/nginx:1.27');
    expect(all(f)).toContain('--image <registry>.azurecr.io/library/nginx:1.27');
    expect(all(f)).toContain('az containerapp registry set -n quay-web -g rg-quay --server docker.io --username <user> --password <token>');
    expect(texts(f)).not.toMatch(/network path/);
    expectValidCommands(f);
  });

  it('a registry that answered 503 (near miss) keeps the status and network checks, no import', () => {
    // https://learn.microsoft.com/en-us/azure/container-apps/troubleshooting
    const row = sys('ImagePullFailure', 'Failed to pull image "quayreg.azurecr.io/quay-web:2.0.1": rpc error: code = Unknown desc = 503 Service Unavailable');
    const f = primary({ system: [row], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('network path');
    expect(all(f)).not.toContain('acr import');
  });

  // https://github.com/Azure/AKS/issues/4459 ("failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized")
  const unauthorized = sys('ImagePullFailure', 'Failed to pull image "quayreg.azurecr.io/quay-web:2.0.1": failed to pull and unpack image "quayreg.azurecr.io/quay-web:2.0.1": failed to resolve reference "quayreg.azurecr.io/quay-web:2.0.1": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized');

  it('a user name whose password was rotated: names the password secret, then restarts the failing revision', () => {
    const f = primary({ system: [unauthorized], console: [], target: target(), config: config({ registries: [{ server: 'quayreg.azurecr.io', username: 'quayreg', passwordSecretRef: 'acr-password' }], secrets: [{ name: 'acr-password' }], latestRevisionName: 'quay-web--0000012' }) });
    expect(texts(f)).toContain('with the password in secret acr-password');
    expect(all(f)).toContain('az containerapp registry set -n quay-web -g rg-quay --server quayreg.azurecr.io --username quayreg --password <password>');
    expect(all(f)).toContain('az containerapp revision restart -n quay-web -g rg-quay --revision quay-web--0000012');
    expectValidCommands(f);
  });

  it('a user-assigned registry identity the app does not have: identity assign first', () => {
    // https://github.com/microsoft/azure-container-apps/issues/1568 (registry identity not assigned to the app)
    const id = `/subscriptions/${SUB}/resourceGroups/rg-ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-quay-pull`;
    const f = primary({ system: [unauthorized], console: [], target: target(), config: config({ registries: [{ server: 'quayreg.azurecr.io', identity: id }], identity: { type: 'SystemAssigned' } }) });
    expect(texts(f)).toContain('not assigned to the app (its identity is SystemAssigned only)');
    expect(commands(f)[0]).toBe(`az containerapp identity assign -n quay-web -g rg-quay --user-assigned ${id} --subscription ${SUB}`);
    expectValidCommands(f);
  });

  it('the same identity already assigned (near miss): AcrPull is the step, no assign', () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-quay-pull`;
    const f = primary({ system: [unauthorized], console: [], target: target(), config: config({ registries: [{ server: 'quayreg.azurecr.io', identity: id }], identity: { type: 'SystemAssigned, UserAssigned', userAssigned: [id] } }) });
    expect(all(f)).not.toContain('identity assign');
    expect(texts(f)).toContain('grant that identity AcrPull on quayreg');
  });
});

describe('storage commands and names', () => {
  it('an NFS mount denied by the server: the storage network rule for the infrastructure subnet comes first', () => {
    // https://github.com/microsoft/azure-container-apps/issues/1782 ("mount.nfs: access denied by server")
    const cfg = config({ volumes: [{ name: 'assets-nfs', storageType: 'NfsAzureFile', storageName: 'assets-nfs' }] });
    const f = primary({ system: [sys('VolumeMountFailure', 'Error mounting volume assets-nfs.', 1), sys('VolumeMountFailure', 'mount.nfs: access denied by server', 2)], console: [], target: target(), config: cfg });
    expect(commands(f)[0]).toContain('az storage account network-rule add -g <storage-resource-group> --account-name <storage-account> --subnet <infrastructure-subnet-id>');
    expectValidCommands(f);
  });

  it('a write to a ReadOnly Azure Files mount: its environment storage gets access mode ReadWrite', () => {
    // https://github.com/longhorn/longhorn/issues/350 ("Failed opening the RDB file dump.rdb ... Read-only file system")
    const cfg = config(
      {
        volumes: [{ name: 'redis-data', storageType: 'AzureFile', storageName: 'redis-data' }],
        environment: { name: 'env-quay', storages: [{ name: 'redis-data', kind: 'AzureFile', shareName: 'redisdata', accessMode: 'ReadOnly' }] },
      },
      { volumeMounts: [{ volumeName: 'redis-data', mountPath: '/data' }] },
    );
    const f = primary({ system: [], console: [line('14691:C 04 Dec 2026 08:59:11.083 # Failed opening the RDB file dump.rdb (in server root dir /data) for saving: Read-only file system', 1)], target: target(), config: cfg });
    expect(texts(f)).toContain('an Azure Files mount whose environment storage redis-data has access mode ReadOnly');
    expect(all(f)).toContain('az containerapp env storage set -n env-quay -g rg-quay --storage-name redis-data');
    expect(all(f)).toContain('--azure-file-share-name redisdata --access-mode ReadWrite');
    expect(texts(f)).not.toContain('XDG_CACHE_HOME');
    expectValidCommands(f);
  });

  it('a read-only path with no ReadOnly storage (near miss) keeps the writable-location advice', () => {
    const f = primary({ system: [], console: [line("OSError: [Errno 30] Read-only file system: '/app/.cache'", 1)], target: target(), config: config() });
    expect(texts(f)).toContain('XDG_CACHE_HOME');
    expect(all(f)).not.toContain('--access-mode ReadWrite');
  });
});
