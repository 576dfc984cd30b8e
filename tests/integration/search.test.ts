import fs from 'node:fs';
import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { DemoWriter } from '../../src/demo/demo-writer';
import { rawDb } from '../../src/search/sqlite';
import { latinize, matchKey } from '../../src/people/transliterate';

/**
 * Search over HTTP against a real migrated database. Records are inserted directly (the index is
 * kept by triggers, whatever writes the rows); the pages under test are /search and its API.
 */
let t: TestApp;
let token: string;
let w: DemoWriter;
const ids: Record<string, number> = {};

const day = (d: string) => ({ precision: 'day', start: d, end: d });
const date = (prefix: string, d: { precision: string; start: string; end: string } | null) => DemoWriter.date(prefix, d as never);

function person(name: string, spellings: string[] = [], extra: Record<string, unknown> = {}): number {
  const id = w.insert('person', { primary_name: name, gender: 'male', protected_identity: 0, ...extra });
  w.personName(id, name, 'primary', null as never, null);
  for (const s of spellings) w.insert('person_name', { person_id: id, name: s, kind: 'spelling', script: null, language: null, name_latin: latinize(s), match_key: matchKey(s) });
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = await makeUser(t.ds, 'admin');
  token = (await createApiToken(t.ds, CLI_ACTOR, admin.id, 't')).token;
  w = new DemoWriter(rawDb(t.ds));

  ids.mvd = w.insert('institution', { name: 'МВД по Кабардино-Балкарской Республике', name_latin: 'mvd', match_key: 'mvd', type: 'ministry', region: 'kabardino_balkaria' });
  ids.police = w.insert('institution', { name: 'Nalchik police department', name_latin: 'nalchik police department', match_key: 'nalchik police department', type: 'police_unit', parent_id: ids.mvd, region: 'kabardino_balkaria' });
  ids.unit = w.insert('institution', { name: 'Centre E Nalchik', name_latin: 'centre e nalchik', match_key: 'sentre e nalchik', type: 'centre_combating_extremism', parent_id: ids.police, region: 'kabardino_balkaria' });
  w.insert('institution_alias', { institution_id: ids.police, name: 'ОМВД Нальчик', name_latin: latinize('ОМВД Нальчик'), match_key: matchKey('ОМВД Нальчик') });
  ids.court = w.insert('institution', { name: 'Grozny city court', name_latin: 'grozny city court', match_key: 'grozni siti kourt', type: 'court', region: 'chechnya' });

  // Case A: Kabardino-Balkaria, 2005, refused three times, retracted confession relied on by a court.
  ids.a = w.insert('case_record', { code: 'RU-2005-0001', title: 'Torture after the Nalchik attack', summary: 'Arrested in October 2005.', status: 'open', region: 'kabardino_balkaria', restricted: 0 });
  ids.kudaev = person('Кудаев Расул', ['Rasul Kudayev']);
  w.insert('person_profile', { person_id: ids.kudaev, code: 'former_guantanamo_detainee' });
  w.insert('case_participant', { case_id: ids.a, person_id: ids.kudaev, role: 'victim' });
  ids.aArrest = w.insert('case_event', { case_id: ids.a, type: 'arrest', title: null, place: 'Nalchik', description: 'Detained at home by masked officers.', ...date('date', { precision: 'year', start: '2005-01-01', end: '2005-12-31' }) });
  w.insert('event_institution', { event_id: ids.aArrest, institution_id: ids.unit });
  ids.aTorture = w.insert('case_event', { case_id: ids.a, type: 'torture_ill_treatment', title: 'Quokka interrogation', place: null, description: 'Beaten with plastic bottles.', ...date('date', day('2005-10-23')) });
  ids.aBody = w.insert('case_event', { case_id: ids.a, type: 'interrogation', title: 'Another interrogation', place: null, description: 'Questioned about a quokka seen near the building.', ...date('date', day('2005-10-24')) });
  ids.allegation = w.insert('allegation', { case_id: ids.a, victim_person_id: ids.kudaev, summary: 'Electric shocks to force a confession', description: 'Wires attached to the fingers.', status: 'alleged' });
  w.insert('allegation_method', { allegation_id: ids.allegation, code: 'electric_shock' });
  w.insert('allegation_method', { allegation_id: ids.allegation, code: 'beating' });
  ids.proceeding = w.insert('proceeding', { case_id: ids.a, title: 'The Nalchik trial', case_number: '1-1/2010', note: null });
  const verdictStage = w.insert('proceeding_stage', { proceeding_id: ids.proceeding, kind: 'verdict', note: null, ...date('date', day('2014-12-23')) });
  w.insert('stage_verdict', { stage_id: verdictStage, defendant_id: null, outcome: 'convicted', sentence_kind: 'life_imprisonment', regime: 'special', suspended: 0, note: 'Life imprisonment in a special regime colony' });
  ids.statement = w.insert('statement', { case_id: ids.a, maker_person_id: ids.kudaev, kind: 'confession', content: 'Admitted taking part in the armadillo plot.', court_status: 'relied_on', proceeding_id: ids.proceeding, ...date('date', day('2005-10-25')) });
  w.insert('statement_retraction', { case_id: ids.a, statement_id: ids.statement, kind: 'retraction', forum: 'court', pressure_alleged: 'unknown', ...date('date', day('2006-02-01')) });
  ids.complaint = w.insert('complaint', { case_id: ids.a, filed_by_text: 'Memorial', request: 'open_criminal_investigation', description: 'Complaint about the pangolin treatment.', ...date('date', day('2005-11-01')) });
  for (const d of ['2005-12-01', '2006-03-01', '2006-06-01']) {
    w.insert('complaint_response', { complaint_id: ids.complaint, outcome: 'refused_to_open', note: 'No evidence of a crime, said the okapi investigator.', ...date('date', day(d)) });
  }

  // Case B: Chechnya, 2007, one refusal, a detention known to the month.
  ids.b = w.insert('case_record', { code: 'RU-2007-0001', title: 'Argun detentions', summary: 'Around 40 people held in a government building.', status: 'monitoring', region: 'chechnya', restricted: 0 });
  ids.mamkhegov = person('Timur Mamkhegov');
  w.insert('case_participant', { case_id: ids.b, person_id: ids.mamkhegov, role: 'victim' });
  ids.bDetention = w.insert('case_event', { case_id: ids.b, type: 'detention', title: null, place: 'Argun', description: 'Held in a government building.', ...date('date', { precision: 'month', start: '2007-03-01', end: '2007-03-31' }) });
  w.insert('event_institution', { event_id: ids.bDetention, institution_id: ids.court });
  const bAllegation = w.insert('allegation', { case_id: ids.b, summary: 'Beatings in Argun', status: 'alleged' });
  w.insert('allegation_method', { allegation_id: bAllegation, code: 'beating' });
  const bComplaint = w.insert('complaint', { case_id: ids.b, filed_by_text: 'Lawyer', request: 'open_criminal_investigation', description: 'Complaint.', ...date('date', day('2007-04-01')) });
  w.insert('complaint_response', { complaint_id: bComplaint, outcome: 'refused_to_open', note: null, ...date('date', day('2007-05-01')) });
  // A rejected complaint counts as a refusal too (the project's one definition, shared with reports).
  w.insert('complaint_response', { complaint_id: bComplaint, outcome: 'complaint_rejected', note: null, ...date('date', day('2007-06-01')) });
  w.insert('statement', { case_id: ids.b, maker_description: 'other detainees', kind: 'testimony', content: 'Saw the beatings.' });

  ids.source = w.insert('source', { kind: 'organisation', name: 'Human Rights Watch', title: 'Capybara report on torture in custody', reliability: 'usually_reliable', relation: 'ngo', note: null });

  // Pagination: 25 events mentioning one rare word.
  for (let i = 0; i < 25; i++) w.insert('case_event', { case_id: ids.b, type: 'other', title: null, place: null, description: `Wombat note number ${i}.`, ...date('date', day('2008-01-01')) });
});
afterAll(() => t.close());

