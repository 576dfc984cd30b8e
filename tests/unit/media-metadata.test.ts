import crypto from 'node:crypto';
import fs from 'node:fs';
import { readPhotoMetadata } from '../../src/media';
import { normaliseCaptureTime, parseXmpCoordinate, parseXmpNumber, cleanText } from '../../src/media/metadata-values';
import sharp from 'sharp';
import { createImageProcessor } from '../../src/media';
import { corpusPhotos, makePdf, makeTempDir, photo, writeTemp, xmpWithGps } from './media-fixtures';

describe('photo metadata', () => {
  it.each(corpusPhotos())('reads %s without throwing, into plain JSON', async (name) => {
    const metadata = await readPhotoMetadata(photo(name));
    expect(JSON.parse(JSON.stringify(metadata))).toEqual(metadata);
  });

  it.each([
    ['gps-DSCN0010.jpg', 43.467448, 11.885127, '2008-10-22T16:28:39'],
    ['gps-DSCN0012.jpg', 43.467157, 11.885395, '2008-10-22T16:29:49'],
    ['gps-DSCN0021.jpg', 43.467082, 11.884538, '2008-10-22T16:38:20'],
    ['gps-DSCN0025.jpg', 43.468365, 11.881635, '2008-10-22T16:43:21'],
  ])('extracts the GPS position and capture time of %s', async (name, latitude, longitude, capturedAt) => {
    const metadata = await readPhotoMetadata(photo(name));
    expect(metadata.gps).not.toBeNull();
    expect(metadata.gps!.latitude).toBeCloseTo(latitude, 5);
    expect(metadata.gps!.longitude).toBeCloseTo(longitude, 5);
    expect(metadata).toMatchObject({
      capturedAt,
      make: 'NIKON',
      model: 'COOLPIX P6000',
      software: 'Nikon Transfer 1.1 W',
      orientation: 1,
      found: { exif: true },
      warnings: [],
    });
  });

  it('reads camera, phone and software', async () => {
    await expect(readPhotoMetadata(photo('Canon_40D.jpg'))).resolves.toMatchObject({
      capturedAt: '2008-05-30T15:56:01',
      make: 'Canon',
      model: 'Canon EOS 40D',
      software: 'GIMP 2.4.5',
      gps: null,
    });
    await expect(readPhotoMetadata(photo('mobile-jolla.jpg'))).resolves.toMatchObject({
      capturedAt: '2014-09-21T16:00:56',
      make: 'Jolla',
      model: 'Jolla',
      found: { exif: true, xmp: true },
    });
  });

  it('trims the padding cameras leave in text fields', async () => {
    await expect(readPhotoMetadata(photo('tests-35-empty.jpg'))).resolves.toMatchObject({
      make: 'CASIO COMPUTER CO.,LTD',
      model: 'EX-Z750',
      software: '1.00',
    });
  });

  it.each([
    ['orientation-landscape_1.jpg', 1],
    ['orientation-landscape_3.jpg', 3],
    ['orientation-landscape_6.jpg', 6],
    ['orientation-landscape_8.jpg', 8],
    ['orientation-portrait_5.jpg', 5],
    ['orientation-portrait_6.jpg', 6],
  ])('reads the orientation of %s', async (name, orientation) => {
    expect((await readPhotoMetadata(photo(name))).orientation).toBe(orientation);
  });

  it('falls back to XMP when a file has only XMP dates', async () => {
    const metadata = await readPhotoMetadata(photo('invalid-image00971.jpg'));
    expect(metadata).toMatchObject({ capturedAt: '2010-04-13T09:37:22+02:00', software: 'Adobe Fireworks CS5 11.0.0.484 Windows' });
    expect(metadata.found).toEqual({ exif: false, xmp: true });
  });

  it('reads XMP from xmp-no_exif.jpg', async () => {
    const metadata = await readPhotoMetadata(photo('xmp-no_exif.jpg'));
    expect(metadata.found.xmp).toBe(true);
    expect(metadata.software).toBe('Adobe Photoshop CC (Macintosh)');
  });

  it('reads a GPS position recorded only in XMP, and keeps it out of the derivatives', async () => {
    const tagged = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } })
      .jpeg()
      .withXmp(xmpWithGps('55,54.7620N', '37,18.5400E', '1855/10'))
      .toBuffer();
    const metadata = await readPhotoMetadata(tagged);
    expect(metadata).toMatchObject({ capturedAt: '2024-03-23T02:15:00+03:00', software: 'Casebook test', found: { xmp: true } });
    expect(metadata.gps!.latitude).toBeCloseTo(55.9127, 4);
    expect(metadata.gps!.longitude).toBeCloseTo(37.309, 4);
    expect(metadata.gps!.altitude).toBeCloseTo(185.5, 4);

    const derived = await createImageProcessor().makeDerivatives(tagged, 'image/jpeg');
    if (!derived.ok) throw new Error(derived.reason);
    for (const image of [derived.preview, derived.thumbnail]) {
      await expect(readPhotoMetadata(image.data)).resolves.toMatchObject({ gps: null, found: { exif: false, xmp: false } });
      expect(image.data.includes(Buffer.from('xmpmeta'))).toBe(false);
    }
  });

  describe('malformed input', () => {
    const original = fs.readFileSync(photo('gps-DSCN0010.jpg'));
    const tiffStart = original.indexOf(Buffer.from('Exif\0\0')) + 6;

    it('returns a warning for an EXIF block with a broken header', async () => {
      const broken = Buffer.from(original);
      broken.write('XX', tiffStart); // neither "II" nor "MM"
      const metadata = await readPhotoMetadata(broken);
      expect(metadata.gps).toBeNull();
      expect(metadata.warnings).toContain('an EXIF block is present but none of its tags could be read');
    });

    it('keeps what it can read from an EXIF block cut short', async () => {
      const metadata = await readPhotoMetadata(original.subarray(0, tiffStart + 200));
      expect(metadata.make).toBe('NIKON');
      expect(metadata.gps).toBeNull();
    });

    it('survives scribbled IFD entries, random bytes, an empty file and a PDF', async () => {
      const scribbled = Buffer.from(original);
      for (let i = tiffStart + 10; i < tiffStart + 400; i++) scribbled[i] = (i * 37) & 0xff;
      await expect(readPhotoMetadata(scribbled)).resolves.toMatchObject({ gps: null });

      const random = await readPhotoMetadata(crypto.randomBytes(5000));
      expect(random.warnings).toEqual([expect.stringMatching(/^the metadata could not be read: /)]);

      const dir = makeTempDir();
      try {
        await expect(readPhotoMetadata(writeTemp(dir, 'empty.jpg', ''))).resolves.toMatchObject({ gps: null });
        await expect(readPhotoMetadata(writeTemp(dir, 'doc.pdf', makePdf(['x'])))).resolves.toMatchObject({ gps: null });
        const missing = await readPhotoMetadata(`${dir}/missing.jpg`);
        expect(missing.warnings).toEqual([expect.stringMatching(/^the file could not be read: /)]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('metadata value parsing', () => {
  it.each([
    ['2008:10:22 16:28:39', undefined, '2008-10-22T16:28:39'],
    ['2008:10:22 16:28:39', '+03:00', '2008-10-22T16:28:39+03:00'],
    ['2014-09-21T16:00:56.000000+02:00', undefined, '2014-09-21T16:00:56+02:00'],
    ['2012-08-27T15:36:36Z', undefined, '2012-08-27T15:36:36Z'],
    ['2013-09-23', undefined, '2013-09-23T00:00:00'],
    ['    :  :     :  :  ', undefined, null],
    ['0000:00:00 00:00:00', undefined, null],
    ['2021:02:30 10:00:00', undefined, null],
    ['', undefined, null],
    [undefined, undefined, null],
  ])('capture time %j (offset %j) -> %j', (raw, offset, expected) => {
    expect(normaliseCaptureTime(raw, offset)).toBe(expected);
  });

  it.each([
    ['43,28.0469N', 43 + 28.0469 / 60],
    ['11,53.1076E', 11 + 53.1076 / 60],
    ['33,51,54.5S', -(33 + 51 / 60 + 54.5 / 3600)],
    ['70,0W', -70],
    ['55.9127N', 55.9127],
    ['-12.5', -12.5],
    ['north', null],
    [undefined, null],
  ])('XMP coordinate %j -> %j', (raw, expected) => {
    const value = parseXmpCoordinate(raw);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 8);
  });

  it('parses XMP rationals and cleans camera text', () => {
    expect(parseXmpNumber('1234/10')).toBeCloseTo(123.4);
    expect(parseXmpNumber('5')).toBe(5);
    expect(parseXmpNumber('1/0')).toBeNull();
    expect(parseXmpNumber('high')).toBeNull();
    expect(cleanText('NIKON\u0000\u0000  ')).toBe('NIKON');
    expect(cleanText('   ')).toBeNull();
    expect(cleanText(42)).toBeNull();
  });
});
