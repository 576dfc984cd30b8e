import { t } from '../i18n/i18n';

/**
 * A fixed table of labels (`{ month: 'month only', ... }`) read from the catalogues when it is
 * read, so it follows the language of the request being served: `labels.month` is
 * `t('<prefix>.month')`. Modules keep exporting a plain-looking record, and code that indexes it
 * (`COURT_STATUS_LABELS[code]`) needs no change.
 */
export function catalogueLabels<K extends string>(prefix: string, codes: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const code of codes) Object.defineProperty(out, code, { enumerable: true, get: () => t(`${prefix}.${code}`) });
  return Object.freeze(out);
}
