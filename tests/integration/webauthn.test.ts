import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { TestApp, makeUser, signIn, startTestApp, hiddenField, Agent, PASSWORD } from '../support/app';
import { enrolTotp, passwordStep, recoveryCodesOnPage, totpCode } from '../support/second-factor';
import { ORIGIN, SoftKey, optionsOnPage } from '../support/webauthn';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { clock } from '../../src/second-factor/clock';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { RecoveryCode } from '../../src/second-factor/second-factor.entity';
import { WebauthnChallenge, WebauthnCredential } from '../../src/second-factor/webauthn.entity';
import { Session } from '../../src/sessions/session.entity';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { createApiToken } from '../../src/tokens/token.service';
import { User } from '../../src/users/user.entity';

/**
 * Issue 14, security keys and passkeys. A key in software (tests/support/webauthn.ts) answers
 * the ceremonies the pages hand out; the origin is configured (CASEBOOK_ORIGIN) so the answers
 * are checked against it as in production. Lawyers must use a second factor here.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ CASEBOOK_ORIGIN: ORIGIN }, { secondFactorRoles: ['lawyer'] });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await t.close();
});

const actions = async (userId: number) => (await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'user', recordId: String(userId) }, order: { seq: 'ASC' } })).map((e) => e.action);
const lastDetail = async (userId: number, action: string): Promise<Record<string, unknown> | undefined> => {
  const entry = await t.ds.getRepository(AuditEntry).findOne({ where: { recordType: 'user', recordId: String(userId), action }, order: { seq: 'DESC' } });
  return entry ? JSON.parse(entry.detail) : undefined;
};
const stale = (userId: number) => t.ds.getRepository(Session).update({ userId }, { authenticatedAt: new Date(Date.now() - 11 * 60_000) });

async function addKey(agent: Agent, csrf: string, key: SoftKey, name = 'Blue key, office') {
  const page = await agent.get('/account/second-factor/keys/new').expect(200);
  const options = optionsOnPage<PublicKeyCredentialCreationOptionsJSON>(page.text);
  return agent.post('/account/second-factor/keys').type('form').send({ _csrf: csrf, name, credential: JSON.stringify(key.register(options, ORIGIN)) });
}

/** A user whose only second factor is one key; its registration showed the recovery codes. */
async function keyUser(role: 'researcher' | 'lawyer' | 'admin' = 'researcher') {
  const user = await makeUser(t.ds, role);
  const { agent, csrf } = await signIn(t.app, user.email);
  const key = new SoftKey();
  const res = await addKey(agent, csrf, key);
  expect(res.status).toBe(201);
  return { user, key, agent, csrf, codes: recoveryCodesOnPage(res.text) };
}

/** Password step, then the second-step page with its key options. */
async function keyStep(email: string) {
  const step = await passwordStep(t.app, email);
  expect(step.location).toBe('/login/second-factor');
  const page = await step.agent.get('/login/second-factor').expect(200);
  return { ...step, page, options: optionsOnPage(page.text) };
}
const postKey = (agent: Agent, loginCsrf: string, answer: unknown) =>
  agent.post('/login/second-factor/key').type('form').send({ _csrf: loginCsrf, credential: typeof answer === 'string' ? answer : JSON.stringify(answer) });
const signedIn = async (agent: Agent) => (await agent.get('/cases')).status === 200;

