import { describe, expect, it } from 'vitest';
import { localMaxima } from './local-maxima.ts';

describe('localMaxima', () => {
  it('finds isolated peaks, including on the volume edge', () => {
    const shape: [number, number, number] = [5, 4, 3];
    const values = new Float32Array(60);
    values[2 + 5 * (1 + 4 * 1)] = 3;
    values[0] = 1;
    expect(Array.from(localMaxima(values, shape))).toEqual([0, 2 + 5 * (1 + 4 * 1)]);
  });

  it('reports one voxel of a plateau (the first in memory order)', () => {
    const values = new Float32Array(27);
    values[13] = 2;
    values[14] = 2;
    expect(Array.from(localMaxima(values, [3, 3, 3]))).toEqual([13]);
  });

  it('only looks at included voxels', () => {
    const values = new Float32Array(27);
    values[13] = 2;
    const include = new Uint8Array(27);
    expect(localMaxima(values, [3, 3, 3], include)).toHaveLength(0);
  });
});
