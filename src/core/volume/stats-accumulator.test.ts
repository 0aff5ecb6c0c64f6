import { describe, expect, it } from 'vitest';
import { allocateVoxels, computeStats, numberToFloat16Bits, type VoxelDType } from './volume.ts';
import { StatsAccumulator, statsOf } from './stats-accumulator.ts';

function pseudoRandom(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('StatsAccumulator', () => {
  const ranges: Record<VoxelDType, (r: number) => number> = {
    int8: (r) => Math.floor(r * 256) - 128,
    uint8: (r) => Math.floor(r * 256),
    int16: (r) => Math.floor(r * 65536) - 32768,
    uint16: (r) => Math.floor(r * 65536),
    float16: (r) => numberToFloat16Bits((r - 0.5) * 1000),
    float32: (r) => (r - 0.3) * 1e4,
  };
  for (const [dtype, draw] of Object.entries(ranges) as [VoxelDType, (r: number) => number][]) {
    it(`agrees with computeStats for ${dtype}, fed in uneven chunks`, () => {
      const rand = pseudoRandom(7);
      const data = allocateVoxels(dtype, 10007);
      for (let i = 0; i < data.length; i++) data[i] = draw(rand());
      if (dtype === 'float32') [data[5], data[99], data[4000]] = [NaN, Infinity, -Infinity];
      if (dtype === 'float16') [data[5], data[99]] = [0x7e00, 0x7c00]; // NaN, +Inf
      const acc = new StatsAccumulator(dtype);
      for (const [a, b] of [[0, 1], [1, 4000], [4000, 10007]] as const) acc.add(data, a, b);
      const expected = computeStats({ dtype, data });
      const got = acc.result();
      expect(got.min).toBe(expected.min);
      expect(got.max).toBe(expected.max);
      expect(got.nonFinite).toBe(expected.nonFinite);
      expect(got.mean).toBeCloseTo(expected.mean, 6);
      expect(got.rms).toBeCloseTo(expected.rms, 6);
    });
  }

  it('returns NaN figures when no voxel is finite', () => {
    const s = statsOf('float32', new Float32Array([NaN, Infinity]));
    expect(s).toEqual({ min: NaN, max: NaN, mean: NaN, rms: NaN, nonFinite: 2 });
  });
});
