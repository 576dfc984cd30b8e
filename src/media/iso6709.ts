import type { GpsPosition } from './metadata';
import { validLatitude, validLongitude } from './metadata-values';

/**
 * A point in ISO 6709 (Annex H) string form, as phones write it into videos: "+37.3318-122.0312/",
 * "+37.3318-122.0312+012.345/", and the degree-minute(-second) forms "+3719.908-12201.872/" or
 * "+371954.5-1220112.3+12CRSWGS_84/". The decimal fraction belongs to the last unit written.
 */
const POINT = /^([+-])(\d{2})(\d{2})?(\d{2})?(\.\d+)?([+-])(\d{3})(\d{2})?(\d{2})?(\.\d+)?(?:([+-]\d+(?:\.\d+)?))?(?:CRS[A-Za-z0-9_:.-]*)?\/?$/;

function angle(sign: string, deg: string, min: string | undefined, sec: string | undefined, fraction: string | undefined): number | null {
  const f = fraction ? Number(fraction) : 0;
  const m = min === undefined ? 0 : Number(min) + (sec === undefined ? f : 0);
  const s = sec === undefined ? 0 : Number(sec) + f;
  if (m >= 60 || s >= 60) return null;
  const d = Number(deg) + (min === undefined ? f : 0) + m / 60 + s / 3600;
  return sign === '-' ? -d : d;
}

/** The longest point string worth reading: real ones are under 64 characters (with a CRS). */
const MAX_POINT = 100;

/** Trailing NULs and white space removed by a backwards walk (a regular expression backtracks quadratically on long runs). */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0 || /\s/.test(text[end - 1]))) end--;
  return text.slice(0, end);
}

export function parseIso6709(raw: string): GpsPosition | null {
  const text = trimEnd(raw.slice(0, MAX_POINT + 1).trimStart().slice(0, MAX_POINT + 1));
  if (text.length > MAX_POINT) return null;
  const m = POINT.exec(text);
  if (!m) return null;
  const latitude = angle(m[1], m[2], m[3], m[4], m[5]);
  const longitude = angle(m[6], m[7], m[8], m[9], m[10]);
  if (!validLatitude(latitude) || !validLongitude(longitude)) return null;
  const altitude = m[11] === undefined ? null : Number(m[11]);
  return { latitude, longitude, altitude: altitude !== null && Number.isFinite(altitude) ? altitude : null };
}
