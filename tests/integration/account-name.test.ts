/**
 * Issue 15: users set their own display name on the account page: validated with the message
 * beside the field (in the reader's language), audited (the field, never the name), shown at once
 * in the header and in what the user records afterwards.
 */
import { Role, Session, everyRole, pageAs } from '../support/roles';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { TestApp, startTestApp } from '../support/app';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { User } from '../../src/users/user.entity';

let t: TestApp;
let users: Record<Role, User>;
let sessions: Record<Role, Session>;

beforeAll(async () => {
  t = await startTestApp();
  ({ users, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const nameOf = async (role: Role) => (await t.ds.getRepository(User).findOneByOrFail({ id: users[role].id })).name;
const nameAudits = async (role: Role) => (await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'user', recordId: String(users[role].id), action: 'user.update' } })).filter((e) => JSON.parse(e.fields).includes('name'));

describe('a user’s own display name', () => {
  it('every role may set it; it shows at once in the header and is audited without the name itself', async () => {
    for (const role of ['viewer', 'researcher'] as Role[]) {
      const form = await pageAs(sessions[role]).get('/account').expect(200);
      expect(form.text).toContain('action="/account/name"');
      const name = role === 'viewer' ? 'Вера Смотрова' : 'Рита Исследова';
      const res = await pageAs(sessions[role]).post('/account/name', { name });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/account');
      expect(await nameOf(role)).toBe(name);
      const page = await pageAs(sessions[role]).get('/account').expect(200);
      expect(page.text).toContain('Name saved.');
      expect(page.text).toMatch(new RegExp(`class="user-name">${name}`));
      const audits = await nameAudits(role);
      expect(audits).toHaveLength(1);
      expect(audits[0].actorUserId).toBe(users[role].id);
      expect(JSON.stringify(audits[0])).not.toContain(name);
      // The same name again changes nothing and writes no entry.
      await pageAs(sessions[role]).post('/account/name', { name }).expect(303);
      expect(await nameAudits(role)).toHaveLength(1);
    }
  });

  it('refuses an empty, over-long or multi-line name with the message beside the field, keeping what was typed', async () => {
    const before = await nameOf('analyst');
    const empty = await pageAs(sessions.analyst).post('/account/name', { name: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toMatch(/<label for="f-name">[\s\S]{0,400}class="error-message"/);
    const long = await pageAs(sessions.analyst).post('/account/name', { name: 'я'.repeat(201) });
    expect(long.status).toBe(422);
    expect(long.text).toContain('я'.repeat(201));
    const multiline = await pageAs(sessions.analyst).post('/account/name', { name: 'Line one\nLine two' });
    expect(multiline.status).toBe(422);
    expect(multiline.text).toContain('The name cannot contain line breaks or control characters.');
    expect(await nameOf('analyst')).toBe(before);
    expect(await nameAudits('analyst')).toHaveLength(0);
  });

  it('stores a hostile string exactly (trimmed) and shows it escaped', async () => {
    const hostile = BLNS_NON_BLANK.find((s) => s.includes('<script') && !/[\u0000-\u001f]/.test(s)) ?? '<script>alert(1)</script>';
    const res = await pageAs(sessions.lawyer).post('/account/name', { name: hostile });
    expect(res.status).toBe(303);
    expect(await nameOf('lawyer')).toBe(hostile.trim());
    const page = await pageAs(sessions.lawyer).get('/account').expect(200);
    expect(page.text).toContain(escapeHtml(hostile.trim()));
    expect(page.text).not.toContain(hostile.trim() + '</a>');
  });

  it('speaks Russian to a Russian reader', async () => {
    const agent = sessions.admin.agent;
    await agent.get('/language/ru?back=/').expect(303);
    try {
      const form = await pageAs(sessions.admin).get('/account').expect(200);
      expect(form.text).toContain('Отображаемое имя');
      const bad = await pageAs(sessions.admin).post('/account/name', { name: 'a\tb' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('Имя не может содержать переносы строк и управляющие символы.');
    } finally {
      await agent.get('/language/en?back=/').expect(303);
    }
  });

  it('refuses a post without the form’s token', async () => {
    const res = await sessions.viewer.agent.post('/account/name').type('form').send({ name: 'No token' });
    expect(res.status).toBe(403);
    expect(await nameOf('viewer')).not.toBe('No token');
  });
});
