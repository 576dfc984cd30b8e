import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { User } from '../../src/users/user.entity';
import { CaseMember } from '../../src/cases/case-member.entity';

/**
 * A restricted case holding one of every record (event, allegation, statement, complaint with a
 * response, proceeding with a stage, citation, evidence with a file, medical evaluation), a
 * protected person taking part in it, and an institution and a source it uses, all created over
 * the API by an admin. Everyone else is a non-member: for them the case must not exist.
 */
export const SECRET = 'Zebrafinch';
export const PROTECTED_NAME = 'Aslanbek Hiddenov';

export interface Fixture {
  t: TestApp;
  users: Record<'admin' | 'member' | 'outsider' | 'lawyer' | 'analyst' | 'viewer', User>;
  tokens: Record<string, string>;
  ids: {
    case: number;
    code: string;
    openCase: number;
    institution: number;
    person: number;
    source: number;
    event: number;
    allegation: number;
    statement: number;
    complaint: number;
    response: number;
    proceeding: number;
    stage: number;
    citation: number;
    item: number;
    file: number;
    evaluation: number;
  };
}

export async function buildFixture(): Promise<Fixture> {
  const t = await startTestApp();
  const users = {
    admin: await makeUser(t.ds, 'admin'),
    member: await makeUser(t.ds, 'researcher'),
    outsider: await makeUser(t.ds, 'researcher'),
    lawyer: await makeUser(t.ds, 'lawyer'),
    analyst: await makeUser(t.ds, 'analyst'),
    viewer: await makeUser(t.ds, 'viewer'),
  };
  const tokens: Record<string, string> = {};
  for (const [role, u] of Object.entries(users)) tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, u.id, 'test')).token;
  const api = (method: 'post' | 'get', path: string, body?: object) => {
    const r = request(t.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${tokens.admin}`);
    return body ? r.send(body) : r;
  };
  const created = async (method: 'post', path: string, body: object) => {
    const res = await api(method, path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };

  const institution = await created('post', '/institutions', { name: 'Nalchik police station', type: 'police_unit', createAnyway: true });
  const person = await created('post', '/people', { names: [PROTECTED_NAME], protectedIdentity: true, notes: 'Lives in hiding.', createAnyway: true });
  const source = await created('post', '/sources', { kind: 'organisation', name: 'Memorial', reliability: 'completely_reliable', relation: 'victim' });
  const caseRecord = await created('post', '/cases', { title: `${SECRET} operation`, status: 'open', restricted: true, summary: `${SECRET} summary` });
  const openCase = await created('post', '/cases', { title: 'An open case', status: 'open' });
  const caseId = caseRecord.id;
  await created('post', `/cases/${caseId}/participants`, { personId: person.id, role: 'victim' });
  const event = await created('post', `/cases/${caseId}/events`, { type: 'arrest', title: `${SECRET} raid`, date: { precision: 'day', value: '2019-05-01' }, institutionIds: [institution.id], people: [{ personId: person.id, role: 'victim' }] });
  const allegation = await created('post', `/cases/${caseId}/allegations`, { victimPersonId: person.id, summary: `${SECRET} beating`, methods: ['beating'], status: 'alleged', eventIds: [event.id], institutionIds: [institution.id], perpetrators: [{ institutionId: institution.id, involvement: 'carried_out', attribution: 'confirmed' }] });
  const statement = await created('post', `/cases/${caseId}/statements`, { makerPersonId: person.id, kind: 'confession', content: `${SECRET} confession`, beforeInstitutionId: institution.id });
  const complaint = await created('post', `/cases/${caseId}/complaints`, { filedByPersonId: person.id, toInstitutionId: institution.id, request: 'open_criminal_investigation', description: `${SECRET} complaint` });
  const response = await created('post', `/cases/${caseId}/complaints/${complaint.id}/responses`, { outcome: 'refused_to_open', respondingInstitutionId: institution.id });
  const proceeding = await created('post', `/cases/${caseId}/proceedings`, { courtInstitutionId: institution.id, title: `${SECRET} trial`, defendants: [person.id] });
  const stage = await created('post', `/cases/${caseId}/proceedings/${proceeding.id}/stages`, { kind: 'indictment', courtInstitutionId: institution.id });
  const citation = await created('post', `/cases/${caseId}/citations`, { sourceId: source.id, recordType: 'case_event', recordId: event.id });
  const upload = await request(t.app)
    .post(`/api/v1/cases/${caseId}/evidence`)
    .set('Authorization', `Bearer ${tokens.admin}`)
    .field('type', 'testimony_transcript')
    .field('title', `${SECRET} testimony`)
    .attach('files', Buffer.from(`${SECRET} said what happened.\n`), 'testimony.txt');
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`);
  await evidenceJobsIdle(t.ds);
  const evaluation = await created('post', `/cases/${caseId}/medical-evaluations`, { examiner: `Dr ${SECRET}`, examDate: { precision: 'day', value: '2019-05-03' }, findings: [{ allegationId: allegation.id, bodyLocation: 'back', grade: 'consistent' }] });

  // A researcher member of the restricted case (cleared for the people in it).
  await t.ds.getRepository(CaseMember).insert({ caseId, userId: users.member.id });

  return {
    t,
    users,
    tokens,
    ids: {
      case: caseId,
      code: caseRecord.code,
      openCase: openCase.id,
      institution: institution.id,
      person: person.id,
      source: source.id,
      event: event.id,
      allegation: allegation.id,
      statement: statement.id,
      complaint: complaint.id,
      response: response.id,
      proceeding: proceeding.id,
      stage: stage.id,
      citation: citation.id,
      item: upload.body.data.id,
      file: upload.body.data.files[0].id,
      evaluation: evaluation.id,
    },
  };
}
