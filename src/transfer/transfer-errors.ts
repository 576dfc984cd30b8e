import { t } from '../i18n/i18n';

/**
 * Why an export or a restore was refused, as a code with its facts; the words are in the
 * catalogues (`transfer.errors.<code>`), so the page and the command line say the same thing.
 */
export type TransferErrorCode =
  | 'notAZip'
  | 'tooManyMembers'
  | 'tooLarge'
  | 'zipBomb'
  | 'unexpectedMember'
  | 'duplicateMember'
  | 'noManifest'
  | 'badManifest'
  | 'otherFormat'
  | 'otherVersion'
  | 'memberMissing'
  | 'memberNotListed'
  | 'memberAltered'
  | 'badLine'
  | 'lineTooLong'
  | 'countMismatch'
  | 'evidenceMissing'
  | 'evidenceAltered'
  | 'auditBroken'
  | 'checkpointInvalid'
  | 'brokenReferences'
  | 'targetNotEmpty'
  | 'originalUnreadable';

export class TransferError extends Error {
  constructor(
    readonly code: TransferErrorCode,
    readonly facts: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(facts)}`);
  }

  /** In the current language (the command line's is English). */
  describe(): string {
    return t(`transfer.errors.${this.code}`, this.facts);
  }
}
