import { READ_ONLY, Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { BLNS, escapeHtml } from '../support/blns';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { Citation } from '../../src/sources/citation.entity';
import { Statement } from '../../src/statements/statement.entity';
import { latinize, matchKey } from '../../src/people/transliterate';
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

async function newCase(title = 'Statements case', opts: { restricted?: boolean; by?: Role } = {}): Promise<number> {
  const res = await api(opts.by ?? 'researcher').post('/cases', { title, status: 'open', restricted: opts.restricted ?? false }).expect(201);
  return res.body.data.id;
}
async function newInstitution(name: string, type = 'police_unit'): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type, parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }))).id;
}
async function newStatement(caseId: number, body: object = {}, role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/statements`, { makerDescription: 'other detainees', kind: 'confession', ...body });
  if (res.status !== 201) throw new Error(`statement not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}
async function retract(caseId: number, statementId: number, body: object = {}, role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/statements/${statementId}/retractions`, { kind: 'retraction', ...body });
  if (res.status !== 201) throw new Error(`retraction not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

describe('statements: the Kudaev case', () => {
  it('records co-defendants’ confessions incriminating Kudaev, retracted as extracted under torture and relied on by the court', async () => {
    const caseId = await newCase('Rasul Kudaev: torture in custody after the Nalchik attack');
    const kudaev = await insertPerson(t.ds, 'Rasul Kudaev', { createdById: users.researcher.id });
    const coDefendant = await insertPerson(t.ds, 'Anzor Co-defendant', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, kudaev.id, 'victim');
    await insertParticipant(t.ds, caseId, coDefendant.id, 'co_defendant'); // a defendant is a person of the case (issue 11)
    const police = await newInstitution('Nalchik police department (UBOP)');
    const trial = (await api('researcher').post(`/cases/${caseId}/proceedings`, { title: 'The Nalchik trial', defendants: [kudaev.id, coDefendant.id] }).expect(201)).body.data.id;

    const res = await api('researcher').post(`/cases/${caseId}/statements`, {
      makerPersonId: coDefendant.id,
      date: { precision: 'month', value: '2005-11' },
      beforeInstitutionId: police,
      beforeOfficial: 'an investigator of the UBOP',
      kind: 'confession',
      content: 'Names Rasul Kudaev as a participant in the attack.',
      conditions: ['forced_to_sign', 'signed_without_counsel', 'under_duress_alleged'],
      incriminates: [kudaev.id],
      courtStatus: 'relied_on',
      proceedingId: trial,
    });
    expect(res.status).toBe(201);
    await retract(caseId, res.body.data.id, { date: { precision: 'month', value: '2006-09' }, forum: 'court', reason: 'extracted under torture' });
    const s = (await api('researcher').get(`/cases/${caseId}/statements/${res.body.data.id}`).expect(200)).body.data;
    expect(s.maker).toEqual({ id: coDefendant.id, label: 'Anzor Co-defendant', hidden: false });
    expect(s.incriminates).toEqual([{ id: kudaev.id, label: 'Rasul Kudaev', hidden: false }]);
    expect(s.conditions.map((c: { label: string }) => c.label)).toEqual(['Forced to sign', 'Signed without counsel', 'Made under duress (alleged)']);
    expect(s.retractions.map((r: { sentence: string }) => r.sentence)).toEqual(['Retracted at trial, Sep 2006: extracted under torture']);
    expect(s.retracted).toBe(true);
    expect(s.courtStatus).toBe('relied_on');
    expect(s.reliedOnByCourt).toBe(true);
    expect(s.proceeding).toEqual({ id: trial, label: 'The Nalchik trial' });
    expect(s.beforeInstitution).toEqual({ id: police, label: 'Nalchik police department (UBOP)' });
    expect(s.date).toMatchObject({ text: 'Nov 2005', uncertain: true });
    // The unnamed other detainees, too.
    const others = await newStatement(caseId, { makerDescription: 'other detainees in the Nalchik case', incriminates: [kudaev.id], courtStatus: 'relied_on' });
    await retract(caseId, others, { reason: 'extracted under torture' });

    const casePage = await page('lawyer').get(`/cases/${caseId}`).expect(200);
    const section = casePage.text.slice(casePage.text.indexOf('id="statements"'), casePage.text.indexOf('id="complaints"'));
    expect(section).toContain('Retracted at trial, Sep 2006: extracted under torture');
    expect(section).toContain('Relied on in the verdict: The Nalchik trial');
    expect(section).toContain('<span class="tag tag-warn">Forced to sign</span>');
    expect(section).toMatch(/Incriminates:\s*<a href="\/people\/\d+">Rasul Kudaev<\/a>/);
    expect(section).toContain('other detainees in the Nalchik case');
    expect(section).toContain('2 retracted statements relied on by a court.');
    expect(section).toContain('class="date-uncertain"');
    // Readers get no edit links.
    expect(section).not.toContain('/statements/new');
  });
});

describe('statements: pages', () => {
  it('a researcher adds a statement from the case page, returns to it, edits it and sees its history', async () => {
    const caseId = await newCase('Form case');
    const maker = await insertPerson(t.ds, 'Timur Maker', { createdById: users.researcher.id });
    const show = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(show.text).toContain(`href="/cases/${caseId}/statements/new"`);
    const form = await page('researcher').get(`/cases/${caseId}/statements/new`).expect(200);
    expect(form.text).toContain('name="incriminates[0]"');
    expect(form.text).toContain('name="courtStatus"');
    expect(form.text).not.toContain('name="retractionDate[precision]"');

    const created = await page('researcher').post(`/cases/${caseId}/statements`, {
      makerPersonId: String(maker.id), makerDescription: '', kind: 'confession', date: { precision: 'day', value: '2005-10-24' },
      content: 'I took part.', conditions: ['forced_to_sign', 'visible_injuries'], incriminates: ['', ''], courtStatus: '', proceedingId: '', allegationId: '', beforeInstitutionId: '', beforeOfficial: '',
    });
    expect(created.status).toBe(303);
    const m = new RegExp(`^/cases/${caseId}#statement-(\\d+)$`).exec(created.headers.location);
    expect(m).not.toBeNull();
    const id = Number(m![1]);
    const after = await page('researcher').get(`/cases/${caseId}`).expect(200);
    expect(after.text).toContain(`id="statement-${id}"`);
    expect(after.text).toContain('Made with visible injuries');
    expect(after.text).toContain('Statement added.');

    const edit = await page('researcher').get(`/cases/${caseId}/statements/${id}/edit`).expect(200);
    expect(edit.text).toMatch(/<input[^>]*name="conditions" value="forced_to_sign" checked/);
    expect(edit.text).toContain('Chosen: Timur Maker');
    const saved = await page('researcher').post(`/cases/${caseId}/statements/${id}`, {
      makerPersonId: String(maker.id), kind: 'testimony', content: 'I took part.', date: { precision: 'day', value: '2005-10-24' }, conditions: ['forced_to_sign'],
      courtStatus: 'submitted',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${caseId}#statement-${id}`);
    const history = await page('researcher').get(`/cases/${caseId}/statements/${id}/edit`).expect(200);
    expect(history.text).toContain('recorded a statement');
    expect(history.text).toMatch(/changed a statement: [^<]*kind/);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'statement', recordId: String(id) }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['statement.create', 'statement.update']);
    expect(JSON.parse(entries[1].fields)).toEqual(expect.arrayContaining(['kind', 'courtStatus', 'conditions']));
    expect(JSON.parse(entries[1].fields)).not.toContain('content');
    expect(JSON.stringify(entries)).not.toContain('I took part');
    expect(JSON.parse(entries[1].detail)).toEqual({ caseId });

    const deleted = await page('researcher').post(`/cases/${caseId}/statements/${id}/delete`);
    expect(deleted.status).toBe(303);
    expect(deleted.headers.location).toBe(`/cases/${caseId}#statements`);
    expect(await t.ds.getRepository(Statement).existsBy({ id })).toBe(false);
  });

  it('shows each problem next to its field and keeps what was typed', async () => {
    const caseId = await newCase('Validation case');
    const typed = 'Typed <b>content</b> & kept';
    const res = await page('researcher').post(`/cases/${caseId}/statements`, {
      makerPersonId: '', makerDescription: '', kind: 'emperor', content: typed, date: { precision: 'day', value: '1850-02-30' },
      conditions: ['not_a_condition'], courtStatus: 'considered', incriminates: ['abc'],
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose who made the statement');
    expect(res.text).toContain('The year must be between 1900 and 2100');
    expect(res.text).toMatch(/for="f-courtStatus"[\s\S]{0,600}Choose how the court treated it/);
    expect(res.text).toContain(escapeHtml(typed));
    expect(res.text).not.toContain('<b>content</b>');
    // The message sits in the field's own block.
    expect(res.text).toMatch(/id="f-date"[\s\S]{0,1500}The year must be between 1900 and 2100/);

    // Terms are checked against the vocabulary once the form itself is well-formed.
    const terms = await page('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'x', kind: 'emperor', conditions: ['not_a_condition'] });
    expect(terms.status).toBe(422);
    expect(terms.text).toMatch(/<div class="field has-error">\s*<label for="f-kind">[\s\S]{0,400}is not a term of the statement kind list/);
    expect(terms.text).toMatch(/id="f-conditions"[\s\S]{0,400}is not a term of the statement condition list/);

    const people = await page('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'x', kind: 'confession', incriminates: ['abc'] });
    expect(people.status).toBe(422);
    expect(people.text).toMatch(/id="f-incriminates"[\s\S]{0,400}Choose the people it incriminates from the list/);
  });
});

describe('statements: who may do what', () => {
  it('lets researchers and admins write; lawyers, analysts and viewers read and get 403 on every write', async () => {
    const caseId = await newCase('Roles case');
    const id = await newStatement(caseId, { content: 'Readable statement' });
    for (const role of READ_ONLY) {
      expect((await api(role).get(`/cases/${caseId}/statements`).expect(200)).body.data.map((s: { id: number }) => s.id)).toEqual([id]);
      expect((await api(role).get(`/cases/${caseId}/statements/${id}`).expect(200)).body.data.content).toBe('Readable statement');
      await api(role).post(`/cases/${caseId}/statements`, { makerDescription: 'x', kind: 'confession' }).expect(403);
      await api(role).post(`/cases/${caseId}/statements`, { kind: 'nonsense' }).expect(403);
      await api(role).patch(`/cases/${caseId}/statements/${id}`, { content: 'changed' }).expect(403);
      await api(role).delete(`/cases/${caseId}/statements/${id}`).expect(403);
      await page(role).get(`/cases/${caseId}/statements/new`).expect(403);
      await page(role).get(`/cases/${caseId}/statements/${id}/edit`).expect(403);
      expect((await page(role).post(`/cases/${caseId}/statements`, { makerDescription: 'x', kind: 'confession' })).status).toBe(403);
      expect((await page(role).post(`/cases/${caseId}/statements/${id}`, { makerDescription: 'x', kind: 'confession' })).status).toBe(403);
      expect((await page(role).post(`/cases/${caseId}/statements/${id}/delete`)).status).toBe(403);
      expect((await page(role).get(`/cases/${caseId}`).expect(200)).text).toContain('Readable statement');
    }
    expect((await api('viewer').get(`/cases/${caseId}/statements/${id}`)).body.data.content).toBe('Readable statement');
    for (const role of ['researcher', 'admin'] as const) {
      await api(role).patch(`/cases/${caseId}/statements/${id}`, { content: `by ${role}` }).expect(200);
      await page(role).get(`/cases/${caseId}/statements/${id}/edit`).expect(200);
      const other = await newStatement(caseId, {}, role);
      await api(role).delete(`/cases/${caseId}/statements/${other}`).expect(204);
    }
    expect((await api('viewer').get(`/cases/${caseId}/statements/${id}`)).body.data.content).toBe('by admin');
  });

  it('answers 404 for a restricted case’s statements to anyone but members and admins', async () => {
    const caseId = await newCase('Restricted statements', { restricted: true });
    const id = await newStatement(caseId, { content: 'secret confession' });
    const outsider = await makeUser(t.ds, 'researcher');
    const outsiderToken = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    const outsiderSession = await signIn(t.app, outsider.email);
    for (const who of [...READ_ONLY.map((r) => ({ token: tokens[r], session: sessions[r] })), { token: outsiderToken, session: outsiderSession }]) {
      await api(who.token).get(`/cases/${caseId}/statements`).expect(404);
      await api(who.token).get(`/cases/${caseId}/statements/${id}`).expect(404);
      await api(who.token).post(`/cases/${caseId}/statements`, { makerDescription: 'x', kind: 'confession' }).expect(404);
      await api(who.token).patch(`/cases/${caseId}/statements/${id}`, { content: 'x' }).expect(404);
      await api(who.token).delete(`/cases/${caseId}/statements/${id}`).expect(404);
      const p = page('viewer', who.session);
      await p.get(`/cases/${caseId}/statements/new`).expect(404);
      await p.get(`/cases/${caseId}/statements/${id}/edit`).expect(404);
      expect((await p.post(`/cases/${caseId}/statements/${id}`, { makerDescription: 'x', kind: 'confession' })).status).toBe(404);
      expect((await p.post(`/cases/${caseId}/statements/${id}/delete`)).status).toBe(404);
    }
    expect((await api('researcher').get(`/cases/${caseId}/statements/${id}`).expect(200)).body.data.content).toBe('secret confession');
    await api('admin').get(`/cases/${caseId}/statements/${id}`).expect(200);
  });

  it('answers 404 for a statement addressed through another case', async () => {
    const a = await newCase('Case A');
    const b = await newCase('Case B');
    const id = await newStatement(a);
    await api('researcher').get(`/cases/${b}/statements/${id}`).expect(404);
    await api('researcher').patch(`/cases/${b}/statements/${id}`, { content: 'moved?' }).expect(404);
    await api('researcher').delete(`/cases/${b}/statements/${id}`).expect(404);
    await page('researcher').get(`/cases/${b}/statements/${id}/edit`).expect(404);
    expect((await page('researcher').post(`/cases/${b}/statements/${id}`, { makerDescription: 'x', kind: 'confession' })).status).toBe(404);
    expect((await page('researcher').post(`/cases/${b}/statements/${id}/delete`)).status).toBe(404);
    await api('researcher').get(`/cases/${a}/statements/${id}`).expect(200);
    await api('researcher').get(`/cases/${a}/statements/abc`).expect(404);
  });
});

describe('statements: hostile input', () => {
  it('stores every naughty string exactly and shows it escaped', async () => {
    const caseId = await newCase('Naughty strings');
    const ids: number[] = [];
    for (const s of BLNS) {
      ids.push(await newStatement(caseId, { content: s }));
      await retract(caseId, ids[ids.length - 1], { reason: s });
    }
    const list = (await api('viewer').get(`/cases/${caseId}/statements`).expect(200)).body.data as { id: number; content: string | null; retractions: { reason: string | null }[] }[];
    const byId = new Map(list.map((s) => [s.id, s]));
    BLNS.forEach((s, i) => {
      const expected = s === '' ? null : s;
      expect(byId.get(ids[i])!.content).toBe(expected);
      expect(byId.get(ids[i])!.retractions[0].reason).toBe(expected);
    });
    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    for (const s of BLNS.filter((x) => x.trim() !== '')) expect(html).toContain(escapeHtml(s));
    expect(html).not.toContain('<script>alert(');
    expect(html).not.toMatch(/<img src=x onerror/i);
  }, 180_000);

  it('round-trips naughty strings through the form as well', async () => {
    const caseId = await newCase('Naughty form');
    const samples = BLNS.filter((s) => /[<>&"'\\%]|\u202e|[^\u0000-\u007f]/.test(s)).slice(0, 25);
    for (const s of samples) {
      const res = await page('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'other detainees', kind: 'confession', content: s, beforeOfficial: s.slice(0, 300) });
      expect(res.status).toBe(303);
      const id = Number(/statement-(\d+)/.exec(res.headers.location)![1]);
      const row = await t.ds.getRepository(Statement).findOneByOrFail({ id });
      expect(row.content).toBe(s);
      const edit = await page('researcher').get(`/cases/${caseId}/statements/${id}/edit`).expect(200);
      expect(edit.text).toContain(`>${escapeHtml(s)}</textarea>`);
    }
  });

  it('refuses over-long text, unknown terms, impossible dates and links to records the user may not see, with a message per field', async () => {
    const caseId = await newCase('Refusals');
    const other = await newCase('Another case');
    const otherTrial = (await api('researcher').post(`/cases/${other}/proceedings`, { title: 'Elsewhere' }).expect(201)).body.data.id;
    const hidden = await insertPerson(t.ds, 'Protected Witness', { protectedIdentity: true });
    const post = (body: object) => api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'other detainees', kind: 'confession', ...body });
    const fields = async (body: object) => {
      const res = await post(body);
      expect(res.status).toBe(422);
      return res.body.error.fields as Record<string, string>;
    };
    expect((await fields({ content: 'x'.repeat(20_001) })).content).toBe('The content has at most 20000 characters.');
    expect((await fields({ makerDescription: 'y'.repeat(301) })).makerDescription).toContain('at most 300 characters');
    expect((await fields({ kind: 'emperor' })).kind).toContain('is not a term of the statement kind list');
    expect((await fields({ conditions: ['forced_to_sign', 'flying'] })).conditions).toContain('is not a term of the statement condition list');
    expect((await fields({ retracted: true, retractionForum: 'court' })).retracted).toContain('/retractions');
    expect((await fields({ reliedOnByCourt: true })).reliedOnByCourt).toContain('courtStatus');
    expect((await fields({ courtStatus: 'considered' })).courtStatus).toContain('not_submitted, submitted, admitted, relied_on, excluded');
    expect((await fields({ date: { precision: 'day', value: '2101-01-01' } }))['date.value']).toContain('between 1900 and 2100');
    expect((await fields({ date: { precision: 'range', start: '2006-05', end: '2005-09' } }))['date.end']).toContain('before its start');
    expect((await fields({ makerPersonId: hidden.id })).makerPersonId).toBe('Give a person (a known id or code).');
    expect((await fields({ makerPersonId: 99_999_999 })).makerPersonId).toBe('Give a person (a known id or code).');
    expect((await fields({ incriminates: [hidden.id] })).incriminates).toBe('Give each person (a known id or code).');
    expect((await fields({ beforeInstitutionId: 99_999_999 })).beforeInstitutionId).toBe('Give an institution (a known id or code).');
    expect((await fields({ courtStatus: 'relied_on', proceedingId: otherTrial })).proceedingId).toBe('Give a proceeding of this case.');
    expect((await fields({ allegationId: 99_999_999 })).allegationId).toBe('Give an allegation of this case.');
    expect((await fields({ proceedingId: otherTrial })).proceedingId).toContain('only for a statement submitted to its court');
    expect((await fields({ makerDescription: '   ' })).makerPersonId).toContain('or makerDescription');
    expect((await post({ incriminates: 'not a list' })).status).toBe(422);
    expect((await post({ date: 'yesterday' })).status).toBe(422);
    expect(await t.ds.getRepository(Statement).countBy({ caseId })).toBe(0);

    const form = await page('researcher').post(`/cases/${caseId}/statements`, { makerPersonId: String(hidden.id), kind: 'confession' });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/<div class="field picker has-error"[\s\S]{0,4000}Choose a person from the list\./);
    expect(form.text).not.toContain('Protected Witness');
    expect(form.text).not.toContain(`P-${String(hidden.id).padStart(4, '0')}`);
  });

  it('shows protected makers as a pseudonym to users not cleared for them, and lets a later editor keep the link', async () => {
    const caseId = await newCase('Protected maker');
    const witness = await insertPerson(t.ds, 'Zaur Protected', { protectedIdentity: true, createdById: users.researcher.id });
    const id = await newStatement(caseId, { makerPersonId: witness.id, makerDescription: null, incriminates: [witness.id] });
    const pseudonym = `Person P-${String(witness.id).padStart(4, '0')}`;
    for (const role of READ_ONLY) {
      const body = JSON.stringify((await api(role).get(`/cases/${caseId}/statements/${id}`).expect(200)).body);
      expect(body).not.toContain('Zaur');
      expect(body).toContain(pseudonym);
      const html = (await page(role).get(`/cases/${caseId}`).expect(200)).text;
      expect(html).not.toContain('Zaur');
      expect(html).toContain(pseudonym);
    }
    expect(JSON.stringify((await api('researcher').get(`/cases/${caseId}/statements/${id}`)).body)).toContain('Zaur Protected');
    // Another researcher, not cleared, may still edit the statement without losing the link.
    const other = await makeUser(t.ds, 'researcher');
    const otherToken = (await createApiToken(t.ds, CLI_ACTOR, other.id, 't')).token;
    const patched = await api(otherToken).patch(`/cases/${caseId}/statements/${id}`, { content: 'edited by a colleague' }).expect(200);
    expect(patched.body.data.maker.label).toBe(pseudonym);
    const otherSession = await signIn(t.app, other.email);
    const edit = await page('researcher', otherSession).get(`/cases/${caseId}/statements/${id}/edit`).expect(200);
    expect(edit.text).not.toContain('Zaur');
    expect(edit.text).toContain(`Chosen: ${pseudonym}`);
  });

  it('clears the proceeding when a PATCH sets the statement back to not submitted, and deletes a statement’s citations and retractions with it', async () => {
    const caseId = await newCase('Patch and delete');
    const trial = (await api('researcher').post(`/cases/${caseId}/proceedings`, { title: 'Trial' }).expect(201)).body.data.id;
    const id = await newStatement(caseId, { courtStatus: 'admitted', proceedingId: trial });
    await retract(caseId, id, { forum: 'court', reason: 'torture' });
    const res = await api('researcher').patch(`/cases/${caseId}/statements/${id}`, { courtStatus: 'not_submitted' }).expect(200);
    expect([res.body.data.courtStatus, res.body.data.proceeding]).toEqual(['not_submitted', null]);
    expect(res.body.data.retracted).toBe(true);
    const source = (await api('researcher').post('/sources', { kind: 'organisation', name: 'Memorial', reliability: 'usually_reliable', relation: 'ngo' }).expect(201)).body.data.id;
    await api('researcher').post(`/cases/${caseId}/citations`, { sourceId: source, recordType: 'statement', recordId: id }).expect(201);
    expect(await t.ds.getRepository(Citation).countBy({ recordType: 'statement', recordId: id })).toBe(1);
    await api('researcher').delete(`/cases/${caseId}/statements/${id}`).expect(204);
    expect(await t.ds.getRepository(Citation).countBy({ recordType: 'statement', recordId: id })).toBe(0);
    expect(Number((await t.ds.query('SELECT count(*) AS n FROM statement_retraction WHERE statement_id = ?', [id]))[0].n)).toBe(0);
    await api('researcher').delete(`/sources/${source}`).expect(204);
  });
});
