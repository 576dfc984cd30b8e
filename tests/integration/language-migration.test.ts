import { TestApp, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { UserLanguage1796179888912 } from '../../migrations/sqlite/1796179888912-UserLanguage';

/**
 * A database made with the migrations before UserLanguage and VocabLabelInEitherLanguage (issue
 * 12): its users and its vocabulary terms, with both labels and with edited ones, come through
 * both migrations unchanged, users follow their browser (no language chosen yet), and down() takes
 * the new columns away again without losing a row.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('keeps every user and every term label across the language migrations, both ways', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(UserLanguage1796179888912));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM pragma_table_info('user') WHERE name = 'language'`).pluck().get()).toBe(0);

  db.prepare(`INSERT INTO "user" (email, name, role, password_hash, disabled) VALUES ('old@example.org', 'Old Researcher', 'researcher', 'x', 0)`).run();
  db.prepare(`UPDATE vocab_term SET label_ru = 'Избиение (правка)' WHERE vocabulary = 'torture_method' AND code = 'beating'`).run();
  const before = db.prepare(`SELECT vocabulary, code, label_en, label_ru FROM vocab_term ORDER BY vocabulary, code`).all();
  const users = db.prepare(`SELECT id, email, name, role, password_hash FROM "user" ORDER BY id`).all();
  expect(before.length).toBeGreaterThan(100);

  await t.ds.runMigrations({ transaction: 'each' });
  expect(db.prepare(`SELECT vocabulary, code, label_en, label_ru FROM vocab_term ORDER BY vocabulary, code`).all()).toEqual(before);
  expect(db.prepare(`SELECT id, email, name, role, password_hash FROM "user" ORDER BY id`).all()).toEqual(users);
  expect(db.prepare(`SELECT language FROM "user" WHERE email = 'old@example.org'`).pluck().get()).toBeNull();
  // A term with only a Russian label is allowed now; one with neither is not.
  db.prepare(`UPDATE vocab_term SET label_en = NULL WHERE vocabulary = 'torture_method' AND code = 'beating'`).run();
  expect(() => db.prepare(`UPDATE vocab_term SET label_en = NULL, label_ru = NULL WHERE vocabulary = 'torture_method' AND code = 'falanga'`).run()).toThrow();

  // down(): the English label is filled from the Russian one, so no term loses its label.
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT label_en FROM vocab_term WHERE vocabulary = 'torture_method' AND code = 'beating'`).pluck().get()).toBe('Избиение (правка)');
  expect(db.prepare(`SELECT count(*) FROM vocab_term`).pluck().get()).toBe(before.length);
  expect(db.prepare(`SELECT count(*) FROM "user"`).pluck().get()).toBe(users.length);
  await t.ds.runMigrations({ transaction: 'each' });
});
