import { stringify } from 'csv-stringify/sync';
import { TestApp, startTestApp, makeUser, signIn } from '../support/app';
import { Session, pageAs } from '../support/roles';
import { importJobsIdle } from '../../src/imports/import-jobs';
import { readDate } from '../../src/imports/import-values';
import { BLNS_NON_BLANK } from '../support/blns';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';

/**
 * Issue 13, "Formats users bring": an Uwazi CSV export, as Uwazi writes it (its common columns,
 * every template's properties, several templates in one file, `|` for multi-select, `Parent::Child`
 * thesaurus values, Unix-time dates, `lat|lon` geolocation, `__ru` translated columns), imported
 * through the pages: one sheet per template, titles as ids, a relationship column linking rows.
 */
jest.setTimeout(120_000);

let t: TestApp;
let researcher: Session;

beforeAll(async () => {
  t = await startTestApp();
  researcher = await signIn(t.app, (await makeUser(t.ds, 'researcher')).email);
});
afterAll(async () => {
  await importJobsIdle(t.ds);
  await t.close();
});

const unix = (iso: string) => String(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 1000);

const HEADER = ['Title', 'Date added', 'Template', 'Summary', 'Region', 'Tags', 'Date of birth', 'Case', 'Type', 'Title__ru', 'Geolocation', 'Documents', 'Attachments', 'Published'];
function uwaziCsv(rows: Record<string, string | undefined>[]): string {
  return stringify([HEADER, ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))]);
}
const ROWS = [
  { Title: 'Kudaev case', 'Date added': '2021-03-01', Template: 'Case', Summary: 'Detained in Nalchik, beaten to extract a confession.', Region: 'Kabardino-Balkarian Republic', Tags: 'nalchik|2005 attack', Published: 'Published' },
  { Title: 'Кудаев Расул', 'Date added': '2021-03-01', Template: 'Victim', 'Date of birth': unix('1977-09-01'), Case: 'Kudaev case', Published: 'Published' },
  { Title: 'Nalchik police', 'Date added': '2021-03-01', Template: 'Institution', Type: 'Institutions::Police unit', 'Title__ru': 'ОВД Нальчика', Geolocation: '43.4853|43.6072', Published: 'Unpublished' },
];

