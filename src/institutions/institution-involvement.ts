import { DataSource, SelectQueryBuilder } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { visibleCasesCondition } from '../cases/case-access';
import { CaseEvent } from '../events/event.entity';
import { EventInstitution } from '../events/event-institution.entity';
import { Allegation } from '../allegations/allegation.entity';
import { AllegationInstitution } from '../allegations/allegation-institution.entity';
import { Perpetrator } from '../allegations/perpetrator.entity';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintResponse } from '../complaints/complaint-response.entity';
import { Statement } from '../statements/statement.entity';
import { Proceeding } from '../proceedings/proceeding.entity';
import { ProceedingStage } from '../proceedings/proceeding-stage.entity';
import { CurrentUser } from '../http/context';

/**
 * What a set of institutions (one and its sub-units) is involved in, across cases: only in cases
 * the user may see. Each row names the institution of the set it goes through, so the page can
 * say "via SIZO-1, unit 3".
 */
export const INVOLVEMENT_LIMIT = 500;

interface DateColumns {
  datePrecision: string | null;
  dateStart: string | null;
  dateEnd: string | null;
}
export interface EventRow extends DateColumns { id: number; caseId: number; type: string; title: string | null; place: string | null; institutionId: number }
export interface AllegationRow { id: number; caseId: number; summary: string | null; victimPersonId: number | null; status: string; institutionId: number; relation: 'perpetrator' | 'place'; involvement: string | null; attribution: string | null }
export interface ComplaintRow extends DateColumns { id: number; caseId: number; request: string; filedByPersonId: number | null; filedByText: string | null; institutionId: number; relation: 'addressed' | 'responded' }
export interface StatementRow extends DateColumns { id: number; caseId: number; kind: string; makerPersonId: number | null; makerDescription: string | null; retracted: boolean; institutionId: number }
export interface ProceedingRow { id: number; caseId: number; title: string | null; caseNumber: string | null; institutionId: number }

export interface Involvement {
  cases: CaseRecord[];
  events: EventRow[];
  allegations: AllegationRow[];
  complaints: ComplaintRow[];
  statements: StatementRow[];
  proceedings: ProceedingRow[];
}

/** Restricts a query joined to case_record `c` to visible cases, and caps it. */
function visible<T extends object>(qb: SelectQueryBuilder<T>, user: CurrentUser): SelectQueryBuilder<T> {
  const vis = visibleCasesCondition(user, 'c');
  return qb.andWhere(vis.sql, vis.params).limit(INVOLVEMENT_LIMIT);
}

const ints = <T extends object>(rows: T[], keys: (keyof T)[]): T[] =>
  rows.map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const k of keys) if (out[k as string] != null) out[k as string] = Number(out[k as string]);
    return out as T;
  });

