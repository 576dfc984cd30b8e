import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { Session, pageAs } from '../support/roles';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { importJobsIdle } from '../../src/imports/import-jobs';
import { leftoverUploads } from '../../src/imports/import-upload';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import en from '../../locales/en.json';

/**
 * Issue 13, "Casebook's own CSV and JSON exports": a rich case built through the API, exported
 * from the export page as CSV and as JSON, each imported into an EMPTY instance through the
 * /imports pages, and the two instances compared field by field (codes, names, dates with their
 * precision, vocabulary terms, links between records), with hostile strings in names and texts.
 * The same export imported twice creates nothing.
 */
jest.setTimeout(240_000);

/** Files in the order an import needs them: what a row names is imported before it. */
const FILES = ['institutions', 'cases', 'people', 'events', 'allegations', 'complaints', 'investigations', 'decisions'] as const;
/** The kind of records each file is read as. */
const KIND_OF: Record<(typeof FILES)[number], string> = { institutions: 'institutions', cases: 'cases', people: 'people', events: 'events', allegations: 'allegations', complaints: 'complaints', investigations: 'investigations', decisions: 'investigation_decisions' };

/**
 * Hostile strings for single-valued texts: the naughty strings that a form keeps as typed (no
 * surrounding white space, no control characters), and the ones a spreadsheet would run.
 */
const printable = (s: string) => s === s.trim() && !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s) && [...s].length <= 200;
const NAUGHTY = [
  "=HYPERLINK(\"http://evil.example\",\"click\")",
  "'=1+1", // an apostrophe of its own before a formula: must come back with it
  '-2+3 и ещё',
  '@SUM(A1:A9)',
  'Кавычки "ёлочки" «лапки», точка с запятой; и черта | внутри',
  'Строка один\nстрока два',
  ...BLNS_NON_BLANK.filter(printable).filter((_, i) => i % 37 === 5).slice(0, 12),
];
const naughty = (i: number) => NAUGHTY[i % NAUGHTY.length];
/** In cells holding several values (other names, aliases, tags) a `;` or `|` separates them: kept out of those. */
const listSafe = (i: number) => NAUGHTY.filter((s) => !/[;|\n]/.test(s))[i % NAUGHTY.filter((s) => !/[;|\n]/.test(s)).length];

let source: TestApp;
let exporter: Session;

