import http from 'node:http';
import request from 'supertest';
import { Agent, TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { formBody } from '../support/roles';
import { BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';

/**
 * Hostile input over the records of the last wave (issue 11): investigations and their
 * decisions, proceedings with defendants, charges and per-defendant verdicts, deaths of people,
 * statements' court status and retraction histories, official findings as sources, the trash,
 * merges, timeline order, event regions, group sizes of cases and the account language.
 *
 * Every free-text field takes every non-blank string of the Big List of Naughty Strings over the
 * API: stored exactly as typed and read back identical, or (over its length limit) a 422 with a
 * message on that field. The pages that show the text render it escaped (the case page, the
 * trash list, the audit trail for purge reasons, a person's page for a sample). Every choice,
 * reference and date field refuses hostile strings with a 422 and a message on that field. The
 * new forms, shown again with their errors, keep what was typed escaped. Nothing answers 5xx.
 * Problems are collected and listed together, so one run shows them all.
 *
 * Fields of these records that other tests already put every naughty string through are left
 * to them: a proceeding's title, number and note, a stage's note and sentence
 * (tests/integration/proceedings.test.ts), a source's name, title and note
 * (tests/integration/sources.test.ts). Moving a record to the trash takes no reason (only
 * purging does); prototype-shadowing form keys of the new forms are in hostile-forms.test.ts.
 */
jest.setTimeout(300_000); // the machine is shared: the budget is ~60 s for the whole file on a quiet one

type Res = request.Response;
type Who = 'researcher' | 'admin';

let t: TestApp;
let server: http.Server;
const tokens = {} as Record<Who, string>;
const sessions = {} as Record<Who, { agent: Agent; csrf: string }>;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['researcher', 'admin'] as const) {
    const user = await makeUser(t.ds, role);
    tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, user.id, 't')).token;
    sessions[role] = await signIn(t.app, user.email);
  }
  // One listening server for every API call (supertest would start one per request).
  server = t.app.listen(0);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const api = (who: Who = 'researcher') => {
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${tokens[who]}`);
  return {
    get: (p: string) => auth(request(server).get(`/api/v1${p}`)),
    post: (p: string, body: object) => auth(request(server).post(`/api/v1${p}`)).send(body),
    patch: (p: string, body: object) => auth(request(server).patch(`/api/v1${p}`)).send(body),
    delete: (p: string) => auth(request(server).delete(`/api/v1${p}`)),
  };
};
const page = (who: Who = 'researcher') => ({
  get: (p: string) => sessions[who].agent.get(p),
  post: (p: string, body: object) => sessions[who].agent.post(p).type('form').send(formBody({ _csrf: sessions[who].csrf, ...body }).toString()),
});

const TEXT = BLNS_NON_BLANK;
const chars = (s: string) => [...s].length;
const show = (s: unknown) => JSON.stringify(s).slice(0, 80);
/**
 * Strings that would run script if a page printed them raw, every third: each is shown on a page
 * of its own (a person's, a source's); the case, trash and audit pages show every string.
 */
const SCRIPT = TEXT.filter((s) => /<script|onerror|onload|javascript:/i.test(s)).filter((_, k) => k % 3 === 0);
const isCodeLike = (s: string) => /^[a-z][a-z0-9_]*$/.test(s);
/** What refId / optionalRefId (http/fields.ts) read as a record id: digits only ("1E2", "0x10", "1.0" are not). */
const readsAsId = (s: string) => /^\s*[0-9]+\s*$/.test(s) && Number.isSafeInteger(Number(s)) && Number(s) > 0;
/** An id as the strict fields (defendants, merges, the trash's case filter) read one. */
const strictId = (s: string) => /^\s*[1-9][0-9]{0,14}\s*$/.test(s);
/** A whole number from 0 to max (a sentence's "-0" years are none). */
const wholeNumber = (s: string, max: number) => /^\s*-?\d{1,15}\s*$/.test(s) && Number(s) >= 0 && Number(s) <= max;
/**
 * Hostile strings for choice, reference and date fields: every string that looks like a code or
 * a number (those get past the schema to the lookups in the services), every seventh of the rest.
 */
const CHOICE = TEXT.filter((s, i) => isCodeLike(s) || Number.isFinite(Number(s)) || i % 7 === 0);

const fieldsOf = (res: Res): Record<string, string> => (res.body?.error?.fields ?? {}) as Record<string, string>;
const under = (key: string, field: string) => key === field || key.startsWith(`${field}.`);
/** A message on the field (or inside it: `date.value`), unless a more specific field of `among` holds it. */
const hasMessage = (res: Res, field: string, among: string[] = [field]) =>
  Object.entries(fieldsOf(res)).some(([k, m]) => under(k, field) && !among.some((o) => o !== field && o.startsWith(`${field}.`) && under(k, o)) && typeof m === 'string' && m.trim() !== '');

async function mustBe(res: Res | Promise<Res>, status: number, what: string): Promise<Res> {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r;
}

// --- free text -------------------------------------------------------------------------------

interface TextRecord {
  what: string;
  /** Each free-text field (as the API names it in field errors) with its length limit in characters. */
  limits: Record<string, number>;
  /** Sends a new record with these fields holding the string (the other fields valid). */
  send: (values: Record<string, string>, i: number) => Promise<Res>;
  /** The stored fields as the API answers them. */
  read: (body: any) => Record<string, unknown>;
}

interface Stored {
  s: string;
  i: number;
  /** The fields that hold s (those within their limit). */
  fields: string[];
  body: any;
}

/**
 * Every string into every field of the record, one request per string: 201 and read back
 * identical, or, for a string over a field's limit, 422 with a message on that field (and the
 * other fields then take it).
 */
async function sendEveryString(r: TextRecord, problems: string[]): Promise<Stored[]> {
  const stored: Stored[] = [];
  const all = Object.keys(r.limits);
  for (const [i, s] of TEXT.entries()) {
    const tooLong = all.filter((f) => chars(s) > r.limits[f]);
    if (tooLong.length) {
      const res = await r.send(Object.fromEntries(all.map((f) => [f, s])), i);
      const stray = Object.keys(fieldsOf(res)).filter((k) => !tooLong.some((f) => under(k, f)));
      if (res.status !== 422 || tooLong.some((f) => !hasMessage(res, f)) || stray.length) problems.push(`${r.what} ${show(s)} over the limit of ${tooLong}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    const fields = all.filter((f) => !tooLong.includes(f));
    if (!fields.length) continue;
    const res = await r.send(Object.fromEntries(fields.map((f) => [f, s])), i);
    if (res.status !== 201 && res.status !== 200) {
      problems.push(`${r.what} ${show(s)}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      continue;
    }
    const back = r.read(res.body);
    for (const f of fields) if (back[f] !== s) problems.push(`${r.what}.${f} ${show(s)} came back as ${show(back[f])}`);
    stored.push({ s, i, fields, body: res.body });
  }
  return stored;
}

/**
 * Limits count characters: at its limit in emoji (two UTF-16 units each) every field takes the
 * text, read back whole; one character more is a 422 with a message on each field.
 */
async function checkLimits(r: TextRecord, problems: string[], i = 0): Promise<void> {
  const fill = (extra: string) => Object.fromEntries(Object.entries(r.limits).map(([f, n]) => [f, extra + '😀'.repeat(n)]));
  const at = fill('');
  const ok = await r.send(at, i);
  if (ok.status !== 201 && ok.status !== 200) problems.push(`${r.what} at the limits: ${ok.status} ${JSON.stringify(ok.body).slice(0, 300)}`);
  else for (const [f, v] of Object.entries(r.read(ok.body))) if (f in at && v !== at[f]) problems.push(`${r.what}.${f} at its limit came back as ${chars(String(v))} characters`);
  const over = await r.send(fill('x'), i);
  const silent = Object.keys(r.limits).filter((f) => !hasMessage(over, f));
  if (over.status !== 422 || silent.length) problems.push(`${r.what} over the limits: ${over.status}, no message on ${silent}`);
}

/** The page shows each text escaped, and no string that holds markup raw. */
function expectEscaped(html: string, where: string, texts: Iterable<string>, problems: string[]): void {
  const seen = new Set(texts);
  for (const s of seen) {
    if (!html.includes(escapeHtml(s))) problems.push(`${where} does not show ${show(s)} (escaped)`);
    if (s.includes('<') && html.includes(s)) problems.push(`${where} shows ${show(s)} raw`);
  }
}

// --- choices, references and dates -----------------------------------------------------------

interface ChoiceRecord {
  what: string;
  /** Each choice, reference or date field (as field errors name it) with the strings it may legitimately accept. */
  fields: Record<string, ((s: string) => boolean) | null>;
  /** A body with the string in the fields `hostile` names, valid values (or none) in the others. */
  body: (s: string, hostile: (field: string) => boolean, i: number) => object;
  send: (body: object) => Promise<Res>;
}

/**
 * Each string into every field at once: the schema refuses most with a message on the field.
 * A string the schema lets through (a code, a number) meets the later checks (the schema's own
 * cross-checks, then the service's lookups), which run only once the earlier ones pass: so it
 * is sent again with only the fields still silent holding it, until each has a message or is a
 * value the field accepts (a number for an id). Never a 5xx; a 2xx only when every field holding
 * the string accepts it.
 */
async function refuseEveryChoice(r: ChoiceRecord, problems: string[]): Promise<void> {
  const all = Object.keys(r.fields);
  const accepts = (f: string, s: string) => r.fields[f]?.(s) ?? false;
  for (const [i, s] of CHOICE.entries()) {
    let pending = all;
    for (;;) {
      const res = await r.send(r.body(s, (f) => pending.includes(f), i));
      const silent = pending.filter((f) => !hasMessage(res, f, all));
      const refused = silent.filter((f) => !accepts(f, s));
      const ok = res.status === 422 ? silent.length < pending.length || refused.length === 0 : res.status < 300 && refused.length === 0;
      if (!ok) {
        problems.push(`${r.what} ${pending} ${show(s)}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        break;
      }
      if (res.status !== 422 || refused.length === 0 || silent.length === pending.length) break;
      pending = silent;
    }
  }
}

