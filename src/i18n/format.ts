import { formatPartialDate } from '../db/partial-date';
import { currentLanguage } from './i18n';

type StoredDate = Parameters<typeof formatPartialDate>[0];

/** A partial date as people of the current language write it ("23 Oct 2005", "23 октября 2005 г."). */
export function formatDate(date: StoredDate): string {
  return formatPartialDate(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** 12,345 in English, 12 345 in Russian. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const lang = currentLanguage();
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang);
    numberFormats.set(lang, f);
  }
  return f.format(n);
}
