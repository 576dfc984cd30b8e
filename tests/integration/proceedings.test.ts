import path from 'node:path';
import { READ_ONLY, Role, Session, apiAs, everyRole, expectReadOnly, pageAs } from '../support/roles';
import { BLNS, escapeHtml } from '../support/blns';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { Statement } from '../../src/statements/statement.entity';
import { Proceeding } from '../../src/proceedings/proceeding.entity';
import { ProceedingStage } from '../../src/proceedings/proceeding-stage.entity';
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

async function newCase(title = 'Proceedings case', opts: { restricted?: boolean; by?: Role } = {}): Promise<number> {
  const res = await api(opts.by ?? 'researcher').post('/cases', { title, status: 'open', restricted: opts.restricted ?? false }).expect(201);
  return res.body.data.id;
}
async function newInstitution(name: string, type = 'police_unit'): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type, parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }))).id;
}
const month = (value: string) => ({ precision: 'month', value });

async function newProceeding(caseId: number, body: object = {}, role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/proceedings`, { title: 'Trial', ...body });
  if (res.status !== 201) throw new Error(`proceeding not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}
async function newStage(caseId: number, proceedingId: number, body: object = {}, role: Role = 'researcher'): Promise<number> {
  const res = await api(role).post(`/cases/${caseId}/proceedings/${proceedingId}/stages`, { kind: 'hearing', ...body });
  if (res.status !== 201) throw new Error(`stage not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

describe('proceedings: Gumarov and Ishmuratov', () => {
  it('reads "acquitted (Sep 2005) → verdict annulled → convicted (May 2006)", entered through the forms', async () => {
    const caseId = await newCase('Ravil Gumarov and Timur Ishmuratov: pipeline explosion case');
    const gumarov = await insertPerson(t.ds, 'Ravil Gumarov', { createdById: users.researcher.id });
    const ishmuratov = await insertPerson(t.ds, 'Timur Ishmuratov', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, gumarov.id, 'victim');
    await insertParticipant(t.ds, caseId, ishmuratov.id, 'victim');
    const court = await newInstitution('Supreme Court of the Republic of Tatarstan', 'court');
    const supreme = await newInstitution('Supreme Court of the Russian Federation', 'court');

    const form = await page('researcher').get(`/cases/${caseId}/proceedings/new`).expect(200);
    expect(form.text).toContain('name="defendants[0][personId]"');
    const created = await page('researcher').post(`/cases/${caseId}/proceedings`, { title: 'Bugulma pipeline trial', courtInstitutionId: String(court), caseNumber: '2-15/2005', defendants: [String(gumarov.id), String(ishmuratov.id), ''], note: '' });
    expect(created.status).toBe(303);
    const id = Number(new RegExp(`^/cases/${caseId}#proceeding-(\\d+)$`).exec(created.headers.location)![1]);

    const acquittal = await page('researcher').post(`/cases/${caseId}/proceedings/${id}/stages`, { kind: 'verdict', outcome: 'acquitted', date: month('2005-09'), courtInstitutionId: '', sentence: '', note: 'Jury verdict: both recanted their confessions at trial.' });
    expect(acquittal.status).toBe(303);
    expect(acquittal.headers.location).toMatch(new RegExp(`^/cases/${caseId}#stage-\\d+$`));
    await newStage(caseId, id, { kind: 'annulment', outcome: 'annulled', courtInstitutionId: supreme, note: 'On the prosecutor’s appeal.' });
    await newStage(caseId, id, { kind: 'retrial', outcome: 'convicted', date: month('2006-05'), sentence: 'Prison terms' });

    const res = await api('viewer').get(`/cases/${caseId}/proceedings/${id}`).expect(200);
    expect(res.body.data.chain).toBe('acquitted (Sep 2005) → verdict annulled → convicted (May 2006)');
    expect(res.body.data.defendants.map((d: { label: string }) => d.label)).toEqual(['Ravil Gumarov', 'Timur Ishmuratov']);
    expect(res.body.data.court).toEqual({ id: court, label: 'Supreme Court of the Republic of Tatarstan' });
    expect(res.body.data.stages.map((s: { kind: string }) => s.kind)).toEqual(['verdict', 'annulment', 'retrial']);
    expect(res.body.data.stages[1].court.label).toBe('Supreme Court of the Russian Federation');

    const html = (await page('analyst').get(`/cases/${caseId}`).expect(200)).text;
    const section = html.slice(html.indexOf('id="proceedings"'), html.indexOf('id="people"'));
    expect(section).toContain('<strong>acquitted (Sep 2005) → verdict annulled → convicted (May 2006)</strong>');
    expect(section).toContain('Jury verdict: both recanted their confessions at trial.');
    expect(section).toMatch(/Timur Ishmuratov: <span class="tag tag-danger">Convicted<\/span> — Prison terms/); // per defendant (issue 11)
    expect(section).toMatch(/Defendants:\s*<a href="\/people\/\d+">Ravil Gumarov<\/a>, <a href="\/people\/\d+">Timur Ishmuratov<\/a>/);
    expect(section.indexOf('Acquitted')).toBeLessThan(section.indexOf('Annulled'));
    expect(section.indexOf('Annulled')).toBeLessThan(section.indexOf('Convicted'));
  });

  it('orders stages by date whatever the order they were entered in, placing undated ones after the latest stage entered before them', async () => {
    const caseId = await newCase('Stage order');
    const id = await newProceeding(caseId);
    await newStage(caseId, id, { kind: 'retrial', outcome: 'convicted', date: month('2006-05') });
    await newStage(caseId, id, { kind: 'verdict', outcome: 'acquitted', date: month('2005-09') });
    await newStage(caseId, id, { kind: 'annulment', outcome: 'annulled', date: { precision: 'approximate', value: '2006-01' } });
    await newStage(caseId, id, { kind: 'appeal' });
    const res = await api('viewer').get(`/cases/${caseId}/proceedings/${id}/stages`).expect(200);
    expect(res.body.data.map((s: { phrase: string }) => s.phrase)).toEqual(['acquitted', 'verdict annulled', 'convicted', 'appeal']);
    expect((await api('viewer').get(`/cases/${caseId}/proceedings/${id}`)).body.data.chain).toBe('acquitted (Sep 2005) → verdict annulled (c. Jan 2006) → convicted (May 2006) → appeal');
  });
});

