import { casebookColumns, casebookExportOf, dateText } from '../../src/imports/import-casebook';
import { csvSafe, csvUnsafe } from '../../src/exports/export-columns';
import { COLUMNS } from '../../src/exports/export.service';
import { guessColumns, guessKind } from '../../src/imports/import-mapping';
import { readDate } from '../../src/imports/import-values';
import { parsePartialDate } from '../../src/db/partial-date';
import { BLNS } from '../support/blns';

/** The pure parts of reading Casebook's own exports back (src/imports/import-casebook.ts). */
describe('Casebook export preset', () => {
  it('recognises every export file it maps by its column codes, and not a spreadsheet that merely shares a few', () => {
    const expected: Record<string, string> = { cases: 'cases', people: 'people', institutions: 'institutions', events: 'events', allegations: 'allegations', complaints: 'complaints', investigations: 'investigations', decisions: 'investigation_decisions' };
    for (const [file, kind] of Object.entries(expected)) {
      const header = COLUMNS[file as keyof typeof COLUMNS];
      expect({ file, kind: casebookExportOf(header)?.kind }).toEqual({ file, kind });
      expect({ file, kind: guessKind(`casebook-${file}-2026-12-02`, header) }).toEqual({ file, kind });
    }
    // A user's own sheet with some of our words is read by the ordinary aliases.
    expect(casebookExportOf(['code', 'title', 'status', 'summary'])).toBeNull();
    expect(casebookExportOf(['caseCode', 'date', 'type', 'title'])).toBeNull();
    expect(guessColumns('cases', ['code', 'title', 'status'])).toEqual(['code', 'title', 'status']);
    // Statements and proceedings are not read back yet: their exports fall to the ordinary aliases.
    expect(casebookExportOf(COLUMNS.statements)).toBeNull();
    expect(casebookExportOf(COLUMNS.proceedings)).toBeNull();
  });

  it('maps each export column to its field, and leaves the summaries (counts, last outcome, labels of links) unmapped', () => {
    const columns = casebookColumns('events', COLUMNS.events)!;
    const mapped = Object.fromEntries(COLUMNS.events.map((c, i) => [c, columns[i]]).filter(([, f]) => f));
    expect(mapped).toEqual({ eventId: 'external_id', caseCode: 'case_ref', type: 'type', date: 'date', title: 'title', place: 'place', region: 'region', description: 'description', institutionIds: 'institutions', personIds: 'people', personRoles: 'people_roles' });
    expect(casebookColumns('cases', COLUMNS.events)).toBeNull();
  });

  it('writes every stored date as words the import reads back to the same precision, earliest and latest day', () => {
    const dates = [
      { precision: 'day', value: '2005-10-13' },
      { precision: 'month', value: '2005-12' },
      { precision: 'year', value: '1900' },
      { precision: 'approximate', value: 'около 2005' },
      { precision: 'approximate', value: 'около 2005-12' },
      { precision: 'approximate', value: 'около 2005-01' },
      { precision: 'approximate', value: 'около 2004-02-29' },
      { precision: 'approximate', value: 'около 2005-01-01' },
      { precision: 'range', start: '2005-03-01', end: '2005-05-31' },
      { precision: 'range', start: '2005-10-13', end: '2005-10-13' },
    ];
    for (const input of dates) {
      const stored = parsePartialDate(input);
      if (!stored.ok) throw new Error(`${JSON.stringify(input)}: ${stored.message}`);
      const { precision, start, end } = stored.date;
      expect({ input, back: readDate(dateText(precision, start, end)!) }).toEqual({ input, back: stored.date });
    }
    expect(dateText('decade', '2000-01-01', '2009-12-31')).toBeNull();
    expect(dateText('day', '13.10.2005', '13.10.2005')).toBeNull();
  });

  it('takes away exactly the apostrophe a CSV export puts before a formula, whatever the text', () => {
    for (const text of [...BLNS, '=1+1', "'=1+1", "''@x", "'plain", "'", '-5', '\t=x']) {
      const cell = csvSafe(text);
      expect(typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell)).toBe(false);
      expect({ text, back: csvUnsafe(String(cell)) }).toEqual({ text, back: text });
    }
  });
});