async function buildRichInstance(t: TestApp): Promise<void> {
  const admin = await makeUser(t.ds, 'admin', { email: 'source-admin@example.org' });
  const token = (await createApiToken(t.ds, CLI_ACTOR, admin.id, 'round trip')).token;
  const created = async (path: string, body: object): Promise<number> => {
    const res = await request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.id as number;
  };
  const mvd = await created('/institutions', { name: 'МВД по Кабардино-Балкарской Республике', type: 'police_unit', region: 'kabardino_balkaria', locality: 'Нальчик', notes: naughty(0), createAnyway: true });
  const ovd = await created('/institutions', { name: 'ОВД Нальчика', type: 'police_unit', parentId: mvd, aliases: ['Nalchik police', listSafe(1)], latitude: 43.4853, longitude: 43.6072, createAnyway: true });
  const sk = await created('/institutions', { name: 'Следственный комитет по КБР', type: 'investigative_committee', createAnyway: true });

  const victim = await created('/people', {
    names: [
      { name: 'Кудаев Расул Ахмедович', script: 'cyrillic', language: 'ru', kind: 'primary' },
      { name: 'Kudaev Rasul', kind: 'spelling' },
      { name: 'Къудайланы Расул', kind: 'spelling' },
      { name: listSafe(2), kind: 'spelling' },
    ],
    gender: 'male',
    region: 'kabardino_balkaria',
    profiles: ['journalist'],
    birth: { precision: 'month', value: '1977-09' },
    createAnyway: true,
  });
  const witness = await created('/people', { names: [naughty(3)], birth: { precision: 'approximate', value: 'около 1980' }, createAnyway: true });
  const officer = await created('/people', { names: ['Петров Иван Иванович'], createAnyway: true });

  const first = await created('/cases', { title: naughty(4), status: 'open', region: 'kabardino_balkaria', summary: naughty(5), groupDescription: 'Задержанные после 13 октября', tags: ['nalchik', listSafe(6).toLowerCase()] });
  const second = await created('/cases', { title: 'Дело о повторном задержании', status: 'open', summary: 'Тот же человек, другое дело.' });
  await created(`/cases/${first}/participants`, { personId: victim, role: 'victim' });
  await created(`/cases/${first}/participants`, { personId: witness, role: 'witness' });
  await created(`/cases/${second}/participants`, { personId: victim, role: 'victim' });
  // The people export lists the people of a case: a perpetrator named by an allegation travels as one of them.
  await created(`/cases/${first}/participants`, { personId: officer, role: 'alleged_perpetrator' });

  const arrest = await created(`/cases/${first}/events`, {
    type: 'arrest',
    title: naughty(7),
    date: { precision: 'day', value: '2005-10-13' },
    place: 'Нальчик, ул. Ленина',
    region: 'kabardino_balkaria',
    description: naughty(8),
    institutionIds: [ovd],
    people: [{ personId: victim, role: 'victim' }, { personId: witness, role: 'witness' }],
  });
  const detention = await created(`/cases/${first}/events`, { type: 'detention', title: 'Содержание в ОВД', date: { precision: 'range', start: '2005-10-13', end: '2005-10-20' } });
  await created(`/cases/${first}/events`, { type: 'arrest', title: 'Около осени 2005', date: { precision: 'approximate', value: 'около 2005-10' } });
  await created(`/cases/${second}/events`, { type: 'arrest', title: 'Второе задержание', date: { precision: 'year', value: '2007' }, people: [{ personId: victim, role: 'victim' }] });

  await created(`/cases/${first}/allegations`, {
    victimPersonId: victim,
    summary: naughty(9),
    description: naughty(10),
    methods: ['beating', 'electric_shock'],
    purposes: ['extract_confession'],
    status: 'alleged',
    eventIds: [arrest, detention],
    institutionIds: [ovd],
    duration: 'около шести часов',
    physicalConsequences: 'Гематомы на спине',
    psychologicalConsequences: naughty(11),
    perpetrators: [
      { institutionId: ovd, involvement: 'carried_out', attribution: 'alleged_by_victim' },
      { personId: officer, involvement: 'carried_out', attribution: 'alleged_by_victim' },
    ],
  });
  const complaint = await created(`/cases/${first}/complaints`, { filedByPersonId: victim, toInstitutionId: sk, request: 'open_criminal_investigation', date: { precision: 'day', value: '2005-11-02' }, description: naughty(12) });
  const investigation = await created(`/cases/${first}/investigations`, { institutionId: sk, trigger: 'complaint', triggerComplaintId: complaint, began: { precision: 'day', value: '2005-11-10' }, officialNumber: '123пр-05', note: naughty(13) });
  await created(`/cases/${first}/investigations/${investigation}/decisions`, { kind: 'check_started', date: { precision: 'day', value: '2005-11-10' }, institutionId: sk });
  await created(`/cases/${first}/investigations/${investigation}/decisions`, { kind: 'refused_to_open', date: { precision: 'month', value: '2005-12' }, official: 'следователь Петров И. И.', reasons: naughty(14), institutionId: sk });
  await created(`/cases/${first}/investigations/${investigation}/decisions`, { kind: 'transferred', date: { precision: 'approximate', value: 'около 2006-02-15' }, institutionId: sk, transferredToId: mvd });
  await created(`/cases/${second}/complaints`, { filedByText: 'Правозащитный центр «Мемориал»', toInstitutionId: sk, request: 'open_criminal_investigation', date: { precision: 'month', value: '2007-03' } });
}

/**
 * The records of an instance without its own numbers: every link named by what it links to
 * (a case by its code, a person by their primary name, an institution by its name, an event by
 * its case and title), so two instances can be compared field by field.
 */