const api = (query: Record<string, string>) => request(t.app).get('/api/v1/search').query(query).set('Authorization', `Bearer ${token}`);
const found = async (query: Record<string, string>) => (await api(query).expect(200)).body as { data: { kind: string; id: number; title: string; snippet: string; url: string; case: { id: number } | null; titleSegments: { text: string; hit: boolean }[]; snippetSegments: { text: string; hit: boolean }[] }[]; total: number; totalExact: boolean; pages: number; mode: string; facets?: { cases: number; kinds: { value: string; count: number }[]; filters: { param: string; values: { value: string; count: number; active: boolean }[] }[] } };
const keys = (body: Awaited<ReturnType<typeof found>>) => body.data.map((h) => `${h.kind}:${h.id}`);
const caseIds = (body: Awaited<ReturnType<typeof found>>) => body.data.map((h) => h.id).sort((x, y) => x - y);

describe('search: what it finds', () => {
  it('finds every kind of record, each linked to its page or its place on the case page', async () => {
    const expectations: [string, string, string][] = [
      ['Nalchik attack', `case:${ids.a}`, `/cases/${ids.a}`],
      ['Mamkhegov', `person:${ids.mamkhegov}`, `/people/${ids.mamkhegov}`],
      ['Grozny city court', `institution:${ids.court}`, `/institutions/${ids.court}`],
      ['capybara', `source:${ids.source}`, `/sources/${ids.source}`],
      ['masked officers', `event:${ids.aArrest}`, `/cases/${ids.a}#event-${ids.aArrest}`],
      ['wires fingers', `allegation:${ids.allegation}`, `/cases/${ids.a}#allegation-${ids.allegation}`],
      ['armadillo', `statement:${ids.statement}`, `/cases/${ids.a}#statement-${ids.statement}`],
      ['okapi', `complaint:${ids.complaint}`, `/cases/${ids.a}#complaint-${ids.complaint}`],
      ['special regime colony', `proceeding:${ids.proceeding}`, `/cases/${ids.a}#proceeding-${ids.proceeding}`],
    ];
    for (const [q, key, url] of expectations) {
      const body = await found({ q });
      expect([q, keys(body)]).toEqual([q, expect.arrayContaining([key])]);
      expect(body.data.find((h) => `${h.kind}:${h.id}` === key)!.url).toBe(url);
    }
  });

  it('finds institutions by alias and methods by their labels in both languages', async () => {
    expect(keys(await found({ q: 'ОМВД Нальчик' }))).toContain(`institution:${ids.police}`);
    expect(keys(await found({ q: 'electric shock' }))).toContain(`allegation:${ids.allegation}`);
    expect(keys(await found({ q: 'электротоком' }))).toContain(`allegation:${ids.allegation}`);
  });

  it('matches names in every spelling and script: Kudaev, Kudayev and Кудаев find each other', async () => {
    for (const q of ['Kudaev', 'Kudayev', 'Кудаев', 'KUDAEV', 'kudaeff', 'Rasul Kudaev', 'Кудаев Расул']) {
      const body = await found({ q });
      expect([q, keys(body)]).toEqual([q, expect.arrayContaining([`person:${ids.kudaev}`, `case:${ids.a}`])]);
    }
    // The other way round: a name recorded only in Latin script, searched in Cyrillic.
    for (const q of ['Мамхегов', 'Mamhegov', 'Тимур Мамхегов']) expect([q, keys(await found({ q }))]).toEqual([q, expect.arrayContaining([`person:${ids.mamkhegov}`, `case:${ids.b}`])]);
  });

  it('highlights the matched words as segments and shows the case of a sub-record', async () => {
    const body = await found({ q: 'armadillo' });
    const hit = body.data.find((h) => h.kind === 'statement')!;
    expect(hit.snippetSegments).toEqual(expect.arrayContaining([{ text: 'armadillo', hit: true }]));
    expect(hit.snippet).toContain('Admitted taking part in the armadillo plot.');
    expect(hit.case).toEqual({ id: ids.a, code: 'RU-2005-0001', title: 'Torture after the Nalchik attack' });
    const page = await (await signIn(t.app, (await makeUser(t.ds, 'viewer')).email)).agent.get('/search?q=armadillo').expect(200);
    expect(page.text).toContain('<mark>armadillo</mark>');
  });

  it('ranks a match in a title above a match in the text', async () => {
    const body = await found({ q: 'quokka' });
    expect(keys(body).slice(0, 2)).toEqual([`event:${ids.aTorture}`, `event:${ids.aBody}`]);
  });

  it('pages through results with a stable total and bookmarkable page links', async () => {
    const first = await found({ q: 'wombat' });
    expect(first.total).toBe(25);
    expect(first.pages).toBe(2);
    expect(first.data).toHaveLength(20);
    const second = await found({ q: 'wombat', page: '2' });
    expect(second.data).toHaveLength(5);
    expect(new Set([...keys(first), ...keys(second)]).size).toBe(25);
    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    const page = await viewer.agent.get('/search?q=wombat').expect(200);
    expect(page.text).toContain('href="?q=wombat&amp;page=2"');
    expect(page.text).toMatch(/25 results/);
  });

  it('restricts to one kind of record', async () => {
    const body = await found({ q: 'Nalchik', kind: 'event' });
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((h) => h.kind === 'event')).toBe(true);
    const people = await found({ q: 'Kudaev', kind: 'person' });
    expect(keys(people)).toEqual([`person:${ids.kudaev}`]);
  });
});

