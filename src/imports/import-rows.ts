import { EntityManager } from 'typeorm';
import { IMPORT_FIELDS, ImportField, ImportKind } from './import-fields';
import { ImportBatch, ImportRecord, ImportRowCheck, RowAction, RowProblem, StoredMapping } from './import-batch.entity';
import { TermMatcher, normalHeader } from './import-mapping';
import { isUwaziHeader, uwaziHeader } from './import-uwazi';
import { casebookExternalId, isCasebookPeopleSheet } from './import-casebook';
import { ImportRef, Problems, cellList, readBoolean, readCoordinate, readDate, readGender, readInteger, readText, rowHashOf } from './import-values';
import { CASE_CODE_PATTERN, CASE_LIMITS, CaseRecord } from '../cases/case.entity';
import { CASE_TAG_LIMITS } from '../cases/case-tag.entity';
import { accessTo } from '../cases/case-access';
import { can } from '../auth/policy';
import { PERSON_LIMITS, Person } from '../people/person.entity';
import { possibleDuplicatePeople } from '../people/person-duplicates';
import { clearedProtectedIds } from '../people/identity';
import { matchKey } from '../people/transliterate';
import { INSTITUTION_LIMITS, Institution } from '../institutions/institution.entity';
import { possibleDuplicateInstitutions } from '../institutions/institution-duplicates';
import { EVENT_LIMITS, CaseEvent } from '../events/event.entity';
import { CaseParticipant } from '../cases/case-participant.entity';
import { CurrentUser } from '../http/context';
import { LATER_CHECKS, LATER_RECORDS } from './import-kinds';

/** What checking one row found: the action, the values as they will be recorded, the problems. */
export interface CheckedRow {
  action: RowAction;
  externalId: string;
  rowHash: string;
  recordId: number | null;
  values: Record<string, unknown>;
  problems: RowProblem[];
}

export interface SheetToCheck {
  name: string;
  order: number;
  header: string[];
  columns: (string | null)[];
}

export interface RowContext {
  em: EntityManager;
  user: CurrentUser;
  batch: ImportBatch;
  terms: TermMatcher;
}

const RECORD_TABLE: Partial<Record<ImportKind, { entity: Function; type: string }>> = {
  cases: { entity: CaseRecord, type: 'case' },
  people: { entity: Person, type: 'person' },
  institutions: { entity: Institution, type: 'institution' },
  events: { entity: CaseEvent, type: 'event' },
};
const recordTable = (kind: ImportKind) => RECORD_TABLE[kind] ?? LATER_RECORDS[kind as keyof typeof LATER_RECORDS];
export const auditTypeOf = (kind: ImportKind) => recordTable(kind).type;
export const entityOf = (kind: ImportKind) => recordTable(kind).entity;

/** The cells of a row by field code, with the user's fixes applied (by column index or header text). */
export function mappedCells(kind: ImportKind, columns: (string | null)[], header: string[], cells: string[], fixes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  columns.forEach((code, i) => {
    if (!code || !IMPORT_FIELDS[kind].some((f) => f.code === code)) return;
    const fix = fixes[String(i)] ?? (header[i] !== undefined ? fixes[header[i]] : undefined);
    out[code] = (fix ?? cells[i] ?? '').trim();
  });
  return out;
}

export type KindCheck = (ctx: RowContext, sheet: SheetToCheck, cells: Record<string, string>, v: Record<string, unknown>, problems: Problems, recordId: number | null) => Promise<number | null>;

/** Fields the kind's own check reads (position matters, or one cell names several things). */
const OWN_READING = new Set(['events.people_roles']);

