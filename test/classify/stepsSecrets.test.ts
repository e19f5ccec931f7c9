/**
 * Secrets, variables and configuration names in the steps (issue #11, sixth review): a variable is pointed
 * at the secret the app already has, a refused credential gets `secret set`, every missing setting is set,
 * a framework's key becomes the variable it reads, a known diff says where the removed value is, and no
 * variable name is guessed when the configuration or the rows give it. Each incident is a public wording.
 */
import { existingSecretFor, frameworkEnvName, missingFields, secretFits } from '../../src/classify/steps/secretNames';
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5d1e0c7a-2b4f-4e19-8a63-1c9f7b2e4d80';
const { target, config, exit, line } = appFixtures({
  app: 'ledger-svc', resourceGroup: 'rg-books', subscriptionId: SUB, t0: Date.parse('2026-12-09T08:00:00Z'),
  replica: 'ledger-svc--0000012-6f8d7c9b4-x2k9p',
  container: { name: 'ledger-svc', image: 'crbooks.azurecr.io/ledger-svc:3.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const cmd = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const changed = (name: string, kind: 'env-removed' | 'env-secret-ref', summary: string): Partial<AppConfig> => ({
  latestRevisionName: 'ledger-svc--0000012',
  failingRevisionName: 'ledger-svc--0000012',
  changesSinceHealthy: { fromRevision: 'ledger-svc--0000011', summary, changes: [{ kind, container: 'ledger-svc', name }] },
});

describe('the secret the app already has', () => {
  it('a missing DATABASE_URL is pointed at the unread secret postgres-url, no new secret', () => {
    // https://github.com/reactive-resume/app/issues/1698 ("Environment variable not found: DATABASE_URL.")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('error: Environment variable not found: DATABASE_URL.')],
      target: target(), config: config({ secrets: [{ name: 'postgres-url' }, { name: 'smtp-pass' }] }, { env: [{ name: 'SMTP_PASSWORD', secretRef: 'smtp-pass', hasValue: true }] }),
    });
    expect(f.category).toBe('missing-configuration');
    expect(texts(f)).toContain('the app already has secret postgres-url');
    expect(cmd(f)).toContain('--set-env-vars DATABASE_URL=secretref:postgres-url');
    expect(cmd(f)).not.toMatch(/secret set|database-url/);
    expectValidCommands(f);
  });

  it('Spring: SPRING_DATASOURCE_URL removed goes back to secret db-url, not a new spring-datasource-url', () => {
    // https://github.com/spring-projects/spring-boot/issues/15828 ("Failed to configure a DataSource: 'url' attribute is not specified ...")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.")],
      target: target(),
      config: config(
        { secrets: [{ name: 'db-password' }, { name: 'db-url' }], ...changed('SPRING_DATASOURCE_URL', 'env-removed', 'env var SPRING_DATASOURCE_URL removed') },
        { env: [{ name: 'SPRING_DATASOURCE_PASSWORD', secretRef: 'db-password', hasValue: true }] },
      ),
    });
    expect(cmd(f)).toContain('--set-env-vars SPRING_DATASOURCE_URL=secretref:db-url');
    expect(cmd(f)).not.toContain('spring-datasource-url');
    expect(cmd(f)).not.toContain('--secrets db-password');
    expectValidCommands(f);
  });

  it('a secretRef to a missing secret is pointed at the unread one the app has; creating it stays the alternative', () => {
    // https://learn.microsoft.com/azure/container-apps/manage-secrets (a secretRef must name a secret of the app)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [],
      target: target(),
      config: config(
        { secrets: [{ name: 'sendgrid-key' }, { name: 'redis-conn' }] },
        { env: [{ name: 'REDIS_URL', secretRef: 'redis-url', hasValue: false }, { name: 'SENDGRID_API_KEY', secretRef: 'sendgrid-key', hasValue: true }] },
      ),
    });
    expect(texts(f)).toContain('the app already has secret redis-conn');
    expect(commands(f)[0]).toContain('--set-env-vars REDIS_URL=secretref:redis-conn');
    expect(texts(f)).toMatch(/Or, if redis-url is the name meant/);
    expectValidCommands(f);
  });

  it('a variable moved to another secret is pointed back to the healthy one, which is not overwritten', () => {
    // https://azureossd.github.io/2024/01/19/Container-Apps-Backoff-restarts-and-container-exits/ (exit 1, back-off, no logs)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [],
      target: target(),
      config: config(
        { secrets: [{ name: 'db-password' }, { name: 'db-password-v2' }], ...changed('DB_PASSWORD', 'env-secret-ref', 'DB_PASSWORD now references db-password-v2 instead of db-password') },
        { env: [{ name: 'DB_PASSWORD', secretRef: 'db-password-v2', hasValue: true }] },
      ),
    });
    expect(texts(f)).toContain('point DB_PASSWORD back to db-password');
    expect(cmd(f)).toContain('--set-env-vars DB_PASSWORD=secretref:db-password ');
    expect(cmd(f)).not.toMatch(/--secrets db-password=/);
    expect(texts(f)).not.toContain('Compare the failing revision');
    expectValidCommands(f);
  });

  it('name matching: the subject must be the variable\'s and the kinds must agree; two candidates give none', () => {
    expect(secretFits('CELERY_BROKER_URL', 'broker-url')).toBe(true);
    expect(secretFits('CELERY_BROKER_URL', 'redis-url')).toBe(false);
    expect(secretFits('DB_PASSWORD', 'db-url')).toBe(false);
    expect(secretFits('SPRING_DATASOURCE_URL', 'db-url')).toBe(true);
    const two = { kind: 'containerApp', name: 'a', containers: [{ name: 'a', env: [], probes: [] }], initContainers: [], secrets: [{ name: 'redis' }, { name: 'redis-conn' }] } as AppConfig;
    expect(existingSecretFor('REDIS_URL', two)).toBeUndefined();
  });
});

