import fs from 'node:fs';
import path from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { TestApp, startTestApp } from '../support/app';
import { entities } from '../../src/db/entities';
import { DERIVED_TABLES, NOT_EXPORTED, TRANSFER_TABLES, columnNames } from '../../src/transfer/transfer-schema';
import { PARTIAL_SCOPE } from '../../src/transfer/transfer-selection';
import { fullExportDoc } from '../../src/transfer/transfer-docs';
import { rawDb } from '../../src/search/sqlite';

/**
 * The full export's schema module against the database as the migrations make it: every entity
 * exported or said not to be, every column listed with its kind, parents restored before
 * children, a rule for partial exports per table, and docs/full-export.md generated from it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const tableOf = (entity: Function) => getMetadataArgsStorage().tables.find((tb) => tb.target === entity)?.name;

describe('the full export schema', () => {
  it('lists every entity in entities.ts, or names it as not exported', () => {
    const listed = new Set([...TRANSFER_TABLES.map((tb) => tb.table), ...Object.keys(NOT_EXPORTED)]);
    const missing = entities.map((e) => tableOf(e) ?? e.name).filter((name) => !listed.has(name));
    expect(missing).toEqual([]);
    // Nothing is both, and every table is listed once.
    expect(TRANSFER_TABLES.filter((tb) => tb.table in NOT_EXPORTED)).toEqual([]);
    expect(new Set(TRANSFER_TABLES.map((tb) => tb.table)).size).toBe(TRANSFER_TABLES.length);
    expect(new Set(TRANSFER_TABLES.map((tb) => tb.file)).size).toBe(TRANSFER_TABLES.length);
  });

  it('accounts for every table of a migrated database', () => {
    const db = rawDb(t.ds);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const known = new Set<string>([...TRANSFER_TABLES.map((tb) => tb.table), ...Object.keys(NOT_EXPORTED), ...DERIVED_TABLES]);
    expect(tables.filter((name) => !known.has(name))).toEqual([]);
  });

  it('has exactly the columns of each table, with their types and nullability', () => {
    const db = rawDb(t.ds);
    const kind = (type: string) => {
      const ty = type.toLowerCase();
      if (ty === 'integer' || ty === 'bigint') return 'integer';
      if (ty === 'boolean' || ty === 'datetime') return ty;
      if (ty === 'real' || ty === 'double precision') return 'real';
      return ty === 'text' || ty.startsWith('varchar') ? 'text' : `unknown ${ty}`;
    };
    for (const tb of TRANSFER_TABLES) {
      const actual = db.prepare('SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)').all(tb.table) as { name: string; type: string; nn: number; pk: number }[];
      const described = Object.fromEntries(actual.map((c) => [c.name, `${kind(c.type)}${c.nn || c.pk ? '' : '?'}`]));
      expect({ table: tb.table, columns: described }).toEqual({ table: tb.table, columns: tb.columns });
    }
  });

  it('restores every table after the tables its foreign keys point to', () => {
    const db = rawDb(t.ds);
    const position = new Map(TRANSFER_TABLES.map((tb, i) => [tb.table, i]));
    const late: string[] = [];
    for (const tb of TRANSFER_TABLES) {
      for (const fk of db.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').all(tb.table) as { parent: string }[]) {
        if (fk.parent !== tb.table && (position.get(fk.parent) ?? Infinity) > position.get(tb.table)!) late.push(`${tb.table} -> ${fk.parent}`);
      }
    }
    expect(late).toEqual([]);
  });

  it('says for every table what a partial export takes of it, in SQL that runs', () => {
    const db = rawDb(t.ds);
    expect(TRANSFER_TABLES.filter((tb) => PARTIAL_SCOPE[tb.table] === undefined).map((tb) => tb.table)).toEqual([]);
    for (const tb of TRANSFER_TABLES) {
      const scope = PARTIAL_SCOPE[tb.table];
      const sql = `SELECT ${columnNames(tb).map((c) => `r."${c}"`).join(', ')} FROM "${tb.table}" r ${scope ? `WHERE ${scope}` : ''}`;
      expect(() => db.prepare(sql).all(scope ? { cases: '[1]' } : {})).not.toThrow();
    }
  });

  it('is what docs/full-export.md documents (regenerate with npm run docs:transfer)', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/full-export.md'), 'utf8');
    expect(doc).toBe(fullExportDoc());
    for (const tb of TRANSFER_TABLES) {
      expect(doc).toContain(`\`${tb.file}\``);
      for (const c of columnNames(tb)) expect(doc).toContain(`| \`${c}\` |`);
    }
  });
});
