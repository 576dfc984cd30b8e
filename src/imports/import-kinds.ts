import { z } from 'zod';
import { IMPORT_FIELDS, ImportKind } from './import-fields';
import { ImportRecord } from './import-batch.entity';
import { ImportRef, Problems, cellList } from './import-values';
import type { KindCheck, RowContext } from './import-rows';
import { batchRow, caseRef, institutionRef, mayUpdateCase, personRef, textOf } from './import-rows';
import { Allegation, ALLEGATION_LIMITS } from '../allegations/allegation.entity';
import { PERPETRATOR_LIMITS } from '../allegations/perpetrator.entity';
import { allegationSchema } from '../allegations/allegation.schema';
import { Complaint, COMPLAINT_LIMITS } from '../complaints/complaint.entity';
import { ComplaintResponse, COMPLAINT_RESPONSE_LIMITS } from '../complaints/complaint-response.entity';
import { complaintSchema, responseSchema } from '../complaints/complaint.schema';
import { Investigation, INVESTIGATION_LIMITS } from '../investigations/investigation.entity';
import { InvestigationDecision, DECISION_LIMITS } from '../investigations/investigation-decision.entity';
import { decisionSchema, investigationSchema } from '../investigations/investigation.schema';
import { Proceeding, PROCEEDING_LIMITS } from '../proceedings/proceeding.entity';
import { ProceedingStage, PROCEEDING_STAGE_LIMITS } from '../proceedings/proceeding-stage.entity';
import { proceedingSchema, stageSchema } from '../proceedings/proceeding.schema';
import { Statement, STATEMENT_LIMITS } from '../statements/statement.entity';
import { statementSchema } from '../statements/statement.schema';
import { Source, SOURCE_LIMITS } from '../sources/source.entity';
import { sourceSchema } from '../sources/source.schema';
import { translator } from '../i18n/i18n';
import { normalHeader } from './import-mapping';

type Values = Record<string, unknown>;
export type LaterKind = Exclude<ImportKind, 'cases' | 'people' | 'institutions' | 'events'>;

/** The record each later kind writes, and the type its audit entries name (the service's own). */
export const LATER_RECORDS: Record<LaterKind, { entity: Function; type: string }> = {
  allegations: { entity: Allegation, type: 'allegation' },
  complaints: { entity: Complaint, type: 'complaint' },
  complaint_responses: { entity: ComplaintResponse, type: 'complaint_response' },
  investigations: { entity: Investigation, type: 'investigation' },
  investigation_decisions: { entity: InvestigationDecision, type: 'investigation_decision' },
  proceedings: { entity: Proceeding, type: 'proceeding' },
  proceeding_stages: { entity: ProceedingStage, type: 'proceeding_stage' },
  statements: { entity: Statement, type: 'statement' },
  sources: { entity: Source, type: 'source' },
};

/** Kinds recorded under another record of the same case: the field naming it and its kind. */
export const PARENT_OF: Partial<Record<ImportKind, { field: string; kind: ImportKind }>> = {
  complaint_responses: { field: 'complaint_ref', kind: 'complaints' },
  investigation_decisions: { field: 'investigation_ref', kind: 'investigations' },
  proceeding_stages: { field: 'proceeding_ref', kind: 'proceedings' },
};

/** The case a record of a case-bound kind belongs to. */
const CASE_OF: Partial<Record<ImportKind, string>> = {
  events: 'SELECT case_id AS c FROM case_event WHERE id = ?',
  allegations: 'SELECT case_id AS c FROM allegation WHERE id = ?',
  complaints: 'SELECT case_id AS c FROM complaint WHERE id = ?',
  complaint_responses: 'SELECT c.case_id AS c FROM complaint_response r JOIN complaint c ON c.id = r.complaint_id WHERE r.id = ?',
  investigations: 'SELECT case_id AS c FROM investigation WHERE id = ?',
  investigation_decisions: 'SELECT i.case_id AS c FROM investigation_decision d JOIN investigation i ON i.id = d.investigation_id WHERE d.id = ?',
  proceedings: 'SELECT case_id AS c FROM proceeding WHERE id = ?',
  proceeding_stages: 'SELECT p.case_id AS c FROM proceeding_stage s JOIN proceeding p ON p.id = s.proceeding_id WHERE s.id = ?',
  statements: 'SELECT case_id AS c FROM statement WHERE id = ?',
};

