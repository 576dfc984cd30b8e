import crypto from 'node:crypto';
import request from 'supertest';
import { TestApp, signIn, startTestApp } from '../support/app';
import { ROLES, Role, everyRole } from '../support/roles';
import { CaseRecord } from '../../src/cases/case.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { readVideoLocation } from '../../src/media';

/**
 * Videos record where they were filmed as photos do (ISO 6709 in the movie's metadata). Their
 * originals carry that position, so analysts and viewers — who never see GPS — get no video
 * original (nor inline playback of it); the position is read into the same GPS fields as a
 * photo's, shown only to admins, lawyers and researchers.
 */

// --- MP4 bytes built by hand: just the boxes that matter -------------------------------------
const u16 = (n: number) => Buffer.from([n >> 8, n & 255]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n | 0);
  return b;
};
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length);
  head.write(type, 4, 'latin1'); // '©' is 0xA9 in latin1, as in the files
  return Buffer.concat([head, body]);
};
const ftyp = (brand = 'isom') => box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from('isomiso2mp41'));
const mvhd = () => box('mvhd', Buffer.alloc(100));
const mdat = () => box('mdat', crypto.randomBytes(4000));
/** Android / older iPhones: moov/udta/©xyz, QuickTime user-data text (length, language, text). */
const xyz = (text: string) => box('\u00a9xyz', u16(Buffer.byteLength(text)), u16(0x15c7), Buffer.from(text));
/** iPhone: moov/meta with hdlr 'mdta', keys and ilst (QuickTime metadata, no version field). */
function appleMeta(iso6709: string): Buffer {
  const keyNames = ['com.apple.quicktime.make', 'com.apple.quicktime.location.ISO6709'];
  const keys = box('keys', u32(0), u32(keyNames.length), ...keyNames.map((k) => Buffer.concat([u32(8 + k.length), Buffer.from('mdta'), Buffer.from(k)])));
  const item = (index: number, value: string) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + 16 + Buffer.byteLength(value));
    head.writeUInt32BE(index, 4);
    return Buffer.concat([head, box('data', u32(1), u32(0), Buffer.from(value))]);
  };
  return box('meta', box('hdlr', u32(0), u32(0), Buffer.from('mdta'), Buffer.alloc(13)), keys, box('ilst', item(1, 'Apple'), item(2, iso6709)));
}
/** 3GPP 'loci': version/flags, language, name, role, then 16.16 longitude, latitude, altitude. */
const loci = (lat: number, lon: number) => box('loci', u32(0), u16(0x15c7), Buffer.from('Home\0'), Buffer.from([0]), u32(Math.round(lon * 65536)), u32(Math.round(lat * 65536)), u32(0), Buffer.from('\0\0'));

const ANDROID = Buffer.concat([ftyp(), box('moov', mvhd(), box('udta', xyz('+43.4846+043.6071/'))), mdat()]);
/** moov after mdat (no "fast start"), degrees and minutes, altitude: the walk must skip mdat to find it. */
const IPHONE = Buffer.concat([ftyp('qt  '), mdat(), box('moov', mvhd(), appleMeta('+4329.076+04336.426+512.000/'))]);
const THREE_GPP = Buffer.concat([ftyp('3gp4'), box('moov', mvhd(), box('udta', loci(43.5, 43.625))), mdat()]);
const NO_LOCATION = Buffer.concat([ftyp(), box('moov', mvhd(), box('udta', box('\u00a9too', u16(5), u16(0x15c7), Buffer.from('Lavf5')))), mdat()]);

const CLEARED: Role[] = ['admin', 'lawyer', 'researcher'];

let t: TestApp;
let who: Awaited<ReturnType<typeof everyRole>>;
let caseId: number;

const api = (role: Role, p: string) => request(t.app).get(`/api/v1${p}`).set('Authorization', `Bearer ${who.tokens[role]}`);

async function uploadVideo(name: string, bytes: Buffer, type = 'video'): Promise<{ itemId: number; fileId: number }> {
  const res = await request(t.app)
    .post(`/api/v1/cases/${caseId}/evidence`)
    .set('Authorization', `Bearer ${who.tokens.researcher}`)
    .field('type', type)
    .field('title', name)
    .attach('files', bytes, name);
  expect([name, res.status]).toEqual([name, 201]);
  await evidenceJobsIdle(t.ds);
  return { itemId: res.body.data.id, fileId: res.body.data.files[0].id };
}

