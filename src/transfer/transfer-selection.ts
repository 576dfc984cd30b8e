/**
 * A partial export: the selected cases and what hangs off them. For each table of the schema, a
 * condition on its row `r` with the selected case ids as `@cases` (a JSON array), so the export
 * reads a partial instance with the same batched queries as a whole one. Null: the whole table
 * (vocabularies, accounts, the audit trail); undefined is a mistake the unit test catches.
 *
 * People and institutions come with the cases that involve them (in any role: participants,
 * events, allegations, perpetrators, complaints, statements, proceedings, evidence links),
 * institutions with their parents up to the top, so every foreign key of a restored row holds.
 */
const CASES = '(SELECT value FROM json_each(@cases))';
const inCases = (col: string) => `${col} IN ${CASES}`;
const inTable = (col: string, table: string, where = inCases('case_id')) => `${col} IN (SELECT id FROM ${table} WHERE ${where})`;

const EVENTS = `(SELECT id FROM case_event WHERE ${inCases('case_id')})`;
const ALLEGATIONS = `(SELECT id FROM allegation WHERE ${inCases('case_id')})`;
const STATEMENTS = `(SELECT id FROM statement WHERE ${inCases('case_id')})`;
const PROCEEDINGS = `(SELECT id FROM proceeding WHERE ${inCases('case_id')})`;
const ITEMS = `(SELECT id FROM evidence_item WHERE ${inCases('case_id')})`;
const COMPLAINTS = `(SELECT id FROM complaint WHERE ${inCases('case_id')})`;
const INVESTIGATIONS = `(SELECT id FROM investigation WHERE ${inCases('case_id')})`;
const EVALUATIONS = `(SELECT id FROM medical_evaluation WHERE ${inCases('case_id')})`;
const TRASH = `(SELECT id FROM trash_item WHERE ${inCases('case_id')})`;

const PEOPLE = `(
  SELECT person_id FROM case_participant WHERE ${inCases('case_id')}
  UNION SELECT person_id FROM event_person WHERE event_id IN ${EVENTS}
  UNION SELECT victim_person_id FROM allegation WHERE ${inCases('case_id')}
  UNION SELECT person_id FROM perpetrator WHERE allegation_id IN ${ALLEGATIONS}
  UNION SELECT filed_by_person_id FROM complaint WHERE ${inCases('case_id')}
  UNION SELECT maker_person_id FROM statement WHERE ${inCases('case_id')}
  UNION SELECT person_id FROM statement_incriminates WHERE statement_id IN ${STATEMENTS}
  UNION SELECT person_id FROM proceeding_defendant WHERE proceeding_id IN ${PROCEEDINGS}
  UNION SELECT person_id FROM evidence_link WHERE item_id IN ${ITEMS})`;

const DIRECT_INSTITUTIONS = `
  SELECT institution_id AS id FROM event_institution WHERE event_id IN ${EVENTS}
  UNION SELECT institution_id FROM allegation_institution WHERE allegation_id IN ${ALLEGATIONS}
  UNION SELECT institution_id FROM perpetrator WHERE allegation_id IN ${ALLEGATIONS}
  UNION SELECT to_institution_id FROM complaint WHERE ${inCases('case_id')}
  UNION SELECT responding_institution_id FROM complaint_response WHERE complaint_id IN ${COMPLAINTS}
  UNION SELECT institution_id FROM investigation WHERE ${inCases('case_id')}
  UNION SELECT institution_id FROM investigation_decision WHERE investigation_id IN ${INVESTIGATIONS}
  UNION SELECT transferred_to_id FROM investigation_decision WHERE investigation_id IN ${INVESTIGATIONS}
  UNION SELECT court_institution_id FROM proceeding WHERE ${inCases('case_id')}
  UNION SELECT court_institution_id FROM proceeding_stage WHERE proceeding_id IN ${PROCEEDINGS}
  UNION SELECT before_institution_id FROM statement WHERE ${inCases('case_id')}
  UNION SELECT institution_id FROM person_death WHERE person_id IN ${PEOPLE}`;

const INSTITUTIONS = `(
  WITH RECURSIVE up(id) AS (${DIRECT_INSTITUTIONS}
    UNION SELECT i.parent_id FROM institution i JOIN up ON i.id = up.id WHERE i.parent_id IS NOT NULL)
  SELECT id FROM up WHERE id IS NOT NULL)`;