describe('proceedings: pages', () => {
  it('edits a proceeding and a stage, each page showing its history; deleting a proceeding keeps the statements that relied on it', async () => {
    const caseId = await newCase('Proceeding pages');
    const defendant = await insertPerson(t.ds, 'Defendant One', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, defendant.id, 'defendant');
    expect((await page('researcher').get(`/cases/${caseId}`)).text).toContain(`href="/cases/${caseId}/proceedings/new"`);
    const id = await newProceeding(caseId, { note: 'first note', defendants: [defendant.id] });
    const sid = await newStage(caseId, id, { note: 'stage note' });
    await page('researcher').get(`/cases/${caseId}/proceedings/${id}/stages/new`).expect(200);
    const edit = await page('researcher').get(`/cases/${caseId}/proceedings/${id}/edit`).expect(200);
    expect(edit.text).toContain('first note</textarea>');
    expect(edit.text).toContain('Chosen: Defendant One');
    expect(edit.text).toContain(`id="stage-${sid}"`);
    const saved = await page('researcher').post(`/cases/${caseId}/proceedings/${id}`, { title: 'Renamed trial', note: 'second note', defendants: ['', ''] });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${caseId}#proceeding-${id}`);
    const after = (await api('researcher').get(`/cases/${caseId}/proceedings/${id}`)).body.data;
    expect(after.defendants).toEqual([]);
    expect(after.name).toBe('Renamed trial');
    const history = await page('researcher').get(`/cases/${caseId}/proceedings/${id}/edit`).expect(200);
    expect(history.text).toMatch(/changed a proceeding: [^<]*defendants/);
    expect(history.text).toContain('added a stage to a proceeding');

    const stageEdit = await page('researcher').get(`/cases/${caseId}/proceedings/${id}/stages/${sid}/edit`).expect(200);
    expect(stageEdit.text).toContain('stage note</textarea>');
    const stageSaved = await page('researcher').post(`/cases/${caseId}/proceedings/${id}/stages/${sid}`, { kind: 'verdict', outcome: 'convicted', sentence: '13 years', date: { precision: 'day', value: '2006-05-12' } });
    expect(stageSaved.status).toBe(303);
    expect(stageSaved.headers.location).toBe(`/cases/${caseId}#stage-${sid}`);
    expect((await page('researcher').get(`/cases/${caseId}/proceedings/${id}/stages/${sid}/edit`)).text).toMatch(/changed a proceeding stage: [^<]*verdicts/);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'proceeding_stage', recordId: String(sid) }, order: { seq: 'ASC' } });
    expect(JSON.parse(entries[1].fields).sort()).toEqual(['date', 'kind', 'note', 'verdicts']);
    expect(JSON.stringify(entries)).not.toContain('13 years');

    const statement = (await api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'co-defendant', kind: 'confession', courtStatus: 'relied_on', proceedingId: id }).expect(201)).body.data.id;
    expect((await page('researcher').post(`/cases/${caseId}/proceedings/${id}/stages/${sid}/delete`)).headers.location).toBe(`/cases/${caseId}#proceeding-${id}`);
    expect(await t.ds.getRepository(ProceedingStage).existsBy({ id: sid })).toBe(false);
    await newStage(caseId, id);
    expect((await page('researcher').post(`/cases/${caseId}/proceedings/${id}/delete`)).headers.location).toBe(`/cases/${caseId}#proceedings`);
    expect(await t.ds.getRepository(Proceeding).existsBy({ id })).toBe(false);
    expect(await t.ds.getRepository(ProceedingStage).countBy({ proceedingId: id })).toBe(0);
    const kept = await t.ds.getRepository(Statement).findOneByOrFail({ id: statement });
    expect([kept.courtStatus, kept.proceedingId]).toEqual(['relied_on', null]);
  });

  it('shows each problem next to its field and keeps what was typed', async () => {
    const caseId = await newCase('Proceeding form errors');
    const hidden = await insertPerson(t.ds, 'Hidden Defendant', { protectedIdentity: true });
    const res = await page('researcher').post(`/cases/${caseId}/proceedings`, { title: 't'.repeat(501), caseNumber: 'kept & <shown>', defendants: [String(hidden.id)] });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<label for="f-title">[\s\S]{0,400}at most 500 characters/);
    expect(res.text).toContain('value="kept &amp; &lt;shown&gt;"');
    const people = await page('researcher').post(`/cases/${caseId}/proceedings`, { title: 'ok', defendants: [String(hidden.id)] });
    expect(people.status).toBe(422);
    expect(people.text).toMatch(/id="f-defendants"[\s\S]{0,300}Choose each defendant from the list\./);
    expect(people.text).not.toContain('Hidden Defendant');
    const id = await newProceeding(caseId);
    const stage = await page('researcher').post(`/cases/${caseId}/proceedings/${id}/stages`, { kind: 'verdict', outcome: 'beheaded', date: { precision: 'year', value: '2006-05' } });
    expect(stage.status).toBe(422);
    expect(stage.text).toMatch(/id="f-date"[\s\S]{0,1500}A year date is written YYYY/);
    const term = await page('researcher').post(`/cases/${caseId}/proceedings/${id}/stages`, { kind: 'verdict', outcome: 'beheaded' });
    expect(term.status).toBe(422);
    expect(term.text).toMatch(/id="f-outcome">[\s\S]{0,100}is not a term of the verdict outcome list/);
  });
});

