import request from 'supertest';
import { binary } from '../support/binary';
import { signIn, Agent, makeUser, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { extractPdfTextFromBytes } from '../../src/media';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { Fixture, PROTECTED_NAME, buildFixture } from './fixture';

/**
 * A protected person taking part in an open case: users not cleared for them (not an admin, not
 * their recorder, not a member of a case they take part in) never see a name, another spelling,
 * the notes or the birth date — on any page, form, API answer, file, export, report or search —
 * and cannot link them to a record by guessing their id.
 */
let f: Fixture;
const sessions: Record<string, { agent: Agent; csrf: string }> = {};
const UNCLEARED = ['outsider', 'lawyer', 'analyst', 'viewer'] as const;
const SPELLING = 'Асланбек Хидденов';
const NOTES = 'Lives in hiding.';
/** What must never show; searches below type only the first name (echoed back in the search box). */
const SECRETS = [PROTECTED_NAME, 'Hiddenov', SPELLING, 'Хидденов', 'hiddenov', NOTES, '1984'];
const ids: Record<string, number> = {};


beforeAll(async () => {
  f = await buildFixture();
  const admin = (method: 'post' | 'patch', path: string, body: object) => request(f.t.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${f.tokens.admin}`).send(body);
  const made = async (path: string, body: object) => {
    const res = await admin('post', path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.id as number;
  };
  const c = f.ids.openCase;
  const p = f.ids.person;
  await admin('patch', `/people/${p}`, { names: [PROTECTED_NAME, { name: SPELLING, script: 'cyrillic', kind: 'spelling' }], birth: { precision: 'year', value: '1984' } }).expect(200);
  await made(`/cases/${c}/participants`, { personId: p, role: 'witness' });
  ids.event = await made(`/cases/${c}/events`, { type: 'arrest', date: { precision: 'day', value: '2019-05-01' }, people: [{ personId: p, role: 'witness' }] });
  ids.allegation = await made(`/cases/${c}/allegations`, { victimPersonId: p, status: 'alleged', perpetrators: [{ personId: p, involvement: 'carried_out', attribution: 'confirmed' }] });
  ids.statement = await made(`/cases/${c}/statements`, { makerPersonId: p, incriminates: [p], kind: 'confession' });
  ids.complaint = await made(`/cases/${c}/complaints`, { filedByPersonId: p, request: 'open_criminal_investigation', toInstitutionId: f.ids.institution });
  ids.proceeding = await made(`/cases/${c}/proceedings`, { defendants: [p], courtInstitutionId: f.ids.institution });
  const upload = await request(f.t.app)
    .post(`/api/v1/cases/${c}/evidence`)
    .set('Authorization', `Bearer ${f.tokens.admin}`)
    .field('type', 'testimony_transcript')
    .field('title', 'A witness statement')
    .field('personIds', String(p))
    .attach('files', Buffer.from('What the witness said.\n'), 'statement.txt')
    .expect(201);
  ids.item = upload.body.data.id;
  await evidenceJobsIdle(f.t.ds);
  for (const role of [...UNCLEARED, 'admin'] as const) sessions[role] = await signIn(f.t.app, f.users[role].email);
});
afterAll(() => f.t.close());

const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));

describe('protected identities', () => {
  it('never reach an uncleared user through pages and forms', async () => {
    const c = f.ids.openCase;
    const pages = [
      `/cases/${c}`,
      `/cases/${c}/dossier`,
      `/cases/${c}/timeline.svg`,
      `/cases/${c}/evidence`,
      `/cases/${c}/evidence/${ids.item}`,
      `/people`,
      `/people?q=Aslanbek`,
      `/people?q=P-${String(f.ids.person).padStart(4, '0')}`,
      `/people/${f.ids.person}`,
      `/institutions/${f.ids.institution}`,
      `/search?q=Aslanbek`,
      `/search?q=${encodeURIComponent('Асланбек')}`,
      `/search?status=open`,
      `/cases`,
    ];
    const forms = [
      `/cases/${c}/events/${ids.event}/edit`,
      `/cases/${c}/allegations/${ids.allegation}/edit`,
      `/cases/${c}/allegations/${ids.allegation}/delete`,
      `/cases/${c}/statements/${ids.statement}/edit`,
      `/cases/${c}/complaints/${ids.complaint}/edit`,
      `/cases/${c}/proceedings/${ids.proceeding}/edit`,
      `/cases/${c}/citations/new`,
      `/cases/${c}/evidence/new`,
      `/cases/${c}/evidence/${ids.item}/edit`,
      `/cases/${c}/medical-evaluations/new`,
    ];
    for (const role of UNCLEARED) {
      for (const path of [...pages, ...(role === 'outsider' ? forms : [])]) {
        const res = await sessions[role].agent.get(path).buffer(true);
        expect([role, path, res.status]).toEqual([role, path, 200]);
        expect([role, path, leaks(res.text ?? String(res.body))]).toEqual([role, path, []]);
      }
    }
    // The admin sees the name on the same pages: the checks above can fail.
    const seen = await sessions.admin.agent.get(`/cases/${c}`);
    expect(seen.text).toContain(PROTECTED_NAME);
  });

  it('never reach an uncleared user through the API', async () => {
    const c = f.ids.openCase;
    const paths = [
      `/cases/${c}`,
      `/cases/${c}/events`,
      `/cases/${c}/allegations`,
      `/cases/${c}/statements`,
      `/cases/${c}/complaints`,
      `/cases/${c}/proceedings`,
      `/cases/${c}/citations`,
      `/cases/${c}/evidence`,
      `/cases/${c}/evidence/${ids.item}`,
      `/cases/${c}/medical-evaluations`,
      '/cases',
      '/people',
      '/people?q=Aslanbek',
      `/people?q=${encodeURIComponent('Асланбек')}`,
      `/people/${f.ids.person}`,
      `/institutions/${f.ids.institution}`,
      `/sources/${f.ids.source}`,
      '/search?q=Aslanbek&include=facets',
      '/search?status=open&include=facets',
      '/reports',
    ];
    for (const role of UNCLEARED) {
      for (const path of paths.filter((p) => role !== 'viewer' || p !== '/reports')) {
        const res = await request(f.t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${f.tokens[role]}`);
        expect([role, path, res.status]).toEqual([role, path, 200]);
        expect([role, path, leaks(JSON.stringify(res.body))]).toEqual([role, path, []]);
      }
    }
  });

  it('never reach an uncleared user through exports, bundles and the dossier PDF', async () => {
    const c = f.ids.openCase;
    for (const role of UNCLEARED) {
      if (role !== 'viewer') {
        for (const kind of ['cases', 'events', 'allegations', 'complaints']) {
          for (const format of ['csv', 'json']) {
            const res = await sessions[role].agent.get(`/exports/${kind}.${format}`).expect(200);
            expect([role, kind, format, leaks(res.text)]).toEqual([role, kind, format, []]);
          }
        }
      }
      if (role === 'outsider' || role === 'lawyer') {
        const zip = await binary(sessions[role].agent.get(`/cases/${c}/evidence/bundle`)).expect(200);
        expect([role, 'bundle', leaks((zip.body as Buffer).toString('latin1')), leaks((zip.body as Buffer).toString('utf8'))]).toEqual([role, 'bundle', [], []]);
      }
      const pdf = await binary(sessions[role].agent.get(`/cases/${c}/dossier.pdf`)).expect(200);
      const text = await extractPdfTextFromBytes(new Uint8Array(pdf.body));
      if (!text.ok) throw new Error(text.reason);
      expect([role, 'dossier.pdf', leaks(text.text)]).toEqual([role, 'dossier.pdf', []]);
    }
  });

  it('cannot be linked to a record by an uncleared user guessing the id (422 with a message)', async () => {
    const c = f.ids.openCase;
    const p = f.ids.person;
    const attempts: [string, string, object][] = [
      ['post', `/cases/${c}/participants`, { personId: p, role: 'relative' }],
      ['post', `/cases/${c}/events`, { type: 'arrest', date: { precision: 'day', value: '2019-05-02' }, people: [{ personId: p, role: 'witness' }] }],
      ['post', `/cases/${c}/allegations`, { victimPersonId: p, status: 'alleged' }],
      ['post', `/cases/${c}/allegations`, { status: 'alleged', perpetrators: [{ personId: p, involvement: 'carried_out', attribution: 'confirmed' }] }],
      ['post', `/cases/${c}/statements`, { makerPersonId: p, kind: 'confession' }],
      ['post', `/cases/${c}/statements`, { makerDescription: 'a detainee', incriminates: [p], kind: 'confession' }],
      ['post', `/cases/${c}/complaints`, { filedByPersonId: p, request: 'open_criminal_investigation' }],
      ['post', `/cases/${c}/proceedings`, { defendants: [p] }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await (request(f.t.app) as unknown as Record<string, (p: string) => request.Test>)[method](`/api/v1${path}`).set('Authorization', `Bearer ${f.tokens.outsider}`).send(body);
      expect([path, res.status]).toEqual([path, 422]);
      expect([path, Object.values(res.body.error.fields ?? {}).join(' ')]).toEqual([path, expect.stringMatching(/a known id/)]);
    }
  });

  it('cannot be linked to evidence by an uncleared user, though they are a participant of the case', async () => {
    const c = f.ids.openCase;
    const p = f.ids.person;
    const { agent, csrf } = sessions.outsider;
    const link = await agent.post(`/cases/${c}/evidence/${ids.item}/links`).type('form').send({ _csrf: csrf, kind: 'person', targetId: String(p) }).expect(303);
    const page = await agent.get(link.headers.location.replace(/#.*$/, '')).expect(200);
    expect(page.text).toContain('Not saved');
    const upload = await request(f.t.app)
      .post(`/api/v1/cases/${c}/evidence`)
      .set('Authorization', `Bearer ${f.tokens.outsider}`)
      .field('type', 'testimony_transcript')
      .field('title', 'Another statement')
      .field('personIds', String(p))
      .attach('files', Buffer.from('Words.\n'), 'words.txt');
    expect(upload.status).toBe(422);
    expect(upload.body.error.fields.personIds).toMatch(/a known id/);
    // The pseudonym is not offered as a link target either.
    const form = await agent.get(`/cases/${c}/evidence/new`).expect(200);
    expect(form.text).not.toContain(`value="person:${p}"`);
    // An admin still links them.
    const ok = await sessions.admin.agent.post(`/cases/${c}/evidence/${ids.item}/links`).type('form').send({ _csrf: sessions.admin.csrf, kind: 'person', targetId: String(p) }).expect(303);
    expect((await sessions.admin.agent.get(ok.headers.location.replace(/#.*$/, ''))).text).not.toContain('Not saved');
  });
});

describe('search filters by victim profile', () => {
  it('never count or find a case through the profile of a protected victim', async () => {
    const t = await startTestApp();
    try {
      const researcher = await makeUser(t.ds, 'researcher');
      const viewer = await makeUser(t.ds, 'viewer');
      const token = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token;
      const viewerToken = (await createApiToken(t.ds, CLI_ACTOR, viewer.id, 't')).token;
      const caseId = (await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send({ title: 'Detention in Argun', status: 'open' }).expect(201)).body.data.id;
      const victim = await insertPerson(t.ds, 'Protected Victim', { protectedIdentity: true, createdById: researcher.id });
      await t.ds.query(`INSERT INTO person_profile (person_id, code) VALUES (?, 'lgbti')`, [victim.id]);
      await insertParticipant(t.ds, caseId, victim.id, 'victim');
      const res = await request(t.app).get('/api/v1/search?profile=lgbti&include=facets').set('Authorization', `Bearer ${viewerToken}`).expect(200);
      expect(JSON.stringify(res.body)).not.toContain('Detention in Argun');
      const facets = JSON.stringify(res.body.facets ?? res.body.data?.facets ?? {});
      expect(facets).not.toMatch(/"lgbti"[^}]*"count":\s*[1-9]/);
    } finally {
      await t.close();
    }
  });
});
