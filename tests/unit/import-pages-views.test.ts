import path from 'node:path';
import ejs from 'ejs';
import { missingKeys, runInLanguage, t, Language } from '../../src/i18n/i18n';
import { viewHelpers } from '../../src/views/helpers';
import { latinWords, visibleText } from '../support/i18n-pages';

/**
 * The import templates with view models as the presenter makes them (issue 13): a problem is
 * printed inside its own cell, Confirm appears only when nothing is left to resolve, the progress
 * page refreshes itself only while the job runs, and a Russian page carries no English.
 */
const VIEWS = path.resolve(__dirname, '../../views');

function render(template: string, lang: Language, locals: Record<string, unknown>): Promise<string> {
  return runInLanguage(lang, () =>
    ejs.renderFile(path.join(VIEWS, `imports/${template}.ejs`), {
      t: (key: string, o?: Record<string, unknown>) => t(key, o),
      lang,
      languages: [],
      navItems: [],
      currentUser: { id: 1, name: 'Исследователь', role: 'researcher', email: 'r@example.org' },
      csrfToken: 'token-123',
      can: () => true,
      path: '/imports',
      flash: null,
      helpers: viewHelpers,
      errors: {},
      title: 'x',
      ...locals,
    }),
  );
}

const counts = (error: number) => [
  { action: 'create', count: 2 },
  { action: 'update', count: 0 },
  { action: 'unchanged', count: 0 },
  { action: 'skip', count: 1 },
  { action: 'error', count: error },
];

const problemRow = {
  sheet: 'Cases',
  line: 3,
  anchor: 'row-Cases-3',
  kind: 'cases',
  action: 'error',
  recordHref: null,
  rowProblems: [],
  cells: [
    { index: 0, column: '0', header: 'Title', label: 'Title', value: 'Beating in Nalchik', raw: 'Beating in Nalchik', fixable: true, problems: [] },
    { index: 1, column: '1', header: 'Region', label: 'Region', value: 'Kabardino', raw: 'Kabardino', fixable: true, problems: [{ code: 'unknown-term', message: 'Not a known term. Did you mean: Kabardino-Balkaria?', suggestions: [{ code: 'kabardino_balkaria', label: 'Kabardino-Balkaria' }], matchKind: 'person', candidates: [] }] },
  ],
};

function previewLocals(error: number, canConfirm: boolean) {
  return { batch: { id: 7, fileName: 'cases.csv', status: error ? 'has-problems' : 'checked' }, counts: counts(error), toWrite: 2, unresolved: error, canConfirm, only: 'all', rows: [problemRow], total: 1, page: 1, pages: 1, baseQuery: '', back: '/imports/7/preview?page=1' };
}

afterAll(() => expect(missingKeys()).toEqual([]));

describe('import preview', () => {
  it('prints each problem inside its cell, with the suggestion as a button that fixes that cell', async () => {
    const html = await render('preview', 'en', previewLocals(1, false));
    const cell = html.slice(html.indexOf('<dt>Region'), html.indexOf('</dd>', html.indexOf('<dt>Region')));
    expect(cell).toContain('Not a known term. Did you mean: Kabardino-Balkaria?');
    expect(cell).toContain('name="fixes[c1]" value="kabardino_balkaria"');
    const titleCell = html.slice(html.indexOf('<dt>Title'), html.indexOf('</dd>', html.indexOf('<dt>Title')));
    expect(titleCell).not.toContain('error-message');
    expect(html).not.toContain('/imports/7/confirm');
    expect(html).toContain('1 row has a problem');
  });

  it('offers Confirm only when no unresolved errors remain', async () => {
    const html = await render('preview', 'en', previewLocals(0, true));
    expect(html).toContain('action="/imports/7/confirm"');
  });
});

