import { describe, expect, it } from 'vitest';
import { fitDistance, volumeFrame } from './volume-frame.ts';

describe('volumeFrame', () => {
  it('centres the volume at the origin in isotropic units of x voxels', () => {
    const frame = volumeFrame([101, 51, 21], [10, 10, 20]);
    expect(frame.scale).toEqual([1, 1, 2]);
    expect(frame.offset).toEqual([-50, -25, -20]);
    // Voxel (100, 50, 20) lands opposite voxel (0, 0, 0).
    expect([100, 50, 20].map((v, a) => v * frame.scale[a]! + frame.offset[a]!)).toEqual([50, 25, 20]);
    expect(frame.radius).toBeCloseTo(Math.hypot(50.5, 25.5, 21));
  });

  it('rejects empty volumes and non-positive voxel sizes', () => {
    expect(() => volumeFrame([0, 4, 4], [1, 1, 1])).toThrow(/positive integers/);
    expect(() => volumeFrame([4, 4, 4], [1, 0, 1])).toThrow(/voxel size must be positive/);
  });
});

describe('fitDistance', () => {
  const tan20 = Math.tan((20 * Math.PI) / 180);
  it('fits the radius to the vertical field of view on a wide canvas', () => {
    expect(10 / fitDistance(10, 40, 2)).toBeCloseTo(tan20, 10);
  });

  it('fits it to the horizontal field of view on a narrow canvas', () => {
    const narrow = fitDistance(10, 40, 0.5);
    expect(narrow).toBeGreaterThan(fitDistance(10, 40, 2));
    expect(10 / narrow).toBeCloseTo(tan20 * 0.5, 10);
  });
});
