import request from 'supertest';
import { TestApp, startTestApp } from '../support/app';
import { everyRole } from '../support/roles';
import { CaseRecord } from '../../src/cases/case.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { parseIso6709 } from '../../src/media/iso6709';

/**
 * Review of 3674f5f (video locations). The MP4 walk itself is bounded (box sizes 0, 1, huge,
 * MAX_BOXES, 64 KiB leaves), but parseIso6709 (src/media/iso6709.ts) first strips trailing
 * whitespace with /[\u0000\s]+$/u, which V8 runs in quadratic time on a run of whitespace not
 * at the end: a 64 KiB ©xyz box of spaces followed by one letter costs about 3 s of the only
 * thread, and every such box in the file costs that again (no limit on their number). The
 * post-upload job runs in the server process, so one uploaded video stalls every user.
 */
const u16 = (n: number) => Buffer.from([n >> 8, n & 255]);
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};
const ftyp = () => box('ftyp', Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2mp41'));
/** QuickTime user-data text: 16-bit length, language, then the text. */
const xyz = (text: string) => box('\u00a9xyz', u16(Buffer.byteLength(text)), u16(0x15c7), Buffer.from(text));
const HOSTILE_TEXT = ' '.repeat(60_000) + 'x';
// Twenty such boxes: with the quadratic trim they cost about a minute, beyond the test's time limit.
const HOSTILE = Buffer.concat([ftyp(), box('moov', box('mvhd', Buffer.alloc(100)), box('udta', ...Array.from({ length: 20 }, () => xyz(HOSTILE_TEXT)))), box('mdat', Buffer.alloc(64))]);

let t: TestApp;
let who: Awaited<ReturnType<typeof everyRole>>;
let caseId: number;

beforeAll(async () => {
  t = await startTestApp();
  who = await everyRole(t.app, t.ds);
  caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2019-0778', title: 'Filmed raid', status: 'open', restricted: false, createdById: who.users.admin.id })).id;
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

describe('review: hostile video location boxes', () => {
  // No timed assertion (benchmarks measure speed): the test's time limit catches a walk that
  // takes seconds per box again; a linear one takes milliseconds.
  it('reads a video whose location boxes hold 60,000 spaces each, and records no position', async () => {
    const res = await request(t.app)
      .post(`/api/v1/cases/${caseId}/evidence`)
      .set('Authorization', `Bearer ${who.tokens.researcher}`)
      .field('type', 'video')
      .field('title', 'Hostile video')
      .attach('files', HOSTILE, 'raid.mp4');
    expect(res.status).toBe(201);
    await evidenceJobsIdle(t.ds);
    const item = await request(t.app).get(`/api/v1/cases/${caseId}/evidence/${res.body.data.id}`).set('Authorization', `Bearer ${who.tokens.admin}`);
    expect(item.status).toBe(200);
    expect(JSON.stringify(item.body)).not.toMatch(/"latitude":\s*-?\d/);
  }, 30_000);

  it('reads no position from a point string padded beyond what a real one holds', () => {
    expect(parseIso6709('+37.3318-122.0312/' + ' '.repeat(200))).toEqual({ latitude: 37.3318, longitude: -122.0312, altitude: null });
    expect(parseIso6709(' '.repeat(60_000) + 'x')).toBeNull();
    expect(parseIso6709('+37.3318-122.0312/' + '0'.repeat(200))).toBeNull();
  });
});
