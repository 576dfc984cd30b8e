import { DataSource } from 'typeorm';
import { Actor, historyOf, recordAudit } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { requireItem } from './evidence-access';
import { EvidenceAnnotation } from './evidence-annotation.entity';
import { EvidenceItem } from './evidence-item.entity';
import { CustodyInput } from './evidence.schema';
import { custody } from './evidence.service';

const CUSTODY_LABELS: Record<string, string> = {
  'evidence_item.create': 'recorded the item',
  'evidence_item.update': 'changed the description',
  'evidence_item.link_add': 'linked it to a record',
  'evidence_item.link_remove': 'removed a link',
  'evidence.received': 'received it',
  'evidence.stored': 'stored a file',
  'evidence.viewed': 'viewed it',
  'evidence.downloaded': 'downloaded a file',
  'evidence.exported': 'exported it in a bundle',
  'evidence.transferred': 'transferred it',
  'evidence.paper_location': 'recorded where the paper original is kept',
  'evidence.disposed': 'disposed of it',
  'evidence.integrity_failed': 'found a file that no longer matches its hash',
};

export type CustodyEntry = Omit<ReturnType<typeof presentAuditEntry>, 'ip'> & { label: string };

/**
 * The item's custody log: every entry of the audit trail about it, oldest first. Every reader of
 * the case sees it, so it leaves out where each colleague connected from (the admin's audit page
 * keeps the addresses).
 */
export async function custodyLog(ds: DataSource, itemId: number): Promise<CustodyEntry[]> {
  return (await historyOf(ds, 'evidence_item', itemId)).map((e) => {
    const { ip: _ip, ...entry } = presentAuditEntry(e);
    return { ...entry, label: CUSTODY_LABELS[entry.action] ?? entry.action };
  });
}

/** A custody event entered by hand: a transfer (to whom), where the paper original is kept, or its disposal. */
export async function recordCustody(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, itemId: number, input: CustodyInput): Promise<void> {
  await withTransaction(ds, async (em) => {
    const { item } = await requireItem(em, user, caseId, itemId, 'evidence.custody');
    if (input.action === 'paper_location') {
      item.paperLocation = input.location;
      item.updatedById = user.id;
      await em.save(EvidenceItem, item);
      await custody(em, actor, item, 'paper_location', { location: input.location, note: input.note });
    } else if (input.action === 'transferred') {
      await custody(em, actor, item, 'transferred', { to: input.to, note: input.note });
    } else {
      await custody(em, actor, item, 'disposed', { note: input.note });
    }
  });
}

/** Viewing the item's page is part of its custody. */
export async function recordViewed(ds: DataSource, actor: Actor, item: Pick<EvidenceItem, 'id' | 'caseId'>): Promise<void> {
  await withTransaction(ds, (em) => custody(em, actor, item, 'viewed'));
}

export async function annotationsOf(ds: DataSource, itemId: number): Promise<EvidenceAnnotation[]> {
  return ds.getRepository(EvidenceAnnotation).find({ where: { itemId }, order: { id: 'ASC' } });
}

/** A privileged note; audited under its own record type so the custody log (seen by all readers) does not show it. */
export async function addAnnotation(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, itemId: number, body: string): Promise<EvidenceAnnotation> {
  return withTransaction(ds, async (em) => {
    await requireItem(em, user, caseId, itemId, 'evidence.annotations');
    const row = await em.save(EvidenceAnnotation, em.create(EvidenceAnnotation, { itemId, body, createdById: user.id }));
    await recordAudit(em, actor, { action: 'evidence_annotation.create', recordType: 'evidence_annotation', recordId: row.id, fields: ['body'], detail: { caseId, itemId } });
    return row;
  });
}
