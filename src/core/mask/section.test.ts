import { describe, expect, it } from 'vitest';
import { extractSlice } from '../volume/slice.ts';
import { maskSection } from './section.ts';

describe('maskSection', () => {
  it('cuts the same section as the slice views show, for each axis', () => {
    const [nx, ny, nz] = [5, 4, 3];
    const mask = new Uint8Array(nx * ny * nz).map((_, i) => (i * 7) % 3 === 0 ? 0 : 1);
    const volume = { nx, ny, nz, dtype: 'uint8' as const, data: mask };
    for (const [axis, depth] of [['xy', nz], ['xz', ny], ['yz', nx]] as const) {
      for (let index = 0; index < depth; index++) {
        expect([...maskSection(mask, [nx, ny, nz], axis, index)]).toEqual([...extractSlice(volume, axis, index).data]);
      }
    }
  });

  it('names a size mismatch and a section outside the volume', () => {
    expect(() => maskSection(new Uint8Array(5), [2, 2, 2], 'xy', 0)).toThrow(/holds 5 voxels but 2×2×2 = 8/);
    expect(() => maskSection(new Uint8Array(8), [2, 2, 2], 'yz', 2)).toThrow(/outside 0\.\.1/);
  });
});
