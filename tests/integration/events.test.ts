import path from 'node:path';
import request from 'supertest';
import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { BLNS, escapeHtml } from '../support/blns';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { latinize, matchKey } from '../../src/people/transliterate';
import { EventLink } from '../../src/events/event-link.entity';
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
/** The picture as text (supertest keeps image responses as a Buffer). */
const svgText = (res: request.Response) => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text);

async function newCase(title = 'Events case', opts: { restricted?: boolean; by?: Role } = {}): Promise<number> {
  const res = await api(opts.by ?? 'researcher').post('/cases', { title, status: 'open', restricted: opts.restricted ?? false }).expect(201);
  return res.body.data.id;
}

async function newInstitution(name: string): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  const row = await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type: 'police_unit', parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }));
  return row.id;
}

const arrest = (extra: object = {}) => ({ type: 'arrest', title: 'Detained in Nalchik', date: { precision: 'day', value: '2005-10-23' }, place: 'Nalchik', ...extra });

async function addEvent(caseId: number, body: object = arrest(), role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/events`, body);
  if (res.status !== 201) throw new Error(`event not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

/** Only the SVG elements the renderer writes, and every & an entity: nothing from a title became markup. */
function expectSafeSvg(svg: string) {
  const tags = [...svg.matchAll(/<\/?([^\s>/]+)/g)].map((m) => m[1]);
  expect(new Set(tags.filter((n) => !['?xml', 'svg', 'title', 'desc', 'g', 'rect', 'line', 'circle', 'path', 'text'].includes(n)))).toEqual(new Set());
  expect(svg.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toMatch(/&/);
  expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
}


describe('events through the pages', () => {
  it('a researcher adds an event from the form and is sent back to it on the case page; the creation is audited without values', async () => {
    const caseId = await newCase();
    const form = await page('researcher').get(`/cases/${caseId}/events/new`).expect(200);
    expect(form.text).toContain('name="date[precision]"');
    expect(form.text).toContain('name="people[0][personId]"');
    expect(form.text).toContain('name="institutionIds[0]"');
    const institution = await newInstitution('ROVD of Nalchik');
    const person = await insertPerson(t.ds, 'Rasul Kudaev');
    const res = await page('researcher').post(`/cases/${caseId}/events`, {
      type: 'arrest',
      title: 'Detained after the attack',
      date: { precision: 'day', value: '2005-10-23' },
      place: 'Nalchik',
      description: 'Taken from his home by masked men.',
      institutionIds: [String(institution), ''],
      people: [{ personId: String(person.id), role: 'victim' }, { personId: '', role: '' }],
    });
    expect(res.status).toBe(303);
    const match = /^\/cases\/(\d+)#event-(\d+)$/.exec(res.headers.location);
    expect(match?.[1]).toBe(String(caseId));
    const eventId = Number(match![2]);
    const show = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(show.text).toContain('Event added.');
    expect(show.text).toContain(`id="event-${eventId}"`);
    expect(show.text).toContain('Detained after the attack');
    expect(show.text).toContain('ROVD of Nalchik');
    expect(show.text).toContain('Rasul Kudaev');
    expect(show.text).toContain('23 Oct 2005');
    expect(show.text).toContain(`src="/cases/${caseId}/timeline.svg"`);
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'event.create', recordId: String(eventId) });
    expect(JSON.parse(audit.fields)).toEqual(['date', 'description', 'institutions', 'people', 'place', 'title', 'type']);
    expect(JSON.parse(audit.detail)).toEqual({ caseId });
    expect(JSON.stringify(audit)).not.toContain('masked men');
  });

  it('edits an event; the edit page shows its history and only changed fields are audited', async () => {
    const caseId = await newCase();
    const eventId = await addEvent(caseId);
    const edit = await page('researcher').get(`/cases/${caseId}/events/${eventId}/edit`).expect(200);
    expect(edit.text).toContain('value="Detained in Nalchik"');
    expect(edit.text).toContain('value="2005-10-23"');
    expect(edit.text).toMatch(/recorded an event/);
    const res = await page('researcher').post(`/cases/${caseId}/events/${eventId}`, { type: 'arrest', title: 'Detained in Nalchik', date: { precision: 'month', value: '2005-10' }, place: 'Nalchik, Kabardino-Balkaria' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${caseId}#event-${eventId}`);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'event', recordId: String(eventId) }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['event.create', 'event.update']);
    expect(JSON.parse(entries[1].fields)).toEqual(['date', 'place']);
    const again = await page('researcher').get(`/cases/${caseId}/events/${eventId}/edit`).expect(200);
    expect(again.text).toMatch(/changed an event: [^<]*date/);
    expect(again.text).toContain('value="2005-10"');
  });

  it('"add another" shows one more row without saving; blank rows are ignored', async () => {
    const caseId = await newCase();
    const res = await page('researcher').post(`/cases/${caseId}/events`, { _more: 'people', type: 'arrest', title: 'Kept', people: [{ personId: '', role: '' }, { personId: '', role: '' }] });
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="people[2][personId]"');
    expect(res.text).not.toContain('name="people[3][personId]"');
    expect(res.text).toContain('value="Kept"');
    expect((await api('researcher').get(`/cases/${caseId}/events`).expect(200)).body.data).toHaveLength(0);
  });

  it('deletes an event after a confirmation page; links from other events go with it', async () => {
    const caseId = await newCase();
    const a = await addEvent(caseId);
    const b = await addEvent(caseId, { type: 'torture_ill_treatment', title: 'Beaten', date: { precision: 'day', value: '2005-10-24' }, followsFrom: [a] });
    expect(await t.ds.getRepository(EventLink).countBy({ fromEventId: a, toEventId: b })).toBe(1);
    const confirm = await page('researcher').get(`/cases/${caseId}/events/${a}/delete`).expect(200);
    expect(confirm.text).toContain('Move this event to the trash?');
    expect(confirm.text).toContain('Detained in Nalchik');
    const res = await page('researcher').post(`/cases/${caseId}/events/${a}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${caseId}#events`);
    await api('researcher').get(`/cases/${caseId}/events/${a}`).expect(404);
    expect(await t.ds.getRepository(EventLink).countBy({ toEventId: b })).toBe(0);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'event.delete', recordId: String(a) })).toBe(1);
  });

  it('shows causes and follows-from links both ways on the case page', async () => {
    const caseId = await newCase();
    const beating = await addEvent(caseId, { type: 'torture_ill_treatment', title: 'Beaten in custody', date: { precision: 'day', value: '2005-10-24' } });
    const confession = await addEvent(caseId, { type: 'confession', title: 'Signed a confession', date: { precision: 'day', value: '2005-10-25' }, followsFrom: [beating] });
    const show = await page('viewer').get(`/cases/${caseId}`).expect(200);
    const item = (id: number) => show.text.slice(show.text.indexOf(`id="event-${id}"`), show.text.indexOf('</li>', show.text.indexOf(`id="event-${id}"`)));
    expect(item(confession)).toContain('Follows from');
    expect(item(confession)).toContain(`href="#event-${beating}"`);
    expect(item(beating)).toContain('Caused');
    expect(item(beating)).toContain(`href="#event-${confession}"`);
    const json = (await api('viewer').get(`/cases/${caseId}/events/${beating}`).expect(200)).body.data;
    expect(json.causes).toEqual([{ id: confession, caption: '25 Oct 2005 · Confession · Signed a confession' }]);
  });
});

