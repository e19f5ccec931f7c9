/**
 * Values the rows or the configuration already give, used instead of a conventional guess or a blank
 * (v21 review: placeholders 1, 8, 15; guessed names 73, 84, 88, 97, 100; a configured setting 14, 49).
 * Console lines are public wording: Mattermost's "Failed to ping DB" (mattermost/mattermost issues), MySQL's
 * Error 1044, Ollama's "Listening on 127.0.0.1:11434" (ollama/ollama issues), the Key Vault SDK's
 * KeyVaultErrorException "Access denied" and azure-identity (Java)'s "Managed Identity authentication is
 * not available." (Azure/azure-sdk-for-net and Azure/azure-sdk-for-java issues).
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'chat', resourceGroup: 'rg-chat', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'chat--0000012-7a8b9c6d5-n9m8l',
  container: { name: 'chat', image: 'docker.io/mattermost/mattermost-team-edition:9.11', cpu: 1, memory: '2Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const PING_3306 = 'ERRO[2020-04-12T23:41:46.351171+10:00] Failed to ping DB                             caller="sqlstore/supplier.go:236" error="dial tcp 127.0.0.1:3306: connect: connection refused" retrying in seconds=10';

describe('the address variable the configuration sets for the database, not a conventional guess', () => {
  it('Mattermost on 127.0.0.1:3306 with MM_SQLSETTINGS_DATASOURCE from mm-datasource: that variable and secret, no DATABASE_URL', () => {
    const f = primary({
      system: crashLoop,
      console: [line(PING_3306, 18)],
      target: target(),
      config: config({ secrets: [{ name: 'mm-datasource' }] }, { env: [
        { name: 'MM_SQLSETTINGS_DRIVERNAME', hasValue: true }, { name: 'MM_SQLSETTINGS_DATASOURCE', secretRef: 'mm-datasource', hasValue: false },
      ] }),
    });
    expect(texts(f)).toContain('MM_SQLSETTINGS_DATASOURCE');
    expect(`${texts(f)}\n${commands(f).join('\n')}`).not.toMatch(/DATABASE_URL|database-url/);
    expect(commands(f).some((c) => c.includes('--secrets mm-datasource=<value>'))).toBe(true);
    expectValidCommands(f);
  });

  it('near miss: an app that sets DATABASE_URL keeps it; one that sets nothing keeps the usual name as a guess', () => {
    const set = primary({
      system: crashLoop, console: [line(PING_3306, 18)], target: target(),
      config: config({ secrets: [{ name: 'db-url' }] }, { env: [{ name: 'DATABASE_URL', secretRef: 'db-url', hasValue: false }] }),
    });
    expect(texts(set)).toContain('DATABASE_URL');
    const none = primary({ system: crashLoop, console: [line(PING_3306, 18)], target: target(), config: config({}, { env: [{ name: 'LOG_LEVEL', hasValue: true }] }) });
    expect(texts(none)).toMatch(/usually DATABASE_URL/);
  });

  it('MySQL Error 1044 with the login in MM_SQLSETTINGS_DATASOURCE (secret mm-dsn): the grant, no <secret-name>, no MYSQL_PASSWORD guess, no secret change', () => {
    const f = primary({
      system: crashLoop,
      console: [line('ERRO[2019-10-09T13:02:08.4040518+03:00] Failed to ping DB                             caller="sqlstore/supplier.go:234" error="Error 1044: Access denied for user \'mmuser\'@\'%\' to database \'mattermost\'" retrying in seconds=10', 18)],
      target: target(),
      config: config({ secrets: [{ name: 'mm-dsn' }] }, { env: [
        { name: 'MM_SQLSETTINGS_DRIVERNAME', hasValue: true }, { name: 'MM_SQLSETTINGS_DATASOURCE', secretRef: 'mm-dsn', hasValue: false },
      ] }),
    });
    const all = `${texts(f)}\n${commands(f).join('\n')}`;
    expect(all).not.toMatch(/<secret-name>|MYSQL_PASSWORD|DB_PASSWORD/);
    // 1044 is a privilege the login lacks, not a wrong password (stepsWhenItApplies24): the grant, no secret change.
    expect(texts(f)).toContain("GRANT ALL PRIVILEGES ON mattermost.* TO 'mmuser'@'%'");
    expect(commands(f).some((c) => c.includes('secret set'))).toBe(false);
    expectValidCommands(f);
  });
});

describe('the failing revision the rows name, for a finding read from the configuration', () => {
  const app = appFixtures({
    app: 'pricing-svc', resourceGroup: 'rg-prod', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'pricing-svc--0000021-6d9f7c-abcde',
    container: { name: 'pricing-svc', image: 'contosoacr.azurecr.io/pricing-svc:2.0.1', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
  });
  const missingSecret = app.config({ secrets: [] }, { env: [{ name: 'APP_CONFIGURATION_CONNECTION_STRING', secretRef: 'appconfig-conn', hasValue: false }] });

  it('a secretRef to an undefined secret: the restart names pricing-svc--0000021, the revision the rows were written by', () => {
    const f = primary({
      system: [app.exit(1, 20), app.sys('ContainerBackOff', 'Persistent Failure to start container', 40)],
      console: [app.line('Exception in thread "main" java.lang.IllegalArgumentException: \'Connection string\' cannot be null or empty.', 18)],
      target: app.target(),
      config: missingSecret,
    });
    expect(commands(f).join('\n')).not.toContain('<revision>');
    expect(commands(f)).toContain(`az containerapp revision restart -n pricing-svc -g rg-prod --revision pricing-svc--0000021 --subscription ${SUB}`);
    expectValidCommands(f);
  });

  it('near miss: rows from two revisions name neither; the blank stays', () => {
    const other = { time: new Date(Date.parse('2026-12-03T10:00:30Z')), text: 'Exception in thread "main" java.lang.IllegalArgumentException: \'Connection string\' cannot be null or empty.', replica: 'pricing-svc--0000020-5c8e6b-zyxwv' };
    const f = primary({
      system: [app.exit(1, 20), { ...app.exit(1, 35), replica: 'pricing-svc--0000020-5c8e6b-zyxwv' }],
      console: [app.line('Exception in thread "main" java.lang.IllegalArgumentException: \'Connection string\' cannot be null or empty.', 18), other],
      target: app.target(),
      config: missingSecret,
    });
    expect(commands(f).join('\n')).not.toContain('--revision pricing-svc--0000021');
  });
});

describe('Key Vault: the role the call needs and the vault looked up by name, not <role> and <resource-id>', () => {
  const app = appFixtures({
    app: 'billing-web', resourceGroup: 'rg-prod', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'billing-web--0000031-6d9f7c-abcde',
    container: { name: 'billing-web', image: 'contosoacr.azurecr.io/billing-web:2.7.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
  });
  const system = [app.exit(1, 20), app.sys('ContainerBackOff', 'Persistent Failure to start container', 40)];
  const accessDenied = [
    app.line('[Critical] Microsoft.AspNetCore.Hosting.Internal.WebHost: Application startup exception', 17),
    app.line('Microsoft.Azure.KeyVault.Models.KeyVaultErrorException: Access denied', 18),
    app.line('   at Microsoft.Azure.KeyVault.KeyVaultClient.<GetSecretsWithHttpMessagesAsync>d__66.MoveNext()', 18),
  ];

  it('KeyVaultErrorException "Access denied" listing secrets, no vault named: Key Vault Secrets User on $(az keyvault show -n <vault-name>), and the access-policy route', () => {
    const f = primary({ system, console: accessDenied, target: app.target(), config: null as never });
    const all = commands(f).join('\n');
    expect(all).not.toMatch(/<role>|<resource-id>/);
    expect(all).toContain("--role 'Key Vault Secrets User' --scope $(az keyvault show -n <vault-name> --query id -o tsv");
    expect(all).toContain('az keyvault set-policy -n <vault-name> --object-id');
    expect(all).toContain('--secret-permissions get list');
    expectValidCommands(f);
  });

  it('Spring Key Vault property source, "Managed Identity authentication is not available", identity None: assign, then the role on the vault its endpoint variable names', () => {
    const f = primary({
      system,
      console: [
        app.line('java.lang.IllegalStateException: Failed to configure KeyVault property source', 17),
        app.line('        at com.azure.spring.cloud.autoconfigure.implementation.keyvault.environment.KeyVaultEnvironmentPostProcessor.buildKeyVaultPropertySource(KeyVaultEnvironmentPostProcessor.java:131)', 17),
        app.line('Caused by: com.azure.identity.CredentialUnavailableException: Managed Identity authentication is not available.', 18),
      ],
      target: app.target(),
      config: app.config({ identity: { type: 'None' } } as never, { env: [{ name: 'SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTYSOURCES_0_ENDPOINT', hasValue: true }] }),
    });
    const all = commands(f).join('\n');
    expect(all).toContain('az containerapp identity assign -n billing-web -g rg-prod --system-assigned');
    expect(all).not.toMatch(/<role>|<resource-id>|<principal-id>/);
    expect(all).toContain("--role 'Key Vault Secrets User' --scope $(az keyvault show -n <vault-name>");
    expect(texts(f)).toContain('the vault SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTYSOURCES_0_ENDPOINT points at');
    expectValidCommands(f);
  });

  it('near misses: a vault named by its URL keeps its own lookup; a credential-unavailable error with no Key Vault call keeps the generic step', () => {
    const named = primary({
      system,
      console: [app.line('Azure.RequestFailedException: Caller is not authorized to perform action on resource. Status: 403 (Forbidden) ErrorCode: Forbidden https://contoso-billing-kv.vault.azure.net/secrets/db-password', 18), ...accessDenied.slice(1)],
      target: app.target(), config: null as never,
    });
    expect(commands(named).join('\n')).not.toContain('<vault-name>');
    const noVault = primary({
      system,
      console: [app.line('Caused by: com.azure.identity.CredentialUnavailableException: Managed Identity authentication is not available.', 18)],
      target: app.target(), config: app.config({ identity: { type: 'None' } } as never),
    });
    expect(commands(noVault).join('\n')).not.toContain('keyvault');
  });
});

describe('a server on the loopback address: the listen variable the configuration sets', () => {
  const app = appFixtures({
    app: 'ollama-api', resourceGroup: 'rg-ai', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'ollama-api--0000002-5b4c3d2e1-r4t5y',
    container: { name: 'ollama-api', image: 'docker.io/ollama/ollama:0.1.30', cpu: 4, memory: '16Gi', env: [], probes: [] },
  });
  const listening = app.line('time=2024-04-05T07:17:53.852-05:00 level=INFO source=routes.go:1118 msg="Listening on 127.0.0.1:11434 (version 0.1.30)"', 10);
  const probe = app.sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.23:11434: connect: connection refused', 30);
  const ingress = { ingress: { external: true, targetPort: 11434 } };

  it('ollama "Listening on 127.0.0.1:11434" with OLLAMA_HOST set: set OLLAMA_HOST=0.0.0.0 with a command', () => {
    const f = primary({ system: [probe], console: [listening], target: app.target(), config: app.config(ingress as never, { env: [{ name: 'OLLAMA_HOST', hasValue: true }] }) });
    expect(texts(f)).toContain('The configuration sets OLLAMA_HOST');
    expect(commands(f)).toContain(`az containerapp update -n ollama-api -g rg-ai --container-name ollama-api --set-env-vars OLLAMA_HOST=0.0.0.0 --subscription ${SUB}`);
    // One step sets it: the server-start fixer and the bind-variable step do not both.
    expect(commands(f).filter((c) => c.includes('OLLAMA_HOST=0.0.0.0'))).toHaveLength(1);
    expectValidCommands(f);
  });

  it('near misses: a dependency host (REDIS_HOST) or two generic candidates leave the generic bind step', () => {
    const redis = primary({ system: [probe], console: [listening], target: app.target(), config: app.config(ingress as never, { env: [{ name: 'REDIS_HOST', hasValue: true }] }) });
    expect(commands(redis).join('\n')).not.toContain('REDIS_HOST=0.0.0.0');
    expect(texts(redis)).toMatch(/Bind 0\.0\.0\.0/);
    const two = primary({ system: [probe], console: [listening], target: app.target(), config: app.config(ingress as never, { env: [{ name: 'HOST', hasValue: true }, { name: 'BIND_ADDRESS', hasValue: true }] }) });
    expect(commands(two).join('\n')).not.toMatch(/HOST=0\.0\.0\.0/);
  });
});

describe('Keycloak behind the ingress: the proxy option its version knows, and a set KC_HOSTNAME kept', () => {
  const keycloak = (image: string) => appFixtures({
    app: 'kc-json', resourceGroup: 'rg-id', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'kc-json--0000009-7c8d9e1f2-k9l0z',
    container: { name: 'kc-json', image, cpu: 1, memory: '2Gi', env: [], probes: [], args: ['start', '--log-console-output=json'] },
  });
  const KEY_MATERIAL = 'ERROR: Key material not provided to setup HTTPS. Please configure your keys/certificates or start the server in development mode.';
  const run = (image: string, env: { name: string; hasValue: boolean }[]) => {
    const app = keycloak(image);
    return primary({ system: [app.exit(1, 20), app.sys('ContainerBackOff', 'Persistent Failure to start container', 40)], console: [app.line(KEY_MATERIAL, 18)], target: app.target(), config: app.config({}, { env }) });
  };

  it('Keycloak 20.0.0 with KC_HOSTNAME set: KC_PROXY=edge (no KC_PROXY_HEADERS), KC_HOSTNAME not overwritten with a blank', () => {
    const f = run('quay.io/keycloak/keycloak:20.0.0', [{ name: 'KC_HOSTNAME', hasValue: true }]);
    const all = `${texts(f)}\n${commands(f).join('\n')}`;
    expect(all).not.toContain('KC_PROXY_HEADERS');
    expect(commands(f).some((c) => c.includes('--set-env-vars KC_HTTP_ENABLED=true KC_PROXY=edge ') && !c.includes('KC_HOSTNAME='))).toBe(true);
    expect(texts(f)).toContain('KC_HOSTNAME is already set: the command keeps it.');
    expectValidCommands(f);
  });

  it('near miss: Keycloak 25.0.1 without KC_HOSTNAME keeps KC_PROXY_HEADERS=xforwarded and asks for KC_HOSTNAME', () => {
    const f = run('quay.io/keycloak/keycloak:25.0.1', []);
    expect(commands(f).some((c) => c.includes('KC_PROXY_HEADERS=xforwarded') && c.includes('KC_HOSTNAME=<value>'))).toBe(true);
  });
});

describe('two port flags on one value: the side listener moved back in the args', () => {
  const app = appFixtures({
    app: 'search-gw', resourceGroup: 'rg-prod', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'search-gw--0000021-ac5d3459a-n9shs',
    container: { name: 'search-gw', image: 'srchacr.azurecr.io/search-gw:1.5.0', cpu: 0.5, memory: '1Gi', env: [{ name: 'RUST_LOG', hasValue: true }], probes: [], args: ['--port', '8080', '--metrics-port', '8080'] },
  });
  const rows = [
    app.line('2026-10-01T00:50:01.112Z  INFO search_gw: metrics exporter listening on 0.0.0.0:8080', 10),
    app.line('thread \'main\' panicked at \'Failed to serve: Os { code: 98, kind: AddrInUse, message: "Address already in use" }\', src/net/server/mod.rs:77:26', 16),
  ];
  const system = [app.exit(101, 20), app.sys('ContainerBackOff', 'Persistent Failure to start container', 40)];
  const ingress = { ingress: { external: true, targetPort: 8080 } };

  it('--metrics-port 8080 beside --port 8080, changed from 9090: the step names it and sets it back to 9090', () => {
    const f = primary({
      system, console: rows, target: app.target(),
      config: app.config({ ...ingress, changesSinceHealthy: { fromRevision: 'search-gw--0000020', summary: 'args changed: --metrics-port 9090 -> 8080', changes: [{ kind: 'args', container: 'search-gw', name: '--metrics-port' }] } } as never),
    });
    expect(texts(f)).toContain('The args give --metrics-port the same port 8080 as the server (--port): move it to 9090, its value before the change.');
    expect(texts(f)).toContain('["--port", "8080", "--metrics-port", "9090"]');
    expectValidCommands(f);
  });

  it('near miss: distinct port flags (--port 8080 --metrics-port 9090) get no args step', () => {
    const f = primary({ system, console: rows, target: app.target(), config: app.config(ingress as never, { args: ['--port', '8080', '--metrics-port', '9090'] }) });
    expect(texts(f)).not.toContain('The args give');
  });
});
