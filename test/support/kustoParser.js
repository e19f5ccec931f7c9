/**
 * Microsoft's Kusto parser (@kusto/language-service-next), loaded once per Jest worker OUTSIDE the test
 * sandbox and shared by every test file that worker runs. Why plain JavaScript and why outside: the
 * parser is 16 MB of Bridge.NET output that looks up its runtime on the global object at every step;
 * inside Jest's per-file sandbox (a vm context) each such lookup is several times slower, and every
 * test file would load and warm the whole parser again. `test/support/environment.js` hands this module
 * to the tests as `globalThis.__kustoParser`; `test/support/kusto.ts` is the typed face the tests use.
 *
 * Results are cached by query text: the same query checked twice (errors, then shape; or the same
 * template in several tests) is analysed once.
 */
'use strict';

let K;
function kusto() {
  if (!K) {
    require('@kusto/language-service-next/bridge.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.js');
    K = globalThis.Kusto.Language;
  }
  return K;
}

const TYPE_NAMES = ['string', 'datetime', 'int', 'long', 'real', 'bool', 'guid', 'dynamic'];
function scalarType(name) {
  const S = kusto().Symbols.ScalarTypes;
  const map = { string: S.String, datetime: S.DateTime, int: S.Int, long: S.Long, real: S.Real, bool: S.Bool, guid: S.Guid, dynamic: S.Dynamic };
  if (!TYPE_NAMES.includes(name)) throw new Error(`unknown column type ${name}`);
  return map[name];
}

/** Global state (cluster, database, tables) per schema, keyed by the schema's JSON. */
const globalsBySchema = new Map();
function globalsFor(schemaKey) {
  let globals = globalsBySchema.get(schemaKey);
  if (globals) return globals;
  const S = kusto().Symbols;
  const tables = Object.entries(JSON.parse(schemaKey)).map(
    ([name, cols]) => new S.TableSymbol.$ctor4(name, Object.entries(cols).map(([c, t]) => new S.ColumnSymbol(c, scalarType(t)))),
  );
  const db = new S.DatabaseSymbol.$ctor2('workspace', null, tables);
  const cluster = new S.ClusterSymbol.ctor('loganalytics', [db]);
  globals = kusto().GlobalState.Default.WithCluster(cluster).WithDatabase(db);
  globalsBySchema.set(schemaKey, globals);
  return globals;
}

/** A small bounded cache: property runs produce many distinct texts; memory must stay flat. */
function boundedCache(limit) {
  const map = new Map();
  return (key, compute) => {
    if (map.has(key)) return map.get(key);
    const value = compute();
    if (map.size >= limit) map.delete(map.keys().next().value);
    map.set(key, value);
    return value;
  };
}

const errorCache = boundedCache(2000);
const shapeCache = boundedCache(2000);
const stats = { analysed: 0, parsed: 0, errorCalls: 0, shapeCalls: 0 };

/** Error diagnostics of `query` against the tables of `schemaKey` (JSON of table -> column -> type). */
function errors(query, schemaKey) {
  stats.errorCalls++;
  return errorCache(`${schemaKey}\u0000${query}`, () => {
    stats.analysed++;
    const diags = kusto().KustoCode.ParseAndAnalyze(query, globalsFor(schemaKey)).GetDiagnostics();
    const out = [];
    for (let i = 0; i < diags.Count; i++) {
      const d = diags.getItem(i);
      if (d.Severity === 'Error') out.push({ severity: d.Severity, message: d.Message, start: d.Start, length: d.Length });
    }
    return Object.freeze(out);
  });
}

/**
 * The kinds of every syntax node, in order, without literal values. The tree does not depend on the
 * table schemas, so the query is parsed (against the same global state) but not analysed.
 */
function shape(query, schemaKey) {
  stats.shapeCalls++;
  return shapeCache(`${schemaKey}\u0000${query}`, () => {
    stats.parsed++;
    const kinds = [];
    const walk = (node) => {
      if (!node) return;
      kinds.push(String(node.Kind));
      for (let i = 0; i < node.ChildCount; i++) walk(node.GetChild(i));
    };
    walk(kusto().KustoCode.Parse(query, globalsFor(schemaKey)).Syntax);
    return kinds.join(',');
  });
}

/** The values of every string literal the parser finds in `print x = <literal>`, in order. */
function stringLiterals(text) {
  const k = kusto();
  const values = [];
  const walk = (node) => {
    if (!node) return;
    if (node.Kind === k.Syntax.SyntaxKind.StringLiteralExpression) values.push(node.LiteralValue);
    for (let i = 0; i < node.ChildCount; i++) walk(node.GetChild(i));
  };
  walk(k.KustoCode.Parse(text).Syntax);
  return values;
}

module.exports = { errors, shape, stringLiterals, stats };
