import { redactorFor } from '../people/redaction';
import { Writable } from 'node:stream';
import { DataSource, In } from 'typeorm';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { currentLanguage, runInLanguage, t } from '../i18n/i18n';
import { CurrentUser } from '../http/context';
import { Selection } from '../reports/case-selection';
import { visibleCasesSql } from '../cases/case-access';
import { SearchKind } from '../search/search-kinds';
import { textRecordIds } from '../search/text-cases';
import { prepared, rawDb } from '../search/sqlite';
import { personLabels } from '../people/identity';
import { vocabLabeler } from '../vocab/vocab.service';
import { Cell, csvSafe, dateCells, dateColumns, sheetCells, storedDate } from './export-columns';
// investigations (issue 11): the one definition of refusals, and two export kinds
import { stepCountsByCaseSql } from '../investigations/process-counts';
import { INVESTIGATION_COLUMNS, complaintRefusalsSql, readDecisions, readInvestigations } from '../investigations/investigations.export';
import { describeCount } from '../cases/case.presenter';
import type { CountPrecision } from '../cases/case.entity';
import { certainlyAfterDeath } from '../people/person-death';
import { PersonDeath } from '../people/person-death.entity';
import { sentenceText } from '../proceedings/proceeding.presenter';
import { IN_CUSTODY_LABELS } from '../people/person-death';

import type { CourtStatus } from '../statements/statement.entity';
import { everRetracted, retractionsOf } from '../statements/statement-retraction.service';
import { COURT_STATUS_LABELS, presentRetraction } from '../statements/statement.presenter';

