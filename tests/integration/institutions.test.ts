import fs from 'node:fs';
import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { InstitutionAlias } from '../../src/institutions/institution-alias.entity';
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
});
afterAll(() => t.close());

const api = (who: string) => ({
  get: (path: string) => request(t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`),
  post: (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`).send(body),
  patch: (path: string, body: object) => request(t.app).patch(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`).send(body),
});
const idFrom = (location: string) => Number(/\/institutions\/(\d+)$/.exec(location)![1]);

async function createInstitution(body: object): Promise<number> {
  const res = await api('researcher').post('/institutions', { type: 'other', createAnyway: true, ...body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

/** Rows of other concepts (their own pages are tested elsewhere), inserted the way fixtures are. */
async function insert(table: string, row: Record<string, unknown>): Promise<number> {
  const keys = Object.keys(row);
  const rows: { id: number }[] = await t.ds.query(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')}) RETURNING id`, Object.values(row));
  return Number(rows[0].id);
}
const newCase = async (who: string, title: string, restricted = false): Promise<{ id: number; code: string }> => {
  const res = await api(who).post('/cases', { title, status: 'open', restricted }).expect(201);
  return { id: res.body.data.id, code: res.body.data.code };
};

describe('institutions: records, forms and roles', () => {
  it('a researcher records an institution with aliases, region, locality and coordinates', async () => {
    const { agent, csrf } = session;
    const form = await agent.get('/institutions/new').expect(200);
    expect(form.text).toContain('data-picker="institution"');
    const res = await agent.post('/institutions').type('form').send({
      _csrf: csrf,
      name: 'ИК-1 УФСИН по Ярославской области',
      'aliases[0]': 'IK-1 Yaroslavl',
      'aliases[1]': 'Colony No. 1',
      'aliases[2]': '',
      type: 'penal_colony',
      region: 'yaroslavl_oblast',
      locality: 'Yaroslavl',
      latitude: '57,6261',
      longitude: '39.8845',
      notes: 'Video of beatings published in 2018.',
    });
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.location);
    const stored = await t.ds.getRepository(Institution).findOneByOrFail({ id });
    expect(stored.latitude).toBeCloseTo(57.6261);
    expect(stored.nameLatin).toBe('ik-1 ufsin po yaroslavskoy oblasti');
    const aliases = await t.ds.getRepository(InstitutionAlias).find({ where: { institutionId: id }, order: { id: 'ASC' } });
    expect(aliases.map((a) => a.name)).toEqual(['IK-1 Yaroslavl', 'Colony No. 1']);
    const page = await agent.get(`/institutions/${id}`).expect(200);
    expect(page.text).toContain('ИК-1 УФСИН по Ярославской области');
    expect(page.text).toContain('IK-1 Yaroslavl · Colony No. 1');
    expect(page.text).toContain('Penal colony');
    expect(page.text).toContain('57.6261, 39.8845');
    expect(page.text).toMatch(/recorded an institution/);
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'institution.create', recordId: String(id) });
    expect(JSON.parse(audit.fields)).toEqual(expect.arrayContaining(['name', 'aliases', 'type', 'latitude', 'longitude', 'notes']));
    expect(JSON.stringify(audit)).not.toContain('beatings');
  });

  it('edits aliases and the parent; the change is audited by field', async () => {
    const parent = await createInstitution({ name: 'FSIN Yaroslavl Oblast', type: 'penitentiary_service' });
    const id = await createInstitution({ name: 'SIZO-1 Yaroslavl', type: 'pretrial_detention_centre', aliases: ['СИЗО-1'] });
    const edit = await session.agent.get(`/institutions/${id}/edit`).expect(200);
    expect(edit.text).toContain('value="СИЗО-1"');
    await session.agent.post(`/institutions/${id}`).type('form').send({ _csrf: session.csrf, name: 'SIZO-1 Yaroslavl', type: 'pretrial_detention_centre', 'aliases[0]': 'СИЗО-1 Ярославль', parentId: String(parent) }).expect(303);
    const entry = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'institution.update', recordId: String(id) });
    expect(JSON.parse(entry.fields)).toEqual(['aliases', 'parentId']);
    const page = await session.agent.get(`/institutions/${id}`).expect(200);
    expect(page.text).toContain(`href="/institutions/${parent}"`);
    const parentPage = await session.agent.get(`/institutions/${parent}`).expect(200);
    expect(parentPage.text).toContain(`href="/institutions/${id}"`);
    // The edit form shows the chosen parent by name in its picker.
    const again = await session.agent.get(`/institutions/${id}/edit`).expect(200);
    expect(again.text).toContain('data-picker-label="FSIN Yaroslavl Oblast"');
  });

  it('lets lawyers, analysts and viewers read institutions but not write them', async () => {
    const id = await createInstitution({ name: 'Readable Institution' });
    for (const role of ['lawyer', 'analyst', 'viewer']) {
      await api(role).get(`/institutions/${id}`).expect(200);
      await api(role).post('/institutions', { name: 'Nope', type: 'other' }).expect(403);
      await api(role).patch(`/institutions/${id}`, { notes: 'x' }).expect(403);
      const { agent, csrf } = await signIn(t.app, users[role].email);
      await agent.get('/institutions').expect(200);
      const page = await agent.get(`/institutions/${id}`).expect(200);
      expect(page.text).not.toContain('Edit institution');
      await agent.get('/institutions/new').expect(403);
      await agent.get(`/institutions/${id}/edit`).expect(403);
      await agent.post('/institutions').type('form').send({ _csrf: csrf, name: 'Nope', type: 'other' }).expect(403);
      await agent.post(`/institutions/${id}`).type('form').send({ _csrf: csrf, name: 'Nope', type: 'other' }).expect(403);
    }
    const patched = await api('admin').patch(`/institutions/${id}`, { locality: 'Nalchik' }).expect(200);
    expect(patched.body.data.name).toBe('Readable Institution');
    expect(patched.body.data.locality).toBe('Nalchik');
  });

  it('answers 404 for malformed or unknown ids', async () => {
    await session.agent.get('/institutions/abc').expect(404);
    await session.agent.get('/institutions/99999999').expect(404);
    await session.agent.get('/institutions/99999999/edit').expect(404);
    await api('viewer').get('/institutions/0').expect(404);
    await api('researcher').patch('/institutions/99999999', { notes: 'x' }).expect(404);
  });
});

