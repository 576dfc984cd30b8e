import request from 'supertest';
import { TestApp, startTestApp } from '../support/app';
import { ROLES, Role, everyRole } from '../support/roles';
import { insertParticipant, insertPerson } from '../support/records';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { makePdf } from '../unit/media-fixtures';
import { CaseRecord } from '../../src/cases/case.entity';
import { CaseMember } from '../../src/cases/case-member.entity';
import { EvidenceItem } from '../../src/evidence/evidence-item.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { withTransaction } from '../../src/db/transaction';
import { rawDb } from '../../src/search/sqlite';
import { User } from '../../src/users/user.entity';

/**
 * Evidence in search (issue 5): titles, descriptions, provenance and the text extracted from
 * uploaded files are found, with evidence.policy's confidentiality rules applied to results,
 * counts, facets and the evidence-type filter, per role. Items are uploaded through the API
 * (the post-upload job extracts the text); the index is kept by the triggers.
 */
let t: TestApp;
let users: Record<Role, User>;
let tokens: Record<Role, string>;
let sessions: Awaited<ReturnType<typeof everyRole>>['sessions'];
const ids: Record<string, number> = {};

/** Who may see what (evidence.policy): files of sensitive items, privileged items at all. */
const FILE_READERS: Role[] = ['admin', 'researcher', 'lawyer'];
const PRIVILEGED_READERS: Role[] = ['admin', 'lawyer'];

type Hit = { kind: string; id: number; url: string; title: string; snippet: string; case: { id: number } | null };
type Facets = { cases: number; kinds: { value: string; count: number }[] | null; filters: { param: string; values: { value: string; count: number }[] }[] | null };
type Body = { data: Hit[]; total: number; facets?: Facets };

const auth = (role: Role) => ({ Authorization: `Bearer ${tokens[role]}` });
const api = (role: Role, query: Record<string, string | string[]>) => request(t.app).get('/api/v1/search').query(query).set(auth(role));
async function search(role: Role, query: Record<string, string>): Promise<Body> {
  const res = await api(role, query);
  expect([role, query, res.status]).toEqual([role, query, 200]);
  return res.body as Body;
}
const evidenceHits = (b: Body) => b.data.filter((h) => h.kind === 'evidence').map((h) => h.id);
const facetValue = (b: Body, param: string, value: string) => b.facets!.filters?.find((f) => f.param === param)?.values.find((v) => v.value === value)?.count ?? 0;
const kindCount = (b: Body, kind: string) => b.facets!.kinds?.find((k) => k.value === kind)?.count ?? 0;

/** Uploads an item with one file through the API, as `role`; returns its id. */
async function upload(role: Role, caseId: number, fields: Record<string, string | string[]>, file: [string, Buffer]): Promise<number> {
  let req = request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set(auth(role));
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) req = req.field(k, one);
  const res = await req.attach('files', file[1], file[0]);
  expect([fields.title, res.status]).toEqual([fields.title, 201]);
  return res.body.data.id as number;
}
const patch = (role: Role, itemId: number, body: Record<string, unknown>) =>
  request(t.app).patch(`/api/v1/cases/${ids.open}/evidence/${itemId}`).set(auth(role)).send(body);

async function newCase(title: string, restricted = false): Promise<number> {
  const c = await t.ds.getRepository(CaseRecord).save({ code: `RU-2020-${String(Object.keys(ids).length + 1).padStart(4, '0')}`, title, status: 'open', restricted, createdById: users.admin.id });
  return c.id;
}

