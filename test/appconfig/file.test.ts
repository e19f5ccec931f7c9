/** The `az containerapp show` file shape: same AppConfig as ARM, and clear errors for bad files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArmConfigSource, createFileConfigSource } from '../../src/appconfig';
import { AppConfigError, InvalidRequestError } from '../../src/errors';
import { testTlsOptions } from '../support/httpsStandIn';
import { fixture, ordersWorld, startArmStandIn } from '../support/armStandIn';
import { appTarget, jobTarget, secretValuesInFixtures, staticCredential } from './helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'appconfig-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** What a person gets by pasting the az outputs together: show + revision list + replica list + env show. */
function azDocument() {
  return {
    ...fixture('orders-api.containerapp.json'),
    revisions: fixture('orders-api.revisions.json').value, // `az containerapp revision list` prints a bare array
    replicas: fixture('orders-api.r8.replicas.json').value,
    environment: fixture('orders-env.managedenvironment.json'),
  };
}

describe('createFileConfigSource', () => {
  it('normalises the az output to exactly what ARM gives through the SDK', async () => {
    const arm = await startArmStandIn({ resources: ordersWorld() });
    try {
      const fromArm = await createArmConfigSource({
        credential: staticCredential,
        endpoint: arm.url,
        scope: 'https://management.azure.com/.default',
        tlsOptions: testTlsOptions,
      }).fetchConfig(appTarget());
      const fromFile = await createFileConfigSource(write('orders-full.json', azDocument())).fetchConfig(appTarget());
      expect(fromFile).toEqual(fromArm);
      expect(fromFile?.changesSinceHealthy?.summary).toBe(
        'since revision orders-api--r7: image orders:1.4.1 → orders:1.4.2, DATABASE_URL removed',
      );
    } finally {
      await arm.close();
    }
  });

  it('reads a plain `az containerapp show` file without the merged parts', async () => {
    const config = await createFileConfigSource(write('orders-show.json', fixture('orders-api.containerapp.json'))).fetchConfig(
      appTarget(),
    );
    expect(config).toMatchObject({ kind: 'containerApp', name: 'orders-api', ingress: { targetPort: 80 } });
    expect(config?.containers[0].probes.map((p) => p.port)).toEqual([8080, 8080]);
    expect(config?.revisions).toBeUndefined();
    expect(config?.changesSinceHealthy).toBeUndefined();
    const json = JSON.stringify(config);
    for (const value of secretValuesInFixtures()) expect(json).not.toContain(value);
  });

  it('accepts ARM list envelopes and a byte-order mark', async () => {
    const doc = { ...fixture('orders-api.containerapp.json'), revisions: fixture('orders-api.revisions.json') };
    const config = await createFileConfigSource(write('orders-bom.json', '\uFEFF' + JSON.stringify(doc))).fetchConfig(appTarget());
    expect(config?.revisions).toHaveLength(3);
    expect(config?.changesSinceHealthy?.fromRevision).toBe('orders-api--r7');
  });

  it('reads a job with its executions', async () => {
    const doc = { ...fixture('nightly-export.job.json'), executions: fixture('nightly-export.executions.json').value };
    const config = await createFileConfigSource(write('job.json', doc)).fetchConfig(jobTarget());
    expect(config?.kind).toBe('job');
    expect(config?.job?.executions?.[0].containers?.map((c) => c.exitCode)).toEqual([137, 137]);
  });

  it('honours an aborted signal with a typed error', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await createFileConfigSource(write('abort.json', fixture('orders-api.containerapp.json')))
      .fetchConfig(appTarget(), { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppConfigError);
    expect((err as AppConfigError).context.reason).toBe('aborted');
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), /could not be read \(ENOENT\)/],
    ['invalid JSON', () => write('broken.json', '{"name": "orders-api",'), /is not valid JSON/],
    ['an array', () => write('array.json', [1, 2]), /must hold one JSON object/],
    ['some other resource', () => write('vm.json', { name: 'vm1', type: 'Microsoft.Compute/virtualMachines', properties: {} }), /does not look like a container app or job/],
  ])('rejects %s with an InvalidRequestError', async (_label, path, message) => {
    const err = await createFileConfigSource(path()).fetchConfig(appTarget()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect((err as Error).message).toMatch(message);
  });
});
