import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditHead } from './audit-entry.entity';
import { ChainProblem, ChainRow, ChainVerifier, GENESIS_HASH, entryHash } from './audit-chain';

export interface Actor {
  userId: number | null;
  label: string;
  ip?: string | null;
  /** Added to the detail of every entry written for this actor (a spreadsheet import names its batch and file). */
  detail?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };
export const CLI_ACTOR: Actor = { userId: null, label: 'cli' };

export interface AuditInput {
  action: string;
  recordType?: string | null;
  recordId?: string | number | null;
  fields?: string[];
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Appends one entry inside the caller's transaction, so the entry commits or rolls back
 * together with the change it describes.
 */
export async function recordAudit(em: EntityManager, actor: Actor, input: AuditInput, now = new Date()): Promise<AuditEntry> {
  // Take the write lock first (SQLite) / lock the head row (PostgreSQL) so that two writers
  // cannot both extend the chain from the same head.
  await em.query('UPDATE audit_head SET seq = seq WHERE id = 1');
  const head = await em.findOne(AuditHead, { where: { id: 1 } });
  const prevHash = head?.hash ?? GENESIS_HASH;
  const content = {
    seq: (head?.seq ?? 0) + 1,
    at: now.toISOString(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    recordType: input.recordType ?? null,
    recordId: input.recordId == null ? null : String(input.recordId),
    fields: JSON.stringify([...(input.fields ?? [])].sort()),
    detail: JSON.stringify(actor.detail ? { ...(input.detail ?? {}), ...actor.detail } : (input.detail ?? {})),
    ip: actor.ip ?? null,
  };
  const entry = em.create(AuditEntry, { ...content, prevHash, hash: entryHash(prevHash, content) });
  await em.insert(AuditEntry, entry);
  if (head) await em.update(AuditHead, { id: 1 }, { seq: entry.seq, hash: entry.hash });
  else await em.insert(AuditHead, { id: 1, seq: entry.seq, hash: entry.hash });
  return entry;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(ds: DataSource, f: AuditFilter): Promise<{ rows: AuditEntry[]; total: number }> {
  const qb = ds.getRepository(AuditEntry).createQueryBuilder('a');
  if (f.actor) qb.andWhere("a.actor_label LIKE :actor ESCAPE '\\'", { actor: `%${escapeLike(f.actor)}%` });
  if (f.action) qb.andWhere("a.action LIKE :action ESCAPE '\\'", { action: `${escapeLike(f.action)}%` });
  if (f.recordType) qb.andWhere('a.record_type = :rt', { rt: f.recordType });
  if (f.recordId) qb.andWhere('a.record_id = :rid', { rid: f.recordId });
  if (f.from) qb.andWhere('a.at >= :from', { from: f.from });
  if (f.to) qb.andWhere('a.at < :to', { to: f.to });
  const [rows, total] = await qb
    .orderBy('a.seq', 'DESC')
    .skip((f.page - 1) * f.pageSize)
    .take(f.pageSize)
    .getManyAndCount();
  return { rows, total };
}

export async function distinctActions(ds: DataSource): Promise<string[]> {
  const rows: { action: string }[] = await ds.query('SELECT DISTINCT action FROM audit_entry ORDER BY action');
  return rows.map((r) => r.action);
}

/** An entry with the current name of the user who acted (null for the command line, the system, or an unknown account). */
export type NamedAuditEntry = AuditEntry & { actorName: string | null };

/** Adds who acted by name: people read "Anna Petrova", not the address she signed in with. */
export async function withActorNames(ds: DataSource | EntityManager, rows: AuditEntry[]): Promise<NamedAuditEntry[]> {
  const ids = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is number => id !== null))];
  const names = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found: { id: number; name: string }[] = await ds.query(`SELECT id, name FROM "user" WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
    for (const u of found) names.set(Number(u.id), u.name);
  }
  return rows.map((r) => Object.assign(r, { actorName: (r.actorUserId !== null && names.get(r.actorUserId)?.trim()) || null }));
}

/** Every entry about one record, oldest first: the record's history. */
export async function historyOf(ds: DataSource, recordType: string, recordId: string | number): Promise<NamedAuditEntry[]> {
  return withActorNames(
    ds,
    await ds.getRepository(AuditEntry).find({
      where: { recordType, recordId: String(recordId) },
      order: { seq: 'ASC' },
    }),
  );
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export interface VerifyResult {
  count: number;
  problem: ChainProblem | null;
  headHash: string;
}

/** Recomputes the whole chain in pages of rows, in stored (rowid) order so reordering shows. */
export async function verifyAudit(ds: DataSource): Promise<VerifyResult> {
  const head = (await ds.query('SELECT seq, hash FROM audit_head WHERE id = 1'))[0] ?? null;
  return verifyChain(ds, head);
}

/**
 * Recomputes the chain after `after` (an entry known to be good, or the start) and checks it
 * ends at `head`; with `upToHead`, entries appended after `head` was read are left alone.
 */
export async function verifyChain(
  ds: DataSource,
  head: { seq: number; hash: string } | null,
  opts: { after?: { seq: number; hash: string }; upToHead?: boolean } = {},
): Promise<VerifyResult> {
  const pageSize = 5000;
  const limit = opts.upToHead && head ? `AND rowid <= ${Number(head.seq)}` : '';
  async function* rows(): AsyncGenerator<ChainRow> {
    let lastRowid = opts.after?.seq ?? 0;
    for (;;) {
      const batch: (ChainRow & { rid: number })[] = await ds.query(
        `SELECT rowid AS rid, seq, at, actor_user_id AS "actorUserId", actor_label AS "actorLabel", action,
                record_type AS "recordType", record_id AS "recordId", fields, detail, ip, prev_hash AS "prevHash", hash
           FROM audit_entry WHERE rowid > ? ${limit} ORDER BY rowid LIMIT ${pageSize}`,
        [lastRowid],
      );
      for (const row of batch) yield row;
      if (batch.length < pageSize) return;
      lastRowid = batch[batch.length - 1].rid;
    }
  }
  const verifier = new ChainVerifier(opts.after);
  for await (const row of rows()) if (!verifier.push(row)) break;
  const result = verifier.finish(head);
  return { count: result.count, problem: result.problem, headHash: result.lastHash };
}
