import request from 'supertest';
import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { TimelineOrder } from '../../src/events/timeline-order.entity';
import { insertParticipant, insertPerson } from '../support/records';

/**
 * The case timeline shows every family of records (issue 11): events, complaints and their
 * responses, statements and retractions, proceeding stages, each read from its own record; in
 * honest order; families can be hidden from the address; entries sharing a date can be reordered.
 */
let t: TestApp;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;
beforeAll(async () => {
  t = await startTestApp();
  ({ tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = (role: Role) => apiAs(t.app, tokens[role]);
const page = (role: Role) => pageAs(sessions[role]);
const svgText = (res: request.Response) => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text);
const ids = (html: string) => [...html.matchAll(/<li class="tl-item[^"]*" id="([^"]+)"/g)].map((m) => m[1]);

interface Fixture {
  caseId: number;
  arrest: number;
  beaten: number;
  complaint: number;
  response: number;
  statement: number;
  retraction: number;
  stage: number;
}

async function kudaev(): Promise<Fixture> {
  const caseId = (await api('researcher').post('/cases', { title: 'Kudaev timeline', status: 'open' }).expect(201)).body.data.id;
  const post = async (path: string, body: object) => (await api('researcher').post(`/cases/${caseId}${path}`, body).expect(201)).body.data.id as number;
  const arrest = await post('/events', { type: 'arrest', title: 'Arrested in Nalchik', date: { precision: 'day', value: '2005-10-23' } });
  // Known only to the year: its centre (July 2005) is before the arrest it follows from.
  const beaten = await post('/events', { type: 'torture_ill_treatment', title: 'Beaten in custody', date: { precision: 'year', value: '2005' }, followsFrom: [arrest] });
  const complaint = await post('/complaints', { request: 'open_criminal_investigation', date: { precision: 'day', value: '2005-12-01' } });
  const response = await post(`/complaints/${complaint}/responses`, { outcome: 'refused_to_open', date: { precision: 'month', value: '2006-01' } });
  await post(`/complaints/${complaint}/responses`, { outcome: 'refused_to_open' }); // undated: not on the timeline
  const statement = await post('/statements', { makerDescription: 'Rasul Kudaev', kind: 'confession', date: { precision: 'day', value: '2005-10-24' } });
  const retraction = await post(`/statements/${statement}/retractions`, { kind: 'retraction', date: { precision: 'month', value: '2006-03' }, forum: 'court' });
  const proceeding = await post('/proceedings', { title: 'The Nalchik trial' });
  const stage = await post(`/proceedings/${proceeding}/stages`, { kind: 'verdict', outcome: 'convicted', date: { precision: 'year', value: '2014' } });
  return { caseId, arrest, beaten, complaint, response, statement, retraction, stage };
}

describe('the case timeline', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await kudaev();
  });

  it('lists every family in honest order, each entry read from its record and linked to it', async () => {
    const html = (await page('viewer').get(`/cases/${f.caseId}`).expect(200)).text;
    expect(ids(html)).toEqual([`event-${f.arrest}`, `event-${f.beaten}`, `tl-statement-${f.statement}`, `tl-complaint-${f.complaint}`, `tl-response-${f.response}`, `tl-retraction-${f.retraction}`, `tl-stage-${f.stage}`]);
    expect(html).toContain(`href="#response-${f.response}"`);
    expect(html).toContain('Refused to open a criminal case');
    expect(html).toContain('Confession by Rasul Kudaev retracted (Court)');
    expect(html).toContain('The Nalchik trial: ');
    expect(html).toContain('1 record without a date is not on the timeline');
    // The legend is the choice of families: one checkbox each, all ticked, with a mark of its own shape.
    for (const family of ['event', 'complaint', 'statement', 'proceeding']) expect(html).toMatch(new RegExp(`<input type="checkbox" name="show" value="${family}" checked>`));
    expect(html).toContain('tl-shape-pentagon');
    expect(html).toContain('tl-shape-star');
    expect(html).toContain('tl-shape-cross');
    // Nothing entered twice: the complaint is still in its own section, once.
    expect(html.match(new RegExp(`id="complaint-${f.complaint}"`, 'g'))).toHaveLength(1);
  });

  it('draws the same entries in the picture, in the same order, with a key naming each family', async () => {
    const svg = svgText(await page('viewer').get(`/cases/${f.caseId}/timeline.svg`).expect(200));
    const order = [`timeline-event-${f.arrest}`, `timeline-event-${f.beaten}`, `timeline-statement-${f.statement}`, `timeline-complaint-${f.complaint}`, `timeline-response-${f.response}`, `timeline-retraction-${f.retraction}`, `timeline-stage-${f.stage}`].map((id) => svg.indexOf(`id="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const label of ['Complaints and responses', 'Statements and retractions', 'Proceedings in court', 'Arrest and detention']) expect(svg).toContain(label);
    // The year-only beating is drawn no earlier than the arrest it follows from.
    const x = (id: string) => {
      const group = svg.slice(svg.indexOf(`id="${id}"`));
      return Number(/<(?:circle|path|rect) (?:cx="([\d.]+)"|d="M([\d.]+))/.exec(group.slice(group.indexOf('</title>')))!.slice(1).find(Boolean));
    };
    expect(x(`timeline-event-${f.beaten}`)).toBeGreaterThanOrEqual(x(`timeline-event-${f.arrest}`) - 8);
  });

  it('hides the families a reader unticks, remembered in the address, in the list and in the picture', async () => {
    const html = (await page('viewer').get(`/cases/${f.caseId}?tl=1&show=event&show=proceeding`).expect(200)).text;
    expect(ids(html)).toEqual([`event-${f.arrest}`, `event-${f.beaten}`, `tl-stage-${f.stage}`]);
    expect(html).toContain('<input type="checkbox" name="show" value="complaint">');
    expect(html).toContain('<input type="checkbox" name="show" value="proceeding" checked>');
    expect(html).toContain(`src="/cases/${f.caseId}/timeline.svg?tl=1&amp;show=event&amp;show=proceeding"`);
    expect(html).toContain('4 entries are hidden.');
    const svg = svgText(await page('viewer').get(`/cases/${f.caseId}/timeline.svg?layout=narrow&tl=1&show=event&show=proceeding`).expect(200));
    expect(svg).not.toContain('family-complaint');
    expect(svg).not.toContain('family-statement');
    expect(svg).toContain('family-proceeding');
    // Nothing ticked hides everything; an unknown family is ignored; no choice shows all.
    const none = (await page('viewer').get(`/cases/${f.caseId}?tl=1`).expect(200)).text;
    expect(ids(none)).toEqual([]);
    expect(none).toContain('Every family with entries is hidden');
    expect(ids((await page('viewer').get(`/cases/${f.caseId}?tl=1&show=passwords&show=statement`).expect(200)).text)).toEqual([`tl-statement-${f.statement}`, `tl-retraction-${f.retraction}`]);
  });
});

describe('the order of entries sharing a date', () => {
  it('researchers move an entry up or down among those of the same day; the order is stored, audited and shown to everyone', async () => {
    const caseId = (await api('researcher').post('/cases', { title: 'Same day', status: 'open' }).expect(201)).body.data.id;
    const day = { precision: 'day', value: '2006-05-12' };
    const hearing = (await api('researcher').post(`/cases/${caseId}/events`, { type: 'hearing', title: 'Hearing', date: day }).expect(201)).body.data.id;
    const complaint = (await api('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', date: day }).expect(201)).body.data.id;
    const release = (await api('researcher').post(`/cases/${caseId}/events`, { type: 'release', title: 'Released', date: day }).expect(201)).body.data.id;
    const other = (await api('researcher').post(`/cases/${caseId}/events`, { type: 'arrest', title: 'Other day', date: { precision: 'day', value: '2006-05-13' } }).expect(201)).body.data.id;
    const show = async (role: Role) => (await page(role).get(`/cases/${caseId}`).expect(200)).text;
    expect(ids(await show('viewer'))).toEqual([`event-${hearing}`, `event-${release}`, `tl-complaint-${complaint}`, `event-${other}`]);
    const before = await show('researcher');
    expect(before).toContain(`name="key" value="complaint-${complaint}"`);
    expect(before).toContain('Move up');
    expect(await show('viewer')).not.toContain('Move up');

    const move = (role: Role, key: string, direction: string) => page(role).post(`/cases/${caseId}/timeline/order`, { key, direction });
    const res = await move('researcher', `complaint-${complaint}`, 'up').expect(303);
    expect(res.headers.location).toBe(`/cases/${caseId}#tl-complaint-${complaint}`);
    await move('researcher', `complaint-${complaint}`, 'up').expect(303);
    expect(ids(await show('viewer'))).toEqual([`tl-complaint-${complaint}`, `event-${hearing}`, `event-${release}`, `event-${other}`]);
    expect((await t.ds.getRepository(TimelineOrder).find({ where: { caseId }, order: { position: 'ASC' } })).map((o) => o.entryKey)).toEqual([`complaint-${complaint}`, `event-${hearing}`, `event-${release}`]);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'case.timeline_order', recordId: String(caseId) })).toBe(2);

    // At the top, or past an entry of another day: refused with a message, nothing changes.
    await move('researcher', `complaint-${complaint}`, 'up').expect(303);
    expect((await show('researcher'))).toContain('This entry cannot move up');
    await move('researcher', `event-${release}`, 'down').expect(303);
    await move('researcher', 'event-999999', 'down').expect(303);
    await move('researcher', '<script>', 'sideways').expect(303);
    expect(ids(await show('viewer'))).toEqual([`tl-complaint-${complaint}`, `event-${hearing}`, `event-${release}`, `event-${other}`]);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'case.timeline_order', recordId: String(caseId) })).toBe(2);
    // Viewers and analysts may not reorder; the family choice is kept on the way back.
    for (const role of ['viewer', 'analyst'] as Role[]) expect((await move(role, `event-${release}`, 'up')).status).toBeGreaterThanOrEqual(403);
    const kept = await page('researcher').post(`/cases/${caseId}/timeline/order?tl=1&show=event`, { key: `event-${release}`, direction: 'up' }).expect(303);
    expect(kept.headers.location).toBe(`/cases/${caseId}?tl=1&show=event#event-${release}`);
  });

  it('never lets a researcher put an entry above one it follows from', async () => {
    const caseId = (await api('researcher').post('/cases', { title: 'Follows', status: 'open' }).expect(201)).body.data.id;
    const day = { precision: 'day', value: '2006-05-12' };
    const verdict = (await api('researcher').post(`/cases/${caseId}/events`, { type: 'verdict', title: 'Verdict', date: day }).expect(201)).body.data.id;
    const appeal = (await api('researcher').post(`/cases/${caseId}/events`, { type: 'appeal', title: 'Appeal lodged', date: day, followsFrom: [verdict] }).expect(201)).body.data.id;
    await page('researcher').post(`/cases/${caseId}/timeline/order`, { key: `event-${appeal}`, direction: 'up' }).expect(303);
    expect(ids((await page('viewer').get(`/cases/${caseId}`).expect(200)).text)).toEqual([`event-${verdict}`, `event-${appeal}`]);
    expect(await t.ds.getRepository(TimelineOrder).countBy({ caseId })).toBe(0);
  });

  it('a restricted case answers 404 to non-members for its order controls', async () => {
    const caseId = (await api('admin').post('/cases', { title: 'Restricted order', status: 'open', restricted: true }).expect(201)).body.data.id;
    await page('researcher').post(`/cases/${caseId}/timeline/order`, { key: 'event-1', direction: 'up' }).expect(404);
  });
});

