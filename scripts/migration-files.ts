import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations', 'sqlite');

export type Engine = 'sqlite' | 'postgres';

/** Where each engine's migrations live and the list that registers them. */
const REGISTRY: Record<Engine, { dir: string; index: string; list: string }> = {
  sqlite: { dir: 'sqlite', index: 'migrations.ts', list: 'migrations' },
  postgres: { dir: 'postgres', index: 'migrations-postgres.ts', list: 'postgresMigrations' },
};

/** Writes migrations/<engine>/<stamp>-<Name>.ts and registers the class in src/db/migrations(-postgres).ts. */
export function writeMigration(name: string, stamp: number, source: (className: string) => string, engine: Engine = 'sqlite'): string {
  const className = `${name}${stamp}`;
  const where = REGISTRY[engine];
  fs.mkdirSync(path.join(ROOT, 'migrations', where.dir), { recursive: true });
  const file = path.join(ROOT, 'migrations', where.dir, `${stamp}-${name}.ts`);
  fs.writeFileSync(file, source(className));
  const index = path.join(ROOT, 'src', 'db', where.index);
  let text = fs.readFileSync(index, 'utf8');
  text = `import { ${className} } from '../../migrations/${where.dir}/${stamp}-${name}';\n` + text;
  const list = new RegExp(`export const ${where.list}: Function\\[\\] = \\[([\\s\\S]*?)\\];`);
  if (!list.test(text)) throw new Error(`no "export const ${where.list}: Function[] = [...]" in ${index}`);
  text = text.replace(list, (_m, inner: string) => {
    const items = inner.split(',').map((s) => s.trim()).filter(Boolean);
    items.push(className);
    return `export const ${where.list}: Function[] = [${items.join(', ')}];`;
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
