/**
 * Loads `jose` (v6 ships as ES modules only) from this CommonJS app, once per process, on the first
 * secure-webhook call (cold start stays free of it).
 *
 * A plain dynamic import, nothing else: in the shipped bundle esbuild inlines jose; in the unbundled build
 * TypeScript turns it into `require('jose')`, which Node loads as an ES module (require of ES modules is
 * on by default from Node 20.19 and 22.12; the engines field asks for those); under Jest, jose is
 * transformed to CommonJS (jest.config.js).
 */
import type * as Jose from 'jose';

export type JoseModule = typeof Jose;

let loading: Promise<JoseModule> | undefined;

export function loadJose(): Promise<JoseModule> {
  loading ??= import('jose').catch((err: unknown) => {
    loading = undefined; // let a later call try again rather than caching the failure forever
    throw err;
  });
  return loading;
}
