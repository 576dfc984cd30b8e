import { parsePartialDate, PartialDateValue, TypedPartialDate } from '../../src/db/partial-date';
import { runInLanguage } from '../../src/i18n/i18n';

/**
 * Issue 12, "Dates the way people write them": input is read in both languages whatever the
 * interface language, with its precision kept; ambiguous or impossible input is refused with a
 * message in the user's language, on the field it belongs to.
 */
const LANGS = ['en', 'ru'] as const;
type Lang = (typeof LANGS)[number];

const parse = (lang: Lang, input: TypedPartialDate) => runInLanguage(lang, () => parsePartialDate(input));
const ok = (lang: Lang, input: TypedPartialDate): PartialDateValue => {
  const result = parse(lang, input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse in ${lang}: ${result.message}`);
  return result.date;
};
const refused = (lang: Lang, input: TypedPartialDate) => {
  const result = parse(lang, input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused in ${lang}, got ${JSON.stringify(result.date)}`);
  return { field: result.field, message: result.message };
};

const DAY = { precision: 'day', start: '2005-10-23', end: '2005-10-23' };
const MONTH = { precision: 'month', start: '2005-10-01', end: '2005-10-31' };
const YEAR = { precision: 'year', start: '2005-01-01', end: '2005-12-31' };
const ABOUT_YEAR = { precision: 'approximate', start: '2004-01-01', end: '2006-12-31' };
const ABOUT_MONTH = { precision: 'approximate', start: '2005-09-01', end: '2005-11-30' };
const ABOUT_DAY = { precision: 'approximate', start: '2005-10-16', end: '2005-10-30' };

/** Every form the issue names, and the variants people type, with what each stores. */
const ACCEPTED: [string, object][] = [
  // ISO
  ['2005', YEAR],
  ['2005-10', MONTH],
  ['2005-10-23', DAY],
  // Numbers with dots (day first) and slashes that have only one reading
  ['23.10.2005', DAY],
  ['23.10.2005.', DAY],
  ['3.1.2005', { precision: 'day', start: '2005-01-03', end: '2005-01-03' }],
  ['10.2005', MONTH],
  ['10/2005', MONTH],
  ['23/10/2005', DAY],
  ['10/23/2005', DAY],
  ['10/10/2005', { precision: 'day', start: '2005-10-10', end: '2005-10-10' }],
  // Russian words
  ['23 октября 2005', DAY],
  ['23 октября 2005 г.', DAY],
  ['23 октября 2005 года', DAY],
  ['23-го октября 2005', DAY],
  ['23.10.2005 г.', DAY],
  ['октябрь 2005', MONTH],
  ['октябрь 2005 года', MONTH],
  ['окт 2005', MONTH],
  ['окт. 2005', MONTH],
  ['окт.2005', MONTH],
  ['в октябре 2005', MONTH],
  ['сент. 2005', { precision: 'month', start: '2005-09-01', end: '2005-09-30' }],
  ['сен 2005', { precision: 'month', start: '2005-09-01', end: '2005-09-30' }],
  ['февр. 2005', { precision: 'month', start: '2005-02-01', end: '2005-02-28' }],
  ['май 2005', { precision: 'month', start: '2005-05-01', end: '2005-05-31' }],
  ['1 мая 2005', { precision: 'day', start: '2005-05-01', end: '2005-05-01' }],
  ['1 Мая 2005', { precision: 'day', start: '2005-05-01', end: '2005-05-01' }],
  ['23 окт. 2005 г.', DAY],
  ['2005 г.', YEAR],
  ['2005г.', YEAR],
  ['2005 год', YEAR],
  ['в 2005 году', YEAR],
  // English words
  ['October 2005', MONTH],
  ['Oct 2005', MONTH],
  ['Oct. 2005', MONTH],
  ['Sept 2005', { precision: 'month', start: '2005-09-01', end: '2005-09-30' }],
  ['23 Oct 2005', DAY],
  ['23 October 2005', DAY],
  ['23rd October 2005', DAY],
  ['October 23, 2005', DAY],
  ['Oct 23 2005', DAY],
  // Case and spaces are forgiven
  ['  23   ОКТЯБРЯ   2005  ', DAY],
  ['OCTOBER 2005', MONTH],
  ['oct 2005', MONTH],
  ['23\u00a0октября\u00a02005\u00a0г.', DAY],
  // Approximate markers give the approximate precision, at the granularity typed
  ['около 2005', ABOUT_YEAR],
  ['Около 2005 г.', ABOUT_YEAR],
  ['ок. 2005', ABOUT_YEAR],
  ['ок 2005', ABOUT_YEAR],
  ['примерно 2005', ABOUT_YEAR],
  ['примерно в 2005 году', ABOUT_YEAR],
  ['около октября 2005', ABOUT_MONTH],
  ['примерно окт 2005', ABOUT_MONTH],
  ['около 23 октября 2005 г.', ABOUT_DAY],
  ['ок. 23.10.2005', ABOUT_DAY],
  ['c. 2005', ABOUT_YEAR],
  ['c.2005', ABOUT_YEAR],
  ['C. Oct 2005', ABOUT_MONTH],
  ['ca. 2005', ABOUT_YEAR],
  ['ca 2005', ABOUT_YEAR],
  ['circa 2005', ABOUT_YEAR],
  ['about October 2005', ABOUT_MONTH],
  ['about 23 Oct 2005', ABOUT_DAY],
  ['~2005', ABOUT_YEAR],
  ['~ 2005-10', ABOUT_MONTH],
  ['≈ 2005', ABOUT_YEAR],
  ['≈23.10.2005', ABOUT_DAY],
];

