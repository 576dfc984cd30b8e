import path from 'node:path';
import ExcelJS from 'exceljs';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import ru from '../../locales/ru.json';
import { BLNS_NON_BLANK } from '../support/blns';
import * as service from '../../src/imports/import.service';
import { verifyAudit } from '../../src/audit/audit.service';
import { CurrentUser } from '../../src/http/context';
import { User } from '../../src/users/user.entity';

/**
 * The record kinds after events (issue 13): allegations, complaints and their responses,
 * investigations and their decisions, proceedings and their stages, statements, sources — one
 * workbook with a sheet per kind, through the service on a real migrated database.
 */
let t: TestApp;
let researcher: CurrentUser;
let admin: CurrentUser;
const cu = (u: User): CurrentUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

beforeEach(async () => {
  t = await startTestApp();
  researcher = cu(await makeUser(t.ds, 'researcher'));
  admin = cu(await makeUser(t.ds, 'admin'));
});
afterEach(() => t.close());

type Sheets = Record<string, string[][]>;

/** The whole file: every kind, each referring to the others by external id. */
function workbook(): Sheets {
  return {
    cases: [['external_id', 'title', 'status'], ['c1', 'Detention and beating of A. Ivanov', 'open']],
    institutions: [['external_id', 'name', 'type'], ['i1', 'ОВД Нальчика', 'police_unit'], ['i2', 'Прокуратура КБР', 'prosecutors_office'], ['i3', 'Верховный суд КБР', 'court']],
    people: [['external_id', 'name', 'case', 'role'], ['p1', 'Иванов Аслан', 'c1', 'victim'], ['p2', 'Петров Иван', 'c1', 'defendant']],
    events: [['external_id', 'case', 'type', 'date'], ['e1', 'c1', 'arrest', '13.10.2005']],
    allegations: [
      ['external_id', 'case', 'victim', 'summary', 'events', 'methods', 'purposes', 'places', 'perpetrator institutions', 'perpetrator description', 'involvement', 'attribution', 'status'],
      ['a1', 'c1', 'p1', 'Beaten to force a confession', 'e1', 'Избиение|electric_shock', 'extract_confession', 'ОВД Нальчика', 'i1', 'men in masks', 'carried_out', 'alleged_by_victim', ''],
    ],
    complaints: [['external_id', 'case', 'date', 'request', 'to', 'filed by'], ['k1', 'c1', '2005-11-02', 'open_criminal_investigation', 'i2', 'p1']],
    complaint_responses: [
      ['external_id', 'complaint', 'date', 'outcome', 'responding institution'],
      ['r1', 'k1', '2005-12-01', 'refused_to_open', 'i2'],
      ['r2', 'k1', '2006-02-01', 'Отказ в возбуждении уголовного дела', 'i2'],
    ],
    investigations: [['external_id', 'case', 'institution', 'trigger complaint', 'began', 'official number'], ['v1', 'c1', 'i2', 'k1', '2005-11-10', '123пр-05']],
    investigation_decisions: [['external_id', 'investigation', 'kind', 'date'], ['d1', 'v1', 'check_started', '2005-11-10'], ['d2', 'v1', 'refused_to_open', '2005-11-20']],
    proceedings: [['external_id', 'case', 'title', 'court', 'defendants'], ['pr1', 'c1', 'Нальчикский процесс', 'i3', 'p2']],
    proceeding_stages: [['external_id', 'proceeding', 'kind', 'date', 'outcome'], ['s1', 'pr1', 'verdict', '2014-12-23', '']],
    statements: [['external_id', 'case', 'kind', 'maker', 'date', 'conditions', 'incriminates', 'court status', 'proceeding', 'allegation'], ['st1', 'c1', 'confession', 'p1', '14.10.2005', 'signed_without_counsel|under_threat', 'p2', 'relied_on', 'pr1', 'a1']],
    sources: [['external_id', 'kind', 'name', 'url', 'reliability', 'relation'], ['src1', 'организация', 'Правозащитный центр «Мемориал»', 'https://example.org/report', 'usually_reliable', 'ngo']],
  };
}

