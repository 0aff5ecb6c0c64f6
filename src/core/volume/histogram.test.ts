import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { histogram, percentileWindow, sampleStrideFor } from './histogram.ts';
import { numberToFloat16Bits, type VoxelArray, type VoxelDType } from './volume.ts';

const volumeOf = (data: VoxelArray, dtype: VoxelDType = 'float32', nx = data.length, ny = 1, nz = 1) => ({ nx, ny, nz, dtype, data });

describe('histogram', () => {
  it('bins values over their range, the maximum in the last bin', () => {
    const h = histogram(volumeOf(Float32Array.from([0, 1, 2, 3, 4, 4, 8])), 4);
    expect([h.min, h.max, h.binWidth, h.total, h.nonFinite]).toEqual([0, 8, 2, 7, 0]);
    expect([...h.counts]).toEqual([2, 2, 2, 1]);
  });

  it('leaves NaN and ±Inf out of the range and the bins', () => {
    const h = histogram(volumeOf(Float32Array.from([NaN, -Infinity, 1, 3, Infinity, NaN])), 2);
    expect([h.min, h.max, h.total, h.nonFinite]).toEqual([1, 3, 2, 4]);
    expect([...h.counts]).toEqual([1, 1]);
  });

  it('reports an empty range when no sample is finite', () => {
    const h = histogram(volumeOf(Float32Array.from([NaN, NaN])));
    expect([h.min, h.max, h.total, h.nonFinite]).toEqual([0, 0, 0, 2]);
    expect(percentileWindow(h)).toEqual({ low: 0, high: 0 });
  });

  it('reads float16 and integer data natively', () => {
    const half = Uint16Array.from([0.5, 1.5, NaN, 2.5].map(numberToFloat16Bits));
    const h = histogram(volumeOf(half, 'float16'), 2);
    expect([h.min, h.max, h.total, h.nonFinite]).toEqual([0.5, 2.5, 3, 1]);
    const bytes = histogram(volumeOf(Int8Array.from([-128, 0, 127]), 'int8'), 1);
    expect([bytes.min, bytes.max, bytes.counts[0]]).toEqual([-128, 127, 3]);
  });

  it('puts a constant volume in one bin', () => {
    const h = histogram(volumeOf(new Float32Array(10).fill(3)), 8);
    expect([h.min, h.max, h.counts[0], h.total]).toEqual([3, 3, 10, 10]);
    expect(percentileWindow(h)).toEqual({ low: 3, high: 3 });
  });

  it('samples every stride-th voxel', () => {
    const h = histogram(volumeOf(Float32Array.from({ length: 10 }, (_, i) => i)), 10, 3);
    expect([h.total, h.min, h.max, h.stride]).toEqual([4, 0, 9, 3]);
  });

  it('rejects bad bins and strides', () => {
    expect(() => histogram(volumeOf(new Float32Array(2)), 0)).toThrow(/bins must be a positive integer/);
    expect(() => histogram(volumeOf(new Float32Array(2)), 4, 0.5)).toThrow(/stride must be a positive integer/);
  });
});

describe('sampleStrideFor', () => {
  it('reads every voxel of small volumes and caps the samples of huge ones without aliasing rows', () => {
    expect(sampleStrideFor({ nx: 64, ny: 64, nz: 64 })).toBe(1);
    const huge = { nx: 1024, ny: 1024, nz: 512 };
    const stride = sampleStrideFor(huge, 1 << 22);
    expect(stride).toBe(129); // 128 shares a factor with 1024; 129 does not
    expect(Math.ceil((1024 * 1024 * 512) / stride)).toBeLessThanOrEqual(1 << 22);
  });

  it('samples a row-structured huge volume without bias', () => {
    // Each x-row is 0..nx-1: a stride dividing nx would see a single value.
    const nx = 256;
    const data = new Float32Array(nx * 256 * 8);
    for (let i = 0; i < data.length; i++) data[i] = i % nx;
    const v = volumeOf(data, 'float32', nx, 256, 8);
    // 524288 voxels / 16384 samples → a naive stride of 32, which divides nx.
    const h = histogram(v, 256, sampleStrideFor(v, 16_384));
    expect(h.stride).toBe(33);
    expect(h.counts.filter((c) => c > 0).length).toBe(256);
  });
});

describe('percentileWindow', () => {
  it('finds the percentiles of a uniform distribution', () => {
    const random = createRandom(1);
    const data = Float32Array.from({ length: 200_000 }, () => random.uniform(-10, 10));
    const { low, high } = percentileWindow(histogram(volumeOf(data), 256));
    expect(low).toBeCloseTo(-10 + 20 * 0.005, 1);
    expect(high).toBeCloseTo(-10 + 20 * 0.995, 1);
  });

  it('finds the percentiles of a normal distribution (±2.576 σ for 0.5 / 99.5 %)', () => {
    const random = createRandom(2);
    const data = Float32Array.from({ length: 400_000 }, () => 5 + 2 * random.gaussian());
    const hist = histogram(volumeOf(data), 1024);
    const { low, high } = percentileWindow(hist);
    expect(low).toBeCloseTo(5 - 2.576 * 2, 1);
    expect(high).toBeCloseTo(5 + 2.576 * 2, 1);
    const quartiles = percentileWindow(hist, 25, 75);
    expect(quartiles.low).toBeCloseTo(5 - 0.6745 * 2, 1);
    expect(quartiles.high).toBeCloseTo(5 + 0.6745 * 2, 1);
  });

  it('covers the whole range at 0 and 100 % and rejects inverted percentiles', () => {
    const h = histogram(volumeOf(Float32Array.from([2, 4, 6, 8])), 4);
    expect(percentileWindow(h, 0, 100)).toEqual({ low: 2, high: 8 });
    expect(() => percentileWindow(h, 60, 40)).toThrow(/0 ≤ low ≤ high ≤ 100/);
  });
});
