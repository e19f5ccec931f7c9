/**
 * Validates KQL with Microsoft's own parser (@kusto/language-service-next) against the real columns of the
 * four Container Apps tables. `kqlErrors(query)` returns the error diagnostics; an empty list means the
 * query parses and every table, column and function it names resolves.
 *
 * The parser itself runs outside the test sandbox, one instance per Jest worker shared by every test
 * file, with results cached by query text (test/support/kustoParser.js explains why).
 */

type ColType = 'string' | 'datetime' | 'int' | 'long' | 'real' | 'bool' | 'guid' | 'dynamic';

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

const SCHEMA_KEY = JSON.stringify(TABLE_SCHEMAS);

export interface KqlDiagnostic {
  severity: string;
  message: string;
  start: number;
  length: number;
}

/** What test/support/kustoParser.js exports. */
interface KustoParser {
  errors(query: string, schemaKey: string): readonly KqlDiagnostic[];
  shape(query: string, schemaKey: string): string;
  stringLiterals(text: string): unknown[];
  stats: { analysed: number; parsed: number; errorCalls: number; shapeCalls: number };
}

/**
 * The worker's shared parser (from test/support/environment.js). Under another test environment it is
 * loaded into this file's sandbox instead: slower, same answers.
 */
function parser(): KustoParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return ((globalThis as { __kustoParser?: KustoParser }).__kustoParser ?? require('./kustoParser.js')) as KustoParser;
}

/** Every error diagnostic for the query (empty when it is valid against the table schemas). */
export function kqlErrors(query: string): KqlDiagnostic[] {
  // Copied into plain objects of this sandbox, so Jest's equality sees ordinary arrays.
  return parser().errors(query, SCHEMA_KEY).map((d) => ({ ...d }));
}

/**
 * A fingerprint of the query's syntax tree: the kinds of every node, without the literal values. Two
 * queries built from the same template with different (safely escaped) values have the same fingerprint;
 * an injected pipe or comment changes it.
 */
export function kqlShape(query: string): string {
  return parser().shape(query, SCHEMA_KEY);
}

/** The values the parser reads from the string literals of `print x = <literal>`, in order. */
export function kqlStringLiterals(literal: string): unknown[] {
  return [...parser().stringLiterals(`print x = ${literal}`)];
}

/** How much work the shared parser did in this worker: lets a suite show its cache is doing its job. */
export function kqlParserStats(): KustoParser['stats'] {
  return { ...parser().stats };
}
