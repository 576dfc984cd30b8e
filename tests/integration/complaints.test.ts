import path from 'node:path';
import request from 'supertest';
import { READ_ONLY, Role, Session, apiAs, everyRole, expectReadOnly, pageAs } from '../support/roles';
import { BLNS, escapeHtml } from '../support/blns';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { Complaint } from '../../src/complaints/complaint.entity';
import { ComplaintResponse } from '../../src/complaints/complaint-response.entity';
import { complaintSummary } from '../../src/complaints/complaints.section';
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
const page = (role: Role, session = sessions[role]) => pageAs(session);

async function newCase(title = 'Complaints case', opts: { restricted?: boolean; by?: Role } = {}): Promise<number> {
  const res = await api(opts.by ?? 'researcher').post('/cases', { title, status: 'open', restricted: opts.restricted ?? false }).expect(201);
  return res.body.data.id;
}
async function newInstitution(name: string, type = 'police_unit'): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type, parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }))).id;
}
const day = (value: string) => ({ precision: 'day', value });

async function newComplaint(caseId: number, body: object = {}, role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', ...body });
  if (res.status !== 201) throw new Error(`complaint not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}
async function newResponse(caseId: number, complaintId: number, body: object = {}, role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/complaints/${complaintId}/responses`, { outcome: 'refused_to_open', ...body });
  if (res.status !== 201) throw new Error(`response not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

describe('complaints: the Kudaev case', () => {
  it('counts the prosecutor’s refusals to open a criminal case: "3 refusals, last on 12 May 2006"', async () => {
    const caseId = await newCase('Rasul Kudaev: complaints about torture');
    const kudaev = await insertPerson(t.ds, 'Rasul Kudaev', { createdById: users.researcher.id });
    const mother = await insertPerson(t.ds, 'Fatima Kudaeva', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, kudaev.id, 'victim');
    const prosecutor = await newInstitution('Prosecutor’s office of Kabardino-Balkaria', 'prosecutors_office');
    const court = await newInstitution('Nalchik City Court', 'court');
    expect(await complaintSummary(t.ds, caseId)).toBeNull();

    // The first complaint through the form on the case page, as a researcher would.
    const created = await page('researcher').post(`/cases/${caseId}/complaints`, { filedByPersonId: String(mother.id), filedByText: '', toInstitutionId: String(prosecutor), date: day('2005-11-10'), request: 'open_criminal_investigation', description: 'Beaten in custody to force a confession.' });
    expect(created.status).toBe(303);
    const first = Number(new RegExp(`^/cases/${caseId}#complaint-(\\d+)$`).exec(created.headers.location)![1]);
    const answered = await page('researcher').post(`/cases/${caseId}/complaints/${first}/responses`, { outcome: 'refused_to_open', date: day('2005-11-21'), respondingInstitutionId: String(prosecutor), note: 'No evidence of a crime.' });
    expect(answered.status).toBe(303);
    expect(answered.headers.location).toMatch(new RegExp(`^/cases/${caseId}#response-\\d+$`));

    const second = await newComplaint(caseId, { filedByText: 'his lawyer', toInstitutionId: prosecutor, date: { precision: 'month', value: '2006-01' } });
    await newResponse(caseId, second, { date: day('2006-02-03'), respondingInstitutionId: prosecutor });
    const third = await newComplaint(caseId, { filedByPersonId: kudaev.id, toInstitutionId: prosecutor, date: day('2006-04-20') });
    await newResponse(caseId, third, { date: day('2006-05-12'), respondingInstitutionId: prosecutor });
    const appeal = await newComplaint(caseId, { filedByText: 'his lawyer', toInstitutionId: court, date: { precision: 'month', value: '2006-06' }, request: 'appeal_refusal' });
    const forwarded = await newResponse(caseId, appeal, { outcome: 'forwarded', date: day('2006-07-01') });

    expect(await complaintSummary(t.ds, caseId)).toBe('3 refusals, last on 12 May 2006');
    const list = await api('viewer').get(`/cases/${caseId}/complaints`).expect(200);
    expect(list.body.summary.sentence).toBe('3 refusals, last on 12 May 2006');
    expect(list.body.summary.outcomes).toEqual([
      { code: 'refused_to_open', label: 'Refused to open a criminal case', count: 3, refusal: true },
      { code: 'forwarded', label: 'Forwarded to another body', count: 1, refusal: false },
    ]);
    expect(list.body.data.map((c: { id: number }) => c.id)).toEqual([first, second, third, appeal]);
    expect(list.body.data[1].filedByText).toBe('his lawyer');
    expect(list.body.data[0].filedBy).toEqual({ id: mother.id, label: 'Fatima Kudaeva', hidden: false });

    const html = (await page('lawyer').get(`/cases/${caseId}`).expect(200)).text;
    const section = html.slice(html.indexOf('id="complaints"'), html.indexOf('id="proceedings"'));
    expect(section).toContain('<strong>3 refusals, last on 12 May 2006</strong>');
    expect(section).toContain('4 complaints, 4 responses.');
    expect(section).toMatch(new RegExp(`id="response-${forwarded}"`));
    expect(section).toMatch(/<span class="tag tag-danger">Refused to open a criminal case<\/span>/);
    expect(section).toContain('No evidence of a crime.');
    // A rejected appeal is a refusal too; an opened investigation is not.
    await newResponse(caseId, appeal, { outcome: 'complaint_rejected', date: { precision: 'month', value: '2006-08' } });
    await newResponse(caseId, third, { outcome: 'opened', date: day('2006-09-01') });
    expect(await complaintSummary(t.ds, caseId)).toBe('4 refusals, last in Aug 2006');
  });

  it('words the summary for one refusal, undated refusals and none', async () => {
    const caseId = await newCase('Summary wording');
    const c = await newComplaint(caseId);
    expect(await complaintSummary(t.ds, caseId)).toBe('No refusals recorded');
    const r = await newResponse(caseId, c, {});
    expect(await complaintSummary(t.ds, caseId)).toBe('1 refusal, date not recorded');
    await newResponse(caseId, c, { date: { precision: 'approximate', value: '2007' } });
    expect(await complaintSummary(t.ds, caseId)).toBe('2 refusals, last c. 2007');
    await api('researcher').patch(`/cases/${caseId}/complaints/${c}/responses/${r}`, { date: { precision: 'year', value: '2008' } }).expect(200);
    expect(await complaintSummary(t.ds, caseId)).toBe('2 refusals, last in 2008');
    const other = await newCase('Other case');
    expect(await complaintSummary(t.ds, other)).toBeNull();
  });
});

