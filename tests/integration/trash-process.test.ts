import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { caseProcessCounts } from '../../src/investigations/process-counts';
import { AuditEntry } from '../../src/audit/audit-entry.entity';

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
const day = (value: string) => ({ precision: 'day', value });
const id = async (res: Promise<{ status: number; body: { data: { id: number } } }>) => {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.id;
};
const trashList = async () => (await api('admin').get('/trash').expect(200)).body.data as { id: number; kind: string; recordId: number; label: string; caseId: number | null }[];
const exported = async (kind: string, query: Record<string, string> = {}) => (await api('analyst').get(`/exports/${kind}?${new URLSearchParams({ format: 'json', ...query })}`).expect(200)).body as Record<string, unknown>[];
const count = async (sql: string, params: unknown[]) => Number(((await t.ds.query(sql, params)) as { n: number }[])[0].n);

describe('the trash holds investigations and their decisions', () => {
  let caseId: number;
  let invId: number;
  let decisions: number[];
  let responseId: number;

  beforeAll(async () => {
    caseId = await id(api('researcher').post('/cases', { title: 'Refused three times in Nalchik', status: 'open', restricted: false }));
    invId = await id(api('researcher').post(`/cases/${caseId}/investigations`, { trigger: 'complaint', officialNumber: '77пр-05' }));
    decisions = [];
    for (const [kind, date] of [['refused_to_open', '2005-11-25'], ['refusal_annulled_supervisor', '2006-01-10'], ['refused_to_open', '2006-02-10']] as const) {
      decisions.push(await id(api('researcher').post(`/cases/${caseId}/investigations/${invId}/decisions`, { kind, date: day(date), reasons: `reasons for ${kind} ${date}` })));
    }
    const complaint = await id(api('researcher').post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', date: day('2006-02-01') }));
    // The response reports the second refusal: counted once.
    responseId = await id(api('researcher').post(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', date: day('2006-02-12'), decisionId: decisions[2] }));
  });

  it('says "Move … to trash" on the pages', async () => {
    const form = (await page('researcher').get(`/cases/${caseId}/investigations/${invId}/edit`).expect(200)).text;
    expect(form).toContain('Move investigation to trash');
    expect(form).not.toContain('Delete investigation');
    const decisionForm = (await page('researcher').get(`/cases/${caseId}/investigations/${invId}/decisions/${decisions[0]}/edit`).expect(200)).text;
    expect(decisionForm).toContain('Move decision to trash');
  });

  it('deleting the investigation takes it off the case page, the refusal count and the exports; a restore puts it all back with its ids', async () => {
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(2);
    expect((await page('viewer').get(`/cases/${caseId}`).expect(200)).text).toContain('77пр-05');
    expect((await exported('decisions')).filter((d) => d.caseId === caseId || decisions.includes(Number(d.decisionId)))).toHaveLength(3);

    const moved = await page('researcher').post(`/cases/${caseId}/investigations/${invId}/delete`);
    expect(moved.status).toBe(303);

    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    expect(html).not.toContain('77пр-05');
    expect(html).not.toContain('reasons for refused_to_open');
    // The response alone still reports one refusal; nothing of the investigation is counted.
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(1);
    expect((await api('viewer').get(`/cases/${caseId}/investigations`).expect(200)).body.data).toEqual([]);
    expect((await exported('decisions')).filter((d) => decisions.includes(Number(d.decisionId)))).toEqual([]);
    expect((await exported('investigations')).filter((d) => d.investigationId === invId)).toEqual([]);
    expect(((await exported('cases')).find((c) => c.title === 'Refused three times in Nalchik') as Record<string, unknown>).refusalsToInvestigate).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM complaint_response WHERE id = ? AND decision_id IS NULL', [responseId])).toBe(1);

    const item = (await trashList()).find((i) => i.recordId === invId && i.kind === 'investigation')!;
    expect(item).toMatchObject({ caseId, label: '77пр-05 · on complaint' });
    const audit = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'investigation', recordId: String(invId) } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['investigation.delete', 'trash.move']));
    // An admin following the old address learns it is in the trash.
    const old = await api('admin').get(`/cases/${caseId}/investigations/${invId}`).expect(404);
    expect(old.body.error).toMatchObject({ code: 'in_trash', trashItemId: item.id });
    const oldDecision = await api('admin').get(`/cases/${caseId}/investigations/${invId}/decisions/${decisions[0]}`).expect(404);
    expect(oldDecision.body.error).toMatchObject({ code: 'in_trash', trashItemId: item.id });

    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    const back = (await api('viewer').get(`/cases/${caseId}/investigations`).expect(200)).body;
    expect(back.data.map((i: { id: number }) => i.id)).toEqual([invId]);
    expect(back.data[0].decisions.map((d: { id: number }) => d.id)).toEqual(decisions);
    expect(back.summary).toMatchObject({ refusals: 2 });
    expect(await count('SELECT COUNT(*) AS n FROM complaint_response WHERE id = ? AND decision_id = ?', [responseId, decisions[2]])).toBe(1);
    expect((await page('viewer').get(`/cases/${caseId}`).expect(200)).text).toContain('77пр-05');
    expect((await exported('decisions')).filter((d) => decisions.includes(Number(d.decisionId)))).toHaveLength(3);
  });

  it('a single decision goes to the trash and comes back, the response pointing to it again', async () => {
    await api('researcher').delete(`/cases/${caseId}/investigations/${invId}/decisions/${decisions[2]}`).expect(204);
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(2); // the response now counts on its own
    expect(await count('SELECT COUNT(*) AS n FROM investigation_decision WHERE investigation_id = ?', [invId])).toBe(2);
    const item = (await trashList()).find((i) => i.recordId === decisions[2] && i.kind === 'investigation decision')!;
    expect(item.label).toBe('refused to open');
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    expect(await count('SELECT COUNT(*) AS n FROM complaint_response WHERE id = ? AND decision_id = ?', [responseId, decisions[2]])).toBe(1);
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(2);
  });
});

