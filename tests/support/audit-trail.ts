import { PASSWORD, TestApp, makeUser, signIn, startTestApp } from './app';
import { ChainRow, entryHash } from '../../src/audit/audit-chain';

/** A real app whose trail holds real activity: an admin, a sign-in, three new users, a sign-out. */
export async function trailWithActivity(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp(env);
  const admin = await makeUser(t.ds, 'admin');
  const { agent, csrf } = await signIn(t.app, admin.email);
  for (const n of [1, 2, 3]) {
    await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: `person${n}@example.org`, name: `Person ${n}`, role: 'viewer', password: PASSWORD }).expect(303);
  }
  await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
  return t;
}

/** What someone with direct access to the SQLite file does first: drop the append-only triggers. */
export async function dropGuards(t: TestApp): Promise<void> {
  await t.ds.query('DROP TRIGGER audit_entry_no_update');
  await t.ds.query('DROP TRIGGER audit_entry_no_delete');
}

export async function dropCheckpointGuards(t: TestApp): Promise<void> {
  await t.ds.query('DROP TRIGGER audit_checkpoint_no_update');
  await t.ds.query('DROP TRIGGER audit_checkpoint_no_delete');
}

/** A careful forger: changes entry `seq`, then recomputes its hash, every later hash and the head. */
export async function rewriteHistory(t: TestApp, seq: number, change: (row: ChainRow) => void): Promise<void> {
  const rows: ChainRow[] = await t.ds.query(
    `SELECT seq, at, actor_user_id AS actorUserId, actor_label AS actorLabel, action, record_type AS recordType, record_id AS recordId,
            fields, detail, ip, prev_hash AS prevHash, hash FROM audit_entry WHERE seq >= ? ORDER BY seq`,
    [seq],
  );
  let prevHash = rows[0].prevHash;
  for (const row of rows) {
    if (row.seq === seq) change(row);
    row.prevHash = prevHash;
    row.hash = entryHash(prevHash, row);
    await t.ds.query('UPDATE audit_entry SET action = ?, actor_label = ?, prev_hash = ?, hash = ? WHERE seq = ?', [row.action, row.actorLabel, row.prevHash, row.hash, row.seq]);
    prevHash = row.hash;
  }
  await t.ds.query('UPDATE audit_head SET hash = ? WHERE id = 1', [prevHash]);
}

/** Deletes the newest `n` entries and points the head at the one left newest, so the chain still verifies. */
export async function cutNewest(t: TestApp, n: number): Promise<void> {
  await t.ds.query('DELETE FROM audit_entry WHERE seq > (SELECT MAX(seq) FROM audit_entry) - ?', [n]);
  await t.ds.query('UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_entry), hash = (SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1) WHERE id = 1');
}
