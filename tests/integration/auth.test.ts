import request from 'supertest';
import { PASSWORD, TestApp, hiddenField, makeUser, signIn, startTestApp } from '../support/app';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Session } from '../../src/sessions/session.entity';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function postLogin(agent: ReturnType<typeof request.agent>, email: string, password: string) {
  const page = await agent.get('/login');
  return agent.post('/login').type('form').send({ _csrf: hiddenField(page.text), email, password });
}

describe('deny by default', () => {
  it('sends anonymous visitors of any page to the sign-in page, keeping where they wanted to go', async () => {
    for (const path of ['/', '/admin/users', '/admin/audit', '/account', '/does-not-exist']) {
      const res = await request(t.app).get(path).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('answers anonymous API calls with a JSON 401', async () => {
    const res = await request(t.app).get('/api/v1/me').expect(401);
    expect(res.body.error).toMatchObject({ code: 'unauthorized' });
    expect(res.body.error.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('leaves /login, /healthz and static assets open', async () => {
    await request(t.app).get('/login').expect(200);
    expect((await request(t.app).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    await request(t.app).get('/static/css/app.css').expect(200).expect('content-type', /css/);
  });

  it('refuses an anonymous state-changing POST', async () => {
    await request(t.app).post('/admin/users').type('form').send({ email: 'x@example.org' }).expect(401);
  });
});

describe('signing in', () => {
  it('gives the same answer for an unknown account and a wrong password', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const wrong = await postLogin(request.agent(t.app), user.email, 'not the password at all');
    const unknown = await postLogin(request.agent(t.app), 'nobody@example.org', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /<div class="error-summary"[^>]*><p>([^<]*)<\/p>/.exec(html)?.[1];
    expect(message(wrong.text)).toBe('The e-mail address or password is not right.');
    expect(message(unknown.text)).toBe(message(wrong.text));
  });

  it('records successful and failed sign-ins in the audit trail without the password', async () => {
    const user = await makeUser(t.ds, 'lawyer');
    await postLogin(request.agent(t.app), user.email, 'a wrong password!!');
    await signIn(t.app, user.email);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { actorLabel: user.email } });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login']));
    const all = JSON.stringify(await t.ds.getRepository(AuditEntry).find());
    expect(all).not.toContain('a wrong password');
    expect(all).not.toContain(PASSWORD);
  });

  it('locks an account for 15 minutes after 10 failures, and says so the same way for unknown accounts', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const agent = request.agent(t.app);
    for (let i = 0; i < 9; i++) expect((await postLogin(agent, user.email, 'wrong password ' + i)).status).toBe(401);
    const tenth = await postLogin(agent, user.email, 'wrong password 10');
    expect(tenth.status).toBe(429);
    expect(tenth.text).toContain('wait 15 minutes');
    // Even the right password is refused while locked.
    const right = await postLogin(agent, user.email, PASSWORD);
    expect(right.status).toBe(429);
    expect(right.text).toContain('wait 15 minutes');

    const ghost = request.agent(t.app);
    let last;
    for (let i = 0; i < 10; i++) last = await postLogin(ghost, 'ghost@example.org', 'wrong password ' + i);
    expect(last!.status).toBe(429);
    expect(last!.text).toContain('wait 15 minutes');
  });

  it('limits failed sign-ins per network address', async () => {
    const limited = await startTestApp({ LOGIN_IP_LIMIT: '3' });
    try {
      const agent = request.agent(limited.app);
      for (let i = 0; i < 3; i++) expect((await postLogin(agent, `person${i}@example.org`, 'wrong password!!')).status).toBe(401);
      const res = await postLogin(agent, 'person9@example.org', 'wrong password!!');
      expect(res.status).toBe(429);
      expect(res.text).toContain('Too many sign-in attempts from this network');
    } finally {
      await limited.close();
    }
  });

  it('refuses a sign-in form that did not come from our page (login CSRF)', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const res = await request(t.app).post('/login').type('form').send({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('did not come from Casebook');
  });

  it('only redirects to local paths after sign-in', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const agent = request.agent(t.app);
    const page = await agent.get('/login?next=//evil.example/x');
    const res = await agent.post('/login').type('form').send({ _csrf: hiddenField(page.text), email: user.email, password: PASSWORD, next: '//evil.example/x' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax cookie and rotates the id at every sign-in', async () => {
    const user = await makeUser(t.ds, 'analyst');
    const first = await postLogin(request.agent(t.app), user.email, PASSWORD);
    const second = await postLogin(request.agent(t.app), user.email, PASSWORD);
    const cookie = sessionCookie;
    expect(cookie(first)).toMatch(/HttpOnly/);
    expect(cookie(first)).toMatch(/SameSite=Lax/);
    expect(cookie(first)).not.toMatch(/Secure/);
    expect(cookie(first).split(';')[0]).not.toBe(cookie(second).split(';')[0]);
  });

  it('ends a session that came with the request when someone signs in (no session fixation)', async () => {
    const victim = await makeUser(t.ds, 'viewer');
    const planted = await makeUser(t.ds, 'viewer');
    const first = await postLogin(request.agent(t.app), planted.email, PASSWORD);
    const plantedCookie = sessionCookie(first).split(';')[0];
    const page = await request(t.app).get('/login');
    const loginCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('casebook_login='))!.split(';')[0];
    const res = await request(t.app)
      .post('/login')
      .set('Cookie', `${plantedCookie}; ${loginCookie}`)
      .type('form')
      .send({ _csrf: hiddenField(page.text), email: victim.email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(sessionCookie(res).split(';')[0]).not.toBe(plantedCookie);
    expect(await t.ds.getRepository(Session).countBy({ userId: planted.id })).toBe(0);
  });

  it('marks the cookie Secure behind an HTTPS proxy that is trusted', async () => {
    const secure = await startTestApp({ TRUST_PROXY: '1' });
    try {
      const user = await makeUser(secure.ds, 'viewer');
      const page = await request(secure.app).get('/login').set('X-Forwarded-Proto', 'https');
      const loginCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('casebook_login='))!;
      expect(loginCookie).toMatch(/Secure/);
      const res = await request(secure.app)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', loginCookie.split(';')[0])
        .type('form')
        .send({ _csrf: hiddenField(page.text), email: user.email, password: PASSWORD });
      const cookie = sessionCookie(res);
      expect(cookie).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('ends the session at logout', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const { agent, csrf } = await signIn(t.app, user.email);
    const cookieHeader = (await agent.get('/'))?.request.getHeader?.('cookie');
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    await agent.get('/').expect(303);
    // Replaying the old cookie does not bring the session back.
    if (typeof cookieHeader === 'string') await request(t.app).get('/').set('Cookie', cookieHeader).expect(303);
    const actions = (await t.ds.getRepository(AuditEntry).find({ where: { actorUserId: user.id } })).map((e) => e.action);
    expect(actions).toContain('auth.logout');
  });

  it('expires after 30 idle minutes and after the absolute lifetime', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const idle = await signIn(t.app, user.email);
    await t.ds.query(`UPDATE user_session SET last_seen_at = ? WHERE user_id = ?`, [toSqlite(new Date(Date.now() - 31 * 60_000)), user.id]);
    const res = await idle.agent.get('/').expect(303);
    expect(res.headers.location).toContain('expired=1');

    const old = await signIn(t.app, user.email);
    await t.ds.query(`UPDATE user_session SET expires_at = ? WHERE user_id = ?`, [toSqlite(new Date(Date.now() - 1000)), user.id]);
    await old.agent.get('/').expect(303);
  });

  it('treats a forged or garbled session cookie as signed out, never as an error', async () => {
    for (const value of ['x', 'A'.repeat(43), '%%%', "'; DROP TABLE user; --", 'A'.repeat(5000)]) {
      const res = await request(t.app).get('/').set('Cookie', `casebook_session=${encodeURIComponent(value)}`);
      expect(res.status).toBe(303);
    }
  });
});

describe('web security', () => {
  it('sends a strict CSP without inline script or style, nosniff, and no-store on signed-in pages', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const { agent } = await signIn(t.app, user.email);
    const res = await agent.get('/').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).not.toMatch(/\sstyle="/);
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('refuses a state-changing request without the CSRF token, or from another origin', async () => {
    const admin = await makeUser(t.ds, 'admin');
    const { agent, csrf } = await signIn(t.app, admin.email);
    const body = { email: 'csrf@example.org', name: 'CSRF', role: 'admin', password: PASSWORD };
    await agent.post('/admin/users').type('form').send(body).expect(403);
    await agent.post('/admin/users').type('form').send({ ...body, _csrf: 'forged' }).expect(403);
    await agent.post('/admin/users').set('Origin', 'http://evil.example').type('form').send({ ...body, _csrf: csrf }).expect(403);
    await agent.post('/admin/users').set('Sec-Fetch-Site', 'cross-site').type('form').send({ ...body, _csrf: csrf }).expect(403);
    expect((await agent.get('/admin/users')).text).not.toContain('csrf@example.org');
  });

  it('shows a 404 page for unknown addresses, and a 413 for oversized bodies', async () => {
    const user = await makeUser(t.ds, 'viewer');
    const { agent, csrf } = await signIn(t.app, user.email);
    const res = await agent.get('/no/such/page').expect(404);
    expect(res.text).toContain('Not found');
    expect(res.text).toMatch(/Reference: <code>[0-9a-f]{12}<\/code>/);
    await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: 'x'.repeat(300_000) }).expect(413);
  });

  it('shows an error page with a reference and no stack trace when something breaks', async () => {
    const broken = await startTestApp();
    const user = await makeUser(broken.ds, 'viewer');
    const { agent } = await signIn(broken.app, user.email);
    await broken.ds.destroy();
    const res = await agent.get('/');
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.text).toMatch(/Reference: <code>[0-9a-f]{12}<\/code>/);
    expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    await broken.close();
  });
});

function toSqlite(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

function sessionCookie(res: request.Response): string {
  const found = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('casebook_session='));
  if (!found) throw new Error('no session cookie set');
  return found;
}
