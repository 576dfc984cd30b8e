import { gpsMap } from '../../src/evidence/gps-map';

describe('the GPS map drawn on the evidence page', () => {
  it('puts the position at the centre of a labelled grid, with a geo: URI', () => {
    const m = gpsMap(43.485123, 43.607456)!;
    expect(m.point).toEqual({ x: m.width / 2, y: m.height / 2 });
    expect(m.geoUri).toBe('geo:43.485123,43.607456');
    expect(m.parallels.map((p) => p.latitude)).toEqual([43.48, 43.485, 43.49, 43.495]);
    for (const p of m.parallels) expect(p.y).toBeGreaterThanOrEqual(0);
    // North is up: a larger latitude is higher on the drawing.
    expect(m.parallels[0].y).toBeGreaterThan(m.parallels[m.parallels.length - 1].y);
    expect(m.meridians.length).toBeGreaterThan(2);
    expect(m.meridians[0].x).toBeLessThan(m.meridians[1].x);
  });

  it('keeps metres the same across and down, so the grid is not stretched away from the equator', () => {
    const m = gpsMap(60, 30)!;
    const latStep = m.parallels[0].y - m.parallels[1].y;
    const lonStep = m.meridians[1].x - m.meridians[0].x;
    // 0.005° of longitude at 60° N is half as long as 0.005° of latitude.
    expect(lonStep / latStep).toBeCloseTo(0.5, 1);
    expect(m.scale.metres / m.scale.px).toBeCloseTo(111_320 * 0.02 / m.height, 0);
  });

  it('handles the southern and western hemispheres and refuses impossible positions', () => {
    expect(gpsMap(-33.8688, -151.2093)!.geoUri).toBe('geo:-33.868800,-151.209300');
    expect(gpsMap(91, 0)).toBeNull();
    expect(gpsMap(0, 181)).toBeNull();
    expect(gpsMap(Number.NaN, 0)).toBeNull();
  });
});
