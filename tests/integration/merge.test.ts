import request from 'supertest';
import { Agent, TestApp, hiddenField, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { rawDb } from '../../src/search/sqlite';
import { hasDrift, searchIndexDrift } from '../../src/search/search-index';
import { User } from '../../src/users/user.entity';
import type { Database } from 'better-sqlite3';
import { linkColumns } from '../../src/merges/merge-links';

/**
 * Merging two records of one person (or institution), over HTTP: every link moves (a link both
 * had is kept once), names stay as aliases, protection stays, the old address redirects, the
 * audit trail says who merged what into what, the search index follows; viewers and lawyers are
 * refused, and so is a researcher who cannot see a case one of the people takes part in.
 */
let t: TestApp;
let db: Database;
let admin: User;
let researcher: User;
let outsider: User;
const bearer: Record<string, string> = {};
let page: { agent: Agent; csrf: string };
let openCase: number;
let restrictedCase: number;

const api = (who: string) => ({
  get: (url: string) => request(t.app).get(url).set('Authorization', bearer[who]),
  post: (url: string, body: object) => request(t.app).post(url).set('Authorization', bearer[who]).send(body),
});

function insertCase(code: string, restricted: boolean): number {
  return Number(db.prepare(`INSERT INTO case_record (code, title, status, restricted) VALUES (?, ?, 'open', ?)`).run(code, `Case ${code}`, restricted ? 1 : 0).lastInsertRowid);
}
function insertEvent(caseId: number, description: string): number {
  return Number(db.prepare(`INSERT INTO case_event (case_id, type, description, date_precision, date_start, date_end) VALUES (?, 'arrest', ?, 'day', '2019-03-02', '2019-03-02')`).run(caseId, description).lastInsertRowid);
}
const addName = (personId: number, name: string, kind = 'spelling') =>
  db.prepare(`INSERT INTO person_name (person_id, name, kind, name_latin, match_key) VALUES (?, ?, ?, lower(?), lower(?))`).run(personId, name, kind, name, name);

beforeAll(async () => {
  t = await startTestApp();
  db = rawDb(t.ds);
  admin = await makeUser(t.ds, 'admin');
  researcher = await makeUser(t.ds, 'researcher');
  outsider = await makeUser(t.ds, 'researcher');
  const viewer = await makeUser(t.ds, 'viewer');
  const lawyer = await makeUser(t.ds, 'lawyer');
  for (const [who, u] of Object.entries({ admin, researcher, outsider, viewer, lawyer })) bearer[who] = `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, u.id, who)).token}`;
  openCase = insertCase('RU-2019-0001', false);
  restrictedCase = insertCase('RU-2019-0002', true);
  db.prepare(`INSERT INTO case_member (case_id, user_id) VALUES (?, ?)`).run(restrictedCase, researcher.id);
  page = await signIn(t.app, researcher.email);
});
afterAll(() => t.close());

describe('merging two people', () => {
  let kept: number;
  let dup: number;
  let event: number;

  beforeAll(async () => {
    kept = (await insertPerson(t.ds, 'Кудаев Расул')).id;
    dup = (await insertPerson(t.ds, 'Rasul Kudayev')).id;
    addName(dup, 'Koudaev Rassoul');
    addName(dup, 'Кудаев Расул', 'transliteration'); // a spelling both records have
    await insertParticipant(t.ds, openCase, kept, 'victim');
    await insertParticipant(t.ds, openCase, dup, 'victim'); // the same role twice: kept once
    await insertParticipant(t.ds, restrictedCase, dup, 'witness');
    event = insertEvent(openCase, 'Detained at the ROVD.');
    db.prepare(`INSERT INTO event_person (event_id, person_id, role) VALUES (?, ?, 'victim')`).run(event, dup);
    db.prepare(`INSERT INTO allegation (case_id, victim_person_id, summary, status) VALUES (?, ?, 'Beaten in custody', 'alleged')`).run(openCase, dup);
    // The two records disagree on the year of birth: the kept one's stays, the other's goes into the notes.
    db.prepare(`UPDATE person SET birth_precision = 'year', birth_start = ?, birth_end = ?, notes = ? WHERE id = ?`).run('1985-01-01', '1985-12-31', null, kept);
    db.prepare(`UPDATE person SET birth_precision = 'year', birth_start = ?, birth_end = ?, notes = ? WHERE id = ?`).run('1984-01-01', '1984-12-31', 'Brother of the applicant.', dup);
  });

  it('is refused to viewers and lawyers, and to a researcher who cannot see a case one of them is in', async () => {
    for (const who of ['viewer', 'lawyer']) {
      const res = await api(who).post(`/api/v1/people/${dup}/merge`, { into: kept }).expect(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const res = await api('outsider').post(`/api/v1/people/${dup}/merge?dryRun=true`, { into: kept }).expect(403);
    expect(res.body.error.message).toContain('case you may not see');
    await api('outsider').post(`/api/v1/people/${kept}/merge`, { into: dup }).expect(403);
    const viewerPage = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    await viewerPage.agent.get(`/people/${dup}/merge`).expect(403);
    expect(db.prepare('SELECT count(*) FROM person WHERE id = ?').pluck().get(dup)).toBe(1);
  });

  it('refuses bad input with the field named, and changes nothing', async () => {
    const bad = await api('researcher').post(`/api/v1/people/${dup}/merge`, { into: 'x' }).expect(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(['into']);
    await api('researcher').post(`/api/v1/people/${dup}/merge`, { into: dup }).expect(422);
    await api('researcher').post(`/api/v1/people/${dup}/merge`, { into: 999999 }).expect(422);
    const form = await page.agent.get(`/people/${dup}/merge`).query({ into: dup }).expect(422);
    expect(form.text).toContain('a record cannot be merged with itself');
    expect(db.prepare('SELECT count(*) FROM person WHERE id = ?').pluck().get(dup)).toBe(1);
  });

  it('shows both records side by side with what will move, then merges in one step', async () => {
    const person = await page.agent.get(`/people/${dup}`).expect(200);
    expect(person.text).toContain(`href="/people/${dup}/merge"`);
    const choose = await page.agent.get(`/people/${dup}/merge`).expect(200);
    expect(choose.text).toContain(`href="/people/${dup}/merge?into=${kept}"`); // the possible duplicate, offered
    const confirm = await page.agent.get(`/people/${dup}/merge`).query({ into: kept }).expect(200);
    expect(confirm.text).toContain('Merged away');
    expect(confirm.text).toContain('Кудаев Расул');
    expect(confirm.text).toContain('RU-2019-0002'); // the researcher is a member of the restricted case
    expect(confirm.text).toMatch(/case participations<\/td><td class="num">2</);
    const done = await page.agent.post(`/people/${dup}/merge`).type('form').send({ _csrf: hiddenField(confirm.text), into: String(kept) }).expect(303);
    expect(done.headers.location).toBe(`/people/${kept}`);
  });

  it('moved every link, kept the shared one once, and kept the names as aliases', () => {
    expect(db.prepare('SELECT count(*) FROM person WHERE id = ?').pluck().get(dup)).toBe(0);
    expect(db.prepare('SELECT case_id, role FROM case_participant WHERE person_id = ? ORDER BY case_id').all(kept)).toEqual([
      { case_id: openCase, role: 'victim' },
      { case_id: restrictedCase, role: 'witness' },
    ]);
    expect(db.prepare('SELECT person_id FROM event_person WHERE event_id = ?').pluck().all(event)).toEqual([kept]);
    expect(db.prepare(`SELECT victim_person_id FROM allegation WHERE summary = 'Beaten in custody'`).pluck().get()).toBe(kept);
    expect(db.prepare('SELECT name, kind FROM person_name WHERE person_id = ? ORDER BY id').all(kept)).toEqual([
      { name: 'Кудаев Расул', kind: 'primary' },
      { name: 'Rasul Kudayev', kind: 'alias' },
      { name: 'Koudaev Rassoul', kind: 'spelling' },
    ]);
    expect(db.prepare('SELECT birth_start, notes FROM person WHERE id = ?').get(kept)).toEqual({
      birth_start: '1985-01-01',
      notes: `Brother of the applicant.\n\nMerged record P-${String(dup).padStart(4, '0')}: born 1984.`,
    });
    expect(hasDrift(searchIndexDrift(db))).toBe(false);
  });

  it('redirects the old address, on pages (301) and in the API (301 with a "merged" body)', async () => {
    const res = await page.agent.get(`/people/${dup}`).expect(301);
    expect(res.headers.location).toBe(`/people/${kept}`);
    const json = await api('viewer').get(`/api/v1/people/${dup}`).expect(301);
    expect(json.headers.location).toBe(`/api/v1/people/${kept}`);
    expect(json.body).toMatchObject({ error: { code: 'merged' }, mergedInto: kept });
    await page.agent.get('/people/999999').expect(404);
  });

  it('records who merged what into what', async () => {
    const rows = db.prepare(`SELECT action, record_id AS recordId, actor_user_id AS actor, detail FROM audit_entry WHERE action LIKE 'person.merge%' ORDER BY seq`).all() as { action: string; recordId: string; actor: number; detail: string }[];
    expect(rows.map((r) => [r.action, r.recordId, r.actor, JSON.parse(r.detail).mergedFrom, JSON.parse(r.detail).into])).toEqual([
      ['person.merge', String(kept), researcher.id, dup, kept],
      ['person.merged_into', String(dup), researcher.id, dup, kept],
    ]);
    const history = await page.agent.get(`/people/${kept}`).expect(200);
    expect(history.text).toContain(`merged a duplicate record no. ${dup} into no. ${kept}`);
  });

  it('finds the kept person by every name of both, and the merged one no more', async () => {
    for (const q of ['Koudaev', 'Kudayev', 'Кудаев']) {
      const res = await api('researcher').get(`/api/v1/search?kind=person&q=${encodeURIComponent(q)}`).expect(200);
      expect(res.body.data.map((h: { id: number }) => h.id)).toEqual([kept]);
    }
  });
});

describe('protected identities', () => {
  it('the kept person is protected when the merged one was; uncleared users cannot merge a protected person', async () => {
    const secret = (await insertPerson(t.ds, 'Zarema Hiddenova', { protectedIdentity: true, createdById: researcher.id })).id;
    const open = (await insertPerson(t.ds, 'Zarema H.')).id;
    const other = (await insertPerson(t.ds, 'Aslan Hiddenov', { protectedIdentity: true, createdById: admin.id })).id;
    await api('outsider').post(`/api/v1/people/${other}/merge`, { into: open }).expect(403);
    await api('outsider').post(`/api/v1/people/${open}/merge`, { into: other }).expect(403);
    const res = await api('researcher').post(`/api/v1/people/${secret}/merge`, { into: open }).expect(200);
    expect(res.body.data).toMatchObject({ merged: true, becomesProtected: true, from: secret, into: open });
    expect(db.prepare('SELECT protected_identity FROM person WHERE id = ?').pluck().get(open)).toBe(1);
    const seen = await api('viewer').get(`/api/v1/people/${open}`).expect(200);
    expect(seen.body.data).toMatchObject({ pseudonymised: true });
    expect(JSON.stringify(seen.body)).not.toContain('Zarema');
    const found = await api('viewer').get('/api/v1/search?q=Zarema').expect(200);
    expect(found.body.data).toEqual([]);
  });
});

describe('merging two institutions', () => {
  const insertInstitution = (name: string, parentId: number | null = null) =>
    Number(db.prepare(`INSERT INTO institution (name, name_latin, match_key, type, parent_id) VALUES (?, lower(?), lower(?), 'police', ?)`).run(name, name, name, parentId).lastInsertRowid);

  it('refuses to make a cycle in the parent tree', async () => {
    const parent = insertInstitution('MVD Chechnya');
    const child = insertInstitution('ROVD Argun', parent);
    const res = await api('researcher').post(`/api/v1/institutions/${parent}/merge`, { into: child }).expect(409);
    expect(res.body.error.message).toContain('sub-unit');
    expect(db.prepare('SELECT count(*) FROM institution WHERE id IN (?, ?)').pluck().get(parent, child)).toBe(2);
  });

  it('moves links and sub-units, keeps the name as an alias, and redirects', async () => {
    const kept = insertInstitution('SIZO-1 Grozny');
    const dup = insertInstitution('СИЗО-1 Грозный');
    db.prepare(`INSERT INTO institution_alias (institution_id, name, name_latin, match_key) VALUES (?, 'Chernokozovo', 'chernokozovo', 'chernokozovo')`).run(dup);
    const unit = insertInstitution('Block 3', dup);
    const event = insertEvent(openCase, 'Transferred to the SIZO.');
    db.prepare(`INSERT INTO event_institution (event_id, institution_id) VALUES (?, ?)`).run(event, dup);
    db.prepare(`INSERT INTO event_institution (event_id, institution_id) VALUES (?, ?)`).run(event, kept);
    await api('lawyer').post(`/api/v1/institutions/${dup}/merge`, { into: kept }).expect(403);
    const plan = await api('researcher').post(`/api/v1/institutions/${dup}/merge?dryRun=true`, { into: kept }).expect(200);
    expect(plan.body.data.merged).toBe(false);
    const confirm = await page.agent.get(`/institutions/${dup}/merge`).query({ into: kept }).expect(200);
    await page.agent.post(`/institutions/${dup}/merge`).type('form').send({ _csrf: hiddenField(confirm.text), into: String(kept) }).expect(303);
    expect(db.prepare('SELECT institution_id FROM event_institution WHERE event_id = ?').pluck().all(event)).toEqual([kept]);
    expect(db.prepare('SELECT parent_id FROM institution WHERE id = ?').pluck().get(unit)).toBe(kept);
    expect(db.prepare('SELECT name FROM institution_alias WHERE institution_id = ? ORDER BY name').pluck().all(kept)).toEqual(['Chernokozovo', 'СИЗО-1 Грозный']);
    const res = await page.agent.get(`/institutions/${dup}`).expect(301);
    expect(res.headers.location).toBe(`/institutions/${kept}`);
    const json = await api('viewer').get(`/api/v1/institutions/${dup}`).expect(301);
    expect(json.body.mergedInto).toBe(kept);
    expect(hasDrift(searchIndexDrift(db))).toBe(false);
    const found = await api('viewer').get(`/api/v1/search?kind=institution&q=${encodeURIComponent('Грозный')}`).expect(200);
    expect(found.body.data.map((h: { id: number }) => h.id)).toEqual([kept]);
  });
});

describe('the links a merge moves', () => {
  it('are every foreign key the database holds to the table, read from the entities (tables added later included)', () => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    for (const target of ['person', 'institution']) {
      const inDatabase = tables.flatMap((table) =>
        (db.prepare(`SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)`).all(table) as { col: string; target: string }[]).filter((f) => f.target === target).map((f) => `${table}.${f.col}`),
      );
      expect(linkColumns(t.ds, target).map((l) => `${l.table}.${l.column}`).sort()).toEqual(inDatabase.sort());
    }
  });
});
