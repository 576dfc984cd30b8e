import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { apiMessage } from '../../src/api/api-wording';

let t: TestApp;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;

beforeAll(async () => {
  t = await startTestApp();
  ({ tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = () => apiAs(t.app, tokens.researcher);
const FORM_WORDS = /\b(Tick|Untick|Choose|Select|Pick)\b|\bbox\b|from the list|leave the row/i;
const MISSING = 999_999;

describe('API errors are worded for API users', () => {
  it('names no list, box or tick in any message of a set of invalid requests, and the pages keep their wording', async () => {
    const caseId = (await api().post('/cases', { title: 'Wording', status: 'open', restricted: false }).expect(201)).body.data.id;
    const person = await insertPerson(t.ds, 'Ruslan Wordov');
    await insertParticipant(t.ds, caseId, person.id);
    const proceedingId = (await api().post(`/cases/${caseId}/proceedings`, { title: 'Trial', defendants: [person.id] }).expect(201)).body.data.id;
    const statementId = (await api().post(`/cases/${caseId}/statements`, { makerPersonId: person.id, kind: 'confession' }).expect(201)).body.data.id;
    const investigationId = (await api().post(`/cases/${caseId}/investigations`, { trigger: 'complaint' }).expect(201)).body.data.id;
    const complaintId = (await api().post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation' }).expect(201)).body.data.id;
    const range = { precision: 'range', start: '2020-05-01', end: '' };

    const invalid: [string, string, object][] = [
      // statements and their retraction history
      ['post', `/cases/${caseId}/statements`, {}],
      ['post', `/cases/${caseId}/statements`, { makerPersonId: MISSING, kind: 'confession', courtStatus: 'considering', proceedingId: MISSING, allegationId: MISSING }],
      ['post', `/cases/${caseId}/statements`, { makerDescription: 'other detainees', kind: 'confession', reliedOnByCourt: true, incriminates: [MISSING] }],
      ['post', `/cases/${caseId}/statements/${statementId}/retractions`, { kind: 'withdrawal', pressureAlleged: 'maybe', forum: 'nowhere', date: range }],
      // proceedings, defendants and verdicts
      ['post', `/cases/${caseId}/proceedings`, { defendants: [MISSING], courtInstitutionId: MISSING }],
      ['post', `/cases/${caseId}/proceedings`, { defendants: [{ personId: person.id, charges: [{ article: '' }] }, { personId: 'x' }] }],
      ['post', `/cases/${caseId}/proceedings/${proceedingId}/stages`, { kind: 'séance', date: range, verdicts: [{ personId: MISSING, outcome: 'guilty', sentenceYears: 'ten' }] }],
      // investigations and decisions
      ['post', `/cases/${caseId}/investigations`, { trigger: 'rumour', triggerComplaintId: MISSING, institutionId: MISSING }],
      ['post', `/cases/${caseId}/investigations/${investigationId}/decisions`, { kind: 'forgotten', evidenceItemId: MISSING, sourceEventId: MISSING, institutionId: MISSING }],
      ['post', `/cases/${caseId}/investigations/${investigationId}/decisions`, { kind: 'refused_to_open', date: range }],
      // people and deaths
      ['post', '/people', {}],
      ['post', '/people', { names: [{ name: 'Ivan', script: 'runic', kind: 'nickname?', language: 'Russian language' }], gender: 'other?', died: true, deathInCustody: 'maybe', deathInstitutionId: MISSING }],
      ['patch', `/people/${person.id}`, { names: [{ name: '' }] }],
      ['patch', `/people/${person.id}`, { died: true, deathInCustody: 'perhaps', deathDate: range }],
      // events
      ['post', `/cases/${caseId}/events`, { type: 'party', people: [{ personId: MISSING, role: 'victim' }], institutions: [MISSING], date: range, followsFrom: [MISSING] }],
      ['post', `/cases/${caseId}/events`, {}],
      // complaints and responses
      ['post', `/cases/${caseId}/complaints`, { request: 'pray', toInstitutionId: MISSING, filedByPersonId: MISSING, date: range }],
      ['post', `/cases/${caseId}/complaints/${complaintId}/responses`, { outcome: 'ignored', decisionId: MISSING, respondingInstitutionId: MISSING }],
      // cases, citations, allegations
      ['post', '/cases', { title: '', groupCount: 'many' }],
      ['post', `/cases/${caseId}/citations`, { sourceId: MISSING, recordType: 'case_event', recordId: MISSING }],
      ['post', `/cases/${caseId}/allegations`, { summary: '', perpetrators: [{}] }],
      ['post', `/cases/${caseId}/investigations`, { trigger: 'complaint', triggerComplaintId: MISSING }],
    ];
    const seen: string[] = [];
    for (const [method, url, body] of invalid) {
      const res = await (method === 'post' ? api().post(url, body) : api().patch(url, body));
      expect([url, res.status]).toEqual([url, expect.any(Number)]);
      if (res.status !== 422 && res.status !== 404) throw new Error(`${method} ${url} ${JSON.stringify(body)} answered ${res.status}: ${JSON.stringify(res.body)}`);
      const messages = [res.body.error.message, ...Object.values((res.body.error.fields ?? {}) as Record<string, string>)];
      for (const m of messages) {
        seen.push(m);
        expect([url, m]).toEqual([url, expect.not.stringMatching(FORM_WORDS)]);
      }
    }
    // The walk met real field messages, those the pages word with the form verbs among them.
    expect(seen.length).toBeGreaterThan(30);
    expect(seen).toEqual(expect.arrayContaining(['Give a complaint of this case.', 'Give a decision of one of this case’s investigations.', 'Must be yes, no or unknown.']));

    // The pages keep their own wording.
    const form = await pageAs(sessions.researcher).post(`/cases/${caseId}/investigations`, { trigger: 'complaint', triggerComplaintId: String(MISSING), institutionId: '', began: { precision: 'day', value: '2005-11-15' }, officialNumber: '', note: '' });
    expect(form.status).toBe(422);
    expect(form.text).toContain('Choose a complaint of this case.');
  });

  it('turns the form verbs into what a request gives', () => {
    expect(apiMessage('Choose a person from the list.')).toBe('Give a person (a known id or code).');
    expect(apiMessage('Enter the alias, or leave the box empty.')).toBe('Give the alias, or leave it out.');
    expect(apiMessage('Enter a whole number, or leave it empty.')).toBe('Give a whole number, or leave it out.');
    expect(apiMessage('Tick at least one item to put in the bundle.')).toBe('Give at least one evidence item id to put in the bundle.');
    expect(apiMessage('This case cannot be restored.')).toBe('This case cannot be restored.');
  });
});