describe('registering keys', () => {
  it('adds a key as the first factor: ten recovery codes shown once, the key listed with name, date and no use yet; audited', async () => {
    const { user, key, agent, codes } = await keyUser();
    expect(codes).toHaveLength(10);
    expect(await t.ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(10);
    const row = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id });
    expect(row.credentialId).toBe(key.id);
    expect(row.name).toBe('Blue key, office');
    const overview = await agent.get('/account/second-factor').expect(200);
    expect(overview.text).toContain('Blue key, office');
    expect(overview.text).toContain('not yet');
    expect(overview.text).toContain('10 unused recovery codes left.');
    expect(overview.text).not.toContain(key.id);
    expect((await agent.get('/account').expect(200)).text).toContain('10 unused recovery codes left.');
    expect(await actions(user.id)).toContain('auth.webauthn_registered');
    // The registration challenge was used up.
    expect(await t.ds.getRepository(WebauthnChallenge).countBy({ userId: user.id, purpose: 'register' })).toBe(0);
  });

  it('adds a second key without new recovery codes; refuses the same key twice, a replayed answer, another origin and a missing name', async () => {
    const { user, key, agent, csrf } = await keyUser();
    const second = await addKey(agent, csrf, new SoftKey(), 'Spare key');
    expect(second.status).toBe(303);
    expect(recoveryCodesOnPage((await agent.get('/account/second-factor')).text)).toEqual([]);
    expect(await t.ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(10);

    const again = await addKey(agent, csrf, key, 'Same key');
    expect(again.status).toBe(422);
    expect(again.text).toContain('This key is already added to an account.');

    const page = await agent.get('/account/second-factor/keys/new').expect(200);
    const options = optionsOnPage<PublicKeyCredentialCreationOptionsJSON>(page.text);
    const third = new SoftKey();
    const answer = JSON.stringify(third.register(options, ORIGIN));
    const noName = await agent.post('/account/second-factor/keys').type('form').send({ _csrf: csrf, name: '   ', credential: answer });
    expect(noName.status).toBe(422);
    expect(noName.text).toContain('Give the key a name.');
    // The refused form did not use the challenge, but the page it showed again made a new one.
    const replay = await agent.post('/account/second-factor/keys').type('form').send({ _csrf: csrf, name: 'Third', credential: answer });
    expect(replay.status).toBe(422);
    expect(replay.text).toContain('not valid for this page');

    const fresh = optionsOnPage<PublicKeyCredentialCreationOptionsJSON>((await agent.get('/account/second-factor/keys/new')).text);
    const offsite = await agent.post('/account/second-factor/keys').type('form').send({ _csrf: csrf, name: 'Third', credential: JSON.stringify(third.register(fresh, 'https://casebook.evil.example')) });
    expect(offsite.status).toBe(422);
    expect(offsite.text).toContain('another web address');
    expect(await t.ds.getRepository(WebauthnCredential).countBy({ userId: user.id })).toBe(2);
    expect(await actions(user.id)).toContain('auth.webauthn_register_failed');
  });

  it('takes hostile names as typed within the length limit and shows them escaped', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent, csrf } = await signIn(t.app, user.email);
    const names = BLNS_NON_BLANK.filter((s, i) => s.length <= 100 && i % 12 === 0);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const res = await addKey(agent, csrf, new SoftKey(), name);
      expect([201, 303]).toContain(res.status);
    }
    const stored = (await t.ds.getRepository(WebauthnCredential).find({ where: { userId: user.id }, order: { id: 'ASC' } })).map((k) => k.name);
    expect(stored).toEqual(names);
    const page = (await agent.get('/account/second-factor').expect(200)).text;
    for (const name of names) expect(page).toContain(escapeHtml(name));
    expect(page).not.toContain('<script>alert(0)</script>');
    const long = await addKey(agent, csrf, new SoftKey(), 'к'.repeat(101));
    expect(long.status).toBe(422);
    expect(long.text).toContain('at most 100 characters');
  });

  it('counts as the second factor a role must use', async () => {
    const lawyer = await makeUser(t.ds, 'lawyer');
    const { agent, csrf } = await signIn(t.app, lawyer.email);
    expect((await agent.get('/cases')).headers.location).toBe('/account/second-factor/totp?required=1');
    const page = await agent.get('/account/second-factor/keys/new').expect(200);
    expect(page.text).toContain('Your role must use a second factor');
    expect((await addKey(agent, csrf, new SoftKey())).status).toBe(201);
    expect(await signedIn(agent)).toBe(true);
  });
});

