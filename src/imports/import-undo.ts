import { EntityManager } from 'typeorm';
import { ImportBatch, ImportRecord } from './import-batch.entity';
import { auditTypeOf, entityOf } from './import-rows';
import { ImportKind } from './import-fields';
import { Actor, recordAudit } from '../audit/audit.service';
import { CaseParticipant } from '../cases/case-participant.entity';
import { caseIdOf } from './import-kinds';

export interface EditedRecord {
  kind: string;
  id: number;
  label: string;
}

/**
 * Removed last first: what refers before what it refers to (a statement before its proceeding, a
 * response before its complaint, an allegation before its events), then events, people,
 * institutions (sub-units before parents), sources, cases.
 */
const UNDO_ORDER: ImportKind[] = ['statements', 'proceeding_stages', 'proceedings', 'investigation_decisions', 'investigations', 'complaint_responses', 'complaints', 'allegations', 'events', 'people', 'institutions', 'sources', 'cases'];

const LABEL_OF: Record<ImportKind, string> = {
  cases: "SELECT code || ' ' || title AS label FROM case_record WHERE id = ?",
  people: 'SELECT primary_name AS label, protected_identity AS p FROM person WHERE id = ?',
  institutions: 'SELECT name AS label FROM institution WHERE id = ?',
  events: 'SELECT coalesce(title, type) AS label FROM case_event WHERE id = ?',
  allegations: 'SELECT coalesce(summary, status) AS label FROM allegation WHERE id = ?',
  complaints: 'SELECT request AS label FROM complaint WHERE id = ?',
  complaint_responses: 'SELECT outcome AS label FROM complaint_response WHERE id = ?',
  investigations: 'SELECT coalesce(official_number, "trigger") AS label FROM investigation WHERE id = ?',
  investigation_decisions: 'SELECT kind AS label FROM investigation_decision WHERE id = ?',
  proceedings: "SELECT coalesce(title, case_number, '') AS label FROM proceeding WHERE id = ?",
  proceeding_stages: 'SELECT kind AS label FROM proceeding_stage WHERE id = ?',
  statements: 'SELECT kind AS label FROM statement WHERE id = ?',
  sources: 'SELECT name AS label FROM source WHERE id = ?',
};

/**
 * The records this batch created that someone (or a later import) changed after it was
 * committed: an audit entry about the record, or for a case about anything in it, after the
 * batch's own entry; or, for people and institutions, a reference from a record the batch did
 * not create.
 */
export async function editedSince(em: EntityManager, batch: ImportBatch, records: ImportRecord[]): Promise<Set<number>> {
  const edited = new Set<number>();
  const seq = batch.commitAuditSeq ?? 0;
  const mine = new Map<string, Set<number>>();
  for (const r of records) {
    if (!mine.has(r.kind)) mine.set(r.kind, new Set());
    mine.get(r.kind)!.add(r.recordId);
  }
  for (const r of records) {
    const type = auditTypeOf(r.kind);
    const later: { n: number }[] = await em.query(
      `SELECT count(*) AS n FROM audit_entry WHERE seq > ? AND ((record_type = ? AND record_id = ?)${r.kind === 'cases' ? ` OR json_extract(detail, '$.caseId') = ?` : ''})`,
      r.kind === 'cases' ? [seq, type, String(r.recordId), r.recordId] : [seq, type, String(r.recordId)],
    );
    if (Number(later[0].n) > 0) {
      edited.add(r.id);
      continue;
    }
    if (r.kind === 'people') {
      const refs: { n: number }[] = await em.query(
        `SELECT (SELECT count(*) FROM event_person WHERE person_id = ? AND event_id NOT IN (SELECT record_id FROM import_record WHERE batch_id = ? AND kind = 'events' AND created = 1)) + (SELECT count(*) FROM case_participant WHERE person_id = ?) AS n`,
        [r.recordId, batch.id, r.recordId],
      );
      // The participants this batch added for the person are its own: removed with the person.
      const ownParticipants: { n: number }[] = await em.query(
        `SELECT count(*) AS n FROM audit_entry WHERE seq <= ? AND action = 'case.participant_add' AND json_extract(detail, '$.importBatchId') = ? AND json_extract(detail, '$.personId') = ?`,
        [seq, batch.id, r.recordId],
      );
      if (Number(refs[0].n) > Number(ownParticipants[0].n)) edited.add(r.id);
    }
    if (r.kind === 'institutions') {
      const refs: { n: number }[] = await em.query(
        `SELECT (SELECT count(*) FROM event_institution WHERE institution_id = ? AND event_id NOT IN (SELECT record_id FROM import_record WHERE batch_id = ? AND kind = 'events' AND created = 1))
              + (SELECT count(*) FROM institution WHERE parent_id = ? AND id NOT IN (SELECT record_id FROM import_record WHERE batch_id = ? AND kind = 'institutions' AND created = 1)) AS n`,
        [r.recordId, batch.id, r.recordId, batch.id],
      );
      if (Number(refs[0].n) > 0) edited.add(r.id);
    }
  }
  await referredByKept(em, records, edited);
  return edited;
}