describe('complaints: pages', () => {
  it('edits a complaint and a response, each page showing its history, and deletes them', async () => {
    const caseId = await newCase('Complaint pages');
    const show = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(show.text).toContain(`href="/cases/${caseId}/complaints/new"`);
    await page('researcher').get(`/cases/${caseId}/complaints/new`).expect(200);
    const id = await newComplaint(caseId, { description: 'first text' });
    const rid = await newResponse(caseId, id, { note: 'first note' });
    expect((await page('researcher').get(`/cases/${caseId}`)).text).toContain(`/cases/${caseId}/complaints/${id}/responses/new`);
    await page('researcher').get(`/cases/${caseId}/complaints/${id}/responses/new`).expect(200);

    const edit = await page('researcher').get(`/cases/${caseId}/complaints/${id}/edit`).expect(200);
    expect(edit.text).toContain('first text</textarea>');
    expect(edit.text).toContain(`id="response-${rid}"`);
    const saved = await page('researcher').post(`/cases/${caseId}/complaints/${id}`, { request: 'appeal_refusal', description: 'second text', filedByText: 'lawyer', date: day('2006-01-05') });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${caseId}#complaint-${id}`);
    const history = await page('researcher').get(`/cases/${caseId}/complaints/${id}/edit`).expect(200);
    expect(history.text).toContain('recorded a complaint');
    expect(history.text).toMatch(/changed a complaint: [^<]*request/);
    expect(history.text).toContain('added a response to a complaint');

    const responseEdit = await page('researcher').get(`/cases/${caseId}/complaints/${id}/responses/${rid}/edit`).expect(200);
    expect(responseEdit.text).toContain('first note</textarea>');
    const savedResponse = await page('researcher').post(`/cases/${caseId}/complaints/${id}/responses/${rid}`, { outcome: 'suspended', note: 'second note', date: day('2006-02-01') });
    expect(savedResponse.status).toBe(303);
    expect(savedResponse.headers.location).toBe(`/cases/${caseId}#response-${rid}`);
    const responseHistory = await page('researcher').get(`/cases/${caseId}/complaints/${id}/responses/${rid}/edit`).expect(200);
    expect(responseHistory.text).toMatch(/changed a response to a complaint: [^<]*outcome/);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'complaint_response', recordId: String(rid) }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['complaint_response.create', 'complaint_response.update']);
    expect(JSON.parse(entries[1].fields).sort()).toEqual(['date', 'note', 'outcome']);
    expect(JSON.stringify(entries)).not.toContain('second note');

    expect((await page('researcher').post(`/cases/${caseId}/complaints/${id}/responses/${rid}/delete`)).headers.location).toBe(`/cases/${caseId}#complaint-${id}`);
    expect(await t.ds.getRepository(ComplaintResponse).existsBy({ id: rid })).toBe(false);
    await newResponse(caseId, id);
    expect((await page('researcher').post(`/cases/${caseId}/complaints/${id}/delete`)).headers.location).toBe(`/cases/${caseId}#complaints`);
    expect(await t.ds.getRepository(Complaint).existsBy({ id })).toBe(false);
    expect(await t.ds.getRepository(ComplaintResponse).countBy({ complaintId: id })).toBe(0);
  });

  it('shows each problem next to its field and keeps what was typed', async () => {
    const caseId = await newCase('Complaint form errors');
    const res = await page('researcher').post(`/cases/${caseId}/complaints`, { request: '', description: 'kept <i>text</i>', date: { precision: 'range', start: '2006-05', end: '2005-01' }, filedByText: 'z'.repeat(301) });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<label for="f-request">[\s\S]{0,300}Choose what it asked for\./);
    expect(res.text).toMatch(/id="f-date"[\s\S]{0,2500}The end of the range is before its start/);
    expect(res.text).toMatch(/<label for="f-filedByText">[\s\S]{0,400}at most 300 characters/);
    expect(res.text).toContain('kept &lt;i&gt;text&lt;/i&gt;</textarea>');
    const institution = await page('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', toInstitutionId: '99999999' });
    expect(institution.status).toBe(422);
    expect(institution.text).toMatch(/<div class="field picker has-error"[\s\S]{0,4000}Choose an institution from the list\./);

    const id = await newComplaint(caseId, { date: day('2006-03-01') });
    const early = await page('researcher').post(`/cases/${caseId}/complaints/${id}/responses`, { outcome: 'refused_to_open', date: day('2006-02-01') });
    expect(early.status).toBe(422);
    expect(early.text).toMatch(/id="f-date"[\s\S]{0,1500}The response cannot come before the complaint\./);
    const unknown = await page('researcher').post(`/cases/${caseId}/complaints/${id}/responses`, { outcome: 'vanished' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toMatch(/<label for="f-outcome">[\s\S]{0,600}is not a term of the response outcome list/);
  });
});

