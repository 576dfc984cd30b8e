import { READ_ONLY, Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { caseRetractions } from '../../src/statements/statement-retraction.service';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * A statement's treatment by the court is a status (submitted, admitted, relied on in the verdict,
 * excluded), and its retractions and reaffirmations are a dated history: entered through the
 * pages and the API, read back by the case page, the report of convictions relying on retracted
 * statements, the filters, the exports and the dossier.
 */
let t: TestApp;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;
beforeAll(async () => {
  t = await startTestApp();
  ({ tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = (role: Role | string) => apiAs(t.app, tokens[role as Role] ?? role);
const page = (role: Role, session = sessions[role]) => pageAs(session);

async function newCase(title: string, opts: { restricted?: boolean } = {}): Promise<number> {
  return (await api('researcher').post('/cases', { title, status: 'open', restricted: opts.restricted ?? false }).expect(201)).body.data.id;
}
async function convictedTrial(caseId: number): Promise<number> {
  const trial = (await api('researcher').post(`/cases/${caseId}/proceedings`, { title: 'First-instance trial' }).expect(201)).body.data.id;
  await api('researcher').post(`/cases/${caseId}/proceedings/${trial}/stages`, { kind: 'verdict', outcome: 'convicted', date: { precision: 'year', value: '2014' } }).expect(201);
  return trial;
}
const statementIn = async (caseId: number, body: object) => (await api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'other detainees', kind: 'confession', ...body }).expect(201)).body.data;
const reportRows = async (query = '') => (await api('analyst').get(`/reports${query}`).expect(200)).body.data.convictions as { id: number; count: number }[];
const listed = async (query: string) => ((await api('analyst').get(`/search?${query}`).expect(200)).body.data as { id: number }[]).map((h) => h.id).sort((a, b) => a - b);

describe('court status', () => {
  it('records "the court is considering the confessions" as submitted, and only "relied on in the verdict" counts as relied on', async () => {
    const caseId = await newCase('Kudaev: the court is considering the confessions');
    const trial = await convictedTrial(caseId);
    const s = await statementIn(caseId, { courtStatus: 'submitted', proceedingId: trial });
    expect([s.courtStatus, s.courtStatusLabel, s.reliedOnByCourt, s.proceeding.id]).toEqual(['submitted', 'Submitted to the court', false, trial]);
    await api('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction', forum: 'court', reason: 'extracted under torture' }).expect(201);

    // Submitted and retracted is not yet a conviction relying on a retracted statement.
    expect((await reportRows()).map((r) => r.id)).not.toContain(caseId);
    expect(await listed('relied=1')).not.toContain(caseId);
    expect(await listed('retracted=1')).toContain(caseId);
    const html = (await page('lawyer').get(`/cases/${caseId}`).expect(200)).text;
    expect(html).toContain('Submitted to the court: First-instance trial');
    expect(html).not.toContain('relied on by a court.');

    // The verdict relies on it: now it counts, once.
    await api('researcher').patch(`/cases/${caseId}/statements/${s.id}`, { courtStatus: 'relied_on' }).expect(200);
    expect((await reportRows()).find((r) => r.id === caseId)).toMatchObject({ count: 1 });
    expect(await listed('relied=1&retracted=1')).toContain(caseId);
    const facets = (await api('analyst').get(`/search?retracted=1&include=facets`).expect(200)).body.facets.filters as { param: string; values: { label: string; count: number }[] }[];
    const reliedCount = facets.find((f) => f.param === 'retracted')!.values.find((v) => v.label === 'A court relied on a statement')!.count;
    expect(reliedCount).toBe((await listed('relied=1&retracted=1')).length);
    expect(reliedCount).toBeGreaterThan(0);
    expect((await page('lawyer').get(`/cases/${caseId}`).expect(200)).text).toContain('1 retracted statement relied on by a court.');

    // Excluded by the court: no longer relied on.
    await api('researcher').patch(`/cases/${caseId}/statements/${s.id}`, { courtStatus: 'excluded' }).expect(200);
    expect((await reportRows()).map((r) => r.id)).not.toContain(caseId);
  });

  it('sets the status through the page form, with a message beside the field for a proceeding without a court status', async () => {
    const caseId = await newCase('Court status form');
    const trial = await convictedTrial(caseId);
    const form = await page('researcher').get(`/cases/${caseId}/statements/new`).expect(200);
    for (const label of ['Submitted to the court', 'Admitted as evidence', 'Relied on in the verdict', 'Excluded by the court']) expect(form.text).toContain(label);
    const bad = await page('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'co-defendants', kind: 'confession', courtStatus: '', proceedingId: String(trial) });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/for="f-proceedingId"[\s\S]{0,800}only for a statement submitted to its court/);
    expect(Number((await t.ds.query('SELECT count(*) AS n FROM statement WHERE case_id = ?', [caseId]))[0].n)).toBe(0);
    const ok = await page('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'co-defendants', kind: 'confession', courtStatus: 'admitted', proceedingId: String(trial) });
    expect(ok.status).toBe(303);
    const id = Number(/statement-(\d+)/.exec(ok.headers.location)![1]);
    expect((await api('viewer').get(`/cases/${caseId}/statements/${id}`).expect(200)).body.data).toMatchObject({ courtStatus: 'admitted', proceeding: { id: trial } });
    expect((await page('researcher').get(`/cases/${caseId}/statements/${id}/edit`).expect(200)).text).toMatch(/<option value="admitted" selected>/);
  });
});

describe('retraction history', () => {
  it('records a retraction later reaffirmed under pressure through the pages, in date order, and shows it on the case page', async () => {
    const caseId = await newCase('A retraction later reaffirmed');
    const trial = await convictedTrial(caseId);
    const s = await statementIn(caseId, { makerDescription: 'Anzor', date: { precision: 'day', value: '2005-10-25' }, courtStatus: 'relied_on', proceedingId: trial });
    const casePage = (await page('researcher').get(`/cases/${caseId}`).expect(200)).text;
    expect(casePage).toContain(`href="/cases/${caseId}/statements/${s.id}/retractions/new?kind=retraction"`);
    expect(casePage).toContain(`href="/cases/${caseId}/statements/${s.id}/retractions/new?kind=reaffirmation"`);
    const newForm = await page('researcher').get(`/cases/${caseId}/statements/${s.id}/retractions/new?kind=reaffirmation`).expect(200);
    expect(newForm.text).toContain('New reaffirmation');
    expect(newForm.text).toMatch(/<option value="reaffirmation" selected>/);

    // Entered out of order: the reaffirmation first, then the earlier retraction.
    const reaffirmed = await page('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'reaffirmation', date: { precision: 'month', value: '2007-03' }, forum: 'investigator', reason: 'Confirmed it again after a visit by officers', pressureAlleged: 'yes' });
    expect(reaffirmed.status).toBe(303);
    expect(reaffirmed.headers.location).toMatch(new RegExp(`^/cases/${caseId}#retraction-\\d+$`));
    const retracted = await page('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction', date: { precision: 'day', value: '2006-09-12' }, forum: 'court', reason: 'Extracted under torture', pressureAlleged: 'unknown' });
    expect(retracted.status).toBe(303);

    const view = (await api('lawyer').get(`/cases/${caseId}/statements/${s.id}`).expect(200)).body.data;
    expect(view.retracted).toBe(true);
    expect(view.retractions.map((r: { kind: string; sentence: string; pressureAlleged: string }) => [r.kind, r.sentence, r.pressureAlleged])).toEqual([
      ['retraction', 'Retracted at trial, 12 Sep 2006: Extracted under torture', 'unknown'],
      ['reaffirmation', 'Reaffirmed before the investigator, Mar 2007: Confirmed it again after a visit by officers', 'yes'],
    ]);
    const html = (await page('lawyer').get(`/cases/${caseId}`).expect(200)).text;
    const section = html.slice(html.indexOf('id="statements"'), html.indexOf('id="complaints"'));
    expect(section.indexOf('Retracted at trial, 12 Sep 2006')).toBeLessThan(section.indexOf('Reaffirmed before the investigator, Mar 2007'));
    expect(section).toContain('Pressure to reaffirm alleged');
    expect(section).not.toContain('/retractions/new');
    // Ever retracted: a later reaffirmation does not take the case out of the report or the filter.
    expect((await reportRows()).find((r) => r.id === caseId)).toMatchObject({ count: 1 });
    expect(await listed('retracted=1')).toContain(caseId);

    // The function the timeline reads: every step of the case, with its date.
    const steps = await caseRetractions(t.ds, caseId);
    expect(steps.map((x) => [x.statementId, x.kind, x.date?.precision, x.date?.start, x.pressureAlleged])).toEqual([
      [s.id, 'retraction', 'day', '2006-09-12', 'unknown'],
      [s.id, 'reaffirmation', 'month', '2007-03-01', 'yes'],
    ]);

    // Audited on the statement, without the words.
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'statement', recordId: String(s.id) }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['statement.create', 'statement.reaffirmation_add', 'statement.retraction_add']);
    expect(JSON.stringify(await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'statement_retraction' } }))).not.toContain('Extracted under torture');

    // Edited and deleted through the pages.
    const rid = steps[1].id;
    const edit = await page('researcher').get(`/cases/${caseId}/statements/${s.id}/retractions/${rid}/edit`).expect(200);
    expect(edit.text).toContain('Confirmed it again after a visit by officers</textarea>');
    expect((await page('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions/${rid}`, { kind: 'reaffirmation', date: { precision: 'month', value: '2007-04' }, forum: 'investigator', reason: 'Confirmed again', pressureAlleged: 'no' })).status).toBe(303);
    expect((await caseRetractions(t.ds, caseId))[1]).toMatchObject({ pressureAlleged: 'no', reason: 'Confirmed again' });
    expect((await page('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions/${rid}/delete`)).headers.location).toBe(`/cases/${caseId}#statement-${s.id}`);
    expect((await caseRetractions(t.ds, caseId)).map((x) => x.kind)).toEqual(['retraction']);
  });

  it('refuses bad input with a message beside the field and changes nothing', async () => {
    const caseId = await newCase('Bad retractions');
    const other = await newCase('Other case');
    const s = await statementIn(caseId, { date: { precision: 'day', value: '2006-01-10' } });
    const post = (body: object) => api('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, body);
    const fields = async (body: object) => (await post(body).expect(422)).body.error.fields as Record<string, string>;
    expect((await fields({ kind: 'recantation' })).kind).toBe('Must be retraction or reaffirmation.');
    expect((await fields({ kind: 'retraction', forum: 'moon' })).forum).toContain('is not a term of the retraction forum list');
    expect((await fields({ kind: 'retraction', pressureAlleged: 'perhaps' })).pressureAlleged).toBe('Must be yes, no or unknown.');
    expect((await fields({ kind: 'retraction', date: { precision: 'day', value: '2005-12-01' } }))['date.value']).toBe('The retraction cannot come before the statement.');
    expect((await fields({ kind: 'retraction', reason: 'x'.repeat(20_001) })).reason).toContain('at most 20000 characters');
    // A statement of another case is not found through this one.
    await api('researcher').post(`/cases/${other}/statements/${s.id}/retractions`, { kind: 'retraction' }).expect(404);
    const form = await page('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction', date: { precision: 'day', value: '2005-12-01' }, reason: 'kept & <typed>' });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/id="f-date"[\s\S]{0,1500}The retraction cannot come before the statement\./);
    expect(form.text).toContain('kept &amp; &lt;typed&gt;');
    expect(await caseRetractions(t.ds, caseId)).toEqual([]);
    // The statement cannot move after its own retraction.
    await api('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction', date: { precision: 'day', value: '2006-02-01' } }).expect(201);
    const moved = await api('researcher').patch(`/cases/${caseId}/statements/${s.id}`, { date: { precision: 'day', value: '2006-03-01' } }).expect(422);
    expect(moved.body.error.fields['date.value']).toContain('cannot come after its retraction');
  });

  it('lets only researchers and admins write the history, and hides a restricted case’s history from outsiders', async () => {
    const caseId = await newCase('Who writes retractions');
    const s = await statementIn(caseId, {});
    const rid = (await api('admin').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction' }).expect(201)).body.data.id;
    for (const role of READ_ONLY) {
      expect((await api(role).get(`/cases/${caseId}/statements/${s.id}/retractions`).expect(200)).body.data.map((r: { id: number }) => r.id)).toEqual([rid]);
      await api(role).post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction' }).expect(403);
      await api(role).patch(`/cases/${caseId}/statements/${s.id}/retractions/${rid}`, { reason: 'x' }).expect(403);
      await api(role).delete(`/cases/${caseId}/statements/${s.id}/retractions/${rid}`).expect(403);
      await page(role).get(`/cases/${caseId}/statements/${s.id}/retractions/new`).expect(403);
      expect((await page(role).post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction' })).status).toBe(403);
    }
    const patched = await api('researcher').patch(`/cases/${caseId}/statements/${s.id}/retractions/${rid}`, { reason: 'beaten' }).expect(200);
    expect([patched.body.data.kind, patched.body.data.reason]).toEqual(['retraction', 'beaten']);

    const hidden = await newCase('Restricted retractions', { restricted: true });
    const hs = await statementIn(hidden, {});
    await api('researcher').post(`/cases/${hidden}/statements/${hs.id}/retractions`, { kind: 'retraction', reason: 'secret' }).expect(201);
    const outsider = await makeUser(t.ds, 'researcher');
    const token = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    await api(token).get(`/cases/${hidden}/statements/${hs.id}/retractions`).expect(404);
    await api(token).post(`/cases/${hidden}/statements/${hs.id}/retractions`, { kind: 'retraction' }).expect(404);
    await pageAs(await signIn(t.app, outsider.email)).get(`/cases/${hidden}/statements/${hs.id}/retractions/new`).expect(404);
    await api('viewer').get(`/cases/${hidden}/statements/${hs.id}/retractions`).expect(404);
  });

  it('exports the history and shows it in the dossier', async () => {
    const caseId = await newCase('Exported retractions');
    const trial = await convictedTrial(caseId);
    const s = await statementIn(caseId, { makerDescription: 'Ravil', courtStatus: 'relied_on', proceedingId: trial, date: { precision: 'year', value: '2005' } });
    await api('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'retraction', date: { precision: 'approximate', value: '2006-05' }, forum: 'court', reason: 'Beaten until he confessed' }).expect(201);
    await api('researcher').post(`/cases/${caseId}/statements/${s.id}/retractions`, { kind: 'reaffirmation', date: { precision: 'year', value: '2007' }, pressureAlleged: 'yes' }).expect(201);
    const code = (await api('researcher').get(`/cases/${caseId}`).expect(200)).body.data.code;
    const rows = JSON.parse((await api('analyst').get(`/exports/statements?format=json&retracted=1`).expect(200)).text) as Record<string, unknown>[];
    const row = rows.find((r) => r.caseCode === code)!;
    expect(row).toMatchObject({
      maker: 'Ravil',
      courtStatus: 'Relied on in the verdict',
      retracted: true,
      retractions: 1,
      reaffirmations: 1,
      firstRetraction: 'c. May 2006',
      firstRetractionPrecision: 'approximate',
      firstRetractionEarliest: '2006-04-01',
      firstRetractionLatest: '2006-06-30',
      lastStep: 'reaffirmation',
      pressureToReaffirmAlleged: true,
      history: 'Retracted at trial, c. May 2006: Beaten until he confessed; Reaffirmed, 2007 (pressure to reaffirm alleged)',
    });
    const csv = (await api('analyst').get(`/exports/statements?format=csv`).expect(200)).text;
    expect(csv.split('\n')[0]).toContain('courtStatus,retracted,retractions,reaffirmations,firstRetraction');
    const dossier = (await page('lawyer').get(`/cases/${caseId}/dossier`).expect(200)).text;
    for (const text of ['Relied on in the verdict', 'Retracted at trial, c. May 2006: Beaten until he confessed', 'Reaffirmed, 2007 (pressure to reaffirm alleged)', 'A court relied on it']) expect(dossier).toContain(text);
  });
});
