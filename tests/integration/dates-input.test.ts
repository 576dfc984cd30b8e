import request from 'supertest';
import { Agent, TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { latinWords, visibleText } from '../support/i18n-pages';

/**
 * Issue 12, "Dates the way people write them", through the pages: an event's date typed as
 * `23.10.2005` or `окт 2005` ("as typed", the form's default) is kept with its precision and read
 * back on the case page in Russian and in English; an impossible date is refused with the message
 * next to the field, in the user's language.
 */
let t: TestApp;
let agent: Agent;
let csrf: string;
let caseId: number;

const RU = 'ru-RU,ru;q=0.9';
const EN = 'en-GB,en;q=0.9';

beforeAll(async () => {
  t = await startTestApp();
  const user = await makeUser(t.ds, 'researcher');
  ({ agent, csrf } = await signIn(t.app, user.email));
  const res = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'Даты', status: 'open' });
  expect(res.status).toBe(303);
  caseId = Number(/\/cases\/(\d+)/.exec(res.headers.location)?.[1]);
  expect(caseId).toBeGreaterThan(0);
});
afterAll(() => t.close());

const postEvent = (lang: string, title: string, date: Record<string, string>) =>
  agent
    .post(`/cases/${caseId}/events`)
    .set('Accept-Language', lang)
    .type('form')
    .send({ _csrf: csrf, type: 'arrest', title, place: 'Нальчик', ...Object.fromEntries(Object.entries(date).map(([k, v]) => [`date[${k}]`, v])) });

/** The text of the case page's block for one event. */
async function eventOnCasePage(lang: string, eventId: number): Promise<string> {
  const page = await agent.get(`/cases/${caseId}`).set('Accept-Language', lang).expect(200);
  const at = page.text.indexOf(`id="event-${eventId}"`);
  expect(at).toBeGreaterThan(-1);
  return page.text.slice(at, page.text.indexOf('</li>', at));
}

