import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { TestApp, makeUser, signIn } from '../support/app';
import { cutNewest, dropCheckpointGuards, dropGuards, rewriteHistory, trailWithActivity } from '../support/audit-trail';
import { runCli } from '../support/cli';
import { openAuditKey } from '../../src/audit/audit-key';
import { checkpointIfDue, listCheckpoints } from '../../src/audit/audit-checkpoint.service';
import { checkpointSchema } from '../../src/audit/audit-checkpoint';

/**
 * Issue 19, finding 4: the hash chain proves order, not authorship. Someone with write access to
 * the SQLite file could cut the newest entries and rewrite the head, or edit an entry and
 * recompute every later hash, and `casebook audit verify` passed. A checkpoint signed with a key
 * kept outside the database, stored in it and kept elsewhere, catches both.
 */
async function withTrail(test: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await trailWithActivity();
  try {
    await test(t);
  } finally {
    await t.close();
  }
}

function checkpoint(t: TestApp) {
  const res = runCli(t.dir, ['audit', 'checkpoint']);
  expect(res.stderr).not.toMatch(/casebook:/);
  expect(res.status).toBe(0);
  return checkpointSchema.parse(JSON.parse(res.stdout));
}

const verify = (t: TestApp, args: string[] = [], env: Record<string, string> = {}) => runCli(t.dir, ['audit', 'verify', ...args], undefined, env);