describe('the API', () => {
  it('lists, reads, changes and deletes events; a date read from the API can be sent back as it is', async () => {
    const caseId = await newCase('API');
    const id = await addEvent(caseId, arrest({ date: { precision: 'approximate', value: '2005-10' } }));
    const read = (await api('researcher').get(`/cases/${caseId}/events/${id}`).expect(200)).body.data;
    expect(read.date).toEqual({ precision: 'approximate', start: '2005-09-01', end: '2005-11-30', text: 'c. Oct 2005', uncertain: true });
    const echoed = await api('researcher').patch(`/cases/${caseId}/events/${id}`, { date: read.date, title: 'Renamed' }).expect(200);
    expect(echoed.body.data.date).toEqual(read.date);
    expect(echoed.body.data.title).toBe('Renamed');
    expect(echoed.body.data.place).toBe('Nalchik');
    const bent = await api('researcher').patch(`/cases/${caseId}/events/${id}`, { date: { precision: 'month', start: '2005-04-01', end: '2005-06-30' } });
    expect(bent.status).toBe(422);
    expect(bent.body.error.fields['date.value']).toBeDefined();
    const list = await api('viewer').get(`/cases/${caseId}/events`).expect(200);
    expect(list.body.data.map((e: { id: number }) => e.id)).toEqual([id]);
    const fields = (await t.ds.getRepository(AuditEntry).find({ where: { action: 'event.update', recordId: String(id) } })).map((e) => JSON.parse(e.fields));
    expect(fields).toEqual([['title']]);
    const doc = (await api('viewer').get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths['/cases/{caseId}/events'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/cases/{caseId}/events/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(doc.components.schemas.Event).toBeDefined();
  });
});

describe('who may do what', () => {
  it('researchers and admins write; lawyers, analysts and viewers read and get 403 on every write', async () => {
    const caseId = await newCase('Roles');
    const eventId = await addEvent(caseId);
    for (const role of ['lawyer', 'analyst', 'viewer'] as const) {
      await page(role).get(`/cases/${caseId}`).expect(200);
      await page(role).get(`/cases/${caseId}/timeline.svg`).expect(200);
      await page(role).get(`/cases/${caseId}/events/new`).expect(403);
      await page(role).get(`/cases/${caseId}/events/${eventId}/edit`).expect(403);
      await page(role).get(`/cases/${caseId}/events/${eventId}/delete`).expect(403);
      await page(role).post(`/cases/${caseId}/events`, arrest()).expect(403);
      await page(role).post(`/cases/${caseId}/events/${eventId}`, arrest()).expect(403);
      await page(role).post(`/cases/${caseId}/events/${eventId}/delete`, {}).expect(403);
      await api(role).get(`/cases/${caseId}/events`).expect(200);
      await api(role).get(`/cases/${caseId}/events/${eventId}`).expect(200);
      await api(role).post(`/cases/${caseId}/events`, arrest()).expect(403);
      await api(role).patch(`/cases/${caseId}/events/${eventId}`, { title: 'x' }).expect(403);
      await api(role).delete(`/cases/${caseId}/events/${eventId}`).expect(403);
      const show = await page(role).get(`/cases/${caseId}`);
      expect(show.text).not.toContain(`/cases/${caseId}/events/${eventId}/edit`);
      expect(show.text).not.toContain(`/cases/${caseId}/events/new`);
    }
    const researcherPage = await page('researcher').get(`/cases/${caseId}`);
    expect(researcherPage.text).toContain(`/cases/${caseId}/events/${eventId}/edit`);
    const adminEvent = await addEvent(caseId, arrest({ title: 'By the admin' }), 'admin');
    await api('admin').patch(`/cases/${caseId}/events/${adminEvent}`, { title: 'Changed by the admin' }).expect(200);
    await page('admin').post(`/cases/${caseId}/events/${eventId}`, arrest({ title: 'Admin form edit' })).expect(303);
    await api('admin').delete(`/cases/${caseId}/events/${adminEvent}`).expect(204);
    expect((await api('viewer').get(`/cases/${caseId}/events/${eventId}`)).body.data.title).toBe('Admin form edit');
  });

  it('a restricted case answers 404 for its events, its timeline and its forms to non-members, not to members and admins', async () => {
    const caseId = await newCase('Restricted', { restricted: true });
    const eventId = await addEvent(caseId);
    const outsider = await makeUser(t.ds, 'researcher');
    const outsiderToken = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    const outsiderSession = await signIn(t.app, outsider.email);
    const outsiderPost = (p: string, body: object) => outsiderSession.agent.post(p).type('form').send({ _csrf: outsiderSession.csrf, ...body });
    for (const get of [(p: string) => outsiderSession.agent.get(p), (p: string) => page('viewer').get(p), (p: string) => page('lawyer').get(p)]) {
      for (const p of [`/cases/${caseId}/timeline.svg`, `/cases/${caseId}/events/new`, `/cases/${caseId}/events/${eventId}`, `/cases/${caseId}/events/${eventId}/edit`, `/cases/${caseId}/events/${eventId}/delete`]) {
        expect([p, (await get(p)).status]).toEqual([p, 404]);
      }
    }
    await outsiderPost(`/cases/${caseId}/events`, arrest()).expect(404);
    await outsiderPost(`/cases/${caseId}/events/${eventId}`, arrest()).expect(404);
    await outsiderPost(`/cases/${caseId}/events/${eventId}/delete`, {}).expect(404);
    for (const who of [outsiderToken, 'viewer', 'analyst']) {
      await api(who).get(`/cases/${caseId}/events`).expect(404);
      await api(who).get(`/cases/${caseId}/events/${eventId}`).expect(404);
      await api(who).post(`/cases/${caseId}/events`, arrest()).expect(404);
      await api(who).patch(`/cases/${caseId}/events/${eventId}`, { title: 'x' }).expect(404);
      await api(who).delete(`/cases/${caseId}/events/${eventId}`).expect(404);
    }
    await api('researcher').get(`/cases/${caseId}/events/${eventId}`).expect(200);
    await api('admin').get(`/cases/${caseId}/events/${eventId}`).expect(200);
    await page('admin').get(`/cases/${caseId}/timeline.svg`).expect(200);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'event.delete', recordId: String(eventId) })).toBe(0);
  });

  it('an event reached through another case’s address is not found', async () => {
    const caseA = await newCase('Case A');
    const caseB = await newCase('Case B');
    const eventA = await addEvent(caseA);
    await page('researcher').get(`/cases/${caseB}/events/${eventA}/edit`).expect(404);
    await page('researcher').get(`/cases/${caseB}/events/${eventA}/delete`).expect(404);
    await page('researcher').get(`/cases/${caseB}/events/${eventA}`).expect(404);
    await page('researcher').post(`/cases/${caseB}/events/${eventA}`, arrest({ title: 'Moved?' })).expect(404);
    await page('researcher').post(`/cases/${caseB}/events/${eventA}/delete`, {}).expect(404);
    await api('researcher').get(`/cases/${caseB}/events/${eventA}`).expect(404);
    await api('researcher').patch(`/cases/${caseB}/events/${eventA}`, { title: 'Moved?' }).expect(404);
    await api('researcher').delete(`/cases/${caseB}/events/${eventA}`).expect(404);
    await page('researcher').get(`/cases/${caseA}/events/abc/edit`).expect(404);
    const still = (await api('researcher').get(`/cases/${caseA}/events/${eventA}`).expect(200)).body.data;
    expect(still.title).toBe('Detained in Nalchik');
    expect(still.caseId).toBe(caseA);
  });
});

