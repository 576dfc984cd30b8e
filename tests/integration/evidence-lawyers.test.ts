/**
 * Issue 15, evidence for lawyers: the custody log reads as plain words ("Received in person from
 * …, entered by …") with people by name (never the address they sign in with), hashes to copy,
 * a GPS position with a geo: link and a map drawn on the page (only for those cleared for
 * positions), the dossier's history in words in both languages, and Export in the main menu for
 * the roles that may export.
 */
import fs from 'node:fs';
import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { setLanguage } from '../../src/users/user.service';
import { CaseRecord } from '../../src/cases/case.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { photo } from '../unit/media-fixtures';
import { escapeHtml } from '../support/blns';
import { User } from '../../src/users/user.entity';

const ROLES = ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const;
type Role = (typeof ROLES)[number];
let t: TestApp;
const users = {} as Record<Role, User>;
let token: string;
let caseId: number;
let itemId: number;
let fileId: number;
let sha256: string;

/** The custody log's table on an evidence page. */
const custodyOf = (html: string) => html.slice(html.indexOf('id="custody"'), html.indexOf('</table>', html.indexOf('id="custody"')));

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) users[role] = await makeUser(t.ds, role, { name: `Zoya ${role[0].toUpperCase()}${role.slice(1)}ova`, email: `${role}.login@example.org` });
  token = (await createApiToken(t.ds, CLI_ACTOR, users.researcher.id, 't')).token;
  caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2024-151515', title: 'Custody in words', status: 'open', restricted: false, createdById: users.admin.id })).id;
  const res = await request(t.app)
    .post(`/api/v1/cases/${caseId}/evidence`)
    .set('Authorization', `Bearer ${token}`)
    .field('type', 'photo')
    .field('title', 'Bruises, left arm')
    .field('receivedFrom', 'Zarema, the sister')
    .field('receivedHow', 'in_person')
    .attach('files', fs.readFileSync(photo('gps-DSCN0010.jpg')), 'arm.jpg')
    .expect(201);
  itemId = res.body.data.id;
  fileId = res.body.data.files[0].id;
  await evidenceJobsIdle(t.ds);
  sha256 = (await request(t.app).get(`/api/v1/cases/${caseId}/evidence/${itemId}`).set('Authorization', `Bearer ${token}`).expect(200)).body.data.files[0].sha256;
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  const { agent, csrf } = await signIn(t.app, users.researcher.email);
  await agent.post(`/cases/${caseId}/evidence/${itemId}/custody`).type('form').send({ _csrf: csrf, action: 'transferred', to: 'Advocate Petrov, Nalchik bar', note: 'Sealed envelope', location: '' }).expect(303);
});

afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

describe('the custody log in plain words', () => {
  it('says how and from whom the item was received and who entered it, by name', async () => {
    const { agent } = await signIn(t.app, users.lawyer.email);
    // The first view is recorded as the page is served: the second shows it.
    await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200);
    const log = custodyOf((await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200)).text);
    expect(log).toContain(escapeHtml('Received in person from Zarema, the sister, entered by Zoya Researcherova.'));
    expect(log).toContain('Stored file 1 “arm.jpg” (image/jpeg,');
    expect(log).toContain('Handed over to Advocate Petrov, Nalchik bar.');
    expect(log).toContain('Sealed envelope');
    expect(log).toContain('Viewed the item.');
    // People by name; never the address they sign in with, nor a code or a detail's key.
    expect(log).toContain('Zoya Lawyerova');
    expect(log).not.toContain('@example.org');
    expect(log).not.toMatch(/evidence\.(received|stored)|fileId|in_person/);
  });

  it('says the same in Russian', async () => {
    await setLanguage(t.ds, CLI_ACTOR, users.lawyer.id, 'ru');
    try {
      const { agent } = await signIn(t.app, users.lawyer.email);
      const log = custodyOf((await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200)).text);
      expect(log).toContain(escapeHtml('Получено лично от: Zarema, the sister; внесено: Zoya Researcherova.'));
      expect(log).toContain('Сохранён файл 1 «arm.jpg»');
      expect(log).toContain('Передано: Advocate Petrov, Nalchik bar.');
      expect(log).not.toContain('Received');
    } finally {
      await setLanguage(t.ds, CLI_ACTOR, users.lawyer.id, null);
    }
  });

  it('offers each hash as wrapping text with a copy button that JavaScript reveals', async () => {
    const { agent } = await signIn(t.app, users.lawyer.email);
    const html = (await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200)).text;
    expect(html).toContain(`<code class="hash" tabindex="0" data-hash>${sha256}</code>`);
    expect(html).toContain(`data-copy-hash="${sha256}"`);
    expect(html).toMatch(new RegExp(`data-copy-hash="${sha256}"[^>]*aria-label="Copy SHA-256 of arm.jpg"[^>]*hidden>Copy</button>`));
    // The stored file's custody entry names its hash too.
    expect(custodyOf(html)).toContain(`data-copy-hash="${sha256}"`);
  });
});