describe('protected people on the timeline', () => {
  it('names a protected maker of a statement only to those cleared, in the list, the picture and the dossier; a name typed in a proceeding title is withheld too', async () => {
    const caseId = (await api('researcher').post('/cases', { title: 'Protected on the timeline', status: 'open' }).expect(201)).body.data.id;
    const witness = await insertPerson(t.ds, 'Zaur Hiddenname', { protectedIdentity: true });
    await insertParticipant(t.ds, caseId, witness.id, 'witness');
    await api('admin').post(`/cases/${caseId}/statements`, { makerPersonId: witness.id, kind: 'confession', date: { precision: 'day', value: '2005-10-24' } }).expect(201);
    const proceeding = (await api('admin').post(`/cases/${caseId}/proceedings`, { title: 'Trial of Zaur Hiddenname' }).expect(201)).body.data.id;
    await api('admin').post(`/cases/${caseId}/proceedings/${proceeding}/stages`, { kind: 'hearing', date: { precision: 'day', value: '2006-01-10' } }).expect(201);
    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    const list = html.slice(html.indexOf('id="events"'), html.indexOf('id="allegations"'));
    expect(list).toMatch(/Confession by Person P-\d{4}/);
    expect(list).not.toContain('Hiddenname');
    const svg = svgText(await page('viewer').get(`/cases/${caseId}/timeline.svg`).expect(200));
    expect(svg).not.toContain('Hiddenname');
    expect(svg).toMatch(/Person P-\d{4}/);
    expect((await page('viewer').get(`/cases/${caseId}/dossier`).expect(200)).text).not.toContain('Hiddenname');
    expect((await page('admin').get(`/cases/${caseId}`).expect(200)).text).toContain('Confession by Zaur Hiddenname');
  });
});
