import fs from 'node:fs';
import path from 'node:path';
import { CREATE_INDEX_SQL, allTriggerSql, populateSql, triggerNames } from '../../src/search/search-schema';
import { INDEXED_SOURCES } from '../../src/search/indexed-sources';
import { KIND_CODE, SEARCH_KINDS, decodeRowid } from '../../src/search/search-kinds';

/** The hand-written migrations hold the registry's SQL verbatim: the two cannot drift apart. */
const migrationsText = fs
  .readdirSync(path.resolve(__dirname, '../../migrations/sqlite'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.resolve(__dirname, '../../migrations/sqlite', f), 'utf8'))
  .join('\n');
const asWritten = (sql: string) => sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

describe('search index schema', () => {
  it('is created by a migration exactly as the registry describes it', () => {
    expect(migrationsText).toContain(asWritten(CREATE_INDEX_SQL));
    for (const sql of [...allTriggerSql(), ...populateSql()]) expect(migrationsText).toContain(asWritten(sql));
  });

  it('names every trigger once, and drops each one in a down migration', () => {
    const names = triggerNames(allTriggerSql());
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(migrationsText).toContain(`DROP TRIGGER IF EXISTS "${name}"`);
  });

  it('indexes each kind from one table, with stable kind codes that fit the rowid', () => {
    expect(new Set(INDEXED_SOURCES.map((s) => s.kind)).size).toBe(INDEXED_SOURCES.length);
    expect(new Set(Object.values(KIND_CODE)).size).toBe(SEARCH_KINDS.length);
    for (const code of Object.values(KIND_CODE)) expect(code).toBeLessThan(32);
    expect(decodeRowid(123 * 2 ** 32 + KIND_CODE.event * 2 ** 27 + 456)).toEqual({ caseId: 123, kind: 'event', recordId: 456 });
    expect(decodeRowid(KIND_CODE.person * 2 ** 27 + 7)).toEqual({ caseId: 0, kind: 'person', recordId: 7 });
  });

  it("never copies a protected person's names into another record's row", () => {
    for (const source of INDEXED_SOURCES.filter((s) => s.kind !== 'person')) {
      if (source.names.includes('person_name')) expect([source.kind, source.names]).toEqual([source.kind, expect.stringContaining('p.protected_identity = 0')]);
    }
  });
});