describe('a refused credential names the secret and gives `secret set`', () => {
  it('OpenAI 401 invalid_api_key: the OpenAI API key, secret list then secret set, then restart', () => {
    // https://github.com/wandb/openui/issues/199 (openai.AuthenticationError: Error code: 401 ... invalid_api_key)
    const f = primary({
      system: [exit(3), exit(3, 40)],
      console: [line("openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-****Qz8A. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}")],
      target: target(), config: config(),
    });
    expect(f.category).toBe('authentication-failure');
    expect(texts(f)).toContain('The OpenAI API key was refused');
    expect(cmd(f)).toContain('az containerapp secret set -n ledger-svc -g rg-books --secrets <secret-name>=<value>');
    expect(cmd(f)).toContain('az containerapp revision restart');
    expectValidCommands(f);
  });

  it('a job refused by Office 365 SMTP (535 5.7.3): the SMTP login, SMTP AUTH, `job secret set`', () => {
    // https://github.com/nodemailer/nodemailer/issues/953 ("Invalid login: 535 5.7.3 Authentication unsuccessful")
    const f = primary({
      system: [exit(1)],
      console: [line('{ Error: Invalid login: 535 5.7.3 Authentication unsuccessful'), line('    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:606:19)', 0.1)],
      target: target({ kind: 'job' }), config: config({ kind: 'job' }),
    });
    expect(texts(f)).toContain('SMTP login');
    expect(texts(f)).toContain('SMTP AUTH');
    expect(cmd(f)).toContain('az containerapp job secret set -n ledger-svc');
    expectValidCommands(f);
  });

  it('NOAUTH while REDIS_PASSWORD reads redis-key: pass it to the client, and the command to set redis-key', () => {
    // https://github.com/redis/ioredis/issues/1399 ("ReplyError: NOAUTH Authentication required.")
    const f = primary({
      system: [],
      console: [line('[ioredis] Unhandled error event: ReplyError: NOAUTH Authentication required.'), line('[ioredis] Unhandled error event: ReplyError: NOAUTH Authentication required.', 30)],
      target: target(),
      config: config({ secrets: [{ name: 'redis-key' }] }, { env: [{ name: 'REDIS_HOST', hasValue: true }, { name: 'REDIS_PASSWORD', secretRef: 'redis-key', hasValue: true }] }),
    });
    expect(texts(f)).toContain('although REDIS_PASSWORD reads secret redis-key');
    expect(cmd(f)).toContain('--secrets redis-key=<value>');
    expectValidCommands(f);
  });
});

