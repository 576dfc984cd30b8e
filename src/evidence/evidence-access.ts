import { DataSource, EntityManager } from 'typeorm';
import { can } from '../auth/policy';
import { requireCase } from '../cases/case-access';
import { CaseRecord } from '../cases/case.entity';
import { CurrentUser } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { t } from '../i18n/i18n';
import { EvidenceItem } from './evidence-item.entity';
import { EvidenceAccess } from './evidence.policy';
import './evidence.policy';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export interface ItemWithAccess {
  caseRecord: CaseRecord;
  item: EvidenceItem;
  access: EvidenceAccess;
}

/**
 * Loads an evidence item of a case for an action. An item the user may not read (another case's,
 * or privileged for a non-lawyer) answers 404 exactly like one that does not exist; an item the
 * user may read but not act on answers 403.
 */
export async function requireItem(db: Db, user: CurrentUser | undefined, caseId: number, itemId: number, action = 'evidence.read'): Promise<ItemWithAccess> {
  const { record, access } = await requireCase(db, user, caseId);
  const item = await manager(db).findOneBy(EvidenceItem, { id: itemId, caseId });
  const itemAccess: EvidenceAccess = { ...access, confidentiality: item?.confidentiality };
  if (!item || !can(user, 'evidence.read', itemAccess)) throw notFound(t('evidence.errors.noEvidenceInCase'));
  if (action !== 'evidence.read' && !can(user, action, itemAccess)) throw forbidden();
  return { caseRecord: record, item, access: itemAccess };
}

/** Loads a case for an evidence action on the case as a whole (list, upload, bundle). */
export async function requireEvidenceCase(db: Db, user: CurrentUser | undefined, caseId: number, action = 'case.read') {
  const found = await requireCase(db, user, caseId);
  if (action !== 'case.read' && !can(user, action, found.access)) throw forbidden();
  return found;
}
