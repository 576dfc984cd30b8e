import { ImportFileError, ImportLimits } from './import-limits';
import type { ImportNotice, ImportSheet } from './import-file';

export async function openXlsx(_filePath: string, _limits: ImportLimits, _opts: { claimsXlsx: boolean }): Promise<{ sheets: ImportSheet[]; notices: ImportNotice[] }> {
  throw new ImportFileError('unknown-format');
}
