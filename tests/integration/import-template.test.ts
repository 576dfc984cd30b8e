import fs from 'node:fs';
import { startTestApp, makeUser, signIn, TestApp } from '../support/app';
import { binary } from '../support/binary';
import { collect, importFixtures } from '../support/import-files';
import { openImportFile } from '../../src/imports/import-file';
import { IMPORT_FIELDS, IMPORT_KINDS } from '../../src/imports/import-fields';

const fx = importFixtures();
let t: TestApp;
beforeAll(async () => {
  fx.enter();
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  fx.leave();
});
afterEach(() => expect(fx.leftovers()).toEqual([]));

describe('import templates', () => {
  it('gives a researcher an XLSX that the import reads back: a sheet per kind, fields and vocabularies in Russian', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent } = await signIn(t.app, user.email);
    const res = await binary(agent.get('/imports/template.xlsx').set('Accept-Language', 'ru').set('Cookie', 'casebook_lang=ru')).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('casebook-import-template.xlsx');
    const p = fx.write('template.xlsx', res.body as Buffer);
    const file = await openImportFile(p);
    expect(file.sheets.map((s) => s.name)).toEqual([...IMPORT_KINDS, 'Поля', 'Словари']);
    for (const kind of IMPORT_KINDS) {
      const sheet = file.sheets.find((s) => s.name === kind)!;
      const codes = IMPORT_FIELDS[kind].map((f) => f.code);
      expect(sheet.header.slice(0, codes.length)).toEqual(codes);
      const rows = await collect(sheet.rows());
      expect(rows).toHaveLength(1);
      expect(rows[0].line).toBe(2);
      expect(rows[0].cells.slice(0, codes.length)).toEqual(IMPORT_FIELDS[kind].map((f) => f.example));
    }
    const fields = await collect(file.sheets.find((s) => s.name === 'Поля')!.rows());
    expect(fields.length).toBe(IMPORT_KINDS.reduce((n, k) => n + IMPORT_FIELDS[k].length, 0));
    const title = fields.find((r) => r.cells[0] === 'cases' && r.cells[1] === 'title')!;
    expect(title.cells[2]).toMatch(/[а-яё]/i);
    expect(title.cells[4]).toBe('да');
    // The later kinds are there, and how to fill a history's parent column is said in Russian.
    for (const kind of ['allegations', 'complaints', 'complaint_responses', 'investigations', 'investigation_decisions', 'proceedings', 'proceeding_stages', 'statements', 'sources']) expect(IMPORT_KINDS).toContain(kind);
    const parent = fields.find((r) => r.cells[0] === 'complaint_responses' && r.cells[1] === 'complaint_ref')!;
    expect(parent.cells[4]).toBe('да');
    expect(parent.cells[7]).toContain('«complaints»');
    expect(parent.cells[7]).toContain('По строке на каждый шаг');
    const methods = fields.find((r) => r.cells[0] === 'allegations' && r.cells[1] === 'methods')!;
    expect(methods.cells[5]).toBe('torture_method');
    expect(methods.cells[7]).toContain('|');
    const sourceKind = fields.find((r) => r.cells[0] === 'sources' && r.cells[1] === 'kind')!;
    expect(sourceKind.cells[7]).toContain('organisation, person, official_finding');
    const vocab = await collect(file.sheets.find((s) => s.name === 'Словари')!.rows());
    expect(vocab.map((r) => r.cells)).toContainEqual(['case_status', 'open', 'Open', 'Открыто']);
    expect(vocab.map((r) => r.cells)).toContainEqual(['participant_role', 'victim', 'Victim', 'Пострадавший']);
  });

  it('gives the Fields sheet in English to an English user', async () => {
    const user = await makeUser(t.ds, 'admin');
    const { agent } = await signIn(t.app, user.email);
    const res = await binary(agent.get('/imports/template.xlsx').set('Accept-Language', 'en')).expect(200);
    const file = await openImportFile(fx.write('template-en.xlsx', res.body as Buffer));
    expect(file.sheets.map((s) => s.name).slice(-2)).toEqual(['Fields', 'Vocabularies']);
    const fields = await collect(file.sheets.find((s) => s.name === 'Fields')!.rows());
    expect(file.sheets.find((s) => s.name === 'Fields')!.header[7]).toBe('How to fill it in');
    const stage = fields.find((r) => r.cells[0] === 'proceeding_stages' && r.cells[1] === 'proceeding_ref')!;
    expect(stage.cells[2]).toBe('Proceeding (its external id)');
    expect(stage.cells[7]).toContain('“proceedings” sheet');
  });

  it.each(IMPORT_KINDS)('gives a CSV template for %s that the import reads back', async (kind) => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent } = await signIn(t.app, user.email);
    const res = await binary(agent.get(`/imports/template.csv?kind=${kind}`)).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const file = await openImportFile(fx.write(`t-${kind}.csv`, res.body as Buffer));
    expect(file.notices).toEqual([{ code: 'bom-removed' }]);
    expect(file.sheets[0].header).toEqual(IMPORT_FIELDS[kind].map((f) => f.code));
    expect(await collect(file.sheets[0].rows())).toEqual([{ line: 2, cells: IMPORT_FIELDS[kind].map((f) => f.example) }]);
  });

  it('answers 404 for a kind it does not know, and 403 to those who may not import', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent } = await signIn(t.app, user.email);
    await agent.get('/imports/template.csv?kind=passwords').expect(404);
    await agent.get('/imports/template.csv').expect(404);
    await agent.get('/imports/template.csv?kind[]=cases').expect(404);
    for (const role of ['viewer', 'lawyer'] as const) {
      const other = await makeUser(t.ds, role);
      const s = await signIn(t.app, other.email);
      await s.agent.get('/imports/template.xlsx').expect(403);
      await s.agent.get('/imports/template.csv?kind=cases').expect(403);
    }
    expect(fs.existsSync(t.dir)).toBe(true);
  });
});
