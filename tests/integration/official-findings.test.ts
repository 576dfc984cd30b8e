import request from 'supertest';
import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';

/**
 * Findings by official bodies (a human-rights council, an ombudsman, the CPT, a UN body, an
 * official inquiry) as a source kind and as a citation's attribution; the vocabulary met with
 * real cases; forensic and post-mortem examinations that are not Istanbul Protocol evaluations.
 */
let t: TestApp;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;
beforeAll(async () => {
  t = await startTestApp();
  ({ tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = (role: Role) => apiAs(t.app, tokens[role]);
const page = (role: Role) => pageAs(sessions[role]);
const newCase = async (title: string) => (await api('researcher').post('/cases', { title, status: 'open' }).expect(201)).body.data.id as number;

describe('official findings', () => {
  it('records a council’s finding as a source kind and a citation found by an official inquiry, shown on the case page and in the dossier', async () => {
    const caseId = await newCase('Prison hospital: the council’s inspection');
    const source = (await api('researcher').post('/sources', { kind: 'official_finding', name: 'Presidential Human Rights Council', title: 'Report on the inspection of the prison hospital', reliability: 'usually_reliable', relation: 'official' }).expect(201)).body.data;
    expect([source.kind, source.kindLabel, source.officialFinding]).toEqual(['official_finding', 'Finding of an official body (human-rights council, ombudsman, CPT, UN body, official inquiry)', true]);
    const statement = (await api('researcher').post(`/cases/${caseId}/statements`, { makerDescription: 'detainees of the hospital', kind: 'testimony' }).expect(201)).body.data.id;
    const cited = (await api('researcher').post(`/cases/${caseId}/citations`, { sourceId: source.id, recordType: 'statement', recordId: statement, attribution: 'found_by_official_inquiry', note: 'p. 12' }).expect(201)).body.data;
    expect([cited.attribution, cited.attributionLabel]).toEqual(['found_by_official_inquiry', 'Found by an official inquiry']);
    expect((await api('researcher').post(`/cases/${caseId}/citations`, { sourceId: source.id, recordType: 'case_record', recordId: caseId, attribution: 'rumoured' }).expect(422)).body.error.fields.attribution).toContain('is not a term');

    const html = (await page('lawyer').get(`/cases/${caseId}`).expect(200)).text;
    const statements = html.slice(html.indexOf('id="statements"'), html.indexOf('id="complaints"'));
    expect(statements).toMatch(/Found by an official inquiry: <a href="\/sources\/\d+">Presidential Human Rights Council<\/a>[\s\S]{0,200}official finding/);
    const sources = html.slice(html.indexOf('id="sources"'));
    expect(sources).toContain('Found by an official inquiry: <a href="#statement-');
    expect(sources).toContain('Finding of an official body');
    const dossier = (await page('lawyer').get(`/cases/${caseId}/dossier`).expect(200)).text;
    for (const text of ['Presidential Human Rights Council', 'Official finding', 'Found by an official inquiry']) expect(dossier).toContain(text);

    // The attribution can be changed, and is kept when only the note changes.
    await api('researcher').patch(`/cases/${caseId}/citations/${cited.id}`, { note: 'p. 13' }).expect(200);
    expect((await api('viewer').get(`/cases/${caseId}/citations/${cited.id}`).expect(200)).body.data).toMatchObject({ note: 'p. 13', attribution: 'found_by_official_inquiry' });
    await api('researcher').patch(`/cases/${caseId}/citations/${cited.id}`, { attribution: 'found_by_official_body' }).expect(200);
    expect((await api('viewer').get(`/cases/${caseId}/citations/${cited.id}`).expect(200)).body.data.attributionLabel).toBe('Found by an official body (human-rights council, ombudsman, CPT, UN body)');
    // Through the page's citation form too.
    const form = await page('researcher').get(`/cases/${caseId}/citations/new`).expect(200);
    expect(form.text).toContain('<option value="found_by_official_inquiry">Found by an official inquiry</option>');
    expect((await page('researcher').post(`/cases/${caseId}/citations`, { sourceId: String(source.id), record: `case_record:${caseId}`, attribution: 'found_by_official_inquiry', note: '' })).status).toBe(303);
    // Filtered as a kind on the source list.
    expect((await api('viewer').get('/sources?kind=official_finding').expect(200)).body.data.map((s: { id: number }) => s.id)).toEqual([source.id]);
  });
});

describe('vocabulary met with real cases', () => {
  it('has the new event types in both languages and accepts them on a timeline', async () => {
    const rows: { code: string; label_en: string; label_ru: string }[] = await t.ds.query(`SELECT code, label_en, label_ru FROM vocab_term WHERE vocabulary = 'event_type' AND code IN ('denial_of_medical_care', 'death_in_custody', 'evidence_published', 'officials_disciplined', 'monitoring_visit') ORDER BY code`);
    expect(rows.map((r) => [r.code, r.label_ru])).toEqual([
      ['death_in_custody', 'Смерть под стражей'],
      ['denial_of_medical_care', 'Отказ в оказании медицинской помощи'],
      ['evidence_published', 'Публикация или утечка доказательств'],
      ['monitoring_visit', 'Посещение с целью мониторинга (ОНК, омбудсмен, ЕКПП)'],
      ['officials_disciplined', 'Увольнение или дисциплинарное взыскание должностных лиц'],
    ]);
    const caseId = await newCase('Events of a prison-hospital scandal');
    for (const type of rows.map((r) => r.code)) {
      const e = (await api('researcher').post(`/cases/${caseId}/events`, { type, date: { precision: 'year', value: '2012' } }).expect(201)).body.data;
      expect(e.typeLabel).toBe(rows.find((r) => r.code === type)!.label_en);
    }
    const exam: { code: string; label_ru: string }[] = await t.ds.query(`SELECT code, label_ru FROM vocab_term WHERE vocabulary = 'examination_kind' ORDER BY sort_order`);
    expect(exam.map((r) => r.label_ru)).toEqual(expect.arrayContaining(['Судебно-медицинская экспертиза', 'Судебно-медицинское исследование трупа (вскрытие)']));
  });

  it('takes letters and official reports as evidence types', async () => {
    const caseId = await newCase('Letters from the colony');
    const form = (await page('researcher').get(`/cases/${caseId}/evidence/new`).expect(200)).text;
    expect(form).toContain('<option value="letter"');
    expect(form).toContain('<option value="official_report"');
    for (const type of ['letter', 'official_report']) {
      const res = await request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${tokens.researcher}`).field('type', type).field('title', `A ${type}`).attach('files', Buffer.from('Dear mother, they beat us every night.\n'), 'letter.txt');
      expect(res.status).toBe(201);
      expect(res.body.data.type).toBe(type);
    }
    await api('analyst').get('/search?evidence_type=official_report').expect(200);
  });
});

describe('forensic and post-mortem examinations', () => {
  it('records an examination outside the Istanbul Protocol without grades, and still requires them in an Istanbul Protocol evaluation', async () => {
    const caseId = await newCase('Death in the SIZO: the autopsy');
    const allegation = (await api('researcher').post(`/cases/${caseId}/allegations`, { summary: 'Beaten before his death', methods: ['beating'], status: 'alleged' }).expect(201)).body.data.id;
    const postMortem = await api('researcher').post(`/cases/${caseId}/medical-evaluations`, {
      kind: 'post_mortem', examiner: 'Bureau of forensic medicine', examDate: { precision: 'day', value: '2009-11-17' },
      findings: [{ allegationId: allegation, bodyLocation: 'ribs', description: 'Fractures of eight ribs' }],
    });
    expect(postMortem.status).toBe(201);
    expect(postMortem.body.data).toMatchObject({ kind: 'post_mortem', kindLabel: 'Post-mortem examination (autopsy)', istanbulProtocol: false, findings: [{ grade: null, gradeLabel: null, bodyLocation: 'ribs' }] });
    const ip = await api('researcher').post(`/cases/${caseId}/medical-evaluations`, { examiner: 'Dr Independent', examDate: { precision: 'year', value: '2009' }, findings: [{ allegationId: allegation, bodyLocation: 'back' }] });
    expect(ip.status).toBe(422);
    expect(ip.body.error.fields['findings.0.grade']).toBe('Give a grade: an Istanbul Protocol evaluation grades every finding.');
    expect((await api('researcher').post(`/cases/${caseId}/medical-evaluations`, { kind: 'séance', examiner: 'x', examDate: { precision: 'year', value: '2009' } }).expect(422)).body.error.fields.kind).toBeDefined();
    await api('researcher').post(`/cases/${caseId}/medical-evaluations`, { examiner: 'Dr Independent', examDate: { precision: 'year', value: '2009' }, findings: [{ allegationId: allegation, bodyLocation: 'back', grade: 'highly_consistent' }] }).expect(201);

    const html = (await page('lawyer').get(`/cases/${caseId}`).expect(200)).text;
    expect(html).toContain('Post-mortem examination (autopsy): <a');
    expect(html).toContain('Istanbul Protocol evaluation: <a');
    expect(html).toContain('strongest finding: <span class="grade">highly consistent with</span>');
    const show = (await page('lawyer').get(`/cases/${caseId}/medical-evaluations/${postMortem.body.data.id}`).expect(200)).text;
    expect(show).toContain('Post-mortem examination (autopsy)');
    expect(show).toContain('no grade');
    // Through the page: a forensic medical examination with an ungraded finding.
    const saved = await page('researcher').post(`/cases/${caseId}/medical-evaluations`, { kind: 'forensic_medical', examiner: 'SME expert', examDate: { precision: 'day', value: '2009-11-20' }, finding: { allegationId: String(allegation), bodyLocation: 'head', grade: '' } });
    expect(saved.status).toBe(303);
  });
});