describe('proceedings: who may do what', () => {
  it('lets researchers and admins write proceedings and stages; readers get 403 on every write', async () => {
    const caseId = await newCase('Proceeding roles');
    const id = await newProceeding(caseId, { note: 'Readable proceeding' });
    const sid = await newStage(caseId, id, { note: 'Readable stage' });
    for (const role of READ_ONLY) {
      expect((await api(role).get(`/cases/${caseId}/proceedings`).expect(200)).body.data[0].stages[0].note).toBe('Readable stage');
      await expectReadOnly({
        api: api(role),
        page: page(role),
        caseId,
        base: `/cases/${caseId}/proceedings`,
        id,
        child: 'stages',
        childId: sid,
        newRecord: { title: 'x' },
        newChild: { kind: 'hearing' },
        change: { note: 'x' },
        shownOnCase: 'Readable stage',
      });
    }
    for (const role of ['researcher', 'admin'] as const) {
      await api(role).patch(`/cases/${caseId}/proceedings/${id}`, { note: `by ${role}` }).expect(200);
      await api(role).patch(`/cases/${caseId}/proceedings/${id}/stages/${sid}`, { note: `by ${role}` }).expect(200);
      const other = await newStage(caseId, id, {}, role);
      await api(role).delete(`/cases/${caseId}/proceedings/${id}/stages/${other}`).expect(204);
      const p = await newProceeding(caseId, {}, role);
      await api(role).delete(`/cases/${caseId}/proceedings/${p}`).expect(204);
    }
    const after = (await api('viewer').get(`/cases/${caseId}/proceedings/${id}`)).body.data;
    expect([after.note, after.stages[0].note]).toEqual(['by admin', 'by admin']);
  });

  it('answers 404 for a restricted case’s proceedings and stages to non-members', async () => {
    const caseId = await newCase('Restricted proceedings', { restricted: true });
    const id = await newProceeding(caseId);
    const sid = await newStage(caseId, id);
    const outsider = await makeUser(t.ds, 'researcher');
    const outsiderToken = (await createApiToken(t.ds, CLI_ACTOR, outsider.id, 't')).token;
    const outsiderSession = await signIn(t.app, outsider.email);
    for (const who of [...READ_ONLY.map((r) => ({ token: tokens[r], session: sessions[r] })), { token: outsiderToken, session: outsiderSession }]) {
      await api(who.token).get(`/cases/${caseId}/proceedings`).expect(404);
      await api(who.token).get(`/cases/${caseId}/proceedings/${id}`).expect(404);
      await api(who.token).get(`/cases/${caseId}/proceedings/${id}/stages`).expect(404);
      await api(who.token).get(`/cases/${caseId}/proceedings/${id}/stages/${sid}`).expect(404);
      await api(who.token).post(`/cases/${caseId}/proceedings/${id}/stages`, { kind: 'hearing' }).expect(404);
      await api(who.token).delete(`/cases/${caseId}/proceedings/${id}/stages/${sid}`).expect(404);
      const p = page('viewer', who.session);
      await p.get(`/cases/${caseId}/proceedings/${id}/edit`).expect(404);
      await p.get(`/cases/${caseId}/proceedings/${id}/stages/${sid}/edit`).expect(404);
      expect((await p.post(`/cases/${caseId}/proceedings/${id}/stages/${sid}`, { kind: 'hearing' })).status).toBe(404);
    }
    await api('researcher').get(`/cases/${caseId}/proceedings/${id}/stages/${sid}`).expect(200);
    await api('admin').get(`/cases/${caseId}/proceedings/${id}/stages/${sid}`).expect(200);
  });

  it('answers 404 for proceedings and stages addressed through another case or proceeding', async () => {
    const a = await newCase('Case A');
    const b = await newCase('Case B');
    const id = await newProceeding(a);
    const sibling = await newProceeding(a);
    const sid = await newStage(a, id);
    await api('researcher').get(`/cases/${b}/proceedings/${id}`).expect(404);
    await api('researcher').patch(`/cases/${b}/proceedings/${id}`, { note: 'x' }).expect(404);
    await api('researcher').get(`/cases/${b}/proceedings/${id}/stages/${sid}`).expect(404);
    await api('researcher').get(`/cases/${a}/proceedings/${sibling}/stages/${sid}`).expect(404);
    await api('researcher').patch(`/cases/${a}/proceedings/${sibling}/stages/${sid}`, { note: 'x' }).expect(404);
    await api('researcher').delete(`/cases/${a}/proceedings/${sibling}/stages/${sid}`).expect(404);
    await page('researcher').get(`/cases/${b}/proceedings/${id}/edit`).expect(404);
    expect((await page('researcher').post(`/cases/${b}/proceedings/${id}/delete`)).status).toBe(404);
    expect(await t.ds.getRepository(ProceedingStage).existsBy({ id: sid })).toBe(true);
  });
});

