import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { VocabTerm } from '../../src/vocab/vocab-term.entity';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { CaseRecord } from '../../src/cases/case.entity';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signIn>>;
let researcherToken: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t.app, (await makeUser(t.ds, 'admin')).email);
  researcherToken = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, 'researcher')).id, 't')).token;
});
afterAll(() => t.close());

describe('controlled vocabularies', () => {
  it('are seeded by the migration, with English and Russian labels', async () => {
    const methods = await t.ds.getRepository(VocabTerm).findBy({ vocabulary: 'torture_method' });
    expect(methods.map((m) => m.code)).toEqual(expect.arrayContaining(['beating', 'electric_shock', 'asphyxiation', 'sleep_deprivation', 'mock_execution', 'threats_against_family']));
    expect(methods.every((m) => (m.labelEn ?? '').length > 0)).toBe(true);
    expect(methods.some((m) => m.labelRu && /[а-я]/i.test(m.labelRu))).toBe(true);
  });

  it('an admin adds a term, which can then be used, with the change audited', async () => {
    const { agent, csrf } = admin;
    const res = await agent.post('/admin/vocabularies/torture_method/terms').type('form').send({ _csrf: csrf, labelEn: 'Forced standing in cold water', labelRu: 'Стояние в холодной воде' });
    expect(res.status).toBe(303);
    const term = await t.ds.getRepository(VocabTerm).findOneByOrFail({ vocabulary: 'torture_method', code: 'forced_standing_in_cold_water' });
    expect(term.labelRu).toBe('Стояние в холодной воде');
    const page = await agent.get('/admin/vocabularies/torture_method');
    expect(page.text).toContain('Forced standing in cold water');
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'vocab_term.create', recordId: String(term.id) })).toBe(1);
    const api = await request(t.app).get('/api/v1/vocabularies/torture_method').set('Authorization', `Bearer ${researcherToken}`).expect(200);
    expect(api.body.data.map((x: { code: string }) => x.code)).toContain('forced_standing_in_cold_water');
  });

  it('refuses a duplicate code, a bad code and an empty label with messages next to the fields', async () => {
    const { agent, csrf } = admin;
    const dup = await agent.post('/admin/vocabularies/torture_method/terms').type('form').send({ _csrf: csrf, labelEn: 'Beating again', code: 'beating' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('is taken in this list');
    const bad = await agent.post('/admin/vocabularies/torture_method/terms').type('form').send({ _csrf: csrf, labelEn: '   ', code: 'Bad Code!' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter an English label.');
    expect(bad.text).toContain('lower-case letters');
    await agent.get('/admin/vocabularies/no_such_list').expect(404);
  });

  it('retiring a term keeps it on older records but refuses it for new ones; restoring brings it back', async () => {
    const { agent, csrf } = admin;
    const api = (method: 'post' | 'patch', path: string, body: object) => request(t.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${researcherToken}`).send(body);
    const created = await api('post', '/cases', { title: 'Monitoring case', status: 'monitoring' }).expect(201);
    await agent.post('/admin/vocabularies/case_status/terms/monitoring/retire').type('form').send({ _csrf: csrf }).expect(303);
    // The older record still shows the term, and can be edited without changing it.
    const edited = await api('patch', `/cases/${created.body.data.id}`, { title: 'Monitoring case, renamed' }).expect(200);
    expect(edited.body.data.statusLabel).toBe('Monitoring');
    // A new record cannot choose it.
    const refused = await api('post', '/cases', { title: 'New', status: 'monitoring' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.status).toContain('retired');
    expect((await t.ds.getRepository(CaseRecord).findOneByOrFail({ id: created.body.data.id })).status).toBe('monitoring');
    const options = await request(t.app).get('/api/v1/vocabularies/case_status').set('Authorization', `Bearer ${researcherToken}`);
    expect(options.body.data.map((x: { code: string }) => x.code)).not.toContain('monitoring');
    await agent.post('/admin/vocabularies/case_status/terms/monitoring/restore').type('form').send({ _csrf: csrf }).expect(303);
    await api('post', '/cases', { title: 'New', status: 'monitoring' }).expect(201);
  });

  it('relabels a term everywhere it is shown', async () => {
    const { agent, csrf } = admin;
    await agent.post('/admin/vocabularies/case_status/terms/closed').type('form').send({ _csrf: csrf, labelEn: 'Closed (no further action)', labelRu: 'Закрыто', sortOrder: '30' }).expect(303);
    const list = await agent.get('/cases/new');
    expect(list.text).toContain('Closed (no further action)');
  });

  it('is for admins only', async () => {
    for (const role of ['researcher', 'lawyer', 'analyst', 'viewer'] as const) {
      const { agent, csrf } = await signIn(t.app, (await makeUser(t.ds, role)).email);
      await agent.get('/admin/vocabularies').expect(403);
      await agent.get('/admin/vocabularies/torture_method').expect(403);
      await agent.post('/admin/vocabularies/torture_method/terms').type('form').send({ _csrf: csrf, labelEn: 'X' }).expect(403);
      await agent.post('/admin/vocabularies/torture_method/terms/beating/retire').type('form').send({ _csrf: csrf }).expect(403);
    }
    expect((await t.ds.getRepository(VocabTerm).findOneByOrFail({ vocabulary: 'torture_method', code: 'beating' })).retired).toBe(false);
  });
});
