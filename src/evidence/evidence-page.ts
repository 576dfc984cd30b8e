import { DataSource } from 'typeorm';
import { can } from '../auth/policy';
import { CurrentUser } from '../http/context';
import { requireItem, requireEvidenceCase } from './evidence-access';
import { annotationsOf, custodyLog } from './evidence-custody';
import { custodyWords } from './custody-wording';
import { LINK_KINDS } from './evidence-constants';
import { linkChoices, linksOfItems } from './evidence-links';
import { EvidenceFilter, filesOf, listEvidence } from './evidence.service';
import { EvidenceAccess } from './evidence.policy';
import { presentItem, presentItemSummary, Visibility } from './evidence.presenter';
import { User } from '../users/user.entity';

export function visibilityFor(user: CurrentUser, access: EvidenceAccess): Visibility {
  return { files: can(user, 'evidence.files', access), gps: can(user, 'evidence.gps', access) && can(user, 'evidence.files', access) };
}

/** The evidence of a case as this user may see it, with thumbnails and links. */
export async function loadEvidenceList(ds: DataSource, user: CurrentUser, caseId: number, filter: EvidenceFilter = {}) {
  const { record, access } = await requireEvidenceCase(ds, user, caseId);
  const items = await listEvidence(ds, user, caseId, access, filter);
  const files = await filesOf(ds, items.map((i) => i.id));
  const links = await linksOfItems(ds, user, caseId, items.map((i) => i.id));
  return {
    caseRecord: { id: record.id, code: record.code, title: record.title, restricted: record.restricted },
    access,
    items: items.map((item) => {
      const v = visibilityFor(user, { ...access, confidentiality: item.confidentiality });
      return { ...presentItemSummary(caseId, item, files.filter((f) => f.itemId === item.id), v), links: links.get(item.id) ?? [] };
    }),
    linkOptions: await linkChoices(ds, user, caseId),
    canUpload: can(user, 'evidence.create', access),
    canExport: can(user, 'evidence.export', access),
  };
}

/** One item for its page or the API: files, provenance, links, custody log, and privileged annotations for lawyers and admins. */
export async function loadEvidenceItem(ds: DataSource, user: CurrentUser, caseId: number, itemId: number) {
  const { caseRecord, item, access } = await requireItem(ds, user, caseId, itemId);
  const files = await filesOf(ds, [item.id]);
  const v = visibilityFor(user, access);
  const annotationsVisible = can(user, 'evidence.annotations', access);
  const annotations = annotationsVisible ? await annotationsOf(ds, item.id) : [];
  const people = new Map((await ds.getRepository(User).find({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const presented = presentItem(caseId, item, files, v);
  const wording = { receivedFrom: item.receivedFrom, files: presented.files.map((f) => ({ id: f.id, position: f.position, name: f.name })) };
  return {
    caseRecord: { id: caseRecord.id, code: caseRecord.code, title: caseRecord.title },
    access,
    entity: item,
    item: {
      ...presented,
      enteredBy: item.enteredById ? (people.get(item.enteredById) ?? null) : null,
      links: (await linksOfItems(ds, user, caseId, [item.id])).get(item.id) ?? [],
      custody: (await custodyLog(ds, item.id)).map((e) => ({ ...e, says: custodyWords(e, wording) })),
      annotations: annotationsVisible ? annotations.map((a) => ({ id: a.id, body: a.body, author: a.createdById ? (people.get(a.createdById) ?? null) : null, createdAt: a.createdAt.toISOString() })) : null,
    },
    allowed: {
      update: can(user, 'evidence.update', access),
      custody: can(user, 'evidence.custody', access),
      annotate: annotationsVisible,
      files: v.files,
      gps: v.gps,
    },
    linkKinds: LINK_KINDS,
    linkOptions: can(user, 'evidence.update', access) ? await linkChoices(ds, user, caseId) : [],
  };
}
