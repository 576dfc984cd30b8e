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
/** The longest a check holds the app's connection (and so the server) in one go. */
const SLICE_MS = 40;

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
    // Only what a new check of these rows needs: not every row's values (100,000 rows would all be in memory).
    const rows = await ds.getRepository(ImportRowCheck).find({ where: { batchId: batch.id }, select: { sheet: true, line: true, skip: true, fixes: true, id: true } });
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
    let pending: { line: number; cells: string[] }[] = [];
    /**
     * Checks a chunk of rows and stores each result at once, in transactions of at most
     * SLICE_MS each (not one per row: 10,000 COMMITs in a 10,000-row check): a row is checked
     * against the rows stored before it (twins, references), which the same transaction sees.
     * The chunk is read from the file first, so nothing awaits real I/O while a transaction is
     * open on the app's one connection; between transactions the event loop serves other requests.
     */
    const flush = async () => {
      if (!pending.length) return;
      const chunk = pending;
      pending = [];
      let next = 0;
      while (next < chunk.length) await withTransaction(ds, async (em) => {
        const ctx: RowContext = { em, user, batch, terms };
        const started = performance.now();
        while (next < chunk.length && performance.now() - started < SLICE_MS) {
          const row = chunk[next++];
          const key = `${sheet.name}\n${row.line}`;
          const before = previous.get(key);
          const fixes = before?.fixes ?? {};
          const cells = mappedCells(sheet.kind, sheet.columns, sheet.header, row.cells, fixes);
          const checked = await checkRow(ctx, sheet.kind, sheet, cells, row.line);
          const skip = before?.skip ?? false;
          const action = skip ? 'skip' : checked.action;
          if (only && before?.id) await em.update(ImportRowCheck, { id: before.id }, { action, externalId: checked.externalId, rowHash: checked.rowHash, recordId: checked.recordId, values: checked.values, problems: checked.problems, skip, fixes } as never);
          else await em.query(INSERT_ROW, [batch.id, sheet.name, sheet.order, row.line, sheet.kind, action, checked.externalId, checked.rowHash, checked.recordId, JSON.stringify(checked.values ?? null), JSON.stringify(checked.problems ?? null), skip ? 1 : 0, JSON.stringify(fixes ?? null)]);
          done++;
          if (onProgress && done % 100 === 0) onProgress({ done, total });
        }
      }).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    };
    for await (const row of source.rows()) {
      if (only && !only.has(`${sheet.name}\n${row.line}`)) continue;
      pending.push({ line: row.line, cells: row.cells });
      if (pending.length >= CHUNK) await flush();
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
