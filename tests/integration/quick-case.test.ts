/**
 * Issue 15 (recording): the quick case page and creating people and institutions from inside the
 * forms that pick them, over HTTP as a browser without script sends them.
 */
import { TestApp, makeUser, signIn, startTestApp, Agent } from '../support/app';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { CaseRecord } from '../../src/cases/case.entity';
import { CaseParticipant } from '../../src/cases/case-participant.entity';
import { Person } from '../../src/people/person.entity';
import { PersonName } from '../../src/people/person-name.entity';
import { Source } from '../../src/sources/source.entity';
import { Citation } from '../../src/sources/citation.entity';
import { CaseEvent } from '../../src/events/event.entity';
import { EventPerson } from '../../src/events/event-person.entity';
import { EventInstitution } from '../../src/events/event-institution.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { createPerson } from '../../src/people/person.service';
import { createInstitution } from '../../src/institutions/institution.service';
import { personSchema } from '../../src/people/person.schema';
import { institutionSchema } from '../../src/institutions/institution.schema';
import { CLI_ACTOR } from '../../src/audit/audit.service';

let t: TestApp;
let researcher: { agent: Agent; csrf: string };
let policeId: number;
let kudaevId: number;

const REPORT = 'Human Rights Watch, 28 March 2007: "Rasul Kudaev was arrested on 23 October 2005 … repeatedly beaten in custody in an effort to compel him to confess."';

const counts = async () => ({
  cases: await t.ds.getRepository(CaseRecord).count(),
  people: await t.ds.getRepository(Person).count(),
  sources: await t.ds.getRepository(Source).count(),
  events: await t.ds.getRepository(CaseEvent).count(),
  citations: await t.ds.getRepository(Citation).count(),
  audit: await t.ds.getRepository(AuditEntry).count(),
});

const quick = (extra: Record<string, unknown> = {}) => ({
  _csrf: researcher.csrf,
  sourceText: REPORT,
  sourceName: 'Human Rights Watch',
  sourceTitle: 'The “Stamp of Guantanamo”',
  sourceKind: 'organisation',
  sourceRelation: 'ngo',
  sourceReliability: 'usually_reliable',
  'sourceDate[precision]': 'auto',
  'sourceDate[value]': '28.03.2007',
  title: 'Torture in custody after the Nalchik attack',
  year: '2005',
  status: 'open',
  region: '',
  'victims[0][name]': 'Кудаев Расул',
  'victims[0][spellings]': 'Rasul Kudaev\nRasul Kudayev',
  eventType: 'arrest',
  'eventDate[precision]': 'auto',
  'eventDate[value]': '23.10.2005',
  eventPlace: 'Nalchik',
  eventInstitutionId: String(policeId),
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  const user = await makeUser(t.ds, 'researcher');
  researcher = await signIn(t.app, user.email);
  const created = await createInstitution(t.ds, CLI_ACTOR, { id: user.id, role: 'researcher' } as never, institutionSchema.parse({ name: 'MVD KBR', type: 'police_unit' }));
  policeId = 'created' in created ? created.created.id : 0;
});
afterAll(() => t.close());

