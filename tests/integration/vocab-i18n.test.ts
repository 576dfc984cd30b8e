import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp, Agent } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { VocabTerm } from '../../src/vocab/vocab-term.entity';

/**
 * Issue 12: vocabulary terms in the reader's language. A term shows its Russian label to readers
 * of Russian and its English label to readers of English; a term with one label only shows it
 * to readers of the other language, marked; admins edit both labels; and the search page counts
 * its results with Russian plural forms.
 */
let t: TestApp;
let token: string;
let admin: { agent: Agent; csrf: string };

beforeAll(async () => {
  t = await startTestApp();
  const user = await makeUser(t.ds, 'admin');
  admin = await signIn(t.app, user.email);
  token = (await createApiToken(t.ds, CLI_ACTOR, user.id, 't')).token;
});
afterAll(() => t.close());

const api = (lang: 'en' | 'ru') => ({
  get: (path: string) => request(t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', lang),
  post: (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', lang).send(body),
});
const page = (path: string, lang: 'en' | 'ru') => admin.agent.get(path).set('Accept-Language', lang);
const addTerm = (vocabulary: string, body: Record<string, string>, lang: 'en' | 'ru' = 'en') =>
  admin.agent.post(`/admin/vocabularies/${vocabulary}/terms`).type('form').set('Accept-Language', lang).send({ _csrf: admin.csrf, ...body });
const editTerm = (vocabulary: string, code: string, body: Record<string, string>, lang: 'en' | 'ru' = 'en') =>
  admin.agent.post(`/admin/vocabularies/${vocabulary}/terms/${code}`).type('form').set('Accept-Language', lang).send({ _csrf: admin.csrf, ...body });

describe('vocabulary terms in the reader’s language', () => {
  let personId: number;

  beforeAll(async () => {
    await addTerm('person_profile', { labelEn: 'Beekeeper zq' }).expect(303);
    await addTerm('person_profile', { labelRu: 'Пчеловод' }).expect(303);
    const created = await api('en').post('/people', { names: ['Тестов Тест'], region: 'adygea', profiles: ['journalist', 'beekeeper_zq', 'pchelovod'], createAnyway: true }).expect(201);
    personId = created.body.data.id;
  });

  it('shows a term’s Russian label in Russian and its English label in English, on pages and in the API', async () => {
    const ru = await page(`/people/${personId}`, 'ru').expect(200);
    expect(ru.text).toContain('<html lang="ru">');
    expect(ru.text).toContain('Республика Адыгея');
    expect(ru.text).toContain('>Журналист</a>');
    expect(ru.text).not.toContain('Republic of Adygea');
    const en = await page(`/people/${personId}`, 'en').expect(200);
    expect(en.text).toContain('Republic of Adygea');
    expect(en.text).toContain('>Journalist</a>');
    expect(en.text).not.toContain('Республика Адыгея');

    const options = await page('/people', 'ru').expect(200);
    expect(options.text).toMatch(/<option value="adygea"[^>]*>Республика Адыгея<\/option>/);

    const apiRu = await api('ru').get('/vocabularies/person_profile').expect(200);
    const journalist = apiRu.body.data.find((x: { code: string }) => x.code === 'journalist');
    expect(journalist).toMatchObject({ label: 'Журналист', labelLang: 'ru', fallback: false, labelEn: 'Journalist', labelRu: 'Журналист' });
    const apiEn = await api('en').get('/vocabularies/person_profile').expect(200);
    expect(apiEn.body.data.find((x: { code: string }) => x.code === 'journalist')).toMatchObject({ label: 'Journalist', labelLang: 'en', fallback: false });
    const person = await api('ru').get(`/people/${personId}`).expect(200);
    expect(person.body.data.regionLabel).toBe('Республика Адыгея');
  });

  it('shows a term without a Russian label in English to readers of Russian, marked (and the other way round)', async () => {
    const ru = await page(`/people/${personId}`, 'ru').expect(200);
    expect(ru.text).toContain('>Beekeeper zq (англ.)</a>');
    expect(ru.text).toContain('>Пчеловод</a>');
    const en = await page(`/people/${personId}`, 'en').expect(200);
    expect(en.text).toContain('>Beekeeper zq</a>');
    expect(en.text).toContain('>Пчеловод (ru)</a>');
    // In pickers, too.
    const form = await page('/people/new', 'ru').expect(200);
    expect(form.text).toContain('Beekeeper zq (англ.)');
    // The API says which language the label is in.
    const apiRu = await api('ru').get('/vocabularies/person_profile').expect(200);
    expect(apiRu.body.data.find((x: { code: string }) => x.code === 'beekeeper_zq')).toMatchObject({ label: 'Beekeeper zq (англ.)', labelLang: 'en', fallback: true, labelRu: null });
    // Where a page can use markup, the fallback label carries its language and an explained marker.
    const history = await page('/admin/vocabularies/person_profile/terms/pchelovod/history', 'en').expect(200);
    expect(history.text).toMatch(/<span lang="ru">Пчеловод<\/span> <abbr class="term-fallback muted" title="No label in this language yet: shown in Russian">\(ru\)<\/abbr>/);
  });

  it('lets an admin edit both labels, and refuses a term with neither, beside the label of the admin’s language', async () => {
    const list = await page('/admin/vocabularies/person_profile', 'ru').expect(200);
    expect(list.text).toContain('name="labelEn" value="Beekeeper zq"');
    expect(list.text).toMatch(/name="labelRu" value=""[^>]*lang="ru"/);

    await editTerm('person_profile', 'beekeeper_zq', { labelEn: 'Beekeeper', labelRu: 'Пасечник', sortOrder: '500' }, 'ru').expect(303);
    expect((await page('/admin/vocabularies/person_profile', 'ru')).text).toContain('Термин «Пасечник» сохранён.');
    const term = await t.ds.getRepository(VocabTerm).findOneByOrFail({ vocabulary: 'person_profile', code: 'beekeeper_zq' });
    expect([term.labelEn, term.labelRu]).toEqual(['Beekeeper', 'Пасечник']);
    const ru = await page(`/people/${personId}`, 'ru').expect(200);
    expect(ru.text).toContain('>Пасечник</a>');
    expect(ru.text).not.toContain('(англ.)');

    // Removing the English label is allowed while the Russian one stays.
    await editTerm('person_profile', 'beekeeper_zq', { labelEn: '', labelRu: 'Пасечник' }).expect(303);
    expect((await t.ds.getRepository(VocabTerm).findOneByOrFail({ vocabulary: 'person_profile', code: 'beekeeper_zq' })).labelEn).toBeNull();
    expect((await page(`/people/${personId}`, 'en')).text).toContain('>Пасечник (ru)</a>');

    // Neither label: refused, with the message next to the field of the admin's language.
    const refusedRu = await editTerm('person_profile', 'beekeeper_zq', { labelEn: ' ', labelRu: '' }, 'ru').expect(422);
    expect(refusedRu.text).toMatch(/id="edit-beekeeper_zq-ru-error">[\s\S]*?Укажите название на русском/);
    const refusedEn = await editTerm('person_profile', 'beekeeper_zq', { labelEn: '', labelRu: '' }, 'en').expect(422);
    expect(refusedEn.text).toMatch(/id="edit-beekeeper_zq-en-error">[\s\S]*?Enter an English label\./);
    const added = await addTerm('person_profile', { labelEn: '', labelRu: '' }, 'ru').expect(422);
    expect(added.text).toMatch(/id="f-labelRu-error">[\s\S]*?Укажите название на русском/);
    expect((await t.ds.getRepository(VocabTerm).findOneByOrFail({ vocabulary: 'person_profile', code: 'beekeeper_zq' })).labelRu).toBe('Пасечник');
  });

  it('words a death on the person page in the reader’s language', async () => {
    const created = await api('en').post('/people', { names: ['Гумаров Равиль'], gender: 'male', deathDate: { precision: 'day', value: '2009-11-16' }, deathInCustody: 'yes', createAnyway: true }).expect(201);
    const ru = await page(`/people/${created.body.data.id}`, 'ru').expect(200);
    expect(ru.text).toContain('<dt>Умер</dt>');
    expect(ru.text).toContain('<span class="tag tag-danger">в заключении</span>');
    const en = await page(`/people/${created.body.data.id}`, 'en').expect(200);
    expect(en.text).toContain('<dt>Died</dt>');
    expect(en.text).toContain('<span class="tag tag-danger">in custody</span>');
  });
});

describe('the search page in Russian', () => {
  it('counts results with Russian plural forms', async () => {
    const counts: Record<string, number> = { zq1x: 1, zq3x: 3, zq5x: 5, zq21x: 21 };
    for (const [word, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) await api('en').post('/cases', { title: `Дело ${word} ${i + 1}`, status: 'open' }).expect(201);
    }
    const heading = async (q: string, lang: 'en' | 'ru') => {
      const res = await page(`/search?q=${q}`, lang).expect(200);
      return /<h2 id="h-results">\s*([^<]*)/.exec(res.text)![1].trim();
    };
    expect(await heading('zq1x', 'ru')).toBe('1 результат');
    expect(await heading('zq3x', 'ru')).toBe('3 результата');
    expect(await heading('zq5x', 'ru')).toBe('5 результатов');
    expect(await heading('zq21x', 'ru')).toBe('21 результат');
    expect(await heading('zq1x', 'en')).toBe('1 result');
    expect(await heading('zq5x', 'en')).toBe('5 results');
    // Filters alone list cases: "N дел".
    const list = await page('/search?status=open', 'ru').expect(200);
    expect(list.text).toMatch(/<h2 id="h-results">\s*30 дел\s/);
    const facets = await page('/search?q=zq5x', 'ru').expect(200);
    expect(facets.text).toContain('5 дел с совпадениями');
  });
});
