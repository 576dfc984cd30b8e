import request from 'supertest';
import { Agent, PASSWORD, TestApp, hiddenField, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR, verifyAudit } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Session } from '../../src/sessions/session.entity';
import { User } from '../../src/users/user.entity';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';

/**
 * Sessions and incidents (issue 14): each user sees and ends their own sessions and sees their
 * recent sign-ins, failures included; admins end every session at once and set the security
 * mode (normal, read-only, admins only), each change audited.
 */
let t: TestApp;
let admin: User;
let researcher: User;
let researcherToken: string;

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

beforeAll(async () => {
  t = await startTestApp();
  admin = await makeUser(t.ds, 'admin');
  researcher = await makeUser(t.ds, 'researcher');
  researcherToken = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token;
});
afterAll(() => t.close());

/** Signs in with a given browser. */
async function signInWith(email: string, userAgent: string): Promise<Agent> {
  const agent = request.agent(t.app);
  const page = await agent.get('/login').set('User-Agent', userAgent).expect(200);
  const res = await agent.post('/login').set('User-Agent', userAgent).type('form').send({ _csrf: hiddenField(page.text), email, password: PASSWORD, next: '/' });
  expect(res.status).toBe(303);
  return agent;
}

const signedIn = async (agent: Agent) => (await agent.get('/cases')).status === 200;

async function setMode(agent: Agent, mode: string, message = '') {
  const page = await agent.get('/admin/security').expect(200);
  return agent.post('/admin/security/mode').type('form').send({ _csrf: hiddenField(page.text), mode, message });
}

describe('your sessions and sign-ins', () => {
  it('lists each browser signed in, ends another one, and shows failed sign-ins beside successful ones', async () => {
    const someone = await makeUser(t.ds, 'lawyer');
    const page = await request(t.app).get('/login').expect(200);
    const cookie = page.headers['set-cookie'];
    await request(t.app).post('/login').set('Cookie', cookie).type('form').send({ _csrf: hiddenField(page.text), email: someone.email, password: 'wrong password here' }).expect(401);
    const laptop = await signInWith(someone.email, FIREFOX);
    const phone = await signInWith(someone.email, CHROME_ANDROID);

    const list = await laptop.get('/account/sessions').set('User-Agent', FIREFOX).expect(200);
    expect(list.text).toContain('Firefox · Windows');
    expect(list.text).toContain('Chrome · Android');
    expect(list.text).toMatch(/Firefox · Windows <span class="tag">this browser<\/span>/);
    expect(list.text).toContain('Wrong password');
    expect(list.text).toContain('Signed in');
    // Nothing a session is looked up by reaches the page.
    for (const s of await t.ds.getRepository(Session).findBy({ userId: someone.id })) expect(list.text).not.toContain(s.idHash);

    const phoneRef = /action="\/account\/sessions\/([0-9a-f]{24})\/end"[\s\S]*?<button type="submit" class="button-link danger">End<\/button>/.exec(list.text)![1];
    await laptop.post(`/account/sessions/${phoneRef}/end`).type('form').send({}).expect(403); // CSRF
    expect(await signedIn(phone)).toBe(true);
    await laptop.post(`/account/sessions/${phoneRef}/end`).type('form').send({ _csrf: hiddenField(list.text) }).expect(303);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(laptop)).toBe(true);
    expect(await t.ds.getRepository(AuditEntry).findOneBy({ action: 'auth.sessions_ended', recordId: String(someone.id) })).not.toBeNull();

    // Someone else's session is not theirs to end: not found, and it stays.
    const other = await signInWith(researcher.email, FIREFOX);
    const theirs = await other.get('/account/sessions').expect(200);
    const theirRef = /action="\/account\/sessions\/([0-9a-f]{24})\/end"/.exec(theirs.text)![1];
    await laptop.post(`/account/sessions/${theirRef}/end`).type('form').send({ _csrf: hiddenField(list.text) }).expect(404);
    await laptop.post(`/account/sessions/not-a-ref/end`).type('form').send({ _csrf: hiddenField(list.text) }).expect(404);
    expect(await signedIn(other)).toBe(true);
  });

  it('ends all other sessions at once, keeping this one', async () => {
    const someone = await makeUser(t.ds, 'viewer');
    const a = await signInWith(someone.email, FIREFOX);
    const b = await signInWith(someone.email, CHROME_ANDROID);
    const c = await signInWith(someone.email, CHROME_ANDROID);
    const list = await a.get('/account/sessions').expect(200);
    expect(list.text).toContain('3 open sessions');
    await a.post('/account/sessions/others/end').type('form').send({ _csrf: hiddenField(list.text) }).expect(303);
    const after = (await a.get('/account/sessions').expect(200)).text;
    expect(after).toContain('2 other sessions were ended.');
    expect(after).toContain('1 open session');
    expect([await signedIn(a), await signedIn(b), await signedIn(c)]).toEqual([true, false, false]);
  });
});

