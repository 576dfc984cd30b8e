import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { unzip } from '../support/zip';
import { ensureBuilt } from '../support/build';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { listen } from '../support/browser';
import { runCli } from '../support/cli';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { CaseRecord } from '../../src/cases/case.entity';
import { openDatabase } from '../../src/db/data-source';
import { createUser } from '../../src/users/user.service';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { EvidenceItem } from '../../src/evidence/evidence-item.entity';
import { StoredObject } from '../../src/evidence/stored-object.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';

const ROOT = path.resolve(__dirname, '../..');
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Files below a data directory's evidence folders, for "nothing left behind" checks. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts a multipart upload by hand, sends part of the file, and returns the open request. */
function startPartialUpload(url: string, token: string, caseId: number, declaredBytes: number, sentBytes: number): http.ClientRequest {
  const boundary = 'casebookPartialUpload';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\ncourt_document\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nHalf\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="half.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const req = http.request(`${url}/api/v1/cases/${caseId}/evidence`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + declaredBytes + 50) },
  });
  req.on('error', () => undefined);
  req.write(head);
  req.write(Buffer.alloc(sentBytes, 'a'));
  return req;
}


describe('evidence uploads in adversity', () => {
  let t: TestApp;
  let token: string;
  let lawyerToken: string;
  let caseId: number;

  beforeAll(async () => {
    t = await startTestApp();
    token = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, 'researcher')).id, 't')).token;
    lawyerToken = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, 'lawyer')).id, 't')).token;
    caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2024-0100', title: 'Bundle case', status: 'open', restricted: false })).id;
  });
  afterAll(async () => {
    await evidenceJobsIdle(t.ds);
    await t.close();
  });

  it('leaves no row and no file when the client disconnects mid-upload', async () => {
    const server = await listen(t.app);
    try {
      const req = startPartialUpload(server.url, token, caseId, 4_000_000, 1_000_000);
      await until(() => filesUnder(path.join(t.dir, 'tmp')).some((f) => fs.statSync(f).size > 0), 'the upload to reach tmp/');
      req.destroy();
      await until(() => filesUnder(path.join(t.dir, 'tmp')).length === 0, 'tmp/ to be cleaned');
      expect(filesUnder(path.join(t.dir, 'objects'))).toEqual([]);
      expect(await t.ds.getRepository(EvidenceItem).count()).toBe(0);
      expect(await t.ds.getRepository(EvidenceFile).count()).toBe(0);
      expect(await t.ds.getRepository(StoredObject).count()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('completes concurrent uploads (8 × 2 MB) with every hash right', async () => {
    const files = Array.from({ length: 8 }, () => crypto.randomBytes(2 * 1024 * 1024));
    const results = await Promise.all(
      files.map((bytes, i) => request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${token}`).field('type', 'other').field('title', `Concurrent ${i}`).field('keepAsOther', 'true').attach('files', bytes, `c${i}.bin`)),
    );
    // Researchers may not keep other binaries: the refusal must be clean for every one of them.
    expect(results.map((r) => r.status)).toEqual(files.map(() => 403));
    const accepted = await Promise.all(
      files.map((bytes, i) => request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${lawyerToken}`).field('type', 'other').field('title', `Concurrent ${i}`).field('keepAsOther', 'true').attach('files', bytes, `c${i}.bin`)),
    );
    expect(accepted.map((r) => r.status)).toEqual(files.map(() => 201));
    expect(accepted.map((r) => r.body.data.files[0].sha256)).toEqual(files.map(sha));
    expect(filesUnder(path.join(t.dir, 'tmp'))).toEqual([]);
  });

  it('streams a bundle of a case with 100 files whose manifest hashes all verify against the ZIP', async () => {
    for (let batch = 0; batch < 4; batch++) {
      let req = request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${token}`).field('type', 'court_document').field('title', `Court file part ${batch + 1}`).field('receivedFrom', 'court clerk').field('receivedHow', 'court_file');
      for (let i = 0; i < 25; i++) req = req.attach('files', Buffer.from(`Page ${batch * 25 + i + 1} of the court file.\n${crypto.randomBytes(8).toString('hex')}\n`), `page-${batch * 25 + i + 1}.txt`);
      await req.expect(201);
    }
    await evidenceJobsIdle(t.ds);
    const res = await request(t.app)
      .get(`/api/v1/cases/${caseId}/evidence/bundle`)
      .set('Authorization', `Bearer ${lawyerToken}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="evidence-RU-2024-0100-/);
    const entries = await unzip(res.body as Buffer);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    const files = manifest.items.flatMap((i: { files: unknown[] }) => i.files) as { path: string; sha256: string; size: number; verifiedAtExport: boolean }[];
    expect(files.length).toBe(108);
    for (const f of files) {
      const bytes = entries.get(f.path);
      expect(bytes).toBeDefined();
      expect(sha(bytes!)).toBe(f.sha256);
      expect(bytes!.length).toBe(f.size);
      expect(f.verifiedAtExport).toBe(true);
    }
    const sums = entries.get('SHA256SUMS')!.toString('utf8').trim().split('\n');
    expect(sums).toHaveLength(108);
    for (const line of sums) {
      const [hash, name] = line.split('  ');
      expect(sha(entries.get(name!)!)).toBe(hash);
    }
    const court = manifest.items.find((i: { title: string }) => i.title === 'Court file part 1');
    expect(court.provenance).toMatchObject({ receivedFrom: 'court clerk', receivedHow: 'court_file' });
    expect(court.custody.map((c: { action: string }) => c.action)).toEqual(expect.arrayContaining(['evidence.received', 'evidence.stored', 'evidence.exported']));
    const html = entries.get('manifest.html')!.toString('utf8');
    expect(html).toContain(files[0]!.sha256);
    expect(html).toContain('Chain of custody');
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'evidence.exported' })).toBe(manifest.items.length);

    // A selection, and a selection naming an item of no one's (422).
    const ids = manifest.items.slice(0, 2).map((i: { id: number }) => i.id);
    const some = await request(t.app).get(`/api/v1/cases/${caseId}/evidence/bundle?items=${ids.join(',')}`).set('Authorization', `Bearer ${lawyerToken}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(JSON.parse((await unzip(some.body as Buffer)).get('manifest.json')!.toString('utf8')).items.map((i: { id: number }) => i.id)).toEqual(ids);
    await request(t.app).get(`/api/v1/cases/${caseId}/evidence/bundle?items=999999`).set('Authorization', `Bearer ${lawyerToken}`).expect(422);
  });
});

describe('the built server and command line', () => {
  beforeAll(() => {
    // The child processes run the compiled code, as in production (built once, never under another test's feet).
    ensureBuilt();
    expect(fs.existsSync(path.join(ROOT, 'dist/src/server.js'))).toBe(true);
  }, 180_000);

  it('a server killed mid-upload leaves no row and no orphan file after restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-kill-'));
    const ds = await openDatabase({ databasePath: path.join(dir, 'casebook.sqlite') });
    const user = await createUser(ds, CLI_ACTOR, { email: 'r@example.org', name: 'R', role: 'researcher', password: 'correct horse battery staple' });
    const { token } = await createApiToken(ds, CLI_ACTOR, user.id, 'kill');
    const caseId = (await ds.getRepository(CaseRecord).save({ code: 'RU-2024-0200', title: 'Kill', status: 'open', restricted: false })).id;
    await ds.destroy();
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const start = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/server.js')], { env: { PATH: process.env.PATH ?? '', CASEBOOK_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent' }, stdio: 'ignore' });
      await until(
        () => new Promise<boolean>((resolve) => {
          http.get(`http://127.0.0.1:${port}/healthz`, (r) => { r.resume(); resolve(r.statusCode === 200); }).on('error', () => resolve(false));
        }),
        'the server to start',
        30_000,
      );
      return child;
    };
    let server = await start();
    try {
      const req = startPartialUpload(`http://127.0.0.1:${port}`, token, caseId, 20_000_000, 3_000_000);
      await until(() => filesUnder(path.join(dir, 'tmp')).some((f) => fs.statSync(f).size > 0), 'the upload to reach tmp/');
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      req.destroy();
      expect(filesUnder(path.join(dir, 'tmp')).length).toBeGreaterThan(0);
      // As if killed between placing an object and committing its rows.
      const orphan = crypto.randomBytes(32).toString('hex');
      fs.mkdirSync(path.join(dir, 'objects', orphan.slice(0, 2), orphan.slice(2, 4)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'objects', orphan.slice(0, 2), orphan.slice(2, 4), orphan), 'half-committed', { mode: 0o444 });

      server = await start();
      expect(filesUnder(path.join(dir, 'tmp'))).toEqual([]);
      expect(filesUnder(path.join(dir, 'objects'))).toEqual([]);
      const check = await openDatabase({ databasePath: path.join(dir, 'casebook.sqlite') });
      try {
        expect(await check.getRepository(EvidenceItem).count()).toBe(0);
        expect(await check.getRepository(EvidenceFile).count()).toBe(0);
        expect(await check.getRepository(StoredObject).count()).toBe(0);
      } finally {
        await check.destroy();
      }
    } finally {
      server.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('`casebook evidence verify` detects a modified and a missing original (exit 1)', async () => {
    const t = await startTestApp();
    try {
      const token = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, 'researcher')).id, 't')).token;
      const caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2024-0300', title: 'Verify', status: 'open', restricted: false })).id;
      const a = Buffer.from('first original\n');
      const b = Buffer.from('second original\n');
      const res = await request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${token}`).field('type', 'court_document').field('title', 'Two').attach('files', a, 'a.txt').attach('files', b, 'b.txt').expect(201);
      await evidenceJobsIdle(t.ds);
      expect(runCli(t.dir, ['evidence', 'verify', '--help']).stdout).toContain('re-hash every stored original');
      const ok = runCli(t.dir, ['evidence', 'verify']);
      expect(ok.stdout).toContain('Evidence intact: 2 stored originals re-hashed, all match.');
      expect(ok.status).toBe(0);
      const objectPath = (h: string) => path.join(t.dir, 'objects', h.slice(0, 2), h.slice(2, 4), h);
      fs.chmodSync(objectPath(sha(a)), 0o644);
      fs.appendFileSync(objectPath(sha(a)), 'tampered');
      fs.rmSync(objectPath(sha(b)));
      const bad = runCli(t.dir, ['evidence', 'verify']);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(`MISMATCH ${sha(a)}`);
      expect(bad.stdout).toContain(`MISSING  ${sha(b)}`);
      expect(bad.stdout).toContain(`item ${res.body.data.id}`);
      expect(bad.stderr).toContain('2 of 2 stored originals failed verification (1 mismatched, 1 missing)');
    } finally {
      await t.close();
    }
  });
});