describe('signing in with a key', () => {
  it('signs in with password and key, records the counter and the use', async () => {
    const { user, key } = await keyUser();
    const step = await keyStep(user.email);
    // Key only: the code field takes a recovery code.
    expect(step.page.text).toContain('Use my key');
    expect(step.page.text).toContain('Recovery code');
    expect(step.page.text).toContain('needs JavaScript');
    expect(step.options.allowCredentials?.map((c) => c.id)).toEqual([key.id]);
    expect(await signedIn(step.agent)).toBe(false);
    const res = await postKey(step.agent, step.loginCsrf, key.assert(step.options, ORIGIN));
    expect(res.status).toBe(303);
    expect(await signedIn(step.agent)).toBe(true);
    const row = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id });
    expect(row.counter).toBe(1);
    expect(row.lastUsedAt).not.toBeNull();
    expect(await actions(user.id)).toEqual(expect.arrayContaining(['auth.webauthn_used', 'auth.login']));
    expect(await lastDetail(user.id, 'auth.login')).toEqual({ secondFactor: 'webauthn' });
  });

  it('refuses a replayed answer, another origin or rp id, another user\'s key, a counter gone back, an expired challenge and malformed answers, changing nothing', async () => {
    const { user, key } = await keyUser();
    const other = await keyUser();
    const first = await keyStep(user.email);
    const used = key.assert(first.options, ORIGIN);
    await postKey(first.agent, first.loginCsrf, used).expect(303);

    const refused = async (answer: (s: Awaited<ReturnType<typeof keyStep>>) => unknown, message: string) => {
      const s = await keyStep(user.email);
      const before = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id });
      const res = await postKey(s.agent, s.loginCsrf, answer(s));
      expect(res.status).toBe(401);
      expect(res.text).toContain(message);
      expect(await signedIn(s.agent)).toBe(false);
      const after = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id });
      expect(after.counter).toBe(before.counter);
      // The page answers again with a fresh challenge to try once more.
      expect(optionsOnPage(res.text).challenge).not.toBe(s.options.challenge);
    };
    await refused(() => used, 'not valid for this page');
    await refused((s) => key.assert(s.options, 'http://localhost:4000'), 'another web address');
    await refused((s) => other.key.assert(s.options, ORIGIN), 'not one of the keys added to this account');
    await refused((s) => key.assert(s.options, ORIGIN, { counter: 1 }), 'counter went backwards');
    // A success in between resets the count of failures towards the lock.
    const ok = await keyStep(user.email);
    await postKey(ok.agent, ok.loginCsrf, key.assert(ok.options, ORIGIN, { counter: 10 })).expect(303);
    await refused((s) => key.assert(s.options, ORIGIN, { rpId: 'evil.example' }), 'could not be verified');
    await refused(() => '{"id": "x", "rawId": ', 'could not be read');
    await refused(() => 'x'.repeat(20_000), 'could not be read');
    const expired = await keyStep(user.email);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + 6 * 60_000));
    try {
      const res = await postKey(expired.agent, expired.loginCsrf, key.assert(expired.options, ORIGIN));
      expect(res.status).toBe(401);
      expect(res.text).toContain('waited too long');
    } finally {
      jest.restoreAllMocks();
    }
    const failures = (await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'user', recordId: String(user.id), action: 'auth.second_factor_failed' }, order: { seq: 'ASC' } })).map((e) => JSON.parse(e.detail).reason);
    expect(failures).toEqual(['challenge', 'origin', 'unknownKey', 'counter', 'invalid', 'malformed', 'malformed', 'expired']);
    // A body far over the form limit is refused before anything is read; so is JSON that is not JSON.
    const reset = await keyStep(user.email);
    await postKey(reset.agent, reset.loginCsrf, key.assert(reset.options, ORIGIN)).expect(303);
    const counterBefore = (await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id })).counter;
    const huge = await keyStep(user.email);
    expect((await postKey(huge.agent, huge.loginCsrf, 'x'.repeat(300_000))).status).toBe(413);
    const broken = await huge.agent.post('/login/second-factor/key').set('Content-Type', 'application/json').send('{"_csrf": "' + huge.loginCsrf + '", "credential": {');
    expect(broken.status).toBe(400);
    // A JSON body whose answer is an object rather than the text the page sends: not read as one.
    const asObject = await huge.agent.post('/login/second-factor/key').send({ _csrf: huge.loginCsrf, credential: key.assert(huge.options, ORIGIN) });
    expect(asObject.status).toBe(401);
    expect(asObject.text).toContain('could not be read');
    expect(await signedIn(huge.agent)).toBe(false);
    expect((await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id })).counter).toBe(counterBefore);
  });

  it('locks the second step after five failed key answers', async () => {
    const { user, key } = await keyUser();
    let s = await keyStep(user.email);
    for (let i = 0; i < 4; i++) expect((await postKey(s.agent, s.loginCsrf, 'null')).status).toBe(401);
    const locked = await postKey(s.agent, s.loginCsrf, 'null');
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('locked for 15 minutes');
    s = await keyStep(user.email);
    expect((await postKey(s.agent, s.loginCsrf, key.assert(s.options, ORIGIN))).status).toBe(429);
    expect(await signedIn(s.agent)).toBe(false);
  });

  it('lets a user with an app and a key choose either', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent, csrf } = await signIn(t.app, user.email);
    // Codes are checked against a clock pinned to the middle of a 30-second step.
    const base = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(base));
    const { secret, recoveryCodes } = await enrolTotp(agent, csrf, new Date(base - 30_000));
    const key = new SoftKey();
    expect((await addKey(agent, csrf, key)).status).toBe(303);
    // The app's recovery codes still stand.
    expect(await t.ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(10);
    const withKey = await keyStep(user.email);
    expect(withKey.page.text).toContain('Use my key');
    expect(withKey.page.text).toContain('Or with a code');
    await postKey(withKey.agent, withKey.loginCsrf, key.assert(withKey.options, ORIGIN)).expect(303);
    const withCode = await keyStep(user.email);
    await withCode.agent.post('/login/second-factor').type('form').send({ _csrf: withCode.loginCsrf, code: totpCode(secret, new Date(base)) }).expect(303);
    jest.restoreAllMocks();
    expect(await signedIn(withCode.agent)).toBe(true);
    const withRecovery = await keyStep(user.email);
    await withRecovery.agent.post('/login/second-factor').type('form').send({ _csrf: withRecovery.loginCsrf, code: recoveryCodes[0] }).expect(303);
  });

  it('takes a recovery code once from a user with keys only', async () => {
    const { user, codes } = await keyUser();
    const s1 = await keyStep(user.email);
    await s1.agent.post('/login/second-factor').type('form').send({ _csrf: s1.loginCsrf, code: codes[0] }).expect(303);
    const s2 = await keyStep(user.email);
    const twice = await s2.agent.post('/login/second-factor').type('form').send({ _csrf: s2.loginCsrf, code: codes[0] });
    expect(twice.status).toBe(401);
    expect(twice.text).toContain('already been used');
    // Six digits cannot be right without an app.
    const digits = await s2.agent.post('/login/second-factor').type('form').send({ _csrf: s2.loginCsrf, code: '123456' });
    expect(digits.status).toBe(401);
    expect(await signedIn(s2.agent)).toBe(false);
  });
});

