import fs from 'node:fs';
import ExifReader from 'exifreader';
import sharp from 'sharp';
import { createImageProcessor, previewLoaderFor, previewableMimeTypes, readPhotoMetadata, type Derivative } from '../../src/media';
import { HTML_PAGE, SVG_WITH_SCRIPT, corpusPhotos, makeTempDir, photo, pngDeclaring, writeTemp } from './media-fixtures';

const processor = createImageProcessor();

/** A 32×32 grey rendering, to compare what two images show. */
async function signature(image: Buffer | string): Promise<Buffer> {
  return sharp(image).resize(32, 32, { fit: 'fill' }).greyscale().raw().toBuffer();
}

function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

async function expectNoMetadata(derivative: Derivative): Promise<void> {
  const info = await sharp(derivative.data).metadata();
  expect(info).toMatchObject({ format: derivative.mime === 'image/jpeg' ? 'jpeg' : 'webp' });
  expect(info.exif).toBeUndefined();
  expect(info.xmp).toBeUndefined();
  expect(info.iptc).toBeUndefined();
  expect(info.icc).toBeUndefined();
  expect(info.orientation).toBeUndefined();

  let tags: ExifReader.ExpandedTags = {};
  try {
    tags = ExifReader.load(derivative.data, { expanded: true });
  } catch (err) {
    expect((err as Error).name).toBe('MetadataMissingError');
  }
  expect(tags.exif).toBeUndefined();
  expect(tags.gps).toBeUndefined();
  expect(tags.xmp).toBeUndefined();
  expect(tags.iptc).toBeUndefined();

  const read = await readPhotoMetadata(derivative.data);
  expect(read).toMatchObject({ gps: null, found: { exif: false, xmp: false }, capturedAt: null, make: null });
  // No GPS coordinates hiding anywhere in the bytes either.
  expect(derivative.data.includes(Buffer.from('GPS'))).toBe(false);
}