describe('search: filters', () => {
  const listed = async (query: Record<string, string>) => {
    const body = await found(query);
    expect(body.mode).toBe('list');
    return caseIds(body);
  };

  it('lists cases by each filter alone', async () => {
    expect(await listed({ region: 'kabardino_balkaria' })).toEqual([ids.a]);
    expect(await listed({ status: 'monitoring' })).toEqual([ids.b]);
    expect(await listed({ method: 'electric_shock' })).toEqual([ids.a]);
    expect(await listed({ method: 'beating' })).toEqual([ids.a, ids.b]);
    expect(await listed({ event_type: 'detention' })).toEqual([ids.b]);
    expect(await listed({ outcome: 'refused_to_open' })).toEqual([ids.a, ids.b]);
    expect(await listed({ refusals: '1' })).toEqual([ids.a, ids.b]);
    expect(await listed({ refusals: '2' })).toEqual([ids.a, ids.b]);
    expect(await listed({ refusals: '3' })).toEqual([ids.a]);
    expect(await listed({ refusals: '4' })).toEqual([]);
    expect(await listed({ retracted: '1' })).toEqual([ids.a]);
    expect(await listed({ relied: '1' })).toEqual([ids.a]);
    expect(await listed({ profile: 'former_guantanamo_detainee' })).toEqual([ids.a]);
  });

  it('includes sub-units, at any depth, in an institution filter', async () => {
    expect(await listed({ institution: String(ids.mvd) })).toEqual([ids.a]);
    expect(await listed({ institution: String(ids.police) })).toEqual([ids.a]);
    expect(await listed({ institution: String(ids.unit) })).toEqual([ids.a]);
    expect(await listed({ institution: String(ids.court) })).toEqual([ids.b]);
  });

  it('matches dates by overlap: an event known only as "2005" is in March 2005', async () => {
    expect(await listed({ from: '2005-03', to: '2005-03' })).toEqual([ids.a]);
    expect(await listed({ from: '2007-03-15', to: '2007-03-15' })).toEqual([ids.b]);
    expect(await listed({ from: '2007' })).toEqual([ids.b]);
    expect(await listed({ to: '2004-12-31' })).toEqual([]);
    // With an event type, one event must be of that type and in the period.
    expect(await listed({ event_type: 'detention', from: '2005', to: '2005' })).toEqual([]);
    expect(await listed({ event_type: 'arrest', from: '2005-03', to: '2005-03' })).toEqual([ids.a]);
  });

  it('combines filters with each other and with words', async () => {
    expect(await listed({ method: 'beating', region: 'chechnya' })).toEqual([ids.b]);
    expect(await listed({ method: 'beating', refusals: '3' })).toEqual([ids.a]);
    const words = await found({ q: 'interrogation', method: 'electric_shock' });
    expect(words.mode).toBe('text');
    expect(words.data.length).toBeGreaterThan(0);
    expect(words.data.every((h) => (h.case?.id ?? h.id) === ids.a)).toBe(true);
    expect((await found({ q: 'wombat', region: 'kabardino_balkaria' })).total).toBe(0);
    expect((await found({ q: 'wombat', region: 'chechnya' })).total).toBe(25);
  });

  it('shows counts for every filter, over the cases that match', async () => {
    const body = await found({ outcome: 'refused_to_open', include: 'facets' });
    expect(body.facets!.cases).toBe(2);
    const facet = (param: string) => Object.fromEntries(body.facets!.filters.find((f) => f.param === param)!.values.map((v) => [v.value, v.count]));
    expect(facet('region')).toEqual({ kabardino_balkaria: 1, chechnya: 1 });
    expect(facet('method')).toEqual({ beating: 2, electric_shock: 1 });
    expect(facet('refusals')).toEqual({ '1': 2, '2': 2, '3': 1, '5': 0 });
    expect(facet('outcome')).toEqual({ refused_to_open: 2, complaint_rejected: 1 });
    const narrowed = await found({ outcome: 'refused_to_open', method: 'electric_shock', include: 'facets' });
    expect(narrowed.facets!.cases).toBe(1);
    const words = await found({ q: 'Nalchik', include: 'facets' });
    expect(words.facets!.kinds.find((k) => k.value === 'event')!.count).toBeGreaterThan(0);
    expect(words.facets!.filters.find((f) => f.param === 'region')!.values).toEqual([expect.objectContaining({ value: 'kabardino_balkaria', count: 1 })]);
  });

  it('shows filters with counts as links on the page, each a bookmarkable URL', async () => {
    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    const page = await viewer.agent.get('/search?method=beating').expect(200);
    expect(page.text).toContain('2 cases');
    expect(page.text).toContain('href="/search?region=chechnya&amp;method=beating"');
    expect(page.text).toContain('Argun detentions');
  });

  it('refuses unknown terms, bad dates and periods ending before they start, with a message', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ region: 'atlantis' }, 'region', 'is not a term of the region list'],
      [{ method: 'Bad Code!' }, 'method', 'Give a method (a known id or code).'],
      [{ from: '2005-13' }, 'from', 'not a date'],
      [{ from: 'yesterday' }, 'from', 'YYYY'],
      [{ from: '2006', to: '2005' }, 'to', 'before its start'],
      [{ refusals: '0' }, 'refusals', 'from 1 to 100'],
      [{ institution: '99999' }, 'institution', 'Give an institution'],
      [{ kind: 'unicorn' }, 'kind', 'Give a kind'],
    ];
    for (const [query, field, message] of cases) {
      const res = await api(query);
      expect([query, res.status]).toEqual([query, 422]);
      expect(res.body.error.fields[field]).toContain(message);
    }
    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    const page = await viewer.agent.get('/search?region=atlantis');
    expect(page.status).toBe(422);
    expect(page.text).toContain('is not a term of the region list');
  });
});

