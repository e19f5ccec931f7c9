/**
 * Runs one exported function of a source module in a child Node process whose time zone is `zone`, and
 * returns its JSON result. Jest's sandbox copies process.env, so setting TZ inside a test never reaches
 * V8; a separate process is the only honest way to show that parsing does not depend on the host's zone.
 * The child compiles TypeScript on the fly with the installed compiler (types stripped, CommonJS).
 */
import { execFileSync } from 'node:child_process';

const RUNNER = `
const ts = require('typescript');
const fs = require('node:fs');
require.extensions['.ts'] = (module, file) => {
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  module._compile(out.outputText, file);
};
const [modulePath, exportName, argsJson] = process.argv.slice(1);
const result = require(modulePath)[exportName](...JSON.parse(argsJson));
process.stdout.write(JSON.stringify(result === undefined ? null : result));
`;

export function callInTimeZone(zone: string, modulePath: string, exportName: string, args: unknown[]): unknown {
  const out = execFileSync(process.execPath, ['-e', RUNNER, modulePath, exportName, JSON.stringify(args)], {
    env: { ...process.env, TZ: zone },
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return JSON.parse(out);
}