beforeAll(async () => {
  t = await startTestApp();
  ({ users, tokens, sessions } = await everyRole(t.app, t.ds));
  // An open case nobody is a member of (so only admins are cleared for its protected witness).
  ids.open = await newCase('Argun detentions');
  ids.victim = (await insertPerson(t.ds, 'Rasul Kudaev')).id;
  ids.witness = (await insertPerson(t.ds, 'Zarema Protectedova', { protectedIdentity: true })).id;
  await insertParticipant(t.ds, ids.open, ids.victim, 'victim');
  await insertParticipant(t.ds, ids.open, ids.witness, 'witness');
  // A restricted case: the researcher is its member.
  ids.restricted = await newCase('Night raid in Shali', true);
  await t.ds.getRepository(CaseMember).insert({ caseId: ids.restricted, userId: users.researcher.id });

  ids.normal = await upload(
    'researcher',
    ids.open,
    { type: 'forensic_report', title: 'Aardvark forensic medical examination report', description: 'Bumblebee bruises on the back', receivedFrom: 'Chinchilla clinic', personIds: String(ids.victim) },
    ['report.pdf', makePdf(['Dromedary findings on the first page', 'Second page'])],
  );
  ids.sensitive = await upload(
    'researcher',
    ids.open,
    { type: 'medical_record', title: 'Echidna photographs of bruising taken by the lawyer', description: 'Flamingo hospital record', confidentiality: 'sensitive' },
    ['record.txt', Buffer.from('Gnu: the extracted text of a sensitive file.\n')],
  );
  ids.privileged = await upload(
    'lawyer',
    ids.open,
    { type: 'testimony_transcript', title: 'Hedgehog notes of the confidential interview', description: 'Ibex meeting in the SIZO', receivedFrom: 'Jackal law office', confidentiality: 'privileged' },
    ['notes.txt', Buffer.from('Koala: what the client told the lawyer.\n')],
  );
  ids.withName = await upload(
    'researcher',
    ids.open,
    { type: 'statement_document', title: 'Kestrel retraction', description: 'Written in the presence of Zarema Protectedova at the police station.' },
    ['retraction.txt', Buffer.from('Lemur retraction text.\n')],
  );
  ids.inRestricted = await upload('researcher', ids.restricted, { type: 'other', title: 'Quokka letter from the SIZO' }, ['letter.txt', Buffer.from('Marmot letter text.\n')]);
  await evidenceJobsIdle(t.ds);
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

describe('evidence in search', () => {
  it('finds a normal item by its title, description, provenance, extracted document text and linked person, for every role', async () => {
    for (const q of ['aardvark', 'bumblebee', 'chinchilla', 'dromedary', 'Kudaev forensic']) {
      for (const role of ROLES) {
        const b = await search(role, { q, include: 'facets' });
        expect([role, q, evidenceHits(b)]).toEqual([role, q, [ids.normal]]);
        const hit = b.data.find((h) => h.kind === 'evidence')!;
        expect(hit.url).toBe(`/cases/${ids.open}/evidence/${ids.normal}`);
        expect(hit.title).toBe('Aardvark forensic medical examination report');
        expect(hit.case?.id).toBe(ids.open);
        expect([role, q, kindCount(b, 'evidence')]).toEqual([role, q, 1]);
      }
    }
    // The snippet shows the text that matched (here: the PDF's).
    expect((await search('viewer', { q: 'dromedary' })).data[0].snippet).toContain('Dromedary findings');
  });

  it('links each hit to the evidence page, which the same user may open', async () => {
    for (const role of ROLES) {
      const page = await sessions[role].agent.get('/search?q=echidna').expect(200);
      expect(page.text).toContain(`href="/cases/${ids.open}/evidence/${ids.sensitive}"`);
      await sessions[role].agent.get(`/cases/${ids.open}/evidence/${ids.sensitive}`).expect(200);
    }
  });

  it("shows a sensitive item to every reader, but finds its files' text only for admins, researchers and lawyers", async () => {
    for (const role of ROLES) {
      for (const q of ['echidna', 'flamingo']) {
        const b = await search(role, { q, include: 'facets' });
        // Exactly once: each reader matches either the row with the files' text or the one without.
        expect([role, q, evidenceHits(b), kindCount(b, 'evidence'), b.total]).toEqual([role, q, [ids.sensitive], 1, 1]);
        if (!FILE_READERS.includes(role)) expect(JSON.stringify(b)).not.toMatch(/Gnu/);
      }
      const byText = await search(role, { q: 'gnu', include: 'facets' });
      const reads = FILE_READERS.includes(role);
      expect([role, evidenceHits(byText), byText.total, byText.facets!.cases]).toEqual([role, reads ? [ids.sensitive] : [], reads ? 1 : 0, reads ? 1 : 0]);
      if (reads) expect(byText.data[0].snippet).toContain('Gnu: the extracted text');
      // Words from the title and from a file together: found only where both are readable.
      expect([role, (await search(role, { q: 'echidna gnu' })).total]).toEqual([role, reads ? 1 : 0]);
      expect([role, (await search(role, { q: 'echidna', kind: 'evidence' })).total]).toEqual([role, 1]);
    }
  });

  it('finds a privileged item, by any field, and counts it, only for lawyers and admins', async () => {
    for (const role of ROLES) {
      const sees = PRIVILEGED_READERS.includes(role);
      for (const q of ['hedgehog', 'ibex', 'jackal', 'koala']) {
        const b = await search(role, { q, include: 'facets' });
        expect([role, q, evidenceHits(b), b.total, b.facets!.cases, kindCount(b, 'evidence')]).toEqual([role, q, sees ? [ids.privileged] : [], sees ? 1 : 0, sees ? 1 : 0, sees ? 1 : 0]);
        if (!sees) expect(JSON.stringify(b)).not.toMatch(/hedgehog|ibex|jackal|koala/i);
      }
      expect([role, (await search(role, { q: 'hedgehog', kind: 'evidence' })).total]).toEqual([role, sees ? 1 : 0]);
      const page = await sessions[role].agent.get('/search?q=hedgehog').expect(200);
      expect([role, page.text.includes('notes of the confidential interview')]).toEqual([role, sees]);
    }
  });

  it('never shows evidence of a restricted case to non-members: results, counts, facets, the evidence-type filter', async () => {
    const members: Role[] = ['admin', 'researcher'];
    for (const role of ROLES) {
      const sees = members.includes(role);
      for (const q of ['quokka', 'marmot']) {
        const b = await search(role, { q, include: 'facets' });
        expect([role, q, evidenceHits(b), b.total, b.facets!.cases]).toEqual([role, q, sees ? [ids.inRestricted] : [], sees ? 1 : 0, sees ? 1 : 0]);
        if (!sees) expect(JSON.stringify(b)).not.toMatch(/quokka|marmot/i);
      }
      const list = await search(role, { evidence_type: 'other', include: 'facets' });
      expect([role, list.total, list.facets!.cases, facetValue(list, 'evidence_type', 'other')]).toEqual([role, sees ? 1 : 0, sees ? 1 : 0, sees ? 1 : 0]);
    }
  });

  it('filters cases by evidence type, with counts per role; privileged items count only for lawyers and admins', async () => {
    for (const role of ROLES) {
      const privileged = PRIVILEGED_READERS.includes(role);
      const forensic = await search(role, { evidence_type: 'forensic_report', include: 'facets' });
      expect([role, forensic.data.map((h) => h.id)]).toEqual([role, [ids.open]]);
      const transcript = await search(role, { evidence_type: 'testimony_transcript', include: 'facets' });
      expect([role, transcript.total, transcript.facets!.cases]).toEqual([role, privileged ? 1 : 0, privileged ? 1 : 0]);
      // The facet over the open case: every type it holds that the user may know of.
      const facets = await search(role, { evidence_type: 'forensic_report', include: 'facets' });
      expect([role, ['forensic_report', 'medical_record', 'statement_document', 'testimony_transcript'].map((v) => facetValue(facets, 'evidence_type', v))]).toEqual([
        role,
        [1, 1, 1, privileged ? 1 : 0],
      ]);
      // Over the cases of a text search too.
      const text = await search(role, { q: 'aardvark', include: 'facets' });
      expect([role, facetValue(text, 'evidence_type', 'testimony_transcript'), facetValue(text, 'evidence_type', 'medical_record')]).toEqual([role, privileged ? 1 : 0, 1]);
      // Combined with words: a privileged item counts for those who may know of it, and only for them.
      expect([role, (await search(role, { q: 'aardvark', evidence_type: 'testimony_transcript' })).total]).toEqual([role, privileged ? 1 : 0]);
      expect([role, (await search(role, { q: 'aardvark', evidence_type: 'forensic_report' })).total]).toEqual([role, 1]);
      expect([role, (await search(role, { q: 'aardvark', evidence_type: 'photo' })).total]).toEqual([role, 0]);
    }
    // The form offers the types and keeps the choice; the facet links carry it.
    const page = await sessions.viewer.agent.get('/search?evidence_type=forensic_report').expect(200);
    expect(page.text).toMatch(/<option value="forensic_report" selected>Forensic report<\/option>/);
    expect(page.text).toContain('Evidence type');
    expect(page.text).not.toContain('Testimony transcript</a>');
    expect(page.text).not.toContain('evidence_type=testimony_transcript');
    const lawyerPage = await sessions.lawyer.agent.get('/search?evidence_type=forensic_report').expect(200);
    expect(lawyerPage.text).toContain('evidence_type=testimony_transcript');
  });

  it('answers an evidence type that is not on the list with 422 and a message by the field, never 5xx', async () => {
    for (const value of ['bogus', 'Photo', 'photo ', 'privileged', '<script>alert(1)</script>', 'x'.repeat(5000), "photo' OR 1=1 --"]) {
      const res = await api('analyst', { evidence_type: value, q: 'aardvark' });
      expect([value.slice(0, 40), res.status]).toEqual([value.slice(0, 40), 422]);
      expect(res.body.error.fields.evidence_type).toBe('Give an evidence type (a known id or code).');
      const page = await sessions.analyst.agent.get('/search').query({ evidence_type: value });
      expect([value.slice(0, 40), page.status]).toEqual([value.slice(0, 40), 422]);
      expect(page.text).toMatch(/id="f-evidence_type-error"><span class="visually-hidden">Error:<\/span> Choose an evidence type from the list\.<\/p>/);
      expect(page.text).not.toContain('<script>alert(1)</script>');
    }
    // Repeated: the first value counts; empty: no filter.
    expect((await search('analyst', { evidence_type: ['forensic_report', 'bogus'] } as never)).total).toBe(1);
    expect((await search('analyst', { q: 'aardvark', evidence_type: '' })).total).toBe(1);
    const openapi = await request(t.app).get('/api/v1/openapi.json').set(auth('viewer')).expect(200);
    const param = openapi.body.paths['/search'].get.parameters.find((p: { name: string }) => p.name === 'evidence_type');
    expect(param.schema.enum).toContain('testimony_transcript');
  });

  it('withholds a protected name from the snippets of evidence for users not cleared for it', async () => {
    for (const role of ROLES) {
      const b = await search(role, { q: 'kestrel' });
      const hit = b.data.find((h) => h.kind === 'evidence' && h.id === ids.withName)!;
      expect([role, Boolean(hit)]).toEqual([role, true]);
      if (role === 'admin') expect(hit.snippet).toContain('Zarema Protectedova');
      else {
        expect(hit.snippet).toMatch(/presence of \[Person P-\d{4}\]/);
        expect(JSON.stringify(b)).not.toMatch(/Protectedova|Zarema/);
      }
      // Naming her finds nothing from the case she is linked to, unless cleared (her record has no creator).
      const named = await search(role, { q: 'Protectedova', include: 'facets' });
      expect([role, evidenceHits(named), named.facets!.cases]).toEqual([role, role === 'admin' ? [ids.withName] : [], role === 'admin' ? 1 : 0]);
    }
  });

  it('moves an item at once when its confidentiality changes', async () => {
    const found = async (role: Role, q: string) => evidenceHits(await search(role, { q })).includes(ids.normal);
    expect(await found('analyst', 'dromedary')).toBe(true);
    await patch('researcher', ids.normal, { confidentiality: 'sensitive' }).expect(200);
    for (const role of ROLES) {
      expect([role, await found(role, 'aardvark'), await found(role, 'dromedary')]).toEqual([role, true, FILE_READERS.includes(role)]);
      expect([role, (await search(role, { q: 'aardvark' })).total]).toEqual([role, 1]);
    }
    await patch('lawyer', ids.normal, { confidentiality: 'privileged' }).expect(200);
    for (const role of ROLES) {
      const sees = PRIVILEGED_READERS.includes(role);
      expect([role, await found(role, 'aardvark'), await found(role, 'bumblebee'), await found(role, 'dromedary')]).toEqual([role, sees, sees, sees]);
      const list = await search(role, { evidence_type: 'forensic_report' });
      expect([role, list.total]).toEqual([role, sees ? 1 : 0]);
    }
    await patch('lawyer', ids.normal, { confidentiality: 'normal' }).expect(200);
    for (const role of ROLES) expect([role, await found(role, 'dromedary'), (await search(role, { evidence_type: 'forensic_report' })).total]).toEqual([role, true, 1]);
  });

  it('updates the index in the same transaction as an edit or a deletion (and not at all when it rolls back)', async () => {
    await patch('researcher', ids.withName, { title: 'Narwhal retraction' }).expect(200);
    expect(evidenceHits(await search('viewer', { q: 'narwhal' }))).toEqual([ids.withName]);
    expect(evidenceHits(await search('viewer', { q: 'kestrel' }))).toEqual([]);

    const matches = (q: string) => (rawDb(t.ds).prepare('SELECT count(*) AS n FROM search_index WHERE search_index MATCH ?').get(q) as { n: number }).n;
    await expect(
      withTransaction(t.ds, async (em) => {
        await em.update(EvidenceItem, { id: ids.withName }, { title: 'Ocelot retraction' });
        expect(matches('ocelot')).toBe(1); // inside the transaction, before it commits
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(matches('ocelot')).toBe(0);
    expect(evidenceHits(await search('viewer', { q: 'narwhal' }))).toEqual([ids.withName]);

    await expect(
      withTransaction(t.ds, async (em) => {
        await em.delete(EvidenceItem, { id: ids.sensitive });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(evidenceHits(await search('researcher', { q: 'gnu' }))).toEqual([ids.sensitive]);
    // A deleted sensitive item leaves neither of its two rows behind.
    const rowsOf = (id: number) => (rawDb(t.ds).prepare('SELECT count(*) AS n FROM search_index WHERE rowid >> 32 = ? AND (rowid & 134217727) = ? AND ((rowid >> 27) & 31) IN (10, 12, 13, 14)').get(ids.open, id) as { n: number }).n;
    expect(rowsOf(ids.sensitive)).toBe(2);
    await withTransaction(t.ds, (em) => em.delete(EvidenceItem, { id: ids.sensitive }));
    expect(rowsOf(ids.sensitive)).toBe(0);
    for (const role of ROLES) expect([role, (await search(role, { q: 'echidna' })).total, (await search(role, { q: 'gnu' })).total]).toEqual([role, 0, 0]);
  });

  it('round-trips every naughty string in an evidence title, escaped on the page', async () => {
    const fold = (s: string) => s.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
    const itemId = await upload('researcher', ids.open, { type: 'other', title: 'Zanzibar start' }, ['blns.txt', Buffer.from('Blns holder.\n')]);
    for (const s of BLNS_NON_BLANK.filter((x) => x.length < 480)) {
      const title = `Zanzibar ${s}`;
      const res = await patch('researcher', itemId, { title });
      expect([s, res.status]).toEqual([s, 200]);
      expect(res.body.data.title).toBe(title);
      const b = await search('analyst', { q: 'zanzibar', kind: 'evidence' });
      expect([s, b.data.map((h) => [h.id, h.title])]).toEqual([s, [[itemId, fold(title)]]]);
      if (/[<>&"']/.test(s)) {
        const page = await sessions.analyst.agent.get('/search?q=zanzibar&kind=evidence').expect(200);
        if (s.includes('<')) expect([s, page.text.includes(s)]).toEqual([s, false]);
        expect([s, page.text.includes(escapeHtml(fold(s).trim()))]).toEqual([s, true]);
      }
    }
  });
});
