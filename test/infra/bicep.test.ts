/**
 * The real Bicep compiler builds and lints infra/main.bicep (and through it every module). Lint rules are
 * raised to errors in infra/bicepconfig.json, and any warning or error line fails the test, so the template
 * stays clean as it grows. What the compiler says about a template is kept under a hash of infra/ and the
 * compiler (support/bicep.ts), so a run over unchanged templates reads the answer the compiler gave them;
 * BICEP_NO_CACHE=1 makes every check run the compiler again.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { BicepNotFoundError, bicepBuild, bicepLint, bicepVersion, findBicep, repoRoot, wiringBicep } from './support/bicep';

const infra = path.join(repoRoot, 'infra');
const bicepFiles = [path.join(infra, 'main.bicep'), ...readdirSync(path.join(infra, 'modules')).filter((f) => f.endsWith('.bicep')).map((f) => path.join(infra, 'modules', f))];

describe('Bicep compiler', () => {
  it('is installed (run `npm run bicep:restore` when this fails)', () => {
    expect(() => findBicep()).not.toThrow();
    expect(bicepVersion()).toMatch(/^Bicep CLI version \d+\.\d+\.\d+/);
  });

  it('when missing, fails with a message that says to run npm run bicep:restore (never a silent skip)', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-bicep-'));
    try {
      expect(() => findBicep({ root: empty, env: {} })).toThrow(BicepNotFoundError);
      expect(() => findBicep({ root: empty, env: {} })).toThrow(/npm run bicep:restore/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('restore script is idempotent: once restored, running it again reports the same binary', () => {
    const out = execFileSync('bash', [path.join(infra, 'tools', 'restore-bicep.sh')], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    const reported = out.trim().split('\n').pop()!;
    expect(realpathSync(reported)).toBe(realpathSync(findBicep()));
  });

  it('is the version pinned in infra/tools/bicep.csproj', () => {
    const csproj = readFileSync(path.join(infra, 'tools', 'bicep.csproj'), 'utf8');
    const pinned = /Azure\.Bicep\.CommandLine\.linux-x64" Version="\[([\d.]+)\]"/.exec(csproj)?.[1];
    expect(pinned).toBeDefined();
    expect(bicepVersion()).toContain(`version ${pinned} `);
  });

  it('builds main.bicep with no warning or error', () => {
    const r = bicepBuild();
    expect(r.diagnostics).toEqual([]);
    expect(r.status).toBe(0);
    const arm = JSON.parse(r.stdout) as { $schema: string };
    expect(arm.$schema).toContain('deploymentTemplate.json');
  });

  it('lints main.bicep and every module with no warning or error (lint rules are errors in bicepconfig.json)', () => {
    const r = bicepLint();
    expect(r.diagnostics).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('builds and lints wiring.bicep (the alert side, deployed after the code) with no warning or error', () => {
    const built = bicepBuild(wiringBicep);
    expect(built.diagnostics).toEqual([]);
    expect(built.status).toBe(0);
    const linted = bicepLint(wiringBicep);
    expect(linted.diagnostics).toEqual([]);
    expect(linted.status).toBe(0);
  });

  it('keeps the analyzer rules that guard secrets at error level', () => {
    const config = JSON.parse(readFileSync(path.join(infra, 'bicepconfig.json'), 'utf8')) as {
      analyzers: { core: { enabled: boolean; rules: Record<string, { level: string }> } };
    };
    expect(config.analyzers.core.enabled).toBe(true);
    for (const rule of ['outputs-should-not-contain-secrets', 'secure-parameter-default', 'no-hardcoded-env-urls', 'use-secure-value-for-secure-inputs', 'no-unused-params']) {
      expect([rule, config.analyzers.core.rules[rule]?.level]).toEqual([rule, 'error']);
    }
  });

  it('uses only local modules (no registry references) and pins every API version in the sources', () => {
    expect(bicepFiles.length).toBeGreaterThan(5);
    for (const file of bicepFiles) {
      const text = readFileSync(file, 'utf8');
      expect([file, /['"](br|ts|br\/public):/.test(text)]).toEqual([file, false]);
      for (const m of text.matchAll(/^\s*(?:resource\s+\w+\s+)'([^']+)'/gm)) {
        expect([file, m[1]]).toEqual([file, expect.stringMatching(/^[\w.]+\/[\w./]+@\d{4}-\d{2}-\d{2}(-preview)?$/)]);
      }
    }
  });
});