describe('institutions: search and the duplicate warning', () => {
  let sizo: number;
  beforeAll(async () => {
    sizo = await createInstitution({ name: 'СИЗО-1 Нальчик', type: 'pretrial_detention_centre', region: 'kabardino_balkaria', aliases: ['Nalchik remand prison'] });
  });

  it('finds an institution by its name or an alias in any spelling, and filters by type and region', async () => {
    for (const q of ['SIZO-1', 'sizo', 'Nalchik', 'Нальчик', 'remand prison', 'Nalchik SIZO']) {
      const res = await api('viewer').get(`/institutions?q=${encodeURIComponent(q)}`).expect(200);
      expect(res.body.data.map((i: { id: number }) => i.id)).toContain(sizo);
    }
    expect((await api('viewer').get('/institutions?q=Yaroslavl')).body.data.map((i: { id: number }) => i.id)).not.toContain(sizo);
    expect((await api('viewer').get('/institutions?type=pretrial_detention_centre&region=kabardino_balkaria')).body.data.map((i: { id: number }) => i.id)).toEqual([sizo]);
    expect((await api('viewer').get('/institutions?type=court&q=Nalchik')).body.total).toBe(0);
    const page = await session.agent.get('/institutions?q=SIZO').expect(200);
    expect(page.text).toContain('СИЗО-1 Нальчик');
    const limited = await api('viewer').get('/institutions?limit=1&page=2').expect(200);
    expect(limited.body.data).toHaveLength(1);
    expect(limited.body.pageSize).toBe(1);
  });

  it('warns before recording an institution whose name or alias is already recorded, until confirmed', async () => {
    const before = await t.ds.getRepository(Institution).count();
    const res = await session.agent.post('/institutions').type('form').send({ _csrf: session.csrf, name: 'SIZO-1 Nalchik', type: 'pretrial_detention_centre' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('This institution may already be recorded');
    expect(res.text).toContain(`href="/institutions/${sizo}"`);
    expect(res.text).toContain('value="SIZO-1 Nalchik"');
    const byAlias = await session.agent.post('/institutions').type('form').send({ _csrf: session.csrf, name: 'Something new', 'aliases[0]': 'Nalchik Remand Prison', type: 'other' });
    expect(byAlias.status).toBe(409);
    expect(await t.ds.getRepository(Institution).count()).toBe(before);
    const api409 = await api('researcher').post('/institutions', { name: 'Нальчик СИЗО 1', type: 'pretrial_detention_centre' });
    expect(api409.status).toBe(409);
    expect(api409.body.duplicates.map((d: { id: number }) => d.id)).toEqual([sizo]);
    const created = await session.agent.post('/institutions').type('form').send({ _csrf: session.csrf, name: 'SIZO-1 Nalchik', type: 'pretrial_detention_centre', createAnyway: 'on' });
    expect(created.status).toBe(303);
    expect(await t.ds.getRepository(Institution).count()).toBe(before + 1);
  });
});

describe('institutions: the hierarchy', () => {
  let ministry: number;
  let centreE: number;
  let unit: number;
  let court: number;
  let open: { id: number; code: string };
  let secret: { id: number; code: string };
  let hiddenVictim: number;

  beforeAll(async () => {
    ministry = await createInstitution({ name: 'MVD of Kabardino-Balkaria', type: 'ministry' });
    centreE = await createInstitution({ name: 'Centre E, Nalchik', type: 'centre_combating_extremism', parentId: ministry });
    unit = await createInstitution({ name: 'Centre E interrogation unit', type: 'police_unit', parentId: centreE });
    court = await createInstitution({ name: 'Supreme Court of Kabardino-Balkaria', type: 'court' });
    open = await newCase('researcher', 'Kudaev: beaten in custody');
    secret = await newCase('admin', 'Restricted: a witness in Nalchik', true);
    hiddenVictim = (await insertPerson(t.ds, 'Аслан Тайный', { protectedIdentity: true, createdById: users.admin.id })).id;
    await insertParticipant(t.ds, open.id, hiddenVictim, 'victim');

    const arrest = await insert('case_event', { case_id: open.id, type: 'arrest', title: 'Arrested at home', place: 'Nalchik', date_precision: 'day', date_start: '2005-10-23', date_end: '2005-10-23' });
    await insert('event_institution', { event_id: arrest, institution_id: unit });
    const beating = await insert('allegation', { case_id: open.id, summary: 'Beaten to force a confession', victim_person_id: hiddenVictim, status: 'alleged' });
    await insert('perpetrator', { allegation_id: beating, institution_id: centreE, involvement: 'carried_out', attribution: 'claimed_by_perpetrator' });
    await insert('complaint', { case_id: open.id, to_institution_id: ministry, request: 'open_criminal_investigation', filed_by_text: 'His lawyer', date_precision: 'month', date_start: '2005-11-01', date_end: '2005-11-30' });
    const retractedId = await insert('statement', { case_id: open.id, maker_description: 'Co-defendant', before_institution_id: unit, kind: 'confession' });
    await insert('statement_retraction', { case_id: open.id, statement_id: retractedId, kind: 'retraction', pressure_alleged: 'unknown' });
    await insert('proceeding', { case_id: open.id, title: 'Trial of the 58', court_institution_id: court, case_number: '1-1/2010' });

    const hiddenEvent = await insert('case_event', { case_id: secret.id, type: 'interrogation', title: 'Secret interrogation', date_precision: 'year', date_start: '2006-01-01', date_end: '2006-12-31' });
    await insert('event_institution', { event_id: hiddenEvent, institution_id: centreE });
  });

  it('lists on the parent every case, event, allegation, complaint and statement of it and its sub-units', async () => {
    const { agent } = await signIn(t.app, users.viewer.email);
    const page = await agent.get(`/institutions/${ministry}`).expect(200);
    expect(page.text).toContain(open.code);
    expect(page.text).toContain('Arrested at home');
    expect(page.text).toContain('23 Oct 2005');
    expect(page.text).toContain('(via Centre E interrogation unit)');
    expect(page.text).toContain('Beaten to force a confession');
    expect(page.text).toContain('perpetrator: Carried out (Claimed by the perpetrators)');
    expect(page.text).toContain('(via Centre E, Nalchik)');
    expect(page.text).toContain('Open a criminal investigation');
    expect(page.text).toContain('Confession');
    expect(page.text).toContain('retracted');
    expect(page.text).toContain(`href="/institutions/${centreE}"`);
    // The protected victim shows as a pseudonym; the restricted case is not there at all.
    expect(page.text).toContain(`Person P-${String(hiddenVictim).padStart(4, '0')}`);
    expect(page.text).not.toContain('Аслан');
    expect(page.text).not.toContain(secret.code);
    expect(page.text).not.toContain('Secret interrogation');

    const leaf = await agent.get(`/institutions/${unit}`).expect(200);
    expect(leaf.text).toContain('Arrested at home');
    expect(leaf.text).not.toContain('Beaten to force a confession'); // that was the parent, not a sub-unit
    expect(leaf.text).toContain(`href="/institutions/${ministry}"`); // the parent chain

    const courtPage = await agent.get(`/institutions/${court}`).expect(200);
    expect(courtPage.text).toContain('Trial of the 58');
    expect(courtPage.text).toContain(open.code);
  });

  it('shows the restricted case to its members and admins only, also over the API', async () => {
    const viewer = await api('viewer').get(`/institutions/${ministry}`).expect(200);
    expect(viewer.body.data.involvement.cases.map((c: { id: number }) => c.id)).toEqual([open.id]);
    expect(viewer.body.data.involvement.events.map((e: { title: string }) => e.title)).toEqual(['Arrested at home']);
    expect(viewer.body.data.involvement.allegations[0].victim).toEqual({ id: hiddenVictim, label: `Person P-${String(hiddenVictim).padStart(4, '0')}`, pseudonymised: true });
    expect(viewer.body.data.children.map((c: { id: number }) => c.id)).toEqual([centreE]);
    expect((await api('researcher').get(`/institutions/${ministry}`)).body.data.involvement.cases.map((c: { id: number }) => c.id)).toEqual([open.id]);
    const admin = await api('admin').get(`/institutions/${ministry}`).expect(200);
    expect(admin.body.data.involvement.cases.map((c: { id: number }) => c.id).sort()).toEqual([open.id, secret.id].sort());
    expect(JSON.stringify(admin.body)).toContain('Аслан Тайный');
    await t.ds.getRepository(CaseMember).insert({ caseId: secret.id, userId: users.lawyer.id });
    const member = await api('lawyer').get(`/institutions/${centreE}`).expect(200);
    expect(member.body.data.involvement.events.map((e: { title: string }) => e.title).sort()).toEqual(['Arrested at home', 'Secret interrogation']);
    expect(member.body.data.ancestors).toEqual([{ id: ministry, name: 'MVD of Kabardino-Balkaria' }]);
  });

  it('refuses to make an institution its own parent or ancestor', async () => {
    const self = await api('researcher').patch(`/institutions/${ministry}`, { parentId: ministry });
    expect(self.status).toBe(422);
    expect(self.body.error.fields.parentId).toBe('An institution cannot be its own parent.');
    const cycle = await api('researcher').patch(`/institutions/${ministry}`, { parentId: unit });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.fields.parentId).toContain('cannot be its own ancestor');
    const form = await session.agent.post(`/institutions/${centreE}`).type('form').send({ _csrf: session.csrf, name: 'Centre E, Nalchik', type: 'centre_combating_extremism', parentId: String(unit) });
    expect(form.status).toBe(422);
    expect(form.text).toContain('cannot be its own ancestor');
    expect((await t.ds.getRepository(Institution).findOneByOrFail({ id: ministry })).parentId).toBeNull();
    expect((await t.ds.getRepository(Institution).findOneByOrFail({ id: centreE })).parentId).toBe(ministry);
    const missing = await api('researcher').post('/institutions', { name: 'Orphan', type: 'other', parentId: 99999999 });
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields.parentId).toBe('Give the parent institution (a known id or code).');
    // Moving a sub-unit elsewhere in the tree is fine.
    await api('researcher').patch(`/institutions/${unit}`, { parentId: ministry }).expect(200);
    await api('researcher').patch(`/institutions/${unit}`, { parentId: centreE }).expect(200);
  });
});

