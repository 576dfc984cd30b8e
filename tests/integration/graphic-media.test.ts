import fs from 'node:fs';
import crypto from 'node:crypto';
import request from 'supertest';
import { TestApp, hiddenField, makeUser, signIn, startTestApp } from '../support/app';
import { binary } from '../support/binary';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { CaseRecord } from '../../src/cases/case.entity';
import { EvidenceItem } from '../../src/evidence/evidence-item.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { GraphicMedia1796195274396 } from '../../migrations/sqlite/1796195274396-GraphicMedia';
import { User } from '../../src/users/user.entity';
import { photo } from '../unit/media-fixtures';
import { BLNS_NON_BLANK } from '../support/blns';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';

/**
 * Graphic media (issue 14): an item marked graphic, on upload or later, shows its pictures
 * blurred behind a warning until the viewer chooses to see that item; lists show its thumbnail
 * blurred; videos start muted; the original downloads unaltered. A user can see every picture in
 * greyscale. Old items and users come through the migration unchanged.
 */
let t: TestApp;
let researcher: User;
let token: string;
let caseId: number;
const injuries = fs.readFileSync(photo('Canon_40D.jpg'));
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const api = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await startTestApp();
  researcher = await makeUser(t.ds, 'researcher');
  token = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token;
  caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2005-000777', title: 'Kudaev: injuries in custody', status: 'open', restricted: false, createdById: researcher.id })).id;
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

