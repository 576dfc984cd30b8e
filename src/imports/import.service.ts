/**
 * Spreadsheet import (issue 13): the service the /imports pages and `casebook import` call.
 *
 * Additions to the shared contract (src/imports/import-contract in /work/prompts), no changes:
 * - ImportMappingInput is { source?, sheets: [{ name, kind, columns: (fieldCode|null)[] }],
 *   values?: [{ sheet, column: index | header text, value, term }] }.
 * - Problem objects also carry `field` (the field code) beside `column` (the header text).
 * - BatchView.counts has every action; BatchSummary adds userName.
 * - undoBatch removes only records the batch CREATED; updates it made to earlier records stay.
 *   Without force, if any created record was edited since (an audit entry about it, or for a case
 *   about anything in it, after the batch's entry; or a person/institution now referred to by a
 *   record the batch did not make), nothing is removed and those records are listed. With force,
 *   the unedited ones are removed and the edited ones stay (still linked, so a re-import updates
 *   them); the batch becomes 'undone' either way.
 * - A row matched by name to an existing person/institution is linked, not overwritten (action
 *   'unchanged'); a later import of a changed row updates it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { IMPORT_KINDS, ImportKind, IMPORT_FIELDS } from './import-fields';
import { ImportBatch, ImportMapping, ImportRecord, ImportRowCheck, RowAction, RowCounts, RowProblem, StoredMapping, emptyCounts } from './import-batch.entity';
import { guessColumns, guessKind } from './import-mapping';
import { openImportFile } from './import-file';
import { BatchSummary, BatchView, assertMayImport, batchView, loadBatch, releaseFile, storedFilePath, wrongStatus } from './import-access';
import { Progress, runCheck, updateCounts } from './import-check';
import { BatchWriter } from './import-commit';
import { EditedRecord, editedSince, labelsOf, removeMatchedLinks, removeRecords } from './import-undo';
import { Actor, recordAudit } from '../audit/audit.service';
import { withLongTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { AppError, notFound, validationFailed } from '../http/errors';
import { t } from '../i18n/i18n';

export type { BatchView, BatchSummary } from './import-access';
export type { EditedRecord } from './import-undo';

const actorFor = (user: CurrentUser): Actor => ({ userId: user.id, label: user.email });

export const importMappingInput = z.object({
  source: z.string().trim().min(1).max(255).optional(),
  sheets: z.array(z.object({ name: z.string().max(255), kind: z.enum(IMPORT_KINDS).nullable(), columns: z.array(z.string().max(80).nullable()).max(500) })).max(100),
  values: z.array(z.object({ sheet: z.string().max(255), column: z.union([z.number().int().min(0).max(499), z.string().max(500)]), value: z.string().max(1000), term: z.string().max(80) })).max(5000).optional(),
}, { error: () => t('imports.errors.mapping') });
export type ImportMappingInput = z.infer<typeof importMappingInput>;

export interface PreviewRow {
  sheet: string;
  line: number;
  kind: ImportKind;
  action: RowAction;
  externalId: string;
  recordId: number | null;
  values: Record<string, unknown>;
  problems: RowProblem[];
  skip: boolean;
  fixes: Record<string, string>;
}

const previewRow = (r: ImportRowCheck): PreviewRow => ({ sheet: r.sheet, line: r.line, kind: r.kind, action: r.action, externalId: r.externalId, recordId: r.recordId, values: r.values, problems: r.problems, skip: r.skip, fixes: r.fixes });

/** Stores an uploaded file as a new batch with the kinds and columns guessed from its sheets. */
export async function createBatch(ds: DataSource, user: CurrentUser, input: { path: string; originalName: string }): Promise<BatchView> {
  assertMayImport(user);
  const file = await openImportFile(input.path, { originalName: input.originalName });
  const kept = storedFilePath(ds, file.sha256);
  fs.mkdirSync(path.dirname(kept), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(kept)) {
    fs.copyFileSync(input.path, kept + '.part');
    fs.renameSync(kept + '.part', kept);
  }
  const sheets = file.sheets.map((s) => ({ name: s.name, header: s.header, rowCount: (s as { rowCount?: number }).rowCount ?? null, guessedKind: guessKind(s.name, s.header) }));
  const fileName = path.basename(input.originalName).slice(0, 255) || 'import';
  const mapping: StoredMapping = {
    source: fileName.slice(0, 255),
    sheets: sheets.map((s) => ({ name: s.name, kind: s.guessedKind, columns: s.guessedKind ? guessColumns(s.guessedKind, s.header) : s.header.map(() => null) })),
    values: [],
    matches: [],
  };
  try {
    const batch = await withTransaction(ds, (em) =>
      em.save(ImportBatch, em.create(ImportBatch, { userId: user.id, fileName, sha256: file.sha256, bytes: file.bytes, format: file.format, status: 'mapping', sheets, notices: file.notices, mapping, counts: emptyCounts(), commitAuditSeq: null, checkedAt: null, committedAt: null, undoneAt: null })),
    );
    return batchView(batch);
  } catch (err) {
    fs.rmSync(kept, { force: true });
    throw err;
  }
}