export async function caseIdOf(em: RowContext['em'], kind: ImportKind, id: number): Promise<number | null> {
  const sql = CASE_OF[kind];
  if (!sql) return null;
  const row = (await em.query(sql, [id]))[0];
  return row ? Number(row.c) : null;
}

/**
 * A record of `kind` named by its external id: a row of this batch, or a record an import made
 * (this file's source first). A record in a case the user may not change is not found, nor named.
 */
export async function recordRef(ctx: RowContext, kind: ImportKind, value: string, field: string, problems: Problems): Promise<ImportRef | null> {
  const inBatch = await batchRow(ctx, kind, value, field, problems);
  if (inBatch === 'unusable') return null;
  if (inBatch) return { row: inBatch.externalId };
  const imported = (await ctx.em.findOneBy(ImportRecord, { source: ctx.batch.mapping.source, kind, externalId: value })) ?? (await ctx.em.findOneBy(ImportRecord, { kind, externalId: value }));
  const caseId = imported ? await caseIdOf(ctx.em, kind, imported.recordId) : null;
  if (imported && caseId !== null && (await mayUpdateCase(ctx, caseId))) return { record: imported.recordId };
  problems.add(field, 'unknown-reference', { value: value.slice(0, 100) });
  return null;
}

/**
 * Which case a reference ends up in, as a comparable key: "r:<id>" for an existing case, "x:<id>"
 * for a case row of this batch that creates one; null when it cannot be told.
 */
async function caseKeyOf(ctx: RowContext, kind: ImportKind, ref: ImportRef | null | undefined, depth = 0): Promise<string | null> {
  if (!ref || depth > 3) return null;
  if (kind === 'cases') {
    if ('record' in ref) return `r:${ref.record}`;
    const row = (await ctx.em.query(`SELECT record_id AS r FROM import_row WHERE batch_id = ? AND kind = 'cases' AND external_id = ? ORDER BY sheet_order, line LIMIT 1`, [ctx.batch.id, ref.row]))[0];
    return row?.r != null ? `r:${row.r}` : `x:${ref.row}`;
  }
  if ('record' in ref) {
    const caseId = await caseIdOf(ctx.em, kind, ref.record);
    return caseId === null ? null : `r:${caseId}`;
  }
  const row = (await ctx.em.query(`SELECT "values" AS v FROM import_row WHERE batch_id = ? AND kind = ? AND external_id = ? ORDER BY sheet_order, line LIMIT 1`, [ctx.batch.id, kind, ref.row]))[0];
  if (!row) return null;
  const values = JSON.parse(row.v) as Values;
  const parent = PARENT_OF[kind];
  return parent ? caseKeyOf(ctx, parent.kind, values[parent.field] as ImportRef, depth + 1) : caseKeyOf(ctx, 'cases', values.case_ref as ImportRef, depth + 1);
}

/** The row's case (its case column, or its parent's), and the case of the record the row updates. */
async function rowCase(ctx: RowContext, kind: ImportKind, cells: Record<string, string>, v: Values, problems: Problems, recordId: number | null): Promise<string | null> {
  const parent = PARENT_OF[kind];
  let key: string | null;
  if (parent) {
    if (cells[parent.field]) v[parent.field] = await recordRef(ctx, parent.kind, cells[parent.field], parent.field, problems);
    key = await caseKeyOf(ctx, parent.kind, v[parent.field] as ImportRef | null);
  } else {
    if (cells.case_ref) v.case_ref = await caseRef(ctx, cells.case_ref, 'case_ref', problems);
    key = await caseKeyOf(ctx, 'cases', v.case_ref as ImportRef | null);
  }
  if (recordId !== null) {
    const caseId = await caseIdOf(ctx.em, kind, recordId);
    if (caseId === null || !(await mayUpdateCase(ctx, caseId))) problems.add('', 'not-allowed');
    else if (key && key !== `r:${caseId}`) problems.add(parent?.field ?? 'case_ref', 'invalid', { value: (cells[parent?.field ?? 'case_ref'] ?? '').slice(0, 100) });
  }
  return key;
}

