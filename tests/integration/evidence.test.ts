import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import request from 'supertest';
import sharp from 'sharp';
import ExifReader from 'exifreader';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR, verifyAudit } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { CaseRecord } from '../../src/cases/case.entity';
import { CaseMember } from '../../src/cases/case-member.entity';
import { Allegation } from '../../src/allegations/allegation.entity';
import { AllegationMethod } from '../../src/allegations/allegation-method.entity';
import { CaseEvent } from '../../src/events/event.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { EvidenceItem } from '../../src/evidence/evidence-item.entity';
import { StoredObject } from '../../src/evidence/stored-object.entity';
import { IntegrityAlert } from '../../src/evidence/integrity-alert.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { readPhotoMetadata } from '../../src/media';
import { HTML_PAGE, SVG_WITH_SCRIPT, corpusPhotos, photo, pngDeclaring } from '../unit/media-fixtures';
import { User } from '../../src/users/user.entity';

const ROLES = ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const;
type Role = (typeof ROLES)[number];

let t: TestApp;
const users = {} as Record<Role, User>;
const tokens = {} as Record<Role, string>;
let caseId: number;
let restrictedCaseId: number;
let otherCaseId: number;

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const auth = (role: Role) => ({ Authorization: `Bearer ${tokens[role]}` });
const api = (role: Role, method: 'get' | 'post' | 'patch', p: string) => request(t.app)[method](`/api/v1${p}`).set(auth(role));

/** Multipart upload over the API; `files` are [name, bytes]. */
function upload(role: Role, target: number, fields: Record<string, string | string[]>, files: [string, Buffer][]) {
  let req = api(role, 'post', `/cases/${target}/evidence`);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) req = req.field(k, one);
  for (const [name, bytes] of files) req = req.attach('files', bytes, name);
  return req;
}

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
const getBytes = (req: request.Test) => req.buffer(true).parse(binary as never);

