import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { ROLES, Role, apiAs, everyRole, pageAs } from '../support/roles';
import { CaseRecord } from '../../src/cases/case.entity';
import { CaseMember } from '../../src/cases/case-member.entity';
import { CaseLink } from '../../src/cases/case-link.entity';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { auditRecord } from '../../src/records/record-audit';
import { withTransaction } from '../../src/db/transaction';

/**
 * A link between a restricted case and a case everyone reads must not reveal the restricted
 * case to readers of the other one: not in the linked-cases list, not in the history (where the
 * link was recorded on both cases), not in the API, the dossier, or by removing the link.
 */
let t: TestApp;
let who: Awaited<ReturnType<typeof everyRole>>;
let hidden: CaseRecord;
let open: CaseRecord;
let insider: Role;

const page = (role: Role) => pageAs(who.sessions[role]);
const api = (role: Role) => apiAs(t.app, who.tokens[role]);
const sees = (role: Role) => role === 'admin' || role === insider;

async function newCase(code: string, title: string, restricted: boolean): Promise<CaseRecord> {
  return t.ds.getRepository(CaseRecord).save({ code, title, status: 'open', restricted, createdById: who.users.admin.id });
}

/** The history list of a case page, as text. */
function historyOf(html: string): string {
  const start = html.indexOf('id="history"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

beforeAll(async () => {
  t = await startTestApp();
  who = await everyRole(t.app, t.ds);
  insider = 'researcher';
  hidden = await newCase('RU-2009-7001', 'Secret operation Zarya', true);
  open = await newCase('RU-2009-7002', 'Open case about Nalchik', false);
  await t.ds.getRepository(CaseMember).insert({ caseId: hidden.id, userId: who.users.researcher.id });
});
afterAll(() => t.close());

describe('links between a restricted case and an open one', () => {
  let linkId: number;

  it('a member links the restricted case to the open case; the link is recorded on both cases', async () => {
    const res = await page('researcher').post(`/cases/${hidden.id}/links`, { otherCaseId: open.id, kind: 'same_operation' });
    expect(res.status).toBe(303);
    const link = await t.ds.getRepository(CaseLink).findOneByOrFail({ kind: 'same_operation' });
    linkId = link.id;
    const entries = await t.ds.getRepository(AuditEntry).findBy({ action: 'case.link_add' });
    expect(entries.map((e) => Number(e.recordId)).sort()).toEqual([hidden.id, open.id].sort());
  });

  it.each(ROLES)('the open case page and its history show the link only to those who see the restricted case (%s)', async (role) => {
    const res = await page(role).get(`/cases/${open.id}`).expect(200);
    const history = historyOf(res.text);
    if (sees(role)) {
      expect(res.text).toContain('RU-2009-7001');
      expect(history).toContain('linked another case');
    } else {
      expect(res.text).not.toContain('RU-2009-7001');
      expect(res.text).not.toContain('Secret operation Zarya');
      expect(res.text).not.toContain(`/cases/${hidden.id}"`);
      expect(history).not.toContain('another case');
      expect(history).not.toContain('links');
      expect(history).toContain('(0 changes)');
    }
  });

  it.each(ROLES)('the API gives the same answer (%s)', async (role) => {
    const res = await api(role).get(`/cases/${open.id}`).expect(200);
    const body = JSON.stringify(res.body);
    expect(res.body.data.links.map((l: { caseId: number }) => l.caseId)).toEqual(sees(role) ? [hidden.id] : []);
    if (!sees(role)) {
      expect(body).not.toContain('RU-2009-7001');
      expect(body).not.toContain('Zarya');
    }
    await api(role).get(`/cases/${hidden.id}`).expect(sees(role) ? 200 : 404);
  });

  it.each(ROLES)('the printable dossier of the open case leaves the hidden link out (%s)', async (role) => {
    const res = await page(role).get(`/cases/${open.id}/dossier`);
    expect(res.status).toBeLessThan(500);
    if (res.status === 200 && !sees(role)) {
      expect(res.text).not.toContain('RU-2009-7001');
      expect(res.text).not.toMatch(/link_add|added a link to/);
    }
  });

  it('a writer of the open case who cannot see the other end cannot remove (or probe) the link', async () => {
    // A second researcher: may change the open case, is not a member of the restricted one.
    const outsider = await makeUser(t.ds, 'researcher');
    const session = await signIn(t.app, outsider.email);
    const res = await pageAs(session).post(`/cases/${open.id}/links/${linkId}/delete`);
    const missing = await pageAs(session).post(`/cases/${open.id}/links/999999/delete`);
    expect([res.status, missing.status]).toEqual([404, 404]);
    expect(res.text).toContain('No such link.');
    expect(missing.text).toContain('No such link.');
    expect(res.text).not.toContain('RU-2009-7001');
    expect(await t.ds.getRepository(CaseLink).existsBy({ id: linkId })).toBe(true);
  });

  it('removing the link from the restricted side is recorded on both cases, and hidden from the others again', async () => {
    const res = await page('researcher').post(`/cases/${hidden.id}/links/${linkId}/delete`);
    expect(res.status).toBe(303);
    const removed = await t.ds.getRepository(AuditEntry).findBy({ action: 'case.link_remove' });
    expect(removed.map((e) => Number(e.recordId)).sort()).toEqual([hidden.id, open.id].sort());
    for (const role of ROLES) {
      const history = historyOf((await page(role).get(`/cases/${open.id}`).expect(200)).text);
      if (sees(role)) expect(history).toContain('removed a link to another case');
      else expect(history).not.toMatch(/another case/);
    }
  });

  it('a link between two cases everyone sees stays in every history', async () => {
    const other = await newCase('RU-2009-7003', 'Another open case', false);
    await page('researcher').post(`/cases/${open.id}/links`, { otherCaseId: other.id, kind: 'related' }).expect(303);
    for (const role of ROLES) {
      const res = await page(role).get(`/cases/${other.id}`).expect(200);
      expect(res.text).toContain('RU-2009-7002');
      expect(historyOf(res.text)).toContain('linked another case');
    }
  });

  it('entries written before links named their other end are shown to admins only', async () => {
    const legacy = await newCase('RU-2009-7004', 'Case with an old link entry', false);
    await withTransaction(t.ds, (em) => auditRecord(em, CLI_ACTOR, 'case', legacy.id, 'link_add', ['links'], legacy.id));
    for (const role of ROLES) {
      const history = historyOf((await page(role).get(`/cases/${legacy.id}`).expect(200)).text);
      if (role === 'admin') expect(history).toContain('linked another case');
      else expect(history).not.toContain('another case');
    }
  });
});