/** References to records of the same case (the events of an allegation, a statement's proceeding): one of another case is a problem. */
async function sameCaseRefs(ctx: RowContext, kind: ImportKind, caseKey: string | null, field: string, cells: Record<string, string>, problems: Problems): Promise<ImportRef[]> {
  const out: ImportRef[] = [];
  for (const value of cells[field] ? cellList(cells[field]) : []) {
    const ref = await recordRef(ctx, kind, value, field, problems);
    if (!ref) continue;
    const key = await caseKeyOf(ctx, kind, ref);
    if (caseKey && key && key !== caseKey) problems.add(field, 'other-case', { value: value.slice(0, 100) });
    else if (!out.some((o) => JSON.stringify(o) === JSON.stringify(ref))) out.push(ref);
  }
  return out;
}

/** The people or institutions a cell names (several joined by the list separator), each once. */
const namedRefs = (find: typeof personRef) => async (ctx: RowContext, field: string, cells: Record<string, string>, problems: Problems): Promise<ImportRef[]> => {
  const out: ImportRef[] = [];
  for (const name of cells[field] ? cellList(cells[field]) : []) {
    const ref = await find(ctx, name, field, problems);
    if (ref && !out.some((o) => JSON.stringify(o) === JSON.stringify(ref))) out.push(ref);
  }
  return out;
};
const people = namedRefs(personRef);
const institutions = namedRefs(institutionRef);

const one = async (ctx: RowContext, field: string, cells: Record<string, string>, problems: Problems, find: typeof personRef) => (cells[field] ? await find(ctx, cells[field], field, problems) : null);

/** A code of a fixed list, typed as the code or as its label in either language ("организация"). */
function readChoice(kind: ImportKind, field: string, cells: Record<string, string>, v: Values, problems: Problems, labelKey: (code: string) => string) {
  const cell = cells[field] ?? '';
  if (!cell) return;
  const choices = IMPORT_FIELDS[kind].find((f) => f.code === field)!.choices!;
  const typed = normalHeader(cell);
  const [en, ru] = [translator('en'), translator('ru')];
  const code = choices.find((c) => normalHeader(c) === typed || normalHeader(String(en(labelKey(c)))) === typed || normalHeader(String(ru(labelKey(c)))) === typed);
  if (code) v[field] = code;
  else problems.add(field, 'not-a-choice', { value: cell.slice(0, 100) });
}

/**
 * What the kind's own schema says of the input the row makes (the same rules as its form): a
 * rule it breaks that the row's cells were not already refused for is a problem of the field it
 * names. Dates are read by the import (the same parser) and left out here.
 */
function schemaProblems(schema: z.ZodType, input: object, fieldOf: Record<string, string>, problems: Problems) {
  const result = schema.safeParse(input);
  if (result.success) return;
  for (const issue of result.error.issues) {
    const field = fieldOf[String(issue.path[0] ?? '')] ?? '';
    if (!problems.list.some((p) => p.field === field)) problems.add(field, 'invalid');
  }
}

/** Placeholder ids for references to rows not yet written, so the schema sees a reference where the row gives one. */
const PLACEHOLDER = 1;
const idOf = (ref: unknown) => (ref ? ('record' in (ref as object) ? (ref as { record: number }).record : PLACEHOLDER) : null);

/** The service input an allegations row makes, with `id` turning its references into record ids. */
export async function allegationInputOf(v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) {
  const ids = async (kind: ImportKind, refs: unknown) => {
    const out: number[] = [];
    for (const r of (refs as ImportRef[] | undefined) ?? []) {
      const n = await id(kind, r);
      if (n !== null && !out.includes(n)) out.push(n);
    }
    return out;
  };
  const involvement = (v.involvement as string | undefined) ?? 'unknown';
  const attribution = (v.attribution as string | undefined) ?? 'unknown';
  const perpetrators = [
    ...(await ids('institutions', v.perpetrator_institutions)).map((institutionId) => ({ institutionId, personId: null, description: null, involvement, attribution })),
    ...(await ids('people', v.perpetrator_people)).map((personId) => ({ institutionId: null, personId, description: null, involvement, attribution })),
    ...(v.perpetrator_description ? [{ institutionId: null, personId: null, description: v.perpetrator_description as string, involvement, attribution }] : []),
  ];
  return {
    victimPersonId: await id('people', v.victim),
    summary: (v.summary as string | null) ?? null,
    description: (v.description as string | null) ?? null,
    eventIds: await ids('events', v.events),
    methods: (v.methods as string[] | undefined) ?? [],
    purposes: (v.purposes as string[] | undefined) ?? [],
    perpetrators,
    institutionIds: await ids('institutions', v.places),
    physicalConsequences: (v.physical_consequences as string | null) ?? null,
    psychologicalConsequences: (v.psychological_consequences as string | null) ?? null,
    duration: (v.duration as string | null) ?? null,
    status: (v.status as string | undefined) ?? 'alleged',
  };
}

