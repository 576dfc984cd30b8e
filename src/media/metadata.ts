import fs from 'node:fs/promises';
import ExifReader from 'exifreader';
import { errorMessage } from './error-message';
import {
  cleanText,
  normaliseCaptureTime,
  parseXmpCoordinate,
  parseXmpNumber,
  validLatitude,
  validLongitude,
} from './metadata-values';

export interface GpsPosition {
  latitude: number;
  longitude: number;
  /** Metres above sea level, when recorded. */
  altitude: number | null;
}

/** What an original's EXIF and XMP say; plain JSON, safe to store. */
export interface PhotoMetadata {
  /** Wall-clock time as the device recorded it, e.g. "2008-10-22T16:28:39" or "…+02:00". */
  capturedAt: string | null;
  make: string | null;
  model: string | null;
  software: string | null;
  /** EXIF orientation 1–8. */
  orientation: number | null;
  /** Sensitive: may locate a victim or witness. Show only to cleared roles; never copy to derivatives. */
  gps: GpsPosition | null;
  found: { exif: boolean; xmp: boolean };
  /** What could not be read, for the evidence record; the fields above hold whatever could. */
  warnings: string[];
}

/** How much of a file is read: EXIF and XMP sit near the start of every format sharp reads. */
export const METADATA_READ_BYTES = 32 * 1024 * 1024;

type XmpTags = Record<string, { value?: unknown; description?: string } | undefined>;

/** The XMP value as written in the file (exifreader's description may already be reformatted). */
function xmpText(tag: { value?: unknown; description?: string } | undefined): string | undefined {
  return typeof tag?.value === 'string' ? tag.value : tag?.description;
}

/** Reads EXIF and XMP from an original. Never throws for malformed metadata: it adds a warning. */
export async function readPhotoMetadata(input: string | Buffer, maxBytes = METADATA_READ_BYTES): Promise<PhotoMetadata> {
  const result: PhotoMetadata = {
    capturedAt: null,
    make: null,
    model: null,
    software: null,
    orientation: null,
    gps: null,
    found: { exif: false, xmp: false },
    warnings: [],
  };
  let bytes: Buffer;
  try {
    bytes = typeof input === 'string' ? await readHead(input, maxBytes) : input;
  } catch (err) {
    result.warnings.push(`the file could not be read: ${errorMessage(err)}`);
    return result;
  }

  let tags: ExifReader.ExpandedTags;
  try {
    tags = await ExifReader.load(bytes, { expanded: true, async: true });
  } catch (err) {
    if ((err as { name?: unknown } | null)?.name !== 'MetadataMissingError') {
      result.warnings.push(`the metadata could not be read: ${errorMessage(err)}`);
    }
    return result;
  }
  try {
    fill(result, tags);
  } catch (err) {
    result.warnings.push(`part of the metadata could not be read: ${errorMessage(err)}`);
  }
  return result;
}

function fill(result: PhotoMetadata, tags: ExifReader.ExpandedTags): void {
  const exif = tags.exif ?? {};
  const xmp = (tags.xmp ?? {}) as XmpTags;
  result.found = { exif: Object.keys(exif).length > 0, xmp: Object.keys(xmp).some((key) => key !== '_raw') };
  // exifreader skips what it cannot parse rather than throwing; an EXIF block with no readable tag is malformed.
  if (tags.exif && !result.found.exif) result.warnings.push('an EXIF block is present but none of its tags could be read');

  result.capturedAt = captureTime(exif, xmp, result.warnings);
  result.make = cleanText(exif.Make?.description) ?? cleanText(xmpText(xmp.Make));
  result.model = cleanText(exif.Model?.description) ?? cleanText(xmpText(xmp.Model));
  result.software = cleanText(exif.Software?.description) ?? cleanText(xmpText(xmp.CreatorTool));

  const orientation = exif.Orientation?.value;
  if (typeof orientation === 'number' && Number.isInteger(orientation) && orientation >= 1 && orientation <= 8) {
    result.orientation = orientation;
  } else if (orientation !== undefined) {
    result.warnings.push(`invalid orientation value ${JSON.stringify(orientation)}`);
  }

  result.gps = gpsPosition(tags, xmp, exif.GPSLatitude !== undefined || xmp.GPSLatitude !== undefined, result.warnings);
}

function captureTime(exif: NonNullable<ExifReader.ExpandedTags['exif']>, xmp: XmpTags, warnings: string[]): string | null {
  const candidates: Array<[string | undefined, string | undefined]> = [
    [exif.DateTimeOriginal?.description, exif.OffsetTimeOriginal?.description],
    [exif.DateTimeDigitized?.description, exif.OffsetTimeDigitized?.description],
    [xmpText(xmp.DateTimeOriginal), undefined],
    [xmpText(xmp.CreateDate), undefined],
    [xmpText(xmp.DateCreated), undefined],
  ];
  for (const [raw, offset] of candidates) {
    const value = normaliseCaptureTime(raw, offset);
    if (value) return value;
    if (cleanText(raw)) warnings.push(`unreadable date ${JSON.stringify(cleanText(raw))}`);
  }
  return null;
}

function gpsPosition(tags: ExifReader.ExpandedTags, xmp: XmpTags, declared: boolean, warnings: string[]): GpsPosition | null {
  let latitude: number | null | undefined = tags.gps?.Latitude;
  let longitude: number | null | undefined = tags.gps?.Longitude;
  let altitude: number | null | undefined = tags.gps?.Altitude;
  if (!validLatitude(latitude) || !validLongitude(longitude)) {
    latitude = parseXmpCoordinate(xmpText(xmp.GPSLatitude));
    longitude = parseXmpCoordinate(xmpText(xmp.GPSLongitude));
    altitude = parseXmpNumber(xmpText(xmp.GPSAltitude));
    if (altitude !== null && xmpText(xmp.GPSAltitudeRef)?.trim() === '1') altitude = -altitude;
  }
  if (validLatitude(latitude) && validLongitude(longitude)) {
    return { latitude, longitude, altitude: typeof altitude === 'number' && Number.isFinite(altitude) ? altitude : null };
  }
  if (declared) warnings.push('GPS tags are present but hold no valid position');
  return null;
}

async function readHead(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