describe('GPS positions', () => {
  it('shows the position with a geo: link and a map drawn on the page, only to those cleared for positions', async () => {
    const f = await t.ds.getRepository(EvidenceFile).findOneByOrFail({ id: fileId });
    expect(f.gpsLatitude).toEqual(expect.any(Number));
    const geo = `geo:${f.gpsLatitude!.toFixed(6)},${f.gpsLongitude!.toFixed(6)}`;
    for (const role of ROLES) {
      const { agent } = await signIn(t.app, users[role].email);
      const html = (await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200)).text;
      const cleared = role === 'admin' || role === 'lawyer' || role === 'researcher';
      if (cleared) {
        expect(html).toContain(`href="${geo}"`);
        expect(html).toContain('<figure class="gps-map">');
        expect(html).toMatch(/<svg viewBox="0 0 \d+ \d+" role="img"/);
        expect(html).toContain('<circle class="gps-point"');
        expect(html).toContain(`${Math.abs(f.gpsLatitude!).toFixed(6)}° ${f.gpsLatitude! < 0 ? 'S' : 'N'}`);
        // Drawn here: nothing fetched from any tile server.
        expect(html).not.toMatch(/tile|openstreetmap|googleapis/i);
      } else {
        expect(html).not.toContain('geo:');
        expect(html).not.toContain('gps-map');
        expect(html).not.toContain(f.gpsLatitude!.toFixed(3));
      }
    }
  });
});

describe('the dossier and the menu', () => {
  it('words the history in the dossier, in English and Russian, with people by name', async () => {
    const { agent } = await signIn(t.app, users.admin.email);
    await agent.get(`/cases/${caseId}/dossier`).expect(200);
    const { agent: researcher, csrf } = await signIn(t.app, users.researcher.email);
    await researcher.post(`/cases/${caseId}`).type('form').send({ _csrf: csrf, title: 'Custody in words, renamed', status: 'open', code: 'RU-2024-151515' }).expect(303);
    const en = (await agent.get(`/cases/${caseId}/dossier`).expect(200)).text;
    const history = en.slice(en.indexOf('id="d-history"'));
    expect(history).toContain('Zoya Researcherova: changed the case');
    expect(history).not.toMatch(/case\.update|@example\.org/);
    await setLanguage(t.ds, CLI_ACTOR, users.admin.id, 'ru');
    try {
      const { agent: ruAgent } = await signIn(t.app, users.admin.email);
      const ruHtml = (await ruAgent.get(`/cases/${caseId}/dossier`).expect(200)).text;
      expect(ruHtml.slice(ruHtml.indexOf('id="d-history"'))).toContain('Zoya Researcherova: дело изменено');
    } finally {
      await setLanguage(t.ds, CLI_ACTOR, users.admin.id, null);
    }
  });

  it('shows Export in the main menu only to the roles that may export', async () => {
    for (const role of ROLES) {
      const { agent } = await signIn(t.app, users[role].email);
      const home = (await agent.get('/').expect(200)).text;
      const nav = home.slice(home.indexOf('class="main-nav"'), home.indexOf('</nav>'));
      const mayExport = role !== 'viewer';
      expect([role, nav.includes('href="/exports"')]).toEqual([role, mayExport]);
      await agent.get('/exports').expect(mayExport ? 200 : 403);
    }
  });
});