/** Checks one row of a sheet of `kind`; writes nothing. */
export async function checkRow(ctx: RowContext, kind: ImportKind, sheet: SheetToCheck, cells: Record<string, string>, line: number): Promise<CheckedRow> {
  const columnOf = (field: string) => {
    const i = sheet.columns.indexOf(field);
    return i >= 0 ? (sheet.header[i] ?? '') : '';
  };
  const problems = new Problems(columnOf);
  const fields = IMPORT_FIELDS[kind];
  for (const f of fields) if (f.required && !(cells[f.code] ?? '')) problems.add(f.code, 'required');
  const rowHash = rowHashOf(cells);
  const externalId = (cells.external_id || uwaziTitle(sheet, cells) || casebookExternalId(sheet.header, cells)).slice(0, 255) || `row:${rowHash.slice(0, 40)}`;

  const values: Record<string, unknown> = {};
  const term = async (f: ImportField) => readTerms(ctx, sheet, f, cells[f.code] ?? '', problems);
  for (const f of fields) {
    const cell = cells[f.code] ?? '';
    if (f.code === 'external_id' || OWN_READING.has(`${kind}.${f.code}`) || (cell === '' && f.type !== 'boolean')) continue;
    switch (f.type) {
      case 'term':
      case 'terms': {
        const codes = await term(f);
        values[f.code] = f.type === 'term' ? (codes[0] ?? null) : codes;
        break;
      }
      case 'partial-date': {
        const d = readDate(cell);
        if (d === 'bad') problems.add(f.code, 'impossible-date', { value: cell.slice(0, 100) });
        else values[f.code] = d;
        break;
      }
      case 'boolean': {
        const b = readBoolean(cell);
        if (b === null) problems.add(f.code, 'not-a-choice', { value: cell.slice(0, 100) });
        else values[f.code] = b;
        break;
      }
      case 'integer': {
        const n = readInteger(cell);
        if (n === 'nan') problems.add(f.code, 'not-a-number', { value: cell.slice(0, 100) });
        else values[f.code] = n;
        break;
      }
      default:
        break;
    }
  }

  let recordId: number | null = null;
  const existing = await ctx.em.findOneBy(ImportRecord, { source: ctx.batch.mapping.source, kind, externalId });
  if (existing && (await ctx.em.existsBy(entityOf(kind) as typeof CaseRecord, { id: existing.recordId }))) recordId = existing.recordId;

  // Another row of this batch with the same external id: only the first is imported.
  const twins: { line: number }[] = await ctx.em.query(
    'SELECT line FROM import_row WHERE batch_id = ? AND kind = ? AND external_id = ? AND (sheet_order < ? OR (sheet_order = ? AND line < ?)) ORDER BY sheet_order, line LIMIT 1',
    [ctx.batch.id, kind, externalId, sheet.order, sheet.order, line],
  );
  // Casebook's people export has a row per person and case: a later row of the same person adds the case link.
  const twinOf = twins.length && kind === 'people' && isCasebookPeopleSheet(sheet.header) ? Number(twins[0].line) : null;
  if (twins.length && twinOf === null) problems.add('external_id', 'duplicate-external-id', { line: Number(twins[0].line) });

  const own: Partial<Record<ImportKind, KindCheck>> = { cases: checkCase, people: checkPerson, institutions: checkInstitution, events: checkEvent };
  const kindCheck = own[kind] ?? LATER_CHECKS[kind as keyof typeof LATER_CHECKS];
  const matched = await kindCheck(ctx, sheet, cells, values, problems, recordId);
  if (recordId === null && matched !== null) recordId = matched;

  let action: RowAction;
  if (twinOf !== null && !problems.has()) {
    values.link_only = true;
    values.twin_of = twinOf;
    return { action: recordId !== null && !(await addsCaseLink(ctx, recordId, values)) ? 'unchanged' : 'update', externalId, rowHash, recordId, values, problems: problems.list };
  }
  if (problems.has()) action = 'error';
  else if (existing && recordId === existing.recordId) action = existing.rowHash === rowHash ? 'unchanged' : 'update';
  else if (recordId !== null) action = 'unchanged'; // matched to an existing record by name: linked, not overwritten
  else action = 'create';
  // A person matched by name is not overwritten, but the case link the row names is added.
  if (kind === 'people' && action === 'unchanged' && !existing && recordId !== null && (await addsCaseLink(ctx, recordId, values))) {
    action = 'update';
    values.link_only = true;
  }
  return { action, externalId, rowHash, recordId, values, problems: problems.list };
}