describe('the trash holds retractions and recorded deaths', () => {
  it('a retraction moved to the trash stops counting and comes back', async () => {
    const caseId = await id(api('researcher').post('/cases', { title: 'Retracted confession', status: 'open', restricted: false }));
    const statement = await id(api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'the victim', kind: 'confession', courtStatus: 'submitted' }));
    const retraction = await id(api('researcher').post(`/cases/${caseId}/statements/${statement}/retractions`, { kind: 'retraction', forum: 'court', reason: 'extracted under torture' }));
    const form = (await page('researcher').get(`/cases/${caseId}/statements/${statement}/retractions/${retraction}/edit`).expect(200)).text;
    expect(form).toContain('Move retraction to trash');
    const listedRetracted = async () => ((await api('analyst').get('/search?retracted=1').expect(200)).body.data as { id: number }[]).map((h) => h.id);
    expect(await listedRetracted()).toContain(caseId);
    await api('researcher').delete(`/cases/${caseId}/statements/${statement}/retractions/${retraction}`).expect(204);
    expect(await listedRetracted()).not.toContain(caseId);
    const item = (await trashList()).find((i) => i.recordId === retraction && i.kind === 'retraction or reaffirmation')!;
    expect(item).toMatchObject({ caseId, label: 'retraction · court' });
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    expect(await count('SELECT COUNT(*) AS n FROM statement_retraction WHERE id = ?', [retraction])).toBe(1);
    expect(await listedRetracted()).toContain(caseId);
  });

  it('a recorded death that is removed goes to the trash and comes back', async () => {
    const personId = (await api('researcher').post('/people', { names: [{ name: 'Sergei Deadov' }], died: true, deathDate: day('2009-11-16'), deathInCustody: 'yes', deathPlace: 'Butyrka' }).expect(201)).body.data.id;
    await api('researcher').patch(`/people/${personId}`, { died: false }).expect(200);
    expect(await count('SELECT COUNT(*) AS n FROM person_death WHERE person_id = ?', [personId])).toBe(0);
    const item = (await trashList()).find((i) => i.recordId === personId && i.kind === 'death record')!;
    expect(item.label).toBe('Sergei Deadov');
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    expect((await t.ds.query('SELECT place, in_custody FROM person_death WHERE person_id = ?', [personId]))[0]).toEqual({ place: 'Butyrka', in_custody: 'yes' });
  });
});