describe('institutions: hostile and invalid input', () => {
  it('round-trips every naughty string in the name, aliases, locality and notes, shown escaped', async () => {
    const usable = BLNS.filter((s) => s.trim() !== '');
    for (const s of usable) {
      const res = await api('researcher').post('/institutions', { name: s, aliases: [`${s} (alias)`], locality: [...s].length <= 200 ? s : null, notes: s, type: 'other', createAnyway: true });
      expect(res.status).toBe(201);
      const back = await api('viewer').get(`/institutions/${res.body.data.id}`).expect(200);
      expect(back.body.data.name).toBe(s);
      expect(back.body.data.aliases).toEqual([`${s} (alias)`]);
      expect(back.body.data.notes).toBe(s);
      if ([...s].length <= 200) expect(back.body.data.locality).toBe(s);
    }
    const xss = usable.find((s) => s.includes('<script>'))!;
    const id = (await api('researcher').post('/institutions', { name: xss, type: 'other', createAnyway: true }).expect(201)).body.data.id;
    const page = await session.agent.get(`/institutions/${id}`).expect(200);
    expect(page.text).not.toContain(xss);
    expect(page.text).toContain(xss.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
  });

  it('refuses over-long text, unknown terms and bad coordinates with a message next to the field', async () => {
    const res = await session.agent.post('/institutions').type('form').send({
      _csrf: session.csrf,
      name: 'x'.repeat(301),
      'aliases[0]': 'y'.repeat(301),
      'aliases[1]': '   ',
      locality: 'z'.repeat(201),
      latitude: '91',
      longitude: 'east',
      type: '',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The name has at most 300 characters.');
    expect(res.text).toContain('An alias has at most 300 characters.');
    expect(res.text).toContain('Enter the alias, or leave the box empty.');
    expect(res.text).toContain('The locality has at most 200 characters.');
    expect(res.text).toContain('The latitude must be between -90 and 90.');
    expect(res.text).toContain('Enter the longitude in decimal degrees');
    expect(res.text).toContain('Choose a type.');
    expect(res.text).toContain('id="f-aliases-0-error"');

    const cases: [object, string, string][] = [
      [{ latitude: 43.5 }, 'longitude', 'Give the longitude too, or neither.'],
      [{ longitude: 43.5 }, 'latitude', 'Give the latitude too, or neither.'],
      [{ latitude: 10, longitude: -180.5 }, 'longitude', 'The longitude must be between -180 and 180.'],
      [{ latitude: '1e3', longitude: 1 }, 'latitude', 'Give the latitude in decimal degrees, e.g. 43.4853.'],
      [{ type: 'spaceport' }, 'type', 'is not a term of the institution type list'],
      [{ region: 'atlantis' }, 'region', 'is not a term of the region list'],
      [{ notes: 'n'.repeat(20001) }, 'notes', 'The notes has at most 20000 characters.'],
      [{ aliases: ['Same', 'Same'] }, 'aliases.1', 'This alias is already listed.'],
      [{ aliases: 'not a list of strings but fine' }, '', ''],
    ];
    for (const [body, field, message] of cases) {
      const r = await api('researcher').post('/institutions', { name: `Bad input ${field}`, type: 'other', createAnyway: true, ...body });
      if (!field) {
        expect(r.status).toBe(201);
        continue;
      }
      expect(r.status).toBe(422);
      expect(r.body.error.fields[field]).toContain(message);
    }
    const ok = await api('researcher').post('/institutions', { name: 'Edge coordinates', type: 'other', latitude: -90, longitude: 180, createAnyway: true });
    expect(ok.status).toBe(201);
    expect(ok.body.data.latitude).toBe(-90);
  });
});
