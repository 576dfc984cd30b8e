import { IMPORT_KINDS } from '../../src/imports/import-fields';
import request from 'supertest';
import { TestApp, startTestApp, makeUser, signIn, hiddenField } from '../support/app';
import { Session, pageAs } from '../support/roles';
import { importJobsIdle } from '../../src/imports/import-jobs';
import { leftoverUploads } from '../../src/imports/import-upload';
import en from '../../locales/en.json';
import { insertPerson } from '../support/records';
import { personPseudonym } from '../../src/people/person.entity';

/** Issue 13: the /imports pages over HTTP, as a researcher uses them, against the real service. */
jest.setTimeout(120_000);

let t: TestApp;
let researcher: Session;
let other: Session;
let admin: Session;
let viewer: Session;
let lawyer: Session;

const CSV = 'External id,Title,Region\ncase-1,Beating in Nalchik,kabardino_balkaria\ncase-2,Detention in Grozny,chechnia\n';

beforeAll(async () => {
  t = await startTestApp();
  const sessions: Record<string, Session> = {};
  for (const role of ['researcher', 'researcher', 'admin', 'viewer', 'lawyer'] as const) {
    const u = await makeUser(t.ds, role);
    sessions[`${role}${Object.keys(sessions).length}`] = await signIn(t.app, u.email);
  }
  [researcher, other, admin, viewer, lawyer] = Object.values(sessions);
});
afterAll(async () => {
  await importJobsIdle(t.ds);
  await t.close();
});

function upload(s: Session, body: Buffer | string, name: string) {
  return s.agent.post(`/imports?_csrf=${encodeURIComponent(s.csrf)}`).attach('file', Buffer.from(body), name);
}

async function waitForJob(s: Session, id: number) {
  await importJobsIdle(t.ds);
  const res = await s.agent.get(`/imports/${id}/progress`).set('Accept', 'application/json').expect(200);
  return res.body.data;
}