/**
 * Where the later kinds refer to a record (people, institutions, and the records under which
 * others are kept: a complaint's responses, an allegation's events): the table and column, the
 * kind owning the row, and the column with that record's id.
 */
const REFERENCES: Partial<Record<ImportKind, [table: string, column: string, owner: ImportKind, ownerId: string][]>> = {
  people: [
    ['allegation', 'victim_person_id', 'allegations', 'id'],
    ['perpetrator', 'person_id', 'allegations', 'allegation_id'],
    ['complaint', 'filed_by_person_id', 'complaints', 'id'],
    ['proceeding_defendant', 'person_id', 'proceedings', 'proceeding_id'],
    ['statement', 'maker_person_id', 'statements', 'id'],
    ['statement_incriminates', 'person_id', 'statements', 'statement_id'],
  ],
  institutions: [
    ['allegation_institution', 'institution_id', 'allegations', 'allegation_id'],
    ['perpetrator', 'institution_id', 'allegations', 'allegation_id'],
    ['complaint', 'to_institution_id', 'complaints', 'id'],
    ['complaint_response', 'responding_institution_id', 'complaint_responses', 'id'],
    ['investigation', 'institution_id', 'investigations', 'id'],
    ['investigation_decision', 'institution_id', 'investigation_decisions', 'id'],
    ['investigation_decision', 'transferred_to_id', 'investigation_decisions', 'id'],
    ['proceeding', 'court_institution_id', 'proceedings', 'id'],
    ['proceeding_stage', 'court_institution_id', 'proceeding_stages', 'id'],
    ['statement', 'before_institution_id', 'statements', 'id'],
  ],
  events: [['allegation_event', 'event_id', 'allegations', 'allegation_id']],
  allegations: [['statement', 'allegation_id', 'statements', 'id']],
  complaints: [
    ['complaint_response', 'complaint_id', 'complaint_responses', 'id'],
    ['investigation', 'trigger_complaint_id', 'investigations', 'id'],
  ],
  investigations: [['investigation_decision', 'investigation_id', 'investigation_decisions', 'id']],
  proceedings: [
    ['proceeding_stage', 'proceeding_id', 'proceeding_stages', 'id'],
    ['statement', 'proceeding_id', 'statements', 'id'],
  ],
};

/**
 * A record the batch created that a record staying behind refers to (one the batch did not
 * create, or one kept because it was edited) is kept too, as edited: removing it would take the
 * other's link (or, for a complaint, its responses) with it. Kept records keep others in turn.
 */
