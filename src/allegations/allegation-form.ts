import { DataSource } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { CurrentUser } from '../http/context';
import { personPickerLabels } from '../people/person-picker';
import { vocabLabeler, vocabOptions } from '../vocab/vocab.service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { eventCaption, institutionNames } from '../events/event.presenter';
import { eventsOfCase } from '../events/event.service';
import { compactRows, errorsForForm, rowList } from '../records/form-rows';
import { AllegationFormValues, PerpetratorFormRow } from './allegation.presenter';
import { PERPETRATOR_ROW_KEYS } from './allegation.schema';
import { groupMethods } from './method-groups';
import { t } from '../i18n/i18n';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strList = (v: unknown) => (Array.isArray(v) ? v : v == null ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
const ids = (values: string[]) => values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);

export const ALLEGATION_ROW_GROUPS = ['perpetrators', 'institutionIds'] as const;
type RowGroup = (typeof ALLEGATION_ROW_GROUPS)[number];
/** Rows offered on an empty form: one perpetrator to start ("Add another perpetrator" for more), two places. */
const DEFAULT_BLANK: Record<RowGroup, number> = { perpetrators: 1, institutionIds: 2 };

/** What was posted, as strings for the form. */
export function allegationValuesFromBody(body: Record<string, unknown>): AllegationFormValues {
  return {
    victimPersonId: str(body.victimPersonId),
    summary: str(body.summary),
    description: str(body.description),
    eventIds: strList(body.eventIds),
    methods: strList(body.methods),
    purposes: strList(body.purposes),
    perpetrators: compactRows(body.perpetrators, PERPETRATOR_ROW_KEYS).map((r): PerpetratorFormRow => {
      const row = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
      return { institutionId: str(row.institutionId), personId: str(row.personId), description: str(row.description), involvement: str(row.involvement), attribution: str(row.attribution) };
    }),
    institutionIds: compactRows(body.institutionIds, null).map(str),
    physicalConsequences: str(body.physicalConsequences),
    psychologicalConsequences: str(body.psychologicalConsequences),
    duration: str(body.duration),
    status: str(body.status),
  };
}

/** The body with blank rows removed, so that the row numbers of errors match the rows shown again. */
export function compactAllegationBody(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, perpetrators: compactRows(body.perpetrators, PERPETRATOR_ROW_KEYS), institutionIds: compactRows(body.institutionIds, null) };
}

function blankRows(body: Record<string, unknown> | null, group: RowGroup, filled: number): number {
  const posted = body ? (rowList(body[group]) ?? []).length - filled : 0;
  const more = body && body._more === group ? 1 : 0;
  return Math.min(Math.max(posted, filled ? 1 : DEFAULT_BLANK[group]) + more, 50);
}

interface FormState {
  caseRecord: CaseRecord;
  allegationId: number | null;
  values: AllegationFormValues;
  errors: Record<string, string>;
  body: Record<string, unknown> | null;
}

/** The people an allegation of this case already names (victim, perpetrators): their pickers keep showing them. */
async function peopleOfAllegation(ds: DataSource, caseId: number, allegationId: number): Promise<number[]> {
  const rows: { personId: number }[] = await ds.query(
    `SELECT a.victim_person_id AS "personId" FROM allegation a WHERE a.id = ? AND a.case_id = ? AND a.victim_person_id IS NOT NULL
     UNION SELECT p.person_id FROM perpetrator p JOIN allegation a ON a.id = p.allegation_id WHERE a.id = ? AND a.case_id = ? AND p.person_id IS NOT NULL`,
    [allegationId, caseId, allegationId, caseId],
  );
  return rows.map((r) => Number(r.personId));
}

/**
 * A new allegation's victim, filled in when the case has exactly one victim the user may see (the
 * usual case): one picker fewer. Empty when there are several, none, or the one is hidden from the user.
 */
export async function soleVictimOf(ds: DataSource, user: CurrentUser, caseId: number): Promise<string> {
  const rows: { personId: number }[] = await ds.query(`SELECT DISTINCT person_id AS personId FROM case_participant WHERE case_id = ? AND role = 'victim'`, [caseId]);
  if (rows.length !== 1) return '';
  const id = Number(rows[0].personId);
  const labels = await personPickerLabels(ds, user, [id], []);
  return labels.get(id) ? String(id) : '';
}

/** Everything views/allegations/form.ejs needs. */
export async function allegationFormLocals(ds: DataSource, user: CurrentUser, s: FormState) {
  const { values } = s;
  const c = s.caseRecord;
  const label = await vocabLabeler(ds);
  const people = await personPickerLabels(ds, user, ids([values.victimPersonId, ...values.perpetrators.map((p) => p.personId)]), s.allegationId ? await peopleOfAllegation(ds, c.id, s.allegationId) : []);
  const institutions = await institutionNames(ds, ids([...values.institutionIds, ...values.perpetrators.map((p) => p.institutionId)]));
  const events = await eventsOfCase(ds, c.id);
  const blank = (group: RowGroup, filled: number) => Array.from({ length: blankRows(s.body, group, filled) });
  const emptyPerpetrator: PerpetratorFormRow = { institutionId: '', personId: '', description: '', involvement: '', attribution: '' };
  return {
    title: s.allegationId ? t('allegations.form.editTitle', { code: c.code }) : t('allegations.form.newTitle', { code: c.code }),
    caseRecord: { id: c.id, code: c.code, title: c.title, groupDescription: c.groupDescription },
    allegationId: s.allegationId,
    action: s.allegationId ? `/cases/${c.id}/allegations/${s.allegationId}` : `/cases/${c.id}/allegations`,
    cancelHref: s.allegationId ? `/cases/${c.id}#allegation-${s.allegationId}` : `/cases/${c.id}#allegations`,
    /** The page this form comes back to after "New person…" without script (drafts/form-draft.ts). */
    draftReturn: s.allegationId ? `/cases/${c.id}/allegations/${s.allegationId}/edit` : `/cases/${c.id}/allegations/new`,
    values,
    errors: errorsForForm(s.errors, [...ALLEGATION_ROW_GROUPS]),
    victimLabel: people.get(Number(values.victimPersonId)) ?? '',
    statuses: await vocabOptions(ds, 'allegation_status', [values.status]),
    methodGroups: groupMethods(await vocabOptions(ds, 'torture_method', values.methods)),
    purposeOptions: await vocabOptions(ds, 'purpose', values.purposes),
    involvements: await vocabOptions(ds, 'involvement', values.perpetrators.map((p) => p.involvement)),
    attributions: await vocabOptions(ds, 'attribution', values.perpetrators.map((p) => p.attribution)),
    eventOptions: events.map((e) => ({ code: String(e.event.id), label: eventCaption(e, label) })),
    perpetratorRows: [
      ...values.perpetrators.map((p) => ({ ...p, institutionLabel: institutions.get(Number(p.institutionId))?.name ?? '', personLabel: people.get(Number(p.personId)) ?? '' })),
      ...blank('perpetrators', values.perpetrators.length).map(() => ({ ...emptyPerpetrator, institutionLabel: '', personLabel: '' })),
    ],
    placeRows: [
      ...values.institutionIds.map((v) => ({ value: v, selectedLabel: institutions.get(Number(v))?.name ?? '' })),
      ...blank('institutionIds', values.institutionIds.length).map(() => ({ value: '', selectedLabel: '' })),
    ],
    history: s.allegationId ? (await historyOf(ds, 'allegation', s.allegationId)).map(presentAuditEntry) : [],
  };
}
