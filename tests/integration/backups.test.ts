import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import request from 'supertest';
import Database from 'better-sqlite3';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { ensureBuilt } from '../support/build';
import { runCli } from '../support/cli';
import { corpusPhotos, photo } from '../unit/media-fixtures';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { createApiToken } from '../../src/tokens/token.service';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { Session } from '../../src/sessions/session.entity';
import { BackupRun } from '../../src/backups/backup-run.entity';
import { User } from '../../src/users/user.entity';

/**
 * Issue 14, "Encrypted backups and restore": through the real command line (the built
 * `casebook`, in a child process) against the database a running app writes to, and the admin
 * page over HTTP.
 */

// Each test runs the built command line several times, a few seconds each on a loaded machine.
jest.setTimeout(300_000);

let t: TestApp;
let work: string;
let backups: string;
let keyFile: string;
let otherKeyFile: string;
let recipient: string;
let admin: User;
let token: string;

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const photos = corpusPhotos().filter((n) => !/corrupt|invalid/.test(n));
const cli = (args: string[]) => runCli(t.dir, args);
const backupFiles = () => fs.readdirSync(backups).filter((n) => n.endsWith('.age')).sort();
const newestBackup = () => path.join(backups, backupFiles().at(-1)!);

async function newCase(title: string): Promise<number> {
  const res = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send({ title, status: 'open' }).expect(201);
  return res.body.data.id as number;
}

