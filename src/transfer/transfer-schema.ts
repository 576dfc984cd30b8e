/**
 * The JSON Lines schema of a full export (`casebook export all`, /admin/export) and of its
 * restore (`casebook import all`): one module, read by both directions and by the documentation
 * (docs/full-export.md is checked against it). Every persisted table is either listed in
 * TRANSFER_TABLES, in restore order (parents before children), or in NOT_EXPORTED with the reason;
 * tests/unit/transfer-schema.test.ts fails on an entity that is in neither, and on a column added
 * to a table but not here (bump TRANSFER_SCHEMA_VERSION when the shape changes).
 *
 * Each line of a member is one row: a JSON object with exactly the columns listed, values as the
 * database stores them (booleans 0/1, datetimes as SQLite text, partial dates in their three
 * columns), so a restore writes back the very same rows.
 */
export const TRANSFER_FORMAT = 'casebook-full-export';
export const TRANSFER_SCHEMA_VERSION = 1;

/** `?` at the end: the column may be null. */
export type ColumnType = 'integer' | 'real' | 'text' | 'boolean' | 'datetime';
export type ColumnSpec = ColumnType | `${ColumnType}?`;

export interface TransferTable {
  /** The name counts and documentation use: `cases`, `person-names`. */
  kind: string;
  table: string;
  /** The member holding its rows. */
  file: string;
  about: string;
  columns: Record<string, ColumnSpec>;
  /** Columns exported only when the export includes accounts (else replaced by NOT_EXPORTED_SECRET). */
  secret?: string[];
  /** The whole table is exported only when the export includes accounts. */
  accountsOnly?: boolean;
}

/** What a secret column holds in an export without accounts: no password verifies against it. */
export const NOT_EXPORTED_SECRET = '!not-exported';

