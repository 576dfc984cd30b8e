import fs from 'node:fs';
import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Person } from '../../src/people/person.entity';
import { PersonName } from '../../src/people/person-name.entity';
import { CaseMember } from '../../src/cases/case-member.entity';
import { User } from '../../src/users/user.entity';

const BLNS: string[] = JSON.parse(fs.readFileSync('/work/shared/corpora/strings/blns.json', 'utf8'));

let t: TestApp;
let researcher: User;
let session: Awaited<ReturnType<typeof signIn>>;
const tokens: Record<string, string> = {};
const users: Record<string, User> = {};

beforeAll(async () => {
  t = await startTestApp();
  researcher = await makeUser(t.ds, 'researcher');
  session = await signIn(t.app, researcher.email);
  for (const role of ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const) {
    const u = role === 'researcher' ? researcher : await makeUser(t.ds, role);
    users[role] = u;
    tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, u.id, 't')).token;
  }
  const other = await makeUser(t.ds, 'researcher');
  users.otherResearcher = other;
  tokens.otherResearcher = (await createApiToken(t.ds, CLI_ACTOR, other.id, 't')).token;
});
afterAll(() => t.close());

const api = (who: string) => ({
  get: (path: string) => request(t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`),
  post: (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`).send(body),
  patch: (path: string, body: object) => request(t.app).patch(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`).send(body),
});
const pseudonym = (id: number) => `Person P-${String(id).padStart(4, '0')}`;
const idFrom = (location: string) => Number(/\/people\/(\d+)$/.exec(location)![1]);
const namesOf = (body: { data: { label: string }[] }) => body.data.map((p) => p.label);

async function createPerson(who: string, body: object): Promise<number> {
  const res = await api(who).post('/people', { createAnyway: true, ...body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

describe('people: records, forms and roles', () => {
  it('a researcher records a person through the form with several names, a partial birth date and profiles', async () => {
    const { agent, csrf } = session;
    const form = await agent.get('/people/new').expect(200);
    expect(form.text).toContain('names[0][name]');
    expect(form.text).toContain('Protected identity');
    const res = await agent.post('/people').type('form').send({
      _csrf: csrf,
      'names[0][name]': 'Гумаров Расул',
      'names[0][script]': 'cyrillic',
      'names[0][language]': 'ru',
      'names[1][name]': 'Rasul Gumarov',
      'names[1][kind]': 'spelling',
      'names[2][name]': '',
      'birth[precision]': 'year',
      'birth[value]': '1975',
      gender: 'male',
      region: 'bashkortostan',
      profiles: ['former_guantanamo_detainee', 'banned_islamic_group_accused'],
      notes: 'Returned from Guantanamo in 2004.',
    });
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.location);
    const names = await t.ds.getRepository(PersonName).find({ where: { personId: id }, order: { id: 'ASC' } });
    expect(names.map((n) => [n.name, n.kind, n.script, n.language])).toEqual([
      ['Гумаров Расул', 'primary', 'cyrillic', 'ru'],
      ['Rasul Gumarov', 'spelling', 'latin', null],
    ]);
    expect(names[0].nameLatin).toBe('gumarov rasul');
    expect(names[0].matchKey).toBe(names[1].matchKey);
    const page = await agent.get(`/people/${id}`).expect(200);
    expect(page.text).toContain('Гумаров Расул');
    expect(page.text).toContain('Gumarov Rasul'); // the transliteration, shown next to the Cyrillic name
    expect(page.text).toContain('Former Guantanamo detainee');
    expect(page.text).toMatch(/1975[^<]*<span class="tag tag-warn">year only/);
    expect(page.text).toContain('Returned from Guantanamo in 2004.');
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'person.create', recordId: String(id) });
    expect(JSON.parse(audit.fields)).toEqual(expect.arrayContaining(['names', 'birth', 'profiles', 'notes', 'region', 'gender']));
    expect(JSON.stringify(audit)).not.toContain('Guantanamo in 2004');
    expect(page.text).toMatch(/recorded a person/);
  });

  it('edits a person: the names are replaced, the change is audited by field and shown in the history', async () => {
    const id = await createPerson('researcher', { names: ['Ишмуратов Тимур'], gender: 'male' });
    const { agent, csrf } = session;
    const edit = await agent.get(`/people/${id}/edit`).expect(200);
    expect(edit.text).toContain('value="Ишмуратов Тимур"');
    await agent.post(`/people/${id}`).type('form').send({
      _csrf: csrf,
      'names[0][name]': 'Ишмуратов Тимур',
      'names[1][name]': 'Timur Ishmuratov',
      'names[1][kind]': 'transliteration',
      gender: 'male',
      'birth[precision]': 'approximate',
      'birth[value]': '1980',
    }).expect(303);
    const names = await t.ds.getRepository(PersonName).find({ where: { personId: id } });
    expect(names.map((n) => n.name).sort()).toEqual(['Timur Ishmuratov', 'Ишмуратов Тимур']);
    const entry = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'person.update', recordId: String(id) });
    expect(JSON.parse(entry.fields)).toEqual(['birth', 'names']);
    const page = await agent.get(`/people/${id}`).expect(200);
    expect(page.text).toContain('c. 1980');
    expect(page.text).toContain('approximate');
    expect(page.text).toMatch(/changed a person: birth, names/);
  });

  it('lets lawyers, analysts and viewers read people but not write them', async () => {
    const id = await createPerson('researcher', { names: ['Readable Person'] });
    for (const role of ['lawyer', 'analyst', 'viewer']) {
      await api(role).get(`/people/${id}`).expect(200);
      expect(namesOf((await api(role).get('/people?q=Readable')).body)).toEqual(['Readable Person']);
      await api(role).post('/people', { names: ['Nope'] }).expect(403);
      await api(role).patch(`/people/${id}`, { notes: 'x' }).expect(403);
      const u = users[role];
      const { agent, csrf } = await signIn(t.app, u.email);
      await agent.get('/people').expect(200);
      await agent.get(`/people/${id}`).expect(200);
      await agent.get('/people/new').expect(403);
      await agent.get(`/people/${id}/edit`).expect(403);
      await agent.post('/people').type('form').send({ _csrf: csrf, 'names[0][name]': 'Nope' }).expect(403);
      await agent.post(`/people/${id}`).type('form').send({ _csrf: csrf, 'names[0][name]': 'Nope' }).expect(403);
      const page = await agent.get(`/people/${id}`);
      expect(page.text).not.toContain('Edit person');
    }
    const patched = await api('admin').patch(`/people/${id}`, { notes: 'Checked by admin' }).expect(200);
    expect(patched.body.data.notes).toBe('Checked by admin');
    expect(patched.body.data.label).toBe('Readable Person'); // fields not sent keep their values
  });

  it('describes the people and institutions routes in the OpenAPI document', async () => {
    const doc = (await api('viewer').get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths['/people'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/people/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(doc.paths['/institutions/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(doc.components.schemas.Person.properties.pseudonymised).toBeDefined();
  });

  it('answers 404 for malformed or unknown ids', async () => {
    await session.agent.get('/people/abc').expect(404);
    await session.agent.get('/people/0').expect(404);
    await session.agent.get('/people/99999999/edit').expect(404);
    await api('viewer').get('/people/99999999').expect(404);
    await api('researcher').patch('/people/99999999', { notes: 'x' }).expect(404);
  });
});

describe('people: finding a name in any spelling', () => {
  let kudaev: number;
  let kudayev: number;
  beforeAll(async () => {
    kudaev = await createPerson('researcher', { names: [{ name: 'Кудаев Расул', script: 'cyrillic', language: 'ru' }] });
    kudayev = await createPerson('researcher', { names: ['Timur Kudayev'] });
  });

  it('Kudaev finds Кудаев, and Кудаев finds Kudayev', async () => {
    for (const q of ['Kudaev', 'kudaev', 'Kudayev', 'KOUDAEV', 'Кудаев', 'кудаев']) {
      const res = await api('viewer').get(`/people?q=${encodeURIComponent(q)}`).expect(200);
      const ids = res.body.data.map((p: { id: number }) => p.id);
      expect(ids).toEqual(expect.arrayContaining([kudaev, kudayev]));
    }
    const both = await api('viewer').get(`/people?q=${encodeURIComponent('Rasul Kudaev')}`).expect(200);
    expect(both.body.data.map((p: { id: number }) => p.id)).toEqual([kudaev]);
    const page = await session.agent.get(`/people?q=Kudaev`).expect(200);
    expect(page.text).toContain('Кудаев Расул');
    expect(page.text).toContain('Timur Kudayev');
    const none = await api('viewer').get('/people?q=Zzyzx').expect(200);
    expect(none.body.total).toBe(0);
    // Over 200 characters is refused (issue 19 A), neither cut nor dropped.
    const long = await api('viewer').get(`/people?q=${'Zzyzx'.repeat(100)}`).expect(422);
    expect(long.body.error.fields.q).toBe('The name has at most 200 characters.');
  });

  it('finds by a number or pseudonym, treats LIKE wildcards literally, and pages the results', async () => {
    expect((await api('viewer').get(`/people?q=P-${String(kudaev).padStart(4, '0')}`)).body.data.map((p: { id: number }) => p.id)).toEqual([kudaev]);
    expect((await api('viewer').get('/people?q=%25')).body.total).toBe(0);
    expect((await api('viewer').get('/people?q=_')).body.total).toBe(0);
    const first = await api('viewer').get('/people?q=kudaev&limit=1&page=1').expect(200);
    const second = await api('viewer').get('/people?q=kudaev&limit=1&page=2').expect(200);
    expect(first.body.total).toBeGreaterThanOrEqual(2);
    expect(first.body.data).toHaveLength(1);
    expect(second.body.data).toHaveLength(1);
    expect(first.body.data[0].id).not.toBe(second.body.data[0].id);
  });

  it('filters by region and profile', async () => {
    const id = await createPerson('researcher', { names: ['Crimean Filter'], region: 'crimea', profiles: ['crimean_tatar'] });
    expect((await api('viewer').get('/people?profile=crimean_tatar')).body.data.map((p: { id: number }) => p.id)).toContain(id);
    expect((await api('viewer').get('/people?profile=lgbti')).body.data.map((p: { id: number }) => p.id)).not.toContain(id);
    const page = await session.agent.get('/people?region=crimea&profile=crimean_tatar').expect(200);
    expect(page.text).toContain('Crimean Filter');
    expect(page.text).not.toContain('Timur Kudayev');
  });
});

describe('people: the duplicate warning', () => {
  let existing: number;
  beforeAll(async () => {
    existing = await createPerson('researcher', { names: ['Мамедов Арсен'] });
  });

  it('warns when the new name, or any other spelling, matches someone recorded, and creates nothing until confirmed', async () => {
    const { agent, csrf } = session;
    const before = await t.ds.getRepository(Person).count();
    const warn = await agent.post('/people').type('form').send({ _csrf: csrf, 'names[0][name]': 'Arsen Mamedov', notes: 'kept as typed' });
    expect(warn.status).toBe(409);
    expect(warn.text).toContain('This person may already be recorded');
    expect(warn.text).toContain(`href="/people/${existing}"`);
    expect(warn.text).toContain('Мамедов Арсен');
    expect(warn.text).toContain('Create anyway');
    expect(warn.text).toContain('value="Arsen Mamedov"');
    expect(warn.text).toContain('kept as typed');
    expect(await t.ds.getRepository(Person).count()).toBe(before);

    // The surname and the first initial are enough; so is another spelling in a further row.
    const initial = await agent.post('/people').type('form').send({ _csrf: csrf, 'names[0][name]': 'A. Mamedov' });
    expect(initial.status).toBe(409);
    const otherRow = await agent.post('/people').type('form').send({ _csrf: csrf, 'names[0][name]': 'Someone Else Entirely', 'names[1][name]': 'Мамедов Арсен Ильич' });
    expect(otherRow.status).toBe(409);
    expect(await t.ds.getRepository(Person).count()).toBe(before);

    const created = await agent.post('/people').type('form').send({ _csrf: csrf, 'names[0][name]': 'Arsen Mamedov', createAnyway: 'on' });
    expect(created.status).toBe(303);
    expect(await t.ds.getRepository(Person).count()).toBe(before + 1);
  });

  it('does not warn about a different first name with the same surname', async () => {
    const res = await session.agent.post('/people').type('form').send({ _csrf: session.csrf, 'names[0][name]': 'Zaur Mamedov' });
    expect(res.status).toBe(303);
  });

  it('answers 409 with the possible duplicates over the API unless createAnyway is sent', async () => {
    const res = await api('researcher').post('/people', { names: ['Mamedov Arsen'] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('possible_duplicate');
    expect(res.body.duplicates.map((d: { id: number }) => d.id)).toContain(existing);
    await api('researcher').post('/people', { names: ['Mamedov Arsen'], createAnyway: true }).expect(201);
  });

  it('never lists a protected person the user is not cleared for, not even by pseudonym', async () => {
    const hidden = await createPerson('otherResearcher', { names: ['Хасанов Ильяс'], protectedIdentity: true, notes: 'witness' });
    const visible = await createPerson('researcher', { names: ['Ilyas Khasanov'] });
    const res = await session.agent.post('/people').type('form').send({ _csrf: session.csrf, 'names[0][name]': 'Ильяс Хасанов' });
    expect(res.status).toBe(409);
    expect(res.text).toContain(`href="/people/${visible}"`);
    expect(res.text).not.toContain(`/people/${hidden}"`);
    expect(res.text).not.toContain(pseudonym(hidden));
    expect(res.text).not.toContain('Хасанов Ильяс');
    // The cleared creator is warned about it.
    const theirs = await api('otherResearcher').post('/people', { names: ['Ilyas Khasanov'] });
    expect(theirs.status).toBe(409);
    expect(theirs.body.duplicates.map((d: { id: number }) => d.id)).toEqual(expect.arrayContaining([hidden, visible]));
  });
});