describe('incident controls (admins)', () => {
  it('only admins reach the security page', async () => {
    const { agent } = await signIn(t.app, researcher.email);
    await agent.get('/admin/security').expect(403);
    const page = await agent.get('/cases').expect(200);
    await agent.post('/admin/security/mode').type('form').send({ _csrf: hiddenField(page.text), mode: 'admins_only' }).expect(403);
  });

  it('refuses a mode that does not exist and a message too long, beside the field, changing nothing', async () => {
    const { agent } = await signIn(t.app, admin.email);
    const bad = await setMode(agent, 'lockdown');
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-mode-error">[^<]*Security mode/);
    const long = await setMode(agent, 'read_only', 'x'.repeat(1001));
    expect(long.status).toBe(422);
    expect(long.text).toContain('f-message-error');
    expect((await agent.get('/admin/security').expect(200)).text).toContain('<strong>Normal</strong>');
  });

  it('read-only: everyone reads, only admins write, the admins’ message on every page; audited', async () => {
    const { agent: adminAgent } = await signIn(t.app, admin.email);
    const { agent: researcherAgent } = await signIn(t.app, researcher.email);
    const form = await researcherAgent.get('/cases/new').expect(200);
    expect((await setMode(adminAgent, 'read_only', 'Office searched; back Monday')).status).toBe(303);

    const page = await researcherAgent.get('/cases').expect(200);
    expect(page.text).toContain('Casebook is read-only at the moment');
    expect(page.text).toContain('<q>Office searched; back Monday</q>');
    const refused = await researcherAgent.post('/cases').type('form').send({ _csrf: hiddenField(form.text), title: 'During the incident', status: 'open' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Nothing was changed. The administrators say: “Office searched; back Monday”');
    const api = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${researcherToken}`).send({ title: 'Via the API', status: 'open' });
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe('read_only');
    await request(t.app).get('/api/v1/cases').set('Authorization', `Bearer ${researcherToken}`).expect(200);
    // Signing out is never refused.
    const before = await researcherAgent.get('/cases').expect(200);
    await researcherAgent.post('/logout').type('form').send({ _csrf: hiddenField(before.text) }).expect(303);

    // Admins still write.
    const adminForm = await adminAgent.get('/cases/new').expect(200);
    expect((await adminAgent.post('/cases').type('form').send({ _csrf: hiddenField(adminForm.text), title: 'Recorded by the admin during the incident', status: 'open' })).status).toBe(303);
    // The sign-in page says it too.
    expect((await request(t.app).get('/login').expect(200)).text).toContain('Office searched; back Monday');

    const entry = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'security.mode' });
    expect(JSON.parse(entry.detail)).toMatchObject({ from: 'normal', to: 'read_only', message: 'Office searched; back Monday' });
    expect((await setMode(adminAgent, 'normal')).status).toBe(303);
    expect((await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${researcherToken}`).send({ title: 'After the incident', status: 'open' })).status).toBe(201);
  });

  it('admins only: everyone else is signed out at once, cannot sign in and is told why; tokens refused; back to normal lets them in', async () => {
    const { agent: adminAgent } = await signIn(t.app, admin.email);
    const { agent: researcherAgent } = await signIn(t.app, researcher.email);
    const set = await setMode(adminAgent, 'admins_only', 'Moving servers');
    expect(set.status).toBe(303);
    expect((await adminAgent.get('/admin/security').expect(200)).text).toMatch(/Casebook is now open to administrators only; \d+ sessions? of other users (was|were) ended\./);
    expect(await t.ds.getRepository(Session).createQueryBuilder('s').innerJoin('s.user', 'u').where("u.role <> 'admin'").getCount()).toBe(0);

    const bounced = await researcherAgent.get('/cases');
    expect(bounced.status).toBe(303);
    expect(bounced.headers.location).toMatch(/^\/login/);
    const login = await request(t.app).get('/login').expect(200);
    expect(login.text).toContain('Casebook is open to administrators only at the moment.');
    expect(login.text).toContain('<q>Moving servers</q>');
    const attempt = await request(t.app).post('/login').set('Cookie', login.headers['set-cookie']).type('form').send({ _csrf: hiddenField(login.text), email: researcher.email, password: PASSWORD });
    expect(attempt.status).toBe(403);
    expect(String(attempt.headers['set-cookie'] ?? '')).not.toMatch(/casebook_session=[^;]/);
    expect(await t.ds.getRepository(AuditEntry).findOneBy({ action: 'auth.login_refused', recordId: String(researcher.id) })).not.toBeNull();
    const api = await request(t.app).get('/api/v1/cases').set('Authorization', `Bearer ${researcherToken}`);
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe('instance_closed');
    // The admin works on, and a second admin can sign in.
    expect(await signedIn(adminAgent)).toBe(true);
    const second = await makeUser(t.ds, 'admin');
    expect(await signedIn(await signInWith(second.email, FIREFOX))).toBe(true);

    expect((await setMode(adminAgent, 'normal')).status).toBe(303);
    expect(await signedIn(await signInWith(researcher.email, FIREFOX))).toBe(true);
    expect((await verifyAudit(t.ds)).problem).toBeNull();
  });

  it('ends every session but the admin’s own at once, audited', async () => {
    const { agent: adminAgent } = await signIn(t.app, admin.email);
    const others = [await signInWith(researcher.email, FIREFOX), await signInWith(researcher.email, CHROME_ANDROID)];
    const page = await adminAgent.get('/admin/security').expect(200);
    expect(page.text).toMatch(/\d+ sessions are open, yours included\./);
    await adminAgent.post('/admin/security/sessions/end').type('form').send({}).expect(403); // CSRF
    await adminAgent.post('/admin/security/sessions/end').type('form').send({ _csrf: hiddenField(page.text) }).expect(303);
    for (const a of others) expect(await signedIn(a)).toBe(false);
    expect(await signedIn(adminAgent)).toBe(true);
    expect(await t.ds.getRepository(Session).count()).toBe(1);
    const entry = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'security.sessions_ended' });
    expect(JSON.parse(entry.detail).ended).toBeGreaterThanOrEqual(2);
  });

  it('keeps any admins’ message exactly as typed and shows it escaped; a session reference that is not one is not found', async () => {
    const { agent } = await signIn(t.app, admin.email);
    const hostile = BLNS_NON_BLANK.filter((m) => [...m].length <= 1000 && !/[\uD800-\uDFFF]/.test(m.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')) && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(m));
    expect(hostile.length).toBeGreaterThan(300);
    for (const message of hostile.filter((_m, i) => i % 7 === 0)) {
      expect((await setMode(agent, 'read_only', message)).status).toBe(303);
      const stored = await t.ds.query('SELECT message FROM security_state WHERE id = 1');
      expect(stored[0].message).toBe(message);
      const login = await request(t.app).get('/login').expect(200);
      expect(login.text).toContain(`<q>${escapeHtml(message)}</q>`);
    }
    expect((await setMode(agent, 'normal')).status).toBe(303);
    const page = await agent.get('/account/sessions').expect(200);
    for (const ref of ['../../admin', '%00', 'A'.repeat(24), '0'.repeat(25)]) {
      await agent.post(`/account/sessions/${encodeURIComponent(ref)}/end`).type('form').send({ _csrf: hiddenField(page.text) }).expect(404);
    }
  }, 180_000);

  it('in Russian', async () => {
    const { agent } = await signIn(t.app, admin.email);
    const page = await agent.get('/admin/security').set('Accept-Language', 'ru').expect(200);
    expect(page.text).toContain('Режим безопасности и сеансы');
    expect(page.text).toContain('Только администраторы');
  });
});