describe('re-authentication with a key', () => {
  it('asks again before bulk downloads and /admin/security, takes the key at /reauth, and leaves API tokens alone', async () => {
    const { user, key, agent, csrf } = await keyUser('admin');
    await stale(user.id);
    for (const path of ['/exports/cases.csv', '/exports/people-excel.csv?q=x', '/cases/1/evidence/bundle', '/cases/1/dossier.pdf', '/admin/security', '/admin/users']) {
      const res = await agent.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/reauth?next=${encodeURIComponent(path)}`);
    }
    // The export form and the reports stay open; the API from this browser says why it refuses.
    expect((await agent.get('/exports')).status).toBe(200);
    expect((await agent.get('/reports')).status).toBe(200);
    const api = await agent.get('/api/v1/exports/cases');
    expect(api.status).toBe(403);
    expect(JSON.stringify(api.body)).toContain('reauth_required');
    const { token } = await createApiToken(t.ds, CLI_ACTOR, user.id, 'scripts');
    await agent.get('/api/v1/exports/cases').set('Authorization', `Bearer ${token}`).expect(200);

    const page = await agent.get('/reauth?next=%2Fexports%2Fcases.csv').expect(200);
    expect(page.text).toContain('Confirm with my key');
    const options = optionsOnPage(page.text);
    const wrongPassword = await agent.post('/reauth').type('form').send({ _csrf: csrf, password: 'not the password', credential: JSON.stringify(key.assert(options, ORIGIN)), next: '/exports/cases.csv' });
    expect(wrongPassword.status).toBe(422);
    const fresh = optionsOnPage((await agent.get('/reauth?next=%2Fexports%2Fcases.csv')).text);
    const offsite = await agent.post('/reauth').type('form').send({ _csrf: csrf, password: PASSWORD, credential: JSON.stringify(key.assert(fresh, 'http://localhost:1')), next: '/exports/cases.csv' });
    expect(offsite.status).toBe(422);
    expect(offsite.text).toContain('another web address');
    const again = optionsOnPage((await agent.get('/reauth?next=%2Fexports%2Fcases.csv')).text);
    const ok = await agent.post('/reauth').type('form').send({ _csrf: csrf, password: PASSWORD, credential: JSON.stringify(key.assert(again, ORIGIN)), next: '/exports/cases.csv' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/exports/cases.csv');
    expect((await agent.get('/exports/cases.csv')).status).toBe(200);
    expect((await agent.get('/admin/security')).status).toBe(200);
    expect(await lastDetail(user.id, 'auth.reauthenticated')).toEqual({ secondFactor: 'webauthn' });
    // A sign-in challenge is no use for re-authentication (bound to its purpose and session).
    const signInStep = await keyStep(user.email);
    await stale(user.id);
    const crossed = await agent.post('/reauth').type('form').send({ _csrf: csrf, password: PASSWORD, credential: JSON.stringify(key.assert(signInStep.options, ORIGIN)), next: '/' });
    expect(crossed.status).toBe(422);
    expect(crossed.text).toContain('not valid for this page');
  });
});

describe('removing keys, new recovery codes, admin reset', () => {
  it('removes a key only after a recent check; the last one takes the recovery codes with it', async () => {
    const { user, key, agent, csrf } = await keyUser('lawyer');
    const row = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id });
    await stale(user.id);
    const asked = await agent.post(`/account/second-factor/keys/${row.id}/remove`).type('form').set('Referer', `http://127.0.0.1/account/second-factor/keys/${row.id}/remove`).send({ _csrf: csrf });
    expect(asked.status).toBe(303);
    expect(asked.headers.location).toMatch(/^\/reauth\?next=/);
    // Adding a key asks too: a session taken over cannot plant its own key.
    expect((await agent.get('/account/second-factor/keys/new')).headers.location).toBe('/reauth?next=%2Faccount%2Fsecond-factor%2Fkeys%2Fnew');
    expect((await agent.post('/account/second-factor/keys').type('form').send({ _csrf: csrf, name: 'Planted', credential: '{}' })).status).toBe(303);
    expect(await t.ds.getRepository(WebauthnCredential).countBy({ userId: user.id })).toBe(1);
    const options = optionsOnPage((await agent.get('/reauth').expect(200)).text);
    await agent.post('/reauth').type('form').send({ _csrf: csrf, password: PASSWORD, credential: JSON.stringify(key.assert(options, ORIGIN)), next: '/' }).expect(303);
    const confirm = await agent.get(`/account/second-factor/keys/${row.id}/remove`).expect(200);
    expect(confirm.text).toContain('Blue key, office');
    // Someone else's key is not found, and nothing is removed.
    const otherUser = await keyUser();
    const otherKey = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: otherUser.user.id });
    expect((await agent.post(`/account/second-factor/keys/${otherKey.id}/remove`).type('form').send({ _csrf: csrf })).status).toBe(404);
    const done = await agent.post(`/account/second-factor/keys/${row.id}/remove`).type('form').send({ _csrf: csrf });
    expect(done.status).toBe(303);
    // A lawyer must have a second factor: sent to set one up again.
    expect(done.headers.location).toBe('/account/second-factor/totp?required=1');
    expect(await t.ds.getRepository(WebauthnCredential).countBy({ userId: user.id })).toBe(0);
    expect(await t.ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(0);
    expect(await t.ds.getRepository(WebauthnCredential).countBy({ userId: otherUser.user.id })).toBe(1);
    expect(await actions(user.id)).toContain('auth.webauthn_removed');
  });

  it('makes a new set of recovery codes after a recent check, shown once; the old set stops working', async () => {
    const { user, key, agent, csrf, codes } = await keyUser();
    await stale(user.id);
    expect((await agent.get('/account/second-factor/recovery-codes')).headers.location).toBe('/reauth?next=%2Faccount%2Fsecond-factor%2Frecovery-codes');
    const options = optionsOnPage((await agent.get('/reauth').expect(200)).text);
    await agent.post('/reauth').type('form').send({ _csrf: csrf, password: PASSWORD, credential: JSON.stringify(key.assert(options, ORIGIN)), next: '/account/second-factor/recovery-codes' }).expect(303);
    const page = await agent.get('/account/second-factor/recovery-codes').expect(200);
    expect(page.text).toContain('10 unused recovery codes left.');
    const made = await agent.post('/account/second-factor/recovery-codes').type('form').send({ _csrf: csrf });
    expect(made.status).toBe(201);
    const fresh = recoveryCodesOnPage(made.text);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    expect(recoveryCodesOnPage((await agent.get('/account/second-factor')).text)).toEqual([]);
    expect(await lastDetail(user.id, 'auth.recovery_codes_regenerated')).toEqual({ count: 10, unusedBefore: 10 });
    const old = await keyStep(user.email);
    const refused = await old.agent.post('/login/second-factor').type('form').send({ _csrf: old.loginCsrf, code: codes[1] });
    expect(refused.status).toBe(401);
    await old.agent.post('/login/second-factor').type('form').send({ _csrf: old.loginCsrf, code: fresh[1] }).expect(303);
    expect((await old.agent.get('/account').expect(200)).text).toContain('9 unused recovery codes left.');
  });

  it('an admin reset removes the keys too, audited', async () => {
    const { user } = await keyUser();
    const admin = await makeUser(t.ds, 'admin');
    const { agent, csrf } = await signIn(t.app, admin.email);
    const userPage = await agent.get(`/admin/users/${user.id}`).expect(200);
    expect(userPage.text).toContain('1 security key or passkey.');
    await agent.post(`/admin/users/${user.id}/second-factor/reset`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await t.ds.getRepository(WebauthnCredential).countBy({ userId: user.id })).toBe(0);
    expect(await t.ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(0);
    expect(await lastDetail(user.id, 'auth.second_factor_reset')).toEqual({ factors: 0, keys: 1, sessionsEnded: 1 });
    // Signs in with the password alone now.
    const step = await passwordStep(t.app, user.email);
    expect(step.location).toBe('/');
    expect(await t.ds.getRepository(User).countBy({ id: user.id })).toBe(1);
  });
});