describe('people: protected identities', () => {
  let secret: number;
  let caseId: number;
  beforeAll(async () => {
    secret = await createPerson('researcher', {
      names: ['Зарема Секретова', { name: 'Zarema Sekretova', kind: 'spelling' }],
      protectedIdentity: true,
      notes: 'Lives in Grozny; threatened in 2019.',
      birth: { precision: 'day', value: '1990-04-02' },
      region: 'chechnya',
      profiles: ['lgbti'],
    });
    caseId = (await api('researcher').post('/cases', { title: 'Case with a protected witness', status: 'open' }).expect(201)).body.data.id;
    await insertParticipant(t.ds, caseId, secret, 'witness');
  });

  const secrets = ['Зарема', 'Zarema', 'Sekretova', 'Grozny', '1990', 'Apr 1990', 'LGBTI'];

  it('shows only the pseudonym to users who are not cleared: list, page, API', async () => {
    for (const who of ['otherResearcher', 'lawyer', 'analyst', 'viewer']) {
      const list = await api(who).get('/people?limit=100').expect(200);
      const mine = list.body.data.find((p: { id: number }) => p.id === secret);
      expect(mine).toEqual({ id: secret, label: pseudonym(secret), pseudonymised: true, protectedIdentity: true });
      const one = await api(who).get(`/people/${secret}`).expect(200);
      expect(one.body.data).toEqual({ id: secret, label: pseudonym(secret), pseudonymised: true, protectedIdentity: true });
      for (const s of secrets) expect(JSON.stringify(one.body)).not.toContain(s);
    }
    const viewer = await signIn(t.app, users.viewer.email);
    const page = await viewer.agent.get(`/people/${secret}`).expect(200);
    expect(page.text).toContain(pseudonym(secret));
    expect(page.text).toContain('identity is protected');
    for (const s of secrets) expect(page.text).not.toContain(s);
    const listPage = await viewer.agent.get('/people').expect(200);
    expect(listPage.text).toContain(pseudonym(secret));
    expect(listPage.text).not.toContain('Зарема');
  });

  it('is not found by any of its names, nor by the attributes it hides, for users who are not cleared', async () => {
    for (const who of ['otherResearcher', 'viewer']) {
      for (const q of ['Zarema', 'Зарема', 'Sekretova', 'Секретова', `P-${String(secret).padStart(4, '0')}`]) {
        const res = await api(who).get(`/people?q=${encodeURIComponent(q)}&limit=10`).expect(200);
        expect(res.body.data.map((p: { id: number }) => p.id)).not.toContain(secret);
      }
      expect((await api(who).get('/people?region=chechnya')).body.data.map((p: { id: number }) => p.id)).not.toContain(secret);
      expect((await api(who).get('/people?profile=lgbti')).body.data.map((p: { id: number }) => p.id)).not.toContain(secret);
    }
    const viewer = await signIn(t.app, users.viewer.email);
    const page = await viewer.agent.get('/people?q=Zarema').expect(200);
    expect(page.text).not.toContain(pseudonym(secret));
    expect(page.text).not.toContain('Зарема');
  });

  it('cannot be edited by a researcher who is not cleared', async () => {
    await api('otherResearcher').patch(`/people/${secret}`, { notes: 'overwritten' }).expect(403);
    const other = await signIn(t.app, users.otherResearcher.email);
    const edit = await other.agent.get(`/people/${secret}/edit`);
    expect(edit.status).toBe(403);
    expect(edit.text).not.toContain('Зарема');
    await other.agent.post(`/people/${secret}`).type('form').send({ _csrf: other.csrf, 'names[0][name]': 'Renamed' }).expect(403);
    expect((await t.ds.getRepository(Person).findOneByOrFail({ id: secret })).primaryName).toBe('Зарема Секретова');
  });

  it('shows the identity to its creator, to admins and to members of a case the person is in', async () => {
    expect((await api('researcher').get(`/people/${secret}`)).body.data.label).toBe('Зарема Секретова');
    expect((await api('admin').get(`/people/${secret}`)).body.data.notes).toContain('Grozny');
    expect(namesOf((await api('admin').get('/people?q=Zarema')).body)).toEqual(['Зарема Секретова']);
    await t.ds.getRepository(CaseMember).insert({ caseId, userId: users.lawyer.id });
    const lawyer = await api('lawyer').get(`/people/${secret}`).expect(200);
    expect(lawyer.body.data.label).toBe('Зарема Секретова');
    expect(lawyer.body.data.cases.map((c: { id: number }) => c.id)).toEqual([caseId]);
    expect(namesOf((await api('lawyer').get('/people?q=Sekretova')).body)).toEqual(['Зарема Секретова']);
    const { agent } = await signIn(t.app, users.lawyer.email);
    const page = await agent.get(`/people/${secret}`).expect(200);
    expect(page.text).toContain('Lives in Grozny');
    expect(page.text).toContain('Protected identity');
  });

  it('lists on a person page only the cases the user may see', async () => {
    const person = await insertPerson(t.ds, 'Case Hopper');
    const open = (await api('researcher').post('/cases', { title: 'Open case of the hopper', status: 'open' }).expect(201)).body.data.id;
    const restricted = (await api('admin').post('/cases', { title: 'Restricted case of the hopper', status: 'open', restricted: true }).expect(201)).body.data.id;
    await insertParticipant(t.ds, open, person.id, 'victim');
    await insertParticipant(t.ds, restricted, person.id, 'witness');
    const viewer = await api('viewer').get(`/people/${person.id}`).expect(200);
    expect(viewer.body.data.cases.map((c: { id: number }) => c.id)).toEqual([open]);
    const { agent } = await signIn(t.app, users.viewer.email);
    const page = await agent.get(`/people/${person.id}`).expect(200);
    expect(page.text).toContain('Open case of the hopper');
    expect(page.text).not.toContain('Restricted case of the hopper');
    const admin = await api('admin').get(`/people/${person.id}`).expect(200);
    expect(admin.body.data.cases.map((c: { id: number }) => c.id).sort()).toEqual([open, restricted].sort());
  });
});

