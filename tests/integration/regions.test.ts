import { Role, Session, apiAs, everyRole, pageAs } from '../support/roles';
import { TestApp, startTestApp } from '../support/app';
import { Institution } from '../../src/institutions/institution.entity';
import { latinize, matchKey } from '../../src/people/transliterate';

/**
 * A case's regions are its own (primary) region and every region where its events happened; an
 * event takes its institutions' region unless told otherwise. The region filter, the facets, the
 * reports, the case list and the exports use them all. A group of unknown size is not a group
 * whose size was not entered.
 */
let t: TestApp;
let tokens: Record<Role, string>;
let sessions: Record<Role, Session>;
beforeAll(async () => {
  t = await startTestApp();
  ({ tokens, sessions } = await everyRole(t.app, t.ds));
});
afterAll(() => t.close());

const api = (role: Role) => apiAs(t.app, tokens[role]);
const page = (role: Role) => pageAs(sessions[role]);
async function institution(name: string, region: string | null): Promise<number> {
  const repo = t.ds.getRepository(Institution);
  return (await repo.save(repo.create({ name, nameLatin: latinize(name), matchKey: matchKey(name), type: 'police_unit', parentId: null, region, locality: null, latitude: null, longitude: null, notes: null }))).id;
}
const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);

describe('case regions', () => {
  it('counts a case with events in two regions in both: filter, facets, report, case list, search list and export', async () => {
    const grozny = await institution('ORB-2 Grozny', 'chechnya');
    const nalchik = await institution('UBOP Nalchik', 'kabardino_balkaria');
    const twoRegions = (await api('researcher').post('/cases', { title: 'Seven co-defendants, two republics', status: 'open', region: 'kabardino_balkaria' }).expect(201)).body.data.id;
    const oneRegion = (await api('researcher').post('/cases', { title: 'Only in Nalchik', status: 'open', region: 'kabardino_balkaria' }).expect(201)).body.data.id;
    // The event takes its institution's region; another is placed explicitly.
    const taken = (await api('researcher').post(`/cases/${twoRegions}/events`, { type: 'detention', date: { precision: 'day', value: '2010-03-02' }, institutionIds: [grozny] }).expect(201)).body.data;
    expect(taken.region).toBe('chechnya');
    const explicit = (await api('researcher').post(`/cases/${twoRegions}/events`, { type: 'transfer', date: { precision: 'day', value: '2010-03-10' }, institutionIds: [grozny], region: 'ingushetia' }).expect(201)).body.data;
    expect(explicit.region).toBe('ingushetia');
    await api('researcher').post(`/cases/${oneRegion}/events`, { type: 'arrest', date: { precision: 'day', value: '2010-04-01' }, institutionIds: [nalchik] }).expect(201);
    expect((await api('researcher').post(`/cases/${oneRegion}/events`, { type: 'arrest', date: { precision: 'day', value: '2010-04-01' }, region: 'atlantis' }).expect(422)).body.error.fields.region).toContain('is not a term of the region list');

    // Filter (search list, reports, exports) and case list.
    const mine = [twoRegions, oneRegion].sort((a, b) => a - b);
    const searched = async (region: string) => ids((await api('analyst').get(`/search?region=${region}`).expect(200)).body.data).filter((id) => mine.includes(id));
    expect(await searched('chechnya')).toEqual([twoRegions]);
    expect(await searched('ingushetia')).toEqual([twoRegions]);
    expect(await searched('kabardino_balkaria')).toEqual(mine);
    const listed = async (region: string) => ids((await api('analyst').get(`/cases?region=${region}`).expect(200)).body.data).filter((id) => mine.includes(id));
    expect(await listed('chechnya')).toEqual([twoRegions]);
    expect(await listed('kabardino_balkaria')).toEqual(mine);

    // Counted in both regions by the facets and the report.
    const facets = (await api('analyst').get(`/search?status=open&include=facets`).expect(200)).body.facets.filters as { param: string; values: { value: string; count: number }[] }[];
    const regionCounts = new Map(facets.find((f) => f.param === 'region')!.values.map((v) => [v.value, v.count]));
    expect(regionCounts.get('chechnya')).toBe(1);
    expect(regionCounts.get('ingushetia')).toBe(1);
    expect(regionCounts.get('kabardino_balkaria')).toBe(2);
    const report = (await api('analyst').get('/reports').expect(200)).body.data;
    const bars = new Map((report.byRegion as { key: string; value: number }[]).map((b) => [b.key, b.value]));
    expect([bars.get('chechnya'), bars.get('ingushetia'), bars.get('kabardino_balkaria')]).toEqual([1, 1, 2]);
    const narrowed = (await api('analyst').get('/reports?region=chechnya').expect(200)).body.data;
    expect(narrowed.cases).toBe(1);

    // Shown everywhere a case's region is.
    const list = (await page('viewer').get('/cases?region=chechnya').expect(200)).text;
    expect(list).toContain('Kabardino-Balkarian Republic, Chechen Republic, Republic of Ingushetia');
    const show = (await page('viewer').get(`/cases/${twoRegions}`).expect(200)).text;
    expect(show).toContain('<dt>Regions</dt><dd>Kabardino-Balkarian Republic, Chechen Republic, Republic of Ingushetia</dd>');
    const apiCase = (await api('viewer').get(`/cases/${twoRegions}`).expect(200)).body.data;
    expect(apiCase.regions.map((r: { code: string; primary: boolean }) => [r.code, r.primary])).toEqual([['kabardino_balkaria', true], ['chechnya', false], ['ingushetia', false]]);
    expect((await page('viewer').get('/search?region=ingushetia').expect(200)).text).toContain('Republic of Ingushetia');
    const exported = JSON.parse((await api('analyst').get('/exports/cases?format=json&region=chechnya').expect(200)).text) as { code: string; region: string; regions: string }[];
    expect(exported.map((r) => [r.region, r.regions])).toEqual([['Kabardino-Balkarian Republic', 'Kabardino-Balkarian Republic; Chechen Republic; Republic of Ingushetia']]);
  });

  it('proposes the region in the event form and keeps it through the page', async () => {
    const grozny = await institution('Grozny SIZO-1', 'chechnya');
    const caseId = (await api('researcher').post('/cases', { title: 'Event form regions', status: 'open' }).expect(201)).body.data.id;
    const form = await page('researcher').get(`/cases/${caseId}/events/new`).expect(200);
    expect(form.text).toContain('name="region"');
    expect(form.text).toContain('The region of its institutions');
    const saved = await page('researcher').post(`/cases/${caseId}/events`, { type: 'detention', date: { precision: 'day', value: '2011-05-01' }, region: '', institutionIds: [String(grozny)] });
    expect(saved.status).toBe(303);
    const id = Number(/event-(\d+)/.exec(saved.headers.location)![1]);
    expect((await page('researcher').get(`/cases/${caseId}/events/${id}/edit`).expect(200)).text).toMatch(/<option value="chechnya" selected>/);
    expect((await api('viewer').get(`/cases/${caseId}`).expect(200)).body.data.regions.map((r: { code: string }) => r.code)).toEqual(['chechnya']);
  });
});

