import { TestApp, makeUser, signIn, startTestApp, hiddenField, Agent } from '../support/app';
import { enrolTotp, passwordStep, totpCode } from '../support/second-factor';
import { clock } from '../../src/second-factor/clock';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { RecoveryCode, SecondFactor } from '../../src/second-factor/second-factor.entity';
import { Session } from '../../src/sessions/session.entity';

/**
 * Issue 14, second factor (TOTP). The clock codes are checked against is pinned to the middle of
 * a 30-second step (second-factor/clock.ts), so drift, expiry and replay never depend on when
 * the test happens to run.
 */
let t: TestApp;
const STEP = 30_000;
let base: number;
const at = (steps: number) => new Date(base + steps * STEP);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  jest.restoreAllMocks();
  await t.close();
});
beforeEach(() => {
  base = Math.floor(Date.now() / STEP) * STEP + STEP / 2;
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(base));
});

function secondStep(agent: Agent, loginCsrf: string, code: string) {
  return agent.post('/login/second-factor').type('form').send({ _csrf: loginCsrf, code });
}
const actions = async (userId: number) => (await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'user', recordId: String(userId) }, order: { seq: 'ASC' } })).map((e) => e.action);

/** A user with TOTP enrolled at step -1 (so the current step is still unused). */
async function enrolled(role: 'researcher' | 'lawyer' | 'admin' = 'researcher') {
  const user = await makeUser(t.ds, role);
  const { agent, csrf } = await signIn(t.app, user.email);
  const factor = await enrolTotp(agent, csrf, at(-1));
  return { user, ...factor };
}

describe('enrolment', () => {
  it('shows a server-drawn QR and the key, confirms with one code, shows ten recovery codes once, and never shows the secret again', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent, csrf } = await signIn(t.app, user.email);
    const page = await agent.get('/account/second-factor/totp').expect(200);
    expect(page.text).toMatch(/<img class="totp-qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(page.text)![1], 'base64').toString();
    expect(svg).toContain('<svg');
    // A wrong code does not enrol.
    const wrong = await agent.post('/account/second-factor/totp').type('form').send({ _csrf: csrf, code: '000000' });
    expect(wrong.status).toBe(422);
    const { secret, recoveryCodes } = await enrolTotp(agent, csrf, at(0));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Stored: the secret sealed, the codes as hashes only.
    const row = await t.ds.getRepository(SecondFactor).findOneByOrFail({ userId: user.id });
    expect(row.secretCipher).not.toContain(secret);
    expect(row.confirmedAt).not.toBeNull();
    const hashes = await t.ds.getRepository(RecoveryCode).findBy({ userId: user.id });
    expect(hashes).toHaveLength(10);
    for (const c of recoveryCodes) expect(hashes.map((h) => h.codeHash)).not.toContain(c);
    // The enrolment page now leads to the overview, which never shows the key.
    const again = await agent.get('/account/second-factor/totp');
    expect(again.status).toBe(303);
    const overview = await agent.get('/account/second-factor').expect(200);
    expect(overview.text).not.toContain(secret.slice(0, 8));
    expect(overview.text).toContain('10');
    expect(await actions(user.id)).toContain('auth.second_factor_enrolled');
  });
});