describe('settings and the names frameworks read', () => {
  it('pydantic lists API_ID and API_HASH: both are stored and set', () => {
    // https://github.com/shamhi/MemeFiBot/issues/142 ("2 validation errors for Settings / API_ID / Field required")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('pydantic_core._pydantic_core.ValidationError: 2 validation errors for Settings'),
        line('API_ID', 0.1), line('  Field required [type=missing, input_value={}, input_type=dict]', 0.2),
        line('API_HASH', 0.3), line('  Field required [type=missing, input_value={}, input_type=dict]', 0.4),
      ],
      target: target(), config: config(),
    });
    expect(cmd(f)).toContain('--secrets api-id=<value> api-hash=<value>');
    expect(cmd(f)).toContain('--set-env-vars API_ID=secretref:api-id API_HASH=secretref:api-hash');
    expect(commands(f).filter((c) => /secret set/.test(c))).toHaveLength(1);
    expectValidCommands(f);
  });

  it('nested pydantic models (security, database): both named, with the SECURITY__<FIELD> form', () => {
    // https://github.com/rafsaf/minimal-fastapi-postgres-template/issues/47 (Settings: security / database Field required)
    const rows = ['pydantic_core._pydantic_core.ValidationError: 2 validation errors for Settings', 'security', '  Field required [type=missing, input_value={}, input_type=dict]', 'database', '  Field required [type=missing, input_value={}, input_type=dict]'];
    expect(missingFields(rows)).toEqual(['security', 'database']);
    const f = primary({ system: [exit(1), exit(1, 40)], console: rows.map((r, i) => line(r, i / 10)), target: target(), config: config() });
    expect(texts(f)).toContain('SECURITY, DATABASE');
    expect(texts(f)).toContain('SECURITY__<FIELD>, DATABASE__<FIELD>');
  });

  it('a field with a wrong value is not listed as missing', () => {
    expect(missingFields(['1 validation error for Settings', 'PORT', '  Input should be a valid integer [type=int_parsing]'])).toEqual([]);
  });

  it('Quarkus pricing.tax-service.url is set as PRICING_TAX_SERVICE_URL, no example from another framework', () => {
    // https://quarkus.io/guides/config-reference#environment-variables (SmallRye: "could not be found in any config source")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('java.lang.RuntimeException: Failed to start quarkus'), line('The config property pricing.tax-service.url is required but it could not be found in any config source.', 0.1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('Quarkus reads pricing.tax-service.url from the environment variable PRICING_TAX_SERVICE_URL');
    // A service URL without a login is a plain value: set directly, not moved into a secret.
    expect(cmd(f)).toContain('--set-env-vars PRICING_TAX_SERVICE_URL=<value>');
    expect(texts(f)).not.toContain('DJANGO_');
    expectValidCommands(f);
  });

  it('relaxed binding per framework, and .NET nested keys with __', () => {
    // https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.typesafe-configuration-properties.relaxed-binding.environment-variables
    expect(frameworkEnvName('pricing.tax-service.url', 'org.springframework.boot')?.envVar).toBe('PRICING_TAXSERVICE_URL');
    // https://docs.micronaut.io/latest/guide/#propertySource
    expect(frameworkEnvName('pricing.tax-service.url', 'io.micronaut.context Micronaut')?.envVar).toBe('PRICING_TAX_SERVICE_URL');
    // https://learn.microsoft.com/aspnet/core/fundamentals/configuration/#naming-of-environment-variables
    expect(frameworkEnvName('ConnectionStrings:Inventory', '')?.envVar).toBe('ConnectionStrings__Inventory');
    expect(frameworkEnvName('pricing.tax-service.url', 'no framework named')).toBeUndefined();
  });
});

