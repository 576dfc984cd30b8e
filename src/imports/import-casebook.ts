import type { ImportKind } from './import-fields';
import type { ImportNotice, ImportRow, ImportSheet } from './import-file';
import { csvUnsafe } from '../exports/export-columns';
import { LANGUAGES, hasKey, translator } from '../i18n/i18n';

/**
 * Casebook's own exports (issue 13, "Casebook's own CSV and JSON exports"): each file of the
 * export page (/exports, src/exports) read back as the records it was made from. A sheet is one
 * of ours when its header is the column codes of one export kind (exports/export.service.ts
 * COLUMNS); it is then mapped by this table, not by the aliases of import-fields.ts.
 *
 * - The export's record codes are the external ids: a case's code, a record's number (eventId,
 *   personId, ...). Numbers are written `casebook-<kind>-<n>` in the batch, so they never meet the
 *   ids of someone's spreadsheet, and importing the same export twice creates nothing.
 * - A date is read from its precision and its earliest and latest day, never from the words.
 * - A person is one row per case they are in: the later rows of the same person only add the
 *   case link (import-rows.ts, twin rows).
 * - In a CSV file, the apostrophe the export put before a text starting like a formula is taken
 *   away again (csvUnsafe).
 *
 * To read another header for the same column (human-readable headers, say), add it to CASEBOOK_HEADERS.
 */
interface CasebookExport {
  kind: ImportKind;
  /** Export column → import field. */
  columns: Record<string, string>;
  /** Columns holding record numbers, and the kind of record they name. */
  ids: Record<string, ImportKind>;
  /** Columns that tell this export from any other file: all of them are in its header. */
  signature: string[];
}

export const CASEBOOK_EXPORTS: Record<string, CasebookExport> = {
  cases: {
    kind: 'cases',
    columns: { code: 'code', title: 'title', summary: 'summary', status: 'status', region: 'region', restricted: 'restricted', groupDescription: 'group_description', tags: 'tags' },
    ids: {},
    signature: ['code', 'title', 'status', 'refusalsToInvestigate', 'createdAt', 'updatedAt'],
  },
  institutions: {
    kind: 'institutions',
    columns: { institutionId: 'external_id', name: 'name', aliases: 'aliases', type: 'type', parentId: 'parent', region: 'region', locality: 'locality', latitude: 'latitude', longitude: 'longitude', notes: 'notes' },
    ids: { institutionId: 'institutions', parentId: 'institutions' },
    signature: ['institutionId', 'name', 'type', 'parentId', 'parent'],
  },
  people: {
    kind: 'people',
    columns: { personId: 'external_id', person: 'name', otherNames: 'other_names', birth: 'birth', gender: 'gender', personRegion: 'region', profiles: 'profiles', caseCode: 'case_ref', role: 'case_role' },
    ids: { personId: 'people' },
    signature: ['caseCode', 'person', 'role', 'birthPrecision', 'birthEarliest', 'birthLatest', 'personId'],
  },
  events: {
    kind: 'events',
    columns: { eventId: 'external_id', caseCode: 'case_ref', type: 'type', date: 'date', title: 'title', place: 'place', region: 'region', description: 'description', institutionIds: 'institutions', personIds: 'people', personRoles: 'people_roles' },
    ids: { eventId: 'events', institutionIds: 'institutions', personIds: 'people' },
    signature: ['caseCode', 'datePrecision', 'dateEarliest', 'dateLatest', 'type', 'eventId'],
  },
  allegations: {
    kind: 'allegations',
    columns: {
      allegationId: 'external_id', caseCode: 'case_ref', victimId: 'victim', summary: 'summary', description: 'description', eventIds: 'events', methods: 'methods', purposes: 'purposes',
      placeIds: 'places', perpetratorInstitutionIds: 'perpetrator_institutions', perpetratorPersonIds: 'perpetrator_people', perpetratorDescription: 'perpetrator_description',
      involvement: 'involvement', attribution: 'attribution', physicalConsequences: 'physical_consequences', psychologicalConsequences: 'psychological_consequences', duration: 'duration', status: 'status',
    },
    ids: { allegationId: 'allegations', victimId: 'people', eventIds: 'events', placeIds: 'institutions', perpetratorInstitutionIds: 'institutions', perpetratorPersonIds: 'people' },
    signature: ['caseCode', 'victim', 'perpetrators', 'allegationId'],
  },
  complaints: {
    kind: 'complaints',
    columns: { complaintId: 'external_id', caseCode: 'case_ref', date: 'date', request: 'request', toId: 'to_institution', filedById: 'filed_by', filedByText: 'filed_by_text', description: 'description' },
    ids: { complaintId: 'complaints', toId: 'institutions', filedById: 'people' },
    signature: ['caseCode', 'datePrecision', 'dateEarliest', 'dateLatest', 'filedBy', 'lastOutcome', 'complaintId'],
  },
  investigations: {
    kind: 'investigations',
    columns: { investigationId: 'external_id', caseCode: 'case_ref', bodyId: 'institution', trigger: 'trigger', triggerComplaintId: 'trigger_complaint', began: 'began', officialNumber: 'official_number', note: 'note' },
    ids: { investigationId: 'investigations', bodyId: 'institutions', triggerComplaintId: 'complaints' },
    signature: ['caseCode', 'investigationId', 'triggerComplaintId', 'beganPrecision', 'beganEarliest', 'beganLatest', 'bodyId'],
  },
  decisions: {
    kind: 'investigation_decisions',
    columns: { decisionId: 'external_id', investigationId: 'investigation_ref', kind: 'kind', date: 'date', sequence: 'sequence', official: 'official', bodyId: 'institution', transferredToId: 'transferred_to', reasons: 'reasons' },
    ids: { decisionId: 'investigation_decisions', investigationId: 'investigations', bodyId: 'institutions', transferredToId: 'institutions' },
    signature: ['investigationId', 'decisionId', 'countsAs', 'datePrecision', 'dateEarliest', 'dateLatest', 'bodyId'],
  },
};

