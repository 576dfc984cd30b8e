/**
 * Generates a migration from the difference between the entities and the committed migrations,
 * the way `typeorm migration:generate` does, into migrations/sqlite/ and registers it in
 * src/db/migrations.ts. Usage: npm run migration:generate -- NameInPascalCase
 *
 * With DATABASE_URL=postgres://… set, the same for PostgreSQL, into migrations/postgres/ and
 * src/db/migrations-postgres.ts: the committed migrations are applied to a throwaway database
 * made (and dropped) on that server, which the URL's user must be allowed to create.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../src/db/data-source';
import { asTemplateLiteral } from '../src/search/trigger-history';
import { createScratchDatabase } from '../src/db/postgres';
import type { SqlInMemory } from 'typeorm/driver/SqlInMemory';
import { postgresUrlProblem } from '../src/config';
import { Engine, migrationClass, migrationName, writeMigration } from './migration-files';

/** The schema builder's statements after the committed migrations, on a throwaway SQLite file. */
async function sqliteDiff(): Promise<SqlInMemory> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-migrate-'));
  try {
    const ds = createDataSource({ databasePath: path.join(dir, 'gen.sqlite') });
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    return sql;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same on a throwaway database of the PostgreSQL server DATABASE_URL names. */
async function postgresDiff(serverUrl: string): Promise<SqlInMemory> {
  const scratch = await createScratchDatabase(serverUrl, 'casebook_migrate_');
  try {
    const ds = createDataSource({ databasePath: '', databaseUrl: scratch.url });
    await ds.initialize();
    try {
      await ds.runMigrations();
      return await ds.driver.createSchemaBuilder().log();
    } finally {
      await ds.destroy();
    }
  } finally {
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  const name = migrationName('[DATABASE_URL=postgres://…] npm run migration:generate --');
  const serverUrl = process.env.DATABASE_URL?.trim() || null;
  if (serverUrl) {
    const problem = postgresUrlProblem(serverUrl);
    if (problem) {
      process.stderr.write(`DATABASE_URL ${problem}\n`);
      process.exit(2);
    }
  }
  const engine: Engine = serverUrl ? 'postgres' : 'sqlite';
  const sql = serverUrl ? await postgresDiff(serverUrl) : await sqliteDiff();
  if (sql.upQueries.length === 0) {
    process.stdout.write('No changes in the entities: no migration generated.\n');
    return;
  }
  const q = (s: string) => '`' + asTemplateLiteral(s) + '`';
  const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)}${x.parameters?.length ? ', ' + JSON.stringify(x.parameters) : ''});`);
  const down = sql.downQueries
    .slice()
    .reverse()
    .map((x) => `    await queryRunner.query(${q(x.query)}${x.parameters?.length ? ', ' + JSON.stringify(x.parameters) : ''});`);
  const file = writeMigration(name, Date.now(), (className) => migrationClass(className, up, down), engine);
  process.stdout.write(`Wrote ${file} (${sql.upQueries.length} statements) and registered it.\n`);
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
