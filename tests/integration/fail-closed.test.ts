import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp, Agent } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { CaseRecord } from '../../src/cases/case.entity';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { User } from '../../src/users/user.entity';

/**
 * Issue 19 (A): a parameter that fails to parse is refused (422, the form again with the message
 * beside the field; the API's JSON error), never read as "no filter" or "everything".
 */
let t: TestApp;
let lawyer: User;
let token: string;
let session: { agent: Agent; csrf: string };
let caseId: number;
const itemIds: number[] = [];

const api = (p: string) => request(t.app).get(`/api/v1${p}`).set('Authorization', `Bearer ${token}`);

beforeAll(async () => {
  t = await startTestApp();
  lawyer = await makeUser(t.ds, 'lawyer');
  token = (await createApiToken(t.ds, CLI_ACTOR, lawyer.id, 't')).token;
  session = await signIn(t.app, lawyer.email);
  caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2019-0019', title: 'Fail closed', status: 'open', restricted: false, createdById: lawyer.id })).id;
  for (const title of ['First statement', 'Second statement', 'Third statement']) {
    const res = await request(t.app)
      .post(`/api/v1/cases/${caseId}/evidence`)
      .set('Authorization', `Bearer ${token}`)
      .field('type', 'statement_document')
      .field('title', title)
      .attach('files', Buffer.from(`${title}: what was said.\n`), `${title}.txt`)
      .expect(201);
    itemIds.push(res.body.data.id);
  }
  await evidenceJobsIdle(t.ds);
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

const exportCount = () => t.ds.getRepository(AuditEntry).countBy({ action: 'evidence.exported' });

describe('the bundle selection of the evidence page', () => {
  const malformed = (id: number) => [`items=${id}x`, `items=${id};`, `items=${id}&items=${id},x`, `items=0x${id.toString(16)}`, `items=%20${id}`, 'items=', 'items=,', `items[a]=${id}`];

  it('answers 422 with the evidence list and the message beside the selection, exporting nothing', async () => {
    const before = await exportCount();
    for (const query of malformed(itemIds[0]!)) {
      const res = await session.agent.get(`/cases/${caseId}/evidence/bundle?${query}`);
      expect([query, res.status, res.headers['content-type']]).toEqual([query, 422, expect.stringMatching(/^text\/html/)]);
      expect(res.text).toContain('id="bundle-items-error"');
      expect(res.text).toMatch(/Choose items from the list\.|Tick at least one item to put in the bundle\.|is not a field that can be given here/);
      expect(res.text).toContain('Second statement');
    }
    expect(await exportCount()).toBe(before);
  });

  it('refuses the same selections over the API with the JSON error', async () => {
    for (const query of malformed(itemIds[0]!)) {
      const res = await api(`/cases/${caseId}/evidence/bundle?${query}`);
      expect([query, res.status]).toEqual([query, 422]);
      expect(res.body.error).toEqual(expect.objectContaining({ code: 'validation_failed', message: expect.any(String), id: expect.any(String), fields: expect.any(Object) }));
      expect(Object.keys(res.body.error.fields)).toEqual([query.startsWith('items[') ? 'items[a]' : 'items']);
    }
  });

  it('the form always sends a selection, so submitting it with nothing ticked is refused', async () => {
    const page = await session.agent.get(`/cases/${caseId}/evidence`).expect(200);
    expect(page.text).toContain('<input type="hidden" name="items" value="">');
  });

  it('still streams exactly the items ticked, and the whole case without items', async () => {
    const before = await exportCount();
    await session.agent.get(`/cases/${caseId}/evidence/bundle?items=&items=${itemIds[1]}`).expect(200).expect('Content-Type', 'application/zip');
    expect(await exportCount()).toBe(before + 1);
    await session.agent.get(`/cases/${caseId}/evidence/bundle`).expect(200).expect('Content-Type', 'application/zip');
    expect(await exportCount()).toBe(before + 1 + itemIds.length);
  });
});

describe('the filters of the evidence list', () => {
  for (const query of ['type=photo_x', 'type=photo&type=video', 'link=event:0', 'link=event:1x', 'link[a]=1']) {
    it(`refuses ${query}: 422 on the page (no items listed) and over the API`, async () => {
      const page = await session.agent.get(`/cases/${caseId}/evidence?${query}`);
      expect(page.status).toBe(422);
      expect(page.text).toContain('class="error-summary"');
      if (!query.includes('[')) expect(page.text).toMatch(/id="flt-(type|link)-error"/);
      expect(page.text).toContain('Correct the filter to see the evidence.');
      expect(page.text).not.toContain('First statement');
      const res = await api(`/cases/${caseId}/evidence?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual(expect.objectContaining({ code: 'validation_failed', id: expect.any(String) }));
    });
  }

  it('reads the empty "Any" choices as no filter', async () => {
    const page = await session.agent.get(`/cases/${caseId}/evidence?type=&link=`).expect(200);
    expect(page.text).toContain('First statement');
    const res = await api(`/cases/${caseId}/evidence?type=statement_document`).expect(200);
    expect(res.body.data).toHaveLength(3);
  });
});

describe('the filters of the case list', () => {
  for (const query of [`q=${'x'.repeat(201)}`, 'status=open&status=closed', 'region=a&region=b', `tag=${'t'.repeat(101)}`]) {
    it(`refuses ${query.slice(0, 40)}: 422 on the page (no case listed) and over the API`, async () => {
      const page = await session.agent.get(`/cases?${query}`);
      expect(page.status).toBe(422);
      expect(page.text).toMatch(/id="flt-(q|status|region|tag)-error"/);
      expect(page.text).not.toContain('RU-2019-0019');
      const res = await api(`/cases?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual(expect.objectContaining({ code: 'validation_failed', id: expect.any(String), fields: expect.any(Object) }));
    });
  }

  it('still lists with the empty "Any" choices and a valid filter', async () => {
    expect((await session.agent.get('/cases?q=&status=&region=&tag=').expect(200)).text).toContain('RU-2019-0019');
    expect((await api('/cases?q=Fail').expect(200)).body.data.map((c: { code: string }) => c.code)).toContain('RU-2019-0019');
  });
});

/**
 * The lists of people, institutions and sources, and the audit trail: each bad value is refused on
 * the page (422, the message beside its field, nothing listed) and over the API (the JSON error).
 */
describe('the filters of the people, institution, source and audit lists', () => {
  let admin: { agent: Agent; csrf: string };

  beforeAll(async () => {
    const adminUser = await makeUser(t.ds, 'admin');
    admin = await signIn(t.app, adminUser.email);
    const adminToken = (await createApiToken(t.ds, CLI_ACTOR, adminUser.id, 'admin')).token;
    const post = (p: string, body: object) => request(t.app).post(`/api/v1${p}`).set('Authorization', `Bearer ${adminToken}`).send(body).expect(201);
    await post('/people', { names: ['Failclosed Person'], region: 'crimea', profiles: ['crimean_tatar'], createAnyway: true });
    await post('/institutions', { name: 'Failclosed Colony', type: 'penal_colony', region: 'crimea', createAnyway: true });
    await post('/sources', { kind: 'organisation', name: 'Failclosed Monitor', reliability: 'usually_reliable', relation: 'ngo' });
  });

  const long = (n: number) => 'x'.repeat(n);
  const lists = [
    {
      path: '/people', shown: 'Failclosed Person',
      refused: { q: [`q=${long(201)}`, 'q=a&q=b'], region: ['region=atlantis', 'region=crimea&region=chechnya'], profile: ['profile=not_a_profile', 'profile=crimean_tatar&profile=lgbti', `profile=${long(61)}`] },
      unknown: ['region[a]=crimea', 'regoin=crimea'],
      accepted: ['q=&region=&profile=', 'q=Failclosed&region=crimea&profile=crimean_tatar'],
    },
    {
      path: '/institutions', shown: 'Failclosed Colony',
      refused: { q: [`q=${long(201)}`, 'q=a&q=b'], type: ['type=castle', 'type=penal_colony&type=court'], region: ['region=atlantis', 'region=crimea&region=chechnya'] },
      unknown: ['type[]=penal_colony'],
      accepted: ['q=&type=&region=', 'q=Failclosed&type=penal_colony&region=crimea'],
    },
    {
      path: '/sources', shown: 'Failclosed Monitor',
      refused: { q: [`q=${long(201)}`, 'q=a&q=b'], kind: ['kind=robot', 'kind=person&kind=organisation'], relation: ['relation=gossip', 'relation=ngo&relation=state_media'], reliability: ['reliability=z_grade', `reliability=${long(61)}`] },
      unknown: ['reliability[a]=usually_reliable'],
      accepted: ['q=&kind=&relation=&reliability=', 'q=Failclosed&kind=organisation&relation=ngo&reliability=usually_reliable'],
    },
  ];

  for (const list of lists) {
    for (const [field, queries] of Object.entries(list.refused)) {
      for (const query of queries) {
        it(`${list.path}?${query.slice(0, 40)}: 422 beside ${field}, nothing listed, and the API's JSON error`, async () => {
          const page = await session.agent.get(`${list.path}?${query}`);
          expect([query, page.status]).toEqual([query, 422]);
          expect(page.text).toContain('class="error-summary"');
          expect(page.text).toContain(`id="flt-${field}-error"`);
          expect(page.text).toMatch(new RegExp(`name="${field}"[^>]*aria-describedby="[^"]*flt-${field}-error`));
          expect(page.text).not.toContain(list.shown);
          const res = await api(`${list.path}?${query}`);
          expect([query, res.status]).toEqual([query, 422]);
          expect(res.body.error).toEqual(expect.objectContaining({ code: 'validation_failed', message: expect.any(String), id: expect.any(String) }));
          expect(Object.keys(res.body.error.fields)).toEqual([field]);
          expect(res.body.data).toBeUndefined();
        });
      }
    }

    for (const query of list.unknown) {
      it(`${list.path}?${query}: a parameter the list does not know is refused (422), not ignored`, async () => {
        const page = await session.agent.get(`${list.path}?${query}`);
        expect([query, page.status]).toEqual([query, 422]);
        expect(page.text).toContain('is not a field that can be given here.');
        expect(page.text).not.toContain(list.shown);
        const res = await api(`${list.path}?${query}`);
        expect([query, res.status]).toEqual([query, 422]);
        expect(Object.keys(res.body.error.fields)).toEqual([query.split('=')[0]]);
      });
    }

    it(`${list.path} still lists with the empty "Any" choices and valid filters`, async () => {
      for (const query of list.accepted) {
        expect((await session.agent.get(`${list.path}?${query}`).expect(200)).text).toContain(list.shown);
        expect(JSON.stringify((await api(`${list.path}?${query}`).expect(200)).body.data)).toContain(list.shown);
      }
    });
  }

  const auditRefused: Record<string, string[]> = {
    actor: [`actor=${long(255)}`, 'actor=a&actor=b'],
    action: [`action=${long(61)}`, 'action=case.&action=person.'],
    recordType: [`recordType=${long(41)}`, 'recordType=case&recordType=person'],
    recordId: [`recordId=${long(65)}`, 'recordId=1&recordId=2'],
    from: ['from=yesterday', 'from=2024-02-30', 'from=2024-01-01&from=2024-02-01'],
    to: ['to=2024-13-01', 'to=2024-01-01&to=2024-01-02'],
  };
  for (const [field, queries] of Object.entries(auditRefused)) {
    for (const query of queries) {
      it(`/admin/audit?${query.slice(0, 40)}: 422 beside ${field}, no entry listed`, async () => {
        const page = await admin.agent.get(`/admin/audit?${query}`);
        expect([query, page.status]).toEqual([query, 422]);
        expect(page.text).toContain('class="error-summary"');
        expect(page.text).toContain(`id="flt-${field}-error"`);
        expect(page.text).toMatch(new RegExp(`name="${field}"[^>]*aria-describedby="[^"]*flt-${field}-error`));
        expect(page.text).not.toContain('<td><code>');
      });
    }
  }

  it('/admin/audit refuses a parameter it does not know (422), rather than ignoring it', async () => {
    for (const query of ['action[a]=case.', 'actors=nobody']) {
      const page = await admin.agent.get(`/admin/audit?${query}`);
      expect([query, page.status]).toEqual([query, 422]);
      expect(page.text).toContain('is not a field that can be given here.');
      expect(page.text).not.toContain('<td><code>');
    }
  });

  it('/admin/audit still lists with empty filters and valid ones', async () => {
    expect((await admin.agent.get('/admin/audit?actor=&action=&recordType=&recordId=&from=&to=').expect(200)).text).toContain('<td><code>person.create</code>');
    expect((await admin.agent.get('/admin/audit?action=person.&from=2000-01-01&to=2999-12-31').expect(200)).text).toContain('<td><code>person.create</code>');
  });
});
