import { Role, Session, apiAs, everyRole, formBody, pageAs } from '../support/roles';
import { BLNS, escapeHtml } from '../support/blns';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { Perpetrator } from '../../src/allegations/perpetrator.entity';
import { latinize, matchKey } from '../../src/people/transliterate';
import { User } from '../../src/users/user.entity';


let t: TestApp;
let users: Record<Role, User>;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;

beforeAll(async () => {
  t = await startTestApp();
  ({ users, tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = (role: Role | string) => apiAs(t.app, tokens[role as Role] ?? role);

const page = (role: Role) => pageAs(sessions[role]);

async function newCase(title = 'Allegations case', extra: object = {}): Promise<number> {
  return (await api('researcher').post('/cases', { title, status: 'open', ...extra }).expect(201)).body.data.id;
}

async function newInstitution(name: string, type = 'centre_combating_extremism'): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type, parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }))).id;
}

async function newEvent(caseId: number, title = 'Beaten in custody', value = '2005-04'): Promise<number> {
  return (await api('researcher').post(`/cases/${caseId}/events`, { type: 'torture_ill_treatment', title, date: { precision: 'month', value } }).expect(201)).body.data.id;
}

const minimal = (extra: object = {}) => ({ status: 'alleged', methods: ['beating'], ...extra });

