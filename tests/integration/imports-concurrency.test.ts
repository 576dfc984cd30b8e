import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { Session, pageAs } from '../support/roles';
import * as service from '../../src/imports/import.service';
import { importJobs, importJobsIdle } from '../../src/imports/import-jobs';
import { verifyAudit } from '../../src/audit/audit.service';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';

/**
 * Issue 13: an import's commit is one transaction, yet the server keeps answering while it is
 * written (db/long-write.ts): a case page is served meanwhile, and a write made meanwhile either
 * waits for it and succeeds, or is refused with the clear "an import is being written" message;
 * never a server error, never a lost write.
 */
jest.setTimeout(300_000);

let t: TestApp;
let researcher: Session;
let russian: Session;
let caseId: number;
let batchId: number;
const ROWS = 1500;

beforeAll(async () => {
  t = await startTestApp();
  const u = await makeUser(t.ds, 'researcher');
  researcher = await signIn(t.app, u.email);
  russian = await signIn(t.app, (await makeUser(t.ds, 'researcher')).email);
  await russian.agent.get('/language/ru?back=/').expect(303);
  const created = await pageAs(researcher).post('/cases', { title: 'Read while an import is written', status: 'open' }).expect(303);
  caseId = Number(/\/cases\/(\d+)/.exec(created.headers.location)![1]);
  const file = path.join(t.dir, 'many-cases.csv');
  fs.writeFileSync(file, stringify([['external_id', 'title', 'status'], ...Array.from({ length: ROWS }, (_, i) => [`many-${i}`, `Imported case ${i}`, 'open'])]));
  const user = { id: u.id, email: u.email, name: u.name, role: u.role };
  let batch = await service.createBatch(t.ds, user, { path: file, originalName: 'many-cases.csv' });
  batch = await service.checkBatch(t.ds, user, batch.id);
  expect(batch).toMatchObject({ status: 'checked', counts: { create: ROWS } });
  batchId = batch.id;
});
afterAll(async () => {
  await importJobsIdle(t.ds);
  await t.close();
});

const count = async (table: string) => Number((await t.ds.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('an import commit and other requests', () => {
  it('answers a case page and takes or clearly refuses a write while the commit runs, and commits everything', async () => {
    const page = pageAs(researcher);
    const jobs = importJobs(t.ds);
    await page.post(`/imports/${batchId}/confirm`).expect(303);
    expect(jobs.isRunning(batchId)).toBe(true);

    // Case pages read until the commit ends; each notes how far the commit was when it was answered.
    const answeredDuring: number[] = [];
    while (jobs.isRunning(batchId)) {
      const res = await page.get(`/cases/${caseId}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Read while an import is written');
      const job = jobs.get(batchId)!;
      if (job.state === 'running' && job.done > 0 && job.done < ROWS) answeredDuring.push(job.done);
      if (answeredDuring.length >= 3) break;
    }
    // Answered while rows were being written, not only after: the commit did not hold the server.
    expect(answeredDuring.length).toBeGreaterThan(0);

    // A write now: it waits for the commit and is done, or is refused in plain words; never a 500.
    let written = 0;
    const write = await page.post('/cases', { title: 'Written during the commit', status: 'open' });
    expect([303, 503]).toContain(write.status);
    if (write.status === 503) {
      expect(write.text).toContain(en.errors.longWrite);
      expect(write.headers['retry-after']).toBe('60');
    } else written++;
    const ruWrite = await pageAs(russian).post('/cases', { title: 'Записано во время импорта', status: 'open' });
    expect([303, 503]).toContain(ruWrite.status);
    if (ruWrite.status === 503) expect(ruWrite.text).toContain(ru.errors.longWrite);
    else written++;

    await importJobsIdle(t.ds);
    expect(jobs.get(batchId)).toMatchObject({ state: 'finished' });
    expect((await service.getBatch(t.ds, { id: 0, email: '', name: '', role: 'admin' }, batchId)).status).toBe('committed');
    expect(await count(`case_record WHERE title LIKE 'Imported case %'`)).toBe(ROWS);
    // Writes answered 303 are there; refused ones are not; one made now goes through.
    expect(await count(`case_record WHERE title IN ('Written during the commit', 'Записано во время импорта')`)).toBe(written);
    await page.post('/cases', { title: 'Written after the commit', status: 'open' }).expect(303);
    expect(await count(`case_record WHERE title = 'Written after the commit'`)).toBe(1);
    expect((await verifyAudit(t.ds)).problem).toBeNull();
  });
});