async function uploadPhoto(caseId: number, name: string, title = name): Promise<void> {
  await request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${token}`).field('type', 'photo').field('title', title).attach('files', fs.readFileSync(photo(name)), name).expect(201);
}

/** Everything in a directory, recursively, with each file's SHA-256: to show a target untouched. */
function listing(dir: string): string[] {
  if (!fs.existsSync(dir)) return ['(absent)'];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(`${path.relative(dir, full)} ${sha(fs.readFileSync(full))}`);
    }
  };
  walk(dir);
  return out.sort();
}

function restoredDb(dir: string): Database.Database {
  return new Database(path.join(dir, 'casebook.sqlite'), { readonly: true, fileMustExist: true });
}

beforeAll(async () => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-backups-'));
  backups = path.join(work, 'backups');
  keyFile = path.join(work, 'backup-key.txt');
  otherKeyFile = path.join(work, 'other-key.txt');
  const keygen = runCli(work, ['backup', 'keygen', '--to', keyFile]);
  expect(keygen.status).toBe(0);
  recipient = keygen.stdout.trim();
  expect(recipient).toMatch(/^age1[0-9a-z]{58}$/);
  expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(keyFile, 'utf8')).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/m);
  expect(runCli(work, ['backup', 'keygen', '--to', otherKeyFile]).status).toBe(0);
  t = await startTestApp({ CASEBOOK_BACKUP_DIR: backups, CASEBOOK_BACKUP_RECIPIENTS: recipient, CASEBOOK_BACKUP_INTERVAL_HOURS: '24', CASEBOOK_BACKUP_KEEP: '2' });
  admin = await makeUser(t.ds, 'admin');
  token = (await createApiToken(t.ds, CLI_ACTOR, admin.id, 't')).token;
});

afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('casebook backup create, verify and restore', () => {
  let caseId: number;

  it('refuses to overwrite a key file', () => {
    const again = runCli(work, ['backup', 'keygen', '--to', keyFile]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');
  });

  it('backs up the database and the evidence, verifies it, and restores it into an empty directory that then verifies', async () => {
    caseId = await newCase('Дело о пытках в ИВС');
    await uploadPhoto(caseId, photos[0]);
    await uploadPhoto(caseId, photos[1]);
    await evidenceJobsIdle(t.ds);

    const created = cli(['backup', 'create', '--to', backups, '--recipient', recipient]);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/evidence originals: 2, 2 copied into this file/);
    const file = newestBackup();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Encrypted: neither the Cyrillic title nor an original's bytes are readable in the file.
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(bytes.includes(Buffer.from('Дело о пытках'))).toBe(false);
    expect(bytes.includes(fs.readFileSync(photo(photos[0])).subarray(200, 264))).toBe(false);

    const verified = cli(['backup', 'verify', file, '--identity', keyFile]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/Backup intact/);
    expect(verified.stdout).toMatch(/evidence originals: 2; 2 in this file, every SHA-256 matches/);

    const target = path.join(work, 'restored-1');
    fs.mkdirSync(target);
    const restored = runCli(work, ['backup', 'restore', file, '--identity', keyFile, '--to', target]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/cases: 1\n/);
    expect(restored.stdout).toMatch(/evidence: 2 originals re-hashed, every SHA-256 matches/);
    expect(restored.stdout).toMatch(/search index: in step with the records/);
    expect(restored.stdout).toMatch(/audit trail: \d+ entries verify/);

    const db = restoredDb(target);
    try {
      expect(db.prepare('SELECT title FROM case_record').all()).toEqual([{ title: 'Дело о пытках в ИВС' }]);
      const objects = db.prepare('SELECT sha256 FROM stored_object ORDER BY id').all() as { sha256: string }[];
      expect(objects.map((o) => o.sha256).sort()).toEqual([photos[0], photos[1]].map((n) => sha(fs.readFileSync(photo(n)))).sort());
      // The restore is the newest entry of the restored trail; the backup log starts empty there.
      expect(db.prepare('SELECT action FROM audit_entry ORDER BY seq DESC LIMIT 1').get()).toEqual({ action: 'backup.restore' });
      expect(db.prepare('SELECT count(*) AS n FROM backup_run').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // The restored instance checks out with the ordinary tools, and signs in with the same secret.
    expect(runCli(target, ['audit', 'verify']).stdout).toMatch(/Audit trail intact/);
    expect(runCli(target, ['evidence', 'verify']).stdout).toMatch(/Evidence intact: 2 stored originals re-hashed/);
    expect(runCli(target, ['search', 'check']).status).toBe(0);
    expect(fs.readFileSync(path.join(target, 'session-secret'), 'utf8')).toBe(fs.readFileSync(path.join(t.dir, 'session-secret'), 'utf8'));
    // The live trail records the backup and the check.
    const actions = (await t.ds.query(`SELECT action FROM audit_entry WHERE action LIKE 'backup.%' ORDER BY seq`)) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['backup.create', 'backup.verify']);
  });

  it('copies into a later backup only the originals no earlier backup in the directory holds, and restores it from the files together', async () => {
    const second = cli(['backup', 'create', '--to', backups, '--recipient', recipient]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/evidence originals: 2, 0 copied into this file, the others held by 1 earlier backup/);
    await uploadPhoto(caseId, photos[2]);
    // Without --recipient the command takes CASEBOOK_BACKUP_RECIPIENTS, which this command line's environment lacks.
    const third = cli(['backup', 'create', '--to', backups]);
    expect(third.status).toBe(1);
    expect(third.stderr).toContain('No recipients');
    const thirdOk = cli(['backup', 'create', '--to', backups, '--recipient', recipient]);
    expect(thirdOk.status).toBe(0);
    expect(thirdOk.stdout).toMatch(/evidence originals: 3, 1 copied into this file/);
    const files = backupFiles();
    expect(files).toHaveLength(3);
    // The second file holds no evidence: it is about the size of the first minus the two photos.
    const photoBytes = fs.statSync(photo(photos[0])).size + fs.statSync(photo(photos[1])).size;
    expect(fs.statSync(path.join(backups, files[1])).size).toBeLessThan(fs.statSync(path.join(backups, files[0])).size - photoBytes + 100_000);

    const verified = cli(['backup', 'verify', path.join(backups, files[2]), '--identity', keyFile]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/3; 1 in this file, 2 in 1 earlier backup \(casebook-backup-/);

    const target = path.join(work, 'restored-3');
    const restored = runCli(work, ['backup', 'restore', path.join(backups, files[2]), '--identity', keyFile, '--to', target]);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/evidence: 3 originals re-hashed, every SHA-256 matches \(1 from this file, 2 from casebook-backup-/);
  });

  it('refuses a file altered by one byte, cut off, or encrypted to another key, and leaves the target as it was', () => {
    const original = path.join(backups, backupFiles()[0]);
    const bytes = fs.readFileSync(original);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] ^= 0x01;
    const headerFlipped = Buffer.from(bytes);
    headerFlipped[80] ^= 0x01;
    // [what, file, key, message, also checked with verify and into a new directory]
    const cases: [string, Buffer, string, RegExp, boolean][] = [
      ['one byte altered', flipped, keyFile, /backup file is damaged: it was altered or cut off/, true],
      ['one header byte altered', headerFlipped, keyFile, /cannot be opened with the given identity: it is encrypted to another key, its header was altered/, false],
      ['cut off', bytes.subarray(0, Math.floor(bytes.length * 0.7)), keyFile, /backup file is damaged: it was altered or cut off/, false],
      ['cut off at the end', bytes.subarray(0, bytes.length - 1), keyFile, /backup file is damaged/, false],
      ['another key', bytes, otherKeyFile, /cannot be opened with the given identity/, true],
    ];
    const emptyTarget = path.join(work, 'empty-target');
    fs.mkdirSync(emptyTarget);
    for (const [what, content, key, message, more] of cases) {
      const bad = path.join(work, `bad-${what.replace(/\W+/g, '-')}.age`);
      fs.writeFileSync(bad, content);
      const restore = runCli(work, ['backup', 'restore', bad, '--identity', key, '--to', emptyTarget]);
      expect([what, restore.status, restore.stderr]).toEqual([what, 1, expect.stringMatching(message)]);
      expect(restore.stderr).toMatch(/nothing was changed/);
      expect(fs.readdirSync(emptyTarget)).toEqual([]);
      if (!more) continue;
      const verify = runCli(work, ['backup', 'verify', bad, '--identity', key]);
      expect([what, verify.status, verify.stderr]).toEqual([what, 1, expect.stringMatching(message)]);
      const newTarget = path.join(work, 'never-created');
      expect(runCli(work, ['backup', 'restore', bad, '--identity', key, '--to', newTarget]).status).toBe(1);
      expect(fs.existsSync(newTarget)).toBe(false);
    }
    // No staging directory is left beside the targets.
    expect(fs.readdirSync(work).filter((n) => n.includes('.restore-'))).toEqual([]);
  });

  it('refuses a directory that is not empty, and an incremental backup without its earlier files, changing nothing', () => {
    const newest = newestBackup();
    const occupied = path.join(work, 'occupied');
    fs.mkdirSync(path.join(occupied, 'objects'), { recursive: true });
    fs.writeFileSync(path.join(occupied, 'casebook.sqlite'), 'the data of another instance');
    const before = listing(occupied);
    const refused = runCli(work, ['backup', 'restore', newest, '--identity', keyFile, '--to', occupied]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not empty: a backup is only restored into an empty or new directory/);
    expect(listing(occupied)).toEqual(before);

    const alone = path.join(work, 'alone');
    fs.mkdirSync(alone);
    fs.copyFileSync(newest, path.join(alone, path.basename(newest)));
    const target = path.join(work, 'restored-alone');
    const missing = runCli(work, ['backup', 'restore', path.join(alone, path.basename(newest)), '--identity', keyFile, '--to', target]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/This is an incremental backup: it needs the earlier backup casebook-backup-\S+ in the same directory/);
    expect(fs.existsSync(target)).toBe(false);
    expect(runCli(work, ['backup', 'verify', path.join(alone, path.basename(newest)), '--identity', keyFile]).stderr).toMatch(/needs the earlier backup/);
  });
});

describe('/admin/backups', () => {
  it('is for admins only', async () => {
    for (const role of ['researcher', 'lawyer', 'analyst', 'viewer'] as const) {
      const user = await makeUser(t.ds, role);
      const { agent, csrf } = await signIn(t.app, user.email);
      const page = await agent.get('/admin/backups');
      expect([role, page.status]).toEqual([role, 403]);
      const runs = await t.ds.getRepository(BackupRun).count();
      const post = await agent.post('/admin/backups/run').type('form').send({ _csrf: csrf });
      expect([role, post.status]).toEqual([role, 403]);
      expect(await t.ds.getRepository(BackupRun).count()).toBe(runs);
    }
    await request(t.app).get('/admin/backups').expect(303);
  });

  it('asks for the password and second factor again after 10 minutes', async () => {
    const { agent, csrf } = await signIn(t.app, admin.email);
    await t.ds.getRepository(Session).update({ userId: admin.id }, { authenticatedAt: new Date(Date.now() - 11 * 60_000) });
    const page = await agent.get('/admin/backups').expect(303);
    expect(page.headers.location).toBe('/reauth?next=%2Fadmin%2Fbackups');
    const runs = await t.ds.getRepository(BackupRun).count();
    const post = await agent.post('/admin/backups/run').type('form').send({ _csrf: csrf }).expect(303);
    expect(post.headers.location).toBe('/reauth?next=%2Fadmin%2Fbackups%2Frun');
    expect(await t.ds.getRepository(BackupRun).count()).toBe(runs);
  });

  it('shows the last good backup, warns when it is older than the interval, and shows a failure with its reason, in English and Russian', async () => {
    const { agent, csrf } = await signIn(t.app, admin.email);
    const ru = () => agent.get('/admin/backups').set('Accept-Language', 'ru').expect(200);
    const en = () => agent.get('/admin/backups').set('Accept-Language', 'en').expect(200);

    // The command-line backups above went to the same directory: the newest is the last good one.
    let page = await en();
    expect(page.text).toContain('Encrypted backups');
    expect(page.text).not.toContain('id="backup-stale"');
    expect(page.text).toContain(backupFiles().at(-1)!);

    const made = await agent.post('/admin/backups/run').type('form').send({ _csrf: csrf }).expect(303);
    expect(made.headers.location).toBe('/admin/backups');
    page = await en();
    expect(page.text).toMatch(/Backup written: casebook-backup-\S+ \(0 of 3 evidence originals copied/);
    const pageRun = await t.ds.getRepository(BackupRun).findOneOrFail({ where: { origin: 'page' }, order: { id: 'DESC' } });
    expect(pageRun.status).toBe('ok');
    expect(page.text).toContain(pageRun.fileName!);
    // Keep 2: of the four good backups, the newest two and the earlier files they need (the first
    // holds two originals, the third one) stay; the second, which nothing needs, went.
    const good = await t.ds.getRepository(BackupRun).find({ where: { status: 'ok' }, order: { id: 'ASC' } });
    expect(good.map((r) => Boolean(r.prunedAt))).toEqual([false, true, false, false]);
    expect(backupFiles()).toEqual([good[0].fileName, good[2].fileName, good[3].fileName]);
    const pruned = (await t.ds.query(`SELECT detail FROM audit_entry WHERE action = 'backup.prune'`)) as { detail: string }[];
    expect(pruned.map((p) => JSON.parse(p.detail).file)).toEqual([good[1].fileName]);

    // 25 hours later, as far as the log is concerned.
    const old = new Date(Date.now() - 25 * 3_600_000);
    await t.ds.query('UPDATE backup_run SET started_at = ?, finished_at = ?', [old.toISOString(), old.toISOString()]);
    page = await en();
    expect(page.text).toMatch(/id="backup-stale"[\s\S]*more than 24 hours ago \(the interval\)/);
    page = await ru();
    expect(page.text).toContain('Зашифрованные резервные копии');
    expect(page.text).toMatch(/id="backup-stale"[\s\S]*больше 24 часов назад/);

    // A failure: an original new since the last backup has gone from storage.
    await uploadPhoto((await t.ds.query('SELECT id FROM case_record LIMIT 1'))[0].id, photos[3]);
    await evidenceJobsIdle(t.ds);
    const lost = sha(fs.readFileSync(photo(photos[3])));
    const objectPath = path.join(t.dir, 'objects', lost.slice(0, 2), lost.slice(2, 4), lost);
    const kept = fs.readFileSync(objectPath);
    fs.rmSync(objectPath);
    try {
      const before = backupFiles();
      await agent.post('/admin/backups/run').type('form').send({ _csrf: csrf }).expect(303);
      page = await en();
      expect(page.text).toContain(`The backup failed: The evidence original ${lost} that the database refers to is missing from storage`);
      expect(page.text).toMatch(/id="backup-last-failure"[\s\S]*missing from storage/);
      expect(page.text).toContain('id="backup-stale"');
      page = await ru();
      expect(page.text).toMatch(/id="backup-last-failure"[\s\S]*отсутствует в хранилище/);
      expect(backupFiles()).toEqual(before);
      expect(fs.readdirSync(backups).filter((n) => !n.endsWith('.age'))).toEqual([]);
      const failed = (await t.ds.query(`SELECT detail FROM audit_entry WHERE action = 'backup.failed' ORDER BY seq DESC LIMIT 1`)) as { detail: string }[];
      expect(JSON.parse(failed[0].detail)).toMatchObject({ origin: 'page', reason: 'objectMissing' });
    } finally {
      fs.mkdirSync(path.dirname(objectPath), { recursive: true });
      fs.writeFileSync(objectPath, kept, { mode: 0o444 });
    }
  });
});
