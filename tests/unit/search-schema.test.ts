import fs from 'node:fs';
import path from 'node:path';
import { CREATE_INDEX_SQL, allTriggerSql, populateSql, triggerNames } from '../../src/search/search-schema';
import { INDEXED_SOURCES, sourceOf } from '../../src/search/indexed-sources';
import { EVIDENCE_CODES, KIND_BY_CODE, KIND_CODE, KIND_CODE_LIMIT, PROTECTED_PERSON_CODE, RESTRICTED_BIT, SEARCH_KINDS, codesOf, decodeRowid, protectedPersonRange, rowidBetween } from '../../src/search/search-kinds';
import { hiddenEvidenceCodes } from '../../src/search/evidence-visibility';
import { asTemplateLiteral, latestTriggerDefinitions } from '../../src/search/trigger-history';
import { PERSON_LINKS, POPULATE_PROTECTED_LINKS_SQL, PROTECTED_LINKS_TABLE_SQL, protectedLinkTriggerSql } from '../../src/search/protected-links';

/** The hand-written migrations hold the registry's SQL verbatim: the two cannot drift apart. */
const migrationsText = fs
  .readdirSync(path.resolve(__dirname, '../../migrations/sqlite'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.resolve(__dirname, '../../migrations/sqlite', f), 'utf8'))
  .join('\n');
const migrationText = (suffix: string) => {
  const file = fs.readdirSync(path.resolve(__dirname, '../../migrations/sqlite')).find((f) => f.endsWith(`-${suffix}.ts`))!;
  return fs.readFileSync(path.resolve(__dirname, '../../migrations/sqlite', file), 'utf8');
};
const asWritten = asTemplateLiteral;

