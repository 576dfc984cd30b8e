import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from '../../src/db/naming';
import { User } from '../../src/users/user.entity';
import { VocabTerm } from '../../src/vocab/vocab-term.entity';
import { Person } from '../../src/people/person.entity';
import { PersonName } from '../../src/people/person-name.entity';
import { PersonProfile } from '../../src/people/person-profile.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { InstitutionAlias } from '../../src/institutions/institution-alias.entity';
import { CaseRecord } from '../../src/cases/case.entity';
import { CaseParticipant } from '../../src/cases/case-participant.entity';
import { CaseLink } from '../../src/cases/case-link.entity';
import { CaseMember } from '../../src/cases/case-member.entity';
import { CaseTag } from '../../src/cases/case-tag.entity';
import { CaseEvent } from '../../src/events/event.entity';
import { EventInstitution } from '../../src/events/event-institution.entity';
import { EventPerson } from '../../src/events/event-person.entity';
import { EventLink } from '../../src/events/event-link.entity';
import { Allegation } from '../../src/allegations/allegation.entity';
import { AllegationEvent } from '../../src/allegations/allegation-event.entity';
import { AllegationMethod } from '../../src/allegations/allegation-method.entity';
import { AllegationPurpose } from '../../src/allegations/allegation-purpose.entity';
import { AllegationInstitution } from '../../src/allegations/allegation-institution.entity';
import { Perpetrator } from '../../src/allegations/perpetrator.entity';
import { Statement } from '../../src/statements/statement.entity';
import { StatementCondition } from '../../src/statements/statement-condition.entity';
import { StatementIncrimination } from '../../src/statements/statement-incriminates.entity';
import { Complaint } from '../../src/complaints/complaint.entity';
import { ComplaintResponse } from '../../src/complaints/complaint-response.entity';
import { Proceeding } from '../../src/proceedings/proceeding.entity';
import { ProceedingDefendant } from '../../src/proceedings/proceeding-defendant.entity';
import { ProceedingStage } from '../../src/proceedings/proceeding-stage.entity';
import { ProceedingCharge } from '../../src/proceedings/proceeding-charge.entity';
import { StageVerdict } from '../../src/proceedings/stage-verdict.entity';
import { PersonDeath } from '../../src/people/person-death.entity';
import { Source } from '../../src/sources/source.entity';
import { Citation } from '../../src/sources/citation.entity';
import { Investigation } from '../../src/investigations/investigation.entity';
import { InvestigationDecision } from '../../src/investigations/investigation-decision.entity';
import { EvidenceItem } from '../../src/evidence/evidence-item.entity';
import { VOCABULARIES } from '../../src/vocab/vocab-term.entity';
import { StatementRetraction } from '../../src/statements/statement-retraction.entity';
import { MedicalEvaluation } from '../../src/evidence/medical-evaluation.entity';
import { VOCAB_SEED, vocabSeedRows } from '../../src/vocab/vocab.seed';
import { VOCAB_COLUMNS } from '../../src/vocab/vocab-usage';
import { VOCAB_CODE_PATTERN } from '../../src/vocab/vocab-term.entity';

const caseRecordEntities = [
  VocabTerm, Person, PersonName, PersonProfile, Institution, InstitutionAlias, CaseRecord, CaseParticipant,
  CaseLink, CaseMember, CaseTag, CaseEvent, EventInstitution, EventPerson, EventLink, Allegation,
  AllegationEvent, AllegationMethod, AllegationPurpose, AllegationInstitution, Perpetrator, Statement,
  StatementCondition, StatementIncrimination, Complaint, ComplaintResponse, Proceeding, ProceedingDefendant,
  ProceedingStage, ProceedingCharge, StageVerdict, PersonDeath, Source, Citation, StatementRetraction, MedicalEvaluation,
  // a complaint's response may report an investigation decision, whose document is an evidence item
  Investigation, InvestigationDecision, EvidenceItem,
];

/**
 * The case-record tables built from the DDL that the migration generator would emit (schema
 * builder log, not synchronize), then probed: the database itself must refuse broken rows.
 */
