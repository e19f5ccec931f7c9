/**
 * Validates KQL with Microsoft's own parser (@kusto/language-service-next) against the real columns of the
 * four Container Apps tables. `kqlErrors(query)` returns the error diagnostics; an empty list means the
 * query parses and every table, column and function it names resolves.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');

const K: any = (globalThis as any).Kusto.Language;
const S: any = K.Symbols;

type ColType = 'string' | 'datetime' | 'int' | 'long' | 'real' | 'bool' | 'guid' | 'dynamic';

const typeOf = (t: ColType): any =>
  ({
    string: S.ScalarTypes.String,
    datetime: S.ScalarTypes.DateTime,
    int: S.ScalarTypes.Int,
    long: S.ScalarTypes.Long,
    real: S.ScalarTypes.Real,
    bool: S.ScalarTypes.Bool,
    guid: S.ScalarTypes.Guid,
    dynamic: S.ScalarTypes.Dynamic,
  })[t];

/**
 * Columns as documented (resource-specific tables) and as observed in real data (the `_CL` tables have
 * no official schema page; see shared/reference/azure-facts.md §1.4-1.5). `_CL` tables are dynamic: only
 * columns we have evidence for are declared, so a query that needs any other must use column_ifexists.
 */
export const TABLE_SCHEMAS: Record<string, Record<string, ColType>> = {
  ContainerAppSystemLogs: {
    _BilledSize: 'real', ComponentName: 'string', ComponentType: 'string', ContainerAppName: 'string',
    ContainerName: 'string', Count: 'int', EnvironmentName: 'string', EventSource: 'string', _IsBillable: 'string',
    JobName: 'string', Location: 'string', Log: 'string', OperationName: 'string', Reason: 'string',
    ReplicaName: 'string', _ResourceId: 'string', RevisionName: 'string', SourceSystem: 'string',
    _SubscriptionId: 'string', TenantId: 'string', TimeGenerated: 'datetime', Type: 'string',
  },
  ContainerAppConsoleLogs: {
    _BilledSize: 'real', ContainerAppName: 'string', ContainerGroupId: 'string', ContainerGroupName: 'string',
    ContainerId: 'string', ContainerImage: 'string', ContainerName: 'string', EnvironmentName: 'string',
    _IsBillable: 'string', JobName: 'string', Location: 'string', Log: 'string', OperationName: 'string',
    _ResourceId: 'string', RevisionName: 'string', SourceSystem: 'string', Stream: 'string',
    _SubscriptionId: 'string', TenantId: 'string', TimeGenerated: 'datetime', Type: 'string',
  },
  ContainerAppSystemLogs_CL: {
    TenantId: 'string', SourceSystem: 'string', TimeGenerated: 'datetime', Computer: 'string', RawData: 'string',
    ContainerAppName_s: 'string', EnvironmentName_s: 'string', RevisionName_s: 'string', ReplicaName_s: 'string',
    Log_s: 'string', Reason_s: 'string', EventSource_s: 'string', Type_s: 'string', Error_s: 'string',
    Type: 'string', _ResourceId: 'string',
  },
  ContainerAppConsoleLogs_CL: {
    TenantId: 'string', SourceSystem: 'string', TimeGenerated: 'datetime', Computer: 'string', RawData: 'string',
    Log_s: 'string', _timestamp_d: 'real', ContainerGroupId_g: 'string', RevisionName_s: 'string',
    ContainerId_s: 'string', ContainerImage_s: 'string', ContainerGroupName_s: 'string', ContainerAppName_s: 'string',
    Stream_s: 'string', ContainerName_s: 'string', EnvironmentName_s: 'string', Type: 'string', _ResourceId: 'string',
  },
};

let cachedGlobals: any;
function globals(): any {
  if (cachedGlobals) return cachedGlobals;
  const tables = Object.entries(TABLE_SCHEMAS).map(
    ([name, cols]) =>
      new S.TableSymbol.$ctor4(
        name,
        Object.entries(cols).map(([c, t]) => new S.ColumnSymbol(c, typeOf(t))),
      ),
  );
  const db = new S.DatabaseSymbol.$ctor2('workspace', null, tables);
  const cluster = new S.ClusterSymbol.ctor('loganalytics', [db]);
  cachedGlobals = K.GlobalState.Default.WithCluster(cluster).WithDatabase(db);
  return cachedGlobals;
}

export interface KqlDiagnostic {
  severity: string;
  message: string;
  start: number;
  length: number;
}

function analyze(query: string): any {
  return K.KustoCode.ParseAndAnalyze(query, globals());
}

/** Every error diagnostic for the query (empty when it is valid against the table schemas). */
export function kqlErrors(query: string): KqlDiagnostic[] {
  const diags = analyze(query).GetDiagnostics();
  const out: KqlDiagnostic[] = [];
  for (let i = 0; i < diags.Count; i++) {
    const d = diags.getItem(i);
    if (d.Severity === 'Error') out.push({ severity: d.Severity, message: d.Message, start: d.Start, length: d.Length });
  }
  return out;
}

/**
 * A fingerprint of the query's syntax tree: the kinds of every node, without the literal values. Two
 * queries built from the same template with different (safely escaped) values have the same fingerprint;
 * an injected pipe or comment changes it.
 */
export function kqlShape(query: string): string {
  const code = analyze(query);
  const kinds: string[] = [];
  const walk = (node: any): void => {
    if (!node) return;
    kinds.push(String(node.Kind));
    for (let i = 0; i < node.ChildCount; i++) walk(node.GetChild(i));
  };
  walk(code.Syntax);
  return kinds.join(',');
}
