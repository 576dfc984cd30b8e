/**
 * Issue 15, fewer clicks: the shortcuts of the record forms, over HTTP against a migrated database.
 * A new complaint takes its first response in the same form (one transaction, with the audit
 * entries of both; the responding institution defaults to the addressee); "Save and add another"
 * on events, and "like it" on statements and complaints (what repeats carries over, never the
 * text); a new allegation's victim is the case's only victim.
 */
import { Role, Session, everyRole, pageAs, apiAs } from '../support/roles';
import { BLNS, BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { TestApp, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { Complaint } from '../../src/complaints/complaint.entity';
import { ComplaintResponse } from '../../src/complaints/complaint-response.entity';
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

const page = (role: Role) => pageAs(sessions[role]);
const day = (value: string) => ({ precision: 'day', value });

async function newCase(title: string): Promise<number> {
  return (await apiAs(t.app, tokens.researcher).post('/cases', { title, status: 'open' }).expect(201)).body.data.id;
}
async function newInstitution(name: string, type = 'prosecutors_office'): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type, parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }))).id;
}
const auditCount = () => t.ds.getRepository(AuditEntry).count();
const complaintsOf = (caseId: number) => t.ds.getRepository(Complaint).find({ where: { caseId }, order: { id: 'ASC' } });

