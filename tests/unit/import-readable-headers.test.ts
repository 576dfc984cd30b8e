import { guessColumns } from '../../src/imports/import-mapping';
import { LANGUAGES, runInLanguage, t } from '../../src/i18n/i18n';

/**
 * A spreadsheet exported for people (CSV for Excel, XLSX: headers in the reader's language)
 * maps onto the same import fields as one exported for programs (the column codes), in every
 * language, whatever the language of the person importing it.
 */
describe('import: the export headers for people are aliases of the same fields as the column codes', () => {
  const headersIn = (lang: (typeof LANGUAGES)[number], codes: string[]) => runInLanguage(lang, () => codes.map((c) => t(`columns.${c}`)));

  it.each(LANGUAGES)('reads the case export headers in %s', (lang) => {
    const codes = ['code', 'title', 'status', 'region', 'restricted', 'tags', 'summary'];
    expect(guessColumns('cases', codes)).toEqual(codes);
    expect(guessColumns('cases', headersIn(lang, codes))).toEqual(codes);
  });

  it.each(LANGUAGES)('reads the event export headers in %s', (lang) => {
    const codes = ['date', 'type', 'title', 'place', 'institutions', 'people', 'description'];
    expect(guessColumns('events', codes)).toEqual(codes);
    expect(guessColumns('events', headersIn(lang, codes))).toEqual(codes);
  });

  it.each(LANGUAGES)('reads the allegation export headers in %s', (lang) => {
    expect(guessColumns('allegations', headersIn(lang, ['victim', 'summary', 'methods', 'purposes', 'perpetrators', 'duration', 'status']))).toEqual(['victim', 'summary', 'methods', 'purposes', 'perpetrator_people', 'duration', 'status']);
  });

  it('reads the Russian headers with any case and spacing, and leaves unknown ones unmapped', () => {
    expect(guessColumns('cases', ['  КОД ДЕЛА ', 'Название:', 'Цвет глаз'])).toEqual(['code', 'title', null]);
  });

  it('lets an alias written for imports win over an export header of another field', () => {
    // "Description" is both the events' own alias and the export header of the description column.
    expect(guessColumns('events', ['Description', 'Описание'])).toEqual(['description', null]);
  });
});
