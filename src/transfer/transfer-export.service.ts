import crypto from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import yazl from 'yazl';
import { EvidenceStorage } from '../evidence/evidence-storage';
import { Sha256PassThrough } from '../media/hashing';
import {
  MANIFEST_FILE,
  NOT_EXPORTED_SECRET,
  TRANSFER_FORMAT,
  TRANSFER_SCHEMA_VERSION,
  TRANSFER_TABLES,
  TransferManifest,
  TransferTable,
  columnNames,
  derivedMember,
  evidenceMember,
} from './transfer-schema';
import { PARTIAL_SCOPE } from './transfer-selection';
import { TransferError } from './transfer-errors';

export interface FullExportOptions {
  /** A partial export: these cases (ascending ids) and what hangs off them. */
  caseIds?: number[] | null;
  /** Password hashes and API tokens; an instance move needs them, a copy for a colleague does not. */
  includeAccounts: boolean;
  now?: Date;
}

export interface FullExportResult {
  manifest: TransferManifest;
  /** SHA-256 of the whole ZIP as written. */
  sha256: string;
  bytes: number;
}

const BATCH = 500;

/**
 * Streams a full (or partial) export as a ZIP into `out`. Reads through a connection of its own
 * inside one read transaction: SQLite's WAL gives it a snapshot, so every table is read as of
 * the same moment while the server keeps writing. Tables are read in batches of rowids and
 * originals streamed from storage, so memory does not grow with the instance.
 */
