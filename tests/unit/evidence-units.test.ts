import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { sanitiseFileName } from '../../src/evidence/evidence-upload';
import { contentDisposition, parseRange } from '../../src/evidence/evidence-files';

const made: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-evidence-config-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('upload settings', () => {
  it('default to 2 GiB per file, 50 files, 50 megapixels, and read the environment', () => {
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp() }).upload).toEqual({ maxFileBytes: 2 * 1024 ** 3, maxFiles: 50, maxImagePixels: 50_000_000 });
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp(), UPLOAD_MAX_FILE_BYTES: '1048576', UPLOAD_MAX_FILES: '3', IMAGE_MAX_PIXELS: '1000' }).upload).toEqual({ maxFileBytes: 1048576, maxFiles: 3, maxImagePixels: 1000 });
  });

  it.each([
    [{ UPLOAD_MAX_FILE_BYTES: '2GB' }, /UPLOAD_MAX_FILE_BYTES must be a positive whole number/],
    [{ UPLOAD_MAX_FILES: '0' }, /UPLOAD_MAX_FILES must be a positive whole number/],
    [{ IMAGE_MAX_PIXELS: '-1' }, /IMAGE_MAX_PIXELS must be a positive whole number/],
  ])('refuses %p with one clear line', (env, message) => {
    const run = () => loadConfig({ CASEBOOK_DATA_DIR: tmp(), ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
  });
});

describe('file names and ranges', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\photo.jpg', 'photo.jpg'],
    ['.htaccess', 'htaccess'],
    ['evil\u202Egpj.exe', 'evilgpj.exe'],
    ['a\u0000b\r\n.jpg', 'ab.jpg'],
    ['<script>"x".jpg', '_script__x_.jpg'],
    ['', 'file'],
    ['///', 'file'],
    ['Кудаев фото.jpg', 'Кудаев фото.jpg'],
  ])('sanitises %j to %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('keeps the extension of a very long name', () => {
    const name = sanitiseFileName('x'.repeat(500) + '.pdf');
    expect([...name].length).toBe(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('writes Content-Disposition with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Кудаев "1".jpg')).toBe(`attachment; filename="______ _1_.jpg"; filename*=UTF-8''%D0%9A%D1%83%D0%B4%D0%B0%D0%B5%D0%B2%20%221%22.jpg`);
  });

  it('parses single byte ranges and refuses unsatisfiable ones', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-3', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });
});
