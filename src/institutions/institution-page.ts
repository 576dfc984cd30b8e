import { deathsAtInstitutions } from '../people/person-death';
import { DataSource } from 'typeorm';
import { childrenOf, institutionNames, loadInstitution } from './institution.service';
import { ancestorsOf, subtreeIds } from './institution-tree';
import { INVOLVEMENT_LIMIT, involvementOf } from './institution-involvement';
import { presentInstitution } from './institution.presenter';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { vocabLabeler } from '../vocab/vocab.service';
import { personLabels, PersonLabel } from '../people/identity';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { formatPartialDate, isUncertain } from '../db/partial-date';
import { presentCaseSummary } from '../cases/case.presenter';
import { t } from '../i18n/i18n';

const dateOf = (r: { datePrecision: string | null; dateStart: string | null; dateEnd: string | null }) => {
  const d = { precision: r.datePrecision, start: r.dateStart, end: r.dateEnd };
  const text = formatPartialDate(d);
  return { text: text || null, uncertain: Boolean(text) && isUncertain(d) };
};

/**
 * Everything the institution page shows: the institution, its parent chain and sub-units, and
 * every case, event, allegation, complaint, statement and proceeding that involves it or any of
 * its sub-units, in the cases this user may see. People appear as this user may see them.
 */
export async function loadInstitutionPage(ds: DataSource, user: CurrentUser, id: number) {
  const record = await loadInstitution(ds, id);
  if (!record) throw notFound(t('institutions.errors.noSuchInstitution'));
  const { institution } = record;
  const label = await vocabLabeler(ds);
  const ancestors = (await ancestorsOf(ds, id)).reverse();
  const children = await childrenOf(ds, id);
  const subtree = await subtreeIds(ds, id);
  const names = await institutionNames(ds, subtree);
  const inv = await involvementOf(ds, user, subtree);
  const people = await personLabels(ds, user, [
    ...inv.allegations.map((a) => a.victimPersonId),
    ...inv.complaints.map((c) => c.filedByPersonId),
    ...inv.statements.map((s) => s.makerPersonId),
  ].filter((x): x is number => x != null));
  const person = (pid: number | null): PersonLabel | null => (pid == null ? null : (people.get(pid) ?? null));
  const cases = new Map(inv.cases.map((c) => [c.id, c]));
  const inCase = (caseId: number) => ({ caseId, caseCode: cases.get(caseId)?.code ?? '' });
  const via = (institutionId: number) => (institutionId === id ? null : (names.get(institutionId) ?? null));

  const allegations = new Map<number, { id: number; caseId: number; caseCode: string; summary: string | null; victim: PersonLabel | null; statusLabel: string; roles: string[]; via: { id: number; name: string }[] }>();
  for (const a of inv.allegations) {
    const entry = allegations.get(a.id) ?? { id: a.id, ...inCase(a.caseId), summary: a.summary, victim: person(a.victimPersonId), statusLabel: label('allegation_status', a.status), roles: [], via: [] };
    const role = a.relation === 'perpetrator'
      ? a.attribution
        ? t('institutions.show.roles.perpetratorAttributed', { involvement: label('involvement', a.involvement), attribution: label('attribution', a.attribution) })
        : t('institutions.show.roles.perpetrator', { involvement: label('involvement', a.involvement) })
      : t('institutions.show.roles.place');
    if (!entry.roles.includes(role)) entry.roles.push(role);
    const v = via(a.institutionId);
    if (v && !entry.via.some((x) => x.id === v.id)) entry.via.push(v);
    allegations.set(a.id, entry);
  }

  const parent = ancestors.length ? ancestors[ancestors.length - 1] : null;
  return {
    institution: presentInstitution(institution, record.aliases, label, parent),
    record,
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
    children: children.map((c) => ({ id: c.id, name: c.name, typeLabel: label('institution_type', c.type) })),
    subUnitCount: subtree.length - 1,
    limit: INVOLVEMENT_LIMIT,
    cases: inv.cases.map((c) => presentCaseSummary(c, label)),
    events: inv.events.map((e) => ({ id: e.id, ...inCase(e.caseId), date: dateOf(e), typeLabel: label('event_type', e.type), title: e.title, place: e.place, via: via(e.institutionId) })),
    allegations: [...allegations.values()],
    complaints: inv.complaints.map((c) => ({ id: c.id, ...inCase(c.caseId), date: dateOf(c), requestLabel: label('complaint_request', c.request), filedBy: person(c.filedByPersonId), filedByText: c.filedByText, relation: c.relation === 'addressed' ? t('institutions.show.relation.addressed') : t('institutions.show.relation.responded'), via: via(c.institutionId) })),
    statements: inv.statements.map((s) => ({ id: s.id, ...inCase(s.caseId), date: dateOf(s), kindLabel: label('statement_kind', s.kind), maker: person(s.makerPersonId), makerDescription: s.makerDescription, retracted: s.retracted, via: via(s.institutionId) })),
    proceedings: inv.proceedings.map((p) => ({ id: p.id, ...inCase(p.caseId), title: p.title, caseNumber: p.caseNumber, via: via(p.institutionId) })),
    /** People who died there (issue 11): a death in custody is recorded where it happened. */
    deaths: (await deathsAtInstitutions(ds, subtree, (ids) => personLabels(ds, user, ids))).map((d) => ({ person: d.person, death: d.death, via: via(d.institutionId) })),
    history: (await historyOf(ds, 'institution', id)).map(presentAuditEntry),
  };
}
export type InstitutionPage = Awaited<ReturnType<typeof loadInstitutionPage>>;
