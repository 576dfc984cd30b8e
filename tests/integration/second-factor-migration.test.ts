import { TestApp, startTestApp, makeUser, signIn } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { SecondFactor1796198203526 } from '../../migrations/sqlite/1796198203526-SecondFactor';
import { requiredRoles } from '../../src/second-factor/second-factor.service';

/**
 * A database made with the migrations before SecondFactor (issue 14), with people signed in: the
 * migration rebuilds user_session to add authenticated_at, and must keep every session, so nobody
 * is signed out by an upgrade. Afterwards the new rule applies at once: admins and lawyers (the
 * default roles that must use a second factor) are sent to enrolment, others carry on; a session
 * from before counts as authenticated when it began. down() keeps the sessions too.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('keeps every signed-in session across the SecondFactor migration, both ways, and then asks admins to enrol', async () => {
  const db = rawDb(t.ds);
  const researcher = await signIn(t.app, (await makeUser(t.ds, 'researcher')).email);
  const admin = await signIn(t.app, (await makeUser(t.ds, 'admin')).email);
  await researcher.agent.get('/').expect(200);
  await admin.agent.get('/admin').expect(200);

  const later = migrations.slice(migrations.indexOf(SecondFactor1796198203526));
  expect(later.length).toBeGreaterThan(0);
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM pragma_table_info('user_session') WHERE name = 'authenticated_at'`).pluck().get()).toBe(0);
  const columns = 'id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, flash';
  const before = db.prepare(`SELECT ${columns} FROM user_session ORDER BY id_hash`).all();
  const users = db.prepare(`SELECT id, email, name, role, password_hash, disabled FROM "user" ORDER BY id`).all();
  expect(before.length).toBe(2);

  await t.ds.runMigrations({ transaction: 'each' });
  expect(db.prepare(`SELECT ${columns} FROM user_session ORDER BY id_hash`).all()).toEqual(before);
  expect(db.prepare(`SELECT authenticated_at FROM user_session`).pluck().all()).toEqual([null, null]);
  expect(db.prepare(`SELECT id, email, name, role, password_hash, disabled FROM "user" ORDER BY id`).all()).toEqual(users);
  expect(db.prepare(`SELECT role FROM second_factor_role ORDER BY role`).pluck().all()).toEqual(['admin', 'lawyer']);

  // Still signed in; the researcher carries on, the admin must enrol first (the server's
  // two-second cache of the roles is read afresh, as after the restart an upgrade is).
  await requiredRoles(t.ds, { fresh: true });
  await researcher.agent.get('/').expect(200);
  const sent = await admin.agent.get('/admin').expect(303);
  expect(sent.headers.location).toBe('/account/second-factor/totp?required=1');
  await admin.agent.get('/account/second-factor/totp?required=1').expect(200);

  // down() keeps them as well.
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT ${columns} FROM user_session ORDER BY id_hash`).all()).toEqual(before);
  await t.ds.runMigrations({ transaction: 'each' });
  await researcher.agent.get('/').expect(200);
});
