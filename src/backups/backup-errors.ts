import { t } from '../i18n/i18n';

/**
 * Why a backup, its check or its restore was refused, as a code with its facts; the words are in
 * the catalogues (`backup.errors.<code>`), so the admin page and the command line say the same.
 */
export type BackupErrorCode =
  | 'noRecipients'
  | 'badRecipient'
  | 'dirUnusable'
  | 'objectMissing'
  | 'objectAltered'
  | 'wrongKey'
  | 'damaged'
  | 'notABackup'
  | 'badManifest'
  | 'partAltered'
  | 'earlierMissing'
  | 'earlierOther'
  | 'targetNotEmpty'
  | 'restoredBroken'
  | 'unreadable';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly facts: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(facts)}`);
  }

  /** In the current language (the command line's is English). */
  describe(): string {
    return t(`backup.errors.${this.code}`, this.facts);
  }
}
