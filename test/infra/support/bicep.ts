/**
 * Runs the real Bicep compiler (fetched from NuGet by `npm run bicep:restore`) on the templates in infra/.
 * The binary is looked up, never downloaded here: tests must not reach the network, and a missing compiler
 * is a setup error that should fail loudly rather than skip the checks.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync, readdirSync, realpathSync, renameSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '../../..');
export const mainBicep = path.join(repoRoot, 'infra', 'main.bicep');
/** The alert side, deployed after the code by the azd postdeploy hook (infra/scripts/wire-alerts.sh). */
export const wiringBicep = path.join(repoRoot, 'infra', 'wiring.bicep');

export class BicepNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      `Bicep CLI not found (looked in: ${tried.join(', ')}). Run \`npm run bicep:restore\` once to fetch the ` +
        'pinned compiler from NuGet, or set BICEP_PATH to a bicep executable.',
    );
    this.name = 'BicepNotFoundError';
  }
}

/** Where the compiler is: BICEP_PATH, the stable symlink the restore script makes, or the NuGet folder. */
export function findBicep(options: { root?: string; env?: Record<string, string | undefined> } = {}): string {
  const root = options.root ?? repoRoot;
  const env = options.env ?? process.env;
  const tried: string[] = [];
  const candidates: string[] = [];
  if (env.BICEP_PATH) candidates.push(env.BICEP_PATH);
  candidates.push(path.join(root, '.tools', 'bin', 'bicep'));
  const pkgDir = path.join(root, '.tools', 'nuget', 'azure.bicep.commandline.linux-x64');
  if (existsSync(pkgDir)) {
    for (const v of readdirSync(pkgDir)) candidates.push(path.join(pkgDir, v, 'tools', 'bicep'));
  }
  for (const c of candidates) {
    tried.push(c);
    if (existsSync(c)) return c;
  }
  throw new BicepNotFoundError(tried);
}

export interface BicepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Every diagnostic line the compiler printed ("file(line,col) : Warning|Error|Info code: message"). */
  diagnostics: string[];
}

function run(args: string[]): BicepRun {
  const r = spawnSync(findBicep(), args, { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  const all = `${r.stdout}\n${r.stderr}`;
  const diagnostics = all.split('\n').filter((l) => /\)\s*:\s*(Warning|Error|Info)\s+[\w-]+\s*:/.test(l));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, diagnostics };
}

/**
 * A compiler run over the templates, kept in the temp folder under a hash of every file in infra/, the
 * compiler and the arguments. What the compiler says is a function of exactly those, so the suites that
 * read a template, and later runs over unchanged templates, share one compile instead of starting the
 * .NET compiler for each; any edit to infra/ or another compiler compiles afresh.
 * BICEP_NO_CACHE=1 always runs the compiler.
 */
function cachedRun(args: string[]): BicepRun {
  if (process.env.BICEP_NO_CACHE === '1') return run(args);
  const key = createHash('sha256').update(templateFingerprint()).update('\0').update(JSON.stringify(args.map((a) => (path.isAbsolute(a) ? path.relative(repoRoot, a) : a)))).digest('hex').slice(0, 32);
  const cache = path.join(tmpdir(), `aca-enricher-bicep-${key}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as BicepRun;
  const result = run(args);
  // Written aside and renamed, so a reader in another worker never sees half a file.
  const partial = `${cache}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(result));
  renameSync(partial, cache);
  return result;
}

export function bicepBuild(file = mainBicep): BicepRun {
  return cachedRun(['build', file, '--stdout']);
}

export function bicepLint(file = mainBicep): BicepRun {
  return cachedRun(['lint', file]);
}

let version: string | undefined;

/** `bicep --version` (asked once per test file: each ask starts the .NET runtime). */
export function bicepVersion(): string {
  version ??= execFileSync(findBicep(), ['--version'], { encoding: 'utf8' }).trim();
  return version;
}

let compiled: ArmTemplate | undefined;

/** Every file under infra/ (but the compiler's own folder) and the compiler itself. */
function templateFingerprint(): string {
  fingerprint ??= computeFingerprint();
  return fingerprint;
}
let fingerprint: string | undefined;

function computeFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'tools') walk(full);
      } else {
        // Every file: templates pull in queries and scripts with loadTextContent.
        hash.update(path.relative(repoRoot, full)).update('\0').update(readFileSync(full)).update('\0');
      }
    }
  };
  walk(path.join(repoRoot, 'infra'));
  const compiler = realpathSync(findBicep());
  hash.update(compiler).update(String(statSync(compiler).mtimeMs));
  return hash.digest('hex').slice(0, 32);
}

/**
 * The compiled ARM JSON of infra/main.bicep: compiled once for every suite and run over the same
 * templates (see `cachedRun`), parsed once per test file.
 */
export function compiledMain(): ArmTemplate {
  if (compiled) return compiled;
  const r = bicepBuild();
  if (r.status !== 0) throw new Error(`bicep build failed:\n${r.stderr}`);
  compiled = JSON.parse(r.stdout) as ArmTemplate;
  return compiled;
}

/** The parts of an ARM template the checks read; everything else stays loosely typed. */
export interface ArmTemplate {
  $schema?: string;
  languageVersion?: string;
  parameters?: Record<string, { type: string; defaultValue?: unknown; [k: string]: unknown }>;
  variables?: Record<string, unknown>;
  resources: ArmResource[] | Record<string, ArmResource>;
  outputs?: Record<string, { type: string; value?: unknown; [k: string]: unknown }>;
}

export interface ArmResource {
  type: string;
  apiVersion?: string;
  name: string;
  scope?: string;
  existing?: boolean;
  resourceGroup?: string;
  subscriptionId?: string;
  location?: string;
  kind?: string;
  properties?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  [k: string]: unknown;
}

let compiledWiringTemplate: ArmTemplate | undefined;

/** The compiled ARM JSON of infra/wiring.bicep (action group and alert rules), shared like `compiledMain`. */
export function compiledWiring(): ArmTemplate {
  if (compiledWiringTemplate) return compiledWiringTemplate;
  const r = bicepBuild(wiringBicep);
  if (r.status !== 0) throw new Error(`bicep build failed:\n${r.stderr}`);
  compiledWiringTemplate = JSON.parse(r.stdout) as ArmTemplate;
  return compiledWiringTemplate;
}