describe('a complaint with its first response, in one form', () => {
  it('writes the complaint and its refusal together, the refusal from the addressee, each with its audit entries', async () => {
    const caseId = await newCase('Complaint and refusal at once');
    const prosecutor = await newInstitution('Nalchik City Prosecutor’s Office');
    const form = await page('researcher').get(`/cases/${caseId}/complaints/new`).expect(200);
    expect(form.text).toContain('First response, if already known');
    expect(form.text).toContain('Save and add another like it');

    const res = await page('researcher').post(`/cases/${caseId}/complaints`, {
      filedByText: 'His defence', toInstitutionId: String(prosecutor), date: day('2005-11-10'), request: 'open_criminal_investigation', description: BLNS_NON_BLANK[5],
      responseOutcome: 'refused_to_open', responseDate: day('2005-11-21'), responseInstitutionId: '',
    });
    expect(res.status).toBe(303);
    const id = Number(new RegExp(`^/cases/${caseId}#complaint-(\\d+)$`).exec(res.headers.location)![1]);
    const responses = await t.ds.getRepository(ComplaintResponse).find({ where: { complaintId: id } });
    expect(responses.map((r) => [r.outcome, r.respondingInstitutionId, r.date.start])).toEqual([['refused_to_open', prosecutor, '2005-11-21']]);
    const entries = await t.ds.getRepository(AuditEntry).find({ order: { seq: 'DESC' }, take: 3 });
    expect(entries.map((e) => [e.action, e.recordId]).reverse()).toEqual([
      ['complaint.create', String(id)], ['complaint_response.create', String(responses[0].id)], ['complaint.response_add', String(id)],
    ]);
    const casePage = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(casePage.text).toContain('Complaint and its response added.');
    expect(casePage.text).toContain('1 refusal');
  });

  it('a complaint without a response stays a complaint alone; another responding institution is kept', async () => {
    const caseId = await newCase('Complaint alone');
    const prosecutor = await newInstitution('Prosecutor’s Office A');
    const committee = await newInstitution('Investigative Committee A', 'investigative_committee');
    const alone = await page('researcher').post(`/cases/${caseId}/complaints`, { toInstitutionId: String(prosecutor), request: 'open_criminal_investigation', responseOutcome: '' });
    expect(alone.status).toBe(303);
    const forwarded = await page('researcher').post(`/cases/${caseId}/complaints`, { toInstitutionId: String(prosecutor), request: 'open_criminal_investigation', responseOutcome: 'refused_to_open', responseInstitutionId: String(committee) });
    expect(forwarded.status).toBe(303);
    const [a, b] = await complaintsOf(caseId);
    expect(await t.ds.getRepository(ComplaintResponse).countBy({ complaintId: a.id })).toBe(0);
    expect((await t.ds.getRepository(ComplaintResponse).findBy({ complaintId: b.id })).map((r) => r.respondingInstitutionId)).toEqual([committee]);
  });

  it('shows each problem of the response beside its field, keeps what was typed, and writes nothing at all', async () => {
    const caseId = await newCase('Complaint form errors, first response');
    const before = await auditCount();
    const early = await page('researcher').post(`/cases/${caseId}/complaints`, {
      request: 'open_criminal_investigation', date: day('2006-03-01'), description: 'kept <b>text</b>', responseOutcome: 'refused_to_open', responseDate: day('2006-02-01'),
    });
    expect(early.status).toBe(422);
    expect(early.text).toMatch(/id="f-responseDate"[\s\S]{0,1500}The response cannot come before the complaint\./);
    expect(early.text).toContain('kept &lt;b&gt;text&lt;/b&gt;</textarea>');
    const unknown = await page('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', responseOutcome: 'vanished' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toMatch(/<label for="f-responseOutcome">[\s\S]{0,600}(is not a term of the response outcome list|Choose)/);
    const noOutcome = await page('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', responseDate: day('2006-02-01') });
    expect(noOutcome.status).toBe(422);
    expect(noOutcome.text).toMatch(/<label for="f-responseOutcome">[\s\S]{0,600}Choose the outcome of the response, or leave its date and institution empty\./);
    const badInstitution = await page('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', responseOutcome: 'refused_to_open', responseInstitutionId: '99999999' });
    expect(badInstitution.status).toBe(422);
    expect(badInstitution.text).toMatch(/Choose an institution from the list\./);
    // Not the complaint either: the response failed, so the whole form did.
    expect(await complaintsOf(caseId)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('words the new messages in Russian', async () => {
    const caseId = await newCase('Жалоба с ответом');
    const agent = sessions.researcher.agent;
    await agent.get('/language/ru?back=/').expect(303);
    try {
      const form = await page('researcher').get(`/cases/${caseId}/complaints/new`).expect(200);
      expect(form.text).toContain('Первый ответ, если он уже известен');
      expect(form.text).toContain('Сохранить и добавить ещё одну такую же');
      const noOutcome = await page('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', responseDate: day('2006-02-01') });
      expect(noOutcome.status).toBe(422);
      expect(noOutcome.text).toContain('Выберите результат ответа или оставьте пустыми его дату и орган.');
    } finally {
      await agent.get('/language/en?back=/').expect(303);
    }
  });

  it('readers may not write one (403), and nothing is written', async () => {
    const caseId = await newCase('Readers and complaints');
    for (const role of ['viewer', 'lawyer'] as Role[]) {
      if (!sessions[role]) continue;
      const res = await page(role).post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', responseOutcome: 'refused_to_open' });
      expect(res.status).toBe(403);
    }
    expect(await complaintsOf(caseId)).toEqual([]);
  });
});

describe('"save and add another"', () => {
  it('a complaint like the one just saved: filer, addressee, request and outcome carry over, its date and description do not', async () => {
    const caseId = await newCase('Two complaints alike');
    const prosecutor = await newInstitution('Prosecutor’s Office B');
    const hostile = BLNS.find((s) => s.includes('<')) ?? '<script>alert(1)</script>';
    const res = await page('researcher').post(`/cases/${caseId}/complaints`, {
      filedByText: hostile, toInstitutionId: String(prosecutor), date: day('2005-11-10'), request: 'open_criminal_investigation', description: 'First one.', responseOutcome: 'refused_to_open', then: 'another',
    });
    expect(res.status).toBe(303);
    const [first] = await complaintsOf(caseId);
    expect(res.headers.location).toBe(`/cases/${caseId}/complaints/new?like=${first.id}`);
    const next = await page('researcher').get(res.headers.location).expect(200);
    expect(next.text).toContain('Complaint and its response added.');
    expect(next.text).toContain('Filled in from the complaint just saved');
    expect(next.text).toContain(`value="${escapeHtml(hostile)}"`);
    expect(next.text).toContain('Prosecutor’s Office B');
    expect(next.text).toMatch(/<option value="refused_to_open" selected>/);
    expect(next.text).not.toContain('First one.');
    expect(next.text).not.toContain('10.11.2005');
    // Only a complaint of this case; anything but a number is ignored.
    const other = await newCase('Another case');
    await page('researcher').get(`/cases/${other}/complaints/new?like=${first.id}`).expect(404);
    const ignored = await page('researcher').get(`/cases/${caseId}/complaints/new?like=1e2`).expect(200);
    expect(ignored.text).not.toContain('Filled in from the complaint just saved');
  });

  it('a statement like the one just saved: kind, conditions and whom it incriminates carry over, not who made it or what it says', async () => {
    const caseId = await newCase('Two confessions');
    const victim = await insertPerson(t.ds, 'Anzor Bzhambeev', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, victim.id, 'victim');
    const res = await page('researcher').post(`/cases/${caseId}/statements`, {
      makerDescription: 'Another detainee', kind: 'confession', content: 'What the first one says.', conditions: ['under_duress_alleged'], incriminates: [String(victim.id)], courtStatus: 'not_submitted', then: 'another',
    });
    expect(res.status).toBe(303);
    const m = new RegExp(`^/cases/${caseId}/statements/new\\?like=(\\d+)$`).exec(res.headers.location);
    expect(m).not.toBeNull();
    const next = await page('researcher').get(res.headers.location).expect(200);
    expect(next.text).toContain('Filled in from the statement just saved');
    expect(next.text).toMatch(/value="under_duress_alleged"[^>]*checked/);
    expect(next.text).toContain('Anzor Bzhambeev');
    expect(next.text).not.toContain('What the first one says.');
    expect(next.text).not.toContain('value="Another detainee"');
    const plain = await page('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'A witness', kind: 'confession', content: 'Second.', courtStatus: 'not_submitted' });
    expect(plain.headers.location).toMatch(new RegExp(`^/cases/${caseId}#statement-\\d+$`));
  });

  it('events: the next blank form follows; without the button, the case page', async () => {
    const caseId = await newCase('Events in a row');
    const form = await page('researcher').get(`/cases/${caseId}/events/new`).expect(200);
    expect(form.text).toContain('Save and add another event');
    const res = await page('researcher').post(`/cases/${caseId}/events`, { type: 'arrest', title: 'Arrested', date: day('2005-10-23'), then: 'another' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${caseId}/events/new`);
    const next = await page('researcher').get(res.headers.location).expect(200);
    expect(next.text).toContain('Event added.');
    expect(next.text).not.toContain('value="Arrested"');
    const last = await page('researcher').post(`/cases/${caseId}/events`, { type: 'hearing', title: 'Hearing', date: day('2014-05-01') });
    expect(last.headers.location).toMatch(new RegExp(`^/cases/${caseId}#event-\\d+$`));
  });
});

describe('a new allegation names the case’s only victim', () => {
  it('fills in the only victim, and nobody when there are two', async () => {
    const caseId = await newCase('One victim');
    const victim = await insertPerson(t.ds, 'Rasul Kudaev', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, victim.id, 'victim');
    const form = await page('researcher').get(`/cases/${caseId}/allegations/new`).expect(200);
    expect(form.text).toMatch(new RegExp(`name="victimPersonId"[^>]*value="${victim.id}"|value="${victim.id}"[^>]*name="victimPersonId"`));
    const second = await insertPerson(t.ds, 'Second Victim', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, second.id, 'victim');
    const two = await page('researcher').get(`/cases/${caseId}/allegations/new`).expect(200);
    expect(two.text).not.toMatch(new RegExp(`name="victimPersonId"[^>]*value="${victim.id}"|value="${victim.id}"[^>]*name="victimPersonId"`));
  });
});
