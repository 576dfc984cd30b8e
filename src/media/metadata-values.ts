/** Pure conversions of raw EXIF/XMP values into the shapes Casebook stores. */

/**
 * A capture time as the device recorded it: "2008-10-22T16:28:39", with "+02:00" when the offset
 * is known. EXIF times carry no zone, so they are kept as wall-clock text rather than turned into
 * an instant in the server's zone. Returns null for blank or impossible values.
 */
export function normaliseCaptureTime(raw: string | undefined, offset?: string): string | null {
  const text = cleanText(raw);
  if (!text) return null;
  const match = /^(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  if (!validDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  const zoneText = normaliseZone(zone ?? cleanText(offset) ?? undefined);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zoneText}`;
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function normaliseZone(zone: string | undefined): string {
  if (!zone) return '';
  if (zone === 'Z') return 'Z';
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  return match ? `${match[1]}${match[2]}:${match[3]}` : '';
}

/** Trims padding, NULs and control characters that cameras leave in ASCII fields; blank becomes null. */
export function cleanText(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().replace(/\s{2,}/g, ' ');
  return text === '' ? null : text.slice(0, 200);
}

/**
 * An XMP GPS coordinate, "43,28.0469N" (degrees,minutes with a hemisphere letter),
 * "43,28,2.81N", "43.4674N", or a signed decimal, to decimal degrees.
 */
export function parseXmpCoordinate(raw: string | undefined): number | null {
  const text = cleanText(raw);
  if (!text) return null;
  const decimal = /^[+-]?\d+(\.\d+)?$/.exec(text);
  if (decimal) return Number(text);
  const match = /^(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEW])$/i.exec(text);
  if (!match) return null;
  const [, deg, min = '0', sec = '0', hemisphere] = match;
  const value = Number(deg) + Number(min) / 60 + Number(sec) / 3600;
  return /[SW]/i.test(hemisphere ?? '') ? -value : value;
}

export function validLatitude(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 90;
}

export function validLongitude(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 180;
}

/** An XMP rational such as "1234/10" or a plain number, or null. */
export function parseXmpNumber(raw: string | undefined): number | null {
  const text = cleanText(raw);
  if (!text) return null;
  const match = /^([+-]?\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/.exec(text);
  if (!match) return null;
  const value = match[2] === undefined ? Number(match[1]) : Number(match[1]) / Number(match[2]);
  return Number.isFinite(value) ? value : null;
}
