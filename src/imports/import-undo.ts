import { EntityManager } from 'typeorm';
import { ImportBatch, ImportRecord } from './import-batch.entity';
import { auditTypeOf, entityOf } from './import-rows';
import { ImportKind } from './import-fields';
import { Actor, recordAudit } from '../audit/audit.service';
import { CaseParticipant } from '../cases/case-participant.entity';

export interface EditedRecord {
  kind: string;
  id: number;
  label: string;
}

/** Removed last first: events, then people, institutions (sub-units before parents), cases. */
const UNDO_ORDER: ImportKind[] = ['events', 'people', 'institutions', 'cases'];

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
  return edited;
}

export async function labelsOf(em: EntityManager, records: ImportRecord[]): Promise<EditedRecord[]> {
  const out: EditedRecord[] = [];
  for (const r of records) {
    const table = { cases: 'SELECT code || \' \' || title AS label FROM case_record WHERE id = ?', people: 'SELECT primary_name AS label, protected_identity AS p FROM person WHERE id = ?', institutions: 'SELECT name AS label FROM institution WHERE id = ?', events: 'SELECT coalesce(title, type) AS label FROM case_event WHERE id = ?' }[r.kind];
    const row = (await em.query(table, [r.recordId]))[0];
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
      if (kind === 'events') caseId = Number((await em.query('SELECT case_id AS c FROM case_event WHERE id = ?', [r.recordId]))[0]?.c ?? 0) || null;
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
    `SELECT json_extract(detail, '$.caseId') AS caseId, json_extract(detail, '$.personId') AS personId, json_extract(detail, '$.role') AS role FROM audit_entry
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