/**
 * Uwazi's export has no ids: an entity is known by its title, which other entities' relationship
 * columns name. So on an Uwazi sheet the title is the external id (a second row of the same
 * template with the same title is then shown as a duplicate, for the user to decide).
 */
function uwaziTitle(sheet: SheetToCheck, cells: Record<string, string>): string {
  if (!isUwaziHeader(sheet.header)) return '';
  const code = sheet.columns[sheet.header.findIndex((h) => uwaziHeader(h) === 'title')];
  return code ? (cells[code] ?? '') : '';
}

/** "Victims" → "victim", "Witnesses" → "witness": enough to read a sheet's name as a term (Russian labels match as they are). */
const singular = (name: string) => name.trim().replace(/(?<=ss)es$|(?<=[^s])s$/i, '');

/** Whether a people row's case link is not there yet (a case row of this batch: never there yet). */
async function addsCaseLink(ctx: RowContext, personId: number, v: Record<string, unknown>): Promise<boolean> {
  const ref = v.case_ref as ImportRef | null | undefined;
  if (!ref || !v.case_role) return false;
  if ('row' in ref) return true;
  return !(await ctx.em.existsBy(CaseParticipant, { caseId: ref.record, personId, role: v.case_role as string }));
}

export async function readTerms(ctx: RowContext, sheet: { name: string; columns: (string | null)[] }, f: ImportField, cell: string, problems: Problems): Promise<string[]> {
  const column = sheet.columns.indexOf(f.code);
  const out: string[] = [];
  // A thesaurus child as Uwazi writes it, "Parent::Child": the child is the term.
  for (const raw of (f.multiple ? cellList(cell) : [cell]).map((value) => value.split('::').pop()!.trim())) {
    const chosen = ctx.batch.mapping.values.find((v) => v.sheet === sheet.name && v.column === column && normalHeader(v.value) === normalHeader(raw));
    const found = chosen ? { code: chosen.term } : await ctx.terms.resolve(f.vocabulary!, raw);
    if (found.code !== null) {
      if (chosen && (await ctx.terms.resolve(f.vocabulary!, chosen.term)).code === null) problems.add(f.code, 'unknown-term', { value: raw.slice(0, 100), suggestions: [] });
      else if (!out.includes(found.code)) out.push(found.code);
    } else problems.add(f.code, 'unknown-term', { value: raw.slice(0, 100), suggestions: found.suggestions, vocabulary: f.vocabulary! });
  }
  return out;
}

export const textOf = (kind: ImportKind, code: string, cells: Record<string, string>, max: number, problems: Problems) => readText(IMPORT_FIELDS[kind].find((f) => f.code === code)!, cells[code] ?? '', max, problems);

/** Whether the user may change a case: visible to them and theirs to write. */
export async function mayUpdateCase(ctx: RowContext, caseId: number): Promise<boolean> {
  const record = await ctx.em.findOneBy(CaseRecord, { id: caseId });
  return !!record && can(ctx.user, 'case.update', await accessTo(ctx.em, ctx.user, record));
}

