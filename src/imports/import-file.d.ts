// TEMPORARY: the shared contract's interface (section 1) until branch import-file lands its
// import-file.ts; delete this file when merging import-file (its .ts takes precedence anyway).
export type ImportFormat = 'csv' | 'xlsx';
export interface ImportRow { line: number; cells: string[] }
export interface ImportSheet { name: string; header: string[]; rowCount?: number; rows(): AsyncIterable<ImportRow> }
export interface ImportNotice { code: string; sheet?: string; line?: number; column?: string; count?: number }
export interface ImportFile { format: ImportFormat; encoding: 'utf-8' | 'windows-1251' | null; delimiter: string | null; sha256: string; bytes: number; sheets: ImportSheet[]; notices: ImportNotice[] }
export declare function openImportFile(path: string, opts?: { originalName?: string; limits?: Record<string, number> }): Promise<ImportFile>;
