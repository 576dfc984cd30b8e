import { ROLES, Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { Source } from '../../src/sources/source.entity';
import { User } from '../../src/users/user.entity';

/**
 * A source still cited cannot be deleted (integrity), but the refusal must read the same whether
 * the citations are in cases the user sees or in restricted cases they do not: no code, title,
 * id or count of a hidden case, in the page or in the API.
 */
const REFUSAL = 'This source is still cited and cannot be deleted.';

let t: TestApp;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;
let outsider: { user: User; token: string; session: Session };
let secretCase: number;
let openCase: number;

const api = (token: string) => apiAs(t.app, token);

async function newSource(name: string): Promise<number> {
  const res = await api(tokens.researcher).post('/sources', { kind: 'organisation', name, reliability: 'usually_reliable', relation: 'ngo' });
  expect(res.status).toBe(201);
  return res.body.data.id;
}
async function cite(caseId: number, sourceId: number): Promise<void> {
  await api(tokens.researcher).post(`/cases/${caseId}/citations`, { sourceId, record: `case_record:${caseId}`, note: 'p. 3' }).expect(201);
}
/** The refusal as the page shows it: the flash on the source page it redirects to. */
async function deleteOnPage(session: Session, sourceId: number) {
  const res = await pageAs(session).post(`/sources/${sourceId}/delete`);
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`/sources/${sourceId}`);
  return pageAs(session).get(res.headers.location).expect(200);
}

beforeAll(async () => {
  t = await startTestApp();
  ({ tokens, sessions } = await everyRole(t.app, t.ds));
  const user = await makeUser(t.ds, 'researcher');
  outsider = { user, token: (await createApiToken(t.ds, CLI_ACTOR, user.id, 't')).token, session: await signIn(t.app, user.email) };
  secretCase = (await api(tokens.researcher).post('/cases', { code: 'RU-2011-4401', title: 'Hidden witness case', status: 'open', restricted: true }).expect(201)).body.data.id;
  openCase = (await api(tokens.researcher).post('/cases', { code: 'RU-2011-4402', title: 'Open custody case', status: 'open' }).expect(201)).body.data.id;
});
afterAll(() => t.close());

describe('deleting a source that is still cited', () => {
  it('cited only in a restricted case: refused, in words that tell nothing about that case (page)', async () => {
    const id = await newSource('Memorial Nalchik office');
    await cite(secretCase, id);
    const shown = await deleteOnPage(outsider.session, id);
    expect(shown.text).toContain(REFUSAL);
    expect(shown.text).toContain('Not cited in any record you can see.');
    for (const secret of ['RU-2011-4401', 'Hidden witness case', `/cases/${secretCase}`, 'citations first', '1 case', 'restricted']) expect(shown.text).not.toContain(secret);
    expect(await t.ds.getRepository(Source).existsBy({ id })).toBe(true);
  });

  it('cited only in a restricted case: the API answers 409 with the same words and nothing else', async () => {
    const id = await newSource('Memorial Grozny office');
    await cite(secretCase, id);
    const res = await api(outsider.token).delete(`/sources/${id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(REFUSAL);
    // Nothing but the code, the words and the request's id (no fields, no case, no count).
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'id', 'message']);
    expect(res.body.error.code).toBe('conflict');
    expect(await t.ds.getRepository(Source).existsBy({ id })).toBe(true);
  });

  it('reads exactly the same when the citing case is one the user sees, and lists that case', async () => {
    const hiddenOnly = await newSource('Source cited in secret');
    await cite(secretCase, hiddenOnly);
    const visible = await newSource('Source cited in the open');
    await cite(openCase, visible);
    const a = await api(outsider.token).delete(`/sources/${hiddenOnly}`);
    const b = await api(outsider.token).delete(`/sources/${visible}`);
    expect([a.status, b.status]).toEqual([409, 409]);
    expect(a.body.error.message).toBe(b.body.error.message);
    const shown = await deleteOnPage(outsider.session, visible);
    expect(shown.text).toContain(REFUSAL);
    expect(shown.text).toContain('RU-2011-4402');
    expect(shown.text).toContain(`href="/cases/${openCase}"`);
  });

  it('a member of the restricted case (and an admin) see where it is cited', async () => {
    const id = await newSource('Source for members');
    await cite(secretCase, id);
    for (const role of ['researcher', 'admin'] as const) {
      const shown = await deleteOnPage(sessions[role], id);
      expect(shown.text).toContain(REFUSAL);
      expect(shown.text).toContain('RU-2011-4401');
    }
  });

  it.each(ROLES)('only those who may change sources may try (%s); nobody gets a 5xx', async (role) => {
    const id = await newSource(`Source tried by ${role}`);
    await cite(secretCase, id);
    const res = await api(tokens[role]).delete(`/sources/${id}`);
    expect(res.status).toBe(['admin', 'researcher'].includes(role) ? 409 : 403);
    const pageRes = await pageAs(sessions[role]).post(`/sources/${id}/delete`);
    expect(pageRes.status).toBe(['admin', 'researcher'].includes(role) ? 303 : 403);
  });

  it('a source no longer cited is deleted', async () => {
    const id = await newSource('Source never cited');
    await api(outsider.token).delete(`/sources/${id}`).expect(204);
    expect(await t.ds.getRepository(Source).existsBy({ id })).toBe(false);
  });
});