async function checkCase(ctx: RowContext, _sheet: SheetToCheck, cells: Record<string, string>, v: Record<string, unknown>, problems: Problems, recordId: number | null): Promise<number | null> {
  v.title = textOf('cases', 'title', cells, CASE_LIMITS.title, problems);
  v.summary = textOf('cases', 'summary', cells, CASE_LIMITS.summary, problems);
  v.group_description = textOf('cases', 'group_description', cells, CASE_LIMITS.groupDescription, problems);
  v.status ??= 'open';
  v.restricted ??= false;
  const code = (cells.code ?? '').toUpperCase();
  if (code) {
    if (!CASE_CODE_PATTERN.test(code) || code.length > CASE_LIMITS.code) problems.add('code', 'invalid', { value: code.slice(0, 40) });
    else {
      const holder = await ctx.em.findOne(CaseRecord, { where: { code }, select: { id: true } });
      if (holder && holder.id !== recordId) problems.add('code', 'code-taken', { value: code });
      v.code = code;
    }
  }
  if (cells.tags) {
    const tags = [...new Set(cellList(cells.tags).map((tag) => tag.toLowerCase()))];
    if (tags.some((tag) => [...tag].length > CASE_TAG_LIMITS.tag)) problems.add('tags', 'too-long', { max: CASE_TAG_LIMITS.tag });
    v.tags = tags;
  }
  if (typeof v.year === 'number' && (v.year < 1900 || v.year > 2100)) problems.add('year', 'not-a-number', { value: String(v.year) });
  if (recordId !== null && !(await mayUpdateCase(ctx, recordId))) problems.add('', 'not-allowed');
  return null;
}

/**
 * The earlier row of this batch with that external id (or, for people and institutions, that
 * name). A row that is skipped or has problems writes nothing, so a reference to it is a problem
 * of the referring row, naming the row it refers to.
 */
export async function batchRow(ctx: RowContext, kind: ImportKind, value: string, field: string, problems: Problems, byName?: string): Promise<{ externalId: string } | 'unusable' | null> {
  const rows: { externalId: string; sheet: string; line: number; action: string; skip: number }[] = await ctx.em.query(
    `SELECT external_id AS "externalId", sheet, line, action, skip FROM import_row WHERE batch_id = ? AND kind = ? AND (external_id = ?${byName ? ` OR json_extract("values", '${byName}') = ?` : ''}) ORDER BY (external_id = ?) DESC, sheet_order, line LIMIT 1`,
    byName ? [ctx.batch.id, kind, value, value, value] : [ctx.batch.id, kind, value, value],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.action === 'error' || row.action === 'skip' || Number(row.skip)) {
    problems.add(field, 'referred-row-unusable', { value: value.slice(0, 100), sheet: row.sheet, line: Number(row.line) });
    return 'unusable';
  }
  return { externalId: String(row.externalId) };
}

/** A case named by a row: a case row of this batch by external id, a case an import made, or a case code. Hidden cases are "unknown". */
export async function caseRef(ctx: RowContext, value: string, field: string, problems: Problems): Promise<ImportRef | null> {
  const inBatch = await batchRow(ctx, 'cases', value, field, problems);
  if (inBatch === 'unusable') return null;
  if (inBatch) return { row: value };
  const imported = (await ctx.em.findOneBy(ImportRecord, { source: ctx.batch.mapping.source, kind: 'cases', externalId: value })) ?? (await ctx.em.findOneBy(ImportRecord, { kind: 'cases', externalId: value }));
  const byCode = imported ? null : await ctx.em.findOne(CaseRecord, { where: { code: value.toUpperCase() }, select: { id: true } });
  const id = imported?.recordId ?? byCode?.id ?? null;
  if (id !== null && (await mayUpdateCase(ctx, id))) return { record: id };
  problems.add(field, 'unknown-reference', { value: value.slice(0, 100) });
  return null;
}

