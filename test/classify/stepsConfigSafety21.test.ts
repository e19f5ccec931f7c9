/**
 * Eleventh steps review (docs/steps-review-v19-fresh.md, set B class 3 and set A class 5): configuration
 * changes a step must not make blind. A heap cap the command already sets is raised where it is, with the
 * memory; the heap V8 already used is never capped lower; an options variable with a value is read and
 * merged; a file-path variable gets a mounted file's path; a plain setting needs no secret; an Azure Files
 * owner is the image's uid (or a blank and the way to find it), and an entrypoint's own chown is skipped;
 * managed-identity pulls get the identity, the role and the registry entry; a job made from an app keeps
 * its registry. Public wording, with sources; near misses.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { isPlainSetting } from '../../src/classify/steps/secretSteps';
import type { Finding } from '../../src/model';

const SUB = '5d6e7f80-1a2b-4c3d-9e8f-7a6b5c4d3e2f';
const T0 = Date.parse('2026-12-31T03:00:00Z');
const app = appFixtures({
  app: 'campaigns', resourceGroup: 'rg-mkt', subscriptionId: SUB, t0: T0,
  revision: 'campaigns--0000012', replica: 'campaigns--0000012-6b7c8d9e0-x1y2z',
  container: { name: 'campaigns', image: 'mktacr.azurecr.io/campaigns:2.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const job = appFixtures({
  app: 'nightly-load', resourceGroup: 'rg-mkt', subscriptionId: SUB, t0: T0,
  replica: 'nightly-load-29480000-q7w8e',
  container: { name: 'nightly-load', image: 'mktacr.azurecr.io/nightly-load:1.2.0', cpu: 1, memory: '2Gi', env: [], probes: [] },
});
const all = (f: Finding): string => commands(f).join('\n');

describe('a Node heap cap: never the same or a lower one, and raised with the memory', () => {
  // https://github.com/nodejs/node/issues/29800 (the fatal line); https://nodejs.org/api/cli.html#--max-old-space-sizesize-in-mib
  const FATAL = 'FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory';
  // https://github.com/attestate/kiwistand/issues/137 (V8's last GCs before the fatal line)
  const gc = (used: string, committed: string) => `[1:0x6312ae0]    69835229 ms: Mark-Compact ${used} (${committed}) -> ${used} (${committed}) MB, 69.2 / 0.0 ms  (average mu = 0.340, current mu = 0.319) allocation failure; scavenge might not succeed`;

  it('the start command already caps it at 768 in 1Gi: the flag in the command and the memory, through the YAML', () => {
    const { target, config, line, exit } = app;
    const f = primary({
      system: [exit(134, 30)], console: [line(FATAL, 25)], target: target(),
      config: config({}, { command: ['node', '--max-old-space-size=768', 'dist/agenda.js'] }),
    });
    expect(all(f)).not.toContain('--max-old-space-size=768');
    expect(texts(f)).toContain('already caps the heap at 768 MB');
    expect(texts(f)).toContain('memory 2Gi and the flag in its command to `--max-old-space-size=1536`');
    expect(all(f)).toContain('az containerapp update -n campaigns -g rg-mkt --yaml app.yaml');
    expectValidCommands(f);
  });

  it('near miss: no cap in the command keeps the NODE_OPTIONS step at three quarters of the memory', () => {
    const { target, config, line, exit } = app;
    const f = primary({ system: [exit(134, 30)], console: [line(FATAL, 25)], target: target(), config: config() });
    expect(all(f)).toContain('--set-env-vars NODE_OPTIONS=--max-old-space-size=768');
  });

  it('the GCs show about 1 GB in use in a 1Gi container: memory and cap raised together, never 768', () => {
    const { target, config, line, exit } = app;
    const f = primary({
      system: [exit(134, 30)], console: [line('<--- Last few GCs --->', 23), line(gc('984.7', '1003.7'), 24), line(FATAL, 25)], target: target(), config: config(),
    });
    expect(all(f)).not.toContain('--max-old-space-size=768');
    expect(all(f)).toContain('--cpu 1 --memory 2Gi --set-env-vars NODE_OPTIONS=--max-old-space-size=1536');
    expectValidCommands(f);
  });

  it('near miss: a heap far below the cap the step proposes keeps the proposed cap', () => {
    const { target, config, line, exit } = app;
    const f = primary({
      system: [exit(134, 30)], console: [line('<--- Last few GCs --->', 23), line(gc('250.1', '260.4'), 24), line(FATAL, 25)], target: target(), config: config(),
    });
    expect(all(f)).toContain('--set-env-vars NODE_OPTIONS=--max-old-space-size=768');
  });
});

describe('an options variable that already has a value is read and merged, not overwritten', () => {
  // https://docs.oracle.com/en/java/javase/21/troubleshoot/troubleshoot-memory-leaks.html ("java.lang.OutOfMemoryError: Java heap space")
  const OOM = 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space';

  it('JAVA_TOOL_OPTIONS set on the job: its value printed first, and kept in front of the new flags', () => {
    const { target, config, line, exit } = job;
    const f = primary({
      system: [exit(1, 30)], console: [line(OOM, 25)], target: target({ kind: 'job' }),
      config: config({ kind: 'job' }, { env: [{ name: 'JAVA_TOOL_OPTIONS', hasValue: true }] }),
    });
    const cmds = commands(f);
    const show = cmds.findIndex((c) => c.includes(`env[?name=='JAVA_TOOL_OPTIONS'].value`));
    const set = cmds.findIndex((c) => c.includes('--set-env-vars JAVA_TOOL_OPTIONS='));
    expect(show).toBeGreaterThanOrEqual(0);
    expect(show).toBeLessThan(set);
    expect(cmds[show]).toMatch(/^az containerapp job show -n nightly-load /);
    expect(cmds[set]).toContain("JAVA_TOOL_OPTIONS='<current-flags> -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError'");
    // The cap is not known while the variable's value is not shown.
    expect(f.evidence.map((e) => e.text).join('\n')).toContain('heap cap unknown (JAVA_TOOL_OPTIONS is set');
    expectValidCommands(f);
  });

  it('near miss: JAVA_TOOL_OPTIONS not set: the flags are set as they are', () => {
    const { target, config, line, exit } = job;
    const f = primary({ system: [exit(1, 30)], console: [line(OOM, 25)], target: target({ kind: 'job' }), config: config({ kind: 'job' }) });
    expect(all(f)).toContain("--set-env-vars JAVA_TOOL_OPTIONS='-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError'");
    expect(all(f)).not.toContain('<current-flags>');
  });
});

describe('a variable that holds a file path gets the path of a mounted secret, not the secret itself', () => {
  // https://github.com/googleapis/google-auth-library-python/blob/main/google/auth/_default.py (_CLOUD_SDK_MISSING_CREDENTIALS / _HELP_MESSAGE)
  const NO_CREDS = 'google.auth.exceptions.DefaultCredentialsError: Could not automatically determine credentials. Please set GOOGLE_APPLICATION_CREDENTIALS or explicitly create credentials and re-run the application. For more information, please see https://cloud.google.com/docs/authentication/getting-started';

  it('an app: its secrets mounted as files and GOOGLE_APPLICATION_CREDENTIALS pointed at one', () => {
    const { target, config, line, exit } = app;
    const f = primary({ system: [exit(1, 30)], console: [line('Traceback (most recent call last):', 24), line(NO_CREDS, 25)], target: target(), config: config() });
    expect(all(f)).not.toMatch(/GOOGLE_APPLICATION_CREDENTIALS=secretref:/);
    expect(all(f)).toContain('--secret-volume-mount /mnt/secrets --set-env-vars GOOGLE_APPLICATION_CREDENTIALS=/mnt/secrets/google-application-credentials');
    expectValidCommands(f);
  });

  it('a job: a Secret volume through the YAML (job update has no secret-volume flag), not a new revision', () => {
    const { target, config, line, exit } = job;
    const f = primary({ system: [exit(1, 30)], console: [line('Traceback (most recent call last):', 24), line(NO_CREDS, 25)], target: target({ kind: 'job' }), config: config({ kind: 'job' }) });
    expect(all(f)).not.toMatch(/GOOGLE_APPLICATION_CREDENTIALS=secretref:/);
    expect(texts(f)).toContain('storageType: Secret');
    expect(texts(f)).toContain('set GOOGLE_APPLICATION_CREDENTIALS to the value /mnt/secrets/google-application-credentials');
    expect(texts(f)).not.toMatch(/create a new revision/);
    expect(all(f)).toContain('az containerapp job update -n nightly-load -g rg-mkt --yaml app.yaml');
    expectValidCommands(f);
  });
});

describe('a plain setting is set directly; a secret only for what looks like one', () => {
  it('schedules, switches, levels and zones are plain; passwords, tokens and keys are not', () => {
    for (const v of ['DIGEST_CRON', 'BACKUP_SCHEDULE', 'LOG_LEVEL', 'ENABLE_SIGNUP', 'FEATURE_NEW_UI', 'TZ', 'WORKER_CONCURRENCY', 'AUTH_ENABLED']) expect({ v, plain: isPlainSetting(v) }).toEqual({ v, plain: true });
    for (const v of ['DB_PASSWORD', 'API_TOKEN', 'JWT_SECRET', 'STRIPE_KEY', 'AUTH_SECRET', 'DATABASE_URL']) expect({ v, plain: isPlainSetting(v) }).toEqual({ v, plain: false });
  });
});

describe('Azure Files ownership: the image\'s uid, and an entrypoint chown skipped', () => {
  // https://github.com/microsoft/azure-container-apps/issues/898 (an SMB share refuses ownership changes)
  it('an image whose uid is not known: a blank and how to find it, never a guessed 1000', () => {
    const { target, config, line, exit } = app;
    const f = primary({
      system: [exit(1, 30)], console: [line("PermissionError: [Errno 13] Permission denied: '/srv/data/media'", 25)], target: target(),
      config: config({ volumes: [{ name: 'media', storageType: 'AzureFile', storageName: 'mediashare' }] }, { volumeMounts: [{ volumeName: 'media', mountPath: '/srv/data' }] }),
    });
    expect(texts(f)).toContain('mountOptions: uid=<uid>,gid=<gid>');
    expect(texts(f)).toContain('docker run --rm --entrypoint id mktacr.azurecr.io/campaigns:2.4.0');
    expect(texts(f)).not.toContain('uid=1000');
  });

  // https://github.com/louislam/uptime-kuma/issues/694 (the entrypoint's chown loops on a share that refuses it)
  const CHOWN = "chown: changing ownership of '/app/data': Operation not permitted";
  const kuma = (image: string) => app.config({ volumes: [{ name: 'kuma-data', storageType: 'AzureFile', storageName: 'kumadata' }] }, { name: 'uptime-kuma', image, volumeMounts: [{ volumeName: 'kuma-data', mountPath: '/app/data' }] });

  it('the entrypoint\'s own chown: no mountOptions, skip the chown (uptime-kuma: its CMD as the command)', () => {
    const { target, line, exit } = app;
    const f = primary({
      system: [exit(1, 20, 'uptime-kuma'), exit(1, 80, 'uptime-kuma')], console: [line('==> Performing startup jobs and maintenance tasks', 14), line(CHOWN, 15), line(CHOWN, 75)], target: target(), config: kuma('louislam/uptime-kuma:1.8.0'),
    });
    expect(texts(f)).toContain('refuses chown whatever its mountOptions');
    expect(texts(f)).not.toMatch(/mountOptions: uid=/);
    expect(all(f)).toContain('--command node --args server/server.js');
    expectValidCommands(f);
  });

  it('near miss: another image\'s entrypoint chown gets the advice without a command it cannot know', () => {
    const { target, line, exit } = app;
    const f = primary({ system: [exit(1, 20, 'uptime-kuma')], console: [line(CHOWN, 15)], target: target(), config: kuma('mktacr.azurecr.io/status:3.0') });
    expect(texts(f)).toContain('refuses chown whatever its mountOptions');
    expect(all(f)).not.toContain('--command');
  });

  // https://github.com/go-gitea/gitea/blob/main/Dockerfile.rootless (USER 1000:1000)
  it('a known image keeps its known uid: gitea rootless is 1000, with no blank', () => {
    const { target, line, exit } = app;
    const f = primary({
      system: [exit(1, 20, 'gitea')], console: [line("mkdir /var/lib/gitea/git: permission denied", 15)], target: target(),
      config: app.config({ volumes: [{ name: 'gitea-data', storageType: 'AzureFile', storageName: 'giteadata' }] }, { name: 'gitea', image: 'gitea/gitea:1.18.0-rootless', volumeMounts: [{ volumeName: 'gitea-data', mountPath: '/var/lib/gitea' }] }),
    });
    expect(texts(f)).toContain('uid=1000,gid=1000');
    expect(texts(f)).not.toContain('uid=<uid>');
  });

  it('postgres Alpine runs as uid 70, not 999', () => {
    const { target, line, exit } = app;
    const f = primary({
      system: [exit(1, 20, 'db')], console: [line('chmod: /var/lib/postgresql/data: Operation not permitted', 15)], target: target(),
      config: app.config({ volumes: [{ name: 'pgdata', storageType: 'AzureFile', storageName: 'pgdata' }] }, { name: 'db', image: 'postgres:16-alpine', volumeMounts: [{ volumeName: 'pgdata', mountPath: '/var/lib/postgresql/data' }] }),
    });
    expect(texts(f)).toContain('uid=70,gid=70');
    expect(texts(f)).not.toContain('uid=999');
  });
});

describe('managed-identity pulls: the identity, AcrPull on the registry and the registry entry', () => {
  // https://github.com/containerd/containerd/blob/main/core/remotes/docker/auth/fetch.go ("failed to fetch oauth token")
  const DENIED = 'Failed to pull image "mktacr.azurecr.io/nightly-load:1.2.0": rpc error: code = Unknown desc = failed to pull and unpack image "mktacr.azurecr.io/nightly-load:1.2.0": failed to resolve reference "mktacr.azurecr.io/nightly-load:1.2.0": failed to authorize: failed to fetch oauth token: unexpected status: 403 Forbidden';

  it('a job with no identity in its configuration: the identity is assigned before the role', () => {
    const { target, config, sys } = job;
    const f = primary({ system: [sys('ImagePullFailure', DENIED, 5)], console: [], target: target({ kind: 'job' }), config: config({ kind: 'job' }) });
    const cmds = commands(f);
    const assign = cmds.findIndex((c) => c.startsWith('az containerapp job identity assign -n nightly-load -g rg-mkt --system-assigned'));
    const role = cmds.findIndex((c) => / --role AcrPull /.test(c));
    expect(assign).toBeGreaterThanOrEqual(0);
    expect(assign).toBeLessThan(role);
    expect(all(f)).toContain('az containerapp job registry set -n nightly-load -g rg-mkt --server mktacr.azurecr.io --identity system');
    expectValidCommands(f);
  });

  it('near miss: a system-assigned identity in the configuration is not assigned again', () => {
    const { target, config, sys } = job;
    const f = primary({ system: [sys('ImagePullFailure', DENIED, 5)], console: [], target: target({ kind: 'job' }), config: config({ kind: 'job', identity: { type: 'SystemAssigned' } }) });
    expect(all(f)).not.toContain('identity assign');
    expect(all(f)).toContain('--role AcrPull');
  });

  // https://docs.docker.com/docker-hub/usage/ ("toomanyrequests: You have reached your pull rate limit")
  const LIMIT = 'Failed to pull image "docker.io/louislam/uptime-kuma:1": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit';

  it('a switch to an imported copy in ACR: identity, AcrPull and registry entry come before the image update', () => {
    const { target, config, sys } = app;
    const f = primary({ system: [sys('ImagePullFailure', LIMIT, 5), sys('ImagePullFailure', LIMIT, 155)], console: [], target: target(), config: config({}, { image: 'docker.io/louislam/uptime-kuma:1' }) });
    const cmds = commands(f);
    const at = (re: RegExp) => cmds.findIndex((c) => re.test(c));
    const image = at(/--image <registry>\.azurecr\.io\//);
    expect(at(/identity assign .*--system-assigned/)).toBeGreaterThanOrEqual(0);
    expect(at(/--role AcrPull --scope \$\(az acr show -n <registry> /)).toBeLessThan(image);
    expect(at(/registry set .*--server <registry>\.azurecr\.io --identity system/)).toBeLessThan(image);
    expect(at(/identity assign/)).toBeLessThan(image);
    expectValidCommands(f);
  });
});

describe('a job made from an app keeps the way it pulls', () => {
  // https://learn.microsoft.com/azure/container-apps/jobs (work that finishes belongs in a job); the host's
  // "Application is shutting down..." is Microsoft.Hosting.Lifetime's own line.
  const ended = (s: number) => app.sys('ContainerTerminated', "Container 'campaigns' was terminated with exit code '0' and reason 'ProcessExited'", s);
  const batch = [ended(24), ended(324), ended(624), app.sys('ContainerBackOff', 'Persistent Failure to start container', 800)];
  const done = [18, 318, 618].flatMap((s) => [app.line('info: InvoiceBatch.Worker[0] Processed 412 invoices', s), app.line('info: Microsoft.Hosting.Lifetime[0]       Application is shutting down...', s + 3)]);

  it('an ACR image: job create pulls with its system-assigned identity', () => {
    const f = primary({ system: batch, console: done, target: app.target(), config: app.config() });
    expect(all(f)).toMatch(/^az containerapp job create .*--image mktacr\.azurecr\.io\/campaigns:2\.4\.0 .*--registry-server mktacr\.azurecr\.io --registry-identity system --mi-system-assigned/m);
    expectValidCommands(f);
  });

  it('near miss: a Docker Hub image needs no registry flags', () => {
    const f = primary({ system: batch, console: done, target: app.target(), config: app.config({}, { image: 'docker.io/library/python:3.12' }) });
    expect(all(f)).toContain('az containerapp job create');
    expect(all(f)).not.toContain('--registry-server');
  });
});
