import { DataSource } from 'typeorm';
import { loadPerson } from './person.service';
import { personLabels } from './identity';
import { presentHiddenPerson, presentPerson } from './person.presenter';
import { CaseParticipant } from '../cases/case-participant.entity';
import { CaseRecord } from '../cases/case.entity';
import { visibleCasesCondition } from '../cases/case-access';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { vocabLabeler } from '../vocab/vocab.service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { deathViews } from './person-death';
import { t } from '../i18n/i18n';

export interface PersonCase {
  id: number;
  code: string;
  title: string;
  restricted: boolean;
  roles: { code: string; label: string }[];
}

/** The cases a person takes part in, among those the user may see. */
export async function casesOfPerson(ds: DataSource, user: CurrentUser, personId: number): Promise<PersonCase[]> {
  const vis = visibleCasesCondition(user, 'c');
  const rows = await ds
    .createQueryBuilder(CaseParticipant, 'cp')
    .innerJoin(CaseRecord, 'c', 'c.id = cp.case_id')
    .select(['c.id AS id', 'c.code AS code', 'c.title AS title', 'c.restricted AS restricted', 'cp.role AS role'])
    .where('cp.person_id = :personId', { personId })
    .andWhere(vis.sql, vis.params)
    .orderBy('c.code', 'ASC')
    .addOrderBy('cp.id', 'ASC')
    .getRawMany<{ id: number; code: string; title: string; restricted: number | boolean; role: string }>();
  const label = await vocabLabeler(ds);
  const byCase = new Map<number, PersonCase>();
  for (const r of rows) {
    const id = Number(r.id);
    const entry = byCase.get(id) ?? { id, code: r.code, title: r.title, restricted: Boolean(r.restricted), roles: [] };
    entry.roles.push({ code: r.role, label: label('participant_role', r.role) });
    byCase.set(id, entry);
  }
  return [...byCase.values()];
}

/**
 * Everything the person page shows, for this user. A protected person the user is not cleared
 * for comes back as the pseudonym alone (`hidden`): no names, dates, notes, cases or history.
 */
export async function loadPersonPage(ds: DataSource, user: CurrentUser, id: number) {
  const record = await loadPerson(ds, id);
  if (!record) throw notFound(t('people.errors.noSuchPerson'));
  const l = (await personLabels(ds, user, [id])).get(id)!;
  if (l.hidden) return { hidden: true as const, person: presentHiddenPerson(l) };
  const label = await vocabLabeler(ds);
  return {
    hidden: false as const,
    person: presentPerson(record.person, l, record.names, record.profiles, label, (await deathViews(ds, [id])).get(id) ?? null) as Exclude<ReturnType<typeof presentPerson>, ReturnType<typeof presentHiddenPerson>>,
    record,
    cases: await casesOfPerson(ds, user, id),
    history: (await historyOf(ds, 'person', id)).map(presentAuditEntry),
  };
}