async function addAllegation(caseId: number, body: object = minimal(), role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/allegations`, body);
  if (res.status !== 201) throw new Error(`allegation not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

/** The markup of one allegation on the case page: up to the next allegation or the end of the list. */
const itemOf = (html: string, id: number) => {
  const start = html.indexOf(`id="allegation-${id}"`);
  if (start < 0) return '';
  const ends = [html.indexOf('<li class="al-item"', start + 1), html.indexOf('</ul>\n  <% }', start), html.indexOf('</section>', start)].filter((i) => i > 0);
  return html.slice(start, Math.min(...ends));
};

describe('allegations through the pages', () => {
  it('a researcher records an act with methods, purpose, perpetrators and their attribution; the case page shows it readably', async () => {
    const caseId = await newCase('Gumarov and Ishmuratov');
    const victim = await insertPerson(t.ds, 'Ravil Gumarov');
    await insertParticipant(t.ds, caseId, victim.id, 'victim');
    const beaten = await newEvent(caseId);
    const sleep = (await api('researcher').post(`/cases/${caseId}/events`, { type: 'torture_ill_treatment', title: 'Sleep deprivation', date: { precision: 'range', start: '2005-04', end: '2005-05' } }).expect(201)).body.data.id;
    const centre = await newInstitution('Centre for Combating Extremism');
    const police = await newInstitution('Bugulma police department', 'police_unit');

    const form = await page('researcher').get(`/cases/${caseId}/allegations/new`).expect(200);
    // One perpetrator row to start; "Add another perpetrator" adds more (issue 15).
    expect(form.text).toContain('name="perpetrators[0][description]"');
    expect(form.text).not.toContain('name="perpetrators[1][description]"');
    expect(form.text).toContain('name="_more" value="perpetrators"');
    expect(form.text).toContain('value="sleep_deprivation"');
    expect(form.text).toContain('value="extract_confession"');
    expect(form.text).toContain(`value="${beaten}"`);

    const res = await page('researcher').post(`/cases/${caseId}/allegations`, {
      summary: 'Beaten until he confessed, kept awake for a week',
      victimPersonId: String(victim.id),
      status: 'alleged',
      eventIds: [String(beaten), String(sleep)],
      methods: ['beating', 'sleep_deprivation', 'shackling', 'confinement_in_small_space'],
      purposes: ['extract_confession'],
      perpetrators: [
        { institutionId: String(centre), personId: '', description: '', involvement: 'carried_out', attribution: 'claimed_by_perpetrator' },
        { institutionId: '', personId: '', description: 'men claiming to be from the Centre for Combating Extremism', involvement: 'present', attribution: 'alleged_by_victim' },
        { institutionId: '', personId: '', description: '', involvement: '', attribution: '' },
      ],
      institutionIds: [String(police), ''],
      duration: 'about a week',
      physicalConsequences: 'Bruises on the back and legs.',
      psychologicalConsequences: 'Nightmares.',
      description: 'Shackled to a small cage with his hands over his head.',
    });
    expect(res.status).toBe(303);
    const id = Number(/^\/cases\/\d+#allegation-(\d+)$/.exec(res.headers.location)![1]);
    const show = await page('lawyer').get(`/cases/${caseId}`).expect(200);
    const item = itemOf(show.text, id);
    expect(item).toContain('Beaten until he confessed, kept awake for a week');
    expect(item).toContain('Ravil Gumarov');
    expect(item).toMatch(/<span class="tag tag-danger">Sleep deprivation<\/span>/);
    expect(item).toContain('Extract a confession');
    expect(item.replace(/\s+/g, ' ')).toMatch(/Centre for Combating Extremism<\/a> — <strong>carried out<\/strong> — <span class="tag tag-warn al-attribution">\? claimed by the perpetrators<\/span>/);
    expect(item).toContain('<q>men claiming to be from the Centre for Combating Extremism</q>');
    expect(item).toContain('alleged by the victim');
    expect(item).toContain(`href="#event-${beaten}"`);
    expect(item).toContain(`href="#event-${sleep}"`);
    expect(item).toContain('Bugulma police department');
    expect(item).toContain('about a week');
    expect(item).toContain('Nightmares.');
    expect(item).toContain('Alleged');
    const json = (await api('viewer').get(`/cases/${caseId}/allegations/${id}`).expect(200)).body.data;
    expect(json.perpetrators).toHaveLength(2);
    expect(json.perpetrators[0]).toMatchObject({ institution: { id: centre, name: 'Centre for Combating Extremism' }, involvement: 'carried_out', attribution: 'claimed_by_perpetrator', attributionTone: 'claimed' });
    expect(json.methods.map((m: { code: string }) => m.code)).toEqual(['beating', 'sleep_deprivation', 'shackling', 'confinement_in_small_space']);
    expect(json.events.map((e: { id: number }) => e.id)).toEqual([beaten, sleep]);
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'allegation.create', recordId: String(id) });
    expect(JSON.parse(audit.fields)).toEqual(['description', 'duration', 'events', 'institutions', 'methods', 'perpetrators', 'physicalConsequences', 'psychologicalConsequences', 'purposes', 'status', 'summary', 'victimPersonId']);
    expect(JSON.stringify(audit)).not.toContain('Nightmares');
  });

  it('an allegation in a group case may have no named victim: it concerns the group', async () => {
    const caseId = await newCase('Argun', { groupDescription: 'Men held in a government building in Argun', groupCount: 40, groupCountPrecision: 'approximately' });
    const res = await page('researcher').post(`/cases/${caseId}/allegations`, { status: 'corroborated', methods: ['beating', 'electric_shock'], purposes: ['discriminate'], perpetrators: [{ description: 'police officers', involvement: 'carried_out', attribution: 'alleged_by_witness' }] });
    expect(res.status).toBe(303);
    const show = await page('viewer').get(`/cases/${caseId}`);
    expect(show.text).toContain('The group: Men held in a government building in Argun');
    expect(show.text).toContain('Electric shock');
  });

  it('edits an allegation; the edit page shows the rows, "add another" and the history', async () => {
    const caseId = await newCase();
    const id = await addAllegation(caseId, minimal({ perpetrators: [{ description: 'unknown officers', involvement: 'carried_out', attribution: 'unknown' }] }));
    const edit = await page('researcher').get(`/cases/${caseId}/allegations/${id}/edit`).expect(200);
    expect(edit.text).toContain('value="unknown officers"');
    expect(edit.text).toContain('name="perpetrators[1][description]"');
    expect(edit.text).not.toContain('name="perpetrators[2][description]"');
    expect(edit.text).toMatch(/recorded an allegation/);
    const more = await page('researcher').post(`/cases/${caseId}/allegations/${id}`, { _more: 'perpetrators', status: 'alleged', methods: ['beating'], perpetrators: [{ description: 'unknown officers', involvement: 'carried_out', attribution: 'unknown' }, { description: '' }] });
    expect(more.status).toBe(200);
    expect(more.text).toContain('name="perpetrators[2][description]"');
    expect(more.text).not.toContain('name="perpetrators[3][description]"');
    const res = await page('researcher').post(`/cases/${caseId}/allegations/${id}`, { status: 'corroborated', methods: ['beating', 'falanga'], perpetrators: [{ description: 'unknown officers', involvement: 'carried_out', attribution: 'unknown' }, { description: 'their commander', involvement: 'ordered', attribution: 'alleged_by_victim' }] });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${caseId}#allegation-${id}`);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'allegation', recordId: String(id) }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['allegation.create', 'allegation.update']);
    expect(JSON.parse(entries[1].fields)).toEqual(['methods', 'perpetrators', 'status']);
    expect(await t.ds.getRepository(Perpetrator).countBy({ allegationId: id })).toBe(2);
    const again = await page('researcher').get(`/cases/${caseId}/allegations/${id}/edit`);
    expect(again.text).toMatch(/changed an allegation: [^<]*perpetrators/);
  });

  it('deletes an allegation after a confirmation page; the events stay', async () => {
    const caseId = await newCase();
    const eventId = await newEvent(caseId);
    const id = await addAllegation(caseId, minimal({ eventIds: [eventId] }));
    const confirm = await page('researcher').get(`/cases/${caseId}/allegations/${id}/delete`).expect(200);
    expect(confirm.text).toContain('Move this allegation to the trash?');
    const res = await page('researcher').post(`/cases/${caseId}/allegations/${id}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${caseId}#allegations`);
    await api('researcher').get(`/cases/${caseId}/allegations/${id}`).expect(404);
    await api('researcher').get(`/cases/${caseId}/events/${eventId}`).expect(200);
    expect(await t.ds.getRepository(Perpetrator).countBy({ allegationId: id })).toBe(0);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'allegation.delete', recordId: String(id) })).toBe(1);
  });
});