async function uploadPage(fields: Record<string, string>) {
  const { agent } = await signIn(t.app, researcher.email);
  const form = await agent.get(`/cases/${caseId}/evidence/new`).expect(200);
  expect(form.text).toContain('name="graphic"');
  let req = agent.post(`/cases/${caseId}/evidence?_csrf=${encodeURIComponent(hiddenField(form.text))}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const res = await req.attach('files', injuries, 'injuries.jpg');
  expect(res.status).toBe(303);
  await evidenceJobsIdle(t.ds);
  const item = await t.ds.getRepository(EvidenceItem).findOneByOrFail({ title: fields.title });
  return { agent, item };
}

describe('graphic evidence', () => {
  it('marked on upload: the item page veils its pictures behind a warning until the viewer chooses, lists blur the thumbnail; the original is unaltered', async () => {
    const { agent, item } = await uploadPage({ type: 'photo', title: 'Bruises after questioning', graphic: 'on' });
    expect(item.graphic).toBe(true);
    const page = await agent.get(`/cases/${caseId}/evidence/${item.id}`).expect(200);
    expect(page.text).toContain('data-graphic-warning');
    expect(page.text).toMatch(/<ol class="evidence-files is-veiled"/);
    expect(page.text).toContain(`href="/cases/${caseId}/evidence/${item.id}?graphic=show#files"`);
    // The preview's link is out of the keyboard's way while veiled: the one way in is the warning's button.
    expect(page.text).toMatch(/<a href="[^"]+\/preview" tabindex="-1" aria-hidden="true" data-graphic-link>/);

    // Chosen: the same page with the pictures shown and no warning.
    const shown = await agent.get(`/cases/${caseId}/evidence/${item.id}?graphic=show`).expect(200);
    expect(shown.text).not.toContain('is-veiled');
    expect(shown.text).toMatch(/data-graphic-warning hidden/);
    expect(shown.text).not.toContain('data-graphic-link');

    // Lists and the case page blur the thumbnail and say why.
    for (const url of [`/cases/${caseId}`, `/cases/${caseId}/evidence`]) {
      const html = (await agent.get(url).expect(200)).text;
      expect(html).toMatch(/<img src="[^"]+\/thumbnail" alt="" loading="lazy" width="\d+" height="\d+" class="graphic-veiled">/);
      expect(html).toContain('>Graphic</span>');
    }
    // Downloads are the unaltered original.
    const fileId = (await request(t.app).get(`/api/v1/cases/${caseId}/evidence/${item.id}`).set(api()).expect(200)).body.data.files[0].id;
    const original = await binary(agent.get(`/cases/${caseId}/evidence/${item.id}/files/${fileId}/original`)).expect(200);
    expect(sha(original.body as Buffer)).toBe(sha(injuries));
  });

  it('an item not marked graphic shows its pictures as before', async () => {
    const { agent, item } = await uploadPage({ type: 'photo', title: 'Letter from the colony' });
    expect(item.graphic).toBe(false);
    const page = await agent.get(`/cases/${caseId}/evidence/${item.id}`).expect(200);
    expect(page.text).not.toContain('data-graphic-warning');
    expect(page.text).not.toContain('is-veiled');
    expect((await agent.get(`/cases/${caseId}/evidence`).expect(200)).text).not.toMatch(/class="graphic-veiled"[^>]*>\s*<\/a>\s*<div>\s*<a href="[^"]+\/evidence\/${item.id}"/);
  });

  it('marked later through the edit form or the API, recorded in the history; fields not sent keep the mark', async () => {
    const { agent, item } = await uploadPage({ type: 'photo', title: 'Photo taken by the lawyer' });
    const edit = await agent.get(`/cases/${caseId}/evidence/${item.id}/edit`).expect(200);
    expect(edit.text).toMatch(/<input type="checkbox" name="graphic" value="on">/);
    const body = new URLSearchParams({ _csrf: hiddenField(edit.text), type: 'photo', title: 'Photo taken by the lawyer', confidentiality: 'normal', graphic: 'on' });
    const saved = await agent.post(`/cases/${caseId}/evidence/${item.id}`).type('form').send(body.toString());
    expect(saved.status).toBe(303);
    expect((await t.ds.getRepository(EvidenceItem).findOneByOrFail({ id: item.id })).graphic).toBe(true);
    const audit = await t.ds.getRepository(AuditEntry).findBy({ recordType: 'evidence_item', recordId: String(item.id), action: 'evidence_item.update' });
    expect(audit.some((a) => (a.fields ?? '').includes('graphic'))).toBe(true);
    // The custody log names the field that changed.
    expect((await agent.get(`/cases/${caseId}/evidence/${item.id}`).expect(200)).text).toMatch(/<td>Description changed: graphic\.<\/td>/);

    // The API: a PATCH of the title alone keeps the mark; graphic: false lifts it.
    const patched = await request(t.app).patch(`/api/v1/cases/${caseId}/evidence/${item.id}`).set(api()).send({ title: 'Photo taken by the lawyer, 2006' }).expect(200);
    expect(patched.body.data.graphic).toBe(true);
    const lifted = await request(t.app).patch(`/api/v1/cases/${caseId}/evidence/${item.id}`).set(api()).send({ graphic: false }).expect(200);
    expect(lifted.body.data.graphic).toBe(false);
  });
});

describe('pictures in greyscale, a setting of one’s own', () => {
  it('is off by default, saved from the account page with CSRF, audited, and marks every page of that user only', async () => {
    const other = await makeUser(t.ds, 'viewer');
    const { agent } = await signIn(t.app, researcher.email);
    const account = await agent.get('/account').expect(200);
    expect(account.text).toContain('action="/account/media"');
    expect(account.text).not.toContain('class="media-greyscale"');
    await agent.post('/account/media').type('form').send({ greyscale: 'on' }).expect(403);
    const on = await agent.post('/account/media').type('form').send({ _csrf: hiddenField(account.text), greyscale: 'on' });
    expect(on.status).toBe(303);
    expect(on.headers.location).toBe('/account');
    const after = await agent.get('/account').expect(200);
    expect(after.text).toContain('Pictures and videos are now shown in greyscale.');
    expect(after.text).toMatch(/<input type="checkbox" name="greyscale" value="on" checked>/);
    expect((await agent.get(`/cases/${caseId}`).expect(200)).text).toContain('<body class="media-greyscale">');
    expect((await t.ds.getRepository(AuditEntry).findBy({ recordType: 'user', recordId: String(researcher.id), action: 'user.update' })).some((a) => (a.fields ?? '').includes('mediaGreyscale'))).toBe(true);
    // Someone else's pages are untouched.
    const { agent: theirs } = await signIn(t.app, other.email);
    expect((await theirs.get(`/cases/${caseId}`).expect(200)).text).toContain('<body>');
    // Unticked: colour again.
    const page = await agent.get('/account').expect(200);
    await agent.post('/account/media').type('form').send({ _csrf: hiddenField(page.text) }).expect(303);
    expect((await agent.get('/account').expect(200)).text).toContain('<body>');
  });

  it('is offered in Russian too', async () => {
    const { agent } = await signIn(t.app, researcher.email);
    const page = await agent.get('/account').set('Accept-Language', 'ru').expect(200);
    expect(page.text).toContain('Показывать все фото и видео в оттенках серого');
  });
});

describe('the GraphicMedia migration', () => {
  it('keeps every evidence item and user, none graphic, everyone in colour, and its down() keeps them too', async () => {
    const db = rawDb(t.ds);
    const later = migrations.slice(migrations.indexOf(GraphicMedia1796195274396));
    const items = () => db.prepare(`SELECT id, case_id, type, title, confidentiality FROM evidence_item ORDER BY id`).all();
    const users = () => db.prepare(`SELECT id, email, role, language FROM "user" ORDER BY id`).all();
    const [itemsBefore, usersBefore] = [items(), users()];
    const triggers = () => db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'evidence_item' ORDER BY name`).pluck().all();
    const triggersBefore = triggers();
    expect(triggersBefore.length).toBeGreaterThan(0);
    for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
    expect(db.prepare(`SELECT count(*) FROM pragma_table_info('evidence_item') WHERE name = 'graphic'`).pluck().get()).toBe(0);
    expect(items()).toEqual(itemsBefore);
    db.prepare(`INSERT INTO evidence_item (case_id, type, title, confidentiality) VALUES (?, 'photo', 'Made before graphic media', 'normal')`).run(caseId);
    await t.ds.runMigrations({ transaction: 'each' });
    expect(db.prepare(`SELECT graphic FROM evidence_item WHERE title = 'Made before graphic media'`).pluck().get()).toBe(0);
    expect(users()).toEqual(usersBefore);
    expect(db.prepare(`SELECT count(*) FROM "user" WHERE media_greyscale = 1`).pluck().get()).toBe(0);
    // The search triggers on evidence_item survive: the column is added in place, not by rebuilding the table.
    expect(triggers()).toEqual(triggersBefore);
  });
});

