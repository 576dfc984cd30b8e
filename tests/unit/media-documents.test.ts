import crypto from 'node:crypto';
import fs from 'node:fs';
import { extractPdfText, extractPdfTextFromBytes, extractPlainText } from '../../src/media';
import { makePdf, makeTempDir, writeTemp } from './media-fixtures';

describe('PDF text', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('extracts the text and page count of a small PDF', async () => {
    const file = writeTemp(dir, 'complaint.pdf', makePdf(['Complaint to the prosecutor (Argun)', 'Refusal to open a criminal case']));
    await expect(extractPdfText(file)).resolves.toEqual({
      ok: true,
      pageCount: 2,
      text: 'Complaint to the prosecutor (Argun)\n\nRefusal to open a criminal case',
      truncated: false,
      warnings: [],
    });
  });

  it('stops at the character limit and says so', async () => {
    const result = await extractPdfTextFromBytes(makePdf(['abcdefghij', 'klmnopqrst', 'uvwxyz']), { maxChars: 15 });
    expect(result).toMatchObject({ ok: true, pageCount: 3, truncated: true });
    expect(result.ok && result.text).toBe('abcdefghij\n\nklm');
  });

  it.each([
    ['garbage after a PDF header', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog broken')],
    ['random bytes', crypto.randomBytes(4096)],
    ['an empty file', Buffer.alloc(0)],
    ['a JPEG', fs.readFileSync(`${__dirname}/../../../shared/corpora/photos/Canon_40D.jpg`)],
  ])('returns an error result, not an exception, for %s', async (_label, bytes) => {
    const result = await extractPdfText(writeTemp(dir, 'broken.pdf', bytes));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toEqual(expect.any(String));
  });

  it('reports a broken PDF as invalid', async () => {
    await expect(extractPdfTextFromBytes(Buffer.from('%PDF-1.4\ngarbage'))).resolves.toEqual({
      ok: false,
      code: 'invalid',
      reason: 'the file is not a readable PDF',
    });
  });

  it('does not throw on a PDF cut in half (pdf.js may recover some of it)', async () => {
    const whole = makePdf(['first page text', 'second page text']);
    const result = await extractPdfTextFromBytes(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(typeof result.ok).toBe('boolean');
  });

  it('refuses PDFs above the size limit without reading them', async () => {
    const file = writeTemp(dir, 'big.pdf', makePdf(['x']));
    await expect(extractPdfText(file, { maxBytes: 100 })).resolves.toMatchObject({ ok: false, code: 'too_large' });
  });
});

describe('plain text', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads UTF-8 text, dropping a BOM and NULs', async () => {
    const file = writeTemp(dir, 't.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Кудаев / Kudaev\u0000 ✓\n')]));
    await expect(extractPlainText(file)).resolves.toEqual({ text: 'Кудаев / Kudaev ✓\n', truncated: false });
  });

  it('reads only the first bytes of a long file and never ends on half a character', async () => {
    const file = writeTemp(dir, 'long.txt', 'a' + 'ж'.repeat(1000));
    const result = await extractPlainText(file, 100); // "a" + 49.5 × "ж"
    expect(result).toEqual({ text: 'a' + 'ж'.repeat(49), truncated: true });
  });

  it('turns invalid bytes into replacement characters rather than failing', async () => {
    const file = writeTemp(dir, 'mixed.txt', Buffer.from([0x61, 0xff, 0x62]));
    await expect(extractPlainText(file)).resolves.toEqual({ text: 'a\uFFFDb', truncated: false });
  });
});
