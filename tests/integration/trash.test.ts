import fs from 'node:fs';
import request from 'supertest';
import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { User } from '../../src/users/user.entity';
import { sweepStorage } from '../../src/evidence/evidence-integrity';
import { storageFor } from '../../src/evidence/evidence-storage';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';

let t: TestApp;
let users: Record<Role, User>;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;

beforeAll(async () => {
  t = await startTestApp();
  ({ users, tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

const api = (role: Role) => apiAs(t.app, tokens[role]);
const page = (role: Role) => pageAs(sessions[role]);
const day = (value: string) => ({ precision: 'day', value });

async function created(res: request.Response | Promise<request.Response>): Promise<number> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.id;
}

const newCase = (title: string) => created(api('researcher').post('/cases', { title, status: 'open', restricted: false }));
const searchIds = async (q: string, role: Role = 'researcher') =>
  ((await api(role).get(`/search?q=${encodeURIComponent(q)}`).expect(200)).body.data as { kind: string; id: number }[]).map((h) => `${h.kind}:${h.id}`);
const trashList = async (query = '') => (await api('admin').get(`/trash${query}`).expect(200)).body.data as { id: number; kind: string; recordId: number; label: string; caseId: number | null; deletedBy: string }[];
const auditOf = (action: string) => t.ds.getRepository(AuditEntry).find({ where: { action }, order: { seq: 'ASC' } });

interface Built {
  caseId: number;
  events: number[];
  complaintId: number;
  responseId: number;
  proceedingId: number;
  statementId: number;
  itemId: number;
  fileId: number;
  sha256: string;
  citationId: number;
  personId: number;
}

/** A case with a linked pair of events, a complaint answered once, a proceeding a statement points at, evidence with a file and a citation. */
async function buildCase(word: string): Promise<Built> {
  const caseId = await newCase(`Beaten at the ${word} police station`);
  const person = await insertPerson(t.ds, `Rasul ${word}ov`);
  await insertParticipant(t.ds, caseId, person.id);
  const first = await created(api('researcher').post(`/cases/${caseId}/events`, { type: 'arrest', title: `Detained in ${word}`, date: day('2005-10-23'), people: [{ personId: person.id, role: 'victim' }] }));
  const second = await created(api('researcher').post(`/cases/${caseId}/events`, { type: 'torture_ill_treatment', title: `Beaten in the ${word} cells`, date: day('2005-10-24'), followsFrom: [first] }));
  const complaintId = await created(api('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', date: day('2005-11-10'), description: `Complaint about ${word}` }));
  const responseId = await created(api('researcher').post(`/cases/${caseId}/complaints/${complaintId}/responses`, { outcome: 'refused_to_open', date: day('2005-11-21') }));
  const proceedingId = await created(api('researcher').post(`/cases/${caseId}/proceedings`, { title: `Trial in ${word}` }));
  const statementId = await created(api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'the victim', kind: 'confession', courtStatus: 'relied_on', proceedingId }));
  const upload = await request(t.app)
    .post(`/api/v1/cases/${caseId}/evidence`)
    .set('Authorization', `Bearer ${tokens.researcher}`)
    .field('type', 'court_document')
    .field('title', `Verdict of the ${word} court`)
    .attach('files', Buffer.from(`The ${word} court found the defendant guilty.\n`), 'verdict.txt');
  if (upload.status !== 201) throw new Error(`evidence not created: ${upload.status} ${JSON.stringify(upload.body)}`);
  const sourceId = await created(api('researcher').post('/sources', { kind: 'organisation', name: `${word} Watch`, reliability: 'usually_reliable', relation: 'ngo' }));
  const citationId = await created(api('researcher').post(`/cases/${caseId}/citations`, { sourceId, recordType: 'case_event', recordId: second, note: 'p. 3' }));
  await evidenceJobsIdle(t.ds);
  return {
    caseId,
    events: [first, second],
    complaintId,
    responseId,
    proceedingId,
    statementId,
    itemId: upload.body.data.id,
    fileId: upload.body.data.files[0].id,
    sha256: upload.body.data.files[0].sha256,
    citationId,
    personId: person.id,
  };
}

const objectFile = (sha256: string) => storageFor(t.dir).objectPath(sha256);