beforeAll(async () => {
  t = await startTestApp();
  who = await everyRole(t.app, t.ds);
  caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2013-0901', title: 'Filmed detention', status: 'open', restricted: false, createdById: who.users.admin.id })).id;
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

describe('reading the position of a video', () => {
  it.each([
    ['Android ©xyz', ANDROID, { latitude: 43.4846, longitude: 43.6071, altitude: null }],
    ['iPhone keys, moov at the end', IPHONE, { latitude: 43 + 29.076 / 60, longitude: 43 + 36.426 / 60, altitude: 512 }],
    ['3GPP loci', THREE_GPP, { latitude: 43.5, longitude: 43.625, altitude: 0 }],
  ])('%s', async (_name, bytes, expected) => {
    const read = await readVideoLocation(bytes);
    expect(read.warnings).toEqual([]);
    expect(read.gps!.latitude).toBeCloseTo(expected.latitude, 6);
    expect(read.gps!.longitude).toBeCloseTo(expected.longitude, 6);
    expect(read.gps!.altitude).toEqual(expected.altitude);
  });

  it('finds nothing in a video without a location, or in bytes that are not an MP4, and never throws', async () => {
    expect(await readVideoLocation(NO_LOCATION)).toEqual({ gps: null, declared: false, warnings: [] });
    expect(await readVideoLocation(Buffer.concat([Buffer.from('1a45dfa3', 'hex'), crypto.randomBytes(3000)]))).toEqual({ gps: null, declared: false, warnings: [] });
    const flood = await readVideoLocation(Buffer.concat([ftyp(), ...Array.from({ length: 30_000 }, () => box('free'))]));
    expect(flood.gps).toBeNull();
    // A 64-bit box size far past the end of the file.
    const huge = Buffer.concat([ftyp(), u32(1), Buffer.from('moov'), Buffer.from('7fffffffffffffff', 'hex')]);
    expect((await readVideoLocation(huge)).warnings.length).toBeGreaterThan(0);
    const truncated = await readVideoLocation(ANDROID.subarray(0, 60));
    expect(truncated.gps).toBeNull();
    const garbage = await readVideoLocation(Buffer.concat([ftyp(), box('moov', box('udta', xyz('somewhere nice')))]));
    expect(garbage.gps).toBeNull();
    expect(garbage.declared).toBe(true);
    expect(garbage.warnings.join()).toContain('could not be read');
    for (const text of ['+91.0000+010.0000/', '+45.0000+181.0000/', '+4599.000+01000.000/', '', '+/']) expect((await readVideoLocation(Buffer.concat([ftyp(), box('moov', box('udta', xyz(text)))]))).gps).toBeNull();
  });
});

describe('video evidence', () => {
  it.each([
    ['android.mp4', ANDROID],
    ['iphone.mov', IPHONE],
    ['phone.3gp', THREE_GPP],
  ])('stores the position of %s in the GPS fields, shown only to admins, lawyers and researchers', async (name, bytes) => {
    const { itemId, fileId } = await uploadVideo(name, bytes);
    const row = await t.ds.getRepository(EvidenceFile).findOneByOrFail({ id: fileId });
    expect(row.gpsLatitude).toEqual(expect.any(Number));
    expect(row.gpsLongitude).toEqual(expect.any(Number));
    expect(JSON.stringify(row.metadata)).not.toContain(String(row.gpsLatitude));
    const lat = row.gpsLatitude!.toFixed(6);
    for (const role of ROLES) {
      const item = (await api(role, `/cases/${caseId}/evidence/${itemId}`).expect(200)).body.data;
      const page = await (await signIn(t.app, who.users[role].email)).agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200);
      if (CLEARED.includes(role)) {
        expect(item.files[0].gps).toEqual({ latitude: row.gpsLatitude, longitude: row.gpsLongitude, altitude: row.gpsAltitude });
        expect(page.text).toContain(lat);
      } else {
        expect(item.files[0]).not.toHaveProperty('gps');
        expect(JSON.stringify(item)).not.toContain(String(row.gpsLatitude));
        expect(page.text).not.toContain('GPS position');
        expect(page.text).not.toContain(lat);
      }
    }
  });

  it.each([
    ['with a position', ANDROID],
    ['without a readable position', NO_LOCATION],
  ])('gives no original video (%s) to analysts and viewers, and says so on the page', async (label, bytes) => {
    const { itemId, fileId } = await uploadVideo(`clip ${label}.mp4`, Buffer.concat([bytes, crypto.randomBytes(16)]));
    const base = `/cases/${caseId}/evidence/${itemId}/files/${fileId}`;
    for (const role of ROLES) {
      const item = (await api(role, `/cases/${caseId}/evidence/${itemId}`).expect(200)).body.data;
      const { agent } = await signIn(t.app, who.users[role].email);
      const page = await agent.get(`/cases/${caseId}/evidence/${itemId}`).expect(200);
      const original = await api(role, `${base}/original`);
      const view = await api(role, `${base}/view`);
      const pageOriginal = await agent.get(`${base}/original`);
      if (CLEARED.includes(role)) {
        expect([role, original.status, view.status, pageOriginal.status]).toEqual([role, 200, 200, 200]);
        expect(item.files[0].urls.original).toBe(`${base}/original`);
        expect(page.text).toContain('<video');
      } else {
        expect([role, original.status, view.status, pageOriginal.status]).toEqual([role, 403, 403, 403]);
        expect(original.body.error.message).toContain('where it was filmed');
        expect(item.files[0].originalWithheld).toBe(true);
        expect(item.files[0].urls).toEqual(expect.objectContaining({ original: null, view: null }));
        expect(page.text).not.toContain('<video');
        expect(page.text).not.toContain(`${base}/original`);
        expect(page.text).not.toContain(`${base}/view`);
        expect(page.text).toContain('may record where it was filmed');
      }
    }
  });

  it('withholds an M4A recording that records a position, but not one whose metadata holds none', async () => {
    const m4a = (inner: Buffer) => Buffer.concat([ftyp('M4A '), inner, mdat()]);
    const located = await uploadVideo('memo.m4a', m4a(box('moov', mvhd(), box('udta', xyz('+43.4846+043.6071/')))), 'audio');
    const plain = await uploadVideo('plain.m4a', m4a(box('moov', mvhd())), 'audio');
    for (const role of ['analyst', 'viewer'] as const) {
      await api(role, `/cases/${caseId}/evidence/${located.itemId}/files/${located.fileId}/original`).expect(403);
      await api(role, `/cases/${caseId}/evidence/${plain.itemId}/files/${plain.fileId}/original`).expect(200);
    }
    await api('lawyer', `/cases/${caseId}/evidence/${located.itemId}/files/${located.fileId}/original`).expect(200);
  });
});