const placeholderId = async (_kind: ImportKind, ref: unknown) => idOf(ref);

const checkAllegation: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  const caseKey = await rowCase(ctx, 'allegations', cells, v, problems, recordId);
  v.summary = textOf('allegations', 'summary', cells, ALLEGATION_LIMITS.summary, problems);
  v.description = textOf('allegations', 'description', cells, ALLEGATION_LIMITS.description, problems);
  v.physical_consequences = textOf('allegations', 'physical_consequences', cells, ALLEGATION_LIMITS.consequences, problems);
  v.psychological_consequences = textOf('allegations', 'psychological_consequences', cells, ALLEGATION_LIMITS.consequences, problems);
  v.duration = textOf('allegations', 'duration', cells, ALLEGATION_LIMITS.duration, problems);
  v.perpetrator_description = textOf('allegations', 'perpetrator_description', cells, PERPETRATOR_LIMITS.description, problems);
  v.victim = await one(ctx, 'victim', cells, problems, personRef);
  v.events = await sameCaseRefs(ctx, 'events', caseKey, 'events', cells, problems);
  v.places = await institutions(ctx, 'places', cells, problems);
  v.perpetrator_institutions = await institutions(ctx, 'perpetrator_institutions', cells, problems);
  v.perpetrator_people = await people(ctx, 'perpetrator_people', cells, problems);
  v.status ??= 'alleged';
  const input = await allegationInputOf(v, placeholderId);
  schemaProblems(allegationSchema, input, { victimPersonId: 'victim', summary: 'summary', description: 'description', eventIds: 'events', methods: 'methods', purposes: 'purposes', perpetrators: 'perpetrator_description', institutionIds: 'places', physicalConsequences: 'physical_consequences', psychologicalConsequences: 'psychological_consequences', duration: 'duration', status: 'status' }, problems);
  return null;
};

export const complaintInputOf = async (v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) => ({
  filedByPersonId: await id('people', v.filed_by),
  filedByText: (v.filed_by_text as string | null) ?? null,
  toInstitutionId: await id('institutions', v.to_institution),
  date: (v.date as never) ?? null,
  request: v.request as string,
  description: (v.description as string | null) ?? null,
});

const checkComplaint: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  await rowCase(ctx, 'complaints', cells, v, problems, recordId);
  v.filed_by_text = textOf('complaints', 'filed_by_text', cells, COMPLAINT_LIMITS.filedByText, problems);
  v.description = textOf('complaints', 'description', cells, COMPLAINT_LIMITS.description, problems);
  v.filed_by = await one(ctx, 'filed_by', cells, problems, personRef);
  v.to_institution = await one(ctx, 'to_institution', cells, problems, institutionRef);
  const input = await complaintInputOf(v, placeholderId);
  schemaProblems(complaintSchema, { ...input, request: input.request ?? '', date: null }, { filedByPersonId: 'filed_by', filedByText: 'filed_by_text', toInstitutionId: 'to_institution', request: 'request', description: 'description' }, problems);
  return null;
};

export const responseInputOf = async (v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) => ({
  date: (v.date as never) ?? null,
  respondingInstitutionId: await id('institutions', v.responding_institution),
  outcome: v.outcome as string,
  note: (v.note as string | null) ?? null,
  decisionId: null,
});