describe('a known diff, and no guessed variable', () => {
  it('a removed variable: no "compare and revert"; the value is read from the healthy template and set back', () => {
    // https://learn.microsoft.com/cli/azure/containerapp/revision#az-containerapp-revision-show
    const f = classifyChange();
    expect(texts(f)).not.toContain('Compare the failing revision');
    expect(texts(f)).toContain("still in healthy revision ledger-svc--0000011's template");
    expect(cmd(f)).toContain("az containerapp revision show -n ledger-svc -g rg-books --revision ledger-svc--0000011 --query 'properties.template.containers[].env' -o json");
    expect(cmd(f)).toContain('--set-env-vars QUOTE_PROVIDER_URL=<value>');
    expect(cmd(f)).not.toContain('quote-provider-url');
    expectValidCommands(f);
  });

  it('a broker that does not resolve: the variable the change touched (CELERY_BROKER_URL), not a guessed REDIS_URL', () => {
    // https://github.com/jumpserver/jumpserver/issues/450 ("consumer: Cannot connect to redis://redis:6379 ... Name or service not known")
    const f = primary({
      system: [],
      console: [line('[2026-12-09 07:55:42,838: ERROR/MainProcess] consumer: Cannot connect to redis://redis:6379/3: Error -2 connecting to redis:6379. Name or service not known..'), line('Trying again in 32.00 seconds...', 0.1)],
      target: target(),
      config: config(
        { secrets: [{ name: 'broker-url' }], ...changed('CELERY_BROKER_URL', 'env-secret-ref', 'broker URL secret changed') },
        { env: [{ name: 'CELERY_BROKER_URL', secretRef: 'broker-url', hasValue: false }] },
      ),
    });
    expect(texts(f)).toContain('CELERY_BROKER_URL');
    expect(texts(f)).not.toContain('REDIS_URL');
    expect(cmd(f)).toContain('--secrets broker-url=<value>');
    expect(texts(f)).toContain('CELERY_BROKER_URL already reads secret broker-url');
    expectValidCommands(f);
  });

  it('a short name that resolved (kafka-svc -> 100.100.60.12) is an app of the environment: no guessed KAFKA_BOOTSTRAP_SERVERS', () => {
    // https://github.com/tomasAlabes/graphql-kafkajs-subscriptions/issues/13 (KafkaJS "Connection error: connect ECONNREFUSED")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('{"level":"ERROR","logger":"kafkajs","message":"[Connection] Connection error: connect ECONNREFUSED 100.100.60.12:9092","broker":"kafka-svc:9092","clientId":"notifications-api"}')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(texts(f)).toContain('kafka-svc');
    expect(texts(f)).not.toContain('KAFKA_BOOTSTRAP_SERVERS');
    expect(cmd(f)).not.toContain('secret set');
  });
});

function classifyChange() {
  return primary({
    system: [exit(1), exit(1, 40)],
    console: [],
    target: target(),
    config: config(
      { ...changed('QUOTE_PROVIDER_URL', 'env-removed', 'env var QUOTE_PROVIDER_URL removed'), revisions: [{ name: 'ledger-svc--0000011', active: false, healthState: 'Healthy' }, { name: 'ledger-svc--0000012', active: true, healthState: 'Unhealthy' }] },
      { env: [{ name: 'PORT', hasValue: true }] },
    ),
  });
}
