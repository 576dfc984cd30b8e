import { t } from '../i18n/i18n';

/** A flag for a date known less precisely than to the day ("Known to the month"; dossier.precision.*), none for a day. */
export const precisionFlags = (precision: string | null | undefined): string[] => (precision && ['month', 'year', 'approximate', 'range'].includes(precision) ? [t(`dossier.precision.${precision}`)] : []);
