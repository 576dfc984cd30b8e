import { DataSource } from 'typeorm';
import { ImportKind } from './import-fields';
import { ImportBatch, ImportRowCheck, ROW_ACTIONS, RowCounts, emptyCounts } from './import-batch.entity';
import { TermMatcher } from './import-mapping';
import { RowContext, SheetToCheck, checkRow, mappedCells } from './import-rows';
import { openImportFile } from './import-file';
import { storedFilePath } from './import-access';
import { CurrentUser } from '../http/context';
import { withTransaction } from '../db/transaction';

export type Progress = (p: { done: number; total: number | null }) => void;

/** The mapped sheets in the order they are written: what refers comes after what it refers to. */
export function sheetsToCheck(batch: ImportBatch): (SheetToCheck & { kind: ImportKind })[] {
  const out: (SheetToCheck & { kind: ImportKind })[] = [];
  batch.mapping.sheets.forEach((m, i) => {
    const sheet = batch.sheets.find((s) => s.name === m.name);
    if (!sheet || !m.kind) return;
    out.push({ name: m.name, kind: m.kind, header: sheet.header, columns: m.columns, order: IMPORT_KINDS_ORDER.indexOf(m.kind) * 1000 + i });
  });
  return out.sort((a, b) => a.order - b.order);
}
const IMPORT_KINDS_ORDER: ImportKind[] = ['cases', 'institutions', 'people', 'sources', 'events', 'allegations', 'complaints', 'complaint_responses', 'investigations', 'investigation_decisions', 'proceedings', 'proceeding_stages', 'statements'];

const CHUNK = 500;

/**
 * One row's check result, as TypeORM's insert would write it but with every value bound: TypeORM
 * inlines numbers into the SQL text (the line, the batch id), so each row was a new statement,
 * prepared afresh (a quarter of a 100,000-row check). Values are JSON as the jsonText transformer writes them.
 */
const INSERT_ROW =
  'INSERT INTO "import_row" ("batch_id", "sheet", "sheet_order", "line", "kind", "action", "external_id", "row_hash", "record_id", "values", "problems", "skip", "fixes") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * Checks every row of every mapped sheet, streaming the kept file, and stores per row what it
 * would do. Writes only the batch's own check results, in chunks (each its own short
 * transaction, so the server stays responsive); records are never touched.
 */
export async function runCheck(ds: DataSource, user: CurrentUser, batch: ImportBatch, onProgress?: Progress, only?: Set<string>): Promise<void> {
  const file = await openImportFile(storedFilePath(ds, batch.sha256), { originalName: batch.fileName });
  const sheets = sheetsToCheck(batch);
  const terms = new TermMatcher(ds);
  const total = sheets.reduce((n, s) => n + (batch.sheets.find((x) => x.name === s.name)?.rowCount ?? 0), 0) || null;
  const previous = new Map<string, ImportRowCheck>();
  if (only) {
    const rows = await ds.getRepository(ImportRowCheck).find({ where: { batchId: batch.id } });
    for (const r of rows) if (only.has(`${r.sheet}\n${r.line}`)) previous.set(`${r.sheet}\n${r.line}`, r);
  } else {
    // Skips and fixes survive a new check of the same rows.
    for (const r of await ds.getRepository(ImportRowCheck).find({ where: { batchId: batch.id }, select: { sheet: true, line: true, skip: true, fixes: true, id: true } })) {
      if (r.skip || Object.keys(r.fixes).length) previous.set(`${r.sheet}\n${r.line}`, r);
    }
    await withTransaction(ds, (em) => em.delete(ImportRowCheck, { batchId: batch.id }));
  }
  let done = 0;
  for (const sheet of sheets) {
    const source = file.sheets.find((s) => s.name === sheet.name);
    if (!source) continue;
    let pending: ImportRowCheck[] = [];
    const flush = async () => {
      if (!pending.length) return;
      const chunk = pending;
      pending = [];
      await withTransaction(ds, async (em) => {
        for (const row of chunk) {
          if (row.id) await em.update(ImportRowCheck, { id: row.id }, { action: row.action, externalId: row.externalId, rowHash: row.rowHash, recordId: row.recordId, values: row.values, problems: row.problems, skip: row.skip, fixes: row.fixes } as never);
          else await em.query(INSERT_ROW, [row.batchId, row.sheet, row.sheetOrder, row.line, row.kind, row.action, row.externalId, row.rowHash, row.recordId, JSON.stringify(row.values ?? null), JSON.stringify(row.problems ?? null), row.skip ? 1 : 0, JSON.stringify(row.fixes ?? null)]);
        }
      });
    };
    for await (const row of source.rows()) {
      const key = `${sheet.name}\n${row.line}`;
      if (only && !only.has(key)) continue;
      const before = previous.get(key);
      const fixes = before?.fixes ?? {};
      const cells = mappedCells(sheet.kind, sheet.columns, sheet.header, row.cells, fixes);
      // Each row is checked against the rows stored before it, so flush first: twins and references find them.
      await flush();
      const ctx: RowContext = { em: ds.manager, user, batch, terms };
      const checked = await checkRow(ctx, sheet.kind, sheet, cells, row.line);
      const skip = before?.skip ?? false;
      const stored = ds.getRepository(ImportRowCheck).create({
        id: only ? before?.id : undefined,
        batchId: batch.id, sheet: sheet.name, sheetOrder: sheet.order, line: row.line, kind: sheet.kind,
        action: skip ? 'skip' : checked.action, externalId: checked.externalId, rowHash: checked.rowHash, recordId: checked.recordId,
        values: checked.values, problems: checked.problems, skip, fixes,
      });
      pending.push(stored);
      if (pending.length >= CHUNK) await flush();
      done++;
      if (onProgress && done % 100 === 0) onProgress({ done, total });
    }
    await flush();
    // An institution whose parent is further down its sheet: checked again now that the parent is stored.
    if (sheet.kind === 'institutions' && !only) {
      const waiting: { line: number }[] = await ds.query(`SELECT line FROM import_row WHERE batch_id = ? AND sheet = ? AND problems LIKE '%"field":"parent","code":"unknown-reference"%'`, [batch.id, sheet.name]);
      if (waiting.length) await runCheck(ds, user, batch, undefined, new Set(waiting.map((w) => `${sheet.name}\n${w.line}`)));
    }
  }
  onProgress?.({ done, total });
  await updateCounts(ds, batch);
}

/** Recounts the batch's rows by action and sets its status: 'checked' when no row with problems is left unskipped. */
export async function updateCounts(ds: DataSource, batch: ImportBatch): Promise<RowCounts> {
  const rows: { action: string; n: number }[] = await ds.query('SELECT action, count(*) AS n FROM import_row WHERE batch_id = ? GROUP BY action', [batch.id]);
  const counts = emptyCounts();
  for (const r of rows) if ((ROW_ACTIONS as readonly string[]).includes(r.action)) counts[r.action as keyof RowCounts] = Number(r.n);
  batch.counts = counts;
  batch.status = counts.error > 0 ? 'has-problems' : 'checked';
  batch.checkedAt = new Date();
  await withTransaction(ds, (em) => em.update(ImportBatch, { id: batch.id }, { counts, status: batch.status, checkedAt: batch.checkedAt }));
  return counts;
}