describe('complaints: who may do what', () => {
  it('lets researchers and admins write complaints and responses; readers get 403 on every write', async () => {
    const caseId = await newCase('Complaint roles');
    const id = await newComplaint(caseId, { description: 'Readable complaint' });
    const rid = await newResponse(caseId, id, { note: 'Readable response' });
    for (const role of READ_ONLY) {
      expect((await api(role).get(`/cases/${caseId}/complaints`).expect(200)).body.data[0].responses[0].note).toBe('Readable response');
      expect((await api(role).get(`/cases/${caseId}/complaints/${id}/responses`).expect(200)).body.data.map((r: { id: number }) => r.id)).toEqual([rid]);
      await expectReadOnly({
        api: api(role),
        page: page(role),
        caseId,
        base: `/cases/${caseId}/complaints`,
        id,
        child: 'responses',
        childId: rid,
        newRecord: { request: 'open_criminal_investigation' },
        newChild: { outcome: 'opened' },
        change: { description: 'x', note: 'x' },
        shownOnCase: 'Readable complaint',
      });
    }
    for (const role of ['researcher', 'admin'] as const) {
      await api(role).patch(`/cases/${caseId}/complaints/${id}`, { description: `by ${role}` }).expect(200);
      await api(role).patch(`/cases/${caseId}/complaints/${id}/responses/${rid}`, { note: `by ${role}` }).expect(200);
      const other = await newResponse(caseId, id, {}, role);
      await api(role).delete(`/cases/${caseId}/complaints/${id}/responses/${other}`).expect(204);
      const c = await newComplaint(caseId, {}, role);
      await api(role).delete(`/cases/${caseId}/complaints/${c}`).expect(204);
    }
    const after = (await api('viewer').get(`/cases/${caseId}/complaints/${id}`)).body.data;
    expect([after.description, after.responses[0].note]).toEqual(['by admin', 'by admin']);
  });

  it('answers 404 for a restricted case’s complaints and responses to non-members', async () => {
    const caseId = await newCase('Restricted complaints', { restricted: true });
    const id = await newComplaint(caseId);
    const rid = await newResponse(caseId, id);
    const outsider = await makeUser(t.ds, 'researcher');
    const outsiderToken = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    const outsiderSession = await signIn(t.app, outsider.email);
    for (const who of [...READ_ONLY.map((r) => ({ token: tokens[r], session: sessions[r] })), { token: outsiderToken, session: outsiderSession }]) {
      await api(who.token).get(`/cases/${caseId}/complaints`).expect(404);
      await api(who.token).get(`/cases/${caseId}/complaints/${id}`).expect(404);
      await api(who.token).get(`/cases/${caseId}/complaints/${id}/responses`).expect(404);
      await api(who.token).get(`/cases/${caseId}/complaints/${id}/responses/${rid}`).expect(404);
      await api(who.token).post(`/cases/${caseId}/complaints/${id}/responses`, { outcome: 'opened' }).expect(404);
      await api(who.token).patch(`/cases/${caseId}/complaints/${id}/responses/${rid}`, { note: 'x' }).expect(404);
      await api(who.token).delete(`/cases/${caseId}/complaints/${id}`).expect(404);
      const p = page('viewer', who.session);
      await p.get(`/cases/${caseId}/complaints/${id}/edit`).expect(404);
      await p.get(`/cases/${caseId}/complaints/${id}/responses/${rid}/edit`).expect(404);
      expect((await p.post(`/cases/${caseId}/complaints/${id}/responses/${rid}`, { outcome: 'opened' })).status).toBe(404);
    }
    await api('researcher').get(`/cases/${caseId}/complaints/${id}/responses/${rid}`).expect(200);
    await api('admin').get(`/cases/${caseId}/complaints/${id}/responses/${rid}`).expect(200);
  });

  it('answers 404 for complaints and responses addressed through another case or complaint', async () => {
    const a = await newCase('Case A');
    const b = await newCase('Case B');
    const id = await newComplaint(a);
    const otherComplaint = await newComplaint(a);
    const rid = await newResponse(a, id);
    const elsewhere = await newComplaint(b);
    await api('researcher').get(`/cases/${b}/complaints/${id}`).expect(404);
    await api('researcher').patch(`/cases/${b}/complaints/${id}`, { description: 'x' }).expect(404);
    await api('researcher').get(`/cases/${b}/complaints/${id}/responses/${rid}`).expect(404);
    await api('researcher').post(`/cases/${b}/complaints/${id}/responses`, { outcome: 'opened' }).expect(404);
    await api('researcher').get(`/cases/${a}/complaints/${otherComplaint}/responses/${rid}`).expect(404);
    await api('researcher').get(`/cases/${b}/complaints/${elsewhere}/responses/${rid}`).expect(404);
    await api('researcher').delete(`/cases/${a}/complaints/${otherComplaint}/responses/${rid}`).expect(404);
    await page('researcher').get(`/cases/${b}/complaints/${id}/edit`).expect(404);
    await page('researcher').get(`/cases/${b}/complaints/${elsewhere}/responses/${rid}/edit`).expect(404);
    expect((await page('researcher').post(`/cases/${b}/complaints/${id}/delete`)).status).toBe(404);
    expect(await t.ds.getRepository(ComplaintResponse).existsBy({ id: rid })).toBe(true);
  });
});