export async function involvementOf(ds: DataSource, user: CurrentUser, ids: number[]): Promise<Involvement> {
  if (ids.length === 0) return { cases: [], events: [], allegations: [], complaints: [], statements: [], proceedings: [] };
  const where = (column: string) => `${column} IN (:...ids)`;

  const events = await visible(
    ds.createQueryBuilder(EventInstitution, 'ei')
      .innerJoin(CaseEvent, 'e', 'e.id = ei.event_id')
      .innerJoin(CaseRecord, 'c', 'c.id = e.case_id')
      .select(['e.id AS id', 'e.case_id AS "caseId"', 'e.type AS type', 'e.title AS title', 'e.place AS place', 'e.date_precision AS "datePrecision"', 'e.date_start AS "dateStart"', 'e.date_end AS "dateEnd"', 'ei.institution_id AS "institutionId"'])
      .where(where('ei.institution_id'), { ids })
      .orderBy('e.date_start', 'ASC')
      .addOrderBy('e.id', 'ASC'),
    user,
  ).getRawMany<EventRow>();

  const allegationColumns = ['a.id AS id', 'a.case_id AS "caseId"', 'a.summary AS summary', 'a.victim_person_id AS "victimPersonId"', 'a.status AS status'];
  const byPerpetrators = await visible(
    ds.createQueryBuilder(Perpetrator, 'p')
      .innerJoin(Allegation, 'a', 'a.id = p.allegation_id')
      .innerJoin(CaseRecord, 'c', 'c.id = a.case_id')
      .select([...allegationColumns, 'p.institution_id AS "institutionId"', "'perpetrator' AS relation", 'p.involvement AS involvement', 'p.attribution AS attribution'])
      .where(where('p.institution_id'), { ids })
      .orderBy('a.id', 'ASC'),
    user,
  ).getRawMany<AllegationRow>();
  const atPlaces = await visible(
    ds.createQueryBuilder(AllegationInstitution, 'ai')
      .innerJoin(Allegation, 'a', 'a.id = ai.allegation_id')
      .innerJoin(CaseRecord, 'c', 'c.id = a.case_id')
      .select([...allegationColumns, 'ai.institution_id AS "institutionId"', "'place' AS relation", 'NULL AS involvement', 'NULL AS attribution'])
      .where(where('ai.institution_id'), { ids })
      .orderBy('a.id', 'ASC'),
    user,
  ).getRawMany<AllegationRow>();

  const complaintColumns = ['co.id AS id', 'co.case_id AS "caseId"', 'co.request AS request', 'co.filed_by_person_id AS "filedByPersonId"', 'co.filed_by_text AS "filedByText"', 'co.date_precision AS "datePrecision"', 'co.date_start AS "dateStart"', 'co.date_end AS "dateEnd"'];
  const addressed = await visible(
    ds.createQueryBuilder(Complaint, 'co')
      .innerJoin(CaseRecord, 'c', 'c.id = co.case_id')
      .select([...complaintColumns, 'co.to_institution_id AS "institutionId"', "'addressed' AS relation"])
      .where(where('co.to_institution_id'), { ids })
      .orderBy('co.date_start', 'ASC'),
    user,
  ).getRawMany<ComplaintRow>();
  const responded = await visible(
    ds.createQueryBuilder(ComplaintResponse, 'r')
      .innerJoin(Complaint, 'co', 'co.id = r.complaint_id')
      .innerJoin(CaseRecord, 'c', 'c.id = co.case_id')
      .select([...complaintColumns, 'r.responding_institution_id AS "institutionId"', "'responded' AS relation"])
      .where(where('r.responding_institution_id'), { ids })
      .orderBy('co.date_start', 'ASC'),
    user,
  ).getRawMany<ComplaintRow>();

  const statements = await visible(
    ds.createQueryBuilder(Statement, 's')
      .innerJoin(CaseRecord, 'c', 'c.id = s.case_id')
      .select(['s.id AS id', 's.case_id AS "caseId"', 's.kind AS kind', 's.maker_person_id AS "makerPersonId"', 's.maker_description AS "makerDescription"', "(CASE WHEN EXISTS (SELECT 1 FROM statement_retraction sr WHERE sr.statement_id = s.id AND sr.kind = 'retraction') THEN 1 ELSE 0 END) AS retracted", 's.date_precision AS "datePrecision"', 's.date_start AS "dateStart"', 's.date_end AS "dateEnd"', 's.before_institution_id AS "institutionId"'])
      .where(where('s.before_institution_id'), { ids })
      .orderBy('s.date_start', 'ASC'),
    user,
  ).getRawMany<StatementRow>();

  const proceedingColumns = ['pr.id AS id', 'pr.case_id AS "caseId"', 'pr.title AS title', 'pr.case_number AS "caseNumber"'];
  const courts = await visible(
    ds.createQueryBuilder(Proceeding, 'pr')
      .innerJoin(CaseRecord, 'c', 'c.id = pr.case_id')
      .select([...proceedingColumns, 'pr.court_institution_id AS "institutionId"'])
      .where(where('pr.court_institution_id'), { ids }),
    user,
  ).getRawMany<ProceedingRow>();
  const stages = await visible(
    ds.createQueryBuilder(ProceedingStage, 'st')
      .innerJoin(Proceeding, 'pr', 'pr.id = st.proceeding_id')
      .innerJoin(CaseRecord, 'c', 'c.id = pr.case_id')
      .select([...proceedingColumns, 'st.court_institution_id AS "institutionId"'])
      .where(where('st.court_institution_id'), { ids }),
    user,
  ).getRawMany<ProceedingRow>();

  const result = {
    events: ints(events, ['id', 'caseId', 'institutionId']),
    allegations: ints([...byPerpetrators, ...atPlaces], ['id', 'caseId', 'victimPersonId', 'institutionId']),
    complaints: ints([...addressed, ...responded], ['id', 'caseId', 'filedByPersonId', 'institutionId']),
    statements: ints(statements, ['id', 'caseId', 'makerPersonId', 'institutionId']).map((s) => ({ ...s, retracted: Boolean(Number(s.retracted)) })),
    proceedings: uniqueBy(ints([...courts, ...stages], ['id', 'caseId', 'institutionId']), (p) => `${p.id}:${p.institutionId}`),
  };
  const caseIds = new Set<number>();
  for (const list of Object.values(result)) for (const row of list as { caseId: number }[]) caseIds.add(row.caseId);
  const cases = caseIds.size ? await ds.getRepository(CaseRecord).createQueryBuilder('c').where('c.id IN (:...caseIds)', { caseIds: [...caseIds] }).orderBy('c.code', 'ASC').getMany() : [];
  return { cases, ...result };
}

function uniqueBy<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(key(r)) ? false : (seen.add(key(r)), true)));
}
