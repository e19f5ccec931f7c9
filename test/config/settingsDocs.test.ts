/**
 * src/config.ts, local.settings.sample.json and the README's settings table must name the same settings:
 * people configure the app from the last two. The names are read from the source, so a setting added to
 * config.ts without its documentation fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Every app setting config.ts reads by name. */
function settingsReadByConfig(): string[] {
  const names = [...read('src/config.ts').matchAll(/\b(?:str|int|httpsUrl)\(env, '([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

/** The Functions host's own settings, documented by Microsoft rather than in our table. */
const HOST_SETTINGS = new Set(['FUNCTIONS_WORKER_RUNTIME']);

describe('settings documentation', () => {
  const names = settingsReadByConfig();

  it('finds the settings in config.ts', () => {
    expect(names).toEqual(expect.arrayContaining(['LOG_ANALYTICS_WORKSPACE_ID', 'DESTINATIONS', 'COALESCE_SECONDS']));
  });

  it('local.settings.sample.json lists every setting config.ts reads', () => {
    const sample = Object.keys(JSON.parse(read('local.settings.sample.json')).Values as Record<string, string>);
    expect(names.filter((n) => !sample.includes(n))).toEqual([]);
  });

  it("the README's settings table lists every setting config.ts reads", () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
    expect(names.filter((n) => !HOST_SETTINGS.has(n) && !table.includes(`\`${n}\``))).toEqual([]);
  });
});
