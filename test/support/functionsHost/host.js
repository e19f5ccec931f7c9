/**
 * A stand-in for the Azure Functions Node.js worker, run as a child process: `node host.js <app folder>`.
 * It loads the app the way the worker does (package.json "main", with `@azure/functions-core` injected
 * through NODE_PATH), then answers invocation requests from its parent over IPC by driving the app's own
 * programming model: getArguments -> invokeFunction -> getResponse, with RPC-shaped inputs.
 *
 * Messages in:  { id, name, http?: { method, url, headers, body }, message?: string, dequeueCount? }
 * Messages out: { ready: { functions, loadMs } } once loaded, then { id, response } or { id, error }.
 * Plain JavaScript on purpose: it runs with no TypeScript tooling, next to a package with no dependencies.
 */
'use strict';
const path = require('node:path');
const { readFileSync } = require('node:fs');

const appDir = path.resolve(process.argv[2]);
const state = (globalThis.__functionsCoreStandIn ??= { functions: [], model: undefined, logs: [] });

async function load() {
  const started = process.hrtime.bigint();
  const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  require(path.join(appDir, pkg.main));
  if (!state.model) throw new Error('the app never handed its programming model to @azure/functions-core');
  await state.model.getCapabilities({});
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { functions: state.functions.map((f) => f.metadata), loadMs, modules: Object.keys(require.cache) };
}

function triggerOf(metadata) {
  const entry = Object.entries(metadata.bindings).find(([, b]) => /trigger$/i.test(b.type));
  if (!entry) throw new Error(`function ${metadata.name} has no trigger binding`);
  return entry[0];
}

let next = 0;
async function invoke(request) {
  const fn = state.functions.find((f) => f.metadata.name === request.name);
  if (!fn) throw new Error(`no function named ${request.name}`);
  const invocationId = `standin-${++next}`;
  const data = request.http
    ? { http: { method: request.http.method, url: request.http.url, headers: request.http.headers || {}, body: { string: request.http.body || '' } } }
    : { string: request.message };
  const triggerMetadata = request.http ? {} : { DequeueCount: { json: String(request.dequeueCount || 1) } };
  const coreContext = {
    invocationId,
    request: { invocationId, inputData: [{ name: triggerOf(fn.metadata), data }], triggerMetadata },
    metadata: fn.metadata,
    log: (level, category, message) => state.logs.push({ level, category, message }),
    state: undefined,
  };
  const model = state.model.getInvocationModel(coreContext);
  const { context, inputs } = await model.getArguments();
  const result = await model.invokeFunction(context, inputs, fn.callback);
  return model.getResponse(context, result);
}

process.on('message', (request) => {
  invoke(request).then(
    (response) => process.send({ id: request.id, response, logs: state.logs.splice(0), modules: Object.keys(require.cache) }),
    (err) => process.send({ id: request.id, error: String((err && err.stack) || err), logs: state.logs.splice(0) }),
  );
});
process.on('disconnect', () => process.exit(0));

load().then(
  (ready) => process.send({ ready }),
  (err) => {
    process.send({ loadError: String((err && err.stack) || err) });
    process.exit(1);
  },
);
