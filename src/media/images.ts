import sharp from 'sharp';
import { describeMime } from './categories';
import { errorMessage } from './error-message';
import { previewLoaderFor } from './image-formats';
import { Semaphore } from './semaphore';

export interface ImageProcessorOptions {
  /** Largest image decoded, in pixels (width × height). Default 50 megapixels. */
  maxPixels?: number;
  /** sharp jobs running at once; the rest wait. Default 2. */
  maxConcurrentJobs?: number;
  /** Longest side of the preview, in pixels. Default 1600. */
  previewSize?: number;
  /** Longest side of the thumbnail, in pixels. Default 320. */
  thumbnailSize?: number;
  format?: 'jpeg' | 'webp';
  quality?: number;
  /** libvips gives up on one image after this long. Default 60. */
  timeoutSeconds?: number;
}

export interface Derivative {
  data: Buffer;
  mime: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

export type NoPreviewCode = 'unsupported_format' | 'too_many_pixels' | 'format_mismatch' | 'undecodable';

export type DerivativesResult =
  | { ok: true; preview: Derivative; thumbnail: Derivative; original: { width: number; height: number } }
  | { ok: false; code: NoPreviewCode; reason: string };

export interface ImageProcessor {
  /**
   * A preview and a thumbnail of an image: upright, stripped of all metadata (EXIF, GPS, XMP, IPTC,
   * ICC), re-encoded from pixels. Never throws for a bad image; it says why there is no preview.
   * @param mime the type detected from the file's bytes (detectFileType), never the client's
   */
  makeDerivatives(input: string | Buffer, mime: string): Promise<DerivativesResult>;
}

export function createImageProcessor(options: ImageProcessorOptions = {}): ImageProcessor {
  const settings = {
    maxPixels: options.maxPixels ?? 50_000_000,
    previewSize: options.previewSize ?? 1600,
    thumbnailSize: options.thumbnailSize ?? 320,
    format: options.format ?? 'jpeg',
    quality: options.quality ?? 82,
    timeoutSeconds: options.timeoutSeconds ?? 60,
  };
  const jobs = new Semaphore(options.maxConcurrentJobs ?? 2);

  async function makeDerivatives(input: string | Buffer, mime: string): Promise<DerivativesResult> {
    const loader = previewLoaderFor(mime);
    if (!loader) {
      return noPreview('unsupported_format', `${describeMime(mime)} is not a format this server can make previews of`);
    }
    return jobs.run(async () => {
      try {
        return await render(input, loader);
      } catch (err) {
        return noPreview('undecodable', `the image could not be decoded: ${cleanMessage(err, input)}`);
      }
    });
  }

  async function render(input: string | Buffer, loader: string): Promise<DerivativesResult> {
    // Reads the header only, so a hostile size is refused before any pixel is decoded.
    const header = await sharp(input, { limitInputPixels: false }).metadata();
    if (header.format !== loader) {
      return noPreview('format_mismatch', `the content decodes as ${header.format}, not ${loader}`);
    }
    const pixels = header.width * header.height;
    if (pixels > settings.maxPixels) {
      return noPreview(
        'too_many_pixels',
        `the image declares ${header.width} × ${header.height} pixels (${megapixels(pixels)} megapixels), ` +
          `above the limit of ${megapixels(settings.maxPixels)} megapixels`,
      );
    }

    // failOn 'error' rather than sharp's stricter 'warning': libjpeg warns about many phone photos
    // that display fine. The original is the evidence; a preview is only a working copy.
    const preview = await encode(
      sharp(input, { limitInputPixels: settings.maxPixels, failOn: 'error' }).autoOrient(),
      settings.previewSize,
    );
    // The thumbnail comes from the preview, so the original is decoded once.
    const thumbnail = await encode(sharp(preview.data), settings.thumbnailSize);
    return { ok: true, preview, thumbnail, original: uprightSize(header) };
  }

  async function encode(pipeline: sharp.Sharp, size: number): Promise<Derivative> {
    pipeline
      .timeout({ seconds: settings.timeoutSeconds })
      .resize(size, size, { fit: 'inside', withoutEnlargement: true });
    // No withMetadata()/keepExif(): sharp writes none of the input's metadata.
    const encoded =
      settings.format === 'webp'
        ? pipeline.webp({ quality: settings.quality })
        : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: settings.quality });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, mime: settings.format === 'webp' ? 'image/webp' : 'image/jpeg', width: info.width, height: info.height };
  }

  return { makeDerivatives };
}

function noPreview(code: NoPreviewCode, reason: string): DerivativesResult {
  return { ok: false, code, reason: `no preview: ${reason}` };
}

function megapixels(pixels: number): string {
  return String(Math.round(pixels / 100_000) / 10);
}

/** Orientations 5–8 swap width and height once the image is turned upright. */
function uprightSize(header: sharp.Metadata): { width: number; height: number } {
  const swapped = (header.orientation ?? 1) >= 5;
  return swapped ? { width: header.height, height: header.width } : { width: header.width, height: header.height };
}

/** libvips messages can name the temporary path and run over several lines; keep the first line only. */
function cleanMessage(err: unknown, input: string | Buffer): string {
  let message = errorMessage(err).split('\n')[0] ?? '';
  if (typeof input === 'string') message = message.split(input).join('<file>');
  return message;
}
