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

const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    process.stderr.write('usage: npm run migration:generate -- NameInPascalCase\n');
    process.exit(2);
  }
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
  const stamp = Date.now();
  const className = `${name}${stamp}`;
  const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)}${x.parameters?.length ? ', ' + JSON.stringify(x.parameters) : ''});`);
  const down = sql.downQueries
    .slice()
    .reverse()
    .map((x) => `    await queryRunner.query(${q(x.query)}${x.parameters?.length ? ', ' + JSON.stringify(x.parameters) : ''});`);
  const file = path.join(ROOT, 'migrations', 'sqlite', `${stamp}-${name}.ts`);
  fs.writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`,
  );
  const index = path.join(ROOT, 'src', 'db', 'migrations.ts');
  let text = fs.readFileSync(index, 'utf8');
  text = `import { ${className} } from '../../migrations/sqlite/${stamp}-${name}';\n` + text;
  text = text.replace(/export const migrations: Function\[\] = \[([\s\S]*?)\];/, (_m, inner: string) => {
    const items = inner.split(',').map((s) => s.trim()).filter(Boolean);
    items.push(className);
    return `export const migrations: Function[] = [${items.join(', ')}];`;
  });
  fs.writeFileSync(index, text);
  process.stdout.write(`Wrote ${path.relative(ROOT, file)} (${sql.upQueries.length} statements) and registered it.\n`);
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
