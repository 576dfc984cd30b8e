import { t } from '../i18n/i18n';
import { AppError } from '../http/errors';

/** How much of a file an import reads before it refuses it. Checked while streaming, never after. */
export interface ImportLimits {
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  /** XLSX: the sum of every ZIP member's uncompressed size. */
  maxUncompressedBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxRows: 1_000_000,
  maxColumns: 200,
  maxCellChars: 100_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
};

export function resolveLimits(partial: Partial<ImportLimits> = {}): ImportLimits {
  const out = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(out) as (keyof ImportLimits)[]) {
    const value = partial[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) out[key] = Math.floor(value);
  }
  return out;
}

export const IMPORT_FILE_ERROR_CODES = [
  'unknown-format',
  'not-what-it-says',
  'empty',
  'no-header',
  'too-large',
  'too-many-rows',
  'too-many-columns',
  'cell-too-large',
  'zip-bomb',
  'external-entities',
  'external-links',
  'encrypted',
  'unreadable',
  'not-records',
] as const;
export type ImportFileErrorCode = (typeof IMPORT_FILE_ERROR_CODES)[number];

/**
 * A file refused, with where (`sheet`, `line`, `column` as a spreadsheet shows them) and the limit
 * (`max`). The message is worded from `imports.fileErrors.<code>` in the current language; pages
 * may word it again from `code` and `params` in theirs.
 */
export class ImportFileError extends AppError {
  declare readonly code: ImportFileErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ImportFileErrorCode, params: Record<string, string | number> = {}) {
    super(code === 'too-large' ? 413 : 422, code, t(`imports.fileErrors.${code}`, params));
    this.params = params;
  }
}

/** A column as a spreadsheet names it: 1 → A, 27 → AA. */
export function columnLetter(index1: number): string {
  let n = index1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The per-sheet checks every reader applies as rows stream by: rows (empty ones included),
 * columns and cell sizes. One instance per pass over a sheet.
 */
export class SheetGuard {
  emptyRows = 0;
  constructor(
    private readonly limits: ImportLimits,
    private readonly sheet: string,
    private readonly headerLine: number,
  ) {}

  /** `line`: the row's number as a spreadsheet shows it; rows before and at the header do not count. */
  row(line: number, width: number): void {
    if (line - this.headerLine > this.limits.maxRows) {
      throw new ImportFileError('too-many-rows', { sheet: this.sheet, line, max: this.limits.maxRows });
    }
    if (width > this.limits.maxColumns) {
      throw new ImportFileError('too-many-columns', { sheet: this.sheet, line, column: columnLetter(width), max: this.limits.maxColumns });
    }
  }

  cell(line: number, index0: number, text: string): void {
    if (text.length > this.limits.maxCellChars) {
      throw new ImportFileError('cell-too-large', { sheet: this.sheet, line, column: columnLetter(index0 + 1), max: this.limits.maxCellChars });
    }
  }
}