describe('a group of unknown size', () => {
  it('is recorded apart from a size not entered, through the API, the form and the export', async () => {
    const unknown = (await api('researcher').post('/cases', { title: 'Detainees of the Argun building', status: 'open', groupDescription: 'men held in the basement', groupCountPrecision: 'unknown' }).expect(201)).body.data;
    expect([unknown.groupCount, unknown.groupCountPrecision, unknown.group.count, unknown.group.sizeUnknown]).toEqual([null, 'unknown', 'size unknown', true]);
    const notEntered = (await api('researcher').post('/cases', { title: 'A group not counted yet', status: 'open', groupDescription: 'relatives' }).expect(201)).body.data;
    expect([notEntered.groupCount, notEntered.groupCountPrecision, notEntered.group.count, notEntered.group.sizeUnknown]).toEqual([null, null, null, false]);
    const bad = await api('researcher').post('/cases', { title: 'Both', status: 'open', groupCount: 40, groupCountPrecision: 'unknown' }).expect(422);
    expect(bad.body.error.fields.groupCount).toContain('has no number');
    // Through the page.
    const form = await page('researcher').get('/cases/new').expect(200);
    expect(form.text).toContain('<option value="unknown"');
    const saved = await page('researcher').post('/cases', { title: 'Form group unknown', status: 'open', groupDescription: 'people detained in the raid', groupCountPrecision: 'unknown', groupCount: '' });
    expect(saved.status).toBe(303);
    const formCase = Number(/\/cases\/(\d+)/.exec(saved.headers.location)![1]);
    const show = (await page('viewer').get(`/cases/${formCase}`).expect(200)).text;
    expect(show).toContain('people detained in the raid — size unknown');
    const badForm = await page('researcher').post('/cases', { title: 'Form both', status: 'open', groupCountPrecision: 'unknown', groupCount: '12' });
    expect(badForm.status).toBe(422);
    expect(badForm.text).toContain('has no number');
    // Exported as such.
    const rows = JSON.parse((await api('analyst').get('/exports/cases?format=json').expect(200)).text) as { title: string; groupCount: string | null }[];
    expect(rows.find((r) => r.title === 'Detainees of the Argun building')!.groupCount).toBe('size unknown');
    expect(rows.find((r) => r.title === 'A group not counted yet')!.groupCount).toBeNull();
  });
});