async function newCase(title: string, restricted = false): Promise<number> {
  const c = await t.ds.getRepository(CaseRecord).save({ code: `RU-2024-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, title, status: 'open', restricted, createdById: users.admin.id });
  return c.id;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) {
    users[role] = await makeUser(t.ds, role);
    tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, users[role].id, 't')).token;
  }
  caseId = await newCase('Kudaev: injuries in custody');
  restrictedCaseId = await newCase('Restricted', true);
  otherCaseId = await newCase('Another case');
  await t.ds.getRepository(CaseMember).insert({ caseId: restrictedCaseId, userId: users.researcher.id });
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});


const pageUpload = (agent: ReturnType<typeof request.agent>, csrf: string, target: number, fields: Record<string, string | string[]>, files: [string, Buffer][]) => {
  let req = agent.post(`/cases/${target}/evidence?_csrf=${encodeURIComponent(csrf)}`);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) req = req.field(k, one);
  for (const [name, bytes] of files) req = req.attach('files', bytes, name);
  return req;
};

async function itemOf(role: Role, id: number, target = caseId) {
  return (await api(role, 'get', `/cases/${target}/evidence/${id}`).expect(200)).body.data;
}

async function expectNoMetadata(bytes: Buffer): Promise<void> {
  const info = await sharp(bytes).metadata();
  expect(info.exif).toBeUndefined();
  expect(info.xmp).toBeUndefined();
  expect(info.iptc).toBeUndefined();
  expect(info.orientation).toBeUndefined();
  let tags: ExifReader.ExpandedTags = {};
  try {
    tags = ExifReader.load(bytes, { expanded: true });
  } catch (err) {
    expect((err as Error).name).toBe('MetadataMissingError');
  }
  expect(tags.gps).toBeUndefined();
  expect(tags.exif).toBeUndefined();
  expect((await readPhotoMetadata(bytes)).gps).toBeNull();
  expect(bytes.includes(Buffer.from('GPS'))).toBe(false);
}

function listTmp(): string[] {
  return fs.readdirSync(path.join(t.dir, 'tmp'));
}
function countObjects(): number {
  const root = path.join(t.dir, 'objects');
  let n = 0;
  for (const a of fs.readdirSync(root)) for (const b of fs.readdirSync(path.join(root, a))) n += fs.readdirSync(path.join(root, a, b)).length;
  return n;
}

describe('every photo of the corpus, uploaded through the page', () => {
  const uploaded = new Map<string, { itemId: number; bytes: Buffer }>();

  beforeAll(async () => {
    const { agent, csrf } = await signIn(t.app, users.researcher.email);
    for (const name of corpusPhotos()) {
      const bytes = fs.readFileSync(photo(name));
      const res = await pageUpload(agent, csrf, caseId, { type: 'photo', title: `Photo ${name}`, 'contentDate[precision]': 'year', 'contentDate[value]': '2008', receivedFrom: 'the family', receivedHow: 'messenger' }, [[name, bytes]]);
      expect([name, res.status]).toEqual([name, 303]);
      uploaded.set(name, { itemId: Number(/evidence\/(\d+)$/.exec(res.headers.location)![1]), bytes });
    }
    await evidenceJobsIdle(t.ds);
  });

  it('keeps every original byte-identical (downloaded and compared by SHA-256), as an attachment with a sanitised name', async () => {
    for (const [name, { itemId, bytes }] of uploaded) {
      const item = await itemOf('lawyer', itemId);
      expect(item.files[0].sha256).toBe(sha(bytes));
      const res = await getBytes(api('lawyer', 'get', `/cases/${caseId}/evidence/${itemId}/files/${item.files[0].id}/original`)).expect(200);
      expect(sha(res.body)).toBe(sha(bytes));
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    }
    const object = path.join(t.dir, 'objects', sha(uploaded.get('Canon_40D.jpg')!.bytes).slice(0, 2));
    const stored = path.join(object, sha(uploaded.get('Canon_40D.jpg')!.bytes).slice(2, 4), sha(uploaded.get('Canon_40D.jpg')!.bytes));
    expect(fs.statSync(stored).mode & 0o777).toBe(0o444);
  });

  it('makes upright previews and thumbnails without EXIF, XMP or GPS (read back over HTTP)', async () => {
    for (const [name, { itemId }] of uploaded) {
      if (name === 'corrupted.jpg') continue;
      const file = (await itemOf('researcher', itemId)).files[0];
      expect([name, file.preview.state]).toEqual([name, 'ready']);
      for (const kind of ['preview', 'thumbnail']) {
        const res = await getBytes(api('researcher', 'get', `/cases/${caseId}/evidence/${itemId}/files/${file.id}/${kind}`)).expect(200);
        expect(res.headers['content-type']).toBe('image/jpeg');
        expect(res.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
        await expectNoMetadata(res.body);
        const meta = await sharp(res.body).metadata();
        if (name.startsWith('orientation-landscape')) expect(meta.width).toBeGreaterThan(meta.height);
        if (name.startsWith('orientation-portrait')) expect(meta.height).toBeGreaterThan(meta.width);
      }
    }
  });

  it('keeps corrupted.jpg as evidence, marked "no preview"', async () => {
    const { itemId, bytes } = uploaded.get('corrupted.jpg')!;
    const file = (await itemOf('researcher', itemId)).files[0];
    expect(file.preview.state).toBe('none');
    expect(file.preview.note).toMatch(/^no preview/);
    expect(file.sha256).toBe(sha(bytes));
    const { agent } = await signIn(t.app, users.lawyer.email);
    const page = await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200);
    expect(page.text).toContain('no preview');
    await api('researcher', 'get', `/cases/${caseId}/evidence/${itemId}/files/${file.id}/preview`).expect(404);
  });

  it('stores the GPS of gps-*.jpg and shows it only to admins, lawyers and researchers, on pages and in the API', async () => {
    const gpsNames = [...uploaded.keys()].filter((n) => n.startsWith('gps-'));
    expect(gpsNames.length).toBeGreaterThan(0);
    for (const name of gpsNames) {
      const { itemId } = uploaded.get(name)!;
      const row = await t.ds.getRepository(EvidenceFile).findOneByOrFail({ itemId });
      expect(row.gpsLatitude).toEqual(expect.any(Number));
      expect(row.gpsLongitude).toEqual(expect.any(Number));
      expect(JSON.stringify(row.metadata)).not.toContain(String(row.gpsLatitude));
      const lat = row.gpsLatitude!.toFixed(6);
      for (const role of ROLES) {
        const cleared = role === 'admin' || role === 'lawyer' || role === 'researcher';
        const item = await itemOf(role, itemId);
        const list = (await api(role, 'get', `/cases/${caseId}/evidence`).expect(200)).body.data.find((i: { id: number }) => i.id === itemId);
        const { agent } = await signIn(t.app, users[role].email);
        const page = await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200);
        if (cleared) {
          expect(item.files[0].gps).toEqual({ latitude: row.gpsLatitude, longitude: row.gpsLongitude, altitude: row.gpsAltitude });
          expect(page.text).toContain('GPS position');
          expect(page.text).toContain(lat);
        } else {
          expect(item.files[0]).not.toHaveProperty('gps');
          expect(list.files[0]).not.toHaveProperty('gps');
          expect(JSON.stringify(item)).not.toContain(String(row.gpsLatitude));
          expect(page.text).not.toContain('GPS position');
          expect(page.text).not.toContain(lat);
        }
      }
    }
  });

  it('shows thumbnails and counts in the case page section, and records views and downloads in the custody log', async () => {
    const { agent } = await signIn(t.app, users.viewer.email);
    const page = await agent.get(`/cases/${caseId}`).expect(200);
    expect(page.text).toContain('id="evidence"');
    expect(page.text).toMatch(/\/files\/\d+\/thumbnail/);
    expect(page.text).toMatch(/Photo \(\d+\)/);
    const { itemId } = uploaded.get('Canon_40D.jpg')!;
    await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200);
    const actions = (await t.ds.getRepository(AuditEntry).findBy({ recordType: 'evidence_item', recordId: String(itemId) })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['evidence_item.create', 'evidence.received', 'evidence.stored', 'evidence.viewed', 'evidence.downloaded']));
    expect(actions.indexOf('evidence.received')).toBeLessThan(actions.indexOf('evidence.stored'));
    const stored = await t.ds.getRepository(AuditEntry).findOneByOrFail({ recordType: 'evidence_item', recordId: String(itemId), action: 'evidence.stored' });
    expect(JSON.parse(stored.detail).sha256).toBe(sha(uploaded.get('Canon_40D.jpg')!.bytes));
  });
});

describe('hostile files', () => {
  it('accepts an image declaring 100,000 × 100,000 pixels but makes no preview of it', async () => {
    const res = await upload('researcher', caseId, { type: 'photo', title: 'Huge' }, [['huge.png', pngDeclaring(100_000, 100_000)]]).expect(201);
    await evidenceJobsIdle(t.ds);
    const file = (await itemOf('researcher', res.body.data.id)).files[0];
    expect(file.preview.state).toBe('none');
    expect(file.preview.note).toMatch(/100000 × 100000 pixels/);
  });

  it('refuses HTML renamed .jpg and an SVG with a script, naming the detected type', async () => {
    const html = await upload('researcher', caseId, { type: 'photo', title: 'Not a photo' }, [['photo.jpg', Buffer.from(HTML_PAGE)]]);
    expect(html.status).toBe(415);
    expect(html.body.error.fields.files).toContain('HTML document (text/html)');
    const svg = await upload('researcher', caseId, { type: 'photo', title: 'Drawing' }, [['drawing.svg', Buffer.from(SVG_WITH_SCRIPT)]]);
    expect(svg.status).toBe(415);
    expect(svg.body.error.fields.files).toContain('SVG drawing');
    const { agent, csrf } = await signIn(t.app, users.researcher.email);
    const page = await pageUpload(agent, csrf, caseId, { type: 'photo', title: 'Not a photo' }, [['photo.jpg', Buffer.from(HTML_PAGE)]]);
    expect(page.status).toBe(415);
    expect(page.text).toContain('HTML document (text/html)');
    expect(page.text).not.toContain('<script>alert');
    expect(listTmp()).toEqual([]);
  });

  it('lets a lawyer keep such a file as "other binary", which is never served inline; researchers may not', async () => {
    await upload('researcher', caseId, { type: 'photo', title: 'Keep', keepAsOther: 'on' }, [['photo.jpg', Buffer.from(HTML_PAGE)]]).expect(403);
    const res = await upload('lawyer', caseId, { type: 'photo', title: 'Kept HTML', keepAsOther: 'on' }, [['photo.jpg', Buffer.from(HTML_PAGE)], ['drawing.svg', Buffer.from(SVG_WITH_SCRIPT)]]).expect(201);
    const files = res.body.data.files;
    expect(files.map((f: { keptAsOther: boolean; category: string }) => [f.keptAsOther, f.category])).toEqual([[true, 'other'], [true, 'other']]);
    for (const f of files) {
      await api('lawyer', 'get', `/cases/${caseId}/evidence/${res.body.data.id}/files/${f.id}/view`).expect(403);
      const { agent } = await signIn(t.app, users.lawyer.email);
      const dl = await agent.get(`/cases/${caseId}/evidence/${res.body.data.id}/files/${f.id}/original`).expect(200);
      expect(dl.headers['content-type']).toBe('application/octet-stream');
      expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
      expect(dl.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    }
  });

  it('strips the path from a file named ../../etc/passwd and checks its content, not its name', async () => {
    const text = Buffer.from('root:x:0:0:root:/root:/bin/bash\n');
    const refused = await upload('researcher', caseId, { type: 'photo', title: 'passwd' }, [['../../etc/passwd', text]]);
    expect(refused.status).toBe(415);
    expect(refused.body.error.fields.files).toContain('plain text');
    const res = await upload('researcher', caseId, { type: 'court_document', title: 'passwd' }, [['../../etc/passwd', text]]).expect(201);
    expect(res.body.data.files[0].name).toBe('passwd');
    expect(fs.existsSync(path.join(t.dir, 'etc'))).toBe(false);
    const view = await api('researcher', 'get', `/cases/${caseId}/evidence/${res.body.data.id}/files/${res.body.data.files[0].id}/view`).expect(200);
    expect(view.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(view.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
  });

  it('answers a truncated multipart body with a clear 400 and leaves nothing behind', async () => {
    const before = { objects: countObjects(), items: await t.ds.getRepository(EvidenceItem).count() };
    const boundary = 'XyZboundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nphoto\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nCut\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cut.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      fs.readFileSync(photo('Canon_40D.jpg')).subarray(0, 3000),
    ]);
    const res = await request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set(auth('researcher')).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/incomplete or malformed/);
    await new Promise((r) => setTimeout(r, 100));
    expect(listTmp()).toEqual([]);
    expect(countObjects()).toBe(before.objects);
    expect(await t.ds.getRepository(EvidenceItem).count()).toBe(before.items);
  });

  it('refuses a file over the size limit with 413, and a request that is not multipart with 400', async () => {
    const small = await startTestApp({ UPLOAD_MAX_FILE_BYTES: '1000' });
    try {
      const u = await makeUser(small.ds, 'researcher');
      const token = (await createApiToken(small.ds, CLI_ACTOR, u.id, 't')).token;
      const c = await small.ds.getRepository(CaseRecord).save({ code: 'RU-2024-0001', title: 'x', status: 'open', restricted: false });
      const res = await request(small.app).post(`/api/v1/cases/${c.id}/evidence`).set('Authorization', `Bearer ${token}`).field('type', 'photo').field('title', 'Big').attach('files', fs.readFileSync(photo('Canon_40D.jpg')), 'big.jpg');
      expect(res.status).toBe(413);
      expect(res.body.error.message).toContain('1000 bytes');
      expect(fs.readdirSync(path.join(small.dir, 'tmp'))).toEqual([]);
      await request(small.app).post(`/api/v1/cases/${c.id}/evidence`).set('Authorization', `Bearer ${token}`).send({ type: 'photo', title: 'json' }).expect(400);
    } finally {
      await small.close();
    }
  });
});

describe('who may do what', () => {
  const photoBytes = () => fs.readFileSync(photo('Canon_40D.jpg'));

  it('researchers, lawyers and admins upload; analysts and viewers get 403 over the API and the page', async () => {
    for (const role of ['researcher', 'lawyer', 'admin'] as const) {
      await upload(role, caseId, { type: 'photo', title: `By ${role}` }, [['a.jpg', photoBytes()]]).expect(201);
    }
    for (const role of ['analyst', 'viewer'] as const) {
      const res = await upload(role, caseId, { type: 'photo', title: 'No' }, [['a.jpg', photoBytes()]]);
      expect(res.status).toBe(403);
      const { agent, csrf } = await signIn(t.app, users[role].email);
      expect((await pageUpload(agent, csrf, caseId, { type: 'photo', title: 'No' }, [['a.jpg', photoBytes()]])).status).toBe(403);
      await agent.get(`/cases/${caseId}/evidence/new`).expect(403);
      const list = await agent.get(`/cases/${caseId}/evidence`).expect(200);
      expect(list.text).not.toContain('/evidence/new');
    }
    expect(listTmp()).toEqual([]);
  });

  it('refuses an upload without the CSRF token from a browser session', async () => {
    const { agent } = await signIn(t.app, users.researcher.email);
    const res = await agent.post(`/cases/${caseId}/evidence`).field('type', 'photo').field('title', 'x').attach('files', photoBytes(), 'a.jpg');
    expect(res.status).toBe(403);
  });

  it('hides a restricted case’s evidence (404) from non-members, files and thumbnails included', async () => {
    const res = await upload('researcher', restrictedCaseId, { type: 'photo', title: 'Secret photo' }, [['a.jpg', photoBytes()]]).expect(201);
    await evidenceJobsIdle(t.ds);
    const fileId = res.body.data.files[0].id;
    for (const role of ['lawyer', 'analyst', 'viewer'] as const) {
      await api(role, 'get', `/cases/${restrictedCaseId}/evidence`).expect(404);
      await api(role, 'get', `/cases/${restrictedCaseId}/evidence/${res.body.data.id}`).expect(404);
      for (const kind of ['original', 'view', 'preview', 'thumbnail']) await api(role, 'get', `/cases/${restrictedCaseId}/evidence/${res.body.data.id}/files/${fileId}/${kind}`).expect(404);
      await upload(role, restrictedCaseId, { type: 'photo', title: 'x' }, [['a.jpg', photoBytes()]]).expect(404);
    }
    await api('admin', 'get', `/cases/${restrictedCaseId}/evidence/${res.body.data.id}`).expect(200);
    // The item is not reachable through another case's URL either.
    await api('researcher', 'get', `/cases/${caseId}/evidence/${res.body.data.id}`).expect(404);
    await api('researcher', 'get', `/cases/${caseId}/evidence/${res.body.data.id}/files/${fileId}/original`).expect(404);
  });

  it('keeps privileged items and annotations for lawyers and admins; researchers cannot mark an item privileged', async () => {
    const refused = await upload('researcher', caseId, { type: 'statement_document', title: 'x', confidentiality: 'privileged' }, [['a.jpg', photoBytes()]]);
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.confidentiality).toMatch(/lawyers and admins/);
    const res = await upload('lawyer', caseId, { type: 'statement_document', title: 'Client notes', confidentiality: 'privileged' }, [['notes.jpg', photoBytes()]]).expect(201);
    const id = res.body.data.id;
    for (const role of ['researcher', 'analyst', 'viewer'] as const) {
      await api(role, 'get', `/cases/${caseId}/evidence/${id}`).expect(404);
      const list = await api(role, 'get', `/cases/${caseId}/evidence`).expect(200);
      expect(list.body.data.map((i: { id: number }) => i.id)).not.toContain(id);
      const { agent } = await signIn(t.app, users[role].email);
      expect((await agent.get(`/cases/${caseId}`).expect(200)).text).not.toContain('Client notes');
    }
    await api('admin', 'get', `/cases/${caseId}/evidence/${id}`).expect(200);

    // Annotations on an ordinary item: lawyers and admins only.
    const normal = await upload('researcher', caseId, { type: 'photo', title: 'Annotated' }, [['b.jpg', photoBytes()]]).expect(201);
    const lawyer = await signIn(t.app, users.lawyer.email);
    await lawyer.agent.post(`/cases/${caseId}/evidence/${normal.body.data.id}/annotations`).type('form').send({ _csrf: lawyer.csrf, body: 'Strategy: <b>challenge</b> the forensic report' }).expect(303);
    const lawyerPage = await lawyer.agent.get(`/cases/${caseId}/evidence/${normal.body.data.id}`).expect(200);
    expect(lawyerPage.text).toContain('Strategy: &lt;b&gt;challenge&lt;/b&gt;');
    expect((await itemOf('admin', normal.body.data.id)).annotations).toHaveLength(1);
    for (const role of ['researcher', 'analyst', 'viewer'] as const) {
      expect((await itemOf(role, normal.body.data.id)).annotations).toBeNull();
      const { agent, csrf } = await signIn(t.app, users[role].email);
      const page = await agent.get(`/cases/${caseId}/evidence/${normal.body.data.id}`).expect(200);
      expect(page.text).not.toContain('Strategy');
      expect(page.text).not.toContain('Privileged annotations');
      await agent.post(`/cases/${caseId}/evidence/${normal.body.data.id}/annotations`).type('form').send({ _csrf: csrf, body: 'x' }).expect(403);
    }
    const custody = await t.ds.getRepository(AuditEntry).findBy({ recordType: 'evidence_item', recordId: String(normal.body.data.id) });
    expect(JSON.stringify(custody)).not.toContain('Strategy');
  });

  it('shows sensitive items to every reader but their files only to admins, lawyers and researchers', async () => {
    const res = await upload('researcher', caseId, { type: 'photo', title: 'Injuries', confidentiality: 'sensitive' }, [['c.jpg', photoBytes()]]).expect(201);
    const id = res.body.data.id;
    const fileId = res.body.data.files[0].id;
    for (const role of ['analyst', 'viewer'] as const) {
      const item = await itemOf(role, id);
      expect(item.files).toEqual([]);
      expect(item.fileCount).toBe(1);
      await api(role, 'get', `/cases/${caseId}/evidence/${id}/files/${fileId}/original`).expect(403);
      await api(role, 'get', `/cases/${caseId}/evidence/${id}/files/${fileId}/thumbnail`).expect(403);
    }
    for (const role of ['researcher', 'lawyer', 'admin'] as const) expect((await itemOf(role, id)).files).toHaveLength(1);
  });

  it('lets analysts and viewers read and download ordinary evidence, but not edit, link, record custody or export', async () => {
    const res = await upload('researcher', caseId, { type: 'photo', title: 'Readable' }, [['d.jpg', photoBytes()]]).expect(201);
    const id = res.body.data.id;
    // Until its metadata has been read, a photo's original might record a GPS position: wait for it.
    await evidenceJobsIdle(t.ds);
    for (const role of ['analyst', 'viewer'] as const) {
      await getBytes(api(role, 'get', `/cases/${caseId}/evidence/${id}/files/${res.body.data.files[0].id}/original`)).expect(200);
      await api(role, 'patch', `/cases/${caseId}/evidence/${id}`).send({ title: 'x' }).expect(403);
      await api(role, 'get', `/cases/${caseId}/evidence/bundle?items=${id}`).expect(403);
      const { agent, csrf } = await signIn(t.app, users[role].email);
      await agent.post(`/cases/${caseId}/evidence/${id}/custody`).type('form').send({ _csrf: csrf, action: 'disposed' }).expect(403);
      await agent.post(`/cases/${caseId}/evidence/${id}/links`).type('form').send({ _csrf: csrf, target: 'event:1' }).expect(403);
      await agent.get(`/cases/${caseId}/evidence/${id}/edit`).expect(403);
      await agent.get('/admin/integrity').expect(403);
    }
  });
});

describe('descriptions, links, custody, medical evaluations', () => {
  it('stores hostile text exactly and shows it escaped; refuses bad dates, terms and over-long text with 422', async () => {
    const blns: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../shared/corpora/strings/blns.json'), 'utf8'));
    const strings = blns.filter((s) => s.trim() !== '' && [...s].length <= 500).slice(0, 400);
    const res = await upload('researcher', caseId, { type: 'photo', title: 'blns' }, [['e.jpg', fs.readFileSync(photo('Canon_40D.jpg'))]]).expect(201);
    const id = res.body.data.id;
    for (const s of strings.filter((_, i) => i % 8 === 0)) {
      const patched = await api('researcher', 'patch', `/cases/${caseId}/evidence/${id}`).send({ title: s, description: s, receivedFrom: [...s].slice(0, 300).join('') });
      expect([s, patched.status]).toEqual([s, 200]);
      expect(patched.body.data.title).toBe(s);
      expect(patched.body.data.description).toBe(s);
    }
    await api('researcher', 'patch', `/cases/${caseId}/evidence/${id}`).send({ title: '<script>alert(1)</script>' }).expect(200);
    const { agent } = await signIn(t.app, users.viewer.email);
    const page = await agent.get(`/cases/${caseId}/evidence/${id}`).expect(200);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');

    const bad = await api('researcher', 'patch', `/cases/${caseId}/evidence/${id}`).send({ title: 'x'.repeat(501), type: 'selfie', receivedHow: 'pigeon', contentDate: { precision: 'range', start: '2010', end: '2005' }, receivedDate: { precision: 'day', value: '1850-01-01' } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['contentDate.end', 'receivedDate.value', 'receivedHow', 'title', 'type']);
    const missing = await upload('researcher', caseId, { type: 'photo' }, [['e.jpg', fs.readFileSync(photo('Canon_40D.jpg'))]]);
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields.title).toBe('Give a title.');
    const noFile = await upload('researcher', caseId, { type: 'photo', title: 'no file' }, []);
    expect(noFile.status).toBe(422);
    expect(noFile.body.error.fields.files).toMatch(/at least one file/);
  });

  it('links items to records of the same case only, filters by link and by type', async () => {
    const allegation = await t.ds.getRepository(Allegation).save({ caseId, summary: 'Beaten to force a confession', status: 'reported', victimPersonId: null });
    const foreign = await t.ds.getRepository(Allegation).save({ caseId: otherCaseId, summary: 'Elsewhere', status: 'reported', victimPersonId: null });
    const event = await t.ds.getRepository(CaseEvent).save({ caseId, type: 'arrest', title: 'Arrest', date: { precision: 'day', start: '2005-10-23', end: '2005-10-23' } });
    const person = await insertPerson(t.ds, 'Rasul Kudaev');
    await insertParticipant(t.ds, caseId, person.id);
    const stranger = await insertPerson(t.ds, 'Not in the case');
    const bytes = fs.readFileSync(photo('mobile-jolla.jpg'));
    const wrong = await upload('researcher', caseId, { type: 'photo', title: 'x', allegationIds: String(foreign.id), personIds: String(stranger.id) }, [['j.jpg', bytes]]);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toEqual({ allegationIds: 'Give an allegation of this case (a known id or code).', personIds: 'Give a person of this case (a known id or code).' });
    const res = await upload('researcher', caseId, { type: 'photo', title: 'Bruises', allegationIds: String(allegation.id), eventIds: String(event.id), personIds: String(person.id) }, [['j.jpg', bytes]]).expect(201);
    expect(res.body.data.links.map((l: { kind: string }) => l.kind).sort()).toEqual(['allegation', 'event', 'person']);
    const filtered = await api('viewer', 'get', `/cases/${caseId}/evidence?link=allegation:${allegation.id}`).expect(200);
    expect(filtered.body.data.map((i: { id: number }) => i.id)).toEqual([res.body.data.id]);
    const byType = await api('viewer', 'get', `/cases/${caseId}/evidence?type=court_document`).expect(200);
    expect(byType.body.data.every((i: { type: string }) => i.type === 'court_document')).toBe(true);
    const { agent, csrf } = await signIn(t.app, users.researcher.email);
    await agent.post(`/cases/${caseId}/evidence/${res.body.data.id}/links`).type('form').send({ _csrf: csrf, target: `allegation:${foreign.id}` }).expect(303);
    expect((await itemOf('researcher', res.body.data.id)).links).toHaveLength(3);
  });

  it('records transfers, the paper original’s location and disposal in the custody log, inside the audit chain', async () => {
    const res = await upload('researcher', caseId, { type: 'medical_record', title: 'Paper record', receivedFrom: 'Clinic 3', receivedHow: 'in_person' }, [['scan.jpg', fs.readFileSync(photo('Canon_40D.jpg'))]]).expect(201);
    const id = res.body.data.id;
    const { agent, csrf } = await signIn(t.app, users.lawyer.email);
    await agent.post(`/cases/${caseId}/evidence/${id}/custody`).type('form').send({ _csrf: csrf, action: 'transferred', to: 'Court of Nalchik, clerk', note: 'for hearing' }).expect(303);
    await agent.post(`/cases/${caseId}/evidence/${id}/custody`).type('form').send({ _csrf: csrf, action: 'paper_location', location: 'Safe 2, Moscow office' }).expect(303);
    await agent.post(`/cases/${caseId}/evidence/${id}/custody`).type('form').send({ _csrf: csrf, action: 'disposed', note: 'returned to family' }).expect(303);
    const missing = await agent.post(`/cases/${caseId}/evidence/${id}/custody`).type('form').send({ _csrf: csrf, action: 'transferred' });
    expect(missing.status).toBe(303);
    const item = await itemOf('viewer', id);
    expect(item.paperLocation).toBe('Safe 2, Moscow office');
    const actions = item.custody.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['evidence.received', 'evidence.stored', 'evidence.transferred', 'evidence.paper_location', 'evidence.disposed']));
    expect(actions.filter((a: string) => a === 'evidence.transferred')).toHaveLength(1);
    expect(item.custody.find((e: { action: string }) => e.action === 'evidence.transferred').detail.to).toBe('Court of Nalchik, clerk');
    const page = await agent.get(`/cases/${caseId}/evidence/${id}`).expect(200);
    expect(page.text).toContain('Court of Nalchik, clerk');
    expect((await verifyAudit(t.ds)).problem).toBeNull();
  });

  it('records a medical evaluation and shows each grade beside the allegation it concerns on the case page', async () => {
    const allegation = await t.ds.getRepository(Allegation).save({ caseId, summary: 'Electric shocks in the basement', status: 'reported', victimPersonId: null });
    const beaten = await t.ds.getRepository(Allegation).save({ caseId, summary: 'Beaten with truncheons', status: 'reported', victimPersonId: null });
    await t.ds.getRepository(AllegationMethod).insert({ allegationId: beaten.id, code: 'beating' });
    const bad = await api('researcher', 'post', `/cases/${caseId}/medical-evaluations`).send({ examiner: '', examDate: { precision: 'day', value: '2005-13-01' }, policePresent: 'perhaps', findings: [{ bodyLocation: 'back', grade: 'certain' }, { bodyLocation: '', grade: 'typical', method: 'no_such_method' }] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['examiner', 'examDate.value', 'policePresent', 'findings.0.grade', 'findings.1.bodyLocation']));
    const unknownMethod = await api('researcher', 'post', `/cases/${caseId}/medical-evaluations`).send({ examiner: 'Dr A', examDate: { precision: 'month', value: '2005-11' }, findings: [{ bodyLocation: 'feet', grade: 'typical', method: 'no_such_method' }] });
    expect(unknownMethod.status).toBe(422);
    expect(unknownMethod.body.error.fields['findings.0.method']).toMatch(/not a term/);
    await api('viewer', 'post', `/cases/${caseId}/medical-evaluations`).send({ examiner: 'Dr A', examDate: { precision: 'year', value: '2005' } }).expect(403);
    const created = await api('lawyer', 'post', `/cases/${caseId}/medical-evaluations`).send({
      examiner: 'Dr Ivanova, forensic physician',
      examDate: { precision: 'day', value: '2005-11-02' },
      place: 'SIZO-1 Nalchik',
      present: 'two guards',
      policePresent: 'yes',
      restrained: 'no',
      interpreter: 'unknown',
      consent: 'yes',
      restrictions: 'no photographs allowed',
      overallGrade: 'highly_consistent',
      findings: [
        { allegationId: allegation.id, bodyLocation: 'left wrist', description: 'burn marks', grade: 'diagnostic' },
        { method: 'beating', bodyLocation: 'lower back', grade: 'consistent' },
      ],
    }).expect(201);
    expect(created.body.data.findings).toHaveLength(2);
    const { agent } = await signIn(t.app, users.viewer.email);
    const page = await agent.get(`/cases/${caseId}`).expect(200);
    const section = page.text.slice(page.text.indexOf('id="evidence"'));
    expect(section).toMatch(/Electric shocks in the basement<\/strong> — strongest finding: <span class="grade">diagnostic of/);
    expect(section).toMatch(/Beaten with truncheons<\/strong> — strongest finding: <span class="grade">consistent with/);
    expect(section).toContain('overall: <span class="grade">highly consistent with');
    const show = await agent.get(`/cases/${caseId}/medical-evaluations/${created.body.data.id}`).expect(200);
    expect(show.text).toContain('no photographs allowed');
  });
});

describe('serving and integrity', () => {
  it('streams video with HTTP Range requests (206, Content-Range), from disk', async () => {
    const mp4 = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), crypto.randomBytes(200_000)]);
    const res = await upload('researcher', caseId, { type: 'video', title: 'Video' }, [['clip.mp4', mp4]]).expect(201);
    expect(res.body.data.files[0].category).toBe('video');
    const url = `/cases/${caseId}/evidence/${res.body.data.id}/files/${res.body.data.files[0].id}/view`;
    const part = await getBytes(api('lawyer', 'get', url).set('Range', 'bytes=100-199')).expect(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${mp4.length}`);
    expect(part.body.equals(mp4.subarray(100, 200))).toBe(true);
    const tail = await getBytes(api('lawyer', 'get', url).set('Range', 'bytes=-10')).expect(206);
    expect(tail.body.equals(mp4.subarray(mp4.length - 10))).toBe(true);
    await api('lawyer', 'get', url).set('Range', `bytes=${mp4.length}-`).expect(416);
    const whole = await getBytes(api('lawyer', 'get', url)).expect(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-security-policy']).toBe("sandbox; default-src 'none'; media-src 'self'; style-src 'unsafe-inline'");
    expect(sha(whole.body)).toBe(sha(mp4));
  });

  it('stores the same bytes once, linked from both files', async () => {
    const bytes = crypto.randomBytes(5000);
    const a = await upload('researcher', caseId, { type: 'other', title: 'a' }, [['a.bin', bytes]]);
    expect(a.status).toBe(415);
    const b1 = await upload('lawyer', caseId, { type: 'other', title: 'b1', keepAsOther: 'true' }, [['b.bin', bytes]]).expect(201);
    const b2 = await upload('admin', caseId, { type: 'other', title: 'b2', keepAsOther: 'true' }, [['c.bin', bytes], ['d.bin', bytes]]).expect(201);
    expect(await t.ds.getRepository(StoredObject).countBy({ sha256: sha(bytes) })).toBe(1);
    const files = await t.ds.getRepository(EvidenceFile).findBy({ itemId: b2.body.data.id });
    expect(files.map((f) => f.position)).toEqual([1, 2]);
    expect(new Set([...files, ...(await t.ds.getRepository(EvidenceFile).findBy({ itemId: b1.body.data.id }))].map((f) => f.storedObjectId)).size).toBe(1);
  });

  it('blocks the download of a modified original with 409, raises an alert on the admin page, and logs it in the custody', async () => {
    const bytes = fs.readFileSync(photo('orientation-landscape_1.jpg'));
    const res = await upload('researcher', caseId, { type: 'photo', title: 'To be tampered' }, [['t.jpg', Buffer.concat([bytes, Buffer.from('x')])]]).expect(201);
    const file = res.body.data.files[0];
    const stored = path.join(t.dir, 'objects', file.sha256.slice(0, 2), file.sha256.slice(2, 4), file.sha256);
    fs.chmodSync(stored, 0o644);
    fs.writeFileSync(stored, bytes);
    const dl = await api('lawyer', 'get', `/cases/${caseId}/evidence/${res.body.data.id}/files/${file.id}/original`);
    expect(dl.status).toBe(409);
    expect(dl.body.error.message).toMatch(/no longer matches the SHA-256/);
    const alert = await t.ds.getRepository(IntegrityAlert).findOneByOrFail({ expectedSha256: file.sha256 });
    expect(alert).toMatchObject({ kind: 'mismatch', actualSha256: sha(bytes), detectedBy: 'download', resolvedAt: null });
    const { agent, csrf } = await signIn(t.app, users.admin.email);
    const page = await agent.get('/admin/integrity').expect(200);
    expect(page.text).toContain(file.sha256);
    expect(page.text).toContain('hash mismatch');
    expect((await itemOf('admin', res.body.data.id)).custody.map((e: { action: string }) => e.action)).toContain('evidence.integrity_failed');
    await agent.post(`/admin/integrity/${alert.id}/resolve`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get('/admin/integrity').expect(200)).text).not.toContain(file.sha256);
    fs.rmSync(stored);
    const gone = await api('lawyer', 'get', `/cases/${caseId}/evidence/${res.body.data.id}/files/${file.id}/original`);
    expect(gone.status).toBe(409);
    expect(gone.body.error.message).toMatch(/missing/);
  });

  it('describes the evidence routes in the OpenAPI document', async () => {
    const doc = (await api('viewer', 'get', '/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/cases/{caseId}/evidence', '/cases/{caseId}/evidence/{itemId}', '/cases/{caseId}/evidence/{itemId}/files/{fileId}/original', '/cases/{caseId}/evidence/bundle', '/cases/{caseId}/medical-evaluations']));
  });
});