describe('people: hostile and invalid input', () => {
  it('round-trips every string of the big list of naughty strings in names and notes, shown escaped', async () => {
    const usable = BLNS.filter((s) => s.trim() !== '');
    for (const s of usable) {
      const res = await api('researcher').post('/people', { names: [s], notes: s, createAnyway: true });
      expect(res.status).toBe(201);
      const back = await api('viewer').get(`/people/${res.body.data.id}`).expect(200);
      expect(back.body.data.label).toBe(s);
      expect(back.body.data.names[0].name).toBe(s);
      expect(back.body.data.notes).toBe(s);
    }
    const xss = usable.find((s) => s.includes('<script>'))!;
    const id = (await api('researcher').post('/people', { names: ['Escaped Person'], notes: xss, createAnyway: true }).expect(201)).body.data.id;
    const page = await session.agent.get(`/people/${id}`).expect(200);
    expect(page.text).not.toContain(xss);
    expect(page.text).toContain(xss.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
  });

  it('refuses blank names, over-long fields, unknown terms and impossible dates with a message next to the field', async () => {
    const { agent, csrf } = session;
    const res = await agent.post('/people').type('form').send({
      _csrf: csrf,
      'names[0][name]': 'x'.repeat(301),
      'names[1][name]': '   ',
      'names[2][language]': 'not a language',
      'names[2][name]': 'Third',
      'names[3][name]': 'Fourth',
      'names[3][script]': 'klingon',
      notes: 'n'.repeat(20001),
      region: 'atlantis',
      profiles: ['astronaut'],
      gender: 'robot',
      'birth[precision]': 'day',
      'birth[value]': '2005-02-30',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('A name has at most 300 characters.');
    expect(res.text).toContain('Enter the name, or leave the row empty.');
    expect(res.text).toContain('Enter a language code like ru, ce or en.');
    expect(res.text).toContain('The notes has at most 20000 characters.');
    expect(res.text).toContain('Choose a gender from the list.');
    expect(res.text).toContain('2005-02-30 is not a day in the calendar');
    expect(res.text).toContain('id="f-names-0-name-error"');
    expect(res.text).toContain('href="#f-names-1-name"');

    const terms = await api('researcher').post('/people', { names: ['Term Tester', { name: 'T. Tester', script: 'klingon' }], region: 'atlantis', profiles: ['astronaut'] });
    expect(terms.status).toBe(422);
    expect(terms.body.error.fields).toEqual({
      region: expect.stringContaining('is not a term of the region list'),
      'names.1.script': expect.stringContaining('is not a term of the name script list'),
      profiles: expect.stringContaining('is not a term of the person profile list'),
    });
    const noName = await api('researcher').post('/people', { notes: 'nameless' });
    expect(noName.status).toBe(422);
    expect(noName.body.error.fields['names.0.name']).toBe('Give the person’s name.');
    const future = await api('researcher').post('/people', { names: ['Not Born Yet'], birth: { precision: 'year', value: '2099' } });
    expect(future.body.error.fields['birth.value']).toBe('A date of birth cannot be in the future.');
    const backwards = await api('researcher').post('/people', { names: ['Backwards Range'], birth: { precision: 'range', start: '1980', end: '1970' } });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.fields['birth.end']).toContain('before its start');
    const old = await api('researcher').post('/people', { names: ['Too Old'], birth: { precision: 'year', value: '1850' } });
    expect(old.body.error.fields['birth.value']).toContain('between 1900 and 2100');
    const twice = await api('researcher').post('/people', { names: ['Same Name', 'Same Name'] });
    expect(twice.body.error.fields['names.1.name']).toBe('This name is already listed.');
    const wrongType = await api('researcher').post('/people', { names: [{ name: 42 }], notes: ['x'], protectedIdentity: 'maybe' });
    expect(wrongType.status).toBe(422);
  });
});