describe('parsePartialDate: dates as people write them', () => {
  it.each(LANGS.flatMap((lang) => ACCEPTED.map(([text, date]) => [lang, text, date] as const)))('in %s, %j is read with its precision', (lang, text, date) => {
    expect(ok(lang, { precision: 'auto', value: text })).toEqual(date);
  });

  it('treats an omitted precision as "as typed", and start and end without a value as a range', () => {
    expect(ok('en', { value: 'окт 2005' })).toEqual(MONTH);
    expect(ok('ru', { precision: null, value: '23.10.2005' })).toEqual(DAY);
    expect(ok('ru', { precision: 'auto', start: 'март 2006', end: 'май 2006' })).toEqual({ precision: 'range', start: '2006-03-01', end: '2006-05-31' });
    expect(ok('en', { start: '2004', end: '2006' })).toEqual({ precision: 'range', start: '2004-01-01', end: '2006-12-31' });
  });

  it('keeps the explicit choices when what is typed agrees with them', () => {
    for (const lang of LANGS) {
      expect(ok(lang, { precision: 'day', value: '23.10.2005' })).toEqual(DAY);
      expect(ok(lang, { precision: 'day', value: '23 октября 2005 г.' })).toEqual(DAY);
      expect(ok(lang, { precision: 'month', value: 'окт 2005' })).toEqual(MONTH);
      expect(ok(lang, { precision: 'month', value: '10.2005' })).toEqual(MONTH);
      expect(ok(lang, { precision: 'year', value: '2005 г.' })).toEqual(YEAR);
      // "Approximately" makes any date approximate, with or without a marker.
      expect(ok(lang, { precision: 'approximate', value: 'окт 2005' })).toEqual(ABOUT_MONTH);
      expect(ok(lang, { precision: 'approximate', value: 'около 2005' })).toEqual(ABOUT_YEAR);
      expect(ok(lang, { precision: 'approximate', value: '23 Oct 2005' })).toEqual(ABOUT_DAY);
    }
  });

  it('reads each end of a range in the same forms', () => {
    for (const lang of LANGS) {
      expect(ok(lang, { precision: 'range', start: 'март 2006', end: 'май 2006' })).toEqual({ precision: 'range', start: '2006-03-01', end: '2006-05-31' });
      expect(ok(lang, { precision: 'range', start: '3.03.2006', end: '5 мая 2006 г.' })).toEqual({ precision: 'range', start: '2006-03-03', end: '2006-05-05' });
      expect(ok(lang, { precision: 'range', start: 'Apr 2005', end: '2005-09' })).toEqual({ precision: 'range', start: '2005-04-01', end: '2005-09-30' });
      expect(ok(lang, { precision: 'range', start: '2004 г.', end: '2006' })).toEqual({ precision: 'range', start: '2004-01-01', end: '2006-12-31' });
    }
  });

  it('never stores "auto"', () => {
    for (const [text] of ACCEPTED) expect(ok('ru', { precision: 'auto', value: text }).precision).not.toBe('auto');
  });
});