describe('signed audit checkpoints', () => {
  it('creates the signing key outside the database with mode 0600 and says where it is; prints and verifies checkpoints', () =>
    withTrail(async (t) => {
      const keyFile = path.join(t.dir, 'audit-key');
      const first = runCli(t.dir, ['audit', 'checkpoint']);
      expect(first.status).toBe(0);
      expect(first.stderr).toContain(`Created the audit signing key at ${keyFile} (mode 0600)`);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(`${keyFile}.pub`, 'utf8')).toContain('BEGIN PUBLIC KEY');
      const line = checkpointSchema.parse(JSON.parse(first.stdout));
      const [{ n }] = await t.ds.query('SELECT MAX(seq) AS n FROM audit_entry');
      expect(line.seq).toBe(n);
      expect(await listCheckpoints(t.ds)).toEqual([line]);

      const again = runCli(t.dir, ['audit', 'checkpoint']);
      expect(again.stderr).not.toContain('Created');
      expect(JSON.parse(again.stdout)).toEqual(line);

      const ok = verify(t);
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toMatch(new RegExp(`Audit trail intact: ${n} entries verified\\. .* 1 checkpoint verified \\(newest at entry ${n}`));

      const file = path.join(t.dir, 'kept-elsewhere.jsonl');
      expect(runCli(t.dir, ['audit', 'checkpoints', '--export', file]).status).toBe(0);
      expect(runCli(t.dir, ['audit', 'checkpoints', '--export', file]).stderr).toContain('exists already');
      const against = verify(t, ['--against', file]);
      expect(against.status).toBe(0);
      expect(against.stdout).toContain(`1 checkpoint from ${file} matches.`);

      const { agent } = await signIn(t.app, (await makeUser(t.ds, 'admin')).email);
      const page = await agent.get('/admin/audit').expect(200);
      expect(page.text).toContain(`Newest signed checkpoint: entry ${n} of ${n + 2}`);
      expect(page.text).toContain('its signature and entry check out');
    }));

  it('fails when the newest entries were deleted and the head rewritten after a checkpoint', () =>
    withTrail(async (t) => {
      const signed = checkpoint(t);
      await dropGuards(t);
      await cutNewest(t, 2);
      const res = verify(t);
      expect(res.stderr).toContain(`stored checkpoint at entry ${signed.seq} (signed ${signed.at}) is beyond the trail's newest entry ${signed.seq - 2}: entries ${signed.seq - 1}–${signed.seq} at least were deleted`);
      expect(res.status).toBe(1);
      // A new head is never signed over a trail that contradicts the newest checkpoint.
      const refused = runCli(t.dir, ['audit', 'checkpoint']);
      expect(refused.stderr).toMatch(/nothing signed: newest stored checkpoint at entry \d+ .* is beyond the trail's newest entry/);
      expect(refused.status).toBe(1);

      // New activity refills the cut sequence numbers with other entries.
      const { agent } = await signIn(t.app, (await makeUser(t.ds, 'admin')).email);
      const page = await agent.get('/admin/audit').expect(200);
      expect(page.text).toContain(`The newest signed checkpoint (entry ${signed.seq}`);
      expect(page.text).toContain('the entry it signed has changed: the trail was rewritten');
      expect(verify(t).stderr).toMatch(new RegExp(`stored checkpoint at entry ${signed.seq} .* does not match`));
    }));

  it('fails when an entry was edited and every later hash and the head recomputed', () =>
    withTrail(async (t) => {
      const signed = checkpoint(t);
      await dropGuards(t);
      await rewriteHistory(t, 2, (row) => (row.action = 'auth.logout'));
      const res = verify(t);
      expect(res.stderr).not.toMatch(/broken at entry/);
      expect(res.stderr).toMatch(new RegExp(`stored checkpoint at entry ${signed.seq} .* does not match: .* the trail up to entry ${signed.seq} was rewritten`));
      expect(res.status).toBe(1);
    }));

  it('with --against, fails on a rewritten history even when the stored checkpoints were deleted too', () =>
    withTrail(async (t) => {
      const signed = checkpoint(t);
      const file = path.join(t.dir, 'kept-elsewhere.jsonl');
      fs.writeFileSync(file, JSON.stringify(signed) + '\n');
      await dropGuards(t);
      await dropCheckpointGuards(t);
      await rewriteHistory(t, 3, (row) => (row.actorLabel = 'someone else'));
      await t.ds.query('DELETE FROM audit_checkpoint');
      // Without a copy kept elsewhere, a rewrite that also removes the checkpoints is not seen:
      expect(verify(t).status).toBe(0);
      const res = verify(t, ['--against', file]);
      expect(res.stderr).toMatch(new RegExp(`checkpoint from ${file} at entry ${signed.seq} .* does not match`));
      expect(res.status).toBe(1);
      // ...and the same from the server's log lines, as log shipping keeps them.
      fs.writeFileSync(file, JSON.stringify({ time: signed.at, level: 'info', message: 'Casebook is listening' }) + '\n' + JSON.stringify({ time: signed.at, level: 'info', message: 'Audit checkpoint', checkpoint: signed }) + '\n');
      expect(verify(t, ['--against', file]).stderr).toMatch(/does not match/);
    }));

  it('refuses a forged checkpoint: in the database, and in a file', () =>
    withTrail(async (t) => {
      const signed = checkpoint(t);
      const file = path.join(t.dir, 'forged.jsonl');
      // A forger cuts two entries and moves the checkpoint to the new head, keeping its signature.
      await dropGuards(t);
      await dropCheckpointGuards(t);
      await cutNewest(t, 2);
      const [head] = await t.ds.query('SELECT seq, hash FROM audit_head');
      await t.ds.query('UPDATE audit_checkpoint SET seq = ?, hash = ?', [head.seq, head.hash]);
      const res = verify(t);
      expect(res.stderr).toContain(`stored checkpoint at entry ${head.seq} (signed ${signed.at}) has an invalid signature: it was forged or altered`);
      expect(res.status).toBe(1);

      await t.ds.query('DELETE FROM audit_checkpoint');
      fs.writeFileSync(file, JSON.stringify({ ...signed, seq: head.seq, hash: head.hash }) + '\n');
      const fromFile = verify(t, ['--against', file]);
      expect(fromFile.stderr).toMatch(/checkpoint from .* has an invalid signature/);
      expect(fromFile.status).toBe(1);

      fs.writeFileSync(file, 'not a checkpoint\n');
      expect(verify(t, ['--against', file]).stderr).toMatch(/line 1 is not a checkpoint/);
    }));

  it('reports checkpoints signed by another key, and checkpoints it cannot check for want of the key', () =>
    withTrail(async (t) => {
      const signed = checkpoint(t);
      const otherKey = path.join(t.dir, 'other-key');
      const other = openAuditKey(otherKey);
      const wrong = verify(t, [], { CASEBOOK_AUDIT_KEY: otherKey });
      expect(wrong.stderr).toContain(`stored checkpoint at entry ${signed.seq} (signed ${signed.at}) was signed by key ${signed.keyFingerprint.slice(0, 16)}, not by the audit key ${other.key.fingerprint.slice(0, 16)} at ${otherKey}`);
      expect(wrong.status).toBe(1);

      const none = verify(t, [], { CASEBOOK_AUDIT_KEY: path.join(t.dir, 'nowhere') });
      expect(none.stderr).toContain('1 stored checkpoint cannot be checked: there is no audit key at');
      expect(none.status).toBe(1);
      expect(fs.existsSync(path.join(t.dir, 'nowhere'))).toBe(false);

      // The public key alone is enough to check (a machine that only verifies).
      fs.renameSync(path.join(t.dir, 'audit-key'), path.join(t.dir, 'moved-away'));
      expect(verify(t).status).toBe(0);
    }));

  it('signs automatically when entries or hours are due', () =>
    withTrail(async (t) => {
      const { key } = openAuditKey(path.join(t.dir, 'audit-key'));
      const policy = { everyEntries: 1000, everyHours: 24 };
      expect(await checkpointIfDue(t.ds, key, policy)).toBeNull();
      const later = new Date(Date.now() + 25 * 3_600_000);
      const due = await checkpointIfDue(t.ds, key, policy, later);
      expect(due?.kind).toBe('created');
      expect(await checkpointIfDue(t.ds, key, policy, later)).toBeNull();
      expect(await checkpointIfDue(t.ds, key, { everyEntries: 1, everyHours: 24 })).toBeNull();
    }));
});

