import { parse } from 'csv-parse/sync';
import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { User } from '../../src/users/user.entity';
import { StageVerdict } from '../../src/proceedings/stage-verdict.entity';
import { ProceedingDefendant } from '../../src/proceedings/proceeding-defendant.entity';
import { AuditEntry } from '../../src/audit/audit-entry.entity';

/**
 * Per-defendant proceedings (issue 11): seven co-defendants of one trial, each with their own
 * charges and sentence, entered through the stage form (one row per defendant); a conviction
 * later quashed for one of them; the bad inputs refused beside their field; the case page, the
 * API, the reports, the exports and the dossier each reading the verdicts per defendant.
 */
let t: TestApp;
let users: Record<Role, User>;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;

beforeAll(async () => {
  t = await startTestApp();
  ({ users, tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = (role: Role) => apiAs(t.app, tokens[role]);
const page = (role: Role) => pageAs(sessions[role]);

const NAMES = ['Rasul Kudaev', 'Anzor Astemirov', 'Ruslan Nakhushev', 'Zaur Tokov', 'Murat Bidov', 'Timur Ishmuratov', 'Ravil Gumarov'];
const SENTENCES: { years: string; months: string; regime: string; suspended?: boolean; outcome: string; kind: string }[] = [
  { outcome: 'convicted', kind: 'life_imprisonment', years: '', months: '', regime: 'special' },
  { outcome: 'convicted', kind: 'imprisonment', years: '22', months: '', regime: 'strict' },
  { outcome: 'convicted', kind: 'imprisonment', years: '15', months: '6', regime: 'strict' },
  { outcome: 'convicted', kind: 'imprisonment', years: '9', months: '', regime: 'general' },
  { outcome: 'convicted', kind: 'imprisonment', years: '4', months: '', regime: '', suspended: true },
  { outcome: 'acquitted', kind: '', years: '', months: '', regime: '' },
  { outcome: 'convicted', kind: 'fine', years: '', months: '', regime: '' },
];

async function newCase(title: string): Promise<number> {
  return (await api('researcher').post('/cases', { title, status: 'open' }).expect(201)).body.data.id;
}

async function sevenDefendants(caseId: number): Promise<number[]> {
  const ids: number[] = [];
  for (const name of NAMES) {
    const p = await insertPerson(t.ds, name, { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseId, p.id, 'defendant');
    ids.push(p.id);
  }
  return ids;
}

describe('seven co-defendants, seven sentences', () => {
  let caseId: number;
  let people: number[];
  let proceedingId: number;
  let verdictStage: number;

  beforeAll(async () => {
    caseId = await newCase('The Nalchik trial of the 58');
    people = await sevenDefendants(caseId);
  });

  it('enters the defendants with their charges through the proceeding form', async () => {
    const form = await page('researcher').get(`/cases/${caseId}/proceedings/new`).expect(200);
    expect(form.text).toContain('name="defendants[0][charges][0][article]"');
    expect(form.text).toContain('Art. 205 Criminal Code: terrorist act</option>');
    const res = await page('researcher').post(`/cases/${caseId}/proceedings`, {
      title: 'The Nalchik trial',
      defendants: people.map((id, i) => ({ personId: String(id), charges: [{ article: i === 0 ? 'ст. 205 ч. 3 УК РФ' : '', articleCode: 'ccrf_205' }, { article: 'ст. 209 ч. 2 УК РФ', articleCode: '' }] })),
    });
    expect(res.status).toBe(303);
    proceedingId = Number(/#proceeding-(\d+)$/.exec(res.headers.location)![1]);
    const p = (await api('viewer').get(`/cases/${caseId}/proceedings/${proceedingId}`).expect(200)).body.data;
    expect(p.defendants.map((d: { label: string }) => d.label)).toEqual(NAMES);
    expect(p.defendants[0].charges).toEqual([
      { article: 'ст. 205 ч. 3 УК РФ', articleCode: 'ccrf_205', articleLabel: 'Art. 205 Criminal Code: terrorist act' },
      { article: 'ст. 209 ч. 2 УК РФ', articleCode: null, articleLabel: null },
    ]);
    expect(p.defendants[1].charges[0]).toEqual({ article: null, articleCode: 'ccrf_205', articleLabel: 'Art. 205 Criminal Code: terrorist act' });
  });

  it('shows one verdict row per defendant on the stage form and keeps seven different sentences', async () => {
    const form = await page('researcher').get(`/cases/${caseId}/proceedings/${proceedingId}/stages/new`).expect(200);
    for (let i = 0; i < 7; i++) expect(form.text).toContain(`name="verdicts[${i}][years]"`);
    expect(form.text).not.toContain('name="verdicts[7][years]"');
    expect(form.text).toContain('Anzor Astemirov');
    const res = await page('researcher').post(`/cases/${caseId}/proceedings/${proceedingId}/stages`, {
      kind: 'verdict',
      date: { precision: 'day', value: '2014-12-23' },
      verdicts: people.map((id, i) => ({ personId: String(id), outcome: SENTENCES[i].outcome, sentenceKind: SENTENCES[i].kind, years: SENTENCES[i].years, months: SENTENCES[i].months, regime: SENTENCES[i].regime, ...(SENTENCES[i].suspended ? { suspended: 'on' } : {}), note: i === 6 ? '300,000 roubles' : '' })),
    });
    expect(res.status).toBe(303);
    verdictStage = Number(/#stage-(\d+)$/.exec(res.headers.location)![1]);
    const stage = (await api('viewer').get(`/cases/${caseId}/proceedings/${proceedingId}/stages/${verdictStage}`).expect(200)).body.data;
    expect(stage.verdicts.map((v: { sentence: { text: string | null } }) => v.sentence.text)).toEqual([
      'Life imprisonment, special-regime colony',
      'Imprisonment, 22 years, strict-regime colony',
      'Imprisonment, 15 years 6 months, strict-regime colony',
      'Imprisonment, 9 years, general-regime colony',
      'Imprisonment, 4 years, suspended',
      null,
      'Fine',
    ]);
    expect(stage.verdicts.map((v: { outcome: string }) => v.outcome)).toEqual(['convicted', 'convicted', 'convicted', 'convicted', 'convicted', 'acquitted', 'convicted']);
    expect(stage.verdicts[6].sentence.note).toBe('300,000 roubles');
    expect(stage.outcome).toBeNull(); // not one outcome for all
    expect(stage.phrase).toBe('convicted / acquitted');
    const casePage = await page('viewer').get(`/cases/${caseId}`).expect(200);
    expect(casePage.text).toContain('Imprisonment, 15 years 6 months, strict-regime colony');
    expect(casePage.text).toMatch(/Timur Ishmuratov: <span class="tag">Acquitted/);
    expect(casePage.text).toContain('charged under ст. 205 ч. 3 УК РФ — Art. 205 Criminal Code: terrorist act');
  });

  it('a later stage quashes one conviction: the API takes verdict rows, the report and exports follow', async () => {
    const quash = await api('researcher').post(`/cases/${caseId}/proceedings/${proceedingId}/stages`, { kind: 'supervisory_review', date: { precision: 'month', value: '2016-03' }, verdicts: [{ personId: people[3], outcome: 'quashed', note: 'Quashed by the Supreme Court' }] }).expect(201);
    expect(quash.body.data.verdicts).toHaveLength(1);
    expect(quash.body.data.verdicts[0]).toMatchObject({ personId: people[3], outcome: 'quashed', outcomeLabel: 'Conviction quashed', defendant: { label: 'Zaur Tokov' } });
    const chain = (await api('viewer').get(`/cases/${caseId}/proceedings/${proceedingId}`)).body.data.chain;
    expect(chain).toBe('convicted / acquitted (23 Dec 2014) → conviction quashed (Mar 2016)');

    // Exports: one row per defendant per stage, structured sentence columns, the date in four cells.
    const csv = await page('analyst').get(`/exports/proceedings.csv?q=&headers=codes`).expect(200);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const mine = rows.filter((r) => r.proceeding === 'The Nalchik trial');
    expect(mine).toHaveLength(14);
    const bidov = mine.find((r) => r.defendant === 'Murat Bidov' && r.stage === 'Verdict')!;
    expect(bidov).toMatchObject({ outcome: 'Convicted', sentenceKind: 'Imprisonment', sentenceYears: '4', sentenceMonths: '', suspended: 'yes', stageDate: '23 Dec 2014', stageDatePrecision: 'day', stageDateEarliest: '2014-12-23', stageDateLatest: '2014-12-23' });
    expect(bidov.charges).toBe('Art. 205 Criminal Code: terrorist act; ст. 209 ч. 2 УК РФ');
    const tokov = mine.find((r) => r.defendant === 'Zaur Tokov' && r.stage === 'Supervisory review')!;
    expect(tokov).toMatchObject({ outcome: 'Conviction quashed', sentenceNote: 'Quashed by the Supreme Court', stageDate: 'Mar 2016', stageDatePrecision: 'month', stageDateEarliest: '2016-03-01', stageDateLatest: '2016-03-31' });
    expect(mine.find((r) => r.defendant === 'Rasul Kudaev' && r.stage === 'Supervisory review')).toMatchObject({ outcome: '', sentence: '' });

    // Search: the verdict filter and its facet read the defendants' verdicts.
    const search = (await api('analyst').get(`/search?verdict=quashed&include=facets`).expect(200)).body;
    expect(search.data.map((h: { id: number }) => h.id)).toEqual([caseId]);
    const facet = search.facets.filters.find((f: { param: string }) => f.param === 'verdict');
    expect(Object.fromEntries(facet.values.map((v: { value: string; count: number }) => [v.value, v.count]))).toMatchObject({ quashed: 1, convicted: 1, acquitted: 1 });
    expect((await api('analyst').get(`/search?verdict=beheaded`).expect(422)).body.error.fields.verdict).toContain('not a term of the verdict outcome list');
    expect((await page('analyst').get(`/reports?verdict=quashed`).expect(200)).text).toContain('Verdict (any defendant): <strong>Conviction quashed</strong>');

    // Dossier: per-defendant outcomes and sentences.
    const dossier = await page('viewer').get(`/cases/${caseId}/dossier`).expect(200);
    expect(dossier.text).toContain('Ruslan Nakhushev');
    expect(dossier.text).toContain('Convicted; Imprisonment, 15 years 6 months, strict-regime colony');
    expect(dossier.text).toContain('Conviction quashed; Quashed by the Supreme Court');
    expect(dossier.text).toContain('Art. 205 Criminal Code: terrorist act');
  });

  it('counts a conviction relying on a retracted statement from the defendants’ verdicts', async () => {
    // A confession the court relied on in the verdict, retracted once (the statements' shape since issue 11).
    const retractedRelied = async (caseNo: number, maker: number, proceeding: number) => {
      await t.ds.query(`INSERT INTO statement (case_id, maker_person_id, kind, court_status, proceeding_id) VALUES (?, ?, 'confession', 'relied_on', ?)`, [caseNo, maker, proceeding]);
      const [{ id }] = await t.ds.query(`SELECT MAX(id) AS id FROM statement`);
      await t.ds.query(`INSERT INTO statement_retraction (case_id, statement_id, kind, forum) VALUES (?, ?, 'retraction', 'court')`, [caseNo, id]);
    };
    const before = (await api('analyst').get('/reports').expect(200)).body.data.convictions.map((r: { id: number }) => r.id);
    expect(before).not.toContain(caseId);
    await retractedRelied(caseId, people[0], proceedingId);
    const after = (await api('analyst').get('/reports').expect(200)).body.data.convictions;
    expect(after.map((r: { id: number }) => r.id)).toContain(caseId);
    // Only acquittals: no conviction to count.
    const other = await newCase('Acquitted everywhere');
    const [a] = await sevenDefendants(other);
    const pid = (await api('researcher').post(`/cases/${other}/proceedings`, { defendants: [a] }).expect(201)).body.data.id;
    await api('researcher').post(`/cases/${other}/proceedings/${pid}/stages`, { kind: 'verdict', verdicts: [{ personId: a, outcome: 'acquitted' }] }).expect(201);
    await retractedRelied(other, a, pid);
    expect((await api('analyst').get('/reports').expect(200)).body.data.convictions.map((r: { id: number }) => r.id)).not.toContain(other);
  });

  it('the shorthand outcome gives every defendant the same verdict; PATCH keeps verdicts not sent', async () => {
    const sid = (await api('researcher').post(`/cases/${caseId}/proceedings/${proceedingId}/stages`, { kind: 'appeal', outcome: 'upheld' }).expect(201)).body.data.id;
    const stage = (await api('viewer').get(`/cases/${caseId}/proceedings/${proceedingId}/stages/${sid}`)).body.data;
    expect(stage.verdicts.map((v: { personId: number; outcome: string }) => [v.personId, v.outcome])).toEqual(people.map((id) => [id, 'upheld']));
    const patched = (await api('researcher').patch(`/cases/${caseId}/proceedings/${proceedingId}/stages/${sid}`, { note: 'Appeal dismissed' }).expect(200)).body.data;
    expect(patched.verdicts).toHaveLength(7);
    expect(patched.note).toBe('Appeal dismissed');
  });
});

describe('bad input is refused beside its field and changes nothing', () => {
  let caseId: number;
  let people: number[];
  let pid: number;
  let stranger: number;
  let notDefendant: number;

  beforeAll(async () => {
    caseId = await newCase('Bad verdicts');
    people = (await sevenDefendants(caseId)).slice(0, 2);
    stranger = (await insertPerson(t.ds, 'Someone From Another Case', { createdById: users.researcher.id })).id;
    notDefendant = (await insertPerson(t.ds, 'A Witness Of This Case', { createdById: users.researcher.id })).id;
    await insertParticipant(t.ds, caseId, notDefendant, 'witness');
    pid = (await api('researcher').post(`/cases/${caseId}/proceedings`, { defendants: people }).expect(201)).body.data.id;
  });

  const verdictCount = () => t.ds.getRepository(StageVerdict).count();

  it('a defendant who is not a person of the case (page and API)', async () => {
    const res = await api('researcher').post(`/cases/${caseId}/proceedings`, { title: 'x', defendants: [people[0], stranger] }).expect(422);
    expect(res.body.error.fields.defendants).toBe('Each defendant must be one of the people of this case: add them to the case first.');
    const form = await page('researcher').post(`/cases/${caseId}/proceedings`, { title: 'x', defendants: [{ personId: String(stranger) }] });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/id="f-defendants"[\s\S]{0,300}Each defendant must be one of the people of this case/);
    const patched = await api('researcher').patch(`/cases/${caseId}/proceedings/${pid}`, { defendants: [stranger] }).expect(422);
    expect(patched.body.error.fields.defendants).toContain('people of this case');
    expect(await t.ds.getRepository(ProceedingDefendant).countBy({ proceedingId: pid })).toBe(2);
  });

  it('a verdict for a person who is not a defendant of the proceeding', async () => {
    const n = await verdictCount();
    const res = await api('researcher').post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict', verdicts: [{ personId: people[0], outcome: 'convicted' }, { personId: notDefendant, outcome: 'convicted' }] }).expect(422);
    expect(res.body.error.fields['verdicts.1.personId']).toBe('This person is not a defendant of this proceeding: add them to its defendants first.');
    const form = await page('researcher').post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict', verdicts: [{ personId: String(notDefendant), outcome: 'convicted' }] });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/id="f-verdicts-0-personId"[\s\S]{0,200}This person is not a defendant of this proceeding/);
    expect(await verdictCount()).toBe(n);
  });

  it('negative years, months past 11, text for a number', async () => {
    const n = await verdictCount();
    const res = await api('researcher').post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict', verdicts: [{ personId: people[0], outcome: 'convicted', years: -3 }, { personId: people[1], outcome: 'convicted', months: 14 }] }).expect(422);
    expect(res.body.error.fields['verdicts.0.years']).toBe('The years of a sentence cannot be negative.');
    expect(res.body.error.fields['verdicts.1.months']).toBe('Months run from 0 to 11: write 18 months as 1 year and 6 months.');
    const form = await page('researcher').post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict', verdicts: [{ personId: String(people[0]), outcome: 'convicted', years: '-3' }, { personId: String(people[1]), outcome: 'convicted', years: 'ten' }] });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/The years of a sentence cannot be negative\.<\/p>\s*<input class="num" type="text" inputmode="numeric" id="f-verdicts-0-years" name="verdicts\[0\]\[years\]" value="-3"/);
    expect(form.text).toContain('Enter the years as a whole number.');
    expect(form.text).toContain('href="#f-verdicts-0-years"');
    expect(await verdictCount()).toBe(n);
  });

  it('a defendant with verdicts cannot be dropped from the proceeding', async () => {
    await api('researcher').post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict', verdicts: [{ personId: people[1], outcome: 'convicted', years: 3 }] }).expect(201);
    const res = await api('researcher').patch(`/cases/${caseId}/proceedings/${pid}`, { defendants: [people[0]] }).expect(422);
    expect(res.body.error.fields.defendants).toContain('remove their verdicts');
  });

  it('read-only roles cannot write verdicts; the edit is audited with the field', async () => {
    for (const role of ['viewer', 'analyst', 'lawyer'] as const) {
      await api(role).post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict', verdicts: [{ personId: people[0], outcome: 'convicted' }] }).expect(403);
      expect((await page(role).post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict' })).status).toBe(403);
    }
    const sid = (await api('researcher').post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'hearing' }).expect(201)).body.data.id;
    await api('researcher').patch(`/cases/${caseId}/proceedings/${pid}/stages/${sid}`, { verdicts: [{ personId: people[0], outcome: 'released', note: 'secret words' }] }).expect(200);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'proceeding_stage', recordId: String(sid) }, order: { seq: 'ASC' } });
    expect(JSON.parse(entries[entries.length - 1].fields)).toEqual(['verdicts']);
    expect(JSON.stringify(entries)).not.toContain('secret words');
  });
});
