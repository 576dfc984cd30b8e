import { hasKey, t } from '../i18n/i18n';

/**
 * The catalogue key of an action's wording: `audit.actions.<type>.<verb>`, a verb of several
 * parts joined by `_` (`transfer.export.start` -> `audit.actions.transfer.export_start`).
 */
export function auditActionKey(action: string): string {
  const [type, ...verb] = action.split('.');
  return `audit.actions.${type}.${verb.join('_')}`;
}

/**
 * What an audit action did, in the reader's language ("added a person to the case", "в дело
 * добавлен участник"). Every code the code base writes has its own wording
 * (tests/unit/audit-action-wording.test.ts); an entry written by an older or newer version
 * falls back to the words for its record type and verb.
 */
export function auditActionText(action: string): string {
  const key = auditActionKey(action);
  if (/^[a-z_.]+$/.test(action) && hasKey(key)) return t(key);
  const [type, verb] = action.split('.');
  return t('history.action', {
    verb: t(`history.verbs.${verb}`, { defaultValue: (verb ?? '').replace(/_/g, ' ') }),
    type: t(`history.types.${type}`, { defaultValue: (type ?? '').replace(/_/g, ' ') }),
  }).trim();
}

/** Who acted, as people read it: the user's name, else the command line or the system in words, else the label recorded. */
export function auditActorText(e: { actorUserId: number | null; actorLabel: string; actorName?: string | null }): string {
  if (e.actorName) return e.actorName;
  if (e.actorUserId === null && (e.actorLabel === 'cli' || e.actorLabel === 'system')) return t(`audit.actors.${e.actorLabel}`);
  return e.actorLabel;
}