describe('image previews and thumbnails', () => {
  const decodable = corpusPhotos().filter((name) => name !== 'corrupted.jpg');

  it('knows which formats the installed libvips reads, and never offers SVG', () => {
    expect(previewableMimeTypes()).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/gif']));
    expect(previewLoaderFor('image/svg+xml')).toBeNull();
    expect(previewLoaderFor('text/html')).toBeNull();
  });

  it.each(decodable)('%s gets a preview and a thumbnail free of EXIF, GPS and XMP', async (name) => {
    const result = await processor.makeDerivatives(photo(name), 'image/jpeg');
    if (!result.ok) throw new Error(result.reason);
    const { preview, thumbnail, original } = result;
    expect(Math.max(preview.width, preview.height)).toBe(Math.min(1600, Math.max(original.width, original.height)));
    expect(Math.max(thumbnail.width, thumbnail.height)).toBe(Math.min(320, Math.max(original.width, original.height)));
    expect(preview.width >= preview.height).toBe(original.width >= original.height);
    await expectNoMetadata(preview);
    await expectNoMetadata(thumbnail);
  });

  it('strips the GPS position from gps-*.jpg derivatives (the originals carry one)', async () => {
    const original = photo('gps-DSCN0010.jpg');
    expect((await readPhotoMetadata(original)).gps).not.toBeNull();
    const result = await processor.makeDerivatives(original, 'image/jpeg');
    expect(result.ok).toBe(true);
    if (result.ok) await expectNoMetadata(result.preview);
  });

  it('turns every orientation upright', async () => {
    const landscape = await signature(photo('orientation-landscape_1.jpg'));
    for (const orientation of [3, 6, 8]) {
      const result = await processor.makeDerivatives(photo(`orientation-landscape_${orientation}.jpg`), 'image/jpeg');
      if (!result.ok) throw new Error(result.reason);
      expect(result.preview.width).toBeGreaterThan(result.preview.height);
      expect(result.thumbnail.width).toBeGreaterThan(result.thumbnail.height);
      // Same picture as the upright original, not merely the right shape.
      expect(meanDifference(await signature(result.preview.data), landscape)).toBeLessThan(8);
    }
    const portraits: Buffer[] = [];
    for (const orientation of [5, 6]) {
      const result = await processor.makeDerivatives(photo(`orientation-portrait_${orientation}.jpg`), 'image/jpeg');
      if (!result.ok) throw new Error(result.reason);
      expect(result.preview.height).toBeGreaterThan(result.preview.width);
      expect(result.thumbnail.height).toBeGreaterThan(result.thumbnail.width);
      portraits.push(await signature(result.preview.data));
    }
    // Mirror-and-rotate (5) and rotate (6) must land on the same upright picture.
    expect(meanDifference(portraits[0]!, portraits[1]!)).toBeLessThan(8);
  });

  it('gives corrupted.jpg "no preview" with a reason instead of throwing', async () => {
    // libvips stops at the truncated scan data even with failOn "error", so there is no partial preview.
    const result = await processor.makeDerivatives(photo('corrupted.jpg'), 'image/jpeg');
    expect(result).toMatchObject({ ok: false, code: 'undecodable' });
    expect(!result.ok && result.reason).toMatch(/^no preview: the image could not be decoded: .*Corrupt JPEG data/);
    expect(!result.ok && result.reason).not.toContain('/work/');
  });

  it('refuses an image declaring 100,000 × 100,000 pixels without decoding it', async () => {
    const dir = makeTempDir();
    try {
      const bomb = writeTemp(dir, 'bomb.png', pngDeclaring(100_000, 100_000));
      const before = process.memoryUsage().rss;
      const result = await processor.makeDerivatives(bomb, 'image/png');
      expect(result).toEqual({
        ok: false,
        code: 'too_many_pixels',
        reason: 'no preview: the image declares 100000 × 100000 pixels (10000 megapixels), above the limit of 50 megapixels',
      });
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('honours a configured pixel limit', async () => {
    const small = createImageProcessor({ maxPixels: 100_000 });
    const result = await small.makeDerivatives(photo('gps-DSCN0010.jpg'), 'image/jpeg');
    expect(result).toMatchObject({ ok: false, code: 'too_many_pixels' });
    expect(!result.ok && result.reason).toContain('640 × 480 pixels (0.3 megapixels), above the limit of 0.1 megapixels');
  });

  it('never renders SVG or HTML, even when the caller claims they are images', async () => {
    const dir = makeTempDir();
    try {
      const svg = writeTemp(dir, 'x.png', SVG_WITH_SCRIPT);
      const html = writeTemp(dir, 'x.jpg', HTML_PAGE);
      await expect(processor.makeDerivatives(svg, 'image/svg+xml')).resolves.toMatchObject({ ok: false, code: 'unsupported_format' });
      // libvips could rasterise this SVG; the header check stops it being passed off as a PNG.
      await expect(processor.makeDerivatives(svg, 'image/png')).resolves.toMatchObject({
        ok: false,
        code: 'format_mismatch',
        reason: 'no preview: the content decodes as svg, not png',
      });
      await expect(processor.makeDerivatives(html, 'image/jpeg')).resolves.toMatchObject({ ok: false, code: 'undecodable' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says no preview for image types libvips cannot read here', async () => {
    await expect(processor.makeDerivatives(Buffer.from('BM'), 'image/bmp')).resolves.toEqual({
      ok: false,
      code: 'unsupported_format',
      reason: 'no preview: BMP image (image/bmp) is not a format this server can make previews of',
    });
  });

  it('makes WebP derivatives from buffers, and flattens transparency for JPEG', async () => {
    const transparent = await sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const webp = await createImageProcessor({ format: 'webp' }).makeDerivatives(transparent, 'image/png');
    expect(webp).toMatchObject({ ok: true, preview: { mime: 'image/webp', width: 50, height: 40 } });
    const jpeg = await processor.makeDerivatives(transparent, 'image/png');
    if (!jpeg.ok) throw new Error(jpeg.reason);
    const { data } = await sharp(jpeg.preview.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
  });

  it('handles many images at once through its bounded queue', async () => {
    const results = await Promise.all(decodable.concat(decodable).map((name) => processor.makeDerivatives(photo(name), 'image/jpeg')));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