async function xlsx(name: string, sheets: Sheets): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
  }
  const file = path.join(t.dir, `upload-${Math.random().toString(36).slice(2)}-${name}`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function checked(user: CurrentUser, name: string, sheets: Sheets) {
  const batch = await service.createBatch(t.ds, user, { path: await xlsx(name, sheets), originalName: name });
  for (const s of batch.sheets) expect([s.name, s.guessedKind]).toEqual([s.name, s.name]);
  return service.checkBatch(t.ds, user, batch.id);
}

async function rowsOf(user: CurrentUser, batchId: number) {
  return (await service.previewRows(t.ds, user, batchId, { page: 1, perPage: 500 })).rows;
}

const q = (sql: string, params: unknown[] = []) => t.ds.query(sql, params);
const count = async (table: string) => Number((await q(`SELECT count(*) AS n FROM ${table}`))[0].n);
const LATER_TABLES = ['allegation', 'allegation_event', 'allegation_method', 'allegation_purpose', 'allegation_institution', 'perpetrator', 'complaint', 'complaint_response', 'investigation', 'investigation_decision', 'proceeding', 'proceeding_defendant', 'proceeding_stage', 'stage_verdict', 'statement', 'statement_condition', 'statement_incriminates', 'source'];

describe('import of allegations, complaints, investigations, proceedings, statements and sources', () => {
  it('imports a file with every sheet, re-imports it writing nothing, updates a changed row, and undo removes exactly what it made', async () => {
    const first = await checked(researcher, 'all.xlsx', workbook());
    const problems = (await rowsOf(researcher, first.id)).filter((r) => r.problems.length).map((r) => [r.sheet, r.line, r.problems]);
    expect(problems).toEqual([]);
    expect(first.status).toBe('checked');
    expect(first.counts).toMatchObject({ create: 18, error: 0 });
    await service.commitBatch(t.ds, researcher, first.id);
    // The kinds' services append their own audit entries amid the import's: one unbroken chain.
    expect((await verifyAudit(t.ds)).problem).toBeNull();

    const [allegation] = await q('SELECT a.id, a.case_id AS caseId, a.summary, a.status, p.primary_name AS victim FROM allegation a JOIN person p ON p.id = a.victim_person_id');
    expect(allegation).toMatchObject({ summary: 'Beaten to force a confession', status: 'alleged', victim: 'Иванов Аслан' });
    expect((await q('SELECT code FROM allegation_method WHERE allegation_id = ? ORDER BY code', [allegation.id])).map((r: { code: string }) => r.code)).toEqual(['beating', 'electric_shock']);
    expect(await q('SELECT e.type FROM allegation_event ae JOIN case_event e ON e.id = ae.event_id')).toEqual([{ type: 'arrest' }]);
    expect(await q('SELECT i.name AS place FROM allegation_institution ai JOIN institution i ON i.id = ai.institution_id')).toEqual([{ place: 'ОВД Нальчика' }]);
    expect(await q('SELECT i.name AS institution, p.description, p.involvement, p.attribution FROM perpetrator p LEFT JOIN institution i ON i.id = p.institution_id ORDER BY p.id')).toEqual([
      { institution: 'ОВД Нальчика', description: null, involvement: 'carried_out', attribution: 'alleged_by_victim' },
      { institution: null, description: 'men in masks', involvement: 'carried_out', attribution: 'alleged_by_victim' },
    ]);
    expect(await q('SELECT outcome, date_start AS d FROM complaint_response ORDER BY date_start')).toEqual([{ outcome: 'refused_to_open', d: '2005-12-01' }, { outcome: 'refused_to_open', d: '2006-02-01' }]);
    expect(await q(`SELECT i."trigger", i.official_number AS n, c.request FROM investigation i JOIN complaint c ON c.id = i.trigger_complaint_id`)).toEqual([{ trigger: 'complaint', n: '123пр-05', request: 'open_criminal_investigation' }]);
    expect((await q('SELECT kind FROM investigation_decision ORDER BY date_start')).map((r: { kind: string }) => r.kind)).toEqual(['check_started', 'refused_to_open']);
    expect(await q('SELECT p.title, pe.primary_name AS defendant FROM proceeding p JOIN proceeding_defendant d ON d.proceeding_id = p.id JOIN person pe ON pe.id = d.person_id')).toEqual([{ title: 'Нальчикский процесс', defendant: 'Петров Иван' }]);
    expect(await q('SELECT kind FROM proceeding_stage')).toEqual([{ kind: 'verdict' }]);
    const [statement] = await q('SELECT s.kind, s.court_status AS courtStatus, s.allegation_id AS allegationId, s.proceeding_id IS NOT NULL AS hasProceeding FROM statement s');
    expect(statement).toEqual({ kind: 'confession', courtStatus: 'relied_on', allegationId: allegation.id, hasProceeding: 1 });
    expect(await count('statement_condition')).toBe(2);
    expect(await q('SELECT kind, name, reliability, relation FROM source')).toEqual([{ kind: 'organisation', name: 'Правозащитный центр «Мемориал»', reliability: 'usually_reliable', relation: 'ngo' }]);
    // The services' own audit entries, naming the batch and the file; the case's history includes them.
    const entries = await q(`SELECT action, detail FROM audit_entry WHERE action IN ('allegation.create', 'complaint.response_add', 'source.create', 'statement.create') ORDER BY seq`);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['source.create', 'allegation.create', 'complaint.response_add', 'complaint.response_add', 'statement.create']);
    for (const e of entries) expect(JSON.parse(e.detail)).toMatchObject({ importBatchId: first.id, importFile: 'all.xlsx' });
    // The allegation is found by the search index as any allegation entered by hand.
    expect(JSON.parse(entries[1].detail).caseId).toBe(allegation.caseId);

    const before = Object.fromEntries(await Promise.all(LATER_TABLES.map(async (tb) => [tb, await count(tb)])));
    const auditBefore = await count('audit_entry');
    const again = await checked(researcher, 'all.xlsx', workbook());
    expect(again.counts).toMatchObject({ create: 0, update: 0, error: 0 });
    await service.commitBatch(t.ds, researcher, again.id);
    expect(Object.fromEntries(await Promise.all(LATER_TABLES.map(async (tb) => [tb, await count(tb)])))).toEqual(before);
    expect(await count('audit_entry')).toBe(auditBefore + 1);

    const changed = workbook();
    changed.allegations[1][3] = 'Beaten and given electric shocks';
    changed.complaint_responses[2][3] = 'opened';
    changed.sources[1][2] = 'Memorial';
    const third = await checked(researcher, 'all.xlsx', changed);
    expect(third.counts).toMatchObject({ create: 0, update: 3, error: 0 });
    await service.commitBatch(t.ds, researcher, third.id);
    expect(await q('SELECT summary FROM allegation')).toEqual([{ summary: 'Beaten and given electric shocks' }]);
    expect((await q('SELECT outcome FROM complaint_response ORDER BY date_start')).map((r: { outcome: string }) => r.outcome)).toEqual(['refused_to_open', 'opened']);
    expect(await q('SELECT name FROM source')).toEqual([{ name: 'Memorial' }]);
    expect((await q(`SELECT action FROM audit_entry WHERE record_type = 'allegation' ORDER BY seq`)).map((r: { action: string }) => r.action)).toEqual(['allegation.create', 'allegation.update']);

    // The first batch's records were changed since by the third: undo keeps those, removes the rest.
    const refused = await service.undoBatch(t.ds, researcher, first.id, {});
    expect(refused.undone).toBe(false);
    expect(refused).toMatchObject({ editedSince: expect.arrayContaining([expect.objectContaining({ kind: 'allegations' }), expect.objectContaining({ kind: 'complaint_responses' }), expect.objectContaining({ kind: 'sources' })]) });
    const forced = await service.undoBatch(t.ds, researcher, first.id, { force: true });
    expect(forced.undone).toBe(true);
    // What the changed records stand on stays with them: the case, the victim, the event and the place of the allegation, the complaint of the response.
    expect(await q('SELECT summary FROM allegation')).toEqual([{ summary: 'Beaten and given electric shocks' }]);
    expect(await count('allegation_event')).toBe(1);
    expect(await q('SELECT outcome FROM complaint_response')).toEqual([{ outcome: 'opened' }]);
    expect(await count('complaint')).toBe(1);
    expect(await count('source')).toBe(1);
    // The rest of the first batch is gone: the decisions, the stage, the statement, the other response.
    for (const tb of ['investigation_decision', 'proceeding_stage', 'statement', 'proceeding']) expect([tb, await count(tb)]).toEqual([tb, 0]);
  });

  it('shows the later kinds’ rows on the preview page, in Russian, with each problem beside its cell', async () => {
    const sheets = workbook();
    sheets.complaint_responses[1][3] = 'отказ';
    const batch = await checked(researcher, 'preview.xlsx', sheets);
    const { agent } = await signIn(t.app, researcher.email);
    const page = await agent.get(`/imports/${batch.id}/preview`).set('Cookie', 'casebook_lang=ru').expect(200);
    for (const kind of ['allegations', 'complaints', 'complaint_responses', 'investigations', 'investigation_decisions', 'proceedings', 'proceeding_stages', 'statements', 'sources']) {
      expect(page.text).toContain(`id="row-${kind}-2"`);
    }
    expect(page.text).toContain(ru.imports.fields.allegations.perpetrator_institutions);
    // The allegation's events, given as external ids, are shown as the file gave them.
    const allegation = page.text.slice(page.text.indexOf('id="row-allegations-2"'), page.text.indexOf('</li>', page.text.indexOf('id="row-allegations-2"')));
    expect(allegation).toContain('e1');
    expect(allegation).not.toContain('[object Object]');
    const response = page.text.slice(page.text.indexOf('id="row-complaint_responses-2"'), page.text.indexOf('</li>', page.text.indexOf('id="row-complaint_responses-2"')));
    expect(response).toContain(ru.imports.fields.complaint_responses.outcome);
    expect(response).toContain('Такого термина нет');
  });

  it('undo of an untouched batch removes every record it made, and only those', async () => {
    const seed = await checked(admin, 'seed.xlsx', { sources: [['external_id', 'kind', 'name', 'reliability', 'relation'], ['old', 'person', 'A lawyer', 'fairly_reliable', 'lawyer']] });
    await service.commitBatch(t.ds, admin, seed.id);
    const batch = await checked(researcher, 'all.xlsx', workbook());
    await service.commitBatch(t.ds, researcher, batch.id);
    expect(await count('allegation')).toBe(1);
    const result = await service.undoBatch(t.ds, researcher, batch.id, {});
    expect(result).toEqual({ undone: true, removed: 18 });
    for (const tb of LATER_TABLES) expect([tb, await count(tb)]).toEqual([tb, tb === 'source' ? 1 : 0]);
    expect(await q('SELECT name FROM source')).toEqual([{ name: 'A lawyer' }]);
    const deletes = await q(`SELECT action FROM audit_entry WHERE action LIKE '%.delete' AND json_extract(detail, '$.importBatchId') = ?`, [batch.id]);
    expect(deletes).toHaveLength(18);
  });

  it('shows a bad reference, a bad term and an impossible date on the right cell', async () => {
    const sheets = workbook();
    sheets.allegations[1][4] = 'e-missing';
    sheets.allegations[1][5] = 'beatng';
    sheets.complaints[1][2] = '30.02.2005';
    sheets.statements[1][7] = 'believed';
    const batch = await checked(researcher, 'bad.xlsx', sheets);
    expect(batch.status).toBe('has-problems');
    const rows = await rowsOf(researcher, batch.id);
    const problemsOf = (sheet: string) => rows.find((r) => r.sheet === sheet && r.line === 2)!.problems;
    expect(problemsOf('allegations')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'events', column: 'events', code: 'unknown-reference', params: { value: 'e-missing' } }),
        expect.objectContaining({ field: 'methods', column: 'methods', code: 'unknown-term', params: expect.objectContaining({ value: 'beatng', suggestions: expect.arrayContaining(['beating']) }) }),
      ]),
    );
    expect(problemsOf('complaints')).toEqual([expect.objectContaining({ field: 'date', column: 'date', code: 'impossible-date' })]);
    // The complaint row has a problem, so its responses and the investigation it started cannot refer to it.
    for (const sheet of ['complaint_responses', 'investigations']) {
      expect(problemsOf(sheet)).toEqual([expect.objectContaining({ code: 'referred-row-unusable', params: { value: 'k1', sheet: 'complaints', line: 2 } })]);
    }
    expect(problemsOf('statements')).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'court_status', column: 'court status', code: 'not-a-choice' })]));
    await expect(service.commitBatch(t.ds, researcher, batch.id)).rejects.toMatchObject({ status: 409 });

    // Fixing the date clears the rows that referred to it, too.
    await service.decideRow(t.ds, researcher, batch.id, { sheet: 'complaints', line: 2, fixes: { date: '2005-11-02' } });
    const after = await rowsOf(researcher, batch.id);
    for (const sheet of ['complaints', 'complaint_responses', 'investigations', 'investigation_decisions']) {
      expect([sheet, after.filter((r) => r.sheet === sheet).flatMap((r) => r.problems)]).toEqual([sheet, []]);
    }
  });

  it('makes a reference to a skipped row a problem of the referring row, and clears it when the row is taken back', async () => {
    const batch = await checked(researcher, 'skip.xlsx', workbook());
    expect(batch.status).toBe('checked');
    await service.decideRow(t.ds, researcher, batch.id, { sheet: 'proceedings', line: 2, skip: true });
    const rows = await rowsOf(researcher, batch.id);
    const stage = rows.find((r) => r.sheet === 'proceeding_stages')!;
    expect(stage.action).toBe('error');
    expect(stage.problems).toEqual([expect.objectContaining({ field: 'proceeding_ref', column: 'proceeding', code: 'referred-row-unusable', params: { value: 'pr1', sheet: 'proceedings', line: 2 } })]);
    const statement = rows.find((r) => r.sheet === 'statements')!;
    expect(statement.problems).toEqual([expect.objectContaining({ field: 'proceeding_ref', code: 'referred-row-unusable' })]);
    // An event whose case row is skipped is refused too (it was silently left without its case before).
    await service.decideRow(t.ds, researcher, batch.id, { sheet: 'cases', line: 2, skip: true });
    const event = (await rowsOf(researcher, batch.id)).find((r) => r.sheet === 'events')!;
    expect(event.problems).toEqual([expect.objectContaining({ field: 'case_ref', code: 'referred-row-unusable', params: { value: 'c1', sheet: 'cases', line: 2 } })]);
    // Taking the case row back clears it again.
    await service.decideRow(t.ds, researcher, batch.id, { sheet: 'cases', line: 2, skip: false });
    expect((await rowsOf(researcher, batch.id)).find((r) => r.sheet === 'events')!.problems).toEqual([]);
  });

  it('applies the kinds’ own rules: a trigger complaint needs its trigger, a response cannot precede its complaint, a defendant is a person of the case', async () => {
    const sheets = workbook();
    sheets.investigations[0].push('trigger');
    sheets.investigations[1].push('own_initiative');
    sheets.complaint_responses[1][2] = '2005-10-01';
    sheets.proceedings[1][4] = 'Иванов Аслан';
    const batch = await checked(researcher, 'rules.xlsx', sheets);
    const rows = await rowsOf(researcher, batch.id);
    const at = (sheet: string, line = 2) => rows.find((r) => r.sheet === sheet && r.line === line)!.problems.map((p) => [p.field, p.code]);
    expect(at('investigations')).toEqual([['trigger', 'complaint-needs-trigger']]);
    expect(at('complaint_responses')).toEqual([['date', 'before-parent']]);
    expect(at('proceedings')).toEqual([]); // Иванов is a person of the case (victim)
  });

  it('keeps a defendant’s charges (not in the file) when a changed row updates the proceeding; a stage’s outcome applies to every defendant', async () => {
    const first = await checked(researcher, 'all.xlsx', workbook());
    await service.commitBatch(t.ds, researcher, first.id);
    const [defendant] = await q('SELECT id FROM proceeding_defendant');
    await q(`INSERT INTO proceeding_charge (defendant_id, article, article_code) VALUES (?, 'ст. 205 ч. 3 УК РФ', NULL)`, [defendant.id]);
    const changed = workbook();
    changed.proceedings[1][2] = 'The Nalchik trial';
    changed.proceeding_stages[1][4] = 'convicted';
    const again = await checked(researcher, 'all.xlsx', changed);
    expect(again.counts).toMatchObject({ update: 2, error: 0 });
    await service.commitBatch(t.ds, researcher, again.id);
    expect(await q('SELECT title FROM proceeding')).toEqual([{ title: 'The Nalchik trial' }]);
    expect(await q('SELECT article FROM proceeding_charge')).toEqual([{ article: 'ст. 205 ч. 3 УК РФ' }]);
    expect(await q('SELECT outcome FROM stage_verdict')).toEqual([{ outcome: 'convicted' }]);
  });

  it('stores hostile strings exactly as typed', async () => {
    // Cells are read trimmed, and a spreadsheet holds no control characters: those are left to the CSV tests.
    const strings = BLNS_NON_BLANK.filter((s) => [...s].length <= 200 && !/[\u0000-\u001f\u007f]/.test(s)).map((s) => s.trim()).filter((s, i, all) => s && all.indexOf(s) === i).slice(0, 80);
    const sheets: Sheets = {
      cases: [['external_id', 'title'], ['c1', 'Case']],
      allegations: [['external_id', 'case', 'summary', 'duration'], ...strings.map((s, i) => [`a${i}`, 'c1', s, s])],
      sources: [['external_id', 'kind', 'name', 'reliability', 'relation', 'note'], ...strings.map((s, i) => [`s${i}`, 'person', s, 'cannot_be_judged', 'other', s])],
    };
    const batch = await checked(researcher, 'blns.xlsx', sheets);
    const refused = (await rowsOf(researcher, batch.id)).filter((r) => r.problems.length);
    // What a spreadsheet cannot hold (a lone surrogate, control characters an XLSX drops) is refused, never altered.
    for (const r of refused) expect(r.problems.every((p) => p.code === 'invalid')).toBe(true);
    for (const r of refused) await service.decideRow(t.ds, researcher, batch.id, { sheet: r.sheet, line: r.line, skip: true });
    await service.commitBatch(t.ds, researcher, batch.id);
    const okLines = new Set((await rowsOf(researcher, batch.id)).filter((r) => !r.skip && r.sheet === 'allegations').map((r) => r.line));
    const summaries = (await q('SELECT summary, duration FROM allegation ORDER BY id')) as { summary: string; duration: string }[];
    const expected = strings.filter((_, i) => okLines.has(i + 2));
    expect(summaries.map((r) => r.summary)).toEqual(expected);
    expect(summaries.map((r) => r.duration)).toEqual(expected);
    expect(summaries.length).toBeGreaterThan(40);
    const names = (await q('SELECT name, note FROM source ORDER BY id')) as { name: string; note: string }[];
    expect(names.every((r) => r.name === r.note)).toBe(true);
    expect(names.length).toBeGreaterThan(40);
  });

  it('keeps a restricted case closed to a researcher who is not on it, and protected people hidden', async () => {
    const seed = await checked(admin, 'seed.xlsx', {
      cases: [['external_id', 'code', 'title', 'restricted'], ['secret', 'RU-2005-0900', 'Restricted case', 'yes']],
      people: [['external_id', 'name', 'protected identity'], ['hidden', 'Кадыров Тайный', 'yes']],
    });
    await service.commitBatch(t.ds, admin, seed.id);
    const batch = await checked(researcher, 'intrude.xlsx', {
      cases: [['external_id', 'title'], ['mine', 'My case']],
      allegations: [['external_id', 'case', 'summary', 'victim'], ['a1', 'RU-2005-0900', 'into the restricted case', ''], ['a2', 'secret', 'by its external id', ''], ['a3', 'mine', 'naming a protected person', 'Кадыров Тайный']],
      complaints: [['external_id', 'case', 'request'], ['k1', 'RU-2005-0900', 'other']],
    });
    const rows = await rowsOf(researcher, batch.id);
    const at = (sheet: string, line: number) => rows.find((r) => r.sheet === sheet && r.line === line)!.problems.map((p) => [p.field, p.code]);
    expect(at('allegations', 2)).toEqual([['case_ref', 'unknown-reference']]);
    expect(at('allegations', 3)).toEqual([['case_ref', 'unknown-reference']]);
    expect(at('allegations', 4)).toEqual([['victim', 'unknown-reference']]);
    expect(at('complaints', 2)).toEqual([['case_ref', 'unknown-reference']]);
    expect(JSON.stringify(rows)).not.toContain('Restricted case');
    // The admin, on the case, may.
    const allowed = await checked(admin, 'admin.xlsx', { allegations: [['external_id', 'case', 'summary', 'victim'], ['a1', 'RU-2005-0900', 'recorded by the admin', 'Кадыров Тайный']] });
    expect(allowed.counts).toMatchObject({ create: 1, error: 0 });
  });
});
