/**
 * The KQL of every log search alert rule, taken from the compiled ARM template (so it is exactly what Azure
 * receives), validated with Microsoft's Kusto parser against the real columns of the Container Apps tables.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { kqlErrors } from '../support/kusto';
import { alertRuleQueries } from './support/arm';
import { compiledMain, repoRoot, compiledWiring } from './support/bicep';

const queries = () => alertRuleQueries(compiledWiring());
const byName = (fragment: string): string => {
  const hit = queries().find((q) => q.query.includes(fragment));
  if (!hit) throw new Error(`no alert query containing ${fragment}`);
  return hit.query;
};

describe('alert rule queries', () => {
  it('are extracted from the compiled template: one for back-off restarts, one for container exits', () => {
    const q = queries();
    expect(q).toHaveLength(2);
    // The compiled text is the .kql file verbatim (loadTextContent inlines it at build time).
    const files = ['backoff-restarts.kql', 'container-exits.kql'].map((f) => readFileSync(path.join(repoRoot, 'infra', 'queries', f), 'utf8'));
    expect(q.map((x) => x.query).sort()).toEqual([...files].sort());
  });

  it.each(['backoff-restarts', 'container-exits'])('%s validates against the four tables\' real columns', (name) => {
    const query = readFileSync(path.join(repoRoot, 'infra', 'queries', `${name}.kql`), 'utf8');
    expect(queries().map((x) => x.query)).toContain(query);
    expect(kqlErrors(query)).toEqual([]);
  });

  it('the validator used here does reject a query naming a column the table lacks', () => {
    const broken = byName('ContainerBackOff').replace("column_ifexists('RevisionName', '')", 'RevisionNam');
    expect(kqlErrors(broken).length).toBeGreaterThan(0);
  });

  it('read both table families, tolerating a missing table and missing _CL columns', () => {
    for (const { query } of queries()) {
      expect(query).toMatch(/^union isfuzzy=true\b/);
      expect(query).toMatch(/\(ContainerAppSystemLogs\s*\n/);
      expect(query).toContain('(ContainerAppSystemLogs_CL');
      expect(query).toContain("column_ifexists('ContainerAppName_s', '')");
      expect(query).toContain("column_ifexists('RevisionName_s', '')");
      // The rules split by these two dimensions, so the result must carry both columns.
      expect(query.trim().split('\n').pop()).toBe('| project TimeGenerated, ContainerAppName, RevisionName');
    }
  });

  it('back-off rule matches both spellings of the platform message and the raw Kubernetes text', () => {
    const query = byName('ContainerBackOff');
    const pattern = /matches regex @'([^']+)'/.exec(query)?.[1];
    expect(pattern).toBeDefined();
    const re = new RegExp(pattern!);
    expect(re.test('Persistent Failiure to start container')).toBe(true);
    expect(re.test('Persistent Failure to start container')).toBe(true);
    expect(re.test('Started container app')).toBe(false);
    expect(query).toContain("contains 'Back-off restarting failed container'");
  });

  it('exit rule reads the exit code, ignores clean exits (0) and graceful stops (143), keeps a missing code', () => {
    const query = byName('was terminated with exit code');
    const pattern = /extract\(@"([^"]+)", 1, Message\)/.exec(query)?.[1];
    expect(pattern).toBeDefined();
    const code = (msg: string): string | undefined => new RegExp(pattern!).exec(msg)?.[1];
    expect(code("Container 'my-container' was terminated with exit code '137'")).toBe('137');
    expect(code("Container 'go-init' was terminated with exit code '0' and reason 'ProcessExited'")).toBe('0');
    expect(code("Container 'testservice' was terminated with exit code '' and reason 'ImagePullFailure'")).toBe('');
    expect(query).toContain("| where ExitCode !in ('0', '143')");
  });
});