describe('the API', () => {
  it('changes only the fields sent, and documents the routes', async () => {
    const caseId = await newCase('API');
    const eventId = await newEvent(caseId);
    const id = await addAllegation(caseId, minimal({ eventIds: [eventId], duration: 'two days', perpetrators: [{ description: 'guards', involvement: 'carried_out', attribution: 'alleged_by_victim' }] }));
    const res = await api('researcher').patch(`/cases/${caseId}/allegations/${id}`, { status: 'corroborated' }).expect(200);
    expect(res.body.data).toMatchObject({ status: 'corroborated', duration: 'two days', events: [{ id: eventId }], perpetrators: [{ description: 'guards', involvement: 'carried_out' }] });
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { action: 'allegation.update', recordId: String(id) } });
    expect(entries.map((e) => JSON.parse(e.fields))).toEqual([['status']]);
    expect((await api('viewer').get(`/cases/${caseId}/allegations`).expect(200)).body.data.map((a: { id: number }) => a.id)).toEqual([id]);
    const doc = (await api('viewer').get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths['/cases/{caseId}/allegations'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/cases/{caseId}/allegations/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
  });
});

describe('who may do what', () => {
  it('researchers and admins write; lawyers, analysts and viewers read and get 403 on every write', async () => {
    const caseId = await newCase('Roles');
    const id = await addAllegation(caseId);
    for (const role of ['lawyer', 'analyst', 'viewer'] as const) {
      expect((await page(role).get(`/cases/${caseId}`)).text).toContain(`id="allegation-${id}"`);
      await page(role).get(`/cases/${caseId}/allegations/new`).expect(403);
      await page(role).get(`/cases/${caseId}/allegations/${id}/edit`).expect(403);
      await page(role).get(`/cases/${caseId}/allegations/${id}/delete`).expect(403);
      await page(role).post(`/cases/${caseId}/allegations`, minimal()).expect(403);
      await page(role).post(`/cases/${caseId}/allegations/${id}`, minimal()).expect(403);
      await page(role).post(`/cases/${caseId}/allegations/${id}/delete`, {}).expect(403);
      await api(role).get(`/cases/${caseId}/allegations`).expect(200);
      await api(role).get(`/cases/${caseId}/allegations/${id}`).expect(200);
      await api(role).post(`/cases/${caseId}/allegations`, minimal()).expect(403);
      await api(role).patch(`/cases/${caseId}/allegations/${id}`, { status: 'disputed' }).expect(403);
      await api(role).delete(`/cases/${caseId}/allegations/${id}`).expect(403);
      const show = await page(role).get(`/cases/${caseId}`);
      expect(show.text).not.toContain(`/allegations/${id}/edit`);
      expect(show.text).not.toContain(`/cases/${caseId}/allegations/new`);
    }
    const byAdmin = await addAllegation(caseId, minimal({ summary: 'By the admin' }), 'admin');
    await api('admin').patch(`/cases/${caseId}/allegations/${byAdmin}`, { status: 'disputed' }).expect(200);
    await page('admin').post(`/cases/${caseId}/allegations/${id}`, minimal({ summary: 'Admin form edit' })).expect(303);
    await api('researcher').patch(`/cases/${caseId}/allegations/${byAdmin}`, { summary: 'Researcher edit' }).expect(200);
    await api('admin').delete(`/cases/${caseId}/allegations/${byAdmin}`).expect(204);
    expect((await api('viewer').get(`/cases/${caseId}/allegations/${id}`)).body.data.summary).toBe('Admin form edit');
  });

  it('a restricted case answers 404 for its allegations and their forms to non-members', async () => {
    const caseId = await newCase('Restricted', { restricted: true });
    const id = await addAllegation(caseId);
    const outsider = await makeUser(t.ds, 'researcher');
    const outsiderToken = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    const outsiderSession = await signIn(t.app, outsider.email);
    for (const get of [(p: string) => outsiderSession.agent.get(p), (p: string) => page('viewer').get(p)]) {
      for (const p of [`/cases/${caseId}/allegations/new`, `/cases/${caseId}/allegations/${id}`, `/cases/${caseId}/allegations/${id}/edit`, `/cases/${caseId}/allegations/${id}/delete`]) {
        expect([p, (await get(p)).status]).toEqual([p, 404]);
      }
    }
    const post = (p: string, body: object) => outsiderSession.agent.post(p).type('form').send(formBody({ _csrf: outsiderSession.csrf, ...body }).toString());
    await post(`/cases/${caseId}/allegations`, minimal()).expect(404);
    await post(`/cases/${caseId}/allegations/${id}`, minimal()).expect(404);
    await post(`/cases/${caseId}/allegations/${id}/delete`, {}).expect(404);
    for (const who of [outsiderToken, 'lawyer', 'analyst', 'viewer']) {
      await api(who).get(`/cases/${caseId}/allegations`).expect(404);
      await api(who).get(`/cases/${caseId}/allegations/${id}`).expect(404);
      await api(who).post(`/cases/${caseId}/allegations`, minimal()).expect(404);
      await api(who).patch(`/cases/${caseId}/allegations/${id}`, { status: 'disputed' }).expect(404);
      await api(who).delete(`/cases/${caseId}/allegations/${id}`).expect(404);
    }
    await api('researcher').get(`/cases/${caseId}/allegations/${id}`).expect(200);
    await api('admin').get(`/cases/${caseId}/allegations/${id}`).expect(200);
  });

  it('an allegation reached through another case’s address is not found', async () => {
    const caseA = await newCase('Case A');
    const caseB = await newCase('Case B');
    const id = await addAllegation(caseA);
    await page('researcher').get(`/cases/${caseB}/allegations/${id}/edit`).expect(404);
    await page('researcher').get(`/cases/${caseB}/allegations/${id}/delete`).expect(404);
    await page('researcher').post(`/cases/${caseB}/allegations/${id}`, minimal()).expect(404);
    await page('researcher').post(`/cases/${caseB}/allegations/${id}/delete`, {}).expect(404);
    await api('researcher').get(`/cases/${caseB}/allegations/${id}`).expect(404);
    await api('researcher').patch(`/cases/${caseB}/allegations/${id}`, { status: 'disputed' }).expect(404);
    await api('researcher').delete(`/cases/${caseB}/allegations/${id}`).expect(404);
    await api('researcher').get(`/cases/${caseA}/allegations/${id}`).expect(200);
  });
});

