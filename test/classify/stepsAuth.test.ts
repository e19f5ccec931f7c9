/**
 * Authentication and credential steps keyed on the cause the rows name (issue #11, seventh review): a
 * legacy MSI client refused with 405, SMTP basic authentication turned off, a certificate secret without
 * PEM data, the Event Hubs Kafka login, an API key no variable passes, AADSTS codes by meaning, a key-based
 * app without role steps, a recovered broker login without role advice, Laravel's APP_KEY restored. Each
 * incident is a public wording (source in a comment).
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7c2e9a41-5b3d-4f80-9e16-2a8d4c6b1f07';
const { target, config, exit, line, sys } = appFixtures({
  app: 'ops-worker', resourceGroup: 'rg-ops', subscriptionId: SUB, t0: Date.parse('2026-12-11T09:00:00Z'),
  replica: 'ops-worker--0000021-5c7d9f8b6-q4m2z',
  container: { name: 'ops-worker', image: 'crops.azurecr.io/ops-worker:1.8.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const cmd = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const job = (c: Partial<AppConfig>, env: AppConfig['containers'][number]['env']): AppConfig => ({ ...config(c, { env }), kind: 'job' });

describe('authentication steps name the cause, not "rotate the credential"', () => {
  it('a legacy MSI client refused with 405 moves to azure-identity, no secret steps', () => {
    // https://github.com/microsoft/azure-container-apps/issues/502 ("Failed to connect to MSI ... <Response [405]>")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line("MSI: Retrieving a token from http://localhost:42356/msi/token, with payload {'resource': 'https://management.core.windows.net/'}"),
        line('Failed to connect to MSI. Please make sure MSI is configured correctly. Get Token request returned: <Response [405]>', 1),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toMatch(/legacy MSI protocol/);
    expect(texts(f)).toMatch(/azure-identity/);
    expect(texts(f)).toContain('IDENTITY_ENDPOINT');
    expect(cmd(f)).not.toMatch(/secret (?:set|list)/);
    expectValidCommands(f);
  });

  it('SMTP basic authentication disabled says OAuth or a relay, not a new password', () => {
    // https://github.com/nodemailer/nodemailer/issues/1714 ("535 5.7.139 Authentication unsuccessful, basic authentication is disabled.")
    const f = primary({
      system: [exit(1)],
      console: [line("Error: Invalid login: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [PN0PR01CA0024.INDPRD01.PROD.OUTLOOK.COM]")],
      target: target({ kind: 'job' }), config: job({ secrets: [{ name: 'smtp-password' }] }, [{ name: 'SMTP_PASSWORD', secretRef: 'smtp-password', hasValue: true }]),
    });
    expect(texts(f)).toMatch(/OAuth 2\.0/);
    expect(texts(f)).toMatch(/a rotated password is refused the same way/);
    expect(texts(f)).not.toMatch(/Put the current value/);
    expect(cmd(f)).not.toMatch(/secret set/);
    expectValidCommands(f);
  });

  it('a certificate without PEM data names the mounted secret and sets it from the PEM text', () => {
    // https://github.com/1Password/connect/issues/38 ("tls: failed to find any PEM data in certificate input")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('level=error msg="Error creating TLS config: tls: failed to find any PEM data in certificate input"')],
      target: target(),
      config: config(
        { secrets: [{ name: 'edge-tls-crt' }, { name: 'edge-tls-key' }], volumes: [{ name: 'certs', storageType: 'Secret' }] },
        { volumeMounts: [{ volumeName: 'certs', mountPath: '/certs' }] },
      ),
    });
    expect(texts(f)).toContain('/certs/edge-tls-crt');
    expect(texts(f)).toContain('-----BEGIN CERTIFICATE-----');
    expect(cmd(f)).toContain('--secrets edge-tls-crt=<pem-text>');
    expect(texts(f)).not.toMatch(/Find the setting the app asks for/);
    expectValidCommands(f);
  });

  it('Event Hubs over Kafka: user name $ConnectionString, the connection string as password, in the secret the app reads', () => {
    // https://github.com/Azure/azure-event-hubs-for-kafka/issues/116 ("sasl_ssl://...servicebus.windows.net:9093/bootstrap: failed: err: Local: Authentication failure")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('sasl_ssl://evh-orders.servicebus.windows.net:9093/bootstrap: failed: err: Local: Authentication failure: (errno: Invalid argument)')],
      target: target(), config: config({ secrets: [{ name: 'eh-conn' }] }, { env: [{ name: 'EH_FQDN', hasValue: true }, { name: 'EH_CONNECTION_STRING', secretRef: 'eh-conn', hasValue: true }] }),
    });
    expect(texts(f)).toContain('$ConnectionString');
    expect(texts(f)).toContain('sasl.mechanism=PLAIN');
    expect(cmd(f)).toContain('--secrets eh-conn=<value>');
    expect(cmd(f)).not.toContain('<secret-name>');
    expectValidCommands(f);
  });

  it('a placeholder key no variable passes gets the variable from the secret the job has, not a rotation', () => {
    // https://github.com/popjane/free_chatgpt_api/issues/3 (OpenAI's "Incorrect API key provided: ..." 401 wording)
    const f = primary({
      system: [exit(1)],
      console: [line("openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: no-token. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}")],
      target: target({ kind: 'job' }), config: job({ secrets: [{ name: 'openai-api-key' }] }, [{ name: 'LLM_PROVIDER', hasValue: true }]),
    });
    expect(cmd(f)).toContain('az containerapp job update');
    expect(cmd(f)).toContain('--set-env-vars OPENAI_API_KEY=secretref:openai-api-key');
    expect(texts(f)).toMatch(/No variable passes the key/);
    expect(cmd(f)).not.toMatch(/secret set/);
    expectValidCommands(f);
  });
});

describe('Entra ID codes by meaning', () => {
  const client = (extra: Partial<AppConfig> = {}): AppConfig =>
    config({ secrets: [{ name: 'sp-secret' }], ...extra }, {
      env: [{ name: 'AZURE_TENANT_ID', hasValue: true }, { name: 'AZURE_CLIENT_ID', hasValue: true }, { name: 'AZURE_CLIENT_SECRET', secretRef: 'sp-secret', hasValue: true }],
    });

  it('AADSTS7000222: a new client secret for the app id, into the secret AZURE_CLIENT_SECRET reads, then a restart', () => {
    // https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS7000222 InvalidClientSecretExpiredKeysProvided)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("AADSTS7000222: The provided client secret keys for app '3f1c2b7e-9a4d-4c21-8e5f-6b7a8c9d0e1f' are expired. Visit the Azure portal to create new keys for your app.")],
      target: target(), config: client(),
    });
    expect(cmd(f)).toContain('az ad app credential reset --id 3f1c2b7e-9a4d-4c21-8e5f-6b7a8c9d0e1f --append');
    expect(cmd(f)).toContain('--secrets sp-secret=<value>');
    expect(cmd(f)).toContain('revision restart');
    expect(texts(f)).not.toMatch(/Look the AADSTS code up/);
    expectValidCommands(f);
  });

  it('AADSTS700016: the client id or the tenant is wrong, no secret to rotate', () => {
    // https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS700016 UnauthorizedClient_DoesNotMatchRequest)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("AADSTS700016: Application with identifier '3f1c2b7e-9a4d-4c21-8e5f-6b7a8c9d0e1f' was not found in the directory 'Contoso'.")],
      target: target(), config: client(),
    });
    expect(texts(f)).toMatch(/AZURE_CLIENT_ID holds a wrong id, or AZURE_TENANT_ID names another tenant/);
    expect(cmd(f)).not.toMatch(/secret set|credential reset/);
    expectValidCommands(f);
  });
});

describe('how the app signs in decides the steps', () => {
  const claim = "Unhandled exception. Microsoft.Azure.ServiceBus.UnauthorizedException: Unauthorized access. 'Listen' claim(s) are required to perform this operation. Resource: 'sb://sb-billing-prod.servicebus.windows.net/invoices'";

  it('a connection string moved to another secret is pointed back; no role grant for a SAS key', () => {
    // https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas (a SAS policy carries Send, Listen or Manage rights)
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [line(claim)],
      target: target(),
      config: config(
        {
          secrets: [{ name: 'sb-send' }, { name: 'sb-listen' }],
          latestRevisionName: 'ops-worker--0000021', failingRevisionName: 'ops-worker--0000021',
          changesSinceHealthy: { fromRevision: 'ops-worker--0000020', summary: 'SERVICEBUS_CONNECTION now references sb-send (was sb-listen)', changes: [{ kind: 'env-secret-ref', container: 'ops-worker', name: 'SERVICEBUS_CONNECTION' }] },
        },
        { env: [{ name: 'SERVICEBUS_CONNECTION', secretRef: 'sb-send', hasValue: true }] },
      ),
    });
    expect(cmd(f)).toContain('--set-env-vars SERVICEBUS_CONNECTION=secretref:sb-listen');
    expect(cmd(f)).not.toContain('role assignment create');
    expectValidCommands(f);
  });

  it('an identity-based app gets the role, no shared access policy step', () => {
    // https://learn.microsoft.com/azure/service-bus-messaging/service-bus-managed-service-identity (Azure Service Bus Data Receiver)
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [line('Azure.Identity: DefaultAzureCredential acquired a token from ManagedIdentityCredential'), line(claim, 1)],
      target: target(), config: config({}, { env: [{ name: 'SERVICEBUS_NAMESPACE', hasValue: true }] }),
    });
    expect(cmd(f)).toContain("--role 'Azure Service Bus Data Receiver'");
    expect(texts(f)).not.toMatch(/shared access policy/);
    expectValidCommands(f);
  });

  it('a recovered RabbitMQ 403 login is not called a role still applying', () => {
    // https://github.com/amqp-node/amqplib/issues/411 ("Handshake terminated by server: 403 (ACCESS-REFUSED)")
    const f = primary({
      system: [exit(1, 0), sys('ContainerStarted', "Started container 'ops-worker'", 60)],
      console: [line('Connection error to rabbitMQ Error: Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN."')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('authentication-failure');
    expect(texts(f)).not.toMatch(/role/i);
  });
});

describe("Laravel's APP_KEY is restored, not regenerated", () => {
  it('an unread app-key secret is what APP_KEY reads again', () => {
    // https://github.com/laravel/framework/issues/9080 ("No application encryption key has been specified.")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('production.ERROR: No application encryption key has been specified. {"exception":"[object] (Illuminate\\\\Encryption\\\\MissingAppKeyException(code: 0)"}')],
      target: target(), config: config({ secrets: [{ name: 'app-key' }, { name: 'db-password' }] }, { env: [{ name: 'DB_PASSWORD', secretRef: 'db-password', hasValue: true }] }),
    });
    expect(cmd(f)).toContain('--set-env-vars APP_KEY=secretref:app-key');
    expect(texts(f)).not.toMatch(/^Generate a key/m);
    expectValidCommands(f);
  });
});