/** Restore order: every table after the tables its foreign keys point to. */
export const TRANSFER_TABLES: readonly TransferTable[] = [
  { kind: 'vocabulary-terms', table: 'vocab_term', file: 'records/vocabulary-terms.jsonl',
    about: 'Every vocabulary term (codes with English and Russian labels), seeded or added; replaces the target\'s seeded terms.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', vocabulary: 'text', code: 'text', label_en: 'text?', label_ru: 'text?', retired: 'boolean', sort_order: 'integer' } },
  { kind: 'users', table: 'user', file: 'records/users.jsonl', secret: ['password_hash'],
    about: 'Accounts. password_hash is the real scrypt hash only when the export includes accounts; otherwise "!not-exported" (no password verifies against it).',
    columns: { id: 'integer', email: 'text', name: 'text', role: 'text', password_hash: 'text', disabled: 'boolean', created_at: 'datetime', updated_at: 'datetime', last_login_at: 'datetime?', password_changed_at: 'datetime?', language: 'text?', media_greyscale: 'boolean' } },
  { kind: 'api-tokens', table: 'api_token', file: 'records/api-tokens.jsonl', accountsOnly: true,
    about: 'API tokens (hashes only); only when the export includes accounts.',
    columns: { id: 'integer', user_id: 'integer', name: 'text', token_hash: 'text', prefix: 'text', created_at: 'datetime', last_used_at: 'datetime?', revoked_at: 'datetime?' } },
  { kind: 'saved-queries', table: 'saved_query', file: 'records/saved-queries.jsonl',
    about: 'Saved searches; full exports only.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', user_id: 'integer', name: 'text', query: 'text', shared: 'boolean' } },
  { kind: 'institutions', table: 'institution', file: 'records/institutions.jsonl',
    about: 'Institutions; parent_id points at another institution.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', name: 'text', name_latin: 'text', match_key: 'text', type: 'text', parent_id: 'integer?', region: 'text?', locality: 'text?', latitude: 'real?', longitude: 'real?', notes: 'text?' } },
  { kind: 'institution-aliases', table: 'institution_alias', file: 'records/institution-aliases.jsonl',
    about: 'Other names of institutions.',
    columns: { id: 'integer', institution_id: 'integer', name: 'text', name_latin: 'text', match_key: 'text' } },
  { kind: 'people', table: 'person', file: 'records/people.jsonl',
    about: 'People; protected_identity keeps its meaning after a restore.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', primary_name: 'text', gender: 'text', region: 'text?', notes: 'text?', protected_identity: 'boolean', birth_precision: 'text?', birth_start: 'text?', birth_end: 'text?' } },
  { kind: 'person-names', table: 'person_name', file: 'records/person-names.jsonl',
    about: 'Every name and spelling of a person.',
    columns: { id: 'integer', person_id: 'integer', name: 'text', script: 'text?', language: 'text?', kind: 'text', name_latin: 'text', match_key: 'text' } },
  { kind: 'person-profiles', table: 'person_profile', file: 'records/person-profiles.jsonl',
    about: 'Profile codes of a person (vocabulary person_profile).',
    columns: { id: 'integer', person_id: 'integer', code: 'text' } },
  { kind: 'person-deaths', table: 'person_death', file: 'records/person-deaths.jsonl',
    about: 'A person\'s death, at most one per person.',
    columns: { person_id: 'integer', place: 'text?', institution_id: 'integer?', in_custody: 'text', cause_official: 'text?', cause_alleged: 'text?', date_precision: 'text?', date_start: 'text?', date_end: 'text?' } },
  { kind: 'cases', table: 'case_record', file: 'records/cases.jsonl',
    about: 'Cases; restricted keeps its meaning after a restore.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', code: 'text', title: 'text', summary: 'text?', status: 'text', region: 'text?', restricted: 'boolean', group_description: 'text?', group_count: 'integer?', group_count_precision: 'text?', group_death_count: 'integer?', group_death_count_precision: 'text?' } },
  { kind: 'case-members', table: 'case_member', file: 'records/case-members.jsonl',
    about: 'Who may see a restricted case.',
    columns: { id: 'integer', case_id: 'integer', user_id: 'integer' } },
  { kind: 'case-participants', table: 'case_participant', file: 'records/case-participants.jsonl',
    about: 'People in a case, with their role.',
    columns: { id: 'integer', case_id: 'integer', person_id: 'integer', role: 'text', note: 'text?' } },
  { kind: 'case-tags', table: 'case_tag', file: 'records/case-tags.jsonl',
    about: 'Tags of cases.',
    columns: { id: 'integer', case_id: 'integer', tag: 'text' } },
  { kind: 'case-links', table: 'case_link', file: 'records/case-links.jsonl',
    about: 'Links between cases.',
    columns: { id: 'integer', from_case_id: 'integer', to_case_id: 'integer', kind: 'text', note: 'text?' } },
  { kind: 'timeline-order', table: 'timeline_order', file: 'records/timeline-order.jsonl',
    about: 'Order set by hand for timeline entries sharing a date.',
    columns: { id: 'integer', case_id: 'integer', entry_key: 'text', position: 'integer' } },
  { kind: 'events', table: 'case_event', file: 'records/events.jsonl',
    about: 'Events on case timelines.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', type: 'text', title: 'text?', place: 'text?', description: 'text?', date_precision: 'text?', date_start: 'text?', date_end: 'text?', region: 'text?' } },
  { kind: 'event-institutions', table: 'event_institution', file: 'records/event-institutions.jsonl',
    about: 'Institutions of an event.',
    columns: { id: 'integer', event_id: 'integer', institution_id: 'integer' } },
  { kind: 'event-people', table: 'event_person', file: 'records/event-people.jsonl',
    about: 'People of an event.',
    columns: { id: 'integer', event_id: 'integer', person_id: 'integer', role: 'text' } },
  { kind: 'event-links', table: 'event_link', file: 'records/event-links.jsonl',
    about: 'Links between events.',
    columns: { id: 'integer', from_event_id: 'integer', to_event_id: 'integer' } },
  { kind: 'allegations', table: 'allegation', file: 'records/allegations.jsonl',
    about: 'Allegations (acts).',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', victim_person_id: 'integer?', summary: 'text?', description: 'text?', physical_consequences: 'text?', psychological_consequences: 'text?', duration: 'text?', status: 'text' } },
  { kind: 'allegation-events', table: 'allegation_event', file: 'records/allegation-events.jsonl',
    about: 'Events of an allegation.',
    columns: { id: 'integer', allegation_id: 'integer', event_id: 'integer' } },
  { kind: 'allegation-methods', table: 'allegation_method', file: 'records/allegation-methods.jsonl',
    about: 'Methods of an allegation (vocabulary codes).',
    columns: { id: 'integer', allegation_id: 'integer', code: 'text' } },
  { kind: 'allegation-purposes', table: 'allegation_purpose', file: 'records/allegation-purposes.jsonl',
    about: 'Purposes of an allegation (vocabulary codes).',
    columns: { id: 'integer', allegation_id: 'integer', code: 'text' } },
  { kind: 'allegation-institutions', table: 'allegation_institution', file: 'records/allegation-institutions.jsonl',
    about: 'Institutions of an allegation.',
    columns: { id: 'integer', allegation_id: 'integer', institution_id: 'integer' } },
  { kind: 'perpetrators', table: 'perpetrator', file: 'records/perpetrators.jsonl',
    about: 'Perpetrators of an allegation.',
    columns: { id: 'integer', allegation_id: 'integer', institution_id: 'integer?', person_id: 'integer?', description: 'text?', involvement: 'text', attribution: 'text' } },
  { kind: 'proceedings', table: 'proceeding', file: 'records/proceedings.jsonl',
    about: 'Court proceedings.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', title: 'text?', court_institution_id: 'integer?', case_number: 'text?', note: 'text?' } },
  { kind: 'proceeding-defendants', table: 'proceeding_defendant', file: 'records/proceeding-defendants.jsonl',
    about: 'Defendants of a proceeding.',
    columns: { id: 'integer', proceeding_id: 'integer', person_id: 'integer' } },
  { kind: 'proceeding-charges', table: 'proceeding_charge', file: 'records/proceeding-charges.jsonl',
    about: 'Charges against a defendant.',
    columns: { id: 'integer', defendant_id: 'integer', article: 'text?', article_code: 'text?' } },
  { kind: 'proceeding-stages', table: 'proceeding_stage', file: 'records/proceeding-stages.jsonl',
    about: 'Stages of a proceeding (trial, appeal, ...).',
    columns: { id: 'integer', proceeding_id: 'integer', kind: 'text', court_institution_id: 'integer?', note: 'text?', date_precision: 'text?', date_start: 'text?', date_end: 'text?' } },
  { kind: 'stage-verdicts', table: 'stage_verdict', file: 'records/stage-verdicts.jsonl',
    about: 'Verdicts per defendant per stage.',
    columns: { id: 'integer', stage_id: 'integer', defendant_id: 'integer?', outcome: 'text?', sentence_kind: 'text?', sentence_years: 'integer?', sentence_months: 'integer?', suspended: 'boolean', regime: 'text?', note: 'text?' } },
  { kind: 'statements', table: 'statement', file: 'records/statements.jsonl',
    about: 'Statements and confessions.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', maker_person_id: 'integer?', maker_description: 'text?', before_institution_id: 'integer?', before_official: 'text?', kind: 'text', content: 'text?', proceeding_id: 'integer?', allegation_id: 'integer?', date_precision: 'text?', date_start: 'text?', date_end: 'text?', court_status: 'text' } },
  { kind: 'statement-conditions', table: 'statement_condition', file: 'records/statement-conditions.jsonl',
    about: 'Conditions a statement was made under (vocabulary codes).',
    columns: { id: 'integer', statement_id: 'integer', code: 'text' } },
  { kind: 'statement-incriminations', table: 'statement_incriminates', file: 'records/statement-incriminations.jsonl',
    about: 'Whom a statement incriminates.',
    columns: { id: 'integer', statement_id: 'integer', person_id: 'integer' } },
  { kind: 'statement-retractions', table: 'statement_retraction', file: 'records/statement-retractions.jsonl',
    about: 'Retractions of statements.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', statement_id: 'integer', kind: 'text', forum: 'text?', reason: 'text?', pressure_alleged: 'text', date_precision: 'text?', date_start: 'text?', date_end: 'text?' } },
  { kind: 'stored-objects', table: 'stored_object', file: 'records/stored-objects.jsonl',
    about: 'One row per evidence original; its bytes are the member evidence/<sha256>.',
    columns: { id: 'integer', sha256: 'text', size: 'integer', created_at: 'datetime' } },
  { kind: 'evidence-items', table: 'evidence_item', file: 'records/evidence-items.jsonl',
    about: 'Evidence items with their provenance.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', type: 'text', title: 'text', description: 'text?', received_from: 'text?', received_how: 'text?', entered_by_id: 'integer?', confidentiality: 'text', paper_location: 'text?', content_date_precision: 'text?', content_date_start: 'text?', content_date_end: 'text?', received_date_precision: 'text?', received_date_start: 'text?', received_date_end: 'text?', graphic: 'boolean' } },
  { kind: 'evidence-files', table: 'evidence_file', file: 'records/evidence-files.jsonl',
    about: 'Files of an evidence item, with their metadata; preview_path and thumbnail_path name members under derived/.',
    columns: { id: 'integer', item_id: 'integer', position: 'integer', stored_object_id: 'integer', original_name: 'text', mime: 'text', category: 'text', size: 'integer', kept_as_other: 'boolean', preview_state: 'text', preview_note: 'text?', preview_path: 'text?', thumbnail_path: 'text?', width: 'integer?', height: 'integer?', metadata: 'text?', gps_latitude: 'real?', gps_longitude: 'real?', gps_altitude: 'real?', extracted_text: 'text?', page_count: 'integer?', processed_at: 'text?', uploaded_by_id: 'integer?', created_at: 'datetime' } },
  { kind: 'evidence-links', table: 'evidence_link', file: 'records/evidence-links.jsonl',
    about: 'What an evidence item supports.',
    columns: { id: 'integer', item_id: 'integer', event_id: 'integer?', allegation_id: 'integer?', statement_id: 'integer?', person_id: 'integer?' } },
  { kind: 'evidence-annotations', table: 'evidence_annotation', file: 'records/evidence-annotations.jsonl',
    about: 'Notes on evidence items.',
    columns: { id: 'integer', item_id: 'integer', body: 'text', created_by_id: 'integer?', created_at: 'datetime' } },
  { kind: 'medical-evaluations', table: 'medical_evaluation', file: 'records/medical-evaluations.jsonl',
    about: 'Medical evaluations (Istanbul Protocol).',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', evidence_item_id: 'integer?', examiner: 'text', place: 'text?', present: 'text?', police_present: 'text', restrained: 'text', interpreter: 'text', consent: 'text', restrictions: 'text?', overall_grade: 'text?', overall_opinion: 'text?', exam_date_precision: 'text?', exam_date_start: 'text?', exam_date_end: 'text?', kind: 'text' } },
  { kind: 'medical-findings', table: 'medical_finding', file: 'records/medical-findings.jsonl',
    about: 'Findings of a medical evaluation.',
    columns: { id: 'integer', evaluation_id: 'integer', allegation_id: 'integer?', method: 'text?', body_location: 'text', description: 'text?', grade: 'text?' } },
  { kind: 'complaints', table: 'complaint', file: 'records/complaints.jsonl',
    about: 'Complaints and interventions.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', filed_by_person_id: 'integer?', filed_by_text: 'text?', to_institution_id: 'integer?', request: 'text', description: 'text?', date_precision: 'text?', date_start: 'text?', date_end: 'text?' } },
  { kind: 'investigations', table: 'investigation', file: 'records/investigations.jsonl',
    about: 'Official investigations and pre-investigation checks.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', case_id: 'integer', institution_id: 'integer?', trigger: 'text', trigger_complaint_id: 'integer?', official_number: 'text?', note: 'text?', began_precision: 'text?', began_start: 'text?', began_end: 'text?' } },
  { kind: 'investigation-decisions', table: 'investigation_decision', file: 'records/investigation-decisions.jsonl',
    about: 'Decisions of an investigation, in order.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', investigation_id: 'integer', kind: 'text', official: 'text?', institution_id: 'integer?', transferred_to_id: 'integer?', reasons: 'text?', evidence_item_id: 'integer?', source_event_id: 'integer?', sequence: 'integer', date_precision: 'text?', date_start: 'text?', date_end: 'text?' } },
  { kind: 'complaint-responses', table: 'complaint_response', file: 'records/complaint-responses.jsonl',
    about: 'Responses to a complaint.',
    columns: { id: 'integer', complaint_id: 'integer', responding_institution_id: 'integer?', outcome: 'text', note: 'text?', date_precision: 'text?', date_start: 'text?', date_end: 'text?', decision_id: 'integer?' } },
  { kind: 'sources', table: 'source', file: 'records/sources.jsonl',
    about: 'Sources with their reliability.',
    columns: { id: 'integer', created_at: 'datetime', updated_at: 'datetime', created_by_id: 'integer?', updated_by_id: 'integer?', kind: 'text', name: 'text', title: 'text?', url: 'text?', reliability: 'text', relation: 'text', note: 'text?', date_precision: 'text?', date_start: 'text?', date_end: 'text?' } },
  { kind: 'citations', table: 'citation', file: 'records/citations.jsonl',
    about: 'Where a source is cited.',
    columns: { id: 'integer', source_id: 'integer', record_type: 'text', record_id: 'integer', case_id: 'integer?', note: 'text?', attribution: 'text?' } },
  { kind: 'integrity-alerts', table: 'integrity_alert', file: 'records/integrity-alerts.jsonl',
    about: 'Alerts raised when an original failed verification.',
    columns: { id: 'integer', stored_object_id: 'integer', kind: 'text', expected_sha256: 'text', actual_sha256: 'text?', detected_by: 'text', detected_at: 'datetime', resolved_at: 'text?', resolved_by_id: 'integer?' } },
  { kind: 'trash-items', table: 'trash_item', file: 'records/trash-items.jsonl',
    about: 'Deleted records kept in the trash, with their snapshot.',
    columns: { id: 'integer', kind: 'text', record_type: 'text', record_id: 'integer', case_id: 'integer?', case_code: 'text?', label: 'text', restricted: 'boolean', deleted_by_id: 'integer?', deleted_by_label: 'text', deleted_at: 'datetime', row_count: 'integer', snapshot: 'text' } },
  { kind: 'trash-stored-objects', table: 'trash_stored_object', file: 'records/trash-stored-objects.jsonl',
    about: 'Originals kept for records in the trash.',
    columns: { trash_item_id: 'integer', stored_object_id: 'integer' } },
  { kind: 'person-merges', table: 'person_merge', file: 'records/person-merges.jsonl',
    about: 'Which person was merged into which.',
    columns: { from_id: 'integer', into_id: 'integer', merged_by_id: 'integer?', merged_at: 'datetime' } },
  { kind: 'institution-merges', table: 'institution_merge', file: 'records/institution-merges.jsonl',
    about: 'Which institution was merged into which.',
    columns: { from_id: 'integer', into_id: 'integer', merged_by_id: 'integer?', merged_at: 'datetime' } },
  { kind: 'import-batches', table: 'import_batch', file: 'records/import-batches.jsonl',
    about: 'Spreadsheet imports: file name and SHA-256, status, mapping and counts. The uploaded file of a batch not yet committed is not exported: such a batch must be uploaded again.',
    columns: { id: 'integer', user_id: 'integer', file_name: 'text', sha256: 'text', bytes: 'integer', format: 'text', status: 'text', sheets: 'text', notices: 'text', mapping: 'text', counts: 'text', commit_audit_seq: 'integer?', created_at: 'datetime', updated_at: 'datetime', checked_at: 'datetime?', committed_at: 'datetime?', undone_at: 'datetime?' } },
  { kind: 'import-rows', table: 'import_row', file: 'records/import-rows.jsonl',
    about: 'Each checked row of an import: its action, the values as recorded and its problems.',
    columns: { id: 'integer', batch_id: 'integer', sheet: 'text', sheet_order: 'integer', line: 'integer', kind: 'text', action: 'text', external_id: 'text', row_hash: 'text', record_id: 'integer?', values: 'text', problems: 'text', skip: 'boolean', fixes: 'text' } },
  { kind: 'import-records', table: 'import_record', file: 'records/import-records.jsonl',
    about: 'Which record each imported row made or updated, by source and external id: a second import of the same file finds them, on the new instance too.',
    columns: { id: 'integer', batch_id: 'integer', kind: 'text', record_id: 'integer', external_id: 'text', row_hash: 'text', source: 'text', created: 'boolean' } },
  { kind: 'import-mappings', table: 'import_mapping', file: 'records/import-mappings.jsonl',
    about: 'Import mappings saved by name, for reuse.',
    columns: { id: 'integer', user_id: 'integer', name: 'text', mapping: 'text', created_at: 'datetime' } },
  { kind: 'audit-entries', table: 'audit_entry', file: 'audit/entries.jsonl',
    about: 'The audit trail, hash-chained, with the custody of every evidence item (entries about evidence_item); always complete.',
    columns: { seq: 'integer', at: 'text', actor_user_id: 'integer?', actor_label: 'text', action: 'text', record_type: 'text?', record_id: 'text?', fields: 'text', detail: 'text', ip: 'text?', prev_hash: 'text', hash: 'text' } },
  { kind: 'audit-checkpoints', table: 'audit_checkpoint', file: 'audit/checkpoints.jsonl',
    about: 'Signed checkpoints of the trail (Ed25519, the signing instance\'s key embedded).',
    columns: { seq: 'integer', hash: 'text', at: 'text', key_fingerprint: 'text', public_key: 'text', signature: 'text' } },
];