export async function getBatch(ds: DataSource, user: CurrentUser, batchId: number): Promise<BatchView> {
  return batchView(await loadBatch(ds, user, batchId));
}

export async function listBatches(ds: DataSource, user: CurrentUser): Promise<BatchSummary[]> {
  assertMayImport(user);
  const rows = await ds.getRepository(ImportBatch).find({ where: user.role === 'admin' ? {} : { userId: user.id }, relations: { user: true }, order: { id: 'DESC' }, take: 500 });
  return rows.filter((b) => b.status !== 'discarded').map((b) => {
    const v = batchView(b);
    return { id: v.id, fileName: v.fileName, status: v.status, userId: v.userId, userName: b.user?.name ?? '', counts: v.counts, createdAt: v.createdAt, committedAt: v.committedAt, undoneAt: v.undoneAt };
  });
}

/** Rows read from the check results at a time (their links looked up together). */
const COMMIT_CHUNK = 500;
/** The longest a commit writes before it lets the server answer other requests. */
const PAUSE_EVERY_MS = 20;

const OPEN = new Set(['mapping', 'checked', 'has-problems']);

function storedMappingOf(batch: ImportBatch, input: ImportMappingInput): StoredMapping {
  const sheets = batch.sheets.map((s) => {
    const given = input.sheets.find((m) => m.name === s.name);
    const kind = given?.kind ?? null;
    const columns = s.header.map((_, i) => {
      const code = given?.columns[i] ?? null;
      return kind && code && IMPORT_FIELDS[kind].some((f) => f.code === code) ? code : null;
    });
    return { name: s.name, kind, columns };
  });
  const values = (input.values ?? []).flatMap((v) => {
    const sheet = batch.sheets.find((s) => s.name === v.sheet);
    if (!sheet || !v.term) return [];
    const column = typeof v.column === 'number' ? v.column : /^\d+$/.test(v.column) ? Number(v.column) : sheet.header.indexOf(v.column);
    return column >= 0 && column < sheet.header.length ? [{ sheet: v.sheet, column, value: v.value, term: v.term }] : [];
  });
  return { source: input.source ?? batch.mapping.source, sheets, values, matches: batch.mapping.matches };
}

export async function saveMapping(ds: DataSource, user: CurrentUser, batchId: number, mapping: ImportMappingInput): Promise<BatchView> {
  const batch = await loadBatch(ds, user, batchId);
  if (!OPEN.has(batch.status)) throw wrongStatus(batch);
  const parsed = importMappingInput.safeParse(mapping);
  if (!parsed.success) throw validationFailed({ mapping: t('imports.errors.mapping') });
  batch.mapping = storedMappingOf(batch, parsed.data);
  batch.status = 'mapping';
  await withTransaction(ds, (em) => em.update(ImportBatch, { id: batch.id }, { mapping: batch.mapping, status: 'mapping' }));
  return batchView(batch);
}

export async function checkBatch(ds: DataSource, user: CurrentUser, batchId: number, onProgress?: Progress): Promise<BatchView> {
  const batch = await loadBatch(ds, user, batchId);
  if (!OPEN.has(batch.status)) throw wrongStatus(batch);
  await runCheck(ds, user, batch, onProgress);
  return batchView(batch);
}

export async function previewRows(ds: DataSource, user: CurrentUser, batchId: number, q: { page: number; perPage: number; only?: 'problems' | 'all'; sheet?: string }): Promise<{ rows: PreviewRow[]; total: number; counts: RowCounts }> {
  const batch = await loadBatch(ds, user, batchId);
  const qb = ds.getRepository(ImportRowCheck).createQueryBuilder('r').where('r.batch_id = :id', { id: batch.id });
  if (q.only === 'problems') qb.andWhere(`r.problems <> '[]'`);
  if (q.sheet) qb.andWhere('r.sheet = :sheet', { sheet: q.sheet });
  const perPage = Math.min(Math.max(1, q.perPage), 500);
  const page = Math.max(1, q.page);
  const [rows, total] = await qb.orderBy('r.sheet_order', 'ASC').addOrderBy('r.line', 'ASC').skip((page - 1) * perPage).take(perPage).getManyAndCount();
  return { rows: rows.map(previewRow), total, counts: batch.counts };
}

