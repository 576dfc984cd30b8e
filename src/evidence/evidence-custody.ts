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
import { hasKey, t } from '../i18n/i18n';

/** What each custody entry says happened (`evidence.custody.actions.*`); other actions show their code. */
function custodyLabel(action: string): string {
  const key = `evidence.custody.actions.${action}`;
  return hasKey(key) ? t(key) : action;
}

export type CustodyEntry = Omit<ReturnType<typeof presentAuditEntry>, 'ip'> & { label: string };

/**
 * The item's custody log: every entry of the audit trail about it, oldest first. Every reader of
 * the case sees it, so it leaves out where each colleague connected from (the admin's audit page
 * keeps the addresses).
 */
export async function custodyLog(ds: DataSource, itemId: number): Promise<CustodyEntry[]> {
  return (await historyOf(ds, 'evidence_item', itemId)).map((e) => {
    const { ip: _ip, ...entry } = presentAuditEntry(e);
    return { ...entry, label: custodyLabel(entry.action) };
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
