import fs from 'node:fs';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { openImportFile, ImportFileError } from '../../src/imports/import-file';
import { unzip } from '../support/zip';
import { collect, importFixtures } from '../support/import-files';
import { BLNS } from '../support/blns';

const fx = importFixtures();
beforeAll(fx.enter);
afterAll(fx.leave);
afterEach(() => expect(fx.leftovers()).toEqual([]));

async function refused(p: Promise<unknown>): Promise<ImportFileError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

/** A workbook of two sheets, with a date, a formula, rich text and a hyperlink cell. */
async function twoSheets(name = 'two.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const cases = wb.addWorksheet('cases');
  cases.addRow(['external_id', 'title', 'arrest_date', 'link', 'count']);
  cases.addRow(['case-1', 'Кудаев Расул, Нальчик', new Date(Date.UTC(2005, 9, 13)), { formula: 'HYPERLINK("http://x","y")', result: 'y' }, 3]);
  cases.getCell('C2').numFmt = 'dd.mm.yyyy';
  cases.addRow([]);
  cases.addRow(['case-2', { richText: [{ text: 'Rich ', font: { bold: true } }, { text: 'text' }] }, null, { text: 'a link', hyperlink: 'http://example.org' }, true]);
  const people = wb.addWorksheet('people');
  people.addRow([' name ', 'born']);
  people.addRow(['Иванов Аслан', '1980-05']);
  const p = fx.file(name);
  await wb.xlsx.writeFile(p);
  return p;
}

