import { describe, expect, it } from 'vitest';
import { mrcFootprint } from './mrc-memory-size.ts';
import { writeMrc } from './mrc-write.ts';
import { computeStats, type Volume } from '../../volume/volume.ts';

const volume = (dtype: 'float32' | 'int16'): Volume => {
  const data = dtype === 'float32' ? new Float32Array(4 * 3 * 2) : new Int16Array(4 * 3 * 2);
  const v = { nx: 4, ny: 3, nz: 2, voxelSize: [10, 10, 10] as [number, number, number], origin: [0, 0, 0] as [number, number, number], dtype, data };
  return { ...v, stats: computeStats(v as Volume) };
};

describe('MRC footprint from the header', () => {
  it('gives dims and bytes in the file’s own data type', () => {
    for (const [dtype, bytes] of [['float32', 4], ['int16', 2]] as const) {
      const file = writeMrc(volume(dtype));
      expect(mrcFootprint(file.subarray(0, 1024), file.byteLength)).toEqual({ dims: [4, 3, 2], bytesPerVoxel: bytes, bytes: 24 * bytes });
    }
  });
  it('is null for what is not a readable MRC header (the open reports why)', () => {
    expect(mrcFootprint(new Uint8Array(10), 10)).toBeNull();
    expect(mrcFootprint(new Uint8Array(1024), 1024)).toBeNull();
  });
});