describe('the quick case', () => {
  it('creates the case, its cited source with the pasted text, the victim with every spelling and the first detention in one go, each audited', async () => {
    const auditBefore = await t.ds.getRepository(AuditEntry).count();
    const res = await researcher.agent.post('/cases/quick').type('form').send(quick());
    expect(res.status).toBe(303);
    const caseId = Number(/^\/cases\/(\d+)$/.exec(res.headers.location)![1]);
    const record = await t.ds.getRepository(CaseRecord).findOneByOrFail({ id: caseId });
    expect(record.code).toMatch(/^RU-2005-\d{4}$/);

    const source = await t.ds.getRepository(Source).findOneByOrFail({ name: 'Human Rights Watch' });
    expect(source.note).toBe(REPORT);
    expect(source.date.start).toBe('2007-03-28');
    expect(await t.ds.getRepository(Citation).findBy({ caseId })).toEqual([expect.objectContaining({ sourceId: source.id, recordType: 'case_record', recordId: caseId })]);

    const [participant] = await t.ds.getRepository(CaseParticipant).findBy({ caseId });
    expect(participant.role).toBe('victim');
    kudaevId = participant.personId;
    const names = (await t.ds.getRepository(PersonName).find({ where: { personId: kudaevId }, order: { id: 'ASC' } })).map((n) => [n.name, n.kind, n.script]);
    expect(names).toEqual([
      ['Кудаев Расул', 'primary', 'cyrillic'],
      ['Rasul Kudaev', 'spelling', 'latin'],
      ['Rasul Kudayev', 'spelling', 'latin'],
    ]);

    const [event] = await t.ds.getRepository(CaseEvent).findBy({ caseId });
    expect([event.type, event.date.precision, event.date.start, event.place]).toEqual(['arrest', 'day', '2005-10-23', 'Nalchik']);
    expect((await t.ds.getRepository(EventPerson).findBy({ eventId: event.id })).map((p) => [p.personId, p.role])).toEqual([[kudaevId, 'victim']]);
    expect((await t.ds.getRepository(EventInstitution).findBy({ eventId: event.id })).map((i) => i.institutionId)).toEqual([policeId]);

    const entries = await t.ds.getRepository(AuditEntry).createQueryBuilder('a').where('a.seq > :n', { n: auditBefore }).orderBy('a.seq').getMany();
    expect(entries.map((e) => `${e.recordType}:${e.action}`)).toEqual(['case:case.create', 'source:source.create', 'citation:citation.create', 'person:person.create', 'case:case.participant_add', 'event:event.create']);

    const page = await researcher.agent.get(res.headers.location).expect(200);
    expect(page.text).toContain(`Case ${record.code} created.`);
  });

  it('keeps every field and puts the message beside it when something is missing, writing nothing', async () => {
    const before = await counts();
    const res = await researcher.agent.post('/cases/quick').type('form').send(quick({ title: '', 'victims[0][name]': '', 'eventDate[value]': '' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain(escapeHtml(REPORT));
    expect(res.text).toContain('Rasul Kudaev\nRasul Kudayev');
    expect(res.text).toMatch(/<label for="f-title">[^]*?<p class="error-message" id="f-title-error">/);
    expect(res.text).toMatch(/id="f-victims-0-name-error"[^>]*>[^<]*<span[^>]*>[^<]*<\/span> Enter the victim’s name, or choose someone already recorded\./);
    expect(res.text).toContain('id="f-eventDate-value-error"');
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when a later step is refused (an institution that does not exist), and says so beside the picker', async () => {
    const before = await counts();
    const res = await researcher.agent.post('/cases/quick').type('form').send(quick({ 'victims[0][name]': 'Ivan Petrov', 'victims[0][spellings]': '', eventInstitutionId: '999999' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-eventInstitutionId-error"');
    expect(res.text).toContain('value="Ivan Petrov"');
    expect(await counts()).toEqual(before);
  });

  it('warns of a victim already recorded under another spelling, then takes the one chosen or a new person', async () => {
    const before = await counts();
    const warned = await researcher.agent.post('/cases/quick').type('form').send(quick({ 'victims[0][name]': 'Rasul Kudayev', 'victims[0][spellings]': '' }));
    expect(warned.status).toBe(409);
    expect(warned.text).toContain('This person may already be recorded');
    expect(warned.text).toContain(`name="victims[0][match]" value="${kudaevId}"`);
    expect(await counts()).toEqual(before);

    const same = await researcher.agent.post('/cases/quick').type('form').send(quick({ 'victims[0][name]': 'Rasul Kudayev', 'victims[0][spellings]': '', 'victims[0][match]': String(kudaevId) }));
    expect(same.status).toBe(303);
    const caseId = Number(/\d+$/.exec(same.headers.location)![0]);
    expect((await t.ds.getRepository(CaseParticipant).findBy({ caseId })).map((p) => p.personId)).toEqual([kudaevId]);
    expect(await t.ds.getRepository(Person).count()).toBe(before.people);

    const other = await researcher.agent.post('/cases/quick').type('form').send(quick({ 'victims[0][name]': 'Rasul Kudayev', 'victims[0][spellings]': '', 'victims[0][match]': 'new' }));
    expect(other.status).toBe(303);
    expect(await t.ds.getRepository(Person).count()).toBe(before.people + 1);
  });

  it('takes several victims, one of them chosen by record number, and offers another row on request', async () => {
    const more = await researcher.agent.post('/cases/quick').type('form').send(quick({ _more: 'victims' }));
    expect(more.status).toBe(200);
    expect(more.text).toContain('name="victims[1][name]"');
    const res = await researcher.agent.post('/cases/quick').type('form').send(quick({ 'victims[0][personId]': String(kudaevId), 'victims[0][name]': '', 'victims[0][spellings]': '', 'victims[1][name]': 'Анзор Бжамбеев', 'victims[1][match]': 'new' }));
    expect(res.status).toBe(303);
    const caseId = Number(/\d+$/.exec(res.headers.location)![0]);
    expect((await t.ds.getRepository(CaseParticipant).findBy({ caseId })).length).toBe(2);
    const [event] = await t.ds.getRepository(CaseEvent).findBy({ caseId });
    expect((await t.ds.getRepository(EventPerson).findBy({ eventId: event.id })).length).toBe(2);
  });

  it('is only for those who may create cases', async () => {
    for (const role of ['lawyer', 'analyst', 'viewer'] as const) {
      const { agent, csrf } = await signIn(t.app, (await makeUser(t.ds, role)).email);
      await agent.get('/cases/quick').expect(403);
      const before = await counts();
      await agent.post('/cases/quick').type('form').send({ ...quick(), _csrf: csrf }).expect(403);
      expect(await counts()).toEqual(before);
      const home = await agent.get('/').expect(200);
      expect(home.text).not.toContain('href="/cases/quick"');
    }
    expect((await researcher.agent.get('/').expect(200)).text).toContain('href="/cases/quick"');
  });

  it('stores naughty strings exactly as typed in the victims’ names, the source text and the title, and shows them escaped', async () => {
    const names = BLNS_NON_BLANK.filter((s) => [...s].length <= 300 && !/[\r\n]/.test(s));
    expect(names.length).toBeGreaterThan(400);
    // A few cases of many victims each, so that every string is a name, a spelling and a source text.
    for (let i = 0; i < names.length; i += 20) {
      const batch = names.slice(i, i + 20);
      const body: Record<string, unknown> = quick({ sourceText: batch.join('\n'), title: batch[0], eventInstitutionId: '', 'eventDate[value]': '', eventPlace: '' });
      batch.forEach((s, k) => {
        body[`victims[${k}][name]`] = s;
        body[`victims[${k}][spellings]`] = k === 0 ? batch.slice(1).filter((x) => x !== s).join('\n') : '';
        body[`victims[${k}][match]`] = 'new';
      });
      const res = await researcher.agent.post('/cases/quick').type('form').send(body);
      if (res.status !== 303) throw new Error(`batch ${i}: ${res.status} ${(/class="error-message"[^>]*>([^]*?)<\/p>/.exec(res.text) ?? [])[1]}`);
      const caseId = Number(/\d+$/.exec(res.headers.location)![0]);
      const record = await t.ds.getRepository(CaseRecord).findOneByOrFail({ id: caseId });
      expect(record.title).toBe(batch[0]);
      const [citation] = await t.ds.getRepository(Citation).findBy({ caseId });
      expect((await t.ds.getRepository(Source).findOneByOrFail({ id: citation.sourceId })).note).toBe(batch.join('\n'));
      const victims = await t.ds.getRepository(CaseParticipant).findBy({ caseId });
      const stored = await t.ds.getRepository(PersonName).createQueryBuilder('n').where('n.person_id IN (:...ids)', { ids: victims.map((v) => v.personId) }).andWhere("n.kind = 'primary'").getMany();
      expect(stored.map((n) => n.name).sort()).toEqual([...batch].sort());
      const page = await researcher.agent.get(`/cases/${caseId}`).expect(200);
      for (const s of batch.filter((x) => /<script/i.test(x))) expect(page.text).not.toContain(s);
    }
  }, 240_000);
});

describe('creating a person or an institution from inside a form, without script', () => {
  let caseId: number;
  beforeAll(async () => {
    const res = await researcher.agent.post('/cases').type('form').send({ _csrf: researcher.csrf, title: 'Inline creation', status: 'open' }).expect(303);
    caseId = Number(/\d+$/.exec(res.headers.location)![0]);
  });

  const eventBody = () => ({
    _csrf: researcher.csrf,
    type: 'arrest',
    title: 'Detained at the checkpoint <b>Kavkaz</b>',
    'date[precision]': 'auto',
    'date[value]': 'окт 2005',
    description: 'Everything typed so far must come back.',
    'institutionIds[0]': String(policeId),
    'people[0][personId]': '',
    'people[0][role]': 'victim',
  });

  it('keeps the half-filled form, creates the person (warning of a similar one first) and returns with them chosen', async () => {
    const start = await researcher.agent.post(`/inline/person/start?field=${encodeURIComponent('people[0][personId]')}&returnTo=${encodeURIComponent(`/cases/${caseId}/events/new`)}`).type('form').send(eventBody());
    expect(start.status).toBe(303);
    const draft = /^\/inline\/person\?draft=([0-9a-f]{32})$/.exec(start.headers.location)![1];
    const form = await researcher.agent.get(start.headers.location).expect(200);
    expect(form.text).toContain('New person');
    expect(form.text).toContain(`name="draft" value="${draft}"`);

    const similar = await researcher.agent.post('/inline/person').type('form').send({ _csrf: researcher.csrf, draft, 'names[0][name]': 'Rasul Kudaev' });
    expect(similar.status).toBe(409);
    expect(similar.text).toContain('This person may already be recorded');
    expect(similar.text).toContain(`name="useExisting" value="${kudaevId}"`);

    const peopleBefore = await t.ds.getRepository(Person).count();
    const created = await researcher.agent.post('/inline/person').type('form').send({ _csrf: researcher.csrf, draft, 'names[0][name]': 'Мурат Нагоев', 'names[1][name]': 'Murat Nagoev', 'names[2][name]': '', gender: 'male' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe(`/cases/${caseId}/events/new?draft=${draft}#f-people-0-personId`);
    expect(await t.ds.getRepository(Person).count()).toBe(peopleBefore + 1);
    const nagoev = await t.ds.getRepository(PersonName).findOneByOrFail({ name: 'Мурат Нагоев' });
    expect((await t.ds.getRepository(PersonName).find({ where: { personId: nagoev.personId }, order: { id: 'ASC' } })).map((n) => n.name)).toEqual(['Мурат Нагоев', 'Murat Nagoev']);

    const back = await researcher.agent.get(created.headers.location.replace(/#.*/, '')).expect(200);
    expect(back.text).toContain('value="Detained at the checkpoint &lt;b&gt;Kavkaz&lt;/b&gt;"');
    expect(back.text).toContain('value="окт 2005"');
    expect(back.text).toContain('Everything typed so far must come back.');
    expect(back.text).toMatch(new RegExp(`name="people\\[0\\]\\[personId\\]" value="${nagoev.personId}"`));
    expect(back.text).toContain('Мурат Нагоев');
    expect(back.text).toMatch(new RegExp(`name="institutionIds\\[0\\]" value="${policeId}"`));
    expect(back.text).not.toContain(researcher.csrf + '"' + ' name="draft"');
  });

  it('chooses a listed duplicate instead of creating, and an institution works the same way', async () => {
    const start = await researcher.agent.post(`/inline/institution/start?field=institutionIds%5B1%5D&returnTo=${encodeURIComponent(`/cases/${caseId}/events/new`)}`).type('form').send(eventBody());
    const draft = /draft=([0-9a-f]{32})/.exec(start.headers.location)![1];
    const dup = await researcher.agent.post('/inline/institution').type('form').send({ _csrf: researcher.csrf, draft, name: 'MVD  KBR', type: 'police_unit' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain(`name="useExisting" value="${policeId}"`);
    const before = await t.ds.getRepository(Institution).count();
    const chosen = await researcher.agent.post('/inline/institution').type('form').send({ _csrf: researcher.csrf, draft, useExisting: String(policeId) });
    expect(chosen.status).toBe(303);
    expect(await t.ds.getRepository(Institution).count()).toBe(before);
    const back = await researcher.agent.get(chosen.headers.location.replace(/#.*/, '')).expect(200);
    expect(back.text).toMatch(new RegExp(`name="institutionIds\\[1\\]" value="${policeId}"`));
  });

  it('comes back to the quick case form with the new institution chosen', async () => {
    const start = await researcher.agent.post('/inline/institution/start?field=eventInstitutionId&returnTo=%2Fcases%2Fquick').type('form').send(quick({ eventInstitutionId: '' }));
    const draft = /draft=([0-9a-f]{32})/.exec(start.headers.location)![1];
    const made = await researcher.agent.post('/inline/institution').type('form').send({ _csrf: researcher.csrf, draft, name: 'ИВС УВД г. Нальчика', type: 'police_unit', region: '' });
    expect(made.status).toBe(303);
    const ivs = await t.ds.getRepository(Institution).findOneByOrFail({ name: 'ИВС УВД г. Нальчика' });
    const back = await researcher.agent.get(made.headers.location.replace(/#.*/, '')).expect(200);
    expect(back.text).toContain(`name="eventInstitutionId" value="${ivs.id}"`);
    expect(back.text).toContain(escapeHtml(REPORT));
    expect(back.text).toContain('value="Кудаев Расул"');
  });

  it('refuses a return address that is not a path of this site, and a draft of another session', async () => {
    for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/cases/../admin', 'javascript:alert(1)', '/cases?x=1']) {
      await researcher.agent.post(`/inline/person/start?field=x&returnTo=${encodeURIComponent(bad)}`).type('form').send(eventBody()).expect(404);
    }
    await researcher.agent.post('/inline/person/start?field=people%5B0%5D%5BpersonId%5D%22%3E&returnTo=%2Fcases%2Fquick').type('form').send(eventBody()).expect(404);
    const start = await researcher.agent.post('/inline/person/start?field=eventInstitutionId&returnTo=%2Fcases%2Fquick').type('form').send(quick());
    const draft = /draft=([0-9a-f]{32})/.exec(start.headers.location)![1];
    const other = await signIn(t.app, (await makeUser(t.ds, 'researcher')).email);
    await other.agent.get(`/inline/person?draft=${draft}`).expect(404);
    const peek = await other.agent.get(`/cases/quick?draft=${draft}`).expect(200);
    expect(peek.text).not.toContain(escapeHtml(REPORT));
    await other.agent.post('/inline/person').type('form').send({ _csrf: other.csrf, draft, 'names[0][name]': 'Someone' }).expect(404);
    // A draft comes back only on the page it was made on.
    const elsewhere = await researcher.agent.get(`/cases/${caseId}/events/new?draft=${draft}`).expect(200);
    expect(elsewhere.text).not.toContain(escapeHtml(REPORT));
  });

  it('answers the dialog (with script) with the new record as JSON, and is closed to those who may not create', async () => {
    const dialog = await researcher.agent.get('/inline/person?dialog=1&field=people%5B0%5D%5BpersonId%5D').expect(200);
    expect(dialog.text).not.toContain('<html');
    expect(dialog.text).toContain('name="dialog" value="1"');
    const made = await researcher.agent.post('/inline/person').type('form').set('Accept', 'application/json').send({ _csrf: researcher.csrf, dialog: '1', 'names[0][name]': 'Zaur Dzamikhov' });
    expect(made.status).toBe(200);
    expect(made.body).toEqual({ id: expect.any(Number), label: 'Zaur Dzamikhov' });
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ recordType: 'person', recordId: String(made.body.id), action: 'person.create' });
    expect(audit).toBeTruthy();
    const refused = await researcher.agent.post('/inline/person').type('form').send({ _csrf: researcher.csrf, dialog: '1', 'names[0][name]': '' });
    expect(refused.status).toBe(200);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('data-inline-form');
    expect(refused.text).toContain('class="error-message"');

    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    await viewer.agent.get('/inline/person?dialog=1').expect(403);
    await viewer.agent.post('/inline/person').type('form').send({ _csrf: viewer.csrf, dialog: '1', 'names[0][name]': 'X' }).expect(403);
    await viewer.agent.post('/inline/person/start?field=x&returnTo=%2Fcases%2Fquick').type('form').send({ _csrf: viewer.csrf }).expect(403);
  });
});

// Keeps the import of the person service honest: the service still refuses a duplicate on its own.
it('the person service alone still warns of duplicates', async () => {
  const result = await createPerson(t.ds, CLI_ACTOR, { id: 1, role: 'admin' } as never, personSchema.parse({ names: [{ name: 'Rasul Kudayev' }], birth: {}, deathDate: {} }));
  expect('duplicates' in result).toBe(true);
});
