import request from 'supertest';
import type { Database } from 'better-sqlite3';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { rawDb } from '../../src/search/sqlite';
import { hasDrift, searchIndexDrift } from '../../src/search/search-index';

/**
 * A name written in free text is found from any spelling of it, as names are: the evidence whose
 * provenance says "Rasul Kudaev" is found by Кудаев, and the one whose provenance says
 * "Кудаев Р." by Kudaev, Kudayev or Koudaev: every spelling finds the same records. Permissions
 * hold: restricted cases stay hidden, and a protected person's name finds nothing through free
 * text for users not cleared for them, in any spelling.
 */
let t: TestApp;
let db: Database;
const bearer: Record<string, string> = {};
const ids: Record<string, number> = {};

const evidence = (caseId: number, title: string, receivedFrom: string) =>
  Number(db.prepare(`INSERT INTO evidence_item (case_id, type, title, received_from) VALUES (?, 'photo', ?, ?)`).run(caseId, title, receivedFrom).lastInsertRowid);
const search = async (who: string, q: string, kind?: string) => {
  const res = await request(t.app).get('/api/v1/search').query(kind ? { q, kind } : { q }).set('Authorization', bearer[who]).expect(200);
  return (res.body.data as { kind: string; id: number }[]).map((h) => `${h.kind} ${h.id}`).sort();
};

beforeAll(async () => {
  t = await startTestApp();
  db = rawDb(t.ds);
  const admin = await makeUser(t.ds, 'admin');
  for (const role of ['researcher', 'viewer'] as const) bearer[role] = `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, role)).id, role)).token}`;
  bearer.admin = `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, admin.id, 'admin')).token}`;
  const open = Number(db.prepare(`INSERT INTO case_record (code, title, status, restricted) VALUES ('RU-2006-0001', 'Detention in Nalchik', 'open', 0)`).run().lastInsertRowid);
  const restricted = Number(db.prepare(`INSERT INTO case_record (code, title, status, restricted) VALUES ('RU-2006-0002', 'Witness file', 'open', 1)`).run().lastInsertRowid);
  ids.latin = evidence(open, 'Photos of injuries', 'Rasul Kudaev (via his mother)');
  ids.cyrillic = evidence(open, 'Medical certificate', 'Кудаев Р., адвокат');
  ids.german = evidence(open, 'Press photo', 'Archiv Kudajew');
  ids.hidden = evidence(restricted, 'Letter', 'Rasul Kudaev');
  ids.other = evidence(open, 'Court record', 'Ivan Petrov');
  const secret = (await insertPerson(t.ds, 'Zarema Hiddenova', { protectedIdentity: true, createdById: admin.id })).id;
  await insertParticipant(t.ds, restricted, secret, 'witness');
  ids.protectedText = evidence(open, 'Recording', 'Зарема Хидденова');
});
afterAll(() => t.close());

it('finds Latin-spelled provenance from a Cyrillic name, Cyrillic provenance from a Latin one: every spelling the same records', async () => {
  const expected = [ids.latin, ids.cyrillic, ids.german].map((id) => `evidence ${id}`).sort();
  for (const q of ['Кудаев', 'Kudaev', 'Kudayev', 'Koudaev', 'KUDAJEW']) expect([q, await search('researcher', q, 'evidence')]).toEqual([q, expected]);
  // Two words: the given name and the surname, both by key (Расул -> rasul).
  expect(await search('researcher', 'Расул Кудаев', 'evidence')).toEqual([`evidence ${ids.latin}`]);
  // A restricted case's evidence is found only by those who may see it.
  expect(await search('admin', 'Кудаев', 'evidence')).toEqual([...expected, `evidence ${ids.hidden}`].sort());
  expect(hasDrift(searchIndexDrift(db))).toBe(false);
});

it('a protected name in free text finds nothing for users not cleared for the person, in any spelling', async () => {
  for (const q of ['Hiddenova', 'Хидденова', 'Khiddenova']) {
    expect(await search('viewer', q)).toEqual([]);
    expect(await search('researcher', q, 'evidence')).toEqual([]);
  }
  expect(await search('admin', 'Hiddenova', 'evidence')).toEqual([`evidence ${ids.protectedText}`]);
});

it('keeps the keys of free text current when the text changes', async () => {
  db.prepare(`UPDATE evidence_item SET received_from = 'Timur Chatschukajew' WHERE id = ?`).run(ids.other);
  expect(await search('researcher', 'Хачукаев', 'evidence')).toEqual([`evidence ${ids.other}`]);
  expect(await search('researcher', 'Petrov', 'evidence')).toEqual([]);
});
