/**
 * Steps per cause, with commands an on-call engineer can paste: the concrete names from the rows in the
 * text, the app's names in the command, every command and flag in the table of az commands, and the
 * evidence-gated steps only where their evidence is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify } from '../../src/classify';
import { AZ_COMMANDS, commandProblems, fillCommand, parseAzCommand, shellQuote } from '../../src/classify/steps';
import { CATEGORY_TEXT } from '../../src/classify/rules/categoryText';
import { DERIVED_RULES } from '../../src/classify/rules/configRules';
import { CONSOLE_RULES } from '../../src/classify/rules/consoleRules';
import { SYSTEM_RULES } from '../../src/classify/rules/systemRules';
import type { AppConfig, Finding } from '../../src/model';
import { loadCorpus } from './corpus';
import { appFixtures, commands, primary, texts } from './stepsFixtures';

const SUB = '3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15';
const { at, target, container, config } = appFixtures({
  app: 'orders-api', resourceGroup: 'rg-orders-prod', subscriptionId: SUB, t0: Date.parse('2026-11-24T09:14:00Z'), revision: 'orders-api--v7',
  container: { name: 'api', image: 'crordersprod.azurecr.io/orders-api:2.14.0', cpu: 0.25, memory: '0.5Gi', env: [], probes: [] },
});

const exit = (code: number, s = 5) => ({
  time: at(s),
  reason: 'ContainerTerminated',
  message: `Container 'api' was terminated with exit code '${code}'`,
  replica: 'orders-api--v7-abc',
  revision: 'orders-api--v7',
  container: 'api',
  count: 1,
});
const line = (text: string, s = 0) => ({ time: at(s), text, replica: 'orders-api--v7-abc', revision: 'orders-api--v7', container: 'api' });


describe('steps name the cause and the app', () => {
  it('a missing variable: the variable in the text, a secret and a secretref for it in the commands', () => {
    const f = primary({
      system: [exit(1)],
      console: [line('Traceback (most recent call last):'), line('  File "<frozen os>", line 714, in __getitem__'), line("KeyError: 'DATABASE_URL'", 1)],
      config: config(),
      target: target(),
    });
    expect(texts(f)).toContain('DATABASE_URL');
    expect(commands(f)).toEqual(
      expect.arrayContaining([
        `az containerapp secret set -n orders-api -g rg-orders-prod --secrets database-url=<value> --subscription ${SUB}`,
        `az containerapp update -n orders-api -g rg-orders-prod --container-name api --set-env-vars DATABASE_URL=secretref:database-url --subscription ${SUB}`,
      ]),
    );
    expect(f.actions).toEqual(f.steps!.map((s) => s.text));
  });

  it('a secretRef to a secret that does not exist: create that secret, then restart the revision', () => {
    const f = classify({
      system: [exit(1)],
      console: [line("KeyError: 'REDIS_PASSWORD'")],
      config: config({ containers: [container({ env: [{ name: 'REDIS_PASSWORD', secretRef: 'redis-pw', hasValue: false }] })] }),
      target: target(),
    }).find((x) => x.names?.secret === 'redis-pw')!;
    expect(commands(f).join('\n')).toContain('az containerapp secret set -n orders-api -g rg-orders-prod --secrets redis-pw=<value>');
  });

  it('a port mismatch: ingress pointed at the port the app says it listens on', () => {
    const f = primary({
      system: [
        { time: at(20), reason: 'ProbeFailed', message: 'Readiness probe failed: dial tcp 10.0.0.9:8080: connect: connection refused', replica: 'orders-api--v7-abc', revision: 'orders-api--v7', count: 3 },
      ],
      console: [line(' * Running on http://0.0.0.0:5000', 2)],
      config: config({ ingress: { targetPort: 8080, external: true } }),
      target: target(),
    });
    expect(f.ruleId).toBe('config.port-mismatch');
    expect(texts(f)).toContain('5000');
    expect(commands(f)).toContain(`az containerapp ingress update -n orders-api -g rg-orders-prod --target-port 5000 --subscription ${SUB}`);
  });

  it('exit 137 against a 0.5Gi limit: the next CPU/memory pair, for the container that exited', () => {
    // A bare 137 is not proof of memory exhaustion (issue #17): the memory line before it is.
    const f = primary({ system: [exit(137)], console: [line('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', 3)], config: config(), target: target() });
    expect(f.ruleId).toBe('config.memory-limit');
    expect(commands(f)).toContain(`az containerapp update -n orders-api -g rg-orders-prod --container-name api --cpu 0.5 --memory 1Gi --subscription ${SUB}`);
  });

  it('an image pull refused by the registry: AcrPull for the app identity on that registry, and the registry set to use it', () => {
    const f = primary({
      system: [
        {
          time: at(3),
          reason: 'ImagePullFailure',
          message: 'Failed to pull image "crordersprod.azurecr.io/orders-api:2.14.0": 401 Unauthorized',
          revision: 'orders-api--v7',
          count: 4,
        },
      ],
      console: [],
      config: config(),
      target: target(),
    });
    expect(f.category).toBe('image-pull-failure');
    const all = commands(f).join('\n');
    expect(all).toContain(
      `az role assignment create --assignee-object-id $(az containerapp show -n orders-api -g rg-orders-prod --query identity.principalId -o tsv --subscription ${SUB}) --assignee-principal-type ServicePrincipal --role AcrPull --scope $(az acr show -n crordersprod --query id -o tsv --subscription ${SUB})`,
    );
    expect(all).toContain('az containerapp registry set -n orders-api -g rg-orders-prod --server crordersprod.azurecr.io --identity system');
    // The registry answered "unauthorized": the tag is not in question (issue #11, review B69).
    expect(all).not.toContain('az acr repository show-tags');
  });
});

describe('evidence-gated steps', () => {
  const entry = (text: string) => primary({ system: [exit(127)], console: [line(text)], config: config(), target: target() });

  it('CRLF advice only with a carriage return in the rows, architecture advice only with exec format error', () => {
    const crlf = entry("/usr/bin/env: 'bash\\r': No such file or directory");
    expect(texts(crlf)).toMatch(/LF (?:line )?endings/);
    expect(texts(crlf)).not.toMatch(/amd64/);
    const arch = entry('exec /app/server: exec format error');
    expect(texts(arch)).toMatch(/amd64/);
    expect(texts(arch)).not.toMatch(/LF (?:line )?endings/);
    const missing = entry('exec /app/start.sh: no such file or directory');
    expect(texts(missing)).not.toMatch(/amd64|line endings/);
    expect(texts(missing)).toContain('/app/start.sh');
  });

  it('a JVM heap error gets the heap advice, not a bigger container', () => {
    const f = primary({
      system: [exit(1)],
      console: [line('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space')],
      config: config(),
      target: target(),
    });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toMatch(/heap cap/);
    expect(commands(f).some((c) => c.includes('--memory'))).toBe(false);
  });

  it('a missing module speaks of the runtime it belongs to', () => {
    const node = primary({ system: [exit(1)], console: [line("Error: Cannot find module 'express'")], config: config(), target: target() });
    expect(texts(node)).toContain('package.json');
    expect(texts(node)).not.toMatch(/requirements\.txt|pom\.xml/);
    const py = primary({ system: [exit(1)], console: [line("ModuleNotFoundError: No module named 'psycopg2'")], config: config(), target: target() });
    expect(texts(py)).toContain('requirements.txt');
    expect(texts(py)).toContain('psycopg2');
  });
});

describe('rollback to the last healthy revision', () => {
  const withChange = (mode: string, active: boolean): AppConfig =>
    config({
      activeRevisionsMode: mode,
      failingRevisionName: 'orders-api--v7',
      revisions: [
        { name: 'orders-api--v7', active: true, healthState: 'Unhealthy' },
        { name: 'orders-api--v6', active, healthState: 'Healthy' },
      ],
      changesSinceHealthy: { fromRevision: 'orders-api--v6', changes: [{ kind: 'env-removed', container: 'api', name: 'DATABASE_URL' }], summary: 'DATABASE_URL removed' },
    });
  const run = (cfg: AppConfig) => classify({ system: [exit(1)], console: [line("KeyError: 'DATABASE_URL'")], config: cfg, target: target() });

  it('multiple-revision mode with the healthy revision inactive: re-activate it, then send it all traffic (the primary leads with it)', () => {
    const f = run(withChange('Multiple', false))[0]!;
    expect(f.steps![0]!.command).toBe(`az containerapp revision activate -n orders-api -g rg-orders-prod --revision orders-api--v6 --subscription ${SUB}`);
    expect(f.steps![1]!.command).toBe(
      `az containerapp ingress traffic set -n orders-api -g rg-orders-prod --revision-weight orders-api--v6=100 --subscription ${SUB}`,
    );
    expect(f.steps![1]!.text).toMatch(/nothing is deleted/);
  });

  it('single-revision mode: a new revision from the healthy template', () => {
    const findings = run(withChange('Single', false));
    const change = findings.find((x) => x.category === 'configuration-change')!;
    expect(commands(change)[0]).toBe(`az containerapp revision copy -n orders-api -g rg-orders-prod --from-revision orders-api--v6 --subscription ${SUB}`);
  });

  it('no rollback without a known healthy revision', () => {
    const findings = run(config());
    expect(findings.flatMap(commands).some((c) => /revision (copy|activate)|traffic set/.test(c))).toBe(false);
  });
});

describe('commands are safe to paste', () => {
  it('quotes every value for the shell, so a log line cannot inject a command', () => {
    expect(shellQuote('orders-api')).toBe('orders-api');
    expect(shellQuote("x; rm -rf / #'")).toBe(`'x; rm -rf / #'\\'''`);
    const cmd = fillCommand('az containerapp update -n {app} -g {resourceGroup} --set-env-vars {envVar}=x', { envVar: 'A$(curl evil)' }, { app: 'a', resourceGroup: 'rg', job: false });
    expect(cmd).toBe("az containerapp update -n a -g rg --set-env-vars 'A$(curl evil)'=x");
    expect(parseAzCommand(cmd!)).toHaveLength(1);
  });

  it('a job gets the job form of a command, and none where Container Apps has no job form', () => {
    const f = primary({
      system: [exit(1)],
      console: [line("KeyError: 'DATABASE_URL'")],
      config: config({ kind: 'job' }),
      target: target({ kind: 'job', name: 'nightly-export', revision: undefined }),
    });
    const all = commands(f);
    expect(all.some((c) => c.startsWith('az containerapp job update -n nightly-export'))).toBe(true);
    expect(all.every((c) => !/^az containerapp (?:update|revision|ingress)\b/.test(c))).toBe(true);
  });

  it('shows a blank to fill, not a wrong name, when the target does not say', () => {
    const f = primary({ system: [exit(1)], console: [line("KeyError: 'DATABASE_URL'")] });
    expect(commands(f).join('\n')).toContain('-n <app-name> -g <resource-group>');
  });
});

describe('every command uses only commands and flags from the table (docs/az-commands.md)', () => {
  const DUMMY: Record<string, string> = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? `x-${k.toLowerCase()}` : undefined) });
  const templates = [
    ...Object.values(CATEGORY_TEXT).flatMap((t) => t.actions),
    ...Object.values(DERIVED_RULES).flatMap((r) => r.actions),
    ...CONSOLE_RULES.flatMap((r) => r.actions),
    ...SYSTEM_RULES.flatMap((r) => r.actions),
  ].flatMap((a) => (typeof a === 'object' && a.command ? [a.command] : []));

  it('holds for every template in the rule tables, for apps and for jobs', () => {
    expect(templates.length).toBeGreaterThan(10);
    for (const t of [...new Set(templates)]) {
      for (const job of [false, true]) {
        const cmd = fillCommand(t.replace(/\{(principalId|acrId)\}/g, '$(az acr show -n x --query id -o tsv)'), DUMMY, { app: 'a', resourceGroup: 'rg', subscription: 's', job });
        if (cmd) expect({ cmd, problems: commandProblems(cmd) }).toEqual({ cmd, problems: [] });
      }
    }
  });

  it('holds for every command emitted on the classifier corpus and the demo', () => {
    const emitted: string[] = [];
    for (const c of loadCorpus()) {
      const findings = classify({ ...c.input, target: c.input.target ?? target() });
      emitted.push(...findings.flatMap(commands));
    }
    expect(emitted.length).toBeGreaterThan(50);
    for (const cmd of new Set(emitted)) expect({ cmd, problems: commandProblems(cmd) }).toEqual({ cmd, problems: [] });
  });

  it('rejects an unknown flag or command', () => {
    expect(commandProblems('az containerapp update -n a -g b --envs X=1')).toEqual(['az containerapp update has no flag --envs']);
    expect(commandProblems('az containerapp explode -n a')[0]).toMatch(/unknown az command/);
  });

  it('the table in docs/az-commands.md lists every command with its flags and reference URL', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'az-commands.md'), 'utf8');
    for (const c of AZ_COMMANDS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`az ${c.command}\` |`));
      expect({ command: c.command, row: row !== undefined }).toEqual({ command: c.command, row: true });
      expect(row).toContain(c.url);
      for (const flag of c.flags) expect(row).toContain(`\`${flag}\``);
    }
  });
});

describe('the demo shows the lead', () => {
  it('renders the change since the last healthy revision and leads the steps with the rollback command', async () => {
    const { runCli } = await import('../../src/cli/main');
    const out: string[] = [];
    const code = await runCli(['demo', '--format', 'markdown'], { stdout: (t) => out.push(t), stderr: () => undefined, isTTY: false, env: {} });
    expect(code).toBe(0);
    const md = out.join('');
    const steps = md.slice(md.indexOf('### Next steps'));
    expect(md).toMatch(/changed since healthy revision orders-api--p3m8q0d: [^\n]*DATABASE_URL removed/);
    expect(steps).toMatch(/^1\. Roll back: create a new revision from orders-api--p3m8q0d's template/m);
    expect(steps).toContain('az containerapp revision copy -n orders-api -g rg-orders-prod --from-revision orders-api--p3m8q0d');
    expect(steps).toContain('--set-env-vars DATABASE_URL=secretref:orders-db-url');
  });
});

describe('steps follow the cause the rows show, not the category list (issue #11 review)', () => {
  const run = (lines: string[], code = 1): Finding =>
    primary({ system: [exit(code, 30)], console: lines.map((t, i) => line(t, i)), config: config(), target: target() });

  it('gives each runtime its own heap knob, and only that one', () => {
    const node = texts(run(['FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory'], 134));
    expect(node).toContain('--max-old-space-size');
    expect(node).not.toContain('-Xmx');
    const jvm = texts(run(['Exception in thread "main" java.lang.OutOfMemoryError: Java heap space']));
    expect(jvm).toContain('-Xmx');
    expect(jvm).not.toContain('--max-old-space-size');
  });

  it('asks for a database user, not a password, when Azure SQL rejects the app\'s Entra identity', () => {
    const f = run(["Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user '<token-identified principal>'."]);
    expect(texts(f)).toContain('FROM EXTERNAL PROVIDER');
    expect(texts(f)).not.toMatch(/password/i);
    expect(commands(f)).not.toContainEqual(expect.stringContaining('secret list'));
  });

  it('tells apart an OS library and an app file from a package to declare', () => {
    const lib = texts(run(['ImportError: libpq.so.5: cannot open shared object file: No such file or directory']));
    expect(lib).toContain('OS package');
    expect(lib).not.toContain('requirements.txt');
    const own = texts(run(["Error: Cannot find module './queue.json'", 'Require stack:', '- /app/main.js']));
    expect(own).toContain('COPY');
    expect(own).not.toContain('package.json');
  });

  it('sends a certificate-trust failure to the CA bundle, not to the network', () => {
    const f = run(['failed to connect to `host=pg.example.internal user=app`: failed to write startup message (x509: certificate signed by unknown authority)']);
    expect(texts(f)).toContain('CA bundle');
    expect(texts(f)).not.toContain('firewall');
  });
});