async function checkPerson(ctx: RowContext, sheet: SheetToCheck, cells: Record<string, string>, v: Record<string, unknown>, problems: Problems, recordId: number | null): Promise<number | null> {
  const name = textOf('people', 'name', cells, PERSON_LIMITS.name, problems);
  const language = cells.name_language || null;
  if (language && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language)) problems.add('name_language', 'invalid', { value: language.slice(0, 40) });
  const names: { name: string; script: string | null; language: string | null; kind: string }[] = [];
  if (name) names.push({ name, script: (v.name_script as string | undefined) ?? null, language, kind: 'primary' });
  for (const other of cells.other_names ? cellList(cells.other_names) : []) {
    if ([...other].length > PERSON_LIMITS.name) problems.add('other_names', 'too-long', { max: PERSON_LIMITS.name });
    else if (!names.some((n) => n.name === other)) names.push({ name: other, script: null, language: null, kind: 'spelling' });
  }
  v.names = names;
  delete v.name_script;
  delete v.other_names;
  if (cells.gender) {
    const g = readGender(cells.gender);
    if (!g) problems.add('gender', 'not-a-choice', { value: cells.gender.slice(0, 40) });
    else v.gender = g;
  }
  v.notes = textOf('people', 'notes', cells, PERSON_LIMITS.notes, problems);
  v.protected_identity ??= false;
  if (cells.case_ref) {
    v.case_ref = await caseRef(ctx, cells.case_ref, 'case_ref', problems);
    // A sheet named after a role ("Victims", "Свидетели", Uwazi's "Victim" template) gives its rows that role.
    if (!v.case_role && !cells.case_role) v.case_role = (await ctx.terms.resolve('participant_role', singular(sheet.name))).code ?? undefined;
    if (!v.case_role) problems.add('case_role', 'required');
  }
  if (recordId !== null) {
    const person = await ctx.em.findOne(Person, { where: { id: recordId }, select: { id: true, protectedIdentity: true } });
    if (person?.protectedIdentity && !(await clearedProtectedIds(ctx.em, ctx.user, [person.id])).has(person.id)) problems.add('', 'not-allowed');
    return null;
  }
  if (!name) return null;
  return matchByName(ctx, 'person', name, names.map((n) => n.name), problems);
}

/**
 * An existing record for a name: the user's choice, else the one record whose name or alias is the
 * same in any spelling; several similar ones are the user's choice. Protected people the user is
 * not cleared for are never candidates (possibleDuplicatePeople leaves them out).
 */
async function matchByName(ctx: RowContext, kind: 'person' | 'institution', value: string, names: string[], problems: Problems): Promise<number | null> {
  const field = 'name';
  const candidates = kind === 'person' ? await possibleDuplicatePeople(ctx.em, ctx.user, names) : await possibleDuplicateInstitutions(ctx.em, names);
  const choice = ctx.batch.mapping.matches.find((m) => m.kind === kind && m.value === value);
  if (choice) {
    if (choice.recordId === 'new') return null;
    if (candidates.some((c) => c.id === choice.recordId)) return await notMatchedTwice(ctx, kind, choice.recordId, problems);
  }
  if (candidates.length === 0) return null;
  const keys = new Set(names.map(matchKey));
  const same = candidates.filter((c) => c.matchedNames.some((n) => keys.has(matchKey(n))));
  if (candidates.length === 1 && same.length === 1) return await notMatchedTwice(ctx, kind, same[0].id, problems);
  problems.add(field, kind === 'person' ? 'ambiguous-person' : 'ambiguous-institution', { value: value.slice(0, 300), candidates: candidates.map((c) => c.id) });
  return null;
}

async function notMatchedTwice(ctx: RowContext, kind: 'person' | 'institution', id: number, problems: Problems): Promise<number> {
  const other = await ctx.em.findOne(ImportRowCheck, { where: { batchId: ctx.batch.id, kind: kind === 'person' ? 'people' : 'institutions', recordId: id }, select: { id: true, line: true } });
  if (other && kind === 'person') problems.add('name', 'person-matched-twice', { line: other.line });
  return id;
}

/** An institution named by a cell: a row of this batch (external id or name), one an import made, or an existing one by name. */
export async function institutionRef(ctx: RowContext, value: string, field: string, problems: Problems): Promise<ImportRef | null> {
  const inBatch = await batchRow(ctx, 'institutions', value, field, problems, '$.name');
  if (inBatch === 'unusable') return null;
  if (inBatch) return { row: inBatch.externalId };
  const imported = await ctx.em.findOneBy(ImportRecord, { kind: 'institutions', externalId: value });
  if (imported && (await ctx.em.existsBy(Institution, { id: imported.recordId }))) return { record: imported.recordId };
  const choice = ctx.batch.mapping.matches.find((m) => m.kind === 'institution' && m.value === value && m.recordId !== 'new');
  if (choice && typeof choice.recordId === 'number' && (await ctx.em.existsBy(Institution, { id: choice.recordId }))) return { record: choice.recordId };
  const found = await possibleDuplicateInstitutions(ctx.em, [value]);
  if (found.length === 1) return { record: found[0].id };
  if (found.length > 1) problems.add(field, 'ambiguous-institution', { value: value.slice(0, 300), candidates: found.map((c) => c.id) });
  else problems.add(field, 'unknown-reference', { value: value.slice(0, 100) });
  return null;
}

