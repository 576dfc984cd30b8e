import { TestApp } from '../support/app';
import { dropGuards, trailWithActivity } from '../support/audit-trail';
import { runCli } from '../support/cli';
import { verifyAudit } from '../../src/audit/audit.service';
import { entryHash } from '../../src/audit/audit-chain';

/**
 * Each test builds a trail of real activity, then tampers with the SQLite file the way someone
 * with direct access would (dropping the append-only triggers first), and checks that
 * `casebook audit verify` names the first broken entry and exits 1.
 */
describe('audit trail integrity', () => {
  it('verifies an untouched trail, from the API of the service and from the command line', async () => {
    const t = await trailWithActivity();
    try {
      const result = await verifyAudit(t.ds);
      expect(result.problem).toBeNull();
      expect(result.count).toBeGreaterThanOrEqual(6);
      const cli = runCli(t.dir, ['audit', 'verify']);
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain(`Audit trail intact: ${result.count} entries verified.`);
    } finally {
      await t.close();
    }
  });

  it('refuses UPDATE and DELETE on the trail at the database level', async () => {
    const t = await trailWithActivity();
    try {
      await expect(t.ds.query(`UPDATE audit_entry SET action = 'x' WHERE seq = 2`)).rejects.toThrow(/append-only/);
      await expect(t.ds.query(`DELETE FROM audit_entry WHERE seq = 2`)).rejects.toThrow(/append-only/);
    } finally {
      await t.close();
    }
  });

  const tamperings: [string, (t: TestApp) => Promise<void>, RegExp][] = [
    ['an altered entry', (t) => t.ds.query(`UPDATE audit_entry SET actor_label = 'someone else' WHERE seq = 3`), /broken at entry 3: entry 3 was altered/],
    ['an altered field list', (t) => t.ds.query(`UPDATE audit_entry SET fields = '["name"]' WHERE seq = 2`), /broken at entry 2: entry 2 was altered/],
    ['a deleted entry in the middle', (t) => t.ds.query(`DELETE FROM audit_entry WHERE seq = 3`), /broken at entry 4: entry 3 is missing before entry 4/],
    ['the last entry deleted', (t) => t.ds.query(`DELETE FROM audit_entry WHERE seq = (SELECT MAX(seq) FROM audit_entry)`), /were removed from the end/],
    [
      'two entries swapped',
      async (t) => {
        await t.ds.query(`UPDATE audit_entry SET seq = -1 WHERE seq = 2`);
        await t.ds.query(`UPDATE audit_entry SET seq = 2 WHERE seq = 3`);
        await t.ds.query(`UPDATE audit_entry SET seq = 3 WHERE seq = -1`);
      },
      /broken at entry 2: entry 2 (does not link|was altered)/,
    ],
    [
      'an entry rewritten with a recomputed own hash',
      async (t) => {
        // A careful forger recomputes the hash of the entry they changed; the next link still breaks.
        const [row] = await t.ds.query(`SELECT seq, at, actor_user_id AS actorUserId, actor_label AS actorLabel, action, record_type AS recordType, record_id AS recordId, fields, detail, ip, prev_hash AS prevHash FROM audit_entry WHERE seq = 2`);
        row.action = 'user.delete';
        await t.ds.query(`UPDATE audit_entry SET action = ?, hash = ? WHERE seq = 2`, [row.action, entryHash(row.prevHash, row)]);
      },
      /broken at entry 3: entry 3 does not link to entry 2/,
    ],
  ];

  it.each(tamperings)('detects %s and exits 1', async (_name, tamper, message) => {
    const t = await trailWithActivity();
    try {
      await dropGuards(t);
      await tamper(t);
      const cli = runCli(t.dir, ['audit', 'verify']);
      expect(cli.stderr).toMatch(message);
      expect(cli.status).toBe(1);
    } finally {
      await t.close();
    }
  });
});
