import fs from 'node:fs';
import path from 'node:path';

/**
 * The search triggers as the committed migrations leave them: for each trigger name, the last
 * CREATE TRIGGER statement of that name in the up() of the migrations, in order, as written in
 * the migration's source (a template literal: backslashes, backticks and `${` escaped). The
 * schema test compares it with the registry's SQL, and `npm run migration:search` writes a
 * migration for the triggers that differ. Tooling only: nothing here runs in the app.
 */
export function latestTriggerDefinitions(migrationsDir: string): Map<string, { sql: string; file: string }> {
  const out = new Map<string, { sql: string; file: string }>();
  for (const file of fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.ts')).sort()) {
    const text = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
    const up = text.slice(text.indexOf('async up('), text.indexOf('async down('));
    for (const m of up.matchAll(/queryRunner\.query\(`(CREATE TRIGGER "([^"]+)"[\s\S]*?)`\);/g)) out.set(m[2], { sql: m[1], file });
  }
  return out;
}

/** SQL as it is written inside a template literal in a migration's source. */
export const asTemplateLiteral = (sql: string) => sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
