import { formatMonthYear, formatPartialDate, monthName, parsePartialDate, TypedPartialDate } from '../../src/db/partial-date';
import { datePhrase, presentDate } from '../../src/records/record-dates';
import { runInLanguage } from '../../src/i18n/i18n';

/**
 * Issue 12, "Dates the way people write them": a stored partial date is shown as the language of
 * the request writes it. English stays exactly as it was; Russian writes "23 октября 2005 г.",
 * "окт. 2005", "2005 г.", "≈ 2005", "между мартом и маем 2006".
 */
const stored = (input: TypedPartialDate) => {
  const result = parsePartialDate(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.message}`);
  return result.date;
};
const show = (lang: 'en' | 'ru', input: TypedPartialDate) => formatPartialDate(stored(input), lang);
const day = (value: string) => ({ precision: 'day', value });
const month = (value: string) => ({ precision: 'month', value });
const year = (value: string) => ({ precision: 'year', value });
const about = (value: string) => ({ precision: 'approximate', value });
const range = (start: string, end: string) => ({ precision: 'range', start, end });

describe('formatPartialDate in English (as before)', () => {
  it.each([
    [day('2005-10-23'), '23 Oct 2005'],
    [day('2006-05-02'), '2 May 2006'],
    [month('2005-10'), 'Oct 2005'],
    [year('2005'), '2005'],
    [about('2005'), 'c. 2005'],
    [about('2005-10'), 'c. Oct 2005'],
    [about('2005-10-23'), 'c. 23 Oct 2005'],
    [range('2005-04', '2005-09'), 'Apr 2005 – Sep 2005'],
    [range('2005-03', '2006-05'), 'Mar 2005 – May 2006'],
    [range('2004', '2006'), '2004 – 2006'],
    [range('2006-03-03', '2006-05-05'), '3 Mar 2006 – 5 May 2006'],
    [range('2006-05-03', '2006-05-05'), '3 May 2006 – 5 May 2006'],
    [range('2005-10-23', '2005-10-23'), '23 Oct 2005'],
    [range('2005-10', '2005-10'), 'Oct 2005'],
  ])('%j is %s', (input, text) => {
    expect(show('en', input)).toBe(text);
  });

  it('names every month as before', () => {
    const names = Array.from({ length: 12 }, (_, i) => show('en', month(`2005-${String(i + 1).padStart(2, '0')}`)));
    expect(names).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => `${m} 2005`));
  });
});

describe('formatPartialDate in Russian', () => {
  it.each([
    [day('2005-10-23'), '23 октября 2005 г.'],
    [day('2006-05-02'), '2 мая 2006 г.'],
    [month('2005-10'), 'окт. 2005'],
    [year('2005'), '2005 г.'],
    [about('2005'), '≈ 2005'],
    [about('2005-10'), '≈ окт. 2005'],
    [about('2005-10-23'), '≈ 23 октября 2005 г.'],
    [about('2005-01-03'), '≈ 3 января 2005 г.'],
    [range('2006-03', '2006-05'), 'между мартом и маем 2006'],
    [range('2005-03', '2006-05'), 'между мартом 2005 и маем 2006'],
    [range('2004', '2006'), 'между 2004 и 2006 гг.'],
    [range('2006-03-03', '2006-05-05'), 'между 3 марта и 5 мая 2006 г.'],
    [range('2006-05-03', '2006-05-05'), 'между 3 и 5 мая 2006 г.'],
    [range('2005-03-03', '2006-05-05'), 'между 3 марта 2005 г. и 5 мая 2006 г.'],
    [range('2005-10-23', '2005-11'), 'между 23 октября и 30 ноября 2005 г.'],
    [range('2005-10-23', '2005-10-23'), '23 октября 2005 г.'],
    [range('2005-10', '2005-10'), 'окт. 2005'],
    [range('2005', '2005'), '2005 г.'],
  ])('%j is %s', (input, text) => {
    expect(show('ru', input)).toBe(text);
  });

  it('writes the months in the standard short forms, not cutting those of four letters or fewer', () => {
    const names = Array.from({ length: 12 }, (_, i) => show('ru', month(`2005-${String(i + 1).padStart(2, '0')}`)));
    expect(names).toEqual(['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'].map((m) => `${m} 2005`));
  });

  it('writes a day with the month in the genitive', () => {
    const names = Array.from({ length: 12 }, (_, i) => show('ru', day(`2005-${String(i + 1).padStart(2, '0')}-01`)));
    expect(names).toEqual(['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'].map((m) => `1 ${m} 2005 г.`));
  });

  it('writes a span of months with the instrumental ("между январём и декабрём")', () => {
    expect(show('ru', range('2005-01', '2005-12'))).toBe('2005 г.'); // the whole year is shown as the year
    expect(show('ru', range('2005-01', '2005-02'))).toBe('между январём и февралём 2005');
    expect(show('ru', range('2005-09', '2005-11'))).toBe('между сентябрём и ноябрём 2005');
    expect(show('ru', range('2005-06', '2005-07'))).toBe('между июнем и июлем 2005');
    expect(show('ru', range('2005-04', '2005-08'))).toBe('между апрелем и августом 2005');
    expect(show('ru', range('2005-10', '2005-12'))).toBe('между октябрём и декабрём 2005');
  });
});

describe('the language of the request', () => {
  it('is the default: English outside a request, the language runInLanguage gives inside one', () => {
    const d = stored(day('2005-10-23'));
    expect(formatPartialDate(d)).toBe('23 Oct 2005');
    expect(runInLanguage('ru', () => formatPartialDate(d))).toBe('23 октября 2005 г.');
    expect(runInLanguage('en', () => formatPartialDate(d))).toBe('23 Oct 2005');
    // An explicit language wins over the request's.
    expect(runInLanguage('ru', () => formatPartialDate(d, 'en'))).toBe('23 Oct 2005');
  });

  it('reaches what the views and the API show (presentDate) and the phrases of sentences (datePhrase)', () => {
    const d = stored(day('2006-05-12'));
    expect(presentDate(d)?.text).toBe('12 May 2006');
    expect(runInLanguage('ru', () => presentDate(d)?.text)).toBe('12 мая 2006 г.');
    expect(datePhrase(d)).toBe('on 12 May 2006');
    expect(datePhrase(stored(month('2006-05')))).toBe('in May 2006');
    expect(datePhrase(stored(about('2005')))).toBe('c. 2005');
    expect(runInLanguage('ru', () => datePhrase(d))).toBe('12 мая 2006 г.');
    expect(runInLanguage('ru', () => datePhrase(stored(year('2006'))))).toBe('в 2006 г.');
    expect(runInLanguage('ru', () => datePhrase(stored(range('2006-03', '2006-05'))))).toBe('между мартом и маем 2006');
    expect(datePhrase(null)).toBe('');
  });

  it('names months for other pictures (the timeline axis) through the same catalogue', () => {
    expect(monthName(10, 'short', 'en')).toBe('Oct');
    expect(monthName(10, 'short', 'ru')).toBe('окт.');
    expect(monthName(5, 'day', 'ru')).toBe('мая');
    expect(monthName(5, 'range', 'ru')).toBe('маем');
    expect(formatMonthYear(2005, 9, 'en')).toBe('Sep 2005');
    expect(formatMonthYear(2005, 9, 'ru')).toBe('сент. 2005');
    expect(runInLanguage('ru', () => formatMonthYear(2005, 6))).toBe('июнь 2005');
  });

  it('formats an absent date as empty in every language', () => {
    expect(formatPartialDate(null, 'ru')).toBe('');
    expect(formatPartialDate({ precision: null, start: null, end: null }, 'ru')).toBe('');
  });
});
