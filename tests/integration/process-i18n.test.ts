import request from 'supertest';
import { Agent, TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { setLanguage } from '../../src/users/user.service';
import { runInLanguage } from '../../src/i18n/i18n';
import { formatPartialDate } from '../../src/db/partial-date';

/**
 * Issue 12 for the legal process and the reports: the refusals line is data worded by the
 * catalogue with Russian plurals (1 отказ, 2 отказа, 5 отказов, 21 отказ), the reports' charts
 * are titled in Russian, and a decision form refused in Russian says why next to each field.
 */

let t: TestApp;
let token: string;
let agent: Agent;
let csrf: string;

beforeAll(async () => {
  t = await startTestApp();
  const lawyer = await makeUser(t.ds, 'admin', { name: 'Ирина Юристова' });
  await setLanguage(t.ds, CLI_ACTOR, lawyer.id, 'ru');
  token = (await createApiToken(t.ds, CLI_ACTOR, lawyer.id, 'тест')).token;
  ({ agent, csrf } = await signIn(t.app, lawyer.email));
}, 60_000);
afterAll(() => t.close());

const api = () => ({
  post: (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
  get: (path: string, lang: string) => request(t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', lang),
});

async function created(path: string, body: object): Promise<number> {
  const res = await api().post(path, body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

/** A case with `n` complaints to the Investigative Committee, each refused once; the last refusal dated `last`. */
async function refusedCase(n: number, last: { precision: string; value: string }): Promise<number> {
  const caseId = await created('/cases', { title: `Дело с отказами: ${n}`, status: 'open' });
  for (let i = 0; i < n; i++) {
    const complaint = await created(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', date: { precision: 'day', value: '2005-01-10' }, description: `Жалоба № ${i + 1}` });
    const date = i === n - 1 ? last : { precision: 'day', value: `2005-${String((i % 12) + 1).padStart(2, '0')}-15` };
    await created(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', date });
  }
  return caseId;
}

/** The last date as a Russian reader sees it (src/db/partial-date.ts, in Russian). */
const inRussian = (precision: string, start: string, end: string) => runInLanguage('ru', () => formatPartialDate({ precision, start, end }));
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

describe('the refusals line in Russian', () => {
  const april = { precision: 'month', value: '2006-04' };
  const cases: Record<number, number> = {};
  beforeAll(async () => {
    for (const n of [1, 2, 5, 21]) cases[n] = await refusedCase(n, april);
  }, 120_000);

  it.each([
    [1, '1 отказ'],
    [2, '2 отказа'],
    [5, '5 отказов'],
    [21, '21 отказ'],
  ])('a case with %i refused complaints reads “%s”, with the last date in Russian, on the case page and in the API', async (n, words) => {
    const last = inRussian('month', '2006-04-01', '2006-04-30');
    const expected = `${words}, последний — ${last}`;
    const page = await agent.get(`/cases/${cases[n]}`).expect(200);
    expect(page.text).toContain('<html lang="ru">');
    // The complaints section's summary and the case header's process line say the same.
    expect(page.text).toContain(`<strong>${escaped(expected)}</strong>`);
    expect(page.text).toMatch(new RegExp(`<dd class="process-summary"><a href="#investigations">${escaped(expected).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</a></dd>`));
    expect(page.text).not.toMatch(/\d refusals?, (last|date)/);

    // The API keeps its field and words it in the language asked for.
    const ru = await api().get(`/cases/${cases[n]}/complaints`, 'ru').expect(200);
    expect(ru.body.summary).toMatchObject({ refusals: n, lastRefusalDate: { precision: 'month', start: '2006-04-01', end: '2006-04-30' }, sentence: expected });
    const en = await api().get(`/cases/${cases[n]}/complaints`, 'en').expect(200);
    expect(en.body.summary.sentence).toBe(`${n} refusal${n === 1 ? '' : 's'}, last in Apr 2006`);
  });

  it('writes the last date the Russian way (“апр. 2006”, “12 мая 2006 г.”) — needs the Russian dates of src/db/partial-date.ts', async () => {
    expect(inRussian('month', '2006-04-01', '2006-04-30')).toBe('апр. 2006');
    const caseId = await refusedCase(3, { precision: 'day', value: '2006-05-12' });
    const page = await agent.get(`/cases/${caseId}`).expect(200);
    expect(page.text).toContain('<strong>3 отказа, последний — 12 мая 2006 г.</strong>');
  });

  it('says when no refusal is dated, and when there is none', async () => {
    const caseId = await created('/cases', { title: 'Дело без дат', status: 'open' });
    const complaint = await created(`/cases/${caseId}/complaints`, { request: 'open_criminal_investigation' });
    await created(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open' });
    expect((await api().get(`/cases/${caseId}/complaints`, 'ru').expect(200)).body.summary.sentence).toBe('1 отказ, дата не указана');
    await created(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open' });
    expect((await api().get(`/cases/${caseId}/complaints`, 'ru').expect(200)).body.summary.sentence).toBe('2 отказа, даты не указаны');
    const quiet = await created('/cases', { title: 'Дело без отказов', status: 'open' });
    await created(`/cases/${quiet}/complaints`, { request: 'open_criminal_investigation' });
    expect((await api().get(`/cases/${quiet}/complaints`, 'ru').expect(200)).body.summary.sentence).toBe('Отказов не записано');
  });
});

describe('a report in Russian', () => {
  it('titles its charts, tables and notes in Russian', async () => {
    const page = await agent.get('/reports').expect(200);
    expect(page.text).toContain('<html lang="ru">');
    for (const title of [
      '<h1>Отчёты</h1>',
      'Дела по году первого события',
      'Учреждения, названные в наибольшем числе дел',
      'Заявленные методы (число дел)',
      'Дела по регионам',
      'Ответы на жалобы по результату',
      'Дела, где в возбуждении уголовного дела отказывали 2 и более раз',
      'Дела, где возбуждалось уголовное дело, рядом с отказами',
      'Обвинительные приговоры, основанные на показаниях, от которых отказались',
      'Смерти под стражей',
      'Показать отчёт',
    ]) expect(page.text).toContain(title);
    expect(page.text).toMatch(/Выбрано \d+ (дело|дела|дел)</);
    for (const english of ['Cases by year of the first event', 'Cases by region', 'Responses to complaints by outcome', 'Deaths in custody', 'Show report']) expect(page.text).not.toContain(english);
  });

  it('says what is wrong with a filter in Russian', async () => {
    const bad = await agent.get('/reports').query({ minRefusals: '0' }).expect(422);
    expect(bad.text).toContain('Укажите число отказов от 1 до 1000.');
    expect(bad.text).toContain('Исправьте фильтры выше, чтобы увидеть отчёт.');
  });
});

describe('a decision form refused in Russian', () => {
  it('shows a Russian message next to each field', async () => {
    const caseId = await created('/cases', { title: 'Дело о проверке', status: 'open' });
    const inv = await created(`/cases/${caseId}/investigations`, { trigger: 'complaint', began: { precision: 'day', value: '2005-11-15' } });
    const action = `/cases/${caseId}/investigations/${inv}/decisions`;
    const res = await agent
      .post(action)
      .type('form')
      .send({ _csrf: csrf, kind: '', 'date[precision]': 'day', 'date[value]': '', official: 'я'.repeat(301), institutionId: 'абв', sequence: 'первый', then: 'done' })
      .expect(422);
    expect(res.text).toContain('<html lang="ru">');
    const next = (id: string, message: string) => expect(res.text).toMatch(new RegExp(`id="${id}-error"><span class="visually-hidden">Ошибка:</span> ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</p>`));
    next('f-kind', 'Выберите значение поля «Решение».');
    next('f-official', 'Поле «Кто принял решение»: не более 300 символов.');
    next('f-sequence', 'Порядок среди решений одной даты — целое число от 0 до 1000.');
    expect(res.text).toContain('Выберите значение поля «Орган, принявший решение».');
    expect(res.text).toContain('Исправьте 4 ошибки, чтобы продолжить');
    expect(res.text).not.toMatch(/Choose the decision|whole number from|at most 300|Please correct/);

    // A check the service makes (it has the investigation): in Russian too, next to the date.
    const early = await agent.post(action).type('form').send({ _csrf: csrf, kind: 'refused_to_open', 'date[precision]': 'day', 'date[value]': '2005-01-01', sequence: '0', then: 'done' }).expect(422);
    expect(early.text).toMatch(/id="f-date-value-error">(?:<span class="visually-hidden">[^<]*<\/span> )?Решение не может быть принято до начала расследования\.<\/p>/);
  });

  it('keeps the English messages for an English reader', async () => {
    const english = await makeUser(t.ds, 'admin', { name: 'English Reader' });
    const session = await signIn(t.app, english.email);
    const caseId = await created('/cases', { title: 'Дело', status: 'open' });
    const inv = await created(`/cases/${caseId}/investigations`, { trigger: 'complaint' });
    const res = await session.agent.post(`/cases/${caseId}/investigations/${inv}/decisions`).type('form').set('Accept-Language', 'en').send({ _csrf: session.csrf, kind: '', sequence: 'first', then: 'done' }).expect(422);
    expect(res.text).toContain('Choose the decision.');
    expect(res.text).toContain('The order among decisions of the same date is a whole number from 0 to 1000.');
  });
});
