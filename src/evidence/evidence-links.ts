import { DataSource, EntityManager, In } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity';
import { CaseParticipant } from '../cases/case-participant.entity';
import { formatPartialDate } from '../db/partial-date';
import { CaseEvent } from '../events/event.entity';
import { CurrentUser } from '../http/context';
import { validationFailed } from '../http/errors';
import { personLabels } from '../people/identity';
import { Statement } from '../statements/statement.entity';
import { vocabLabeler } from '../vocab/vocab.service';
import { LINK_KINDS, LinkKind } from './evidence-constants';
import { EvidenceLink } from './evidence-link.entity';

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
const NOUN: Record<LinkKind, string> = { event: 'an event', allegation: 'an allegation', statement: 'a statement', person: 'a person' };

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
 * the same message as for records that do not exist, so other cases cannot be probed.
 */
export async function assertTargetsInCase(em: EntityManager, caseId: number, targets: LinkTarget[], field?: (kind: LinkKind) => string): Promise<void> {
  const errors: Record<string, string> = {};
  for (const kind of LINK_KINDS) {
    const ids = [...new Set(targets.filter((t) => t.kind === kind).map((t) => t.id))];
    if (ids.length === 0) continue;
    const found =
      kind === 'person'
        ? (await em.find(CaseParticipant, { where: { caseId, personId: In(ids) } })).map((p) => p.personId)
        : (await em.find(kind === 'event' ? CaseEvent : kind === 'allegation' ? Allegation : Statement, { where: { caseId, id: In(ids) }, select: { id: true } })).map((r) => r.id);
    if (ids.some((id) => !found.includes(id))) errors[field ? field(kind) : FIELD[kind]] = `Choose ${NOUN[kind]} of this case from the list.`;
  }
  if (Object.keys(errors).length) throw validationFailed(errors);
}

export interface LinkOption {
  kind: LinkKind;
  id: number;
  label: string;
}

/** Every record of a case an item can be linked to, labelled for this user (protected people as pseudonyms). */
export async function linkOptions(db: Db, user: CurrentUser, caseId: number): Promise<LinkOption[]> {
  const m = manager(db);
  const label = await vocabLabeler(db);
  const events = await m.find(CaseEvent, { where: { caseId }, order: { date: { start: 'ASC' }, id: 'ASC' } });
  const allegations = await m.find(Allegation, { where: { caseId }, order: { id: 'ASC' } });
  const statements = await m.find(Statement, { where: { caseId }, order: { id: 'ASC' } });
  const participants = await m.find(CaseParticipant, { where: { caseId }, order: { id: 'ASC' } });
  const people = await personLabels(db, user, participants.map((p) => p.personId));
  const seen = new Set<number>();
  return [
    ...events.map((e) => ({ kind: 'event' as const, id: e.id, label: `${e.title || label('event_type', e.type)} (${formatPartialDate(e.date) || 'undated'})` })),
    ...allegations.map((a) => ({ kind: 'allegation' as const, id: a.id, label: a.summary || `Allegation ${a.id}` })),
    ...statements.map((s) => ({ kind: 'statement' as const, id: s.id, label: `${label('statement_kind', s.kind)}${formatPartialDate(s.date) ? ` (${formatPartialDate(s.date)})` : ''}` })),
    ...participants
      .filter((p) => !seen.has(p.personId) && seen.add(p.personId))
      .map((p) => ({ kind: 'person' as const, id: p.personId, label: people.get(p.personId)?.label ?? `Person ${p.personId}` })),
  ];
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
