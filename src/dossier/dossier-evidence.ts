import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { CaseAccess } from '../cases/case.policy';
import { listEvidence, filesOf } from '../evidence/evidence.service';
import { can } from '../auth/policy';
import { DossierItem } from './dossier.model';
import { formatPartialDate, DatePrecision } from '../db/partial-date';
import { t } from '../i18n/i18n';

/** The evidence the user may see, with each file's SHA-256 so a reader can check the originals. */
export async function evidenceVisibilityFor(ds: DataSource, user: CurrentUser, caseId: number, access: CaseAccess): Promise<DossierItem[]> {
  const items = await listEvidence(ds, user, caseId, access);
  const files = await filesOf(ds, items.map((i) => i.id));
  return items.map((item) => {
    const own = files.filter((f) => f.itemId === item.id);
    const seesFiles = can(user, 'evidence.files', { ...access, confidentiality: item.confidentiality });
    const content = item.contentDate?.precision ? formatPartialDate({ precision: item.contentDate.precision as DatePrecision, start: item.contentDate.start!, end: item.contentDate.end! }) : null;
    return {
      anchor: `evidence-${item.id}`,
      heading: item.title,
      date: content || null,
      facts: [
        [t('dossier.facts.type'), t(`manifest.evidenceTypes.${item.type}`, { defaultValue: item.type.replace(/_/g, ' ') })],
        ...(item.receivedFrom ? ([[t('dossier.facts.receivedFrom'), item.receivedFrom]] as [string, string][]) : []),
        ...(seesFiles
          ? own.map((f): [string, string] => [t('dossier.evidence.file', { position: f.position }), t('dossier.evidence.fileFacts', { name: f.originalName, size: f.size, sha256: f.sha256 })])
          : ([[t('dossier.facts.files'), t('dossier.evidence.filesHidden', { n: own.length })]] as [string, string][])),
      ],
      text: item.description,
      flags: item.confidentiality === 'normal' ? [] : [t(`manifest.confidentiality.${item.confidentiality}`)],
    };
  });
}
