import { DataSource, EntityManager, In } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity';
import { CaseParticipant } from '../cases/case-participant.entity';
import { formatPartialDate } from '../db/partial-date';
import { CaseEvent } from '../events/event.entity';
import { CurrentUser } from '../http/context';
import { validationFailed } from '../http/errors';
import { t } from '../i18n/i18n';
import { clearedProtectedIds, personLabels } from '../people/identity';
import { Person } from '../people/person.entity';
import { Statement } from '../statements/statement.entity';
import { vocabLabeler } from '../vocab/vocab.service';
import { LINK_KINDS, LinkKind } from './evidence-constants';
import { EvidenceLink } from './evidence-link.entity';
import { caseRows } from '../db/read-memo';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export interface LinkTarget {
  kind: LinkKind;
  id: number;
}

const COLUMN: Record<LinkKind, 'eventId' | 'allegationId' | 'statementId' | 'personId'> = {
  event: 'eventId',
  allegation: 'allegationId',
  statement: 'statementId',
  person: 'personId',
};
const FIELD: Record<LinkKind, string> = { event: 'eventIds', allegation: 'allegationIds', statement: 'statementIds', person: 'personIds' };

export function targetOf(link: EvidenceLink): LinkTarget {
  for (const kind of LINK_KINDS) {
    const id = link[COLUMN[kind]];
    if (id != null) return { kind, id };
  }
  throw new Error('evidence link without a target');
}

export function linkColumns(target: LinkTarget): Partial<EvidenceLink> {
  return { eventId: null, allegationId: null, statementId: null, personId: null, [COLUMN[target.kind]]: target.id };
}

/**
 * Refuses targets that are not records of this case (people: participants of the case), with
 * the same message as for records that do not exist, so other cases cannot be probed. With a
 * `user`, people are also refused when they are protected and the user is not cleared for them
 * (the same rule as every other record that names a person).
 */
export async function assertTargetsInCase(em: EntityManager, caseId: number, targets: LinkTarget[], field?: (kind: LinkKind) => string, user?: CurrentUser): Promise<void> {
  const errors: Record<string, string> = {};
  for (const kind of LINK_KINDS) {
    const ids = [...new Set(targets.filter((t) => t.kind === kind).map((t) => t.id))];
    if (ids.length === 0) continue;
    const found =
      kind === 'person'
        ? await linkablePeople(em, user, (await em.find(CaseParticipant, { where: { caseId, personId: In(ids) } })).map((p) => p.personId))
        : (await em.find(kind === 'event' ? CaseEvent : kind === 'allegation' ? Allegation : Statement, { where: { caseId, id: In(ids) }, select: { id: true } })).map((r) => r.id);
    if (ids.some((id) => !found.includes(id))) errors[field ? field(kind) : FIELD[kind]] = t(`evidence.errors.targetOfCase.${kind}`);
  }
  if (Object.keys(errors).length) throw validationFailed(errors);
}

/** The people among `ids` the user may link: not protected, or protected and cleared for. */
async function linkablePeople(em: EntityManager, user: CurrentUser | undefined, ids: number[]): Promise<number[]> {
  if (!user || ids.length === 0) return ids;
  const protectedIds = (await em.find(Person, { where: { id: In(ids), protectedIdentity: true }, select: { id: true } })).map((p) => p.id);
  const cleared = await clearedProtectedIds(em, user, protectedIds);
  return ids.filter((id) => !protectedIds.includes(id) || cleared.has(id));
}

export interface LinkOption {
  kind: LinkKind;
  id: number;
  label: string;
  /** A protected person shown as a pseudonym: labelled in existing links, never offered as a new one. */
  hidden?: boolean;
}

/** Every record of a case an item can be linked to, labelled for this user (protected people as pseudonyms). */
export async function linkOptions(db: Db, user: CurrentUser, caseId: number): Promise<LinkOption[]> {
  const m = manager(db);
  const label = await vocabLabeler(db);
  const events = await m.find(CaseEvent, { where: { caseId }, order: { date: { start: 'ASC' }, id: 'ASC' } });
  const allegations = await caseRows(m, Allegation, caseId);
  const statements = await caseRows(m, Statement, caseId);
  const participants = await m.find(CaseParticipant, { where: { caseId }, order: { id: 'ASC' } });
  const people = await personLabels(db, user, participants.map((p) => p.personId));
  const seen = new Set<number>();
  return [
    ...events.map((e) => ({ kind: 'event' as const, id: e.id, label: `${e.title || label('event_type', e.type)} (${formatPartialDate(e.date) || t('evidence.undated')})` })),
    ...allegations.map((a) => ({ kind: 'allegation' as const, id: a.id, label: a.summary || t('evidence.allegationN', { id: a.id }) })),
    ...statements.map((s) => ({ kind: 'statement' as const, id: s.id, label: `${label('statement_kind', s.kind)}${formatPartialDate(s.date) ? ` (${formatPartialDate(s.date)})` : ''}` })),
    ...participants
      .filter((p) => !seen.has(p.personId) && seen.add(p.personId))
      .map((p) => ({ kind: 'person' as const, id: p.personId, label: people.get(p.personId)?.label ?? t('evidence.personN', { id: p.personId }), hidden: people.get(p.personId)?.hidden ?? true })),
  ];
}

/** The records a new link may point at: every option but the people this user sees only as a pseudonym. */
export async function linkChoices(db: Db, user: CurrentUser, caseId: number): Promise<LinkOption[]> {
  return (await linkOptions(db, user, caseId)).filter((o) => !o.hidden);
}

/** The links of items, labelled, keyed by item id. */
export async function linksOfItems(db: Db, user: CurrentUser, caseId: number, itemIds: number[]): Promise<Map<number, (LinkOption & { linkId: number })[]>> {
  const out = new Map<number, (LinkOption & { linkId: number })[]>();
  if (itemIds.length === 0) return out;
  const rows = await manager(db).find(EvidenceLink, { where: { itemId: In(itemIds) }, order: { id: 'ASC' } });
  if (rows.length === 0) return out;
  const options = new Map((await linkOptions(db, user, caseId)).map((o) => [`${o.kind}:${o.id}`, o]));
  for (const row of rows) {
    const target = targetOf(row);
    const option = options.get(`${target.kind}:${target.id}`);
    if (!option) continue;
    out.set(row.itemId, [...(out.get(row.itemId) ?? []), { ...option, linkId: row.id }]);
  }
  return out;
}
