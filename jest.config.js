/** Jest runs the TypeScript sources directly; type errors are caught by `npm run typecheck` (CI runs both). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // jose v6 is ES modules only; Jest's module system needs it as CommonJS (Node itself loads it as is).
    '/node_modules/jose/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 30000,
  // Network tests open servers on 127.0.0.1; each test closes what it opened, so Jest can exit by itself.
  forceExit: false,
};