/** A partial date field holding the string: as the day, as the precision, or as the whole date. */
const hostileDate = (s: string, i: number) => [{ precision: 'day', value: s }, { precision: s, value: '2005' }, s, { precision: 'range', start: s, end: '2006' }][i % 4];

// --- the records -----------------------------------------------------------------------------

async function newCase(title: string): Promise<number> {
  return (await mustBe(api().post('/cases', { title, status: 'open' }), 201, 'case')).body.data.id;
}
async function caseWithPeople(title: string, n: number): Promise<{ caseId: number; people: number[] }> {
  const caseId = await newCase(title);
  const people: number[] = [];
  for (let k = 0; k < n; k++) {
    const p = await insertPerson(t.ds, `Defendant ${title} ${k}`);
    await insertParticipant(t.ds, caseId, p.id, 'victim');
    people.push(p.id);
  }
  return { caseId, people };
}

describe('free text of the new records, every naughty string', () => {
  it('investigations and decisions: stored as typed, read back, shown escaped; then the trash: listed escaped, purged with each string as the reason', async () => {
    const problems: string[] = [];
    const caseId = await newCase('Investigations of naughty strings');
    const investigation: TextRecord = {
      what: 'investigation',
      limits: { officialNumber: 300, note: 20_000 },
      send: (v) => api().post(`/cases/${caseId}/investigations`, { trigger: 'complaint', ...v }),
      read: (b) => b.data,
    };
    const investigations = await sendEveryString(investigation, problems);
    // Each investigation takes one decision holding the same string (one investigation with
    // hundreds of decisions would be read whole at each new one).
    const invOf = new Map(investigations.map((x) => [x.i, x.body.data.id]));
    const decision: TextRecord = {
      what: 'decision',
      limits: { official: 300, reasons: 20_000 },
      send: (v, i) => api().post(`/cases/${caseId}/investigations/${invOf.get(i)}/decisions`, { kind: 'refused_to_open', ...v }),
      read: (b) => b.data,
    };
    const decisions = await sendEveryString(decision, problems);
    // Read back once more, all together, as a client lists them.
    const list = (await mustBe(api().get(`/cases/${caseId}/investigations`), 200, 'list')).body.data as any[];
    const byId = new Map(list.map((inv) => [inv.id, inv]));
    for (const x of investigations) for (const f of x.fields) if (byId.get(x.body.data.id)?.[f] !== x.s) problems.push(`investigation list ${f} ${show(x.s)}`);
    const listed = new Map<number, any>(list.flatMap((inv) => inv.decisions).map((d: any) => [d.id, d]));
    for (const x of decisions) for (const f of x.fields) if (listed.get(x.body.data.id)?.[f] !== x.s) problems.push(`decision list ${f} ${show(x.s)}`);
    expect(listed.size).toBe(TEXT.length);
    const html = (await mustBe(page().get(`/cases/${caseId}`), 200, 'case page')).text;
    expectEscaped(html, 'case page (investigations)', TEXT, problems);
    await checkLimits(investigation, problems);
    await checkLimits(decision, problems);

    // Into the trash, each with its decision: the list shows each label ("<number> · on complaint") escaped.
    for (const x of investigations) await mustBe(api().delete(`/cases/${caseId}/investigations/${x.body.data.id}`), 204, `delete investigation ${show(x.s)}`);
    const items = new Map<number, any>();
    let trashPages = '';
    for (let p = 1; items.size < investigations.length && p < 30; p++) {
      for (const item of (await mustBe(api('admin').get(`/trash?kind=investigation&page=${p}`), 200, 'trash')).body.data) items.set(item.recordId, item);
      trashPages += (await mustBe(page('admin').get(`/admin/trash?kind=investigation&page=${p}`), 200, 'trash page')).text;
    }
    const labels = investigations.map((x) => `${x.s} · on complaint`);
    investigations.forEach((x, k) => items.get(x.body.data.id)?.label !== labels[k] && problems.push(`trash label of ${show(x.s)}: ${show(items.get(x.body.data.id)?.label)}`));
    expectEscaped(trashPages, 'trash list', labels, problems);

    // Restoring takes no fields: a hostile one is refused by name (those shadowing Object.prototype
    // are dropped from every body, http/body-keys.ts, leaving none).
    const [first, ...rest] = investigations.map((x) => items.get(x.body.data.id));
    for (const s of CHOICE.filter((c) => !(c in Object.prototype)).slice(0, 20)) {
      const res = await api('admin').post(`/trash/${first.id}/restore`, { [s]: s });
      if (res.status !== 422 || !hasMessage(res, s)) problems.push(`restore with the field ${show(s)}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    await mustBe(api('admin').post(`/trash/${first.id}/restore`, {}), 200, 'restore');
    const restored = (await mustBe(api().get(`/cases/${caseId}/investigations/${first.recordId}`), 200, 'restored')).body.data;
    expect([restored.officialNumber, restored.note, restored.decisions[0]?.reasons]).toEqual([TEXT[0], TEXT[0], TEXT[0]]);
    await mustBe(api().delete(`/cases/${caseId}/investigations/${first.recordId}`), 204, 'delete again');
    const again = (await mustBe(api('admin').get('/trash?kind=investigation'), 200, 'trash')).body.data.find((i: any) => i.recordId === first.recordId);

    // Purged for good, each with a string as the reason: kept in the audit trail as typed, shown
    // escaped there. A reason has at most 2000 characters (and one is needed).
    for (const reason of [`x${'😀'.repeat(2000)}`, ' \n ']) {
      const res = await api('admin').post(`/trash/${rest[0].id}/purge`, { reason });
      if (res.status !== 422 || !hasMessage(res, 'reason')) problems.push(`purge with a reason of ${chars(reason)} characters: ${res.status}`);
    }
    for (const [k, item] of [...rest, again].entries()) {
      const res = await api('admin').post(`/trash/${item.id}/purge`, { reason: TEXT[k] });
      if (res.status !== 204) problems.push(`purge with the reason ${show(TEXT[k])}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    const purges = await t.ds.getRepository(AuditEntry).find({ where: { action: 'trash.purge' } });
    expect(purges.map((e) => JSON.parse(e.detail).reason).sort()).toEqual([...TEXT].sort());
    let audit = '';
    for (let p = 1; p <= Math.ceil(TEXT.length / 50); p++) audit += (await mustBe(page('admin').get(`/admin/audit?action=trash.purge&page=${p}`), 200, 'audit page')).text;
    expectEscaped(audit, 'audit trail', TEXT, problems);

    // A label is cut to its first 300 characters, never inside one (an emoji is two UTF-16 units:
    // half of one is stored as replacement characters).
    const long = `a${'😀'.repeat(299)}`;
    const longId = (await mustBe(api().post(`/cases/${caseId}/investigations`, { trigger: 'complaint', officialNumber: long }), 201, 'investigation')).body.data.id;
    await mustBe(api().delete(`/cases/${caseId}/investigations/${longId}`), 204, 'delete');
    const longItem = (await mustBe(api('admin').get('/trash?kind=investigation'), 200, 'trash')).body.data.find((i: any) => i.recordId === longId);
    expect(longItem.label).toBe([...`${long} · on complaint`].slice(0, 300).join(''));
    expect(problems).toEqual([]);
  });

  it('charges and per-defendant verdicts: stored as typed, read back, shown escaped on the case page', async () => {
    // A proceeding's title, number and note, and a stage's note and sentence for every defendant,
    // take every naughty string in tests/integration/proceedings.test.ts. Here: the charges of
    // each defendant and the verdict of each, many strings to a request (30 charges to a
    // defendant, a verdict for each of a hundred defendants).
    const problems: string[] = [];
    const { caseId, people } = await caseWithPeople('Charges and verdicts of naughty strings', 100);
    const defendants = people.map((personId, d) => ({ personId, charges: TEXT.slice(d * 30, d * 30 + 30).map((article) => ({ article })) })).filter((d) => d.charges.length);
    const res = await api().post(`/cases/${caseId}/proceedings`, { title: 'Trial of a hundred', defendants: [...defendants, ...people.slice(defendants.length).map((personId) => ({ personId }))] });
    const tooLong = TEXT.filter((s) => chars(s) > 300);
    expect(tooLong).toEqual([]); // every string fits an article (300): none refused here
    const proceeding = (await mustBe(res, 201, 'proceeding')).body.data;
    const articles = (p: any) => p.defendants.flatMap((d: any) => d.charges.map((c: any) => c.article));
    expect(articles(proceeding)).toEqual(TEXT);

    for (let from = 0; from < TEXT.length; from += people.length) {
      const chunk = TEXT.slice(from, from + people.length);
      const stage = await api().post(`/cases/${caseId}/proceedings/${proceeding.id}/stages`, {
        kind: from ? 'appeal' : 'verdict',
        verdicts: chunk.map((note, j) => ({ personId: people[j], outcome: 'convicted', sentenceKind: 'imprisonment', years: j % 20, months: j % 12, regime: 'strict', note })),
      });
      if (stage.status !== 201) {
        problems.push(`verdict notes ${from}..: ${stage.status} ${JSON.stringify(stage.body).slice(0, 300)}`);
        continue;
      }
      const notes = new Map(stage.body.data.verdicts.map((v: any) => [v.personId, v.sentence.note]));
      chunk.forEach((s, j) => notes.get(people[j]) !== s && problems.push(`verdict note ${show(s)} came back as ${show(notes.get(people[j]))}`));
    }
    // Read back once more, all together.
    const [trial] = (await mustBe(api().get(`/cases/${caseId}/proceedings`), 200, 'list')).body.data;
    expect(articles(trial)).toEqual(TEXT);
    expect(trial.stages.flatMap((s: any) => s.verdicts.map((v: any) => v.sentence.note)).sort()).toEqual([...TEXT].sort());

    const html = (await mustBe(page().get(`/cases/${caseId}`), 200, 'case page')).text;
    expectEscaped(html, 'case page (charges and verdicts)', TEXT, problems);
    // Limits count characters: an article of 300 emoji and a note of 20,000 are taken, one more is refused on the field.
    for (const [extra, status] of [['', 201], ['x', 422]] as const) {
      const charge = await api().post(`/cases/${caseId}/proceedings`, { defendants: [{ personId: people[0], charges: [{ article: extra + '😀'.repeat(300) }] }] });
      const verdict = await api().post(`/cases/${caseId}/proceedings/${proceeding.id}/stages`, { kind: 'retrial', verdicts: [{ personId: people[0], outcome: 'convicted', note: extra + '😀'.repeat(20_000) }] });
      if (charge.status !== status || (status === 422 && !hasMessage(charge, 'defendants.0.charges.0.article'))) problems.push(`article of ${300 + extra.length} characters: ${charge.status}`);
      if (verdict.status !== status || (status === 422 && !hasMessage(verdict, 'verdicts.0.note'))) problems.push(`verdict note of ${20_000 + extra.length} characters: ${verdict.status}`);
      if (status === 201 && (charge.body.data.defendants[0].charges[0].article !== '😀'.repeat(300) || verdict.body.data.verdicts[0].sentence.note !== '😀'.repeat(20_000))) problems.push('article or verdict note at its limit not read back whole');
    }
    expect(problems).toEqual([]);
  });

  it('retractions and reaffirmations of statements: the reason stored as typed, read back, shown escaped', async () => {
    const problems: string[] = [];
    const caseId = await newCase('Retractions of naughty strings');
    // Ten steps to a statement (the search text of a statement holds every reason of its history),
    // each statement made by someone described with a naughty string: the timeline names them.
    const statements: number[] = [];
    const makers: string[] = [];
    const statementFor = async (i: number) => {
      while (statements.length <= Math.floor(i / 10)) {
        const maker = TEXT[statements.length * 10];
        const body = { makerDescription: maker, kind: 'confession', courtStatus: 'relied_on', date: { precision: 'day', value: '2005-10-14' } };
        statements.push((await mustBe(api().post(`/cases/${caseId}/statements`, body), 201, 'statement')).body.data.id);
        makers.push(maker);
      }
      return statements[Math.floor(i / 10)];
    };
    const retraction: TextRecord = {
      what: 'retraction',
      limits: { reason: 20_000 },
      send: async (v, i) => api().post(`/cases/${caseId}/statements/${await statementFor(i)}/retractions`, { kind: i % 2 ? 'reaffirmation' : 'retraction', forum: 'court', pressureAlleged: 'yes', date: { precision: 'month', value: '2006-03' }, ...v }),
      read: (b) => b.data,
    };
    const steps = await sendEveryString(retraction, problems);
    const listed = new Map<number, any>();
    for (const statementId of statements) for (const r of (await mustBe(api().get(`/cases/${caseId}/statements/${statementId}/retractions`), 200, 'list')).body.data) listed.set(r.id, r);
    for (const x of steps) if (listed.get(x.body.data.id)?.reason !== x.s) problems.push(`retraction list reason ${show(x.s)}`);
    expect(listed.size).toBe(TEXT.length);

    const html = (await mustBe(page().get(`/cases/${caseId}`), 200, 'case page')).text;
    expectEscaped(html, 'case page (retractions)', TEXT, problems);
    // The timeline picture draws the retractions with their makers: never markup of theirs.
    const picture = await mustBe(page().get(`/cases/${caseId}/timeline.svg`).buffer(true).parse((res, done) => { let text = ''; res.setEncoding('utf8'); res.on('data', (c: string) => (text += c)); res.on('end', () => done(null, text)); }), 200, 'timeline');
    expect(picture.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = picture.body as string;
    expect(svg).toContain('retracted');
    for (const maker of makers) if (maker.includes('<') && svg.includes(maker)) problems.push(`timeline.svg shows ${show(maker)} raw`);
    expect(svg).not.toMatch(/<script|<img|<svg[^>]*onload/i);
    await checkLimits(retraction, problems);
    expect(problems).toEqual([]);
  });

  it('deaths of people: place and causes stored as typed, read back, shown escaped on the person page', async () => {
    const problems: string[] = [];
    const death: TextRecord = {
      what: 'death',
      limits: { deathPlace: 2000, deathCauseOfficial: 20_000, deathCauseAlleged: 20_000 },
      send: (v, i) => api().post('/people', { names: [`Died ${i}`], createAnyway: true, died: true, deathInCustody: 'yes', ...v }),
      read: (b) => ({ deathPlace: b.data.death?.place, deathCauseOfficial: b.data.death?.causeOfficial, deathCauseAlleged: b.data.death?.causeAlleged }),
    };
    const died = await sendEveryString(death, problems);
    expect(died.length).toBe(TEXT.length);
    for (const x of died.filter((d) => SCRIPT.includes(d.s))) {
      const html = (await mustBe(page().get(`/people/${x.body.data.id}`), 200, 'person page')).text;
      expectEscaped(html, `person page ${x.i}`, [x.s], problems);
    }
    await checkLimits(death, problems);
    expect(problems).toEqual([]);
  });

  it('official findings: a source of that kind keeps its text and is shown escaped, marked as an official finding', async () => {
    // Name, title and note take every naughty string in tests/integration/sources.test.ts; here
    // the markup ones, as official findings cited in a case.
    const problems: string[] = [];
    const caseId = await newCase('Official findings of naughty strings');
    for (const s of SCRIPT) {
      const res = await api().post('/sources', { kind: 'official_finding', reliability: 'usually_reliable', relation: 'official', name: s, title: s, note: s });
      if (res.status !== 201) {
        problems.push(`source ${show(s)}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        continue;
      }
      const back = (await mustBe(api().get(`/sources/${res.body.data.id}`), 200, 'source')).body.data;
      if ([back.kind, back.officialFinding, back.name, back.title, back.note].some((v, k) => v !== ['official_finding', true, s, s, s][k])) problems.push(`source ${show(s)} came back as ${JSON.stringify(back).slice(0, 300)}`);
      await mustBe(api().post(`/cases/${caseId}/citations`, { sourceId: res.body.data.id, recordType: 'case_record', recordId: caseId }), 201, 'citation');
    }
    const html = (await mustBe(page().get(`/cases/${caseId}`), 200, 'case page')).text;
    expectEscaped(html, 'case page (official findings)', SCRIPT, problems);
    expect(html.match(/Finding of an official body|official finding/gi)?.length ?? 0).toBeGreaterThanOrEqual(SCRIPT.length);
    expect(problems).toEqual([]);
  });
});

describe('choice, reference and date fields of the new records refuse hostile strings', () => {
  let caseId: number;
  let people: number[];
  let institutionId: number;
  let investigationId: number;
  let proceedingId: number;
  let statementId: number;
  beforeAll(async () => {
    ({ caseId, people } = await caseWithPeople('Hostile choices', 2));
    institutionId = (await mustBe(api().post('/institutions', { name: 'IK-1 Yaroslavl', type: 'police_unit' }), 201, 'institution')).body.data.id;
    investigationId = (await mustBe(api().post(`/cases/${caseId}/investigations`, { trigger: 'complaint' }), 201, 'investigation')).body.data.id;
    proceedingId = (await mustBe(api().post(`/cases/${caseId}/proceedings`, { title: 'Trial', defendants: people }), 201, 'proceeding')).body.data.id;
    statementId = (await mustBe(api().post(`/cases/${caseId}/statements`, { makerDescription: 'a detainee', kind: 'confession' }), 201, 'statement')).body.data.id;
  });

  it('investigations and decisions', async () => {
    const problems: string[] = [];
    await refuseEveryChoice(
      {
        what: 'investigation',
        fields: { trigger: null, institutionId: readsAsId, triggerComplaintId: readsAsId, began: null },
        body: (s, h, i) => ({
          trigger: h('trigger') ? s : 'complaint',
          institutionId: h('institutionId') ? s : undefined,
          triggerComplaintId: h('triggerComplaintId') ? s : undefined,
          began: h('began') ? hostileDate(s, i) : undefined,
        }),
        send: (b) => api().post(`/cases/${caseId}/investigations`, b),
      },
      problems,
    );
    await refuseEveryChoice(
      {
        what: 'decision',
        fields: { kind: null, date: null, institutionId: readsAsId, transferredToId: readsAsId, evidenceItemId: readsAsId, sourceEventId: readsAsId, sequence: (s) => wholeNumber(s, 1000) },
        body: (s, h, i) => ({
          kind: h('kind') ? s : 'refused_to_open',
          ...Object.fromEntries(['institutionId', 'transferredToId', 'evidenceItemId', 'sourceEventId', 'sequence'].filter(h).map((f) => [f, s])),
          date: h('date') ? hostileDate(s, i) : undefined,
        }),
        send: (b) => api().post(`/cases/${caseId}/investigations/${investigationId}/decisions`, b),
      },
      problems,
    );
    expect(problems).toEqual([]);
  });

  it('proceedings, defendants, charges, stages and verdicts', async () => {
    const problems: string[] = [];
    await refuseEveryChoice(
      {
        what: 'proceeding',
        fields: { courtInstitutionId: readsAsId, 'defendants.0.charges.0.articleCode': null, defendants: strictId },
        body: (s, h) => ({
          courtInstitutionId: h('courtInstitutionId') ? s : undefined,
          defendants: [{ personId: people[0], charges: [{ articleCode: h('defendants.0.charges.0.articleCode') ? s : 'ccrf_205' }] }, ...(h('defendants') ? [{ personId: s }] : [])],
        }),
        send: (b) => api().post(`/cases/${caseId}/proceedings`, b),
      },
      problems,
    );
    const v = 'verdicts.0';
    await refuseEveryChoice(
      {
        what: 'stage',
        fields: {
          kind: null,
          date: null,
          courtInstitutionId: readsAsId,
          [`${v}.personId`]: strictId,
          [`${v}.outcome`]: null,
          [`${v}.sentenceKind`]: null,
          [`${v}.regime`]: null,
          [`${v}.years`]: (s) => wholeNumber(s, 99),
          [`${v}.months`]: (s) => wholeNumber(s, 11),
        },
        body: (s, h, i) => ({
          kind: h('kind') ? s : 'verdict',
          date: h('date') ? hostileDate(s, i) : undefined,
          courtInstitutionId: h('courtInstitutionId') ? s : undefined,
          verdicts: [
            {
              personId: h(`${v}.personId`) ? s : people[0],
              outcome: h(`${v}.outcome`) ? s : 'convicted',
              sentenceKind: h(`${v}.sentenceKind`) ? s : 'imprisonment',
              regime: h(`${v}.regime`) ? s : 'strict',
              years: h(`${v}.years`) ? s : 5,
              months: h(`${v}.months`) ? s : 6,
            },
          ],
        }),
        send: (b) => api().post(`/cases/${caseId}/proceedings/${proceedingId}/stages`, b),
      },
      problems,
    );
    // The shorthand: one outcome for every defendant.
    await refuseEveryChoice(
      {
        what: 'stage outcome for all',
        fields: { outcome: null },
        body: (s) => ({ kind: 'verdict', outcome: s }),
        send: (b) => api().post(`/cases/${caseId}/proceedings/${proceedingId}/stages`, b),
      },
      problems,
    );
    expect(problems).toEqual([]);
  });

  it('deaths of people, court status of statements, retractions', async () => {
    const problems: string[] = [];
    await refuseEveryChoice(
      {
        what: 'death',
        fields: { deathDate: null, deathInCustody: null, deathInstitutionId: readsAsId },
        body: (s, h, i) => ({
          names: ['Hostile death'],
          createAnyway: true,
          died: true,
          deathDate: h('deathDate') ? hostileDate(s, i) : undefined,
          deathInCustody: h('deathInCustody') ? s : 'yes',
          deathInstitutionId: h('deathInstitutionId') ? s : institutionId,
        }),
        send: (b) => api().post('/people', b),
      },
      problems,
    );
    const person = people[1];
    await refuseEveryChoice(
      {
        what: 'death (a change)',
        fields: { deathDate: null, deathInCustody: null },
        body: (s, h, i) => ({ died: true, deathDate: h('deathDate') ? hostileDate(s, i) : undefined, deathInCustody: h('deathInCustody') ? s : 'no' }),
        send: (b) => api().patch(`/people/${person}`, b),
      },
      problems,
    );
    await refuseEveryChoice(
      {
        what: 'statement',
        fields: { courtStatus: null, proceedingId: (s) => readsAsId(s) },
        body: (s, h) => ({ makerDescription: 'a detainee', kind: 'confession', courtStatus: h('courtStatus') ? s : 'submitted', proceedingId: h('proceedingId') ? s : proceedingId }),
        send: (b) => api().post(`/cases/${caseId}/statements`, b),
      },
      problems,
    );
    await refuseEveryChoice(
      {
        what: 'retraction',
        fields: { kind: null, date: null, forum: null, pressureAlleged: null },
        body: (s, h, i) => ({ kind: h('kind') ? s : 'retraction', date: h('date') ? hostileDate(s, i) : undefined, forum: h('forum') ? s : 'court', pressureAlleged: h('pressureAlleged') ? s : 'yes' }),
        send: (b) => api().post(`/cases/${caseId}/statements/${statementId}/retractions`, b),
      },
      problems,
    );
    expect(problems).toEqual([]);
  });

  it('official findings: the kind, address, date and grades of a source', async () => {
    const problems: string[] = [];
    await refuseEveryChoice(
      {
        what: 'source',
        fields: { kind: null, url: (s) => /^https?:\/\/[^\s]+$/.test(s), date: null, reliability: null, relation: null },
        body: (s, h, i) => ({
          kind: h('kind') ? s : 'official_finding',
          name: 'Ombudsman of the Chechen Republic',
          url: h('url') ? s : undefined,
          date: h('date') ? hostileDate(s, i) : undefined,
          reliability: h('reliability') ? s : 'fairly_reliable',
          relation: h('relation') ? s : 'official',
        }),
        send: (b) => api().post('/sources', b),
      },
      problems,
    );
    expect(problems).toEqual([]);
  });

  it('merges of people and institutions: the record to keep', async () => {
    const problems: string[] = [];
    for (const [base, id] of [
      ['/people', people[1]],
      ['/institutions', institutionId],
    ] as const) {
      await refuseEveryChoice({ what: `merge ${base}`, fields: { into: strictId }, body: (s) => ({ into: s }), send: (b) => api().post(`${base}/${id}/merge?dryRun=true`, b) }, problems);
    }
    expect(problems).toEqual([]);
  });

  it('cases (region, group sizes known or unknown) and events (region)', async () => {
    const problems: string[] = [];
    const count = (s: string) => s.trim() !== '' && Number.isSafeInteger(Number(s)) && Number(s) >= 0 && Number(s) <= 10_000_000;
    await refuseEveryChoice(
      {
        what: 'case',
        fields: { region: null, groupCount: count, groupCountPrecision: null, groupDeathCount: count, groupDeathCountPrecision: null },
        body: (s, h) => ({
          title: 'Hostile group',
          status: 'open',
          region: h('region') ? s : 'chechnya',
          groupCount: h('groupCount') ? s : undefined,
          groupCountPrecision: h('groupCountPrecision') ? s : 'unknown',
          groupDeathCount: h('groupDeathCount') ? s : 3,
          groupDeathCountPrecision: h('groupDeathCountPrecision') ? s : 'at_least',
        }),
        send: (b) => api().post('/cases', b),
      },
      problems,
    );
    await refuseEveryChoice(
      {
        what: 'event',
        fields: { region: null },
        body: (s) => ({ type: 'arrest', date: { precision: 'day', value: '2005-10-13' }, region: s }),
        send: (b) => api().post(`/cases/${caseId}/events`, b),
      },
      problems,
    );
    expect(problems).toEqual([]);
  });

  it('timeline order, the trash list, the account language: pages answer 4xx or go back, never 5xx', async () => {
    const problems: string[] = [];
    const researcher = page();
    for (const s of CHOICE) {
      // Moving a timeline entry: a form; what cannot be read is said in a notice on the case page.
      for (const body of [{ key: s, direction: 'up' }, { key: `event-${people[0]}`, direction: s }]) {
        const res = await researcher.post(`/cases/${caseId}/timeline/order?tl=1&show=${encodeURIComponent(s)}`, body);
        if (res.status !== 303 || !res.headers.location?.startsWith(`/cases/${caseId}`)) problems.push(`timeline order ${show(body)}: ${res.status} ${res.headers.location}`);
      }
      // The trash list's filters: the page shows them again, with the message.
      const trash = await page('admin').get(`/admin/trash?case=${encodeURIComponent(s)}&kind=${encodeURIComponent(s)}`);
      if (!(strictId(s) ? trash.status === 200 : trash.status === 422 && trash.text.includes('error-message')) || (s.includes('<') && trash.text.includes(s))) problems.push(`trash page case=${show(s)}: ${trash.status}`);
      // The account language: a 422 on the form; the address to go back to stays on this site.
      const lang = await researcher.post('/account/language', { language: s, back: s });
      if (lang.status !== 422 || !lang.text.includes('error-message') || (s.includes('<') && lang.text.includes(s))) problems.push(`language ${show(s)}: ${lang.status}`);
      const back = await researcher.post('/account/language', { language: '', back: s });
      const location = back.headers.location ?? '';
      if (back.status !== 303 || !location.startsWith('/') || location.startsWith('//') || location.startsWith('/\\')) problems.push(`language back=${show(s)}: ${back.status} ${location}`);
    }
    const html = (await mustBe(researcher.get(`/cases/${caseId}`), 200, 'case page')).text;
    expect(html).toContain('Hostile choices');
    expect(problems).toEqual([]);
  });
});

describe('the new forms, shown again with their errors', () => {
  it('answer 422 with the text typed escaped in the form, never raw, never 5xx', async () => {
    const problems: string[] = [];
    const { caseId, people } = await caseWithPeople('Forms of naughty strings', 1);
    const [person] = people;
    const institutionId = (await mustBe(api().post('/institutions', { name: 'SIZO-1 Grozny', type: 'police_unit' }), 201, 'institution')).body.data.id;
    const investigationId = (await mustBe(api().post(`/cases/${caseId}/investigations`, { trigger: 'complaint' }), 201, 'investigation')).body.data.id;
    const proceedingId = (await mustBe(api().post(`/cases/${caseId}/proceedings`, { title: 'Trial', defendants: [person] }), 201, 'proceeding')).body.data.id;
    const statementId = (await mustBe(api().post(`/cases/${caseId}/statements`, { makerDescription: 'a detainee', kind: 'confession' }), 201, 'statement')).body.data.id;
    const binned = (await mustBe(api().post(`/cases/${caseId}/investigations`, { trigger: 'complaint', officialNumber: 'to be binned' }), 201, 'investigation')).body.data.id;
    await mustBe(api().delete(`/cases/${caseId}/investigations/${binned}`), 204, 'delete');
    const item = (await mustBe(api('admin').get('/trash?kind=investigation'), 200, 'trash')).body.data.find((i: any) => i.recordId === binned);
    const day = (s: string) => ({ precision: 'day', value: s });
    const forms: [Who, string, (s: string) => object, boolean][] = [
      ['researcher', `/cases/${caseId}/investigations`, (s) => ({ trigger: s, institutionId: s, triggerComplaintId: s, began: day(s), officialNumber: s, note: s }), true],
      ['researcher', `/cases/${caseId}/investigations/${investigationId}/decisions`, (s) => ({ kind: s, date: day(s), official: s, reasons: s, institutionId: s, transferredToId: s, evidenceItemId: s, sequence: s, sourceEventId: s }), true],
      ['researcher', `/cases/${caseId}/proceedings`, (s) => ({ title: s, caseNumber: s, note: s, courtInstitutionId: s, defendants: [{ personId: person, charges: [{ article: s, articleCode: s }] }] }), true],
      ['researcher', `/cases/${caseId}/proceedings/${proceedingId}/stages`, (s) => ({ kind: s, date: day(s), courtInstitutionId: s, verdicts: [{ personId: person, outcome: s, sentenceKind: s, years: s, months: s, regime: s, note: s }], note: s }), true],
      ['researcher', `/cases/${caseId}/statements`, (s) => ({ makerDescription: s, kind: 'confession', courtStatus: s, proceedingId: s }), true],
      ['researcher', `/cases/${caseId}/statements/${statementId}/retractions`, (s) => ({ kind: s, date: day(s), forum: s, reason: s, pressureAlleged: s }), true],
      ['researcher', '/people', (s) => ({ names: [{ name: 'Hostile Form' }], died: 'on', deathDate: day(s), deathPlace: s, deathInCustody: s, deathInstitutionId: s, deathCauseOfficial: s, deathCauseAlleged: s }), true],
      ['researcher', `/people/${person}`, (s) => ({ names: [{ name: 'Defendant' }], died: 'on', deathDate: day(s), deathPlace: s, deathInCustody: s, deathCauseOfficial: s }), true],
      ['researcher', '/sources', (s) => ({ kind: s, name: s, title: s, url: s, note: s, reliability: s, relation: s }), true],
      ['researcher', `/people/${person}/merge`, (s) => ({ into: s }), true],
      ['researcher', `/institutions/${institutionId}/merge`, (s) => ({ into: s }), true],
      ['researcher', '/cases', (s) => ({ title: s, status: 'open', region: s, groupCount: s, groupCountPrecision: s, groupDeathCount: s, groupDeathCountPrecision: s }), true],
      ['researcher', `/cases/${caseId}/events`, (s) => ({ type: 'arrest', date: day('2005-10-13'), title: s, region: s }), true],
      ['admin', `/admin/trash/${item.id}/purge`, (s) => ({ reason: s + ' '.repeat(2001) }), true],
      ['researcher', '/account/language', (s) => ({ language: s, back: s }), false],
    ];
    for (const s of SCRIPT.filter((_, k) => k % 4 === 0)) {
      for (const [who, path, body, echoes] of forms) {
        const res = await page(who).post(path, body(s));
        const raw = s.includes('<') && res.text.includes(s);
        if (res.status !== 422 || raw || (echoes && !res.text.includes(escapeHtml(s)))) {
          problems.push(`${path} ${show(s)}: ${res.status}${raw ? ', shown raw' : ''}${echoes && !res.text.includes(escapeHtml(s)) ? ', not shown again' : ''}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
