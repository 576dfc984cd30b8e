import type { ImportNotice, ImportRow, ImportSheet } from './import-file';

/**
 * HURIDOCS Uwazi's CSV export (issue 13, "Formats users bring"). Uwazi writes one file for the
 * entities a user selected, whatever their templates: the common columns "Title", "Date added",
 * "Template", then every template's property columns, then "Geolocation" (`lat|lon`),
 * "Documents", "Attachments", "Published". Multi-select values are joined with `|`, a thesaurus
 * child is written `Parent::Child`, dates as text or (in files made for Uwazi's import) as Unix
 * time, date ranges `from ~ to`, and translated columns carry a `__xx` language suffix.
 *
 * Casebook's import maps one sheet to one record kind, so an Uwazi file is read as one sheet per
 * template ("Case", "Victim", ...): each sheet is the rows of that template, with the file's line
 * numbers, and the template name guides the kind. Everything else is read by the ordinary column
 * and value rules (see the aliases in import-fields.ts and readDate in import-values.ts).
 */

/** A header as Uwazi writes it, without a translation suffix ("Title__ru" → "title"). */
export const uwaziHeader = (h: string) => h.normalize('NFC').trim().toLowerCase().replace(/__[a-z]{2,3}$/, '');

const COMMON = ['title', 'template'];
const TRAILING = ['date added', 'published', 'documents', 'attachments', 'geolocation'];

/** Whether a header is Uwazi's: it has Title and Template, and at least one other of Uwazi's common columns. */
export function isUwaziHeader(header: string[]): boolean {
  const names = new Set(header.map(uwaziHeader));
  return COMMON.every((c) => names.has(c)) && TRAILING.some((c) => names.has(c));
}

/** The sheet name of rows without a template (should not happen in a real export). */
export const NO_TEMPLATE = '—';

/**
 * Splits a sheet of an Uwazi export into one sheet per template, in the order templates first
 * appear; other sheets are returned as they are. Reads the rows once more to count them.
 */
export async function splitUwaziSheets(sheets: ImportSheet[], notices: ImportNotice[]): Promise<ImportSheet[]> {
  const out: ImportSheet[] = [];
  for (const sheet of sheets) {
    if (!isUwaziHeader(sheet.header)) {
      out.push(sheet);
      continue;
    }
    const column = sheet.header.findIndex((h) => uwaziHeader(h) === 'template');
    const counts = new Map<string, number>();
    for await (const row of sheet.rows()) {
      const name = templateOf(row, column);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    notices.push({ code: 'uwazi-export', sheet: sheet.name, count: counts.size });
    const taken = new Set(out.map((s) => s.name.toLowerCase()));
    for (const [template, rowCount] of counts) {
      let name = template;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${template} (${n})`;
      taken.add(name.toLowerCase());
      out.push({
        name,
        header: sheet.header,
        rowCount,
        rows: () => onlyTemplate(sheet.rows(), column, template),
      });
    }
  }
  return out;
}

function templateOf(row: ImportRow, column: number): string {
  return (row.cells[column] ?? '').trim().slice(0, 100) || NO_TEMPLATE;
}

async function* onlyTemplate(rows: AsyncIterable<ImportRow>, column: number, template: string): AsyncGenerator<ImportRow> {
  for await (const row of rows) if (templateOf(row, column) === template) yield row;
}