/** The members of an XLSX, changed by `edit`, zipped again (yazl). */
async function rezip(from: string, to: string, edit: (parts: Map<string, Buffer>) => void, opts: { compress?: boolean } = {}): Promise<string> {
  const parts = await unzip(fs.readFileSync(from));
  edit(parts);
  const zip = new yazl.ZipFile();
  for (const [name, data] of parts) if (!name.endsWith('/')) zip.addBuffer(data, name, { compress: opts.compress ?? true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  fs.writeFileSync(to, Buffer.concat(chunks));
  return to;
}

describe('XLSX files', () => {
  it('reads one sheet per kind, with dates, formulas kept as text, rich text as plain text', async () => {
    const file = await openImportFile(await twoSheets(), { originalName: 'cases.xlsx' });
    expect(file).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.sheets.map((s) => [s.name, s.header, s.rowCount])).toEqual([
      ['cases', ['external_id', 'title', 'arrest_date', 'link', 'count'], 2],
      ['people', ['name', 'born'], 1],
    ]);
    expect(await collect(file.sheets[0].rows())).toEqual([
      { line: 2, cells: ['case-1', 'Кудаев Расул, Нальчик', '2005-10-13', '=HYPERLINK("http://x","y")', '3'] },
      { line: 4, cells: ['case-2', 'Rich text', '', 'a link', 'TRUE'] },
    ]);
    expect(await collect(file.sheets[1].rows())).toEqual([{ line: 2, cells: ['Иванов Аслан', '1980-05'] }]);
    expect(file.notices).toEqual([
      { code: 'formula-kept-as-text', sheet: 'cases', count: 1, line: 2, column: 'D' },
      { code: 'empty-rows-skipped', sheet: 'cases', count: 1, line: 3 },
    ]);
    // A second read streams again and gives the same.
    expect((await collect(file.sheets[0].rows())).length).toBe(2);
  });

  it('keeps every naughty string', async () => {
    const strings = BLNS.filter((s) => s.trim() !== '' && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('strings');
    ws.addRow(['value']);
    for (const s of strings) ws.addRow([s]);
    const p = fx.file('blns.xlsx');
    await wb.xlsx.writeFile(p);
    const file = await openImportFile(p);
    const got = (await collect(file.sheets[0].rows())).map((r) => r.cells[0]);
    expect(got).toEqual(strings.map((s) => s.trim()).filter((s) => s !== ''));
  });

  it('refuses a zip bomb disguised as .xlsx', async () => {
    const good = await twoSheets('bomb-base.xlsx');
    const p = await rezip(good, fx.file('bomb.xlsx'), (parts) => parts.set('xl/media/image1.png', Buffer.alloc(64 * 1024 * 1024)));
    expect(fs.statSync(p).size).toBeLessThan(1024 * 1024);
    expect((await refused(openImportFile(p))).code).toBe('zip-bomb');
    // And one over the uncompressed limit whatever its ratio.
    const e = await refused(openImportFile(good, { limits: { maxUncompressedBytes: 1000 } }));
    expect(e.code).toBe('zip-bomb');
  });

  it('refuses a sheet that declares external entities', async () => {
    const p = await rezip(await twoSheets('dtd-base.xlsx'), fx.file('dtd.xlsx'), (parts) => {
      const xml = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
      parts.set('xl/worksheets/sheet1.xml', Buffer.from(xml.replace(/^(<\?xml[^>]*\?>)/, '$1<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')));
    });
    expect((await refused(openImportFile(p))).code).toBe('external-entities');
  });

  it('refuses a workbook with an external link', async () => {
    const base = await twoSheets('link-base.xlsx');
    const part = await rezip(base, fx.file('link.xlsx'), (parts) => {
      parts.set('xl/externalLinks/externalLink1.xml', Buffer.from('<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'));
    });
    expect((await refused(openImportFile(part))).code).toBe('external-links');
    const rel = await rezip(base, fx.file('rel.xlsx'), (parts) => {
      const xml = parts.get('xl/_rels/workbook.xml.rels')!.toString('utf8');
      parts.set('xl/_rels/workbook.xml.rels', Buffer.from(xml.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="\\\\evil\\share\\x" TargetMode="External"/></Relationships>')));
    });
    expect((await refused(openImportFile(rel))).code).toBe('external-links');
  });

  it('refuses a PDF renamed .xlsx, an xlsx renamed .csv, a ZIP that is no workbook, and an encrypted file', async () => {
    expect((await refused(openImportFile(fx.write('doc.xlsx', '%PDF-1.4\n%âãÏÓ\n1 0 obj\n')))).code).toBe('not-what-it-says');
    const good = await twoSheets('renamed-base.xlsx');
    expect((await refused(openImportFile(good, { originalName: 'cases.csv' }))).code).toBe('not-what-it-says');
    const other = await rezip(good, fx.file('other.xlsx'), (parts) => {
      parts.clear();
      parts.set('readme.txt', Buffer.from('hello'));
    });
    expect((await refused(openImportFile(other))).code).toBe('not-what-it-says');
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(500)]);
    expect((await refused(openImportFile(fx.write('locked.xlsx', cfb)))).code).toBe('encrypted');
  });

  it('refuses a cell over the limit, too many rows and too many columns, saying where', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('big');
    ws.addRow(['a', 'b']);
    ws.addRow(['1', 'x'.repeat(50)]);
    ws.getCell('A30').value = 'far down';
    const p = fx.file('limits.xlsx');
    await wb.xlsx.writeFile(p);
    const cell = await refused(openImportFile(p, { limits: { maxCellChars: 20 } }));
    expect(cell.code).toBe('cell-too-large');
    expect(cell.params).toEqual({ sheet: 'big', line: 2, column: 'B', max: 20 });
    const rows = await refused(openImportFile(p, { limits: { maxRows: 10 } }));
    expect(rows.code).toBe('too-many-rows');
    expect(rows.params).toMatchObject({ sheet: 'big', line: 30 });
    const cols = await refused(openImportFile(p, { limits: { maxColumns: 1 } }));
    expect(cols.code).toBe('too-many-columns');
  });

  it('refuses a cell of 10 MB', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('huge');
    ws.addRow(['a']);
    // Varied letters, so it does not compress like a bomb: the cell limit is what trips.
    let seed = 1;
    const letters = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя ';
    ws.addRow([Array.from({ length: 10 * 1024 * 1024 }, () => letters[(seed = (seed * 1103515245 + 12345) % 2147483648) % letters.length]).join('')]);
    const p = fx.file('huge.xlsx');
    await wb.xlsx.writeFile(p);
    const e = await refused(openImportFile(p));
    expect(e.code).toBe('cell-too-large');
    expect(e.params).toEqual({ sheet: 'huge', line: 2, column: 'A', max: 100000 });
  });
});