/** A step dated before the record it belongs to began (its latest possible day before the parent's earliest) cannot be recorded. */
async function notBeforeParent(ctx: RowContext, kind: ImportKind, v: Values, dateField: string, parentDateField: string, problems: Problems) {
  const parent = PARENT_OF[kind]!;
  const date = v[dateField] as { end: string } | undefined;
  const ref = v[parent.field] as ImportRef | null | undefined;
  if (!date || !ref) return;
  let start: string | null = null;
  if ('record' in ref) {
    const table = { complaints: 'complaint', investigations: 'investigation' }[parent.kind as 'complaints'];
    const column = `${parentDateField}_start`;
    if (table) start = (await ctx.em.query(`SELECT ${column} AS s FROM ${table} WHERE id = ?`, [ref.record]))[0]?.s ?? null;
  } else {
    const row = (await ctx.em.query(`SELECT json_extract("values", ?) AS s FROM import_row WHERE batch_id = ? AND kind = ? AND external_id = ? ORDER BY sheet_order, line LIMIT 1`, [`$.${parentDateField}.start`, ctx.batch.id, parent.kind, ref.row]))[0];
    start = row?.s ?? null;
  }
  if (start && date.end < start) problems.add(dateField, 'before-parent', { value: String(start) });
}

const checkResponse: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  await rowCase(ctx, 'complaint_responses', cells, v, problems, recordId);
  v.note = textOf('complaint_responses', 'note', cells, COMPLAINT_RESPONSE_LIMITS.note, problems);
  v.responding_institution = await one(ctx, 'responding_institution', cells, problems, institutionRef);
  await notBeforeParent(ctx, 'complaint_responses', v, 'date', 'date', problems);
  const input = await responseInputOf(v, placeholderId);
  schemaProblems(responseSchema, { ...input, outcome: input.outcome ?? '', date: null }, { respondingInstitutionId: 'responding_institution', outcome: 'outcome', note: 'note' }, problems);
  return null;
};

export const investigationInputOf = async (v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) => ({
  institutionId: await id('institutions', v.institution),
  trigger: (v.trigger as string | undefined) ?? (v.trigger_complaint ? 'complaint' : 'unknown'),
  triggerComplaintId: await id('complaints', v.trigger_complaint),
  began: (v.began as never) ?? null,
  officialNumber: (v.official_number as string | null) ?? null,
  note: (v.note as string | null) ?? null,
});

const checkInvestigation: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  const caseKey = await rowCase(ctx, 'investigations', cells, v, problems, recordId);
  v.official_number = textOf('investigations', 'official_number', cells, INVESTIGATION_LIMITS.officialNumber, problems);
  v.note = textOf('investigations', 'note', cells, INVESTIGATION_LIMITS.note, problems);
  v.institution = await one(ctx, 'institution', cells, problems, institutionRef);
  v.trigger_complaint = (await sameCaseRefs(ctx, 'complaints', caseKey, 'trigger_complaint', { trigger_complaint: cells.trigger_complaint ? cellList(cells.trigger_complaint)[0] ?? '' : '' }, problems))[0] ?? null;
  if (v.trigger_complaint && v.trigger && v.trigger !== 'complaint') problems.add('trigger', 'complaint-needs-trigger');
  const input = await investigationInputOf(v, placeholderId);
  schemaProblems(investigationSchema, { ...input, began: null }, { institutionId: 'institution', trigger: 'trigger', triggerComplaintId: 'trigger_complaint', officialNumber: 'official_number', note: 'note' }, problems);
  return null;
};

export const decisionInputOf = async (v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) => ({
  kind: v.kind as string,
  date: (v.date as never) ?? null,
  official: (v.official as string | null) ?? null,
  institutionId: await id('institutions', v.institution),
  transferredToId: await id('institutions', v.transferred_to),
  reasons: (v.reasons as string | null) ?? null,
  evidenceItemId: null,
  sequence: (v.sequence as number | undefined) ?? 0,
  sourceEventId: null,
});

const checkDecision: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  await rowCase(ctx, 'investigation_decisions', cells, v, problems, recordId);
  v.official = textOf('investigation_decisions', 'official', cells, DECISION_LIMITS.official, problems);
  v.reasons = textOf('investigation_decisions', 'reasons', cells, DECISION_LIMITS.reasons, problems);
  v.institution = await one(ctx, 'institution', cells, problems, institutionRef);
  v.transferred_to = await one(ctx, 'transferred_to', cells, problems, institutionRef);
  await notBeforeParent(ctx, 'investigation_decisions', v, 'date', 'began', problems);
  const input = await decisionInputOf(v, placeholderId);
  schemaProblems(decisionSchema, { ...input, kind: input.kind ?? '', date: null }, { kind: 'kind', official: 'official', institutionId: 'institution', transferredToId: 'transferred_to', reasons: 'reasons', sequence: 'sequence' }, problems);
  return null;
};

