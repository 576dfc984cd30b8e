const fs = require('node:fs');
const path = require('node:path');

const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }] },
  setupFiles: ['reflect-metadata'],
};

/**
 * Test files that also run on PostgreSQL (issue 16), in the "postgres" project: a throwaway
 * cluster started once per run (tests/support/postgres.ts), one database per file.
 */
const POSTGRES_SUITES = [
  'tests/integration/postgres-start.test.ts',
  'tests/integration/cases.test.ts',
  'tests/integration/events.test.ts',
  'tests/integration/people.test.ts',
  'tests/integration/institutions.test.ts',
];
/**
 * Not yet green on PostgreSQL (docs/postgres.md). Run them with
 * `CASEBOOK_PG_NEXT=1 npx jest --selectProjects postgres` while porting; they join
 * POSTGRES_SUITES when they pass.
 */
const POSTGRES_NEXT = [];
if (process.env.CASEBOOK_PG_NEXT === '1') POSTGRES_SUITES.push(...POSTGRES_NEXT);

/** The same rule as postgresWanted() in tests/support/postgres.ts (this file cannot load TypeScript). */
function postgresBin() {
  if (process.env.CASEBOOK_PG_BIN) return fs.existsSync(path.join(process.env.CASEBOOK_PG_BIN, 'initdb')) ? process.env.CASEBOOK_PG_BIN : null;
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).map(Number).filter((n) => n >= 15).sort((a, b) => b - a) : [];
  const found = majors.map((m) => path.join(root, String(m), 'bin')).find((dir) => fs.existsSync(path.join(dir, 'initdb')));
  return found ?? null;
}

const flag = process.env.CASEBOOK_TEST_POSTGRES;
const runPostgres = flag === '1' || (flag !== '0' && postgresBin() !== null);
if (!runPostgres) {
  process.stderr.write(
    flag === '0'
      ? 'PostgreSQL tests skipped: CASEBOOK_TEST_POSTGRES=0\n'
      : 'PostgreSQL tests skipped: no PostgreSQL 15+ binaries (apt-get install postgresql, or CASEBOOK_PG_BIN); CASEBOOK_TEST_POSTGRES=1 makes them required\n',
  );
}

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    // The start-up checks need a PostgreSQL server: they are in the postgres project only.
    { ...base, displayName: 'sqlite', testPathIgnorePatterns: ['/node_modules/', 'tests/integration/postgres-start.test.ts'] },
    ...(runPostgres
      ? [
          {
            ...base,
            displayName: 'postgres',
            testMatch: POSTGRES_SUITES.map((f) => `<rootDir>/${f}`),
            setupFiles: ['reflect-metadata', '<rootDir>/tests/support/postgres-env.ts'],
            globalSetup: '<rootDir>/tests/support/postgres-setup.ts',
            globalTeardown: '<rootDir>/tests/support/postgres-teardown.ts',
          },
        ]
      : []),
  ],
};
