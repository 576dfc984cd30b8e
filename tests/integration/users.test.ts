import request from 'supertest';
import { PASSWORD, TestApp, hiddenField, makeUser, signIn, startTestApp } from '../support/app';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { User } from '../../src/users/user.entity';

let t: TestApp;
let admin: User;
let adminAgent: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await makeUser(t.ds, 'admin');
  adminAgent = await signIn(t.app, admin.email);
});
afterAll(() => t.close());

describe('admin user pages', () => {
  it('adds a researcher through the form, with an audit entry naming the fields but not the password', async () => {
    const { agent, csrf } = adminAgent;
    const res = await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: ' New.Researcher@Example.org ', name: 'Nadia Researcher', role: 'researcher', password: PASSWORD });
    expect(res.status).toBe(303);
    const list = await agent.get('/admin/users').expect(200);
    expect(list.text).toContain('new.researcher@example.org');
    expect(list.text).toContain('Added Nadia Researcher as researcher.');
    const created = await t.ds.getRepository(User).findOneByOrFail({ email: 'new.researcher@example.org' });
    const entry = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'user.create', recordId: String(created.id) });
    expect(entry.actorUserId).toBe(admin.id);
    expect(JSON.parse(entry.fields)).toContain('password');
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
    // The new researcher can sign in.
    await signIn(t.app, 'new.researcher@example.org');
  });

  it('shows each problem next to its field and keeps what was typed', async () => {
    const { agent, csrf } = adminAgent;
    const res = await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: 'not-an-email', name: '', role: 'emperor', password: 'short' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter a valid e-mail address');
    expect(res.text).toContain('Enter a name.');
    expect(res.text).toContain('A password needs at least 12 characters.');
    expect(res.text).toMatch(/id="f-email-error"/);
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).not.toContain('value="short"');
  });

  it('refuses a second account with the same e-mail, in any letter case', async () => {
    const { agent, csrf } = adminAgent;
    const res = await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: admin.email.toUpperCase(), name: 'Dup', role: 'viewer', password: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.text).toContain('already exists');
  });

  it('escapes hostile names everywhere they are shown', async () => {
    const { agent, csrf } = adminAgent;
    const name = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>';
    await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: 'xss@example.org', name, role: 'viewer', password: PASSWORD }).expect(303);
    const list = await agent.get('/admin/users');
    expect(list.text).not.toContain('<script>alert(1)');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('changes a role and records from and to', async () => {
    const { agent, csrf } = adminAgent;
    const user = await makeUser(t.ds, 'viewer');
    await agent.post(`/admin/users/${user.id}`).type('form').send({ _csrf: csrf, name: user.name, role: 'lawyer' }).expect(303);
    expect((await t.ds.getRepository(User).findOneByOrFail({ id: user.id })).role).toBe('lawyer');
    const entry = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'user.role_change', recordId: String(user.id) });
    expect(JSON.parse(entry.detail)).toEqual({ from: 'viewer', to: 'lawyer' });
    expect(JSON.parse(entry.fields)).toEqual(['role']);
  });

  it('disabling a user ends their sessions at once', async () => {
    const { agent, csrf } = adminAgent;
    const user = await makeUser(t.ds, 'researcher');
    const theirs = await signIn(t.app, user.email);
    await theirs.agent.get('/').expect(200);
    await agent.post(`/admin/users/${user.id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
    await theirs.agent.get('/').expect(303);
    const page = await request.agent(t.app).get('/login');
    const again = await request.agent(t.app).post('/login').set('Cookie', `casebook_login=${hiddenField(page.text)}`).type('form').send({ _csrf: hiddenField(page.text), email: user.email, password: PASSWORD });
    expect(again.status).toBe(401);
    await agent.post(`/admin/users/${user.id}/enable`).type('form').send({ _csrf: csrf }).expect(303);
    await signIn(t.app, user.email);
  });

  it('never lets the last active admin be demoted or disabled', async () => {
    const solo = await startTestApp();
    try {
      const only = await makeUser(solo.ds, 'admin');
      const { agent, csrf } = await signIn(solo.app, only.email);
      const res = await agent.post(`/admin/users/${only.id}`).type('form').send({ _csrf: csrf, name: only.name, role: 'viewer' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('last active admin');
      await agent.post(`/admin/users/${only.id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
      expect((await solo.ds.getRepository(User).findOneByOrFail({ id: only.id })).disabled).toBe(false);
    } finally {
      await solo.close();
    }
  });

  it('answers 404 for users that do not exist or malformed ids', async () => {
    const { agent } = adminAgent;
    await agent.get('/admin/users/999999').expect(404);
    await agent.get('/admin/users/abc').expect(404);
    await agent.get('/admin/users/1e3').expect(404);
  });
});

describe('who may use the admin pages', () => {
  it.each(['researcher', 'lawyer', 'analyst', 'viewer'] as const)('a %s is refused every admin page and action with 403', async (role) => {
    const user = await makeUser(t.ds, role);
    const { agent, csrf } = await signIn(t.app, user.email);
    for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${admin.id}`, '/admin/tokens', '/admin/audit']) {
      const res = await agent.get(path);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Not allowed');
    }
    await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: `${role}-made@example.org`, name: 'x', role: 'admin', password: PASSWORD }).expect(403);
    await agent.post(`/admin/users/${admin.id}`).type('form').send({ _csrf: csrf, name: 'x', role: 'viewer' }).expect(403);
    await agent.post(`/admin/users/${admin.id}/disable`).type('form').send({ _csrf: csrf }).expect(403);
    await agent.post('/admin/tokens').type('form').send({ _csrf: csrf, userId: user.id, name: 'x' }).expect(403);
    expect(await t.ds.getRepository(User).countBy({ email: `${role}-made@example.org` })).toBe(0);
    const home = await agent.get('/');
    expect(home.text).not.toContain('href="/admin/users"');
  });
});

describe('own account', () => {
  it('changes the password after checking the current one, and signs out the other sessions', async () => {
    const user = await makeUser(t.ds, 'lawyer');
    const here = await signIn(t.app, user.email);
    const elsewhere = await signIn(t.app, user.email);
    const wrong = await here.agent.post('/account/password').type('form').send({ _csrf: here.csrf, currentPassword: 'not my password', newPassword: 'a new long passphrase', confirmPassword: 'a new long passphrase' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('This is not your current password.');
    const mismatch = await here.agent.post('/account/password').type('form').send({ _csrf: here.csrf, currentPassword: PASSWORD, newPassword: 'a new long passphrase', confirmPassword: 'something else entirely' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('do not match');
    await here.agent.post('/account/password').type('form').send({ _csrf: here.csrf, currentPassword: PASSWORD, newPassword: 'a new long passphrase', confirmPassword: 'a new long passphrase' }).expect(303);
    await here.agent.get('/account').expect(200);
    await elsewhere.agent.get('/account').expect(303);
    await signIn(t.app, user.email, 'a new long passphrase');
  });
});
