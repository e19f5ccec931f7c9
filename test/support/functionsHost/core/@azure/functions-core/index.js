/**
 * Stand-in for `@azure/functions-core`, the module the Azure Functions Node.js worker injects into the
 * app's process. `@azure/functions` calls it to hand over its programming model and register each
 * function; this one records both so host.js can invoke functions the way the worker does. It is found
 * through NODE_PATH, never from the package under test (which must not contain it).
 */
'use strict';
const state = (globalThis.__functionsCoreStandIn ??= { functions: [], model: undefined, logs: [] });

module.exports = {
  setProgrammingModel(model) {
    state.model = model;
  },
  getProgrammingModel() {
    return state.model;
  },
  registerFunction(metadata, callback) {
    state.functions.push({ metadata, callback });
    return { dispose() {} };
  },
  registerHook() {
    return { dispose() {} };
  },
  log(level, category, message) {
    state.logs.push({ level, category, message });
  },
};
