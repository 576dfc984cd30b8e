import request from 'supertest';
import { TestApp, hiddenField, makeUser, signIn, startTestApp } from '../support/app';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { User } from '../../src/users/user.entity';
import { runInLanguage, t as translate } from '../../src/i18n/i18n';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const htmlLang = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1];

describe('choosing the interface language', () => {
  it('follows the browser on signed-out pages: Accept-Language ru gives a Russian sign-in page', async () => {
    const ru = await request(t.app).get('/login').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5').expect(200);
    expect(htmlLang(ru.text)).toBe('ru');
    expect(ru.headers['content-language']).toBe('ru');
    expect(ru.text).toContain('Перейти к содержанию');
    const en = await request(t.app).get('/login').set('Accept-Language', 'de-DE,en;q=0.8').expect(200);
    expect(htmlLang(en.text)).toBe('en');
    const none = await request(t.app).get('/login').expect(200);
    expect(htmlLang(none.text)).toBe('en');
  });

  it('the header switch of a signed-out page remembers the choice in a cookie and goes back where it was', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('href="/language/ru?back=%2Flogin"');
    const res = await agent.get('/language/ru?back=/login').expect(303);
    expect(res.headers.location).toBe('/login');
    expect(String(res.headers['set-cookie'])).toMatch(/casebook_lang=ru;.*HttpOnly/i);
    // The cookie wins over the browser's header.
    const after = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(htmlLang(after.text)).toBe('ru');
  });

  it('the switch never sends anyone off the site and ignores unknown languages', async () => {
    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const res = await request(t.app).get(`/language/ru?back=${encodeURIComponent(back)}`).expect(303);
      expect(res.headers.location).toBe('/');
    }
    const unknown = await request(t.app).get('/language/xx?back=/login').expect(303);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('a signed-in user chooses a language in account settings; it wins over the browser and is audited', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent, csrf } = await signIn(t.app, user.email);
    const account = await agent.get('/account').set('Accept-Language', 'en').expect(200);
    expect(account.text).toContain('Interface language');
    const saved = await agent.post('/account/language').type('form').send({ _csrf: csrf, language: 'ru' }).expect(303);
    expect(saved.headers.location).toBe('/account');
    const ru = await agent.get('/account').set('Accept-Language', 'en-GB,en').expect(200);
    expect(htmlLang(ru.text)).toBe('ru');
    expect(ru.text).toContain('Casebook теперь на русском языке.');
    expect(ru.text).toContain('Язык интерфейса');
    expect((await t.ds.getRepository(User).findOneByOrFail({ id: user.id })).language).toBe('ru');
    const entry = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'user.update', recordId: String(user.id) });
    expect(JSON.parse(entry.fields)).toEqual(['language']);

    // Back to following the browser.
    await agent.post('/account/language').type('form').send({ _csrf: hiddenField(ru.text), language: '' }).expect(303);
    const en = await agent.get('/account').set('Accept-Language', 'en').expect(200);
    expect(htmlLang(en.text)).toBe('en');
  });

  it('the header of signed-in pages switches in one click and stays on the page', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const { agent, csrf } = await signIn(t.app, user.email);
    const res = await agent.post('/account/language').type('form').send({ _csrf: csrf, language: 'ru', back: '/cases?page=2' }).expect(303);
    expect(res.headers.location).toBe('/cases?page=2');
    const off = await agent.post('/account/language').type('form').send({ _csrf: csrf, language: 'ru', back: '//evil.example' }).expect(303);
    expect(off.headers.location).toBe('/account');
  });

  it('only a signed-in user changes a language setting, and only their own', async () => {
    // Signed out: no session, no CSRF token; nothing is stored.
    const anonymous = await request(t.app).post('/account/language').type('form').send({ language: 'ru' });
    expect([401, 403]).toContain(anonymous.status);
    // Every role may choose its own language; a user id in the body changes nobody else.
    const other = await makeUser(t.ds, 'admin');
    for (const role of ['viewer', 'analyst', 'lawyer', 'researcher'] as const) {
      const user = await makeUser(t.ds, role);
      const { agent, csrf } = await signIn(t.app, user.email);
      await agent.post('/account/language').type('form').send({ _csrf: csrf, language: 'ru', userId: String(other.id), id: String(other.id) }).expect(303);
      expect((await t.ds.getRepository(User).findOneByOrFail({ id: user.id })).language).toBe('ru');
    }
    expect((await t.ds.getRepository(User).findOneByOrFail({ id: other.id })).language).toBeNull();
  });

  it('refuses a language that is not offered, with the message beside the field', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const { agent, csrf } = await signIn(t.app, user.email);
    const res = await agent.post('/account/language').type('form').send({ _csrf: csrf, language: 'klingon' }).expect(422);
    expect(res.text).toContain('id="f-language-error"');
    expect(res.text).toContain('Choose one of the languages in the list.');
  });

  it('the API keeps English codes and honours Accept-Language for its messages only', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent, csrf } = await signIn(t.app, user.email);
    await agent.post('/account/language').type('form').send({ _csrf: csrf, language: 'ru' }).expect(303);
    const ru = await agent.get('/api/v1/nothing-here').set('Accept-Language', 'ru').expect(404);
    expect(ru.body.error.code).toBe('not_found');
    expect(ru.body.error.message).toBe('В API нет маршрута GET /nothing-here.');
    // The account setting is for pages: the API follows the header of each request.
    const en = await agent.get('/api/v1/nothing-here').set('Accept-Language', 'en').expect(404);
    expect(en.body.error.message).toBe('No API route GET /nothing-here.');
  });
});

describe('Russian plural forms come from the catalogue', () => {
  it.each([
    [1, 'не более 1 символа'],
    [2, 'не более 2 символов'],
    [5, 'не более 5 символов'],
    [21, 'не более 21 символа'],
  ])('%i', (count, expected) => {
    expect(runInLanguage('ru', () => translate('validation.tooLong', { count, label: 'Название' }))).toContain(expected);
  });
});
