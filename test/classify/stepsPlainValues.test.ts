/**
 * Plain values and the change's own variables in the steps (issue #11, eighth review): a port, a host name
 * or a URL without a login is set with `--set-env-vars NAME=value`, never moved into a new secret; a change
 * that set a variable is undone with `--remove-env-vars` (or the ingress target port); every variable the
 * change removed is restored; a moved secret reference names its variable. Each incident is a public wording.
 */
import { isPlainSetting } from '../../src/classify/steps/secretSteps';
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7a2c4e61-0b3d-4f58-9e21-6d8f0a1b2c3d';
const { target, config, exit, line, sys } = appFixtures({
  app: 'vector-api', resourceGroup: 'rg-search', subscriptionId: SUB, t0: Date.parse('2026-12-10T09:00:00Z'),
  replica: 'vector-api--0000014-6f8d7c9b4-x2k9p',
  container: { name: 'vector-api', image: 'crsearch.azurecr.io/vector-api:1.9.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const cmd = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const change = (changes: { kind: 'env-removed' | 'env-secret-ref' | 'env-value-set' | 'env-value-cleared'; name: string; before?: string; after?: string }[], summary: string): Partial<AppConfig> => ({
  latestRevisionName: 'vector-api--0000014',
  changesSinceHealthy: { fromRevision: 'vector-api--0000013', summary, changes: changes.map((c) => ({ ...c, container: 'vector-api' })) },
});

describe('plain values are not secrets', () => {
  it('names: ports, hosts and plain URLs are plain; passwords and login-bearing URLs are not', () => {
    for (const v of ['MILVUS_PORT', 'PORT', 'REDIS_HOST', 'MONGO_HOSTNAME', 'NATS_URL', 'SPRING_PROFILES_ACTIVE', 'ASPNETCORE_URLS', 'API_BASE_URL']) expect([v, isPlainSetting(v)]).toEqual([v, true]);
    for (const v of ['DB_PASSWORD', 'DATABASE_URL', 'REDIS_URL', 'MONGO_URI', 'OPENAI_API_KEY', 'ConnectionStrings__somedb', 'CELERY_BROKER_URL', 'EVENTHUB_CONNECTION']) expect([v, isPlainSetting(v)]).toEqual([v, false]);
  });

  it('an empty MILVUS_PORT (pydantic int_parsing) is set directly, with no secret step', () => {
    // https://github.com/getsynkora/synkora-ai/pull/198 (milvus_port: Input should be a valid integer ... input_value='')
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('pydantic_core._pydantic_core.ValidationError: 1 validation error for VectorDBConfig'),
        line('milvus_port'),
        line("  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='', input_type=str]"),
      ],
      target: target(),
      config: config(change([{ kind: 'env-value-cleared', name: 'MILVUS_PORT' }], 'MILVUS_PORT value cleared'), { env: [{ name: 'MILVUS_PORT', hasValue: false }] }),
    });
    expect(f.category).toBe('missing-configuration');
    expect(cmd(f)).toContain('--set-env-vars MILVUS_PORT=<value>');
    expect(cmd(f)).not.toMatch(/secret set|secretref/);
    expect(texts(f)).not.toMatch(/If it comes from a secret/);
    expectValidCommands(f);
  });
});

describe("the change's own variables", () => {
  it('PORT set since the healthy revision: remove it, or set it to the ingress target port 8080', () => {
    // https://learn.microsoft.com/azure/container-apps/health-probes (startup probe refused on the target port)
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.12:8080: connect: connection refused'), sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.12:8080: connect: connection refused', 60)],
      console: [],
      target: target(),
      config: config({ ...change([{ kind: 'env-value-set', name: 'PORT' }], 'env var PORT set'), ingress: { external: true, targetPort: 8080 } }, { env: [{ name: 'PORT', hasValue: true }] }),
    });
    const all = [f, ...[]];
    const text = all.map(texts).join('\n');
    expect(cmd(f) + text).not.toMatch(/secretref:port\b|--secrets port=/);
    if (f.category === 'configuration-change') {
      expect(cmd(f)).toContain('--remove-env-vars PORT');
      expect(cmd(f)).toContain('--set-env-vars PORT=8080');
    }
    expectValidCommands(f);
  });

  it('a moved secret reference names ConnectionStrings__somedb, not another variable of the template', () => {
    // https://github.com/dotnet/efcore/issues/35936 ("The ConnectionString property has not been initialized.")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('fail: Microsoft.AspNetCore.Server.Kestrel[13]'), line('System.InvalidOperationException: The ConnectionString property has not been initialized.')],
      target: target(),
      config: config(
        { ...change([{ kind: 'env-secret-ref', name: 'ConnectionStrings__somedb', before: 'catalog-sql', after: 'catalog-sql-v2' }], 'ConnectionStrings__somedb now references catalog-sql-v2 instead of catalog-sql'), secrets: [{ name: 'catalog-sql' }, { name: 'catalog-sql-v2' }] },
        { env: [{ name: 'ASPNETCORE_URLS', hasValue: true }, { name: 'ConnectionStrings__somedb', secretRef: 'catalog-sql-v2', hasValue: false }] },
      ),
    });
    expect(texts(f) + cmd(f)).toContain('ConnectionStrings__somedb');
    expect(texts(f) + cmd(f)).not.toContain('ASPNETCORE_URLS');
    expectValidCommands(f);
  });
});
