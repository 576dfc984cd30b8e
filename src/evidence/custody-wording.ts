import { t } from '../i18n/i18n';
import { formatBytes } from './evidence-upload';
import type { CustodyEntry } from './evidence-custody';

/** What a custody entry needs to know of its item: where it came from, and the files this reader may see. */
export interface CustodyContext {
  receivedFrom: string | null;
  files: { id: number; position: number; name: string }[];
}

/** A custody entry in plain words: one sentence, the hash it names (shown apart, to copy), and the note typed with it. */
export interface CustodyWords {
  text: string;
  sha256: string | null;
  note: string | null;
}

const HOW = new Set(['in_person', 'email', 'messenger', 'court_file', 'other']);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/**
 * "Received in person from Zarema K., entered by Anna Petrova." / "Получено лично от …, внесено:
 * Анна Петрова." Each kind of entry is worded from its recorded details
 * (`evidence.custody.says.*`); a file is named by its number and name only when the reader may
 * see the item's files.
 */
export function custodyWords(e: Pick<CustodyEntry, 'action' | 'actor' | 'detail' | 'fields' | 'label'>, ctx: CustodyContext): CustodyWords {
  const d = e.detail;
  const file = () => {
    const f = ctx.files.find((x) => x.id === Number(d.fileId));
    return f ? t('evidence.custody.says.file', { position: f.position, name: f.name }) : t('evidence.custody.says.aFile');
  };
  const words = (text: string, sha256: unknown = null): CustodyWords => ({ text, sha256: str(sha256), note: str(d.note) });
  switch (e.action) {
    case 'evidence.received': {
      const how = typeof d.how === 'string' && HOW.has(d.how) ? t(`evidence.custody.says.how.${d.how}`) : null;
      const from = ctx.receivedFrom?.trim() || null;
      const key = how && from ? 'receivedHowFrom' : how ? 'receivedHow' : from ? 'receivedFrom' : 'received';
      return words(t(`evidence.custody.says.${key}`, { how, from, who: e.actor }));
    }
    case 'evidence.stored':
      return words(t('evidence.custody.says.stored', { file: file(), mime: str(d.mime) ?? '—', size: typeof d.size === 'number' ? formatBytes(d.size) : '—' }), d.sha256);
    case 'evidence.downloaded':
      return words(t('evidence.custody.says.downloaded', { file: file() }), d.sha256);
    case 'evidence.viewed':
      return words(t('evidence.custody.says.viewed'));
    case 'evidence.exported':
      return words(t('evidence.custody.says.exported', { bundle: d.bundleId ?? '—', count: Number(d.files ?? 0) }));
    case 'evidence.transferred':
      return words(str(d.to) ? t('evidence.custody.says.transferredTo', { to: d.to }) : t('evidence.custody.says.transferred'));
    case 'evidence.paper_location':
      return words(str(d.location) ? t('evidence.custody.says.paperLocation', { location: d.location }) : t('evidence.custody.says.paperLocationCleared'));
    case 'evidence.disposed':
      return words(t('evidence.custody.says.disposed'));
    case 'evidence.integrity_failed':
      return words(
        t(d.problem === 'missing' ? 'evidence.custody.says.integrityMissing' : 'evidence.custody.says.integrityMismatch', {
          file: file(),
          when: t(d.detectedBy === 'download' ? 'evidence.custody.says.onDownload' : 'evidence.custody.says.inCheck'),
        }),
        d.expected,
      );
    case 'evidence_item.create':
      return words(t('evidence.custody.says.created', { who: e.actor }));
    case 'evidence_item.update':
      return words(t('evidence.custody.says.updated', { fields: e.fields.map((f) => t(`evidence.custody.fieldNames.${f}`, { defaultValue: f })).join(', ') || '—' }));
    default:
      return words(e.label);
  }
}