describe('proceedings: hostile input', () => {
  it('stores every naughty string exactly in notes and sentences, and shows it escaped', async () => {
    const caseId = await newCase('Naughty proceedings');
    const made: { proceeding: number; stage: number }[] = [];
    for (const s of BLNS) {
      const proceeding = await newProceeding(caseId, { note: s, title: [...s].length <= 500 ? s : 'long', caseNumber: [...s].length <= 100 ? s : null });
      made.push({ proceeding, stage: await newStage(caseId, proceeding, { note: s, sentence: s }) });
    }
    const list = (await api('viewer').get(`/cases/${caseId}/proceedings`).expect(200)).body.data as { id: number; note: string | null; title: string | null; caseNumber: string | null; stages: { id: number; note: string | null; sentence: string | null }[] }[];
    const proceedings = new Map(list.map((p) => [p.id, p]));
    const stages = new Map(list.flatMap((p) => p.stages).map((st) => [st.id, st]));
    BLNS.forEach((s, i) => {
      const expected = s === '' ? null : s;
      const p = proceedings.get(made[i].proceeding)!;
      expect(p.note).toBe(expected);
      if ([...s].length <= 500) expect(p.title).toBe(expected);
      if ([...s].length <= 100) expect(p.caseNumber).toBe(expected);
      expect(stages.get(made[i].stage)!.note).toBe(expected);
      expect(stages.get(made[i].stage)!.sentence).toBe(expected);
    });
    const html = (await page('viewer').get(`/cases/${caseId}`).expect(200)).text;
    for (const s of BLNS.filter((x) => x.trim() !== '')) expect(html).toContain(escapeHtml(s));
    expect(html).not.toContain('<script>alert(');
  }, 180_000);

  it('round-trips naughty strings through the forms', async () => {
    const caseId = await newCase('Naughty proceeding forms');
    const samples = BLNS.filter((s) => /[<>&"'\\%]|\u202e|[^\u0000-\u007f]/.test(s)).slice(0, 20);
    for (const s of samples) {
      const res = await page('researcher').post(`/cases/${caseId}/proceedings`, { title: 'x', note: s });
      expect(res.status).toBe(303);
      const id = Number(/proceeding-(\d+)/.exec(res.headers.location)![1]);
      expect((await t.ds.getRepository(Proceeding).findOneByOrFail({ id })).note).toBe(s);
      const r = await page('researcher').post(`/cases/${caseId}/proceedings/${id}/stages`, { kind: 'hearing', note: s });
      expect(r.status).toBe(303);
      const sid = Number(/stage-(\d+)/.exec(r.headers.location)![1]);
      expect((await t.ds.getRepository(ProceedingStage).findOneByOrFail({ id: sid })).note).toBe(s);
      expect((await page('researcher').get(`/cases/${caseId}/proceedings/${id}/stages/${sid}/edit`)).text).toContain(`>${escapeHtml(s)}</textarea>`);
    }
  });

  it('refuses over-long text, unknown terms, impossible dates and links to records the user may not see', async () => {
    const caseId = await newCase('Proceeding refusals');
    const hidden = await insertPerson(t.ds, 'Hidden Defendant', { protectedIdentity: true });
    const fields = async (path: string, body: object) => {
      const res = await api('researcher').post(path, body);
      expect(res.status).toBe(422);
      return res.body.error.fields as Record<string, string>;
    };
    const p = (body: object) => fields(`/cases/${caseId}/proceedings`, body);
    expect((await p({ note: 'x'.repeat(20_001) })).note).toContain('at most 20000 characters');
    expect((await p({ caseNumber: 'x'.repeat(101) })).caseNumber).toContain('at most 100 characters');
    expect((await p({ title: 'x'.repeat(501) })).title).toContain('at most 500 characters');
    expect((await p({ defendants: [hidden.id] })).defendants).toBe('Give each defendant (a known id or code).');
    expect((await p({ defendants: [99_999_999] })).defendants).toBe('Give each defendant (a known id or code).');
    expect((await p({ defendants: ['abc'] })).defendants).toBe('Give the defendants (a known id or code).');
    expect((await p({ courtInstitutionId: 99_999_999 })).courtInstitutionId).toBe('Give an institution (a known id or code).');
    expect(await t.ds.getRepository(Proceeding).countBy({ caseId })).toBe(0);

    const id = await newProceeding(caseId);
    const s = (body: object) => fields(`/cases/${caseId}/proceedings/${id}/stages`, { kind: 'verdict', ...body });
    expect((await s({ sentence: 'x'.repeat(2_001) })).sentence).toContain('at most 2000 characters');
    expect((await s({ note: 'x'.repeat(20_001) })).note).toContain('at most 20000 characters');
    expect((await s({ kind: 'duel' })).kind).toContain('is not a term of the proceeding stage kind list');
    expect((await s({ outcome: 'beheaded' })).outcome).toContain('is not a term of the verdict outcome list');
    expect((await s({ outcome: 'Not A Code' })).outcome).toBe('Give an outcome (a known id or code).');
    expect((await s({ date: { precision: 'day', value: '2006-02-30' } }))['date.value']).toContain('is not a day in the calendar');
    expect((await s({ date: { precision: 'range', start: '2006-05-01', end: '2006-04-30' } }))['date.end']).toContain('before its start');
    expect((await s({ date: { precision: 'year', value: '3000' } }))['date.value']).toContain('between 1900 and 2100');
    expect((await s({ courtInstitutionId: 99_999_999 })).courtInstitutionId).toBe('Give an institution (a known id or code).');
    expect(await t.ds.getRepository(ProceedingStage).countBy({ proceedingId: id })).toBe(0);
  });
});