describe('search: what users type', () => {
  it('treats search syntax as plain text', async () => {
    const queries = ['NEAR(quokka interrogation)', 'quokka AND', 'OR quokka', 'NOT quokka', 'quokka*', '*', '^quokka', 'title:quokka', '{title body}: quokka', '"quokka', 'quokka"', 'a"b"c"', '(quokka', ')', '-quokka', '+quokka', "''", 'quokka NEAR/3 interrogation', '"quokka interrogation"', 'quokka\u0000interrogation'];
    for (const q of queries) {
      const res = await api({ q });
      expect([q, res.status]).toEqual([q, 200]);
    }
    // Punctuation joins the words of one chunk into a phrase, like any other text: no column filter.
    expect((await found({ q: 'title:quokka' })).total).toBe(0);
    expect((await found({ q: 'quokka*' })).data.length).toBeGreaterThan(0);
    // A balanced phrase is honoured: the words must be adjacent.
    expect(keys(await found({ q: '"quokka interrogation"' }))).toEqual([`event:${ids.aTorture}`]);
  });

  it('answers over-long searches with a clear message, on the page and in the API', async () => {
    const long = 'torture '.repeat(30);
    const res = await api({ q: long });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.q).toBe('Search for at most 200 characters.');
    const words = await api({ q: Array.from({ length: 21 }, (_v, i) => `w${i}`).join(' ') });
    expect(words.status).toBe(422);
    expect(words.body.error.fields.q).toBe('Search for at most 20 words.');
    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    const page = await viewer.agent.get('/search').query({ q: long });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Search for at most 200 characters.');
  });

  it('answers every string of the big list of naughty strings with 2xx or 4xx, escaped on the page', async () => {
    const strings: string[] = JSON.parse(fs.readFileSync('/work/shared/corpora/strings/blns.json', 'utf8'));
    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    for (const q of strings) {
      const res = await api({ q });
      expect([q, res.status < 500, [200, 422].includes(res.status)]).toEqual([q, true, true]);
      const page = await viewer.agent.get('/search').query({ q });
      expect([q, page.status]).toEqual([q, res.status]);
      if (q.includes('<script')) expect(page.text).not.toContain(q);
    }
  }, 180_000);

  it('never trusts highlight markers inside record text', async () => {
    const eventId = w.insert('case_event', { case_id: ids.b, type: 'other', title: null, place: null, description: 'Marker test \u0001abc< sneaky <b>bold</b> >abc\u0001 gerenuk', ...date('date', day('2008-01-01')) });
    const body = await found({ q: 'gerenuk' });
    const hit = body.data.find((h) => h.id === eventId)!;
    expect(hit.snippetSegments.filter((s) => s.hit).map((s) => s.text)).toEqual(['gerenuk']);
    const viewer = await signIn(t.app, (await makeUser(t.ds, 'viewer')).email);
    const page = await viewer.agent.get('/search?q=gerenuk').expect(200);
    expect(page.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(page.text).not.toContain('<b>bold</b>');
  });

  it('keeps the index current with every write, and a page with no words or filters runs nothing', async () => {
    expect((await found({ q: 'serval' })).total).toBe(0);
    rawDb(t.ds).prepare('UPDATE case_event SET description = ? WHERE id = ?').run('Now mentions a serval.', ids.bDetention);
    expect(keys(await found({ q: 'serval' }))).toEqual([`event:${ids.bDetention}`]);
    rawDb(t.ds).prepare('DELETE FROM case_event WHERE id = ?').run(ids.bDetention);
    expect((await found({ q: 'serval' })).total).toBe(0);
    const body = await found({});
    expect(body.mode).toBe('empty');
    expect(body.data).toEqual([]);
  });
});