describe('a case moved to the trash', () => {
  let c: Built;
  beforeAll(async () => {
    c = await buildCase('Zhukovsky');
  });

  it('is found, reported and exported before; gone from the list, search, reports, exports and its address after; in the trash', async () => {
    expect(await searchIds('Zhukovsky')).toEqual(expect.arrayContaining([`case:${c.caseId}`, `event:${c.events[1]}`]));
    const reportBefore = (await api('researcher').get('/reports?q=Zhukovsky').expect(200)).body.data;
    expect(reportBefore.cases).toBe(1);
    const exportedTitles = async () => ((await api('researcher').get('/exports/events?format=json').expect(200)).body as { title: string }[]).map((e) => e.title);
    expect(await exportedTitles()).toEqual(expect.arrayContaining(['Detained in Zhukovsky', 'Beaten in the Zhukovsky cells']));
    expect(((await api('researcher').get('/exports/cases?format=json').expect(200)).body as { title: string }[]).map((x) => x.title)).toContain('Beaten at the Zhukovsky police station');

    await api('researcher').delete(`/cases/${c.caseId}`).expect(204);

    const list = (await api('researcher').get('/cases?q=Zhukovsky').expect(200)).body.data as { id: number }[];
    expect(list.map((x) => x.id)).not.toContain(c.caseId);
    // Only the source stays: it stands on its own, outside the case.
    expect(await searchIds('Zhukovsky')).toEqual([expect.stringMatching(/^source:/)]);
    expect((await api('researcher').get('/reports?q=Zhukovsky').expect(200)).body.data.cases).toBe(0);
    expect((await exportedTitles()).filter((x) => x.includes('Zhukovsky'))).toEqual([]);
    expect(((await api('researcher').get('/exports/cases?format=json').expect(200)).body as { title: string }[]).map((x) => x.title)).not.toContain('Beaten at the Zhukovsky police station');
    await page('researcher').get(`/cases/${c.caseId}/dossier`).expect(404);

    // The old address: a plain 404 for everyone but admins, who are told where it went.
    const plain = await page('researcher').get(`/cases/${c.caseId}`).expect(404);
    expect(plain.text).not.toMatch(/in the trash/i);
    const told = await page('admin').get(`/cases/${c.caseId}`).expect(404);
    expect(told.text).toContain('This record is in the trash');
    expect((await page('admin').get(`/cases/${c.caseId}/events/${c.events[0]}/edit`).expect(404)).text).toContain('This record is in the trash');
    expect((await api('admin').get(`/cases/${c.caseId}`).expect(404)).body.error.code).toBe('in_trash');
    expect((await api('researcher').get(`/cases/${c.caseId}`).expect(404)).body.error.code).toBe('not_found');

    const items = await trashList(`?kind=case&case=${c.caseId}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'case', recordId: c.caseId, caseId: c.caseId, deletedBy: users.researcher.email });
    expect(items[0].label).toContain('Zhukovsky');
    const html = (await page('admin').get(`/admin/trash?case=${c.caseId}`).expect(200)).text;
    expect(html).toContain('Beaten at the Zhukovsky police station');
    expect(html).toContain(`/admin/trash/${items[0].id}/restore`);
    expect(html).toContain(`/admin/trash/${items[0].id}/purge`);

    // The original stays on disk while the case is in the trash, even through the start-up sweep.
    await sweepStorage(t.ds, storageFor(t.dir));
    expect(fs.existsSync(objectFile(c.sha256))).toBe(true);
    expect((await auditOf('trash.move')).some((e) => e.recordType === 'case_record' && e.recordId === String(c.caseId))).toBe(true);
  });

  it('only admins list, restore or purge the trash', async () => {
    const [item] = await trashList(`?case=${c.caseId}`);
    for (const role of ['researcher', 'lawyer', 'analyst', 'viewer'] as Role[]) {
      await api(role).get('/trash').expect(403);
      await api(role).post(`/trash/${item.id}/restore`, {}).expect(403);
      await api(role).post(`/trash/${item.id}/purge`, { reason: 'no' }).expect(403);
      await page(role).get('/admin/trash').expect(403);
      await page(role).post(`/admin/trash/${item.id}/restore`).expect(403);
      await page(role).post(`/admin/trash/${item.id}/purge`, { reason: 'no' }).expect(403);
    }
    expect(await trashList(`?case=${c.caseId}`)).toHaveLength(1);
  });

  it('restore puts everything back with the same ids and links, searchable again', async () => {
    const [item] = await trashList(`?case=${c.caseId}`);
    const res = await page('admin').post(`/admin/trash/${item.id}/restore`);
    expect(res.status).toBe(303);
    expect((await page('admin').get('/admin/trash').expect(200)).text).toContain('Restored the case');
    expect(await trashList(`?case=${c.caseId}`)).toEqual([]);

    const body = (await api('researcher').get(`/cases/${c.caseId}`).expect(200)).body.data;
    expect(body.participants.map((p: { personId: number }) => p.personId)).toEqual([c.personId]);
    const events = (await api('researcher').get(`/cases/${c.caseId}/events`).expect(200)).body.data as { id: number; followsFrom: { id: number }[]; people: { id: number }[] }[];
    expect(events.map((e) => e.id)).toEqual(c.events);
    expect(events[1].followsFrom.map((f) => f.id)).toEqual([c.events[0]]);
    expect(events[0].people.map((p) => p.id)).toEqual([c.personId]);
    const complaint = (await api('researcher').get(`/cases/${c.caseId}/complaints/${c.complaintId}`).expect(200)).body.data;
    expect(complaint.responses.map((r: { id: number }) => r.id)).toEqual([c.responseId]);
    const statement = (await api('researcher').get(`/cases/${c.caseId}/statements/${c.statementId}`).expect(200)).body.data;
    expect(statement.proceeding?.id).toBe(c.proceedingId);
    const citations = (await api('researcher').get(`/cases/${c.caseId}/citations`).expect(200)).body.data as { id: number; recordId: number }[];
    expect(citations.map((x) => [x.id, x.recordId])).toEqual([[c.citationId, c.events[1]]]);
    const item2 = (await api('researcher').get(`/cases/${c.caseId}/evidence/${c.itemId}`).expect(200)).body.data;
    expect(item2.files.map((f: { id: number; sha256: string }) => [f.id, f.sha256])).toEqual([[c.fileId, c.sha256]]);
    const download = await request(t.app).get(`/api/v1/cases/${c.caseId}/evidence/${c.itemId}/files/${c.fileId}/original`).set('Authorization', `Bearer ${tokens.researcher}`);
    expect(download.status).toBe(200);

    expect(await searchIds('Zhukovsky')).toEqual(expect.arrayContaining([`case:${c.caseId}`, `event:${c.events[1]}`, `evidence:${c.itemId}`]));
    expect((await api('researcher').get('/reports?q=Zhukovsky').expect(200)).body.data.cases).toBe(1);
    const restoredAudit = (await auditOf('trash.restore')).find((e) => e.recordId === String(c.caseId));
    expect(restoredAudit?.actorUserId).toBe(users.admin.id);
  });

  it('purge needs an admin and a reason, removes the original, is audited with the reason and leaves the trail as it was', async () => {
    await page('researcher').post(`/cases/${c.caseId}/delete`).expect(303);
    const [item] = await trashList(`?case=${c.caseId}`);
    const trailBefore = await t.ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });

    await api('admin').post(`/trash/${item.id}/purge`, {}).expect(422);
    const blank = await page('admin').post(`/admin/trash/${item.id}/purge`, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Enter the reason for purging it for good.');
    expect(await trashList(`?case=${c.caseId}`)).toHaveLength(1);
    expect(fs.existsSync(objectFile(c.sha256))).toBe(true);

    const purged = await page('admin').post(`/admin/trash/${item.id}/purge`, { reason: 'Entered twice by mistake' });
    expect(purged.status).toBe(303);
    expect(await trashList(`?case=${c.caseId}`)).toEqual([]);
    expect(fs.existsSync(objectFile(c.sha256))).toBe(false);
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(404);
    await page('admin').get(`/cases/${c.caseId}`).expect(404);
    expect((await page('admin').get(`/cases/${c.caseId}`)).text).not.toContain('This record is in the trash');

    const entry = (await auditOf('trash.purge')).find((e) => e.recordId === String(c.caseId))!;
    expect(JSON.parse(entry.detail)).toMatchObject({ reason: 'Entered twice by mistake', kind: 'case', originalsRemoved: 1 });
    expect(entry.actorUserId).toBe(users.admin.id);
    const trailAfter = await t.ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });
    expect(trailAfter.slice(0, trailBefore.length)).toEqual(trailBefore);
  });
});

describe('single records', () => {
  it('an event moved to the trash from its page comes back with its links', async () => {
    const c = await buildCase('Argun');
    const confirm = await page('researcher').get(`/cases/${c.caseId}/events/${c.events[0]}/delete`).expect(200);
    expect(confirm.text).toContain('Move to trash');
    const res = await page('researcher').post(`/cases/${c.caseId}/events/${c.events[0]}/delete`);
    expect(res.status).toBe(303);
    expect((await page('researcher').get(`/cases/${c.caseId}`).expect(200)).text).toContain('Event moved to the trash. An admin can restore it.');
    const left = (await api('researcher').get(`/cases/${c.caseId}/events`).expect(200)).body.data as { id: number; followsFrom: { id: number }[] }[];
    expect(left.map((e) => e.id)).toEqual([c.events[1]]);
    expect(left[0].followsFrom).toEqual([]);
    expect(await searchIds('Detained in Argun')).toEqual([]);

    const [item] = await trashList(`?kind=event&case=${c.caseId}`);
    expect(item.recordId).toBe(c.events[0]);
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    const back = (await api('researcher').get(`/cases/${c.caseId}/events`).expect(200)).body.data as { id: number; followsFrom: { id: number }[] }[];
    expect(back.map((e) => e.id)).toEqual(c.events);
    expect(back[1].followsFrom.map((f) => f.id)).toEqual([c.events[0]]);
    expect(await searchIds('Detained in Argun')).toContain(`event:${c.events[0]}`);
  });

  it('a proceeding brings back the statement link the delete cleared; a citation goes and comes back with its record', async () => {
    const c = await buildCase('Bugulma');
    await api('researcher').delete(`/cases/${c.caseId}/proceedings/${c.proceedingId}`).expect(204);
    expect((await api('researcher').get(`/cases/${c.caseId}/statements/${c.statementId}`).expect(200)).body.data.proceeding).toBeNull();
    const [item] = await trashList(`?kind=proceeding&case=${c.caseId}`);
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    expect((await api('researcher').get(`/cases/${c.caseId}/statements/${c.statementId}`).expect(200)).body.data.proceeding?.id).toBe(c.proceedingId);

    await api('researcher').delete(`/cases/${c.caseId}/events/${c.events[1]}`).expect(204);
    expect((await api('researcher').get(`/cases/${c.caseId}/citations`).expect(200)).body.data).toEqual([]);
    const [event] = await trashList(`?kind=event&case=${c.caseId}`);
    await api('admin').post(`/trash/${event.id}/restore`, {}).expect(200);
    expect(((await api('researcher').get(`/cases/${c.caseId}/citations`).expect(200)).body.data as { id: number }[]).map((x) => x.id)).toEqual([c.citationId]);
  });

  it('a person is moved and restored with their names; a person still named in a case is refused', async () => {
    const person = await created(api('researcher').post('/people', { names: [{ name: 'Анзор Кудаев', script: 'cyrillic', kind: 'primary' }, { name: 'Anzor Kudayev', script: 'latin', kind: 'spelling' }], profiles: [] }));
    expect(await searchIds('Kudayev')).toContain(`person:${person}`);
    expect((await page('researcher').get(`/people/${person}`).expect(200)).text).toContain(`/people/${person}/delete`);
    expect((await page('researcher').get(`/people/${person}/delete`).expect(200)).text).toContain('Move this person to the trash?');
    await api('researcher').delete(`/people/${person}`).expect(204);
    await api('researcher').get(`/people/${person}`).expect(404);
    expect((await page('admin').get(`/people/${person}`).expect(404)).text).toContain('This record is in the trash');
    expect(await searchIds('Kudayev')).not.toContain(`person:${person}`);
    const [item] = (await trashList('?kind=person')).filter((i) => i.recordId === person);
    expect(item.label).toBe('Анзор Кудаев');
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    const back = (await api('researcher').get(`/people/${person}`).expect(200)).body.data;
    expect(back.id).toBe(person);
    expect(await searchIds('Kudayev')).toContain(`person:${person}`);

    const c = await buildCase('Nalchik');
    const refused = await api('researcher').delete(`/people/${c.personId}`).expect(409);
    expect(refused.body.error.message).toMatch(/other records refer to it/);
    await api('researcher').get(`/people/${c.personId}`).expect(200);
    await api('viewer').delete(`/people/${person}`).expect(403);
  });

  it('restoring a record whose case is in the trash is refused until the case is back', async () => {
    const c = await buildCase('Krasnogorsk');
    await api('researcher').delete(`/cases/${c.caseId}/complaints/${c.complaintId}`).expect(204);
    await api('researcher').delete(`/cases/${c.caseId}`).expect(204);
    const [complaint] = await trashList(`?kind=complaint&case=${c.caseId}`);
    const [theCase] = await trashList(`?kind=case&case=${c.caseId}`);
    const refused = await api('admin').post(`/trash/${complaint.id}/restore`, {}).expect(409);
    expect(refused.body.error.message).toMatch(/restore the case first/);
    await page('admin').post(`/admin/trash/${complaint.id}/restore`).expect(303);
    expect((await page('admin').get('/admin/trash').expect(200)).text).toContain('Not restored: The case this complaint belongs to');
    expect(await trashList(`?case=${c.caseId}`)).toHaveLength(2);

    await api('admin').post(`/trash/${theCase.id}/restore`, {}).expect(200);
    await api('admin').post(`/trash/${complaint.id}/restore`, {}).expect(200);
    const back = (await api('researcher').get(`/cases/${c.caseId}/complaints/${c.complaintId}`).expect(200)).body.data;
    expect(back.responses.map((r: { id: number }) => r.id)).toEqual([c.responseId]);
  });

  it('only those who may change a case move it to the trash; a restricted case stays hidden from others', async () => {
    const caseId = await newCase('Kept by its researchers');
    for (const role of ['lawyer', 'analyst', 'viewer'] as Role[]) await api(role).delete(`/cases/${caseId}`).expect(403);
    await page('viewer').post(`/cases/${caseId}/delete`).expect(403);
    const restricted = await created(api('admin').post('/cases', { title: 'Restricted one', status: 'open', restricted: true }));
    await api('researcher').delete(`/cases/${restricted}`).expect(404);
    await page('researcher').get(`/cases/${restricted}/delete`).expect(404);
    expect((await page('researcher').get(`/cases/${caseId}/delete`).expect(200)).text).toContain('Move to trash');
    expect(await trashList(`?case=${caseId}`)).toEqual([]);
    expect(await trashList(`?case=${restricted}`)).toEqual([]);
  });

  it('a citation removed from the case page goes to the trash and comes back', async () => {
    const c = await buildCase('Yaroslavl');
    const res = await page('researcher').post(`/cases/${c.caseId}/citations/${c.citationId}/delete`);
    expect(res.status).toBe(303);
    expect((await api('researcher').get(`/cases/${c.caseId}/citations`).expect(200)).body.data).toEqual([]);
    const [item] = await trashList(`?kind=citation&case=${c.caseId}`);
    expect(item.label).toContain('Yaroslavl Watch');
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    expect(((await api('researcher').get(`/cases/${c.caseId}/citations`).expect(200)).body.data as { id: number }[]).map((x) => x.id)).toEqual([c.citationId]);
  });

  it('a restored case keeps its protected person withheld from those not cleared', async () => {
    const caseId = await newCase('Detention in Magas');
    const person = await insertPerson(t.ds, 'Madina Sultygova', { protectedIdentity: true });
    await insertParticipant(t.ds, caseId, person.id);
    const eventId = await created(api('researcher').post(`/cases/${caseId}/events`, { type: 'arrest', title: 'Taken at night', description: 'Madina Sultygova was taken to the ROVD.', date: day('2019-03-02') }));
    const described = async () => (await api('viewer').get(`/cases/${caseId}/events/${eventId}`).expect(200)).body.data.description;
    expect(await described()).not.toContain('Sultygova');
    await api('researcher').delete(`/cases/${caseId}`).expect(204);
    const [item] = await trashList(`?case=${caseId}`);
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    expect(await described()).toBe(`[Person P-${String(person.id).padStart(4, '0')}] was taken to the ROVD.`);
    expect(await searchIds('Sultygova', 'viewer')).toEqual([]);
    expect((await api('admin').get(`/cases/${caseId}/events/${eventId}`).expect(200)).body.data.description).toBe('Madina Sultygova was taken to the ROVD.');
  });

  it('a case restored after one of its people was purged comes back without the rows naming them', async () => {
    const c = await buildCase('Vladikavkaz');
    await api('researcher').delete(`/cases/${c.caseId}`).expect(204);
    await api('researcher').delete(`/people/${c.personId}`).expect(204);
    const person = (await trashList('?kind=person')).find((i) => i.recordId === c.personId)!;
    const theCase = (await trashList(`?kind=case&case=${c.caseId}`))[0];
    expect((await api('admin').post(`/trash/${theCase.id}/restore`, {}).expect(409)).body.error.message).toMatch(/restore the person first/);
    await api('admin').post(`/trash/${person.id}/purge`, { reason: 'Duplicate of another record' }).expect(204);
    const restored = (await api('admin').post(`/trash/${theCase.id}/restore`, {}).expect(200)).body.data;
    expect(restored.skipped).toBe(2); // the participant and the event's person
    const events = (await api('researcher').get(`/cases/${c.caseId}/events`).expect(200)).body.data as { id: number; people: unknown[] }[];
    expect(events.map((e) => e.id)).toEqual(c.events);
    expect(events[0].people).toEqual([]);
    expect((await api('researcher').get(`/cases/${c.caseId}`).expect(200)).body.data.participants).toEqual([]);
  });

  it('the trash list filters by kind and case and refuses a filter it cannot read', async () => {
    const bad = await page('admin').get('/admin/trash?case=abc');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter the case as its number');
    await api('admin').get('/trash?case=abc').expect(422);
    const events = await trashList('?kind=event');
    expect(events.every((i) => i.kind === 'event')).toBe(true);
  });
});