async function referredByKept(em: EntityManager, records: ImportRecord[], edited: Set<number>): Promise<void> {
  const removable = (kind: ImportKind) => JSON.stringify(records.filter((r) => r.kind === kind && !edited.has(r.id)).map((r) => r.recordId));
  for (let changed = true, round = 0; changed && round < 10; round++) {
    changed = false;
    for (const r of records) {
      if (edited.has(r.id)) continue;
      for (const [table, column, owner, ownerId] of REFERENCES[r.kind] ?? []) {
        const refs: { n: number }[] = await em.query(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ? AND ${ownerId} NOT IN (SELECT value FROM json_each(?))`, [r.recordId, removable(owner)]);
        if (Number(refs[0].n) > 0) {
          edited.add(r.id);
          changed = true;
          break;
        }
      }
    }
  }
}

export async function labelsOf(em: EntityManager, records: ImportRecord[]): Promise<EditedRecord[]> {
  const out: EditedRecord[] = [];
  for (const r of records) {
    const row = (await em.query(LABEL_OF[r.kind], [r.recordId]))[0];
    out.push({ kind: r.kind, id: r.recordId, label: row ? String(row.label) : '' });
  }
  return out;
}

/** Removes the given created records (already known unedited), writing a delete entry for each. */
export async function removeRecords(em: EntityManager, actor: Actor, batch: ImportBatch, records: ImportRecord[]): Promise<number> {
  let removed = 0;
  const byKind = (kind: ImportKind) => records.filter((r) => r.kind === kind);
  for (const kind of UNDO_ORDER) {
    let list = byKind(kind);
    if (kind === 'institutions') list = await subUnitsFirst(em, list);
    for (const r of list) {
      const detail = { importBatchId: batch.id, importFile: batch.fileName, undo: true };
      if (kind === 'people') {
        const participants = await em.findBy(CaseParticipant, { personId: r.recordId });
        await em.delete(CaseParticipant, { personId: r.recordId });
        for (const p of participants) await recordAudit(em, actor, { action: 'case.participant_remove', recordType: 'case', recordId: p.caseId, fields: ['participants'], detail: { caseId: p.caseId, ...detail } });
      }
      let caseId: number | null = null;
      if (kind !== 'cases') caseId = await caseIdOf(em, kind, r.recordId);
      await em.delete(entityOf(kind), { id: r.recordId });
      await em.delete(ImportRecord, { id: r.id });
      await recordAudit(em, actor, { action: `${auditTypeOf(kind)}.delete`, recordType: auditTypeOf(kind), recordId: r.recordId, fields: [], detail: { ...(caseId ? { caseId } : {}), ...detail } });
      removed++;
    }
  }
  return removed;
}

/**
 * The case links the batch added to people it matched (not created): removed, with the entry
 * removeParticipant writes. Links of people it created go with them.
 */
export async function removeMatchedLinks(em: EntityManager, actor: Actor, batch: ImportBatch): Promise<number> {
  const added: { caseId: number; personId: number; role: string | null }[] = await em.query(
    `SELECT json_extract(detail, '$.caseId') AS "caseId", json_extract(detail, '$.personId') AS "personId", json_extract(detail, '$.role') AS role FROM audit_entry
      WHERE seq <= ? AND action = 'case.participant_add' AND json_extract(detail, '$.importBatchId') = ?
        AND json_extract(detail, '$.personId') NOT IN (SELECT record_id FROM import_record WHERE batch_id = ? AND kind = 'people' AND created = 1)`,
    [batch.commitAuditSeq ?? 0, batch.id, batch.id],
  );
  let removed = 0;
  for (const a of added) {
    if (!a.role) continue;
    const result = await em.delete(CaseParticipant, { caseId: Number(a.caseId), personId: Number(a.personId), role: a.role });
    if (!result.affected) continue;
    await recordAudit(em, actor, { action: 'case.participant_remove', recordType: 'case', recordId: Number(a.caseId), fields: ['participants'], detail: { caseId: Number(a.caseId), importBatchId: batch.id, importFile: batch.fileName, undo: true } });
    removed++;
  }
  return removed;
}

/** Institutions deepest first, so that no parent is removed before its sub-units. */
async function subUnitsFirst(em: EntityManager, list: ImportRecord[]): Promise<ImportRecord[]> {
  const depth = new Map<number, number>();
  for (const r of list) {
    let d = 0;
    let id: number | null = r.recordId;
    const seen = new Set<number>();
    while (id !== null && !seen.has(id) && d < 100) {
      seen.add(id);
      const row: { parent: number | null } | undefined = (await em.query('SELECT parent_id AS parent FROM institution WHERE id = ?', [id]))[0];
      id = row?.parent ?? null;
      if (id !== null) d++;
    }
    depth.set(r.id, d);
  }
  return [...list].sort((a, b) => depth.get(b.id)! - depth.get(a.id)!);
}
