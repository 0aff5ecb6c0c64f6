import { describe, expect, it } from 'vitest';
import { extractSlice, slabRange, type SliceAxis } from './slice.ts';
import { allocateVoxels, computeStats, numberToFloat16Bits, voxelIndex, type Volume, type VoxelDType } from './volume.ts';

/** Voxel value encodes its position: 100·x + 10·y + z (exact in every dtype used below). */
function positionVolume(nx: number, ny: number, nz: number, dtype: VoxelDType = 'float32'): Volume {
  const data = allocateVoxels(dtype, nx * ny * nz);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        const value = 100 * x + 10 * y + z;
        data[voxelIndex({ nx, ny }, x, y, z)] = dtype === 'float16' ? numberToFloat16Bits(value) : value;
      }
  return { nx, ny, nz, voxelSize: [1, 1, 1], origin: [0, 0, 0], dtype, data, stats: computeStats({ dtype, data }) };
}

const pixel = (s: { width: number; data: Float32Array }, column: number, row: number) => s.data[column + s.width * row];

describe('extractSlice orientation', () => {
  const v = positionVolume(4, 3, 5);

  it('xy: width nx, height ny, column x, row y', () => {
    const s = extractSlice(v, 'xy', 2);
    expect([s.width, s.height]).toEqual([4, 3]);
    expect(pixel(s, 3, 1)).toBe(100 * 3 + 10 * 1 + 2);
  });

  it('xz: width nx, height nz, column x, row z', () => {
    const s = extractSlice(v, 'xz', 1);
    expect([s.width, s.height]).toEqual([4, 5]);
    expect(pixel(s, 2, 4)).toBe(100 * 2 + 10 * 1 + 4);
  });

  it('yz: width ny, height nz, column y, row z', () => {
    const s = extractSlice(v, 'yz', 3);
    expect([s.width, s.height]).toEqual([3, 5]);
    expect(pixel(s, 2, 4)).toBe(100 * 3 + 10 * 2 + 4);
  });
});

describe('extractSlice slab averaging', () => {
  const v = positionVolume(6, 5, 7);
  // Averaging along the normal of each view changes only that axis' term of 100x + 10y + z.
  const weight: Record<SliceAxis, number> = { xy: 1, xz: 10, yz: 100 };

  it.each(['xy', 'xz', 'yz'] as const)('%s: averages the slab centred on the index', (axis) => {
    const thin = extractSlice(v, axis, 2);
    const slab = extractSlice(v, axis, 2, 3); // slices 1, 2, 3: same mean as slice 2
    expect([...slab.data]).toEqual([...thin.data]);
    const even = extractSlice(v, axis, 2, 2); // slices 2, 3: mean shifts by half a slice
    expect(even.data[0]).toBeCloseTo(thin.data[0]! + 0.5 * weight[axis], 5);
  });

  it.each(['xy', 'xz', 'yz'] as const)('%s: cuts the slab at the borders instead of shifting it', (axis) => {
    expect(extractSlice(v, axis, 0, 5).data[0]).toBeCloseTo(1 * weight[axis], 5); // slices 0..2
    const last = axis === 'xy' ? 6 : axis === 'xz' ? 4 : 5;
    const atEnd = extractSlice(v, axis, last, 5).data[0]!; // slices last-2..last
    expect(atEnd).toBeCloseTo((last - 1) * weight[axis], 5);
  });

  it('returns the slab range used', () => {
    expect(slabRange(2, 3, 7)).toEqual([1, 3]);
    expect(slabRange(2, 4, 7)).toEqual([1, 4]);
    expect(slabRange(0, 5, 7)).toEqual([0, 2]);
    expect(slabRange(6, 9, 7)).toEqual([2, 6]);
  });
});

describe('extractSlice native dtypes', () => {
  it.each(['int8', 'uint8', 'int16', 'uint16', 'float16'] as const)('%s gives the same slices as float32', (dtype) => {
    // Values up to 100·1 + 10·2 + 3 = 123 fit every dtype exactly.
    const ref = positionVolume(2, 3, 4);
    const native = positionVolume(2, 3, 4, dtype);
    for (const axis of ['xy', 'xz', 'yz'] as const) {
      expect([...extractSlice(native, axis, 0, 3).data]).toEqual([...extractSlice(ref, axis, 0, 3).data]);
    }
  });

  it('propagates NaN voxels to their pixel only', () => {
    const v = positionVolume(3, 3, 3);
    v.data[voxelIndex(v, 1, 1, 1)] = NaN;
    const s = extractSlice(v, 'xy', 1, 3);
    expect(pixel(s, 1, 1)).toBeNaN();
    expect(pixel(s, 0, 1)).toBe(11);
  });
});

describe('extractSlice buffers and errors', () => {
  const v = positionVolume(4, 3, 5);

  it('writes into a reused output buffer', () => {
    const out = new Float32Array(12).fill(-1);
    const s = extractSlice(v, 'xy', 4, 1, out);
    expect(s.data).toBe(out);
    expect(out[0]).toBe(4);
  });

  it('rejects bad indices, thickness and buffer sizes', () => {
    expect(() => extractSlice(v, 'xy', 5)).toThrow(/xy slice index 5 is outside 0..4/);
    expect(() => extractSlice(v, 'yz', -1)).toThrow(/outside 0..3/);
    expect(() => extractSlice(v, 'xz', 1.5)).toThrow(/outside/);
    expect(() => extractSlice(v, 'xy', 0, 0)).toThrow(/thickness/);
    expect(() => extractSlice(v, 'xy', 0, 1, new Float32Array(5))).toThrow(/needs 4 × 3 = 12/);
  });

  it('extracts a 1024 × 1024 × 16 volume in every orientation', () => {
    const big = { nx: 1024, ny: 1024, nz: 16, dtype: 'int16' as const, data: new Int16Array(1024 * 1024 * 16).fill(7) };
    expect(extractSlice(big, 'xy', 8, 5).data.every((x) => x === 7)).toBe(true);
    expect(extractSlice(big, 'xz', 512, 5).height).toBe(16);
    expect(extractSlice(big, 'yz', 512, 5).data[1023 + 1024 * 15]).toBe(7);
  });
});
