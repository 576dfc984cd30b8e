import request from 'supertest';
import { TestApp, hiddenField, makeUser, signIn, startTestApp, PASSWORD } from '../support/app';
import { latinWords, visibleText } from '../support/i18n-pages';
import { User } from '../../src/users/user.entity';
import { CaseRecord } from '../../src/cases/case.entity';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { MAX_FAILURES } from '../../src/auth/login.service';

/**
 * Issue 12: the pages of sign-in, administration and evidence in Russian — the sign-in page is
 * the first page a Russian user sees, so it and its messages are Russian from Accept-Language
 * alone; an upload refused is refused in Russian next to the field; the audit trail names its
 * actions in Russian. English stays as it was.
 */
let t: TestApp;
let admin: User;
let researcher: User;
let caseId: number;
const HTML_PAGE = '<!doctype html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>';

/** The Latin words a Russian reader would see on the page (format and product names aside). */
const english = (html: string) => latinWords(visibleText(html));

async function russian(user: User) {
  await t.ds.getRepository(User).update({ id: user.id }, { language: 'ru' });
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await makeUser(t.ds, 'admin', { email: 'anna@example.org', name: 'Анна Админова' });
  researcher = await makeUser(t.ds, 'researcher', { email: 'irina@example.org', name: 'Ирина Исследова' });
  await russian(admin);
  await russian(researcher);
  const c = await t.ds.getRepository(CaseRecord).save({ code: 'RU-2024-000777', title: 'Дело Кудаева', status: 'open', restricted: false, createdById: admin.id });
  caseId = c.id;
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

describe('sign-in in Russian', () => {
  it('shows the sign-in page in Russian from Accept-Language alone', async () => {
    const page = await request(t.app).get('/login').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5').expect(200);
    expect(page.text).toMatch(/<html lang="ru">/);
    expect(page.text).toContain('<title>Вход · Casebook</title>');
    expect(page.text).toContain('Вход в Casebook');
    expect(page.text).toContain('Адрес электронной почты');
    expect(page.text).toContain('>Пароль</label>');
    expect(page.text).toContain('>Войти</button>');
    expect(page.text).toContain('Обратитесь к администратору Casebook');
    expect(english(page.text)).toEqual([]);

    const signedOut = await request(t.app).get('/login?signedOut=1').set('Accept-Language', 'ru').expect(200);
    expect(signedOut.text).toContain('Вы вышли из системы.');
    const expired = await request(t.app).get('/login?expired=1').set('Accept-Language', 'ru').expect(200);
    expect(expired.text).toContain('Сеанс завершён. Войдите снова.');
  });

  it('refuses a wrong password, an empty form and a locked account in Russian', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/login').set('Accept-Language', 'ru').expect(200);
    const csrf = hiddenField(page.text);
    const post = (body: Record<string, string>) => agent.post('/login').type('form').set('Accept-Language', 'ru').send({ _csrf: csrf, next: '/', ...body });

    const wrong = await post({ email: researcher.email, password: 'not the password at all' }).expect(401);
    expect(wrong.text).toMatch(/<html lang="ru">/);
    expect(wrong.text).toContain('<div class="error-summary" role="alert" id="login-error"><p>Неверный адрес электронной почты или пароль.</p></div>');
    expect(wrong.text).toContain(`value="${researcher.email}"`);
    expect(english(wrong.text)).toEqual([]);

    const empty = await post({ email: '', password: '' }).expect(422);
    expect(empty.text).toContain('Введите адрес электронной почты и пароль.');

    // Lock-outs count per submitted e-mail: this one is locked after MAX_FAILURES failures.
    let last = wrong;
    for (let i = 0; i < MAX_FAILURES; i++) last = await post({ email: 'nobody@example.org', password: 'wrong' });
    expect(last.status).toBe(429);
    expect(last.text).toContain('Слишком много неудачных попыток. Для вашей защиты вход приостановлен: подождите 15 минут и попробуйте снова.');
    expect(english(last.text)).toEqual([]);
    // And while it is locked.
    const locked = await post({ email: 'nobody@example.org', password: 'wrong' }).expect(429);
    expect(locked.text).toContain('вход приостановлен');
  });

  it('keeps English for an English browser', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('Sign in to Casebook');
    const wrong = await agent
      .post('/login')
      .type('form')
      .set('Accept-Language', 'en')
      .send({ _csrf: hiddenField(page.text), email: admin.email, password: 'wrong', next: '/' })
      .expect(401);
    expect(wrong.text).toContain('The e-mail address or password is not right.');
  });
});

