import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { Role } from '../../src/users/user.entity';

/**
 * Evidence files: the GPS position of a photo reaches only admins, lawyers and researchers — and
 * the original's bytes carry it in their EXIF, so analysts and viewers get the metadata-free
 * preview instead; files are never sniffed, always sandboxed and never cached; custody logs and
 * medical evaluations do not reveal what a reader may not see.
 */
const PHOTOS = '/work/shared/corpora/photos';
const ROLES: Role[] = ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'];
let t: TestApp;
const tokens = {} as Record<Role, string>;
let caseId: number;
const items: Record<string, { item: number; file: number }> = {};

const api = (role: Role, method: 'get' | 'post', p: string) => request(t.app)[method](`/api/v1${p}`).set('Authorization', `Bearer ${tokens[role]}`);
const bytes = (r: request.Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

async function upload(role: Role, fields: Record<string, string>, name: string, body: Buffer) {
  let req = api(role, 'post', `/cases/${caseId}/evidence`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const res = await req.attach('files', body, name);
  if (res.status !== 201) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return { item: res.body.data.id as number, file: res.body.data.files[0].id as number };
}

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, role)).id, 't')).token;
  caseId = (await api('admin', 'post', '/cases').send({ title: 'Photos of injuries', status: 'open' }).expect(201)).body.data.id;
  items.gps = await upload('researcher', { type: 'photo', title: 'Photo with a position' }, 'gps.jpg', fs.readFileSync(path.join(PHOTOS, 'gps-DSCN0010.jpg')));
  items.plain = await upload('researcher', { type: 'photo', title: 'Photo without a position' }, 'plain.jpg', fs.readFileSync(path.join(PHOTOS, 'Canon_40D.jpg')));
  items.html = await upload('lawyer', { type: 'photo', title: 'A web page', keepAsOther: 'on' }, 'page.jpg', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'));
  items.privileged = await upload('lawyer', { type: 'medical_evaluation', title: 'Report for the client', confidentiality: 'privileged' }, 'report.txt', Buffer.from('Findings.\n'));
  await evidenceJobsIdle(t.ds);
  const gpsRow = await t.ds.getRepository(EvidenceFile).findOneByOrFail({ id: items.gps.file });
  if (gpsRow.gpsLatitude === null) throw new Error('the GPS photo has no recorded position');
});
afterAll(() => t.close());

const fileUrl = (k: string, what: string) => `/cases/${caseId}/evidence/${items[k].item}/files/${items[k].file}/${what}`;

describe('evidence files', () => {
  it('never give analysts and viewers the original bytes of a photo that records where it was taken', async () => {
    for (const role of ['analyst', 'viewer'] as Role[]) {
      for (const what of ['original', 'view']) {
        const res = await api(role, 'get', fileUrl('gps', what));
        expect([role, what, res.status]).toEqual([role, what, 403]);
      }
      const item = (await api(role, 'get', `/cases/${caseId}/evidence/${items.gps.item}`).expect(200)).body.data;
      expect([role, item.files[0].urls.original, item.files[0].urls.view]).toEqual([role, null, null]);
      expect(item.files[0].urls.preview).toMatch(/preview$/);
      // The preview and the thumbnail (no metadata) stay available, and so does a photo without a position.
      await bytes(api(role, 'get', fileUrl('gps', 'preview'))).expect(200);
      await bytes(api(role, 'get', fileUrl('gps', 'thumbnail'))).expect(200);
      await bytes(api(role, 'get', fileUrl('plain', 'original'))).expect(200);
    }
    for (const role of ['admin', 'researcher', 'lawyer'] as Role[]) {
      const res = await bytes(api(role, 'get', fileUrl('gps', 'original'))).expect(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    }
  });

  it('serve every file with nosniff, a sandboxing CSP and no-store; originals and other binaries only as attachments', async () => {
    for (const what of ['original', 'view', 'preview', 'thumbnail']) {
      const res = await bytes(api('lawyer', 'get', fileUrl('plain', what))).expect(200);
      expect([what, res.headers['x-content-type-options']]).toEqual([what, 'nosniff']);
      expect([what, res.headers['content-security-policy']]).toEqual([what, expect.stringMatching(/^sandbox; default-src 'none'/)]);
      expect([what, res.headers['cache-control']]).toEqual([what, expect.stringContaining('no-store')]);
      expect([what, res.headers['content-disposition']]).toEqual([what, expect.stringMatching(what === 'original' ? /^attachment;/ : /^inline;/)]);
    }
    await api('lawyer', 'get', fileUrl('html', 'view')).expect(403);
    const html = await bytes(api('lawyer', 'get', fileUrl('html', 'original'))).expect(200);
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('keep IP addresses out of the custody log shown to every reader of the case', async () => {
    for (const role of ROLES) {
      const item = (await api(role, 'get', `/cases/${caseId}/evidence/${items.gps.item}`).expect(200)).body.data;
      expect(item.custody.length).toBeGreaterThan(0);
      for (const entry of item.custody) expect([role, entry]).toEqual([role, expect.not.objectContaining({ ip: expect.anything() })]);
    }
  });

  it('do not reveal a privileged report through the medical evaluation that cites it', async () => {
    await api('lawyer', 'post', `/cases/${caseId}/medical-evaluations`).send({ examiner: 'Dr Examiner', examDate: { precision: 'day', value: '2019-05-03' }, evidenceItemId: items.privileged.item }).expect(201);
    for (const role of ROLES) {
      const list = (await api(role, 'get', `/cases/${caseId}/medical-evaluations`).expect(200)).body.data;
      const seesPrivileged = role === 'admin' || role === 'lawyer';
      expect([role, list[0].evidenceItemId]).toEqual([role, seesPrivileged ? items.privileged.item : null]);
    }
  });
});
