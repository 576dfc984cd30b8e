import { TestApp, startTestApp } from '../support/app';
import { Role, apiAs, everyRole, pageAs } from '../support/roles';
import { insertParticipant, insertPerson } from '../support/records';
import { CaseRecord } from '../../src/cases/case.entity';
import { CaseMember } from '../../src/cases/case-member.entity';
import { Person, personPseudonym } from '../../src/people/person.entity';

/**
 * Every record form that takes a person's number treats the number of a protected person the
 * user is not cleared for exactly like a number that belongs to nobody: the same status, the
 * same message next to the field, and no name or pseudonym shown back ("Chosen: …"), so a
 * typed or hand-edited number does not tell a protected person from a missing one. A person
 * the record already names stays shown (as the pseudonym the case page shows anyway).
 */
let t: TestApp;
let who: Awaited<ReturnType<typeof everyRole>>;
let caseId: number;
let secret: Person;
let known: Person;
const NOBODY = 987654;

const page = (role: Role = 'researcher') => pageAs(who.sessions[role]);
const api = (role: Role = 'researcher') => apiAs(t.app, who.tokens[role]);

/** Each form, with a body naming `id` in its person field, and the key its message is shown under. */
const FORMS: { name: string; path: string; field: string; body: (id: number) => object; otherError: object }[] = [
  { name: 'event', path: 'events', field: 'people.0.personId', body: (id) => ({ type: 'arrest', date: { precision: 'day', value: '2005-10-13' }, people: [{ personId: String(id), role: 'victim' }] }), otherError: { type: 'no_such_term' } },
  { name: 'allegation (victim)', path: 'allegations', field: 'victimPersonId', body: (id) => ({ victimPersonId: String(id), status: 'alleged', summary: 'Beaten' }), otherError: { status: 'no_such_term' } },
  { name: 'allegation (perpetrator)', path: 'allegations', field: 'perpetrators.0.personId', body: (id) => ({ status: 'alleged', summary: 'Beaten', perpetrators: [{ personId: String(id), involvement: 'carried_out', attribution: 'alleged_by_victim' }] }), otherError: { status: 'no_such_term' } },
  { name: 'statement', path: 'statements', field: 'makerPersonId', body: (id) => ({ makerPersonId: String(id), kind: 'confession' }), otherError: { kind: 'no_such_term' } },
  { name: 'complaint', path: 'complaints', field: 'filedByPersonId', body: (id) => ({ filedByPersonId: String(id), request: 'open_criminal_investigation' }), otherError: { request: 'no_such_term' } },
  { name: 'proceeding', path: 'proceedings', field: 'defendants', body: (id) => ({ title: 'Trial', defendants: [String(id)] }), otherError: { courtInstitutionId: String(NOBODY) } },
];

/** The page without what legitimately differs between two posts: the number typed, the request id. */
const normalise = (html: string, id: number) => html.split(`value="${id}" type="text"`).join('value="ID" type="text"').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID');

beforeAll(async () => {
  t = await startTestApp();
  who = await everyRole(t.app, t.ds);
  const c = await t.ds.getRepository(CaseRecord).save({ code: 'RU-2012-0501', title: 'Forms case', status: 'open', restricted: false, createdById: who.users.admin.id });
  caseId = c.id;
  await t.ds.getRepository(CaseMember).insert({ caseId, userId: who.users.researcher.id });
  // Protected, created by the admin, in no case of the researcher: the researcher is not cleared.
  secret = await insertPerson(t.ds, 'Zaur Protectedov', { protectedIdentity: true, createdById: who.users.admin.id });
  known = await insertPerson(t.ds, 'Ruslan Openov');
  await insertParticipant(t.ds, caseId, known.id);
  // The check below must be able to fail: the vocabularies used by the forms exist.
  for (const f of FORMS) {
    const res = await api().post(`/cases/${caseId}/${f.path}`, f.body(known.id));
    expect([f.name, res.status, res.body.error]).toEqual([f.name, 201, undefined]);
  }
});
afterAll(() => t.close());

