import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { Institution } from '../../src/institutions/institution.entity';
import { EvidenceItem } from '../../src/evidence/evidence-item.entity';
import { InvestigationDecision } from '../../src/investigations/investigation-decision.entity';
import { caseProcessCounts, countProcess } from '../../src/investigations/process-counts';
import { ComplaintResponse } from '../../src/complaints/complaint-response.entity';
import { listCaseDecisions } from '../../src/investigations/investigation.service';
import { latinize, matchKey } from '../../src/people/transliterate';
import { insertParticipant, insertPerson } from '../support/records';
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
const day = (value: string) => ({ precision: 'day', value });
const month = (value: string) => ({ precision: 'month', value });

async function newCase(title: string, opts: { restricted?: boolean } = {}): Promise<number> {
  return (await api('researcher').post('/cases', { title, status: 'open', restricted: opts.restricted ?? false }).expect(201)).body.data.id;
}
async function newInstitution(name: string, type = 'investigative_committee'): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type, parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }))).id;
}
async function newEvidence(caseId: number, title: string, confidentiality: 'normal' | 'privileged' = 'normal'): Promise<number> {
  const repo = t.ds.getRepository(EvidenceItem);
  const none = { precision: null, start: null, end: null };
  return (await repo.save(repo.create({ caseId, type: 'court_document', title, description: null, contentDate: none, receivedFrom: null, receivedHow: null, receivedDate: none, enteredById: users.researcher.id, confidentiality, paperLocation: null } as Partial<EvidenceItem>))).id;
}
async function newInvestigation(caseId: number, body: object = {}): Promise<number> {
  const res = await api('researcher').post(`/cases/${caseId}/investigations`, { trigger: 'complaint', ...body });
  if (res.status !== 201) throw new Error(`investigation not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}
async function newDecision(caseId: number, invId: number, body: object): Promise<number> {
  const res = await api('researcher').post(`/cases/${caseId}/investigations/${invId}/decisions`, body);
  if (res.status !== 201) throw new Error(`decision not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}
const decisionCount = () => t.ds.getRepository(InvestigationDecision).count();
const exported = async (kind: string, query: Record<string, string>) => (await api('analyst').get(`/exports/${kind}?${new URLSearchParams({ format: 'json', ...query })}`).expect(200)).body as Record<string, unknown>[];

describe('investigations: refused three times, annulled twice', () => {
  let caseId: number;
  let invId: number;
  let skId: number;
  let lastRefusal: number;

  it('is entered through the pages, each decision offering the usual next one', async () => {
    caseId = await newCase('Kudaev: refusals to investigate');
    skId = await newInstitution('Investigative Committee, Nalchik department');
    const prosecutor = await newInstitution('Prosecutor’s office of Kabardino-Balkaria', 'prosecutors_office');
    const researcher = page('researcher');

    const created = await researcher.post(`/cases/${caseId}/investigations`, { institutionId: String(skId), trigger: 'complaint', began: day('2005-11-15'), officialNumber: '123пр-05', note: '' });
    expect(created.status).toBe(303);
    const m = new RegExp(`^/cases/${caseId}/investigations/(\\d+)/decisions/new$`).exec(created.headers.location);
    expect(m).not.toBeNull();
    invId = Number(m![1]);
    // The first decision form proposes a pre-investigation check.
    expect((await researcher.get(created.headers.location).expect(200)).text).toMatch(/<option value="check_started" selected>/);

    const steps: [string, object][] = [
      ['check_started', day('2005-11-15')],
      ['refused_to_open', day('2005-11-25')],
      ['refusal_annulled_supervisor', month('2006-01')],
      ['check_started', {}],
      ['refused_to_open', day('2006-02-10')],
      ['refusal_annulled_court', month('2006-03')],
      ['refused_to_open', month('2006-04')],
    ];
    const expectedNext: Record<string, string> = { check_started: 'refused_to_open', refused_to_open: 'refusal_annulled_supervisor', refusal_annulled_supervisor: 'check_started', refusal_annulled_court: 'check_started' };
    for (const [kind, date] of steps) {
      const saved = await researcher.post(`/cases/${caseId}/investigations/${invId}/decisions`, { kind, date, official: 'investigator Major I. I. Ivanov', institutionId: kind === 'refusal_annulled_supervisor' ? String(prosecutor) : '', reasons: `Decision: ${kind}`, sequence: '0', then: 'next' });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`/cases/${caseId}/investigations/${invId}/decisions/new?kind=${expectedNext[kind]}`);
      const next = await researcher.get(saved.headers.location).expect(200);
      expect(next.text).toMatch(new RegExp(`<option value="${expectedNext[kind]}" selected>`));
    }
    const decisions = await listCaseDecisions(t.ds, caseId);
    expect(decisions.map((d) => d.kind)).toEqual(steps.map(([k]) => k));
    lastRefusal = decisions[6].id;
  });

  it('reads as a numbered sequence on the case page, the header showing the latest refusal at its precision', async () => {
    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    const start = html.indexOf('class="case-header"');
    const header = html.slice(start, html.indexOf('</header>', start));
    expect(header).toContain('3 refusals, last in Apr 2006');
    expect(header).not.toContain('2006-04-30');
    const section = html.slice(html.indexOf('id="investigations"'), html.indexOf('id="proceedings"'));
    expect(section).toContain('Decision 7 of 7');
    expect(section).toContain('Refusal 3 of 3');
    expect(section).toContain('Refusal 1 of 3');
    expect(section).toContain('3 refusals, 2 annulled');
    // A viewer sees no editing links.
    expect(section).not.toContain('Add the next decision');
    const mine = (await page('researcher').get(`/cases/${caseId}`).expect(200)).text;
    expect(mine).toContain(`/cases/${caseId}/investigations/${invId}/decisions/new?kind=refusal_annulled_supervisor`);
  });

  it('counts a refusal reported by a complaint’s response and recorded as a decision once, everywhere', async () => {
    const complaint = (await api('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', date: day('2006-03-20') }).expect(201)).body.data.id;
    // The response form offers the case's decisions.
    const form = (await page('researcher').get(`/cases/${caseId}/complaints/${complaint}/responses/new`).expect(200)).text;
    expect(form).toContain(`<option value="${lastRefusal}">`);
    const linked = await page('researcher').post(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', date: month('2006-04'), respondingInstitutionId: '', note: '', decisionId: String(lastRefusal) });
    expect(linked.status).toBe(303);

    const counts = await caseProcessCounts(t.ds, caseId);
    expect(counts.refusals).toBe(3);
    // The JS form of the definition agrees with the SQL one on the same records.
    const responses = await t.ds.getRepository(ComplaintResponse).find({ where: { complaintId: complaint } });
    const js = countProcess(await listCaseDecisions(t.ds, caseId), responses);
    expect([js.refusals, js.lastRefusalDate, js.opened]).toEqual([counts.refusals, counts.lastRefusalDate, counts.opened]);
    expect(counts.lastRefusalDate).toEqual({ precision: 'month', start: '2006-04-01', end: '2006-04-30' });

    const list = (await api('viewer').get(`/cases/${caseId}/investigations`).expect(200)).body;
    expect(list.summary).toMatchObject({ refusals: 3, opened: 0, lastRefusal: { text: 'Apr 2006', precision: 'month' } });
    expect(list.data[0].decisions[6]).toMatchObject({ kind: 'refused_to_open', refusal: true, kindPosition: 3, kindTotal: 3, position: 7, total: 7 });
    expect(list.data[0].decisions[6].reportedBy).toHaveLength(1);
    expect((await page('viewer').get(`/cases/${caseId}`).expect(200)).text).toContain('3 refusals, last in Apr 2006');

    // reports: the refusals table and its threshold agree with the filter
    const report = (await api('analyst').get(`/reports?refusals=3`).expect(200)).body.data;
    expect(report.refused).toEqual([expect.objectContaining({ id: caseId, count: 3, last: 'Apr 2006' })]);
    expect((await api('analyst').get(`/reports?refusals=4`).expect(200)).body.data.refused).toEqual([]);
    const reportPage = (await page('analyst').get('/reports?refusals=3').expect(200)).text;
    expect(reportPage).toContain('Apr 2006');
    expect(reportPage).not.toContain('2006-04-30<');

    // search: filter and facet
    const found = async (q: Record<string, string>) => (await api('analyst').get(`/search?${new URLSearchParams(q)}`).expect(200)).body;
    expect((await found({ refusals: '3' })).data.map((h: { id: number }) => h.id)).toContain(caseId);
    expect((await found({ refusals: '4' })).data.map((h: { id: number }) => h.id)).not.toContain(caseId);
    const facets = (await found({ refusals: '3', include: 'facets' })).facets;
    expect(Object.fromEntries(facets.filters.find((f: { param: string }) => f.param === 'refusals').values.map((v: { value: string; count: number }) => [v.value, v.count]))).toEqual({ '1': 1, '2': 1, '3': 1, '5': 0 });

    // exports
    const cases = await exported('cases', { refusals: '3' });
    expect(cases.map((c) => [c.title, c.refusalsToInvestigate])).toEqual([['Kudaev: refusals to investigate', 3]]);
    const complaints = await exported('complaints', { refusals: '3' });
    expect(complaints.map((c) => c.refusals)).toEqual([1]);
    const investigations = await exported('investigations', { refusals: '3' });
    expect(investigations).toEqual([expect.objectContaining({ investigationId: invId, body: 'Investigative Committee, Nalchik department', decisions: 7, refusals: 3, annulments: 2, opened: 0, began: '15 Nov 2005', beganPrecision: 'day', lastDecisionDate: 'Apr 2006' })]);
    const decisions = await exported('decisions', { refusals: '3' });
    expect(decisions.map((d) => d.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(decisions[6]).toMatchObject({ countsAs: 'refusal', date: 'Apr 2006', datePrecision: 'month', dateEarliest: '2006-04-01', dateLatest: '2006-04-30' });
    expect(decisions[3]).toMatchObject({ kind: 'Pre-investigation check started', date: null });
    const csv = (await api('analyst').get(`/exports/decisions?format=csv&refusals=3`).expect(200)).text;
    expect(csv.split('\n')[0]).toContain('caseCode,investigationId,decisionId,position,kind,countsAs,date,datePrecision,dateEarliest,dateLatest');

    // dossier
    const dossier = (await page('lawyer').get(`/cases/${caseId}/dossier`).expect(200)).text;
    expect(dossier).toContain('3 refusals, last in Apr 2006');
    expect(dossier).toContain('7 of 7: Refused to open a criminal case (3 of 3), Apr 2006');
    expect(dossier).toContain('Official investigations and their decisions');

    // A refusal reported by a response only (no decision) counts too: 4, never 5.
    await api('researcher').post(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'complaint_rejected', date: day('2006-06-01') }).expect(201);
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(4);
    expect((await exported('cases', { refusals: '4' })).map((c) => c.refusalsToInvestigate)).toEqual([4]);
  });

  it('reports the cases where an investigation was opened, by year and by body, beside the refusals', async () => {
    const other = await newCase('Prison hospital: opened on their own initiative');
    const body = await newInstitution('Investigative Committee, Yaroslavl region');
    const inv = await newInvestigation(other, { trigger: 'own_initiative', institutionId: body });
    await newDecision(other, inv, { kind: 'case_opened', date: { precision: 'approximate', value: '2018-01' } });
    await newDecision(other, inv, { kind: 'suspended', date: day('2018-06-01') });
    const report = (await api('analyst').get('/reports').expect(200)).body.data.opened;
    expect(report.byYear).toEqual(expect.arrayContaining([{ key: '2018', label: '2018', opened: 1, refused: 0 }, { key: '2005', label: '2005', opened: 0, refused: 1 }, { key: '2006', label: '2006', opened: 0, refused: 1 }]));
    expect(report.byBody).toEqual(expect.arrayContaining([{ key: String(body), label: 'Investigative Committee, Yaroslavl region', opened: 1, refused: 0 }]));
    expect(report.cases).toEqual([expect.objectContaining({ id: other, opened: 1, refusals: 0, last: 'c. Jan 2018' })]);
    const html = (await page('analyst').get('/reports').expect(200)).text;
    expect(html).toContain('Cases where an investigation was opened, beside the refusals');
    expect((await page('viewer').get(`/cases/${other}`).expect(200)).text).toContain('No refusals recorded; criminal case opened once, c. Jan 2018');
  });
});

describe('investigations: validation changes nothing', () => {
  it('refuses a decision dated before the investigation began, a document of another case, an unknown institution', async () => {
    const caseId = await newCase('Validation');
    const elsewhere = await newCase('Another case');
    const foreignDoc = await newEvidence(elsewhere, 'Their refusal');
    const ownDoc = await newEvidence(caseId, 'Refusal of 25 Nov 2005');
    const inv = await newInvestigation(caseId, { began: day('2005-11-10') });
    const before = await decisionCount();

    const early = await api('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', date: month('2005-10') }).expect(422);
    expect(Object.keys(early.body.error.fields)).toEqual(['date.value']);
    expect(early.body.error.fields['date.value']).toBe('The decision cannot come before the investigation began.');
    const doc = await api('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', evidenceItemId: foreignDoc }).expect(422);
    expect(Object.keys(doc.body.error.fields)).toEqual(['evidenceItemId']);
    const inst = await api('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', institutionId: 999999 }).expect(422);
    expect(inst.body.error.fields.institutionId).toBe('Give an institution (a known id or code).');
    await api('researcher').post(`/cases/${caseId}/investigations`, { trigger: 'complaint', institutionId: 999999 }).expect(422);
    const kind = await api('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'acquitted' }).expect(422);
    expect(Object.keys(kind.body.error.fields)).toEqual(['kind']);
    expect(await decisionCount()).toBe(before);

    // On the page: the message beside the field, the values kept, nothing saved.
    const shown = await page('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', date: month('2005-10'), official: 'Ivanov', reasons: 'kept text', sequence: '0' });
    expect(shown.status).toBe(422);
    expect(shown.text).toContain('The decision cannot come before the investigation began.');
    expect(shown.text).toContain('kept text');
    expect(await decisionCount()).toBe(before);

    // Known only to the month of the start: it may have come after, so it is accepted.
    const ok = await newDecision(caseId, inv, { kind: 'refused_to_open', date: month('2005-11'), evidenceItemId: ownDoc });
    const view = (await api('viewer').get(`/cases/${caseId}/investigations/${inv}/decisions/${ok}`).expect(200)).body.data;
    expect(view.document).toEqual({ id: ownDoc, title: 'Refusal of 25 Nov 2005' });
    // The investigation cannot then be moved to begin after it.
    const moved = await api('researcher').patch(`/cases/${caseId}/investigations/${inv}`, { began: day('2005-12-05') }).expect(422);
    expect(Object.keys(moved.body.error.fields)).toEqual(['began.value']);
  });

  it('refuses a response pointing to a decision of another case', async () => {
    const a = await newCase('Case A');
    const b = await newCase('Case B');
    const inv = await newInvestigation(b);
    const foreign = await newDecision(b, inv, { kind: 'refused_to_open' });
    const complaint = (await api('researcher').post(`/cases/${a}/complaints`, { request: 'open_criminal_investigation' }).expect(201)).body.data.id;
    const res = await api('researcher').post(`/cases/${a}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', decisionId: foreign }).expect(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['decisionId']);
    expect((await api('viewer').get(`/cases/${a}/complaints/${complaint}`).expect(200)).body.data.responses).toEqual([]);
    // Nor is a decision reachable through another case's address.
    await api('viewer').get(`/cases/${a}/investigations/${inv}`).expect(404);
    await api('viewer').get(`/cases/${a}/investigations/${inv}/decisions/${foreign}`).expect(404);
  });

  it('deleting a decision leaves the response that reported it counting on its own', async () => {
    const caseId = await newCase('Unlinking');
    const inv = await newInvestigation(caseId);
    const d = await newDecision(caseId, inv, { kind: 'refused_to_open', date: day('2010-01-01') });
    const complaint = (await api('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation' }).expect(201)).body.data.id;
    const r = (await api('researcher').post(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', decisionId: d }).expect(201)).body.data.id;
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(1);
    await api('researcher').delete(`/cases/${caseId}/investigations/${inv}/decisions/${d}`).expect(204);
    expect((await api('viewer').get(`/cases/${caseId}/complaints/${complaint}/responses/${r}`).expect(200)).body.data.decisionId).toBeNull();
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(1);
  });
});

describe('investigations: who may do what', () => {
  it('lets readers read and only researchers and admins write', async () => {
    const caseId = await newCase('Permissions');
    const inv = await newInvestigation(caseId);
    const d = await newDecision(caseId, inv, { kind: 'check_started' });
    for (const role of ['viewer', 'analyst', 'lawyer'] as Role[]) {
      await api(role).get(`/cases/${caseId}/investigations/${inv}`).expect(200);
      await api(role).post(`/cases/${caseId}/investigations`, { trigger: 'complaint' }).expect(403);
      await api(role).post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open' }).expect(403);
      await api(role).patch(`/cases/${caseId}/investigations/${inv}/decisions/${d}`, { kind: 'refused_to_open' }).expect(403);
      await api(role).delete(`/cases/${caseId}/investigations/${inv}`).expect(403);
      await page(role).get(`/cases/${caseId}/investigations/new`).expect(403);
      expect((await page(role).post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open' })).status).toBe(403);
      expect((await page(role).post(`/cases/${caseId}/investigations/${inv}/delete`)).status).toBe(403);
    }
    expect((await listCaseDecisions(t.ds, caseId)).map((x) => x.kind)).toEqual(['check_started']);
    await api('admin').patch(`/cases/${caseId}/investigations/${inv}/decisions/${d}`, { official: 'by admin' }).expect(200);
    // Page delete of the investigation takes its decisions with it.
    expect((await page('researcher').post(`/cases/${caseId}/investigations/${inv}/delete`)).status).toBe(303);
    await api('viewer').get(`/cases/${caseId}/investigations/${inv}`).expect(404);
    expect(await listCaseDecisions(t.ds, caseId)).toEqual([]);
  });

  it('answers 404 for a restricted case’s investigation to anyone not a member', async () => {
    const caseId = await newCase('Restricted investigation', { restricted: true });
    const inv = await newInvestigation(caseId);
    const d = await newDecision(caseId, inv, { kind: 'refused_to_open', reasons: 'secret reasons' });
    const outsider = await makeUser(t.ds, 'researcher');
    const token = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    const session = await signIn(t.app, outsider.email);
    for (const who of [{ token, session }, { token: tokens.viewer, session: sessions.viewer }]) {
      await api(who.token).get(`/cases/${caseId}/investigations`).expect(404);
      await api(who.token).get(`/cases/${caseId}/investigations/${inv}`).expect(404);
      await api(who.token).get(`/cases/${caseId}/investigations/${inv}/decisions/${d}`).expect(404);
      await api(who.token).post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'case_opened' }).expect(404);
      await page('viewer', who.session).get(`/cases/${caseId}/investigations/${inv}/decisions/${d}/edit`).expect(404);
    }
    for (const who of [token, tokens.analyst]) {
      const exportedRows = (await api(who).get('/exports/decisions?format=json').expect(200)).body as { reasons: string }[];
      expect(exportedRows.map((r) => r.reasons)).not.toContain('secret reasons');
      expect(((await api(who).get('/reports').expect(200)).body.data.refused as { id: number }[]).map((r) => r.id)).not.toContain(caseId);
    }
    expect(((await api('admin').get('/exports/decisions?format=json').expect(200)).body as { reasons: string }[]).map((r) => r.reasons)).toContain('secret reasons');
    await api('researcher').get(`/cases/${caseId}/investigations/${inv}`).expect(200);
    await api('admin').get(`/cases/${caseId}/investigations/${inv}/decisions/${d}`).expect(200);
  });

  it('does not show a privileged document to readers who may not know it exists', async () => {
    const caseId = await newCase('Privileged document');
    const inv = await newInvestigation(caseId);
    const doc = await newEvidence(caseId, 'Lawyer’s privileged note', 'privileged');
    // A researcher may not link what they may not read (privileged: lawyers and admins); an admin may.
    const refused = await api('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', evidenceItemId: doc }).expect(422);
    expect(Object.keys(refused.body.error.fields)).toEqual(['evidenceItemId']);
    const byAdmin = (await api('admin').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', evidenceItemId: doc }).expect(201)).body.data.id;
    const asViewer = (await api('viewer').get(`/cases/${caseId}/investigations/${inv}/decisions/${byAdmin}`).expect(200)).body.data;
    expect(asViewer.document).toBeNull();
    expect(JSON.stringify(asViewer)).not.toContain('privileged note');
    const asLawyer = (await api('lawyer').get(`/cases/${caseId}/investigations/${inv}/decisions/${byAdmin}`).expect(200)).body.data;
    expect(asLawyer.document).toEqual({ id: doc, title: 'Lawyer’s privileged note' });
    expect((await exported('decisions', {})).find((r) => r.decisionId === byAdmin)!.documentId).toBeNull();
    expect((await page('viewer').get(`/cases/${caseId}`).expect(200)).text).not.toContain('privileged note');
  });
});

describe('investigations: protected names in the free text', () => {
  it('withholds a protected person named in a decision’s reasons from uncleared readers, everywhere', async () => {
    const caseId = await newCase('Protected witness');
    const witness = await insertPerson(t.ds, 'Aslanbek Hiddenov', { protectedIdentity: true, createdById: users.admin.id });
    await insertParticipant(t.ds, caseId, witness.id, 'witness');
    const inv = (await api('admin').post(`/cases/${caseId}/investigations`, { trigger: 'complaint', note: 'Complaint by Aslanbek Hiddenov.' }).expect(201)).body.data.id;
    const d = (await api('admin').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', reasons: 'Aslanbek Hiddenov withdrew his statement.', official: 'investigator Petrov' }).expect(201)).body.data.id;
    const secret = /hiddenov|aslanbek/i;
    expect(JSON.stringify((await api('viewer').get(`/cases/${caseId}/investigations`).expect(200)).body)).not.toMatch(secret);
    const seen = (await api('viewer').get(`/cases/${caseId}/investigations/${inv}/decisions/${d}`).expect(200)).body;
    expect(JSON.stringify(seen)).not.toMatch(secret);
    expect(seen.data.reasons).toMatch(/^\[Person P-\d{4}\] withdrew his statement\.$/);
    expect((await page('viewer').get(`/cases/${caseId}`).expect(200)).text).not.toMatch(secret);
    expect((await page('viewer').get(`/cases/${caseId}/dossier`).expect(200)).text).not.toMatch(secret);
    expect(JSON.stringify(await exported('decisions', {}))).not.toMatch(secret);
    expect(JSON.stringify(await exported('investigations', {}))).not.toMatch(secret);
    // The admin reads them as written.
    expect((await api('admin').get(`/cases/${caseId}/investigations/${inv}/decisions/${d}`).expect(200)).body.data.reasons).toBe('Aslanbek Hiddenov withdrew his statement.');
  });
});

describe('investigations: old events that state a decision', () => {
  it('counts nothing until a researcher records one as a decision, once, from a prefilled form', async () => {
    const caseId = await newCase('Old refusal events');
    const sk = await newInstitution('Investigative Committee, Argun');
    const event = (await api('researcher').post(`/cases/${caseId}/events`, { type: 'investigation_refused', title: 'Refusal to open a case', date: month('2009-11'), description: 'No corpus delicti.', institutionIds: [sk] })).body.data.id;
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(0);

    const html = (await page('researcher').get(`/cases/${caseId}`).expect(200)).text;
    const section = html.slice(html.indexOf('id="investigations"'), html.indexOf('id="proceedings"'));
    expect(section).toContain('Timeline events that state a decision');
    expect(section).toContain(`/cases/${caseId}/investigations/new?event=${event}`);

    // No investigation yet: create one, then the decision form opens filled from the event.
    const created = await page('researcher').post(`/cases/${caseId}/investigations`, { trigger: 'complaint', fromEvent: String(event), began: { precision: 'day', value: '' } });
    expect(created.status).toBe(303);
    expect(created.headers.location).toMatch(new RegExp(`/decisions/new\\?event=${event}$`));
    const form = (await page('researcher').get(created.headers.location).expect(200)).text;
    expect(form).toMatch(/<option value="refused_to_open" selected>/);
    expect(form).toContain('No corpus delicti.');
    expect(form).toContain(`name="sourceEventId" value="${event}"`);
    expect(form).toContain('value="2009-11"');
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(0);

    const inv = Number(/investigations\/(\d+)\//.exec(created.headers.location)![1]);
    const saved = await page('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', date: month('2009-11'), reasons: 'No corpus delicti.', sourceEventId: String(event), sequence: '0' });
    expect(saved.status).toBe(303);
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(1);
    const after = (await page('researcher').get(`/cases/${caseId}`).expect(200)).text;
    expect(after).not.toContain('Timeline events that state a decision');
    expect(after).toContain('1 refusal, last in Nov 2009');
  });
});