/**
 * Entities (and their tables) a full export leaves out, and why. Everything here is either
 * rebuilt on the new instance or means nothing outside the one it was made on.
 */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  user_session: 'Sign-in sessions end with the instance: everyone signs in again on the new one.',
  login_throttle: 'Counters of failed sign-ins: short-lived protection, not records.',
  audit_head: 'Rebuilt from the last entry of audit/entries.jsonl; the manifest carries the head it must match.',
  second_factor: 'Second factors are encrypted with this instance\'s session secret: people enrol again on the new instance.',
  recovery_code: 'Recovery codes go with the second factors they stand in for.',
  second_factor_role: 'Which roles must use a second factor is set again on the new instance (it starts with admins and lawyers).',
  second_factor_reset: 'A notice owed at the next sign-in on this instance.',
  pending_sign_in: 'Sign-ins halfway through their second step: minutes long, like sessions.',
  webauthn_credential: 'Security keys and passkeys are bound to this instance\'s address (the relying party): people register them again on the new instance.',
  webauthn_challenge: 'Challenges of key ceremonies in progress: single-use and minutes long.',
  backup_run: 'The log of encrypted backups belongs to the instance that made them (its directories, its files).',
  backup_object: 'Which backup file holds which evidence object: part of the backup log.',
  security_state: 'The security mode belongs to the instance it was set on (an incident there); a restored instance starts in the normal mode.',
};

