import { describe, expect, it } from 'vitest';
import { isInsideVolume, meanInSphere } from './sample.ts';
import { computeStats, type Volume } from './volume.ts';

function ramp(nx: number, ny: number, nz: number): Volume {
  const data = new Float32Array(nx * ny * nz);
  for (let i = 0; i < data.length; i++) data[i] = i % nx; // value = x
  return { nx, ny, nz, voxelSize: [1, 1, 1], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
}

describe('meanInSphere', () => {
  it('averages a symmetric neighbourhood of a linear ramp to the centre value', () => {
    expect(meanInSphere(ramp(20, 20, 20), 10, 10, 10, 3)).toBeCloseTo(10, 10);
  });
  it('clips at the border and is NaN outside', () => {
    const v = ramp(8, 8, 8);
    // Clipped at x = 0: the centre and its 4 neighbours in y/z hold 0, only (1,4,4) holds 1.
    expect(meanInSphere(v, 0, 4, 4, 1)).toBeCloseTo(1 / 6, 10);
    expect(meanInSphere(v, -10, 4, 4, 2)).toBeNaN();
  });
  it('radius 0 at a voxel centre is that voxel', () => {
    expect(meanInSphere(ramp(8, 8, 8), 3, 2, 1, 0)).toBe(3);
  });
});

describe('isInsideVolume', () => {
  it('uses voxel-centre coordinates: [-0.5, n - 0.5)', () => {
    const v = { nx: 4, ny: 4, nz: 4 };
    expect(isInsideVolume(v, -0.5, 0, 0)).toBe(true);
    expect(isInsideVolume(v, 3.49, 3.49, 3.49)).toBe(true);
    expect(isInsideVolume(v, 3.5, 0, 0)).toBe(false);
    expect(isInsideVolume(v, 0, -0.51, 0)).toBe(false);
  });
});
