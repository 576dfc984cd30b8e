import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { openImportFile } from './import-file';
import { storedFilePath } from './import-access';
import * as service from './import.service';
import type { BatchView } from './import.service';
import type { MappingExtras } from './import.presenter';

const SAMPLE_ROWS = 3;

/**
 * What the mapping page shows beside the batch: the first rows of each sheet from the kept file
 * (streamed, stopped after three) and the values the last check could not match to a term.
 */
export async function mappingExtras(ds: DataSource, user: CurrentUser, batch: BatchView): Promise<MappingExtras> {
  const samples: MappingExtras['samples'] = {};
  try {
    const file = await openImportFile(storedFilePath(ds, batch.sha256), { originalName: batch.fileName });
    for (const sheet of file.sheets) {
      const rows: string[][] = [];
      for await (const row of sheet.rows()) {
        rows.push(row.cells.map((c) => c.slice(0, 200)));
        if (rows.length >= SAMPLE_ROWS) break;
      }
      samples[sheet.name] = rows;
    }
  } catch {
    // The kept file is gone (committed or undone batches): the page shows no samples.
  }
  const unknownValues: MappingExtras['unknownValues'] = [];
  if (batch.status === 'has-problems') {
    const { rows } = await service.previewRows(ds, user, batch.id, { page: 1, perPage: 500, only: 'problems' });
    for (const row of rows) {
      const mapped = batch.mapping.sheets.find((s) => s.name === row.sheet);
      for (const p of row.problems) {
        if (p.code !== 'unknown-term' || typeof p.params.value !== 'string' || !mapped) continue;
        const column = mapped.columns.indexOf(p.field);
        const value = p.params.value;
        if (column < 0 || unknownValues.some((u) => u.sheet === row.sheet && u.column === column && u.value === value)) continue;
        unknownValues.push({ sheet: row.sheet, column, value, suggestions: Array.isArray(p.params.suggestions) ? p.params.suggestions.map(String) : [] });
      }
    }
  }
  return { samples, unknownValues };
}

/** The cases a committed batch created, for links on its summary (by code: the importer made them). */
export async function createdCases(ds: DataSource, batchId: number): Promise<{ id: number; label: string }[]> {
  const rows: { id: number; code: string; title: string }[] = await ds.query(
    `SELECT c.id AS id, c.code AS code, c.title AS title FROM import_record r JOIN case_record c ON c.id = r.record_id
     WHERE r.batch_id = ? AND r.kind = 'cases' AND r.created = 1 ORDER BY c.id LIMIT 1000`,
    [batchId],
  );
  return rows.map((r) => ({ id: r.id, label: `${r.code} · ${r.title}` }));
}