/**
 * Tables that are not entities but derived from the records by triggers or at start-up (the
 * search index and its state, the protected people's case links, key versions). The restore
 * lets the triggers fill them and then rebuilds the search index.
 */
export const DERIVED_TABLES = [
  'search_index',
  'search_index_config',
  'search_index_content',
  'search_index_data',
  'search_index_docsize',
  'search_index_idx',
  'search_forms_state',
  'protected_person_case',
  'protected_names_state',
  'name_key_state',
  'schema_migrations',
  'sqlite_sequence',
] as const;

export const MANIFEST_FILE = 'manifest.json';
/** An original's bytes: `evidence/<sha256>`. */
export const EVIDENCE_MEMBER = /^evidence\/([0-9a-f]{64})$/;
/** A preview or thumbnail, named as evidence_file.preview_path / thumbnail_path: `derived/ab/cd/<sha256>-preview.jpg`. */
export const DERIVED_MEMBER = /^derived\/([0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}-(?:preview|thumb)\.(?:jpg|png|webp))$/;

export const evidenceMember = (sha256: string) => `evidence/${sha256}`;
export const derivedMember = (relative: string) => `derived/${relative.split(/[\\/]/).join('/')}`;

export const columnNames = (t: TransferTable): string[] => Object.keys(t.columns);
export const isNullable = (spec: ColumnSpec): boolean => spec.endsWith('?');
export const baseType = (spec: ColumnSpec): ColumnType => spec.replace('?', '') as ColumnType;