describe('signing in with the second factor', () => {
  it('asks for the code after the right password, with no session before it', async () => {
    const { user, secret } = await enrolled();
    const step = await passwordStep(t.app, user.email);
    expect(step.status).toBe(303);
    expect(step.location).toBe('/login/second-factor');
    // No session yet: pages still send to the login form.
    expect((await step.agent.get('/cases')).headers.location).toMatch(/^\/login/);
    expect((await step.agent.get('/login/second-factor')).status).toBe(200);
    const ok = await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(0)));
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/');
    expect((await step.agent.get('/').expect(200)).text).toContain(user.name);
    const trail = await actions(user.id);
    expect(trail).toContain('auth.second_factor_asked');
    expect(trail[trail.length - 1]).toBe('auth.login');
  });

  it('accepts one step of drift either way, refuses an expired code and a replayed one', async () => {
    const { user, secret } = await enrolled();
    let step = await passwordStep(t.app, user.email);
    const expired = await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(-3)));
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('This code has expired');
    const early = await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(3)));
    expect(early.status).toBe(401);
    expect(early.text).toContain('This code is not right');
    // One step ahead (the phone's clock fast) is accepted.
    expect((await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(1)))).status).toBe(303);
    // The same code again, or the code of an earlier step, is refused.
    step = await passwordStep(t.app, user.email);
    const replayed = await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(1)));
    expect(replayed.status).toBe(401);
    expect(replayed.text).toContain('already been used');
    expect((await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(0)))).status).toBe(401);
    const failures = await t.ds.getRepository(AuditEntry).findBy({ recordId: String(user.id), action: 'auth.second_factor_failed' });
    expect(failures.map((f) => JSON.parse(f.detail).reason).sort()).toEqual(['expired', 'replayed', 'replayed', 'wrong']);
  });

  it('locks the second step after 5 wrong codes, even for the right one, and the sign-ins page shows it', async () => {
    const { user, secret } = await enrolled();
    const step = await passwordStep(t.app, user.email);
    for (let i = 0; i < 4; i++) expect((await secondStep(step.agent, step.loginCsrf, String(100000 + i))).status).toBe(401);
    const fifth = await secondStep(step.agent, step.loginCsrf, '999999');
    expect(fifth.status).toBe(429);
    expect(fifth.text).toContain('Too many wrong codes');
    // The pending sign-in ended; with the password again, the right code is still refused.
    expect((await step.agent.get('/login/second-factor')).headers.location).toBe('/login?expired=1');
    const again = await passwordStep(t.app, user.email);
    const right = await secondStep(again.agent, again.loginCsrf, totpCode(secret, at(0)));
    expect(right.status).toBe(429);
    expect(await t.ds.getRepository(Session).countBy({ userId: user.id })).toBe(1); // only the enrolment's
    // After 15 minutes, the code works.
    base += 16 * 60_000;
    const later = await passwordStep(t.app, user.email);
    expect((await secondStep(later.agent, later.loginCsrf, totpCode(secret, at(0)))).status).toBe(303);
    const page = await later.agent.get('/account/sessions').expect(200);
    expect(page.text).toContain('Refused: too many wrong codes');
    expect(page.text).toContain('Wrong second-factor code');
    expect(page.text).toContain('Password right, no code given yet');
  });

  it('takes a recovery code once, then refuses it', async () => {
    const { user, recoveryCodes } = await enrolled();
    const step = await passwordStep(t.app, user.email);
    // Typed the way people type: lower case, spaces for dashes.
    expect((await secondStep(step.agent, step.loginCsrf, recoveryCodes[3].toLowerCase().replace(/-/g, ' '))).status).toBe(303);
    const again = await passwordStep(t.app, user.email);
    const reused = await secondStep(again.agent, again.loginCsrf, recoveryCodes[3]);
    expect(reused.status).toBe(401);
    expect(reused.text).toContain('This recovery code has already been used');
    expect((await secondStep(again.agent, again.loginCsrf, recoveryCodes[4])).status).toBe(303);
    expect(await t.ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(10);
    expect(await actions(user.id)).toContain('auth.recovery_code_used');
    const overview = await again.agent.get('/account/second-factor').expect(200);
    expect(overview.text).toContain('8 unused recovery codes left');
  });

  it('removes the factor only with the password and a current code', async () => {
    const { user, secret } = await enrolled();
    const step = await passwordStep(t.app, user.email);
    await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(0))).expect(303);
    const csrf = hiddenField((await step.agent.get('/account/second-factor').expect(200)).text);
    const badPassword = await step.agent.post('/account/second-factor/remove').type('form').send({ _csrf: csrf, password: 'not the password at all', code: totpCode(secret, at(1)) });
    expect(badPassword.status).toBe(422);
    const badCode = await step.agent.post('/account/second-factor/remove').type('form').send({ _csrf: csrf, password: 'correct horse battery staple', code: '123456' });
    expect(badCode.status).toBe(422);
    expect(await t.ds.getRepository(SecondFactor).countBy({ userId: user.id })).toBe(1);
    const ok = await step.agent.post('/account/second-factor/remove').type('form').send({ _csrf: csrf, password: 'correct horse battery staple', code: totpCode(secret, at(1)) });
    expect(ok.status).toBe(303);
    expect(await t.ds.getRepository(SecondFactor).countBy({ userId: user.id })).toBe(0);
    expect(await t.ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(0);
    expect((await passwordStep(t.app, user.email)).location).toBe('/');
  });
});

