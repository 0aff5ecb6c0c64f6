import { describe, expect, it } from 'vitest';
import { absoluteDeviations, regularSubsample, robustSpread, selectQuantile } from './robust-stats.ts';
import { createRandom } from '../sim/random.ts';

/** What selection replaces: a full sort, then the nearest-rank element. */
function sortedQuantile(values: Float32Array, q: number): number {
  const sorted = values.slice().sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))]!;
}

describe('selectQuantile', () => {
  const random = createRandom(5);
  const cases: [string, Float32Array][] = [
    ['gaussian', Float32Array.from({ length: 10001 }, () => random.gaussian())],
    ['many ties', Float32Array.from({ length: 5000 }, () => Math.floor(random.next() * 7))],
    ['ascending', Float32Array.from({ length: 4096 }, (_, i) => i)],
    ['descending', Float32Array.from({ length: 4096 }, (_, i) => -i)],
    ['constant', new Float32Array(1000).fill(3)],
    ['single', Float32Array.of(2)],
  ];
  it.each(cases)('returns the same element as a full sort (%s)', (_, values) => {
    for (const q of [0, 0.01, 0.25, 0.5, 0.9, 0.99, 1]) expect(selectQuantile(values.slice(), q)).toBe(sortedQuantile(values, q));
  });

  it('is NaN for an empty array', () => {
    expect(selectQuantile(new Float32Array(0), 0.5)).toBeNaN();
  });
});

describe('robustSpread', () => {
  it('equals the sort-based 1.4826 × MAD of the same subsample exactly', () => {
    const random = createRandom(11);
    const data = Float32Array.from({ length: 3_000_000 }, () => 2 * random.gaussian() + (random.next() < 0.01 ? 40 : 0));
    const sample = regularSubsample(data);
    expect(sample.length).toBe(1_500_000); // every 2nd voxel: step ⌊3M / 2^20⌋
    const median = sortedQuantile(sample, 0.5);
    const deviations = sample.map((v) => Math.abs(v - median));
    expect(robustSpread(data)).toBe(1.4826 * sortedQuantile(deviations, 0.5));
    // …and it is the noise's standard deviation, blind to the 1 % of blobs.
    expect(robustSpread(data)).toBeCloseTo(2, 1);
  });

  it('skips NaN voxels', () => {
    const data = Float32Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? NaN : i % 2));
    const { median } = absoluteDeviations(regularSubsample(data));
    expect(median).toBe(1);
    expect(Number.isFinite(robustSpread(data))).toBe(true);
  });
});