export function tableByFile(file: string): TransferTable | undefined {
  return TRANSFER_TABLES.find((t) => t.file === file);
}

export function tableByName(table: string): TransferTable {
  const found = TRANSFER_TABLES.find((t) => t.table === table);
  if (!found) throw new Error(`no transfer table ${table}`);
  return found;
}

/** Whether a value read from a line fits its column: the restore refuses a line that does not. */
export function fitsColumn(spec: ColumnSpec, value: unknown): boolean {
  if (value === null) return isNullable(spec);
  switch (baseType(spec)) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'boolean':
      return value === 0 || value === 1;
    case 'real':
      return typeof value === 'number' && Number.isFinite(value);
    case 'text':
    case 'datetime':
      return typeof value === 'string';
  }
}

/** The manifest, member `manifest.json`: what the restore checks every member against. */
export interface TransferManifest {
  format: typeof TRANSFER_FORMAT;
  schemaVersion: number;
  createdAt: string;
  /** A selection of cases (and what hangs off them) rather than the whole instance. */
  partial: boolean;
  /** For a partial export: how many cases were selected. */
  selectedCases: number | null;
  /** Password hashes and API tokens are included. */
  includesAccounts: boolean;
  /** The newest audit entry exported: the head of the sealed segment on the instance it is restored into. */
  auditHead: { seq: number; hash: string } | null;
  /** Rows per kind (TransferTable.kind), plus `evidence-originals` and `derived-files`. */
  counts: Record<string, number>;
  /** Every other member, in ZIP order, with its SHA-256 (hex) and size in bytes. */
  members: { name: string; sha256: string; bytes: number }[];
}