describe('validation', () => {
  it('refuses impossible dates, years out of range and ranges ending before they start, with the message next to the field', async () => {
    const caseId = await newCase('Dates');
    const feb30 = await page('researcher').post(`/cases/${caseId}/events`, arrest({ date: { precision: 'day', value: '2005-02-30' } }));
    expect(feb30.status).toBe(422);
    expect(feb30.text).toMatch(/id="f-date-value-error">[^<]*2005-02-30 is not a day in the calendar/);
    expect(feb30.text).toContain('value="2005-02-30"');
    const backwards = await page('researcher').post(`/cases/${caseId}/events`, arrest({ date: { precision: 'range', start: '2005-09', end: '2005-04' } }));
    expect(backwards.status).toBe(422);
    expect(backwards.text).toMatch(/id="f-date-end-error">[^<]*The end of the range is before its start/);
    const old = await page('researcher').post(`/cases/${caseId}/events`, arrest({ date: { precision: 'year', value: '1800' } }));
    expect(old.status).toBe(422);
    expect(old.text).toMatch(/id="f-date-value-error">[^<]*between 1900 and 2100/);
    const missing = await page('researcher').post(`/cases/${caseId}/events`, arrest({ date: { precision: 'day', value: '' } }));
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Enter the date, even if only the year.');
    const apiBad = await api('researcher').post(`/cases/${caseId}/events`, arrest({ date: { precision: 'range', start: '2006-05-01', end: '2005-09-01' } }));
    expect(apiBad.status).toBe(422);
    expect(apiBad.body.error.fields['date.end']).toContain('before its start');
    await api('researcher').post(`/cases/${caseId}/events`, arrest({ date: { precision: 'day', value: '1800-01-01' } })).expect(422);
    expect((await api('researcher').get(`/cases/${caseId}/events`)).body.data).toHaveLength(0);
  });

  it('accepts approximate dates and marks every uncertain date on the page', async () => {
    const caseId = await newCase('Approximate');
    const res = await page('researcher').post(`/cases/${caseId}/events`, arrest({ date: { precision: 'approximate', value: '2005' } }));
    expect(res.status).toBe(303);
    const json = (await api('viewer').get(`/cases/${caseId}/events`)).body.data[0];
    expect(json.date).toEqual({ precision: 'approximate', start: '2004-01-01', end: '2006-12-31', text: 'c. 2005', uncertain: true });
    expect(json.dateLabel).toBe('c. 2005');
    expect(json.uncertain).toBe(true);
    const show = await page('viewer').get(`/cases/${caseId}`);
    expect(show.text).toContain('c. 2005');
    expect(show.text).toContain('≈ approximate');
    expect(show.text).toContain('tl-mark tl-detention is-uncertain');
  });

  it('refuses unknown vocabulary terms, over-long text and malformed rows with a message, never a 5xx', async () => {
    const caseId = await newCase('Terms');
    const person = await insertPerson(t.ds, 'Anzor Witness');
    const res = await page('researcher').post(`/cases/${caseId}/events`, arrest({ type: 'teleportation', title: 'x'.repeat(501), people: [{ personId: String(person.id), role: 'emperor' }] }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('The title has at most 500 characters.');
    const terms = await page('researcher').post(`/cases/${caseId}/events`, arrest({ type: 'teleportation', people: [{ personId: String(person.id), role: 'emperor' }] }));
    expect(terms.status).toBe(422);
    expect(terms.text).toContain('is not a term of the event type list');
    expect(terms.text).toMatch(/id="f-people-0--role--error">.*?“emperor” is not a term of the participant role list/);
    for (const body of [
      arrest({ place: 'p'.repeat(501) }),
      arrest({ description: 'd'.repeat(20_001) }),
      arrest({ people: 'nonsense' }),
      arrest({ people: [{ personId: 'abc', role: 'victim' }] }),
      arrest({ institutionIds: [{ evil: true }] }),
      arrest({ causes: ['1; DROP TABLE case_event'] }),
      arrest({ date: 'yesterday' }),
      arrest({ title: 42 }),
      { date: { precision: 'century', value: '2005' }, type: 'arrest' },
    ]) {
      const r = await api('researcher').post(`/cases/${caseId}/events`, body);
      expect([JSON.stringify(body).slice(0, 60), r.status]).toEqual([JSON.stringify(body).slice(0, 60), 422]);
      expect(r.body.error.fields).toBeDefined();
    }
  });

  it('refuses links to institutions that do not exist, people the user may not see and events of other cases', async () => {
    const caseId = await newCase('Links');
    const otherCase = await newCase('Other');
    const foreignEvent = await addEvent(otherCase);
    const hidden = await insertPerson(t.ds, 'Secret Witness', { protectedIdentity: true });
    const page422 = await page('researcher').post(`/cases/${caseId}/events`, arrest({ institutionIds: ['999999'], people: [{ personId: String(hidden.id), role: 'witness' }] }));
    expect(page422.status).toBe(422);
    expect(page422.text).toContain('Choose an institution from the list.');
    expect(page422.text).toContain('Choose a person from the list.');
    expect(page422.text).not.toContain('Secret Witness');
    const viaApi = await api('researcher').post(`/cases/${caseId}/events`, arrest({ people: [{ personId: hidden.id, role: 'witness' }], causes: [foreignEvent] }));
    expect(viaApi.status).toBe(422);
    expect(viaApi.body.error.fields['people.0.personId']).toBe('Give a person (a known id or code).');
    expect(viaApi.body.error.fields.causes).toBe('Give events of this case.');
    const own = await addEvent(caseId);
    await api('researcher').patch(`/cases/${caseId}/events/${own}`, { causes: [own] }).expect(422);
    await api('researcher').patch(`/cases/${caseId}/events/${own}`, { followsFrom: [foreignEvent] }).expect(422);
    // A person protected in a case the researcher is a member of is visible to them.
    const cleared = await insertPerson(t.ds, 'Cleared Witness', { protectedIdentity: true });
    await insertParticipant(t.ds, caseId, cleared.id, 'witness');
    const ok = await api('researcher').post(`/cases/${caseId}/events`, arrest({ people: [{ personId: cleared.id, role: 'witness' }] })).expect(201);
    expect(ok.body.data.people[0]).toMatchObject({ label: 'Cleared Witness', hidden: false });
    // ...and shows as a pseudonym to a viewer, on the page and in the API.
    const viewerJson = await api('viewer').get(`/cases/${caseId}/events/${ok.body.data.id}`).expect(200);
    expect(JSON.stringify(viewerJson.body)).not.toContain('Cleared Witness');
    expect(viewerJson.body.data.people[0].label).toBe(`Person P-${String(cleared.id).padStart(4, '0')}`);
    expect((await page('viewer').get(`/cases/${caseId}`)).text).not.toContain('Cleared Witness');
    // A researcher who sees only the pseudonym can still save the event without losing the person.
    const colleague = await makeUser(t.ds, 'researcher');
    const colleagueToken = (await createApiToken(t.ds, CLI_ACTOR, colleague.id, 't')).token;
    const kept = await api(colleagueToken).patch(`/cases/${caseId}/events/${ok.body.data.id}`, { title: 'Renamed by a colleague' }).expect(200);
    expect(kept.body.data.people).toEqual([expect.objectContaining({ id: cleared.id, hidden: true, role: 'witness' })]);
    // ...but cannot add that person to another event by id.
    await api(colleagueToken).post(`/cases/${caseId}/events`, arrest({ people: [{ personId: cleared.id, role: 'witness' }] })).expect(422);
  });
});

describe('hostile text', () => {
  it('round-trips every naughty string in title, place and description, shown escaped on the page and in the picture', async () => {
    const caseId = await newCase('Naughty strings');
    for (const s of BLNS) {
      const res = await api('researcher').post(`/cases/${caseId}/events`, { type: 'other', title: s, place: s, description: s, date: { precision: 'day', value: '2005-01-01' } });
      expect([s, res.status]).toEqual([s, 201]);
      const expected = s === '' ? null : s;
      const back = (await api('researcher').get(`/cases/${caseId}/events/${res.body.data.id}`)).body.data;
      expect([back.title, back.place, back.description]).toEqual([expected, expected, expected]);
    }
    const show = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(show.text).not.toContain('<script>alert(123)</script>');
    expect(show.text).toContain(escapeHtml('<script>alert(123)</script>'));
    expect(show.text).not.toMatch(/<img src=x onerror/i);
    const res = await page('researcher').get(`/cases/${caseId}/timeline.svg`).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = svgText(res);
    expectSafeSvg(svg);
    expect(svg).toContain('&lt;script&gt;alert(123)&lt;/script&gt;');
  });
});

describe('the Gumarov and Ishmuratov case', () => {
  it('is entered through the forms and appears in order in the list and as marks and bars in the picture', async () => {
    const caseId = await newCase('Ravil Gumarov and Timur Ishmuratov');
    const steps: { type: string; title: string; date: Record<string, string>; place?: string; followsFrom?: string }[] = [
      { type: 'arrest', title: 'Gumarov and Ishmuratov detained', date: { precision: 'month', value: '2005-04' }, place: 'Tatarstan' },
      { type: 'torture_ill_treatment', title: 'Beaten in custody until they confessed', date: { precision: 'month', value: '2005-04' } },
      { type: 'torture_ill_treatment', title: 'Gumarov deprived of sleep for about a week', date: { precision: 'range', start: '2005-04', end: '2005-05' } },
      { type: 'torture_ill_treatment', title: 'Shackled to a small cage, hands over his head', date: { precision: 'approximate', value: '2005-05' } },
      { type: 'retraction', title: 'Recanted their confessions at trial', date: { precision: 'approximate', value: '2005-08' }, followsFrom: 'Beaten' },
      { type: 'acquittal', title: 'Acquitted by the jury', date: { precision: 'month', value: '2005-09' } },
      { type: 'annulment', title: 'Acquittal annulled at the prosecutors’ request', date: { precision: 'range', start: '2005-09', end: '2006-05' }, followsFrom: 'Acquitted' },
      { type: 'verdict', title: 'Convicted at the retrial', date: { precision: 'month', value: '2006-05' }, followsFrom: 'Acquittal annulled' },
    ];
    const ids: number[] = [];
    // Entered out of order, as information arrives.
    for (const i of [5, 0, 1, 7, 2, 3, 6, 4]) {
      const step = steps[i];
      const earlier = step.followsFrom ? steps.findIndex((s) => s.title.startsWith(step.followsFrom!)) : -1;
      const res = await page('researcher').post(`/cases/${caseId}/events`, { ...step, followsFrom: earlier >= 0 && ids[earlier] ? [String(ids[earlier])] : [] });
      expect([step.title, res.status]).toEqual([step.title, 303]);
      ids[i] = Number(/#event-(\d+)$/.exec(res.headers.location)![1]);
    }
    const show = await page('lawyer').get(`/cases/${caseId}`).expect(200);
    const positions = ids.map((id) => show.text.indexOf(`id="event-${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(show.text).toContain('Apr 2005 – May 2005');
    expect(show.text).toContain('c. May 2005');
    expect(show.text).toContain('Sep 2005 – May 2006');

    const svg = svgText(await page('lawyer').get(`/cases/${caseId}/timeline.svg?layout=narrow`).expect(200));
    expectSafeSvg(svg);
    const groups = ids.map((id) => svg.indexOf(`id="timeline-event-${id}"`));
    expect(groups.every((p) => p > 0)).toBe(true);
    expect([...groups].sort((a, b) => a - b)).toEqual(groups);
    const group = (i: number) => svg.slice(svg.lastIndexOf('<g ', groups[i]), svg.indexOf('</g>', groups[i]));
    expect(group(0)).toContain('date-window');
    expect(group(0)).toContain('bar-window');
    expect(group(0)).toContain('≈ Apr 2005');
    expect(group(2)).toContain('bar-range');
    expect(group(3)).toContain('bar-window');
    expect(group(3)).toContain('≈ May 2005');
    expect(group(6)).toContain('bar-range');
    expect(group(7)).toContain('Convicted at the retrial');
    expect(svg).toContain('width="360"');
    const wide = svgText(await page('lawyer').get(`/cases/${caseId}/timeline.svg`).expect(200));
    expect(wide).toContain('viewBox="0 0 960 ');
    expect(wide).toContain('>2006<');
  });
});
