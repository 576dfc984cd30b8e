import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import request from 'supertest';
import Database from 'better-sqlite3';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { corpusPhotos, photo } from '../unit/media-fixtures';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { createApiToken } from '../../src/tokens/token.service';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { storageFor } from '../../src/evidence/evidence-storage';
import { generateKeyPair } from '../../src/backups/backup-crypto';
import { createBackup } from '../../src/backups/backup-create.service';
import { restoreBackup } from '../../src/backups/backup-read.service';
import { backupDue, backupNow } from '../../src/backups/backup-schedule.service';
import { SYSTEM_ACTOR } from '../../src/audit/audit.service';

/**
 * Issue 14: a backup taken while people keep editing and uploading restores to a consistent
 * state: every write acknowledged before the backup began is there, nothing is half-written
 * (every evidence row has its original, every original a row), and the chain and hashes verify.
 * The backup runs in the app's own process, as the schedule's does, with the writes going through
 * HTTP on the same event loop.
 */

let t: TestApp;
let work: string;
let token: string;
const photos = corpusPhotos().filter((n) => !/corrupt|invalid/.test(n));
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const api = () => request(t.app);
const bearer = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-backup-load-'));
  t = await startTestApp();
  const admin = await makeUser(t.ds, 'admin');
  token = (await createApiToken(t.ds, CLI_ACTOR, admin.id, 'load')).token;
});

afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function newCase(title: string): Promise<number> {
  const res = await api().post('/api/v1/cases').set(bearer()).send({ title, status: 'open' }).expect(201);
  return res.body.data.id;
}

async function rename(id: number, title: string): Promise<void> {
  await api().patch(`/api/v1/cases/${id}`).set(bearer()).send({ title }).expect(200);
}

/** A photo with a few bytes appended after its end: a new original each time, still a JPEG. */
async function upload(caseId: number, n: number, label: string): Promise<string> {
  const bytes = Buffer.concat([fs.readFileSync(photo(photos[n % photos.length])), Buffer.from(`\n${label}`)]);
  await api().post(`/api/v1/cases/${caseId}/evidence`).set(bearer()).field('type', 'photo').field('title', label).attach('files', bytes, `${label}.jpg`).expect(201);
  return sha(bytes);
}