describe('validation', () => {
  it('refuses unknown methods, purposes and other terms with a message next to the field', async () => {
    const caseId = await newCase('Terms');
    const unknown = await page('researcher').post(`/cases/${caseId}/allegations`, minimal({ methods: ['beating', 'tickling'], purposes: ['sport'], status: 'maybe', perpetrators: [{ description: 'x', involvement: 'cheered', attribution: 'rumour' }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('“tickling” is not a term of the torture method list.');
    expect(unknown.text).toContain('“sport” is not a term of the purpose list.');
    expect(unknown.text).toContain('“maybe” is not a term of the allegation status list.');
    expect(unknown.text).toMatch(/id="f-perpetrators-0--involvement--error">.*?“cheered” is not a term of the involvement list/);
    expect(unknown.text).toContain('value="beating" checked');
    const malformed = await api('researcher').post(`/cases/${caseId}/allegations`, minimal({ methods: ['Beating; DROP TABLE'] }));
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.fields.methods).toBe('Give a method (a known id or code).');
    const viaApi = await api('researcher').post(`/cases/${caseId}/allegations`, minimal({ methods: ['waterboarding_deluxe'] }));
    expect(viaApi.status).toBe(422);
    expect(viaApi.body.error.fields.methods).toContain('is not a term of the torture method list');
    expect((await api('researcher').get(`/cases/${caseId}/allegations`)).body.data).toHaveLength(0);
  });

  it('refuses a perpetrator row that names nobody, and over-long or malformed input, never a 5xx', async () => {
    const caseId = await newCase('Rows');
    const nobody = await page('researcher').post(`/cases/${caseId}/allegations`, minimal({ perpetrators: [{ institutionId: '', personId: '', description: '', involvement: 'carried_out', attribution: 'unknown' }] }));
    expect(nobody.status).toBe(422);
    expect(nobody.text).toMatch(/id="f-perpetrators-0--description--error">.*?Choose an institution or a person, or describe who they were\./);
    expect(nobody.text).toContain('value="carried_out" selected');
    for (const body of [
      minimal({ summary: 's'.repeat(501) }),
      minimal({ duration: 'd'.repeat(2001) }),
      minimal({ perpetrators: [{ description: 'p'.repeat(2001), involvement: 'carried_out', attribution: 'unknown' }] }),
      minimal({ perpetrators: [{ description: 'who', involvement: '', attribution: 'unknown' }] }),
      minimal({ perpetrators: 'everyone' }),
      minimal({ eventIds: ['one'] }),
      minimal({ victimPersonId: 'me' }),
      minimal({ status: undefined }),
      minimal({ methods: { a: 1 } }),
    ]) {
      const r = await api('researcher').post(`/cases/${caseId}/allegations`, body);
      expect([JSON.stringify(body).slice(0, 70), r.status]).toEqual([JSON.stringify(body).slice(0, 70), 422]);
    }
  });

  it('refuses victims, perpetrators, places and events the user may not link to', async () => {
    const caseId = await newCase('Links');
    const other = await newCase('Other');
    const foreignEvent = await newEvent(other);
    const hidden = await insertPerson(t.ds, 'Protected Officer', { protectedIdentity: true });
    const res = await api('researcher').post(`/cases/${caseId}/allegations`, minimal({ victimPersonId: hidden.id, eventIds: [foreignEvent], institutionIds: [999999], perpetrators: [{ personId: hidden.id, institutionId: 888888, involvement: 'carried_out', attribution: 'unknown' }] }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({
      victimPersonId: 'Give a person (a known id or code).',
      'perpetrators.0.personId': 'Give a person (a known id or code).',
      'perpetrators.0.institutionId': 'Give an institution (a known id or code).',
      'institutionIds.0': 'Give an institution (a known id or code).',
      eventIds: 'Give events of this case.',
    });
    const form = await page('researcher').post(`/cases/${caseId}/allegations`, minimal({ victimPersonId: String(hidden.id), institutionIds: ['999999'] }));
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/id="f-victimPersonId-error">.*?Choose a person from the list\./);
    expect(form.text).toMatch(/id="f-institutionIds-0-error">.*?Choose an institution from the list\./);
    expect(form.text).not.toContain('Protected Officer');
  });
});

describe('hostile text', () => {
  it('round-trips every naughty string in the perpetrator description and the free text, shown escaped', async () => {
    const caseId = await newCase('Naughty strings');
    for (const s of BLNS) {
      const expected = s === '' ? null : s;
      const body = { status: 'alleged', summary: s, description: s, duration: s, physicalConsequences: s, psychologicalConsequences: s, perpetrators: s === '' ? [] : [{ description: s, involvement: 'carried_out', attribution: 'alleged_by_victim' }] };
      const res = await api('researcher').post(`/cases/${caseId}/allegations`, body);
      expect([s, res.status]).toEqual([s, 201]);
      const back = (await api('researcher').get(`/cases/${caseId}/allegations/${res.body.data.id}`)).body.data;
      expect([back.summary, back.description, back.duration, back.physicalConsequences, back.psychologicalConsequences]).toEqual([expected, expected, expected, expected, expected]);
      if (expected !== null) expect(back.perpetrators[0].description).toBe(s);
    }
    const show = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(show.text).not.toContain('<script>alert(123)</script>');
    expect(show.text).toContain(escapeHtml('<script>alert(123)</script>'));
    expect(show.text).not.toMatch(/<img src=x onerror/i);
    // Through the form too: the perpetrator row keeps its text exactly.
    const hostile = '"><svg onload=alert(1)> — ‮ reversed ‭ «Центр Э» \'; DROP TABLE perpetrator; --';
    const res = await page('researcher').post(`/cases/${caseId}/allegations`, { status: 'alleged', perpetrators: [{ description: hostile, involvement: 'present', attribution: 'claimed_by_perpetrator' }] });
    expect(res.status).toBe(303);
    const id = Number(/#allegation-(\d+)$/.exec(res.headers.location)![1]);
    expect((await api('viewer').get(`/cases/${caseId}/allegations/${id}`)).body.data.perpetrators[0].description).toBe(hostile);
    const edit = await page('researcher').get(`/cases/${caseId}/allegations/${id}/edit`);
    expect(edit.text).toContain(`value="${escapeHtml(hostile)}"`);
  });
});
