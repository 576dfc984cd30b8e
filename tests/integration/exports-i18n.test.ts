import request from 'supertest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { TestApp, makeUser, signIn, startTestApp, Agent } from '../support/app';
import { buildRussianCase, RussianCase } from '../support/russian-case';
import { binary } from '../support/binary';
import { insertParticipant, insertPerson } from '../support/records';
import { latinWords, visibleText } from '../support/i18n-pages';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { COLUMNS } from '../../src/exports/export.service';
import ru from '../../locales/ru.json';
import en from '../../locales/en.json';

/**
 * Issue 12, "spreadsheets in Russian offices": beside the CSV for programs (column codes, commas,
 * exactly as it always was), a CSV for Excel (semicolons, BOM, headers in the reader's language)
 * and an XLSX workbook (the same headers, frozen header row, dates as text), over the pages in
 * the user's language and over the API in Accept-Language.
 */

let t: TestApp;
let fixture: RussianCase;
let agent: Agent;
let analystToken: string;

const text = (r: request.Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });

const workbook = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
};

beforeAll(async () => {
  t = await startTestApp();
  fixture = await buildRussianCase(t);
  ({ agent } = await signIn(t.app, fixture.admin.email));
  const analyst = await makeUser(t.ds, 'analyst');
  analystToken = (await createApiToken(t.ds, CLI_ACTOR, analyst.id, 't')).token;
  // A protected witness: named to the admin, a pseudonym to the analyst, in every format.
  const witness = await insertPerson(t.ds, 'Скрытый Свидетель', { protectedIdentity: true, createdById: fixture.admin.id });
  await insertParticipant(t.ds, fixture.ids.case, witness.id, 'witness');
  // A title a spreadsheet would run as a formula.
  const formula = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${fixture.token}`).send({ title: '=СУММ(1;2) формула', status: 'open' });
  expect(formula.status).toBe(201);
}, 120_000);
afterAll(() => t.close());

describe('exports for spreadsheets, in the reader’s language', () => {
  it('CSV for Excel: byte-order mark, semicolons, CRLF, Russian headers, Russian yes/no; formulas still defused', async () => {
    const res = await text(agent.get('/exports/cases-excel.csv')).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="casebook-cases-excel-\d{4}-\d{2}-\d{2}\.csv"/);
    const body: string = res.body;
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const [headerLine] = body.slice(1).split('\r\n');
    expect(headerLine.split(';')).toEqual(COLUMNS.cases.map((code) => (ru.columns as Record<string, string>)[code]));
    expect(headerLine).toContain('Код дела;Название;Статус');
    expect(headerLine).toContain('Первое событие;Первое событие: точность;Первое событие: самый ранний день;Первое событие: самый поздний день');
    const rows: Record<string, string>[] = parse(body.slice(1), { columns: true, delimiter: ';' });
    const kase = rows.find((r) => r['Название'] === 'Дело Расула Кудаева')!;
    expect(kase).toBeTruthy();
    expect(kase['Ограниченный доступ']).toBe('нет');
    // The first event is the questioning of October 2005 (known to the month), before the arrest of 23 October.
    expect(rows.find((r) => r['Название'].includes('формула'))!['Название']).toBe("'=СУММ(1;2) формула");
    expect([kase['Первое событие: точность'], kase['Первое событие: самый ранний день'], kase['Первое событие: самый поздний день']]).toEqual(['month', '2005-10-01', '2005-10-31']);

    // Every kind has a header in Russian for each of its columns.
    for (const kind of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      const csv = (await text(agent.get(`/exports/${kind}-excel.csv`)).expect(200)).body as string;
      const header = csv.slice(1).split('\r\n')[0].split(';');
      expect(header).toHaveLength(COLUMNS[kind].length);
      expect(header.flatMap((h) => latinWords(h))).toEqual([]);
    }
  });

  it('CSV for programs from the page: headers in the reader’s language by default, the rest as before; ?headers=codes gives the codes', async () => {
    const readable = (await text(agent.get('/exports/cases.csv')).expect(200)).body as string;
    expect(readable.charCodeAt(0)).toBe(0xfeff);
    const header = parse(readable.slice(1), { to_line: 1 })[0] as string[];
    expect(header).toEqual(COLUMNS.cases.map((c) => (ru.columns as Record<string, string>)[c]));
    expect(header.flatMap((h) => latinWords(h))).toEqual([]);
    // Only the header changes: the rows are the bytes of the file with codes.
    const codes = (await text(agent.get('/exports/cases.csv?headers=codes')).expect(200)).body as string;
    expect(readable.slice(readable.indexOf('\n'))).toBe(codes.slice(codes.indexOf('\n')));
    // The export page says so, and links to both.
    const menu = await agent.get('/exports').expect(200);
    expect(menu.text).toContain('href="/exports/cases.csv?headers=codes"');
    expect(menu.text).toContain('с кодами столбцов');
    // The audit trail says which header was sent.
    const audits = await t.ds.getRepository(AuditEntry).find({ where: { action: 'export.start' }, order: { seq: 'DESC' }, take: 2 });
    expect(audits.map((a) => JSON.parse(a.detail).headers)).toEqual(['codes', 'readable']);
  });

  it('CSV for programs: exactly as before — column codes, commas, English yes/no, whoever asks', async () => {
    const res = await text(agent.get('/exports/cases.csv?headers=codes')).expect(200);
    const body: string = res.body;
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body.slice(1).split('\n')[0]).toBe(COLUMNS.cases.join(','));
    const rows: Record<string, string>[] = parse(body.slice(1), { columns: true });
    const kase = rows.find((r) => r.title === 'Дело Расула Кудаева')!;
    expect(kase.restricted).toBe('no');
    expect([kase.firstEventPrecision, kase.firstEventEarliest, kase.firstEventLatest]).toEqual(['month', '2005-10-01', '2005-10-31']);
    // The same file over the API, and the Russian reader's page link, are the same bytes but for the date of the day.
    const api = await text(request(t.app).get('/api/v1/exports/cases?format=csv').set('Authorization', `Bearer ${fixture.token}`).set('Accept-Language', 'ru')).expect(200);
    expect(api.body).toBe(body);
  });

  it('XLSX: a workbook exceljs reads back, Russian headers, frozen header row, the rows, real dates where the day is known; audited like CSV', async () => {
    const res = await binary(agent.get('/exports/events.xlsx')).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="casebook-events-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const book = await workbook(res.body as Buffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('События');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(COLUMNS.events.map((code) => (ru.columns as Record<string, string>)[code]));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const rows: Record<string, unknown>[] = [];
    for (let i = 2; i <= sheet.rowCount; i++) rows.push(Object.fromEntries(COLUMNS.events.map((code, j) => [code, sheet.getRow(i).getCell(j + 1).value])));
    expect(rows.map((r) => r.title).sort()).toEqual(['Допрос', 'Задержание в Нальчике']);
    const arrest = rows.find((r) => r.title === 'Задержание в Нальчике')!;
    // A date known to the day is a real date, shown the Russian way; its edges are real dates; its precision has its own column.
    const day = new Date(Date.UTC(2005, 9, 23));
    expect([arrest.datePrecision, arrest.dateEarliest, arrest.dateLatest]).toEqual(['day', day, day]);
    expect(arrest.date).toEqual(day);
    const cells = (title: string, code: string) => sheet.getRow(rows.findIndex((r) => r.title === title) + 2).getCell(COLUMNS.events.indexOf(code) + 1);
    expect(cells('Задержание в Нальчике', 'date').numFmt).toBe('dd.mm.yyyy');
    expect(cells('Задержание в Нальчике', 'dateEarliest').numFmt).toBe('yyyy-mm-dd');
    // Known to the month only: the date stays text ("окт. 2005"), so Excel never invents a day; its edges are still days.
    const questioning = rows.find((r) => r.title === 'Допрос')!;
    expect(questioning.datePrecision).toBe('month');
    expect(typeof questioning.date).toBe('string');
    expect(questioning.date).toMatch(/2005/);
    expect([questioning.dateEarliest, questioning.dateLatest]).toEqual([new Date(Date.UTC(2005, 9, 1)), new Date(Date.UTC(2005, 9, 31))]);
    // Recorded once the last byte is sent (the client may have it a moment before).
    const audited = async () => (await t.ds.getRepository(AuditEntry).findBy({ action: 'export.complete' })).map((e) => JSON.parse(e.detail)).find((d) => d.format === 'xlsx' && d.kind === 'events');
    for (let i = 0; i < 50 && !(await audited()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await audited()).toMatchObject({ kind: 'events', format: 'xlsx', rows: 2 });
    expect((await t.ds.getRepository(AuditEntry).findBy({ action: 'export.start' })).map((e) => JSON.parse(e.detail))).toContainEqual(expect.objectContaining({ kind: 'events', format: 'xlsx' }));
  });

  it('streams a large workbook whole, text never read as a formula', async () => {
    await t.ds.query(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
      INSERT INTO case_record (code, title, status, restricted, created_at, updated_at) SELECT 'RU-1999-' || printf('%05d', i), 'Массовое дело ' || i, 'open', 0, datetime('now'), datetime('now') FROM n`);
    const res = await binary(agent.get('/exports/cases.xlsx')).expect(200);
    const sheet = (await workbook(res.body as Buffer)).worksheets[0];
    expect(sheet.rowCount).toBe(1 + 1500 + 2);
    const titles: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && titles.push(row.getCell(2).value));
    expect(titles).toContain('=СУММ(1;2) формула');
    // Record stamps are real date-times.
    const created = sheet.getRow(2).getCell(COLUMNS.cases.indexOf('createdAt') + 1);
    expect(created.value).toBeInstanceOf(Date);
    expect(Math.abs((created.value as Date).getTime() - Date.now())).toBeLessThan(3_600_000);
    await t.ds.query(`DELETE FROM case_record WHERE code LIKE 'RU-1999-%'`);
  });

  it('over the API: format=csv-excel and format=xlsx in the language of Accept-Language, English by default', async () => {
    const auth = { Authorization: `Bearer ${fixture.token}` };
    const russian = (await text(request(t.app).get('/api/v1/exports/complaints?format=csv-excel').set(auth).set('Accept-Language', 'ru')).expect(200)).body as string;
    expect(russian.slice(1).split('\r\n')[0]).toContain('Код дела;Дата;Дата: точность');
    const english = (await text(request(t.app).get('/api/v1/exports/complaints?format=csv-excel').set(auth)).expect(200)).body as string;
    expect(english.slice(1).split('\r\n')[0]).toBe(COLUMNS.complaints.map((code) => (en.columns as Record<string, string>)[code]).join(';'));
    const xlsx = await binary(request(t.app).get('/api/v1/exports/people?format=xlsx').set(auth).set('Accept-Language', 'ru')).expect(200);
    const sheet = (await workbook(xlsx.body as Buffer)).worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Код дела');
    expect(sheet.name).toBe('Люди');
  });

  it('redacts the XLSX and the CSV for Excel like the CSV for programs: a protected name only for those cleared', async () => {
    const auth = { Authorization: `Bearer ${analystToken}` };
    for (const format of ['csv', 'csv-excel', 'json']) {
      const body = (await text(request(t.app).get(`/api/v1/exports/people?format=${format}`).set(auth).set('Accept-Language', 'ru')).expect(200)).body as string;
      expect(body).not.toContain('Скрытый Свидетель');
      expect(body).toMatch(/P-\d{4}/);
    }
    const xlsx = await binary(request(t.app).get('/api/v1/exports/people?format=xlsx').set(auth).set('Accept-Language', 'ru')).expect(200);
    const sheet = (await workbook(xlsx.body as Buffer)).worksheets[0];
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.join('\n')).not.toContain('Скрытый Свидетель');
    expect(cells.join('\n')).toMatch(/P-\d{4}/);
    const mine = await binary(agent.get('/exports/people.xlsx')).expect(200);
    const adminCells: string[] = [];
    (await workbook(mine.body as Buffer)).worksheets[0].eachRow((row) => row.eachCell((cell) => adminCells.push(String(cell.value))));
    expect(adminCells).toContain('Скрытый Свидетель');
  });

  it('shows the export page in Russian with the four formats, each kind’s links keeping the selection', async () => {
    const page = await agent.get('/exports').query({ status: 'open' }).expect(200);
    expect(page.text).toContain('<html lang="ru">');
    for (const words of ['CSV для Excel', 'Книга Excel (XLSX)', 'CSV для программ', 'Для таблиц: заголовки на вашем языке']) expect(page.text).toContain(words);
    for (const file of ['cases-excel.csv', 'cases.xlsx', 'cases.csv', 'cases.json']) expect(page.text).toContain(`href="/exports/${file}?status=open"`);
    // This page's own words (the selection form and its summary are the reports page's, checked there).
    const own = page.text.slice(page.text.indexOf('<h1>'), page.text.indexOf('<form')) + page.text.slice(page.text.indexOf('<div class="panel export-note" id="what-rows">'), page.text.indexOf('</main>'));
    expect(latinWords(visibleText(own))).toEqual([]);
    await agent.get('/exports/cases-excel.json').expect(404);
    await agent.get('/exports/cases.xlsx?region=atlantis').expect(422);
  });
});
