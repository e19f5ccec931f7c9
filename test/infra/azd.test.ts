/**
 * The azd wiring: azure.yaml names the service and its packaging, main.parameters.json feeds the template
 * from azd environment variables, and the docs cover what the issue asks users to be able to do.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { compiledMain, compiledWiring, repoRoot } from './support/bicep';

const read = (rel: string): string => readFileSync(path.join(repoRoot, rel), 'utf8');

describe('azd project', () => {
  const yaml = read('azure.yaml');

  it('azure.yaml declares the api service as a TypeScript function app deployed from the staged bundle, built locally', () => {
    expect(yaml).toMatch(/^infra:\n {2}provider: bicep\n {2}path: infra\n {2}module: main$/m);
    expect(yaml).toMatch(/^services:\n {2}api:\n {4}project: \.\n {4}language: ts\n {4}host: function$/m);
    const dist = /^ {4}dist: (\S+)$/m.exec(yaml)?.[1];
    expect(dist).toBe('.tools/deploy/api');
    // Explicit: without it azd asks Flex for a remote build of a folder that cannot build.
    expect(yaml).toMatch(/^ {4}remoteBuild: false$/m);
    expect(yaml).toContain('prepackage:');
    expect(yaml).toContain('run: bash infra/scripts/package-function.sh');
    expect(yaml).toContain('postdeploy:');
    expect(yaml).toContain('run: bash infra/scripts/wire-alerts.sh');
  });

  it('the packaging script installs from the lock file without install scripts, type-checks, bundles and zips', () => {
    const script = path.join(repoRoot, 'infra', 'scripts', 'package-function.sh');
    expect(statSync(script).mode & 0o111).not.toBe(0);
    const text = readFileSync(script, 'utf8');
    expect(text).toContain('npm ci --ignore-scripts');
    expect(text).toContain('npm run -s build');
    expect(text).toContain('infra/scripts/bundle.js');
    expect(text).toContain('.tools/deploy/api');
    // Root-level publishing leaves node_modules and the sources behind.
    const funcignore = read('.funcignore');
    for (const entry of ['node_modules/', 'src/', 'test/', '.tools/']) expect(funcignore.split('\n')).toContain(entry);
  });

  it('the postdeploy hook deploys wiring.bicep with the parameters main.bicep hands it, once the host serves its key', () => {
    const hook = readFileSync(path.join(repoRoot, 'infra', 'scripts', 'wire-alerts.sh'), 'utf8');
    expect(statSync(path.join(repoRoot, 'infra', 'scripts', 'wire-alerts.sh')).mode & 0o111).not.toBe(0);
    expect(hook).toContain('ALERT_WIRING_PARAMETERS');
    expect(hook).toContain('az functionapp keys list');
    expect(hook).toContain('infra/wiring.bicep');
    const output = compiledMain().outputs!.ALERT_WIRING_PARAMETERS;
    expect(output.type).toBe('string');
    // Every parameter the output carries is one wiring.bicep declares, and its required ones are all there.
    const carried = [...String(output.value).matchAll(/'(\w+)', /g)].map((m) => m[1]);
    const declared = compiledWiring().parameters ?? {};
    for (const name of carried.filter((n) => n in declared || /^[a-z]/.test(n))) expect([name, name in declared]).toEqual([name, true]);
    for (const [name, p] of Object.entries(declared)) if (p.defaultValue === undefined) expect([name, carried.includes(name)]).toEqual([name, true]);
  });

  it('the function app carries the azd-service-name tag azd deploys to', () => {
    const site = JSON.stringify(compiledMain());
    expect(site).toContain("'azd-service-name', 'api'");
  });

  it('main.parameters.json only sets parameters main.bicep has, fed from azd environment variables', () => {
    const file = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, { value: unknown }> };
    const declared = Object.keys(compiledMain().parameters ?? {});
    for (const name of Object.keys(file.parameters)) expect([name, declared.includes(name)]).toEqual([name, true]);
    expect(file.parameters.environmentName.value).toBe('${AZURE_ENV_NAME}');
    expect(file.parameters.location.value).toBe('${AZURE_LOCATION}');
    expect(file.parameters.containerAppsWorkspaceResourceId.value).toMatch(/^\$\{[A-Z_]+\}$/);
    // Required parameters without a default must be fed, or azd would prompt for them.
    const required = Object.entries(compiledMain().parameters ?? {}).filter(([, p]) => p.defaultValue === undefined).map(([n]) => n);
    for (const name of required) expect([name, name in file.parameters]).toEqual([name, true]);
  });

  it('the Bicep restore script is wired to npm run bicep:restore', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['bicep:restore']).toBe('bash infra/tools/restore-bicep.sh');
    expect(existsSync(path.join(repoRoot, 'infra', 'tools', 'restore-bicep.sh'))).toBe(true);
  });

  it('docs/deploy.md covers azd up, az deployment group create, every parameter, secure webhook, tear-down and local checks', () => {
    const doc = read('docs/deploy.md');
    for (const phrase of [
      'azd up',
      'az deployment group create',
      'azd down --purge',
      'az bicep build',
      'az bicep lint',
      'ActionGroupsSecureWebhook',
      '461e8683-5575-4561-ac7f-899cc907d62a',
      'az ad app create',
      'useCommonAlertSchema',
    ]) {
      expect([phrase, doc.includes(phrase)]).toEqual([phrase, true]);
    }
    for (const name of Object.keys(compiledMain().parameters ?? {})) expect([name, doc.includes(`\`${name}\``)]).toEqual([name, true]);
  });
});