describe('import progress', () => {
  const job = (state: string) => ({ kind: 'check', state, done: 40, total: 80, error: null });
  it('refreshes itself without JavaScript only while the job runs', async () => {
    const running = await render('progress', 'en', { batch: { id: 7, fileName: 'cases.csv' }, job: job('running'), percent: 50, next: '/imports/7/preview' });
    expect(running).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
    expect(running).toMatch(/<progress id="import-progress-bar" max="100" value="50">/);
    expect(running).toContain('40 of 80 rows');
    const finished = await render('progress', 'en', { batch: { id: 7, fileName: 'cases.csv' }, job: job('finished'), percent: 100, next: '/imports/7/preview' });
    expect(finished).not.toContain('http-equiv="refresh"');
  });
});

describe('import pages in Russian', () => {
  const pages: [string, Record<string, unknown>][] = [
    ['list', { templateKinds: ['cases', 'people'], batches: [{ id: 7, href: '/imports/7', fileName: 'дела.csv', when: '2024-01-01 10:00 UTC', status: 'has-problems', owner: null, running: false, percent: 0, countsText: '2 создать', action: 'preview', actionHref: '/imports/7/preview' }] }],
    ['new', { templateKinds: ['cases', 'people'], errors: { file: 'Файл пуст.' }, maxMiB: 200 }],
    ['mapping', {
      batch: { id: 7, fileName: 'дела.xlsx', status: 'mapping', format: 'xlsx', size: '1 KB', sha256: 'a'.repeat(64), checked: false },
      sheets: [{ index: 0, name: 'Дела', kind: 'cases', kindOptions: [{ code: 'cases', label: 'Дела' }], fieldOptions: [{ code: 'title', label: 'Название', required: true }], missingRequired: [], columns: [{ index: 0, header: 'Название', field: 'title', guessed: true, samples: ['Избиение'] }] }],
      values: [{ index: 0, sheet: 'Дела', column: 1, columnLabel: 'Регион → Регион', value: 'КБР', term: '', suggestions: [{ code: 'kabardino_balkaria', label: 'Кабардино-Балкария' }], options: [{ code: 'kabardino_balkaria', label: 'Кабардино-Балкария' }] }],
      mappings: [{ id: 1, name: 'Мой шаблон' }],
      // Every notice reading a file can give, as the presenter hands them over.
      notices: [
        { code: 'formula-kept-as-text', params: { sheet: 'Дела', line: 4, column: 'C', count: 3 } },
        { code: 'converted-from-windows-1251', params: { sheet: '', line: '', column: '' } },
        { code: 'bom-removed', params: { sheet: '', line: '', column: '' } },
        { code: 'empty-rows-skipped', params: { sheet: 'Дела', line: 9, column: '', count: 2 } },
        { code: 'uwazi-export', params: { sheet: 'выгрузка', line: '', column: '', count: 3 } },
      ],
      job: null,
    }],
    ['preview', previewLocals(1, false)],
    ['progress', { batch: { id: 7, fileName: 'дела.csv' }, job: { kind: 'commit', state: 'failed', done: 1, total: 2, error: { status: 409, code: 'conflict', message: 'Ошибка.' } }, percent: 50, next: '/imports/7' }],
    ['done', { batch: { id: 7, fileName: 'дела.csv', status: 'committed', sha256: 'a'.repeat(64), when: '2024-01-01 10:00 UTC' }, counts: counts(0), createdCases: [{ href: '/cases/1', label: 'Избиение' }], moreCases: 3 }],
    ['undo', { batch: { id: 7, fileName: 'дела.csv' }, editedSince: [{ kind: 'cases', label: 'Избиение', href: '/cases/1' }] }],
  ];
  it.each(pages)('%s has no English words', async (name, locals) => {
    const html = await render(name, 'ru', locals);
    // The fixture's own English (a cell value typed by a user) is not the page's wording.
    const words = latinWords(visibleText(html)).filter((w) => !['Beating', 'Nalchik', 'Title', 'Region', 'Kabardino', 'Balkaria', 'Not', 'known', 'term', 'Did', 'you', 'mean', 'cases', 'Cases', 'Kabardino-Balkaria', 'Uwazi', 'BOM'].includes(w)); // Uwazi is a name; BOM the byte-order mark's usual name in Russian too
    expect(words).toEqual([]);
  });
});
