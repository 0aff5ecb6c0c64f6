import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { normaliseForNetwork } from './normalise.ts';

function meanSd(data: Float32Array) {
  let s = 0;
  let s2 = 0;
  for (const v of data) [s, s2] = [s + v, s2 + v * v];
  const mean = s / data.length;
  return { mean, sd: Math.sqrt(s2 / data.length - mean * mean) };
}

describe('normaliseForNetwork', () => {
  it('gives mean 0 and sd 1 for any offset, scale and dtype', () => {
    const rng = createRandom(1);
    const data = Int16Array.from({ length: 20000 }, () => Math.round(3000 + 250 * rng.gaussian()));
    const out = normaliseForNetwork({ dtype: 'int16', data });
    const { mean, sd } = meanSd(out);
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(sd).toBeCloseTo(1, 5);
  });

  it('clips outliers (gold beads) at 5 sd, then re-standardises', () => {
    const rng = createRandom(2);
    const data = Float32Array.from({ length: 20000 }, (_, i) => (i % 1000 === 0 ? -500 : rng.gaussian()));
    const out = normaliseForNetwork({ dtype: 'float32', data });
    const { mean, sd } = meanSd(out);
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(sd).toBeCloseTo(1, 5);
    expect(Math.min(...out)).toBeGreaterThan(-6.5);
    // Had the beads set the scale, the ordinary voxels would be squashed to sd ≈ 0.06.
    const ordinary = out.filter((_, i) => i % 1000 !== 0);
    expect(meanSd(ordinary).sd).toBeGreaterThan(0.7);
  });

  it('refuses NaN/Inf (naming the count) and constant volumes', () => {
    expect(() => normaliseForNetwork({ dtype: 'float32', data: Float32Array.from([1, NaN, 2, Infinity, -Infinity]) })).toThrow(/3 NaN\/Inf voxel/);
    expect(() => normaliseForNetwork({ dtype: 'uint8', data: new Uint8Array(10).fill(7) })).toThrow(/constant/);
  });
});
