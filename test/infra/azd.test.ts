/**
 * The azd wiring: azure.yaml names the service and its packaging, main.parameters.json feeds the template
 * from azd environment variables, and the docs cover what the issue asks users to be able to do.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { compiledMain, repoRoot } from './support/bicep';

const read = (rel: string): string => readFileSync(path.join(repoRoot, rel), 'utf8');

describe('azd project', () => {
  const yaml = read('azure.yaml');

  it('azure.yaml declares the api service as a TypeScript function app deployed from the staged folder', () => {
    expect(yaml).toMatch(/^infra:\n {2}provider: bicep\n {2}path: infra\n {2}module: main$/m);
    expect(yaml).toMatch(/^services:\n {2}api:\n {4}project: \.\n {4}language: ts\n {4}host: function$/m);
    const dist = /^ {4}dist: (\S+)$/m.exec(yaml)?.[1];
    expect(dist).toBe('.tools/deploy/api');
    expect(yaml).toContain('prepackage:');
    expect(yaml).toContain('run: bash infra/scripts/package-function.sh');
  });

  it('the packaging script builds with npm ci and npm run build and stages production dependencies only', () => {
    const script = path.join(repoRoot, 'infra', 'scripts', 'package-function.sh');
    expect(statSync(script).mode & 0o111).not.toBe(0);
    const text = readFileSync(script, 'utf8');
    expect(text).toContain('npm ci');
    expect(text).toContain('npm run build');
    expect(text).toContain('--omit=dev');
    expect(text).toContain('.tools/deploy/api');
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
