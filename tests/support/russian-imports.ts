import request from 'supertest';
import { TestApp, Agent } from './app';
import { formBody } from './roles';
import { RussianCase } from './russian-case';
import { importJobsIdle } from '../../src/imports/import-jobs';

/**
 * Import batches for the Russian page walks (issue 13), made through the pages as a user makes
 * them: one checked with a problem left (its mapping page lists the unknown value, its preview
 * shows the problem in its cell), one committed whose case was edited since, so that "Undo"
 * answers with the page listing the records edited since (reached only by that POST).
 */
export interface RussianImports {
  /** Pages a GET reaches that the crawl does not (the preview is not followed; one /imports/:n only). */
  pages: string[];
  /** The committed batch's summary, with the Undo button that leads to the undo page. */
  committed: string;
  /** POST target and body that render imports/undo (409: a record was edited since). */
  undo: { action: string; body: Record<string, string> };
}

async function uploaded(agent: Agent, csrf: string, name: string, csv: string): Promise<number> {
  const res = await agent.post(`/imports?_csrf=${encodeURIComponent(csrf)}`).attach('file', Buffer.from(csv), name);
  if (res.status !== 303) throw new Error(`upload ${name}: ${res.status} ${res.text.slice(0, 500)}`);
  return Number(/\/imports\/(\d+)$/.exec(String(res.headers.location))![1]);
}

async function posted(agent: Agent, csrf: string, action: string, body: object = {}): Promise<void> {
  const res = await agent.post(action).type('form').send(formBody({ _csrf: csrf, ...body }).toString());
  if (res.status !== 303) throw new Error(`${action}: ${res.status} ${res.text.slice(0, 500)}`);
}

export async function buildRussianImports(t: TestApp, fixture: RussianCase, agent: Agent, csrf: string): Promise<RussianImports> {
  // Checked, with an unknown region left: a "did you mean" in the preview and on the mapping page.
  const open = await uploaded(agent, csrf, 'дела-задержания.csv', 'Название,Регион\nЗадержание в Баксане,Кабарда\nОбыск в Нальчике,kabardino_balkaria\n');
  await posted(agent, csrf, `/imports/${open}/mapping`, { intent: 'check', sheets: [{ name: 'дела-задержания', kind: 'cases', columns: ['title', 'region'] }] });
  await importJobsIdle(t.ds);

  // Committed, then its case edited through the API: undo is refused and lists the case.
  const done = await uploaded(agent, csrf, 'дела-пытки.csv', 'Название,Регион\nПытки в ОВД Нальчика,kabardino_balkaria\n');
  await posted(agent, csrf, `/imports/${done}/mapping`, { intent: 'check', sheets: [{ name: 'дела-пытки', kind: 'cases', columns: ['title', 'region'] }] });
  await importJobsIdle(t.ds);
  await posted(agent, csrf, `/imports/${done}/confirm`);
  await importJobsIdle(t.ds);
  const [created]: { id: number }[] = await t.ds.query(`SELECT record_id AS id FROM import_record WHERE batch_id = ? AND kind = 'cases'`, [done]);
  if (!created) throw new Error(`the committed batch created no case: ${JSON.stringify(await t.ds.query('SELECT status, counts FROM import_batch WHERE id = ?', [done]))}`);
  const edit = await request(t.app).patch(`/api/v1/cases/${created.id}`).set('Authorization', `Bearer ${fixture.token}`).send({ title: 'Пытки в ОВД Нальчика (уточнено)' });
  if (edit.status !== 200) throw new Error(`edit: ${edit.status} ${JSON.stringify(edit.body)}`);

  return {
    pages: [`/imports/${open}`, `/imports/${open}/preview`, `/imports/${done}`, `/imports/${done}/progress?stay=1`, '/imports/new'],
    committed: `/imports/${done}`,
    undo: { action: `/imports/${done}/undo`, body: {} },
  };
}
