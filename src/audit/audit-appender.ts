import { EntityManager } from 'typeorm';
import { Actor, AuditInput } from './audit.service';
import { GENESIS_HASH, entryHash } from './audit-chain';

const INSERT_ENTRY =
  'INSERT INTO "audit_entry" ("seq", "at", "actor_user_id", "actor_label", "action", "record_type", "record_id", "fields", "detail", "ip", "prev_hash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * Many entries appended inside ONE of the caller's transactions (an import's commit), the chain
 * exactly as recordAudit builds it, without recordAudit's four statements per entry: the lock is
 * taken and the head read once, each entry is one bound INSERT, and the head is written on
 * flush(). Nothing else may append to the chain between the first append and flush() (the
 * transaction holds the write lock, and the caller routes its own entries through here); after
 * flush() recordAudit may append again, and the next append here reads the head afresh.
 */
export class AuditAppender {
  private head: { seq: number; hash: string; stored: boolean } | null = null;
  private dirty = false;
  appended = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly actor: Actor,
  ) {}

  async append(input: AuditInput, now = new Date()): Promise<void> {
    if (!this.head) {
      await this.em.query('UPDATE audit_head SET seq = seq WHERE id = 1');
      const rows: { seq: number; hash: string }[] = await this.em.query('SELECT seq, hash FROM audit_head WHERE id = 1');
      this.head = rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash, stored: true } : { seq: 0, hash: GENESIS_HASH, stored: false };
    }
    const content = {
      seq: this.head.seq + 1,
      at: now.toISOString(),
      actorUserId: this.actor.userId,
      actorLabel: this.actor.label,
      action: input.action,
      recordType: input.recordType ?? null,
      recordId: input.recordId == null ? null : String(input.recordId),
      fields: JSON.stringify([...(input.fields ?? [])].sort()),
      detail: JSON.stringify(input.detail ?? {}),
      ip: this.actor.ip ?? null,
    };
    const hash = entryHash(this.head.hash, content);
    await this.em.query(INSERT_ENTRY, [content.seq, content.at, content.actorUserId, content.actorLabel, content.action, content.recordType, content.recordId, content.fields, content.detail, content.ip, this.head.hash, hash]);
    this.head = { seq: content.seq, hash, stored: this.head.stored };
    this.dirty = true;
    this.appended++;
  }

  /** Writes the head: the chain now ends at the last entry appended. */
  async flush(): Promise<void> {
    if (!this.head || !this.dirty) return;
    if (this.head.stored) await this.em.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [this.head.seq, this.head.hash]);
    else await this.em.query('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)', [this.head.seq, this.head.hash]);
    this.head = null;
    this.dirty = false;
  }
}
