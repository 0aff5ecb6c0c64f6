import { describe, expect, it } from 'vitest';
import {
  axisOrigins,
  blendWeights1d,
  blendWeightSums1d,
  copyPatch,
  extractPatch,
  patchOrigins,
  reflectIndex,
  type Shape3,
} from './patch-grid.ts';
import { allocateVoxels, numberToFloat16Bits, type VoxelDType } from './volume.ts';

describe('axisOrigins / patchOrigins', () => {
  it('steps by patch − overlap and puts the last patch flush with the far edge', () => {
    expect(axisOrigins(200, 64, 20)).toEqual([0, 44, 88, 132, 136]);
    expect(axisOrigins(512, 64, 20)).toEqual([0, 44, 88, 132, 176, 220, 264, 308, 352, 396, 440, 448]);
    expect(axisOrigins(108, 64, 20)).toEqual([0, 44]);
  });

  it('covers every voxel, and a short axis gets one patch at 0', () => {
    for (const n of [1, 5, 63, 64, 65, 107, 108, 109, 200]) {
      const starts = axisOrigins(n, 64, 20);
      const covered = new Uint8Array(n);
      for (const s of starts) covered.fill(1, s, Math.min(n, s + 64));
      expect(covered.every((c) => c === 1)).toBe(true);
      expect(starts.every((s, i) => i === 0 || s > starts[i - 1]!)).toBe(true);
    }
    expect(axisOrigins(30, 64, 20)).toEqual([0]);
  });

  it('orders origins z outermost, then y, then x', () => {
    const origins = patchOrigins([100, 70, 30], 64, 20);
    expect(origins).toEqual([
      [0, 0, 0],
      [36, 0, 0],
      [0, 6, 0],
      [36, 6, 0],
    ]);
  });

  it('rejects overlaps that leave no stride', () => {
    expect(() => axisOrigins(100, 64, 64)).toThrow(/overlap/);
    expect(() => axisOrigins(100, 0, 0)).toThrow(/Patch size/);
  });
});

describe('blendWeights1d', () => {
  it('tapers symmetrically over the overlap, never reaches 0, is 1 in the middle', () => {
    const w = blendWeights1d(64, 20);
    expect(Math.min(...w)).toBeGreaterThan(0);
    expect(w[20]).toBe(1);
    expect(w[43]).toBe(1);
    for (let i = 0; i < 64; i++) expect(w[i]).toBeCloseTo(w[63 - i]!, 6);
    for (let i = 1; i < 21; i++) expect(w[i]!).toBeGreaterThan(w[i - 1]!);
    expect(Array.from(blendWeights1d(8, 0))).toEqual(new Array(8).fill(1));
  });

  it('weight sums are positive everywhere and 1 where the regular stride applies (cosine ramps cross-fade)', () => {
    const sums = blendWeightSums1d(200, axisOrigins(200, 64, 20), blendWeights1d(64, 20));
    expect(Math.min(...sums)).toBeGreaterThan(0);
    for (let i = 20; i < 132; i++) expect(sums[i]).toBeCloseTo(1, 6);
    expect(sums[150]).toBeGreaterThan(1);
  });
});

describe('reflectIndex', () => {
  it('mirrors with the edge voxel repeated, for any offset', () => {
    expect([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((i) => reflectIndex(i, 4))).toEqual([2, 1, 0, 0, 1, 2, 3, 3, 2, 1]);
    expect(reflectIndex(-9, 1)).toBe(0);
    expect(reflectIndex(13, 3)).toBe(1);
  });
});

/** Value encodes position: 100·x + 10·y + z (exact in float16 for the sizes below). */
function positionData(shape: Shape3, dtype: VoxelDType = 'float32') {
  const [nx, ny, nz] = shape;
  const data = allocateVoxels(dtype, nx * ny * nz);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        const v = 100 * x + 10 * y + z;
        data[x + nx * (y + ny * z)] = dtype === 'float16' ? numberToFloat16Bits(v) : v;
      }
  return data;
}

describe('extractPatch', () => {
  const shape: Shape3 = [7, 5, 4];
  const expected = (origin: number[], p: number) => {
    const out = new Float32Array(p ** 3);
    for (let z = 0; z < p; z++)
      for (let y = 0; y < p; y++)
        for (let x = 0; x < p; x++) {
          const [sx, sy, sz] = [reflectIndex(origin[0]! + x, 7), reflectIndex(origin[1]! + y, 5), reflectIndex(origin[2]! + z, 4)];
          out[x + p * (y + p * z)] = 100 * sx + 10 * sy + sz;
        }
    return out;
  };

  it('copies interior patches exactly, x fastest', () => {
    const out = extractPatch(positionData(shape) as Float32Array, shape, [2, 1, 1], 3, new Float32Array(27));
    expect(out[0]).toBe(100 * 2 + 10 * 1 + 1);
    expect(out[1 + 3 * (2 + 3 * 1)]).toBe(100 * 3 + 10 * 3 + 2);
    expect(out).toEqual(expected([2, 1, 1], 3));
  });

  it('reflect-pads patches that stick out on any side, or are bigger than the volume', () => {
    const data = positionData(shape) as Float32Array;
    for (const origin of [[-2, 0, 0], [5, 3, 2], [-1, -2, -3], [-3, -4, -2]]) {
      expect(extractPatch(data, shape, origin, 9, new Float32Array(729))).toEqual(expected(origin, 9));
    }
  });

  it('converts native dtypes (int16, uint8, float16) the same way', () => {
    for (const dtype of ['int16', 'uint16', 'float16'] as const) {
      const volume = { dtype, data: positionData(shape, dtype) };
      expect(extractPatch(volume, shape, [-1, 2, 1], 5, new Float32Array(125))).toEqual(expected([-1, 2, 1], 5));
    }
    const small: Shape3 = [2, 2, 2];
    const bytes = { dtype: 'uint8' as const, data: Uint8Array.from([0, 1, 10, 11, 100, 101, 110, 111]) };
    expect(Array.from(extractPatch(bytes, small, [1, 1, 1], 1, new Float32Array(1)))).toEqual([111]);
  });

  it('copyPatch cuts label maps the same way', () => {
    const labels = Uint8Array.from(positionData(shape) as Float32Array, (v) => v % 251);
    const out = new Uint8Array(64);
    copyPatch(labels, shape, [5, -1, 2], 4, out);
    expect(Array.from(out)).toEqual(Array.from(expected([5, -1, 2], 4), (v) => v % 251));
  });

  it('rejects wrong buffer sizes and shapes', () => {
    const data = positionData(shape) as Float32Array;
    expect(() => extractPatch(data, shape, [0, 0, 0], 3, new Float32Array(26))).toThrow(/27/);
    expect(() => extractPatch(data, [7, 5, 5], [0, 0, 0], 3, new Float32Array(27))).toThrow(/7×5×5/);
    expect(() => extractPatch(data, shape, [0.5, 0, 0], 3, new Float32Array(27))).toThrow(/integer/);
  });
});