describe('roles that must use a second factor', () => {
  let admin: Awaited<ReturnType<typeof enrolled>>;
  let adminAgent: Agent;
  let adminCsrf: string;

  beforeAll(async () => {
    base = Math.floor(Date.now() / STEP) * STEP + STEP / 2;
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(base));
    admin = await enrolled('admin');
    const step = await passwordStep(t.app, admin.user.email);
    await secondStep(step.agent, step.loginCsrf, totpCode(admin.secret, at(0))).expect(303);
    adminAgent = step.agent;
    adminCsrf = hiddenField((await adminAgent.get('/admin/second-factor').expect(200)).text);
    await adminAgent.post('/admin/second-factor').type('form').send({ _csrf: adminCsrf, roles: ['admin', 'lawyer'] }).expect(303);
  });
  afterAll(async () => {
    await adminAgent.post('/admin/second-factor').type('form').send({ _csrf: adminCsrf }).expect(303);
  });

  it('sends a lawyer without a factor to enrolment and refuses everything else until enrolled', async () => {
    const lawyer = await makeUser(t.ds, 'lawyer');
    const step = await passwordStep(t.app, lawyer.email);
    expect(step.location).toBe('/');
    const home = await step.agent.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/account/second-factor/totp?required=1');
    expect((await step.agent.get('/cases')).headers.location).toBe('/account/second-factor/totp?required=1');
    const page = await step.agent.get('/account/second-factor/totp?required=1').expect(200);
    expect(page.text).toContain('Your role must use a second factor');
    const csrf = hiddenField(page.text);
    const write = await step.agent.post('/cases').type('form').send({ _csrf: csrf, title: 'x' });
    expect(write.status).toBe(403);
    await enrolTotp(step.agent, csrf, at(0));
    expect((await step.agent.get('/cases')).status).toBe(200);
  });

  it('leaves a researcher (not a required role) alone, and the admin page saves the choice', async () => {
    const researcher = await makeUser(t.ds, 'researcher');
    const { agent } = await signIn(t.app, researcher.email);
    expect((await agent.get('/cases')).status).toBe(200);
    const settings = await adminAgent.get('/admin/second-factor').expect(200);
    expect(settings.text).toMatch(/value="lawyer" checked/);
    expect(settings.text).not.toMatch(/value="researcher" checked/);
    const bad = await adminAgent.post('/admin/second-factor').type('form').send({ _csrf: adminCsrf, roles: ['admin', 'superuser'] });
    expect(bad.status).toBe(422);
    expect((await agent.get('/admin/second-factor')).status).toBe(403);
  });

  it('lets an admin reset a user\'s factor: audited, sessions ended, the user told at next sign-in and sent to enrol', async () => {
    const { user, secret } = await enrolled('lawyer');
    const before = await passwordStep(t.app, user.email);
    await secondStep(before.agent, before.loginCsrf, totpCode(secret, at(0))).expect(303);
    const edit = await adminAgent.get(`/admin/users/${user.id}`).expect(200);
    expect(edit.text).toContain(`/admin/users/${user.id}/second-factor/reset`);
    await adminAgent.post(`/admin/users/${user.id}/second-factor/reset`).type('form').send({ _csrf: adminCsrf }).expect(303);
    expect(await t.ds.getRepository(SecondFactor).countBy({ userId: user.id })).toBe(0);
    expect((await before.agent.get('/cases')).headers.location).toMatch(/^\/login/);
    const reset = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'auth.second_factor_reset', recordId: String(user.id) });
    expect(reset.actorUserId).toBe(admin.user.id);
    const next = await passwordStep(t.app, user.email);
    expect(next.location).toBe('/');
    const enrol = await next.agent.get('/account/second-factor/totp?required=1').expect(200);
    expect(enrol.text).toContain('An administrator reset your second factor');
    // Told once.
    expect((await next.agent.get('/account/second-factor/totp?required=1').expect(200)).text).not.toContain('An administrator reset');
  });
});