export const proceedingInputOf = async (v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) => {
  const defendants: { personId: number; charges: [] }[] = [];
  for (const r of (v.defendants as ImportRef[] | undefined) ?? []) {
    const personId = await id('people', r);
    if (personId !== null && !defendants.some((d) => d.personId === personId)) defendants.push({ personId, charges: [] });
  }
  return {
    courtInstitutionId: await id('institutions', v.court),
    caseNumber: (v.case_number as string | null) ?? null,
    title: (v.title as string | null) ?? null,
    defendants,
    note: (v.note as string | null) ?? null,
  };
};

/** Defendants must be people of the proceeding's case: a person the case already has, or a people row of this file linked to it. */
async function defendantsInCase(ctx: RowContext, caseKey: string | null, refs: ImportRef[], problems: Problems) {
  if (!caseKey) return;
  for (const ref of refs) {
    let inCase: boolean;
    if ('record' in ref) {
      const fromRows: { n: number }[] = await ctx.em.query(
        `SELECT count(*) AS n FROM import_row WHERE batch_id = ? AND kind = 'people' AND record_id = ? AND action NOT IN ('error', 'skip') AND json_extract("values", '$.case_ref') IS NOT NULL`,
        [ctx.batch.id, ref.record],
      );
      inCase = caseKey.startsWith('r:') && (await ctx.em.query('SELECT 1 FROM case_participant WHERE case_id = ? AND person_id = ? LIMIT 1', [Number(caseKey.slice(2)), ref.record])).length > 0;
      if (!inCase && Number(fromRows[0].n) > 0) inCase = true;
    } else {
      const row = (await ctx.em.query(`SELECT "values" AS v FROM import_row WHERE batch_id = ? AND kind = 'people' AND external_id = ? ORDER BY sheet_order, line LIMIT 1`, [ctx.batch.id, ref.row]))[0];
      inCase = !!row && (await caseKeyOf(ctx, 'cases', (JSON.parse(row.v) as Values).case_ref as ImportRef)) === caseKey;
    }
    if (!inCase) {
      problems.add('defendants', 'defendant-not-in-case', { value: 'row' in ref ? ref.row.slice(0, 100) : String(ref.record) });
      return;
    }
  }
}

const checkProceeding: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  const caseKey = await rowCase(ctx, 'proceedings', cells, v, problems, recordId);
  v.title = textOf('proceedings', 'title', cells, PROCEEDING_LIMITS.title, problems);
  v.case_number = textOf('proceedings', 'case_number', cells, PROCEEDING_LIMITS.caseNumber, problems);
  v.note = textOf('proceedings', 'note', cells, PROCEEDING_LIMITS.note, problems);
  v.court = await one(ctx, 'court', cells, problems, institutionRef);
  v.defendants = await people(ctx, 'defendants', cells, problems);
  await defendantsInCase(ctx, caseKey, v.defendants as ImportRef[], problems);
  const input = await proceedingInputOf(v, placeholderId);
  schemaProblems(proceedingSchema, input, { courtInstitutionId: 'court', caseNumber: 'case_number', title: 'title', defendants: 'defendants', note: 'note' }, problems);
  return null;
};

export const stageInputOf = async (v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) => ({
  kind: v.kind as string,
  date: (v.date as never) ?? null,
  courtInstitutionId: await id('institutions', v.court),
  outcome: (v.outcome as string | undefined) ?? null,
  sentence: (v.sentence as string | null) ?? null,
  note: (v.note as string | null) ?? null,
});

const checkStage: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  await rowCase(ctx, 'proceeding_stages', cells, v, problems, recordId);
  v.sentence = textOf('proceeding_stages', 'sentence', cells, PROCEEDING_STAGE_LIMITS.sentence, problems);
  v.note = textOf('proceeding_stages', 'note', cells, PROCEEDING_STAGE_LIMITS.note, problems);
  v.court = await one(ctx, 'court', cells, problems, institutionRef);
  const input = await stageInputOf(v, placeholderId);
  schemaProblems(stageSchema, { ...input, kind: input.kind ?? '', date: null }, { kind: 'kind', courtInstitutionId: 'court', outcome: 'outcome', sentence: 'sentence', note: 'note' }, problems);
  return null;
};

