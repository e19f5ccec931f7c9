/**
 * The platform classes of the sixth steps review (issue #11, docs/steps-review.md): image pulls name the
 * tag, the repository and who pulls; benign stops keep to what happened; a probe that a change moved is
 * set back with its value; batch work in an app becomes a job; quota, ephemeral disk, memory and a
 * one-string command get their own commands. Each incident uses a public wording, with its source.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5c2e8a14-7d3b-4f90-a6e1-0b9c3d2f7e58';
const { target, config, sys, exit, line } = appFixtures({
  app: 'ledger-api', resourceGroup: 'rg-ledger', subscriptionId: SUB, t0: Date.parse('2026-12-03T08:00:00Z'),
  replica: 'ledger-api--0000021-6d8f9c7b5-x2k4p',
  container: { name: 'ledger-api', image: 'ledgerreg.azurecr.io/ledger-api:4.1.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const job = (overrides: Partial<AppConfig> = {}): AppConfig => config({ kind: 'job', name: 'ledger-api', job: { triggerType: 'Schedule', replicaTimeout: 1800 }, ...overrides });
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');

describe('image pulls: the tag, the repository and the identity the registry entry names', () => {
  // https://github.com/aerokube/moon/issues/43 ("manifest unknown: manifest unknown")
  const notFound = (image: string) => sys('ImagePullFailure', `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to resolve reference "${image}": manifest unknown: manifest unknown`);

  it('a tag missing from Azure Container Registry: show-tags for that repository and the image update, no host-name padding', () => {
    const f = primary({ system: [notFound('ledgerreg.azurecr.io/ledger-api:4.2.0-rc2')], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('Tag 4.2.0-rc2 of repository ledger-api is not in ledgerreg');
    expect(all(f)).toContain('az acr repository show-tags -n ledgerreg --repository ledger-api -o table');
    expect(all(f)).toContain('az containerapp update -n ledger-api -g rg-ledger --container-name ledger-api --image ledgerreg.azurecr.io/ledger-api:<tag>');
    expect(texts(f)).not.toMatch(/typos/);
    expectValidCommands(f);
  });

  it('a job pulling an unpublished latest tag from ghcr.io: latest is not an alias, the job update points at a published tag', () => {
    const f = primary({ system: [notFound('ghcr.io/acme/crawler:latest')], console: [], target: target({ kind: 'job' }), config: job({ containers: [{ name: 'ledger-api', image: 'ghcr.io/acme/crawler:latest', env: [], probes: [] }] }) });
    expect(texts(f)).toContain('ghcr.io/acme/crawler has no tag latest');
    expect(all(f)).toContain('az containerapp job update -n ledger-api -g rg-ledger --container-name ledger-api --image ghcr.io/acme/crawler:<tag>');
    expectValidCommands(f);
  });

  it('a registry host that does not resolve keeps the host step (near miss: the registry never answered)', () => {
    // https://github.com/microsoft/nav-docker/issues/57 (a misspelled azurecr.io host: "dial tcp: lookup ... no such host")
    const f = primary({ system: [sys('ImagePullFailure', 'Failed to pull image "ledgerregg.azurecr.io/ledger-api:4.1.0": rpc error: code = Unknown desc = Get https://ledgerregg.azurecr.io/v2/: dial tcp: lookup ledgerregg.azurecr.io: no such host')], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('does not resolve');
    expect(all(f)).not.toContain('show-tags');
  });

  // https://github.com/helm/helm/issues/12189 ("unauthorized: authentication required")
  const refused = sys('ImagePullFailure', 'Failed to pull image "ledgerreg.azurecr.io/ledger-api:4.1.0": [rpc error: code = Unknown desc = Error response from daemon: Get https://ledgerreg.azurecr.io/v2/ledger-api/manifests/4.1.0: unauthorized: authentication required]');

  it('unauthorized with a user-assigned identity on the registry entry: AcrPull for that identity, no tag check', () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ledger-pull`;
    const f = primary({ system: [refused], console: [], target: target(), config: config({ registries: [{ server: 'ledgerreg.azurecr.io', identity: id }] }) });
    expect(texts(f)).toContain('pulls as user-assigned identity id-ledger-pull');
    expect(all(f)).toContain(`az role assignment create --assignee-object-id $(az identity show --ids ${id} --query principalId -o tsv --subscription ${SUB}) --assignee-principal-type ServicePrincipal --role AcrPull`);
    expect(all(f)).not.toContain('--identity system');
    expect(all(f)).not.toContain('show-tags');
    expectValidCommands(f);
  });

  it('unauthorized for a job with no registry entry: identity, AcrPull, then job registry set', () => {
    const f = primary({ system: [refused], console: [], target: target({ kind: 'job' }), config: job({ registries: [] }) });
    expect(texts(f)).toContain('no registry entry for ledgerreg.azurecr.io');
    expect(all(f)).toContain('az containerapp job identity assign -n ledger-api -g rg-ledger --system-assigned');
    expect(all(f)).toContain('az containerapp job registry set -n ledger-api -g rg-ledger --server ledgerreg.azurecr.io --identity system');
    expectValidCommands(f);
  });

  it('unauthorized with a user name on the entry: the password is set again, not AcrPull', () => {
    const f = primary({ system: [refused], console: [], target: target(), config: config({ registries: [{ server: 'ledgerreg.azurecr.io', username: 'ledgerreg' }] }) });
    expect(all(f)).toContain('az containerapp registry set -n ledger-api -g rg-ledger --server ledgerreg.azurecr.io --username ledgerreg --password <password>');
    expect(all(f)).not.toContain('AcrPull');
  });
});

describe('benign stops say what happened', () => {
  // https://azureossd.github.io/2024/01/11/Container-Apps-Demystifying-restarts/ (revision switch rows)
  it('a revision replaced in single-revision mode: check the new revision, no minReplicas hint', () => {
    const f = primary({
      system: [{ ...sys('StoppingContainer', 'Stopping container ledger-api', 4), revision: 'ledger-api--0000020' }, { ...exit(143, 5), revision: 'ledger-api--0000020' }],
      console: [line('Received SIGTERM, shutting down', 4.5)],
      target: target(),
      config: config({ activeRevisionsMode: 'Single', latestRevisionName: 'ledger-api--0000021', latestReadyRevisionName: 'ledger-api--0000021' }),
    });
    expect(f.benign).toBe(true);
    expect(texts(f)).toContain('ledger-api--0000021 replaced this revision');
    expect(texts(f)).not.toMatch(/minReplicas/);
    expect(all(f)).toContain('az containerapp revision list -n ledger-api -g rg-ledger -o table');
  });

  it('"Deactivating old revisions" under the new revision names it as the replacement', () => {
    const f = primary({
      system: [{ ...sys('RevisionUpdate', "Deactivating old revisions since 'ActiveRevisionsMode=Single'", 3), revision: 'ledger-api--0000022' }, { ...exit(0, 5), revision: 'ledger-api--0000021' }],
      console: [], target: target(), config: undefined,
    });
    expect(texts(f)).toContain('ledger-api--0000022 replaced this revision');
  });

  it('a scale-in with minReplicas above zero gets no scale-to-zero hint (near miss: no floor configured keeps it)', () => {
    const rows = [sys('StoppingContainer', 'Stopping container ledger-api', 4), exit(143, 5)];
    const floor = primary({ system: rows, console: [], target: target(), config: config({ scale: { minReplicas: 2, maxReplicas: 10, rules: [] } }) });
    expect(texts(floor)).toContain('minReplicas is 2');
    expect(texts(floor)).not.toContain('Set minReplicas to 1');
    const none = primary({ system: rows, console: [], target: target(), config: config() });
    expect(texts(none)).toContain('Set minReplicas to 1 or more');
  });
});

describe('probes: the value a change moved, the port against ingress, the startup budget', () => {
  // https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
  it('a liveness path the change moved is set back with the old value', () => {
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 4), sys('StoppingContainer', 'Container ledger-api failed liveness probe, will be restarted', 5)],
      console: [],
      target: target(),
      config: config(
        { ingress: { targetPort: 8080 }, changesSinceHealthy: { fromRevision: 'ledger-api--0000020', summary: 'Liveness probe http :8080 /status → http :8080 /livez', changes: [{ kind: 'probe-changed', container: 'ledger-api', name: 'Liveness', before: 'http :8080 /status every 10s', after: 'http :8080 /livez every 10s' }] } },
        { probes: [{ type: 'Liveness', transport: 'http', port: 8080, path: '/livez' }] },
      ),
    });
    expect(texts(f)).toContain("moved the Liveness probe's path from /status to /livez");
    expect(texts(f)).toContain('set it back to /status');
    expect(all(f)).toContain('az containerapp update -n ledger-api -g rg-ledger --yaml app.yaml');
    expectValidCommands(f);
  });

  it('a readiness probe on another port than the ingress target names both, with no slow-starter padding', () => {
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Readiness probe failed: dial tcp 100.100.0.9:9091: connect: connection refused', 4)],
      console: [line('listening on :8080')],
      target: target(),
      config: config({ ingress: { targetPort: 8080 } }, { probes: [{ type: 'Readiness', transport: 'http', port: 9091, path: '/ready' }] }),
    });
    expect(texts(f)).toContain('checks port 9091, but the app serves on 8080');
    expect(texts(f)).not.toMatch(/slow starter/);
  });

  it('a startup probe of a few seconds on a JVM that restarts it: the budget and how to raise it', () => {
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.9:8080: connect: connection refused', 4), sys('StoppingContainer', 'Container ledger-api failed startup probe, will be restarted', 5)],
      console: [],
      target: target(),
      config: config({ ingress: { targetPort: 8080 } }, { probes: [{ type: 'Startup', transport: 'tcp', port: 8080, periodSeconds: 2, failureThreshold: 3 }] }),
    });
    expect(texts(f)).toContain('only 6s (3 failures × 2s)');
    expect(all(f)).toContain('--yaml app.yaml');
  });

  it('startup failures during warm-up that stopped without a restart: recovered, keep the budget above the warm-up', () => {
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Startup probe failed: HTTP probe failed with statuscode: 503', 4)],
      console: [line('warming cache', 1), line('ready on :8080', 60)],
      target: target(),
      config: config({ ingress: { targetPort: 8080 } }, { probes: [{ type: 'Startup', transport: 'http', port: 8080, path: '/ready', periodSeconds: 10, failureThreshold: 30 }] }),
    });
    expect(texts(f)).toContain('No action needed now: the startup probe failed while the app warmed up');
    expect(texts(f)).toContain('300s: 30 failures × 10s');
  });
});

describe('an app that exits 0 is batch work or a worker that gave up', () => {
  it('a worker that exits on an empty queue: wait or poll, or an event-triggered job', () => {
    // https://learn.microsoft.com/en-us/azure/container-apps/jobs (event-driven jobs), worker wording from python-rq's burst mode
    const f = primary({ system: [exit(0, 5), exit(0, 40)], console: [line("queue 'settlements' is empty, nothing to do", 4), line('exiting', 4.5)], target: target(), config: config() });
    expect(texts(f)).toContain('make it wait for messages');
    expect(all(f)).toContain('az containerapp job create -n ledger-api-job -g rg-ledger --environment <environment-name> --trigger-type Event');
    expectValidCommands(f);
  });

  it('a scheduled task run as an app: a scheduled job with its cron', () => {
    const f = primary({ system: [exit(0, 5), exit(0, 40)], console: [line('running scheduled reconciliation', 3), line('reconciliation finished, 0 rows', 4)], target: target(), config: config() });
    expect(all(f)).toContain('--trigger-type Schedule --cron-expression <cron> --image ledgerreg.azurecr.io/ledger-api:4.1.0 --cpu 0.5 --memory 1Gi');
    expect(texts(f)).not.toContain('long-running server');
  });
});

describe('capacity, disk, memory and the command', () => {
  it('environment cores exhausted during a rollout: usage, quota request, a lower --min-replicas', () => {
    // https://learn.microsoft.com/en-us/azure/container-apps/quotas (the message links it)
    const f = primary({ system: [sys('AssigningReplicaFailed', 'Maximum Allowed Cores exceeded for the Managed Environment. Please check https://learn.microsoft.com/en-us/azure/container-apps/quotas for resource limits')], console: [], target: target(), config: config({ scale: { minReplicas: 12, maxReplicas: 20, rules: [] }, environment: { name: 'cae-ledger' } }) });
    expect(all(f)).toContain('az containerapp env list-usages -n cae-ledger -g rg-ledger');
    expect(texts(f)).toContain('request a higher core quota');
    expect(all(f)).toContain('az containerapp update -n ledger-api -g rg-ledger --min-replicas <n>');
    expectValidCommands(f);
  });

  it('a dedicated profile at its node maximum: only the max-nodes step', () => {
    const f = primary({ system: [sys('AssigningReplicaFailed', 'The workload profile has reached its maximum node count.')], console: [], target: target(), config: config({ workloadProfileName: 'E8-batch', environment: { name: 'cae-ledger' } }) });
    expect(commands(f)).toEqual([`az containerapp env workload-profile update -n cae-ledger -g rg-ledger --workload-profile-name E8-batch --max-nodes <n> --subscription ${SUB}`]);
    expect(texts(f)).not.toMatch(/quota and request/);
  });

  it('a replica evicted for its own disk: write to a mounted volume or Blob, not a volume named ephemeral-storage', () => {
    // https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/eviction/helpers.go ("Pod ephemeral local storage usage exceeds the total limit of containers")
    const f = primary({ system: [sys('ContainerTerminated', 'Pod ephemeral local storage usage exceeds the total limit of containers 4Gi.', 4), exit(137, 5)], console: [], target: target({ kind: 'job' }), config: job() });
    expect(texts(f)).toContain('ephemeral storage, 4Gi) filled up');
    expect(texts(f)).toContain('stream it to Blob Storage');
    expect(texts(f)).not.toContain('volume ephemeral-storage');
  });

  it('a V8 allocation abort raises the container and --max-old-space-size together', () => {
    // https://github.com/nodejs/help/issues/1600 ("FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - process out of memory")
    const f = primary({ system: [exit(134, 5), exit(134, 40)], console: [line('FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - process out of memory', 4)], target: target(), config: config() });
    expect(all(f)).toContain('--cpu 1 --memory 2Gi --set-env-vars NODE_OPTIONS=--max-old-space-size=1536');
    expectValidCommands(f);
  });

  it('after a memory cut the first step restores it, and no smaller size follows', () => {
    const f = primary({
      system: [exit(137, 5), exit(137, 40)],
      console: [line('java.lang.OutOfMemoryError: Java heap space', 4)],
      target: target(),
      config: config({ changesSinceHealthy: { fromRevision: 'ledger-api--0000020', summary: 'memory 4Gi -> 1Gi; cpu 2 -> 0.5', changes: [{ kind: 'memory', container: 'ledger-api', before: '4Gi', after: '1Gi' }] } }),
    });
    expect(all(f)).toContain('--cpu 2 --memory 4Gi');
    expect(all(f)).not.toMatch(/--memory 2Gi/);
  });

  it('a job command written as one string gets its program and arguments as lists', () => {
    // https://learn.microsoft.com/en-us/azure/container-apps/containers (command and args are lists)
    const g = primary({
      system: [sys('ContainerCreateFailure', 'OCI runtime create failed: container_linux.go:348: starting container process caused "exec: \\"node dist/settle.js --dry-run\\": executable file not found in $PATH": unknown')],
      console: [], target: target({ kind: 'job' }), config: config({ kind: 'job', name: 'ledger-api', job: { triggerType: 'Schedule' } }, { command: ['node dist/settle.js --dry-run'] }),
    });
    expect(texts(g)).toContain('command ["node"] and args ["dist/settle.js", "--dry-run"]');
    expect(all(g)).toContain('az containerapp job update -n ledger-api -g rg-ledger --yaml app.yaml');
    expectValidCommands(g);
  });
});