const OBJECTS = `(
  SELECT stored_object_id FROM evidence_file WHERE item_id IN ${ITEMS}
  UNION SELECT stored_object_id FROM trash_stored_object WHERE trash_item_id IN ${TRASH})`;

export const PARTIAL_SCOPE: Readonly<Record<string, string | null>> = {
  vocab_term: null,
  user: null,
  api_token: null,
  // Left out: someone's saved searches range over every case.
  saved_query: '0',
  institution: `r.id IN ${INSTITUTIONS}`,
  institution_alias: `r.institution_id IN ${INSTITUTIONS}`,
  person: `r.id IN ${PEOPLE}`,
  person_name: `r.person_id IN ${PEOPLE}`,
  person_profile: `r.person_id IN ${PEOPLE}`,
  person_death: `r.person_id IN ${PEOPLE}`,
  case_record: inCases('r.id'),
  case_member: inCases('r.case_id'),
  case_participant: inCases('r.case_id'),
  case_tag: inCases('r.case_id'),
  case_link: `${inCases('r.from_case_id')} AND ${inCases('r.to_case_id')}`,
  timeline_order: inCases('r.case_id'),
  case_event: inCases('r.case_id'),
  event_institution: `r.event_id IN ${EVENTS}`,
  event_person: `r.event_id IN ${EVENTS}`,
  event_link: `r.from_event_id IN ${EVENTS} AND r.to_event_id IN ${EVENTS}`,
  allegation: inCases('r.case_id'),
  allegation_event: `r.allegation_id IN ${ALLEGATIONS}`,
  allegation_method: `r.allegation_id IN ${ALLEGATIONS}`,
  allegation_purpose: `r.allegation_id IN ${ALLEGATIONS}`,
  allegation_institution: `r.allegation_id IN ${ALLEGATIONS}`,
  perpetrator: `r.allegation_id IN ${ALLEGATIONS}`,
  proceeding: inCases('r.case_id'),
  proceeding_defendant: `r.proceeding_id IN ${PROCEEDINGS}`,
  proceeding_charge: inTable('r.defendant_id', 'proceeding_defendant', `proceeding_id IN ${PROCEEDINGS}`),
  proceeding_stage: `r.proceeding_id IN ${PROCEEDINGS}`,
  stage_verdict: inTable('r.stage_id', 'proceeding_stage', `proceeding_id IN ${PROCEEDINGS}`),
  statement: inCases('r.case_id'),
  statement_condition: `r.statement_id IN ${STATEMENTS}`,
  statement_incriminates: `r.statement_id IN ${STATEMENTS}`,
  statement_retraction: inCases('r.case_id'),
  stored_object: `r.id IN ${OBJECTS}`,
  evidence_item: inCases('r.case_id'),
  evidence_file: `r.item_id IN ${ITEMS}`,
  evidence_link: `r.item_id IN ${ITEMS}`,
  evidence_annotation: `r.item_id IN ${ITEMS}`,
  medical_evaluation: inCases('r.case_id'),
  medical_finding: `r.evaluation_id IN ${EVALUATIONS}`,
  complaint: inCases('r.case_id'),
  investigation: inCases('r.case_id'),
  investigation_decision: `r.investigation_id IN ${INVESTIGATIONS}`,
  complaint_response: `r.complaint_id IN ${COMPLAINTS}`,
  source: `r.id IN (SELECT source_id FROM citation WHERE ${inCases('case_id')})`,
  citation: inCases('r.case_id'),
  integrity_alert: `r.stored_object_id IN ${OBJECTS}`,
  trash_item: inCases('r.case_id'),
  trash_stored_object: `r.trash_item_id IN ${TRASH}`,
  person_merge: `r.into_id IN ${PEOPLE}`,
  institution_merge: `r.into_id IN ${INSTITUTIONS}`,
  // Imports range over every case they touched: full exports only.
  import_batch: '0',
  import_row: '0',
  import_record: '0',
  import_mapping: '0',
  // The trail is exported whole: it is one hash chain (a part of it cannot be verified), it holds
  // no field values, and the custody of the selected evidence is in it.
  audit_entry: null,
  audit_checkpoint: null,
};
