/**
 * Twelfth steps review (docs/steps-review-v20-fresh.md), set B class 3 and 4, set A class 3: the container
 * the steps act on is the one that fails (a sidecar, an init container), and a permission error gets the
 * fix of its own mechanism (the Azure Files mount, an init container's chown, s6-overlay's root init, a
 * refused bind) instead of "chown in the Dockerfile and rebuild". Each case uses public wording, with its
 * source; near misses keep their reading.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { classifyAll } from '../../src/classify/withTeamRules';
import { summarize } from '../../src/classify/summarize';
import { initContainerSteps } from '../../src/classify/steps/initContainerCommands';
import type { AppConfig, ContainerSpec } from '../../src/model';

const SUB = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const app = appFixtures({
  app: 'wiki', resourceGroup: 'rg-wiki', subscriptionId: SUB, t0: Date.parse('2026-12-03T09:00:00Z'),
  revision: 'wiki--0000007', replica: 'wiki--0000007-6f7d8c9b5-d4k8w',
  container: { name: 'wiki', image: 'wikiacr.azurecr.io/wiki:3.1.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const { target, config, sys, line } = app;
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const loopOf = (name: string) => [
  sys('ContainerTerminated', `Container '${name}' was terminated with exit code '1' and reason 'ProcessExited'`, 10),
  sys('ContainerTerminated', `Container '${name}' was terminated with exit code '1' and reason 'ProcessExited'`, 200),
  sys('ContainerBackOff', 'Persistent Failure to start container', 210),
];
const share = (name: string) => ({ volumes: [{ name, storageType: 'AzureFile', storageName: `${name}-share` }] }) as Partial<AppConfig>;
const withSidecar = (sidecar: Partial<ContainerSpec>, extra: Partial<AppConfig> = {}): AppConfig => {
  const c = config(extra);
  c.containers.push({ cpu: 0.5, memory: '1Gi', env: [], ...sidecar } as ContainerSpec);
  return c;
};

describe('a sidecar that cannot write its Azure Files volume', () => {
  // https://github.com/bitnami/charts/issues/30650 (mkdir: cannot create directory '/bitnami/postgresql/data': Permission denied)
  const pg = withSidecar({ name: 'postgresql', image: 'docker.io/bitnamilegacy/postgresql:16.4.0-debian-12-r0', volumeMounts: [{ volumeName: 'pgdata', mountPath: '/bitnami/postgresql' }] }, share('pgdata'));
  const input = { system: loopOf('postgresql'), console: [line('mkdir: cannot create directory ‘/bitnami/postgresql/data’: Permission denied', 8)], target: target(), config: pg };

  it('mounts the share as the image user (bitnamilegacy is Bitnami), no Dockerfile, nothing aimed at the main container', () => {
    const { findings, state } = classifyAll(input);
    const f = findings[0]!;
    expect(summarize(findings, input.target, state)).toMatch(/^wiki's sidecar postgresql /);
    expect(f.names?.container).toBe('postgresql');
    expect(texts(f)).toContain('mountOptions: uid=1001,gid=1001');
    expect(texts(f)).not.toMatch(/Dockerfile|rebuil/);
    expect(all(f)).not.toContain('--container-name wiki');
    expectValidCommands(f);
  });

  // https://github.com/Budibase/budibase/issues/10598 (Budibase's CouchDB: "Could not open file ./data/_nodes.couch: permission denied")
  it('a relative path (./data/...) is under the sidecar mount that ends in /data', () => {
    const couch = withSidecar({ name: 'couchdb', image: 'budibase/couchdb:v3.3.3', volumeMounts: [{ volumeName: 'couch-data', mountPath: '/opt/couchdb/data' }] }, share('couch-data'));
    const f = primary({ system: loopOf('couchdb'), console: [line('[error] 2026-12-03T09:00:08Z couchdb@127.0.0.1 <0.317.0> -------- Could not open file ./data/_nodes.couch: permission denied', 8)], target: target(), config: couch });
    expect(f.names?.volume).toBe('couch-data');
    expect(texts(f)).toContain('mountOptions');
    expect(texts(f)).not.toContain('RUN chown');
    expect(all(f)).not.toMatch(/--image|--container-name wiki/);
  });

  it('near miss: the main container fails on a path of its own image: the Dockerfile step stays', () => {
    const f = primary({ system: loopOf('wiki'), console: [line("Error: EACCES: permission denied, open '/app/uploads/cache.json'", 8)], target: target(), config: pg });
    expect(f.names?.failingSidecar).toBeUndefined();
    expect(texts(f)).toContain('Dockerfile');
  });
});

describe('an init container whose own command is the chown on an Azure Files share', () => {
  // https://github.com/memgraph/memgraph/issues/2738 (an initContainer's chown on Container Apps AzureFiles:
  // "chown: changing ownership of '/var/lib/memgraph': Operation not permitted"; fixed with uid/gid mountOptions)
  const cfg = config({
    ...share('pl-data'),
    initContainers: [{ name: 'fix-perms', image: 'busybox:1.36', cpu: 0.25, memory: '0.5Gi', command: ['chown', '-R', '1000:1000', '/usr/src/paperless/data'], volumeMounts: [{ volumeName: 'pl-data', mountPath: '/usr/src/paperless/data' }] } as ContainerSpec],
  }, { volumeMounts: [{ volumeName: 'pl-data', mountPath: '/usr/src/paperless/data' }] });
  const input = { system: loopOf('fix-perms'), console: [line("chown: changing ownership of '/usr/src/paperless/data': Operation not permitted", 8)], target: target(), config: cfg };

  it('names the init container, drops its chown and gives the mount its uid:gid', () => {
    const { findings, state } = classifyAll(input);
    const f = findings[0]!;
    expect(summarize(findings, input.target, state)).toMatch(/^wiki's init container fix-perms /);
    expect(texts(f)).toContain('The init container fix-perms itself runs chown');
    expect(texts(f)).toContain('mountOptions: uid=1000,gid=1000');
    expect(texts(f)).not.toContain("image's entrypoint itself");
    expect(all(f)).toContain('--yaml app.yaml');
    expect(all(f)).not.toContain('--container-name');
    expectValidCommands(f);
  });

  it('a command aimed at an init container goes through the YAML (the CLI would add a container: Azure/azure-cli#27538)', () => {
    const make = (s: { text: string; command?: string }) => s;
    const out = initContainerSteps([{ text: 'Raise it.', command: 'az containerapp update -n wiki -g rg-wiki --container-name fix-perms --memory 1Gi' }], 'fix-perms', cfg, make);
    expect(out[0]?.command).toMatch(/--yaml app\.yaml$/);
    expect(out[0]?.text).toContain('--memory 1Gi');
    expect(out[0]?.text).toContain('properties.template.initContainers');
  });

  it('near miss: the same command for a sidecar keeps --container-name', () => {
    const steps = [{ text: 'Raise it.', command: 'az containerapp update -n wiki -g rg-wiki --container-name wiki --memory 2Gi' }];
    expect(initContainerSteps(steps, 'wiki', cfg, (s) => s)).toEqual(steps);
  });
});

describe('a sidecar that runs out of memory: the memory step is the sidecar\'s', () => {
  // https://github.com/bitnami/containers/issues/38454 (bitnami/elasticsearch: "There is insufficient memory for the Java Runtime Environment to continue")
  const es = withSidecar({ name: 'elasticsearch', image: 'bitnamilegacy/elasticsearch:8.15.0', memory: '2Gi', cpu: 1 });
  it('--container-name elasticsearch, not the main container', () => {
    const f = primary({
      system: loopOf('elasticsearch'),
      console: [line('# There is insufficient memory for the Java Runtime Environment to continue.', 8), line('# Native memory allocation (mmap) failed to map 33285996544 bytes for committing reserved memory.', 8)],
      target: target(), config: es,
    });
    expect(all(f)).not.toContain('--container-name wiki');
    expect(commands(f).filter((c) => /--memory/.test(c)).every((c) => c.includes('--container-name elasticsearch'))).toBe(true);
  });
});

describe('EACCES from Kestrel on a low port is the bind, not file ownership', () => {
  // https://github.com/dotnet/aspnetcore/issues/3114 ("Unable to start Kestrel. ... UvException: Error -13 EACCES permission denied" with ASPNETCORE_URLS=http://+:80)
  const kestrel = [
    line('crit: Microsoft.AspNetCore.Server.Kestrel[0]\n      Unable to start Kestrel.\nMicrosoft.AspNetCore.Server.Kestrel.Transport.Libuv.Internal.Networking.UvException: Error -13 EACCES permission denied', 8),
  ];
  const cfg = config({ ingress: { external: true, targetPort: 80 } } as Partial<AppConfig>, { env: [{ name: 'ASPNETCORE_URLS', hasValue: true }] });
  it('moves ASPNETCORE_URLS and the target port to 8080', () => {
    const f = primary({ system: loopOf('wiki'), console: kestrel, target: target(), config: cfg });
    expect(all(f)).toContain('--set-env-vars ASPNETCORE_URLS=http://+:8080');
    expect(all(f)).toContain('--target-port 8080');
    expect(texts(f)).not.toContain('Dockerfile');
    expectValidCommands(f);
  });
  it('near miss: a target port above 1024 names no privileged port', () => {
    const f = primary({ system: loopOf('wiki'), console: kestrel, target: target(), config: config({ ingress: { external: true, targetPort: 8080 } } as Partial<AppConfig>, { env: [{ name: 'ASPNETCORE_URLS', hasValue: true }] }) });
    expect(all(f)).not.toContain('--target-port 8080');
  });
});

describe("s6-overlay's init refused as a non-root user", () => {
  // https://github.com/just-containers/s6-overlay/issues/309 and linuxserver-archive/docker-unifi-controller#62
  const cfg = config({}, { name: 'wiki', image: 'lscr.io/linuxserver/unifi-network-application:8.4.62', command: ['/init'], env: [{ name: 'PUID', hasValue: true }, { name: 'PGID', hasValue: true }] });
  it('runs the image as published with PUID/PGID; no rebuild, no push to lscr.io', () => {
    const f = primary({ system: loopOf('wiki'), console: [line('s6-overlay-preinit: fatal: unable to chown /var/run/s6: Operation not permitted', 8)], target: target(), config: cfg });
    expect(texts(f)).toContain('must start as root');
    expect(texts(f)).toContain('PUID/PGID');
    expect(texts(f)).not.toContain('RUN chown');
    expect(all(f)).not.toContain('--image');
  });
  it('near miss: a plain chown refusal on a path of the image keeps the Dockerfile step', () => {
    const f = primary({ system: loopOf('wiki'), console: [line("chown: changing ownership of '/var/run/app': Operation not permitted", 8)], target: target(), config: config() });
    expect(texts(f)).not.toContain('s6-overlay');
  });
});
