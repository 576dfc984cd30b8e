/**
 * Generates a migration from the difference between the entities and the committed migrations,
 * the way `typeorm migration:generate` does, into migrations/sqlite/ and registers it in
 * src/db/migrations.ts. Usage: npm run migration:generate -- NameInPascalCase
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../src/db/data-source';
import { asTemplateLiteral } from '../src/search/trigger-history';
import { migrationClass, migrationName, writeMigration } from './migration-files';

async function main(): Promise<void> {
  const name = migrationName('npm run migration:generate --');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-migrate-'));
  const ds = createDataSource({ databasePath: path.join(dir, 'gen.sqlite') });
  await ds.initialize();
  await ds.runMigrations();
  const sql = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
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
  const file = writeMigration(name, Date.now(), (className) => migrationClass(className, up, down));
  process.stdout.write(`Wrote ${file} (${sql.upQueries.length} statements) and registered it.\n`);
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