export const statementInputOf = async (v: Values, id: (kind: ImportKind, ref: unknown) => Promise<number | null>) => {
  const incriminates: number[] = [];
  for (const r of (v.incriminates as ImportRef[] | undefined) ?? []) {
    const personId = await id('people', r);
    if (personId !== null && !incriminates.includes(personId)) incriminates.push(personId);
  }
  return {
    makerPersonId: await id('people', v.maker),
    makerDescription: (v.maker_description as string | null) ?? null,
    date: (v.date as never) ?? null,
    beforeInstitutionId: await id('institutions', v.before_institution),
    beforeOfficial: (v.before_official as string | null) ?? null,
    kind: v.kind as string,
    content: (v.content as string | null) ?? null,
    conditions: (v.conditions as string[] | undefined) ?? [],
    incriminates,
    courtStatus: ((v.court_status as string | undefined) ?? 'not_submitted') as 'not_submitted',
    proceedingId: await id('proceedings', v.proceeding_ref),
    allegationId: await id('allegations', v.allegation_ref),
  };
};

const checkStatement: KindCheck = async (ctx, _sheet, cells, v, problems, recordId) => {
  const caseKey = await rowCase(ctx, 'statements', cells, v, problems, recordId);
  v.maker_description = textOf('statements', 'maker_description', cells, STATEMENT_LIMITS.makerDescription, problems);
  v.before_official = textOf('statements', 'before_official', cells, STATEMENT_LIMITS.beforeOfficial, problems);
  v.content = textOf('statements', 'content', cells, STATEMENT_LIMITS.content, problems);
  v.maker = await one(ctx, 'maker', cells, problems, personRef);
  v.before_institution = await one(ctx, 'before_institution', cells, problems, institutionRef);
  v.incriminates = await people(ctx, 'incriminates', cells, problems);
  readChoice('statements', 'court_status', cells, v, problems, (code) => `statements.courtStatus.${code}`);
  v.proceeding_ref = (await sameCaseRefs(ctx, 'proceedings', caseKey, 'proceeding_ref', cells, problems))[0] ?? null;
  v.allegation_ref = (await sameCaseRefs(ctx, 'allegations', caseKey, 'allegation_ref', cells, problems))[0] ?? null;
  const input = await statementInputOf(v, placeholderId);
  schemaProblems(statementSchema, { ...input, kind: input.kind ?? '', date: null }, { makerPersonId: 'maker', makerDescription: 'maker_description', beforeInstitutionId: 'before_institution', beforeOfficial: 'before_official', kind: 'kind', content: 'content', conditions: 'conditions', incriminates: 'incriminates', courtStatus: 'court_status', proceedingId: 'proceeding_ref', allegationId: 'allegation_ref' }, problems);
  return null;
};

export const sourceInputOf = async (v: Values) => ({
  kind: v.kind as 'organisation',
  name: v.name as string,
  title: (v.title as string | null) ?? null,
  url: (v.url as string | null) ?? null,
  date: (v.date as never) ?? null,
  reliability: v.reliability as string,
  relation: v.relation as string,
  note: (v.note as string | null) ?? null,
});

const checkSource: KindCheck = async (_ctx, _sheet, cells, v, problems) => {
  readChoice('sources', 'kind', cells, v, problems, (code) => `sources.kinds.${code}`);
  v.name = textOf('sources', 'name', cells, SOURCE_LIMITS.name, problems);
  v.title = textOf('sources', 'title', cells, SOURCE_LIMITS.title, problems);
  v.url = textOf('sources', 'url', cells, SOURCE_LIMITS.url, problems);
  v.note = textOf('sources', 'note', cells, SOURCE_LIMITS.note, problems);
  const input = await sourceInputOf(v);
  schemaProblems(sourceSchema, { ...input, kind: input.kind ?? '', name: input.name ?? 'x', reliability: input.reliability ?? 'x', relation: input.relation ?? 'x', date: null }, { kind: 'kind', name: 'name', title: 'title', url: 'url', reliability: 'reliability', relation: 'relation', note: 'note' }, problems);
  return null;
};

export const LATER_CHECKS: Record<LaterKind, KindCheck> = {
  allegations: checkAllegation,
  complaints: checkComplaint,
  complaint_responses: checkResponse,
  investigations: checkInvestigation,
  investigation_decisions: checkDecision,
  proceedings: checkProceeding,
  proceeding_stages: checkStage,
  statements: checkStatement,
  sources: checkSource,
};