/** Other headers a column of ours may have (lower case), by export column: none yet. */
export const CASEBOOK_HEADERS: Record<string, string[]> = {};

const readableColumns = new Map<CasebookExport, Map<string, string>>();
/**
 * The headers one of our exports writes for people ("Case code", "Код дела": `columns.<code>` in
 * every language), lower case, to the column they name: a plain CSV downloaded with readable
 * headers (the export page's default) is recognised as ours like one with the codes. Per export,
 * because two exports may give two columns the same words ("Case code" is `code` in one and
 * `caseCode` in another).
 */
function readableColumnNames(spec: CasebookExport): Map<string, string> {
  const known = readableColumns.get(spec);
  if (known) return known;
  const found = new Map<string, string>();
  for (const lang of LANGUAGES) {
    const tr = translator(lang);
    const dateParts = Object.keys(spec.columns).flatMap((c) => [`${c}Precision`, `${c}Earliest`, `${c}Latest`]);
    for (const code of new Set([...Object.keys(spec.columns), ...spec.signature, ...dateParts])) {
      if (!hasKey(`columns.${code}`, lang)) continue;
      const label = String(tr(`columns.${code}`)).normalize('NFC').trim().toLowerCase();
      if (!found.has(label)) found.set(label, code);
    }
  }
  readableColumns.set(spec, found);
  return found;
}

const ID_PREFIX: Partial<Record<ImportKind, string>> = {
  people: 'casebook-person-',
  institutions: 'casebook-institution-',
  events: 'casebook-event-',
  allegations: 'casebook-allegation-',
  complaints: 'casebook-complaint-',
  investigations: 'casebook-investigation-',
  investigation_decisions: 'casebook-decision-',
};

/** The column of an export a header names ("caseCode", one of CASEBOOK_HEADERS, or its readable name). */
const columnOf = (spec: CasebookExport, header: string): string => {
  const h = header.normalize('NFC').trim();
  const lower = h.toLowerCase();
  for (const [column, others] of Object.entries(CASEBOOK_HEADERS)) if (others.includes(lower)) return column;
  if (spec.signature.includes(h) || Object.hasOwn(spec.columns, h)) return h;
  return readableColumnNames(spec).get(lower) ?? h;
};

/**
 * Which of our exports a header is: the one whose signature columns are all there. An export
 * made before the record numbers were exported has no signature and is read by the ordinary
 * aliases (its rows then link by name).
 */
export function casebookExportOf(header: string[]): CasebookExport | null {
  return Object.values(CASEBOOK_EXPORTS).find((spec) => {
    const names = new Set(header.map((h) => columnOf(spec, h)));
    return spec.signature.every((c) => names.has(c));
  }) ?? null;
}