function upload(s: Session, body: string, name: string) {
  return s.agent.post(`/imports?_csrf=${encodeURIComponent(s.csrf)}`).attach('file', Buffer.from(body), name);
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

async function importThroughPages(s: Session, csv: string, name: string) {
  const up = await upload(s, csv, name).expect(303);
  const id = Number(/\/imports\/(\d+)$/.exec(up.headers.location)![1]);
  const mapping = await s.agent.get(`/imports/${id}`).expect(200);
  const sheets = proposedMapping(mapping.text);
  await pageAs(s).post(`/imports/${id}/mapping`, { intent: 'check', sheets }).expect(303);
  await importJobsIdle(t.ds);
  return { id, mapping: mapping.text, sheets };
}

describe('Uwazi CSV export', () => {
  it('reads Unix-time dates and ranges as Uwazi writes them, and refuses what is no date', () => {
    expect(readDate(unix('2005-10-13'))).toMatchObject({ precision: 'day', start: '2005-10-13' });
    expect(readDate(`${unix('2005-10-13')}:${unix('2005-10-20')}`)).toMatchObject({ precision: 'range', start: '2005-10-13', end: '2005-10-20' });
    expect(readDate('2005-10-13 ~ 2005-10-20')).toMatchObject({ precision: 'range', start: '2005-10-13', end: '2005-10-20' });
    expect(readDate('2005')).toMatchObject({ precision: 'year' });
    expect(readDate('99999999999')).toBe('bad'); // year 5138
    expect(readDate('12345')).toBe('bad');
  });

  it('shows one sheet per template with its kind guessed, and says why', async () => {
    const { id, mapping, sheets } = await importThroughPages(researcher, uwaziCsv(ROWS), 'uwazi-export.csv');
    expect(sheets.map((s) => [s.name, s.kind])).toEqual([['Case', 'cases'], ['Victim', 'people'], ['Institution', 'institutions']]);
    expect(mapping).toContain(en.imports.fileNotices['uwazi-export_other'].replace('{{sheet}}', 'uwazi-export').replace('{{count}}', '3').replace(/’/g, '&#39;').slice(0, 60));
    const columns = (name: string) => Object.fromEntries(HEADER.map((h, i) => [h, sheets.find((s) => s.name === name)!.columns[i]]).filter(([, code]) => code));
    expect(columns('Case')).toMatchObject({ Title: 'title', Summary: 'summary', Region: 'region', Tags: 'tags' });
    expect(columns('Victim')).toMatchObject({ Title: 'name', 'Date of birth': 'birth', Case: 'case_ref' });
    expect(columns('Institution')).toMatchObject({ Title: 'name', Type: 'type', Geolocation: 'geolocation' });
    // Uwazi's bookkeeping columns are not imported.
    for (const s of sheets) for (const h of ['Date added', 'Template', 'Documents', 'Attachments', 'Published']) expect(s.columns[HEADER.indexOf(h)]).toBe('');

    const preview = await researcher.agent.get(`/imports/${id}/preview?only=all`).expect(200);
    expect(preview.text).toContain('import-cell'); // the rows are there...
    expect(preview.text).not.toContain('has-error'); // ...without a problem
    await pageAs(researcher).post(`/imports/${id}/confirm`).expect(303);
    await importJobsIdle(t.ds);

    const [kase] = await t.ds.query("SELECT id, title, region FROM case_record WHERE title = 'Kudaev case'");
    expect(kase.region).toBe('kabardino_balkaria');
    const [person] = await t.ds.query("SELECT p.id, p.birth_start FROM person p JOIN person_name n ON n.person_id = p.id WHERE n.name = 'Кудаев Расул'");
    expect(person.birth_start).toBe('1977-09-01');
    // The victim's "Case" relationship names the case's title: linked, with the role its template names.
    expect(await t.ds.query('SELECT role FROM case_participant WHERE case_id = ? AND person_id = ?', [kase.id, person.id])).toEqual([{ role: 'victim' }]);
    const [inst] = await t.ds.query("SELECT type, latitude, longitude FROM institution WHERE name = 'Nalchik police'");
    expect(inst).toEqual({ type: 'police_unit', latitude: 43.4853, longitude: 43.6072 });

    // The same file again: nothing new, nothing changed.
    const again = await importThroughPages(researcher, uwaziCsv(ROWS), 'uwazi-export.csv');
    const counts = await researcher.agent.get(`/imports/${again.id}/progress`).set('Accept', 'application/json').expect(200);
    expect(counts.body.data.state).toBe('finished');
    const view = await researcher.agent.get(`/imports/${again.id}/preview`).expect(200);
    expect(view.text).not.toContain(`name="action" value="create"`);
    expect(await t.ds.query("SELECT COUNT(*) AS n FROM case_record WHERE title = 'Kudaev case'")).toEqual([{ n: 1 }]);
    await pageAs(researcher).post(`/imports/${again.id}/confirm`).expect(303);
    await importJobsIdle(t.ds);
    expect(await t.ds.query("SELECT COUNT(*) AS n FROM case_record WHERE title = 'Kudaev case'")).toEqual([{ n: 1 }]);
    expect(await t.ds.query("SELECT COUNT(*) AS n FROM institution WHERE name = 'Nalchik police'")).toEqual([{ n: 1 }]);
  });

  it('puts a bad geolocation and a bad Unix date next to their cells, and a duplicate title on the second row', async () => {
    const rows = [
      { Title: 'Grozny case', Template: 'Case', 'Date added': '2021-03-01', Published: 'Published' },
      { Title: 'Grozny case', Template: 'Case', 'Date added': '2021-03-01', Published: 'Published' },
      { Title: 'Unknown unit', Template: 'Institution', Type: 'Police unit', Geolocation: '43.4853', Published: 'Published' },
      { Title: 'Someone', Template: 'Victim', 'Date of birth': '99999999999', Published: 'Published' },
    ];
    const { id } = await importThroughPages(researcher, uwaziCsv(rows), 'uwazi-bad.csv');
    const preview = await researcher.agent.get(`/imports/${id}/preview?only=problems`).expect(200);
    const rowOf = (sheet: string, line: number) => {
      const start = preview.text.indexOf(`, row ${line}`, preview.text.indexOf(`>${sheet}`));
      return preview.text.slice(start, preview.text.indexOf('</li>', start));
    };
    expect(rowOf('Case', 3)).toContain(en.imports.problems['duplicate-external-id'].split('{{')[0].slice(0, 20));
    expect(rowOf('Institution', 4)).toContain(en.imports.fields.institutions.geolocation);
    expect(rowOf('Institution', 4)).toContain(en.imports.problems['not-a-coordinate'].split('{{')[0].slice(0, 15));
    expect(rowOf('Victim', 5)).toContain(en.imports.problems['impossible-date'].split('{{')[0].slice(0, 15));
    expect(preview.text).not.toContain(`/imports/${id}/confirm"`);
    await pageAs(researcher).post(`/imports/${id}/discard`).expect(303);
  });

  it('takes hostile template names and titles as typed, shown escaped, in Russian too', async () => {
    const strings = BLNS_NON_BLANK.filter((s) => s.length <= 80 && !/[\r\n]/.test(s)).slice(0, 60);
    const rows = strings.map((s, i) => ({ Title: `${s} ${i}`, Template: i % 2 ? '<script>alert(1)</script>' : s, Published: 'Published' }));
    const ruSession = researcher;
    const up = await upload(ruSession, uwaziCsv(rows), 'hostile.csv').expect(303);
    const id = Number(/\/imports\/(\d+)$/.exec(up.headers.location)![1]);
    const page = await ruSession.agent.get(`/imports/${id}`).set('Accept-Language', 'ru').expect(200);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('выгрузка из Uwazi');
    expect(ru.imports.fileNotices['uwazi-export_one']).toContain('выгрузка из Uwazi');
    await pageAs(ruSession).post(`/imports/${id}/discard`).expect(303);
  });
});
