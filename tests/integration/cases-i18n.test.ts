import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { setLanguage } from '../../src/users/user.service';
import { User } from '../../src/users/user.entity';
import { visibleText } from '../support/i18n-pages';

/**
 * Issue 12: the case pages in Russian. A researcher whose language is Russian gets the case
 * form's messages beside each field, the flashes after saving, and the counts of the case page
 * (group sizes, deaths, the timeline's families and the records it cannot place, retracted
 * statements a court relied on) in Russian with the plural form each number takes.
 */
let t: TestApp;
let researcher: User;
let session: Awaited<ReturnType<typeof signIn>>;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  researcher = await makeUser(t.ds, 'researcher', { name: 'Ирина Исследователь' });
  await setLanguage(t.ds, CLI_ACTOR, researcher.id, 'ru');
  session = await signIn(t.app, researcher.email);
  token = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 'тест')).token;
});
afterAll(() => t.close());

const api = (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
const created = async (path: string, body: object): Promise<number> => {
  const res = await api(path, body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id as number;
};
/** The text of the paragraph with this id. */
const textOf = (html: string, id: string) => {
  const m = new RegExp(`<p [^>]*id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return m ? visibleText(m[1]).trim() : null;
};
const flashOf = (html: string) => /<div class="flash" role="status">([^<]*)<\/div>/.exec(html)?.[1] ?? null;

describe('the case pages in Russian', () => {
  it('the case form submitted empty shows Russian messages beside each field, and in the summary', async () => {
    const { agent, csrf } = session;
    const res = await agent.post('/cases').type('form').set('Accept-Language', 'en').send({ _csrf: csrf, status: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<html lang="ru">');
    expect(textOf(res.text, 'f-title-error')).toMatch(/Заполните поле «Название»\.$/);
    expect(textOf(res.text, 'f-status-error')).toMatch(/Выберите значение поля «Статус»\.$/);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)![0];
    expect(summary).toContain('Исправьте 2 ошибки, чтобы продолжить');
    expect(summary).toContain('<a href="#f-title">Заполните поле «Название».</a>');
    expect(summary).toContain('<a href="#f-status">Выберите значение поля «Статус».</a>');
    // The labels and hints around them are Russian too.
    expect(res.text).toContain('Новое дело');
    expect(res.text).toContain('Группа потерпевших');
    expect(res.text).not.toMatch(/Enter a title|Choose a status|Create case|Group of victims/);
  });

  it('words the other messages of the case form in Russian: numbers, codes, tags, a size marked unknown', async () => {
    const { agent, csrf } = session;
    const res = await agent
      .post('/cases')
      .type('form')
      .send({ _csrf: csrf, title: 'Дело', status: 'open', code: 'не код', groupCount: '-3', year: '1800', tags: 'м'.repeat(101) });
    expect(res.status).toBe(422);
    expect(textOf(res.text, 'f-code-error')).toMatch(/Код дела имеет вид RU-2005-0001/);
    expect(textOf(res.text, 'f-groupCount-error')).toMatch(/Введите целое число или оставьте поле пустым\./);
    expect(textOf(res.text, 'f-year-error')).toMatch(/Год должен быть от 1900 до 2100\./);
    expect(textOf(res.text, 'f-tags-error')).toMatch(/Метка — не более 100 символов\./);
    expect(res.text).not.toMatch(/Enter a whole number|A case code looks like|The year must be/);
    const unknown = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'Дело', status: 'open', groupDeathCount: '4', groupDeathCountPrecision: 'unknown' });
    expect(unknown.status).toBe(422);
    expect(textOf(unknown.text, 'f-groupDeathCount-error')).toMatch(/Если численность отмечена как неизвестная, число не указывается/);
  });

  it('the flashes after creating and saving a case are Russian', async () => {
    const { agent, csrf } = session;
    const create = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'Дело Расула Кудаева', status: 'open', year: '2005' });
    expect(create.status).toBe(303);
    const id = Number(/\/cases\/(\d+)/.exec(create.headers.location)![1]);
    const page = await agent.get(`/cases/${id}`).expect(200);
    expect(flashOf(page.text)).toMatch(/^Дело RU-2005-\d{4} создано\.$/);
    const save = await agent.post(`/cases/${id}`).type('form').send({ _csrf: csrf, title: 'Дело Расула Кудаева (Нальчик)', status: 'open' });
    expect(save.status).toBe(303);
    expect(flashOf((await agent.get(`/cases/${id}`)).text)).toBe('Дело сохранено.');
  });

  it('the case page of a case with a refused complaint gives its counts with Russian plural forms', async () => {
    const caseId = await created('/cases', {
      title: 'Задержанные в Аргуне',
      status: 'open',
      groupDescription: 'задержанные в административном здании',
      groupCount: 5,
      groupCountPrecision: 'approximately',
      groupDeathCount: 21,
      groupDeathCountPrecision: 'at_least',
    });
    const day = (value: string) => ({ precision: 'day', value });
    const arrest = await created(`/cases/${caseId}/events`, { type: 'arrest', title: 'Задержание', date: day('2018-12-20') });
    await created(`/cases/${caseId}/events`, { type: 'torture_ill_treatment', title: 'Избиение', date: day('2018-12-21'), followsFrom: [arrest] });
    await created(`/cases/${caseId}/events`, { type: 'release', title: 'Освобождение', date: day('2019-01-15') });
    const sk = await created('/institutions', { name: 'Следственный комитет', type: 'investigative_committee', createAnyway: true });
    // A complaint and its refusal, neither dated: two records the timeline cannot place.
    const complaint = await created(`/cases/${caseId}/complaints`, { filedByText: 'адвокат', toInstitutionId: sk, request: 'open_criminal_investigation' });
    await created(`/cases/${caseId}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', respondingInstitutionId: sk });
    // A confession the court relied on, then retracted.
    const statement = await created(`/cases/${caseId}/statements`, { makerDescription: 'один из задержанных', kind: 'confession', courtStatus: 'relied_on', date: day('2018-12-22') });
    await created(`/cases/${caseId}/statements/${statement}/retractions`, { kind: 'retraction', date: day('2019-03-01'), pressureAlleged: 'no' });

    const html = (await session.agent.get(`/cases/${caseId}`).expect(200)).text;
    const text = visibleText(html);
    expect(html).toContain('<html lang="ru">');
    // The group: "около 5 человек" (many), "не менее 21 погибшего" (one: 21).
    expect(text).toContain('задержанные в административном здании — около 5 человек — не менее 21 погибшего');
    // The families of the timeline with their counts, and the two undated records (few).
    expect(text).toMatch(/События \(3\)/);
    expect(text).toMatch(/Жалобы и ответы на них \(0\)/);
    expect(text).toMatch(/Показания и отказы от них \(2\)/);
    expect(text).toContain('2 записи без даты не показаны на хронологии');
    // The picture's description: 3 events (few) and 2 other records (few).
    expect(text).toContain('3 события и 2 другие записи');
    // One retracted statement relied on by a court (one).
    expect(text).toContain('Суд опирался на 1 показание, от которого потом отказались.');
    expect(text).not.toMatch(/records? without a date|entries are hidden|retracted statements? relied on|other records?\b/);

    // Hiding the other families: five entries hidden (many), two (few).
    const hidden = visibleText((await session.agent.get(`/cases/${caseId}?tl=1&show=complaint`).expect(200)).text);
    expect(hidden).toContain('Скрыто 5 записей.');
    const events = visibleText((await session.agent.get(`/cases/${caseId}?tl=1&show=event`).expect(200)).text);
    expect(events).toContain('Скрыты 2 записи.');
    expect(events).not.toContain('записи без даты');

    // The case list counts its cases (the one above and this one: few) and sizes the group in Russian too.
    const list = visibleText((await session.agent.get('/cases').expect(200)).text);
    expect(list).toContain(' 2 дела ');
    expect(list).toContain('Задержанные в Аргуне около 5 человек');
  });

  it('the same pages stay English for an English reader', async () => {
    const english = await makeUser(t.ds, 'researcher');
    const { agent, csrf } = await signIn(t.app, english.email);
    const res = await agent.post('/cases').type('form').set('Accept-Language', 'en').send({ _csrf: csrf, status: '' });
    expect(res.status).toBe(422);
    expect(textOf(res.text, 'f-title-error')).toMatch(/Enter a title\.$/);
    expect(textOf(res.text, 'f-status-error')).toMatch(/Choose a status\.$/);
  });
});