describe('search index schema', () => {
  it('is created by the migrations exactly as the registry describes it: the last definition of each trigger is the registry\'s', () => {
    expect(migrationsText).toContain(asWritten(CREATE_INDEX_SQL));
    const latest = latestTriggerDefinitions(path.resolve(__dirname, '../../migrations/sqlite'));
    for (const sql of [...allTriggerSql(), ...protectedLinkTriggerSql()]) {
      const name = triggerNames([sql])[0];
      expect([name, latest.get(name)?.sql]).toEqual([name, asWritten(sql)]);
    }
  });

  it('names every trigger once, and drops each one in a down migration', () => {
    const names = triggerNames(allTriggerSql());
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(migrationsText).toContain(`DROP TRIGGER IF EXISTS "${name}"`);
  });

  it('indexes each kind from one table, with stable kind codes that fit the rowid below the restricted bit', () => {
    expect(new Set(INDEXED_SOURCES.map((s) => s.kind)).size).toBe(INDEXED_SOURCES.length);
    expect(new Set(Object.values(KIND_CODE)).size).toBe(SEARCH_KINDS.length);
    for (const code of KIND_BY_CODE.keys()) expect(code).toBeLessThan(KIND_CODE_LIMIT);
    expect(2 ** 27 * KIND_CODE_LIMIT).toBe(RESTRICTED_BIT);
    expect(decodeRowid(123 * 2 ** 32 + KIND_CODE.event * 2 ** 27 + 456)).toEqual({ caseId: 123, kind: 'event', recordId: 456, restricted: false });
    expect(decodeRowid(123 * 2 ** 32 + RESTRICTED_BIT + KIND_CODE.event * 2 ** 27 + 456)).toEqual({ caseId: 123, kind: 'event', recordId: 456, restricted: true });
    expect(decodeRowid(KIND_CODE.person * 2 ** 27 + 7)).toEqual({ caseId: 0, kind: 'person', recordId: 7, restricted: false });
  });

  it('puts the case\'s restricted flag into the rowid of every row filed under a case, and moves the rows when it changes', () => {
    for (const source of INDEXED_SOURCES) {
      const sql = populateSql([source])[0];
      if (source.caseId === null) expect([source.kind, sql]).toEqual([source.kind, expect.not.stringContaining('2147483648')]);
      else expect([source.kind, sql]).toEqual([source.kind, expect.stringMatching(/(r\.restricted|c\.restricted FROM case_record c WHERE c\.id = r\.case_id\), 1\)) \* 2147483648/)]);
    }
    expect(sourceOf('case')!.updateOf).toContain('restricted');
    const moving = allTriggerSql().filter((sql) => sql.includes('AFTER UPDATE OF "restricted" ON "case_record"'));
    expect(triggerNames(moving)).toEqual(['search_case_case_record_restricted']);
    const text = migrationText('SearchRestrictedRows');
    expect(text.slice(text.indexOf('async up('), text.indexOf('async down('))).toContain('SET rowid = rowid + 2147483648');
    expect(text.slice(text.indexOf('async down('))).toContain('SET rowid = rowid - 2147483648');
  });

  it('writes rowid ranges into the SQL as integers (bound numbers are REAL, and FTS5 would not seek), refusing anything else', () => {
    expect(rowidBetween(...protectedPersonRange())).toBe(`search_index.rowid BETWEEN ${PROTECTED_PERSON_CODE * 2 ** 27} AND ${(PROTECTED_PERSON_CODE + 1) * 2 ** 27 - 1}`);
    for (const bad of [1.5, Number.NaN, 2 ** 60, Number.POSITIVE_INFINITY]) expect(() => rowidBetween(0, bad)).toThrow(/integers/);
  });

  it("never copies a protected person's names into another record's row", () => {
    for (const source of INDEXED_SOURCES.filter((s) => s.kind !== 'person')) {
      if (source.names.includes('person_name')) expect([source.kind, source.names]).toEqual([source.kind, expect.stringContaining('p.protected_identity = 0')]);
    }
  });

  describe('evidence', () => {
    const evidence = sourceOf('evidence')!;
    const up = (text: string) => text.slice(text.indexOf('async up('), text.indexOf('async down('));
    const down = (text: string) => text.slice(text.indexOf('async down('));

    it('is indexed by its own migration (SearchEvidence), which creates its triggers and rows and undoes them', () => {
      const text = migrationText('SearchEvidence');
      // The triggers that index evidence (the id limits came later, with SearchIdLimits).
      for (const name of triggerNames(allTriggerSql([evidence])).filter((n) => !n.includes('_id_limit_'))) {
        expect(up(text)).toContain(`CREATE TRIGGER "${name}"`);
        expect(down(text)).toContain(`DROP TRIGGER IF EXISTS "${name}"`);
      }
      expect(up(text)).toContain('FROM "evidence_item" r`);');
      expect(up(text)).toContain(`FROM "evidence_item" r WHERE (r.confidentiality = 'sensitive')\`);`);
      expect(down(text)).toContain(`IN (${[...codesOf('evidence')].sort((a, b) => a - b).join(', ')})`);
      // The earlier Search migration is left as it was: no evidence there.
      expect(migrationText('Search')).not.toContain('evidence_item');
    });

    it('has a kind code per confidentiality level, all decoding to evidence, none shared with another kind', () => {
      const codes = Object.values(EVIDENCE_CODES);
      expect(codesOf('evidence').sort()).toEqual([...codes].sort());
      expect(EVIDENCE_CODES.normal).toBe(KIND_CODE.evidence);
      const others = [...Object.values(KIND_CODE).filter((c) => c !== KIND_CODE.evidence), PROTECTED_PERSON_CODE];
      for (const code of codes) {
        expect(code).toBeLessThan(KIND_CODE_LIMIT);
        expect(others).not.toContain(code);
        expect(decodeRowid(5 * 2 ** 32 + code * 2 ** 27 + 9)).toEqual({ caseId: 5, kind: 'evidence', recordId: 9, restricted: false });
      }
    });

    it("keeps files' extracted text out of the redacted row of a sensitive item", () => {
      expect(evidence.body).toContain('extracted_text');
      expect(evidence.redacted!.body).not.toContain('extracted_text');
      expect(evidence.redacted!.when).toContain(`'sensitive'`);
    });

    it('lets each role match exactly the evidence rows evidence.policy allows, never the same item twice', () => {
      const user = (role: string) => ({ id: 1, email: 'x@example.org', name: 'X', role }) as Parameters<typeof hiddenEvidenceCodes>[0];
      const { normal, sensitive, privileged, sensitiveWithoutFiles } = EVIDENCE_CODES;
      for (const role of ['admin', 'lawyer']) expect([role, hiddenEvidenceCodes(user(role))]).toEqual([role, [sensitiveWithoutFiles]]);
      expect(hiddenEvidenceCodes(user('researcher'))).toEqual([privileged, sensitiveWithoutFiles]);
      for (const role of ['analyst', 'viewer']) expect([role, hiddenEvidenceCodes(user(role))]).toEqual([role, [sensitive, privileged]]);
      expect(hiddenEvidenceCodes(user('nobody')).sort()).toEqual([normal, sensitive, privileged, sensitiveWithoutFiles].sort());
    });
  });

  describe("protected people's cases", () => {
    it('are kept by their own migration (ProtectedPersonCases), which holds the registry SQL and undoes it', () => {
      const text = migrationText('ProtectedPersonCases');
      const up = text.slice(text.indexOf('async up('), text.indexOf('async down('));
      const down = text.slice(text.indexOf('async down('));
      for (const sql of [...PROTECTED_LINKS_TABLE_SQL, ...protectedLinkTriggerSql(), POPULATE_PROTECTED_LINKS_SQL]) expect(up).toContain(asWritten(sql));
      const names = triggerNames(protectedLinkTriggerSql());
      expect(new Set([...names, ...triggerNames(allTriggerSql())]).size).toBe(names.length + allTriggerSql().length);
      for (const name of names) {
        expect(name.startsWith('search_')).toBe(true); // dropped and recreated with the index's own (search-index.ts)
        expect(down).toContain(`DROP TRIGGER IF EXISTS "${name}"`);
      }
      expect(down).toContain('DROP TABLE "protected_person_case"');
      expect(down).toContain('DROP VIEW "person_case_link"');
    });

    it('are refreshed on every write to each linking table, and on moves and deletes of their parents', () => {
      const names = triggerNames(protectedLinkTriggerSql());
      for (const l of PERSON_LINKS) for (const suffix of ['ai', 'au', 'ad']) expect(names).toContain(`search_ppc_${l.table}_${suffix}`);
      for (const parent of new Set(PERSON_LINKS.flatMap((l) => (l.parent ? [l.parent.table] : [])))) {
        expect(names).toEqual(expect.arrayContaining([`search_ppc_${parent}_case_au`, `search_ppc_${parent}_case_ad`]));
      }
      expect(names).toEqual(expect.arrayContaining(['search_ppc_case_record_ad', 'search_ppc_person_au', 'search_ppc_person_ad']));
    });
  });
});