/** Skips a row (or takes it back), or fixes cells of it, and checks that row again. */
export async function decideRow(ds: DataSource, user: CurrentUser, batchId: number, d: { sheet: string; line: number; skip?: boolean; fixes?: Record<string, string> }): Promise<PreviewRow> {
  const batch = await loadBatch(ds, user, batchId);
  if (!OPEN.has(batch.status) || batch.status === 'mapping') throw wrongStatus(batch);
  const row = await ds.getRepository(ImportRowCheck).findOneBy({ batchId: batch.id, sheet: d.sheet, line: d.line });
  if (!row) throw notFound(t('imports.errors.notFound'));
  const skip = d.skip ?? row.skip;
  const fixes = d.fixes ? { ...row.fixes, ...d.fixes } : row.fixes;
  await withTransaction(ds, (em) => em.update(ImportRowCheck, { id: row.id }, { skip, fixes }));
  await runCheck(ds, user, batch, undefined, new Set([`${d.sheet}\n${d.line}`]));
  await recheckReferrers(ds, user, batch, [{ ...row, externalIds: [row.externalId, (await ds.getRepository(ImportRowCheck).findOneByOrFail({ id: row.id })).externalId] }]);
  return previewRow((await ds.getRepository(ImportRowCheck).findOneByOrFail({ id: row.id })));
}

/**
 * The rows that refer to the given ones, or were refused because one of them was skipped or had
 * problems, checked again (and theirs in turn): skipping a case row makes its events' rows
 * problems, fixing it clears them.
 */
async function recheckReferrers(ds: DataSource, user: CurrentUser, batch: ImportBatch, changed: { id: number; sheet: string; line: number; externalIds: string[] }[]): Promise<void> {
  const seen = new Set(changed.map((c) => c.id));
  let frontier = changed;
  for (let depth = 0; frontier.length && depth < 5; depth++) {
    const found = new Map<number, { id: number; sheet: string; line: number; externalId: string }>();
    for (const c of frontier) {
      const needles = [...new Set(c.externalIds)].map((x) => JSON.stringify({ row: x }));
      const rows: { id: number; sheet: string; line: number; externalId: string }[] = await ds.query(
        `SELECT id, sheet, line, external_id AS "externalId" FROM import_row WHERE batch_id = ? AND (${needles.map(() => 'instr("values", ?) > 0').join(' OR ')} OR instr(problems, ?) > 0)`,
        [batch.id, ...needles, `"sheet":${JSON.stringify(c.sheet)},"line":${c.line}}`],
      );
      for (const r of rows) if (!seen.has(r.id)) found.set(r.id, r);
    }
    if (!found.size) return;
    for (const id of found.keys()) seen.add(id);
    await runCheck(ds, user, batch, undefined, new Set([...found.values()].map((r) => `${r.sheet}\n${r.line}`)));
    frontier = [...found.values()].map((r) => ({ ...r, externalIds: [r.externalId] }));
  }
}

/** The user's choice for an ambiguous name, kept in the mapping; the rows carrying that name are checked again. */
export async function decideMatch(ds: DataSource, user: CurrentUser, batchId: number, d: { kind: 'person' | 'institution'; value: string; recordId: number | 'new' }): Promise<void> {
  const batch = await loadBatch(ds, user, batchId);
  if (!OPEN.has(batch.status)) throw wrongStatus(batch);
  const matches = batch.mapping.matches.filter((m) => !(m.kind === d.kind && m.value === d.value));
  matches.push({ kind: d.kind, value: d.value, recordId: d.recordId });
  batch.mapping = { ...batch.mapping, matches };
  await withTransaction(ds, (em) => em.update(ImportBatch, { id: batch.id }, { mapping: batch.mapping }));
  const code = d.kind === 'person' ? 'ambiguous-person' : 'ambiguous-institution';
  const rows = await ds.getRepository(ImportRowCheck).find({ where: { batchId: batch.id }, select: { id: true, sheet: true, line: true, problems: true } });
  const lines = rows.filter((r) => r.problems.some((p) => p.code === code && p.params.value === d.value)).map((r) => `${r.sheet}\n${r.line}`);
  if (lines.length) await runCheck(ds, user, batch, undefined, new Set(lines));
}