export const EXPORT_KINDS = ['cases', 'events', 'allegations', 'complaints', 'investigations', 'decisions', 'statements', 'proceedings', 'people', 'institutions'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
/**
 * csv: for programs, as it always was: the column codes as headers, commas, labels and dates in
 * English whoever asks (stable: scripts rely on it). json: the same rows as objects keyed by the
 * codes. csv-excel: for a spreadsheet in a Russian office: semicolons (what Excel expects where
 * the decimal mark is a comma), UTF-8 with a byte-order mark, headers and words in the reader's
 * language. xlsx: an Excel workbook with the same headers and words, its header row frozen.
 */
export const EXPORT_FORMATS = ['csv', 'csv-excel', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/**
 * The header row of a plain CSV: the columns' names in the reader's language (`readable`, for
 * people: the download links' default) or their codes (`codes`, for programs: the API's default).
 * Only the header changes; the cells stay as the format has always written them. The import
 * reads either (imports/: readable headers are aliases of the codes).
 */
export const CSV_HEADERS = ['readable', 'codes'] as const;
export type CsvHeaders = (typeof CSV_HEADERS)[number];
/** Formats for people reading them: headers, labels and dates in the reader's language. */
export const forPeople = (format: ExportFormat): boolean => format === 'csv-excel' || format === 'xlsx';
/** What each format is sent as, and the end of its file name. */
export const FORMAT_FILES: Record<ExportFormat, { mime: string; suffix: string }> = {
  csv: { mime: 'text/csv; charset=utf-8', suffix: '.csv' },
  'csv-excel': { mime: 'text/csv; charset=utf-8', suffix: '-excel.csv' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', suffix: '.xlsx' },
  json: { mime: 'application/json; charset=utf-8', suffix: '.json' },
};

const BATCH = 500;
export type Row = Record<string, Cell>;
type Label = Awaited<ReturnType<typeof vocabLabeler>>;

export interface Ctx {
  ds: DataSource;
  user: CurrentUser;
  selection: Selection;
  label: Label;
}

/**
 * Which records one batch reads: a condition on the reader's own alias and on `c` (its case),
 * either "the next ids after the last one, within the selection" or "exactly these ids".
 */
export interface Scope {
  where: string;
  params: unknown[];
}

/** Fetches one batch (at most BATCH rows, ascending ids), already shaped for export (names as the user may see them). */
export type BatchReader = (ctx: Ctx, scope: Scope) => Promise<{ rows: Row[]; lastId: number | null }>;

const peopleOf = async (ctx: Ctx, ids: (number | null)[]) => personLabels(ctx.ds, ctx.user, ids.filter((x): x is number => x != null));
const groupBy = <T extends { key: number }>(rows: T[]) => {
  const m = new Map<number, T[]>();
  for (const r of rows) m.set(r.key, [...(m.get(r.key) ?? []), r]);
  return m;
};
const inList = (ids: number[]) => ids.map(() => '?').join(',');
/** Ids of linked records in one cell ("3; 12"), in the order given: what an import reads back as references. */
const linkedIds = <T>(rows: T[] | undefined, id: (row: T) => number | null): string | null => (rows ?? []).map(id).filter((x): x is number => x != null).map(String).join('; ') || null;

/*
 * Each reader starts from its own table's primary key (`NOT INDEXED`, `CROSS JOIN` fixes the join
 * order): otherwise SQLite starts from the index on case_record.restricted (the visibility rule),
 * reads every remaining row of the selection and sorts it for each batch of 500 — quadratic, and
 * the reason a full events export ran at about 10,000 rows/s at 20,000 cases. With the key first,
 * a batch reads its 500 rows.
 */
const readCases: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const cases: { id: number; code: string; title: string; summary: string | null; status: string; region: string | null; restricted: number | boolean; group_description: string | null; group_count: number | null; group_count_precision: string | null; group_death_count: number | null; group_death_count_precision: string | null; created_at: string; updated_at: string }[] = await ds.query(
    `SELECT c.id, c.code, c.title, c.summary, c.status, c.region, c.restricted, c.group_description, c.group_count, c.group_count_precision, c.group_death_count, c.group_death_count_precision, c.created_at, c.updated_at
       FROM case_record c NOT INDEXED WHERE ${scope.where} ORDER BY c.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (cases.length === 0) return { rows: [], lastId: null };
  const ids = cases.map((c) => Number(c.id));
  // `+column` and CROSS JOIN keep SQLite on the case_id indexes: at 100,000 cases the planner
  // otherwise starts from a flag or code index and reads most of the table for every batch.
  const victims: { key: number; person_id: number }[] = await ds.query(`SELECT case_id AS key, person_id FROM case_participant WHERE +role = 'victim' AND case_id IN (${inList(ids)}) ORDER BY id`, ids);
  const names = await peopleOf(ctx, victims.map((v) => v.person_id));
  const tags: { key: number; tag: string }[] = await ds.query(`SELECT case_id AS key, tag FROM case_tag WHERE case_id IN (${inList(ids)}) ORDER BY tag`, ids);
  const events = eventSummaries(ctx, cases);
  const allegations: { key: number; n: number }[] = await ds.query(`SELECT case_id AS key, COUNT(*) AS n FROM allegation WHERE case_id IN (${inList(ids)}) GROUP BY case_id`, ids);
  const methods: { key: number; code: string }[] = await ds.query(
    `SELECT DISTINCT a.case_id AS key, m.code FROM allegation a CROSS JOIN allegation_method m ON m.allegation_id = a.id WHERE a.case_id IN (${inList(ids)}) ORDER BY m.code`,
    ids,
  );
  const complaints: { key: number; n: number }[] = await ds.query(`SELECT case_id AS key, COUNT(*) AS n FROM complaint WHERE case_id IN (${inList(ids)}) GROUP BY case_id`, ids);
  const refusals: { key: number; n: number }[] = await ds.query(
    `SELECT case_id AS key, n FROM (${stepCountsByCaseSql('refusal', (col) => `${col} IN (${inList(ids)})`)})`,
    [...ids, ...ids],
  );
  const [v, t, a, m, co, rf] = [groupBy(victims), groupBy(tags), groupBy(allegations), groupBy(methods), groupBy(complaints), groupBy(refusals)];
  return {
    lastId: ids[ids.length - 1],
    rows: cases.map((c) => ({
      code: c.code,
      title: c.title,
      status: label('case_status', c.status),
      region: c.region ? label('region', c.region) : null,
      /** Every region of the case: its own (first) and its events' (cases/case-regions.ts). */
      regions: (events.get(c.id)?.regions ?? []).map((code) => label('region', code)).join('; ') || null,
      restricted: Boolean(c.restricted),
      victims: (v.get(c.id) ?? []).map((x) => names.get(x.person_id)?.label ?? '').join('; ') || null,
      groupDescription: c.group_description,
      groupCount: describeCount(c.group_count, c.group_count_precision as CountPrecision | null),
      groupDeaths: describeCount(c.group_death_count, c.group_death_count_precision as CountPrecision | null),
      tags: (t.get(c.id) ?? []).map((x) => x.tag).join('; ') || null,
      ...dateCells('firstEvent', events.get(c.id)?.first ?? null),
      ...dateCells('lastEvent', events.get(c.id)?.last ?? null),
      events: events.get(c.id)?.count ?? 0,
      allegations: Number(a.get(c.id)?.[0]?.n ?? 0),
      methods: (m.get(c.id) ?? []).map((x) => label('torture_method', x.code)).join('; ') || null,
      complaints: Number(co.get(c.id)?.[0]?.n ?? 0),
      refusalsToInvestigate: Number(rf.get(c.id)?.[0]?.n ?? 0),
      summary: c.summary,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    })),
  };
};

type EventDate = ReturnType<typeof storedDate>;
type EventDateRow = { case_id: number; date_precision: string; date_start: string; date_end: string; region: string | null };

/**
 * For each case of a batch: how many events it has, the first and the last by the centre of their
 * dates (timeline-order.ts), and its regions (cases/case-regions.ts: its own first, then its
 * events' in code order), from one read of the batch's events in place of a query each (at
 * 100,000 cases the first- and last-event queries and the region union were a third of the
 * export's time). Of events with the same centre, the one that starts first (then the one
 * entered first) is taken, as the MIN/MAX queries this replaces did along the (case_id,
 * date_start) index: the rows are read in that order and only a strictly earlier or later
 * centre replaces the one kept.
 */
function eventSummaries(ctx: Ctx, cases: { id: number; region: string | null }[]): Map<number, { count: number; first: EventDate; last: EventDate; regions: string[] }> {
  const rows = prepared(rawDb(ctx.ds), `SELECT case_id, date_precision, date_start, date_end, region FROM case_event WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, date_start, id`).all(
    JSON.stringify(cases.map((c) => Number(c.id))),
  ) as EventDateRow[];
  const out = new Map<number, { count: number; first: EventDate; last: EventDate; regions: string[] }>();
  for (const c of cases) out.set(Number(c.id), { count: 0, first: null, last: null, regions: c.region ? [c.region] : [] });
  const centres = new Map<number, { first: number; last: number }>();
  const eventRegions = new Map<number, Set<string>>();
  for (const r of rows) {
    const summary = out.get(Number(r.case_id));
    if (!summary) continue;
    const centre = julianDay(r.date_start) + julianDay(r.date_end);
    const seen = centres.get(r.case_id);
    summary.count++;
    if (!seen || centre < seen.first) summary.first = storedDate(r);
    if (!seen || centre > seen.last) summary.last = storedDate(r);
    centres.set(r.case_id, { first: Math.min(seen?.first ?? centre, centre), last: Math.max(seen?.last ?? centre, centre) });
    if (r.region !== null) {
      let set = eventRegions.get(r.case_id);
      if (!set) eventRegions.set(r.case_id, (set = new Set()));
      set.add(r.region);
    }
  }
  for (const [caseId, set] of eventRegions) {
    const summary = out.get(caseId)!;
    for (const region of [...set].sort()) if (!summary.regions.includes(region)) summary.regions.push(region);
  }
  return out;
}

/** The day number of an ISO date, as SQLite's julianday() orders it (years 0-99 included). */
function julianDay(iso: string): number {
  const d = new Date(0);
  d.setUTCFullYear(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  return d.getTime() / 86_400_000;
}

const readEvents: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const events: { id: number; code: string; type: string; title: string | null; date_precision: string; date_start: string; date_end: string; place: string | null; description: string | null; region: string | null }[] = await ds.query(
    `SELECT e.id, c.code, e.type, e.title, e.date_precision, e.date_start, e.date_end, e.place, e.description, e.region
       FROM case_event e CROSS JOIN case_record c ON c.id = e.case_id
      WHERE ${scope.where} ORDER BY e.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (events.length === 0) return { rows: [], lastId: null };
  const ids = events.map((e) => Number(e.id));
  const insts: { key: number; id: number; name: string }[] = await ds.query(
    `SELECT ei.event_id AS key, i.id, i.name FROM event_institution ei JOIN institution i ON i.id = ei.institution_id WHERE ei.event_id IN (${inList(ids)}) ORDER BY i.name, i.id`,
    ids,
  );
  const people: { key: number; person_id: number; role: string | null }[] = await ds.query(`SELECT event_id AS key, person_id, role FROM event_person WHERE event_id IN (${inList(ids)}) ORDER BY id`, ids);
  const names = await peopleOf(ctx, people.map((p) => p.person_id));
  const [i, p] = [groupBy(insts), groupBy(people)];
  return {
    lastId: ids[ids.length - 1],
    rows: events.map((e) => ({
      caseCode: e.code,
      ...dateCells('date', storedDate(e)),
      type: label('event_type', e.type),
      title: e.title,
      place: e.place,
      institutions: (i.get(e.id) ?? []).map((x) => x.name).join('; ') || null,
      people: (p.get(e.id) ?? []).map((x) => `${names.get(x.person_id)?.label ?? ''}${x.role ? ` (${label('participant_role', x.role)})` : ''}`).join('; ') || null,
      description: e.description,
      eventId: Number(e.id),
      region: e.region ? label('region', e.region) : null,
      institutionIds: linkedIds(i.get(e.id), (x) => x.id),
      personIds: linkedIds(p.get(e.id), (x) => x.person_id),
      personRoles: (p.get(e.id) ?? []).map((x) => label('participant_role', x.role ?? 'unknown')).join('; ') || null,
    })),
  };
};

const readAllegations: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const rows: { id: number; code: string; victim_person_id: number | null; summary: string | null; description: string | null; status: string; duration: string | null; physical_consequences: string | null; psychological_consequences: string | null }[] = await ds.query(
    `SELECT a.id, c.code, a.victim_person_id, a.summary, a.description, a.status, a.duration, a.physical_consequences, a.psychological_consequences
       FROM allegation a CROSS JOIN case_record c ON c.id = a.case_id
      WHERE ${scope.where} ORDER BY a.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (rows.length === 0) return { rows: [], lastId: null };
  const ids = rows.map((r) => Number(r.id));
  const methods: { key: number; code: string }[] = await ds.query(`SELECT allegation_id AS key, code FROM allegation_method WHERE allegation_id IN (${inList(ids)}) ORDER BY code`, ids);
  const purposes: { key: number; code: string }[] = await ds.query(`SELECT allegation_id AS key, code FROM allegation_purpose WHERE allegation_id IN (${inList(ids)}) ORDER BY code`, ids);
  const perps: { key: number; name: string | null; institution_id: number | null; person_id: number | null; description: string | null; involvement: string | null; attribution: string | null }[] = await ds.query(
    `SELECT p.allegation_id AS key, i.name, p.institution_id, p.person_id, p.description, p.involvement, p.attribution FROM perpetrator p LEFT JOIN institution i ON i.id = p.institution_id WHERE p.allegation_id IN (${inList(ids)}) ORDER BY p.id`,
    ids,
  );
  const names = await peopleOf(ctx, [...rows.map((r) => r.victim_person_id), ...perps.map((p) => p.person_id)]);
  const events: { key: number; id: number }[] = await ds.query(`SELECT allegation_id AS key, event_id AS id FROM allegation_event WHERE allegation_id IN (${inList(ids)}) ORDER BY event_id`, ids);
  const places: { key: number; id: number }[] = await ds.query(`SELECT allegation_id AS key, institution_id AS id FROM allegation_institution WHERE allegation_id IN (${inList(ids)}) ORDER BY institution_id`, ids);
  const [m, pu, pe, ev, pl] = [groupBy(methods), groupBy(purposes), groupBy(perps), groupBy(events), groupBy(places)];
  return {
    lastId: ids[ids.length - 1],
    rows: rows.map((r) => ({
      caseCode: r.code,
      victim: r.victim_person_id ? (names.get(r.victim_person_id)?.label ?? null) : null,
      summary: r.summary,
      methods: (m.get(r.id) ?? []).map((x) => label('torture_method', x.code)).join('; ') || null,
      purposes: (pu.get(r.id) ?? []).map((x) => label('purpose', x.code)).join('; ') || null,
      perpetrators:
        (pe.get(r.id) ?? [])
          .map((x) => [x.name, x.person_id ? names.get(x.person_id)?.label : null, x.description].filter(Boolean).join(' / ') + (x.involvement ? ` — ${label('involvement', x.involvement)}` : '') + (x.attribution ? ` — ${label('attribution', x.attribution)}` : ''))
          .join('; ') || null,
      duration: r.duration,
      physicalConsequences: r.physical_consequences,
      psychologicalConsequences: r.psychological_consequences,
      status: label('allegation_status', r.status),
      allegationId: Number(r.id),
      victimId: r.victim_person_id ?? null,
      description: r.description,
      eventIds: linkedIds(ev.get(r.id), (x) => x.id),
      placeIds: linkedIds(pl.get(r.id), (x) => x.id),
      perpetratorInstitutionIds: linkedIds(pe.get(r.id), (x) => x.institution_id),
      perpetratorPersonIds: linkedIds(pe.get(r.id), (x) => x.person_id),
      perpetratorDescription: (pe.get(r.id) ?? []).find((x) => x.description)?.description ?? null,
      involvement: (() => { const x = pe.get(r.id)?.[0]; return x?.involvement ? label('involvement', x.involvement) : null; })(),
      attribution: (() => { const x = pe.get(r.id)?.[0]; return x?.attribution ? label('attribution', x.attribution) : null; })(),
    })),
  };
};

const readComplaints: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const rows: { id: number; code: string; filed_by_person_id: number | null; filed_by_text: string | null; to_institution_id: number | null; to_name: string | null; date_precision: string | null; date_start: string | null; date_end: string | null; request: string; description: string | null }[] = await ds.query(
    `SELECT co.id, c.code, co.filed_by_person_id, co.filed_by_text, co.to_institution_id, i.name AS to_name, co.date_precision, co.date_start, co.date_end, co.request, co.description
       FROM complaint co CROSS JOIN case_record c ON c.id = co.case_id LEFT JOIN institution i ON i.id = co.to_institution_id
      WHERE ${scope.where} ORDER BY co.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (rows.length === 0) return { rows: [], lastId: null };
  const ids = rows.map((r) => Number(r.id));
  const responses: { key: number; outcome: string; date_precision: string | null; date_start: string | null; date_end: string | null }[] = await ds.query(
    `SELECT complaint_id AS key, outcome, date_precision, date_start, date_end FROM complaint_response WHERE complaint_id IN (${inList(ids)}) ORDER BY date_start, id`,
    ids,
  );
  const names = await peopleOf(ctx, rows.map((r) => r.filed_by_person_id));
  const byComplaint = groupBy(responses);
  const refusalsOf = groupBy<{ key: number; n: number }>(await ds.query(complaintRefusalsSql(ids), ids));
  return {
    lastId: ids[ids.length - 1],
    rows: rows.map((r) => {
      const resp = byComplaint.get(r.id) ?? [];
      const last = resp[resp.length - 1];
      return {
        caseCode: r.code,
        ...dateCells('date', storedDate(r)),
        filedBy: (r.filed_by_person_id ? names.get(r.filed_by_person_id)?.label : null) ?? r.filed_by_text,
        to: r.to_name,
        request: label('complaint_request', r.request),
        responses: resp.length,
        refusals: Number(refusalsOf.get(r.id)?.[0]?.n ?? 0),
        lastOutcome: last ? label('response_outcome', last.outcome) : null,
        ...dateCells('lastOutcomeDate', last ? storedDate(last) : null),
        description: r.description,
        complaintId: Number(r.id),
        filedById: r.filed_by_person_id ?? null,
        filedByText: r.filed_by_text,
        toId: r.to_institution_id ?? null,
      };
    }),
  };
};

/** Statements with their court status and their retraction history ("retracted" = ever retracted). */
const readStatements: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const rows: { id: number; code: string; maker_person_id: number | null; maker_description: string | null; kind: string; before_name: string | null; before_official: string | null; court_status: CourtStatus; proceeding_id: number | null; date_precision: string | null; date_start: string | null; date_end: string | null; content: string | null }[] = await ds.query(
    `SELECT s.id, c.code, s.maker_person_id, s.maker_description, s.kind, i.name AS before_name, s.before_official, s.court_status, s.proceeding_id, s.date_precision, s.date_start, s.date_end, s.content
       FROM statement s CROSS JOIN case_record c ON c.id = s.case_id LEFT JOIN institution i ON i.id = s.before_institution_id
      WHERE ${scope.where} ORDER BY s.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (rows.length === 0) return { rows: [], lastId: null };
  const ids = rows.map((r) => Number(r.id));
  const history = await retractionsOf(ds, ids);
  const names = await peopleOf(ctx, rows.map((r) => r.maker_person_id));
  return {
    lastId: ids[ids.length - 1],
    rows: rows.map((r) => {
      const steps = history.get(r.id) ?? [];
      const retractions = steps.filter((x) => x.kind === 'retraction');
      const first = retractions[0];
      const last = steps[steps.length - 1];
      return {
        caseCode: r.code,
        ...dateCells('date', storedDate(r)),
        maker: (r.maker_person_id ? names.get(r.maker_person_id)?.label : null) ?? r.maker_description,
        kind: label('statement_kind', r.kind),
        before: [r.before_official, r.before_name].filter(Boolean).join(', ') || null,
        courtStatus: COURT_STATUS_LABELS[r.court_status],
        retracted: everRetracted(steps),
        retractions: retractions.length,
        reaffirmations: steps.length - retractions.length,
        ...dateCells('firstRetraction', first ? first.date : null),
        lastStep: last ? last.kind : null,
        pressureToReaffirmAlleged: steps.some((x) => x.pressureAlleged === 'yes'),
        history: steps.map((x) => presentRetraction(x, label)).map((x) => x.pressureAlleged === 'yes' ? t('exports.values.pressureAlleged', { step: x.sentence }) : x.sentence).join('; ') || null,
        content: r.content,
      };
    }),
  };
};

// --- proceedings and people (issue 11) ---------------------------------------------------------

/** One row per defendant per stage, with the defendant's charges, outcome and sentence. */
const readProceedings: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const rows: { id: number; code: string; title: string | null; case_number: string | null; court: string | null }[] = await ds.query(
    `SELECT pr.id, c.code, pr.title, pr.case_number, i.name AS court FROM proceeding pr CROSS JOIN case_record c ON c.id = pr.case_id LEFT JOIN institution i ON i.id = pr.court_institution_id
      WHERE ${scope.where} ORDER BY pr.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (rows.length === 0) return { rows: [], lastId: null };
  const ids = rows.map((r) => Number(r.id));
  const defendants: { key: number; id: number; person_id: number }[] = await ds.query(`SELECT proceeding_id AS key, id, person_id FROM proceeding_defendant WHERE proceeding_id IN (${inList(ids)}) ORDER BY id`, ids);
  const charges: { key: number; article: string | null; article_code: string | null }[] = defendants.length
    ? await ds.query(`SELECT defendant_id AS key, article, article_code FROM proceeding_charge WHERE defendant_id IN (${inList(defendants.map((d) => d.id))}) ORDER BY id`, defendants.map((d) => d.id))
    : [];
  const stages: { key: number; id: number; kind: string; court: string | null; date_precision: string | null; date_start: string | null; date_end: string | null }[] = await ds.query(
    `SELECT s.proceeding_id AS key, s.id, s.kind, i.name AS court, s.date_precision, s.date_start, s.date_end FROM proceeding_stage s LEFT JOIN institution i ON i.id = s.court_institution_id
      WHERE s.proceeding_id IN (${inList(ids)}) ORDER BY s.date_start IS NULL, s.date_start, s.id`,
    ids,
  );
  const verdicts: { key: number; defendant_id: number | null; outcome: string | null; sentence_kind: string | null; sentence_years: number | null; sentence_months: number | null; suspended: number | boolean; regime: string | null; note: string | null }[] = stages.length
    ? await ds.query(`SELECT stage_id AS key, defendant_id, outcome, sentence_kind, sentence_years, sentence_months, suspended, regime, note FROM stage_verdict WHERE stage_id IN (${inList(stages.map((x) => x.id))})`, stages.map((x) => x.id))
    : [];
  const names = await peopleOf(ctx, defendants.map((d) => d.person_id));
  const deaths = new Map((defendants.length ? await ds.getRepository(PersonDeath).find({ where: { personId: In(defendants.map((d) => d.person_id)) } }) : []).map((d) => [d.personId, d]));
  const [byProceeding, chargesOf, stagesOf, verdictsOf] = [groupBy(defendants), groupBy(charges), groupBy(stages), groupBy(verdicts)];
  const out: Row[] = [];
  for (const p of rows) {
    const base = { caseCode: p.code, proceeding: p.title ?? p.case_number ?? p.court ?? t('exports.values.proceeding', { id: p.id }), caseNumber: p.case_number, court: p.court };
    const people: ({ id: number; person_id: number } | null)[] = byProceeding.get(p.id) ?? [];
    const list = (stagesOf.get(p.id) ?? []).length ? stagesOf.get(p.id)! : [null];
    for (const st of list) {
      const vs = st ? (verdictsOf.get(st.id) ?? []) : [];
      const rowsFor = [...(vs.some((v) => v.defendant_id === null) || people.length === 0 ? [null] : []), ...people];
      for (const d of rowsFor) {
        const v = vs.find((x) => x.defendant_id === (d ? d.id : null));
        const stageDate = st ? { precision: st.date_precision, start: st.date_start, end: st.date_end } : null;
        out.push({
          ...base,
          defendant: d ? (names.get(d.person_id)?.label ?? null) : people.length ? t('exports.values.defendantsNotNamed') : null,
          charges: d ? (chargesOf.get(d.id) ?? []).map((c) => [c.article, c.article_code ? label('criminal_code_article', c.article_code) : null].filter(Boolean).join(' — ')).join('; ') || null : null,
          stage: st ? label('proceeding_stage_kind', st.kind) : null,
          ...dateCells('stageDate', stageDate),
          stageCourt: st?.court ?? null,
          outcome: v?.outcome ? label('verdict_outcome', v.outcome) : null,
          sentence: v ? sentenceText({ sentenceKind: v.sentence_kind, years: v.sentence_years, months: v.sentence_months, suspended: Boolean(v.suspended), regime: v.regime }, label) : null,
          sentenceKind: v?.sentence_kind ? label('sentence_kind', v.sentence_kind) : null,
          sentenceYears: v?.sentence_years ?? null,
          sentenceMonths: v?.sentence_months ?? null,
          suspended: v ? Boolean(v.suspended) : null,
          regime: v?.regime ? label('colony_regime', v.regime) : null,
          sentenceNote: v?.note ?? null,
          afterDefendantsDeath: d && st && !names.get(d.person_id)?.hidden ? certainlyAfterDeath(deaths.get(d.person_id), stageDate) : null,
        });
      }
    }
  }
  return { lastId: ids[ids.length - 1], rows: out };
};

/** The people of the selected cases, one row per person and role in a case, with birth and death. */
const readPeople: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const rows: { id: number; code: string; person_id: number; role: string; birth_precision: string | null; birth_start: string | null; birth_end: string | null; gender: string; region: string | null }[] = await ds.query(
    `SELECT cp.id, c.code, cp.person_id, cp.role, p.birth_precision, p.birth_start, p.birth_end, p.gender, p.region FROM case_participant cp CROSS JOIN case_record c ON c.id = cp.case_id JOIN person p ON p.id = cp.person_id
      WHERE ${scope.where} ORDER BY cp.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (rows.length === 0) return { rows: [], lastId: null };
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  const names = await peopleOf(ctx, personIds);
  const deaths: { person_id: number; date_precision: string | null; date_start: string | null; date_end: string | null; place: string | null; inst: string | null; in_custody: 'yes' | 'no' | 'unknown'; cause_official: string | null; cause_alleged: string | null }[] = await ds.query(
    `SELECT d.person_id, d.date_precision, d.date_start, d.date_end, d.place, i.name AS inst, d.in_custody, d.cause_official, d.cause_alleged FROM person_death d LEFT JOIN institution i ON i.id = d.institution_id WHERE d.person_id IN (${inList(personIds)})`,
    personIds,
  );
  const deathOf = new Map(deaths.map((d) => [Number(d.person_id), d]));
  const spellings = groupBy<{ key: number; name: string }>(await ds.query(`SELECT person_id AS key, name FROM person_name WHERE person_id IN (${inList(personIds)}) AND kind <> 'primary' ORDER BY id`, personIds));
  const profiles = groupBy<{ key: number; code: string }>(await ds.query(`SELECT person_id AS key, code FROM person_profile WHERE person_id IN (${inList(personIds)}) ORDER BY code`, personIds));
  return {
    lastId: Number(rows[rows.length - 1].id),
    rows: rows.map((r) => {
      const who = names.get(r.person_id);
      // A protected identity the user is not cleared for: the pseudonym and the role, nothing that could point to them.
      const shown = who && !who.hidden;
      const d = shown ? deathOf.get(Number(r.person_id)) : undefined;
      return {
        caseCode: r.code,
        person: who?.label ?? null,
        role: label('participant_role', r.role),
        ...dateCells('birth', shown ? { precision: r.birth_precision, start: r.birth_start, end: r.birth_end } : null),
        died: shown ? Boolean(d) : null,
        ...dateCells('deathDate', d ? { precision: d.date_precision, start: d.date_start, end: d.date_end } : null),
        deathInCustody: d ? IN_CUSTODY_LABELS[d.in_custody] : null,
        deathPlace: d?.place ?? null,
        deathInstitution: d?.inst ?? null,
        deathCauseOfficial: d?.cause_official ?? null,
        deathCauseAlleged: d?.cause_alleged ?? null,
        personId: Number(r.person_id),
        otherNames: shown ? (spellings.get(Number(r.person_id)) ?? []).map((x) => x.name).join('; ') || null : null,
        gender: shown && r.gender !== 'unknown' ? r.gender : null,
        personRegion: shown && r.region ? label('region', r.region) : null,
        profiles: shown ? (profiles.get(Number(r.person_id)) ?? []).map((x) => label('person_profile', x.code)).join('; ') || null : null,
      };
    }),
  };
};

/**
 * Every institution, with its other names and its parent (by id and name): institutions belong to
 * no case, and the records of any case may name any of them, so an import of the other files
 * finds each one it names (import-casebook.ts).
 */
const readInstitutions: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const rows: { id: number; name: string; type: string; parent_id: number | null; parent: string | null; region: string | null; locality: string | null; latitude: number | null; longitude: number | null; notes: string | null }[] = await ds.query(
    `SELECT i.id, i.name, i.type, i.parent_id, pa.name AS parent, i.region, i.locality, i.latitude, i.longitude, i.notes
       FROM institution i LEFT JOIN institution pa ON pa.id = i.parent_id WHERE ${scope.where} ORDER BY i.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (rows.length === 0) return { rows: [], lastId: null };
  const ids = rows.map((r) => Number(r.id));
  const aliases = groupBy<{ key: number; name: string }>(await ds.query(`SELECT institution_id AS key, name FROM institution_alias WHERE institution_id IN (${inList(ids)}) ORDER BY id`, ids));
  return {
    lastId: ids[ids.length - 1],
    rows: rows.map((r) => ({
      institutionId: Number(r.id),
      name: r.name,
      aliases: (aliases.get(Number(r.id)) ?? []).map((a) => a.name).join('; ') || null,
      type: label('institution_type', r.type),
      parentId: r.parent_id ?? null,
      parent: r.parent,
      region: r.region ? label('region', r.region) : null,
      locality: r.locality,
      latitude: r.latitude,
      longitude: r.longitude,
      notes: r.notes,
    })),
  };
};

const READERS: Record<ExportKind, BatchReader> = { institutions: readInstitutions,  cases: readCases, events: readEvents, allegations: readAllegations, complaints: readComplaints, investigations: readInvestigations, decisions: readDecisions, proceedings: readProceedings, people: readPeople, statements: readStatements };

/** Writes respecting back-pressure, so a slow client never makes the server buffer the export. */
function write(out: Writable, chunk: string): Promise<void> {
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', reject);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
    out.once('error', reject);
  });
}

/** Each kind's table, its alias in the reader, and the kind of its rows in the search index. */
const RECORDS: Record<ExportKind, { table: string; alias: string; indexKind: SearchKind | null }> = {
  cases: { table: 'case_record', alias: 'c', indexKind: 'case' },
  events: { table: 'case_event', alias: 'e', indexKind: 'event' },
  allegations: { table: 'allegation', alias: 'a', indexKind: 'allegation' },
  complaints: { table: 'complaint', alias: 'co', indexKind: 'complaint' },
  // Not in the search index: with words, every investigation of the selected cases (decisions are read per investigation).
  investigations: { table: 'investigation', alias: 'inv', indexKind: null },
  decisions: { table: 'investigation', alias: 'inv', indexKind: null },
  statements: { table: 'statement', alias: 's', indexKind: 'statement' },
  proceedings: { table: 'proceeding', alias: 'pr', indexKind: 'proceeding' },
  // People are indexed apart from cases: with words, every person of the selected cases.
  people: { table: 'case_participant', alias: 'cp', indexKind: null },
  // Belong to no case: every one, whatever the selection (see readInstitutions).
  institutions: { table: 'institution', alias: 'i', indexKind: null },
};

/** Cases per step when the selected cases are a list: bounds the record ids held at once. */
const CASE_CHUNK = 200;

const chunksOf = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The batches of an export, as scopes for the reader:
 * - nothing narrows the selection: keyset pages over the records' ids (`id > last`), within the
 *   visible cases;
 * - the selected cases are a list (words or filters, found once): the list is walked in chunks
 *   of cases; for each chunk the record ids are looked up (with words, only the records that
 *   themselves match, from the index over that chunk's rowid range), then read BATCH at a time.
 *   Nothing re-runs the words or the filters per batch, so the work grows linearly with the rows.
 * Rows come in ascending ids, case chunk by case chunk when the cases are a list.
 */
async function* scopes(ctx: Ctx, kind: ExportKind, lastIdOf: () => number | null): AsyncGenerator<Scope> {
  const { selection, user } = ctx;
  const { table, alias, indexKind } = RECORDS[kind];
  if (kind === 'institutions') {
    let afterId = 0;
    for (;;) {
      yield { where: `${alias}.id > ?`, params: [afterId] };
      const last = lastIdOf();
      if (last === null) return;
      afterId = last;
    }
  }
  if (!selection.caseIds) {
    let afterId = 0;
    for (;;) {
      yield { where: `${alias}.id > ? AND ${selection.where}`, params: [afterId, ...selection.params] };
      const last = lastIdOf();
      if (last === null) return;
      afterId = last;
    }
  }
  // The selection's own list is not re-read per batch; visibility is checked again on each row anyway.
  const visible = visibleCasesSql(user, 'c');
  const db = rawDb(ctx.ds);
  for (const cases of chunksOf(selection.caseIds, kind === 'cases' ? BATCH : CASE_CHUNK)) {
    const ids =
      kind === 'cases'
        ? cases
        : selection.text && indexKind
          ? textRecordIds(db, selection.text, indexKind, cases)
          : (prepared(db, `SELECT id FROM "${table}" WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(cases)) as { id: number }[]).map((r) => r.id);
    for (const batch of chunksOf(ids, BATCH)) {
      yield { where: `${alias}.id IN (SELECT value FROM json_each(?)) AND ${visible.sql}`, params: [JSON.stringify(batch), ...visible.params] };
    }
  }
}

/** The header of a column for people: `columns.<code>` in the reader's language. */
export const columnLabel = (code: string): string => t(`columns.${code}`);

/** Cells that hold a code in every format; for people, the code's words (`exports.values.<column>.<code>`). */
const WORDED_CODES: Record<string, string[]> = { lastStep: ['retraction', 'reaffirmation'], countsAs: ['refusal', 'opened'] };

/** A cell as people read it: yes/no and the few codes above in their language; everything else as the machine formats have it. */
function forReaders(column: string, value: Cell): Cell {
  if (typeof value === 'boolean') return t(value ? 'exports.values.yes' : 'exports.values.no');
  if (typeof value === 'string' && WORDED_CODES[column]?.includes(value)) return t(`exports.values.${column}.${value}`);
  return value;
}

/** Where one format writes: the header, each batch of (already redacted) rows, the end. */
interface Sink {
  begin(header: string[]): Promise<void>;
  rows(header: string[], rows: Row[], first: boolean): Promise<void>;
  end(count: number): Promise<void>;
}

/** Waits until a slow client has taken what was written (between batches of a workbook, which writes without asking). */
function drained(out: Writable & { destroyed?: boolean }): Promise<void> {
  if (out.destroyed || !out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}

const csvSink = (out: Writable, _kind: ExportKind, headerRow?: string[]): Sink => ({
  begin: (header) => write(out, '\uFEFF' + stringify([headerRow ?? header])),
  rows: (header, rows) => write(out, rows.map((row) => stringify([header.map((k) => csvSafe(row[k] ?? null))], { cast: { boolean: (b) => (b ? 'yes' : 'no') } })).join('')),
  end: async () => undefined,
});

/** Semicolons, CRLF, the byte-order mark Excel needs to read UTF-8, headers and words in the reader's language. */
const excelCsvSink = (out: Writable): Sink => {
  const options = { delimiter: ';', record_delimiter: 'windows' as const };
  return {
    begin: (header) => write(out, '\uFEFF' + stringify([header.map(columnLabel)], options)),
    rows: (header, rows) => write(out, rows.map((row) => stringify([header.map((k) => csvSafe(forReaders(k, row[k] ?? null)))], options)).join('')),
    end: async () => undefined,
  };
};

const jsonSink = (out: Writable): Sink => ({
  begin: () => write(out, '['),
  rows: (_header, rows, first) => write(out, rows.map((row, i) => (first && i === 0 ? '\n' : ',\n') + JSON.stringify(row)).join('')),
  end: (count) => write(out, count ? '\n]\n' : ']\n'),
});

/**
 * An Excel workbook written as it goes (exceljs's streaming writer: each row is committed and
 * leaves memory), one sheet named after the kind, headers in the reader's language, the header
 * row frozen. Text stays text (a cell is never a formula, so nothing needs defusing). A date
 * is a real date where its day is known, its earliest and latest days are real dates, and its
 * precision has its own column (sheetCells), so Excel never turns "Oct 2005" into a day.
 */
const xlsxSink = (out: Writable & { destroyed?: boolean }, kind: ExportKind): Sink => {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Casebook';
  const sheet = book.addWorksheet(t(`exports.kinds.${kind}`).slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  // A day as the reader's language writes it; Excel keeps the value a date whatever the format.
  const sheetCell = sheetCells(COLUMNS[kind], currentLanguage() === 'ru' ? 'dd.mm.yyyy' : 'd mmm yyyy');
  return {
    begin: async (header) => {
      sheet.columns = header.map((code) => ({ key: code, width: Math.min(40, Math.max(12, columnLabel(code).length + 2)) }));
      const row = sheet.addRow(header.map(columnLabel));
      row.font = { bold: true };
      row.commit();
    },
    rows: async (header, rows) => {
      for (const r of rows) {
        const row = sheet.addRow([]);
        header.forEach((k, i) => {
          const cell = row.getCell(i + 1);
          const { value, numFmt } = sheetCell(r, k, forReaders(k, r[k] ?? null));
          cell.value = value;
          if (numFmt) cell.numFmt = numFmt;
        });
        row.commit();
      }
      await drained(out);
    },
    end: async () => {
      sheet.commit();
      // The workbook ends the response itself; a client that went away never lets it finish.
      await new Promise<void>((resolve, reject) => {
        if (out.destroyed) return resolve();
        out.once('close', () => resolve());
        book.commit().then(() => resolve(), reject);
      });
    },
  };
};

const SINKS: Record<ExportFormat, (out: Writable & { destroyed?: boolean }, kind: ExportKind, headerRow?: string[]) => Sink> = { csv: csvSink, 'csv-excel': excelCsvSink, json: jsonSink, xlsx: xlsxSink };

/**
 * Streams every selected row (no cap) in one of the formats (EXPORT_FORMATS), in batches (see
 * scopes): memory stays flat however many rows there are. Every format gets the same rows,
 * redacted the same way for the user. The formats for programs are written in English whoever
 * asks (their labels and dates as they have always been); the formats for people in the
 * language of the request.
 * Returns the number of rows written; stops early if the client goes away.
 */
export async function streamExport(ds: DataSource, user: CurrentUser, selection: Selection, kind: ExportKind, format: ExportFormat, out: Writable & { destroyed?: boolean }, headers: CsvHeaders = 'codes'): Promise<number> {
  // Named in the reader's language before the rest is written in English.
  const headerRow = format === 'csv' && headers === 'readable' ? COLUMNS[kind].map(columnLabel) : undefined;
  if (!forPeople(format)) return runInLanguage('en', () => writeExport(ds, user, selection, kind, format, out, headerRow));
  return writeExport(ds, user, selection, kind, format, out);
}

async function writeExport(ds: DataSource, user: CurrentUser, selection: Selection, kind: ExportKind, format: ExportFormat, out: Writable & { destroyed?: boolean }, headerRow?: string[]): Promise<number> {
  const ctx: Ctx = { ds, user, selection, label: await vocabLabeler(ds) };
  const redactorOf = redactorFor(ds, user).forExport(); // rows are text written by people (people/redaction.ts)
  const read = READERS[kind];
  let lastId: number | null = null;
  let count = 0;
  const header = COLUMNS[kind];
  const sink = SINKS[format](out, kind, headerRow);
  await sink.begin(header);
  for await (const scope of scopes(ctx, kind, () => lastId)) {
    if (out.destroyed) break;
    const batch = await read(ctx, scope);
    lastId = batch.lastId;
    const rows = batch.rows.map((r) => redactorOf(String(r.code ?? r.caseCode ?? '')).deep(r));
    if (rows.length) await sink.rows(header, rows, count === 0);
    count += rows.length;
  }
  if (!out.destroyed) await sink.end(count);
  return count;
}

/** The columns of each export, in order (CSV header; JSON object keys follow the same order). Dates: dateColumns. */
export const COLUMNS: Record<ExportKind, string[]> = {
  cases: ['code', 'title', 'status', 'region', 'regions', 'restricted', 'victims', 'groupDescription', 'groupCount', 'groupDeaths', 'tags', ...dateColumns('firstEvent'), ...dateColumns('lastEvent'), 'events', 'allegations', 'methods', 'complaints', 'refusalsToInvestigate', 'summary', 'createdAt', 'updatedAt'],
  // The ids at the end of a row (eventId, personIds, ...) are what an import of the file links by (imports/import-casebook.ts).
  events: ['caseCode', ...dateColumns('date'), 'type', 'title', 'place', 'institutions', 'people', 'description', 'eventId', 'region', 'institutionIds', 'personIds', 'personRoles'],
  allegations: ['caseCode', 'victim', 'summary', 'methods', 'purposes', 'perpetrators', 'duration', 'physicalConsequences', 'psychologicalConsequences', 'status', 'allegationId', 'victimId', 'description', 'eventIds', 'placeIds', 'perpetratorInstitutionIds', 'perpetratorPersonIds', 'perpetratorDescription', 'involvement', 'attribution'],
  complaints: ['caseCode', ...dateColumns('date'), 'filedBy', 'to', 'request', 'responses', 'refusals', 'lastOutcome', ...dateColumns('lastOutcomeDate'), 'description', 'complaintId', 'filedById', 'filedByText', 'toId'],
  statements: ['caseCode', ...dateColumns('date'), 'maker', 'kind', 'before', 'courtStatus', 'retracted', 'retractions', 'reaffirmations', ...dateColumns('firstRetraction'), 'lastStep', 'pressureToReaffirmAlleged', 'history', 'content'],
  ...INVESTIGATION_COLUMNS,
  proceedings: ['caseCode', 'proceeding', 'caseNumber', 'court', 'defendant', 'charges', 'stage', ...dateColumns('stageDate'), 'stageCourt', 'outcome', 'sentence', 'sentenceKind', 'sentenceYears', 'sentenceMonths', 'suspended', 'regime', 'sentenceNote', 'afterDefendantsDeath'],
  people: ['caseCode', 'person', 'role', ...dateColumns('birth'), 'died', ...dateColumns('deathDate'), 'deathInCustody', 'deathPlace', 'deathInstitution', 'deathCauseOfficial', 'deathCauseAlleged', 'personId', 'otherNames', 'gender', 'personRegion', 'profiles'],
  institutions: ['institutionId', 'name', 'aliases', 'type', 'parentId', 'parent', 'region', 'locality', 'latitude', 'longitude', 'notes'],
};
