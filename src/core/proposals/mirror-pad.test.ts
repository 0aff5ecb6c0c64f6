import { describe, expect, it } from 'vitest';
import { cropPadded, mirrorIndex, mirrorPad, paddedShape } from './mirror-pad.ts';
import { ballVolume } from './test-volumes.ts';

describe('mirror padding', () => {
  it('reflects the high edge, then the low edge, so the periodic wrap has no jump', () => {
    const n = 5;
    const m = 8;
    const sources = Array.from({ length: m }, (_, j) => mirrorIndex(j, n, m));
    expect(sources).toEqual([0, 1, 2, 3, 4, 4, 3, 0]);
  });

  it('pads to powers of two and crops back to the original voxels', () => {
    const volume = ballVolume([6, 5, 3], [], 1, 3);
    const padded = paddedShape(volume);
    expect(padded).toEqual([8, 8, 4]);
    const buffer = new Float32Array(8 * 8 * 4);
    mirrorPad(volume, padded, buffer, 0.5);
    const back = new Float32Array(6 * 5 * 3);
    cropPadded(buffer, padded, [6, 5, 3], back);
    const original = volume.data as Float32Array;
    for (let i = 0; i < back.length; i++) expect(back[i]).toBeCloseTo(original[i]! - 0.5, 6);
  });
});