describe('evidence refused in Russian', () => {
  it('refuses a file of the wrong type with the message beside the file field, in Russian', async () => {
    const { agent, csrf } = await signIn(t.app, researcher.email);
    const res = await agent
      .post(`/cases/${caseId}/evidence?_csrf=${encodeURIComponent(csrf)}`)
      .set('Accept-Language', 'en')
      .field('type', 'photo')
      .field('title', 'Фотография следов побоев')
      .attach('files', Buffer.from(HTML_PAGE), 'фото.jpg')
      .expect(415);
    expect(res.text).toMatch(/<html lang="ru">/);
    // Beside the field, worded in Russian, with the detected type named.
    const beside = /<p class="error-message" id="f-files-error"><span class="visually-hidden">Ошибка:<\/span> ([^<]*)<\/p>/.exec(res.text);
    expect(beside?.[1]).toBe('фото.jpg: Для материала вида «Фотография» подходит изображение, а этот файл по содержимому — HTML-документ (text/html).');
    expect(res.text).toContain('Среди файлов есть файл того типа, который этот материал не принимает.');
    expect(res.text).toContain('Исправьте 1 ошибку, чтобы продолжить');
    expect(res.text).not.toContain('<script>alert');
    // What was typed is kept.
    expect(res.text).toContain('value="Фотография следов побоев"');
  });

  it('names a missing title and a missing file in Russian', async () => {
    const { agent, csrf } = await signIn(t.app, researcher.email);
    const noTitle = await agent
      .post(`/cases/${caseId}/evidence?_csrf=${encodeURIComponent(csrf)}`)
      .field('type', 'photo')
      .field('title', '')
      .attach('files', Buffer.from('text'), 'a.txt')
      .expect(422);
    expect(noTitle.text).toMatch(/<p class="error-message" id="f-title-error"><span class="visually-hidden">Ошибка:<\/span> Заполните поле «Название».<\/p>/);
    const noFile = await agent.post(`/cases/${caseId}/evidence?_csrf=${encodeURIComponent(csrf)}`).field('type', 'photo').field('title', 'Без файла').expect(422);
    expect(noFile.text).toContain('Выберите хотя бы один файл.');
  });

  it('answers the API in English unless Accept-Language asks for Russian', async () => {
    const { token } = await createApiToken(t.ds, CLI_ACTOR, researcher.id, 'i18n');
    const send = (lang?: string) => {
      let req = request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${token}`);
      if (lang) req = req.set('Accept-Language', lang);
      return req.field('type', 'photo').field('title', 'x').attach('files', Buffer.from(HTML_PAGE), 'x.jpg').expect(415);
    };
    expect((await send()).body.error.fields.files).toBe("x.jpg: A photo must be an image; this file's content is HTML document (text/html).");
    expect((await send('ru')).body.error.fields.files).toBe('x.jpg: Для материала вида «Фотография» подходит изображение, а этот файл по содержимому — HTML-документ (text/html).');
  });
});

describe('the audit trail in Russian', () => {
  it('names each action in Russian, beside its code', async () => {
    const { agent, csrf } = await signIn(t.app, admin.email);
    await agent
      .post(`/cases/${caseId}/evidence?_csrf=${encodeURIComponent(csrf)}`)
      .field('type', 'testimony_transcript')
      .field('title', 'Показания')
      .attach('files', Buffer.from('Меня били в отделе.\n'), 'показания.txt')
      .expect(303);
    const page = await agent.get('/admin/audit').expect(200);
    expect(page.text).toMatch(/<html lang="ru">/);
    expect(page.text).toContain('<h1>Журнал аудита</h1>');
    expect(page.text).toContain('<code>auth.login</code><br>вход в систему');
    expect(page.text).toContain('<code>auth.login_failed</code><br>неудачная попытка входа');
    expect(page.text).toContain('<code>user.create</code><br>создана учётная запись');
    expect(page.text).toContain('<code>evidence.received</code><br>записано получение материала');
    // The action filter offers the names, and filters by the code.
    expect(page.text).toContain('<option value="auth.login_locked">вход приостановлен после многих неудачных попыток</option>');
    expect(page.text).toMatch(/подходящ(?:ая|ие|их|ей) запис/);
    expect(english(page.text)).toEqual([]);

    const filtered = await agent.get('/admin/audit?action=auth.login_failed').expect(200);
    expect(filtered.text).toContain('<option value="auth.login_failed" selected>неудачная попытка входа</option>');
    expect(filtered.text).not.toContain('<code>user.create</code>');

    const refused = await agent.get('/admin/audit?from=2024-02-30').expect(422);
    expect(refused.text).toContain('Укажите в поле «Первый день» дату, например 2024-03-15.');
    expect(refused.text).toContain('Исправьте условия отбора, чтобы увидеть записи.');
  });

  it('keeps the English names for an English reader', async () => {
    await t.ds.getRepository(User).update({ id: admin.id }, { language: 'en' });
    try {
      const { agent } = await signIn(t.app, admin.email, PASSWORD);
      const page = await agent.get('/admin/audit').expect(200);
      expect(page.text).toContain('<code>auth.login</code><br>signed in');
      expect(page.text).toContain('<code>user.create</code><br>added a user account');
    } finally {
      await russian(admin);
    }
  });
});
