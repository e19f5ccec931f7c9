/**
 * Loads `jose` (v6 ships as ES modules only) from this CommonJS app, once per process.
 *
 * TypeScript compiles `await import('jose')` to `require('jose')` under `module: commonjs`, which only
 * works on Node 20.19+. A real dynamic `import()` works on every Node 20, so it is created through
 * `Function` where TypeScript cannot rewrite it. Inside a VM sandbox without ES-module support (Jest runs
 * tests in one) that import is refused; there we fall back to Node's own CommonJS loader, which can
 * `require` an ES module on the Node versions the tests run on.
 */
import type * as Jose from 'jose';
import nodeModule = require('node:module');

export type JoseModule = typeof Jose;

const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Errors Node raises when `import()` runs inside a vm context that has no module loader of its own. */
const SANDBOX_IMPORT_ERRORS = new Set(['ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG']);

let loading: Promise<JoseModule> | undefined;

export function loadJose(): Promise<JoseModule> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined; // let a later call try again rather than caching the failure forever
    throw err;
  });
  return loading;
}

async function load(): Promise<JoseModule> {
  try {
    return (await nativeImport('jose')) as JoseModule;
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !SANDBOX_IMPORT_ERRORS.has(code)) throw err;
    const loader = nodeModule as unknown as { _load(request: string, parent: null, isMain: boolean): unknown };
    return loader._load(require.resolve('jose'), null, false) as JoseModule;
  }
}
