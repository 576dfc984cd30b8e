import { TrashItem } from './trash-item.entity';

/** Where the record lives again once restored. */
export function addressOf(item: Pick<TrashItem, 'recordType' | 'recordId' | 'caseId'>): string | null {
  switch (item.recordType) {
    case 'case_record':
      return `/cases/${item.recordId}`;
    case 'person':
      return `/people/${item.recordId}`;
    case 'institution':
      return `/institutions/${item.recordId}`;
    case 'source':
      return `/sources/${item.recordId}`;
    default:
      return item.caseId ? `/cases/${item.caseId}` : null;
  }
}

/** A trash item for the list and the API: never the snapshot itself. */
export function presentTrashItem(item: TrashItem) {
  return {
    id: item.id,
    kind: item.kind,
    label: item.label,
    recordType: item.recordType,
    recordId: item.recordId,
    caseId: item.caseId,
    caseCode: item.caseCode,
    restricted: item.restricted,
    deletedBy: item.deletedByLabel,
    deletedById: item.deletedById,
    deletedAt: item.deletedAt instanceof Date ? item.deletedAt.toISOString() : item.deletedAt,
    rows: item.rowCount,
    address: addressOf(item),
  };
}
export type TrashItemView = ReturnType<typeof presentTrashItem>;