/**
 * Writes every row of a checked batch in ONE transaction with its audit entries: all or nothing.
 * Rows with problems must be skipped (or fixed) first.
 */
export async function commitBatch(ds: DataSource, user: CurrentUser, batchId: number, onProgress?: Progress): Promise<BatchView> {
  const batch = await loadBatch(ds, user, batchId);
  if (batch.status === 'has-problems') throw new AppError(409, 'import_problems_left', t('imports.errors.problemsLeft'));
  if (batch.status !== 'checked') throw wrongStatus(batch);
  const actor = actorFor(user);
  const total = Object.values(batch.counts).reduce((a, b) => a + b, 0);
  // One transaction, all or nothing, on a connection of its own: the server answers other
  // requests between chunks (db/long-write.ts). Rows are read a chunk at a time, never all.
  await withLongTransaction(ds, async (em, pause) => {
    const left = await em.countBy(ImportRowCheck, { batchId: batch.id, action: 'error', skip: false });
    if (left > 0) throw new AppError(409, 'import_problems_left', t('imports.errors.problemsLeft'));
    const writer = new BatchWriter(em, actor, user, batch);
    let done = 0;
    let after = { order: -1, line: -1 };
    let paused = performance.now();
    for (;;) {
      const page = await em
        .createQueryBuilder(ImportRowCheck, 'r')
        .where('r.batch_id = :id', { id: batch.id })
        .andWhere('(r.sheet_order > :o OR (r.sheet_order = :o AND r.line > :l))', { o: after.order, l: after.line })
        .orderBy('r.sheet_order', 'ASC')
        .addOrderBy('r.line', 'ASC')
        .take(COMMIT_CHUNK)
        .getMany();
      if (page.length === 0) break;
      await writer.prefetch(page);
      for (const row of page) {
        await writer.write(row);
        done++;
        if (onProgress && done % 100 === 0) onProgress({ done, total });
        // The transaction stays open on its own connection: other requests are served meanwhile.
        if (performance.now() - paused > PAUSE_EVERY_MS) {
          await pause();
          paused = performance.now();
        }
      }
      await writer.flushAudit();
      const last = page[page.length - 1];
      after = { order: last.sheetOrder, line: last.line };
    }
    await writer.finish();
    const c = batch.counts;
    const entry = await recordAudit(em, actor, {
      action: 'import.commit',
      recordType: 'import_batch',
      recordId: batch.id,
      detail: { file: batch.fileName, sha256: batch.sha256, bytes: batch.bytes, created: c.create, updated: c.update, unchanged: c.unchanged, skipped: c.skip },
    });
    await em.update(ImportBatch, { id: batch.id }, { status: 'committed', committedAt: new Date(), commitAuditSeq: entry.seq });
  });
  const stored = await ds.getRepository(ImportBatch).findOneByOrFail({ id: batch.id });
  batch.status = stored.status;
  batch.committedAt = stored.committedAt;
  batch.commitAuditSeq = stored.commitAuditSeq;
  onProgress?.({ done: total, total });
  await releaseFile(ds, batch);
  return batchView(batch);
}

export async function undoBatch(ds: DataSource, user: CurrentUser, batchId: number, opts: { force?: boolean } = {}): Promise<{ undone: true; removed: number } | { undone: false; editedSince: EditedRecord[] }> {
  const batch = await loadBatch(ds, user, batchId);
  if (batch.status !== 'committed') throw wrongStatus(batch);
  const actor = actorFor(user);
  return withTransaction(ds, async (em) => {
    const records = await em.find(ImportRecord, { where: { batchId: batch.id, created: true }, order: { id: 'ASC' } });
    const edited = await editedSince(em, batch, records);
    if (edited.size && !opts.force) return { undone: false as const, editedSince: await labelsOf(em, records.filter((r) => edited.has(r.id))) };
    // Case links added to matched people first: they are looked up among the batch's created records.
    await removeMatchedLinks(em, actor, batch);
    const removed = await removeRecords(em, actor, batch, records.filter((r) => !edited.has(r.id)));
    // The links of matched records go too; records left edited stay linked (a re-import updates them).
    await em.delete(ImportRecord, { batchId: batch.id, created: false });
    await recordAudit(em, actor, { action: 'import.undo', recordType: 'import_batch', recordId: batch.id, detail: { file: batch.fileName, sha256: batch.sha256, removed, kept: edited.size } });
    await em.update(ImportBatch, { id: batch.id }, { status: 'undone', undoneAt: new Date() });
    return { undone: true as const, removed };
  });
}