const eventIdOf = (location: string) => Number(/#event-(\d+)$/.exec(location)?.[1]);

describe('dates typed as people write them, through the event form', () => {
  it('the form offers "as typed" first and chooses it, in the user’s language', async () => {
    const ru = await agent.get(`/cases/${caseId}/events/new`).set('Accept-Language', RU).expect(200);
    expect(ru.text).toMatch(/<option value="auto" selected>Как написано<\/option>/);
    expect(ru.text).toContain('<option value="day">Точный день</option>');
    expect(ru.text).toContain('23.10.2005, 10.2005, окт 2005, 2005; «около 2005»; или период: начало и конец.');
    expect(ru.text).toMatch(/<label for="f-date-precision">Точность<\/label>/);
    // No English left in the date fieldset (its legend is the form's own label, translated with the form).
    const fieldset = /<fieldset class="field partial-date[\s\S]*?<\/fieldset>/.exec(ru.text)![0].replace(/<legend>[\s\S]*?<\/legend>/, '');
    expect(latinWords(visibleText(fieldset))).toEqual([]);
    const en = await agent.get(`/cases/${caseId}/events/new`).set('Accept-Language', EN).expect(200);
    expect(en.text).toMatch(/<option value="auto" selected>As typed<\/option>/);
    expect(en.text).toContain('<option value="day">Exact day</option>');
    expect(en.text).toMatch(/<label for="f-date-precision">Precision<\/label>/);
    expect(en.text).toMatch(/<label for="f-date-value">Date<\/label>/);
  });

  it('keeps 23.10.2005 as a day and shows it as each language writes it', async () => {
    const res = await postEvent(RU, 'Задержан', { precision: 'auto', value: '23.10.2005' });
    expect(res.status).toBe(303);
    const id = eventIdOf(res.headers.location);
    expect(await eventOnCasePage(RU, id)).toContain('23 октября 2005 г.');
    expect(await eventOnCasePage(EN, id)).toContain('23 Oct 2005');
    const edit = await agent.get(`/cases/${caseId}/events/${id}/edit`).set('Accept-Language', RU).expect(200);
    expect(edit.text).toContain('value="2005-10-23"');
    expect(edit.text).toContain('<option value="day" selected>Точный день</option>');
  });

  it('keeps окт 2005 as a month, typed in an English interface too', async () => {
    const res = await postEvent(EN, 'Detained again', { precision: 'auto', value: 'окт 2005' });
    expect(res.status).toBe(303);
    const id = eventIdOf(res.headers.location);
    const ru = await eventOnCasePage(RU, id);
    expect(ru).toContain('<time datetime="2005-10">окт. 2005</time>');
    expect(ru).not.toContain('октября');
    expect(await eventOnCasePage(EN, id)).toContain('Oct 2005');
    const edit = await agent.get(`/cases/${caseId}/events/${id}/edit`).set('Accept-Language', EN).expect(200);
    expect(edit.text).toContain('value="2005-10"');
    expect(edit.text).toContain('<option value="month" selected>Month</option>');
  });

  it('refuses 31.02.2005 with the message next to the field, in Russian and in English, keeping what was typed', async () => {
    const ru = await postEvent(RU, 'Неверная дата', { precision: 'auto', value: '31.02.2005' });
    expect(ru.status).toBe(422);
    expect(ru.text).toMatch(/id="f-date-value-error">В календаре нет дня 31\.02\.2005\.<\/p>/);
    expect(ru.text).toMatch(/id="f-date-value" name="date\[value\]" value="31\.02\.2005"[^>]*aria-invalid="true" aria-describedby="f-date-value-error"/);
    expect(ru.text).toMatch(/<option value="auto" selected>Как написано<\/option>/);
    const en = await postEvent(EN, 'Wrong date', { precision: 'auto', value: '31.02.2005' });
    expect(en.status).toBe(422);
    expect(en.text).toMatch(/id="f-date-value-error">31\.02\.2005 is not a day in the calendar\.<\/p>/);
    expect(en.text).toContain('value="31.02.2005"');
  });

  it('refuses an explicit precision that what was typed does not match, saying what to choose', async () => {
    const ru = await postEvent(RU, 'Месяц', { precision: 'month', value: '23.10.2005' });
    expect(ru.status).toBe(422);
    expect(ru.text).toContain('id="f-date-value-error">Месяц пишется так: 10.2005, окт 2005 или 2005-10; чтобы сохранить «23.10.2005» так, как написано, выберите «Как написано».</p>');
    const en = await postEvent(EN, 'Month', { precision: 'month', value: '23.10.2005' });
    expect(en.status).toBe(422);
    expect(en.text).toContain('id="f-date-value-error">A month date is written YYYY-MM, 10.2005 or Oct 2005; to keep “23.10.2005” as it is written, choose “As typed”.</p>');
  });

  it('reads the ends of a range in the same forms and shows the span in Russian', async () => {
    const res = await postEvent(RU, 'Содержание под стражей', { precision: 'range', start: 'март 2006', end: '05.2006' });
    expect(res.status).toBe(303);
    const id = eventIdOf(res.headers.location);
    expect(await eventOnCasePage(RU, id)).toContain('между мартом и маем 2006');
    expect(await eventOnCasePage(EN, id)).toContain('Mar 2006 – May 2006');
  });

  it('takes "около 2005" as approximate', async () => {
    const res = await postEvent(RU, 'Примерно', { precision: 'auto', value: 'около 2005' });
    expect(res.status).toBe(303);
    const id = eventIdOf(res.headers.location);
    expect(await eventOnCasePage(RU, id)).toContain('≈ 2005');
    expect(await eventOnCasePage(EN, id)).toContain('c. 2005');
  });
});

describe('the API', () => {
  it('accepts precision auto, or none, and stores the precision that was typed; text and messages follow Accept-Language', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const token = (await createApiToken(t.ds, CLI_ACTOR, user.id, 'dates')).token;
    const post = (body: object, lang = 'en') => request(t.app).post(`/api/v1/cases/${caseId}/events`).set('Authorization', `Bearer ${token}`).set('Accept-Language', lang).send(body);
    const auto = await post({ type: 'arrest', date: { precision: 'auto', value: '23 октября 2005' } }).expect(201);
    expect(auto.body.data.date).toEqual({ precision: 'day', start: '2005-10-23', end: '2005-10-23', text: '23 Oct 2005', uncertain: false });
    const none = await post({ type: 'arrest', date: { value: 'Oct 2005' } }, 'ru').expect(201);
    expect(none.body.data.date).toEqual({ precision: 'month', start: '2005-10-01', end: '2005-10-31', text: 'окт. 2005', uncertain: true });
    const bad = await post({ type: 'arrest', date: { value: '10/11/2005' } }, 'ru').expect(422);
    expect(bad.body.error.fields['date.value']).toBe('10/11/2005 можно прочесть и как 10 ноября 2005 г., и как 11 октября 2005 г.: напишите месяц словом или дату через точки (день.месяц.год).');
  });
});