describe('import pages', () => {
  let batchId: number;

  it('uploads, maps, checks, shows a problem next to its cell, fixes it, confirms and undoes', async () => {
    const up = await upload(researcher, CSV, 'cases.csv').expect(303);
    batchId = Number(/\/imports\/(\d+)$/.exec(up.headers.location)![1]);
    expect(leftoverUploads(t.config)).toEqual([]);

    const mapping = await researcher.agent.get(`/imports/${batchId}`).expect(200);
    expect(mapping.text).toContain('cases.csv');
    expect(mapping.text).toMatch(/<option value="title" selected>/);
    expect(mapping.text).toContain('Beating in Nalchik'); // a sample of the column's values

    const page = pageAs(researcher);
    const check = await page.post(`/imports/${batchId}/mapping`, { intent: 'check', sheets: [{ name: 'cases', kind: 'cases', columns: ['external_id', 'title', 'region'] }] });
    if (check.status !== 303) throw new Error(`mapping: ${check.status} ${check.text.slice(0, 2000)}`);
    expect(check.headers.location).toBe(`/imports/${batchId}/progress`);
    const job = await waitForJob(researcher, batchId);
    expect(job).toMatchObject({ kind: 'check', state: 'finished', percent: 100, next: `/imports/${batchId}/preview` });

    const preview = await researcher.agent.get(`/imports/${batchId}/preview?only=problems`).expect(200);
    // The unknown region is reported inside the Region cell of row 3, and Confirm is not offered.
    const row = preview.text.slice(preview.text.indexOf('id="row-'), preview.text.indexOf('</li>', preview.text.indexOf('id="row-')));
    expect(row).toContain(', row 3');
    const regionCell = row.slice(row.indexOf(`<dt>${en.imports.fields.cases.region}`));
    expect(regionCell.slice(0, regionCell.indexOf('</dd>'))).toContain(en.imports.problems['unknown-term'].slice(0, 15));
    expect(preview.text).not.toContain(`/imports/${batchId}/confirm`);

    const column = /name="fixes\[c(\d+)\]" value="chechnya"/.exec(regionCell)![1];
    // The fix field starts from the file's text (the check refused it, so it is no recorded value).
    expect(regionCell).toMatch(/-fix" name="fixes\[c\d+\]" value="chechnia"/);
    await page.post(`/imports/${batchId}/rows`, { sheet: 'cases', line: 3, decision: 'fix', fixes: { [`c${column}`]: 'chechnya' } }).expect(303);
    let fixed = await researcher.agent.get(`/imports/${batchId}/preview`).expect(200);
    if (!fixed.text.includes(`/imports/${batchId}/confirm`)) {
      await page.post(`/imports/${batchId}/check`).expect(303);
      await waitForJob(researcher, batchId);
      fixed = await researcher.agent.get(`/imports/${batchId}/preview`).expect(200);
    }
    expect(fixed.text).toContain(`action="/imports/${batchId}/confirm"`);

    await page.post(`/imports/${batchId}/confirm`).expect(303);
    expect(await waitForJob(researcher, batchId)).toMatchObject({ kind: 'commit', state: 'finished', percent: 100 });
    const done = await researcher.agent.get(`/imports/${batchId}`).expect(200);
    expect(done.text).toContain('Beating in Nalchik');
    const caseLink = /href="(\/cases\/\d+)"/.exec(done.text.slice(done.text.indexOf('import-created')))![1];
    // The case's history says which import made it, by the file's name, in either language.
    const historyOf = (html: string) => html.slice(html.indexOf('id="history"'));
    expect(historyOf((await researcher.agent.get(caseLink).expect(200)).text)).toContain('by the import of cases.csv');
    await researcher.agent.get('/language/ru?back=/').expect(303);
    expect(historyOf((await researcher.agent.get(caseLink).expect(200)).text)).toContain('при импорте файла «cases.csv»');
    await researcher.agent.get('/language/en?back=/').expect(303);

    const list = await researcher.agent.get('/imports').expect(200);
    expect(list.text).toContain('cases.csv');
    expect(list.text).toContain(en.imports.status.committed);
    // Every template link of the list downloads a file (import-file's routes, mounted before /imports/:id).
    const templates = [...list.text.matchAll(/href="(\/imports\/template\.[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(templates).toEqual(['/imports/template.xlsx', ...IMPORT_KINDS.map((kind) => `/imports/template.csv?kind=${kind}`)]);
    for (const href of templates) expect((await researcher.agent.get(href).buffer(true)).status).toBe(200);

    await page.post(`/imports/${batchId}/undo`).expect(303);
    const undone = await researcher.agent.get(`/imports/${batchId}`).expect(200);
    expect(undone.text).toContain(en.imports.status.undone === 'Undone' ? 'Undone:' : en.imports.status.undone);
    const gone = await researcher.agent.get(caseLink);
    expect(gone.status).not.toBe(200);
  });

  it('names the candidates for an ambiguous person as the viewer may see them: a protected name stays withheld from a researcher not cleared', async () => {
    const plain = await insertPerson(t.ds, 'Иванов Аслан');
    const hidden = await insertPerson(t.ds, 'Ivanov Aslan Mukhamedovich', { protectedIdentity: true });
    const up = await upload(researcher, 'Name\nIvanov Aslan\n', 'people.csv').expect(303);
    const id = Number(/\/imports\/(\d+)$/.exec(up.headers.location)![1]);
    // The admin (cleared for every protected person) runs the check of the researcher's batch: both are candidates.
    await pageAs(admin).post(`/imports/${id}/mapping`, { intent: 'check', sheets: [{ name: 'people', kind: 'people', columns: ['name'] }] }).expect(303);
    expect(await waitForJob(admin, id)).toMatchObject({ kind: 'check', state: 'finished' });

    const seen = await researcher.agent.get(`/imports/${id}/preview?only=problems`).expect(200);
    const choice = seen.text.slice(seen.text.indexOf('class="inline-fields import-candidates"'), seen.text.indexOf('</select>'));
    expect(choice).toContain(`<option value="${plain.id}">Иванов Аслан</option>`);
    expect(choice).toContain(`<option value="${hidden.id}">${en.people.pseudonym.replace('{{code}}', personPseudonym(hidden.id))}</option>`);
    expect(seen.text).not.toContain('Mukhamedovich');
    expect(seen.text).not.toMatch(/<option value="\d+">#\d+</);
    expect(seen.text).toContain(`href="/people/${plain.id}"`);

    const byAdmin = await admin.agent.get(`/imports/${id}/preview?only=problems`).expect(200);
    expect(byAdmin.text).toContain(`<option value="${hidden.id}">Ivanov Aslan Mukhamedovich</option>`);

    // Choosing the visible candidate resolves the row.
    await pageAs(researcher).post(`/imports/${id}/match`, { kind: 'person', value: 'Ivanov Aslan', recordId: plain.id, sheet: 'people', line: 2 }).expect(303);
    const after = await researcher.agent.get(`/imports/${id}/preview`).expect(200);
    expect(after.text).not.toContain('import-candidates');
    await pageAs(researcher).post(`/imports/${id}/discard`).expect(303);
  });

  it('lets only researchers and admins in; a researcher never sees another researcher’s batch', async () => {
    for (const s of [viewer, lawyer]) {
      await s.agent.get('/imports').expect(403);
      await s.agent.get(`/imports/${batchId}`).expect(403);
      await upload(s, CSV, 'x.csv').expect(403);
      const home = await s.agent.get('/').expect(200);
      expect(home.text).not.toContain('href="/imports"');
    }
    const home = await researcher.agent.get('/').expect(200);
    expect(home.text).toContain('href="/imports"');
    await other.agent.get(`/imports/${batchId}`).expect(404);
    await other.agent.get(`/imports/${batchId}/preview`).expect(404);
    await other.agent.get(`/imports/${batchId}/progress`).set('Accept', 'application/json').expect(404);
    await pageAs(other).post(`/imports/${batchId}/undo`).expect(404);
    expect((await other.agent.get('/imports').expect(200)).text).not.toContain('cases.csv');
    await admin.agent.get(`/imports/${batchId}`).expect(200);
    expect((await admin.agent.get('/imports').expect(200)).text).toContain('cases.csv');
    await request(t.app).get('/imports').expect(303);
  });

  it('refuses a form without the CSRF token and writes nothing', async () => {
    const before = (await researcher.agent.get('/imports')).text.match(/class="import-file-name"/g)?.length ?? 0;
    await researcher.agent.post('/imports').attach('file', Buffer.from(CSV), 'csrf.csv').expect(403);
    await researcher.agent.post('/imports?_csrf=wrong').attach('file', Buffer.from(CSV), 'csrf.csv').expect(403);
    await researcher.agent.post(`/imports/${batchId}/undo`).type('form').send({}).expect(403);
    const after = (await researcher.agent.get('/imports')).text.match(/class="import-file-name"/g)?.length ?? 0;
    expect(after).toBe(before);
    expect(leftoverUploads(t.config)).toEqual([]);
  });

  it('shows a bad file’s message beside the file field and leaves no temporary file', async () => {
    const cases: [Buffer | string, string, string][] = [
      ['', 'empty.csv', 'no-file'],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), 'broken.xlsx', 'file'],
      [Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from([0, 0xff, 0xfe, 0, 1, 2])]), 'report.csv', 'file'],
      ['\n\n\n', 'blank.csv', 'file'],
    ];
    for (const [body, name] of cases) {
      const res = await upload(researcher, body, name);
      expect([name, res.status]).toEqual([name, expect.any(Number)]);
      expect([413, 422]).toContain(res.status);
      const field = res.text.slice(res.text.indexOf('<div class="field has-error">'), res.text.indexOf('id="f-file"'));
      expect(field).toMatch(/<p class="error-message" id="f-file-error">/);
      expect(res.text).toContain('aria-invalid="true"');
      expect(hiddenField(res.text)).toBe(researcher.csrf);
      await new Promise((r) => setImmediate(r));
      expect(leftoverUploads(t.config)).toEqual([]);
    }
  });
});
