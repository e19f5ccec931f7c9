/** Jest runs the TypeScript sources directly; type errors are caught by `npm run typecheck` (CI runs both). */
const os = require('node:os');

module.exports = {
  // Node plus the shared Kusto parser (test/support/environment.js).
  testEnvironment: '<rootDir>/test/support/environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // jose v6 is ES modules only; Jest's module system needs it as CommonJS (Node itself loads it as is).
    '/node_modules/jose/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Two workers even on a 2-core machine: Jest's default (cores - 1) would run the whole suite in one
  // process, and much of a test's time is spent waiting on Azurite or a stand-in, not computing.
  maxWorkers: Math.max(2, (os.availableParallelism?.() ?? os.cpus().length) - 1),
  // One Azurite for the whole run; every test names its own queues and tables (test/support/storage.ts).
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  // Heavy suites first, so the run does not end waiting on one long suite (test/support/sequencer.js).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // A last guard only: no test relies on it (waits are for events; time-driven logic runs on injected clocks).
  testTimeout: 60000,
  // Network tests open servers on 127.0.0.1; each test closes what it opened, so Jest can exit by itself.
  forceExit: false,
};
