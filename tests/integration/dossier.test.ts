import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { extractPdfTextFromBytes } from '../../src/media';
import { User } from '../../src/users/user.entity';

let t: TestApp;
let researcher: User;
const tokens: Record<string, string> = {};
let caseId: number;
let secretId: number;

const binary = (r: request.Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

beforeAll(async () => {
  t = await startTestApp();
  researcher = await makeUser(t.ds, 'researcher');
  tokens.researcher = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token;
  const api = (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${tokens.researcher}`).send(body);
  caseId = (await api('/cases', { title: 'Rasul Kudaev: torture in custody', status: 'open', region: 'kabardino_balkaria', summary: 'Arrested on 23 October 2005 in Nalchik.' }).expect(201)).body.data.id;
  secretId = (await api('/cases', { title: 'Restricted', status: 'open', restricted: true }).expect(201)).body.data.id;
  const kudaev = await insertPerson(t.ds, 'Кудаев Расул', { createdById: researcher.id });
  const witness = await insertPerson(t.ds, 'Secret Witness', { protectedIdentity: true, createdById: researcher.id });
  await insertParticipant(t.ds, caseId, kudaev.id, 'victim');
  await insertParticipant(t.ds, caseId, witness.id, 'witness');
  await t.ds.query(`INSERT INTO case_event (case_id, type, title, date_precision, date_start, date_end, place) VALUES (?, 'arrest', 'Arrested after the attack on Nalchik', 'day', '2005-10-23', '2005-10-23', 'Nalchik')`, [caseId]);
  const [{ id: statementId }] = await t.ds.query(`INSERT INTO statement (case_id, maker_description, kind, court_status) VALUES (?, 'Other detainees', 'confession', 'relied_on') RETURNING id`, [caseId]);
  await t.ds.query(`INSERT INTO statement_retraction (case_id, statement_id, kind, forum, reason, pressure_alleged) VALUES (?, ?, 'retraction', 'court', 'Extracted under torture', 'unknown')`, [caseId, statementId]);
  await api(`/cases/${caseId}/medical-evaluations`, {
    examiner: 'Dr A. Petrova, forensic physician',
    examDate: { precision: 'month', value: '2005-11' },
    place: 'SIZO-1 Nalchik',
    policePresent: 'yes',
    overallGrade: 'highly_consistent',
    overallOpinion: 'The bruising pattern matches the account of beatings.',
    findings: [{ bodyLocation: 'left forearm', method: 'beating', grade: 'typical', description: 'Linear bruises' }],
  }).expect(201);
  // A complaint answered in January 2006 and a statement made in October 2005: on the dossier's timeline, in date order.
  const complaint = (await api(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', date: { precision: 'day', value: '2005-12-01' } }).expect(201)).body.data.id;
  await api(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', date: { precision: 'month', value: '2006-01' } }).expect(201);
  await api(`/cases/${caseId}/statements`, { makerDescription: 'The victim', kind: 'confession', date: { precision: 'day', value: '2005-10-24' } }).expect(201);
});
afterAll(() => t.close());

describe('case dossier', () => {
  it('shows the whole case history as a printable page, recorded in the audit trail', async () => {
    const { agent } = await signIn(t.app, researcher.email);
    const page = await agent.get(`/cases/${caseId}/dossier`).expect(200);
    for (const text of ['Rasul Kudaev: torture in custody', 'Arrested after the attack on Nalchik', '23 Oct 2005', 'Extracted under torture', 'A court relied on it', 'Кудаев Расул', 'Secret Witness']) expect(page.text).toContain(text);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'case.dossier', recordId: String(caseId) })).toBe(1);
  });

  it('downloads a paginated PDF whose text carries the names (Cyrillic included), page numbers, and pseudonyms for the uncleared', async () => {
    const mine = await signIn(t.app, researcher.email);
    const res = await binary(mine.agent.get(`/cases/${caseId}/dossier.pdf`)).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="dossier-RU-\d{4}-\d{4}\.pdf"/);
    const pdf = await extractPdfTextFromBytes(new Uint8Array(res.body));
    if (!pdf.ok) throw new Error(pdf.reason);
    expect(pdf.text).toContain('Кудаев Расул');
    expect(pdf.text).toContain('Secret Witness');
    expect(pdf.text).toMatch(/page 1 of \d+/);
    expect(pdf.text).toContain('Extracted under torture');

    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    const viewerPdf = await binary(viewer.agent.get(`/cases/${caseId}/dossier.pdf`)).expect(200);
    const text = await extractPdfTextFromBytes(new Uint8Array(viewerPdf.body));
    if (!text.ok) throw new Error(text.reason);
    expect(text.text).not.toContain('Secret Witness');
    expect(text.text).toMatch(/Person P-\d{4}/);
  });

  it('holds the medical evaluations with their grades, and every family of the timeline in order, on the page and in the PDF', async () => {
    const { agent } = await signIn(t.app, researcher.email);
    const page = (await agent.get(`/cases/${caseId}/dossier`).expect(200)).text;
    const medical = page.slice(page.indexOf('id="d-medical"'));
    expect(medical).toContain('Medical evaluation by Dr A. Petrova, forensic physician');
    expect(medical).toContain('highly consistent with torture or ill-treatment');
    expect(medical).toContain('Finding 1: typical of');
    expect(medical).toContain('left forearm');
    expect(medical).toContain('police present: yes');
    const timeline = page.slice(page.indexOf('id="d-events"'), page.indexOf('id="d-allegations"'));
    const order = ['Arrested after the attack on Nalchik', 'Confession by The victim', 'Complaint', 'Refused to open a criminal case'].map((x) => timeline.indexOf(x));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(timeline).toContain('Complaints and responses');

    const res = await binary(agent.get(`/cases/${caseId}/dossier.pdf`)).expect(200);
    const pdf = await extractPdfTextFromBytes(new Uint8Array(res.body));
    if (!pdf.ok) throw new Error(pdf.reason);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Medical and forensic evaluations');
    expect(text).toContain('highly consistent with torture or ill-treatment');
    expect(text).toContain('Finding 1: typical of');
    expect(text).toContain('Refused to open a criminal case');
  });

  it('answers 404 for a restricted case the user is not a member of', async () => {
    const viewer = await makeUser(t.ds, 'viewer');
    const { agent } = await signIn(t.app, viewer.email);
    await agent.get(`/cases/${secretId}/dossier`).expect(404);
    await agent.get(`/cases/${secretId}/dossier.pdf`).expect(404);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'case.dossier', recordId: String(secretId) })).toBe(0);
  });
});
