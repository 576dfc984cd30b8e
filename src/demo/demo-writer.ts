import type { Database, Statement } from 'better-sqlite3';
import { latinize, matchKey } from '../people/transliterate';
import { PartialDateValue } from '../db/partial-date';

type Row = Record<string, unknown>;

/**
 * Prepared INSERTs for every table the demo fills, straight on the better-sqlite3 connection:
 * one statement per table, reused for every row, inside the caller's big transactions.
 */
export class DemoWriter {
  private readonly statements = new Map<string, Statement>();
  readonly counts = new Map<string, number>();

  constructor(private readonly db: Database) {}

  insert(table: string, row: Row): number {
    const columns = Object.keys(row);
    const key = `${table}(${columns.join(',')})`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      stmt = this.db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      this.statements.set(key, stmt);
    }
    const info = stmt.run(row);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    return Number(info.lastInsertRowid);
  }

  /** The three columns of a partial date named `prefix`. */
  static date(prefix: string, d: PartialDateValue | null): Row {
    return { [`${prefix}_precision`]: d?.precision ?? null, [`${prefix}_start`]: d?.start ?? null, [`${prefix}_end`]: d?.end ?? null };
  }

  personName(personId: number, name: string, kind: string, script: string, language: string | null): void {
    this.insert('person_name', { person_id: personId, name, kind, script, language, name_latin: latinize(name), match_key: matchKey(name) });
  }
}
