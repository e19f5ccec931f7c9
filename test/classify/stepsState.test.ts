/**
 * Steps that fit the incident's state (issue #11, seventh review): a recovered one-off leads with "no
 * action needed now" and keeps one preventive step, never a secret set, a restart, a job run or a
 * rollback; a failure that came back after the restart is not a blip; a rollback that replaces the
 * failing revision is the alternative to the fix in place, not followed by a restart of what it replaced;
 * an image fix ends with the deploy; a generic step that a specific one repeats is dropped; a window in
 * which nothing failed gets no debugging. Each incident uses a public wording, with its source.
 */
import type { AppConfig } from '../../src/model';
import { fillInlineCommands } from '../../src/classify/steps';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7a3c9e21-4b6d-4f08-9c1e-2d5f8a0b6e34';
const { target, config, sys, exit, line } = appFixtures({
  app: 'orders-svc', resourceGroup: 'rg-orders', subscriptionId: SUB, t0: Date.parse('2026-12-14T10:00:00Z'),
  replica: 'orders-svc--0000031-7c9d8b6f5-k3m8q',
  container: { name: 'orders-svc', image: 'crorders.azurecr.io/orders-svc:5.2.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
/** One failure, then a start that has run since: the state the classifier calls `recovered`. */
const onceThenUp = (code = 1) => [sys('ContainerStarted', 'Started container orders-svc', -600), exit(code, 0), sys('ContainerStarted', 'Started container orders-svc', 15)];
const withSecret = (env: string, secret: string, extra: Partial<AppConfig> = {}): AppConfig =>
  config({ secrets: [{ name: secret }], ...extra }, { env: [{ name: env, secretRef: secret, hasValue: false }] });
const ACTING = /secret set|revision restart|revision copy|job start|ingress update/;

describe('a recovered one-off leads with no action and one preventive step', () => {
  it('a Cosmos DB key rotated while the old client ran: no secret set or restart, a rotation with overlap naming the secret', () => {
    // https://learn.microsoft.com/azure/cosmos-db/troubleshoot-unauthorized (a 401 right after a key rotation stops by itself)
    const f = primary({
      system: onceThenUp(),
      console: [line("Microsoft.Azure.Cosmos.CosmosException : Response status code does not indicate success: Unauthorized (401); Substatus: 0; Reason: (The input authorization token can't serve the request. The wrong key is being used or the expected payload is not built as per the protocol.)", -2), line('Now listening on: http://[::]:8080', 20)],
      target: target(),
      config: withSecret('COSMOS_KEY', 'cosmos-key'),
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now: the app recovered/);
    expect(f.steps).toHaveLength(2);
    expect(f.steps?.[1]?.text).toMatch(/rotate with overlap.*secret cosmos-key/);
    expect(all(f)).not.toMatch(ACTING);
  });

  it('a Key Vault-referenced secret: the rotation is done in Key Vault, never with secret set', () => {
    // https://stackoverflow.com/questions/7695962/postgresql-password-authentication-failed-for-user-postgres (FATAL: password authentication failed)
    const f = primary({
      system: onceThenUp(),
      console: [line('psycopg2.OperationalError: FATAL:  password authentication failed for user "reports_ro"', -2), line('Listening at: http://0.0.0.0:8000', 20)],
      target: target(),
      config: config({ secrets: [{ name: 'reports-db-url', keyVaultUrl: 'https://kv-orders.vault.azure.net/secrets/reports-db-url', identity: 'system' }] }, { env: [{ name: 'DATABASE_URL', secretRef: 'reports-db-url', hasValue: false }] }),
    });
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now/);
    expect(texts(f)).toContain('reports-db-url is a Key Vault reference: change the value in Key Vault');
    expect(all(f)).not.toMatch(ACTING);
  });

  it('a job whose next execution ran with the updated token: no extra execution, no secret set', () => {
    // https://github.com/anmol098/waka-readme-stats/issues/506 (github.GithubException.BadCredentialsException: 401 {"message": "Bad credentials"}; fixed by updating the token)
    const f = primary({
      system: onceThenUp(),
      console: [line('github.GithubException.BadCredentialsException: 401 {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}', -2), line('refreshed 214 repositories', 20)],
      target: target({ kind: 'job' }),
      config: withSecret('GH_TOKEN', 'gh-token', { kind: 'job', job: { triggerType: 'Schedule', replicaTimeout: 1800 } }),
    });
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now: the job recovered/);
    expect(texts(f)).toContain('secret gh-token');
    expect(all(f)).not.toMatch(ACTING);
  });

  it('a RabbitMQ login refused once on reconnect: a node that lacks the user, not a role to grant', () => {
    // https://github.com/amqp-node/amqplib/issues/392 (one reconnect got 403 ACCESS-REFUSED, the next node accepted it)
    const f = primary({
      system: onceThenUp(),
      console: [line('Connection error to rabbitMQ Error: Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN."', -2)],
      target: target(),
    });
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now/);
    expect(texts(f)).toContain('every node of the broker cluster');
    expect(texts(f)).not.toMatch(/role assignment|grant it/);
  });

  it('nginx that could not resolve its upstream at first boot: the resolver prevention, not an app retry', () => {
    // https://github.com/eugene-khyst/letsencrypt-docker-compose/issues/47 (nginx will not start while an upstream is down; resolver directive)
    const f = primary({
      system: onceThenUp(),
      console: [line('2026/12/14 09:59:58 [emerg] 1#1: host not found in upstream "docs-backend" in /etc/nginx/conf.d/default.conf:45', -2)],
      target: target(),
    });
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now/);
    expect(f.steps).toHaveLength(2);
    expect(f.steps?.[1]?.text).toContain('make nginx resolve docs-backend at request time');
    expect(texts(f)).not.toContain('make startup retry');
  });

  it('a Go panic once, then serving: the code fix stays, the way back to an older revision goes', () => {
    // https://github.com/mailhog/mhsendmail/issues/1 (panic: runtime error: invalid memory address or nil pointer dereference, main.main() main.go:22)
    const f = primary({
      system: onceThenUp(2),
      console: [line('panic: runtime error: invalid memory address or nil pointer dereference', -2), line('[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6b4f2a]', -2), line('main.main()', -2), line('\t/src/main.go:21 +0x2a', -2)],
      target: target(),
    });
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now: the app recovered/);
    expect(texts(f)).not.toMatch(/go back to the previous image|Roll back/);
    expect(all(f)).not.toMatch(/revision list|revision copy/);
  });

  it('near miss: a DNS failure that came back after the restart persists and keeps its fix', () => {
    // https://github.com/canada-ca/tracker/issues/3136 ([ioredis] Unhandled error event: Error: getaddrinfo ENOTFOUND, logged continuously)
    const enotfound = (s: number) => line('[ioredis] Unhandled error event: Error: getaddrinfo ENOTFOUND orders-cache.privatelink.redis.cache.windows.net', s);
    const f = primary({
      system: onceThenUp(),
      console: [enotfound(-2), enotfound(120), enotfound(300)],
      target: target(),
      config: config({}, { env: [{ name: 'REDIS_HOST', hasValue: true }] }),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(texts(f)).not.toMatch(/^No action needed/m);
    expect(texts(f)).toContain('privatelink.redis.cache.windows.net');
  });
});

describe('a rollback that replaces the failing revision is the alternative to the fix in place', () => {
  it('a secretRef switched to a wrong password: rollback, or fix the secret; the restart belongs to the fix only', () => {
    // https://stackoverflow.com/questions/7695962/postgresql-password-authentication-failed-for-user-postgres
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('psycopg2.OperationalError: FATAL:  password authentication failed for user "orders_app"')],
      target: target(),
      config: config(
        {
          activeRevisionsMode: 'Single',
          latestRevisionName: 'orders-svc--0000031',
          failingRevisionName: 'orders-svc--0000031',
          secrets: [{ name: 'db-password' }, { name: 'db-password-v1' }],
          changesSinceHealthy: { fromRevision: 'orders-svc--0000030', summary: 'DB_PASSWORD now references secret db-password', changes: [{ kind: 'env-secret-ref', container: 'orders-svc', name: 'DB_PASSWORD', before: 'db-password-v1', after: 'db-password' }] },
        },
        { env: [{ name: 'DB_PASSWORD', secretRef: 'db-password', hasValue: false }] },
      ),
    });
    const steps = f.steps ?? [];
    expect(steps[0]?.text).toMatch(/^Roll back: create a new revision from orders-svc--0000030/);
    expect(steps[1]?.text).toMatch(/^Or, instead of rolling back, fix it in place: /);
    const restart = steps.find((s) => /revision restart/.test(s.command ?? ''));
    expect(restart?.text).toMatch(/^Only after that fix in place \(not after the rollback/);
    expectValidCommands(f);
  });
});