describe('case record schema', () => {
  let ds: DataSource;
  const run = (sql: string, params: unknown[] = []) => ds.query(sql, params);
  const insert = async (sql: string, params: unknown[] = []): Promise<number> => {
    await run(sql, params);
    const [{ id }] = await run('SELECT last_insert_rowid() AS id');
    return id;
  };

  beforeAll(async () => {
    ds = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [User, ...caseRecordEntities],
      namingStrategy: new SnakeNamingStrategy(),
      prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
        db.pragma('foreign_keys = ON');
      },
    });
    await ds.initialize();
    const log = await ds.driver.createSchemaBuilder().log();
    for (const q of log.upQueries) await run(q.query, q.parameters ?? []);
  });
  afterAll(async () => ds?.destroy());

  it('creates snake_case tables and partial-date columns', async () => {
    const tables = (await run(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((r: { name: string }) => r.name);
    for (const t of ['case_record', 'case_event', 'event_link', 'person_name', 'statement_incriminates', 'citation', 'vocab_term']) {
      expect(tables).toContain(t);
    }
    const columns = (table: string) => run(`PRAGMA table_info(${table})`).then((rows: { name: string }[]) => rows.map((r) => r.name));
    expect(await columns('case_event')).toEqual(expect.arrayContaining(['case_id', 'date_precision', 'date_start', 'date_end', 'created_by_id']));
    expect(await columns('statement')).toEqual(
      expect.arrayContaining(['court_status', 'proceeding_id']),
    );
    expect(await columns('person')).toEqual(expect.arrayContaining(['birth_precision', 'birth_start', 'birth_end', 'protected_identity']));
  });

  it('every vocabulary column names a seeded vocabulary and an existing column', async () => {
    for (const { table, column, vocabulary } of VOCAB_COLUMNS) {
      const cols = (await run(`PRAGMA table_info(${table})`)).map((r: { name: string }) => r.name);
      expect(cols).toContain(column);
      expect(VOCABULARIES).toContain(vocabulary);
    }
  });

  it('seeds every vocabulary with unique snake_case codes and English labels', async () => {
    for (const v of VOCABULARIES) expect(VOCAB_SEED[v].length).toBeGreaterThan(0);
    const rows = vocabSeedRows();
    for (const row of rows) {
      expect(row.code).toMatch(VOCAB_CODE_PATTERN);
      expect(row.labelEn.trim()).not.toBe('');
    }
    await ds.getRepository(VocabTerm).insert(rows);
    const [{ n }] = await run('SELECT count(*) AS n FROM vocab_term');
    expect(n).toBe(rows.length);
    await expect(run(`INSERT INTO vocab_term (vocabulary, code, label_en) VALUES ('case_status', 'open', 'Again')`)).rejects.toThrow(/UNIQUE/);
  });

  describe('constraints', () => {
    let caseId: number;
    let personId: number;

    beforeAll(async () => {
      caseId = await insert(`INSERT INTO case_record (code, title, status) VALUES ('RU-2005-0001', 'Kudaev', 'open')`);
      personId = await insert(`INSERT INTO person (primary_name) VALUES ('Rasul Kudaev')`);
    });

    it('keeps case codes unique', async () => {
      await expect(run(`INSERT INTO case_record (code, title, status) VALUES ('RU-2005-0001', 'x', 'open')`)).rejects.toThrow(/UNIQUE/);
    });

    it('requires a count and its precision together', async () => {
      await expect(run(`INSERT INTO case_record (code, title, status, group_count) VALUES ('RU-2019-0001', 'Argun', 'open', 40)`)).rejects.toThrow(
        /CHECK/,
      );
      await expect(
        run(`INSERT INTO case_record (code, title, status, group_count, group_count_precision) VALUES ('RU-2019-0002', 'Argun', 'open', 40, 'roughly')`),
      ).rejects.toThrow(/CHECK/);
      await insert(
        `INSERT INTO case_record (code, title, status, group_count, group_count_precision, group_death_count, group_death_count_precision)
         VALUES ('RU-2019-0003', 'Argun', 'open', 40, 'approximately', 2, 'at_least')`,
      );
    });

    it('refuses an event without a coherent date', async () => {
      const ok = `INSERT INTO case_event (case_id, type, date_precision, date_start, date_end) VALUES (?, 'arrest', ?, ?, ?)`;
      await insert(ok, [caseId, 'day', '2005-10-23', '2005-10-23']);
      await expect(run(ok, [caseId, null, null, null])).rejects.toThrow(/CHECK/);
      await expect(run(ok, [caseId, 'range', '2005-10-23', '2005-10-01'])).rejects.toThrow(/CHECK/);
      await expect(run(ok, [caseId, 'sometime', '2005-10-23', '2005-10-23'])).rejects.toThrow(/CHECK/);
    });

    it('allows an optional partial date to be wholly absent, never half present', async () => {
      await insert(`INSERT INTO person (primary_name) VALUES ('No birth date')`);
      await expect(run(`INSERT INTO person (primary_name, birth_precision) VALUES ('Half', 'year')`)).rejects.toThrow(/CHECK/);
      await expect(run(`INSERT INTO person (primary_name, birth_start, birth_end) VALUES ('No precision', '1978-01-01', '1978-12-31')`)).rejects.toThrow(
        /CHECK/,
      );
    });

    it('allows one primary name per person and unique spellings', async () => {
      const name = `INSERT INTO person_name (person_id, name, kind, name_latin, match_key) VALUES (?, ?, ?, 'x', 'x')`;
      await insert(name, [personId, 'Rasul Kudaev', 'primary']);
      await insert(name, [personId, 'Расул Кудаев', 'spelling']);
      await insert(name, [personId, 'Rasul Kudayev', 'spelling']);
      await expect(run(name, [personId, 'Another Primary', 'primary'])).rejects.toThrow(/UNIQUE/);
      await expect(run(name, [personId, 'Rasul Kudayev', 'alias'])).rejects.toThrow(/UNIQUE/);
      await expect(run(name, [personId, 'Nick', 'nickname'])).rejects.toThrow(/CHECK/);
    });

    it('refuses deleting a person still named in a case, and cascades case children', async () => {
      const otherCase = await insert(`INSERT INTO case_record (code, title, status) VALUES ('RU-2005-0002', 'Co-defendant', 'open')`);
      await insert(`INSERT INTO case_participant (case_id, person_id, role) VALUES (?, ?, 'victim')`, [otherCase, personId]);
      await expect(run(`DELETE FROM person WHERE id = ?`, [personId])).rejects.toThrow(/FOREIGN KEY/);
      await run(`DELETE FROM case_record WHERE id = ?`, [otherCase]);
      const [{ n }] = await run(`SELECT count(*) AS n FROM case_participant WHERE case_id = ?`, [otherCase]);
      expect(n).toBe(0);
    });

    it('stores a case link once, lower id first', async () => {
      const other = await insert(`INSERT INTO case_record (code, title, status) VALUES ('RU-2005-0003', 'Linked', 'open')`);
      await insert(`INSERT INTO case_link (from_case_id, to_case_id, kind) VALUES (?, ?, 'co_defendants')`, [caseId, other]);
      await expect(run(`INSERT INTO case_link (from_case_id, to_case_id, kind) VALUES (?, ?, 'co_defendants')`, [other, caseId])).rejects.toThrow(
        /CHECK/,
      );
      await expect(run(`INSERT INTO case_link (from_case_id, to_case_id, kind) VALUES (?, ?, 'related')`, [caseId, caseId])).rejects.toThrow(/CHECK/);
    });

    it('requires a perpetrator to be identified somehow', async () => {
      const allegationId = await insert(`INSERT INTO allegation (case_id, status) VALUES (?, 'alleged')`, [caseId]);
      const p = `INSERT INTO perpetrator (allegation_id, institution_id, person_id, description, involvement, attribution) VALUES (?, ?, ?, ?, 'carried_out', 'claimed_by_perpetrator')`;
      await expect(run(p, [allegationId, null, null, null])).rejects.toThrow(/CHECK/);
      await insert(p, [allegationId, null, null, 'men claiming to be from the security services']);
    });

    it('names a proceeding only for a statement before a court, and keeps retraction steps to their kinds', async () => {
      const s = `INSERT INTO statement (case_id, maker_description, kind, court_status) VALUES (?, 'other detainees', 'confession', ?)`;
      const statementId = await insert(s, [caseId, 'submitted']);
      await expect(run(s, [caseId, 'considered'])).rejects.toThrow(/CHECK/);
      await expect(run(`INSERT INTO statement (case_id, kind) VALUES (?, 'confession')`, [caseId])).rejects.toThrow(/CHECK/);
      const r = `INSERT INTO statement_retraction (case_id, statement_id, kind, pressure_alleged) VALUES (?, ?, ?, ?)`;
      await insert(r, [caseId, statementId, 'reaffirmation', 'yes']);
      await expect(run(r, [caseId, statementId, 'recantation', 'unknown'])).rejects.toThrow(/CHECK/);
      await expect(run(r, [caseId, statementId, 'retraction', 'maybe'])).rejects.toThrow(/CHECK/);
    });

    it('refuses an institution that is its own parent or has half a position', async () => {
      const id = await insert(`INSERT INTO institution (name, name_latin, match_key, type) VALUES ('IK-1', 'ik-1', '1 ik', 'penal_colony')`);
      await expect(run(`UPDATE institution SET parent_id = id WHERE id = ?`, [id])).rejects.toThrow(/CHECK/);
      await expect(run(`UPDATE institution SET latitude = 57.6 WHERE id = ?`, [id])).rejects.toThrow(/CHECK/);
      await run(`UPDATE institution SET latitude = 57.6, longitude = 39.9 WHERE id = ?`, [id]);
    });

    it('limits citations to known record types', async () => {
      const sourceId = await insert(`INSERT INTO source (kind, name, reliability, relation) VALUES ('organisation', 'HRW', 'usually_reliable', 'ngo')`);
      await insert(`INSERT INTO citation (source_id, record_type, record_id, case_id) VALUES (?, 'case_record', ?, ?)`, [sourceId, caseId, caseId]);
      await expect(run(`INSERT INTO citation (source_id, record_type, record_id) VALUES (?, 'evidence_blob', 1)`, [sourceId])).rejects.toThrow(/CHECK/);
    });

    it('round-trips entities with embedded partial dates through TypeORM', async () => {
      const repo = ds.getRepository(CaseEvent);
      const saved = await repo.save(
        repo.create({ caseId, type: 'torture_ill_treatment', date: { precision: 'range', start: '2005-10-23', end: '2005-10-30' }, place: 'Nalchik' }),
      );
      const loaded = await repo.findOneByOrFail({ id: saved.id });
      expect(loaded.date).toEqual({ precision: 'range', start: '2005-10-23', end: '2005-10-30' });
      const person = await ds.getRepository(Person).findOneByOrFail({ id: personId });
      expect(person.protectedIdentity).toBe(false);
      expect(person.gender).toBe('unknown');
    });
  });
});