async function checkInstitution(ctx: RowContext, _sheet: SheetToCheck, cells: Record<string, string>, v: Record<string, unknown>, problems: Problems, recordId: number | null): Promise<number | null> {
  const name = textOf('institutions', 'name', cells, INSTITUTION_LIMITS.name, problems);
  v.name = name;
  const aliases = cells.aliases ? [...new Set(cellList(cells.aliases))].filter((a) => a !== name) : [];
  if (aliases.some((a) => [...a].length > INSTITUTION_LIMITS.name)) problems.add('aliases', 'too-long', { max: INSTITUTION_LIMITS.name });
  v.aliases = aliases;
  v.locality = textOf('institutions', 'locality', cells, INSTITUTION_LIMITS.locality, problems);
  v.notes = textOf('institutions', 'notes', cells, INSTITUTION_LIMITS.notes, problems);
  // "43.4853|43.6072" in one cell (Uwazi's geolocation), when there are no columns of their own.
  const fromGeolocation = !!cells.geolocation && !cells.latitude && !cells.longitude;
  let latCell = cells.latitude ?? '';
  let lonCell = cells.longitude ?? '';
  if (fromGeolocation) {
    const parts = /^\s*([^|;\s]+)\s*[|;\s]\s*([^|;\s]+)\s*$/.exec(cells.geolocation);
    [latCell, lonCell] = parts ? [parts[1], parts[2]] : ['bad', 'bad'];
  }
  const lat = readCoordinate(latCell, 90);
  const lon = readCoordinate(lonCell, 180);
  if (fromGeolocation && (lat === 'bad' || lon === 'bad')) problems.add('geolocation', 'not-a-coordinate', { value: cells.geolocation.slice(0, 40) });
  if (!fromGeolocation && lat === 'bad') problems.add('latitude', 'not-a-coordinate', { value: latCell.slice(0, 40) });
  if (!fromGeolocation && lon === 'bad') problems.add('longitude', 'not-a-coordinate', { value: lonCell.slice(0, 40) });
  if (lat !== 'bad' && lon !== 'bad') {
    if ((lat === null) !== (lon === null)) problems.add(lat === null ? 'latitude' : 'longitude', 'required');
    v.latitude = lat;
    v.longitude = lon;
  }
  if (cells.parent) {
    if (cells.parent === cells.external_id || cells.parent === name) problems.add('parent', 'invalid', { value: cells.parent.slice(0, 100) });
    else v.parent = await institutionRef(ctx, cells.parent, 'parent', problems);
  }
  if (recordId !== null || !name) return null;
  return matchByName(ctx, 'institution', name, [name, ...aliases], problems);
}

async function checkEvent(ctx: RowContext, sheet: SheetToCheck, cells: Record<string, string>, v: Record<string, unknown>, problems: Problems, recordId: number | null): Promise<number | null> {
  v.title = textOf('events', 'title', cells, EVENT_LIMITS.title, problems);
  v.place = textOf('events', 'place', cells, EVENT_LIMITS.place, problems);
  v.description = textOf('events', 'description', cells, EVENT_LIMITS.description, problems);
  if (cells.case_ref) v.case_ref = await caseRef(ctx, cells.case_ref, 'case_ref', problems);
  const refs: ImportRef[] = [];
  for (const name of cells.institutions ? cellList(cells.institutions) : []) {
    const ref = await institutionRef(ctx, name, 'institutions', problems);
    if (ref) refs.push(ref);
  }
  v.institutions = refs;
  v.people = await peopleWithRoles(ctx, sheet, cells, problems);
  delete v.people_roles;
  if (recordId !== null) {
    const event = await ctx.em.findOne(CaseEvent, { where: { id: recordId }, select: { id: true, caseId: true } });
    if (event && !(await mayUpdateCase(ctx, event.caseId))) problems.add('', 'not-allowed');
    const ref = v.case_ref as ImportRef | null | undefined;
    if (event && ref && 'record' in ref && ref.record !== event.caseId) problems.add('case_ref', 'invalid', { value: cells.case_ref });
  }
  return null;
}

