/**
 * A small evaluator for ARM template expressions ("[union(createObject('A', parameters('x')), ...)]"), so
 * tests can compute the values a compiled template deploys, such as the function app's settings, and feed
 * them to the app's own code. It knows the functions the templates in infra/ use and fails loudly on any
 * other; `reference()` and friends are answered by the caller's stand-ins (no Azure here).
 */
type Value = unknown;

type Node =
  | { kind: 'lit'; value: Value }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'prop'; target: Node; name: string }
  | { kind: 'index'; target: Node; index: Node };

function parse(text: string): Node {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const expr = (): Node => {
    ws();
    let node: Node;
    if (text[i] === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated string in ${text}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += text[i++];
      }
      node = { kind: 'lit', value: s };
    } else if (/[-\d]/.test(text[i])) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i))!;
      i += m[0].length;
      node = { kind: 'lit', value: Number(m[0]) };
    } else {
      const m = /^[A-Za-z_][\w]*/.exec(text.slice(i));
      if (!m) throw new Error(`cannot parse at ${i}: ${text.slice(i, i + 40)}`);
      i += m[0].length;
      ws();
      if (text[i] !== '(') throw new Error(`expected ( after ${m[0]}`);
      i++;
      const args: Node[] = [];
      ws();
      while (text[i] !== ')') {
        args.push(expr());
        ws();
        if (text[i] === ',') i++;
      }
      i++;
      node = { kind: 'call', name: m[0], args };
    }
    for (;;) {
      ws();
      if (text[i] === '.') {
        i++;
        const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i))!;
        i += m[0].length;
        node = { kind: 'prop', target: node, name: m[0] };
      } else if (text[i] === '[') {
        i++;
        const index = expr();
        ws();
        i++; // ]
        node = { kind: 'index', target: node, index };
      } else return node;
    }
  };
  return expr();
}

export interface EvalScope {
  parameters: Record<string, Value>;
  variables?: Record<string, Value>;
  /** Answers reference(), resourceId(), environment() and the like; undefined means "not handled". */
  host: (name: string, args: Value[]) => Value | undefined;
}

class Lambda {
  constructor(
    readonly params: string[],
    readonly body: Node,
  ) {}
}

export function evaluate(value: Value, scope: EvalScope, locals: Record<string, Value> = {}): Value {
  if (typeof value === 'string' && value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']')) {
    return run(parse(value.slice(1, -1)), scope, locals);
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope, locals));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, scope, locals)]));
  return value;
}

const empty = (v: Value): boolean =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0);

function call(fn: Value, args: Value[], scope: EvalScope): Value {
  const l = fn as Lambda;
  return run(l.body, scope, Object.fromEntries(l.params.map((p, i) => [p, args[i]])));
}

function run(node: Node, scope: EvalScope, locals: Record<string, Value>): Value {
  if (node.kind === 'lit') return node.value;
  if (node.kind === 'prop') return (run(node.target, scope, locals) as Record<string, Value>)?.[node.name];
  if (node.kind === 'index') return (run(node.target, scope, locals) as Record<string, Value>)[run(node.index, scope, locals) as string];
  const name = node.name;
  if (name === 'lambda') {
    const params = node.args.slice(0, -1).map((a) => run(a, scope, locals) as string);
    return new Lambda(params, node.args[node.args.length - 1]);
  }
  if (name === 'if') return run(node.args[run(node.args[0], scope, locals) ? 1 : 2], scope, locals);
  const a = node.args.map((x) => run(x, scope, locals));
  switch (name) {
    case 'parameters':
      if (!(String(a[0]) in scope.parameters)) throw new Error(`parameter ${String(a[0])} has no value`);
      return scope.parameters[a[0] as string];
    case 'variables':
      return evaluate(scope.variables?.[a[0] as string], scope);
    case 'lambdaVariables':
      return locals[a[0] as string];
    case 'createObject': {
      const o: Record<string, Value> = {};
      for (let k = 0; k < a.length; k += 2) o[a[k] as string] = a[k + 1];
      return o;
    }
    case 'createArray':
      return a;
    case 'union':
      return Array.isArray(a[0]) ? [...new Set((a as Value[][]).flat())] : Object.assign({}, ...(a as object[]));
    case 'empty':
      return empty(a[0]);
    case 'not':
      return !a[0];
    case 'and':
      return a.every(Boolean);
    case 'or':
      return a.some(Boolean);
    case 'equals':
      return JSON.stringify(a[0]) === JSON.stringify(a[1]);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'string':
      return typeof a[0] === 'string' ? a[0] : JSON.stringify(a[0]);
    case 'int':
      return Number(a[0]);
    case 'json':
      return JSON.parse(a[0] as string);
    case 'concat':
      return Array.isArray(a[0]) ? (a as Value[][]).flat() : a.map(String).join('');
    case 'format':
      return String(a[0]).replace(/\{(\d+)\}/g, (_, n: string) => String(a[Number(n) + 1]));
    case 'join':
      return (a[0] as Value[]).join(a[1] as string);
    case 'split':
      return String(a[0]).split(a[1] as string);
    case 'trim':
      return String(a[0]).trim();
    case 'toLower':
      return String(a[0]).toLowerCase();
    case 'replace':
      return String(a[0]).split(a[1] as string).join(a[2] as string);
    case 'startsWith':
      return String(a[0]).toLowerCase().startsWith(String(a[1]).toLowerCase());
    case 'take':
      return (a[0] as string).slice(0, a[1] as number);
    case 'last':
      return (a[0] as Value[]).at(-1);
    case 'first':
      return (a[0] as Value[])[0];
    case 'length':
      return typeof a[0] === 'object' && !Array.isArray(a[0]) ? Object.keys(a[0] as object).length : (a[0] as Value[]).length;
    case 'range':
      return Array.from({ length: a[1] as number }, (_, k) => (a[0] as number) + k);
    case 'items':
      return Object.entries(a[0] as object)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([key, value]) => ({ key, value }));
    case 'map':
      return (a[0] as Value[]).map((v, k) => call(a[1], [v, k], scope));
    case 'filter':
      return (a[0] as Value[]).filter((v, k) => call(a[1], [v, k], scope));
    case 'toObject':
      return Object.fromEntries((a[0] as Value[]).map((v) => [call(a[1], [v], scope), a[2] ? call(a[2], [v], scope) : v]));
    case 'coalesce':
      return a.find((v) => v !== null && v !== undefined);
    default: {
      const answered = scope.host(name, a);
      if (answered === undefined) throw new Error(`the ARM evaluator does not know ${name}(${a.map((x) => JSON.stringify(x)).join(', ')})`);
      return answered;
    }
  }
}

/** Parameter values: the given ones, else each declared default evaluated in order. */
export function parameterValues(template: { parameters?: Record<string, { defaultValue?: Value }> }, given: Record<string, Value>, host: EvalScope['host']): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const [name, p] of Object.entries(template.parameters ?? {})) {
    values[name] = name in given ? given[name] : evaluate(p.defaultValue, { parameters: values, host });
  }
  return values;
}