export async function writeFullExport(databasePath: string, storage: EvidenceStorage, out: Writable, opts: FullExportOptions): Promise<FullExportResult> {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  const zip = new yazl.ZipFile();
  const zipHash = new Sha256PassThrough();
  const written = pipeline(zip.outputStream, zipHash, out);
  // Once the output fails (a download cut off), writers waiting for it must stop waiting.
  let failure: unknown = null;
  const failed = written.catch((err) => {
    failure = err ?? new Error('output closed');
    throw failure;
  });
  failed.catch(() => undefined);
  const mtime = opts.now ?? new Date();
  const members: TransferManifest['members'] = [];
  const counts: Record<string, number> = {};
  const partial = Boolean(opts.caseIds);
  const params = { cases: JSON.stringify(opts.caseIds ?? []) };

  async function member(name: string, compress: boolean, fill: (write: (chunk: Buffer) => Promise<void>) => Promise<void>): Promise<{ sha256: string; bytes: number }> {
    const pass = new PassThrough();
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    zip.addReadStream(pass, name, { compress, mtime, mode: 0o100600 });
    await fill(async (chunk) => {
      if (failure) throw failure;
      hash.update(chunk);
      bytes += chunk.length;
      if (!pass.write(chunk)) await Promise.race([once(pass, 'drain'), failed]);
    });
    pass.end();
    const digest = { sha256: hash.digest('hex'), bytes };
    members.push({ name, ...digest });
    return digest;
  }

  try {
    db.exec('BEGIN');
    // The first read fixes the snapshot every later read sees.
    const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    for (const table of TRANSFER_TABLES) {
      counts[table.kind] = 0;
      await member(table.file, true, async (write) => {
        if (table.accountsOnly && !opts.includeAccounts) return;
        for (const lines of rowBatches(db, table, partial, params, opts.includeAccounts)) {
          counts[table.kind] += lines.length;
          await write(Buffer.from(lines.join(''), 'utf8'));
        }
      });
    }

    counts['evidence-originals'] = 0;
    for (const { sha256 } of idBatches<{ sha256: string }>(db, 'stored_object', 'sha256', partial ? PARTIAL_SCOPE.stored_object : null, params)) {
      await member(evidenceMember(sha256), false, async (write) => {
        let source: fs.ReadStream;
        try {
          source = fs.createReadStream(storage.objectPath(sha256));
          const hash = crypto.createHash('sha256');
          for await (const chunk of source) {
            hash.update(chunk as Buffer);
            await write(chunk as Buffer);
          }
          if (hash.digest('hex') !== sha256) throw new TransferError('originalUnreadable', { sha256, why: 'altered' });
        } catch (err) {
          if (err instanceof TransferError || err === failure) throw err;
          throw new TransferError('originalUnreadable', { sha256, why: (err as NodeJS.ErrnoException).code ?? 'unreadable' });
        }
      });
      counts['evidence-originals']++;
    }

    counts['derived-files'] = 0;
    const derivedScope = partial ? PARTIAL_SCOPE.evidence_file : null;
    const derivedDone = new Set<string>();
    for (const row of idBatches<{ p: string | null; t: string | null }>(db, 'evidence_file', 'preview_path AS p, thumbnail_path AS t', derivedScope, params)) {
      for (const relative of [row.p, row.t]) {
        if (!relative || !(await storage.derivedExists(relative))) continue;
        const name = derivedMember(relative);
        if (derivedDone.has(name)) continue;
        derivedDone.add(name);
        await member(name, false, async (write) => {
          for await (const chunk of fs.createReadStream(storage.derivedPath(relative))) await write(chunk as Buffer);
        });
        counts['derived-files']++;
      }
    }

    const manifest: TransferManifest = {
      format: TRANSFER_FORMAT,
      schemaVersion: TRANSFER_SCHEMA_VERSION,
      createdAt: mtime.toISOString(),
      partial,
      selectedCases: partial ? opts.caseIds!.length : null,
      includesAccounts: opts.includeAccounts,
      auditHead: head ? { seq: head.seq, hash: head.hash } : null,
      counts,
      members,
    };
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'), MANIFEST_FILE, { compress: true, mtime, mode: 0o100600 });
    zip.end();
    await failed;
    const digest = zipHash.digest();
    return { manifest, sha256: digest.sha256, bytes: digest.bytes };
  } catch (err) {
    // The headers (or part of the file) are out: a cut-off ZIP is the only honest signal left.
    (zip.outputStream as unknown as { destroy: () => void }).destroy();
    throw err;
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One table's rows as JSON lines, a batch at a time, in rowid order. */
function* rowBatches(db: Database.Database, table: TransferTable, partial: boolean, params: { cases: string }, includeAccounts: boolean): Generator<string[]> {
  const cols = columnNames(table);
  const scope = partial ? PARTIAL_SCOPE[table.table] : null;
  if (scope === undefined) throw new Error(`no partial scope for ${table.table}`);
  const secret = includeAccounts ? [] : (table.secret ?? []);
  const statement = db.prepare(
    `SELECT r.rowid AS "__rowid", ${cols.map((c) => `r.${quote(c)}`).join(', ')} FROM ${quote(table.table)} r
      WHERE r.rowid > @after ${scope ? `AND (${scope})` : ''} ORDER BY r.rowid LIMIT ${BATCH}`,
  );
  let after = 0;
  for (;;) {
    const rows = statement.all({ after, ...(scope ? params : {}) }) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows.map((row) => {
      const line: Record<string, unknown> = {};
      for (const c of cols) line[c] = secret.includes(c) ? NOT_EXPORTED_SECRET : row[c];
      return JSON.stringify(line) + '\n';
    });
    after = rows[rows.length - 1].__rowid as number;
    if (rows.length < BATCH) return;
  }
}

/** A few columns of a table's rows (within the partial scope), a batch at a time. */
function* idBatches<T>(db: Database.Database, table: string, columns: string, scope: string | null, params: { cases: string }): Generator<T> {
  const statement = db.prepare(`SELECT r.rowid AS "__rowid", ${columns} FROM ${quote(table)} r WHERE r.rowid > @after ${scope ? `AND (${scope})` : ''} ORDER BY r.rowid LIMIT ${BATCH}`);
  let after = 0;
  for (;;) {
    const rows = statement.all({ after, ...(scope ? params : {}) }) as (T & { __rowid: number })[];
    for (const row of rows) yield row;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].__rowid;
  }
}