/** Refused input: the field, and the message in English and in Russian. */
const REFUSED: [TypedPartialDate, 'value' | 'start' | 'end' | 'precision', string, string][] = [
  [{ value: '31.02.2005' }, 'value', '31.02.2005 is not a day in the calendar', 'В календаре нет дня 31.02.2005'],
  [{ value: '31 февраля 2005' }, 'value', '31 февраля 2005 is not a day in the calendar', 'В календаре нет дня 31 февраля 2005'],
  [{ value: '2005-02-29' }, 'value', '2005-02-29 is not a day in the calendar', 'В календаре нет дня 2005-02-29'],
  [{ value: '13/13/2005' }, 'value', '13/13/2005 is not a day in the calendar', 'В календаре нет дня 13/13/2005'],
  [{ value: '31/02/2005' }, 'value', '31/02/2005 is not a day in the calendar', 'В календаре нет дня 31/02/2005'],
  [
    { value: '10/11/2005' },
    'value',
    '10/11/2005 can be read as 10 Nov 2005 or as 11 Oct 2005: write the month as a word, or the date as YYYY-MM-DD',
    '10/11/2005 можно прочесть и как 10 ноября 2005 г., и как 11 октября 2005 г.: напишите месяц словом или дату через точки (день.месяц.год)',
  ],
  [
    { value: '03-04-2005' },
    'value',
    '03-04-2005 can be read as 3 Apr 2005 or as 4 Mar 2005: write the month as a word, or the date as YYYY-MM-DD',
    '03-04-2005 можно прочесть и как 3 апреля 2005 г., и как 4 марта 2005 г.: напишите месяц словом или дату через точки (день.месяц.год)',
  ],
  [{ value: '2005-13' }, 'value', 'The month must be between 01 and 12', 'Номер месяца должен быть от 01 до 12'],
  [{ value: '23.13.2005' }, 'value', 'The month must be between 01 and 12', 'Номер месяца должен быть от 01 до 12'],
  [{ value: '13.2005' }, 'value', 'The month must be between 01 and 12', 'Номер месяца должен быть от 01 до 12'],
  [{ value: '1850' }, 'value', 'The year must be between 1900 and 2100', 'Год должен быть от 1900 до 2100'],
  [{ value: '23 октября 2105' }, 'value', 'The year must be between 1900 and 2100', 'Год должен быть от 1900 до 2100'],
  [{ value: '23.10.05' }, 'value', 'Write the year with four digits (2005, not 05)', 'Напишите год четырьмя цифрами (2005, а не 05)'],
  [{ value: 'окт 05' }, 'value', 'Write the year with four digits (2005, not 05)', 'Напишите год четырьмя цифрами (2005, а не 05)'],
  [{ value: 'Octember 2005' }, 'value', '“Octember” is not the name of a month', '«Octember» — не название месяца'],
  [{ value: '23 ма 2005' }, 'value', '“ма” is not the name of a month', '«ма» — не название месяца'],
  [{ value: 'yesterday' }, 'value', 'Write the date as 2005-10-23, 23.10.2005, 23 Oct 2005, Oct 2005 or 2005', 'Напишите дату так: 23.10.2005, 23 октября 2005, окт 2005, 10.2005 или 2005'],
  [{ value: '23 октября' }, 'value', 'Write the date as 2005-10-23, 23.10.2005, 23 Oct 2005, Oct 2005 or 2005', 'Напишите дату так: 23.10.2005, 23 октября 2005, окт 2005, 10.2005 или 2005'],
  [{ value: 'около' }, 'value', 'Write the date as 2005-10-23, 23.10.2005, 23 Oct 2005, Oct 2005 or 2005', 'Напишите дату так: 23.10.2005, 23 октября 2005, окт 2005, 10.2005 или 2005'],
  [{ value: '   ' }, 'value', 'Enter a date', 'Введите дату'],
  [{ precision: 'auto' }, 'value', 'Enter a date', 'Введите дату'],
  [{ precision: 'week', value: '2005' }, 'precision', 'Choose one of: auto, day, month, year, approximate, range', 'Выберите одно из значений: auto, day, month, year, approximate, range'],
  // An explicit choice that what was typed does not match.
  [
    { precision: 'month', value: '23.10.2005' },
    'value',
    'A month date is written YYYY-MM, 10.2005 or Oct 2005; to keep “23.10.2005” as it is written, choose “As typed”',
    'Месяц пишется так: 10.2005, окт 2005 или 2005-10; чтобы сохранить «23.10.2005» так, как написано, выберите «Как написано»',
  ],
  [
    { precision: 'day', value: 'окт 2005' },
    'value',
    'A day date is written YYYY-MM-DD, 23.10.2005 or 23 Oct 2005; to keep “окт 2005” as it is written, choose “As typed”',
    'Точный день пишется так: 23.10.2005, 23 октября 2005 или 2005-10-23; чтобы сохранить «окт 2005» так, как написано, выберите «Как написано»',
  ],
  [
    { precision: 'year', value: '2006-05' },
    'value',
    'A year date is written YYYY; to keep “2006-05” as it is written, choose “As typed”',
    'Год пишется четырьмя цифрами: 2005; чтобы сохранить «2006-05» так, как написано, выберите «Как написано»',
  ],
  [
    { precision: 'year', value: 'около 2005' },
    'value',
    '“около 2005” is approximate: choose “Approximately” or “As typed”',
    '«около 2005» — приблизительная дата: выберите «Приблизительно» или «Как написано»',
  ],
  // Ranges
  [{ precision: 'range', end: 'май 2006' }, 'start', 'Enter the start of the range', 'Введите начало периода'],
  [{ precision: 'range', start: 'март 2006' }, 'end', 'Enter the end of the range', 'Введите конец периода'],
  [{ precision: 'range', start: 'май 2006', end: 'март 2006' }, 'end', 'The end of the range is before its start', 'Конец периода раньше его начала'],
  [{ precision: 'range', start: '31.02.2005', end: '2006' }, 'start', '31.02.2005 is not a day in the calendar', 'В календаре нет дня 31.02.2005'],
  [{ precision: 'range', start: '2005', end: '10/11/2006' }, 'end', '10/11/2006 can be read as 10 Nov 2006 or as 11 Oct 2006: write the month as a word, or the date as YYYY-MM-DD', '10/11/2006 можно прочесть и как 10 ноября 2006 г., и как 11 октября 2006 г.: напишите месяц словом или дату через точки (день.месяц.год)'],
  [
    { precision: 'range', start: 'около 2004', end: '2006' },
    'start',
    'Write the start and the end of a range without “about”: the range itself says the date is uncertain',
    'Начало и конец периода пишутся без «около»: период сам говорит, что дата неточна',
  ],
];

describe('parsePartialDate: refused input, worded in the user’s language', () => {
  it.each(REFUSED)('%j is refused on %s', (input, field, en, ru) => {
    expect(refused('en', input)).toEqual({ field, message: en });
    expect(refused('ru', input)).toEqual({ field, message: ru });
  });

  it('outside a request (CLI, jobs) words messages in English', () => {
    expect(parsePartialDate({ value: '31.02.2005' })).toEqual({ ok: false, field: 'value', message: '31.02.2005 is not a day in the calendar' });
  });
});