describe('the graphic mark and the greyscale setting refuse what is not yes or no', () => {
  const hostile = BLNS_NON_BLANK.filter((s) => !/^(on|off|true|false|yes|no|1|0)$/i.test(s)).slice(0, 40);

  it('the API refuses a graphic value that is no yes/no, names the field, and changes nothing', async () => {
    const { item } = await uploadPage({ type: 'photo', title: 'Medical photo, right arm' });
    for (const value of ['Y', 'graphic', '<script>alert(1)</script>', ...hostile.slice(0, 10)]) {
      const res = await request(t.app).patch(`/api/v1/cases/${caseId}/evidence/${item.id}`).set(api()).send({ graphic: value, title: 'changed' });
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toContain('graphic');
    }
    for (const value of [1, { on: true }, ['on', 'x']]) {
      expect((await request(t.app).patch(`/api/v1/cases/${caseId}/evidence/${item.id}`).set(api()).send({ graphic: value })).status).toBe(422);
    }
    const after = await t.ds.getRepository(EvidenceItem).findOneByOrFail({ id: item.id });
    expect([after.graphic, after.title]).toEqual([false, 'Medical photo, right arm']);
    // What programs send as yes and no is understood.
    expect((await request(t.app).patch(`/api/v1/cases/${caseId}/evidence/${item.id}`).set(api()).send({ graphic: 'yes' }).expect(200)).body.data.graphic).toBe(true);
    expect((await request(t.app).patch(`/api/v1/cases/${caseId}/evidence/${item.id}`).set(api()).send({ graphic: '0' }).expect(200)).body.data.graphic).toBe(false);
  });

  it('the edit form shows the message beside the checkbox, keeps what was typed, and changes nothing', async () => {
    const { agent, item } = await uploadPage({ type: 'photo', title: 'Photo from the colony visit' });
    for (const value of hostile.slice(0, 15)) {
      const edit = await agent.get(`/cases/${caseId}/evidence/${item.id}/edit`).expect(200);
      const body = new URLSearchParams({ _csrf: hiddenField(edit.text), type: 'photo', title: 'Photo from the colony visit, edited', confidentiality: 'normal', graphic: value });
      const res = await agent.post(`/cases/${caseId}/evidence/${item.id}`).type('form').send(body.toString());
      expect(res.status).toBe(422);
      const field = res.text.slice(res.text.indexOf('id="f-graphic-error"') - 200, res.text.indexOf('name="graphic"'));
      expect(field).toContain('has-error');
      expect(field).toContain(en.validation.yesOrNo);
      expect(res.text).toContain('value="Photo from the colony visit, edited"');
    }
    expect((await t.ds.getRepository(EvidenceItem).findOneByOrFail({ id: item.id })).title).toBe('Photo from the colony visit');
  });

  it('the greyscale setting refuses a crafted value with the message beside it, in Russian too', async () => {
    const { agent } = await signIn(t.app, researcher.email);
    const page = await agent.get('/account').expect(200);
    const res = await agent.post('/account/media').type('form').send(new URLSearchParams({ _csrf: hiddenField(page.text), greyscale: '<img src=x onerror=alert(1)>' }).toString());
    expect(res.status).toBe(422);
    expect(res.text).toContain(en.validation.yesOrNo);
    expect(res.text).toContain('id="f-greyscale-error"');
    const ruRes = await agent.post('/account/media').set('Accept-Language', 'ru').type('form').send(new URLSearchParams({ _csrf: hiddenField(page.text), greyscale: 'да!' }).toString());
    expect(ruRes.status).toBe(422);
    expect(ruRes.text).toContain(ru.validation.yesOrNo);
    expect((await t.ds.getRepository(User).findOneByOrFail({ id: researcher.id })).mediaGreyscale).toBe(false);
  });
});
