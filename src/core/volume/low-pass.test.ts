import { describe, expect, it } from 'vitest';
import { lowPassVolume } from './low-pass.ts';
import { computeStats, type Volume } from './volume.ts';

function impulse(n: number, voxel: number): Volume {
  const data = new Int16Array(n * n * n);
  const c = n >> 1;
  data[c + n * (c + n * c)] = 1000;
  return { nx: n, ny: n, nz: n, voxelSize: [voxel, voxel, voxel], origin: [0, 0, 0], dtype: 'int16', data, stats: computeStats({ dtype: 'int16', data }) };
}

describe('lowPassVolume', () => {
  it('spreads an impulse into a Gaussian of σ = Å / voxel size, keeping the total', async () => {
    const v = impulse(33, 10);
    const out = await lowPassVolume(v, 20); // σ = 2 voxels
    expect(out.dtype).toBe('float32');
    const data = out.data as Float32Array;
    let sum = 0;
    for (const x of data) sum += x;
    expect(sum).toBeCloseTo(1000, 1);
    const c = 16;
    const at = (dx: number) => data[c + dx + 33 * (c + 33 * c)]!;
    // Ratio of a 3D Gaussian at 2 voxels vs 0 along x: exp(-4 / (2·4)).
    expect(at(2) / at(0)).toBeCloseTo(Math.exp(-0.5), 2);
    expect(v.data[c + 33 * (c + 33 * c)]).toBe(1000); // the input is untouched
  });

  it('rejects σ ≤ 0 and honours cancellation', async () => {
    await expect(lowPassVolume(impulse(9, 1), 0)).rejects.toThrow(/σ must be positive/);
    const controller = new AbortController();
    controller.abort();
    await expect(lowPassVolume(impulse(9, 1), 1, { signal: controller.signal })).rejects.toThrow();
  });
});