describe('re-authentication', () => {
  it('sends to /reauth after 10 minutes for user, token and export pages, and back once password and code are confirmed', async () => {
    const { user, secret } = await enrolled('admin');
    const step = await passwordStep(t.app, user.email);
    await secondStep(step.agent, step.loginCsrf, totpCode(secret, at(0))).expect(303);
    const agent = step.agent;
    expect((await agent.get('/admin/users')).status).toBe(200);
    // Eleven minutes later (the session's check is moved back rather than the clock forward).
    await t.ds.getRepository(Session).update({ userId: user.id }, { authenticatedAt: new Date(Date.now() - 11 * 60_000) });
    for (const path of ['/admin/users', '/admin/tokens', '/admin/export', '/admin/second-factor']) {
      const res = await agent.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/reauth?next=${encodeURIComponent(path)}`);
    }
    const csrf = hiddenField((await agent.get('/account').expect(200)).text);
    const post = await agent.post('/admin/tokens').type('form').send({ _csrf: csrf, userId: String(user.id), name: 'x' });
    expect(post.status).toBe(303);
    expect(post.headers.location).toBe('/reauth?next=%2Fadmin%2Ftokens');
    const page = await agent.get('/reauth?next=%2Fadmin%2Fusers').expect(200);
    expect(page.text).toContain('name="code"');
    const noCode = await agent.post('/reauth').type('form').send({ _csrf: csrf, password: 'correct horse battery staple', next: '/admin/users' });
    expect(noCode.status).toBe(422);
    const wrongPassword = await agent.post('/reauth').type('form').send({ _csrf: csrf, password: 'wrong wrong wrong', code: totpCode(secret, at(1)), next: '/admin/users' });
    expect(wrongPassword.status).toBe(422);
    const offsite = await agent.post('/reauth').type('form').send({ _csrf: csrf, password: 'correct horse battery staple', code: totpCode(secret, at(1)), next: '//evil.example/' });
    expect(offsite.status).toBe(303);
    expect(offsite.headers.location).toBe('/');
    expect((await agent.get('/admin/users')).status).toBe(200);
    expect(await actions(user.id)).toContain('auth.reauthenticated');
  });

  it('asks only for the password of a user with no factor', async () => {
    const admin = await makeUser(t.ds, 'admin');
    const { agent, csrf } = await signIn(t.app, admin.email);
    await t.ds.getRepository(Session).update({ userId: admin.id }, { authenticatedAt: new Date(Date.now() - 11 * 60_000) });
    expect((await agent.get('/admin/users')).headers.location).toBe('/reauth?next=%2Fadmin%2Fusers');
    expect((await agent.get('/reauth').expect(200)).text).not.toContain('name="code"');
    await agent.post('/reauth').type('form').send({ _csrf: csrf, password: 'correct horse battery staple', next: '/admin/users' }).expect(303);
    expect((await agent.get('/admin/users')).status).toBe(200);
  });
});
