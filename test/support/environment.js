/**
 * Jest's node environment plus one thing: `globalThis.__kustoParser`, the Kusto parser module loaded in
 * the worker itself rather than in each test file's sandbox (see kustoParser.js for why). It is loaded
 * on first use only, so test files that never check a query pay nothing.
 */
'use strict';
const { TestEnvironment } = require('jest-environment-node');

class EnricherTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.defineProperty(this.global, '__kustoParser', {
      configurable: true,
      get: () => require('./kustoParser.js'),
    });
  }
}

module.exports = EnricherTestEnvironment;
