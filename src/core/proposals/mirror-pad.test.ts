import { describe, expect, it } from 'vitest';
import { mirrorIndex, mirrorPad, paddedShape } from './mirror-pad.ts';
import { ballVolume } from './test-volumes.ts';

describe('mirror padding', () => {
  it('reflects the high edge, then the low edge, so the periodic wrap has no jump', () => {
    const n = 5;
    const m = 8;
    const sources = Array.from({ length: m }, (_, j) => mirrorIndex(j, n, m));
    expect(sources).toEqual([0, 1, 2, 3, 4, 4, 3, 0]);
  });

  it('pads to powers of two, keeping the original voxels (minus the offset) at their places', () => {
    const volume = ballVolume([6, 5, 3], [], 1, 3);
    const padded = paddedShape(volume);
    expect(padded).toEqual([8, 8, 4]);
    const buffer = new Float32Array(8 * 8 * 4);
    mirrorPad(volume, padded, buffer, 0.5);
    const original = volume.data as Float32Array;
    for (let z = 0; z < 3; z++)
      for (let y = 0; y < 5; y++)
        for (let x = 0; x < 6; x++) expect(buffer[x + 8 * (y + 8 * z)]).toBeCloseTo(original[x + 6 * (y + 5 * z)]! - 0.5, 6);
    // A margin voxel: x = 7 reflects the low edge (x = 0), y = 5 the high edge (y = 4).
    expect(buffer[7 + 8 * (5 + 8 * 1)]).toBeCloseTo(original[0 + 6 * (4 + 5 * 1)]! - 0.5, 6);
  });
});
