import fs from 'node:fs';
import iconv from 'iconv-lite';
import { openImportFile, ImportFileError } from '../../src/imports/import-file';
import { sniffDelimiter, looksLikeFormula } from '../../src/imports/import-csv';
import { BLNS } from '../support/blns';
import { runInLanguage } from '../../src/i18n/i18n';
import { collect, importFixtures } from '../support/import-files';

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

const RUSSIAN = 'name,city\nКудаев Расул,Нальчик\n"Иванов, Пётр ""Ёжик""",«Грозный» — №5\n';

describe('CSV files', () => {
  it('reads UTF-8, names the sheet after the file, and hashes the bytes', async () => {
    const p = fx.write('upload-1', RUSSIAN);
    const file = await openImportFile(p, { originalName: 'Кейсы 2024.csv' });
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', bytes: Buffer.byteLength(RUSSIAN), notices: [] });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.sheets).toHaveLength(1);
    expect(file.sheets[0].name).toBe('Кейсы 2024');
    expect(file.sheets[0].header).toEqual(['name', 'city']);
    expect(file.sheets[0].rowCount).toBe(2);
    expect(await collect(file.sheets[0].rows())).toEqual([
      { line: 2, cells: ['Кудаев Расул', 'Нальчик'] },
      { line: 3, cells: ['Иванов, Пётр "Ёжик"', '«Грозный» — №5'] },
    ]);
  });

  it('removes a BOM and says so', async () => {
    const p = fx.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)]));
    const file = await openImportFile(p);
    expect(file.encoding).toBe('utf-8');
    expect(file.sheets[0].header).toEqual(['name', 'city']);
    expect(file.notices).toEqual([{ code: 'bom-removed' }]);
    expect((await collect(file.sheets[0].rows()))[0].cells).toEqual(['Кудаев Расул', 'Нальчик']);
  });

  it('detects Windows-1251 and converts it', async () => {
    const p = fx.write('cp1251.csv', iconv.encode(RUSSIAN.replace(/,/g, ';').replace('"Иванов; Пётр ""Ёжик"""', '"Иванов, Пётр ""Ёжик"""'), 'win1251'));
    const file = await openImportFile(p);
    expect(file).toMatchObject({ encoding: 'windows-1251', delimiter: ';' });
    expect(file.notices).toEqual([{ code: 'converted-from-windows-1251' }]);
    expect(await collect(file.sheets[0].rows())).toEqual([
      { line: 2, cells: ['Кудаев Расул', 'Нальчик'] },
      { line: 3, cells: ['Иванов, Пётр "Ёжик"', '«Грозный» — №5'] },
    ]);
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1251 text', async () => {
    const p = fx.write('latin.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x80, 0x81, 0x82, 0x83, 0x2c, 0x8a, 0x8b, 0x8c, 0x8d, 0x0a]));
    expect((await refused(openImportFile(p))).code).toBe('unreadable');
  });

  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
    ['comma', ','],
  ])('sniffs a %s delimiter, with quoted newlines and delimiters inside quotes', async (_name, d) => {
    const text = [`id${d}title${d}notes`, `1${d}"first${d} and, more"${d}"line one\nline two"`, `2${d}second${d}`, `3${d}third${d}x`].join('\r\n');
    const file = await openImportFile(fx.write(`d-${_name}.csv`, text));
    expect(file.delimiter).toBe(d);
    expect(await collect(file.sheets[0].rows())).toEqual([
      { line: 2, cells: ['1', `first${d} and, more`, 'line one\nline two'] },
      { line: 3, cells: ['2', 'second', ''] },
      { line: 4, cells: ['3', 'third', 'x'] },
    ]);
  });

  it('skips empty rows, counts them, and keeps line numbers as a spreadsheet shows them', async () => {
    const file = await openImportFile(fx.write('gaps.csv', '\n a , b \n\n,,\n 1 ,2,,\n  \n3\n'));
    const sheet = file.sheets[0];
    expect(sheet.header).toEqual(['a', 'b']);
    expect(await collect(sheet.rows())).toEqual([
      { line: 5, cells: ['1', '2'] },
      { line: 7, cells: ['3', ''] },
    ]);
    expect(file.notices).toEqual([{ code: 'empty-rows-skipped', sheet: 'gaps', count: 3, line: 3 }]);
  });

  it('gives columns with data but no header a place', async () => {
    const file = await openImportFile(fx.write('wide.csv', 'a,b\n1,2,3\n'));
    expect(file.sheets[0].header).toEqual(['a', 'b', '']);
    expect(await collect(file.sheets[0].rows())).toEqual([{ line: 2, cells: ['1', '2', '3'] }]);
  });

  it('keeps formulas as plain text and notes them', async () => {
    const file = await openImportFile(fx.write('f.csv', 'a,b\n"=HYPERLINK(""http://x"",""y"")",+7 928 123-45-67\n-5,@SUM(A1)\n'));
    expect(await collect(file.sheets[0].rows())).toEqual([
      { line: 2, cells: ['=HYPERLINK("http://x","y")', '+7 928 123-45-67'] },
      { line: 3, cells: ['-5', '@SUM(A1)'] },
    ]);
    expect(file.notices).toEqual([{ code: 'formula-kept-as-text', sheet: 'f', count: 2, line: 2, column: 'A' }]);
  });

  it('reads the rows again at every call, and stops reading when the reader stops', async () => {
    const file = await openImportFile(fx.write('again.csv', 'a\n1\n2\n3\n'));
    const sheet = file.sheets[0];
    for await (const row of sheet.rows()) {
      expect(row.line).toBe(2);
      break;
    }
    expect((await collect(sheet.rows())).map((r) => r.cells[0])).toEqual(['1', '2', '3']);
    expect((await collect(sheet.rows())).length).toBe(3);
  });

  it('keeps every naughty string as it was written (trimmed)', async () => {
    // C0 control characters mark a file as binary (as the WHATWG sniffing rules do): left out here.
    const strings = BLNS.filter((s) => s.trim() !== '' && !/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/.test(s));
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const text = 'value\n' + strings.map(quote).join('\n') + '\n';
    const file = await openImportFile(fx.write('blns.csv', text));
    expect(file.delimiter).toBe(',');
    const rows = await collect(file.sheets[0].rows());
    expect(rows.map((r) => r.cells[0])).toEqual(strings.map((s) => s.trim()).filter((s) => s !== ''));
  });

  it('refuses an empty file and a file without a header', async () => {
    expect((await refused(openImportFile(fx.write('empty.csv', '')))).code).toBe('empty');
    expect((await refused(openImportFile(fx.write('blank.csv', '\n\n,,\n')))).code).toBe('no-header');
  });

  it('refuses a binary file renamed .csv, and a ZIP renamed .csv', async () => {
    const binary = Buffer.alloc(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
    expect((await refused(openImportFile(fx.write('b.csv', binary)))).code).toBe('not-what-it-says');
    expect((await refused(openImportFile(fx.write('z.csv', Buffer.concat([Buffer.from('PK\x03\x04'), binary]))))).code).toBe('not-what-it-says');
    // NUL bytes past the first 64 KB are caught too.
    expect((await refused(openImportFile(fx.write('late.csv', Buffer.concat([Buffer.from('a,b\n'.repeat(40000)), Buffer.from([0, 0, 1, 2])]))))).code).toBe('not-what-it-says');
  });

  it('refuses a file of another kind', async () => {
    expect((await refused(openImportFile(fx.write('doc.pdf', '%PDF-1.4\n')))).code).toBe('unknown-format');
  });

  it('refuses a file over the size limit', async () => {
    const e = await refused(openImportFile(fx.write('big.csv', 'a\n' + 'x\n'.repeat(1000)), { limits: { maxFileBytes: 1000 } }));
    expect(e.code).toBe('too-large');
    expect(e.status).toBe(413);
  });

  it('refuses too many columns, saying where', async () => {
    const e = await refused(openImportFile(fx.write('cols.csv', 'a,b\n1,2,3,4\n'), { limits: { maxColumns: 3 } }));
    expect(e.code).toBe('too-many-columns');
    expect(e.params).toEqual({ sheet: 'cols', line: 2, column: 'D', max: 3 });
    expect(e.message).toBe('Sheet “cols”, row 2, column D: the file has more than 3 columns.');
  });

  it('refuses a cell over the limit, saying where, in English and Russian', async () => {
    const e = await refused(openImportFile(fx.write('cell.csv', `a,b\n1,${'x'.repeat(101)}\n`), { limits: { maxCellChars: 100 } }));
    expect(e.code).toBe('cell-too-large');
    expect(e.params).toEqual({ sheet: 'cell', line: 2, column: 'B', max: 100 });
    expect(e.message).toBe('Sheet “cell”, row 2, column B: the cell holds more than 100 characters.');
    const ru = await runInLanguage('ru', () => refused(openImportFile(fx.file('cell.csv'), { limits: { maxCellChars: 100 } })));
    expect(ru.message).toBe('Лист «cell», строка 2, столбец B: в ячейке больше 100 знаков.');
  });

  it('refuses a cell of 10 MB with the default limits, without reading it all', async () => {
    const p = fx.file('10mb.csv');
    fs.writeFileSync(p, 'a,b\n1,"');
    fs.appendFileSync(p, 'ы'.repeat(5 * 1024 * 1024));
    fs.appendFileSync(p, '"\n');
    const e = await refused(openImportFile(p));
    expect(e.code).toBe('cell-too-large');
    expect(e.params).toMatchObject({ line: 2, column: 'B', max: 100000 });
  });

  it('refuses a file of empty rows past the row limit', async () => {
    const e = await refused(openImportFile(fx.write('rows.csv', 'a,b\n' + ',\n'.repeat(50)), { limits: { maxRows: 10 } }));
    expect(e.code).toBe('too-many-rows');
    expect(e.params).toEqual({ sheet: 'rows', line: 12, max: 10 });
    const before = await refused(openImportFile(fx.write('rows2.csv', '\n'.repeat(50) + 'a\n'), { limits: { maxRows: 10 } }));
    expect(before.code).toBe('too-many-rows');
  });

  it('refuses a CSV of 10 million empty rows with the default limits, memory staying flat', async () => {
    const p = fx.file('ten-million.csv');
    const out = fs.createWriteStream(p);
    out.write('title,region\n');
    const block = '\n'.repeat(1024 * 1024);
    for (let i = 0; i < 10; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    const heapBefore = process.memoryUsage().heapUsed;
    const e = await refused(openImportFile(p));
    expect(e.code).toBe('too-many-rows');
    expect(e.params).toMatchObject({ line: 1_000_002, max: 1_000_000 });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('sniffing', () => {
  it('prefers the delimiter that splits every line alike', () => {
    expect(sniffDelimiter('a;b,c;d\n1;2,5;3\n', true)).toBe(';');
    expect(sniffDelimiter('one column\nvalue, with comma\n', true)).toBe(',');
    expect(sniffDelimiter('a\tb\n"x\ty"\tz\n', true)).toBe('\t');
  });

  it('tells formulas from numbers and phone numbers', () => {
    expect(['=1+1', '@A1', '+cmd|x', '-HYPERLINK()'].map(looksLikeFormula)).toEqual([true, true, true, true]);
    expect(['-5', '+7 (928) 123-45-67', '=', 'a=b', ''].map(looksLikeFormula)).toEqual([false, false, false, false, false]);
  });
});