it('restores a backup taken during concurrent edits and uploads to a consistent state', async () => {
  const { identity, recipient } = await generateKeyPair();
  // Acknowledged before the backup begins.
  const caseIds: number[] = [];
  const before = { titles: new Map<number, string>(), objects: [] as string[] };
  for (let i = 0; i < 4; i++) caseIds.push(await newCase(`До копии ${i}`));
  for (let i = 0; i < 6; i++) before.objects.push(await upload(caseIds[i % 4], i, `before-${i}`));
  for (const [i, id] of caseIds.entries()) {
    const title = `Переименовано до копии ${i}`;
    await rename(id, title);
    before.titles.set(id, title);
  }
  const auditBefore = ((await t.ds.query('SELECT max(seq) AS n FROM audit_entry')) as { n: number }[])[0].n;

  // The backup begins; writers keep going until it has finished.
  let done = false;
  let during = 0;
  const backup = createBackup({ ds: t.ds, databasePath: t.config.databasePath, storage: storageFor(t.config.dataDir), dir: path.join(work, 'backups'), recipients: [recipient], origin: 'cli', actor: CLI_ACTOR }).finally(() => {
    done = true;
  });
  const writer = async (k: number) => {
    for (let i = 0; !done && i < 60; i++) {
      const n = k * 100 + i;
      if (i % 3 === 0) await upload(caseIds[n % 4], n, `during-${n}`);
      else if (i % 3 === 1) await rename(caseIds[n % 4], `Во время копии ${n}`);
      else await newCase(`Новое во время копии ${n}`);
      during++;
    }
  };
  const [summary] = await Promise.all([backup, writer(1), writer(2), writer(3)]);
  expect(during).toBeGreaterThan(0);
  await evidenceJobsIdle(t.ds);

  const target = path.join(work, 'restored');
  const restored = await restoreBackup(summary.file, [identity], target, CLI_ACTOR);
  expect(restored.originalsChecked).toBe(summary.manifest.objects.length);
  expect(restored.auditEntries).toBeGreaterThan(auditBefore);

  const db = new Database(path.join(target, 'casebook.sqlite'), { readonly: true, fileMustExist: true });
  try {
    // Every acknowledged write is there: the cases (with a title at least as new as before), the originals.
    for (const id of caseIds) {
      const row = db.prepare('SELECT title FROM case_record WHERE id = ?').get(id) as { title: string } | undefined;
      expect(row).toBeDefined();
      expect(row!.title === before.titles.get(id) || row!.title.startsWith('Во время копии')).toBe(true);
    }
    const stored = new Set((db.prepare('SELECT sha256 FROM stored_object').all() as { sha256: string }[]).map((r) => r.sha256));
    for (const s of before.objects) expect(stored.has(s)).toBe(true);
    // Nothing half-written: every item has its files, every file row its object row and its
    // original on disk (re-hashed), and no original is on disk without a row.
    const orphans = db.prepare('SELECT count(*) AS n FROM evidence_file f LEFT JOIN stored_object o ON o.id = f.stored_object_id WHERE o.id IS NULL').get() as { n: number };
    expect(orphans.n).toBe(0);
    const items = db.prepare('SELECT id FROM evidence_item').all() as { id: number }[];
    for (const { id } of items) {
      const files = db.prepare('SELECT count(*) AS n FROM evidence_file WHERE item_id = ?').get(id) as { n: number };
      expect(files.n).toBeGreaterThan(0);
    }
    const onDisk: string[] = [];
    for (const a of fs.readdirSync(path.join(target, 'objects'))) for (const b of fs.readdirSync(path.join(target, 'objects', a))) onDisk.push(...fs.readdirSync(path.join(target, 'objects', a, b)));
    expect(onDisk.sort()).toEqual([...stored].sort());
    for (const s of onDisk) expect(sha(fs.readFileSync(path.join(target, 'objects', s.slice(0, 2), s.slice(2, 4), s)))).toBe(s);
    // The trail verified in the restore; its newest entry records the restore.
    expect(db.prepare('SELECT action FROM audit_entry ORDER BY seq DESC LIMIT 1').get()).toEqual({ action: 'backup.restore' });
  } finally {
    db.close();
  }
});

it('makes a scheduled backup when the last good one is older than the interval, and retries a failure after an hour', async () => {
  const { recipient } = await generateKeyPair();
  const dir = path.join(work, 'scheduled');
  const config = { ...t.config, backup: { dir, recipients: [recipient], intervalHours: 24, keep: 7 } };
  const now = Date.now();
  expect(await backupDue(t.ds, config, new Date(now))).toBe(true);
  const { run } = await backupNow(t.ds, config, 'schedule', SYSTEM_ACTOR);
  expect(run.status).toBe('ok');
  expect(await backupDue(t.ds, config, new Date(now + 23 * 3_600_000))).toBe(false);
  expect(await backupDue(t.ds, config, new Date(now + 25 * 3_600_000))).toBe(true);
  // A failed attempt (an unusable key) is logged with its reason, and tried again an hour later.
  const broken = { ...config, backup: { ...config.backup, recipients: ['age1notakey'] } };
  await expect(backupNow(t.ds, broken, 'schedule', SYSTEM_ACTOR)).rejects.toThrow(/badRecipient/);
  const failed = (await t.ds.query(`SELECT status, error, started_at AS startedAt FROM backup_run WHERE dir = ? ORDER BY id DESC LIMIT 1`, [dir]))[0];
  expect(failed.status).toBe('failed');
  expect(JSON.parse(failed.error).code).toBe('badRecipient');
  const failedAt = new Date(failed.startedAt).getTime();
  expect(await backupDue(t.ds, config, new Date(failedAt + 25 * 3_600_000 - 23 * 3_600_000))).toBe(false);
  await t.ds.query('UPDATE backup_run SET started_at = ?, finished_at = ? WHERE status = ?', [new Date(now - 25 * 3_600_000).toISOString(), new Date(now - 25 * 3_600_000).toISOString(), 'ok']);
  expect(await backupDue(t.ds, config, new Date(failedAt + 30 * 60_000))).toBe(false);
  expect(await backupDue(t.ds, config, new Date(failedAt + 61 * 60_000))).toBe(true);
});