describe('an image fix ends with the deploy of the rebuilt image', () => {
  // https://github.com/nodejs/docker-node/issues/1917 ("Error: Cannot find module 'express'" in a container)
  const missing = [line("Error: Cannot find module 'express'"), line('Require stack:', 0.1)];

  it('a Node module missing from the image: the update --image for the app, registry and repository filled', () => {
    const f = primary({ system: [exit(1), exit(1, 40)], console: missing, target: target(), config: config() });
    expect(f.category).toBe('missing-module');
    const last = f.steps?.[f.steps.length - 1];
    expect(last?.text).toMatch(/^Deploy the rebuilt image/);
    expect(last?.command).toBe(`az containerapp update -n orders-svc -g rg-orders --container-name orders-svc --image crorders.azurecr.io/orders-svc:<new-tag> --subscription ${SUB}`);
    expectValidCommands(f);
  });

  it('a job gets the job form', () => {
    const f = primary({ system: [exit(1), exit(1, 40)], console: missing, target: target({ kind: 'job' }), config: config({ kind: 'job', job: { triggerType: 'Manual', replicaTimeout: 600 } }) });
    expect(all(f)).toContain('az containerapp job update -n orders-svc -g rg-orders --container-name orders-svc --image crorders.azurecr.io/orders-svc:<new-tag>');
    expectValidCommands(f);
  });

  it('near miss: a start command the change since the healthy revision set is fixed in the template, not the image', () => {
    // https://docs.docker.com/reference/dockerfile/#entrypoint (a start command naming a file the image lacks: exec ... no such file or directory)
    const f = primary({
      system: [exit(255), exit(255, 40)],
      console: [line('exec /opt/app/docker-entrypoint.sh: no such file or directory')],
      target: target(),
      config: config({ changesSinceHealthy: { fromRevision: 'orders-svc--0000030', summary: 'command set to /opt/app/docker-entrypoint.sh', changes: [{ kind: 'command', container: 'orders-svc' }] } }),
    });
    expect(all(f)).not.toContain('--image');
  });
});