async function records(ds: DataSource) {
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params) as Promise<Record<string, unknown>[]>;
  const date = (r: Record<string, unknown>, p: string) => (r[`${p}_precision`] ? [r[`${p}_precision`], r[`${p}_start`], r[`${p}_end`]] : null);
  const list = async (sql: string, id: unknown) => (await q(sql, [id])).map((r) => Object.values(r).join(' · ')).sort();
  const personName = 'SELECT name FROM person_name WHERE person_id = p.id AND kind = \'primary\'';
  const institutions = [];
  for (const i of await q('SELECT i.*, pa.name AS parent FROM institution i LEFT JOIN institution pa ON pa.id = i.parent_id ORDER BY i.name')) {
    institutions.push({ name: i.name, type: i.type, parent: i.parent, region: i.region, locality: i.locality, latitude: i.latitude, longitude: i.longitude, notes: i.notes, aliases: await list('SELECT name FROM institution_alias WHERE institution_id = ?', i.id) });
  }
  const cases = [];
  for (const c of await q('SELECT * FROM case_record ORDER BY code')) {
    cases.push({
      code: c.code, title: c.title, summary: c.summary, status: c.status, region: c.region, restricted: Boolean(c.restricted), groupDescription: c.group_description,
      tags: await list('SELECT tag FROM case_tag WHERE case_id = ?', c.id),
      participants: await list(`SELECT (SELECT name FROM person_name n WHERE n.person_id = cp.person_id AND kind = 'primary') AS person, role FROM case_participant cp WHERE case_id = ?`, c.id),
    });
  }
  const people = [];
  for (const p of await q(`SELECT p.*, (${personName}) AS primary_name_text FROM person p ORDER BY primary_name_text`)) {
    people.push({
      name: p.primary_name_text, primaryName: p.primary_name, gender: p.gender, region: p.region, birth: date(p, 'birth'),
      names: await list('SELECT name, script FROM person_name WHERE person_id = ?', p.id),
      profiles: await list('SELECT code FROM person_profile WHERE person_id = ?', p.id),
    });
  }
  const events = [];
  for (const e of await q('SELECT e.*, c.code FROM case_event e JOIN case_record c ON c.id = e.case_id ORDER BY c.code, e.title')) {
    events.push({
      case: e.code, type: e.type, title: e.title, place: e.place, region: e.region, description: e.description, date: date(e, 'date'),
      institutions: await list('SELECT i.name FROM event_institution ei JOIN institution i ON i.id = ei.institution_id WHERE ei.event_id = ?', e.id),
      people: await list(`SELECT (SELECT name FROM person_name n WHERE n.person_id = ep.person_id AND kind = 'primary') AS person, role FROM event_person ep WHERE event_id = ?`, e.id),
    });
  }
  const allegations = [];
  for (const a of await q(`SELECT a.*, c.code, (SELECT name FROM person_name n WHERE n.person_id = a.victim_person_id AND kind = 'primary') AS victim FROM allegation a JOIN case_record c ON c.id = a.case_id ORDER BY c.code, a.summary`)) {
    allegations.push({
      case: a.code, victim: a.victim, summary: a.summary, description: a.description, status: a.status, duration: a.duration,
      physical: a.physical_consequences, psychological: a.psychological_consequences,
      methods: await list('SELECT code FROM allegation_method WHERE allegation_id = ?', a.id),
      purposes: await list('SELECT code FROM allegation_purpose WHERE allegation_id = ?', a.id),
      events: await list('SELECT e.title FROM allegation_event ae JOIN case_event e ON e.id = ae.event_id WHERE ae.allegation_id = ?', a.id),
      places: await list('SELECT i.name FROM allegation_institution ai JOIN institution i ON i.id = ai.institution_id WHERE ai.allegation_id = ?', a.id),
      perpetrators: await list(`SELECT i.name AS institution, (SELECT name FROM person_name n WHERE n.person_id = pe.person_id AND kind = 'primary') AS person, pe.description, pe.involvement, pe.attribution FROM perpetrator pe LEFT JOIN institution i ON i.id = pe.institution_id WHERE pe.allegation_id = ?`, a.id),
    });
  }
  const complaints = [];
  for (const co of await q(`SELECT co.*, c.code, i.name AS to_name, (SELECT name FROM person_name n WHERE n.person_id = co.filed_by_person_id AND kind = 'primary') AS filed_by FROM complaint co JOIN case_record c ON c.id = co.case_id LEFT JOIN institution i ON i.id = co.to_institution_id ORDER BY c.code, co.date_start`)) {
    complaints.push({ case: co.code, date: date(co, 'date'), request: co.request, to: co.to_name, filedBy: co.filed_by, filedByText: co.filed_by_text, description: co.description });
  }
  const investigations = [];
  for (const inv of await q(`SELECT inv.*, c.code, i.name AS body, co.description AS trigger_complaint FROM investigation inv JOIN case_record c ON c.id = inv.case_id LEFT JOIN institution i ON i.id = inv.institution_id LEFT JOIN complaint co ON co.id = inv.trigger_complaint_id ORDER BY c.code, inv.official_number`)) {
    investigations.push({
      case: inv.code, body: inv.body, trigger: inv.trigger, triggerComplaint: inv.trigger_complaint, began: date(inv, 'began'), officialNumber: inv.official_number, note: inv.note,
      decisions: (await q('SELECT d.*, i.name AS body, ti.name AS transferred_to FROM investigation_decision d LEFT JOIN institution i ON i.id = d.institution_id LEFT JOIN institution ti ON ti.id = d.transferred_to_id WHERE d.investigation_id = ? ORDER BY d.date_start, d.sequence', [inv.id])).map((d) => ({
        kind: d.kind, date: date(d, 'date'), sequence: d.sequence, official: d.official, body: d.body, transferredTo: d.transferred_to, reasons: d.reasons,
      })),
    });
  }
  return { institutions, cases, people, events, allegations, complaints, investigations };
}

