/**
 * Review v22 (fourteenth): a job's steps in a job's words with the start its fix needs (#17, #41, #60), steps
 * that contradict themselves or the rows (#51, #53, #97), and the names the rows give for a foreign native
 * addon (#68, #69). Console lines are public ones (spring-projects/spring-framework, Azure/azure-cli,
 * nodejs/node and kelektiv/node.bcrypt.js issues).
 */
import type { AppConfig, Finding, FindingStep } from '../../src/model';
import { readOnlySetSteps } from '../../src/classify/steps/readOnlySet';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'nightly', resourceGroup: 'rg-batch', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'nightly-29381460-z9x8c',
  container: { name: 'nightly', image: 'contosoacr.azurecr.io/nightly:2.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const job = (trigger: string, env: AppConfig['containers'][number]['env'] = []): AppConfig => ({ ...config({}, { env }), kind: 'job', job: { triggerType: trigger } } as AppConfig);
const PLACEHOLDER = 'Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder \'DB_USER\' in value "${DB_USER}"';
const MSI = 'MSI: Failed to retrieve a token from \'http://172.16.5.3:8081/msi/token/?resource=https://management.core.windows.net/&api-version=2017-09-01\' with an error of \'{"statusCode":400,"message":"Unable to load requested managed identity.","correlationId":"52079882-ca1e-4b91-8d14-e4f6c2f6cddc"}\'.';

describe('a job finding speaks of executions and starts the fix', () => {
  it('Manual job (Spring placeholder): no "new revision", and a job start before the execution check', () => {
    const f = primary({ system: [exit(1, 20)], console: [line(PLACEHOLDER, 18)], target: target({ kind: 'job' }), config: job('Manual') });
    expect(texts(f)).not.toMatch(/revision/);
    const cs = commands(f);
    const start = cs.findIndex((c) => c.startsWith('az containerapp job start '));
    expect(start).toBeGreaterThan(cs.findIndex((c) => c.startsWith('az containerapp job update ')));
    expect(texts(f)).toContain('A Manual job runs only when it is started');
    expectValidCommands(f);
  });

  it('Event-driven job: the wording changes, but no start (its events start it)', () => {
    const f = primary({ system: [exit(1, 20)], console: [line(PLACEHOLDER, 18)], target: target({ kind: 'job' }), config: job('Event') });
    expect(texts(f)).not.toMatch(/new revision/);
    expect(commands(f).some((c) => c.startsWith('az containerapp job start '))).toBe(false);
  });

  it('the same rows on an app keep the revision wording and get no job start (near miss)', () => {
    const f = primary({ system: [exit(1, 20)], console: [line(PLACEHOLDER, 18)], target: target(), config: config() });
    expect(texts(f)).toMatch(/new revision/);
    expect(commands(f).some((c) => c.includes(' job '))).toBe(false);
  });

  it('az login --identity on a scheduled job: the job identity assign, job words, and a start', () => {
    const f = primary({ system: [exit(1, 20)], console: [line(MSI, 18)], target: target({ kind: 'job' }), config: job('Schedule', [{ name: 'AZURE_CLIENT_ID', hasValue: true }]) });
    const cs = commands(f);
    expect(cs.some((c) => c.startsWith('az containerapp job identity assign -n nightly -g rg-batch --user-assigned '))).toBe(true);
    expect(cs.some((c) => c.startsWith('az containerapp job start '))).toBe(true);
    expect(texts(f)).not.toMatch(/container app|assigned to the app|`az containerapp identity/);
    expectValidCommands(f);
  });
});

describe('steps that contradict themselves or the rows', () => {
  it('a "Set MC_MINMEM" step over a read of the names sets it, and the secret made for it goes', () => {
    const make = (x: FindingStep): FindingStep => x;
    const f = { benign: false } as Finding;
    const steps: FindingStep[] = [
      { text: 'Set MC_MINMEM to a value the JVM accepts (such as 1024m), or remove it so the image default applies; this creates a new revision.', command: "az containerapp show -n spigot -g rg-mc --query 'properties.template.containers[].env[].name' -o tsv" },
      { text: 'Store the value of MC_MINMEM as app secret mc-minmem (replace <value>).', command: 'az containerapp secret set -n spigot -g rg-mc --secrets mc-minmem=<value>' },
      { text: 'Set MC_MINMEM on the container from secret mc-minmem; this creates a new revision.', command: 'az containerapp update -n spigot -g rg-mc --container-name spigot --set-env-vars MC_MINMEM=secretref:mc-minmem' },
    ];
    const out = readOnlySetSteps(f, steps, make);
    expect(out.map((x) => x.command)).toEqual([
      'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars MC_MINMEM=<value>',
      'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars MC_MINMEM',
    ]);
    // Near miss: a credential keeps its secret route.
    const cred = steps.map((x) => ({ ...x, text: x.text.replace(/MC_MINMEM/g, 'DB_PASSWORD'), command: x.command!.replace(/MC_MINMEM/g, 'DB_PASSWORD') }));
    expect(readOnlySetSteps(f, cred, make)).toEqual(cred);
    // Near miss: a "Set" step that already sets is left alone.
    expect(readOnlySetSteps(f, steps.slice(1), make)).toEqual(steps.slice(1));
  });

  it('a probe 404 on /healthz never suggests /healthz, and a probe the change added may go', () => {
    const { target: t3, config: c3, sys: s3 } = appFixtures({
      app: 'storefront', resourceGroup: 'rg-web', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
      container: { name: 'storefront', image: 'contosoacr.azurecr.io/storefront:3.13', cpu: 0.5, memory: '1Gi', env: [], probes: [{ type: 'Liveness', transport: 'http', port: 3000, path: '/healthz', periodSeconds: 10 } as never] },
    });
    const rows = [s3('ReplicaUnhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 30), s3('StoppingContainer', 'Container storefront failed liveness probe, will be restarted', 36)];
    const changed = c3({ changesSinceHealthy: { fromRevision: 'storefront--0000030', summary: 'liveness probe added', changes: [{ kind: 'probe-added', container: 'storefront', name: 'Liveness' }] } as never });
    const f = primary({ system: rows, console: [], target: t3(), config: changed });
    expect(texts(f)).not.toContain('such as /healthz');
    expect(texts(f)).toContain('remove the Liveness probe the change since storefront--0000030 added');
    // Near miss: no recorded change, no removal clause.
    const g = primary({ system: rows, console: [], target: t3(), config: c3() });
    expect(texts(g)).not.toContain('remove the Liveness probe');
  });
});

describe('a foreign native addon with the names the rows give', () => {
  const { target: t4, config: c4, line: l4, exit: e4 } = appFixtures({
    app: 'access', resourceGroup: 'rg-web', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    container: { name: 'access', image: 'contosoacr.azurecr.io/access-backend:1.12.0-arm', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
  });
  const EXEC = 'Error: Error loading shared library /home/node/app/node_modules/bcrypt/lib/binding/napi-v3/bcrypt_lib.node: Exec format error';
  it('an -arm tag with "Exec format error": the amd64 build and its image update', () => {
    const f = primary({ system: [e4(1, 20), e4(1, 60)], console: [l4(EXEC, 18)], target: t4(), config: c4() });
    expect(texts(f)).toContain('The image tag 1.12.0-arm names another CPU architecture');
    expect(commands(f).some((c) => c.includes('--image contosoacr.azurecr.io/access-backend:1.12.0-amd64'))).toBe(true);
    expectValidCommands(f);
  });
  it('the same line on a tag naming no architecture keeps the generic rebuild (near miss)', () => {
    const f = primary({ system: [e4(1, 20), e4(1, 60)], console: [l4(EXEC, 18)], target: t4(), config: c4({}, { image: 'contosoacr.azurecr.io/access-backend:1.12.0' }) });
    expect(texts(f)).not.toContain('names another CPU architecture');
    expect(texts(f)).toContain('npm rebuild bcrypt');
  });
  it('NODE_MODULE_VERSION 93 vs 102 (nodejs/node wording): better-sqlite3 and the two Node.js versions named', () => {
    const abi = "Error: The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 93. This version of Node.js requires NODE_MODULE_VERSION 102. Please try re-compiling or re-installing the module (for instance, using `npm rebuild` or `npm install`).";
    const f = primary({ system: [e4(1, 20), e4(1, 60)], console: [l4(abi, 18)], target: t4(), config: c4({}, { image: 'contosoacr.azurecr.io/reaper-bot:2024.10.1' }) });
    expect(texts(f)).toContain('better-sqlite3 was compiled for NODE_MODULE_VERSION 93 (Node.js 16)');
    expect(texts(f)).toContain('NODE_MODULE_VERSION 102 (Node.js 17)');
    expect(texts(f)).not.toContain('<package>');
  });
});
