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

  it('answers 404 for a restricted case the user is not a member of', async () => {
    const viewer = await makeUser(t.ds, 'viewer');
    const { agent } = await signIn(t.app, viewer.email);
    await agent.get(`/cases/${secretId}/dossier`).expect(404);
    await agent.get(`/cases/${secretId}/dossier.pdf`).expect(404);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'case.dossier', recordId: String(secretId) })).toBe(0);
  });
});
