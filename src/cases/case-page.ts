import { DataSource } from 'typeorm';
import { withReadMemo } from '../db/read-memo';
import { CurrentUser } from '../http/context';
import { requireCase } from './case-access';
import { caseTags, linksOf, membersOf, participantsOf } from './case.service';
import { presentCase, presentCaseSummary } from './case.presenter';
import { regionsOfCases } from './case-regions';
import { SectionContext } from './case-section';
import { can } from '../auth/policy';
import { personLabels } from '../people/identity';
import { vocabLabeler } from '../vocab/vocab.service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { eventsSection } from '../events/events.section';
import { allegationsSection } from '../allegations/allegations.section';
import { statementsSection } from '../statements/statements.section';
import { complaintsSection } from '../complaints/complaints.section';
import { proceedingsSection } from '../proceedings/proceedings.section';
import { sourcesSection } from '../sources/sources.section';
import { evidenceSection } from '../evidence/evidence.section';
import { caseInstitutions } from './case-institutions';
import { withoutHiddenLinks } from './case-link-history';
// investigations (issue 11)
import { investigationsSection } from '../investigations/investigations.section';
import { caseProcessCounts } from '../investigations/process-counts';
import { presentProcessCounts } from '../investigations/investigation.presenter';
import { caseDeaths } from '../people/person-death';

/** Everything the case page shows, each part already filtered and presented for this user. */
export function loadCasePage(ds: DataSource, user: CurrentUser, caseId: number, query?: Record<string, unknown>) {
  return withReadMemo(() => casePageModel(ds, user, caseId, query));
}

async function casePageModel(ds: DataSource, user: CurrentUser, caseId: number, query?: Record<string, unknown>) {
  const { record, access } = await requireCase(ds, user, caseId);
  const label = await vocabLabeler(ds);
  const participants = await participantsOf(ds, caseId);
  const names = await personLabels(ds, user, participants.map((p) => p.personId));
  const tags = (await caseTags(ds, [caseId])).map((t) => t.tag);
  const victims = participants.filter((p) => p.role === 'victim').map((p) => names.get(p.personId)!).filter(Boolean);
  const canEdit = can(user, 'case.update', access);
  const ctx: SectionContext = { ds, user, record, access, canEdit, label, people: (ids) => personLabels(ds, user, ids), query };
  const [events, allegations, statements, complaints, proceedings, sources, evidence, investigations] = await Promise.all([
    eventsSection(ctx),
    allegationsSection(ctx),
    statementsSection(ctx),
    complaintsSection(ctx),
    proceedingsSection(ctx),
    sourcesSection(ctx),
    evidenceSection(ctx),
    investigationsSection(ctx),
  ]);
  const canManageMembers = can(user, 'case.manage_members', access);
  return {
    caseRecord: presentCase(record, label, victims, tags, (await regionsOfCases(ds, [record.id])).get(record.id)),
    access,
    canEdit,
    canManageMembers,
    participants: participants.map((p) => ({ id: p.id, personId: p.personId, person: names.get(p.personId)!, role: p.role, roleLabel: label('participant_role', p.role), note: p.note })),
    links: (await linksOf(ds, user, caseId)).map((l) => ({ id: l.id, kind: l.kind, kindLabel: label('case_link_kind', l.kind), note: l.note, other: presentCaseSummary(l.other, label) })),
    members: canManageMembers || access.isMember || user.role === 'admin' ? (await membersOf(ds, caseId)).map((u) => ({ id: u.id, name: u.name, role: u.role })) : [],
    institutions: await caseInstitutions(ds, caseId, label),
    /** Refusals and openings counted once (process-counts.ts); the view phrases them. */
    processSummary: presentProcessCounts(await caseProcessCounts(ds, caseId)),
    // issue 11: deaths of the case's people, and whether a verdict came after a defendant's death
    deaths: await caseDeaths(ds, participants.map((p) => p.personId), names),
    posthumousVerdict: proceedings.items.some((p) => p.posthumousVerdict),
    sections: { events, allegations, statements, complaints, proceedings, sources, evidence, investigations },
    history: (await withoutHiddenLinks(ds, user, await historyOf(ds, 'case', caseId))).map(presentAuditEntry),
  };
}
