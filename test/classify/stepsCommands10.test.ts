/**
 * Issue #11, tenth review: the az command for a named fix, with the names the rows give. A refused
 * database password gets `secret set` (and the variable the driver usually reads), a refused broker login
 * the broker URL's secret and a restart, AADSTS700213 the federated credential with the token's subject,
 * AADSTS7000215 a new client secret as the way out, a Key Vault access-policy refusal `keyvault set-policy`
 * with the object id from the error, a SqlClient timeout the firewall rule, a vCore cluster its own firewall
 * command, and a variable repointed at another secret is pointed back without overwriting the old one.
 * Each incident is a public wording (source in a comment).
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5d2a8c41-7e3b-4f19-a6c2-9b0e1d3f7a54';
const { target, config, exit, line } = appFixtures({
  app: 'ledger-api', resourceGroup: 'rg-fin', subscriptionId: SUB, t0: Date.parse('2026-12-14T03:00:00Z'),
  replica: 'ledger-api--0000017-6b8d9c7f5-x2k4p',
  container: { name: 'ledger-api', image: 'crfin.azurecr.io/ledger-api:3.4.1', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const cmd = (f: ReturnType<typeof primary>): string => commands(f).join('\n');

describe('credential steps carry the command that sets the credential', () => {
  it('a Postgres password refusal gets secret set after the list, naming the usual variables', () => {
    // https://github.com/rafalp/misago_docker/issues/91 ('FATAL:  password authentication failed for user "misago"')
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('django.db.utils.OperationalError: FATAL:  password authentication failed for user "misago"')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('authentication-failure');
    expect(cmd(f)).toContain('az containerapp secret list -n ledger-api');
    expect(cmd(f)).toContain('az containerapp secret set -n ledger-api -g rg-fin --secrets <secret-name>=<value>');
    expect(texts(f)).toContain('POSTGRES_PASSWORD');
    expect(texts(f)).toContain('misago');
    expectValidCommands(f);
  });

  it('a broker login refusal names the broker URL secret the configuration gives and restarts', () => {
    // https://github.com/codalab/codabench/issues/1175 ("ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("amqp.exceptions.AccessRefused: (0, 0): (403) ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN. For details see the broker logfile.")],
      target: target(),
      config: config({ secrets: [{ name: 'broker-url' }] }, { env: [{ name: 'CELERY_BROKER_URL', secretRef: 'broker-url', hasValue: true }] }),
    });
    expect(f.category).toBe('authentication-failure');
    expect(cmd(f)).toContain('--secrets broker-url=<value>');
    expect(cmd(f)).toContain('az containerapp revision restart -n ledger-api');
    expectValidCommands(f);
  });
});

describe('Entra ID and Key Vault refusals get their own commands', () => {
  it('AADSTS700213 names the token subject and gives federated-credential list/create', () => {
    // https://github.com/Azure/login/issues/482 ("AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:...:environment:...'")
    const f = primary({
      system: [exit(1)],
      console: [line("Error: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/ledger:environment:Production'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.")],
      target: target({ kind: 'job' }), config: { ...config(), kind: 'job' } as AppConfig,
    });
    expect(texts(f)).toContain("'repo:contoso/ledger:environment:Production'");
    expect(cmd(f)).toContain('az ad app federated-credential list --id <app-id>');
    expect(cmd(f)).toContain('"subject":"repo:contoso/ledger:environment:Production"');
    expect(texts(f)).not.toMatch(/Look AADSTS700213 up/);
    expectValidCommands(f);
  });

  it('AADSTS7000215 keeps the secret set and adds a new client secret on the app the row names', () => {
    // https://github.com/microsoftgraph/msgraph-cli/issues/383 ("AADSTS7000215: Invalid client secret is provided.")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("Azure.Identity.AuthenticationFailedException: ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '6a1f0b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b'.")],
      target: target(), config: config(),
    });
    expect(cmd(f)).toContain('secret set');
    expect(cmd(f)).toContain('az ad app credential reset --id 6a1f0b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b --append');
    expectValidCommands(f);
  });

  it('the access-policy wording gets keyvault set-policy with the oid from the error, the role only if RBAC', () => {
    // https://github.com/MicrosoftDocs/architecture-center/issues/3944 ("does not have secrets get permission on key vault '...;location=...'")
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [line("Azure.RequestFailedException: The user, group or application 'appid=2b7c0d1e-4f5a-4b6c-8d7e-9f0a1b2c3d4e;oid=7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b;iss=https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/' does not have secrets get permission on key vault 'kv-ledger;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287")],
      target: target(), config: config(),
    });
    expect(cmd(f)).toContain('az keyvault set-policy -n kv-ledger --object-id 7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b --secret-permissions get list');
    expect(cmd(f)).toContain('az keyvault show -n kv-ledger --query properties.enableRbacAuthorization');
    const role = (f.steps ?? []).find((s) => /role assignment create/.test(s.command ?? ''));
    if (role) expect(role.text).toMatch(/^Only if enableRbacAuthorization is true/);
    expectValidCommands(f);
  });
});

describe('firewall and name steps by what the rows show', () => {
  it('a SqlClient timeout without a server name gets the outbound addresses and the SQL firewall rule', () => {
    // https://github.com/robertpopa22/mRemoteNG/issues/165 ("(provider: TCP Provider, error: 0 - The wait operation timed out.)")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: TCP Provider, error: 0 - The wait operation timed out.)')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(cmd(f)).toContain('--query properties.outboundIpAddresses');
    expect(cmd(f)).toMatch(/az sql server firewall-rule create -g '<server-resource-group>' -s '<server-name>'/);
    expect(texts(f)).toContain('Server=tcp:<server-name>.database.windows.net');
    expectValidCommands(f);
  });

  it('a Cosmos DB vCore timeout gets the mongocluster firewall rule for the cluster the host names', () => {
    // https://github.com/john0isaac/rag-semantic-kernel-mongodb-vcore/issues/32 ("ServerSelectionTimeoutError ... timed out")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('pymongo.errors.ServerSelectionTimeoutError: c.ledgerdocs.mongocluster.cosmos.azure.com:10260: timed out, Timeout: 30s, Topology Description: <TopologyDescription id: 65f0, topology_type: Unknown>')],
      target: target(), config: config(),
    });
    expect(cmd(f)).toContain('az cosmosdb mongocluster firewall rule create');
    expect(cmd(f)).toContain('--cluster-name ledgerdocs');
    expectValidCommands(f);
  });
});

describe('a variable repointed at another secret', () => {
  it('is pointed back at the healthy revision\'s secret, never by overwriting that secret', () => {
    // https://learn.microsoft.com/azure/container-apps/manage-secrets (secretref: environment variables; secrets are app-wide)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [],
      target: target(),
      config: config(
        {
          secrets: [{ name: 'db-password-old' }],
          latestRevisionName: 'ledger-api--0000018', latestReadyRevisionName: 'ledger-api--0000017', failingRevisionName: 'ledger-api--0000018',
          revisions: [{ name: 'ledger-api--0000017', active: true, healthState: 'Healthy', trafficWeight: 100 }, { name: 'ledger-api--0000018', active: true, healthState: 'Unhealthy' }],
          changesSinceHealthy: { fromRevision: 'ledger-api--0000017', summary: 'DB_PASSWORD now references secret db-password-old', changes: [{ kind: 'env-secret-ref', container: 'ledger-api', name: 'DB_PASSWORD', before: 'db-password', after: 'db-password-old' }] },
        },
        { env: [{ name: 'DB_PASSWORD', secretRef: 'db-password-old', hasValue: true }] },
      ),
    });
    expect(f.category).toBe('configuration-change');
    expect(cmd(f)).not.toMatch(/--secrets db-password=<value>/);
    expect(cmd(f)).toContain('DB_PASSWORD=secretref:db-password');
    expect(texts(f)).toMatch(/leave db-password's value as it is/);
    expectValidCommands(f);
  });
});

describe('the way back to the image that ran', () => {
  // The frame is the app's own file: with a site-packages frame the step names that package instead (crashModule.ts).
  it('a native crash whose step says to go back to the last image gets the revision list and update --image', () => {
    // https://github.com/microsoft/azure-container-apps/issues/1568 (replicas restarting after a new image; going back to the previous revision's image)
    const f = primary({
      system: [exit(139), exit(139, 40)],
      console: [line('Fatal Python error: Segmentation fault'), line('Current thread 0x00007f3a1c2d4740 (most recent call first):', 1), line('  File "/app/inference.py", line 220 in run', 2)],
      target: target(), config: config(),
    });
    const goBack = (f.steps ?? []).some((s) => !s.command && /go back to (?:that|the last|the previous) image/i.test(s.text));
    expect(goBack).toBe(true);
    {
      expect(cmd(f)).toContain('az containerapp revision list -n ledger-api -g rg-fin --all');
      expect(cmd(f)).toContain('--image <previous-image>');
    }
    expectValidCommands(f);
  });

  it('an image change since healthy gives update --image with the image the healthy revision ran', () => {
    // https://learn.microsoft.com/azure/container-apps/revisions (a new image creates a new revision; the healthy one's template keeps its image)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("Error: Cannot find module '/app/build/main.js'")],
      target: target(),
      config: config({
        latestRevisionName: 'ledger-api--0000018', latestReadyRevisionName: 'ledger-api--0000017', failingRevisionName: 'ledger-api--0000018',
        revisions: [{ name: 'ledger-api--0000017', active: true, healthState: 'Healthy', trafficWeight: 100 }, { name: 'ledger-api--0000018', active: true, healthState: 'Unhealthy' }],
        changesSinceHealthy: { fromRevision: 'ledger-api--0000017', summary: 'image crfin.azurecr.io/ledger-api:3.4.0 -> crfin.azurecr.io/ledger-api:3.4.1', changes: [{ kind: 'image', container: 'ledger-api', before: 'crfin.azurecr.io/ledger-api:3.4.0', after: 'crfin.azurecr.io/ledger-api:3.4.1' }] },
      }),
    });
    const rolls = (f.steps ?? []).some((s) => /^Roll back/.test(s.text));
    expect(rolls).toBe(true);
    expect(cmd(f)).toContain('--image crfin.azurecr.io/ledger-api:3.4.0');
    expectValidCommands(f);
  });
});
