import { describe, expect, it } from 'vitest';
import { fitTransform, panBy, toCanvas, toData, zoomAt } from './view-transform.ts';

describe('view transform', () => {
  it('fits a wide image centred with voxel centres at pixel centres', () => {
    const t = fitTransform(100, 50, 400, 400);
    expect(t.scale).toBe(4);
    expect(t.offsetY).toBe(100);
    expect(toCanvas(t, 0, 0)).toEqual([2, 102]);
    expect(toData(t, ...toCanvas(t, 12.25, 7.5))).toEqual([12.25, 7.5]);
  });

  it('zooming keeps the point under the cursor fixed and respects limits', () => {
    const t = fitTransform(64, 64, 256, 256);
    const before = toData(t, 100, 37);
    const z = zoomAt(t, 2.5, 100, 37);
    const after = toData(z, 100, 37);
    expect(after[0]).toBeCloseTo(before[0], 10);
    expect(after[1]).toBeCloseTo(before[1], 10);
    expect(zoomAt(t, 1e9, 0, 0).scale).toBe(64);
  });

  it('panning shifts the mapping by whole canvas pixels', () => {
    const t = panBy(fitTransform(10, 10, 10, 10), 3, -2);
    expect(toCanvas(t, 0, 0)).toEqual([3.5, -1.5]);
  });
});