describe('padding and a window with no failure', () => {
  it('a generic "Set SECRET_KEY_BASE" gives way to the step that points it at the existing secret', () => {
    // https://github.com/omu/nokul/issues/268 (ArgumentError: Missing `secret_key_base` for 'production' environment, set this string with `rails credentials:edit`)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("ArgumentError: Missing `secret_key_base` for 'production' environment, set this string with `rails credentials:edit`")],
      target: target(),
      config: config({ secrets: [{ name: 'secret-key-base' }] }),
    });
    expect(all(f)).toContain('--set-env-vars SECRET_KEY_BASE=secretref:secret-key-base');
    expect(texts(f)).not.toMatch(/^Set SECRET_KEY_BASE \(as a secret reference\)/m);
  });

  it('an app that started and served with no failure: no action, no debugging', () => {
    // https://learn.microsoft.com/aspnet/core/security/data-protection/configuration/overview (keys kept in the container: a warning, not a failure)
    const f = primary({
      system: [sys('ContainerStarted', 'Started container orders-svc', -300)],
      console: [line('warn: Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository[60]', -299), line('      Now listening on: http://[::]:8080', -298), line('GET /api/orders 200 12ms', -100)],
      target: target(),
    });
    expect(f.ruleId).toBe('engine.no-evidence');
    expect(f.steps?.[0]?.text).toMatch(/^No action needed from what the logs show/);
    expect(texts(f)).not.toMatch(/Turn up logging|reproduce/);
  });

  it('near miss: with no console output at all, turning up logging stays', () => {
    const f = primary({ system: [], console: [], target: target() });
    expect(f.ruleId).toBe('engine.no-evidence');
    expect(texts(f)).toMatch(/Turn up logging/);
  });
});

describe('inline commands in a step text carry the target names', () => {
  it('`az containerapp show -n <app> -g <resource-group>` is filled, the subscription before the redirection', () => {
    expect(fillInlineCommands('Save it with `az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`, then edit it.', { app: 'claims-svc', resourceGroup: 'rg-prod', subscription: SUB, job: false }))
      .toBe(`Save it with \`az containerapp show -n claims-svc -g rg-prod -o yaml --subscription ${SUB} > app.yaml\`, then edit it.`);
  });

  it('a job gets the job form; an unknown name stays a blank; a non-az span is left alone', () => {
    expect(fillInlineCommands('`az containerapp show -n <app> -g <resource-group> -o yaml > job.yaml`', { app: 'nightly', job: true })).toBe('`az containerapp job show -n nightly -g <resource-group> -o yaml > job.yaml`');
    expect(fillInlineCommands('`python manage.py migrate <app> 0003 --fake`', { app: 'web', job: false })).toBe('`python manage.py migrate <app> 0003 --fake`');
  });
});
