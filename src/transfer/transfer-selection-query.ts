import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { selectCases } from '../reports/case-selection';
import { hasErrors, readSelectionQuery, selectionInput } from '../reports/selection-query';
import { FullExportResult } from './transfer-export.service';

/** Selection runs as an administrator (who sees every case): the export is the whole instance's, not one reader's view. */
const EXPORTER: CurrentUser = { id: 0, email: 'cli', name: 'cli', role: 'admin' };

/**
 * The cases a partial export holds: the search's own query (words and filters, as on /search,
 * e.g. `q=Kudaev&status=open`, or only words). Errors are the search's field errors.
 */
export async function exportSelection(ds: DataSource, query: string): Promise<{ caseIds: number[] } | { errors: Record<string, string> }> {
  const params = query.includes('=') ? Object.fromEntries(new URLSearchParams(query)) : { q: query };
  const sq = await readSelectionQuery(ds, params);
  if (hasErrors(sq)) return { errors: sq.errors };
  const selection = selectCases(ds, EXPORTER, selectionInput(sq));
  if (selection.caseIds) return { caseIds: selection.caseIds };
  const all: { id: number }[] = await ds.query('SELECT id FROM case_record ORDER BY id');
  return { caseIds: all.map((r) => r.id) };
}

/** What the trail keeps of an export: the file's hash and size, and how many of each kind left. */
export function exportAuditDetail(result: FullExportResult): Record<string, string | number | boolean | null> {
  const m = result.manifest;
  return {
    sha256: result.sha256,
    bytes: result.bytes,
    partial: m.partial,
    selectedCases: m.selectedCases,
    includesAccounts: m.includesAccounts,
    counts: Object.entries(m.counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k}=${n}`)
      .join(' '),
  };
}
