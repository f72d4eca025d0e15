// @ts-check
// Date arithmetic and formatting in tests must not depend on the machine's zone: every worker
// Jest starts inherits this, whoever runs the suite (npm test, an editor, .ci/run).
process.env.TZ = 'UTC';

const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8'));

// Map every @assay/* alias of tsconfig.base.json to its source, so tests run the TypeScript directly.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [
    `^${alias}$`,
    `<rootDir>/${targets[0]}`,
  ]),
);

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // pdf.js ships ES modules only; Node requires them natively, Jest's module system needs them as CommonJS.
    'pdfjs-dist/.+\\.mjs$': ['@swc/jest', { ...swcrc, swcrc: false, jsc: { ...swcrc.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!pdfjs-dist/)'],
  moduleNameMapper,
};

// Pure libraries and bench's pure helpers (no framework, no I/O) run without any database; everything else gets a fresh
// PostgreSQL database and Redis key prefix per run (see libs/testing/src/global-setup.ts).
// The web app's pure logic (offline queue, clock) is tested here too; its React code is tested in Chromium.
const pureRoots = ['<rootDir>/bench', '<rootDir>/libs/contracts', '<rootDir>/libs/paper-import', '<rootDir>/libs/scoring', '<rootDir>/libs/statistics', '<rootDir>/libs/grading-rules', '<rootDir>/apps/web'];

/** @type {import('jest').Config} */
const config = {
  // Only a guard against a hung test, never a measure: waits are on events (libs/testing/src/wait.ts),
  // and on a loaded machine (load average 35 on 2 cores) spawning an API process alone took minutes.
  testTimeout: 900_000,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', roots: pureRoots, testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/libs/contracts/', '/libs/paper-import/', '/libs/scoring/', '/libs/statistics/', '/libs/grading-rules/', '/apps/web/'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};

module.exports = config;
