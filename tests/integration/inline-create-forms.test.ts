/**
 * Issue 15: "New person…" / "New institution…" without script on the complaint, statement,
 * proceeding and investigation forms, new and edit, as on the event and allegation forms: the
 * half-filled form is kept on the server (src/drafts/), the record is created on a page of its
 * own, and the form comes back as it was left with the record chosen.
 */
import { Role, Session, apiAs, everyRole } from '../support/roles';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { TestApp, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { Institution } from '../../src/institutions/institution.entity';
import { PersonName } from '../../src/people/person-name.entity';

let t: TestApp;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;
let caseId = 0;

beforeAll(async () => {
  t = await startTestApp();
  ({ tokens, sessions } = await everyRole(t.app, t.ds));
  caseId = (await apiAs(t.app, tokens.researcher).post('/cases', { title: 'Inline creation without script', status: 'open' }).expect(201)).body.data.id;
  const victim = await insertPerson(t.ds, 'Rasul Kudaev');
  await insertParticipant(t.ds, caseId, victim.id, 'victim');
});
afterAll(() => t.close());

const hostile = BLNS_NON_BLANK.find((s) => s.includes('<') && s.length < 200) ?? '<b>kept</b>';

/** Leaves the form at `returnTo` through its picker `field`, creates the record, and returns the page the form comes back as. */
async function throughInline(kind: 'person' | 'institution', returnTo: string, field: string, body: Record<string, string>, create: Record<string, string>) {
  const r = sessions.researcher;
  const start = await r.agent.post(`/inline/${kind}/start?field=${encodeURIComponent(field)}&returnTo=${encodeURIComponent(returnTo)}`).type('form').send({ _csrf: r.csrf, ...body });
  expect(start.status).toBe(303);
  const draft = new RegExp(`^/inline/${kind}\\?draft=([0-9a-f]{32})$`).exec(start.headers.location)![1];
  const made = await r.agent.post(`/inline/${kind}`).type('form').send({ _csrf: r.csrf, draft, ...create });
  expect(made.status).toBe(303);
  expect(made.headers.location.startsWith(`${returnTo}?draft=${draft}#f-`)).toBe(true);
  return (await r.agent.get(made.headers.location.replace(/#.*/, '')).expect(200)).text;
}

async function institutionId(name: string) {
  return (await t.ds.getRepository(Institution).findOneByOrFail({ name })).id;
}

describe('inline creation without script on the remaining record forms', () => {
  it('the complaint form offers the buttons, and comes back with the addressee created and what was typed', async () => {
    const form = await sessions.researcher.agent.get(`/cases/${caseId}/complaints/new`).expect(200);
    expect(form.text).toContain(`formaction="/inline/institution/start?field=toInstitutionId&returnTo=${encodeURIComponent(`/cases/${caseId}/complaints/new`)}"`);
    const back = await throughInline('institution', `/cases/${caseId}/complaints/new`, 'toInstitutionId',
      { filedByText: hostile, request: 'open_criminal_investigation', description: 'Typed before leaving.', responseOutcome: 'refused_to_open' },
      { name: 'Прокуратура г. Нальчика', type: 'prosecutors_office' });
    const id = await institutionId('Прокуратура г. Нальчика');
    expect(back).toContain(`name="toInstitutionId" value="${id}"`);
    expect(back).toContain(`value="${escapeHtml(hostile)}"`);
    expect(back).toContain('Typed before leaving.</textarea>');
    expect(back).toMatch(/<option value="refused_to_open" selected>/);
  });

  it('the complaint edit form, through a new person as the filer', async () => {
    const complaint = (await apiAs(t.app, tokens.researcher).post(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', description: 'Stored.' }).expect(201)).body.data.id;
    const back = await throughInline('person', `/cases/${caseId}/complaints/${complaint}/edit`, 'filedByPersonId',
      { request: 'open_criminal_investigation', description: 'Changed, not saved yet.' },
      { 'names[0][name]': 'Фатима Кудаева' });
    const person = await t.ds.getRepository(PersonName).findOneByOrFail({ name: 'Фатима Кудаева' });
    expect(back).toContain(`name="filedByPersonId" value="${person.personId}"`);
    expect(back).toContain('Changed, not saved yet.</textarea>');
  });

  it('the statement form: before whom, an institution created on its page', async () => {
    const back = await throughInline('institution', `/cases/${caseId}/statements/new`, 'beforeInstitutionId',
      { makerDescription: 'Another detainee', kind: 'confession', content: 'What he was made to say.', conditions: 'under_duress_alleged', courtStatus: 'not_submitted' },
      { name: 'СО по г. Нальчику', type: 'investigative_committee' });
    const id = await institutionId('СО по г. Нальчику');
    expect(back).toContain(`name="beforeInstitutionId" value="${id}"`);
    expect(back).toContain('What he was made to say.</textarea>');
    expect(back).toMatch(/value="under_duress_alleged"[^>]*checked/);
  });

  it('the proceeding form: the court created on its page, a defendant row kept', async () => {
    const form = await sessions.researcher.agent.get(`/cases/${caseId}/proceedings/new`).expect(200);
    expect(form.text).toContain('/inline/person/start?field=defendants%5B0%5D%5BpersonId%5D');
    const back = await throughInline('institution', `/cases/${caseId}/proceedings/new`, 'courtInstitutionId',
      { title: 'Trial of the Nalchik defendants', caseNumber: '1-3/2014' },
      { name: 'Нальчикский городской суд', type: 'court' });
    const id = await institutionId('Нальчикский городской суд');
    expect(back).toContain(`name="courtInstitutionId" value="${id}"`);
    expect(back).toContain('value="Trial of the Nalchik defendants"');
  });

  it('the investigation form: the investigating body created on its page', async () => {
    const back = await throughInline('institution', `/cases/${caseId}/investigations/new`, 'institutionId',
      { note: 'Typed note.' },
      { name: 'СУ СК по КБР', type: 'investigative_committee' });
    const id = await institutionId('СУ СК по КБР');
    expect(back).toContain(`name="institutionId" value="${id}"`);
  });

  it('a draft comes back only to its own form: another form\'s page shows its usual empty form', async () => {
    const r = sessions.researcher;
    const start = await r.agent.post(`/inline/institution/start?field=toInstitutionId&returnTo=${encodeURIComponent(`/cases/${caseId}/complaints/new`)}`).type('form').send({ _csrf: r.csrf, description: 'Only for the complaint form.' });
    const draft = /draft=([0-9a-f]{32})/.exec(start.headers.location)![1];
    const other = await r.agent.get(`/cases/${caseId}/statements/new?draft=${draft}`).expect(200);
    expect(other.text).not.toContain('Only for the complaint form.');
    const otherSession = await sessions.admin.agent.get(`/cases/${caseId}/complaints/new?draft=${draft}`).expect(200);
    expect(otherSession.text).not.toContain('Only for the complaint form.');
  });
});
