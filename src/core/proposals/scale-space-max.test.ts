import { describe, expect, it } from 'vitest';
import { ScaleSpaceMax } from './scale-space-max.ts';

describe('ScaleSpaceMax', () => {
  it('keeps the best response, its scale, its neighbours, and the best from the range start', () => {
    const space = new ScaleSpaceMax(2, 2);
    // Voxel 0: a fine blob (best at scale 0); voxel 1: best at scale 2.
    const responses = [
      [9, 1],
      [5, 2],
      [3, 6],
      [4, 5],
    ];
    responses.forEach((r, s) => space.add(s, Float32Array.from(r), 0.5));
    expect(Array.from(space.best)).toEqual([4.5, 3]);
    expect(Array.from(space.bestScale)).toEqual([0, 2]);
    expect(Array.from(space.belowBest)).toEqual([0, 1]);
    expect(Array.from(space.aboveBest)).toEqual([2.5, 2.5]);
    // Only scales 2 and 3 count here: the fine blob at voxel 0 does not.
    expect(Array.from(space.bestFromRange)).toEqual([2, 3]);
  });

  it('rejects scales out of order', () => {
    const space = new ScaleSpaceMax(1);
    expect(() => space.add(1, new Float32Array(1))).toThrow(/out of order/);
  });
});
