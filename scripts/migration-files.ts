import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations', 'sqlite');

/** Writes migrations/sqlite/<stamp>-<Name>.ts and registers the class in src/db/migrations.ts. */
export function writeMigration(name: string, stamp: number, source: (className: string) => string): string {
  const className = `${name}${stamp}`;
  const file = path.join(MIGRATIONS_DIR, `${stamp}-${name}.ts`);
  fs.writeFileSync(file, source(className));
  const index = path.join(ROOT, 'src', 'db', 'migrations.ts');
  let text = fs.readFileSync(index, 'utf8');
  text = `import { ${className} } from '../../migrations/sqlite/${stamp}-${name}';\n` + text;
  text = text.replace(/export const migrations: Function\[\] = \[([\s\S]*?)\];/, (_m, inner: string) => {
    const items = inner.split(',').map((s) => s.trim()).filter(Boolean);
    items.push(className);
    return `export const migrations: Function[] = [${items.join(', ')}];`;
  });
  fs.writeFileSync(index, text);
  return path.relative(ROOT, file);
}

export function migrationName(usage: string): string {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    process.stderr.write(`usage: ${usage} NameInPascalCase\n`);
    process.exit(2);
  }
  return name;
}

/** The source of a migration class: its statements, already written as `await queryRunner...` lines. */
export function migrationClass(className: string, up: string[], down: string[], doc = ''): string {
  return `import { MigrationInterface, QueryRunner } from 'typeorm';
${doc ? `\n${doc}` : ''}
export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`;
}