/** Per column, the field it fills, when the header is one of our exports; otherwise null. */
export function casebookColumns(kind: ImportKind, header: string[]): (string | null)[] | null {
  const spec = casebookExportOf(header);
  if (!spec || spec.kind !== kind) return null;
  return header.map((h) => spec.columns[columnOf(spec, h)] ?? null);
}

/** The external id of a row of ours that has no id column of its own: a case's code. */
export function casebookExternalId(header: string[], cells: Record<string, string>): string {
  const spec = casebookExportOf(header);
  return spec?.kind === 'cases' ? (cells.code ?? '') : '';
}

/** Whether a people sheet is one of ours: its later rows of the same person add a case link, not a second person. */
export function isCasebookPeopleSheet(header: string[]): boolean {
  return casebookExportOf(header)?.kind === 'people';
}

/**
 * Our sheets, read as the records they were made from (see the top of this file); other sheets
 * are returned as they are. `csv`: the file is CSV (formula apostrophes to take away).
 */
export function casebookExportSheets(sheets: ImportSheet[], notices: ImportNotice[], csv: boolean): ImportSheet[] {
  return sheets.map((sheet) => {
    const spec = casebookExportOf(sheet.header);
    if (!spec) return sheet;
    notices.push({ code: 'casebook-export', sheet: sheet.name });
    const rewrite = rowRewriter(sheet.header, spec, csv);
    return { ...sheet, rows: () => rewritten(sheet.rows(), rewrite) };
  });
}

async function* rewritten(rows: AsyncIterable<ImportRow>, rewrite: (cells: string[]) => string[]): AsyncGenerator<ImportRow> {
  for await (const row of rows) yield { line: row.line, cells: rewrite(row.cells) };
}

function rowRewriter(header: string[], spec: CasebookExport, csv: boolean): (cells: string[]) => string[] {
  const index = new Map(header.map((h, i) => [columnOf(spec, h), i] as const));
  const dates = Object.keys(spec.columns)
    .filter((c) => index.has(`${c}Precision`) && index.has(`${c}Earliest`) && index.has(`${c}Latest`))
    .map((c) => ({ at: index.get(c)!, precision: index.get(`${c}Precision`)!, start: index.get(`${c}Earliest`)!, end: index.get(`${c}Latest`)! }));
  const ids = Object.entries(spec.ids)
    .filter(([column]) => index.has(column))
    .map(([column, kind]) => ({ at: index.get(column)!, prefix: ID_PREFIX[kind]! }));
  return (raw) => {
    const cells = csv ? raw.map(csvUnsafe) : [...raw];
    for (const d of dates) cells[d.at] = dateText(cells[d.precision] ?? '', cells[d.start] ?? '', cells[d.end] ?? '') ?? cells[d.at] ?? '';
    for (const id of ids) {
      const value = cells[id.at] ?? '';
      if (value) cells[id.at] = value.split(/\s*;\s*/).filter(Boolean).map((n) => (/^\d{1,12}$/.test(n) ? `${id.prefix}${n}` : n)).join('; ');
    }
    return cells;
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date from its stored form, in the words the import reads exactly (import-values.ts readDate):
 * the day, the month, the year, "около 2005" for an approximate year, "start / end" for a span.
 * Null when the three cells are not a date of ours (the date's own cell is then read as it is).
 */
export function dateText(precision: string, start: string, end: string): string | null {
  if (!DAY.test(start) || !DAY.test(end)) return null;
  switch (precision.trim()) {
    case 'day':
      return start;
    case 'month':
      return start.slice(0, 7);
    case 'year':
      return start.slice(0, 4);
    case 'approximate':
      return `около ${approximateCentre(start, end)}`;
    case 'range':
      return `${start} / ${end}`;
    default:
      return null;
  }
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The date an approximate one was typed as, from its window (db/partial-date.ts: a year either
 * side of a year, a month either side of a month, seven days either side of a day): "2005",
 * "2005-10" or "2005-10-23".
 */
function approximateCentre(start: string, end: string): string {
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  if (sm === 1 && sd === 1 && em === 12 && ed === 31 && ey - sy === 2) return String(sy + 1);
  if (sd === 1 && ed === lastDayOf(ey, em) && ey * 12 + em - (sy * 12 + sm) === 2) {
    const index = sy * 12 + sm; // the month after start's, counted from month 1 of year 0
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  }
  const centre = new Date(Date.UTC(sy, sm - 1, sd + 7));
  return centre.toISOString().slice(0, 10);
}