describe.each(FORMS)('the $name form', ({ path, field, body, otherError }) => {
  it('answers a protected person the user is not cleared for exactly like a number that belongs to nobody (page)', async () => {
    const hidden = await page().post(`/cases/${caseId}/${path}`, body(secret.id));
    const missing = await page().post(`/cases/${caseId}/${path}`, body(NOBODY));
    expect([hidden.status, missing.status]).toEqual([422, 422]);
    expect(hidden.text).toMatch(/Choose (a|each) (person|defendant) from the list\./);
    for (const res of [hidden, missing]) {
      expect(res.text).not.toContain(personPseudonym(secret.id));
      expect(res.text).not.toContain('Zaur');
      expect(res.text).not.toContain('Chosen:');
    }
    expect(normalise(hidden.text, secret.id)).toBe(normalise(missing.text, NOBODY));
  });

  it('answers the same through the API', async () => {
    const hidden = await api().post(`/cases/${caseId}/${path}`, body(secret.id));
    const missing = await api().post(`/cases/${caseId}/${path}`, body(NOBODY));
    expect([hidden.status, missing.status]).toEqual([422, 422]);
    expect(Object.keys(hidden.body.error.fields)).toContain(field.split('.')[0] === 'defendants' ? 'defendants' : field);
    expect(hidden.body.error.fields).toEqual(missing.body.error.fields);
    expect(JSON.stringify(hidden.body)).not.toContain(personPseudonym(secret.id));
  });

  it('shows an admin (cleared for everyone) the name of the person chosen', async () => {
    // A hand-edited form with another error: the admin sees the chosen person's name again.
    const res = await page('admin').post(`/cases/${caseId}/${path}`, { ...body(secret.id), ...otherError });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Zaur Protectedov');
  });
});

describe('the participants form of the case page', () => {
  it('refuses both numbers with the same message and shows no pseudonym', async () => {
    const texts: string[] = [];
    for (const id of [secret.id, NOBODY]) {
      const res = await page().post(`/cases/${caseId}/participants`, { personId: String(id), role: 'witness' });
      expect(res.status).toBe(303);
      const shown = await page().get(res.headers.location).expect(200);
      expect(shown.text).toContain('Not saved: Choose a person from the list.');
      expect(shown.text).not.toContain(personPseudonym(secret.id));
      texts.push((await api().post(`/cases/${caseId}/participants`, { personId: id, role: 'witness' })).text.replace(/"id":"[^"]*"/, ''));
    }
    expect(texts[0]).toBe(texts[1]);
  });
});

describe('a record that already names a protected person', () => {
  it('keeps showing that person as the pseudonym to a colleague who is not cleared, and saves without losing them', async () => {
    const created = await api('admin').post(`/cases/${caseId}/events`, { type: 'arrest', date: { precision: 'day', value: '2005-10-13' }, people: [{ personId: secret.id, role: 'victim' }] }).expect(201);
    const eventId = created.body.data.id;
    const edit = await page().get(`/cases/${caseId}/events/${eventId}/edit`).expect(200);
    expect(edit.text).toContain(`Person ${personPseudonym(secret.id)}`);
    expect(edit.text).not.toContain('Zaur');
    const again = await page().post(`/cases/${caseId}/events/${eventId}`, { type: 'no_such_term', date: { precision: 'day', value: '2005-10-13' }, people: [{ personId: String(secret.id), role: 'victim' }] });
    expect(again.status).toBe(422);
    expect(again.text).toContain(`Person ${personPseudonym(secret.id)}`);
    const saved = await page().post(`/cases/${caseId}/events/${eventId}`, { type: 'arrest', title: 'Arrest at home', date: { precision: 'day', value: '2005-10-13' }, people: [{ personId: String(secret.id), role: 'victim' }] });
    expect(saved.status).toBe(303);
  });

  it('the same for the victim of an allegation', async () => {
    const created = await api('admin').post(`/cases/${caseId}/allegations`, { victimPersonId: secret.id, status: 'alleged', summary: 'Beaten' }).expect(201);
    const edit = await page().get(`/cases/${caseId}/allegations/${created.body.data.id}/edit`).expect(200);
    expect(edit.text).toContain(`Person ${personPseudonym(secret.id)}`);
    expect(edit.text).not.toContain('Zaur');
  });
});