describe('a case moved to the trash takes its legal process with it', () => {
  it('investigations, decisions, per-defendant verdicts and retractions go and come back; the person and their death stay', async () => {
    const caseId = await id(api('researcher').post('/cases', { title: 'Whole process', status: 'open', restricted: false }));
    const person = await insertPerson(t.ds, 'Anzor Tsekhov');
    await insertParticipant(t.ds, caseId, person.id);
    await api('researcher').patch(`/people/${person.id}`, { died: true, deathDate: day('2010-03-01'), deathInCustody: 'yes' }).expect(200);
    const inv = await id(api('researcher').post(`/cases/${caseId}/investigations`, { trigger: 'own_initiative' }));
    await id(api('researcher').post(`/cases/${caseId}/investigations/${inv}/decisions`, { kind: 'refused_to_open', date: day('2009-05-01') }));
    const proceeding = await id(api('researcher').post(`/cases/${caseId}/proceedings`, { title: 'Trial', defendants: [person.id] }));
    await id(api('researcher').post(`/cases/${caseId}/proceedings/${proceeding}/stages`, { kind: 'verdict', date: day('2011-07-11'), verdicts: [{ personId: person.id, outcome: 'convicted' }] }));
    const statement = await id(api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'the defendant', kind: 'confession', courtStatus: 'relied_on', proceedingId: proceeding }));
    await id(api('researcher').post(`/cases/${caseId}/statements/${statement}/retractions`, { kind: 'retraction', forum: 'court' }));

    const counts = async () => ({
      investigations: await count('SELECT COUNT(*) AS n FROM investigation WHERE case_id = ?', [caseId]),
      decisions: await count('SELECT COUNT(*) AS n FROM investigation_decision d JOIN investigation i ON i.id = d.investigation_id WHERE i.case_id = ?', [caseId]),
      defendants: await count('SELECT COUNT(*) AS n FROM proceeding_defendant d JOIN proceeding p ON p.id = d.proceeding_id WHERE p.case_id = ?', [caseId]),
      verdicts: await count('SELECT COUNT(*) AS n FROM stage_verdict v JOIN proceeding_stage s ON s.id = v.stage_id JOIN proceeding p ON p.id = s.proceeding_id WHERE p.case_id = ?', [caseId]),
      retractions: await count('SELECT COUNT(*) AS n FROM statement_retraction WHERE case_id = ?', [caseId]),
      deaths: await count('SELECT COUNT(*) AS n FROM person_death WHERE person_id = ?', [person.id]),
    });
    const before = await counts();
    expect(before).toEqual({ investigations: 1, decisions: 1, defendants: 1, verdicts: 1, retractions: 1, deaths: 1 });

    await api('researcher').delete(`/cases/${caseId}`).expect(204);
    expect(await counts()).toEqual({ investigations: 0, decisions: 0, defendants: 0, verdicts: 0, retractions: 0, deaths: 1 });
    const item = (await trashList()).find((i) => i.kind === 'case' && i.recordId === caseId)!;
    await api('admin').post(`/trash/${item.id}/restore`, {}).expect(200);
    expect(await counts()).toEqual(before);
    expect((await caseProcessCounts(t.ds, caseId)).refusals).toBe(1);
  });
});
