import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Express } from 'express';
import { Config, loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';
import { createApp } from '../../src/app';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { createApiToken } from '../../src/tokens/token.service';
import { CaseRecord } from '../../src/cases/case.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { evidenceJobsIdle, evidenceRuntime } from '../../src/evidence/evidence-runtime';
import { recoverEvidenceStorage } from '../../src/evidence/evidence-integrity';
import { makeUser } from '../support/app';
import { photo } from '../unit/media-fixtures';

/**
 * Issue 19 (B): after a server is killed, nothing half-written survives the next start, and the
 * derivatives (thumbnails, previews) that were lost are made again, at start-up or on request.
 */
interface Running {
  ds: DataSource;
  app: Express;
  config: Config;
}

let dir: string;
let running: Running;
let token: string;
let caseId: number;
let itemId: number;
let file: EvidenceFile;

/** What src/server.ts does before it listens, on the data directory of this test. */
async function start(): Promise<Running> {
  const config = loadConfig({ CASEBOOK_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const ds = await openDatabase({ databasePath: config.databasePath });
  await recoverEvidenceStorage(ds, evidenceRuntime(ds, config));
  await evidenceJobsIdle(ds);
  return { ds, app: createApp({ ds, config }), config };
}

async function stop(r: Running): Promise<void> {
  await evidenceJobsIdle(r.ds);
  await r.ds.destroy();
}

const derived = (relative: string) => path.join(dir, 'derived', relative);
const thumbnailUrl = () => `/api/v1/cases/${caseId}/evidence/${itemId}/files/${file.id}/thumbnail`;
const getThumbnail = () =>
  request(running.app)
    .get(thumbnailUrl())
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-crash-'));
  running = await start();
  const lawyer = await makeUser(running.ds, 'lawyer');
  token = (await createApiToken(running.ds, CLI_ACTOR, lawyer.id, 't')).token;
  caseId = (await running.ds.getRepository(CaseRecord).save({ code: 'RU-2019-0190', title: 'Crash', status: 'open', restricted: false, createdById: lawyer.id })).id;
  const res = await request(running.app)
    .post(`/api/v1/cases/${caseId}/evidence`)
    .set('Authorization', `Bearer ${token}`)
    .field('type', 'photo')
    .field('title', 'Bruises, left arm')
    .attach('files', fs.readFileSync(photo('Canon_40D.jpg')), 'Canon_40D.jpg')
    .expect(201);
  itemId = res.body.data.id;
  await evidenceJobsIdle(running.ds);
  file = await running.ds.getRepository(EvidenceFile).findOneByOrFail({ itemId });
  expect(file.previewState).toBe('ready');
});
afterAll(async () => {
  if (running.ds.isInitialized) await stop(running);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('restarting after a crash', () => {
  it('removes interrupted writes in derived/, tmp/ and beside the session secret, and makes the lost thumbnail again', async () => {
    const before = await getThumbnail().expect(200);
    const secret = running.config.sessionSecret;
    await stop(running);

    // What kill -9 leaves: a thumbnail half-written under its temporary name, the finished
    // thumbnail lost with the page cache, an upload in tmp/, a secret being written.
    const thumb = derived(file.thumbnailPath!);
    const staleDerived = `${thumb}.0123456789ab.tmp`;
    fs.writeFileSync(staleDerived, before.body.subarray(0, 100));
    fs.rmSync(thumb);
    const stalePart = path.join(dir, 'tmp', `${Date.now()}-deadbeef.part`);
    fs.writeFileSync(stalePart, 'half an upload');
    const staleSecret = path.join(dir, 'session-secret.0123456789ab.tmp');
    fs.writeFileSync(staleSecret, 'half a secr');
    fs.utimesSync(staleSecret, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));

    running = await start();
    expect([fs.existsSync(staleDerived), fs.existsSync(stalePart), fs.existsSync(staleSecret)]).toEqual([false, false, false]);
    expect(fs.existsSync(thumb)).toBe(true);
    expect(running.config.sessionSecret).toBe(secret);
    const after = await getThumbnail().expect(200).expect('Content-Type', 'image/jpeg');
    expect((after.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((after.body as Buffer).length).toBe((before.body as Buffer).length);
    // Nothing else under derived/ but the two derivatives of the photo.
    const leftovers = fs.readdirSync(path.dirname(thumb)).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('makes a derivative lost while running again when it is asked for', async () => {
    const preview = derived(file.previewPath!);
    fs.rmSync(derived(file.thumbnailPath!));
    fs.rmSync(preview);
    const res = await getThumbnail().expect(200).expect('Content-Type', 'image/jpeg');
    expect((res.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(fs.existsSync(preview)).toBe(true);
  });
});

describe('the session secret', () => {
  it('replaces a secret cut short by a crash instead of using it', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-crash-'));
    try {
      fs.writeFileSync(path.join(other, 'session-secret'), 'abc');
      const secret = loadConfig({ CASEBOOK_DATA_DIR: other }).sessionSecret;
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(loadConfig({ CASEBOOK_DATA_DIR: other }).sessionSecret).toBe(secret);
      expect(fs.readdirSync(other)).toEqual(['session-secret']);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
