import fs from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { openDatabase } from '../../src/db/data-source';
import { createApp } from '../../src/app';
import { NameKeysAndMerges1796167480483 } from '../../migrations/sqlite/1796167480483-NameKeysAndMerges';
import { MATCH_KEY_VERSION, ensureMatchKeys } from '../../src/people/match-keys';
import { matchKey } from '../../src/people/transliterate';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * A database whose names were keyed under the spelling rules before issue 11 (German
 * Chatschukajew kept the key "chachukaev", which no Cyrillic query reaches) is re-keyed when it
 * is opened after NameKeysAndMerges: every stored key is the current rules', the search index
 * holds them, and the Cyrillic name finds the German spelling. Opening it again changes nothing.
 */
let t: TestApp;
let reopened: DataSource | undefined;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  if (reopened?.isInitialized) await reopened.destroy();
  await t.close();
});

it('re-keys the stored names of an older database on start, and the search finds them by the new keys', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(NameKeysAndMerges1796167480483));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'name_key_state'`).pluck().get()).toBe(0);

  // Names as the earlier rules keyed them.
  const personId = Number(db.prepare(`INSERT INTO person (primary_name, gender, protected_identity) VALUES ('Chatschukajew', 'male', 0)`).run().lastInsertRowid);
  db.prepare(`INSERT INTO person_name (person_id, name, kind, name_latin, match_key) VALUES (?, 'Chatschukajew', 'primary', 'chatschukajew', 'chachukaev')`).run(personId);
  db.prepare(`INSERT INTO person_name (person_id, name, kind, name_latin, match_key) VALUES (?, 'Čečetkin Ivan', 'alias', 'cecetkin ivan', 'ivan kekatkin')`).run(personId);
  const institutionId = Number(db.prepare(`INSERT INTO institution (name, name_latin, match_key, type) VALUES ('Polizeirevier Zentralny', 'polizeirevier zentralny', 'polizeirevier zentralni', 'police')`).run().lastInsertRowid);
  db.prepare(`INSERT INTO institution_alias (institution_id, name, name_latin, match_key) VALUES (?, 'Otdel Tschetschotkina', 'otdel tschetschotkina', 'chechotkina otdel')`).run(institutionId);
  expect(db.prepare(`SELECT count(*) FROM search_index WHERE search_index MATCH 'names : hachukaev'`).pluck().get()).toBe(0);

  await t.ds.destroy();
  reopened = await openDatabase({ databasePath: t.config.databasePath });
  const after = rawDb(reopened);
  expect(after.prepare('SELECT version FROM name_key_state').pluck().get()).toBe(MATCH_KEY_VERSION);
  expect(after.prepare('SELECT name, match_key AS key FROM person_name ORDER BY id').all()).toEqual([
    { name: 'Chatschukajew', key: matchKey('Хачукаев') },
    { name: 'Čečetkin Ivan', key: matchKey('Иван Чечёткин') },
  ]);
  expect(after.prepare('SELECT match_key FROM institution_alias').pluck().get()).toBe(matchKey('Отдел Чечёткина'));
  expect(after.prepare('SELECT name, name_latin FROM institution').get()).toEqual({ name: 'Polizeirevier Zentralny', name_latin: 'polizeirevier zentralny' });

  const app = createApp({ ds: reopened, config: t.config });
  const user = await makeUser(reopened, 'researcher');
  const auth = `Bearer ${(await createApiToken(reopened, CLI_ACTOR, user.id, 't')).token}`;
  for (const q of ['Хачукаев', 'Khachukaev', 'Чечёткин']) {
    const res = await request(app).get('/api/v1/search').query({ q }).set('Authorization', auth).expect(200);
    expect(res.body.data.map((h: { kind: string; id: number }) => `${h.kind} ${h.id}`)).toContain(`person ${personId}`);
    const picker = await request(app).get('/api/v1/people').query({ q }).set('Authorization', auth).expect(200);
    expect(picker.body.data.map((p: { id: number }) => p.id)).toEqual([personId]);
  }
  const institutions = await request(app).get('/api/v1/institutions').query({ q: 'Чечёткина' }).set('Authorization', auth).expect(200);
  expect(institutions.body.data.map((i: { id: number }) => i.id)).toEqual([institutionId]);

  // Current keys: opening again re-keys nothing.
  expect(await ensureMatchKeys(reopened)).toEqual({ rekeyed: false, changed: 0, ms: 0 });
  expect(fs.existsSync(t.config.databasePath)).toBe(true);
});