describe('complaints: hostile input', () => {
  it('stores every naughty string exactly in descriptions and notes, and shows it escaped', async () => {
    const caseId = await newCase('Naughty complaints');
    const made: { complaint: number; response: number }[] = [];
    for (const s of BLNS) {
      const complaint = await newComplaint(caseId, { description: s, filedByText: [...s].length <= 300 ? s : null });
      made.push({ complaint, response: await newResponse(caseId, complaint, { note: s }) });
    }
    const list = (await api('viewer').get(`/cases/${caseId}/complaints`).expect(200)).body.data as { id: number; description: string | null; filedByText: string | null; responses: { id: number; note: string | null }[] }[];
    const complaints = new Map(list.map((c) => [c.id, c]));
    const responses = new Map(list.flatMap((c) => c.responses).map((r) => [r.id, r]));
    BLNS.forEach((s, i) => {
      const expected = s === '' ? null : s;
      expect(complaints.get(made[i].complaint)!.description).toBe(expected);
      if ([...s].length <= 300) expect(complaints.get(made[i].complaint)!.filedByText).toBe(expected);
      expect(responses.get(made[i].response)!.note).toBe(expected);
    });
    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    for (const s of BLNS.filter((x) => x.trim() !== '')) expect(html).toContain(escapeHtml(s));
    expect(html).not.toContain('<script>alert(');
  }, 180_000);

  it('round-trips naughty strings through the forms', async () => {
    const caseId = await newCase('Naughty complaint forms');
    const samples = BLNS.filter((s) => /[<>&"'\\%]|\u202e|[^\u0000-\u007f]/.test(s)).slice(0, 20);
    for (const s of samples) {
      const res = await page('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', description: s });
      expect(res.status).toBe(303);
      const id = Number(/complaint-(\d+)/.exec(res.headers.location)![1]);
      expect((await t.ds.getRepository(Complaint).findOneByOrFail({ id })).description).toBe(s);
      const r = await page('researcher').post(`/cases/${caseId}/complaints/${id}/responses`, { outcome: 'no_response', note: s });
      expect(r.status).toBe(303);
      const rid = Number(/response-(\d+)/.exec(r.headers.location)![1]);
      expect((await t.ds.getRepository(ComplaintResponse).findOneByOrFail({ id: rid })).note).toBe(s);
      expect((await page('researcher').get(`/cases/${caseId}/complaints/${id}/responses/${rid}/edit`)).text).toContain(`>${escapeHtml(s)}</textarea>`);
    }
  });

  it('refuses over-long text, unknown terms, impossible dates and links to records the user may not see', async () => {
    const caseId = await newCase('Complaint refusals');
    const hidden = await insertPerson(t.ds, 'Hidden Complainant', { protectedIdentity: true });
    const fields = async (path: string, body: object) => {
      const res = await api('researcher').post(path, body);
      expect(res.status).toBe(422);
      return res.body.error.fields as Record<string, string>;
    };
    const c = (body: object) => fields(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', ...body });
    expect((await c({ description: 'x'.repeat(20_001) })).description).toBe('The description has at most 20000 characters.');
    expect((await c({ filedByText: 'x'.repeat(301) })).filedByText).toContain('at most 300 characters');
    expect((await c({ request: 'world_peace' })).request).toContain('is not a term of the complaint request list');
    expect((await c({ date: day('1899-12-31') }))['date.value']).toContain('between 1900 and 2100');
    expect((await c({ date: { precision: 'month', value: '2006-13' } }))['date.value']).toContain('month must be between 01 and 12');
    expect((await c({ date: { precision: 'range', start: '2006', end: '2005' } }))['date.end']).toContain('before its start');
    expect((await c({ filedByPersonId: hidden.id })).filedByPersonId).toBe('Give a person (a known id or code).');
    expect((await c({ filedByPersonId: 99_999_999 })).filedByPersonId).toBe('Give a person (a known id or code).');
    expect((await c({ toInstitutionId: 99_999_999 })).toInstitutionId).toBe('Give an institution (a known id or code).');
    expect((await c({ toInstitutionId: 'abc' })).toInstitutionId).toBeDefined();
    expect(await t.ds.getRepository(Complaint).countBy({ caseId })).toBe(0);

    const id = await newComplaint(caseId, { date: day('2006-03-10') });
    const r = (body: object) => fields(`/cases/${caseId}/complaints/${id}/responses`, { outcome: 'refused_to_open', ...body });
    expect((await r({ note: 'x'.repeat(20_001) })).note).toContain('at most 20000 characters');
    expect((await r({ outcome: 'teleported' })).outcome).toContain('is not a term of the response outcome list');
    expect((await r({ date: day('2006-03-09') }))['date.value']).toBe('The response cannot come before the complaint.');
    expect((await r({ date: { precision: 'range', start: '2006-01', end: '2006-02' } }))['date.start']).toBe('The response cannot come before the complaint.');
    expect((await r({ respondingInstitutionId: 99_999_999 })).respondingInstitutionId).toBe('Give an institution (a known id or code).');
    expect((await r({ date: { precision: 'fortnight', value: '2006' } }))['date.precision']).toBeDefined();
    await newResponse(caseId, id, { date: day('2006-04-01') });
    // Moving the complaint after its answer is refused too.
    const moved = await api('researcher').patch(`/cases/${caseId}/complaints/${id}`, { date: day('2006-05-01') });
    expect(moved.status).toBe(422);
    expect(moved.body.error.fields['date.value']).toBe('The complaint cannot come after a response to it.');
  });
});
