import { parse } from 'csv-parse/sync';
import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { User } from '../../src/users/user.entity';
import { Institution } from '../../src/institutions/institution.entity';
import { PersonDeath } from '../../src/people/person-death.entity';
import { latinize, matchKey } from '../../src/people/transliterate';

/**
 * A death in custody followed by a trial of the dead man (issue 11): the death entered on the
 * person's form, shown on the person and on the header of every case they are in at the date's
 * precision, a verdict after it marked as posthumous, the deaths-in-custody report, the people
 * export and the dossier; impossible dates refused beside the field; protected people's deaths
 * withheld from those not cleared.
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

async function newInstitution(name: string, type = 'penal_colony'): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type, parentId: null, region: null, locality: null, latitude: null, longitude: null, notes: null }))).id;
}
async function newCase(title: string, restricted = false): Promise<number> {
  return (await api('researcher').post('/cases', { title, status: 'open', restricted }).expect(201)).body.data.id;
}
const personForm = (name: string, extra: object = {}) => ({ 'names[0][name]': name, gender: 'male', birth: { precision: 'year', value: '1973' }, createAnyway: 'on', ...extra });

describe('a death in custody followed by a trial of the dead man', () => {
  let personId: number;
  let caseA: number;
  let caseB: number;
  let sizo: number;

  beforeAll(async () => {
    sizo = await newInstitution('SIZO-1 Matrosskaya Tishina', 'pretrial_detention_centre');
    caseA = await newCase('Sergei Magnitsky: death in pre-trial detention');
    caseB = await newCase('Hermitage tax case');
  });

  it('records the death through the person form and shows it on the person page', async () => {
    const form = await page('researcher').get('/people/new').expect(200);
    expect(form.text).toContain('name="deathDate[precision]"');
    const res = await page('researcher').post('/people', personForm('Sergei Magnitsky', {
      died: 'on',
      deathDate: { precision: 'day', value: '2009-11-16' },
      deathInCustody: 'yes',
      deathPlace: 'Cell of the pre-trial detention centre',
      deathInstitutionId: String(sizo),
      deathCauseOfficial: 'Heart failure',
      deathCauseAlleged: 'Beaten with rubber batons; denied medical care',
    }));
    expect(res.status).toBe(303);
    personId = Number(/\/people\/(\d+)$/.exec(res.headers.location)![1]);
    const shown = await page('viewer').get(`/people/${personId}`).expect(200);
    expect(shown.text).toMatch(/<dt>Died<\/dt>\s*<dd id="death">16 Nov 2009 <span class="tag tag-danger">in custody<\/span>/);
    expect(shown.text).toContain('SIZO-1 Matrosskaya Tishina</a>');
    expect(shown.text).toContain('Official cause:</span> Heart failure');
    expect(shown.text).toContain('Alleged cause:</span> Beaten with rubber batons; denied medical care');
    const json = (await api('viewer').get(`/people/${personId}`).expect(200)).body.data;
    expect(json.death).toMatchObject({ inCustody: 'yes', phrase: 'died in custody, 16 Nov 2009', date: { precision: 'day', start: '2009-11-16', end: '2009-11-16' }, institution: { id: sizo }, causeOfficial: 'Heart failure' });
    const edit = await page('researcher').get(`/people/${personId}/edit`).expect(200);
    expect(edit.text).toContain('value="2009-11-16"');
  });

  it('shows it on the header of every case the person is in, at the precision known', async () => {
    await insertParticipant(t.ds, caseA, personId, 'victim');
    await insertParticipant(t.ds, caseB, personId, 'defendant');
    for (const c of [caseA, caseB]) {
      const res = await page('viewer').get(`/cases/${c}`).expect(200);
      expect(res.text).toMatch(/<dt>Deaths<\/dt><dd><a href="\/people\/\d+#death">Sergei Magnitsky<\/a>: died in custody, 16 Nov 2009<\/dd>/);
    }
    // Known only to the month: shown as the month, never as its first day.
    await api('researcher').patch(`/people/${personId}`, { deathDate: { precision: 'month', value: '2009-11' } }).expect(200);
    expect((await page('viewer').get(`/cases/${caseA}`)).text).toContain('died in custody, Nov 2009</dd>');
    await api('researcher').patch(`/people/${personId}`, { deathDate: { precision: 'day', value: '2009-11-16' } }).expect(200);
    expect((await api('viewer').get(`/cases/${caseA}`)).body.data.deaths).toEqual([expect.objectContaining({ personId, phrase: 'died in custody, 16 Nov 2009' })]);
  });

  it('marks a verdict delivered after the defendant’s death on the proceeding and the case', async () => {
    const pid = (await api('researcher').post(`/cases/${caseB}/proceedings`, { title: 'Posthumous trial', defendants: [personId] }).expect(201)).body.data.id;
    const before = (await api('researcher').post(`/cases/${caseB}/proceedings/${pid}/stages`, { kind: 'hearing', date: { precision: 'month', value: '2009-11' } }).expect(201)).body.data;
    expect(before.heldAfterDeathOf).toEqual([]); // the month of the death: not certainly after it
    const verdict = (await api('researcher').post(`/cases/${caseB}/proceedings/${pid}/stages`, { kind: 'verdict', date: { precision: 'day', value: '2013-07-11' }, verdicts: [{ personId, outcome: 'convicted' }] }).expect(201)).body.data;
    expect(verdict.heldAfterDeathOf.map((d: { id: number }) => d.id)).toEqual([personId]);
    expect(verdict.verdicts[0].posthumous).toBe(true);
    expect((await api('viewer').get(`/cases/${caseB}/proceedings/${pid}`)).body.data.posthumousVerdict).toBe(true);
    const casePage = await page('viewer').get(`/cases/${caseB}`).expect(200);
    expect(casePage.text).toContain('Verdict delivered after the defendant’s death');
    expect(casePage.text).toContain('Held after the death of Sergei Magnitsky: verdict delivered after the defendant’s death.');
    expect((await page('viewer').get(`/cases/${caseA}`)).text).not.toContain('Verdict delivered after the defendant’s death');
    const dossier = await page('viewer').get(`/cases/${caseB}/dossier`).expect(200);
    expect(dossier.text).toContain('Verdict delivered after the defendant’s death');
    expect(dossier.text).toContain('Convicted; after the defendant’s death');
    expect(dossier.text).toContain('died in custody, 16 Nov 2009');
    const csv = parse((await page('analyst').get('/exports/proceedings.csv?headers=codes').expect(200)).text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.proceeding === 'Posthumous trial' && r.stage === 'Verdict')).toMatchObject({ defendant: 'Sergei Magnitsky', outcome: 'Convicted', afterDefendantsDeath: 'yes' });
  });

  it('lists the death on the page of the institution where it happened, in the reader’s language', async () => {
    const res = await page('viewer').get(`/institutions/${sizo}`).expect(200);
    expect(res.text).toContain('href="#deaths">Deaths (1)</a>');
    expect(res.text).toMatch(new RegExp(`<a href="/people/${personId}">Sergei Magnitsky</a>: died in custody, 16 Nov 2009 <span class="muted">\\(official cause: Heart failure\\)</span>`));
    const ru = await page('viewer').get(`/institutions/${sizo}`).set('Accept-Language', 'ru').expect(200);
    expect(ru.text).toContain('Смерти в этом учреждении');
    const other = await newInstitution('IK-2 Omsk');
    expect((await page('viewer').get(`/institutions/${other}`).expect(200)).text).toContain('No death is recorded here.');
  });

  it('reports deaths in custody by year and institution, over the cases the user may see', async () => {
    const report = (await api('analyst').get('/reports').expect(200)).body.data.deathsInCustody;
    expect(report.byYear).toContainEqual({ key: '2009', label: '2009', value: 1 });
    expect(report.byInstitution).toContainEqual({ key: String(sizo), label: 'SIZO-1 Matrosskaya Tishina', value: 1 });
    const pageRes = await page('analyst').get('/reports').expect(200);
    expect(pageRes.text).toContain('Deaths in custody by institution');
    // One selected case only: the person counts once; a case without them counts none.
    const narrowed = (await api('analyst').get(`/reports?q=${encodeURIComponent('Hermitage')}`).expect(200)).body.data.deathsInCustody;
    expect(narrowed.total).toBe(1);
    // A death in custody known only as a span across years is not placed in a year.
    const other = await insertPerson(t.ds, 'Vera Trifonova', { createdById: users.researcher.id });
    await insertParticipant(t.ds, caseA, other.id, 'victim');
    await api('researcher').patch(`/people/${other.id}`, { deathInCustody: 'yes', deathDate: { precision: 'range', start: '2010-11', end: '2011-01' } }).expect(200);
    const after = (await api('analyst').get('/reports').expect(200)).body.data.deathsInCustody;
    expect(after.total).toBe(report.total + 1);
    expect(after.undated).toBe(report.undated + 1);
    expect(after.noInstitution).toBe(report.noInstitution + 1);
  });

  it('exports people with the death as entered, its precision, earliest and latest day, custody, institution and causes', async () => {
    const csv = parse((await page('analyst').get('/exports/people.csv?headers=codes').expect(200)).text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const row = csv.find((r) => r.person === 'Sergei Magnitsky' && r.role === 'Victim')!;
    expect(row).toMatchObject({ died: 'yes', deathDate: '16 Nov 2009', deathDatePrecision: 'day', deathDateEarliest: '2009-11-16', deathDateLatest: '2009-11-16', deathInCustody: 'In custody', deathInstitution: 'SIZO-1 Matrosskaya Tishina', deathCauseOfficial: 'Heart failure', birth: '1973', birthPrecision: 'year', birthEarliest: '1973-01-01', birthLatest: '1973-12-31' });
    const span = csv.find((r) => r.person === 'Vera Trifonova')!;
    expect(span).toMatchObject({ deathDatePrecision: 'range', deathDateEarliest: '2010-11-01', deathDateLatest: '2011-01-31' });
    expect(span.deathDate).not.toBe('2010-11-01');
    const json = (await api('analyst').get('/exports/people').expect(200)).body as Record<string, unknown>[];
    expect(json.find((r) => r.person === 'Sergei Magnitsky')).toMatchObject({ died: true, deathInCustody: 'In custody' });
  });
});

describe('impossible deaths are refused beside the field and change nothing', () => {
  it('a death certainly before the birth, a death in the future (page and API)', async () => {
    const born = (await api('researcher').post('/people', { names: ['Timur Bekov'], birth: { precision: 'year', value: '1980' }, createAnyway: true }).expect(201)).body.data.id;
    const before = await api('researcher').patch(`/people/${born}`, { deathDate: { precision: 'year', value: '1979' } }).expect(422);
    expect(before.body.error.fields['deathDate.value']).toBe('The date of death is before the date of birth.');
    // Same year as the birth (not certainly before): accepted.
    await api('researcher').patch(`/people/${born}`, { deathDate: { precision: 'day', value: '1980-01-01' } }).expect(200);
    await api('researcher').patch(`/people/${born}`, { died: false }).expect(200);
    expect(await t.ds.getRepository(PersonDeath).countBy({ personId: born })).toBe(0);
    const future = await api('researcher').post('/people', { names: ['Future Death'], deathDate: { precision: 'year', value: '2099' }, createAnyway: true }).expect(422);
    expect(future.body.error.fields['deathDate.value']).toBe('A date of death cannot be in the future.');
    const form = await page('researcher').post('/people', personForm('Timur Bekov II', { deathDate: { precision: 'year', value: '1960' } }));
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/<label for="f-deathDate-value">Date<\/label>\s*<p class="error-message" id="f-deathDate-value-error">The date of death is before the date of birth\.<\/p>/);
    expect(form.text).toContain('value="1960"');
    const custody = await api('researcher').patch(`/people/${born}`, { deathInCustody: 'maybe' }).expect(422);
    expect(Object.keys(custody.body.error.fields)).toEqual(['deathInCustody']);
    expect(await t.ds.getRepository(PersonDeath).countBy({ personId: born })).toBe(0);
  });

  it('read-only roles cannot record a death', async () => {
    const id = (await api('researcher').post('/people', { names: ['Readonly Target'], createAnyway: true }).expect(201)).body.data.id;
    for (const role of ['viewer', 'analyst', 'lawyer'] as const) await api(role).patch(`/people/${id}`, { died: true }).expect(403);
    expect(await t.ds.getRepository(PersonDeath).countBy({ personId: id })).toBe(0);
  });
});

describe('protected identities', () => {
  it('withholds the death of a protected person from users not cleared, on the case header, the person page and the export', async () => {
    const caseId = await newCase('Protected death case');
    const hidden = (await api('admin').post('/people', { names: ['Hidden Witness Death'], protectedIdentity: true, deathDate: { precision: 'day', value: '2015-03-04' }, deathInCustody: 'yes', deathPlace: 'Village of Secret', createAnyway: true }).expect(201)).body.data.id;
    await insertParticipant(t.ds, caseId, hidden, 'witness');
    const viewer = await page('viewer').get(`/cases/${caseId}`).expect(200);
    expect(viewer.text).not.toContain('4 Mar 2015');
    expect(viewer.text).not.toContain('<dt>Deaths</dt>');
    const person = (await api('viewer').get(`/people/${hidden}`).expect(200)).body.data;
    expect(person.death).toBeUndefined();
    const csv = parse((await page('analyst').get('/exports/people.csv?headers=codes').expect(200)).text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const row = csv.find((r) => r.person === `Person P-${String(hidden).padStart(4, '0')}`)!;
    expect(row).toMatchObject({ died: '', deathDate: '', deathPlace: '', birth: '' });
    const admin = await page('admin').get(`/cases/${caseId}`).expect(200);
    expect(admin.text).toContain('died in custody, 4 Mar 2015');
    // Nor on the page of the institution where the protected person died.
    const colony = await newInstitution('IK-6 Secret');
    await api('admin').patch(`/people/${hidden}`, { deathInstitutionId: colony }).expect(200);
    expect((await page('viewer').get(`/institutions/${colony}`).expect(200)).text).toContain('No death is recorded here.');
    expect((await page('admin').get(`/institutions/${colony}`).expect(200)).text).toContain('died in custody, 4 Mar 2015');
    // A verdict after the hidden person's death: posthumous for the admin, unsaid for the viewer.
    const pid = (await api('admin').post(`/cases/${caseId}/proceedings`, { defendants: [hidden] }).expect(201)).body.data.id;
    const sid = (await api('admin').post(`/cases/${caseId}/proceedings/${pid}/stages`, { kind: 'verdict', date: { precision: 'year', value: '2016' }, verdicts: [{ personId: hidden, outcome: 'convicted' }] }).expect(201)).body.data.id;
    const forAdmin = (await api('admin').get(`/cases/${caseId}/proceedings/${pid}/stages/${sid}`)).body.data;
    expect([forAdmin.verdicts[0].posthumous, forAdmin.heldAfterDeathOf.length]).toEqual([true, 1]);
    const forViewer = (await api('viewer').get(`/cases/${caseId}/proceedings/${pid}/stages/${sid}`)).body.data;
    expect([forViewer.verdicts[0].posthumous, forViewer.heldAfterDeathOf.length]).toEqual([false, 0]);
    expect((await page('viewer').get(`/cases/${caseId}`)).text).not.toContain('after the defendant’s death');
  });
});