export async function discardBatch(ds: DataSource, user: CurrentUser, batchId: number): Promise<void> {
  const batch = await loadBatch(ds, user, batchId);
  if (!OPEN.has(batch.status)) throw wrongStatus(batch);
  await withTransaction(ds, async (em) => {
    await em.delete(ImportRowCheck, { batchId: batch.id });
    await em.update(ImportBatch, { id: batch.id }, { status: 'discarded' });
  });
  await releaseFile(ds, batch);
}

/** Removes a batch that never wrote anything, as if it never was (the command line's --dry-run). */
export async function forgetBatch(ds: DataSource, user: CurrentUser, batchId: number): Promise<void> {
  const batch = await loadBatch(ds, user, batchId);
  if (!OPEN.has(batch.status)) throw wrongStatus(batch);
  await withTransaction(ds, (em) => em.delete(ImportBatch, { id: batch.id }));
  await releaseFile(ds, batch);
}

export async function listMappings(ds: DataSource, user: CurrentUser): Promise<{ id: number; name: string; createdAt: string }[]> {
  assertMayImport(user);
  const rows = await ds.getRepository(ImportMapping).find({ where: { userId: user.id }, order: { name: 'ASC' } });
  return rows.map((m) => ({ id: m.id, name: m.name, createdAt: new Date(m.createdAt).toISOString() }));
}

export async function saveNamedMapping(ds: DataSource, user: CurrentUser, batchId: number, name: string): Promise<{ id: number; name: string }> {
  const batch = await loadBatch(ds, user, batchId);
  const clean = name.trim();
  if (!clean || [...clean].length > 100) throw validationFailed({ name: t('imports.errors.mappingName') });
  const mapping: StoredMapping = { ...batch.mapping, sheets: batch.mapping.sheets.map((s) => ({ ...s, header: batch.sheets.find((x) => x.name === s.name)?.header ?? [] })), matches: [] };
  return withTransaction(ds, async (em) => {
    const existing = await em.findOneBy(ImportMapping, { userId: user.id, name: clean });
    if (existing) {
      await em.update(ImportMapping, { id: existing.id }, { mapping });
      return { id: existing.id, name: clean };
    }
    const saved = await em.save(ImportMapping, em.create(ImportMapping, { userId: user.id, name: clean, mapping }));
    return { id: saved.id, name: clean };
  });
}

/** A saved mapping applied to a batch: sheets by name (or the only sheet), columns by header text. */
export function mappingFor(batch: Pick<ImportBatch, 'sheets'>, saved: StoredMapping): ImportMappingInput {
  const sheets = batch.sheets.map((s) => {
    const from = saved.sheets.find((m) => m.name === s.name) ?? (saved.sheets.length === 1 && batch.sheets.length === 1 ? saved.sheets[0] : undefined);
    if (!from) return { name: s.name, kind: null, columns: s.header.map(() => null) };
    const header = from.header ?? [];
    return { name: s.name, kind: from.kind, columns: s.header.map((h, i) => (header.length ? (header.indexOf(h) >= 0 ? from.columns[header.indexOf(h)] : null) : (from.columns[i] ?? null))) };
  });
  const values = saved.values.flatMap((v) => {
    const from = saved.sheets.find((m) => m.name === v.sheet);
    const headerText = from?.header?.[v.column];
    const target = batch.sheets.find((s) => s.name === v.sheet) ?? (batch.sheets.length === 1 ? batch.sheets[0] : undefined);
    if (!target) return [];
    return [{ sheet: target.name, column: headerText !== undefined ? headerText : v.column, value: v.value, term: v.term }];
  });
  return { source: saved.source, sheets, values };
}

export async function applyNamedMapping(ds: DataSource, user: CurrentUser, batchId: number, mappingId: number): Promise<BatchView> {
  const batch = await loadBatch(ds, user, batchId);
  const saved = await ds.getRepository(ImportMapping).findOneBy({ id: mappingId, userId: user.id });
  if (!saved) throw notFound(t('imports.errors.mappingNotFound'));
  return saveMapping(ds, user, batch.id, mappingFor(batch, saved.mapping));
}

export { updateCounts };