export type { StoredMapping };

/**
 * The people an events row names with their roles, paired by position ("A|B" + "victim|witness");
 * a single role applies to every person. Each person is a people row of this batch (external id
 * or name), a person an import made, the user's choice, or the one visible person of that name.
 */
async function peopleWithRoles(ctx: RowContext, sheet: SheetToCheck, cells: Record<string, string>, problems: Problems): Promise<{ person: ImportRef; role: string }[]> {
  const names = cells.people ? cellList(cells.people) : [];
  const rawRoles = cells.people_roles ? cellList(cells.people_roles) : [];
  if (!names.length) {
    if (rawRoles.length) problems.add('people', 'required');
    return [];
  }
  if (!rawRoles.length) {
    problems.add('people_roles', 'required');
    return [];
  }
  if (rawRoles.length !== 1 && rawRoles.length !== names.length) {
    problems.add('people_roles', 'roles-mismatch', { people: names.length, roles: rawRoles.length });
    return [];
  }
  const field = IMPORT_FIELDS.events.find((f) => f.code === 'people_roles')!;
  const roles: (string | null)[] = [];
  for (const raw of rawRoles) roles.push((await readTerms(ctx, sheet, { ...field, multiple: false }, raw, problems))[0] ?? null);
  const out: { person: ImportRef; role: string }[] = [];
  for (let i = 0; i < names.length; i++) {
    const person = await personRef(ctx, names[i], 'people', problems);
    const role = roles.length === 1 ? roles[0] : roles[i];
    if (person && role && !out.some((o) => JSON.stringify(o) === JSON.stringify({ person, role }))) out.push({ person, role });
  }
  return out;
}

/** A person named by a cell. A protected person the user is not cleared for is never found (nor named in a problem). */
export async function personRef(ctx: RowContext, value: string, field: string, problems: Problems): Promise<ImportRef | null> {
  const inBatch = await batchRow(ctx, 'people', value, field, problems, '$.names[0].name');
  if (inBatch === 'unusable') return null;
  if (inBatch) return { row: inBatch.externalId };
  const visible = async (id: number) => {
    const person = await ctx.em.findOne(Person, { where: { id }, select: { id: true, protectedIdentity: true } });
    return !!person && (!person.protectedIdentity || (await clearedProtectedIds(ctx.em, ctx.user, [id])).has(id));
  };
  const imported = (await ctx.em.findOneBy(ImportRecord, { source: ctx.batch.mapping.source, kind: 'people', externalId: value })) ?? (await ctx.em.findOneBy(ImportRecord, { kind: 'people', externalId: value }));
  if (imported && (await visible(imported.recordId))) return { record: imported.recordId };
  const choice = ctx.batch.mapping.matches.find((m) => m.kind === 'person' && m.value === value);
  if (choice && typeof choice.recordId === 'number' && (await visible(choice.recordId))) return { record: choice.recordId };
  const candidates = await possibleDuplicatePeople(ctx.em, ctx.user, [value]);
  const key = matchKey(value);
  const same = candidates.filter((c) => c.matchedNames.some((n) => matchKey(n) === key));
  if (candidates.length === 1 && same.length === 1) return { record: same[0].id };
  if (candidates.length) problems.add(field, 'ambiguous-person', { value: value.slice(0, 300), candidates: candidates.map((c) => c.id) });
  else problems.add(field, 'unknown-reference', { value: value.slice(0, 100) });
  return null;
}
