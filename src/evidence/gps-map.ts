/**
 * A small map of a GPS position drawn without any tile server: a coordinate grid about 2 km
 * across with the point at its centre, the grid lines labelled with their latitude and longitude
 * and a scale bar in metres, so the drawing claims nothing it does not know (no streets, no
 * borders). Pure geometry; the view draws it as SVG and words the labels.
 */
export interface GpsMap {
  width: number;
  height: number;
  point: { x: number; y: number };
  /** Vertical lines: their longitude. */
  meridians: { x: number; longitude: number }[];
  /** Horizontal lines: their latitude. */
  parallels: { y: number; latitude: number }[];
  scale: { px: number; metres: number };
  /** RFC 5870: opens the position in the reader's own map application. */
  geoUri: string;
  latitude: number;
  longitude: number;
}

const WIDTH = 320;
const HEIGHT = 200;
/** Degrees of latitude the drawing spans (about 2.2 km). */
const SPAN_LAT = 0.02;
const STEP = 0.005;
const METRES_PER_DEGREE = 111_320;

export function gpsMap(latitude: number, longitude: number): GpsMap | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const cos = Math.max(Math.cos((latitude * Math.PI) / 180), 0.01);
  const pxPerDegLat = HEIGHT / SPAN_LAT;
  // Same metres per pixel across and down: a degree of longitude is shorter away from the equator.
  const pxPerDegLon = pxPerDegLat * cos;
  const x = (lon: number) => WIDTH / 2 + (lon - longitude) * pxPerDegLon;
  const y = (lat: number) => HEIGHT / 2 - (lat - latitude) * pxPerDegLat;
  const lines = (from: number, to: number) => {
    const out: number[] = [];
    for (let v = Math.ceil(from / STEP) * STEP; v <= to + 1e-12; v += STEP) out.push(Math.round(v / STEP) * STEP);
    return out;
  };
  const halfLon = WIDTH / 2 / pxPerDegLon;
  const halfLat = HEIGHT / 2 / pxPerDegLat;
  const metresPerPx = METRES_PER_DEGREE / pxPerDegLat;
  const metres = [100, 200, 250, 500, 1000].reduce((best, m) => (m / metresPerPx <= WIDTH / 3 ? m : best), 100);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    width: WIDTH,
    height: HEIGHT,
    point: { x: WIDTH / 2, y: HEIGHT / 2 },
    meridians: lines(longitude - halfLon, longitude + halfLon).filter((lon) => lon >= -180 && lon <= 180).map((lon) => ({ x: round(x(lon)), longitude: Number(lon.toFixed(3)) })),
    parallels: lines(latitude - halfLat, latitude + halfLat).filter((lat) => lat >= -90 && lat <= 90).map((lat) => ({ y: round(y(lat)), latitude: Number(lat.toFixed(3)) })),
    scale: { px: round(metres / metresPerPx), metres },
    geoUri: `geo:${latitude.toFixed(6)},${longitude.toFixed(6)}`,
    latitude,
    longitude,
  };
}