/** The mapping form as the page proposes it: each sheet's chosen kind and columns. */
function proposedMapping(html: string) {
  const sheets: { name: string; kind: string; columns: string[] }[] = [];
  for (const m of html.matchAll(/name="sheets\[(\d+)\]\[name\]" value="([^"]*)"/g)) {
    const i = Number(m[1]);
    const kind = new RegExp(`name="sheets\\[${i}\\]\\[kind\\]"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1];
    const columns: string[] = [];
    for (const c of html.matchAll(new RegExp(`name="sheets\\[${i}\\]\\[columns\\]\\[(\\d+)\\]"[^>]*>([\\s\\S]*?)</select>`, 'g'))) {
      columns[Number(c[1])] = /<option value="([^"]*)" selected>/.exec(c[2])?.[1] ?? '';
    }
    sheets[i] = { name: m[2], kind: /<option value="([^"]*)" selected>/.exec(kind)?.[1] ?? '', columns };
  }
  return sheets;
}

/** One file through the pages: upload, the mapping as proposed, check, preview, confirm. Returns the preview's actions. */
async function importFile(t: TestApp, s: Session, body: Buffer, name: string, expectedKind: string): Promise<string[]> {
  const up = await s.agent.post(`/imports?_csrf=${encodeURIComponent(s.csrf)}`).attach('file', body, name);
  expect(up.status).toBe(303);
  const id = Number(/\/imports\/(\d+)$/.exec(up.headers.location)![1]);
  const mapping = await s.agent.get(`/imports/${id}`).expect(200);
  expect(mapping.text).toContain(en.imports.fileNotices['casebook-export'].replace('{{sheet}}', name.replace(/\.[a-z]+$/, '')).slice(0, 60));
  const sheets = proposedMapping(mapping.text);
  expect(sheets.map((x) => x.kind)).toEqual([expectedKind]);
  await pageAs(s).post(`/imports/${id}/mapping`, { intent: 'check', sheets }).expect(303);
  await importJobsIdle(t.ds);
  await s.agent.get(`/imports/${id}/preview?only=problems`).expect(200);
  const problems = await t.ds.query("SELECT sheet, line, problems FROM import_row WHERE batch_id = ? AND action = 'error'", [id]);
  expect({ name, problems }).toEqual({ name, problems: [] });
  const [{ counts }] = await t.ds.query('SELECT counts FROM import_batch WHERE id = ?', [id]);
  await pageAs(s).post(`/imports/${id}/confirm`).expect(303);
  await importJobsIdle(t.ds);
  const [{ status }] = await t.ds.query('SELECT status FROM import_batch WHERE id = ?', [id]);
  expect({ name, status }).toEqual({ name, status: 'committed' });
  return JSON.parse(counts);
}

const exported: Record<string, { csv: Buffer; 'csv-codes': Buffer; json: Buffer }> = {};

beforeAll(async () => {
  source = await startTestApp();
  await buildRichInstance(source);
  exporter = await signIn(source.app, 'source-admin@example.org');
  // Every file the test imports is one the export page offers.
  const page = await exporter.agent.get('/exports').expect(200);
  for (const kind of FILES) for (const format of ['csv', 'json']) expect(page.text).toContain(`href="/exports/${kind}.${format}"`);
  for (const kind of FILES) {
    const csv = await exporter.agent.get(`/exports/${kind}.csv`).buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    // The page's plain CSV has headers in the reader's language; ?headers=codes the column codes: the import reads both.
    const codes = await exporter.agent.get(`/exports/${kind}.csv?headers=codes`).buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect((codes.body as Buffer).toString('utf8').split('\n')[0]).not.toBe((csv.body as Buffer).toString('utf8').split('\n')[0]);
    const json = await exporter.agent.get(`/exports/${kind}.json`).buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect([kind, csv.status, json.status]).toEqual([kind, 200, 200]);
    exported[kind] = { csv: csv.body as Buffer, 'csv-codes': codes.body as Buffer, json: json.body as Buffer };
  }
});
afterAll(async () => {
  await source?.close();
});

describe.each(['csv', 'csv-codes', 'json'] as const)('a Casebook %s export imported into an empty instance', (format) => {
  let target: TestApp;
  let importer: Session;
  beforeAll(async () => {
    target = await startTestApp();
    importer = await signIn(target.app, (await makeUser(target.ds, 'admin')).email);
  });
  afterAll(async () => {
    await importJobsIdle(target.ds);
    await target.close();
  });

  it('is recognised and recreates the same records, field by field', async () => {
    const sourceRecords = await records(source.ds);
    expect(sourceRecords.cases).toHaveLength(2);
    expect(sourceRecords.investigations[0].decisions).toHaveLength(3);
    expect(await records(target.ds)).toEqual({ institutions: [], cases: [], people: [], events: [], allegations: [], complaints: [], investigations: [] });
    for (const kind of FILES) await importFile(target, importer, exported[kind][format], `casebook-${kind}-2026-12-02.${format === 'csv-codes' ? 'csv' : format}`, KIND_OF[kind]);
    const got = await records(target.ds);
    for (const key of Object.keys(sourceRecords) as (keyof typeof sourceRecords)[]) expect({ [key]: got[key] }).toEqual({ [key]: sourceRecords[key] });
    expect(leftoverUploads(target.config)).toEqual([]);
  });

  it('creates nothing when the same export is imported again', async () => {
    const before = await records(target.ds);
    const [{ n: entriesBefore }] = await target.ds.query("SELECT count(*) AS n FROM audit_entry WHERE action LIKE '%.create'");
    for (const kind of FILES) {
      const counts = await importFile(target, importer, exported[kind][format], `casebook-${kind}-2026-12-02.${format === 'csv-codes' ? 'csv' : format}`, KIND_OF[kind]);
      expect({ kind, counts }).toEqual({ kind, counts: expect.objectContaining({ create: 0 }) });
    }
    expect(await records(target.ds)).toEqual(before);
    const [{ n: entriesAfter }] = await target.ds.query("SELECT count(*) AS n FROM audit_entry WHERE action LIKE '%.create'");
    expect(entriesAfter).toBe(entriesBefore);
  });
});

describe('a file that says it is JSON but is not a list of records', () => {
  const refusals: [string, string | Buffer, string][] = [
    ['csv-in-disguise.json', 'caseCode,title\nRU-2005-0001,Дело\n', 'not-records'],
    ['nested.json', '[\n{"code":"RU-2005-0001","title":{"ru":"Дело"}}\n]\n', 'not-records'],
    ['object.json', '{"code":"RU-2005-0001"}', 'not-records'],
    ['broken.json', '[\n{"code":"RU-2005-0001"},\n{"code":\n', 'not-records'],
    ['binary.json', Buffer.from([0x5b, 0x00, 0x01, 0x02, 0x5d]), 'not-what-it-says'],
    ['cp1251.json', Buffer.from([0x5b, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc4, 0xe5, 0xeb, 0xee, 0x22, 0x7d, 0x5d]), 'not-what-it-says'],
  ];
  it.each(refusals)('%s is refused beside the field, nothing is kept and no temporary file is left', async (name, body, code) => {
    const [{ n: before }] = await source.ds.query('SELECT count(*) AS n FROM import_batch');
    const res = await exporter.agent.post(`/imports?_csrf=${encodeURIComponent(exporter.csrf)}`).attach('file', Buffer.from(body), name);
    expect(res.status).toBe(422);
    const words = (en.imports.fileErrors as Record<string, string>)[code].split('}}').pop()!;
    expect(res.text).toContain(escapeHtml(words.slice(0, 40)));
    expect(await source.ds.query('SELECT count(*) AS n FROM import_batch')).toEqual([{ n: before }]);
    expect(leftoverUploads(source.config)).toEqual([]);
  });
});
