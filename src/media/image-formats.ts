import sharp from 'sharp';

/** libvips loader for each raster type we may try; SVG is absent on purpose even though libvips reads it. */
const LOADER_FOR_MIME: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/apng': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
  'image/avif': 'heif',
  'image/heic': 'heif',
  'image/heif': 'heif',
  'image/jxl': 'jxl',
  'image/jp2': 'jp2k',
  'image/jpx': 'jp2k',
};

/** The libvips format to decode `mime` with, or null when the installed libvips cannot read it. */
export function previewLoaderFor(mime: string): string | null {
  const loader = LOADER_FOR_MIME[mime];
  if (!loader) return null;
  const format = (sharp.format as unknown as Record<string, { input?: { file?: boolean } } | undefined>)[loader];
  return format?.input?.file ? loader : null;
}

/** The image types this installation can make previews of (the prebuilt libvips reads AVIF but not HEIC). */
export function previewableMimeTypes(): string[] {
  return Object.keys(LOADER_FOR_MIME).filter((mime) => previewLoaderFor(mime) !== null);
}

/**
 * Process-wide libvips settings, for the server to apply once at start-up: threads per image, and
 * no operation cache, which only holds memory and open files when every upload is a new image.
 */
export function configureLibvips(options: { threadsPerImage?: number; cache?: boolean } = {}): void {
  if (options.threadsPerImage !== undefined) sharp.concurrency(options.threadsPerImage);
  if (options.cache !== undefined) sharp.cache(options.cache);
}
