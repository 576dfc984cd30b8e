import ExcelJS from 'exceljs';
import { columnLetter, ImportFileError, ImportLimits, SheetGuard } from './import-limits';
import { inspectXlsx, workbookStream, ZipPlan } from './import-xlsx-zip';
import type { ImportNotice, ImportRow, ImportSheet } from './import-file';

interface XlsxCell {
  text: string;
  formula: boolean;
}

/**
 * A cell as import reads it: text, never a computed value. A formula stays its formula text
 * ("=HYPERLINK(...)"; a copied-down shared formula has none of its own and reads as ''), a date
 * becomes YYYY-MM-DD, rich text its plain text, an error its code (#N/A).
 */
export function cellText(value: ExcelJS.CellValue | undefined): XlsxCell {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (typeof value === 'string') return { text: value, formula: false };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '', formula: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', formula: false };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10), formula: false };
  const v = value as unknown as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    const text = typeof v.formula === 'string' && v.formula !== '' ? `=${v.formula}` : '';
    return { text, formula: true };
  }
  if (Array.isArray(v.richText)) return { text: (v.richText as { text?: string }[]).map((r) => r.text ?? '').join(''), formula: false };
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  if (typeof v.error === 'string') return { text: v.error, formula: false };
  return { text: '', formula: false };
}

interface SheetPass {
  index: number;
  name: string;
  rows: AsyncGenerator<{ line: number; cells: XlsxCell[] }>;
}

/** Every worksheet in order, each with its non-empty rows as cell texts (sparse rows filled). */
async function* worksheets(filePath: string, plan: ZipPlan): AsyncGenerator<SheetPass> {
  const source = workbookStream(filePath, plan);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let index = 0;
  try {
    for await (const ws of reader) {
      const w = ws as unknown as AsyncIterable<ExcelJS.Row> & { name?: string; id?: number };
      async function* rows() {
        for await (const row of w) {
          const cells: XlsxCell[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            cells[col - 1] = cellText(cell.value);
          });
          yield { line: row.number, cells };
        }
      }
      yield { index: index++, name: w.name ?? `Sheet${index}`, rows: rows() };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('unreadable');
  } finally {
    source.destroy();
  }
}

function widthOf(cells: XlsxCell[]): number {
  let last = cells.length;
  while (last > 0 && (cells[last - 1] === undefined || cells[last - 1].text.trim() === '')) last--;
  return last;
}

/** Opens a checked XLSX: one pass for headers, limits and notices; `rows()` reads it again. */
export async function openXlsx(filePath: string, limits: ImportLimits, opts: { claimsXlsx: boolean }): Promise<{ sheets: ImportSheet[]; notices: ImportNotice[] }> {
  const plan = await inspectXlsx(filePath, limits, opts.claimsXlsx);
  const sheets: ImportSheet[] = [];
  const notices: ImportNotice[] = [];
  for await (const pass of worksheets(filePath, plan)) {
    let header: string[] | null = null;
    let headerLine = 0;
    let width = 0;
    let rowCount = 0;
    let lastLine = 0;
    let guard = new SheetGuard(limits, pass.name, 0);
    const formulas: ImportNotice = { code: 'formula-kept-as-text', sheet: pass.name, count: 0 };
    const empty: ImportNotice = { code: 'empty-rows-skipped', sheet: pass.name, count: 0 };
    for await (const { line, cells } of pass.rows) {
      const w = widthOf(cells);
      guard.row(line, w);
      cells.forEach((c, i) => c && guard.cell(line, i, c.text));
      if (w === 0) continue;
      if (header) {
        if (line > lastLine + 1) empty.line ??= lastLine + 1;
        empty.count! += line - lastLine - 1;
      }
      lastLine = line;
      cells.forEach((c, i) => {
        if (c?.formula) {
          if (!formulas.count) Object.assign(formulas, { line, column: columnLetter(i + 1) });
          formulas.count!++;
        }
      });
      if (!header) {
        header = Array.from({ length: w }, (_, i) => cells[i]?.text.trim() ?? '');
        headerLine = line;
        guard = new SheetGuard(limits, pass.name, headerLine);
        width = w;
        continue;
      }
      rowCount++;
      width = Math.max(width, w);
    }
    if (!header) continue;
    if (formulas.count) notices.push(formulas);
    if (empty.count) notices.push(empty);
    const fullHeader = [...header, ...Array<string>(width - header.length).fill('')];
    const index = pass.index;
    sheets.push({
      name: pass.name,
      header: fullHeader,
      rowCount,
      rows: () => xlsxRows(filePath, plan, limits, index, headerLine, fullHeader.length),
    });
  }
  if (!sheets.length) throw new ImportFileError('no-header', { sheet: '' });
  return { sheets, notices };
}

async function* xlsxRows(filePath: string, plan: ZipPlan, limits: ImportLimits, index: number, headerLine: number, width: number): AsyncGenerator<ImportRow> {
  for await (const pass of worksheets(filePath, plan)) {
    if (pass.index !== index) continue;
    const guard = new SheetGuard(limits, pass.name, headerLine);
    for await (const { line, cells } of pass.rows) {
      if (line <= headerLine) continue;
      guard.row(line, Math.min(widthOf(cells), width));
      const out = new Array<string>(width);
      let any = false;
      for (let i = 0; i < width; i++) {
        const text = cells[i]?.text ?? '';
        guard.cell(line, i, text);
        out[i] = text.trim();
        if (out[i] !== '') any = true;
      }
      if (any) yield { line, cells: out };
    }
    return;
  }
}