describe('the server', () => {
  it('creates its key at start, logs where it is, and signs a checkpoint every N entries, logged as one line', async () => {
    const t = await trailWithActivity();
    await t.ds.destroy();
    const server = spawn(process.execPath, [path.resolve(__dirname, '../../dist/src/server.js')], {
      env: { PATH: process.env.PATH ?? '', CASEBOOK_DATA_DIR: t.dir, PORT: '0', LOG_LEVEL: 'info', CASEBOOK_AUDIT_CHECKPOINT_EVERY: '3' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let log = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no checkpoint logged:\n${log}`)), 30_000);
        server.stderr!.on('data', (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes('"message":"Casebook is listening"')) {
            clearTimeout(timer);
            resolve();
          }
        });
        server.on('exit', () => reject(new Error(`server exited:\n${log}`)));
      });
      const lines = log.trim().split('\n').map((l) => JSON.parse(l));
      const created = lines.find((l) => l.message.startsWith('Created the audit signing key'));
      expect(created.keyFile).toBe(path.join(t.dir, 'audit-key'));
      expect(fs.statSync(created.keyFile).mode & 0o777).toBe(0o600);
      const logged = lines.find((l) => l.message === 'Audit checkpoint');
      const stored = runCli(t.dir, ['audit', 'checkpoints']);
      expect(stored.status).toBe(0);
      expect(JSON.parse(stored.stdout)).toEqual(logged.checkpoint);
      expect(logged.checkpoint).toEqual(expect.objectContaining({ seq: expect.any(Number), hash: expect.any(String), signature: expect.any(String) }));
      expect(verify(t).status).toBe(0);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.on('exit', resolve)));
      await t.close();
    }
  });
});
